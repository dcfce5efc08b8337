/* test_utf8.c - UTF-8 decoding, codepoint offsets and normalised keys. */
#include "testutil.h"

START_TEST(decode_table) {
  static const struct {
    const char *bytes;
    int32_t cp;
    size_t len;
  } cases[] = {
      {"A", 'A', 1},
      {"\xC3\xA1", 0xE1, 2},
      {"\xE2\x80\x9C", 0x201C, 3},
      {"\xF0\x9F\x98\x80", 0x1F600, 4},
      {"\xC3", -1, 1},
      {"\x80", -1, 1},
      {"\xC0\xAF", -1, 1},
      {"\xED\xA0\x80", -1, 1}, /* surrogate */
      {"\xF5\x80\x80\x80", -1, 1},
      {"\xE2\x28\xA1", -1, 1},
  };
  ARRAY_FOR_EACH(cases, c) {
    int32_t cp;
    size_t n = strlen(c->bytes);
    size_t len = utf8_decode((const unsigned char *)c->bytes, n, 0, &cp);
    ck_assert_msg(cp == c->cp && len == c->len, "%s: cp %d len %zu", c->bytes,
                  cp, len);
  }
}
END_TEST

START_TEST(cp_offsets) {
  /* invalid bytes were replaced by '?' before the map is built */
  static const struct {
    const char *text;
    size_t byte, cp;
  } cases[] = {
      {"abc", 3, 3},
      {"Bogot\xC3\xA1 is", 7, 6},
      {"\xE2\x80\x9CHi\xE2\x80\x9D", 5, 3},
      {"\xF0\x9F\x98\x80x", 4, 1},
  };
  ARRAY_FOR_EACH(cases, c) {
    cpmap m = {0};
    const unsigned char *s = (const unsigned char *)c->text;
    cpmap_build(&m, s, strlen(c->text));
    ck_assert_uint_eq(cpmap_at(&m, s, c->byte), c->cp);
    cpmap_free(&m);
  }
  /* across checkpoint blocks: 100 two-byte letters */
  char buf[256];
  for (int i = 0; i < 100; i++)
    memcpy(buf + 2 * i, "\xC3\xA9", 2);
  cpmap m = {0};
  cpmap_build(&m, (unsigned char *)buf, 200);
  ck_assert_uint_eq(cpmap_at(&m, (unsigned char *)buf, 130), 65);
  ck_assert_uint_eq(cpmap_at(&m, (unsigned char *)buf, 200), 100);
  /* the same map reused: ASCII only (no table), then one two-byte letter
   * at the end, where only the offsets after it change */
  unsigned char a[160];
  memset(a, 'x', sizeof a);
  cpmap_build(&m, a, sizeof a);
  for (size_t i = 0; i <= sizeof a; i++)
    ck_assert_uint_eq(cpmap_at(&m, a, i), i);
  memcpy(a + 150, "\xC3\xA9", 2);
  cpmap_build(&m, a, sizeof a);
  for (size_t i = 0; i <= 150; i++)
    ck_assert_uint_eq(cpmap_at(&m, a, i), i);
  ck_assert_uint_eq(cpmap_at(&m, a, 152), 151);
  ck_assert_uint_eq(cpmap_at(&m, a, 160), 159);
  cpmap_free(&m);
}
END_TEST

START_TEST(norm_keys) {
  static const struct {
    const char *in, *key;
  } cases[] = {
      {"Trump", "trump"},
      {"TRUMP", "trump"},
      {"S\xC3\xA1nchez", "sanchez"},
      {"SU\xC3\x81REZ", "suarez"},
      {"Bogot\xC3\xA1", "bogota"},
      {"O\xE2\x80\x99"
       "Brien",
       "o'brien"},
      {"Jean\xE2\x80\x93Pierre", "jean-pierre"},
      {"U.S.", "u.s."},
      {"Stra\xC3\x9F"
       "e",
       "strasse"},
  };
  ARRAY_FOR_EACH(cases, c) {
    char key[64];
    size_t n = norm_key(c->in, strlen(c->in), key, sizeof key);
    ck_assert_msg(n == strlen(c->key) && memcmp(key, c->key, n) == 0,
                  "%s -> %.*s", c->in, (int)n, key);
  }
  char tiny[2];
  ck_assert_uint_eq(norm_key("abc", 3, tiny, sizeof tiny), 0);
}
END_TEST

int main(void) {
  const feature f[] = {{"decode", decode_table},
                       {"offsets", cp_offsets},
                       {"norm-key", norm_keys}};
  return RUN_FEATURES("utf8", f);
}
