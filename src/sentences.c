/* sentences.c - sentence boundaries over tokens. A sentence ends at . ! ?
 * (with any closing quotes or brackets after it) before a token that can
 * start a sentence, or at a line break; titles (Mr.), abbreviations (Jan.,
 * U.S.) and initials (J.) do not end one unless a typical sentence starter
 * follows them. */
#include "internal.h"

static bool is_closer(const token *t) {
  if (t->cls == T_QUOTE)
    return t->mark == QM_DQ_CLOSE || t->mark == QM_SQ_CLOSE ||
           t->mark == QM_GUIL_CLOSE ||
           ((t->mark == QM_DQ_STRAIGHT || t->mark == QM_SQ_STRAIGHT) &&
            (t->flags & TF_RFLANK) && !(t->flags & TF_SPACE_BEFORE));
  return tok_is(t, ')') || tok_is(t, ']');
}

static bool can_start(const ws_ctx *c, const token *t) {
  if (t->cls == T_WORD)
    return (t->flags & TF_CAP) || (t->lex & LX_STARTER);
  return t->cls == T_QUOTE || t->cls == T_NUM || tok_is(t, '(') ||
         tok_is(t, '-');
}

/* Does the period after token `w` mark an abbreviation rather than an end? */
static bool abbreviation_before(const ws_ctx *c, const token *w,
                                const token *next) {
  if (w->cls != T_WORD)
    return false;
  uint64_t f = w->lex;
  bool starter = next && (next->flags & TF_CAP) && (next->lex & LX_STARTER);
  if (f & LX_HONORIFIC)
    return true;
  if (w->len == 1 && (w->flags & TF_CAP))
    return !starter; /* an initial: J. Smith */
  if (f & LX_ABBR)
    return !starter;
  return false;
}

void sent_split(ws_doc *d) {
  const ws_ctx *c = d->ctx;
  token *t = d->toks.v;
  size_t n = d->toks.n;
  uint32_t sent = 0, last = 0; /* last: the sentence of token i - 1 */
  bool end_pending = false, closed = false;
  for (size_t i = 0; i < n; i++) {
    /* after a closing quote ("...?" he asked) only a capital starts one */
    if (i > 0 && ((t[i].flags & TF_NL_BEFORE) ||
                  (end_pending && (t[i].flags & TF_SPACE_BEFORE) &&
                   can_start(c, &t[i]) && !is_closer(&t[i]) &&
                   (!closed || (t[i].flags & TF_CAP) || t[i].cls != T_WORD)))) {
      sent++;
      end_pending = false;
    }
    bool closer = is_closer(&t[i]);
    closed = closer && (end_pending || closed);
    t[i].sent = sent;
    t[i].flags |= (uint16_t)(i == 0 || sent != last ? TF_SENT_START : 0);
    last = sent;
    if (t[i].cls == T_PUNCT &&
        (t[i].mark == '.' || t[i].mark == '!' || t[i].mark == '?')) {
      const token *prev = i ? &t[i - 1] : NULL;
      const token *next = i + 1 < n ? &t[i + 1] : NULL;
      if (t[i].mark != '.' || !prev || (t[i].flags & TF_SPACE_BEFORE) ||
          !abbreviation_before(c, prev, next))
        end_pending = true;
    } else if (t[i].cls == T_WORD && (t[i].flags & TF_DOTTED)) {
      const token *next = i + 1 < n ? &t[i + 1] : NULL;
      end_pending = next && (next->flags & TF_CAP) && (next->lex & LX_STARTER);
    } else if (!closer) {
      end_pending = false;
    }
  }
}
