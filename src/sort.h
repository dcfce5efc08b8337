/* sort.h - a stable sort for the pipeline's small arrays (mentions, speaker
 * units). Why not qsort: qsort need not be stable, so the order of equal
 * elements, and with it the output, could change with the C library. */
#ifndef WS_SORT_H
#define WS_SORT_H

#include <stddef.h>

typedef int (*ws_cmp)(const void *, const void *);

/* Sorts base[0, n) of elements of size bytes, keeping equal elements in
 * their order. scratch must hold n elements. Already sorted input (the
 * common case) costs one pass. */
void ws_stable_sort(void *base, size_t n, size_t size, ws_cmp cmp,
                    void *scratch);

#endif
