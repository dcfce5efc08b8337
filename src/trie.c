/* trie.c - hashed token trie: edges in one hash table keyed by (node, word). */
#include "trie.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"

void trie_init(trie *t) {
  memset(t, 0, sizeof *t);
  t->mask = 4095;
  t->slots = ws_big_calloc(((size_t)t->mask + 1) * sizeof *t->slots);
  t->cap_nodes = 1024;
  t->first_entry = ws_xmalloc(t->cap_nodes * sizeof *t->first_entry);
  t->has_child = ws_xmalloc(t->cap_nodes * sizeof *t->has_child);
  t->first_entry[0] = TRIE_NONE;
  t->has_child[0] = 0;
  t->n_nodes = 1;
}

void trie_free(trie *t) {
  if (t->slots)
    ws_big_free(t->slots, ((size_t)t->mask + 1) * sizeof *t->slots);
  free(t->first_entry);
  free(t->has_child);
  memset(t, 0, sizeof *t);
}

uint32_t trie_step(const trie *t, uint32_t node, uint32_t word) {
  uint64_t key = trie_key(node, word);
  for (uint32_t i = trie_slot_of(key, t->mask);; i = (i + 1) & t->mask) {
    if (t->slots[i].key == key)
      return t->slots[i].child;
    if (!t->slots[i].key)
      return TRIE_NONE;
  }
}

static void grow(trie *t) {
  uint32_t mask = t->mask * 2 + 1;
  trie_slot *slots = ws_big_calloc(((size_t)mask + 1) * sizeof *slots);
  for (uint32_t i = 0; i <= t->mask; i++) {
    if (!t->slots[i].key)
      continue;
    uint32_t j = trie_slot_of(t->slots[i].key, mask);
    while (slots[j].key)
      j = (j + 1) & mask;
    slots[j] = t->slots[i];
  }
  ws_big_free(t->slots, ((size_t)t->mask + 1) * sizeof *t->slots);
  t->slots = slots;
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
    t->first_entry =
        ws_xrealloc(t->first_entry, t->cap_nodes * sizeof *t->first_entry);
    t->has_child =
        ws_xrealloc(t->has_child, t->cap_nodes * sizeof *t->has_child);
  }
  child = t->n_nodes++;
  t->first_entry[child] = TRIE_NONE;
  t->has_child[child] = 0;
  t->has_child[node] = 1;
  uint64_t key = trie_key(node, word);
  uint32_t i = trie_slot_of(key, t->mask);
  while (t->slots[i].key)
    i = (i + 1) & t->mask;
  t->slots[i].key = key;
  t->slots[i].child = child;
  t->n_edges++;
  return child;
}
