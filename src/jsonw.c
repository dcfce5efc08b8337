/* jsonw.c - streaming JSON writer: jansson's output format (separators,
 * indentation, string escapes, real formatting) without a value tree, so
 * writing a record costs one pass and no allocation per value. */
#include "jsonw.h"

#include "swar.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static inline void putc1(jsonw *w, char c) {
  VEC_RESERVE(w->buf, w->buf.n + 2);
  w->buf.v[w->buf.n++] = c;
}

void jw_indent_(jsonw *w) {
  putc1(w, '\n');
  for (int i = 0; i < w->depth; i++)
    jw_put_(w, "  ", 2);
}

void jw_reset(jsonw *w, bool pretty) {
  w->buf.n = 0;
  w->pretty = pretty;
  w->depth = 0;
  w->after_key = false;
  w->comma = false;
}

void jw_free(jsonw *w) {
  free(w->buf.v);
  memset(w, 0, sizeof *w);
}

static void open(jsonw *w, char c) {
  jw_before_value_(w);
  putc1(w, c);
  w->depth++;
  w->comma = false;
}

static void close(jsonw *w, char c) {
  bool any = w->comma;
  if (w->depth > 0)
    w->depth--;
  if (any && w->pretty)
    jw_indent_(w);
  putc1(w, c);
  w->comma = true; /* the container is a value of its parent */
}

void jw_obj_begin(jsonw *w) { open(w, '{'); }
void jw_obj_end(jsonw *w) { close(w, '}'); }
void jw_arr_begin(jsonw *w) { open(w, '['); }
void jw_arr_end(jsonw *w) { close(w, ']'); }

/* Writes the escape of c (a control byte, '"' or '\\') at o; returns its
 * end. */
static char *escape(char *o, unsigned char c) {
  static const char hex[] = "0123456789ABCDEF";
  *o++ = '\\';
  switch (c) {
  case '"':
    *o++ = '"';
    break;
  case '\\':
    *o++ = '\\';
    break;
  case '\b':
    *o++ = 'b';
    break;
  case '\f':
    *o++ = 'f';
    break;
  case '\n':
    *o++ = 'n';
    break;
  case '\r':
    *o++ = 'r';
    break;
  case '\t':
    *o++ = 't';
    break;
  default:
    memcpy(o, "u00", 3);
    o[3] = hex[c >> 4];
    o[4] = hex[c & 15];
    o += 5;
  }
  return o;
}

static inline bool plain_byte(unsigned char c) {
  return c >= 0x20 && c != '"' && c != '\\';
}

void jw_string_(jsonw *w, const char *s, size_t n) {
  VEC_RESERVE(w->buf, w->buf.n + 6 * n + 3); /* worst case: all \u00XX */
  char *o = w->buf.v + w->buf.n;
  *o++ = '"';
  for (size_t i = 0; i < n;) {
    if (n - i >= 8 && !swar_json_special(swar_load(s + i))) {
      memcpy(o, s + i, 8);
      o += 8;
      i += 8;
      continue;
    }
    unsigned char c = (unsigned char)s[i++];
    if (plain_byte(c))
      *o++ = (char)c;
    else
      o = escape(o, c);
  }
  *o++ = '"';
  w->buf.n = (size_t)(o - w->buf.v);
}

/* The separator after a key. */
static void key_end(jsonw *w) {
  if (w->pretty)
    jw_put_(w, ": ", 2);
  else
    putc1(w, ':');
  w->after_key = true;
}

void jw_key(jsonw *w, const char *key) {
  jw_before_value_(w);
  jw_string_(w, key, strlen(key));
  key_end(w);
}

/* A NUL-terminated string, escaped as it is measured: names, offices and
 * places are short, and a strlen call before the escape pass was a visible
 * share of the output time. */
void jw_str(jsonw *w, const char *s) {
  if (!s) {
    jw_null(w);
    return;
  }
  jw_before_value_(w);
  enum { ROOM = 64 }; /* bytes reserved at a time */
  VEC_RESERVE(w->buf, w->buf.n + ROOM);
  char *o = w->buf.v + w->buf.n, *lim = w->buf.v + w->buf.cap - 8;
  *o++ = '"';
  for (unsigned char c; (c = (unsigned char)*s); s++) {
    if (o >= lim) { /* room for one escape and the closing quote kept */
      w->buf.n = (size_t)(o - w->buf.v);
      VEC_RESERVE(w->buf, w->buf.n + ROOM);
      o = w->buf.v + w->buf.n;
      lim = w->buf.v + w->buf.cap - 8;
    }
    if (plain_byte(c))
      *o++ = (char)c;
    else
      o = escape(o, c);
  }
  *o++ = '"';
  w->buf.n = (size_t)(o - w->buf.v);
}

/* jansson's real format: "%.4g", ".0" added when it would read as an
 * integer, '+' and leading zeros dropped from the exponent. */
void jw_real(jsonw *w, double v) {
  double h = v * 100.0;
  if (h >= 0 && h < 10000 && !signbit(h) && h == (double)(long)h &&
      (double)(long)h / 100.0 == v) {
    /* whole hundredths (confidences), written without snprintf: "%.4g"
     * gives I.dd, I.d or I, and I gets ".0" */
    long k = (long)h;
    char b[8], *o = b;
    if (k >= 1000)
      *o++ = (char)('0' + k / 1000);
    *o++ = (char)('0' + k / 100 % 10);
    *o++ = '.';
    *o++ = (char)('0' + k / 10 % 10);
    if (k % 10)
      *o++ = (char)('0' + k % 10);
    jw_before_value_(w);
    jw_put_(w, b, (size_t)(o - b));
    return;
  }
  char b[40];
  int n = snprintf(b, sizeof b - 3, "%.4g", v);
  if (n < 0 || (size_t)n >= sizeof b - 3)
    n = 0;
  if (!strchr(b, '.') && !strchr(b, 'e')) {
    memcpy(b + n, ".0", 3);
    n += 2;
  }
  char *e = strchr(b, 'e');
  if (e) {
    char *from = e + 1, *to = e + 1;
    if (*from == '-')
      from++, to++;
    else if (*from == '+')
      from++;
    while (*from == '0' && from[1])
      from++;
    memmove(to, from, strlen(from) + 1);
    n = (int)strlen(b);
  }
  jw_before_value_(w);
  jw_put_(w, b, (size_t)n);
}

void jw_null(jsonw *w) {
  jw_before_value_(w);
  jw_put_(w, "null", 4);
}

void jw_value(jsonw *w, const json_t *v) {
  switch (json_typeof(v)) {
  case JSON_OBJECT: {
    const char *k;
    json_t *x;
    jw_obj_begin(w);
    /* keys in insertion order, as json_dumps() writes them */
    json_object_foreach((json_t *)v, k, x) {
      jw_key(w, k);
      jw_value(w, x);
    }
    jw_obj_end(w);
    break;
  }
  case JSON_ARRAY:
    jw_arr_begin(w);
    for (size_t i = 0; i < json_array_size(v); i++)
      jw_value(w, json_array_get(v, i));
    jw_arr_end(w);
    break;
  case JSON_STRING:
    jw_before_value_(w);
    jw_string_(w, json_string_value(v), json_string_length(v));
    break;
  case JSON_INTEGER:
    jw_int(w, (long long)json_integer_value(v));
    break;
  case JSON_REAL:
    jw_real(w, json_real_value(v));
    break;
  case JSON_TRUE:
    jw_before_value_(w);
    jw_put_(w, "true", 4);
    break;
  case JSON_FALSE:
    jw_before_value_(w);
    jw_put_(w, "false", 5);
    break;
  default:
    jw_null(w);
  }
}

void jw_newline(jsonw *w) {
  putc1(w, '\n');
  w->buf.v[w->buf.n] = '\0';
}
