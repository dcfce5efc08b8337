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
  free(t->span);
  free(t->slots);
  memset(t, 0, sizeof *t);
}

static inline uint64_t tag_of(uint64_t h) { return h & 0xFFFFFFFF00000000ULL; }

/* Why not always memset: a document's table has a few strings in 1024
 * slots or more, and clearing them all for each document was a visible
 * share of the time. Each string's slot is found again from its hash; it
 * is in the run from its home slot, whatever was cleared before it. */
void strtab_clear(strtab *t) {
  if ((size_t)t->n * 16 > (size_t)t->mask + 1) {
    memset(t->slots, 0, ((size_t)t->mask + 1) * sizeof *t->slots);
  } else {
    for (uint32_t id = 0; id < t->n; id++) {
      uint64_t h = ws_hash(t->pool + t->span[id].off, t->span[id].len);
      uint64_t want = tag_of(h) | (id + 1);
      uint32_t i = (uint32_t)h & t->mask;
      while (t->slots[i] != want)
        i = (i + 1) & t->mask;
      t->slots[i] = 0;
    }
  }
  t->n = 0;
  t->pool_len = 0;
}

uint32_t strtab_find_h(const strtab *t, const char *s, size_t n, uint64_t h) {
  uint64_t tag = tag_of(h);
  for (uint32_t i = (uint32_t)h & t->mask;; i = (i + 1) & t->mask) {
    uint64_t v = t->slots[i];
    if (!v)
      return STR_NONE;
    if (tag_of(v) != tag)
      continue;
    uint32_t id = (uint32_t)v - 1;
    const strtab_span *sp = &t->span[id];
    if (sp->len == n && memcmp(t->pool + sp->off, s, n) == 0)
      return id;
  }
}

uint32_t strtab_find(const strtab *t, const char *s, size_t n) {
  return strtab_find_h(t, s, n, ws_hash(s, n));
}

static void put_slot(uint64_t *slots, uint32_t mask, uint64_t h, uint32_t id) {
  uint32_t i = (uint32_t)h & mask;
  while (slots[i])
    i = (i + 1) & mask;
  slots[i] = tag_of(h) | (id + 1);
}

static void rehash(strtab *t) {
  uint32_t mask = t->mask * 2 + 1;
  uint64_t *slots = ws_xcalloc((size_t)mask + 1, sizeof *slots);
  for (uint32_t id = 0; id < t->n; id++)
    put_slot(slots, mask, ws_hash(t->pool + t->span[id].off, t->span[id].len),
             id);
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
    t->span = ws_xrealloc(t->span, t->cap * sizeof *t->span);
  }
  if (t->pool_len + n + 1 > t->pool_cap) {
    while (t->pool_len + n + 1 > t->pool_cap)
      t->pool_cap = t->pool_cap ? t->pool_cap * 2 : 65536;
    t->pool = ws_xrealloc(t->pool, t->pool_cap);
  }
  memcpy(t->pool + t->pool_len, s, n);
  t->pool[t->pool_len + n] = '\0';
  id = t->n++;
  t->span[id] = (strtab_span){(uint32_t)t->pool_len, (uint32_t)n};
  t->pool_len += n + 1;
  put_slot(t->slots, t->mask, h, id);
  return id;
}
