/* pipeline.c - ws_doc lifecycle and ws_process: copies and checks the input,
 * then runs the stages in order. The only file that knows that order. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cues.h"
#include "internal.h"
#include "sort.h"
#include "swar.h"

ws_doc *ws_doc_new(const ws_ctx *ctx) {
  if (!ctx)
    return NULL;
  ws_doc *d = ws_xcalloc(1, sizeof *d);
  d->ctx = ctx;
  strtab_init(&d->person_ids);
  strtab_init(&d->alias_keys);
  /* calloc: pages of a large block are zeroed lazily by the kernel */
  d->wcache = ws_big_calloc(sizeof *d->wcache); /* page aligned */
  d->match_data = cues_match_data_new();
  if (!d->match_data)
    abort();
  return d;
}

void ws_doc_free(ws_doc *d) {
  if (!d)
    return;
  json_decref(d->id);
  free(d->text);
  free(d->orig);
  free(d->feed.v);
  free(d->rec_text.v);
  free(d->rec_id.v);
  ws_big_free(d->wcache, sizeof *d->wcache);
  free(d->trie_start.v);
  free(d->lk_keys.v);
  free(d->lk_miss.v);
  free(d->gaz_starts.v);
  free(d->toks.v);
  cpmap_free(&d->cps);
  free(d->ments.v);
  free(d->ment_at.v);
  free(d->people.v);
  strtab_free(&d->person_ids);
  strtab_free(&d->alias_keys);
  free(d->alias_person.v);
  free(d->name_toks.v);
  free(d->hon_toks.v);
  free(d->title_toks.v);
  free(d->quotes.v);
  free(d->qstack.v);
  free(d->units.v);
  free(d->unit_at.v);
  for (int l = 0; l < UNIT_START_LISTS; l++)
    free(d->unit_starts[l].v);
  free(d->shape.v);
  free(d->shape_pos.v);
  cues_match_data_free(d->match_data);
  free(d->warns.v);
  free(d->sort_tmp.v);
  emit_free(d);
  free(d->pub_ents.v);
  free(d->pub_quotes.v);
  arena_free(&d->arena);
  free(d);
}

/* Forget the previous document, keeping memory for the next. */
void doc_reset(ws_doc *d) {
  json_decref(d->id);
  d->id = NULL;
  d->len = 0;
  d->has_orig = false;
  d->status = WS_OK;
  d->err_code = NULL;
  d->err_msg[0] = '\0';
  d->err_line = 0;
  d->text_scan = 0;
  d->toks.n = d->ments.n = d->people.n = d->quotes.n = 0;
  d->warns.n = d->pub_ents.n = d->pub_quotes.n = d->units.n = 0;
  arena_reset(&d->arena);
}

static void add_warning(ws_doc *d, const char *code, size_t off,
                        const char *msg) {
  warning *w = VEC_PUSH(d->warns);
  w->code = code;
  w->offset = off;
  w->message = msg;
}

/* Keeps the input as given (d->orig), before any byte of the working copy
 * is replaced: text may be that working copy. */
static void keep_input(ws_doc *d, const char *text, size_t len) {
  if (d->has_orig)
    return;
  if (len + 1 > d->orig_cap) {
    d->orig_cap = len + 1;
    d->orig = ws_xrealloc(d->orig, d->orig_cap);
  }
  memcpy(d->orig, text, len);
  d->has_orig = true;
}

/* Copy the input; invalid bytes become '?' in the working copy (so each
 * counts one codepoint and offsets stay those of the input) and the input
 * is kept to print them as U+FFFD. Returns whether every byte is ASCII. */
static bool load_text(ws_doc *d, const char *text, size_t len) {
  if (text != d->text) { /* else read.c handed over its buffer */
    if (len + TEXT_PAD > d->cap) {
      d->cap = len + TEXT_PAD;
      d->text = ws_xrealloc(d->text, d->cap);
    }
    memcpy(d->text, text, len);
  }
  memset(d->text + len, 0, TEXT_PAD);
  d->len = len;
  int known = d->text_scan;
  d->text_scan = 0;
  if ((known & REC_TEXT) && !(known & REC_TEXT_NUL))
    return known & REC_TEXT_ASCII; /* valid UTF-8: read.c's scan said so */
  const unsigned char *s = (const unsigned char *)text;
  bool bad_utf8 = false, nul = false, ascii = true;
  for (size_t i = 0; i < len;) {
    if (len - i >= 8) { /* eight ASCII bytes, none NUL, at a time */
      uint64_t x = swar_load(s + i);
      if (!(x & SWAR_HIGHS) && !swar_has(x, 0)) {
        i += 8;
        continue;
      }
    }
    if (s[i] < 0x80) { /* ASCII run */
      if (!s[i] && !nul) {
        nul = true;
        add_warning(d, "nul_byte", i, "NUL byte in input");
        keep_input(d, text, len);
      }
      i++;
      continue;
    }
    ascii = false;
    int32_t cp;
    size_t l = utf8_decode(s, len, i, &cp);
    if (cp < 0) {
      if (!bad_utf8) {
        add_warning(d, "invalid_utf8", i,
                    "invalid UTF-8 (each bad byte counts as one codepoint)");
        keep_input(d, text, len);
      }
      bad_utf8 = true;
      d->text[i] = '?';
    }
    i += l;
  }
  return ascii;
}

static void set_id(ws_doc *d, const char *id) {
  json_decref(d->id);
  d->id = id ? json_string(id) : NULL;
  if (id && !d->id) /* not UTF-8: keep it readable */
    d->id = json_stringn_nocheck(id, strlen(id));
}

ws_status doc_fail(ws_doc *d, ws_status st, const char *code, long line,
                   const char *msg, ws_error *err) {
  d->status = st;
  d->err_code = code;
  d->err_line = line;
  snprintf(d->err_msg, sizeof d->err_msg, "%s", msg);
  ws_set_error(err, st, NULL, line, "%s", msg);
  return st;
}

ws_status doc_run(ws_doc *d, const char *text, size_t len, ws_error *err) {
  if (len > d->ctx->max_doc_bytes) {
    char msg[128];
    snprintf(msg, sizeof msg, "document of %zu bytes exceeds the limit of %zu",
             len, d->ctx->max_doc_bytes);
    return doc_fail(d, WS_ERR_TOO_LARGE, "too_large", 0, msg, err);
  }
  if (load_text(d, text, len)) /* known here: no second scan */
    cpmap_ascii(&d->cps);
  else
    cpmap_build(&d->cps, (const unsigned char *)d->text, d->len);
  tok_tokenize(d);
  lex_lookup(d);
  sent_split(d);
  gaz_match(d);
  names_find(d);
  quo_find(d);
  att_attribute(d);
  emit_prepare(d);
  return WS_OK;
}

ws_status ws_process(ws_doc *d, const char *id, const char *text, size_t len,
                     ws_error *err) {
  if (!d || (!text && len)) {
    ws_set_error(err, WS_ERR_ARG, NULL, 0, "NULL document or text");
    return WS_ERR_ARG;
  }
  doc_reset(d);
  set_id(d, id);
  return doc_run(d, text ? text : "", len, err);
}

ws_status ws_feed(ws_doc *d, const char *chunk, size_t len) {
  if (!d || (!chunk && len))
    return WS_ERR_ARG;
  VEC_RESERVE(d->feed, d->feed.n + len);
  if (len)
    memcpy(d->feed.v + d->feed.n, chunk, len);
  d->feed.n += len;
  return WS_OK;
}

ws_status ws_finish(ws_doc *d, const char *id, ws_error *err) {
  if (!d)
    return WS_ERR_ARG;
  size_t n = d->feed.n;
  d->feed.n = 0; /* the buffer stays valid until the next ws_feed */
  return ws_process(d, id, d->feed.v ? d->feed.v : "", n, err);
}

ws_status ws_doc_status(const ws_doc *d) { return d ? d->status : WS_ERR_ARG; }
size_t ws_doc_entity_count(const ws_doc *d) { return d ? d->pub_ents.n : 0; }
size_t ws_doc_quote_count(const ws_doc *d) { return d ? d->pub_quotes.n : 0; }

const ws_entity *ws_doc_entity(const ws_doc *d, size_t i) {
  return d && i < d->pub_ents.n ? &d->pub_ents.v[i] : NULL;
}

const ws_quote *ws_doc_quote(const ws_doc *d, size_t i) {
  return d && i < d->pub_quotes.n ? &d->pub_quotes.v[i] : NULL;
}

const char *doc_bytes_str(ws_doc *d, size_t start, size_t end) {
  if (!d->has_orig)
    return arena_strndup(&d->arena, d->text + start, end - start);
  /* rebuild from the input, invalid bytes and NULs as U+FFFD */
  char *out = arena_alloc(&d->arena, (end - start) * 3 + 1), *o = out;
  const unsigned char *s = (const unsigned char *)d->orig;
  for (size_t i = start; i < end;) {
    int32_t cp;
    size_t l = utf8_decode(s, d->len, i, &cp);
    if (cp <= 0) {
      memcpy(o, "\xEF\xBF\xBD", 3);
      o += 3;
    } else {
      memcpy(o, s + i, l);
      o += l;
    }
    i += l;
  }
  *o = '\0';
  return out;
}

void doc_sort(ws_doc *d, void *base, size_t n, size_t size, size_t key_off) {
  VEC_RESERVE(d->sort_tmp, ws_sort_scratch(n, size));
  ws_sort_by_key(base, n, size, key_off, d->sort_tmp.v);
}

const char *doc_span_str(ws_doc *d, uint32_t a, uint32_t b) {
  const token *t = d->toks.v;
  return doc_bytes_str(d, t[a].off, t[b - 1].off + t[b - 1].len);
}
