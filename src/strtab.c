/* strtab.c - string interning with an open-addressing hash table. */
#include "strtab.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

/* FNV-1a over 8-byte words then a final mix: short keys (words) dominate. */
uint64_t ws_hash(const void *p, size_t n) {
  const unsigned char *s = p;
  uint64_t h = 0xcbf29ce484222325ULL ^ (n * 0x9E3779B97F4A7C15ULL);
  while (n >= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = (h ^ w) * 0x100000001b3ULL;
    h ^= h >> 29;
    s += 8;
    n -= 8;
  }
  while (n--) {
    h = (h ^ *s++) * 0x100000001b3ULL;
  }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return h;
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
