/* testutil.h - shared helpers for the Check suites: one context loaded from
 * the source tree's gazetteers, a document processed from a string, token
 * texts joined for table comparisons, and the table-loop macro. */
#ifndef WS_TESTUTIL_H
#define WS_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_run.h"
#include "internal.h"

#define ARRAY_FOR_EACH(a, it)                                                  \
  for (__typeof__(&(a)[0]) it = (a); it < (a) + ARRAY_LEN(a); it++)

#ifndef TEST_GAZETTEERS
#error "TEST_GAZETTEERS must name the gazetteer directory"
#endif

static inline ws_ctx *test_ctx_(void) {
  static ws_ctx *ctx;
  if (!ctx) {
    ws_options o = ws_options_default();
    o.gazetteer_dir = TEST_GAZETTEERS;
    ws_error err;
    if (ws_ctx_new(&o, &ctx, &err) != WS_OK) {
      fprintf(stderr, "cannot load gazetteers: %s\n", err.message);
      abort();
    }
  }
  return ctx;
}

/* A document analysed from text (the same ws_doc reused per test). */
static inline ws_doc *test_doc(const char *text) {
  static ws_doc *doc;
  if (!doc)
    doc = ws_doc_new(test_ctx_());
  ck_assert_int_eq(ws_process(doc, "t", text, strlen(text), NULL), WS_OK);
  return doc;
}

/* Token texts joined by '|' into buf. */
static inline const char *token_texts(const ws_doc *d, char *buf, size_t cap) {
  size_t o = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < d->toks.n && o + 2 < cap; i++) {
    const token *t = &d->toks.v[i];
    o += (size_t)snprintf(buf + o, cap - o, "%s%.*s", i ? "|" : "", (int)t->len,
                          d->text + t->off);
  }
  return buf;
}

/* The first quotation whose text starts with prefix, or NULL. */
static inline const ws_quote *find_quote(const ws_doc *d, const char *prefix) {
  for (size_t i = 0; i < ws_doc_quote_count(d); i++)
    if (strncmp(ws_doc_quote(d, i)->text, prefix, strlen(prefix)) == 0)
      return ws_doc_quote(d, i);
  return NULL;
}

#endif
