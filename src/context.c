/* context.c - ws_ctx: options, gazetteer loading and pattern compilation.
 * A context is immutable once built and can be shared across threads. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"
#include "ws_version.h"

void ws_options_init_size(ws_options *o, size_t size) {
  ws_options d;
  memset(&d, 0, sizeof d);
  d.size = size < sizeof d ? size : sizeof d;
  d.max_doc_bytes = 64u << 20;
  if (o && size)
    memcpy(o, &d, d.size);
  if (o && size > sizeof d) /* a newer caller: its fields are unknown here */
    memset((char *)o + sizeof d, 0, size - sizeof d);
}

/* The caller's options as this library's struct: fields beyond the
 * caller's size keep their defaults. */
static ws_options options_of(const ws_options *opts) {
  ws_options o;
  ws_options_init(&o);
  if (opts && opts->size >= offsetof(ws_options, gazetteer_dir)) {
    size_t n = opts->size < sizeof o ? opts->size : sizeof o;
    memcpy(&o, opts, n);
  }
  return o;
}

static bool is_dir(const char *p) {
  struct stat st;
  return p && *p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Installed data dir, or the source tree's gazetteers/ for uninstalled
 * builds (tests, the README's build-and-run command). */
const char *ws_default_gazetteer_dir(void) {
  if (is_dir(WS_DEFAULT_GAZETTEER_DIR))
    return WS_DEFAULT_GAZETTEER_DIR;
  return WS_SOURCE_GAZETTEER_DIR;
}

static ws_ctx *ctx_alloc(const ws_options *o) {
  ws_ctx *c = ws_xcalloc(1, sizeof *c);
  c->max_doc_bytes = o->max_doc_bytes ? o->max_doc_bytes : (64u << 20);
  if (c->max_doc_bytes > UINT32_MAX - 1)
    c->max_doc_bytes = UINT32_MAX - 1;
  strtab_init(&c->words);
  trie_init(&c->names);
  trie_init(&c->cue_phrases);
  return c;
}

/* Loads the tables of dir from the first matching snapshot: the one named
 * by $WHOSAID_SNAPSHOT (empty: none), else the installed one, else the
 * build's. On failure *c is replaced by a fresh context. */
static bool load_snapshot(ws_ctx **c, const ws_options *o, const char *dir) {
  const char *env = getenv("WHOSAID_SNAPSHOT");
  const char *paths[2] = {WS_INSTALLED_SNAPSHOT, WS_BUILD_SNAPSHOT};
  size_t n = 2;
  if (env) {
    paths[0] = env;
    n = *env ? 1 : 0;
  }
  for (size_t i = 0; i < n; i++) {
    if (snap_load(*c, paths[i], dir))
      return true;
    ws_ctx_free(*c);
    *c = ctx_alloc(o);
  }
  return false;
}

ws_status ws_ctx_new(const ws_options *opts, ws_ctx **out, ws_error *err) {
  if (!out) {
    ws_set_error(err, WS_ERR_ARG, NULL, 0, "out is NULL");
    return WS_ERR_ARG;
  }
  *out = NULL;
  ws_options o = options_of(opts);
  const char *dir = o.gazetteer_dir;
  if (!dir || !*dir)
    dir = getenv("WHOSAID_GAZETTEERS");
  if (!dir || !*dir)
    dir = ws_default_gazetteer_dir();
  ws_ctx *c = ctx_alloc(&o);
  ws_status st = WS_OK;
  bool snap = o.n_extra_gazetteers == 0 && load_snapshot(&c, &o, dir);
  if (!snap) {
    lex_add_builtins(c);
    st = gaz_load_dir(c, dir, err);
  }
  for (size_t i = 0; st == WS_OK && i < o.n_extra_gazetteers; i++)
    st = gaz_load_file(c, o.extra_gazetteers[i], err);
  if (st == WS_OK)
    st = cues_compile(c, err);
  if (st != WS_OK) {
    ws_ctx_free(c);
    return st;
  }
  if (!snap) {      /* a snapshot holds the tables as they are made here */
    if (c->words.n) /* make every word id valid as an index into lex */
      lex_set(c, c->words.n - 1, 0);
    lex_index_words(c);
  }
  *out = c;
  return WS_OK;
}

void ws_ctx_free(ws_ctx *c) {
  if (!c)
    return;
  snap_release(c);
  cues_free(c);
  strtab_free(&c->words);
  trie_free(&c->names);
  trie_free(&c->cue_phrases);
  free(c->lex.v);
  free(c->entries.v);
  free(c->gaz_text.v);
  if (c->wordrec)
    ws_big_free(c->wordrec, ((size_t)c->wordrec_mask + 1) * sizeof *c->wordrec);
  free(c);
}

char *ws_ctx_stats_json(const ws_ctx *c) {
  if (!c)
    return NULL;
  char *s = ws_xmalloc(512);
  snprintf(
      s, 512,
      "{\"person\": %zu, \"office\": %zu, \"place\": %zu, "
      "\"demonym\": %zu, \"cue\": %zu, \"nominal\": %zu, "
      "\"title\": %zu, \"abbreviation\": %zu, \"given_name\": %zu, "
      "\"surname\": %zu, "
      "\"names\": %zu, \"words\": %u}",
      c->counts[COUNT_PERSON], c->counts[COUNT_OFFICE], c->counts[COUNT_PLACE],
      c->counts[COUNT_DEMONYM], c->counts[COUNT_CUE], c->counts[COUNT_NOMINAL],
      c->counts[COUNT_TITLE], c->counts[COUNT_ABBR], c->counts[COUNT_GIVEN],
      c->counts[COUNT_SURNAME], c->entries.n, c->words.n);
  return s;
}
