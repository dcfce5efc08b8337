/* bench.c - throughput benchmark: MB/s per pipeline stage and end to end
 * (JSONL in, JSON out), with a trivial tokenizer as the ceiling, and peak
 * RSS. Reads the JSONL file given, else ../shared/bench/news.jsonl, else the
 * repository's corpus/articles. Usage: bench [FILE.jsonl] */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "internal.h"

typedef VEC(char *) strvec;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Texts of a JSONL file (field "text"). */
static size_t load_jsonl(const char *path, strvec *docs) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return 0;
  char *line = NULL;
  size_t cap = 0, bytes = 0;
  ssize_t n;
  while ((n = getline(&line, &cap, f)) > 0) {
    json_t *j = json_loadb(line, (size_t)n, 0, NULL);
    const char *t = json_string_value(json_object_get(j, "text"));
    if (t) {
      *VEC_PUSH(*docs) = ws_xstrndup(t, strlen(t));
      bytes += strlen(t);
    }
    json_decref(j);
  }
  free(line);
  fclose(f);
  return bytes;
}

/* The corpus articles, each repeated so that timings are measurable. */
static size_t load_corpus(const char *dir, strvec *docs) {
  size_t bytes = 0;
  for (int rep = 0; rep < 200; rep++)
    for (int k = 1; k < 100; k++) {
      char pattern[512];
      snprintf(pattern, sizeof pattern, "%s/%03d-", dir, k);
      char cmd[600];
      snprintf(cmd, sizeof cmd, "cat %s*.txt 2>/dev/null", pattern);
      FILE *p = popen(cmd, "r");
      VEC(char) b = {0};
      char chunk[4096];
      size_t r;
      while (p && (r = fread(chunk, 1, sizeof chunk, p)) > 0) {
        VEC_RESERVE(b, b.n + r + 1);
        memcpy(b.v + b.n, chunk, r);
        b.n += r;
      }
      if (p)
        pclose(p);
      if (!b.n) {
        free(b.v);
        break;
      }
      b.v[b.n] = '\0';
      *VEC_PUSH(*docs) = b.v;
      bytes += b.n;
    }
  return bytes;
}

/* A whitespace/punctuation tokenizer: the speed ceiling to compare with. */
static size_t trivial_tokens(const char *s) {
  size_t n = 0;
  int in = 0;
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    int word = c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
    n += word && !in;
    n += !word && c > ' ';
    in = word;
  }
  return n;
}

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : BENCH_DEFAULT_JSONL;
  strvec docs = {0}, lines = {0};
  size_t bytes = load_jsonl(path, &docs);
  if (!bytes) {
    fprintf(stderr, "bench: %s not found; using corpus/articles x 200\n",
            path);
    path = BENCH_CORPUS_DIR;
    bytes = load_corpus(path, &docs);
  }
  if (!bytes) {
    fprintf(stderr, "bench: no input\n");
    return 1;
  }
  double t0 = now();
  ws_ctx *ctx;
  ws_options o = ws_options_default();
  o.gazetteer_dir = BENCH_GAZETTEERS;
  if (ws_ctx_new(&o, &ctx, NULL) != WS_OK)
    return 1;
  double startup = now() - t0;
  ws_doc *d = ws_doc_new(ctx);
  double mb = (double)bytes / 1e6;
  for (size_t i = 0; i < docs.n; i++) { /* the JSONL lines fed end to end */
    char id[32]; /* string ids, as news archives give them */
    snprintf(id, sizeof id, "doc-%zu", i);
    json_t *rec = json_pack("{s:s, s:s}", "id", id, "text", docs.v[i]);
    *VEC_PUSH(lines) = rec ? json_dumps(rec, JSON_COMPACT) : ws_xstrndup("{}", 2);
    json_decref(rec);
  }
  printf("input: %s: %zu documents, %.1f MB of text; start-up %.3f s\n", path,
         docs.n, mb, startup);

  size_t sink = 0;
  t0 = now();
  for (size_t i = 0; i < docs.n; i++)
    sink += trivial_tokens(docs.v[i]);
  double trivial = now() - t0;

  enum { ST_TOK, ST_LEX, ST_MATCH, ST_QUOTES, ST_ATTR, ST_EMIT, ST_N };
  static const char *names[ST_N] = {"tokenize", "sentences", "match+names",
                                    "quotes", "attribute", "emit (JSON)"};
  double st[ST_N] = {0};
  for (size_t i = 0; i < docs.n; i++) {
    const char *text = docs.v[i];
    size_t len = strlen(text);
    double a = now();
    doc_reset(d);
    d->len = 0;
    VEC_RESERVE(d->feed, len + TEXT_PAD);
    memset(d->feed.v + len, 0, TEXT_PAD);
    memcpy(d->feed.v, text, len); /* the copy is part of tokenizing */
    d->text = d->feed.v;
    d->len = len;
    cpmap_build(&d->cps, (const unsigned char *)d->text, len);
    tok_tokenize(d);
    double b = now();
    lex_lookup(d);
    sent_split(d);
    double c = now();
    gaz_match(d);
    names_find(d);
    double e = now();
    quo_find(d);
    double f = now();
    att_attribute(d);
    double g = now();
    emit_prepare(d);
    char *js = ws_doc_json(d, 0);
    sink += strlen(js);
    ws_free(js);
    double h = now();
    st[ST_TOK] += b - a;
    st[ST_LEX] += c - b;
    st[ST_MATCH] += e - c;
    st[ST_QUOTES] += f - e;
    st[ST_ATTR] += g - f;
    st[ST_EMIT] += h - g;
    d->text = NULL; /* owned by feed */
  }
  double total = 0;
  for (int k = 0; k < ST_N; k++)
    total += st[k];
  for (int k = 0; k < ST_N; k++)
    printf("  %-12s %8.1f MB/s  %4.1f%% of the time\n", names[k], mb / st[k],
           100.0 * st[k] / total);
  printf("  %-12s %8.1f MB/s\n", "all stages", mb / total);

  /* end to end through the public API: JSONL line in, JSON line out */
  t0 = now();
  for (size_t i = 0; i < lines.n; i++) {
    ws_process_record(d, lines.v[i], strlen(lines.v[i]), NULL, (long)i + 1,
                      NULL);
    size_t n;
    ws_doc_json_view(d, 0, &n); /* as the CLI writes it */
    sink += n;
  }
  double e2e = now() - t0;
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("trivial tokenizer: %.1f MB/s\n", mb / trivial);
  printf("end to end (JSONL in, JSON out, one thread): %.1f MB/s = %.3f of "
         "the trivial tokenizer\n",
         mb / e2e, trivial / e2e);
  printf("peak RSS: %.0f MB (input held in memory by the benchmark)\n",
         (double)ru.ru_maxrss / 1024.0);
  fprintf(stderr, "(checksum %zu)\n", sink);
  ws_doc_free(d);
  ws_ctx_free(ctx);
  for (size_t i = 0; i < docs.n; i++) {
    free(docs.v[i]);
    free(lines.v[i]);
  }
  free(docs.v);
  free(lines.v);
  return 0;
}
