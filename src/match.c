/* match.c - runs the gazetteer trie over the token stream and records
 * non-overlapping leftmost-longest mentions of people, places, offices (and
 * demonyms, kept for the names stage). Names must be capitalised as names
 * are; offices match in any case ("the defence minister"). */
#include "internal.h"

enum { MAX_PHRASE = 12, DEMONYM = 3 };

/* Can tokens [a, b) be a proper name? Content words must be capitalised. */
static bool name_cased(const ws_doc *d, uint32_t a, uint32_t b) {
  const ws_ctx *c = d->ctx;
  for (uint32_t i = a; i < b; i++) {
    const token *t = &d->toks.v[i];
    if (t->cls != T_WORD || (t->flags & (TF_CAP | TF_ALLCAPS)))
      continue;
    if (i > a && (lex_flags(c, t->word) &
                  (LX_PARTICLE | LX_PREP | LX_DET | LX_CONJ)))
      continue;
    return false;
  }
  return true;
}

static int rank(uint8_t type) {
  switch (type) {
  case WS_PERSON: return 4;
  case WS_PLACE: return 3;
  case DEMONYM: return 2;
  default: return 1;
  }
}

/* The best entry ending at `node` for tokens [a, b), or TRIE_NONE. */
static uint32_t choose(const ws_doc *d, uint32_t node, uint32_t a,
                       uint32_t b) {
  const ws_ctx *c = d->ctx;
  uint32_t best = TRIE_NONE;
  bool cased = name_cased(d, a, b);
  for (uint32_t k = c->names.first_entry[node]; k != TRIE_NONE;
       k = c->entries.v[k].next) {
    const gaz_entry *e = &c->entries.v[k];
    if (e->type != WS_OFFICE && !cased)
      continue;
    if (e->type != WS_OFFICE && b == a + 1 &&
        !(d->toks.v[a].flags & TF_ALLCAPS) &&
        (lex_flags(c, d->toks.v[a].word) & (LX_NOT_NAME | LX_COMMON)))
      continue; /* "May", "Man": a common word unless in a longer name */
    if (best == TRIE_NONE || rank(e->type) > rank(c->entries.v[best].type))
      best = k;
  }
  return best;
}

void gaz_match(ws_doc *d) {
  const ws_ctx *c = d->ctx;
  const token *t = d->toks.v;
  uint32_t n = (uint32_t)d->toks.n;
  d->ments.n = 0;
  for (uint32_t i = 0; i < n; i++) {
    if (t[i].word == STR_NONE || t[i].cls != T_WORD)
      continue;
    uint32_t node = TRIE_ROOT, best = TRIE_NONE, best_end = i;
    for (uint32_t j = i; j < n && j - i < MAX_PHRASE; j++) {
      if (t[j].word == STR_NONE || (j > i && t[j].para != t[i].para) ||
          t[j].cls == T_QUOTE)
        break;
      node = trie_step(&c->names, node, t[j].word);
      if (node == TRIE_NONE)
        break;
      if (c->names.first_entry[node] != TRIE_NONE) {
        uint32_t e = choose(d, node, i, j + 1);
        if (e != TRIE_NONE) {
          best = e;
          best_end = j + 1;
        }
      }
    }
    if (best == TRIE_NONE)
      continue;
    const gaz_entry *e = &c->entries.v[best];
    mention *m = VEC_PUSH(d->ments);
    m->tok = i;
    m->ntok = best_end - i;
    m->type = e->type;
    m->gender = e->gender;
    m->person = -1;
    m->entry = best;
    m->office_tok = m->office_ntok = 0;
    m->office_entry = TRIE_NONE;
    m->emit = e->type == WS_PERSON || e->type == WS_PLACE ||
              (e->type == WS_OFFICE && (t[i].flags & (TF_CAP | TF_ALLCAPS)));
    i = best_end - 1;
  }
}
