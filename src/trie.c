/* trie.c - hashed token trie: edges in one hash table keyed by (node, word). */
#include "trie.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static inline uint32_t slot_of(uint64_t key, uint32_t mask) {
  key *= 0x9E3779B97F4A7C15ULL;
  return (uint32_t)(key >> 32) & mask;
}

void trie_init(trie *t) {
  memset(t, 0, sizeof *t);
  t->mask = 4095;
  t->keys = ws_xcalloc(t->mask + 1, sizeof *t->keys);
  t->vals = ws_xcalloc(t->mask + 1, sizeof *t->vals);
  t->cap_nodes = 1024;
  t->first_entry = ws_xmalloc(t->cap_nodes * sizeof *t->first_entry);
  t->first_entry[0] = TRIE_NONE;
  t->n_nodes = 1;
}

void trie_free(trie *t) {
  free(t->keys);
  free(t->vals);
  free(t->first_entry);
  memset(t, 0, sizeof *t);
}

uint32_t trie_step(const trie *t, uint32_t node, uint32_t word) {
  uint64_t key = ((uint64_t)node << 32 | word) + 1;
  for (uint32_t i = slot_of(key, t->mask);; i = (i + 1) & t->mask) {
    if (t->keys[i] == key)
      return t->vals[i];
    if (!t->keys[i])
      return TRIE_NONE;
  }
}

static void grow(trie *t) {
  uint32_t mask = t->mask * 2 + 1;
  uint64_t *keys = ws_xcalloc((size_t)mask + 1, sizeof *keys);
  uint32_t *vals = ws_xcalloc((size_t)mask + 1, sizeof *vals);
  for (uint32_t i = 0; i <= t->mask; i++) {
    if (!t->keys[i])
      continue;
    uint32_t j = slot_of(t->keys[i], mask);
    while (keys[j])
      j = (j + 1) & mask;
    keys[j] = t->keys[i];
    vals[j] = t->vals[i];
  }
  free(t->keys);
  free(t->vals);
  t->keys = keys;
  t->vals = vals;
  t->mask = mask;
}

uint32_t trie_add_step(trie *t, uint32_t node, uint32_t word) {
  uint32_t child = trie_step(t, node, word);
  if (child != TRIE_NONE)
    return child;
  if ((size_t)(t->n_edges + 1) * 2 > (size_t)t->mask + 1)
    grow(t);
  if (t->n_nodes == t->cap_nodes) {
    t->cap_nodes *= 2;
    t->first_entry = ws_xrealloc(t->first_entry,
                                 t->cap_nodes * sizeof *t->first_entry);
  }
  child = t->n_nodes++;
  t->first_entry[child] = TRIE_NONE;
  uint64_t key = ((uint64_t)node << 32 | word) + 1;
  uint32_t i = slot_of(key, t->mask);
  while (t->keys[i])
    i = (i + 1) & t->mask;
  t->keys[i] = key;
  t->vals[i] = child;
  t->n_edges++;
  return child;
}
