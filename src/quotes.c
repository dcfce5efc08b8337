/* quotes.c - pairs quotation marks into quotations with a linear-time opener
 * stack. Curly marks carry their direction; straight marks are classified by
 * their neighbours (cmark's flanking rules); any double opener may be closed
 * by any double closer (“ ... " as in hand-edited copy). A quotation may run
 * over several paragraphs when each new paragraph reopens it; one left open
 * at a paragraph's end without that is bounded there. Marks inside a
 * quotation nest; only outermost quotations are reported. */
#include <string.h>

#include "internal.h"

enum { FAM_NONE, FAM_DOUBLE, FAM_SINGLE, FAM_GUIL };
enum { MAX_STACK = 64, MAX_SEARCH = 64 };

static int family(uint8_t mark) {
  switch (mark) {
  case QM_DQ_OPEN: case QM_DQ_CLOSE: case QM_DQ_STRAIGHT: case QM_DQ_LOW:
    return FAM_DOUBLE;
  case QM_SQ_OPEN: case QM_SQ_CLOSE: case QM_SQ_STRAIGHT:
    return FAM_SINGLE;
  case QM_GUIL_OPEN: case QM_GUIL_CLOSE:
    return FAM_GUIL;
  default:
    return FAM_NONE;
  }
}

/* Index in the stack of the nearest opener of family f, or -1. */
static long find_open(const ws_doc *d, int f) {
  size_t n = d->qstack.n, stop = n > MAX_SEARCH ? n - MAX_SEARCH : 0;
  for (size_t k = n; k-- > stop;)
    if (family(d->toks.v[d->qstack.v[k]].mark) == f)
      return (long)k;
  return -1;
}

/* Does an opener below stack index k enclose a quotation? Straight single
 * openers may be stray apostrophes, so they do not count. */
static bool enclosed(const ws_doc *d, long k) {
  for (long j = 0; j < k; j++)
    if (d->toks.v[d->qstack.v[j]].mark != QM_SQ_STRAIGHT)
      return true;
  return false;
}

static void add_quote(ws_doc *d, uint32_t open, uint32_t close,
                      uint32_t last_tok) {
  const token *t = d->toks.v;
  uint32_t start = t[open].off + t[open].len;
  uint32_t end = close != UINT32_MAX ? t[close].off
                                     : t[last_tok - 1].off + t[last_tok - 1].len;
  if (end <= start || last_tok <= open + 1)
    return;
  quotation *q = VEC_PUSH(d->quotes);
  memset(q, 0, sizeof *q);
  q->open_tok = open;
  q->close_tok = close;
  q->start = start;
  q->end = end;
  q->first_tok = open + 1;
  q->last_tok = last_tok;
  q->unit = q->person = -1;
}

/* Classify mark i: +1 opens, -1 closes, 0 neither (an apostrophe). */
static int direction(const ws_doc *d, uint32_t i) {
  const token *t = &d->toks.v[i];
  bool l = t->flags & TF_LFLANK, r = t->flags & TF_RFLANK;
  switch (t->mark) {
  case QM_DQ_OPEN: {
    long k = find_open(d, FAM_DOUBLE); /* „ ... “ closes with “ */
    return k >= 0 && d->toks.v[d->qstack.v[k]].mark == QM_DQ_LOW ? -1 : 1;
  }
  case QM_DQ_LOW: case QM_GUIL_OPEN:
    return 1;
  case QM_DQ_CLOSE: /* ”Fear. used as an opening mark */
    return l && !r && find_open(d, FAM_DOUBLE) < 0 ? 1 : -1;
  case QM_GUIL_CLOSE:
    return -1;
  case QM_DQ_STRAIGHT:
    if (l && !r)
      return 1;
    if (r && !l)
      return -1;
    return find_open(d, FAM_DOUBLE) >= 0 ? -1 : 1;
  case QM_SQ_OPEN:
    return l ? 1 : 0;
  case QM_SQ_CLOSE:
    return r && find_open(d, FAM_SINGLE) >= 0 ? -1 : 0;
  case QM_SQ_STRAIGHT:
    if (r && find_open(d, FAM_SINGLE) >= 0)
      return -1;
    return l && !r ? 1 : 0;
  default:
    return 0;
  }
}

/* Can token i reopen a quotation continued from the previous paragraph? */
static bool reopens(const token *t) {
  return t->cls == T_QUOTE &&
         (t->mark == QM_DQ_OPEN || t->mark == QM_DQ_LOW ||
          t->mark == QM_GUIL_OPEN ||
          (t->mark == QM_DQ_STRAIGHT && (t->flags & TF_LFLANK)));
}

/* The paragraph ending before token `next` (n at the end) is done. */
static void paragraph_end(ws_doc *d, uint32_t next) {
  long outer = -1;
  for (size_t k = 0; k < d->qstack.n && outer < 0; k++)
    if (family(d->toks.v[d->qstack.v[k]].mark) != FAM_SINGLE)
      outer = (long)k;
  if (outer < 0) {
    d->qstack.n = 0;
    return;
  }
  uint32_t open = d->qstack.v[outer];
  if (next < d->toks.n && reopens(&d->toks.v[next])) {
    d->toks.v[next].flags |= TF_QMARK_USED; /* continued quotation */
    d->qstack.v[0] = open;
    d->qstack.n = 1;
    return;
  }
  warning *w = VEC_PUSH(d->warns);
  w->code = "unterminated_quote";
  w->offset = d->toks.v[open].off;
  w->message = "quotation not closed before the end of its paragraph";
  if (!enclosed(d, outer))
    add_quote(d, open, UINT32_MAX, next);
  d->qstack.n = 0;
}

/* Does the quotation end its sentence (closing mark, then a new sentence
 * or final punctuation)? */
static bool ends_sentence(const ws_doc *d, const quotation *q) {
  const token *t = d->toks.v;
  uint32_t c = q->close_tok;
  if (c == UINT32_MAX || c + 1 >= d->toks.n || t[c + 1].sent != t[c].sent)
    return true;
  return tok_is(&t[c + 1], '.') || tok_is(&t[c + 1], '?') ||
         tok_is(&t[c + 1], '!');
}

/* A cue verb earlier in the sentence of token o, with no "that" between. */
static bool cue_before(const ws_doc *d, uint32_t o) {
  const token *t = d->toks.v;
  for (uint32_t j = o; j > 0 && t[j - 1].sent == t[o].sent; j--) {
    uint64_t f = t[j - 1].lex;
    if ((f & LX_THAT) || (t[j - 1].flags & TF_IN_QUOTE) ||
        t[j - 1].cls == T_QUOTE)
      return false;
    if (t[j - 1].cls == T_WORD && (f & LX_CUE_VERB) && !(f & LX_CUE_ING))
      return true;
  }
  return false;
}

static void classify(ws_doc *d) {
  const token *t = d->toks.v;
  bool any_double = false;
  for (size_t k = 0; k < d->quotes.n; k++)
    any_double |= family(t[d->quotes.v[k].open_tok].mark) != FAM_SINGLE;
  for (size_t k = 0; k < d->quotes.n; k++) {
    quotation *q = &d->quotes.v[k];
    for (uint32_t i = q->first_tok; i < q->last_tok; i++)
      d->toks.v[i].flags |= TF_IN_QUOTE;
    /* in copy that quotes speech with double marks, single ones are
     * headline or scare quotes */
    q->scare = any_double && family(t[q->open_tok].mark) == FAM_SINGLE;
    if (q->open_tok > 0 && t[q->open_tok - 1].cls == T_WORD &&
        (t[q->open_tok - 1].lex & LX_SO_CALLED))
      q->scare = true; /* the so-called "peace dividend" */
    uint32_t o = q->open_tok;
    bool direct = (t[o].flags & TF_SENT_START) || o == 0;
    if (!direct) {
      const token *p = &t[o - 1];
      uint64_t pf = p->lex;
      direct = tok_is(p, ':') || tok_is(p, '-') ||
               (p->cls == T_WORD && (pf & LX_CUE_VERB) &&
                ((t[o + 1].flags & TF_CAP) || q->last_tok - q->first_tok >= 3)) ||
               (tok_is(p, ',') && o >= 2 &&
                (t[o - 2].lex & LX_CUE_VERB));
    }
    /* "X told reporters "...": a cue verb shortly before, no "that" */
    bool cap = o + 1 < d->toks.n && (t[o + 1].flags & TF_CAP);
    for (uint32_t j = o, steps = 0; cap && !direct && j > 0 && steps < 4;
         j--, steps++) {
      const token *p = &t[j - 1];
      uint64_t pf = p->lex;
      if (p->cls != T_WORD || (pf & LX_THAT) || (p->flags & TF_IN_QUOTE))
        break;
      direct = (pf & LX_CUE_VERB) && !(pf & LX_CUE_ING);
    }
    bool embedded = o > 0 && t[o - 1].cls == T_WORD &&
                    (t[o - 1].lex & (LX_PREP | LX_DET));
    if (!direct && !embedded && q->last_tok - q->first_tok >= 4 &&
        ends_sentence(d, q))
      direct = cue_before(d, o); /* told reporters as he left "I'm sorry." */
    q->kind = direct ? WS_QUOTE_DIRECT : WS_QUOTE_PARTIAL;
  }
}

void quo_find(ws_doc *d) {
  token *t = d->toks.v;
  uint32_t n = (uint32_t)d->toks.n;
  d->quotes.n = 0;
  d->qstack.n = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (i > 0 && t[i].para != t[i - 1].para)
      paragraph_end(d, i);
    if (t[i].cls != T_QUOTE || (t[i].flags & TF_QMARK_USED))
      continue;
    int dir = direction(d, i);
    if (dir > 0) {
      if (d->qstack.n < MAX_STACK)
        *VEC_PUSH(d->qstack) = i;
    } else if (dir < 0) {
      long k = find_open(d, family(t[i].mark));
      if (k < 0)
        continue;
      uint32_t open = d->qstack.v[k];
      if (!enclosed(d, k))
        add_quote(d, open, i, i);
      t[open].flags |= TF_QMARK_USED;
      t[i].flags |= TF_QMARK_USED;
      d->qstack.n = (size_t)k;
    }
  }
  if (n)
    paragraph_end(d, n);
  classify(d);
}
