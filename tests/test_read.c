/* test_read.c - the JSON Lines fast path (record_scan.c): which records it
 * takes, what it unescapes, what it leaves to jansson, and agreement with
 * jansson on every case (fuzz/rec_oracle.h). */
#include "../fuzz/rec_oracle.h"
#include "testutil.h"

#define DECLINE (-1)

static const struct {
  const char *line;
  int found; /* REC_* mask, or DECLINE */
  const char *text, *id;
} cases[] = {
    {"{\"id\":\"a\",\"text\":\"Hello\"}", REC_TEXT | REC_ID, "Hello", "a"},
    {"  { \"text\" : \"x\" , \"id\" : \"b\" }  ", REC_TEXT | REC_ID, "x", "b"},
    {"{\"text\":\"\"}", REC_TEXT, "", NULL},
    {"{\"id\":\"only\"}", REC_ID, NULL, "only"},
    {"{}", 0, NULL, NULL},
    {"{\"title\":\"T\",\"text\":\"body\",\"url\":\"u\"}", REC_TEXT, "body",
     NULL},
    {"{\"text\":\"first\",\"text\":\"second\"}", REC_TEXT, "second", NULL},
    /* the ASCII flag is the last text value's, whatever other fields hold */
    {"{\"text\":\"caf\xc3\xa9\",\"text\":\"x\"}", REC_TEXT, "x", NULL},
    {"{\"text\":\"x\",\"text\":\"\\u00e9\"}", REC_TEXT, "\xc3\xa9", NULL},
    {"{\"id\":\"\xc3\xa9\",\"text\":\"x\"}", REC_TEXT | REC_ID, "x",
     "\xc3\xa9"},
    {"{\"text\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"}", REC_TEXT,
     "a\"b\\c/d\b\f\n\r\t", NULL},
    {"{\"text\":\"caf\\u00e9 \\u201cq\\u201d\"}", REC_TEXT,
     "caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d", NULL},
    {"{\"text\":\"\\ud83d\\ude00\"}", REC_TEXT, "\xf0\x9f\x98\x80", NULL},
    {"{\"text\":\"caf\xc3\xa9\"}", REC_TEXT, "caf\xc3\xa9", NULL},
    {"{\"text\":\"\\u0041\\u00\"}", DECLINE, NULL, NULL},
    {"{\"text\":\"\\ud83d\"}", DECLINE, NULL, NULL},       /* lone high */
    {"{\"text\":\"\\ude00\"}", DECLINE, NULL, NULL},       /* lone low */
    {"{\"text\":\"\\q\"}", DECLINE, NULL, NULL},           /* bad escape */
    {"{\"text\":\"a\tb\"}", DECLINE, NULL, NULL},          /* raw control */
    {"{\"text\":\"bad \xff byte\"}", DECLINE, NULL, NULL}, /* invalid UTF-8 */
    {"{\"text\":\"\xed\xa0\x80\"}", DECLINE, NULL,
     NULL},                                             /* encoded surrogate */
    {"{\"id\":7,\"text\":\"x\"}", DECLINE, NULL, NULL}, /* number: jansson */
    {"{\"text\":\"x\",\"meta\":{\"a\":1}}", DECLINE, NULL, NULL},
    {"{\"te\\u0078t\":\"x\"}", DECLINE, NULL, NULL}, /* escaped key */
    {"{\"text\":\"x\"", DECLINE, NULL, NULL},
    {"{\"text\":\"x\"} trailing", DECLINE, NULL, NULL},
    {"{\"text\":\"x\",}", DECLINE, NULL, NULL},
    {"{\"text\" \"x\"}", DECLINE, NULL, NULL},
    {"[\"text\"]", DECLINE, NULL, NULL},
    {"\"text\"", DECLINE, NULL, NULL},
    {"{\"text\":\"unterminated}", DECLINE, NULL, NULL},
};

START_TEST(fast_path_table) {
  rec_buf text = {0}, id = {0};
  ARRAY_FOR_EACH(cases, c) {
    int r = rec_scan(c->line, strlen(c->line), "text", "id", &text, &id);
    int want = c->found; /* and what the text's bytes say of it */
    if (want >= 0 && (want & REC_TEXT))
      want |= rec_text_bits(c->text, strlen(c->text));
    ck_assert_msg(r == want, "%s: got %d, want %d", c->line, r, want);
    if (r >= 0 && c->text)
      ck_assert_msg(text.n == strlen(c->text) &&
                        memcmp(text.v, c->text, text.n) == 0,
                    "%s: text", c->line);
    if (r >= 0 && c->id)
      ck_assert_msg(id.n == strlen(c->id) && memcmp(id.v, c->id, id.n) == 0,
                    "%s: id", c->line);
    const char *why = rec_oracle(c->line, strlen(c->line), "text", "id");
    ck_assert_msg(why == NULL, "%s: %s", c->line, why);
  }
  free(text.v);
  free(id.v);
}
END_TEST

START_TEST(nul_and_custom_fields) {
  static const char line[] = "{\"body\":\"a\\u0000b\",\"key\":\"k\"}";
  rec_buf text = {0}, id = {0};
  ck_assert_int_eq(rec_scan(line, sizeof line - 1, "body", "key", &text, &id),
                   REC_TEXT | REC_ID | REC_TEXT_ASCII | REC_TEXT_NUL);
  ck_assert_uint_eq(text.n, 3);
  ck_assert_int_eq(memcmp(text.v, "a\0b", 3), 0);
  ck_assert_ptr_null(rec_oracle(line, sizeof line - 1, "body", "key"));
  free(text.v);
  free(id.v);
}
END_TEST

/* A record read by the fast path and by jansson gives the same output. */
START_TEST(fast_and_jansson_same_output) {
  ws_doc *d = ws_doc_new(test_ctx_());
  static const char fast[] =
      "{\"id\":\"n\",\"text\":\"\\\"We won,\\\" Trump said.\"}";
  static const char slow[] = /* a nested value sends it to jansson */
      "{\"id\":\"n\",\"text\":\"\\\"We won,\\\" Trump said.\",\"m\":[1]}";
  ws_process_record(d, fast, sizeof fast - 1, NULL, 1, NULL);
  char *a = ws_doc_json(d, 0);
  ws_process_record(d, slow, sizeof slow - 1, NULL, 1, NULL);
  char *b = ws_doc_json(d, 0);
  ck_assert_str_eq(a, b);
  ck_assert_ptr_nonnull(strstr(a, "\"speaker\":{\"name\":\"Donald Trump\""));
  ws_free(a);
  ws_free(b);
  ws_doc_free(d);
}
END_TEST

int main(void) {
  const feature features[] = {
      {"fast-path", fast_path_table},
      {"fields", nul_and_custom_fields},
      {"output", fast_and_jansson_same_output},
  };
  return RUN_FEATURES("read", features);
}
