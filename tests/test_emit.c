/* test_emit.c - the JSON writer against jansson as the oracle: every output
 * record, compact and pretty, per document and per quotation, must parse
 * and be byte-identical to json_dumps() of the parsed value. Uses only
 * whosaid.h and jansson. */
#include <check.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "whosaid.h"

static ws_doc *doc(void) {
  static ws_ctx *c;
  static ws_doc *d;
  if (!d) {
    ws_options o = ws_options_default();
    o.gazetteer_dir = TEST_GAZETTEERS;
    ck_assert_int_eq(ws_ctx_new(&o, &c, NULL), WS_OK);
    d = ws_doc_new(c);
  }
  return d;
}

static const int all_flags[] = {0, WS_JSON_PRETTY, WS_JSON_PER_QUOTE,
                                WS_JSON_PER_QUOTE | WS_JSON_PRETTY};

/* Each value in out, re-dumped by jansson with the same format plus "\n",
 * must give back exactly its bytes. Returns the number of records. */
static int check_against_jansson(const char *out, int flags, const char *what) {
  size_t jf = JSON_REAL_PRECISION(4) | JSON_ENCODE_ANY |
              ((flags & WS_JSON_PRETTY) ? JSON_INDENT(2) : JSON_COMPACT);
  size_t pos = 0, len = strlen(out);
  int records = 0;
  while (pos < len) {
    json_error_t je;
    json_t *v = json_loadb(out + pos, len - pos,
                           JSON_DISABLE_EOF_CHECK | JSON_ALLOW_NUL, &je);
    ck_assert_msg(v != NULL, "%s: output is not JSON (%s) at %zu: %.80s", what,
                  je.text, pos, out + pos);
    char *again = json_dumps(v, jf);
    size_t n = strlen(again);
    ck_assert_msg(strncmp(out + pos, again, n) == 0 && out[pos + n] == '\n',
                  "%s (flags %d): writer and jansson differ:\n%.300s\n%.300s",
                  what, flags, out + pos, again);
    pos += n + 1;
    records++;
    free(again);
    json_decref(v);
  }
  return records;
}

/* JSONL records exercising ids of every type, escapes and error records. */
static const struct {
  const char *line;
  int records; /* compact, per document */
} jsonl_cases[] = {
    {"{\"id\":\"a\",\"text\":\"\\\"We will win,\\\" Trump said. "
     "\\\"Yes.\\\"\"}",
     1},
    {"{\"id\":42,\"text\":\"\\\"Fine,\\\" she said.\"}", 1},
    {"{\"id\":-3.25,\"text\":\"x\"}", 1},
    {"{\"id\":-17,\"text\":\"x\"}", 1},
    {"{\"id\":0,\"text\":\"x\"}", 1},
    {"{\"id\":-9223372036854775808,\"text\":\"x\"}", 1},
    {"{\"id\":9223372036854775807,\"text\":\"x\"}", 1},
    {"{\"id\":1e300,\"text\":\"x\"}", 1},
    {"{\"id\":1.5e-7,\"text\":\"x\"}", 1},
    {"{\"id\":true,\"text\":\"x\"}", 1},
    {"{\"id\":false,\"text\":\"x\"}", 1},
    {"{\"id\":null,\"text\":\"x\"}", 1},
    {"{\"text\":\"no id at all\"}", 1},
    {"{\"id\":{\"a\":[1,{\"b\":[]},{}],\"c\":\"q\\u0001\\\"\\\\/\"},"
     "\"text\":\"x\"}",
     1},
    {"{\"id\":[],\"text\":\"x\"}", 1},
    {"{\"id\":\"ctl\\u001e\",\"text\":\"A\\u0001B \\\"Quoted\\u001f\\\\ "
     "text,\\\" she said.\\r\\n\\tTab\\b\\f\"}",
     1},
    {"{\"id\":\"uni\",\"text\":\"\\u201cCaf\\u00e9 \\u2028 na\\u00efve "
     "\\ud83d\\ude00,\\u201d Jos\\u00e9 L\\u00f3pez said in Bogot\\u00e1.\"}",
     1},
    {"{\"id\":\"nul\",\"text\":\"\\\"a\\u0000b,\\\" he said.\"}", 1},
    {"{\"id\":\"bad\",\"text\":", 1},
    {"", 1},
    {"[1,2]", 1},
    {"{\"id\":\"n\",\"text\":7}", 1},
};

START_TEST(jsonl_records_match_jansson) {
  ws_doc *d = doc();
  for (size_t i = 0; i < ARRAY_LEN(jsonl_cases); i++) {
    const char *line = jsonl_cases[i].line;
    ws_process_record(d, line, strlen(line), NULL, (long)i + 1, NULL);
    for (size_t f = 0; f < ARRAY_LEN(all_flags); f++) {
      char *out = ws_doc_json(d, all_flags[f]);
      ck_assert_ptr_nonnull(out);
      int n = check_against_jansson(out, all_flags[f], line);
      if (!(all_flags[f] & WS_JSON_PER_QUOTE))
        ck_assert_int_eq(n, jsonl_cases[i].records);
      ws_free(out);
    }
  }
}
END_TEST

START_TEST(raw_bytes_match_jansson) {
#define RAW(s)                                                                 \
  { s, sizeof(s) - 1 }
  static const struct {
    const char *text;
    size_t len;
  } raw[] = {
      RAW("\"Bad \xff byte,\" the minister said."),
      RAW("NUL \0 inside \"a quote,\" Ana said."),
      RAW("\xef\xbb\xbf\"BOM first,\" he said.\r\n\r\nNext \"para.\""),
      RAW(""),
  };
  ws_doc *d = doc();
  for (size_t i = 0; i < ARRAY_LEN(raw); i++) {
    ck_assert_int_eq(ws_process(d, "raw", raw[i].text, raw[i].len, NULL),
                     WS_OK);
    for (size_t f = 0; f < ARRAY_LEN(all_flags); f++) {
      char *out = ws_doc_json(d, all_flags[f]);
      check_against_jansson(out, all_flags[f], raw[i].text);
      ws_free(out);
    }
  }
}
END_TEST

/* The bundled articles: real quotes, entities and offsets. */
START_TEST(corpus_articles_match_jansson) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/../corpus/articles", TEST_GAZETTEERS);
  DIR *dh = opendir(dir);
  ck_assert_ptr_nonnull(dh);
  struct dirent *e;
  int files = 0;
  ws_doc *d = doc();
  while ((e = readdir(dh))) {
    if (!strstr(e->d_name, ".txt"))
      continue;
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    char buf[1 << 16];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    ck_assert_int_eq(ws_process(d, e->d_name, buf, n, NULL), WS_OK);
    ck_assert_uint_gt(ws_doc_quote_count(d), 0);
    for (size_t k = 0; k < ARRAY_LEN(all_flags); k++) {
      char *out = ws_doc_json(d, all_flags[k]);
      int recs = check_against_jansson(out, all_flags[k], e->d_name);
      if (all_flags[k] & WS_JSON_PER_QUOTE)
        ck_assert_int_eq(recs, (int)ws_doc_quote_count(d));
      ws_free(out);
    }
    files++;
  }
  closedir(dh);
  ck_assert_int_ge(files, 5);
}
END_TEST

int main(void) {
  Suite *s = suite_create("emit");
  TCase *tc = tcase_create("jansson-oracle");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, jsonl_records_match_jansson);
  tcase_add_test(tc, raw_bytes_match_jansson);
  tcase_add_test(tc, corpus_articles_match_jansson);
  suite_add_tcase(s, tc);
  return run_suite(s);
}
