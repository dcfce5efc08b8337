/* test_api.c - the public API contract: status strings, NULL safety,
 * document reuse, streaming equals one-shot, JSONL records and error
 * records, JSON output shape and offsets. Uses only whosaid.h. */
#include <check.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "whosaid.h"

static ws_ctx *ctx(void) {
  static ws_ctx *c;
  if (!c) {
    ws_options o = ws_options_default();
    o.gazetteer_dir = TEST_GAZETTEERS;
    ck_assert_int_eq(ws_ctx_new(&o, &c, NULL), WS_OK);
  }
  return c;
}

START_TEST(status_strings) {
  static const ws_status all[] = {
      WS_OK,          WS_ERR_NOMEM,     WS_ERR_IO,   WS_ERR_GAZETTEER,
      WS_ERR_ARG,     WS_ERR_TOO_LARGE, WS_ERR_JSON, WS_ERR_RECORD,
      WS_ERR_PATTERN, WS_ERR_EMPTY};
  for (size_t i = 0; i < ARRAY_LEN(all); i++) {
    ck_assert_ptr_nonnull(ws_status_str(all[i]));
    ck_assert_str_ne(ws_status_str(all[i]), "unknown status");
  }
  ck_assert_str_eq(ws_status_str((ws_status)-99), "unknown status");
  ck_assert_str_eq(ws_version_string(), "0.1.0");
  ck_assert_int_eq(ws_version(), 100);
}
END_TEST

START_TEST(null_safety) {
  ws_doc_free(NULL);
  ws_ctx_free(NULL);
  ws_free(NULL);
  ck_assert_ptr_null(ws_doc_new(NULL));
  ck_assert_int_eq(ws_ctx_new(NULL, NULL, NULL), WS_ERR_ARG);
  ck_assert_int_eq(ws_process(NULL, NULL, "x", 1, NULL), WS_ERR_ARG);
  ck_assert_uint_eq(ws_doc_quote_count(NULL), 0);
  ck_assert_ptr_null(ws_doc_quote(NULL, 0));
  ck_assert_ptr_null(ws_doc_json(NULL, 0));
  ck_assert_ptr_null(ws_doc_json_view(NULL, 0, NULL));
  ws_options o = ws_options_default();
  o.gazetteer_dir = "/nonexistent-dir";
  ws_ctx *c = (ws_ctx *)1;
  ws_error err;
  ck_assert_int_eq(ws_ctx_new(&o, &c, &err), WS_ERR_IO);
  ck_assert_ptr_null(c);
  ck_assert_ptr_nonnull(strstr(err.message, "people.tsv"));
}
END_TEST

START_TEST(reuse_and_stream) {
  const char *a = "\"We will win,\" Trump said. \"Yes.\"";
  ws_doc *d = ws_doc_new(ctx());
  ck_assert_int_eq(ws_process(d, "a", a, strlen(a), NULL), WS_OK);
  char *one = ws_doc_json(d, 0);
  ck_assert_int_eq(ws_process(d, "b", "No quotes.", 10, NULL), WS_OK);
  ck_assert_uint_eq(ws_doc_quote_count(d), 0);
  for (size_t i = 0; a[i]; i += 3) /* feed in 3-byte chunks */
    ws_feed(d, a + i, strlen(a + i) < 3 ? strlen(a + i) : 3);
  ck_assert_int_eq(ws_finish(d, "a", NULL), WS_OK);
  char *two = ws_doc_json(d, 0);
  ck_assert_str_eq(one, two);
  /* the view is the same text for every flag, and its length is right */
  static const int flags[] = {0, WS_JSON_PRETTY, WS_JSON_PER_QUOTE,
                              WS_JSON_PRETTY | WS_JSON_PER_QUOTE};
  for (size_t f = 0; f < sizeof flags / sizeof *flags; f++) {
    char *own = ws_doc_json(d, flags[f]);
    size_t n = 0;
    const char *view = ws_doc_json_view(d, flags[f], &n);
    ck_assert_str_eq(view, own);
    ck_assert_uint_eq(n, strlen(own));
    ws_free(own);
  }
  ck_assert_int_eq(ws_process(d, "b", "No quotes.", 10, NULL), WS_OK);
  ck_assert_str_eq(ws_doc_json_view(d, 0, NULL),
                   "{\"id\":\"b\",\"entities\":[],\"quotes\":[]}\n");
  ws_free(one);
  ws_free(two);
  ws_doc_free(d);
}
END_TEST

START_TEST(records) {
  static const struct {
    const char *line;
    ws_status st;
    const char *code;
  } cases[] = {
      {"{\"id\": 7, \"text\": \"\\\"Hi,\\\" Trump said.\"}", WS_OK, NULL},
      {"{\"id\": \"x\", \"text\": 5}", WS_ERR_RECORD, "missing_text"},
      {"{\"id\": \"x\"}", WS_ERR_RECORD, "missing_text"},
      {"[1, 2]", WS_ERR_RECORD, "missing_text"},
      {"{\"text\": \"unterminated", WS_ERR_JSON, "invalid_json"},
      {"   ", WS_ERR_EMPTY, "empty_line"},
      {"{\"text\": \"a\\u0000b\"}", WS_OK, NULL},
  };
  ws_doc *d = ws_doc_new(ctx());
  for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
    ws_status st = ws_process_record(d, cases[i].line, strlen(cases[i].line),
                                     NULL, (long)i + 1, NULL);
    ck_assert_int_eq(st, cases[i].st);
    char *s = ws_doc_json(d, 0);
    json_t *j = json_loads(s, 0, NULL);
    ck_assert_ptr_nonnull(j);
    ck_assert_int_eq(s[strlen(s) - 1], '\n');
    ck_assert_ptr_null(strchr(s, '\n') == s + strlen(s) - 1 ? NULL : s);
    json_t *e = json_object_get(j, "error");
    if (cases[i].code) {
      ck_assert_str_eq(json_string_value(json_object_get(e, "code")),
                       cases[i].code);
      ck_assert_int_eq(json_integer_value(json_object_get(e, "line")),
                       (json_int_t)i + 1);
    } else {
      ck_assert_ptr_null(e);
      ck_assert(json_is_array(json_object_get(j, "quotes")));
    }
    json_decref(j);
    ws_free(s);
  }
  ws_record_fields f = WS_RECORD_FIELDS_INIT;
  f.text_field = "body";
  f.id_field = "key";
  const char *line = "{\"key\": \"k1\", \"body\": \"Hello.\"}";
  ck_assert_int_eq(ws_process_record(d, line, strlen(line), &f, 1, NULL),
                   WS_OK);
  char *s = ws_doc_json(d, 0);
  ck_assert_ptr_nonnull(strstr(s, "\"id\":\"k1\""));
  ws_free(s);
  ws_doc_free(d);
}
END_TEST

START_TEST(too_large) {
  ws_options o = ws_options_default();
  o.gazetteer_dir = TEST_GAZETTEERS;
  o.max_doc_bytes = 10;
  ws_ctx *c;
  ck_assert_int_eq(ws_ctx_new(&o, &c, NULL), WS_OK);
  ws_doc *d = ws_doc_new(c);
  ck_assert_int_eq(ws_process(d, "x", "0123456789AB", 12, NULL),
                   WS_ERR_TOO_LARGE);
  char *s = ws_doc_json(d, 0);
  ck_assert_ptr_nonnull(strstr(s, "\"too_large\""));
  ws_free(s);
  ws_doc_free(d);
  ws_ctx_free(c);
}
END_TEST

START_TEST(json_shape) {
  const char *text = "\xE2\x80\x9CS\xC3\xAD,\xE2\x80\x9D said Petro in "
                     "Bogot\xC3\xA1.";
  ws_doc *d = ws_doc_new(ctx());
  ck_assert_int_eq(ws_process(d, "s", text, strlen(text), NULL), WS_OK);
  char *s = ws_doc_json(d, 0);
  json_t *j = json_loads(s, 0, NULL);
  json_t *q = json_array_get(json_object_get(j, "quotes"), 0);
  ck_assert_str_eq(json_string_value(json_object_get(q, "text")), "S\xC3\xAD,");
  ck_assert_int_eq(json_integer_value(json_object_get(q, "start")), 3);
  ck_assert_int_eq(json_integer_value(json_object_get(q, "end")), 7);
  ck_assert_int_eq(json_integer_value(json_object_get(q, "cp_start")), 1);
  ck_assert_int_eq(json_integer_value(json_object_get(q, "cp_end")), 4);
  json_t *sp = json_object_get(q, "speaker");
  ck_assert_str_eq(json_string_value(json_object_get(sp, "name")),
                   "Gustavo Petro");
  ck_assert_str_eq(json_string_value(json_object_get(sp, "kind")), "name");
  json_t *place = json_array_get(json_object_get(j, "entities"), 1);
  ck_assert_str_eq(json_string_value(json_object_get(place, "kind")), "city");
  ck_assert_int_eq(json_integer_value(json_object_get(place, "cp_start")), 20);
  json_decref(j);
  ws_free(s);
  s = ws_doc_json(d, WS_JSON_PER_QUOTE);
  ck_assert_ptr_nonnull(strstr(s, "\"speaker\":\"Gustavo Petro\""));
  ws_free(s);
  s = ws_doc_json(d, WS_JSON_PRETTY);
  ck_assert_ptr_nonnull(strstr(s, "\n  \"entities\""));
  ws_free(s);
  /* invalid UTF-8 still gives valid JSON, with a warning */
  ck_assert_int_eq(ws_process(d, "bad", "\"Hi\xFF,\" Trump said.", 18, NULL),
                   WS_OK);
  s = ws_doc_json(d, 0);
  j = json_loads(s, 0, NULL);
  ck_assert_ptr_nonnull(j);
  ck_assert_ptr_nonnull(strstr(s, "invalid_utf8"));
  ck_assert_ptr_nonnull(strstr(s, "Hi\xEF\xBF\xBD,"));
  json_decref(j);
  ws_free(s);
  ws_doc_free(d);
}
END_TEST

int main(void) {
  const feature f[] = {
      {"status", status_strings},         {"null-safety", null_safety},
      {"reuse-stream", reuse_and_stream}, {"records", records},
      {"too-large", too_large},           {"json", json_shape}};
  return RUN_FEATURES("api", f);
}
