/* utf8.h - UTF-8 decoding and validation, the byte-to-codepoint offset map,
 * and the normalised lookup key of a word (NFKD, case-folded, marks removed:
 * "Sánchez" and "SANCHEZ" share the key "sanchez"). */
#ifndef WS_UTF8_H
#define WS_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "swar.h"

/* Decode the codepoint at s[i] (i < n). Returns its length in bytes; sets *cp
 * to -1 (length 1) for a byte that does not start a valid sequence. */
size_t utf8_decode_multi(const unsigned char *s, size_t n, size_t i,
                         int32_t *cp);
static inline size_t utf8_decode(const unsigned char *s, size_t n, size_t i,
                                 int32_t *cp) {
  if (s[i] < 0x80) { /* ASCII: most of every English text */
    *cp = s[i];
    return 1;
  }
  return utf8_decode_multi(s, n, i, cp);
}

/* Codepoint offsets: one checkpoint per 64 bytes, then a count of lead bytes
 * inside the block. Invalid bytes count one codepoint each, as Python's
 * surrogateescape decoding does; the text must have been sanitised so that
 * every invalid byte was replaced by a one-byte stand-in. */
typedef struct {
  uint32_t *block; /* codepoints before byte (k * 64) */
  size_t n_blocks, cap;
  bool ascii; /* no byte >= 0x80: codepoint offsets are byte offsets */
} cpmap;

void cpmap_build(cpmap *m, const unsigned char *s, size_t n);
/* The map of a text known to be ASCII only (what cpmap_build finds first). */
static inline void cpmap_ascii(cpmap *m) { m->ascii = true; }
void cpmap_free(cpmap *m);
static inline size_t cpmap_at(const cpmap *m, const unsigned char *s,
                              size_t byte) {
  if (m->ascii) /* most news text */
    return byte;
  size_t k = byte >> 6, cp = m->block[k], i = k << 6;
  for (; byte - i >= 8; i += 8)
    cp += 8 - swar_continuations(swar_load(s + i));
  for (; i < byte; i++)
    cp += (s[i] & 0xC0) != 0x80;
  return cp;
}

/* Normalised key of s[0..n) into out (cap bytes). Returns the key length, or
 * 0 if it does not fit. Apostrophes and dashes are unified. */
size_t norm_key(const char *s, size_t n, char *out, size_t cap);

/* Unicode character classes used by the tokenizer. */
enum { CC_SPACE, CC_NEWLINE, CC_LETTER, CC_DIGIT, CC_PUNCT };
int uc_class_multi(int32_t cp);
extern const unsigned char ws_ascii_class[128];
static inline int uc_class(int32_t cp) {
  return cp >= 0 && cp < 0x80 ? ws_ascii_class[cp] : uc_class_multi(cp);
}
bool uc_is_upper(int32_t cp);

#endif
