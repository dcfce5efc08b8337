/* sort.c - stable merge sort (sort.h): insertion sort on runs of 16, then
 * bottom-up merges between the array and the scratch buffer. */
#include "sort.h"

#include <string.h>

enum { RUN = 16 };

static void insertion(char *a, size_t n, size_t size, ws_cmp cmp, char *tmp) {
  for (size_t i = 1; i < n; i++) {
    size_t j = i;
    if (cmp(a + (j - 1) * size, a + j * size) <= 0)
      continue;
    memcpy(tmp, a + i * size, size);
    while (j > 0 && cmp(a + (j - 1) * size, tmp) > 0) {
      memcpy(a + j * size, a + (j - 1) * size, size);
      j--;
    }
    memcpy(a + j * size, tmp, size);
  }
}

/* Merges src[lo, mid) and src[mid, hi) into dst[lo, hi); ties from the
 * left run first. */
static void merge(const char *src, char *dst, size_t lo, size_t mid, size_t hi,
                  size_t size, ws_cmp cmp) {
  size_t i = lo, j = mid, o = lo;
  while (i < mid && j < hi) {
    if (cmp(src + j * size, src + i * size) < 0)
      memcpy(dst + o++ * size, src + j++ * size, size);
    else
      memcpy(dst + o++ * size, src + i++ * size, size);
  }
  memcpy(dst + o * size, src + i * size, (mid - i) * size);
  o += mid - i;
  memcpy(dst + o * size, src + j * size, (hi - j) * size);
}

void ws_stable_sort(void *base, size_t n, size_t size, ws_cmp cmp,
                    void *scratch) {
  char *a = base, *b = scratch;
  size_t k = 1;
  while (k < n && cmp(a + (k - 1) * size, a + k * size) <= 0)
    k++;
  if (k >= n)
    return;
  for (size_t lo = 0; lo < n; lo += RUN)
    insertion(a + lo * size, n - lo < RUN ? n - lo : RUN, size, cmp, b);
  for (size_t w = RUN; w < n; w *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n;
      size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
      merge(a, b, lo, mid, hi, size, cmp);
    }
    char *t = a;
    a = b;
    b = t;
  }
  if (a != base)
    memcpy(base, a, n * size);
}
