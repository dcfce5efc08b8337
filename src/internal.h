/* internal.h - private structure bodies shared by the pipeline stages
 * (ws_ctx, ws_doc, tokens, mentions, quotations) and the stage entry points.
 * Only pipeline.c knows the order the stages run in. */
#ifndef WS_INTERNAL_H
#define WS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "alloc.h"
#include "strtab.h"
#include "trie.h"
#include "utf8.h"
#include "whosaid.h"
#include "wordkey.h"

/* ---- tokens ------------------------------------------------------------ */
enum { T_WORD, T_NUM, T_PUNCT, T_QUOTE };

/* Quotation mark kinds (token.mark for T_QUOTE). */
enum {
  QM_DQ_OPEN = 1, /* U+201C */
  QM_DQ_CLOSE,    /* U+201D */
  QM_DQ_STRAIGHT, /* " */
  QM_DQ_LOW,      /* U+201E, opens */
  QM_SQ_OPEN,     /* U+2018 */
  QM_SQ_CLOSE,    /* U+2019 not inside a word */
  QM_SQ_STRAIGHT, /* ' not inside a word */
  QM_GUIL_OPEN,   /* U+00AB */
  QM_GUIL_CLOSE   /* U+00BB */
};

enum {
  TF_SPACE_BEFORE = 1 << 0,
  TF_NL_BEFORE = 1 << 1,
  TF_PARA_START = 1 << 2,
  TF_SENT_START = 1 << 3,
  TF_CAP = 1 << 4,         /* first letter upper case */
  TF_ALLCAPS = 1 << 5,     /* two or more letters, none lower case */
  TF_LFLANK = 1 << 6,      /* quote mark can open (cmark's left-flanking) */
  TF_RFLANK = 1 << 7,      /* quote mark can close */
  TF_POSS = 1 << 8,        /* the clitic 's / ’s */
  TF_DOTTED = 1 << 9,      /* word ends in '.' (U.S.) */
  TF_IN_QUOTE = 1 << 10,   /* inside a top-level quotation (marks excluded) */
  TF_QMARK_USED = 1 << 11, /* quote mark paired into a quotation */
  TF_NAME = 1 << 12        /* could be part of a name (names.c) */
};

typedef struct {
  uint64_t lex; /* LX_* flags of word (0 for STR_NONE), copied per token */
  uint32_t off, len;
  uint32_t word; /* strtab id of the normalised key, or STR_NONE */
  uint32_t sent; /* sentence index */
  uint32_t para; /* paragraph index */
  uint16_t flags;
  uint8_t cls;
  uint8_t mark; /* T_QUOTE: QM_*; T_PUNCT: the ASCII char or 0 */
} token;

/* ---- lexicon: flags per interned word (uint64_t) --------------------- */
#define LX_CUE_VERB (1u << 0)
#define LX_CUE_ING (1u << 1) /* participle cue: saying, adding */
#define LX_CUE_NOUN (1u << 2)
#define LX_HONORIFIC (1u << 3)
#define LX_ABBR (1u << 4)
#define LX_PRON_M (1u << 5)
#define LX_PRON_F (1u << 6)
#define LX_PRON_PL (1u << 7)
#define LX_NOMINAL (1u << 8)
#define LX_NOMINAL_PL (1u << 9)
#define LX_DET (1u << 10)
#define LX_PREP (1u << 11)
#define LX_ADV (1u << 12) /* may stand between a subject and its verb */
#define LX_CONJ (1u << 13)
#define LX_STARTER (1u << 14) /* function word that often starts a sentence */
#define LX_MODIFIER                                                            \
  (1u << 15) /* before an office: former, acting, party names */
#define LX_PARTICLE (1u << 16) /* inside names: de, van, bin */
#define LX_DEMONYM (1u << 17)
#define LX_THAT (1u << 18)
#define LX_ACCORDING (1u << 19)
#define LX_GENDER_M                                                            \
  (1u << 20) /* honorific/first name/nominal of known gender */
#define LX_GENDER_F (1u << 21)
#define LX_FIRST_NAME (1u << 22)
#define LX_NOT_NAME                                                            \
  (1u << 23) /* capitalised but never a name (months, days)                    \
              */
#define LX_CUE_PHRASE (1u << 26) /* first word of a multi-word cue */
#define LX_ORG                                                                 \
  (1u << 27) /* head word of an organisation name: Ministry, Party */
#define LX_COMMON                                                              \
  (1u << 28) /* common word: not an entity on its own (May, Man) */
#define LX_SO_CALLED                                                           \
  (1u << 29)                 /* so-called, self-styled: scare quotes follow */
#define LX_NAMING (1u << 30) /* call, dub, nickname: may introduce a name */
#define LX_PRON_1 (1u << 31) /* I, we: the writer speaks */
#define LX_REL (1ull << 32)  /* who, which: a relative clause follows */
#define LX_SURNAME (1ull << 33)    /* a known family name */
#define LX_PLACE_PREP (1ull << 34) /* in, from, near: a place may follow */
#define LX_GROUP (1ull << 35)      /* Muslims, Democrats: a group, not a name */
#define LX_TRIE_START (1ull << 36) /* first word of some gazetteer phrase */
#define LX_COLLECTIVE (1ull << 37) /* union, ministry: "it" or "they" */
#define LX_PRON_IT (1ull << 38)    /* it: an organisation, never a person */
#define LX_OFFICE_START (1ull << 39) /* first word of an office phrase */
#define LX_TRIE_INNER (1ull << 40)   /* later word of some gazetteer phrase */

/* ---- gazetteers --------------------------------------------------------- */
/* A gazetteer entry. Its strings are offsets into ws_ctx.gaz_text (0:
 * none; gaz_str), with no pointers, so a snapshot's entries are used where
 * the file is mapped. */
typedef struct {
  uint32_t canonical, office, kind, country; /* office: a person's office */
  uint32_t population;
  uint32_t next;  /* next entry ending at the same trie node, or TRIE_NONE */
  uint8_t type;   /* ws_entity_type */
  uint8_t gender; /* 0, 'm', 'f' */
  uint8_t place_rank; /* 3 country/continent/sea, 2 region, 1 city */
  uint8_t pad;
} gaz_entry;

/* Word records (lexicon.c): what a word lookup returns, keyed by the
 * word's bytes when it has up to 15 (nearly all): two words of zero-padded
 * bytes with the length in the top byte, so a probe is two compares and no
 * hashing of the key itself. Two entries fill one cache line. The context
 * keeps every normalised word this way (ws_ctx.wordrec), and each document
 * caches raw token bytes the same way (word_cache). */
enum { TEXT_PAD = 16 };

enum { WCACHE_SETS = 16384, WCACHE_LONG = 2048, WCACHE_LONG_MAX = 39 };
typedef struct {
  uint64_t lex;
  uint32_t word, trie_node; /* trie node after this word from the root */
} wc_value;
typedef struct {
  uint64_t k0, k1; /* 0, 0 = empty (a real key has a nonzero length) */
  wc_value v;
} wc_short;
typedef struct {
  uint64_t hash;
  wc_value v;
  uint8_t len;
  char raw[WCACHE_LONG_MAX];
} wc_long;

struct ws_ctx {
  strtab words;
  VEC(uint64_t) lex; /* word id -> LX_* flags */
  trie names;        /* phrases of word ids -> gaz entries */
  trie cue_phrases;  /* multi-word cues; first_entry holds a CUEP_* class */
  VEC(gaz_entry) entries;
  VEC(char) gaz_text; /* the entries' strings, each with its NUL; [0] = 0 */
  size_t counts[10];  /* per entity type and per list (COUNT_*) */
  size_t max_doc_bytes;
  void *cues;       /* compiled pcre2 cue layouts (cues.c) */
  void *snap_image; /* the snapshot file the tables were loaded from */
  size_t snap_len;
  bool snap_mapped;  /* snap_image is mapped (else read into memory) */
  wc_short *wordrec; /* normalised keys of up to 15 bytes -> wc_value */
  uint32_t wordrec_mask;
  wc_value byte_rec[128]; /* word records of one-byte ASCII tokens */
};

/* An entry's string (NULL: none). The bound check keeps a damaged
 * snapshot from reading outside its strings, which end with a NUL. */
static inline const char *gaz_str(const ws_ctx *c, uint32_t off) {
  return off && off < c->gaz_text.n ? c->gaz_text.v + off : NULL;
}

/* The canonical name of entry k (never NULL). */
static inline const char *gaz_canonical(const ws_ctx *c, uint32_t k) {
  const char *s = gaz_str(c, c->entries.v[k].canonical);
  return s ? s : "";
}

enum {
  COUNT_PERSON,
  COUNT_OFFICE,
  COUNT_PLACE,
  COUNT_DEMONYM,
  COUNT_CUE,
  COUNT_NOMINAL,
  COUNT_TITLE,
  COUNT_ABBR,
  COUNT_GIVEN,
  COUNT_SURNAME
};

static inline uint64_t lex_flags(const ws_ctx *c, uint32_t word) {
  return word == STR_NONE || word >= c->lex.n ? 0 : c->lex.v[word];
}
void lex_set(ws_ctx *c, uint32_t word, uint64_t flags);
uint32_t lex_intern(ws_ctx *c, const char *s, size_t n); /* normalises */
void lex_add_builtins(ws_ctx *c);
/* Multi-word cues ("pointed out", "in a statement"): their shape class. */
enum { CUEP_VERB, CUEP_ING, CUEP_ADVERBIAL };
void lex_add_cue_phrase(ws_ctx *c, const char *s, size_t n);
/* Builds c->wordrec once the word table and flags are final. */
void lex_index_words(ws_ctx *c);
/* Tokens covered by the longest cue phrase at token i (0 if none); *cls
 * gets its CUEP_* class. */
uint32_t lex_cue_phrase_at(const ws_doc *d, uint32_t i, uint32_t *cls);

/* ---- per-document analysis --------------------------------------------- */

/* An entity mention: a span of tokens. Types beyond ws_entity_type: */
enum { MENTION_DEMONYM = 3, MENTION_DEAD = 4 };
typedef struct {
  uint32_t tok, ntok; /* token range */
  uint8_t type;       /* ws_entity_type */
  uint8_t gender;
  int32_t person; /* index into doc->people for persons, else -1 */
  uint32_t entry; /* gaz entry or TRIE_NONE */
  uint32_t office_tok, office_ntok; /* title before a person (ntok 0: none) */
  uint32_t office_entry;            /* gaz entry of that title, or TRIE_NONE */
  bool emit;                        /* reported as an entity */
} mention;

/* A distinct person of the document. */
typedef struct {
  const char *canonical;
  const char *office;       /* office the text gives (first one seen) */
  const char *office_canon; /* canonical title of that office, or NULL */
  uint8_t gender;
  uint32_t first_tok;
} person;

/* A quotation found by the quote stage. */
typedef struct {
  uint32_t open_tok,
      close_tok;       /* marks; close_tok = UINT32_MAX: unterminated */
  uint32_t start, end; /* byte span of the quoted words */
  uint32_t first_tok, last_tok; /* tokens inside (last exclusive) */
  uint8_t kind;                 /* ws_quote_kind */
  bool scare;
  /* attribution */
  int32_t unit;   /* speaker unit, or -1 */
  int32_t person; /* resolved person, or -1 */
  uint32_t cue_tok, cue_ntok;
  const char *speaker_name;
  uint8_t speaker_kind;
  double confidence;
} quotation;

/* A possible speaker: a person, pronoun, nominal ("a spokesman"), title
 * ("the minister") or other name ("The White House"). */
enum { U_PERSON, U_PRONOUN, U_NOMINAL, U_TITLE, U_NAME };
struct shape_span {
  uint32_t tok, ntok;
};

struct unit {
  uint32_t tok, ntok;   /* whole unit, with any title in front */
  uint32_t mtok, mntok; /* the mention reported */
  uint8_t kind, gender; /* gender 'm', 'f', 'n' (it) or 0 */
  bool plural;
  bool collective;    /* an organisation: "it" or "they" */
  bool first_person;  /* "I said": the writer, never resolved */
  int32_t antecedent; /* "X, who said": last token of X, or -1 */
  int32_t person;
};

typedef struct {
  const char *code;
  size_t offset;
  const char *message;
} warning;

/* JSON Lines fast path (record_scan.c): unescaped text and id fields of a
 * flat all-string object; returns a mask of REC_* found, or -1 to let
 * jansson read the line. */
typedef VEC(char) rec_buf;
/* rec_scan's answer: which fields it found, and what it learnt of the
 * text while unescaping it (then load_text need not scan it again). */
enum { REC_TEXT = 1, REC_ID = 2, REC_TEXT_ASCII = 4, REC_TEXT_NUL = 8 };
int rec_scan(const char *line, size_t len, const char *text_field,
             const char *id_field, rec_buf *text, rec_buf *id);

/* Lists of the tokens where attribute.c's unit passes start. */
enum { UNIT_START_LISTS = 5 };

/* lex_lookup's scratch: each token's cache key (k1 == 0: none yet), and
 * the tokens that missed with their normalised key and its home slot. */
typedef struct {
  uint64_t k0, k1;
  uint32_t set; /* index of its cache set's first entry */
} lk_key;
typedef struct {
  uint32_t tok, slot; /* slot UINT32_MAX: no short normalised key */
  uint64_t k0, k1;
} lk_miss;

/* Per-document cache of raw token bytes -> word record: sets of two
 * wc_short entries, and a direct-mapped table for tokens of 16-39 bytes. */
typedef struct {
  wc_short s[2 * WCACHE_SETS];
  wc_long l[WCACHE_LONG];
} word_cache;

/* The first entry of the cache set of a short key. */
static inline uint32_t wcache_set_of(uint64_t k0, uint64_t k1) {
  return 2 * (uint32_t)((key_hash(k0, k1) >> 40) & (WCACHE_SETS - 1));
}

struct ws_doc {
  const ws_ctx *ctx;
  char *text; /* working copy: invalid bytes replaced by '?', then TEXT_PAD
                 zero bytes so word loads may read past a token's end */
  char *orig; /* the input as given when it held invalid bytes, else NULL */
  size_t len, cap, orig_cap;
  VEC(char) feed;
  rec_buf rec_text, rec_id; /* record_scan.c output */
  int text_scan; /* set by read.c: REC_TEXT (valid UTF-8) | REC_TEXT_ASCII |
                    REC_TEXT_NUL; 0: load_text scans the text itself */
  word_cache *wcache;       /* aligned to a cache line at least */
  VEC(uint32_t) trie_start; /* per token: its cache entry's trie_node */
  VEC(lk_key) lk_keys;      /* per token: its cache key (tokenize.c) */
  VEC(lk_miss) lk_miss;
  VEC(uint32_t) gaz_starts; /* gaz_match: tokens where a phrase may start */
  struct json_t *id;        /* the id as a JSON value (jansson), or NULL */
  bool has_orig;
  ws_status status;
  const char *err_code;
  char err_msg[256];
  long err_line;
  VEC(token) toks;
  cpmap cps;
  VEC(mention) ments;
  VEC(int32_t) ment_at; /* token -> mention covering it, or -1 */
  VEC(person) people;
  strtab person_ids; /* canonical name -> index into people */
  strtab alias_keys; /* surname key -> index into alias_person */
  VEC(int32_t) alias_person;
  uint64_t alias_first[4];  /* bit per first byte of the alias keys */
  uint64_t alias_one[4];    /* bit per first byte and length, one-word keys */
  VEC(uint32_t) name_toks;  /* tokens with TF_NAME, in order */
  VEC(uint32_t) hon_toks;   /* honorific words (names.c) */
  VEC(uint32_t) title_toks; /* where titled_names starts (names.c) */
  VEC(quotation) quotes;
  VEC(uint32_t) qstack;   /* open quotation marks (quotes.c) */
  VEC(struct unit) units; /* speaker candidates (attribute.c) */
  VEC(int32_t) unit_at;   /* token -> unit, or -1 */
  VEC(uint32_t) unit_starts[UNIT_START_LISTS]; /* attribute.c */
  VEC(char) shape;                  /* shape string scratch (cues.h) */
  VEC(struct shape_span) shape_pos; /* shape char -> its tokens */
  void *match_data;                 /* pcre2 match data, reused */
  struct jsonw *json; /* output of ws_doc_json_view, or NULL (emit.c) */
  VEC(char) sort_tmp; /* scratch of doc_sort */
  VEC(warning) warns;
  VEC(ws_entity) pub_ents;
  VEC(ws_quote) pub_quotes;
  ws_arena arena;
  size_t npara;
};

/* Stage entry points, in pipeline order. */
void tok_tokenize(ws_doc *d);  /* tokenize.c */
void lex_lookup(ws_doc *d);    /* lexicon.c */
void sent_split(ws_doc *d);    /* sentences.c */
void gaz_match(ws_doc *d);     /* match.c */
void names_find(ws_doc *d);    /* names.c */
void quo_find(ws_doc *d);      /* quotes.c */
void att_attribute(ws_doc *d); /* attribute.c */
void emit_prepare(ws_doc *d);  /* emit.c: public views */
void emit_free(ws_doc *d);     /* emit.c: the JSON buffer */

/* pipeline.c */
void doc_reset(ws_doc *d);
ws_status doc_run(ws_doc *d, const char *text, size_t len, ws_error *err);
ws_status doc_fail(ws_doc *d, ws_status st, const char *code, long line,
                   const char *msg, ws_error *err);

/* names.c: rebuild doc->ment_at after mentions changed */
void names_index(ws_doc *d);

/* gazetteer.c */
ws_status gaz_load_dir(ws_ctx *c, const char *dir, ws_error *err);
ws_status gaz_load_file(ws_ctx *c, const char *path, ws_error *err);
/* A hash of the content of every gazetteer file of dir; false if one
 * cannot be read. */
bool gaz_fingerprint(const char *dir, uint64_t *fp);
/* A hash of the size and modification time of every gazetteer file of
 * dir; false if one is missing. Cheap: no file is read. */
bool gaz_stamp(const char *dir, uint64_t *stamp);

/* Binary snapshot of the tables built from the gazetteers (snapshot.c):
 * data_fp from gaz_fingerprint, stamp from gaz_stamp. */
bool snap_save(const ws_ctx *c, uint64_t data_fp, uint64_t stamp,
               const char *path);
/* Loads the snapshot at path into a fresh context if it was written by
 * this code from the gazetteers of dir. On false the context may be
 * half-filled and must be freed. */
bool snap_load(ws_ctx *c, const char *path, const char *dir);
/* Drops the tables that live in the snapshot image and the image; the
 * first step of freeing a context. */
void snap_release(ws_ctx *c);
/* cues.c */
ws_status cues_compile(ws_ctx *c, ws_error *err);
void cues_free(ws_ctx *c);

/* helpers shared by stages */
void ws_set_error(ws_error *err, ws_status st, const char *file, long line,
                  const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static inline bool tok_is(const token *t, char c) {
  return t->cls == T_PUNCT && t->mark == (uint8_t)c;
}
/* Is token i the word "the" (any case)? */
static inline bool tok_is_the(const ws_doc *d, uint32_t i) {
  const token *t = &d->toks.v[i];
  const char *s = d->text + t->off;
  return t->cls == T_WORD && t->len == 3 && (s[0] | 32) == 't' &&
         (s[1] | 32) == 'h' && (s[2] | 32) == 'e';
}

/* The text of tokens [a, b) as a NUL-terminated arena string. */
const char *doc_span_str(ws_doc *d, uint32_t a, uint32_t b);
const char *doc_bytes_str(ws_doc *d, size_t start, size_t end);
/* Stable sort of an array of the document by the uint32_t field at byte
 * key_off of its elements (sort.h), with the document's scratch. */
void doc_sort(ws_doc *d, void *base, size_t n, size_t size, size_t key_off);

#endif
