/* workers.h - `whosaid -j N`: the threaded pipeline of workers.c, and the
 * exit codes and input helpers it shares with main.c. Uses only the public
 * API. */
#ifndef WHOSAID_CLI_WORKERS_H
#define WHOSAID_CLI_WORKERS_H

#include <sys/types.h>

#include "whosaid.h"

/* Exit codes (documented in --help and whosaid(1)). */
enum {
  EXIT_OK = 0,       /* every record processed */
  EXIT_RECORDS = 1,  /* some record produced an error record */
  EXIT_USAGE = 2,    /* bad command line */
  EXIT_IO = 3,       /* a file could not be read or output not written */
  EXIT_GAZETTEER = 4 /* gazetteers could not be loaded */
};

/* The most worker threads -j uses (larger values are capped). */
enum { JOBS_MAX = 64 };

typedef struct {
  const ws_ctx *ctx;
  const ws_record_fields *fields;
  int json_flags; /* WS_JSON_* flags for ws_doc_json() */
  int jsonl;      /* inputs are JSON Lines streams, else one document each */
  int workers;    /* worker threads, 2..JOBS_MAX */
} jobs_opts;

/* Whether more input can be read from fd without waiting. */
int input_ready(int fd);

/* read(2) of up to n bytes, retried when interrupted; on an error, says so
 * on stderr (the input called `name`) and returns -1. */
ssize_t read_input(int fd, void *buf, size_t n, const char *name);

/* The default worker count: the number of online cores, 1..JOBS_MAX. */
int jobs_default(void);

/* Process the inputs `paths` ("-" is stdin; none: stdin alone) with
 * o->workers threads. The output is byte for byte that of the serial loop
 * in main.c and the result is its exit code; -1 means the threads could not
 * be started and nothing was read or written, so the caller can fall back
 * to the serial loop. */
int jobs_run(const jobs_opts *o, char *const *paths, int n_paths);

#endif
