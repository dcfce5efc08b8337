/* trie.h - hashed token trie for phrase lookup over token sequences.
 *
 * Why: gazetteer names are phrases of words ("Secretary of State"). Each word
 * is interned once (strtab), so a phrase is a sequence of uint32 ids and a
 * trie edge is the pair (node, word id). All edges live in one open-addressing
 * hash table keyed by that pair, which keeps the trie compact (no per-node
 * child arrays) and makes each step one probe. Matching walks from each token
 * as far as edges exist and remembers the last node that ends an entry, which
 * gives leftmost-longest phrase matches in O(tokens x phrase length). */
#ifndef WS_TRIE_H
#define WS_TRIE_H

#include <stdint.h>

#define TRIE_ROOT 0u
#define TRIE_NONE UINT32_MAX

typedef struct {
  uint64_t key; /* (node << 32 | word) + 1, 0 = empty */
  uint32_t child;
} trie_slot; /* key and child side by side: one cache miss per step */

typedef struct {
  trie_slot *slots;
  uint32_t mask, n_edges;
  uint32_t *first_entry; /* node -> first entry id ending here, or NONE */
  uint8_t *has_child;    /* node -> any edge out of it (saves a probe) */
  uint32_t n_nodes, cap_nodes;
} trie;

void trie_init(trie *t);
void trie_free(trie *t);
/* Node reached from `node` by `word`, or TRIE_NONE. */
uint32_t trie_step(const trie *t, uint32_t node, uint32_t word);
/* The edge key of (node, word) and its home slot. */
static inline uint64_t trie_key(uint32_t node, uint32_t word) {
  return ((uint64_t)node << 32 | word) + 1;
}
static inline uint32_t trie_slot_of(uint64_t key, uint32_t mask) {
  key *= 0x9E3779B97F4A7C15ULL;
  return (uint32_t)(key >> 32) & mask;
}
/* Starts loading the slot trie_step(t, node, word) probes first. */
static inline void trie_prefetch(const trie *t, uint32_t node, uint32_t word) {
  __builtin_prefetch(&t->slots[trie_slot_of(trie_key(node, word), t->mask)]);
}
/* Node reached from `node` by `word`, created if missing. */
uint32_t trie_add_step(trie *t, uint32_t node, uint32_t word);

#endif
