/* tokenize.c - splits a document into tokens: slices {offset, length, class}
 * of the input with flags for spacing, case and quotation-mark flanking.
 * One pass over the bytes; the token array is reused across documents. */
#include <string.h>

#include "internal.h"
#include "swar.h"

typedef struct {
  const unsigned char *s;
  size_t n;
} src;

static inline int32_t cp_at(src s, size_t i, size_t *len) {
  int32_t cp;
  *len = utf8_decode(s.s, s.n, i, &cp);
  return cp;
}

static inline int class_at(src s, size_t i) {
  size_t l;
  return i >= s.n ? CC_SPACE : uc_class(cp_at(s, i, &l));
}

/* Class of the codepoint ending just before byte i. */
static int class_before(src s, size_t i) {
  if (i == 0)
    return CC_SPACE;
  size_t j = i - 1;
  while (j > 0 && (s.s[j] & 0xC0) == 0x80 && i - j < 4)
    j--;
  return class_at(s, j);
}

static inline bool is_apos(int32_t cp) { return cp == '\'' || cp == 0x2019; }
static inline bool is_alnum(int c) { return c == CC_LETTER || c == CC_DIGIT; }

static int quote_kind(int32_t cp) {
  switch (cp) {
  case '"':
    return QM_DQ_STRAIGHT;
  case 0x201C:
    return QM_DQ_OPEN;
  case 0x201D:
    return QM_DQ_CLOSE;
  case 0x201E:
    return QM_DQ_LOW;
  case 0x2018:
    return QM_SQ_OPEN;
  case 0x2019:
    return QM_SQ_CLOSE;
  case '\'':
    return QM_SQ_STRAIGHT;
  case 0x00AB:
    return QM_GUIL_OPEN;
  case 0x00BB:
    return QM_GUIL_CLOSE;
  default:
    return 0;
  }
}

static bool is_dash(int32_t cp) {
  return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

/* End of the word starting at i (a letter or digit). Apostrophes and hyphens
 * between letters stay inside; a possessive 's is left for its own token;
 * dotted acronyms (U.S., D.C.) and numbers (1,000.5) are one token. */
typedef struct {
  int upper, lower, first; /* first: -1 none yet, 1 upper, 0 other */
  bool complete;           /* counts cover the word: only ASCII alnum runs */
} case_count;

/* The ASCII letters and digits at p[0, 8): high bit per byte of letters
 * in *letters and of upper-case letters in *upper; returns how many bytes
 * from p are letters or digits (8: the run goes on). */
static inline unsigned ascii_alnum_run(const unsigned char *p,
                                       uint64_t *letters, uint64_t *upper) {
  uint64_t x = swar_load(p);
  uint64_t ascii = ~x & SWAR_HIGHS, x7 = x & ~SWAR_HIGHS;
  uint64_t up = swar_in_range(x7, 'A', 'Z') & ascii;
  uint64_t let = (up | swar_in_range(x7, 'a', 'z')) & ascii;
  uint64_t alnum = let | (swar_in_range(x7, '0', '9') & ascii);
  uint64_t stop = ~alnum & SWAR_HIGHS;
  unsigned k = stop ? swar_first(stop) : 8;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  uint64_t keep = k == 8 ? ~0ULL : k == 0 ? 0 : ~(~0ULL >> (8 * k));
#else
  uint64_t keep = (stop & (0 - stop)) - 1; /* the bytes before the stop */
#endif
  *letters = let & keep;
  *upper = up & keep;
  return k;
}

/* End of the run of ASCII letters and digits from j, eight bytes a step
 * (TEXT_PAD zero bytes end the text); adds its letters and upper-case
 * letters to the counts. */
static inline size_t alnum_run_end(src s, size_t j, unsigned *letters,
                                   unsigned *up) {
  unsigned k;
  do {
    uint64_t lm, um;
    k = ascii_alnum_run(s.s + j, &lm, &um);
    *letters += swar_count_highs(lm);
    *up += swar_count_highs(um);
    j += k;
  } while (k == 8);
  return j < s.n ? j : s.n; /* the padding is not alnum: j == s.n at most */
}

/* Does the byte after a run of letters and digits end the word for sure?
 * ' - . , : and non-ASCII bytes need the word rules of scan_word. */
static inline bool ends_word(unsigned char b) {
  return b < 0x80 && b != '\'' && b != '-' && b != '.' && b != ',' && b != ':';
}

static size_t scan_word(src s, size_t i, uint16_t *flags, case_count *cc) {
  size_t j = i, l;
  int prev = CC_SPACE;
  size_t nletters = 0;
  *cc = (case_count){0, 0, -1, true};
  for (;;) {
    /* fast path: a run of ASCII letters and digits, eight bytes a step
     * (TEXT_PAD zero bytes end the text), counting case */
    size_t j0 = j;
    unsigned up = 0, letters = 0;
    j = alnum_run_end(s, j, &letters, &up);
    if (j > j0) {
      if (cc->first < 0)
        cc->first = s.s[j0] >= 'A' && s.s[j0] <= 'Z';
      cc->upper += (int)up;
      cc->lower += (int)(letters - up);
      nletters += letters;
      prev = s.s[j - 1] >= '0' && s.s[j - 1] <= '9' ? CC_DIGIT : CC_LETTER;
    }
    if (j >= s.n)
      break;
    unsigned char b = s.s[j];
    if (ends_word(b))
      break; /* the common end of a word: a space or other punctuation */
    if (b >= 0x80)
      cc->complete = false;
    int32_t cp = cp_at(s, j, &l);
    int c = uc_class(cp);
    if (is_alnum(c)) {
      nletters += c == CC_LETTER;
      prev = c;
      j += l;
      continue;
    }
    if (prev == CC_LETTER && is_apos(cp)) {
      size_t l2;
      int32_t nx = j + l < s.n ? cp_at(s, j + l, &l2) : ' ';
      if (uc_class(nx) != CC_LETTER)
        break;
      if ((nx == 's' || nx == 'S') && !is_alnum(class_at(s, j + l + 1)))
        break; /* possessive or "he's": its own token */
      j += l;
      continue;
    }
    if (is_dash(cp) && is_alnum(prev) && is_alnum(class_at(s, j + l))) {
      prev = CC_PUNCT;
      j += l;
      continue;
    }
    if ((cp == '.' || cp == ',' || cp == ':') && prev == CC_DIGIT &&
        class_at(s, j + 1) == CC_DIGIT) {
      prev = CC_PUNCT;
      j += 1;
      continue;
    }
    if (cp == '.' && nletters == 1 && j == i + 1 && j + 2 < s.n &&
        class_at(s, j + 1) == CC_LETTER && s.s[j + 2] == '.') {
      /* dotted acronym: consume "X.Y." and any further "Z." */
      j += 1;
      while (j + 1 < s.n && class_at(s, j) == CC_LETTER && s.s[j + 1] == '.' &&
             (s.s[j] & 0x80) == 0)
        j += 2;
      *flags |= TF_DOTTED;
      cc->complete = false; /* letters counted by set_case_flags instead */
      break;
    }
    break;
  }
  return j;
}

/* A word of ASCII letters and digits only, ending where no word rule of
 * scan_word applies: the common case, decided eight bytes a step. Sets
 * *end and the letter counts. Every rule for ' - . , : needs a letter or
 * digit after the mark ("U.S.", "1,000", "don't", "well-known"), so a
 * mark followed by an ASCII byte that is neither ends the word too (a
 * comma or full stop before a space, most often). */
static inline bool plain_word(src s, size_t i, size_t *end, unsigned *up,
                              unsigned *letters) {
  *end = alnum_run_end(s, i, letters, up);
  if (*end >= s.n || ends_word(s.s[*end]))
    return true;
  unsigned char b = s.s[*end], next = s.s[*end + 1]; /* TEXT_PAD: safe */
  return b < 0x80 && next < 0x80 && !is_alnum(ws_ascii_class[next]);
}

/* TF_CAP when the first letter is upper case (a leading digit: no),
 * TF_ALLCAPS for two or more letters none of them lower case. */
static void apply_case(token *t, int first, int upper, int lower) {
  if (first == 1)
    t->flags |= TF_CAP;
  if (upper >= 2 && lower == 0)
    t->flags |= TF_ALLCAPS;
}

static void set_case_flags(src s, token *t) {
  size_t i = t->off, end = t->off + t->len, l;
  int upper = 0, lower = 0, first = 1;
  while (i < end) {
    int32_t cp = cp_at(s, i, &l);
    if (uc_class(cp) == CC_LETTER) {
      bool up = uc_is_upper(cp);
      if (first && up)
        t->flags |= TF_CAP;
      first = 0;
      upper += up;
      lower += !up;
    } else if (first && uc_class(cp) == CC_DIGIT) {
      first = 0;
    }
    i += l;
  }
  apply_case(t, 0, upper, lower); /* TF_CAP was set above */
}

static void set_flanking(src s, token *t) {
  int before = class_before(s, t->off);
  int after = class_at(s, t->off + t->len);
  bool sp_before = before == CC_SPACE || before == CC_NEWLINE;
  bool sp_after = after == CC_SPACE || after == CC_NEWLINE;
  bool p_before = before == CC_PUNCT, p_after = after == CC_PUNCT;
  if (!sp_after && (!p_after || sp_before || p_before))
    t->flags |= TF_LFLANK;
  if (!sp_before && (!p_before || sp_after || p_after))
    t->flags |= TF_RFLANK;
}

/* Room for both per-token arrays, grown together so that a push checks
 * one capacity (tok_tokenize keeps lk_keys.cap >= toks.cap). */
static void grow_tokens(ws_doc *d) {
  VEC_RESERVE(d->toks, d->toks.n + 1);
  VEC_RESERVE(d->lk_keys, d->toks.cap);
}

/* A new token, with no cache key yet (lex_lookup makes the rest). */
static inline token *push_token(ws_doc *d) {
  if (__builtin_expect(d->toks.n == d->toks.cap, 0))
    grow_tokens(d);
  d->lk_keys.v[d->toks.n].k1 = 0;
  return &d->toks.v[d->toks.n++];
}

/* The word cache key of a plain word of 2 to 15 bytes, made while its
 * bytes are at hand, and its cache set prefetched for lex_lookup. */
static inline void key_word(ws_doc *d, size_t tok, const char *s, size_t n) {
  lk_key *k = &d->lk_keys.v[tok];
  short_key(s, n, &k->k0, &k->k1);
  k->set = wcache_set_of(k->k0, k->k1);
  if (d->wcache) /* none in the scratch document of gazetteer.c */
    __builtin_prefetch(&d->wcache->s[k->set]);
}

void tok_tokenize(ws_doc *d) {
  src s = {(const unsigned char *)d->text, d->len};
  d->toks.n = 0;
  VEC_RESERVE(d->lk_keys, d->toks.cap);
  size_t i = 0, l;
  uint16_t pending = TF_PARA_START;
  uint32_t para = 0;
  bool any = false;
  while (i < s.n) {
    unsigned char b = s.s[i];
    if (b < 0x80) { /* fast paths: ASCII spaces, plain punctuation, words */
      int c = ws_ascii_class[b];
      if (c == CC_SPACE) {
        pending |= TF_SPACE_BEFORE;
        i++;
        continue;
      }
      size_t end = i + 1;
      unsigned up = 0, letters = 0;
      bool punct = c == CC_PUNCT && b != '\'' && b != '"' && b != '`';
      if (punct || (is_alnum(c) && plain_word(s, i, &end, &up, &letters))) {
        if (pending & TF_PARA_START && any)
          para++;
        token *t = push_token(d);
        *t = (token){.off = (uint32_t)i,
                     .len = (uint32_t)(end - i),
                     .word = STR_NONE,
                     .para = para,
                     .flags = pending,
                     .cls = punct            ? T_PUNCT
                            : c == CC_LETTER ? T_WORD
                                             : T_NUM,
                     .mark = punct ? b : 0};
        if (c == CC_LETTER)
          apply_case(t, b >= 'A' && b <= 'Z', (int)up, (int)(letters - up));
        if (end - i >= 2 && end - i <= 15) /* punctuation has one byte */
          key_word(d, d->toks.n - 1, (const char *)s.s + i, end - i);
        /* one space after the token taken here, without a trip round the
         * loop: the usual gap between tokens (TEXT_PAD makes the read safe) */
        unsigned sp = s.s[end] == ' ';
        pending = (uint16_t)(sp * TF_SPACE_BEFORE);
        any = true;
        i = end + sp;
        continue;
      }
    }
    int32_t cp = cp_at(s, i, &l);
    int c = uc_class(cp);
    if (c == CC_SPACE) {
      pending |= TF_SPACE_BEFORE;
      i += l;
      continue;
    }
    if (c == CC_NEWLINE) {
      pending |= TF_SPACE_BEFORE | TF_NL_BEFORE | TF_PARA_START;
      i += l;
      continue;
    }
    if (pending & TF_PARA_START && any)
      para++;
    token *t = push_token(d);
    *t = (token){
        .off = (uint32_t)i, .word = STR_NONE, .para = para, .flags = pending};
    pending = 0;
    any = true;
    size_t end;
    int qk = quote_kind(cp);
    if ((cp == '\'' || cp == '`') && i + 1 < s.n && s.s[i + 1] == s.s[i]) {
      end = i + 2; /* '' and `` stand for double quotes (NYT, LaTeX) */
      t->cls = T_QUOTE;
      t->mark = cp == '`' ? QM_DQ_OPEN : QM_DQ_STRAIGHT;
    } else if (is_alnum(c)) {
      case_count cc;
      end = scan_word(s, i, &t->flags, &cc);
      t->cls = c == CC_LETTER ? T_WORD : T_NUM;
      t->len = (uint32_t)(end - i);
      if (t->cls == T_WORD && cc.complete)
        apply_case(t, cc.first, cc.upper, cc.lower);
      else if (t->cls == T_WORD)
        set_case_flags(s, t);
      i = end;
      continue;
    } else if (is_apos(cp) && i + l < s.n && class_at(s, i + l) == CC_DIGIT &&
               !is_alnum(class_before(s, i))) {
      case_count cc;
      end = scan_word(s, i + l, &t->flags, &cc); /* ’90s */
      t->cls = T_WORD;
    } else if (is_apos(cp) && class_before(s, i) == CC_LETTER && i + l < s.n &&
               (s.s[i + l] | 32) == 's' && !is_alnum(class_at(s, i + l + 1))) {
      end = i + l + 1; /* possessive 's */
      t->cls = T_WORD;
      t->flags |= TF_POSS;
    } else if (is_apos(cp) && i + l + 1 < s.n && s.s[i + l] == 'n' &&
               is_apos(cp_at(s, i + l + 1, &end)) &&
               !is_alnum(class_before(s, i))) {
      end = i + l + 1 + end; /* rock ’n’ roll */
      t->cls = T_WORD;
    } else if (qk) {
      end = i + l;
      t->cls = T_QUOTE;
      t->mark = (uint8_t)qk;
    } else {
      end = i + l;
      t->cls = T_PUNCT;
      t->mark = cp < 0x80 && cp > 0 ? (uint8_t)cp : 0;
      if (cp == 0x2012 || cp == 0x2013 || cp == 0x2014 || cp == 0x2015)
        t->mark = '-';
      if (cp == 0x2026)
        t->mark = '.';
    }
    t->len = (uint32_t)(end - i);
    if (t->cls == T_QUOTE)
      set_flanking(s, t);
    else if (t->cls == T_WORD)
      set_case_flags(s, t);
    i = end;
  }
  d->npara = any ? para + 1 : 0;
}
