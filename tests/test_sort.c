/* test_sort.c - the stable sort by a uint32 key: order by key, ties in
 * input order, the whole element carried along, for sorted, reversed and
 * random inputs, and several sorted lists one after another (the arrays
 * the pipeline sorts), around the merge sizes. */
#include "sort.h"
#include "testutil.h"

typedef struct {
  uint32_t key, seq;
  char pad[40]; /* elements the size of a mention */
} item;

static void check_sorted(const item *v, size_t n, const char *what) {
  for (size_t i = 1; i < n; i++) {
    ck_assert_msg(v[i - 1].key <= v[i].key, "%s n=%zu: key order at %zu", what,
                  n, i);
    if (v[i - 1].key == v[i].key)
      ck_assert_msg(v[i - 1].seq < v[i].seq, "%s n=%zu: tie order at %zu", what,
                    n, i);
  }
}

START_TEST(orders) {
  static const size_t sizes[] = {0,  1,  2,  15,  16,  17,
                                 31, 33, 64, 100, 257, 1000};
  uint32_t rng = 12345;
  ARRAY_FOR_EACH(sizes, np) {
    size_t n = *np;
    item *v = calloc(n + 1, sizeof *v);
    void *tmp = malloc(ws_sort_scratch(n + 1, sizeof *v));
    for (int shape = 0; shape < 5; shape++) {
      for (size_t i = 0; i < n; i++) {
        rng = rng * 1103515245u + 12345u;
        uint32_t r = rng >> 16;
        v[i].key = shape == 0   ? (uint32_t)i                 /* sorted */
                   : shape == 1 ? (uint32_t)(n - i)           /* reversed */
                   : shape == 2 ? r % 7                       /* many ties */
                   : shape == 3 ? (uint32_t)(i % 50) + r % 3  /* runs */
                                : (uint32_t)(i % (n / 5 + 1)) * 3 +
                                      (uint32_t)(i / (n / 5 + 1)) % 2; /* lists */
        v[i].seq = (uint32_t)i;
        snprintf(v[i].pad, sizeof v[i].pad, "%u/%u", v[i].key, v[i].seq);
      }
      ws_sort_by_key(v, n, sizeof *v, offsetof(item, key), tmp);
      check_sorted(v, n, "shape");
      char *seen = calloc(n + 1, 1); /* a permutation of the input */
      for (size_t i = 0; i < n; i++) {
        ck_assert_uint_lt(v[i].seq, n);
        ck_assert(!seen[v[i].seq]);
        char pad[40]; /* the rest of the element moved with its key */
        snprintf(pad, sizeof pad, "%u/%u", v[i].key, v[i].seq);
        ck_assert_str_eq(v[i].pad, pad);
        seen[v[i].seq] = 1;
      }
      free(seen);
    }
    free(v);
    free(tmp);
  }
}
END_TEST

/* Elements of 7 bytes (not a multiple of 4: the byte-copy path), the key
 * unaligned at byte 1, the other bytes carried along. */
START_TEST(odd_size) {
  enum { N = 101, SIZE = 7 };
  unsigned char v[N * SIZE];
  void *tmp = malloc(ws_sort_scratch(N, SIZE));
  for (uint32_t i = 0; i < N; i++) {
    uint32_t key = (i * 37) % 11;
    v[i * SIZE] = (unsigned char)i;
    memcpy(v + i * SIZE + 1, &key, 4);
    v[i * SIZE + 5] = (unsigned char)(key + 1);
    v[i * SIZE + 6] = (unsigned char)~i;
  }
  ws_sort_by_key(v, N, SIZE, 1, tmp);
  uint32_t prev_key = 0, prev_seq = 0;
  for (uint32_t i = 0; i < N; i++) {
    uint32_t key, seq = v[i * SIZE];
    memcpy(&key, v + i * SIZE + 1, 4);
    ck_assert_uint_eq(v[i * SIZE + 5], key + 1);
    ck_assert_uint_eq(v[i * SIZE + 6], (unsigned char)~seq);
    if (i > 0) {
      ck_assert_uint_le(prev_key, key);
      if (prev_key == key)
        ck_assert_uint_lt(prev_seq, seq);
    }
    prev_key = key;
    prev_seq = seq;
  }
  free(tmp);
}
END_TEST

int main(void) {
  const feature f[] = {{"orders", orders}, {"odd_size", odd_size}};
  return RUN_FEATURES("sort", f);
}
