/* utf8.c - UTF-8 decoding, codepoint offsets and normalised word keys. */
#include "utf8.h"

#include "swar.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "alloc.h"

#define SP CC_SPACE
#define NL CC_NEWLINE
#define LE CC_LETTER
#define DI CC_DIGIT
#define PU CC_PUNCT
/* Classes of the ASCII range; controls count as spaces. */
const unsigned char ws_ascii_class[128] = {
    SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, NL, SP, SP, SP, SP, SP, SP, SP, SP,
    SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, SP, PU, PU, PU, PU, PU,
    PU, PU, PU, PU, PU, PU, PU, PU, PU, PU, DI, DI, DI, DI, DI, DI, DI, DI, DI,
    DI, PU, PU, PU, PU, PU, PU, PU, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE,
    LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, PU, PU, PU, PU,
    PU, PU, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE, LE,
    LE, LE, LE, LE, LE, LE, LE, LE, LE, PU, PU, PU, PU, SP};
#undef SP
#undef NL
#undef LE
#undef DI
#undef PU

size_t utf8_decode_multi(const unsigned char *s, size_t n, size_t i,
                         int32_t *cp) {
  unsigned c = s[i];
  if (c < 0x80) {
    *cp = (int32_t)c;
    return 1;
  }
  size_t len;
  int32_t v, min;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2, v = c & 0x1F, min = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3, v = c & 0x0F, min = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4, v = c & 0x07, min = 0x10000;
  } else {
    *cp = -1;
    return 1;
  }
  if (i + len > n) {
    *cp = -1;
    return 1;
  }
  for (size_t k = 1; k < len; k++) {
    unsigned d = s[i + k];
    if ((d & 0xC0) != 0x80) {
      *cp = -1;
      return 1;
    }
    v = (v << 6) | (int32_t)(d & 0x3F);
  }
  if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
    *cp = -1;
    return 1;
  }
  *cp = v;
  return len;
}

void cpmap_build(cpmap *m, const unsigned char *s, size_t n) {
  bool ascii = true; /* then every offset is its byte offset: no table */
  size_t j = 0;
  for (; ascii && n - j >= 8; j += 8)
    ascii = !(swar_load(s + j) & SWAR_HIGHS);
  for (; ascii && j < n; j++)
    ascii = s[j] < 0x80;
  m->ascii = ascii;
  if (ascii)
    return;
  size_t nb = (n >> 6) + 1;
  if (nb > m->cap) {
    m->cap = nb;
    m->block = ws_xrealloc(m->block, nb * sizeof *m->block);
  }
  m->n_blocks = nb;
  uint32_t cp = 0;
  for (size_t k = 0; k < nb; k++) {
    m->block[k] = cp;
    size_t i = k << 6, end = (k + 1) << 6 < n ? (k + 1) << 6 : n;
    for (; end - i >= 8 && i < end; i += 8) { /* count non-continuation */
      cp += 8 - swar_continuations(swar_load(s + i));
    }
    for (; i < end; i++)
      cp += (s[i] & 0xC0) != 0x80;
  }
}

void cpmap_free(cpmap *m) {
  free(m->block);
  memset(m, 0, sizeof *m);
}

static int32_t unify(int32_t cp) {
  switch (cp) {
  case 0x2019:
  case 0x2018:
  case 0x02BC:
  case 0x0060:
  case 0x00B4:
    return '\'';
  case 0x2010:
  case 0x2011:
  case 0x2012:
  case 0x2013:
  case 0x2014:
    return '-';
  default:
    return cp;
  }
}

size_t norm_key(const char *s, size_t n, char *out, size_t cap) {
  size_t o = 0, i = 0;
  const unsigned char *u = (const unsigned char *)s;
  for (; i + 8 <= n && o + 8 <= cap; i += 8, o += 8) { /* 8 ASCII bytes */
    uint64_t x = swar_load(u + i);
    if (x & SWAR_HIGHS)
      break;
    x = swar_lower(x);
    memcpy(out + o, &x, 8);
  }
  for (; i < n && u[i] < 0x80; i++) { /* ASCII fast path */
    if (o >= cap)
      return 0;
    unsigned char c = u[i];
    out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  while (i < n) {
    int32_t cp;
    i += utf8_decode(u, n, i, &cp);
    if (cp < 0)
      cp = 0xFFFD;
    utf8proc_int32_t buf[8];
    utf8proc_ssize_t k =
        utf8proc_decompose_char(unify(cp), buf, 8,
                                UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                    UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK,
                                NULL);
    if (k < 0 || k > 8)
      return 0;
    for (utf8proc_ssize_t j = 0; j < k; j++) {
      if (o + 4 > cap)
        return 0;
      o += (size_t)utf8proc_encode_char(buf[j], (utf8proc_uint8_t *)out + o);
    }
  }
  return o;
}

int uc_class_multi(int32_t cp) {
  if (cp == '\n')
    return CC_NEWLINE;
  if (cp < 0)
    return CC_PUNCT;
  if (cp < 0x80) {
    if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\f' || cp == '\v' ||
        cp == 0)
      return CC_SPACE;
    if ((cp | 32) >= 'a' && (cp | 32) <= 'z')
      return CC_LETTER;
    if (cp >= '0' && cp <= '9')
      return CC_DIGIT;
    return cp < 32 || cp == 127 ? CC_SPACE : CC_PUNCT;
  }
  if (cp == 0x2028 || cp == 0x2029 || cp == 0x85)
    return CC_NEWLINE;
  switch (utf8proc_category(cp)) {
  case UTF8PROC_CATEGORY_LU:
  case UTF8PROC_CATEGORY_LL:
  case UTF8PROC_CATEGORY_LT:
  case UTF8PROC_CATEGORY_LM:
  case UTF8PROC_CATEGORY_LO:
  case UTF8PROC_CATEGORY_MN:
  case UTF8PROC_CATEGORY_MC:
  case UTF8PROC_CATEGORY_ME:
    return CC_LETTER;
  case UTF8PROC_CATEGORY_ND:
    return CC_DIGIT;
  case UTF8PROC_CATEGORY_ZS:
  case UTF8PROC_CATEGORY_CC:
  case UTF8PROC_CATEGORY_CF:
    return CC_SPACE;
  case UTF8PROC_CATEGORY_ZL:
  case UTF8PROC_CATEGORY_ZP:
    return CC_NEWLINE;
  default:
    return CC_PUNCT;
  }
}

bool uc_is_upper(int32_t cp) {
  if (cp < 0x80)
    return cp >= 'A' && cp <= 'Z';
  utf8proc_category_t c = utf8proc_category(cp);
  return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}
