/* sort.c - stable sort by a uint32 key (sort.h): each element's key and
 * index packed in a uint64, so that sorting the packed values (insertion
 * on runs of 16, then bottom-up merges) is stable by construction; then
 * the elements are moved once, into their sorted places. */
#include "sort.h"

#include <stdint.h>
#include <string.h>

enum { RUN = 16 };

size_t ws_sort_scratch(size_t n, size_t size) {
  return 2 * n * sizeof(uint64_t) + n * size;
}

static uint32_t key_at(const char *base, size_t i, size_t size,
                       size_t key_off) {
  uint32_t k;
  memcpy(&k, base + i * size + key_off, sizeof k);
  return k;
}

static void insertion(uint64_t *a, size_t n) {
  for (size_t i = 1; i < n; i++) {
    uint64_t x = a[i];
    size_t j = i;
    for (; j > 0 && a[j - 1] > x; j--)
      a[j] = a[j - 1];
    a[j] = x;
  }
}

/* Merges src[lo, mid) and src[mid, hi) into dst[lo, hi). */
static void merge(const uint64_t *src, uint64_t *dst, size_t lo, size_t mid,
                  size_t hi) {
  size_t i = lo, j = mid, o = lo;
  while (i < mid && j < hi)
    dst[o++] = src[j] < src[i] ? src[j++] : src[i++];
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
  for (size_t i = 0; i < n; i++)
    a[i] = (uint64_t)key_at(v, i, size, key_off) << 32 | (uint32_t)i;
  for (size_t lo = 0; lo < n; lo += RUN)
    insertion(a + lo, n - lo < RUN ? n - lo : RUN);
  for (size_t w = RUN; w < n; w *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n;
      size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
      merge(a, b, lo, mid, hi);
    }
    uint64_t *t = a;
    a = b;
    b = t;
  }
  char *out = (char *)((uint64_t *)scratch + 2 * n);
  for (size_t i = 0; i < n; i++)
    memcpy(out + i * size, v + (uint32_t)a[i] * size, size);
  memcpy(v, out, n * size);
}
