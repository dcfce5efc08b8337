/* fuzz_jsonl.c - libFuzzer target: arbitrary bytes as one JSONL line through
 * ws_process_record. Every outcome, error records included, must serialise
 * with ws_doc_json as exactly one line: one input line, one output line;
 * and the JSONL fast path must agree with jansson (rec_oracle.h). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rec_oracle.h"
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
  if (rec_oracle((const char *)data, size, "text", "id"))
    abort();
  ws_doc *doc = ws_doc_new(ctx);
  ws_process_record(doc, (const char *)data, size, NULL, 1, NULL);
  char *json = ws_doc_json(doc, 0);
  if (!json || strchr(json, '\n') != json + strlen(json) - 1)
    abort();
  ws_free(json);
  ws_doc_free(doc);
  return 0;
}
