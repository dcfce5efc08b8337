/* sort.h - a stable sort for the pipeline's small arrays (mentions, speaker
 * units) by a uint32 field. Why not qsort: qsort need not be stable, so the
 * order of equal elements, and with it the output, could change with the C
 * library; and a call per comparison and a memcpy of a whole element per
 * move were a visible share of the run. */
#ifndef WS_SORT_H
#define WS_SORT_H

#include <stddef.h>

/* The scratch bytes ws_sort_by_key needs for n elements of size bytes. */
size_t ws_sort_scratch(size_t n, size_t size);

/* Sorts base[0, n) of elements of size bytes by the uint32_t at byte
 * key_off of each, keeping equal elements in their order. scratch holds
 * ws_sort_scratch(n, size) bytes, aligned for uint64_t. Already sorted
 * input (the common case) costs one pass. */
void ws_sort_by_key(void *base, size_t n, size_t size, size_t key_off,
                    void *scratch);

#endif
