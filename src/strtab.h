/* strtab.h - string interning: maps byte strings to dense uint32 ids with an
 * open-addressing hash table. Ids index per-word data (lexicon flags, trie
 * edges), so a token is looked up once and everything else is array access. */
#ifndef WS_STRTAB_H
#define WS_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#define STR_NONE UINT32_MAX

typedef struct {
  uint32_t off, len; /* the string's place in the pool */
} strtab_span;

/* Why tagged slots: the word table is a few MB, so each memory access in a
 * lookup is likely a cache miss. A slot holds the id and the top half of the
 * hash, so a probe rejects other strings without touching them and a hit
 * costs the slot, the span and the bytes. */
typedef struct {
  char *pool; /* all strings, NUL-terminated, back to back */
  size_t pool_len, pool_cap;
  strtab_span *span; /* id -> place in pool */
  uint32_t n, cap;   /* ids in use / allocated */
  uint64_t *slots;   /* (hash >> 32) << 32 | (id + 1); 0 = empty */
  uint32_t mask;
} strtab;

uint64_t ws_hash(const void *p, size_t n);

void strtab_init(strtab *t);
void strtab_free(strtab *t);
/* Forget every string but keep the memory (per-document tables). */
void strtab_clear(strtab *t);
uint32_t strtab_find(const strtab *t, const char *s, size_t n);
uint32_t strtab_find_h(const strtab *t, const char *s, size_t n, uint64_t h);
/* Returns the existing id or adds the string. */
uint32_t strtab_intern(strtab *t, const char *s, size_t n);
static inline const char *strtab_str(const strtab *t, uint32_t id) {
  return t->pool + t->span[id].off;
}

#endif
