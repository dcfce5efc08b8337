/* status.c - status code messages, error out-parameter helpers and the
 * small public enum-to-string functions. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ws_version.h"

const char *ws_status_str(ws_status status) {
  switch (status) {
  case WS_OK: return "success";
  case WS_ERR_NOMEM: return "out of memory";
  case WS_ERR_IO: return "input/output error";
  case WS_ERR_GAZETTEER: return "malformed gazetteer";
  case WS_ERR_ARG: return "invalid argument";
  case WS_ERR_TOO_LARGE: return "document too large";
  case WS_ERR_JSON: return "invalid JSON";
  case WS_ERR_RECORD: return "record has no string text field";
  case WS_ERR_PATTERN: return "pattern failed to compile";
  case WS_ERR_EMPTY: return "empty line";
  }
  return "unknown status";
}

void ws_set_error(ws_error *err, ws_status st, const char *file, long line,
                  const char *fmt, ...) {
  if (!err)
    return;
  memset(err, 0, sizeof *err);
  err->status = st;
  err->line = line;
  if (file)
    snprintf(err->file, sizeof err->file, "%s", file);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
}

const char *ws_version_string(void) { return WS_VERSION_STRING; }
int ws_version(void) { return WS_VERSION; }

const char *ws_entity_type_str(ws_entity_type type) {
  switch (type) {
  case WS_PERSON: return "person";
  case WS_OFFICE: return "office";
  case WS_PLACE: return "place";
  }
  return "unknown";
}

const char *ws_quote_kind_str(ws_quote_kind kind) {
  return kind == WS_QUOTE_PARTIAL ? "partial" : "direct";
}

const char *ws_speaker_kind_str(ws_speaker_kind kind) {
  switch (kind) {
  case WS_SPEAKER_NAME: return "name";
  case WS_SPEAKER_PRONOUN: return "pronoun";
  case WS_SPEAKER_NOMINAL: return "nominal";
  case WS_SPEAKER_TITLE: return "title";
  }
  return "unknown";
}

void ws_free(void *p) { free(p); }
