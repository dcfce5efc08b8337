/* attribute.c - links each quotation to its speaker. Speaker candidates
 * ("units": people, pronouns, nominals, titles, other names) are laid out as
 * a shape string around the quotation and matched against the cue layouts
 * (cues.c); failing that, the nearest cue verb before the quotation gives
 * its subject; a quotation with no cue continues the previous speaker.
 * Pronouns resolve to the subject of the nearest earlier sentence that has a
 * person of the right gender, not merely the nearest name. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cues.h"

enum {
  MAX_SHAPE = 40,
  MAX_BACK_SENTENCES = 8,
  SCARE_MAX_WORDS = 4,
  MAX_FRAME = 80,
  MAX_GAP = 2000,
  MAX_CANDIDATES = 200,
  MAX_HOLDERS = 200
};

static inline const token *T(const ws_doc *d, uint32_t i) {
  return &d->toks.v[i];
}
static inline uint64_t F(const ws_doc *d, uint32_t i) {
  return d->toks.v[i].lex;
}
static inline bool quoted(const ws_doc *d, uint32_t i) {
  return (T(d, i)->flags & TF_IN_QUOTE) ||
         (T(d, i)->cls == T_QUOTE && (T(d, i)->flags & TF_QMARK_USED));
}
static bool is_adverb(const ws_doc *d, uint32_t i) {
  const token *t = T(d, i);
  if (t->cls != T_WORD || (t->flags & TF_CAP))
    return false;
  if (F(d, i) & LX_ADV)
    return true;
  return t->len > 4 && memcmp(d->text + t->off + t->len - 2, "ly", 2) == 0;
}

static bool word_is(const ws_doc *d, uint32_t i, const char *w) {
  const token *t = T(d, i);
  size_t n = strlen(w);
  return t->cls == T_WORD && t->len == n &&
         strncasecmp(d->text + t->off, w, n) == 0;
}

static bool word_starts(const ws_doc *d, uint32_t i, const char *w) {
  const token *t = T(d, i);
  size_t n = strlen(w);
  return t->cls == T_WORD && t->len >= n &&
         strncasecmp(d->text + t->off, w, n) == 0;
}

/* ---- units ------------------------------------------------------------- */

static void push_unit(ws_doc *d, uint32_t tok, uint32_t ntok, uint32_t mtok,
                      uint32_t mntok, uint8_t kind, int32_t pid) {
  struct unit *u = VEC_PUSH(d->units);
  memset(u, 0, sizeof *u);
  u->tok = tok;
  u->ntok = ntok;
  u->mtok = mtok;
  u->mntok = mntok;
  u->kind = kind;
  u->person = pid;
  u->antecedent = -1;
  if (pid >= 0)
    u->gender = d->people.v[pid].gender;
  for (uint32_t i = tok; i < tok + ntok; i++)
    d->unit_at.v[i] = (int32_t)(d->units.n - 1);
}

static int32_t unit_ending_at(const ws_doc *d, uint32_t i) {
  int32_t u = d->unit_at.v[i];
  return u >= 0 && d->units.v[u].tok + d->units.v[u].ntok == i + 1 ? u : -1;
}

static bool free_tok(const ws_doc *d, uint32_t i) {
  return d->unit_at.v[i] < 0 && !quoted(d, i);
}

/* A word of a descriptor before a name: "retired neurosurgeon", "his
 * nephew", "Republican pollster" (not a verb's object: "told reporters"). */
static bool descriptor_word(const ws_doc *d, uint32_t i) {
  const token *t = T(d, i);
  uint64_t f = F(d, i);
  if (!free_tok(d, i) || t->cls != T_WORD || (t->flags & TF_POSS) ||
      (f & (LX_DET | LX_PREP | LX_CONJ | LX_CUE_VERB | LX_THAT | LX_REL |
            LX_PRON_M | LX_PRON_F | LX_PRON_PL | LX_ADV | LX_NOMINAL_PL |
            LX_STARTER)) ||
      is_adverb(d, i))
    return false;
  if (!(t->flags & TF_CAP))
    return true;
  return (f & (LX_GROUP | LX_DEMONYM | LX_MODIFIER)) != 0;
}

/* Start of the descriptor before the name at `start` ("said retired
 * neurosurgeon Ben Carson", "his nephew Omar Haddad", "an angry
 * Hollande"): up to four descriptor words, taken only when what precedes
 * them ends a phrase (a determiner, which is included, a cue verb,
 * punctuation, a quotation mark, a conjunction or the sentence start). */
static uint32_t descriptor_start(const ws_doc *d, uint32_t start,
                                 uint32_t end) {
  uint32_t b = start;
  /* after a closing mark or a cue verb, a name that ends its clause is
   * the inverted subject ("...," remembered Roy Hart / "said Tom Lee.")
   * and the word before it may be a verb */
  bool clause_end =
      end >= d->toks.n || (T(d, end)->cls == T_PUNCT && T(d, end)->mark &&
                           strchr(",.;!?", T(d, end)->mark));
  while (b > 0 && start - b < 4 && T(d, b - 1)->sent == T(d, start)->sent &&
         descriptor_word(d, b - 1))
    b--;
  for (; b < start; b++) {
    if (b == 0 || T(d, b - 1)->sent != T(d, b)->sent)
      return b;
    uint32_t p = b - 1;
    const token *t = T(d, p);
    if (!free_tok(d, p) && t->cls != T_QUOTE)
      continue;
    if (t->cls == T_QUOTE || tok_is(t, ',')) {
      if (!clause_end || start - b > 1)
        return b;
      continue;
    }
    if (tok_is(t, ':') || tok_is(t, '(') || tok_is(t, '-'))
      return b;
    if (t->cls == T_WORD && !(t->flags & TF_CAP) &&
        (((F(d, p) & LX_CUE_VERB) && clause_end) || (F(d, p) & LX_CONJ)))
      return b;
    if (t->cls == T_WORD &&
        (word_is(d, p, "a") || word_is(d, p, "an") || word_is(d, p, "the") ||
         word_is(d, p, "his") || word_is(d, p, "her") ||
         word_is(d, p, "their") || word_is(d, p, "its") ||
         word_is(d, p, "our") || word_is(d, p, "another")))
      return p;
  }
  return start;
}

static void person_units(ws_doc *d) {
  for (size_t k = 0; k < d->ments.n; k++) {
    const mention *m = &d->ments.v[k];
    if (m->type != WS_PERSON || quoted(d, m->tok) ||
        d->unit_at.v[m->tok] >= 0) /* inside "a Trump campaign source" */
      continue;
    uint32_t start = m->tok;
    if (m->office_ntok && m->office_tok + m->office_ntok == m->tok)
      start = m->office_tok;
    else if (start >= 2 && tok_is(T(d, start - 1), '.') &&
             (F(d, start - 2) & LX_HONORIFIC))
      start -= 2;
    else if (start >= 1 && (F(d, start - 1) & LX_HONORIFIC))
      start -= 1;
    while (start < m->tok && !free_tok(d, start))
      start++;
    while (start < m->tok && start > 0 && free_tok(d, start - 1) &&
           d->ment_at.v[start - 1] >= 0 &&
           d->ments.v[d->ment_at.v[start - 1]].type == WS_OFFICE)
      start = d->ments.v[d->ment_at.v[start - 1]].tok; /* "Chairman Rep. X" */
    start = descriptor_start(d, start, m->tok + m->ntok);
    if (start < m->tok && start > 0 && tok_is_the(d, start - 1) &&
        free_tok(d, start - 1))
      start--; /* "said the Rev. Peter Wherry" */
    push_unit(d, start, m->tok + m->ntok - start, m->tok, m->ntok, U_PERSON,
              m->person);
  }
}

/* End of a prepositional phrase naming an organisation after a nominal:
 * "(a spokesman) for the Circuit Attorney's Office". */
static uint32_t pp_end(const ws_doc *d, uint32_t i) {
  uint32_t n = (uint32_t)d->toks.n, j = i, end = i;
  if (j >= n || !free_tok(d, j) || !(F(d, j) & LX_PREP) ||
      T(d, j)->flags & TF_CAP)
    return i;
  j++;
  if (j < n && free_tok(d, j) && (F(d, j) & LX_DET))
    j++;
  for (; j < n && j - i < 10 && !quoted(d, j); j++) {
    const token *t = T(d, j);
    if (t->cls == T_WORD && ((t->flags & (TF_CAP | TF_ALLCAPS | TF_POSS)) ||
                             !(F(d, j) & (LX_CUE_VERB | LX_PRON_M | LX_PRON_F |
                                          LX_PRON_PL | LX_THAT | LX_ADV)))) {
      end = j + 1; /* "in the Clinton ad", "at the Ministry" */
      continue;
    }
    if (t->cls == T_WORD && (F(d, j) & (LX_PREP | LX_CONJ | LX_DET)) && end > i)
      continue;
    break;
  }
  return end;
}

/* "a senior diplomat", "officials", "White House officials". */
/* Number, collectivity and gender of the last unit, from its head noun:
 * "the nurses" are plural, "the union" is a body, "the spokeswoman" f. */
static void noun_features(ws_doc *d, uint32_t head) {
  struct unit *u = &d->units.v[d->units.n - 1];
  uint64_t hf = F(d, head);
  u->plural = (hf & LX_NOMINAL_PL) != 0;
  u->collective = (hf & LX_COLLECTIVE) != 0;
  u->gender = hf & LX_GENDER_M ? 'm' : hf & LX_GENDER_F ? 'f' : 0;
}

static void nominal_unit(ws_doc *d, uint32_t head) {
  uint32_t n = (uint32_t)d->toks.n;
  while (head + 1 < n && free_tok(d, head + 1) &&
         (F(d, head + 1) & LX_NOMINAL) && T(d, head + 1)->cls == T_WORD)
    head++;
  uint32_t start = head, det = UINT32_MAX;
  for (uint32_t j = head; j > 0 && head - (j - 1) <= 4; j--) {
    uint32_t p = j - 1;
    if (!free_tok(d, p) || T(d, p)->cls != T_WORD ||
        T(d, p)->sent != T(d, head)->sent)
      break;
    uint64_t f = F(d, p);
    if (f & LX_DET) {
      det = p;
      continue;
    }
    if (f & (LX_CUE_VERB | LX_PREP | LX_CONJ | LX_THAT | LX_REL) ||
        (f & LX_PRON_M) || (f & LX_PRON_F) || (f & LX_PRON_PL))
      break;
    if (det != UINT32_MAX || (f & (LX_ADV | LX_NOT_NAME)) || is_adverb(d, p))
      break;
    if (head - p <= 2)
      start = p; /* "city officials", "Agriculture Department spokesman" */
  }
  /* a lower-case word after another word with no determiner is a verb
   * ("met voters"), not a modifier ("city officials said") */
  while (det == UINT32_MAX && start < head && start > 0 &&
         !(T(d, start)->flags & TF_CAP) &&
         T(d, start - 1)->sent == T(d, start)->sent &&
         T(d, start - 1)->cls == T_WORD &&
         !(F(d, start - 1) & (LX_DET | LX_PREP | LX_CONJ | LX_THAT)))
    start++;
  if (det != UINT32_MAX)
    start = det;
  else if (start < head)
    ;
  else
    while (start > 0 && free_tok(d, start - 1) &&
           T(d, start - 1)->cls == T_WORD &&
           T(d, start - 1)->sent == T(d, head)->sent &&
           ((F(d, start - 1) & LX_MODIFIER) ||
            ((T(d, start - 1)->flags & TF_CAP) &&
             !(F(d, start - 1) & (LX_STARTER | LX_NOT_NAME)))) &&
           head - start < 4)
      start--;
  /* "one of those advisers", "two of the officials": the part names the
   * speaker as well as the whole */
  if (start >= 2 && word_is(d, start - 1, "of") && free_tok(d, start - 1) &&
      free_tok(d, start - 2) && T(d, start - 2)->sent == T(d, head)->sent &&
      (((F(d, start - 2) & LX_DET) && T(d, start - 2)->cls == T_WORD) ||
       T(d, start - 2)->cls == T_NUM || word_is(d, start - 2, "some") ||
       word_is(d, start - 2, "many") || word_is(d, start - 2, "most") ||
       word_is(d, start - 2, "several")))
    start -= 2;
  uint32_t end = pp_end(d, head + 1);
  push_unit(d, start, end - start, start, end - start, U_NOMINAL, -1);
  noun_features(d, head);
  if (word_is(d, start, "one"))
    d->units.v[d->units.n - 1].plural = false; /* "one of the aides" */
}

/* The person in the document whose office ends with this office's head. */
static int32_t office_holder(ws_doc *d, const mention *office) {
  const token *head = T(d, office->tok + office->ntok - 1);
  char key[128], k2[128];
  size_t kn = norm_key(d->text + head->off, head->len, key, sizeof key);
  int32_t found = -1;
  const char *canon =
      office->entry != TRIE_NONE ? gaz_canonical(d->ctx, office->entry) : NULL;
  size_t p0 = d->people.n > MAX_HOLDERS ? d->people.n - MAX_HOLDERS : 0;
  for (size_t p = p0; kn && p < d->people.n; p++) {
    const char *o = d->people.v[p].office;
    if (!o || d->people.v[p].first_tok > office->tok)
      continue;
    if (canon && d->people.v[p].office_canon &&
        strcmp(canon, d->people.v[p].office_canon) == 0) {
      found = (int32_t)p; /* "the governor" after "Gov. Lacson" */
      continue;
    }
    const char *last = strrchr(o, ' ');
    last = last ? last + 1 : o;
    size_t n = norm_key(last, strlen(last), k2, sizeof k2);
    if (n == kn && memcmp(key, k2, n) == 0)
      found = (int32_t)p;
  }
  return found;
}

/* A capitalised word inside a sentence: part of a name, not a verb. */
static bool capitalised_inside(const ws_doc *d, uint32_t i) {
  const token *t = T(d, i);
  return (t->flags & TF_CAP) && !(t->flags & TF_ALLCAPS) &&
         !(t->flags & TF_SENT_START) && i > 0 && T(d, i - 1)->cls != T_QUOTE &&
         !tok_is(T(d, i - 1), ':');
}

static bool name_word(const ws_doc *d, uint32_t i) {
  const token *t = T(d, i);
  uint64_t f = F(d, i);
  if ((t->flags & TF_SENT_START) && t->cls == T_WORD &&
      !(f & (LX_FIRST_NAME | LX_SURNAME | LX_ORG)) &&
      ((f & LX_ADV) ||
       (t->len > 4 && memcmp(d->text + t->off + t->len - 2, "ly", 2) == 0)))
    return false; /* "Later, ...", "Shortly after": an adverb, capitalised */
  if (f & LX_ORG) /* "Reuters", "Tribune": never people, but names */
    f &= ~(uint64_t)LX_NOT_NAME;
  if ((f & LX_CUE_VERB) && capitalised_inside(d, i))
    f &= ~(uint64_t)LX_CUE_VERB; /* "The Washington Post" */
  return t->cls == T_WORD && (t->flags & (TF_CAP | TF_ALLCAPS)) &&
         !(t->flags & TF_POSS) &&
         !(f &
           (LX_NOT_NAME | LX_CUE_VERB | LX_PRON_M | LX_PRON_F | LX_PRON_PL |
            LX_DEMONYM | LX_STARTER | LX_ACCORDING | LX_CUE_PHRASE | LX_PREP));
}

/* Capitalised names that are not people: "The White House", "Reuters". */
static void name_unit(ws_doc *d, uint32_t i) {
  uint32_t n = (uint32_t)d->toks.n, j = i, end = i;
  if ((F(d, i) & LX_STARTER) && T(d, i)->flags & TF_CAP && i + 1 < n &&
      name_word(d, i + 1))
    j = i + 1; /* "The" */
  for (; j < n && j - i < 7 && free_tok(d, j) && T(d, j)->sent == T(d, i)->sent;
       j++) {
    if (name_word(d, j) || (d->ment_at.v[j] >= 0 &&
                            d->ments.v[d->ment_at.v[j]].type == WS_PLACE)) {
      end = j + 1;
      continue;
    }
    if (j > i && T(d, j)->cls == T_WORD && (F(d, j) & (LX_PREP | LX_CONJ)) &&
        !(T(d, j)->flags & TF_CAP) && j + 1 < n && name_word(d, j + 1) &&
        T(d, j)->mark == 0)
      continue;
    break;
  }
  if (end > i && i > 0 && tok_is_the(d, i - 1) && free_tok(d, i - 1) &&
      T(d, i - 1)->sent == T(d, i)->sent)
    i--; /* "reported the Washington Examiner", "as The Hill put it" */
  if (end > i)
    push_unit(d, i, end - i, i, end - i, U_NAME, -1);
}

/* Is there a cue verb right after token i, or after an apposition
 * (", who asked not to be named, said")? */
static bool cue_follows(const ws_doc *d, uint32_t i) {
  uint32_t n = (uint32_t)d->toks.n;
  while (i < n && is_adverb(d, i))
    i++;
  if (i >= n)
    return false;
  if (T(d, i)->cls == T_WORD && (F(d, i) & LX_CUE_VERB) &&
      !(F(d, i) & LX_CUE_ING))
    return true;
  if (!tok_is(T(d, i), ','))
    return false;
  for (uint32_t j = i + 1; j + 1 < n && j - i < 20; j++) {
    if (quoted(d, j) || T(d, j)->cls == T_QUOTE || tok_is(T(d, j), '.'))
      return false;
    if (tok_is(T(d, j), ','))
      return T(d, j + 1)->cls == T_WORD && (F(d, j + 1) & LX_CUE_VERB);
  }
  return false;
}

/* A capitalised word that can sit inside a nominal: a place, a demonym or
 * a party ("a Nevada Democrat", "one Iowa Republican"). Returns the last
 * token it covers, or 0. */
static uint32_t nominal_cap_word(const ws_doc *d, uint32_t j) {
  int32_t m = d->ment_at.v[j];
  if (m >= 0 && d->ments.v[m].type == WS_PERSON && d->ments.v[m].tok == j &&
      free_tok(d, j)) { /* "a Trump campaign source": a person modifying */
    uint32_t e = j + d->ments.v[m].ntok; /* the lower-case noun after it */
    return e < d->toks.n && T(d, e)->cls == T_WORD &&
                   !(T(d, e)->flags & (TF_CAP | TF_ALLCAPS)) &&
                   free_tok(d, e) &&
                   !(F(d, e) &
                     (LX_PREP | LX_CONJ | LX_CUE_VERB | LX_THAT | LX_ADV |
                      LX_DET | LX_REL | LX_PRON_M | LX_PRON_F | LX_PRON_PL)) &&
                   !is_adverb(d, e)
               ? e - 1
               : 0;
  }
  if (m >= 0) /* the place's (or demonym's: "the Texan") last token, or 0 */
    return (d->ments.v[m].type == WS_PLACE ||
            d->ments.v[m].type == MENTION_DEMONYM) &&
                   d->ments.v[m].tok == j
               ? j + d->ments.v[m].ntok - 1
               : 0;
  return (F(d, j) & (LX_GROUP | LX_DEMONYM)) ? j : 0;
}

/* "the 46-year-old": an age used as a noun. */
static bool age_noun(const ws_doc *d, uint32_t j) {
  const token *t = T(d, j);
  return t->cls == T_NUM && t->len > 4 &&
         strncasecmp(d->text + t->off + t->len - 4, "-old", 4) == 0;
}

/* A noun that is also a cue word, heading its phrase before the cue verb:
 * "the congressional report said", "a new statement says". */
static bool cue_noun_head(const ws_doc *d, uint32_t j) {
  return (F(d, j) & LX_NOMINAL) && j + 1 < d->toks.n &&
         T(d, j + 1)->cls == T_WORD && (F(d, j + 1) & LX_CUE_VERB) &&
         !(F(d, j + 1) & (LX_CUE_ING | LX_NOMINAL));
}

/* "a senior engineer at the ministry said": a determiner, up to six
 * lower-case words and an optional organisation, next to a cue verb. */
static void generic_nominal(ws_doc *d, uint32_t det) {
  uint32_t n = (uint32_t)d->toks.n, head = det;
  for (uint32_t j = det + 1; j < n && j - det <= 6; j++) {
    const token *t = T(d, j);
    uint64_t f = F(d, j);
    uint32_t cap_end =
        (t->flags & TF_CAP) && t->cls == T_WORD ? nominal_cap_word(d, j) : 0;
    if (cap_end) {
      head = j = cap_end;
      continue;
    }
    if (free_tok(d, j) && (age_noun(d, j) || cue_noun_head(d, j))) {
      head = j; /* "the 46-year-old", "the report" */
      continue;
    }
    if (!free_tok(d, j) || t->cls != T_WORD || (t->flags & TF_CAP) ||
        (f & (LX_PREP | LX_CONJ | LX_CUE_VERB | LX_THAT | LX_ADV | LX_DET |
              LX_PRON_M | LX_PRON_F | LX_PRON_PL | LX_NOT_NAME | LX_REL)) ||
        (d->ment_at.v[j] >= 0 &&
         d->ments.v[d->ment_at.v[j]].type != WS_OFFICE) || /* "official" */
        is_adverb(d, j))
      break;
    head = j;
  }
  if (head == det)
    return;
  uint32_t end = pp_end(d, head + 1);
  /* "said a senior official." - the phrase must end the clause, or a
   * relative clause follows it ("said an aide who asked not to be named") */
  bool said_before = det > 0 && T(d, det - 1)->cls == T_WORD &&
                     (F(d, det - 1) & LX_CUE_VERB) &&
                     (end >= d->toks.n || T(d, end)->cls == T_QUOTE ||
                      tok_is(T(d, end), ',') || tok_is(T(d, end), '.') ||
                      (T(d, end)->cls == T_WORD && (F(d, end) & LX_REL) &&
                       !(F(d, end) & LX_THAT)));
  /* "..., a senior official said" - the phrase must be a subject */
  const token *p = det > 0 ? T(d, det - 1) : NULL;
  bool subject = !p || p->sent != T(d, det)->sent || p->cls != T_WORD ||
                 (F(d, det - 1) & (LX_CONJ | LX_THAT));
  if (!said_before && !(subject && cue_follows(d, end)))
    return;
  /* "the Ohio senator" after "Senator Ann Lee" is hers: left to the
   * title units; "a senior law enforcement official" is a nominal */
  int32_t om = d->ment_at.v[head];
  if (om >= 0 && d->ments.v[om].type == WS_OFFICE &&
      office_holder(d, &d->ments.v[om]) >= 0)
    return;
  push_unit(d, det, end - det, det, end - det, U_NOMINAL, -1);
  noun_features(d, head);
}

/* "according to a Pentagon readout", "according to the poll": the source
 * after "according to", when no other unit starts there, is the noun
 * phrase up to the next punctuation, relative pronoun or verb. */
static void according_unit(ws_doc *d, uint32_t i) {
  uint32_t n = (uint32_t)d->toks.n, end = i;
  if (i >= n || !free_tok(d, i) || T(d, i)->cls != T_WORD)
    return;
  for (uint32_t j = i; j < n && j - i < 8; j++) {
    const token *t = T(d, j);
    if (!free_tok(d, j) || t->cls != T_WORD || t->sent != T(d, i)->sent ||
        (F(d, j) & (LX_REL | LX_THAT | LX_CONJ | LX_PRON_M | LX_PRON_F |
                    LX_PRON_PL | LX_ACCORDING)) ||
        ((F(d, j) & LX_CUE_VERB) && !(t->flags & TF_CAP)))
      break;
    end = j + 1;
  }
  if (end < n && d->unit_at.v[end] >= 0 &&
      d->units.v[d->unit_at.v[end]].kind == U_PERSON)
    return; /* "according to calculations by Amy Lee": the person */
  /* ends on a noun, not on a preposition or determiner ("the poll of") */
  while (end > i && (F(d, end - 1) & (LX_PREP | LX_DET)))
    end--;
  if (end == i || (end < n && !free_tok(d, end)))
    return; /* "according to the [Trump campaign]": that unit will do */
  push_unit(d, i, end - i, i, end - i,
            T(d, i)->flags & TF_CAP ? U_NAME : U_NOMINAL, -1);
  noun_features(d, end - 1);
}

enum { US_DET, US_PRON_NOMINAL, US_ACCORDING, US_REL, US_NAMED };
_Static_assert(US_NAMED + 1 == UNIT_START_LISTS, "one list per pass");
static const uint64_t pron_nominal =
    LX_PRON_IT | LX_PRON_M | LX_PRON_F | LX_PRON_PL | LX_PRON_1 | LX_NOMINAL;

/* The tokens each pass of build_units starts at, by their word's flags, in
 * one branch-free pass (most tokens are none of them). */
static void list_unit_starts(ws_doc *d) {
  uint32_t n = (uint32_t)d->toks.n, k[UNIT_START_LISTS] = {0};
  uint32_t *v[UNIT_START_LISTS];
  for (int l = 0; l < UNIT_START_LISTS; l++) {
    VEC_RESERVE(d->unit_starts[l], n);
    v[l] = d->unit_starts[l].v;
  }
  for (uint32_t i = 0; i < n; i++) {
    uint64_t f = F(d, i);
    bool word = T(d, i)->cls == T_WORD;
    v[US_DET][k[US_DET]] = i;
    k[US_DET] += word & ((f & (LX_DET | LX_PRON_M | LX_PRON_F)) == LX_DET);
    v[US_PRON_NOMINAL][k[US_PRON_NOMINAL]] = i;
    k[US_PRON_NOMINAL] += word & ((f & pron_nominal) != 0);
    v[US_ACCORDING][k[US_ACCORDING]] = i;
    k[US_ACCORDING] += (f & LX_ACCORDING) != 0;
    v[US_REL][k[US_REL]] = i;
    k[US_REL] += (f & LX_REL) != 0;
    v[US_NAMED][k[US_NAMED]] = i; /* capitalised, or in a list's mention */
    k[US_NAMED] += word & (((T(d, i)->flags & (TF_CAP | TF_ALLCAPS)) != 0) |
                           (d->ment_at.v[i] >= 0));
  }
  for (int l = 0; l < UNIT_START_LISTS; l++)
    d->unit_starts[l].n = k[l];
}

/* Token k of start list l. */
static inline uint32_t start_at(const ws_doc *d, int l, size_t k) {
  return d->unit_starts[l].v[k];
}

static void build_units(ws_doc *d) {
  uint32_t n = (uint32_t)d->toks.n;
  d->units.n = 0;
  VEC_RESERVE(d->unit_at, n);
  d->unit_at.n = n;
  if (n) /* all -1 (an empty document has no array) */
    memset(d->unit_at.v, 0xFF, n * sizeof *d->unit_at.v);
  list_unit_starts(d);
  for (size_t k = 0; k < d->unit_starts[US_DET].n; k++) {
    uint32_t i = start_at(d, US_DET, k); /* "one Trump campaign source" */
    if (i + 1 < n && free_tok(d, i) && d->ment_at.v[i + 1] >= 0 &&
        d->ments.v[d->ment_at.v[i + 1]].type == WS_PERSON)
      generic_nominal(d, i);
  }
  person_units(d);
  for (size_t k = 0; k < d->unit_starts[US_DET].n; k++) {
    uint32_t i = start_at(d, US_DET, k); /* speech-adjacent noun phrases */
    if (free_tok(d, i))
      generic_nominal(d, i);
  }
  uint32_t from = 0; /* tokens before it are taken */
  /* pronouns and nominals first: a nominal may take capitalised words */
  for (size_t k = 0; k < d->unit_starts[US_PRON_NOMINAL].n; k++) {
    uint32_t i = start_at(d, US_PRON_NOMINAL, k);
    if (i < from || !free_tok(d, i))
      continue;
    uint64_t f = F(d, i);
    if ((f & LX_PRON_IT) && i + 1 < n && T(d, i + 1)->cls == T_WORD &&
        (F(d, i + 1) & LX_CUE_VERB) && !(F(d, i + 1) & LX_CUE_ING)) {
      push_unit(d, i, 1, i, 1, U_PRONOUN, -1); /* "it said" */
      d->units.v[d->units.n - 1].gender = 'n';
    } else if (f & (LX_PRON_M | LX_PRON_F | LX_PRON_PL | LX_PRON_1)) {
      push_unit(d, i, 1, i, 1, U_PRONOUN, -1);
      struct unit *u = &d->units.v[d->units.n - 1];
      u->gender = f & LX_PRON_M ? 'm' : f & LX_PRON_F ? 'f' : 0;
      u->plural = (f & LX_PRON_PL) != 0;
      u->first_person = (f & LX_PRON_1) != 0;
    } else if (f & LX_NOMINAL) {
      nominal_unit(d, i);
      from = d->units.v[d->units.n - 1].tok + d->units.v[d->units.n - 1].ntok;
    }
  }
  uint32_t next = 0; /* tokens before it are in a unit made here */
  for (size_t k = 0; k < d->unit_starts[US_NAMED].n; k++) {
    uint32_t i = start_at(d, US_NAMED, k); /* offices, places, names */
    if (i < next || !free_tok(d, i))
      continue;
    int32_t mi = d->ment_at.v[i];
    if (mi >= 0 && d->ments.v[mi].type == WS_OFFICE &&
        d->ments.v[mi].tok == i) {
      const mention *m = &d->ments.v[mi];
      uint32_t start = i;
      while (start > 0 && free_tok(d, start - 1) &&
             ((F(d, start - 1) & (LX_MODIFIER | LX_DEMONYM)) ||
              (d->ment_at.v[start - 1] >= 0 &&
               d->ments.v[d->ment_at.v[start - 1]].type == WS_PLACE)))
        start--;
      if (start > 0 && free_tok(d, start - 1) && (F(d, start - 1) & LX_DET))
        start--;
      uint32_t end = m->tok + m->ntok;
      int32_t holder = office_holder(d, m);
      push_unit(d, start, end - start, start, end - start, U_TITLE, holder);
      i = end - 1;
    } else if (name_word(d, i) ||
               (mi >= 0 && d->ments.v[mi].type == WS_PLACE)) {
      name_unit(d, i);
    }
    next = i + 1;
    if (d->unit_at.v[i] >= 0) {
      const struct unit *u = &d->units.v[d->unit_at.v[i]];
      next = u->tok + u->ntok;
    }
  }
  for (size_t k = 0; k < d->unit_starts[US_ACCORDING].n; k++) {
    uint32_t i = start_at(d, US_ACCORDING, k);
    if (i + 2 < n && free_tok(d, i) && word_is(d, i + 1, "to"))
      according_unit(d, i + 2);
  }
  for (size_t k = 0; k < d->unit_starts[US_REL].n; k++) {
    uint32_t i = start_at(d, US_REL, k); /* "Beck, who ...": after all names */
    if (i >= 2 && free_tok(d, i) && tok_is(T(d, i - 1), ',') &&
        unit_ending_at(d, i - 2) >= 0) {
      push_unit(d, i, 1, i, 1, U_PRONOUN, -1);
      d->units.v[d->units.n - 1].antecedent = (int32_t)(i - 2);
    }
  }
  if (d->units.n)
    doc_sort(d, d->units.v, d->units.n, sizeof *d->units.v,
             offsetof(struct unit, tok));
  if (n)
    memset(d->unit_at.v, 0xFF, n * sizeof *d->unit_at.v);
  for (size_t k = 0; k < d->units.n; k++)
    for (uint32_t i = d->units.v[k].tok;
         i < d->units.v[k].tok + d->units.v[k].ntok; i++)
      d->unit_at.v[i] = (int32_t)k;
}

/* ---- shapes ------------------------------------------------------------ */

static char unit_char(const struct unit *u) {
  static const char c[] = {'P', 'R', 'N', 'T', 'C'};
  return c[u->kind];
}

/* A cue verb that is not reporting speech here: "will continue to be",
 * "is said to be", "was asked to have", "no reason". */
static bool cue_not_speech(const ws_doc *d, uint32_t v) {
  uint32_t n = (uint32_t)d->toks.n;
  if (capitalised_inside(d, v))
    return true; /* "The Washington Post", "Fox News Tells" */
  if (v > 0 && T(d, v - 1)->cls == T_WORD &&
      ((F(d, v - 1) & LX_DET) || word_is(d, v - 1, "no")))
    return true; /* a noun: "no reason", "the statement" */
  if ((F(d, v) & LX_CUE_NOUN) && v >= 2 && T(d, v - 1)->cls == T_WORD &&
      (T(d, v - 1)->flags & TF_CAP) && T(d, v - 2)->cls == T_WORD &&
      (F(d, v - 2) & LX_DET))
    return true; /* "a Twitter comment", "the CNN interview" */
  if (v + 2 >= n || !word_is(d, v + 1, "to"))
    return false;
  return word_starts(d, v, "continu") || word_is(d, v + 2, "be") ||
         word_is(d, v + 2, "have");
}

/* Is unit u a modifier of the person unit right after it ("Trump lawyer
 * Marc Kasowitz", "Clinton campaign spokesman Brian Fallon")? */
static bool modifies_next(const ws_doc *d, const struct unit *u) {
  uint32_t j = u->tok + u->ntok;
  if (u->kind == U_PRONOUN || u->kind == U_NOMINAL || j >= d->toks.n ||
      d->unit_at.v[j] < 0 || T(d, j)->sent != T(d, u->tok)->sent)
    return false;
  const struct unit *next = &d->units.v[d->unit_at.v[j]];
  return next->kind == U_PERSON && next->tok < next->mtok;
}

/* Shape letter of token i, or 0 for a modifier to leave out; *skip gets
 * how many tokens it covers. */
static char token_char(const ws_doc *d, uint32_t i, uint32_t *skip) {
  const token *t = T(d, i);
  *skip = 1;
  int32_t u = d->unit_at.v[i];
  if (u >= 0) {
    *skip = d->units.v[u].tok + d->units.v[u].ntok - i;
    return modifies_next(d, &d->units.v[u]) ? 0 : unit_char(&d->units.v[u]);
  }
  if (t->cls == T_QUOTE)
    return (t->flags & TF_QMARK_USED) ? 'q' : 'p';
  if (tok_is(t, '(')) { /* "(D-Wis.)": skipped like an adverb */
    for (uint32_t j = i + 1; j < d->toks.n && j - i < 10; j++)
      if (tok_is(T(d, j), ')')) {
        *skip = j + 1 - i;
        return 'a';
      }
  }
  if (t->cls == T_PUNCT) {
    switch (t->mark) {
    case ',':
      return ',';
    case ':':
      return ':';
    case '.': /* an abbreviation's period inside a sentence: "R-Ky., said" */
      if (i + 1 < d->toks.n && T(d, i + 1)->sent == t->sent &&
          T(d, i + 1)->cls != T_QUOTE)
        return 0;
      return '.';
    case '!':
    case '?':
    case ';':
      return '.';
    case '-':
      return '-';
    default:
      return 'p';
    }
  }
  uint64_t f = F(d, i);
  if ((f & LX_ACCORDING) && i + 1 < d->toks.n) {
    *skip = 2;
    return 'A';
  }
  uint32_t cls;
  if ((f & LX_CUE_PHRASE) && (*skip = lex_cue_phrase_at(d, i, &cls)) > 0)
    return cls == CUEP_ADVERBIAL ? 'a' : cls == CUEP_ING ? 'G' : 'V';
  *skip = 1;
  if ((f & LX_CUE_VERB) && !cue_not_speech(d, i))
    return f & LX_CUE_ING ? 'G' : 'V';
  if (is_adverb(d, i))
    return 'a';
  if (f & LX_THAT)
    return 't';
  if (f & LX_CONJ)
    return 'c'; /* "...," but Trump said: no attribution of this quote */
  if (word_is(d, i, "from"))
    return 'f'; /* "From Chairwoman X:" */
  return 'w';
}

static void shape_push(ws_doc *d, char c, uint32_t tok, uint32_t ntok) {
  *VEC_PUSH(d->shape) = c;
  *VEC_PUSH(d->shape_pos) = (struct shape_span){tok, ntok};
}

/* Tokens after the closing mark, to the end of the sentence. */
static void shape_after(ws_doc *d, const quotation *q) {
  d->shape.n = d->shape_pos.n = 0;
  if (q->close_tok == UINT32_MAX)
    return;
  uint32_t n = (uint32_t)d->toks.n, sent = T(d, q->close_tok)->sent;
  /* "...?" Clinton said: the sentence after a closing mark may be the
   * attribution itself; the anchored layouts decide. Not after a quotation
   * ending in a period (Lee called it "reckless." Hart, a farmer, said
   * ...), unless a dash leads in ("..." - Ann Lee), here or on the next
   * line */
  const token *next = q->close_tok + 1 < n ? T(d, q->close_tok + 1) : NULL;
  if (next && next->sent != sent &&
      (next->para == T(d, q->close_tok)->para ||
       (tok_is(next, '-') && next->para == T(d, q->close_tok)->para + 1)) &&
      (tok_is(next, '-') ||
       !(q->last_tok > q->first_tok && tok_is(T(d, q->last_tok - 1), '.'))))
    sent = next->sent; /* also "...."\n- Ann Lee: a dash line signs it */
  for (uint32_t i = q->close_tok + 1;
       i < n && T(d, i)->sent == sent && d->shape.n < MAX_SHAPE;) {
    if (quoted(d, i))
      break;
    uint32_t skip;
    char c = token_char(d, i, &skip);
    if (c)
      shape_push(d, c, i, skip);
    i += skip;
  }
}

/* First token of token i's sentence, looking back at most MAX_FRAME tokens:
 * a cue is near its quotation, and one huge sentence must stay linear. */
static uint32_t sentence_begin(const ws_doc *d, uint32_t i) {
  uint32_t s = i;
  while (s > 0 && T(d, s - 1)->sent == T(d, i)->sent && i - s < MAX_FRAME)
    s--;
  return s;
}

/* First token of the frame before a quotation: its sentence, or the
 * previous one when that ends with a colon ("Caddell continued:"). */
static uint32_t frame_start(const ws_doc *d, uint32_t open) {
  uint32_t sent = T(d, open)->sent, i = open;
  if (open > 0 && tok_is(T(d, open - 1), ':') && T(d, open - 1)->sent != sent)
    sent = T(d, open - 1)->sent;
  while (i > 0 && T(d, i - 1)->sent >= sent && open - i < MAX_FRAME)
    i--;
  return i;
}

static void shape_before(ws_doc *d, const quotation *q, uint32_t from) {
  d->shape.n = d->shape_pos.n = 0;
  for (uint32_t i = from; i < q->open_tok;) {
    if (quoted(d, i)) { /* an earlier quotation: one 'q' */
      if (!d->shape.n || d->shape.v[d->shape.n - 1] != 'q')
        shape_push(d, 'q', i, 1);
      i++;
      continue;
    }
    uint32_t skip;
    char c = token_char(d, i, &skip);
    if (c)
      shape_push(d, c, i, skip);
    i += skip;
  }
}

/* ---- subjects and pronouns --------------------------------------------- */

static bool subject_like(const ws_doc *d, const struct unit *u) {
  if (u->tok == 0)
    return true;
  uint64_t f = F(d, u->tok - 1);
  const token *p = T(d, u->tok - 1);
  if (p->sent != T(d, u->tok)->sent)
    return true;
  if (p->cls != T_WORD)
    return true;
  if (f & (LX_PREP | LX_DET | LX_CUE_VERB))
    return false;
  /* after a lower-case content word (a verb: "thanked her publisher") the
   * unit is an object */
  return (p->flags & TF_CAP) ||
         (f & (LX_CONJ | LX_THAT | LX_ADV | LX_REL | LX_STARTER)) != 0 ||
         is_adverb(d, u->tok - 1);
}

/* The first subject-like unit of the sentence, before token `limit`. */
/* A unit that cannot be a clause's subject: a dateline ("WASHINGTON
 * (AP) -"), a place, or a capitalised word opening an introductory phrase
 * ("Hours later, Trump ..."). */
static bool not_a_subject(const ws_doc *d, const struct unit *u) {
  uint32_t end = u->tok + u->ntok;
  if (u->kind != U_NAME)
    return false;
  if (d->ment_at.v[u->tok] >= 0 &&
      d->ments.v[d->ment_at.v[u->tok]].type == WS_PLACE)
    return true;
  if (end < d->toks.n && (tok_is(T(d, end), '-') || tok_is(T(d, end), '(')))
    return true;
  if (u->ntok == 1 && (T(d, u->tok)->flags & TF_SENT_START))
    for (uint32_t j = end; j < d->toks.n && j < end + 3; j++) {
      if (tok_is(T(d, j), ','))
        return true;
      if (!is_adverb(d, j) && T(d, j)->cls != T_NUM)
        break;
    }
  return false;
}

/* Does an introductory phrase open the sentence at token i ("When Trump
 * announced ..., he", "In a year when ..., Yepez said")? */
static bool opens_intro(const ws_doc *d, uint32_t i) {
  if (T(d, i)->cls != T_WORD)
    return false;
  uint64_t f = F(d, i);
  if (f & LX_PREP)
    return !word_is(d, i, "according");
  if ((f & LX_CONJ) && !word_is(d, i, "and") && !word_is(d, i, "but") &&
      !word_is(d, i, "or") && !word_is(d, i, "yet") && !word_is(d, i, "nor"))
    return true; /* while, as, although, because */
  const token *t = T(d, i);
  if (t->len > 5 && memcmp(d->text + t->off + t->len - 3, "ing", 3) == 0)
    return true; /* "Following a meeting, the council ..." */
  return word_is(d, i, "when") || word_is(d, i, "if") ||
         word_is(d, i, "once") || word_is(d, i, "whenever") ||
         word_is(d, i, "despite");
}

static int32_t sentence_subject(const ws_doc *d, uint32_t from,
                                uint32_t limit) {
  if (from < limit && (T(d, from)->flags & TF_SENT_START) &&
      opens_intro(d, from)) /* the subject follows the phrase's comma */
    for (uint32_t i = from + 1; i + 1 < limit; i++) {
      if (quoted(d, i) || T(d, i)->cls == T_QUOTE)
        break;
      if (tok_is(T(d, i), ',')) {
        int32_t u = sentence_subject(d, i + 1, limit);
        if (u >= 0)
          return u;
        break;
      }
    }
  for (uint32_t i = from; i < limit; i++) {
    int32_t u = d->unit_at.v[i];
    if (u >= 0 && d->units.v[u].tok == i && subject_like(d, &d->units.v[u]) &&
        !not_a_subject(d, &d->units.v[u]))
      return u;
  }
  return -1;
}

static int32_t subject_of(const ws_doc *d, uint32_t v, uint32_t from,
                          int depth) {
  if (F(d, v) & LX_CUE_ING) {
    /* "X said on Monday, adding": the speaker of the cue ending the
     * clause before the comma (no other unit between them) */
    bool comma = v > from + 1 && tok_is(T(d, v - 1), ',') && depth < 3;
    for (uint32_t k = v - 1; comma && k > from && v - k < 8 &&
                             !quoted(d, k - 1) && d->unit_at.v[k - 1] < 0;
         k--)
      if (T(d, k - 1)->cls == T_WORD && (F(d, k - 1) & LX_CUE_VERB) &&
          !(F(d, k - 1) & LX_CUE_ING) && !cue_not_speech(d, k - 1)) {
        int32_t u = subject_of(d, k - 1, from, depth + 1);
        if (u >= 0)
          return u;
        break;
      }
    return sentence_subject(d, from, v); /* "..., saying": the subject */
  }
  uint32_t j = v;
  while (j > from && (is_adverb(d, j - 1) || (F(d, j - 1) & LX_ADV)))
    j--;
  if (j > from + 1 && tok_is(T(d, j - 1), ')')) /* "Reid (D-Nev.) told" */
    for (uint32_t k = j - 1; k > from && j - k < 10; k--)
      if (tok_is(T(d, k - 1), '(')) {
        j = k - 1;
        break;
      }
  if (j > from && word_is(d, j - 1, "to")) /* "He went on to call": */
    return sentence_subject(d, from, v);   /* the clause's subject */
  if (j > from && unit_ending_at(d, j - 1) >= 0 &&
      !(F(d, j - 1) & LX_REL)) /* "which Will claims": the direct subject */
    return unit_ending_at(d, j - 1);
  for (uint32_t k = j; k > from && v - k < 8; k--) { /* "X, who has ... said" */
    if (quoted(d, k - 1) || tok_is(T(d, k - 1), '.'))
      break;
    if (F(d, k - 1) & LX_REL) {
      int32_t u = unit_ending_at(d, k - 1); /* the relative pronoun's unit */
      if (u >= 0)
        return u;
      break;
    }
  }
  if (j > from) {
    int32_t u = unit_ending_at(d, j - 1);
    if (u >= 0)
      return u;
    if (tok_is(T(d, j - 1), ',')) { /* "X, a former guerrilla, responded" */
      for (uint32_t k = j - 1; k > from && j - k < 16; k--) {
        if (tok_is(T(d, k - 1), ',') && k >= 2) {
          u = unit_ending_at(d, k - 2);
          if (u >= 0)
            return u;
          break;
        }
      }
    }
    if ((F(d, j - 1) & LX_CONJ) || T(d, j - 1)->cls == T_QUOTE ||
        tok_is(T(d, j - 1), ',')) { /* "... and suggested": shared subject */
      for (uint32_t k = j - 1; k > from; k--)
        if (!quoted(d, k - 1) && (F(d, k - 1) & LX_CUE_VERB) && depth < 3 &&
            !cue_not_speech(d, k - 1)) /* not "her post and said" */
          return subject_of(d, k - 1, from, depth + 1);
      return sentence_subject(d, from, v);
    }
  }
  if (v + 1 < d->toks.n && d->unit_at.v[v + 1] >= 0 &&
      d->units.v[d->unit_at.v[v + 1]].tok == v + 1 && !(F(d, v) & LX_NAMING))
    return d->unit_at.v[v + 1]; /* said X (but "call X" names X) */
  return -1;
}

/* The person unit coordinated after u ("Ann Lee and Tom Hart"), or -1. */
static int32_t and_partner(const ws_doc *d, const struct unit *u) {
  uint32_t j = u->tok + u->ntok;
  if (u->kind != U_PERSON || j + 1 >= d->toks.n || !word_is(d, j, "and"))
    return -1;
  int32_t v = d->unit_at.v[j + 1];
  return v >= 0 && d->units.v[v].tok == j + 1 && d->units.v[v].kind == U_PERSON
             ? v
             : -1;
}

static bool agrees(const struct unit *pron, const ws_doc *d,
                   const struct unit *u) {
  if (pron->gender == 'n') /* it: a name or an organisation */
    return u->kind == U_NAME || (u->kind == U_NOMINAL && u->collective);
  if (pron->plural)
    return u->plural || u->kind == U_NAME || u->collective ||
           and_partner(d, u) >= 0;
  if (u->kind != U_PERSON && u->kind != U_TITLE)
    return u->kind == U_NOMINAL && !u->plural &&
           (!u->gender || u->gender == pron->gender);
  uint8_t g = u->person >= 0 ? d->people.v[u->person].gender : u->gender;
  return !g || g == pron->gender;
}

static bool first_unit_of_sentence(const ws_doc *d, int32_t k) {
  return k == 0 ||
         T(d, d->units.v[k - 1].tok)->sent != T(d, d->units.v[k].tok)->sent;
}

/* The unit a pronoun refers to: the subject of the nearest sentence (this
 * one first) with an agreeing candidate, else that sentence's last one. */
static int32_t resolve_pronoun(const ws_doc *d, int32_t r) {
  const struct unit *pr = &d->units.v[r];
  uint32_t sent = T(d, pr->tok)->sent;
  if (pr->tok >= 2 && T(d, pr->tok - 1)->cls == T_WORD &&
      (F(d, pr->tok - 1) & LX_CUE_VERB) && !(F(d, pr->tok - 1) & LX_CUE_ING)) {
    int32_t u = unit_ending_at(d, pr->tok - 2); /* "Trump said he ..." */
    if (u >= 0 && d->units.v[u].kind != U_PRONOUN &&
        d->units.v[u].kind != U_NAME && agrees(pr, d, &d->units.v[u]))
      return u;
  }
  int32_t k = r - 1, stop = r > MAX_CANDIDATES ? r - MAX_CANDIDATES : 0;
  for (int back = 0; back < MAX_BACK_SENTENCES && k >= stop; back++, sent--) {
    int32_t subj = -1, last = -1;
    bool chained = false; /* the sentence's subject is "she" again */
    for (; k >= stop && T(d, d->units.v[k].tok)->sent == sent; k--) {
      const struct unit *u = &d->units.v[k];
      if (u->kind == U_PRONOUN && first_unit_of_sentence(d, k) &&
          u->gender == pr->gender && u->plural == pr->plural &&
          !u->first_person && u->antecedent < 0)
        chained = true;
      if (u->kind == U_PRONOUN || !agrees(pr, d, u))
        continue;
      bool nominal = u->kind == U_NOMINAL && !pr->plural;
      if (last < 0 && !nominal)
        last = k;
      if (subject_like(d, u) && (!nominal || first_unit_of_sentence(d, k)))
        subj = k; /* keeps the first one in the sentence */
    }
    if (subj >= 0 && !chained)
      return subj;
    if (last >= 0 && !chained)
      return last;
    while (k >= stop && T(d, d->units.v[k].tok)->sent > sent - 1)
      k--;
    if (sent == 0)
      break;
  }
  return -1;
}

/* ---- attribution ------------------------------------------------------- */

static void set_speaker(ws_doc *d, quotation *q, int32_t u, uint32_t cue,
                        uint32_t cue_n, double conf) {
  struct unit *un = &d->units.v[u];
  q->unit = u;
  q->cue_tok = cue;
  q->cue_ntok = cue_n;
  q->confidence = conf;
  q->person = -1;
  const char *said_by = doc_span_str(d, un->mtok, un->mtok + un->mntok);
  switch (un->kind) {
  case U_PERSON:
    q->person = un->person;
    q->speaker_kind = WS_SPEAKER_NAME;
    break;
  case U_PRONOUN: {
    q->speaker_kind = WS_SPEAKER_PRONOUN;
    int32_t a = un->first_person      ? -1
                : un->antecedent >= 0 ? d->unit_at.v[un->antecedent]
                                      : resolve_pronoun(d, u);
    int32_t partner =
        a >= 0 && un->plural ? and_partner(d, &d->units.v[a]) : -1;
    if (partner >= 0) { /* "they": both people, named together */
      const struct unit *b = &d->units.v[partner];
      q->speaker_name = doc_span_str(d, d->units.v[a].mtok, b->mtok + b->mntok);
    } else if (a >= 0 && d->units.v[a].person >= 0) {
      q->person = d->units.v[a].person;
      if (!d->people.v[q->person].gender && un->gender)
        d->people.v[q->person].gender = un->gender;
    } else if (a >= 0) {
      q->speaker_name = doc_span_str(d, d->units.v[a].mtok,
                                     d->units.v[a].mtok + d->units.v[a].mntok);
    } else {
      q->speaker_name = said_by;
      q->confidence *= 0.5;
    }
    q->confidence *= 0.9;
    break;
  }
  case U_TITLE:
    q->speaker_kind = WS_SPEAKER_TITLE;
    q->person = un->person;
    break;
  case U_NOMINAL:
    q->speaker_kind = WS_SPEAKER_NOMINAL;
    break;
  default:
    q->speaker_kind = WS_SPEAKER_NAME;
    break;
  }
  if (q->person >= 0)
    q->speaker_name = d->people.v[q->person].canonical;
  else if (!q->speaker_name)
    q->speaker_name = said_by;
}

/* Does the quotation end in , ? or ! inside its marks, announcing an
 * attribution ("...," she said)? */
static bool ends_with_attribution_mark(const ws_doc *d, const quotation *q) {
  if (q->close_tok == UINT32_MAX || q->last_tok <= q->first_tok)
    return false;
  const token *t = T(d, q->last_tok - 1);
  return tok_is(t, ',') || tok_is(t, '?') || tok_is(t, '!');
}

/* "called the package the "Dust Bowl bill"": a naming verb whose object is
 * not a person, before a short quotation, gives a name, not a quotation. */
static bool title_case(const ws_doc *d, const quotation *q);

static bool naming_a_thing(const ws_doc *d, uint32_t v, const quotation *q) {
  if (!(F(d, v) & LX_NAMING) || q->last_tok - q->first_tok > 6)
    return false;
  /* a label is definite or a proper name ("the monster", "Dust Bowl
   * bill"); "a dangerous gamble" characterises and is a quotation */
  if (!tok_is_the(d, q->open_tok - 1) && !tok_is_the(d, q->first_tok) &&
      !title_case(d, q))
    return false;
  for (uint32_t i = v + 1; i < q->open_tok; i++) {
    int32_t u = d->unit_at.v[i];
    if (u >= 0 &&
        (d->units.v[u].kind == U_PERSON || d->units.v[u].kind == U_PRONOUN ||
         d->units.v[u].kind == U_TITLE))
      return false;
    if (T(d, i)->cls == T_WORD &&
        (F(d, i) & (LX_PRON_M | LX_PRON_F | LX_PRON_PL)))
      return false;
    if (d->ment_at.v[i] >= 0 && d->ments.v[d->ment_at.v[i]].type == WS_OFFICE)
      return false; /* "called the Texas senator "..."": a person */
  }
  return true;
}

/* "Lee said Hart wants "..."": the subject of the reporting clause is the
 * source of what its object clause says; *u and *v become that subject
 * and its verb. */
static void outer_speaker(const ws_doc *d, uint32_t from, int32_t *u,
                          uint32_t *v) {
  for (int depth = 0; *u >= 0 && depth < 2; depth++) {
    uint32_t b = d->units.v[*u].tok;
    if (b > from && (F(d, b - 1) & LX_THAT)) {
      b--;
      uint32_t o = b - 1; /* "told reporters that", "told Ann Lee that" */
      if (o > from && d->unit_at.v[o] >= 0)
        o = d->units.v[d->unit_at.v[o]].tok;
      if (o > from + 1 && T(d, o - 1)->cls == T_WORD &&
          (F(d, o - 1) & LX_CUE_VERB) && !(F(d, b - 1) & LX_CUE_VERB))
        b = o;
    }
    if (b <= from + 1 || b - 1 == *v || quoted(d, b - 1) ||
        T(d, b - 1)->cls != T_WORD || !(F(d, b - 1) & LX_CUE_VERB) ||
        (F(d, b - 1) & LX_CUE_ING) || cue_not_speech(d, b - 1))
      return;
    int32_t outer = subject_of(d, b - 1, from, 0);
    if (outer < 0 || outer == *u || d->units.v[outer].tok >= b - 1)
      return; /* not "told reporters": the verb's object */
    *u = outer;
    *v = b - 1;
  }
}

static bool try_layouts(ws_doc *d, quotation *q) {
  cue_match m;
  shape_after(d, q);
  if (d->shape.n && cues_match(d->ctx, d->match_data, CUE_AFTER, d->shape.v,
                               d->shape.n, &m)) {
    uint32_t s = d->shape_pos.v[m.s].tok;
    uint32_t v = m.v == (size_t)-1 ? 0 : d->shape_pos.v[m.v].tok;
    uint32_t vn = m.v == (size_t)-1 ? 0 : d->shape_pos.v[m.v].ntok;
    set_speaker(d, q, d->unit_at.v[s], v, vn, m.confidence);
    return true;
  }
  if (d->shape.n && ends_with_attribution_mark(d, q) &&
      cues_match(d->ctx, d->match_data, CUE_AFTER_WEAK, d->shape.v, d->shape.n,
                 &m)) {
    uint32_t s = d->shape_pos.v[m.s].tok, v = d->shape_pos.v[m.v].tok;
    set_speaker(d, q, d->unit_at.v[s], v, 1, m.confidence);
    return true;
  }
  uint32_t from = frame_start(d, q->open_tok);
  shape_before(d, q, from);
  if (d->shape.n && cues_match(d->ctx, d->match_data, CUE_BEFORE, d->shape.v,
                               d->shape.n, &m)) {
    bool has_v = m.v != (size_t)-1; /* "From Chairwoman X:" has none */
    uint32_t s = d->shape_pos.v[m.s].tok;
    uint32_t v = has_v ? d->shape_pos.v[m.v].tok : 0;
    if (has_v && naming_a_thing(d, v, q)) {
      q->scare = true; /* Aides call the package the "Dust Bowl bill" */
      return false;
    }
    int32_t u = d->unit_at.v[s];
    uint32_t vn = has_v ? d->shape_pos.v[m.v].ntok : 0;
    if (has_v && !(F(d, v) & LX_ACCORDING)) {
      uint32_t v0 = v;
      outer_speaker(d, from, &u, &v);
      if (v != v0)
        vn = 1;
    }
    set_speaker(d, q, u, v, vn, m.confidence);
    return true;
  }
  /* nearest cue verb before the quotation, and its subject */
  for (uint32_t i = q->open_tok; i > from; i--) {
    uint32_t v = i - 1;
    if (quoted(d, v) || !(F(d, v) & LX_CUE_VERB) || T(d, v)->cls != T_WORD ||
        cue_not_speech(d, v))
      continue;
    int32_t u = subject_of(d, v, from, 0);
    if (u >= 0 && naming_a_thing(d, v, q)) {
      q->scare = true; /* called the channel "the monster" */
      return false;
    }
    outer_speaker(d, from, &u, &v);
    if (u >= 0) {
      set_speaker(d, q, u, v, 1, 0.7);
      return true;
    }
    /* no subject: not a verb of speech here ("that states can pass",
     * "a voice that said"); an earlier cue may still be the clause's */
  }
  /* "Jared Potts echoed: "..."": a clause ending in a colon introduces
   * its subject's words, whatever the verb */
  if (q->open_tok > from && tok_is(T(d, q->open_tok - 1), ':')) {
    int32_t u = sentence_subject(d, from, q->open_tok - 1);
    if (u >= 0 && d->units.v[u].kind != U_NAME) {
      set_speaker(d, q, u, 0, 0, 0.6);
      return true;
    }
  }
  return false;
}

/* Does anyone else enter the discourse between quotations a and b? */
static bool new_speaker_between(const ws_doc *d, const quotation *a,
                                const quotation *b) {
  uint32_t from = a->close_tok == UINT32_MAX ? a->last_tok : a->close_tok + 1;
  uint32_t sent = from < d->toks.n ? T(d, from - 1)->sent : 0;
  while (from < b->open_tok && T(d, from)->sent == sent &&
         from - a->close_tok < MAX_FRAME)
    from++; /* the previous quotation's own attribution clause */
  if (b->open_tok - from > MAX_GAP)
    return true; /* far apart: the chain is broken anyway */
  for (uint32_t i = from; i < b->open_tok; i++) {
    int32_t u = d->unit_at.v[i];
    if (u < 0 || d->units.v[u].tok != i)
      continue;
    const struct unit *un = &d->units.v[u];
    if (un->kind == U_PERSON && un->person != a->person)
      return true;
    if (un->kind == U_NOMINAL || (un->kind == U_NAME && subject_like(d, un)))
      return true;
  }
  return false;
}

static size_t word_count(const ws_doc *d, const quotation *q) {
  size_t n = 0;
  for (uint32_t i = q->first_tok; i < q->last_tok; i++)
    n += T(d, i)->cls == T_WORD || T(d, i)->cls == T_NUM;
  return n;
}

/* Does the quotation hold punctuation (a sentence, not a title)? */
static bool has_punctuation(const ws_doc *d, const quotation *q) {
  for (uint32_t i = q->first_tok; i < q->last_tok; i++)
    if (T(d, i)->cls == T_PUNCT && T(d, i)->mark &&
        strchr(".,!?;:", T(d, i)->mark))
      return true;
  return false;
}

/* Is the quotation where a title goes: after a preposition, a determiner
 * or a possessive (on "Fox News Sunday," / CNN's "New Day.")? */
static bool after_title_slot(const ws_doc *d, const quotation *q) {
  if (q->open_tok == 0)
    return false;
  const token *p = T(d, q->open_tok - 1);
  return p->cls == T_WORD &&
         ((F(d, q->open_tok - 1) & (LX_PREP | LX_DET)) || (p->flags & TF_POSS));
}

static bool title_case(const ws_doc *d, const quotation *q) {
  for (uint32_t i = q->first_tok; i < q->last_tok; i++)
    if (T(d, i)->cls == T_WORD && !(T(d, i)->flags & TF_CAP) &&
        !(F(d, i) & (LX_PREP | LX_DET | LX_CONJ)))
      return false;
  return true;
}

void att_attribute(ws_doc *d) {
  d->units.n = 0;
  if (!d->quotes.n)
    return; /* speaker units serve only quotations (most articles have none) */
  build_units(d);
  const quotation *prev = NULL;
  for (size_t k = 0; k < d->quotes.n; k++) {
    quotation *q = &d->quotes.v[k];
    if (q->scare)
      continue;
    if (word_count(d, q) <= 8 && title_case(d, q) &&
        (!has_punctuation(d, q) || after_title_slot(d, q))) {
      q->scare = true; /* a title or nickname: "The Salt Years" */
      continue;
    }
    bool found = try_layouts(d, q);
    if (!found && prev && prev->unit >= 0 && q->kind == WS_QUOTE_DIRECT &&
        T(d, q->open_tok)->para <=
            T(d, prev->open_tok)->para + 1 +
                (prev->close_tok != UINT32_MAX
                     ? T(d, prev->close_tok)->para - T(d, prev->open_tok)->para
                     : 0) &&
        !new_speaker_between(d, prev, q)) {
      q->unit = prev->unit; /* continues the previous speaker */
      q->person = prev->person;
      q->speaker_name = prev->speaker_name;
      q->speaker_kind = prev->speaker_kind;
      q->cue_tok = prev->cue_tok;
      q->cue_ntok = 0;
      q->confidence = prev->confidence * 0.75;
      found = true;
    }
    if (!found && q->kind == WS_QUOTE_DIRECT &&
        (T(d, q->open_tok)->flags & TF_SENT_START) && q->open_tok > 0 &&
        T(d, q->open_tok - 1)->para == T(d, q->open_tok)->para) {
      uint32_t s0 = sentence_begin(d, q->open_tok - 1);
      int32_t u = sentence_subject(d, s0, q->open_tok);
      if (u >= 0 && d->units.v[u].kind == U_PERSON) {
        set_speaker(d, q, u, 0, 0, 0.5); /* a floating quotation */
        found = true;
      }
    }
    if (!found && q->kind == WS_QUOTE_PARTIAL && !title_case(d, q)) {
      /* a fragment in paraphrase: "Trump admires Putin as a "strong
       * leader"" belongs to the clause's subject */
      uint32_t s0 = sentence_begin(d, q->open_tok);
      int32_t u = sentence_subject(d, s0, q->open_tok);
      if (u >= 0 &&
          (d->units.v[u].kind == U_PERSON || d->units.v[u].kind == U_PRONOUN ||
           d->units.v[u].kind == U_TITLE)) {
        set_speaker(d, q, u, 0, 0, 0.4);
        found = true;
      }
    }
    if (!found) {
      size_t words = word_count(d, q);
      if ((q->kind == WS_QUOTE_PARTIAL && words <= SCARE_MAX_WORDS) ||
          (words <= 6 && title_case(d, q))) {
        q->scare = true; /* scare quotes, titles, nicknames */
        continue;
      }
      q->confidence = 0.2;
    }
    prev = q;
  }
}
