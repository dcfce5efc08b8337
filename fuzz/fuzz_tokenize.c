/* fuzz_tokenize.c - libFuzzer target: arbitrary bytes through ws_process and
 * ws_doc_json. Only the public API is reachable here, so the tokenizer is
 * exercised through the whole pipeline (it may later be called directly). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "whosaid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ws_ctx *ctx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!ctx) {
    ws_options opts = ws_options_default();
    opts.gazetteer_dir = getenv("WHOSAID_GAZETTEERS");
    if (!opts.gazetteer_dir)
      opts.gazetteer_dir = ws_default_gazetteer_dir();
    if (ws_ctx_new(&opts, &ctx, NULL) != WS_OK)
      abort();
  }
  ws_doc *doc = ws_doc_new(ctx);
  if (ws_process(doc, "fuzz", (const char *)data, size, NULL) == WS_OK)
    ws_free(ws_doc_json(doc, 0));
  ws_doc_free(doc);
  return 0;
}
