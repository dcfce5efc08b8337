// build_cxx.cc - header hygiene: whosaid.h must compile and link from C++
// (extern "C", no C-only constructs). Takes the addresses of a few API
// functions and never calls the pipeline.
#include "whosaid.h"

#include <cstdio>

int main() {
  const char *(*version_string)() = ws_version_string;
  ws_status (*ctx_new)(const ws_options *, ws_ctx **, ws_error *) = ws_ctx_new;
  ws_status (*process)(ws_doc *, const char *, const char *, std::size_t,
                       ws_error *) = ws_process;
  char *(*doc_json)(const ws_doc *, int) = ws_doc_json;
  void (*free_fn)(void *) = ws_free;

  ws_span span = {0, 0, 0, 0};
  ws_quote_kind kind = WS_QUOTE_PARTIAL;
  ws_speaker_kind speaker = WS_SPEAKER_TITLE;
  int flags = WS_JSON_PRETTY | WS_JSON_PER_QUOTE;
  std::printf("whosaid.h: C++ ok (%d %d %d %lu)\n", static_cast<int>(kind),
              static_cast<int>(speaker), flags,
              static_cast<unsigned long>(span.end));
  return version_string == nullptr || ctx_new == nullptr ||
         process == nullptr || doc_json == nullptr || free_fn == nullptr;
}
