/* alloc.c - allocation wrappers that abort on OOM, the bump arena and the
 * growth policy of VEC arrays. */
#define _DEFAULT_SOURCE /* madvise, MAP_ANONYMOUS */
#include "alloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__unix__)
#include <sys/mman.h>
#endif

static void oom(void) {
  fputs("whosaid: out of memory\n", stderr);
  abort();
}

void *ws_xmalloc(size_t n) {
  void *p = malloc(n ? n : 1);
  if (!p)
    oom();
  return p;
}

void *ws_xcalloc(size_t n, size_t size) {
  void *p = calloc(n ? n : 1, size ? size : 1);
  if (!p)
    oom();
  return p;
}

void *ws_xrealloc(void *p, size_t n) {
  p = realloc(p, n ? n : 1);
  if (!p)
    oom();
  return p;
}

enum { HUGE_PAGE = 2u << 20, BIG_MIN = 1u << 20 };

#if defined(__unix__) && defined(MADV_HUGEPAGE)
static size_t big_size(size_t n) {
  return (n + HUGE_PAGE - 1) & ~(size_t)(HUGE_PAGE - 1);
}

/* Why 2 MB pages: a table of several MB read at random misses the TLB as
 * well as the cache on most lookups, and under a hypervisor a TLB miss is
 * a walk of two page tables. Lookups in the word tables cost about half as
 * much on huge pages (measured with perf on the 23 MB bench). */
void *ws_big_calloc(size_t n) {
  if (n < BIG_MIN)
    return ws_xcalloc(1, n);
  size_t size = big_size(n);
  char *p = mmap(NULL, size + HUGE_PAGE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    oom();
  /* keep only the 2 MB aligned part of the mapping */
  char *a =
      (char *)(((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
  if (a > p)
    munmap(p, (size_t)(a - p));
  if (a + size < p + size + HUGE_PAGE)
    munmap(a + size, (size_t)(p + size + HUGE_PAGE - (a + size)));
  madvise(a, size, MADV_HUGEPAGE); /* a hint: ignored where unsupported */
  return a;
}

void ws_big_free(void *p, size_t n) {
  if (!p)
    return;
  if (n < BIG_MIN)
    free(p);
  else
    munmap(p, big_size(n));
}
#else
void *ws_big_calloc(size_t n) { return ws_xcalloc(1, n); }
void ws_big_free(void *p, size_t n) {
  (void)n;
  free(p);
}
#endif

char *ws_xstrndup(const char *s, size_t n) {
  char *d = ws_xmalloc(n + 1);
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

struct arena_block {
  arena_block *next;
  size_t size, used;
  max_align_t data[];
};

enum { ARENA_MIN_BLOCK = 64 * 1024 };

static arena_block *block_new(size_t need) {
  size_t size = need > ARENA_MIN_BLOCK ? need : ARENA_MIN_BLOCK;
  arena_block *b = ws_xmalloc(sizeof *b + size);
  b->next = NULL;
  b->size = size;
  b->used = 0;
  return b;
}

void *arena_alloc(ws_arena *a, size_t n) {
  n = (n + 15) & ~(size_t)15;
  if (!a->head || a->head->size - a->head->used < n) {
    arena_block *b = a->full, **prev = &a->full;
    while (b && b->size < n) { /* reuse a kept block that is big enough */
      prev = &b->next;
      b = b->next;
    }
    if (b)
      *prev = b->next;
    else
      b = block_new(n);
    b->used = 0;
    b->next = a->head; /* blocks behind head are full; reset() revives them */
    a->head = b;
  }
  void *p = (char *)a->head->data + a->head->used;
  a->head->used += n;
  return p;
}

char *arena_strndup(ws_arena *a, const char *s, size_t n) {
  char *d = arena_alloc(a, n + 1);
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

void arena_reset(ws_arena *a) {
  arena_block *b = a->head;
  while (b) { /* the chain behind head is the retired blocks */
    arena_block *next = b->next;
    b->used = 0;
    b->next = a->full;
    a->full = b;
    b = next;
  }
  a->head = NULL;
}

void arena_free(ws_arena *a) {
  arena_reset(a);
  arena_block *b = a->full;
  while (b) {
    arena_block *next = b->next;
    free(b);
    b = next;
  }
  a->full = NULL;
}

void vec_grow(void **v, size_t *cap, size_t need, size_t elsize) {
  size_t c = *cap ? *cap : 16;
  while (c < need)
    c *= 2;
  if (c > SIZE_MAX / elsize)
    oom();
  *v = ws_xrealloc(*v, c * elsize);
  *cap = c;
}
