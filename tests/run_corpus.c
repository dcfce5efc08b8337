/* run_corpus.c - data-driven test: every corpus/articles/NAME.txt, run
 * through the library and through the whosaid binary, must give exactly
 * corpus/expected/NAME.jsonl. Usage: run_corpus SOURCE_DIR WHOSAID_BINARY */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "whosaid.h"

static char *slurp(FILE *f, size_t *len) {
  size_t cap = 65536, n = 0, k;
  char *b = malloc(cap);
  while (b && (k = fread(b + n, 1, cap - n - 1, f)) > 0) {
    n += k;
    if (cap - n < 2) {
      cap *= 2;
      b = realloc(b, cap);
    }
  }
  if (!b)
    abort();
  b[n] = '\0';
  *len = n;
  return b;
}

static char *read_path(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  char *b = slurp(f, len);
  fclose(f);
  return b;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int report(const char *what, const char *name, const char *got,
                  const char *want) {
  if (want && strcmp(got, want) == 0) {
    printf("ok - %s %s\n", what, name);
    return 0;
  }
  size_t i = 0;
  while (want && got[i] && got[i] == want[i])
    i++;
  printf("not ok - %s %s: differs from corpus/expected at byte %zu\n", what,
         name, i);
  printf("#   got: %.120s\n#  want: %.120s\n", got + i,
         want ? want + i : "(missing expected file)");
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: run_corpus SOURCE_DIR WHOSAID\n");
    return 2;
  }
  if (chdir(argv[1]) != 0) {
    perror(argv[1]);
    return 2;
  }
  ws_options o = ws_options_default();
  o.gazetteer_dir = "gazetteers";
  ws_ctx *ctx;
  ws_error err;
  if (ws_ctx_new(&o, &ctx, &err) != WS_OK) {
    fprintf(stderr, "%s\n", err.message);
    return 2;
  }
  ws_doc *doc = ws_doc_new(ctx);
  DIR *dir = opendir("corpus/articles");
  if (!dir) {
    perror("corpus/articles");
    return 2;
  }
  char *names[256];
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(dir)) && n < 256) {
    size_t l = strlen(e->d_name);
    if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0)
      names[n++] = strndup(e->d_name, l - 4);
  }
  closedir(dir);
  qsort(names, n, sizeof *names, by_name);
  int failed = 0;
  for (size_t i = 0; i < n; i++) {
    char art[512], exp[512], cmd[2048];
    snprintf(art, sizeof art, "corpus/articles/%s.txt", names[i]);
    snprintf(exp, sizeof exp, "corpus/expected/%s.jsonl", names[i]);
    size_t tlen = 0, elen = 0;
    char *text = read_path(art, &tlen), *want = read_path(exp, &elen);
    ws_process(doc, art, text, tlen, NULL);
    char *got = ws_doc_json(doc, 0);
    failed += report("library", names[i], got, want);
    ws_free(got);
    snprintf(cmd, sizeof cmd, "'%s' -g gazetteers '%s'", argv[2], art);
    FILE *p = popen(cmd, "r");
    size_t glen;
    char *cli = p ? slurp(p, &glen) : NULL;
    if (!p || pclose(p) != 0) {
      printf("not ok - cli %s: whosaid failed\n", names[i]);
      failed++;
    } else {
      failed += report("cli", names[i], cli, want);
    }
    free(cli);
    free(text);
    free(want);
    free(names[i]);
  }
  printf("%zu articles, %d failures\n", n, failed);
  ws_doc_free(doc);
  ws_ctx_free(ctx);
  return failed || n == 0 ? 1 : 0;
}
