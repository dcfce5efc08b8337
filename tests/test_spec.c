/* test_spec.c - runs the attribution spec (tests/spec/attribution.tsv):
 * each line a text, a quotation prefix and the expected speaker. Every
 * failing case is listed, then the section fails. Uses only whosaid.h. */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid.h"

enum { MAX_CASES = 1024, LINE_MAX_ = 4096, N_SECTIONS = 9 };

typedef struct {
  char section[32], text[LINE_MAX_], quote[256], name[256], kind[32],
      mention[256];
  int line;
} spec_case;

static const char *const sections[] = {"layout",   "cue",     "pronoun",
                                       "nominal",  "name",    "title",
                                       "floating", "partial", "scare"};
_Static_assert(sizeof sections / sizeof *sections == N_SECTIONS, "sections");

static spec_case cases[MAX_CASES];
static size_t n_cases;

/* "\n" in the text column stands for a line break. */
static void unescape(char *s) {
  char *o = s;
  for (; *s; s++) {
    if (s[0] == '\\' && s[1] == 'n') {
      *o++ = '\n';
      s++;
    } else {
      *o++ = *s;
    }
  }
  *o = '\0';
}

static void load(void) {
  FILE *f = fopen(SPEC_DIR "/attribution.tsv", "r");
  ck_assert_msg(f != NULL, "cannot open %s", SPEC_DIR "/attribution.tsv");
  char line[LINE_MAX_ + 1024];
  int no = 0;
  while (fgets(line, sizeof line, f)) {
    no++;
    line[strcspn(line, "\r\n")] = '\0';
    if (!line[0] || line[0] == '#')
      continue;
    ck_assert_msg(n_cases < MAX_CASES, "too many cases");
    spec_case *c = &cases[n_cases];
    char *col[6];
    int k = 0;
    for (char *p = line; k < 6; k++) {
      col[k] = p;
      char *tab = strchr(p, '\t');
      if (!tab) {
        k++;
        break;
      }
      *tab = '\0';
      p = tab + 1;
    }
    ck_assert_msg(k == 6, "attribution.tsv:%d: %d columns, want 6", no, k);
    snprintf(c->section, sizeof c->section, "%.*s", (int)sizeof c->section - 1,
             col[0]);
    snprintf(c->text, sizeof c->text, "%.*s", (int)sizeof c->text - 1, col[1]);
    snprintf(c->quote, sizeof c->quote, "%.*s", (int)sizeof c->quote - 1,
             col[2]);
    snprintf(c->name, sizeof c->name, "%.*s", (int)sizeof c->name - 1, col[3]);
    snprintf(c->kind, sizeof c->kind, "%.*s", (int)sizeof c->kind - 1, col[4]);
    snprintf(c->mention, sizeof c->mention, "%.*s", (int)sizeof c->mention - 1,
             col[5]);
    unescape(c->text);
    c->line = no;
    bool known = false;
    for (size_t i = 0; i < N_SECTIONS; i++)
      known |= strcmp(c->section, sections[i]) == 0;
    ck_assert_msg(known, "attribution.tsv:%d: unknown section %s", no,
                  c->section);
    n_cases++;
  }
  fclose(f);
}

static ws_doc *doc(void) {
  static ws_ctx *ctx;
  static ws_doc *d;
  if (!d) {
    ws_options o = ws_options_default();
    o.gazetteer_dir = TEST_GAZETTEERS;
    ck_assert_int_eq(ws_ctx_new(&o, &ctx, NULL), WS_OK);
    d = ws_doc_new(ctx);
  }
  return d;
}

/* NULL when the case holds, else why not (in buf). */
static const char *run_case(const spec_case *c, char *buf, size_t cap) {
  ws_doc *d = doc();
  if (ws_process(d, "spec", c->text, strlen(c->text), NULL) != WS_OK)
    return "processing failed";
  const ws_quote *q = NULL;
  for (size_t i = 0; i < ws_doc_quote_count(d) && !q; i++)
    if (strncmp(ws_doc_quote(d, i)->text, c->quote, strlen(c->quote)) == 0)
      q = ws_doc_quote(d, i);
  if (strcmp(c->kind, "scare") == 0) {
    if (!q)
      return NULL;
    snprintf(buf, cap, "reported as a quotation (speaker %s)",
             q->has_speaker ? q->speaker.name : "none");
    return buf;
  }
  if (!q)
    return "quotation not found";
  if (strcmp(c->name, "-") == 0)
    return q->has_speaker ? "unexpected speaker" : NULL;
  if (!q->has_speaker)
    return "no speaker";
  const char *kind = ws_speaker_kind_str(q->speaker.kind);
  if (strcmp(q->speaker.name, c->name) != 0 || strcmp(kind, c->kind) != 0 ||
      strcmp(q->speaker.mention, c->mention) != 0) {
    snprintf(buf, cap, "got %s / %s / %s", q->speaker.name, kind,
             q->speaker.mention);
    return buf;
  }
  if (!(q->confidence > 0 && q->confidence <= 1))
    return "confidence outside (0, 1]";
  return NULL;
}

START_TEST(spec_section) {
  if (!n_cases)
    load();
  const char *section = sections[_i];
  size_t ran = 0, failed = 0;
  for (size_t i = 0; i < n_cases; i++) {
    if (strcmp(cases[i].section, section) != 0)
      continue;
    char buf[600];
    const char *why = run_case(&cases[i], buf, sizeof buf);
    ran++;
    if (why) {
      failed++;
      fprintf(stderr, "attribution.tsv:%d [%s] %s\n  want %s / %s / %s: %s\n",
              cases[i].line, section, cases[i].text, cases[i].name,
              cases[i].kind, cases[i].mention, why);
    }
  }
  ck_assert_msg(ran > 0, "no cases in section %s", section);
  ck_assert_msg(failed == 0, "%zu of %zu %s cases failed", failed, ran,
                section);
}
END_TEST

int main(void) {
  Suite *s = suite_create("spec");
  TCase *tc = tcase_create("attribution");
  tcase_set_timeout(tc, 120);
  tcase_add_loop_test(tc, spec_section, 0, N_SECTIONS);
  suite_add_tcase(s, tc);
  SRunner *sr = srunner_create(s);
  srunner_set_fork_status(sr, CK_NOFORK); /* cases load once */
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
