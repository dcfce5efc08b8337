/* fuzz_pipeline.c - libFuzzer target: the whole pipeline. The first byte picks
 * the JSON flags (bit 0 pretty, bit 1 per-quote), whether to also stream the
 * text with ws_feed (bit 2) and the chunk size (bits 3-7); the rest is the
 * text. Streamed output must equal one-shot output byte for byte. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "whosaid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ws_ctx *ctx;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  if (!ctx) {
    ws_options opts = ws_options_default();
    opts.gazetteer_dir = getenv("WHOSAID_GAZETTEERS");
    if (!opts.gazetteer_dir)
      opts.gazetteer_dir = ws_default_gazetteer_dir();
    if (ws_ctx_new(&opts, &ctx, NULL) != WS_OK)
      abort();
  }
  int flags = data[0] & (WS_JSON_PRETTY | WS_JSON_PER_QUOTE);
  size_t chunk = (size_t)(data[0] >> 3) + 1;
  const char *text = (const char *)data + 1;
  size_t len = size - 1;
  ws_doc *doc = ws_doc_new(ctx);
  if (ws_process(doc, "fuzz", text, len, NULL) == WS_OK && (data[0] & 4)) {
    char *once = ws_doc_json(doc, flags);
    for (size_t off = 0; off < len; off += chunk)
      ws_feed(doc, text + off, len - off < chunk ? len - off : chunk);
    if (ws_finish(doc, "fuzz", NULL) != WS_OK)
      abort();
    char *streamed = ws_doc_json(doc, flags);
    if (!once || !streamed || strcmp(once, streamed) != 0)
      abort(); /* streaming must give the same bytes as ws_process */
    ws_free(once);
    ws_free(streamed);
  } else if (ws_doc_status(doc) == WS_OK) {
    ws_free(ws_doc_json(doc, flags));
  }
  ws_doc_free(doc);
  return 0;
}
