/* jsonw.h - a streaming JSON writer into a byte buffer. Output is byte for
 * byte what jansson's json_dumps() gives for the same value with
 * JSON_COMPACT or JSON_INDENT(2) and JSON_REAL_PRECISION(4), without
 * building a tree (tests/test_emit.c checks that against jansson). */
#ifndef WS_JSONW_H
#define WS_JSONW_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "alloc.h"

typedef struct jsonw {
  VEC(char) buf;
  bool pretty;
  int depth;
  bool after_key; /* a key was written, its value comes next */
  bool comma;     /* the current container has a value: ',' before the next */
} jsonw;

void jw_reset(jsonw *w, bool pretty);
void jw_free(jsonw *w); /* the buffers, not w */
void jw_obj_begin(jsonw *w);
void jw_obj_end(jsonw *w);
void jw_arr_begin(jsonw *w);
void jw_arr_end(jsonw *w);
void jw_key(jsonw *w, const char *key);
void jw_str(jsonw *w, const char *s); /* NULL writes null */
void jw_real(jsonw *w, double v);
void jw_null(jsonw *w);
void jw_value(jsonw *w, const json_t *v); /* any jansson value */
void jw_newline(jsonw *w);                /* ends a record */

/* The hot calls of a record (keys, texts, offsets) are inline below: a
 * record is mostly short keys and integers, and a call each was a visible
 * share of the output time. */
void jw_indent_(jsonw *w);                          /* pretty output only */
void jw_string_(jsonw *w, const char *s, size_t n); /* quoted, escaped */

static inline void jw_put_(jsonw *w, const char *s, size_t n) {
  VEC_RESERVE(w->buf, w->buf.n + n + 1);
  memcpy(w->buf.v + w->buf.n, s, n);
  w->buf.n += n;
}

/* Separator and indentation before a value (or key) at the current depth. */
static inline void jw_before_value_(jsonw *w) {
  if (w->after_key) {
    w->after_key = false;
    return;
  }
  if (w->depth > 0) {
    if (w->comma)
      jw_put_(w, ",", 1);
    w->comma = true;
    if (w->pretty)
      jw_indent_(w);
  }
}

/* A key that needs no escaping, n bytes long (JW_KEY: a string literal). */
static inline void jw_plain_key(jsonw *w, const char *key, size_t n) {
  jw_before_value_(w);
  VEC_RESERVE(w->buf, w->buf.n + n + 5); /* the key and its separator */
  char *o = w->buf.v + w->buf.n;
  *o++ = '"';
  memcpy(o, key, n);
  o += n;
  *o++ = '"';
  *o++ = ':';
  if (w->pretty)
    *o++ = ' ';
  w->buf.n = (size_t)(o - w->buf.v);
  w->after_key = true;
}
#define JW_KEY(w, lit) jw_plain_key((w), "" lit, sizeof(lit) - 1)

static inline void jw_strn(jsonw *w, const char *s, size_t n) { /* n bytes */
  jw_before_value_(w);
  jw_string_(w, s, n);
}

/* The number of decimal digits of u. */
static inline size_t jw_ndigits_(unsigned long long u) {
  size_t n = 1;
  for (unsigned long long p = 10; u >= p && n < 20; p *= 10)
    n++;
  return n;
}

/* Writes the nd digits of u at o, two a step (no call to memcpy for a
 * few bytes: the offsets are most of a record). */
static inline void jw_digits_(char *o, size_t nd, unsigned long long u) {
  static const char pairs[201] =
      "00010203040506070809101112131415161718192021222324"
      "25262728293031323334353637383940414243444546474849"
      "50515253545556575859606162636465666768697071727374"
      "75767778798081828384858687888990919293949596979899";
  char *e = o + nd;
  for (; u >= 10; u /= 100, e -= 2) {
    const char *p = pairs + 2 * (u % 100);
    e[-2] = p[0];
    e[-1] = p[1];
  }
  if (e > o)
    *--e = (char)('0' + u);
}

/* Compact output: writes the literal lit (a key, with its quotes, colon
 * and any comma before it: JW_PUT_MEMBER_UINT) and the digits of v at o;
 * returns the end. The caller reserved the room. */
static inline char *jw_put_member_uint_(char *o, const char *lit, size_t n,
                                        unsigned long long v) {
  memcpy(o, lit, n);
  o += n;
  size_t nd = jw_ndigits_(v);
  jw_digits_(o, nd, v);
  return o + nd;
}
#define JW_PUT_MEMBER_UINT(o, lit, v)                                          \
  jw_put_member_uint_((o), "" lit, sizeof(lit) - 1, (v))

/* A member with a non-negative integer value: key (no escaping needed, n
 * bytes; JW_KEY_UINT: a string literal) and value in one step. */
static inline void jw_key_uint(jsonw *w, const char *key, size_t n,
                               unsigned long long v) {
  jw_plain_key(w, key, n);
  w->after_key = false;
  size_t nd = jw_ndigits_(v);
  VEC_RESERVE(w->buf, w->buf.n + nd + 1);
  jw_digits_(w->buf.v + w->buf.n, nd, v);
  w->buf.n += nd;
}
#define JW_KEY_UINT(w, lit, v) jw_key_uint((w), "" lit, sizeof(lit) - 1, (v))

static inline void jw_int(jsonw *w, long long v) {
  unsigned long long u =
      v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
  size_t nd = jw_ndigits_(u), neg = v < 0;
  jw_before_value_(w);
  VEC_RESERVE(w->buf, w->buf.n + nd + neg + 1);
  char *o = w->buf.v + w->buf.n;
  if (neg)
    *o++ = '-';
  jw_digits_(o, nd, u);
  w->buf.n += nd + neg;
}

#endif
