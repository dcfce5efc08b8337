/* sort.c - stable sort by a uint32 key (sort.h): each element's key and
 * index packed in a uint64, so that sorting the packed values is stable by
 * construction; the ascending runs already in the input are merged in
 * pairs until one is left, then the elements are moved once, into their
 * sorted places. Why runs: the arrays sorted here are a few sorted lists
 * written one after another (one per pass that finds units or mentions),
 * so a few merge passes sort them. */
#include "sort.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

size_t ws_sort_scratch(size_t n, size_t size) {
  return 2 * n * sizeof(uint64_t) + (n + 1) * sizeof(uint32_t) + n * size;
}

static uint32_t key_at(const char *base, size_t i, size_t size,
                       size_t key_off) {
  uint32_t k;
  memcpy(&k, base + i * size + key_off, sizeof k);
  return k;
}

/* Merges src[lo, mid) and src[mid, hi) into dst[lo, hi). */
static void merge(const uint64_t *src, uint64_t *dst, size_t lo, size_t mid,
                  size_t hi) {
  size_t i = lo, j = mid, o = lo;
  while (i < mid && j < hi) { /* no branch on the comparison */
    uint64_t x = src[i], y = src[j];
    bool right = y < x;
    dst[o++] = right ? y : x;
    j += right;
    i += !right;
  }
  while (i < mid)
    dst[o++] = src[i++];
  while (j < hi)
    dst[o++] = src[j++];
}

void ws_sort_by_key(void *base, size_t n, size_t size, size_t key_off,
                    void *scratch) {
  char *v = base;
  size_t k = 1;
  while (k < n &&
         key_at(v, k - 1, size, key_off) <= key_at(v, k, size, key_off))
    k++;
  if (k >= n)
    return;
  uint64_t *a = scratch, *b = a + n; /* key << 32 | index: all distinct */
  uint32_t *runs = (uint32_t *)(b + n), nr = 0; /* run starts, then n */
  for (size_t i = 0; i < n; i++) {
    a[i] = (uint64_t)key_at(v, i, size, key_off) << 32 | (uint32_t)i;
    if (i == 0 || a[i] < a[i - 1])
      runs[nr++] = (uint32_t)i;
  }
  runs[nr] = (uint32_t)n;
  while (nr > 1) { /* each pass halves the runs; runs[m] is written behind
                      the reads */
    uint32_t m = 0;
    for (uint32_t r = 0; r < nr; r += 2) {
      if (r + 1 < nr)
        merge(a, b, runs[r], runs[r + 1], runs[r + 2]);
      else
        memcpy(b + runs[r], a + runs[r], (runs[r + 1] - runs[r]) * sizeof *a);
      runs[m++] = runs[r];
    }
    runs[m] = (uint32_t)n;
    nr = m;
    uint64_t *t = a;
    a = b;
    b = t;
  }
  char *out = (char *)(runs + n + 1);
  if (size % 4 == 0) { /* the usual structs: word copies, no memcpy call */
    for (size_t i = 0; i < n; i++) {
      const char *from = v + (uint32_t)a[i] * size;
      for (size_t w = 0; w < size; w += 4)
        memcpy(out + i * size + w, from + w, 4);
    }
  } else {
    for (size_t i = 0; i < n; i++)
      memcpy(out + i * size, v + (uint32_t)a[i] * size, size);
  }
  memcpy(v, out, n * size);
}
