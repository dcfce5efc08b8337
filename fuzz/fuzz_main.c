/* fuzz_main.c - standalone driver for the fuzz targets, so that builds without
 * libFuzzer (gcc) replay fuzz/corpus/ as ordinary tests. Each argument is a
 * file or a directory; a directory's files are read, and those of its
 * subdirectories one level down, in sorted order. Dot-files are skipped. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long n_inputs;

/* Read a whole file and hand it to the target; false on an I/O error. */
static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "fuzz_main: %s: %s\n", path, strerror(errno));
    return 0;
  }
  size_t cap = 4096, len = 0, n;
  uint8_t *buf = malloc(cap);
  while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
    len += n;
    if (len == cap) {
      uint8_t *grown = realloc(buf, cap *= 2);
      if (!grown)
        free(buf);
      buf = grown;
    }
  }
  int ok = buf && !ferror(f);
  fclose(f);
  if (!ok) {
    fprintf(stderr, "fuzz_main: %s: read failed\n", path);
    free(buf);
    return 0;
  }
  fprintf(stderr, "fuzz_main: %s (%zu bytes)\n", path, len);
  LLVMFuzzerTestOneInput(buf, len);
  free(buf);
  n_inputs++;
  return 1;
}

static int cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run a file, or the entries of a directory while depth allows. */
static int run_path(const char *path, int depth) {
  struct stat st;
  if (stat(path, &st) != 0) {
    fprintf(stderr, "fuzz_main: %s: %s\n", path, strerror(errno));
    return 0;
  }
  if (!S_ISDIR(st.st_mode))
    return run_file(path);
  if (depth > 1)
    return 1; /* deeper than one level below an argument: ignored */
  DIR *dir = opendir(path);
  if (!dir) {
    fprintf(stderr, "fuzz_main: %s: %s\n", path, strerror(errno));
    return 0;
  }
  char **names = NULL;
  size_t n = 0;
  struct dirent *de;
  while ((de = readdir(dir)) != NULL) {
    if (de->d_name[0] == '.')
      continue;
    char **grown = realloc(names, (n + 1) * sizeof *names);
    size_t sz = strlen(path) + strlen(de->d_name) + 2;
    if (!grown || !(grown[n] = malloc(sz)))
      abort();
    names = grown;
    snprintf(names[n++], sz, "%s/%s", path, de->d_name);
  }
  closedir(dir);
  if (n > 0)
    qsort(names, n, sizeof *names, cmp_names);
  int ok = 1;
  for (size_t i = 0; i < n; i++) {
    ok &= run_path(names[i], depth + 1);
    free(names[i]);
  }
  free(names);
  return ok;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
    return 2;
  }
  int ok = 1;
  for (int i = 1; i < argc; i++)
    ok &= run_path(argv[i], 0);
  if (n_inputs == 0) {
    fprintf(stderr, "fuzz_main: no inputs found\n");
    return 1;
  }
  if (!ok) {
    fprintf(stderr, "fuzz_main: some inputs could not be read\n");
    return 1;
  }
  printf("%lu inputs ok\n", n_inputs);
  return 0;
}
