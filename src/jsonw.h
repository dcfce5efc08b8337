/* jsonw.h - a streaming JSON writer into a byte buffer. Output is byte for
 * byte what jansson's json_dumps() gives for the same value with
 * JSON_COMPACT or JSON_INDENT(2) and JSON_REAL_PRECISION(4), without
 * building a tree (tests/test_emit.c checks that against jansson). */
#ifndef WS_JSONW_H
#define WS_JSONW_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "alloc.h"

typedef struct jsonw {
  VEC(char) buf;
  bool pretty;
  int depth;
  bool after_key;    /* a key was written, its value comes next */
  VEC(size_t) count; /* values written so far at each depth */
} jsonw;

void jw_reset(jsonw *w, bool pretty);
void jw_free(jsonw *w); /* the buffers, not w */
void jw_obj_begin(jsonw *w);
void jw_obj_end(jsonw *w);
void jw_arr_begin(jsonw *w);
void jw_arr_end(jsonw *w);
void jw_key(jsonw *w, const char *key);
/* A key that needs no escaping, n bytes long (JW_KEY: a string literal). */
void jw_plain_key(jsonw *w, const char *key, size_t n);
#define JW_KEY(w, lit) jw_plain_key((w), "" lit, sizeof(lit) - 1)
void jw_str(jsonw *w, const char *s); /* NULL writes null */
void jw_strn(jsonw *w, const char *s, size_t n); /* s has n bytes */
void jw_int(jsonw *w, long long v);
void jw_real(jsonw *w, double v);
void jw_null(jsonw *w);
void jw_value(jsonw *w, const json_t *v); /* any jansson value */
void jw_newline(jsonw *w);                /* ends a record */

#endif
