/* rec_oracle.h - jansson as the oracle for the JSONL fast path: whatever
 * rec_scan() accepts, jansson must read as an all-string object with the
 * same text and id bytes. Shared by fuzz_jsonl.c and tests/test_read.c. */
#ifndef WS_REC_ORACLE_H
#define WS_REC_ORACLE_H

#include <jansson.h>
#include <string.h>

#include "internal.h"

static inline bool rec_same(const json_t *v, const rec_buf *b, bool found) {
  if (!found)
    return v == NULL;
  return json_is_string(v) && json_string_length(v) == b->n &&
         (b->n == 0 || memcmp(json_string_value(v), b->v, b->n) == 0);
}

/* The REC_TEXT_ASCII and REC_TEXT_NUL bits that text's bytes call for. */
static inline int rec_text_bits(const char *s, size_t n) {
  int bits = REC_TEXT_ASCII;
  for (size_t i = 0; i < n; i++) {
    if ((unsigned char)s[i] >= 0x80)
      bits &= ~REC_TEXT_ASCII;
    if (!s[i])
      bits |= REC_TEXT_NUL;
  }
  return bits;
}

/* NULL when rec_scan and jansson agree on line, else what differs. */
static inline const char *rec_oracle(const char *line, size_t len,
                                     const char *text_field,
                                     const char *id_field) {
  rec_buf text = {0}, id = {0};
  int r = rec_scan(line, len, text_field, id_field, &text, &id);
  const char *why = NULL;
  json_t *v = NULL;
  if (r >= 0) {
    v = json_loadb(line, len, JSON_ALLOW_NUL | JSON_DECODE_ANY, NULL);
    const char *k;
    json_t *x;
    if (!json_is_object(v)) {
      why = "fast path accepted what jansson rejects";
    } else if (!rec_same(json_object_get(v, text_field), &text, r & REC_TEXT)) {
      why = "text differs";
    } else if (!rec_same(json_object_get(v, id_field), &id, r & REC_ID)) {
      why = "id differs";
    } else if ((r & REC_TEXT) && (r & (REC_TEXT_ASCII | REC_TEXT_NUL)) !=
                                     rec_text_bits(text.v, text.n)) {
      why = "the text's ASCII or NUL flag is wrong";
    } else {
      json_object_foreach(v, k, x) {
        if (!json_is_string(x))
          why = "fast path accepted a non-string value";
      }
    }
  }
  json_decref(v);
  free(text.v);
  free(id.v);
  return why;
}

#endif
