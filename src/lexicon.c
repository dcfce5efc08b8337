/* lexicon.c - closed-class word lists (pronouns, determiners, prepositions,
 * ...) as flags on interned words, and the per-token lookup that gives every
 * token its word id: one hash probe per token, everything else is indexing. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "swar.h"
#include "wordkey.h"

enum { KEY_MAX = 256 };

void lex_set(ws_ctx *c, uint32_t word, uint64_t flags) {
  if (word >= c->lex.n) {
    size_t old = c->lex.n;
    VEC_RESERVE(c->lex, (size_t)word + 1);
    memset(c->lex.v + old, 0, ((size_t)word + 1 - old) * sizeof *c->lex.v);
    c->lex.n = (size_t)word + 1;
  }
  c->lex.v[word] |= flags;
}

uint32_t lex_intern(ws_ctx *c, const char *s, size_t n) {
  char key[KEY_MAX];
  size_t k = norm_key(s, n, key, sizeof key);
  if (!k)
    return STR_NONE;
  return strtab_intern(&c->words, key, k);
}

static void add_list(ws_ctx *c, const char *const *words, uint64_t flags) {
  for (; *words; words++)
    lex_set(c, lex_intern(c, *words, strlen(*words)), flags);
}

static const char *const pron_m[] = {"he", NULL};
static const char *const pron_f[] = {"she", NULL};
static const char *const pron_pl[] = {"they", NULL};
static const char *const pron_it[] = {"it", NULL};
/* Organisations and bodies: referred to as "it" or "they". */
static const char *const collectives[] = {"union",
                                          "company",
                                          "firm",
                                          "group",
                                          "party",
                                          "government",
                                          "ministry",
                                          "committee",
                                          "council",
                                          "board",
                                          "court",
                                          "police",
                                          "team",
                                          "organization",
                                          "organisation",
                                          "department",
                                          "agency",
                                          "administration",
                                          "campaign",
                                          "network",
                                          "newspaper",
                                          "army",
                                          "navy",
                                          "club",
                                          "coalition",
                                          "alliance",
                                          "bank",
                                          "commission",
                                          "authority",
                                          "embassy",
                                          "university",
                                          "school",
                                          "hospital",
                                          "church",
                                          "office",
                                          "panel",
                                          "network",
                                          "station",
                                          "magazine",
                                          "website",
                                          "airline",
                                          "regulator",
                                          "prosecutor's office",
                                          NULL};
static const char *const pron_1[] = {"i", "we", NULL};
static const char *const relatives[] = {"who", "which", "whom", NULL};
static const char *const dets[] = {
    "a",     "an",    "the",  "one",  "another", "two",   "three", "several",
    "some",  "many",  "both", "his",  "her",     "their", "its",   "this",
    "these", "those", "four", "five", "few",     NULL};
static const char *const preps[] = {
    "of",      "in",      "on",      "at",      "by",    "for",    "with",
    "from",    "to",      "about",   "against", "into",  "after",  "before",
    "during",  "over",    "under",   "between", "among", "toward", "towards",
    "through", "without", "than",    "like",    "since", "until",  "upon",
    "via",     "amid",    "despite", "behind",  "near",  "across", "around",
    "within",  "beyond",  NULL};
static const char *const advs[] = {
    "also",       "later",    "then",      "previously", "once",    "again",
    "earlier",    "recently", "had",       "has",        "have",    "would",
    "will",       "could",    "had",       "repeatedly", "often",   "has",
    "reportedly", "publicly", "privately", "frequently", "quickly", "simply",
    "just",       "already",  "still",     "even",       "further", "last",
    "flatly",     "bluntly",  "angrily",   "calmly",     NULL};
static const char *const conjs[] = {
    "and",    "but",      "or",      "while",   "as",     "yet",     "nor",
    "though", "although", "because", "whether", "unless", "whereas", NULL};
static const char *const starters[] = {
    "the",       "a",       "an",    "he",    "she",       "it",   "they",
    "we",        "i",       "but",   "and",   "in",        "on",   "at",
    "this",      "that",    "there", "these", "those",     "his",  "her",
    "their",     "its",     "our",   "as",    "after",     "when", "while",
    "if",        "for",     "yet",   "so",    "some",      "many", "one",
    "meanwhile", "however", "still", "both",  "according", "last", NULL};
static const char *const modifiers[] = {
    "former",     "acting",   "interim",     "deputy",       "outgoing",
    "incoming",   "then",     "late",        "current",      "republican",
    "democratic", "democrat", "labour",      "conservative", "liberal",
    "socialist",  "green",    "independent", "gop",          "senior",
    "chief",      "top",      "new",         "longtime",     "veteran",
    "federal",    "state",    "national",    "vice",         NULL};
static const char *const particles[] = {
    "de",  "la",  "del", "della", "van",  "von", "der", "den", "bin",
    "ibn", "al",  "el",  "da",    "das",  "dos", "do",  "du",  "le",
    "di",  "ter", "ten", "y",     "bint", "abu", "st",  NULL};
static const char *const not_names[] = {
    "monday",    "tuesday",   "wednesday",  "thursday",   "friday",
    "saturday",  "sunday",    "january",    "february",   "march",
    "april",     "may",       "june",       "july",       "august",
    "september", "october",   "november",   "december",   "jan",
    "feb",       "mar",       "apr",        "jun",        "jul",
    "aug",       "sep",       "sept",       "oct",        "nov",
    "dec",       "i",         "we",         "you",        "he",
    "she",       "they",      "it",         "the",        "a",
    "an",        "but",       "and",        "or",         "in",
    "on",        "at",        "of",         "for",        "with",
    "to",        "from",      "by",         "as",         "after",
    "before",    "when",      "while",      "if",         "this",
    "that",      "these",     "those",      "his",        "her",
    "their",     "its",       "our",        "my",         "your",
    "there",     "here",      "yet",        "so",         "not",
    "no",        "yes",       "all",        "also",       "then",
    "now",       "last",      "next",       "first",      "today",
    "yesterday", "tomorrow",  "mr",         "mrs",        "ms",
    "dr",        "read",      "more",       "photo",      "image",
    "video",     "reuters",   "ap",         "afp",        "updated",
    "published", "copyright", "is",         "was",        "are",
    "were",      "be",        "has",        "have",       "had",
    "will",      "would",     "can",        "could",      "should",
    "may",       "might",     "must",       "do",         "does",
    "did",       "said",      "says",       "told",       "news",
    "world",     "location",  "disclaimer", "handpicked", "ist",
    "gmt",       "est",       "edt",        "pst",        "utc",
    "et",        "entire",    "article",    NULL};

static const char *const common_words[] = {
    "man",    "mark",         "bill",    "rose",    "reading",  "nice",
    "split",  "mobile",       "young",   "page",    "bath",     "sale",
    "long",   "hope",         "justice", "chance",  "march",    "faith",
    "grace",  "joy",          "iris",    "may",     "will",     "can",
    "lead",   "independence", "unity",   "liberty", "union",    "buffalo",
    "mobile", "orange",       "sandy",   "bend",    "sterling", "price",
    "rich",   "gay",          "white",   "black",   "brown",    "green",
    "grant",  "law",          "bush",    "chase",   "cook",     "wall",
    "street", "house",        "bank",    "city",    "state",    "west",
    "east",   "north",        "south",   "central", NULL};

static const char *const org_words[] = {"foundation",   "ministry",
                                        "department",   "office",
                                        "council",      "party",
                                        "agency",       "inc",
                                        "corp",         "company",
                                        "university",   "bank",
                                        "association",  "commission",
                                        "committee",    "court",
                                        "police",       "service",
                                        "group",        "news",
                                        "times",        "post",
                                        "journal",      "institute",
                                        "union",        "authority",
                                        "board",        "administration",
                                        "house",        "hospital",
                                        "center",       "centre",
                                        "fund",         "organization",
                                        "organisation", "network",
                                        "press",        "agency",
                                        "club",         "federation",
                                        "alliance",     "coalition",
                                        "museum",       "school",
                                        "college",      "church",
                                        "army",         "navy",
                                        "force",        "forces",
                                        "reuters",      "tribune",
                                        "herald",       "gazette",
                                        "daily",        "weekly",
                                        "magazine",     "television",
                                        "radio",        "ltd",
                                        "llc",          "plc",
                                        "co",           "corporation",
                                        "holdings",     "industries",
                                        "airlines",     "institution",
                                        "society",      "senate",
                                        "congress",     "parliament",
                                        "assembly",     "cabinet",
                                        "government",   "republic",
                                        "kingdom",      "state",
                                        "city",         "county",
                                        "street",       "avenue",
                                        "road",         "square",
                                        "bridge",       "show",
                                        "program",      "programme",
                                        "podcast",      NULL};

static const char *const so_called[] = {"so-called", "self-styled",
                                        "self-proclaimed", "dubbed", NULL};
static const char *const naming[] = {
    "call",    "calls",  "called",   "calling",  "dub",
    "dubs",    "dubbed", "dubbing",  "nickname", "nicknamed",
    "label",   "labels", "labelled", "labeled",  "brand",
    "branded", "term",   "termed",   "known",    NULL};

static const char *const groups[] = {
    "muslims",     "muslim",        "christians", "christian",    "jews",
    "jewish",      "catholics",     "catholic",   "protestants",  "sunnis",
    "sunni",       "shiites",       "shia",       "shias",        "hindus",
    "buddhists",   "sikhs",         "mormons",    "evangelicals", "democrats",
    "republicans", "conservatives", "liberals",   "progressives", "socialists",
    "communists",  "islamists",     "jihadists",  "refugees",     "immigrants",
    "democrat",    "republican",    NULL};

static const char *const place_preps[] = {
    "in",     "from",       "to",     "near",    "at",  "outside", "across",
    "around", "throughout", "toward", "towards", "via", "into",    NULL};

void lex_add_builtins(ws_ctx *c) {
  add_list(c, place_preps, LX_PLACE_PREP);
  add_list(c, groups, LX_GROUP);
  add_list(c, so_called, LX_SO_CALLED);
  add_list(c, naming, LX_NAMING);
  add_list(c, org_words, LX_ORG);
  add_list(c, common_words, LX_COMMON);
  add_list(c, pron_m, LX_PRON_M);
  add_list(c, pron_f, LX_PRON_F);
  add_list(c, pron_pl, LX_PRON_PL);
  add_list(c, pron_it, LX_PRON_IT);
  add_list(c, collectives, LX_COLLECTIVE);
  add_list(c, pron_1, LX_PRON_1);
  add_list(c, relatives, LX_REL);
  add_list(c, dets, LX_DET);
  add_list(c, preps, LX_PREP);
  add_list(c, advs, LX_ADV);
  add_list(c, conjs, LX_CONJ);
  add_list(c, starters, LX_STARTER);
  add_list(c, modifiers, LX_MODIFIER);
  add_list(c, particles, LX_PARTICLE);
  add_list(c, not_names, LX_NOT_NAME);
  lex_set(c, lex_intern(c, "that", 4), LX_THAT);
  lex_set(c, lex_intern(c, "according", 9), LX_ACCORDING);
}

/* Why a trie: phrases share first words ("in a statement", "in an
 * interview"), and matching walks word ids, as gazetteer matching does. */
void lex_add_cue_phrase(ws_ctx *c, const char *s, size_t n) {
  uint32_t node = TRIE_ROOT, first = STR_NONE;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && s[j] != ' ')
      j++;
    uint32_t w = lex_intern(c, s + i, j - i);
    if (w == STR_NONE)
      return;
    if (first == STR_NONE)
      first = w;
    node = trie_add_step(&c->cue_phrases, node, w);
    i = j < n ? j + 1 : j;
  }
  if (node == TRIE_ROOT)
    return;
  uint64_t f = lex_flags(c, first);
  size_t fl = strcspn(s, " ");
  c->cue_phrases.first_entry[node] =
      (f & LX_PREP)                                 ? CUEP_ADVERBIAL
      : fl > 4 && memcmp(s + fl - 3, "ing", 3) == 0 ? CUEP_ING
                                                    : CUEP_VERB;
  lex_set(c, first, LX_CUE_PHRASE);
}

uint32_t lex_cue_phrase_at(const ws_doc *d, uint32_t i, uint32_t *cls) {
  const trie *t = &d->ctx->cue_phrases;
  uint32_t node = TRIE_ROOT, best = 0;
  for (uint32_t j = i; j < d->toks.n && j - i < 8; j++) {
    if (d->toks.v[j].word == STR_NONE)
      break;
    node = trie_step(t, node, d->toks.v[j].word);
    if (node == TRIE_NONE)
      break;
    if (t->first_entry[node] != TRIE_NONE) {
      best = j + 1 - i;
      *cls = t->first_entry[node];
    }
  }
  return best;
}

enum { PREFETCH_AHEAD = 8 }; /* keys ahead in lex_index_words */

static wc_value record_of(const ws_ctx *c, uint32_t word) {
  wc_value v;
  v.word = word;
  v.lex = lex_flags(c, word);
  v.trie_node =
      v.lex & LX_TRIE_START ? trie_step(&c->names, TRIE_ROOT, word) : TRIE_NONE;
  return v;
}

/* Why a second table of the words: a lookup in the word table costs a
 * cache miss for each of the slot, the span, the bytes, the flags and the
 * first trie step; here the key and all of those share one entry. */
static inline uint32_t home_slot(const ws_ctx *c, uint64_t k0, uint64_t k1) {
  return (uint32_t)(key_hash(k0, k1) >> 32) & c->wordrec_mask;
}

static inline bool short_word(const ws_ctx *c, uint32_t id) {
  return c->words.span[id].len >= 1 && c->words.span[id].len <= 15;
}

static wc_value look_up(const ws_ctx *c, const char *s, size_t n);

void lex_index_words(ws_ctx *c) {
  size_t n = 0;
  for (uint32_t id = 0; id < c->words.n; id++)
    n += short_word(c, id);
  size_t cap = 1024;
  while (cap * 7 < n * 10) /* load factor at most 0.7 */
    cap *= 2;
  c->wordrec = ws_big_calloc(cap * sizeof *c->wordrec);
  c->wordrec_mask = (uint32_t)(cap - 1);
  /* keys first, then the inserts with the slot a few keys ahead
   * prefetched: the table is far larger than the caches */
  struct word_key {
    uint64_t k0, k1; /* k1 == 0: not a short word */
    uint32_t slot;   /* home slot */
  } *keys = ws_xcalloc(c->words.n + 1, sizeof *keys);
  for (uint32_t id = 0; id < c->words.n; id++) {
    if (!short_word(c, id))
      continue;
    char buf[16] = {0};
    memcpy(buf, strtab_str(&c->words, id), c->words.span[id].len);
    short_key(buf, c->words.span[id].len, &keys[id].k0, &keys[id].k1);
    keys[id].slot = home_slot(c, keys[id].k0, keys[id].k1);
  }
  for (uint32_t id = 0; id < c->words.n; id++) {
    if (id + PREFETCH_AHEAD < c->words.n)
      __builtin_prefetch(&c->wordrec[keys[id + PREFETCH_AHEAD].slot]);
    if (keys[id].k1 == 0)
      continue;
    uint32_t i = keys[id].slot;
    while (c->wordrec[i].k1)
      i = (i + 1) & c->wordrec_mask;
    c->wordrec[i] = (wc_short){keys[id].k0, keys[id].k1, record_of(c, id)};
  }
  free(keys);
  for (int b = 1; b < 128; b++) { /* one-byte tokens: punctuation, "a" */
    char one[16] = {(char)b};
    c->byte_rec[b] = look_up(c, one, 1);
  }
  c->byte_rec[0] = record_of(c, STR_NONE);
}

/* The word record of the normalised short key k0, k1 (home slot first). */
static wc_value probe_records(const ws_ctx *c, uint32_t i, uint64_t k0,
                              uint64_t k1) {
  for (;; i = (i + 1) & c->wordrec_mask) {
    const wc_short *e = &c->wordrec[i];
    if (e->k0 == k0 && e->k1 == k1)
      return e->v;
    if (!e->k1)
      return record_of(c, STR_NONE);
  }
}

/* The normalised key of token bytes s[0, n) into key (KEY_MAX bytes) and,
 * when it has 1 to 15 bytes, its short form. Returns its length (0: none). */
static size_t norm_short(const char *s, size_t n, char *key, uint64_t *k0,
                         uint64_t *k1) {
  memset(key, 0, 16); /* short_key reads 16 bytes */
  size_t k = norm_key(s, n, key, KEY_MAX);
  if (k >= 1 && k <= 15)
    short_key(key, k, k0, k1);
  return k;
}

/* The word record of token bytes s[0, n). */
static wc_value look_up(const ws_ctx *c, const char *s, size_t n) {
  char key[KEY_MAX];
  uint64_t k0, k1;
  size_t k = norm_short(s, n, key, &k0, &k1);
  if (k == 0)
    return record_of(c, STR_NONE);
  if (k > 15 || !c->wordrec)
    return record_of(c, strtab_find(&c->words, key, k));
  return probe_records(c, home_slot(c, k0, k1), k0, k1);
}

/* Finds a short key in its cache set; a hit in way 1 (the older entry)
 * moves to way 0. */
static inline bool set_find(wc_short *set, uint64_t k0, uint64_t k1,
                            wc_value *v) {
  if (set[0].k0 == k0 && set[0].k1 == k1) {
    *v = set[0].v;
    return true;
  }
  if (set[1].k0 != k0 || set[1].k1 != k1)
    return false;
  wc_short e = set[1];
  set[1] = set[0];
  set[0] = e;
  *v = e.v;
  return true;
}

/* Adds an entry to a cache set; the older of its two entries goes. */
static inline void set_put(wc_short *set, wc_short e) {
  set[1] = set[0];
  set[0] = e;
}

/* Tokens of more than 15 bytes: a direct-mapped table keyed by hash. */
static wc_value cached_long(ws_doc *d, const char *s, size_t n) {
  if (n <= 15 || n > WCACHE_LONG_MAX) /* short: lex_lookup; or too long */
    return look_up(d->ctx, s, n);
  uint64_t h = ws_hash(s, n);
  wc_long *e = &d->wcache->l[h & (WCACHE_LONG - 1)];
  if (e->hash != h || e->len != n || memcmp(e->raw, s, n) != 0) {
    e->hash = h;
    e->len = (uint8_t)n;
    memcpy(e->raw, s, n);
    e->v = look_up(d->ctx, s, n);
  }
  return e->v;
}

/* The bytes of token t that make its key: a word's final period goes
 * unless the word is dotted (U.S.). */
static inline size_t key_len(const token *t, const char *s) {
  size_t n = t->len;
  if (t->cls == T_WORD && (t->flags & TF_DOTTED) == 0 && n > 1 &&
      s[n - 1] == '.')
    n--;
  return n;
}

static inline void set_token(ws_doc *d, size_t i, wc_value v) {
  d->toks.v[i].word = v.word;
  d->toks.v[i].lex = v.lex;
  d->trie_start.v[i] = v.trie_node;
}

/* Why a cache: the context's tables hold every gazetteer word (several
 * MB), so a lookup there is a cache miss or two; news reuses a small
 * vocabulary, and the cache lives in the ws_doc, so it stays warm across a
 * stream. Short tokens read 16 bytes from the text, which TEXT_PAD makes
 * safe.
 *
 * Why in passes: a probe that waits on memory holds up every token after
 * it. The tokenizer keys each plain word as it makes it and prefetches
 * its cache set (lk_keys); the first pass here settles the hits and, for
 * each miss, prefetches the word record's slot; the second settles the
 * misses. Each pass issues its loads together instead of one after
 * another. */
void lex_lookup(ws_doc *d) {
  const ws_ctx *c = d->ctx;
  size_t n = d->toks.n;
  VEC_RESERVE(d->trie_start, n);
  d->trie_start.n = n;
  lk_key *keys = d->lk_keys.v;
  d->lk_miss.n = 0;
  for (size_t i = 0; i < n; i++) {
    const token *t = &d->toks.v[i];
    if (t->cls == T_QUOTE) {
      set_token(d, i, record_of(c, STR_NONE));
      continue;
    }
    uint64_t k0 = keys[i].k0, k1 = keys[i].k1;
    if (!k1) { /* not keyed by the tokenizer */
      const char *s = d->text + t->off;
      size_t kn = key_len(t, s);
      if (kn >= 2 && kn <= 15) {
        short_key(s, kn, &k0, &k1);
        keys[i] = (lk_key){k0, k1, wcache_set_of(k0, k1)};
      } else if (kn == 1 && (unsigned char)s[0] < 0x80) {
        set_token(d, i, c->byte_rec[(unsigned char)s[0]]);
        continue;
      } else { /* empty, or longer than 15 bytes */
        set_token(d, i, cached_long(d, s, kn));
        continue;
      }
    }
    wc_value v;
    if (set_find(&d->wcache->s[keys[i].set], k0, k1, &v)) {
      set_token(d, i, v);
      continue;
    }
    lk_miss *m = VEC_PUSH(d->lk_miss);
    m->tok = (uint32_t)i;
    m->slot = UINT32_MAX;
    size_t kn = (size_t)(k1 >> 56);
    if (!((k0 | k1) & SWAR_HIGHS)) { /* ASCII: normalising is lower-casing */
      m->k0 = swar_lower(k0);
      m->k1 = swar_lower(k1); /* the length byte is below 'A' */
    } else {
      char key[KEY_MAX];
      kn = norm_short(d->text + t->off, kn, key, &m->k0, &m->k1);
    }
    if (kn >= 1 && kn <= 15 && c->wordrec) {
      m->slot = home_slot(c, m->k0, m->k1);
      __builtin_prefetch(&c->wordrec[m->slot]);
    }
  }
  for (size_t j = 0; j < d->lk_miss.n; j++) {
    const lk_miss *m = &d->lk_miss.v[j];
    uint64_t k0 = keys[m->tok].k0, k1 = keys[m->tok].k1;
    wc_short *set = &d->wcache->s[keys[m->tok].set];
    wc_value v;
    if (!set_find(set, k0, k1, &v)) { /* else an earlier miss added it */
      v = m->slot != UINT32_MAX
              ? probe_records(c, m->slot, m->k0, m->k1)
              : look_up(c, d->text + d->toks.v[m->tok].off, (size_t)(k1 >> 56));
      set_put(set, (wc_short){k0, k1, v});
    }
    set_token(d, m->tok, v);
  }
}
