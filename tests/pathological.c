/* pathological.c - robustness test: hostile and huge inputs through the
 * public API (ws_process + ws_doc_json). Each case must give valid JSON (it
 * is parsed back with Jansson), a sane number of quotations with in-range
 * offsets, and finish within a generous time bound. The bound only catches
 * quadratic blow-ups; it is not a speed assertion.
 *
 * Usage: pathological GAZETTEER_DIR [CASE...]
 * Each case runs in a forked child, so that a crash or a runaway case is
 * reported by name and the other cases still run. The parent kills a child
 * that takes more than twice the bound. Environment:
 *   WS_PATHOLOGICAL_LIMIT  the bound in seconds (default 20)
 * A case known to be too slow is listed with a skip reason in `cases` below;
 * it then prints "SKIP" and does not fail the test. */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "whosaid.h"

/* ---- growable byte buffer ------------------------------------------------ */

typedef struct {
  char *p;
  size_t len, cap;
} buf;

static void put(buf *b, const void *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (b->len + n + 1 > cap)
      cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
      fprintf(stderr, "out of memory\n");
      exit(1);
    }
    b->p = p;
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

static void putc_(buf *b, char c) { put(b, &c, 1); }

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- cases ---------------------------------------------------------------- */

#define MB (1024 * 1024)
#define LDQ "\xe2\x80\x9c" /* “ */
#define RDQ "\xe2\x80\x9d" /* ” */
#define LSQ "\xe2\x80\x98" /* ‘ */
#define RSQ "\xe2\x80\x99" /* ’ */
#define BOM "\xef\xbb\xbf"

/* What a case expects beyond valid JSON and in-range offsets. */
typedef struct {
  size_t max_quotes;  /* at most this many quotations */
  size_t min_quotes;  /* at least this many */
  int slices;         /* each quote's text equals its byte slice of the input */
  size_t first_start; /* if nonzero: the first quote starts at this byte */
  size_t first_cp;    /* ... and at this codepoint */
} expect;

typedef struct {
  const char *name;
  void (*gen)(buf *b, expect *e);
  const char *skip; /* non-NULL: known too slow; the reason, with timings */
} test_case;

/* 600,000 straight double quotation marks in a row. */
static void gen_straight(buf *b, expect *e) {
  for (int i = 0; i < 600000; i++)
    putc_(b, '"');
  e->max_quotes = 300000;
}

/* One opening mark, then 1 MB of ordinary sentences and no closing mark. */
static void gen_unterminated(buf *b, expect *e) {
  puts_(b, "Senator Ann Lee said: \"");
  while (b->len < MB)
    puts_(b, "We will keep going, and the count in the capital is not over. ");
  e->max_quotes = 1;
}

/* 100,000 apostrophes, straight and curly, as contractions, possessives,
 * elisions and single quotation marks, mixed with words. */
static void gen_apostrophes(buf *b, expect *e) {
  static const char *const parts[] = {
      "don't ",          "it" RSQ "s ",       "the voters' choice ",
      RSQ "tis ",        "rock 'n' roll ",   "O'Brien ",
      "the '90s ",       "'no' ",            LSQ "maybe" RSQ " ",
      "students" RSQ " ", "'",                RSQ,
      "'tis the season ", "he said 'yes' and ", "'' ",
  };
  size_t n = 0, i = 0;
  while (n < 100000) {
    const char *p = parts[i++ % (sizeof parts / sizeof *parts)];
    for (const char *s = p; *s; s++)
      n += *s == '\'' || (s[0] == '\xe2' && s[1] == '\x80' &&
                          (s[2] == '\x98' || s[2] == '\x99'));
    puts_(b, p);
  }
  e->max_quotes = 100000;
}

/* 100,000 quoted words in one sentence (no sentence end): 'no' ‘maybe’
 * "yes" “fine” ... . */
static void gen_quoted_words(buf *b, expect *e) {
  static const char *const w[] = {"'no' ", LSQ "maybe" RSQ " ", "\"yes\" ",
                                  LDQ "fine" RDQ " "};
  for (int i = 0; i < 100000; i++)
    puts_(b, w[i % 4]);
  e->max_quotes = 100000;
  e->slices = 1;
}

/* 10 MB of news sentences with quotations, as one paragraph (no newline). */
static void gen_paragraph(buf *b, expect *e) {
  static const char *const sents[] = {
      "\"We will not wait,\" Health Minister Ana Torres said on Monday. ",
      "The count in Bogot\xc3\xa1 is not over, officials said. ",
      LDQ "Every week counts," RDQ " she added. ",
      "Donald Trump told reporters: \"He changed his attitude very much.\" ",
      "The ministry did not respond to a request for comment. ",
      "\"It is a disaster,\" said Mr. Smith, a farmer in the region. ",
      "Critics called the plan \"reckless\" and the vote was delayed. ",
      "A spokesman for the company said it was reviewing the ruling. ",
  };
  size_t nq = 0, i = 0;
  while (b->len < 10 * MB) {
    const char *s = sents[i++ % (sizeof sents / sizeof *sents)];
    nq += strchr(s, '"') != NULL || strstr(s, LDQ) != NULL;
    puts_(b, s);
  }
  e->max_quotes = nq;
  e->min_quotes = nq / 4;
  e->slices = 1;
}

/* 1,000,000 capitalised words in a row: "Aaa Bbb Ccc ...". */
static void gen_capitalised(buf *b, expect *e) {
  for (unsigned i = 0; i < 1000000; i++) {
    char w[5] = {(char)('A' + i % 26), (char)('a' + (i / 26) % 26),
                 (char)('a' + (i / 676) % 26), ' ', 0};
    put(b, w, 4);
  }
  puts_(b, "said \"Fine.\"");
  e->max_quotes = 1;
  e->slices = 1;
}

/* 100,000 "Mr." honorifics, then a name and a quotation. */
static void gen_honorifics(buf *b, expect *e) {
  for (int i = 0; i < 100000; i++)
    puts_(b, "Mr. ");
  puts_(b, "Lee said, \"Fine.\"");
  e->max_quotes = 1;
  e->min_quotes = 1;
  e->slices = 1;
}

/* 100,000 alternating opening marks “‘“‘..., words, then the closing marks
 * in reverse order ...’”’”. */
static void gen_nested(buf *b, expect *e) {
  const int depth = 100000;
  for (int i = 0; i < depth; i++)
    puts_(b, i % 2 ? LSQ : LDQ);
  puts_(b, "We will win,");
  for (int i = depth - 1; i >= 0; i--)
    puts_(b, i % 2 ? RSQ : RDQ);
  puts_(b, " Senator Ann Lee said.");
  e->max_quotes = (size_t)depth;
}

/* 1 MB of NUL bytes. */
static void gen_nul(buf *b, expect *e) {
  static const char zeros[4096];
  while (b->len < MB)
    put(b, zeros, sizeof zeros);
  e->max_quotes = 0;
}

/* 1 MB of invalid UTF-8: stray bytes, lone lead and continuation bytes,
 * overlong forms, surrogates, truncated sequences, with some quote marks. */
static void gen_bad_utf8(buf *b, expect *e) {
  static const unsigned char pat[] = {
      0xFF, 0xC3, 0xFE, 0xC3, 0x28, 0x80, 0xBF, 0xC0, 0xAF, 0xE0, 0x80,
      0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80, 0xF8, 0x88, 0x80,
      0x80, 0x80, 0xE2, 0x80, 0xC3, '"',  0xE9, ',',  '"',  ' ',  0xE2,
      0x80, 0x9C, 0xFF, 0xE2, 0x80, 0x9D, 0xF0, 0x9F, 0x98};
  while (b->len < MB)
    put(b, pat, sizeof pat);
  e->max_quotes = b->len / 2;
}

/* A UTF-8 BOM, then paragraphs separated by every mix of CR and LF. */
static void gen_crlf_bom(buf *b, expect *e) {
  static const char *const seps[] = {"\r\n", "\r", "\n", "\n\r", "\r\n\r\n",
                                     "\r\r", "\n\n", " \r\n \r\n", "\r\n\n"};
  puts_(b, BOM);
  size_t n = 0;
  for (int i = 0; i < 20000; i++) {
    puts_(b, i % 2 ? LDQ "The count in Bogot\xc3\xa1 is not over," RDQ
                     " she added."
                   : "\"We will win,\" Senator Ann Lee said.");
    puts_(b, seps[i % (sizeof seps / sizeof *seps)]);
    n++;
  }
  e->max_quotes = n;
  e->min_quotes = n / 2;
  e->slices = 1;
  e->first_start = 4; /* BOM (3 bytes) + '"' */
  e->first_cp = 2;    /* U+FEFF + '"' */
}

static const test_case cases[] = {
    {"straight-quotes-600k", gen_straight, NULL},
    {"unterminated-1MB", gen_unterminated, NULL},
    {"apostrophes-100k", gen_apostrophes, NULL},
    {"quoted-words-100k", gen_quoted_words, NULL},
    {"paragraph-10MB", gen_paragraph, NULL},
    {"capitalised-words-1M", gen_capitalised, NULL},
    {"honorifics-mr-100k", gen_honorifics, NULL},
    {"nested-quotes-100k", gen_nested, NULL},
    {"nul-bytes-1MB", gen_nul, NULL},
    {"invalid-utf8-1MB", gen_bad_utf8, NULL},
    {"crlf-mix-bom", gen_crlf_bom, NULL},
};

/* ---- checks ---------------------------------------------------------------- */

static const char *case_name;
static int case_failed;

static void fail(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  printf("  FAIL %s: ", case_name);
  vprintf(fmt, ap);
  printf("\n");
  va_end(ap);
  case_failed = 1;
}

static size_t json_size(json_t *o, const char *key) {
  json_t *v = json_object_get(o, key);
  return json_is_integer(v) ? (size_t)json_integer_value(v) : (size_t)-1;
}

/* Check the document's quotations and its JSON serialisation. */
static void check(const buf *in, const expect *e, const ws_doc *doc,
                  const char *js) {
  size_t nq = ws_doc_quote_count(doc);
  if (nq > e->max_quotes || nq < e->min_quotes)
    fail("%zu quotes, expected %zu..%zu", nq, e->min_quotes, e->max_quotes);
  for (size_t i = 0; i < nq; i++) {
    const ws_quote *q = ws_doc_quote(doc, i);
    const ws_span *s = &q->span;
    if (!q || !q->text || s->start > s->end || s->end > in->len ||
        s->cp_start > s->cp_end || s->cp_end > in->len) {
      fail("quote %zu: bad span %zu-%zu (cp %zu-%zu), input %zu bytes", i,
           s->start, s->end, s->cp_start, s->cp_end, in->len);
      return;
    }
    if (e->slices && (strlen(q->text) != s->end - s->start ||
                      memcmp(q->text, in->p + s->start, s->end - s->start))) {
      fail("quote %zu: text '%.60s' is not the input's bytes %zu-%zu", i,
           q->text, s->start, s->end);
      return;
    }
  }
  if (e->first_start) {
    if (nq == 0) {
      fail("no quotes; expected one at byte %zu", e->first_start);
    } else {
      const ws_span *s = &ws_doc_quote(doc, 0)->span;
      if (s->start != e->first_start || s->cp_start != e->first_cp)
        fail("first quote at byte %zu (cp %zu), expected byte %zu (cp %zu)",
             s->start, s->cp_start, e->first_start, e->first_cp);
    }
  }

  size_t jl = strlen(js);
  if (jl == 0 || js[jl - 1] != '\n' || memchr(js, '\n', jl - 1)) {
    fail("JSON output is not exactly one line ending in a newline");
    return;
  }
  json_error_t jerr;
  json_t *root = json_loadb(js, jl, JSON_ALLOW_NUL, &jerr);
  if (!root) {
    fail("JSON does not parse: %s at line %d column %d", jerr.text, jerr.line,
         jerr.column);
    return;
  }
  json_t *quotes = json_object_get(root, "quotes");
  json_t *ents = json_object_get(root, "entities");
  if (!json_is_object(root) || !json_is_array(quotes) || !json_is_array(ents)) {
    fail("JSON record lacks the quotes/entities arrays");
  } else if (json_array_size(quotes) != nq ||
             json_array_size(ents) != ws_doc_entity_count(doc)) {
    fail("JSON has %zu quotes/%zu entities, the API %zu/%zu",
         json_array_size(quotes), json_array_size(ents), nq,
         ws_doc_entity_count(doc));
  } else {
    for (size_t i = 0; i < nq; i++) {
      json_t *jq = json_array_get(quotes, i);
      const ws_span *s = &ws_doc_quote(doc, i)->span;
      if (json_size(jq, "start") != s->start || json_size(jq, "end") != s->end ||
          json_size(jq, "cp_start") != s->cp_start ||
          json_size(jq, "cp_end") != s->cp_end) {
        fail("JSON quote %zu offsets differ from the API's", i);
        break;
      }
    }
  }
  json_decref(root);
}

/* Run one case in this (child) process; exit status 0 pass, 1 fail. */
static int run_case(ws_ctx *ctx, const test_case *tc, double limit) {
  buf in = {0};
  expect e = {0};
  case_name = tc->name;
  tc->gen(&in, &e);

  ws_doc *doc = ws_doc_new(ctx);
  if (!doc) {
    fail("ws_doc_new failed");
    return 1;
  }
  double t0 = now();
  ws_status st = ws_process(doc, tc->name, in.p, in.len, NULL);
  double t1 = now();
  char *js = st == WS_OK ? ws_doc_json(doc, 0) : NULL;
  double t2 = now();
  if (st != WS_OK)
    fail("ws_process: %s", ws_status_str(st));
  else if (!js)
    fail("ws_doc_json returned NULL");
  else
    check(&in, &e, doc, js);
  double t3 = now();
  printf("%-22s %9zu bytes  process %7.3f s  json %6.3f s  check %6.3f s  "
         "%zu quotes\n",
         tc->name, in.len, t1 - t0, t2 - t1, t3 - t2, ws_doc_quote_count(doc));
  if (t2 - t0 > limit)
    fail("took %.1f s (process + json), over the %.0f s bound: quadratic?",
         t2 - t0, limit);
  ws_free(js);
  ws_doc_free(doc);
  free(in.p);
  return case_failed;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s GAZETTEER_DIR [CASE...]\n", argv[0]);
    return 2;
  }
  double limit = 20;
  const char *env = getenv("WS_PATHOLOGICAL_LIMIT");
  if (env && atof(env) > 0)
    limit = atof(env);

  ws_options o = ws_options_default();
  o.gazetteer_dir = argv[1];
  ws_ctx *ctx;
  ws_error err;
  if (ws_ctx_new(&o, &ctx, &err) != WS_OK) {
    fprintf(stderr, "ws_ctx_new: %s\n", err.message);
    return 1;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  printf("time bound per case: %.0f s (process + json)\n", limit);

  int failed = 0, ran = 0;
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    const test_case *tc = &cases[i];
    int wanted = argc == 2;
    for (int a = 2; a < argc; a++)
      wanted |= strcmp(argv[a], tc->name) == 0;
    if (!wanted)
      continue;
    ran++;
    if (tc->skip) {
      printf("%-22s SKIP: %s\n", tc->name, tc->skip);
      continue;
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
      perror("fork");
      return 1;
    }
    if (pid == 0) {
      int rc = run_case(ctx, tc, limit);
      ws_ctx_free(ctx);
      fflush(stdout);
      exit(rc);
    }
    /* Wait, killing a child that runs past twice the bound. */
    double t0 = now(), hard = 2 * limit + 5;
    int status = 0;
    pid_t w;
    while ((w = waitpid(pid, &status, WNOHANG)) == 0) {
      if (now() - t0 > hard) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        printf("  FAIL %s: killed after %.0f s (bound %.0f s): quadratic?\n",
               tc->name, hard, limit);
        failed++;
        break;
      }
      nanosleep(&(struct timespec){0, 20 * 1000 * 1000}, NULL);
    }
    if (w == 0)
      continue; /* killed */
    if (w < 0) {
      perror("waitpid");
      return 1;
    }
    if (WIFSIGNALED(status)) {
      printf("  FAIL %s: crashed with signal %d\n", tc->name,
             WTERMSIG(status));
      failed++;
    } else if (WEXITSTATUS(status) != 0) {
      failed++;
    }
  }
  ws_ctx_free(ctx);
  if (ran == 0) {
    fprintf(stderr, "no such case\n");
    return 2;
  }
  printf("%d of %d cases failed\n", failed, ran);
  return failed ? 1 : 0;
}
