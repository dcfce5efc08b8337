/* swar.h - eight bytes at a time in a uint64_t ("SIMD within a register"):
 * tests that tell whether any byte of a word is special, so that scanning
 * loops skip ordinary text eight bytes per step. A nonzero result means at
 * least one byte matched; the byte loop then finds which. */
#ifndef WS_SWAR_H
#define WS_SWAR_H

#include <stdint.h>
#include <string.h>

#define SWAR_ONES 0x0101010101010101ULL
#define SWAR_HIGHS 0x8080808080808080ULL

static inline uint64_t swar_load(const void *p) {
  uint64_t x;
  memcpy(&x, p, 8);
  return x;
}

/* Nonzero if some byte of x equals c. */
static inline uint64_t swar_has(uint64_t x, unsigned char c) {
  uint64_t y = x ^ (SWAR_ONES * c);
  return (y - SWAR_ONES) & ~y & SWAR_HIGHS;
}

/* Nonzero if some byte of x is below n (n <= 128). */
static inline uint64_t swar_below(uint64_t x, unsigned char n) {
  return (x - SWAR_ONES * n) & ~x & SWAR_HIGHS;
}


/* High bit of each byte of x that lies in [lo, hi], for bytes below 0x80
 * (the caller masks the others): adding 0x80 - lo sets the high bit from lo
 * up, adding 0x7F - hi from above hi; neither sum carries into the next
 * byte. */
static inline uint64_t swar_in_range(uint64_t x7, unsigned char lo,
                                     unsigned char hi) {
  return (x7 + SWAR_ONES * (0x80u - lo)) & ~(x7 + SWAR_ONES * (0x7Fu - hi)) &
         SWAR_HIGHS;
}

/* Eight ASCII bytes (no high bit set) with A-Z lower-cased. */
static inline uint64_t swar_lower(uint64_t x7) {
  return x7 | swar_in_range(x7, 'A', 'Z') >> 2; /* 0x80 >> 2: the case bit */
}

/* Number of bytes whose high bit is set in m (m has only high bits): a
 * multiply sums them, with no need for a popcount instruction. */
static inline unsigned swar_count_highs(uint64_t m) {
  return (unsigned)(((m >> 7) * SWAR_ONES) >> 56);
}

/* Number of bytes of x that are UTF-8 continuation bytes (10xxxxxx). */
static inline unsigned swar_continuations(uint64_t x) {
  return swar_count_highs(x & ~(x << 1) & SWAR_HIGHS);
}

/* Index of the first byte of x in memory order whose high bit is set in m
 * (m != 0). */
static inline unsigned swar_first(uint64_t m) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return (unsigned)__builtin_clzll(m) >> 3;
#else
  return (unsigned)__builtin_ctzll(m) >> 3;
#endif
}

/* Bytes that need care inside a JSON string: '"', '\\' and controls. */
static inline uint64_t swar_json_special(uint64_t x) {
  return swar_has(x, '"') | swar_has(x, '\\') | swar_below(x, 0x20);
}

#endif
