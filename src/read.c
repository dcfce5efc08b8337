/* read.c - input framing for JSON Lines: one record per line with a string
 * text field and an optional id of any JSON type. A bad line still yields
 * exactly one (error) record. Flat all-string records take the fast path
 * (record_scan.c); jansson reads everything else. */
#include <jansson.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static bool blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
      return false;
  return true;
}

static ws_status missing_text(ws_doc *d, const char *field, bool present,
                              long line_no, ws_error *err) {
  char msg[200];
  snprintf(msg, sizeof msg, "field \"%s\" is %s", field,
           present ? "not a string" : "missing");
  return doc_fail(d, WS_ERR_RECORD, "missing_text", line_no, msg, err);
}

ws_status ws_process_record(ws_doc *d, const char *line, size_t len,
                            const ws_record_fields *f, long line_no,
                            ws_error *err) {
  if (!d || (!line && len))
    return WS_ERR_ARG;
  doc_reset(d);
  ws_record_fields rf = WS_RECORD_FIELDS_INIT;
  if (f && f->size >= offsetof(ws_record_fields, id_field) + sizeof f->id_field)
    memcpy(&rf, f, f->size < sizeof rf ? f->size : sizeof rf);
  const char *text_field = rf.text_field ? rf.text_field : "text";
  const char *id_field = rf.id_field ? rf.id_field : "id";
  if (blank(line, len))
    return doc_fail(d, WS_ERR_EMPTY, "empty_line", line_no, "empty line", err);
  int found =
      rec_scan(line, len, text_field, id_field, &d->rec_text, &d->rec_id);
  if (found >= 0) {
    if (found & REC_ID)
      d->id = json_stringn_nocheck(d->rec_id.v ? d->rec_id.v : "", d->rec_id.n);
    if (!(found & REC_TEXT))
      return missing_text(d, text_field, false, line_no, err);
    /* the unescaped text becomes the working copy: no second copy */
    VEC_RESERVE(d->rec_text, d->rec_text.n + TEXT_PAD);
    char *v = d->rec_text.v;
    size_t cap = d->rec_text.cap;
    d->rec_text.v = d->text;
    d->rec_text.cap = d->cap;
    d->text = v;
    d->cap = cap;
    d->text_scan = found & (REC_TEXT | REC_TEXT_ASCII | REC_TEXT_NUL);
    ws_status st = doc_run(d, d->text, d->rec_text.n, err);
    if (st != WS_OK)
      d->err_line = line_no;
    return st;
  }
  json_error_t je;
  json_t *rec = json_loadb(line, len, JSON_ALLOW_NUL | JSON_DECODE_ANY, &je);
  if (!rec) {
    char msg[200];
    snprintf(msg, sizeof msg, "invalid JSON at column %d: %s", je.column,
             je.text);
    return doc_fail(d, WS_ERR_JSON, "invalid_json", line_no, msg, err);
  }
  ws_status st;
  if (!json_is_object(rec)) {
    st = doc_fail(d, WS_ERR_RECORD, "missing_text", line_no,
                  "record is not a JSON object", err);
  } else {
    json_t *id = json_object_get(rec, id_field);
    if (id)
      d->id = json_incref(id);
    json_t *text = json_object_get(rec, text_field);
    if (!json_is_string(text)) {
      st = missing_text(d, text_field, text != NULL, line_no, err);
    } else {
      st = doc_run(d, json_string_value(text), json_string_length(text), err);
      if (st != WS_OK)
        d->err_line = line_no;
    }
  }
  json_decref(rec);
  return st;
}
