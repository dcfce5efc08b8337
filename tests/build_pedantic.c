/* build_pedantic.c - header hygiene: whosaid.h must compile as strict C99
 * (-std=c99 -pedantic -Werror) and link. Built and run as a test; it only
 * takes the addresses of a few API functions and never calls the pipeline. */
#include "whosaid.h"

#include <stdio.h>

struct api_refs {
  const char *(*version_string)(void);
  ws_status (*ctx_new)(const ws_options *, ws_ctx **, ws_error *);
  void (*ctx_free)(ws_ctx *);
  ws_status (*process)(ws_doc *, const char *, const char *, size_t,
                       ws_error *);
  ws_status (*process_record)(ws_doc *, const char *, size_t,
                              const ws_record_fields *, long, ws_error *);
  char *(*doc_json)(const ws_doc *, int);
  const char *(*doc_json_view)(ws_doc *, int, size_t *);
  void (*free_fn)(void *);
};

int main(void) {
  static volatile struct api_refs refs;
  ws_span span = {0, 0, 0, 0};
  ws_status status = WS_OK;
  int flags = WS_JSON_PRETTY | WS_JSON_PER_QUOTE;

  refs.version_string = ws_version_string;
  refs.ctx_new = ws_ctx_new;
  refs.ctx_free = ws_ctx_free;
  refs.process = ws_process;
  refs.process_record = ws_process_record;
  refs.doc_json = ws_doc_json;
  refs.doc_json_view = ws_doc_json_view;
  refs.free_fn = ws_free;
  printf("whosaid.h: C99 ok (%d %d %lu)\n", (int)status, flags,
         (unsigned long)span.end);
  return refs.version_string == NULL;
}
