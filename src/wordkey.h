/* wordkey.h - the key of a word of 1 to 15 bytes, as the word tables and
 * each document's word cache store it: its bytes zero-padded in two words
 * with the length in the top byte, so a probe is two compares and no
 * hashing of the bytes themselves; and the hash that places it. Shared by
 * lexicon.c and the tokenizer, which keys each token as it makes it. */
#ifndef WS_WORDKEY_H
#define WS_WORDKEY_H

#include <stddef.h>
#include <stdint.h>

#include "swar.h"

/* The first n (< 8) bytes of the word x as loaded from memory. */
static inline uint64_t first_bytes(uint64_t x, size_t n) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  return n ? x & ~(~0ULL >> (8 * n)) : 0;
#else
  return x & ((1ULL << (8 * n)) - 1);
#endif
}

/* The key of s[0, n), 1 <= n <= 15; reads 16 bytes from s. */
static inline void short_key(const char *s, size_t n, uint64_t *k0,
                             uint64_t *k1) {
  *k0 = n >= 8 ? swar_load(s) : first_bytes(swar_load(s), n);
  *k1 = (n > 8 ? first_bytes(swar_load(s + 8), n - 8) : 0) | (uint64_t)n << 56;
}

static inline uint64_t key_hash(uint64_t k0, uint64_t k1) {
  return (k0 ^ (k1 * 0xC2B2AE3D27D4EB4FULL)) * 0x9E3779B97F4A7C15ULL;
}

#endif
