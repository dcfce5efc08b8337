/* emit.c - builds the public result views (ws_entity, ws_quote) and writes
 * them as JSON with jansson: one record per document (or per quotation),
 * keys in a fixed order, byte and codepoint offsets for every span. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef VEC(char) charbuf;

static ws_span span_of(const ws_doc *d, size_t start, size_t end) {
  const unsigned char *s = (const unsigned char *)d->text;
  ws_span sp = {start, end, cpmap_at(&d->cps, s, start),
                cpmap_at(&d->cps, s, end)};
  return sp;
}

static ws_span tok_span(const ws_doc *d, uint32_t a, uint32_t b) {
  const token *t = d->toks.v;
  return span_of(d, t[a].off, t[b - 1].off + t[b - 1].len);
}

static void prepare_entities(ws_doc *d) {
  const ws_ctx *c = d->ctx;
  for (size_t k = 0; k < d->ments.n; k++) {
    const mention *m = &d->ments.v[k];
    if (!m->emit || m->type > WS_PLACE)
      continue;
    ws_entity *e = VEC_PUSH(d->pub_ents);
    memset(e, 0, sizeof *e);
    e->type = (ws_entity_type)m->type;
    e->span = tok_span(d, m->tok, m->tok + m->ntok);
    e->text = doc_span_str(d, m->tok, m->tok + m->ntok);
    const gaz_entry *g = m->entry != TRIE_NONE ? &c->entries.v[m->entry] : NULL;
    if (m->type == WS_PERSON && m->person >= 0) {
      const person *p = &d->people.v[m->person];
      e->canonical = p->canonical;
      e->office = m->office_ntok ? doc_span_str(d, m->office_tok,
                                                m->office_tok + m->office_ntok)
                                 : p->office;
    } else {
      e->canonical = g ? g->canonical : e->text;
    }
    if (m->type == WS_PLACE && g) {
      e->kind = g->kind;
      e->country = g->country;
      e->population = g->population;
    }
  }
}

static void prepare_quotes(ws_doc *d) {
  for (size_t k = 0; k < d->quotes.n; k++) {
    const quotation *q = &d->quotes.v[k];
    if (q->scare)
      continue;
    ws_quote *p = VEC_PUSH(d->pub_quotes);
    memset(p, 0, sizeof *p);
    p->span = span_of(d, q->start, q->end);
    p->text = doc_bytes_str(d, q->start, q->end);
    p->kind = (ws_quote_kind)q->kind;
    p->confidence = q->confidence;
    if (q->cue_ntok) {
      p->has_cue = 1;
      p->cue_span = tok_span(d, q->cue_tok, q->cue_tok + q->cue_ntok);
      p->cue = doc_span_str(d, q->cue_tok, q->cue_tok + q->cue_ntok);
    }
    if (q->unit >= 0) {
      const struct unit *u = &d->units.v[q->unit];
      p->has_speaker = 1;
      p->speaker.span = tok_span(d, u->mtok, u->mtok + u->mntok);
      p->speaker.mention = doc_span_str(d, u->mtok, u->mtok + u->mntok);
      p->speaker.name = q->speaker_name;
      p->speaker.kind = (ws_speaker_kind)q->speaker_kind;
      p->speaker.office = q->person >= 0 ? d->people.v[q->person].office : NULL;
    }
  }
}

void emit_prepare(ws_doc *d) {
  d->pub_ents.n = d->pub_quotes.n = 0;
  prepare_entities(d);
  prepare_quotes(d);
}

/* ---- JSON -------------------------------------------------------------- */

static json_t *str_or_null(const char *s) {
  return s ? json_string(s) : json_null();
}

static void set_span(json_t *o, const ws_span *s) {
  json_object_set_new(o, "start", json_integer((json_int_t)s->start));
  json_object_set_new(o, "end", json_integer((json_int_t)s->end));
  json_object_set_new(o, "cp_start", json_integer((json_int_t)s->cp_start));
  json_object_set_new(o, "cp_end", json_integer((json_int_t)s->cp_end));
}

static json_t *id_value(const ws_doc *d) {
  return d->id ? json_incref(d->id) : json_null();
}

static json_t *entity_json(const ws_entity *e) {
  json_t *o = json_object();
  json_object_set_new(o, "type", json_string(ws_entity_type_str(e->type)));
  json_object_set_new(o, "text", json_string(e->text));
  json_object_set_new(o, "canonical", json_string(e->canonical));
  set_span(o, &e->span);
  if (e->office)
    json_object_set_new(o, "office", json_string(e->office));
  if (e->kind)
    json_object_set_new(o, "kind", json_string(e->kind));
  if (e->country)
    json_object_set_new(o, "country", json_string(e->country));
  if (e->population)
    json_object_set_new(o, "population", json_integer((json_int_t)e->population));
  return o;
}

static double rounded(double x) { return round(x * 100.0) / 100.0; }

static json_t *quote_json(const ws_quote *q) {
  json_t *o = json_object();
  json_object_set_new(o, "text", json_string(q->text));
  set_span(o, &q->span);
  json_object_set_new(o, "kind", json_string(ws_quote_kind_str(q->kind)));
  if (q->has_cue) {
    json_t *c = json_object();
    json_object_set_new(c, "text", json_string(q->cue));
    set_span(c, &q->cue_span);
    json_object_set_new(o, "cue", c);
  } else {
    json_object_set_new(o, "cue", json_null());
  }
  if (q->has_speaker) {
    json_t *s = json_object();
    json_object_set_new(s, "name", json_string(q->speaker.name));
    json_object_set_new(s, "mention", json_string(q->speaker.mention));
    json_object_set_new(s, "kind",
                        json_string(ws_speaker_kind_str(q->speaker.kind)));
    set_span(s, &q->speaker.span);
    if (q->speaker.office)
      json_object_set_new(s, "office", json_string(q->speaker.office));
    json_object_set_new(o, "speaker", s);
  } else {
    json_object_set_new(o, "speaker", json_null());
  }
  json_object_set_new(o, "confidence", json_real(rounded(q->confidence)));
  return o;
}

static json_t *per_quote_json(const ws_doc *d, const ws_quote *q) {
  json_t *o = json_object();
  json_object_set_new(o, "id", id_value(d));
  json_object_set_new(o, "quote", json_string(q->text));
  json_object_set_new(o, "kind", json_string(ws_quote_kind_str(q->kind)));
  bool sp = q->has_speaker;
  json_object_set_new(o, "speaker", str_or_null(sp ? q->speaker.name : NULL));
  json_object_set_new(o, "office", str_or_null(sp ? q->speaker.office : NULL));
  json_object_set_new(
      o, "speaker_kind",
      str_or_null(sp ? ws_speaker_kind_str(q->speaker.kind) : NULL));
  json_object_set_new(o, "mention",
                      str_or_null(sp ? q->speaker.mention : NULL));
  json_object_set_new(o, "cue", str_or_null(q->has_cue ? q->cue : NULL));
  set_span(o, &q->span);
  json_object_set_new(o, "confidence", json_real(rounded(q->confidence)));
  return o;
}

static json_t *error_json(const ws_doc *d) {
  json_t *o = json_object(), *e = json_object();
  json_object_set_new(o, "id", id_value(d));
  json_object_set_new(e, "code", json_string(d->err_code));
  json_object_set_new(e, "message", json_string(d->err_msg));
  if (d->err_line)
    json_object_set_new(e, "line", json_integer(d->err_line));
  json_object_set_new(o, "error", e);
  return o;
}

static json_t *doc_json(const ws_doc *d) {
  json_t *o = json_object(), *ents = json_array(), *quotes = json_array();
  json_object_set_new(o, "id", id_value(d));
  for (size_t i = 0; i < d->pub_ents.n; i++)
    json_array_append_new(ents, entity_json(&d->pub_ents.v[i]));
  for (size_t i = 0; i < d->pub_quotes.n; i++)
    json_array_append_new(quotes, quote_json(&d->pub_quotes.v[i]));
  json_object_set_new(o, "entities", ents);
  json_object_set_new(o, "quotes", quotes);
  if (d->warns.n) {
    json_t *w = json_array();
    for (size_t i = 0; i < d->warns.n; i++) {
      json_t *x = json_object();
      json_object_set_new(x, "code", json_string(d->warns.v[i].code));
      json_object_set_new(x, "offset",
                          json_integer((json_int_t)d->warns.v[i].offset));
      json_object_set_new(x, "message", json_string(d->warns.v[i].message));
      json_array_append_new(w, x);
    }
    json_object_set_new(o, "warnings", w);
  }
  return o;
}

/* Append one JSON value and a newline to the output buffer. */
static void append(charbuf *out, json_t *v, size_t flags) {
  char *s = json_dumps(v, flags);
  json_decref(v);
  if (!s)
    return;
  size_t n = strlen(s);
  VEC_RESERVE(*out, out->n + n + 2);
  memcpy(out->v + out->n, s, n);
  out->n += n;
  out->v[out->n++] = '\n';
  out->v[out->n] = '\0';
  free(s);
}

char *ws_doc_json(const ws_doc *d, int flags) {
  if (!d)
    return NULL;
  charbuf out = {0};
  size_t jf = JSON_REAL_PRECISION(4) |
              ((flags & WS_JSON_PRETTY) ? JSON_INDENT(2) : JSON_COMPACT);
  if (d->status != WS_OK)
    append(&out, error_json(d), jf);
  else if (flags & WS_JSON_PER_QUOTE)
    for (size_t i = 0; i < d->pub_quotes.n; i++)
      append(&out, per_quote_json(d, &d->pub_quotes.v[i]), jf);
  else
    append(&out, doc_json(d), jf);
  if (!out.v)
    out.v = ws_xstrndup("", 0);
  return out.v;
}
