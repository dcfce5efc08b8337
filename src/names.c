/* names.c - people beyond the gazetteer. An office or honorific followed by
 * capitalised words names a person ("Defence Minister Pedro Arnulfo Sánchez
 * Suárez", "Dr. Hugh Hill") and gives that person's office; a later surname
 * alone ("Sánchez", "Mr. Rubio") is linked to the full name met in the
 * document. Also assigns every person mention to a distinct document person. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

enum { MAX_NAME_TOKENS = 5, DEMONYM = 3, KEY_MAX = 256 };

void names_index(ws_doc *d) {
  VEC_RESERVE(d->ment_at, d->toks.n);
  d->ment_at.n = d->toks.n;
  for (size_t i = 0; i < d->toks.n; i++)
    d->ment_at.v[i] = -1;
  for (size_t k = 0; k < d->ments.n; k++) {
    const mention *m = &d->ments.v[k];
    if (m->type == MENTION_DEAD)
      continue;
    for (uint32_t i = m->tok; i < m->tok + m->ntok; i++)
      d->ment_at.v[i] = (int32_t)k;
  }
}

/* A one-word list match inside a longer name: a town ("Rosa Yolanda
 * Villavicencio") or a listed person's surname ("Katrin Albers")? */
static bool place_in_name(const ws_doc *d, uint32_t j) {
  int32_t m = d->ment_at.v[j];
  return m >= 0 && d->ments.v[m].ntok == 1 &&
         (d->ments.v[m].type == WS_PLACE || d->ments.v[m].type == DEMONYM ||
          (d->ments.v[m].type == WS_PERSON &&
           d->ments.v[m].entry != TRIE_NONE));
}

/* Could token i be part of a person's name? Computed once per document
 * (mark_name_tokens), after sentence starts are known. */
static inline bool name_token_test(const ws_doc *d, uint32_t i) {
  const token *t = &d->toks.v[i];
  /* & not &&: most tokens fail one test or another, unpredictably */
  bool may = (t->cls == T_WORD) & ((t->flags & (TF_CAP | TF_ALLCAPS)) != 0) &
             ((t->flags & TF_POSS) == 0) &
             ((t->lex & (LX_NOT_NAME | LX_CUE_VERB | LX_HONORIFIC | LX_STARTER |
                         LX_GROUP)) == 0);
  uint64_t f = t->lex;
  bool start = may & ((t->flags & TF_SENT_START) != 0) &
               ((f & (LX_FIRST_NAME | LX_SURNAME)) == 0); /* rare */
  if (__builtin_expect(start, 0) &&
      ((f & LX_ADV) ||
       (t->len > 4 && memcmp(d->text + t->off + t->len - 2, "ly", 2) == 0)))
    return false; /* "Eventually Ann Lee said": an adverb, capitalised */
  return may;
}

static inline bool name_token(const ws_doc *d, uint32_t i) {
  return d->toks.v[i].flags & TF_NAME;
}

/* Sets TF_NAME and lists the name tokens: most passes below start only at
 * one, so they walk the list instead of every token. Lists the honorifics
 * too (titled_names starts at them). */
static void mark_name_tokens(ws_doc *d) {
  uint32_t n = (uint32_t)d->toks.n, k = 0, h = 0;
  VEC_RESERVE(d->name_toks, n);
  VEC_RESERVE(d->hon_toks, n);
  for (uint32_t i = 0; i < n; i++) {
    token *t = &d->toks.v[i];
    bool name = name_token_test(d, i);
    t->flags |= (uint16_t)((unsigned)name * TF_NAME); /* no branch */
    d->name_toks.v[k] = i;
    k += name;
    d->hon_toks.v[h] = i;
    h += (t->cls == T_WORD) & ((t->lex & LX_HONORIFIC) != 0);
  }
  d->name_toks.n = k;
  d->hon_toks.n = h;
}

/* End of a name starting at i: capitalised words, initials ("J."), and
 * lower-case particles between them ("de la"). Returns i if none. */
static uint32_t scan_name(const ws_doc *d, uint32_t i) {
  const token *t = d->toks.v;
  uint32_t n = (uint32_t)d->toks.n, end = i, words = 0;
  for (uint32_t j = i; j < n && words < MAX_NAME_TOKENS; j++) {
    if (j > i && (t[j].para != t[i].para ||
                  (d->ment_at.v[j] >= 0 && !place_in_name(d, j))))
      break;
    if (name_token(d, j)) {
      words++;
      end = j + 1;
      if (t[j].len == 1 && j + 1 < n && tok_is(&t[j + 1], '.') &&
          !(t[j + 1].flags & TF_SPACE_BEFORE)) {
        j++; /* an initial */
        end = j + 1;
      }
      continue;
    }
    if (j > i && t[j].cls == T_WORD && (t[j].lex & LX_PARTICLE)) {
      uint32_t k = j; /* "de la", "van der" before a name */
      while (k < n && k - j < 3 && t[k].cls == T_WORD &&
             (t[k].lex & LX_PARTICLE))
        k++;
      if (k < n && (name_token(d, k) || place_in_name(d, k))) {
        j = k - 1;
        continue;
      }
    }
    if (j > i && t[j].cls == T_QUOTE && j + 3 < n && name_token(d, j + 1) &&
        t[j + 2].cls == T_QUOTE && name_token(d, j + 3)) {
      j += 2; /* a nickname: Ernesto "Boy" Lacson */
      continue;
    }
    break;
  }
  return end;
}

static uint8_t gender_of_word(const ws_doc *d, uint32_t i) {
  uint64_t f = d->toks.v[i].lex;
  return f & LX_GENDER_M ? 'm' : f & LX_GENDER_F ? 'f' : 0;
}

/* Start of the modifiers before an office: "Colombian", "US", "Republican",
 * "former", "Israel's". */
static uint32_t office_start(const ws_doc *d, uint32_t a) {
  const token *t = d->toks.v;
  while (a > 0 && t[a - 1].para == t[a].para) {
    int32_t m = d->ment_at.v[a - 1];
    if (m >= 0 &&
        (d->ments.v[m].type == WS_PLACE || d->ments.v[m].type == DEMONYM)) {
      a = d->ments.v[m].tok;
      continue;
    }
    if (t[a - 1].flags & TF_POSS && a >= 2 && d->ment_at.v[a - 2] >= 0 &&
        d->ments.v[d->ment_at.v[a - 2]].type == WS_PLACE) {
      a = d->ments.v[d->ment_at.v[a - 2]].tok;
      continue;
    }
    if (t[a - 1].cls == T_WORD && (t[a - 1].lex & (LX_MODIFIER | LX_DEMONYM))) {
      a--;
      continue;
    }
    if (t[a - 1].cls == T_WORD && (t[a - 1].flags & TF_CAP) &&
        d->ment_at.v[a - 1] < 0 && !(t[a - 1].flags & TF_POSS) &&
        !(t[a - 1].lex &
          (LX_STARTER | LX_NOT_NAME | LX_CUE_VERB | LX_PREP | LX_FIRST_NAME)) &&
        t[a - 1].sent == t[a].sent) {
      a--; /* "Assistant Circuit Attorney" */
      continue;
    }
    break;
  }
  return a;
}

/* Is token i in a title-case line (a headline), where capitals prove
 * nothing? */
static bool headline(const ws_doc *d, uint32_t i) {
  const token *t = d->toks.v;
  uint32_t words = 0, caps = 0;
  for (uint32_t j = i; j > 0 && t[j - 1].sent == t[i].sent; j--)
    i = j - 1;
  for (uint32_t j = i; j < d->toks.n && t[j].sent == t[i].sent; j++)
    if (t[j].cls == T_WORD) {
      words++;
      caps += (t[j].flags & (TF_CAP | TF_ALLCAPS)) != 0;
    }
  return words >= 4 && caps * 10 >= words * 7;
}

static bool known_name_part(const ws_doc *d, uint32_t a, uint32_t b) {
  for (uint32_t j = a; j < b; j++)
    if (d->toks.v[j].lex & (LX_FIRST_NAME | LX_SURNAME))
      return true;
  return false;
}

static void add_person(ws_doc *d, uint32_t tok, uint32_t ntok, uint32_t otok,
                       uint32_t ontok, uint8_t gender) {
  for (uint32_t j = tok; j < tok + ntok; j++)
    if (d->ment_at.v[j] >= 0 && place_in_name(d, j)) {
      d->ments.v[d->ment_at.v[j]].type = MENTION_DEAD;
      d->ments.v[d->ment_at.v[j]].emit = false;
    }
  mention *m = VEC_PUSH(d->ments);
  memset(m, 0, sizeof *m);
  m->tok = tok;
  m->ntok = ntok;
  m->type = WS_PERSON;
  m->gender = gender;
  m->person = -1;
  m->entry = TRIE_NONE;
  m->office_tok = otok;
  m->office_ntok = ontok;
  m->office_entry = TRIE_NONE;
  m->emit = true;
}

/* The tokens where titled_names may start, in order: those of office
 * mentions and honorifics outside any mention. The mentions are the
 * gazetteer's, in order and apart. */
static void list_title_starts(ws_doc *d) {
  d->title_toks.n = 0;
  size_t h = 0;
  for (size_t k = 0; k <= d->ments.n; k++) {
    const mention *m = k < d->ments.n ? &d->ments.v[k] : NULL;
    uint32_t upto = m ? m->tok : UINT32_MAX;
    for (; h < d->hon_toks.n && d->hon_toks.v[h] < upto; h++)
      if (d->ment_at.v[d->hon_toks.v[h]] < 0)
        *VEC_PUSH(d->title_toks) = d->hon_toks.v[h];
    if (m && m->type == WS_OFFICE)
      for (uint32_t i = m->tok; i < m->tok + m->ntok; i++)
        *VEC_PUSH(d->title_toks) = i;
  }
}

/* Office or honorific + name. */
static void titled_names(ws_doc *d) {
  const token *t = d->toks.v;
  uint32_t n = (uint32_t)d->toks.n, from = 0; /* tokens before it are taken */
  size_t nm = d->ments.n;
  list_title_starts(d);
  for (size_t k = 0; k < d->title_toks.n; k++) {
    uint32_t i = d->title_toks.v[k];
    if (i < from)
      continue;
    uint32_t after, otok = i, ontok = 0, oentry = TRIE_NONE;
    uint8_t gender = 0;
    int32_t mi = d->ment_at.v[i];
    if (mi >= 0 && (size_t)mi < nm && d->ments.v[mi].type == WS_OFFICE) {
      const mention *m = &d->ments.v[mi];
      after = m->tok + m->ntok;
      otok = office_start(d, m->tok);
      ontok = after - otok;
      oentry = m->entry;
    } else if (mi < 0 && t[i].cls == T_WORD && (t[i].lex & LX_HONORIFIC)) {
      after = i + 1;
      if (after < n && tok_is(&t[after], '.'))
        after++;
      gender = gender_of_word(d, i);
    } else {
      continue;
    }
    if (after >= n)
      break;
    int32_t next = d->ment_at.v[after];
    if (next >= 0 && d->ments.v[next].type == WS_PERSON) {
      mention *p = &d->ments.v[next]; /* a known person with a title */
      if (ontok && !p->office_ntok) {
        p->office_tok = otok;
        p->office_ntok = ontok;
        p->office_entry = oentry;
      }
      if (!p->gender)
        p->gender = gender;
      from = after;
      continue;
    }
    /* "Mr. King", "Ms. Major": after an honorific an office word is a name */
    bool office_name = !ontok && next >= 0 &&
                       d->ments.v[next].type == WS_OFFICE &&
                       d->ments.v[next].ntok == 1 && (t[after].flags & TF_CAP);
    uint32_t end = next < 0 || place_in_name(d, after) || office_name
                       ? scan_name(d, after)
                       : after;
    if (office_name) {
      if (end == after)
        end = after + 1; /* a title word itself: "Mr. King" */
      d->ments.v[next].emit = false;
    }
    if (end > after && ontok && headline(d, after) &&
        !known_name_part(d, after, end))
      end = after; /* "... Recognizes Major Islamic Holiday" */
    if (end > after) {
      if (!gender)
        gender = gender_of_word(d, after);
      add_person(d, after, end - after, otok, ontok, gender);
      d->ments.v[d->ments.n - 1].office_entry = oentry;
      for (uint32_t j = after; j < end; j++)
        d->ment_at.v[j] = (int32_t)(d->ments.n - 1);
      from = end;
    }
  }
}

static size_t key_of(const ws_doc *d, uint32_t a, uint32_t b, char *key) {
  const token *t = d->toks.v;
  return norm_key(d->text + t[a].off, t[b - 1].off + t[b - 1].len - t[a].off,
                  key, KEY_MAX);
}

/* A name as written, without a quoted nickname and with single spaces. */
static const char *name_text(ws_doc *d, uint32_t a, uint32_t b) {
  const token *t = d->toks.v;
  bool nick = false;
  for (uint32_t i = a; i < b; i++)
    nick |= t[i].cls == T_QUOTE;
  if (!nick)
    return doc_span_str(d, a, b);
  size_t cap = t[b - 1].off + t[b - 1].len - t[a].off + 1, o = 0;
  char *s = arena_alloc(&d->arena, cap);
  for (uint32_t i = a; i < b; i++) {
    if (t[i].cls == T_QUOTE) {
      i += 2; /* the nickname and its closing mark */
      continue;
    }
    if (o && !tok_is(&t[i], '.'))
      s[o++] = ' ';
    const char *w = doc_span_str(d, i, i + 1);
    size_t n = strlen(w);
    memcpy(s + o, w, n);
    o += n;
  }
  s[o] = '\0';
  return s;
}

static int32_t person_for(ws_doc *d, const char *canonical, uint8_t gender,
                          uint32_t tok) {
  size_t len = strlen(canonical);
  uint32_t id = strtab_intern(&d->person_ids, canonical, len);
  if (id == d->people.n) {
    person *p = VEC_PUSH(d->people);
    memset(p, 0, sizeof *p);
    p->canonical = canonical;
    p->first_tok = tok;
  }
  person *p = &d->people.v[id];
  if (!p->gender)
    p->gender = gender;
  return (int32_t)id;
}

/* Why filters before the alias table: link_surnames would normalise and
 * hash every name token; most start with a letter, or have a length, that
 * no alias key has. A key that starts with an ASCII byte starts with that
 * byte lower-cased, and an ASCII word keeps its length. */
static inline void bit_set(uint64_t *set, unsigned i) {
  set[i >> 6 & 3] |= 1ull << (i & 63);
}
static inline bool bit_has(const uint64_t *set, unsigned i) {
  return set[i >> 6 & 3] >> (i & 63) & 1;
}
static inline unsigned one_word_bit(unsigned char first, size_t len) {
  return (first * 31u + (unsigned)len) & 255;
}

/* Could tokens [i, i + len) have an alias key, by the filters? */
static bool may_be_alias(const ws_doc *d, uint32_t i, uint32_t len) {
  const token *t = &d->toks.v[i];
  const unsigned char *s = (const unsigned char *)d->text + t->off;
  if (s[0] >= 0x80)
    return true; /* its key's first byte is not known without normalising */
  unsigned char first =
      (unsigned char)(s[0] | ((unsigned)(s[0] - 'A') < 26u ? 32 : 0));
  if (!bit_has(d->alias_first, first))
    return false;
  if (len != 1)
    return true;
  for (uint32_t j = 0; j < t->len; j++)
    if (s[j] >= 0x80)
      return true;
  return bit_has(d->alias_one, one_word_bit(first, t->len));
}

static void add_alias(ws_doc *d, uint32_t a, uint32_t b, int32_t pid) {
  char key[KEY_MAX];
  size_t k = key_of(d, a, b, key);
  if (!k)
    return;
  bit_set(d->alias_first, (unsigned char)key[0]);
  if (b == a + 1)
    bit_set(d->alias_one, one_word_bit((unsigned char)key[0], k));
  uint32_t id = strtab_intern(&d->alias_keys, key, k);
  if (id == d->alias_person.n)
    *VEC_PUSH(d->alias_person) = pid;
}

static void assign_person(ws_doc *d, mention *m);

/* Give every person mention a document person and register surnames. */
static void assign_people(ws_doc *d) {
  for (int pass = 0; pass < 2; pass++) /* full names first, then "Mr. X" */
    for (size_t k = 0; k < d->ments.n; k++) {
      mention *m = &d->ments.v[k];
      bool single = m->ntok == 1; /* surnames after the full names */
      if (m->type == WS_PERSON && single == (pass == 1))
        assign_person(d, m);
    }
}

static void assign_person(ws_doc *d, mention *m) {
  const ws_ctx *c = d->ctx;
  if (m->ntok == 1) { /* "Ms. Torres", "Albers": named in this article? */
    char key[KEY_MAX];
    size_t k = key_of(d, m->tok, m->tok + 1, key);
    uint32_t id = k ? strtab_find(&d->alias_keys, key, k) : STR_NONE;
    if (id != STR_NONE) {
      m->person = d->alias_person.v[id];
      if (!d->people.v[m->person].gender)
        d->people.v[m->person].gender = m->gender;
      return;
    }
  }
  const char *canon = m->entry != TRIE_NONE
                          ? gaz_canonical(c, m->entry)
                          : name_text(d, m->tok, m->tok + m->ntok);
  m->person = person_for(d, canon, m->gender, m->tok);
  person *p = &d->people.v[m->person];
  if (m->office_ntok && !p->office) {
    p->office = doc_span_str(d, m->office_tok, m->office_tok + m->office_ntok);
    if (m->office_entry != TRIE_NONE)
      p->office_canon = gaz_canonical(c, m->office_entry);
  }
  if (m->ntok >= 2) { /* listed people too: "Clinton" after "Hillary Clinton" */
    uint32_t last = m->tok + m->ntok;
    add_alias(d, last - 1, last, m->person);
    if (m->ntok >= 3) {
      add_alias(d, last - 2, last, m->person);
      add_alias(d, last - 2, last - 1, m->person);
    }
  }
}

/* Is the word after a name a sign that the name is a person's? A cue verb
 * ("Quaye said"), or an apposition (", a doctor at ...", ", 54,"). */
static bool speech_context(const ws_doc *d, uint32_t start, uint32_t end) {
  const token *t = d->toks.v;
  uint32_t n = (uint32_t)d->toks.n;
  if (start > 0 && t[start - 1].cls == T_WORD &&
      !(t[start - 1].flags & TF_CAP) && (t[start - 1].lex & LX_CUE_VERB))
    return true; /* said X */
  if (end >= n)
    return false;
  uint64_t f = t[end].lex;
  if (t[end].cls == T_WORD && (f & (LX_CUE_VERB | LX_ADV)) &&
      !(t[end].flags & TF_CAP))
    return (f & LX_CUE_VERB) || (end + 1 < n && (t[end + 1].lex & LX_CUE_VERB));
  if (tok_is(&t[end], ',') && end + 1 < n) {
    uint64_t g = t[end + 1].lex;
    return t[end + 1].cls == T_NUM ||
           ((g & LX_DET) && !(t[end + 1].flags & TF_CAP)) ||
           ((g & LX_CUE_VERB) && t[end + 1].cls == T_WORD &&
            !(t[end + 1].flags & TF_CAP));
  }
  return false;
}

static bool org_word(const ws_doc *d, uint32_t i) {
  return d->toks.v[i].lex & LX_ORG;
}

/* Make tokens [a, b) a person unless a word marks an organisation
 * ("Lindenhof Foundation"). Returns whether it did. */
static bool claim_person(ws_doc *d, uint32_t a, uint32_t b) {
  for (uint32_t j = a; j < b; j++)
    if (org_word(d, j))
      return false;
  add_person(d, a, b - a, 0, 0, gender_of_word(d, a));
  for (uint32_t j = a; j < b; j++)
    d->ment_at.v[j] = (int32_t)(d->ments.n - 1);
  return true;
}

/* Two to four capitalised words used as a speaker name a person even when
 * no list has them ("Daniel Tetteh Quaye, an engineer, said"). */
static void speech_names(ws_doc *d) {
  uint32_t next = 0; /* tokens before it are taken */
  for (size_t k = 0; k < d->name_toks.n; k++) {
    uint32_t i = d->name_toks.v[k];
    if (i < next || d->ment_at.v[i] >= 0 || (d->toks.v[i].flags & TF_ALLCAPS))
      continue;
    uint32_t end = scan_name(d, i);
    if (end - i > 4 && speech_context(d, end - 2, end))
      i = end - 2; /* "Assistant Circuit Attorney Janelle Brooks said" */
    if (end - i < 2 || end - i > 4) {
      next = end > i ? end : i + 1;
      continue;
    }
    if (speech_context(d, i, end))
      claim_person(d, i, end);
    next = end;
  }
}

static bool plain_lower_word(const ws_doc *d, uint32_t i) {
  const token *t = &d->toks.v[i];
  uint64_t closed = LX_DET | LX_PREP | LX_CONJ | LX_ADV | LX_THAT |
                    LX_CUE_VERB | LX_PRON_M | LX_PRON_F | LX_PRON_PL;
  /* & not &&: the outcome is hard to predict */
  return (t->cls == T_WORD) & ((t->flags & (TF_CAP | TF_ALLCAPS)) == 0) &
         ((t->lex & closed) == 0);
}

/* A role noun naming the person next to it: "German novelist Katrin
 * Albers", "her publisher, Jonas Riedl, said". */
static void role_people(ws_doc *d) {
  const token *t = d->toks.v;
  uint32_t n = (uint32_t)d->toks.n, next = 0;
  for (size_t k = 0; k < d->name_toks.n; k++) {
    uint32_t start = d->name_toks.v[k], i = start - 1;
    if (start < 2 || start < next || start + 1 >= n)
      continue;
    bool comma = tok_is(&t[i], ',');
    bool after_demonym = /* "German novelist Katrin Albers" */
        plain_lower_word(d, i) & ((t[i - 1].lex & LX_DEMONYM) != 0);
    if (!(after_demonym | (comma & plain_lower_word(d, i - 1))))
      continue; /* nor "her publisher, Jonas Riedl" */
    if (d->ment_at.v[start] >= 0)
      continue;
    uint32_t end = scan_name(d, start);
    if (end - start < 2 || end - start > 4 ||
        (comma && (end >= n || !tok_is(&t[end], ','))))
      continue;
    if (claim_person(d, start, end))
      next = end + 1;
  }
}

/* "Jordan said", "Georgia told reporters": a one-word place that is also a
 * given name, right before a speech verb, is a person. */
static void place_or_person(ws_doc *d) {
  const token *t = d->toks.v;
  uint32_t n = (uint32_t)d->toks.n;
  for (size_t k = 0; k < d->ments.n; k++) {
    mention *m = &d->ments.v[k];
    uint32_t i = m->tok + m->ntok;
    if (m->type != WS_PLACE || m->ntok != 1 || i >= n ||
        !(t[m->tok].lex & LX_FIRST_NAME) || t[i].cls != T_WORD ||
        (t[i].flags & TF_CAP) || !(t[i].lex & LX_CUE_VERB) ||
        (t[i].lex & LX_NAMING))
      continue; /* "Cleveland calls itself ...": still the city */
    m->type = WS_PERSON;
    m->entry = TRIE_NONE;
    m->gender = gender_of_word(d, m->tok);
  }
}

/* "Ana López, the health minister, said": an office in apposition after a
 * person's name is that person's office. */
static void apposition_offices(ws_doc *d) {
  const token *t = d->toks.v;
  uint32_t n = (uint32_t)d->toks.n;
  for (size_t k = 0; k < d->ments.n; k++) {
    mention *m = &d->ments.v[k];
    uint32_t i = m->tok + m->ntok;
    if (m->type != WS_PERSON || m->office_ntok || i + 2 >= n ||
        !tok_is(&t[i], ','))
      continue;
    uint32_t j = i + 1;
    if (tok_is_the(d, j)) /* "the health minister"; "a nurse" is no office */
      j++;
    else if (t[j].cls == T_WORD && (t[j].lex & LX_DET))
      continue;
    uint32_t o = j;
    while (
        j < n && j - o < 6 && t[j].cls == T_WORD &&
        (d->ment_at.v[j] < 0 || d->ments.v[d->ment_at.v[j]].type != WS_OFFICE))
      j++; /* modifiers: "the Colombian health minister" */
    int32_t om = j < n ? d->ment_at.v[j] : -1;
    if (om < 0 || d->ments.v[om].type != WS_OFFICE)
      continue;
    uint32_t end = d->ments.v[om].tok + d->ments.v[om].ntok;
    if (end < n && (tok_is(&t[end], ',') || tok_is(&t[end], '.'))) {
      m->office_tok = o;
      m->office_ntok = end - o;
      m->office_entry = d->ments.v[om].entry;
    }
  }
}

/* A known given name and capitalised words: "Katrin Albers". A given name
 * that is also a common word ("Will") does not count at a sentence start. */
static void given_name_people(ws_doc *d) {
  uint32_t n = (uint32_t)d->toks.n, next = 0;
  for (size_t k = 0; k < d->name_toks.n; k++) {
    uint32_t i = d->name_toks.v[k]; /* both rules start at a name token */
    if (i < next)
      continue;
    const token *t = &d->toks.v[i];
    uint64_t f = t->lex;
    /* an unknown first name is known by the initial after it ("Vann R.") */
    bool initial = i + 3 < n && t[1].cls == T_WORD && t[1].len == 1 &&
                   (t[1].flags & TF_CAP) && tok_is(&t[2], '.') &&
                   !(t[2].flags & TF_SPACE_BEFORE) && name_token(d, i + 3);
    int32_t after = initial ? d->ment_at.v[i + 3] : -1;
    if (d->ment_at.v[i] < 0 && after >= 0 && name_token(d, i) &&
        d->ments.v[after].tok == i + 3 && d->ments.v[after].type == WS_PERSON &&
        d->ments.v[after].entry == TRIE_NONE) {
      mention *m = &d->ments.v[after]; /* "Vann R." + "Newkirk II" */
      m->ntok += m->tok - i;
      m->tok = i;
      for (uint32_t j = i; j < i + 3; j++)
        d->ment_at.v[j] = after;
      next = m->tok + m->ntok;
      continue;
    }
    if (d->ment_at.v[i] >= 0 || !((f & LX_FIRST_NAME) || initial) ||
        !name_token(d, i) || (t->flags & TF_ALLCAPS) ||
        ((f & LX_COMMON) && (t->flags & TF_SENT_START)))
      continue;
    uint32_t end = scan_name(d, i);
    if (end - i < 2 || end - i > 4) {
      next = end > i ? end : i + 1;
      continue;
    }
    claim_person(d, i, end);
    next = end;
  }
}

/* Initials before a found name belong to it: "J. Gerald Hebert", "E. J.
 * Dionne" (the sentence splitter keeps "J." inside the sentence). */
static void leading_initials(ws_doc *d) {
  const token *t = d->toks.v;
  for (size_t k = 0; k < d->ments.n; k++) {
    mention *m = &d->ments.v[k];
    if (m->type != WS_PERSON || m->office_ntok)
      continue;
    uint32_t a = m->tok;
    while (a >= 2 && m->tok - a < 4 && !(t[a].flags & TF_SENT_START) &&
           tok_is(&t[a - 1], '.') && !(t[a - 1].flags & TF_SPACE_BEFORE) &&
           t[a - 2].cls == T_WORD && t[a - 2].len == 1 &&
           (t[a - 2].flags & TF_CAP) && d->ment_at.v[a - 2] < 0)
      a -= 2;
    if (a == m->tok)
      continue;
    for (uint32_t j = a; j < m->tok; j++)
      d->ment_at.v[j] = (int32_t)k;
    m->ntok += m->tok - a;
    m->tok = a;
  }
}

/* Surnames alone, anywhere in the document, linked to the full name. */
static void link_surnames(ws_doc *d) {
  if (!d->alias_keys.n)
    return;
  const token *t = d->toks.v;
  uint32_t n = (uint32_t)d->toks.n;
  char key[KEY_MAX];
  uint32_t next = 0;
  for (size_t nt = 0; nt < d->name_toks.n; nt++) {
    uint32_t i = d->name_toks.v[nt];
    if (i < next || (d->ment_at.v[i] >= 0 && !place_in_name(d, i)))
      continue;
    for (uint32_t len = 2; len >= 1; len--) {
      if (i + len > n || (len == 2 && ((d->ment_at.v[i + 1] >= 0 &&
                                        !place_in_name(d, i + 1)) ||
                                       !name_token(d, i + 1))))
        continue;
      if (!may_be_alias(d, i, len))
        continue;
      size_t k = key_of(d, i, i + len, key);
      uint32_t id = k ? strtab_find(&d->alias_keys, key, k) : STR_NONE;
      if (id == STR_NONE)
        continue;
      int32_t p = d->alias_person.v[id];
      add_person(d, i, len, 0, 0, d->people.v[p].gender);
      d->ments.v[d->ments.n - 1].person = p;
      for (uint32_t j = i; j < i + len; j++)
        d->ment_at.v[j] = (int32_t)(d->ments.n - 1);
      next = i + len;
      break;
    }
  }
  (void)t;
}

void names_find(ws_doc *d) {
  strtab_clear(&d->person_ids);
  strtab_clear(&d->alias_keys);
  memset(d->alias_first, 0, sizeof d->alias_first);
  memset(d->alias_one, 0, sizeof d->alias_one);
  d->alias_person.n = 0;
  d->people.n = 0;
  mark_name_tokens(d);
  names_index(d);
  titled_names(d);
  speech_names(d);
  role_people(d);
  given_name_people(d);
  place_or_person(d); /* after longer names took "Michael Jordan" */
  leading_initials(d);
  apposition_offices(d);
  if (d->ments.n)
    doc_sort(d, d->ments.v, d->ments.n, sizeof *d->ments.v,
             offsetof(mention, tok));
  names_index(d);
  assign_people(d);
  link_surnames(d);
  if (d->ments.n)
    doc_sort(d, d->ments.v, d->ments.n, sizeof *d->ments.v,
             offsetof(mention, tok));
  names_index(d);
}
