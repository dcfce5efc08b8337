/* make-snapshot.c - build tool: parses the gazetteers of DIR and writes
 * their tables to OUT (src/snapshot.c), which ws_ctx_new then loads
 * instead of parsing the TSV files. Run by meson at build time. */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s GAZETTEER_DIR OUT\n", argv[0]);
    return 2;
  }
  setenv("WHOSAID_SNAPSHOT", "", 1); /* build from the TSV files */
  ws_options o = ws_options_default();
  o.gazetteer_dir = argv[1];
  ws_ctx *c;
  ws_error err;
  uint64_t fp, stamp;
  /* both before the tables are built: a file edited meanwhile then fails
   * both checks at load time, and is parsed again */
  if (!gaz_stamp(argv[1], &stamp) || !gaz_fingerprint(argv[1], &fp)) {
    fprintf(stderr, "%s: cannot read the gazetteers of %s\n", argv[0], argv[1]);
    return 1;
  }
  if (ws_ctx_new(&o, &c, &err) != WS_OK) {
    fprintf(stderr, "%s: %s\n", argv[0], err.message);
    return 1;
  }
  if (!snap_save(c, fp, stamp, argv[2])) {
    fprintf(stderr, "%s: cannot write %s\n", argv[0], argv[2]);
    ws_ctx_free(c);
    return 1;
  }
  ws_ctx_free(c);
  return 0;
}
