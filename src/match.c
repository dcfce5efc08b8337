/* match.c - runs the gazetteer trie over the token stream and records
 * non-overlapping leftmost-longest mentions of people, places, offices (and
 * demonyms, kept for the names stage). Names must be capitalised as names
 * are; offices match in any case ("the defence minister"). */
#include "internal.h"

enum { MAX_PHRASE = 12, DEMONYM = 3 };

/* Can tokens [a, b) be a proper name? Content words must be capitalised. */
static bool name_cased(const ws_doc *d, uint32_t a, uint32_t b) {
  for (uint32_t i = a; i < b; i++) {
    const token *t = &d->toks.v[i];
    if (t->cls != T_WORD || (t->flags & (TF_CAP | TF_ALLCAPS)))
      continue;
    if (i > a && (t->lex & (LX_PARTICLE | LX_PREP | LX_DET | LX_CONJ)))
      continue;
    return false;
  }
  return true;
}

static int rank(uint8_t type) {
  switch (type) {
  case WS_PERSON:
    return 4;
  case WS_PLACE:
    return 3;
  case DEMONYM:
    return 2;
  default:
    return 1;
  }
}

enum { MAJOR_CITY = 100000 };

/* Is a small place plausible at tokens [a, b)? A one-word town that is not
 * a major city needs a place context ("in Rosa", "Rosa, Italy") and must not
 * be a given name followed by a surname ("Rosa Yolanda"). */
static bool place_fits(const ws_doc *d, const gaz_entry *e, uint32_t a,
                       uint32_t b) {
  const token *t = d->toks.v;
  if (b < d->toks.n && t[b].cls == T_WORD && (t[b].flags & TF_CAP) &&
      (t[b].lex & LX_ORG))
    return false; /* "The New York Post", "Humboldt University" */
  if (e->place_rank >= 2 || e->population >= MAJOR_CITY)
    return true;
  if (b == a + 1 && (t[a].lex & LX_DEMONYM))
    return false; /* "in English" */
  if (b < d->toks.n && t[b].cls == T_WORD && (t[b].flags & TF_CAP) &&
      t[b].para == t[a].para && (t[a].lex & LX_FIRST_NAME))
    return false;
  if (a > 0 && t[a - 1].cls == T_WORD && (t[a - 1].lex & LX_PLACE_PREP))
    return true;
  return b + 1 < d->toks.n && tok_is(&t[b], ',') && (t[b + 1].flags & TF_CAP);
}

static uint64_t place_weight(const gaz_entry *e) {
  return (uint64_t)e->place_rank << 32 | e->population;
}

/* The best entry ending at `node` for tokens [a, b), or TRIE_NONE. */
static uint32_t choose(const ws_doc *d, uint32_t node, uint32_t a, uint32_t b) {
  const ws_ctx *c = d->ctx;
  uint32_t best = TRIE_NONE;
  bool cased = name_cased(d, a, b);
  for (uint32_t k = c->names.first_entry[node]; k != TRIE_NONE;
       k = c->entries.v[k].next) {
    const gaz_entry *e = &c->entries.v[k];
    if (e->type != WS_OFFICE && !cased)
      continue;
    if (e->type == WS_PLACE && !place_fits(d, e, a, b))
      continue;
    if (best != TRIE_NONE && e->type != c->entries.v[best].type &&
        (e->type == WS_PLACE || c->entries.v[best].type == WS_PLACE) &&
        (e->type == WS_PERSON || c->entries.v[best].type == WS_PERSON)) {
      /* a major place beats a person with no known office ("St. Louis") */
      const gaz_entry *pl = e->type == WS_PLACE ? e : &c->entries.v[best];
      const gaz_entry *pe = e->type == WS_PERSON ? e : &c->entries.v[best];
      bool major = pl->place_rank >= 2 || pl->population >= MAJOR_CITY;
      best = major && !pe->office ? (uint32_t)(pl - c->entries.v)
                                  : (uint32_t)(pe - c->entries.v);
      continue;
    }
    if (best != TRIE_NONE && e->type == WS_PLACE &&
        c->entries.v[best].type == WS_PLACE) {
      if (place_weight(e) > place_weight(&c->entries.v[best]))
        best = k; /* "USA": the country, not the town in Japan */
      continue;
    }
    if (e->type != WS_OFFICE && b == a + 1 &&
        !(d->toks.v[a].flags & TF_ALLCAPS) &&
        (d->toks.v[a].lex & (LX_NOT_NAME | LX_COMMON)))
      continue; /* "May", "Man": a common word unless in a longer name */
    if (best == TRIE_NONE || rank(e->type) > rank(c->entries.v[best].type))
      best = k;
  }
  return best;
}

/* Can a phrase match start at token t? Only offices match in lower case
 * (see choose). */
static inline bool may_start(const token *t) {
  /* & not &&: no branches, as the outcome is hard to predict */
  return ((t->lex & LX_TRIE_START) != 0) & (t->cls == T_WORD) &
         (((t->flags & (TF_CAP | TF_ALLCAPS)) != 0) |
          ((t->lex & LX_OFFICE_START) != 0));
}

/* Lists the tokens where a phrase may start and prefetches what their walk
 * reads first (the node's flags, the second step's slot): the trie is far
 * larger than the caches, and these loads can overlap. */
static void list_starts(ws_doc *d) {
  const trie *names = &d->ctx->names;
  const token *t = d->toks.v;
  uint32_t n = (uint32_t)d->toks.n, k = 0;
  VEC_RESERVE(d->gaz_starts, n);
  for (uint32_t i = 0; i < n; i++) {
    d->gaz_starts.v[k] = i;
    k += may_start(&t[i]);
  }
  d->gaz_starts.n = k;
  for (uint32_t j = 0; j < k; j++) {
    uint32_t i = d->gaz_starts.v[j], node = d->trie_start.v[i];
    if (node == TRIE_NONE)
      continue;
    __builtin_prefetch(&names->has_child[node]);
    __builtin_prefetch(&names->first_entry[node]);
    if (i + 1 < n && (t[i + 1].lex & LX_TRIE_INNER))
      trie_prefetch(names, node, t[i + 1].word);
  }
  for (uint32_t j = 0; j < k; j++) { /* the entries of one-word matches */
    uint32_t node = d->trie_start.v[d->gaz_starts.v[j]];
    if (node != TRIE_NONE && names->first_entry[node] != TRIE_NONE)
      __builtin_prefetch(&d->ctx->entries.v[names->first_entry[node]]);
  }
}

void gaz_match(ws_doc *d) {
  const ws_ctx *c = d->ctx;
  const token *t = d->toks.v;
  uint32_t n = (uint32_t)d->toks.n, next = 0;
  d->ments.n = 0;
  list_starts(d);
  for (size_t k = 0; k < d->gaz_starts.n; k++) {
    uint32_t i = d->gaz_starts.v[k];
    if (i < next)
      continue; /* inside the previous match */
    uint32_t node = TRIE_ROOT, best = TRIE_NONE, best_end = i;
    for (uint32_t j = i; j < n && j - i < MAX_PHRASE; j++) {
      if (t[j].word == STR_NONE || (j > i && t[j].para != t[i].para) ||
          t[j].cls == T_QUOTE)
        break;
      if (j > i && !(t[j].lex & LX_TRIE_INNER))
        break; /* no phrase continues with this word */
      node = j == i ? d->trie_start.v[i] /* cached first step */
                    : trie_step(&c->names, node, t[j].word);
      if (node == TRIE_NONE)
        break;
      if (c->names.first_entry[node] != TRIE_NONE) {
        uint32_t e = choose(d, node, i, j + 1);
        if (e != TRIE_NONE) {
          best = e;
          best_end = j + 1;
        }
      }
      if (!c->names.has_child[node])
        break; /* no longer phrase: skip the probe */
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
    if (e->type == WS_OFFICE && i >= 2 && t[i - 1].cls == T_WORD &&
        (t[i - 1].lex & LX_PREP) && (t[i - 2].lex & LX_ORG) &&
        (t[i - 2].flags & TF_CAP))
      m->emit = false; /* "Department of Justice" */
    next = best_end;
  }
}
