/* test_gazetteer.c - the TSV loader (validation, FILE:LINE errors, nothing
 * loaded half-way, user files) and the hashed token trie. */
#include <unistd.h>

#include "testutil.h"

static char tmpdir[256];

static const char *write_tmp(const char *name, const char *body) {
  static char path[512];
  snprintf(path, sizeof path, "%s/%s", tmpdir, name);
  FILE *f = fopen(path, "w");
  ck_assert_ptr_nonnull(f);
  fputs(body, f);
  fclose(f);
  return path;
}

static ws_status load_with(const char *user, ws_error *err) {
  ws_options o = ws_options_default();
  o.gazetteer_dir = TEST_GAZETTEERS;
  const char *files[] = {user};
  o.extra_gazetteers = files;
  o.n_extra_gazetteers = 1;
  ws_ctx *ctx = NULL;
  ws_status st = ws_ctx_new(&o, &ctx, err);
  ws_ctx_free(ctx);
  return st;
}

START_TEST(malformed_rows) {
  static const struct {
    const char *body, *message;
  } cases[] = {
      {"name\taliases\tgender\toffice\tcountry\nAna Lopez\t\tf\t\n",
       "u.tsv:2: expected 5 columns, found 4"},
      {"# comment\nname\taliases\tgender\toffice\tcountry\n\t\t\t\t\n",
       "u.tsv:3: empty name"},
      {"name\taliases\tgender\toffice\tcountry\n Ana\t\t\t\t\n",
       "u.tsv:2: column 1 has leading or trailing spaces"},
      {"nom\tgenre\nAna\tf\n", "u.tsv:1: unknown header"},
  };
  ARRAY_FOR_EACH(cases, c) {
    const char *path = write_tmp("u.tsv", c->body);
    ws_error err;
    ck_assert_int_eq(load_with(path, &err), WS_ERR_GAZETTEER);
    ck_assert_msg(strstr(err.message, c->message) != NULL, "got: %s",
                  err.message);
  }
  ws_error err;
  ck_assert_int_eq(load_with("/nonexistent/x.tsv", &err), WS_ERR_IO);
}
END_TEST

START_TEST(user_file) {
  const char *path =
      write_tmp("people.tsv", "name\taliases\tgender\toffice\tcountry\n"
                              "Zorba Quillfeather\tQuillfeather\tm\t\tGR\n");
  ws_options o = ws_options_default();
  o.gazetteer_dir = TEST_GAZETTEERS;
  const char *files[] = {path};
  o.extra_gazetteers = files;
  o.n_extra_gazetteers = 1;
  ws_ctx *ctx;
  ck_assert_int_eq(ws_ctx_new(&o, &ctx, NULL), WS_OK);
  ws_doc *d = ws_doc_new(ctx);
  const char *text = "Quillfeather spoke.";
  ck_assert_int_eq(ws_process(d, NULL, text, strlen(text), NULL), WS_OK);
  ck_assert_uint_eq(ws_doc_entity_count(d), 1);
  ck_assert_str_eq(ws_doc_entity(d, 0)->canonical, "Zorba Quillfeather");
  ws_doc_free(d);
  ws_ctx_free(ctx);
}
END_TEST

START_TEST(trie_longest) {
  trie t;
  trie_init(&t);
  uint32_t a = trie_add_step(&t, TRIE_ROOT, 1);
  uint32_t ab = trie_add_step(&t, a, 2);
  ck_assert_uint_eq(trie_add_step(&t, TRIE_ROOT, 1), a);
  ck_assert_uint_eq(trie_step(&t, a, 2), ab);
  ck_assert_uint_eq(trie_step(&t, a, 3), TRIE_NONE);
  ck_assert_uint_eq(trie_step(&t, ab, 2), TRIE_NONE);
  for (uint32_t i = 0; i < 100000; i++) /* growth keeps every edge */
    trie_add_step(&t, ab, i + 10);
  ck_assert_uint_ne(trie_step(&t, ab, 99999 + 10), TRIE_NONE);
  ck_assert_uint_eq(trie_step(&t, a, 2), ab);
  trie_free(&t);
}
END_TEST

START_TEST(strtab_interning) {
  strtab s;
  strtab_init(&s);
  uint32_t a = strtab_intern(&s, "alpha", 5);
  ck_assert_uint_eq(strtab_intern(&s, "alpha", 5), a);
  ck_assert_uint_eq(strtab_find(&s, "beta", 4), STR_NONE);
  char key[16];
  for (int i = 0; i < 5000; i++) {
    snprintf(key, sizeof key, "k%d", i);
    strtab_intern(&s, key, strlen(key));
  }
  ck_assert_uint_eq(strtab_find(&s, "k4999", 5), 5000);
  ck_assert_str_eq(strtab_str(&s, a), "alpha");
  strtab_clear(&s); /* many strings: the whole table is zeroed */
  ck_assert_uint_eq(strtab_find(&s, "alpha", 5), STR_NONE);
  strtab_free(&s);
}
END_TEST

/* A cleared table with few strings zeroes only their slots: every slot
 * must be empty after each clear, whatever the order of the probe runs. */
START_TEST(strtab_clear_few) {
  strtab s;
  strtab_init(&s);
  char key[16];
  for (int round = 0; round < 50; round++) {
    int n = 1 + round % 60; /* up to 60 strings in 1024 slots */
    for (int i = 0; i < n; i++) {
      snprintf(key, sizeof key, "w%d.%d", round, i * 7919);
      ck_assert_uint_eq(strtab_intern(&s, key, strlen(key)), (uint32_t)i);
    }
    strtab_clear(&s);
    for (uint32_t i = 0; i <= s.mask; i++)
      ck_assert_uint_eq(s.slots[i], 0);
    snprintf(key, sizeof key, "w%d.0", round);
    ck_assert_uint_eq(strtab_find(&s, key, strlen(key)), STR_NONE);
  }
  strtab_free(&s);
}
END_TEST

START_TEST(stats) {
  char *s = ws_ctx_stats_json(test_ctx_());
  ck_assert_ptr_nonnull(strstr(s, "\"person\": "));
  ck_assert_ptr_nonnull(strstr(s, "\"place\": "));
  ws_free(s);
  ck_assert_uint_gt(test_ctx_()->counts[COUNT_PLACE], 1000);
}
END_TEST

int main(void) {
  snprintf(tmpdir, sizeof tmpdir, "/tmp/ws-gaz-test-%ld", (long)getpid());
  char cmd[300];
  snprintf(cmd, sizeof cmd, "mkdir -p %s", tmpdir);
  if (system(cmd) != 0)
    return 1;
  const feature f[] = {{"malformed-rows", malformed_rows},
                       {"user-file", user_file},
                       {"trie", trie_longest},
                       {"strtab", strtab_interning},
                       {"strtab-clear", strtab_clear_few},
                       {"stats", stats}};
  int rc = RUN_FEATURES("gazetteer", f);
  snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
  if (system(cmd) != 0)
    return 1;
  return rc;
}
