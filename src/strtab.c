/* strtab.c - string interning with an open-addressing hash table. */
#include "strtab.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static inline uint64_t read32(const unsigned char *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

static inline uint64_t read64(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* 64x64 -> 128-bit multiply, halves folded: a fast, well-mixing step. */
__extension__ typedef unsigned __int128 u128; /* gcc and clang */
static inline uint64_t fold_mul(uint64_t a, uint64_t b) {
  u128 r = (u128)a * b;
  return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/* Why this shape: keys are mostly words of 2-12 bytes, so short keys are
 * read with a few overlapping loads instead of a byte loop. */
uint64_t ws_hash(const void *p, size_t n) {
  const unsigned char *s = p;
  const uint64_t k0 = 0xa0761d6478bd642fULL, k1 = 0xe7037ed1a0b428dbULL;
  uint64_t a, b, h = k0 ^ n;
  if (n <= 16) {
    if (n >= 4) {
      size_t mid = (n >> 3) << 2; /* 0 for n < 8, else 4 */
      a = read32(s) << 32 | read32(s + mid);
      b = read32(s + n - 4) << 32 | read32(s + n - 4 - mid);
    } else if (n > 0) {
      a = (uint64_t)s[0] << 16 | (uint64_t)s[n >> 1] << 8 | s[n - 1];
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    while (n > 16) {
      h = fold_mul(read64(s) ^ k1, read64(s + 8) ^ h);
      s += 16;
      n -= 16;
    }
    a = read64(s + n - 16);
    b = read64(s + n - 8);
  }
  return fold_mul(k1 ^ n, fold_mul(a ^ k1, b ^ h));
}

void strtab_init(strtab *t) {
  memset(t, 0, sizeof *t);
  t->mask = 1023;
  t->slots = ws_xcalloc(t->mask + 1, sizeof *t->slots);
}

void strtab_free(strtab *t) {
  free(t->pool);
  free(t->off);
  free(t->len);
  free(t->hash);
  free(t->slots);
  memset(t, 0, sizeof *t);
}

void strtab_clear(strtab *t) {
  if (t->n)
    memset(t->slots, 0, ((size_t)t->mask + 1) * sizeof *t->slots);
  t->n = 0;
  t->pool_len = 0;
}

uint32_t strtab_find_h(const strtab *t, const char *s, size_t n, uint64_t h) {
  for (uint32_t i = (uint32_t)h & t->mask;; i = (i + 1) & t->mask) {
    uint32_t v = t->slots[i];
    if (!v)
      return STR_NONE;
    v--;
    if (t->hash[v] == h && t->len[v] == n &&
        memcmp(t->pool + t->off[v], s, n) == 0)
      return v;
  }
}

uint32_t strtab_find(const strtab *t, const char *s, size_t n) {
  return strtab_find_h(t, s, n, ws_hash(s, n));
}

static void rehash(strtab *t) {
  uint32_t mask = t->mask * 2 + 1;
  uint32_t *slots = ws_xcalloc((size_t)mask + 1, sizeof *slots);
  for (uint32_t id = 0; id < t->n; id++) {
    uint32_t i = (uint32_t)t->hash[id] & mask;
    while (slots[i])
      i = (i + 1) & mask;
    slots[i] = id + 1;
  }
  free(t->slots);
  t->slots = slots;
  t->mask = mask;
}

uint32_t strtab_intern(strtab *t, const char *s, size_t n) {
  uint64_t h = ws_hash(s, n);
  uint32_t id = strtab_find_h(t, s, n, h);
  if (id != STR_NONE)
    return id;
  if ((size_t)(t->n + 1) * 2 > (size_t)t->mask + 1)
    rehash(t);
  if (t->n == t->cap) {
    t->cap = t->cap ? t->cap * 2 : 1024;
    t->off = ws_xrealloc(t->off, t->cap * sizeof *t->off);
    t->len = ws_xrealloc(t->len, t->cap * sizeof *t->len);
    t->hash = ws_xrealloc(t->hash, t->cap * sizeof *t->hash);
  }
  if (t->pool_len + n + 1 > t->pool_cap) {
    while (t->pool_len + n + 1 > t->pool_cap)
      t->pool_cap = t->pool_cap ? t->pool_cap * 2 : 65536;
    t->pool = ws_xrealloc(t->pool, t->pool_cap);
  }
  memcpy(t->pool + t->pool_len, s, n);
  t->pool[t->pool_len + n] = '\0';
  id = t->n++;
  t->off[id] = (uint32_t)t->pool_len;
  t->len[id] = (uint32_t)n;
  t->hash[id] = h;
  t->pool_len += n + 1;
  uint32_t i = (uint32_t)h & t->mask;
  while (t->slots[i])
    i = (i + 1) & t->mask;
  t->slots[i] = id + 1;
  return id;
}
