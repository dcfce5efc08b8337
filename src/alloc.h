/* alloc.h - abort-on-OOM allocation wrappers, a per-document bump arena and
 * growable arrays. No globals: every arena lives inside the object using it. */
#ifndef WS_ALLOC_H
#define WS_ALLOC_H

#include <stddef.h>

void *ws_xmalloc(size_t n);
void *ws_xcalloc(size_t n, size_t size);
void *ws_xrealloc(void *p, size_t n);
char *ws_xstrndup(const char *s, size_t n);
/* Zeroed memory for a large table read at random, on huge pages where the
 * system offers them; free it with ws_big_free and the same size. */
void *ws_big_calloc(size_t n);
void ws_big_free(void *p, size_t n);

/* Bump allocator: blocks are kept across resets, so a ws_doc reused for many
 * documents stops allocating once it has seen its largest document. */
typedef struct arena_block arena_block;
typedef struct {
  arena_block *head; /* block being filled */
  arena_block *full; /* blocks already filled, reused after a reset */
} ws_arena;

void *arena_alloc(ws_arena *a, size_t n);
char *arena_strndup(ws_arena *a, const char *s, size_t n);
void arena_reset(ws_arena *a);
void arena_free(ws_arena *a);

/* Growable array: VEC(T) v = {0}; *VEC_PUSH(v) = x; free(v.v). */
#define VEC(T)                                                                 \
  struct {                                                                     \
    T *v;                                                                      \
    size_t n, cap;                                                             \
  }
void vec_grow(void **v, size_t *cap, size_t need, size_t elsize);
#define VEC_RESERVE(vec, need)                                                 \
  ((need) > (vec).cap                                                          \
       ? vec_grow((void **)&(vec).v, &(vec).cap, (need), sizeof *(vec).v)      \
       : (void)0)
#define VEC_PUSH(vec) (VEC_RESERVE(vec, (vec).n + 1), &(vec).v[(vec).n++])

#endif
