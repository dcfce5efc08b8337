/* emit.c - builds the public result views (ws_entity, ws_quote) and writes
 * them as JSON (jsonw.c): one record per document (or per quotation),
 * keys in a fixed order, byte and codepoint offsets for every span. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "jsonw.h"

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
      e->canonical = g ? gaz_canonical(c, m->entry) : e->text;
    }
    if (m->type == WS_PLACE && g) {
      e->kind = gaz_str(c, g->kind);
      e->country = gaz_str(c, g->country);
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

static void span_keys(jsonw *w, const ws_span *s) {
  if (!w->pretty) { /* the four members in one step: most of a record */
    jw_before_value_(w);
    VEC_RESERVE(w->buf, w->buf.n + 4 * 32);
    char *o = w->buf.v + w->buf.n;
    o = JW_PUT_MEMBER_UINT(o, "\"start\":", s->start);
    o = JW_PUT_MEMBER_UINT(o, ",\"end\":", s->end);
    o = JW_PUT_MEMBER_UINT(o, ",\"cp_start\":", s->cp_start);
    o = JW_PUT_MEMBER_UINT(o, ",\"cp_end\":", s->cp_end);
    w->buf.n = (size_t)(o - w->buf.v);
    return;
  }
  JW_KEY_UINT(w, "start", s->start);
  JW_KEY_UINT(w, "end", s->end);
  JW_KEY_UINT(w, "cp_start", s->cp_start);
  JW_KEY_UINT(w, "cp_end", s->cp_end);
}

#define str_key(w, key, s) (JW_KEY((w), key), jw_str((w), (s)))

/* The names of the public enums with their lengths: records write them
 * often, and strlen was a visible share of the output time. */
typedef struct {
  const char *s;
  size_t n;
} lit;
#define LIT(s)                                                                 \
  { s, sizeof s - 1 }
static lit entity_type_lit(ws_entity_type t) {
  static const lit v[] = {LIT("person"), LIT("office"), LIT("place")};
  return (unsigned)t < 3 ? v[t] : (lit)LIT("unknown");
}
static lit quote_kind_lit(ws_quote_kind k) {
  return k == WS_QUOTE_PARTIAL ? (lit)LIT("partial") : (lit)LIT("direct");
}
static lit speaker_kind_lit(ws_speaker_kind k) {
  static const lit v[] = {LIT("name"), LIT("pronoun"), LIT("nominal"),
                          LIT("title")};
  return (unsigned)k < 4 ? v[k] : (lit)LIT("unknown");
}
#define lit_key(w, key, l) (JW_KEY((w), key), jw_strn((w), (l).s, (l).n))

static void id_key(jsonw *w, const ws_doc *d) {
  JW_KEY(w, "id");
  if (d->id)
    jw_value(w, d->id);
  else
    jw_null(w);
}

/* The text of a span, s, as a JSON string: its length is the span's unless
 * invalid input bytes in it were written as U+FFFD. Why: quotations are
 * long, and measuring them again was a visible share of the JSON time. */
static void span_text(jsonw *w, const ws_doc *d, const char *s,
                      const ws_span *sp) {
  if (d->has_orig)
    jw_str(w, s);
  else
    jw_strn(w, s, sp->end - sp->start);
}

static void entity_json(jsonw *w, const ws_doc *d, const ws_entity *e) {
  jw_obj_begin(w);
  lit_key(w, "type", entity_type_lit(e->type));
  JW_KEY(w, "text");
  span_text(w, d, e->text, &e->span);
  JW_KEY(w, "canonical");
  if (e->canonical == e->text) /* a name no list has: as written */
    span_text(w, d, e->text, &e->span);
  else
    jw_str(w, e->canonical);
  span_keys(w, &e->span);
  if (e->office)
    str_key(w, "office", e->office);
  if (e->kind)
    str_key(w, "kind", e->kind);
  if (e->country)
    str_key(w, "country", e->country);
  if (e->population) {
    JW_KEY(w, "population");
    jw_int(w, (long long)e->population);
  }
  jw_obj_end(w);
}

static double rounded(double x) { return round(x * 100.0) / 100.0; }

static void quote_json(jsonw *w, const ws_doc *d, const ws_quote *q) {
  jw_obj_begin(w);
  JW_KEY(w, "text");
  span_text(w, d, q->text, &q->span);
  span_keys(w, &q->span);
  lit_key(w, "kind", quote_kind_lit(q->kind));
  JW_KEY(w, "cue");
  if (q->has_cue) {
    jw_obj_begin(w);
    JW_KEY(w, "text");
    span_text(w, d, q->cue, &q->cue_span);
    span_keys(w, &q->cue_span);
    jw_obj_end(w);
  } else {
    jw_null(w);
  }
  JW_KEY(w, "speaker");
  if (q->has_speaker) {
    jw_obj_begin(w);
    str_key(w, "name", q->speaker.name);
    JW_KEY(w, "mention");
    span_text(w, d, q->speaker.mention, &q->speaker.span);
    lit_key(w, "kind", speaker_kind_lit(q->speaker.kind));
    span_keys(w, &q->speaker.span);
    if (q->speaker.office)
      str_key(w, "office", q->speaker.office);
    jw_obj_end(w);
  } else {
    jw_null(w);
  }
  JW_KEY(w, "confidence");
  jw_real(w, rounded(q->confidence));
  jw_obj_end(w);
}

static void per_quote_json(jsonw *w, const ws_doc *d, const ws_quote *q) {
  bool sp = q->has_speaker;
  jw_obj_begin(w);
  id_key(w, d);
  JW_KEY(w, "quote");
  span_text(w, d, q->text, &q->span);
  lit_key(w, "kind", quote_kind_lit(q->kind));
  str_key(w, "speaker", sp ? q->speaker.name : NULL);
  str_key(w, "office", sp ? q->speaker.office : NULL);
  str_key(w, "speaker_kind", sp ? ws_speaker_kind_str(q->speaker.kind) : NULL);
  str_key(w, "mention", sp ? q->speaker.mention : NULL);
  str_key(w, "cue", q->has_cue ? q->cue : NULL);
  span_keys(w, &q->span);
  JW_KEY(w, "confidence");
  jw_real(w, rounded(q->confidence));
  jw_obj_end(w);
  jw_newline(w);
}

static void error_json(jsonw *w, const ws_doc *d) {
  jw_obj_begin(w);
  id_key(w, d);
  JW_KEY(w, "error");
  jw_obj_begin(w);
  str_key(w, "code", d->err_code);
  str_key(w, "message", d->err_msg);
  if (d->err_line) {
    JW_KEY(w, "line");
    jw_int(w, d->err_line);
  }
  jw_obj_end(w);
  jw_obj_end(w);
  jw_newline(w);
}

static void doc_json(jsonw *w, const ws_doc *d) {
  jw_obj_begin(w);
  id_key(w, d);
  JW_KEY(w, "entities");
  jw_arr_begin(w);
  for (size_t i = 0; i < d->pub_ents.n; i++)
    entity_json(w, d, &d->pub_ents.v[i]);
  jw_arr_end(w);
  JW_KEY(w, "quotes");
  jw_arr_begin(w);
  for (size_t i = 0; i < d->pub_quotes.n; i++)
    quote_json(w, d, &d->pub_quotes.v[i]);
  jw_arr_end(w);
  if (d->warns.n) {
    JW_KEY(w, "warnings");
    jw_arr_begin(w);
    for (size_t i = 0; i < d->warns.n; i++) {
      jw_obj_begin(w);
      str_key(w, "code", d->warns.v[i].code);
      JW_KEY(w, "offset");
      jw_int(w, (long long)d->warns.v[i].offset);
      str_key(w, "message", d->warns.v[i].message);
      jw_obj_end(w);
    }
    jw_arr_end(w);
  }
  jw_obj_end(w);
  jw_newline(w);
}

static void write_json(jsonw *w, const ws_doc *d, int flags) {
  jw_reset(w, flags & WS_JSON_PRETTY);
  VEC_RESERVE(w->buf, 4096);
  w->buf.v[0] = '\0';
  if (d->status != WS_OK)
    error_json(w, d);
  else if (flags & WS_JSON_PER_QUOTE)
    for (size_t i = 0; i < d->pub_quotes.n; i++)
      per_quote_json(w, d, &d->pub_quotes.v[i]);
  else
    doc_json(w, d);
}

char *ws_doc_json(const ws_doc *d, int flags) {
  if (!d)
    return NULL;
  jsonw w = {0};
  write_json(&w, d, flags);
  return w.buf.v;
}

const char *ws_doc_json_view(ws_doc *d, int flags, size_t *len) {
  if (!d)
    return NULL;
  if (!d->json)
    d->json = ws_xcalloc(1, sizeof *d->json);
  write_json(d->json, d, flags);
  if (len)
    *len = d->json->buf.n;
  return d->json->buf.v;
}

void emit_free(ws_doc *d) {
  if (d->json)
    jw_free(d->json);
  free(d->json);
  d->json = NULL;
}
