/* workers.c - `whosaid -j N`. The main thread cuts the input into batches
 * (runs of JSONL lines, or one FILE each); N worker threads, each with its
 * own ws_doc on the shared ws_ctx, turn a batch into its concatenated JSON
 * output; a writer thread writes the batches strictly in input order. A
 * fixed ring of 2N+2 batch slots bounds the memory in flight whatever the
 * input size. Uses only the public API. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "workers.h"

enum {
  BATCH_LINES = 256,      /* a JSONL batch closes at this many lines, */
  READ_CHUNK = 64 * 1024, /* bytes asked of each read(2) */
  FILE_CHUNK = 64 * 1024  /* bytes per ws_feed() in document mode */
};
#define BATCH_BYTES ((size_t)1 << 20)      /* or at this much text, */
#define MIN_BATCH_BYTES ((size_t)64 << 10) /* at least this much */
#define INFLIGHT_BYTES ((size_t)64 << 20)  /* shared out over the ring */

typedef struct {
  char *p;
  size_t len, cap;
} buffer;

static int buf_append(buffer *b, const void *s, size_t n) {
  if (n > b->cap - b->len) {
    size_t cap = b->cap ? b->cap : 4096;
    while (n > cap - b->len) {
      if (cap > SIZE_MAX / 2)
        return -1;
      cap *= 2;
    }
    char *p = realloc(b->p, cap);
    if (!p)
      return -1;
    b->p = p;
    b->cap = cap;
  }
  if (n)
    memcpy(b->p + b->len, s, n);
  b->len += n;
  return 0;
}

/* Empty b for reuse; a buffer that one huge record grew past `keep` is
 * given back, so that memory stays bounded after the record. */
static void buf_clear(buffer *b, size_t keep) {
  b->len = 0;
  if (b->cap > keep) {
    free(b->p);
    b->p = NULL;
    b->cap = 0;
  }
}

static int worse(int a, int b) { return a > b ? a : b; }

/* One unit of work. The mutex hands a batch from the reader (while it is
 * the next to fill) to one worker (once submitted) to the writer (once
 * done); only the current owner touches its fields outside the lock. */
typedef struct {
  buffer in;    /* JSONL: the lines, without their newlines */
  size_t *ends; /* line i is in.p[ends[i-1] (0 for i = 0) .. ends[i]) */
  size_t n_lines;
  long first_line;  /* input line number of line 0 */
  const char *path; /* document mode: the FILE, "-" for stdin */
  buffer out;       /* the JSON output of every record, concatenated */
  int rc;           /* EXIT_OK, EXIT_RECORDS, or EXIT_IO (out is cut) */
  int open_errno;   /* document mode: fopen failed with this */
  int read_failed;  /* document mode: reading the FILE failed */
  int done;         /* out is complete; guarded by the mutex */
} batch;

typedef struct {
  const jobs_opts *o;
  batch *ring; /* batch number k lives in ring[k % n_ring] */
  size_t n_ring;
  size_t batch_bytes;
  pthread_mutex_t mu;
  pthread_cond_t work_cv; /* workers: a batch was submitted, or the end */
  pthread_cond_t done_cv; /* writer: a batch is done, or the end */
  pthread_cond_t free_cv; /* reader: a slot was written, or stop */
  /* Guarded by mu: counts of batches submitted, claimed and written. */
  unsigned long long n_read, n_claimed, n_written;
  int eof;      /* the reader will submit no more */
  int stop;     /* the writer failed: read and work no further */
  int write_rc; /* the writer's result, read once it is joined */
} pipeline;

static batch *slot(pipeline *p, unsigned long long k) {
  return &p->ring[k % p->n_ring];
}

/* ---- reader (the main thread) -------------------------------------------- */

/* The slot for the next batch once the writer has freed it; NULL when the
 * writer has stopped. */
static batch *acquire(pipeline *p) {
  pthread_mutex_lock(&p->mu);
  while (p->n_read - p->n_written >= p->n_ring && !p->stop)
    pthread_cond_wait(&p->free_cv, &p->mu);
  batch *b = p->stop ? NULL : slot(p, p->n_read);
  pthread_mutex_unlock(&p->mu);
  return b;
}

static void submit(pipeline *p) {
  pthread_mutex_lock(&p->mu);
  p->n_read++;
  pthread_cond_signal(&p->work_cv);
  pthread_mutex_unlock(&p->mu);
}

static size_t lines_end(const batch *b) {
  return b->n_lines ? b->ends[b->n_lines - 1] : 0;
}

int input_ready(int fd) {
  struct pollfd pfd = {.fd = fd, .events = POLLIN};
  return poll(&pfd, 1, 0) != 0; /* an error counts as ready */
}

ssize_t read_input(int fd, void *buf, size_t n, const char *name) {
  ssize_t k;
  while ((k = read(fd, buf, n)) < 0 && errno == EINTR)
    ;
  if (k < 0)
    fprintf(stderr, "whosaid: %s: %s\n", name, strerror(errno));
  return k;
}

/* Read the JSON Lines stream fd (called `name` in messages) into batches.
 * Returns EXIT_OK, EXIT_IO (reported) or -1 when the writer stopped. */
static int read_lines(pipeline *p, int fd, const char *name, char *rbuf) {
  batch *b = NULL;
  long line_no = 0;
  int rc = EXIT_OK;
  for (;;) {
    ssize_t k = read_input(fd, rbuf, READ_CHUNK, name);
    if (k < 0) {
      rc = EXIT_IO;
      break;
    }
    if (k == 0)
      break;
    for (size_t pos = 0; pos < (size_t)k;) {
      if (!b) {
        if (!(b = acquire(p)))
          return -1;
        b->first_line = line_no + 1;
      }
      const char *nl = memchr(rbuf + pos, '\n', (size_t)k - pos);
      size_t n = nl ? (size_t)(nl - (rbuf + pos)) : (size_t)k - pos;
      if (buf_append(&b->in, rbuf + pos, n) != 0) {
        fprintf(stderr, "whosaid: out of memory\n");
        rc = EXIT_IO;
        goto out;
      }
      pos += n;
      if (!nl)
        break;
      pos++;
      line_no++;
      b->ends[b->n_lines++] = b->in.len;
      if (b->n_lines == BATCH_LINES || b->in.len >= p->batch_bytes) {
        submit(p);
        b = NULL;
      }
    }
    /* Input that trickles in (a pipe fed line by line) is not held back
     * until a batch fills: complete lines go out when the input stalls. */
    if (b && b->n_lines && b->in.len == lines_end(b) && !input_ready(fd)) {
      submit(p);
      b = NULL;
    }
  }
  /* A last line without a newline is a line too. */
  if (rc == EXIT_OK && b && b->in.len > lines_end(b)) {
    line_no++;
    b->ends[b->n_lines++] = b->in.len;
  }
out:
  if (b && b->n_lines)
    submit(p); /* the complete lines before a read error still count */
  else if (b)
    b->in.len = 0;
  return rc;
}

/* JSONL mode: every input is a stream with its own line numbers. */
static int read_streams(pipeline *p, char *const *paths, int n_paths) {
  char *rbuf = malloc(READ_CHUNK);
  if (!rbuf) {
    fprintf(stderr, "whosaid: out of memory\n");
    return EXIT_IO;
  }
  int rc = EXIT_OK;
  for (int i = 0; i < (n_paths ? n_paths : 1) && rc != EXIT_IO; i++) {
    const char *path = n_paths ? paths[i] : "-";
    int fd = STDIN_FILENO;
    if (strcmp(path, "-") != 0 && (fd = open(path, O_RDONLY)) < 0) {
      fprintf(stderr, "whosaid: %s: %s\n", path, strerror(errno));
      rc = EXIT_IO;
      break;
    }
    int r = read_lines(p, fd, path, rbuf);
    if (fd != STDIN_FILENO)
      close(fd);
    if (r < 0)
      break;
    rc = worse(rc, r);
  }
  free(rbuf);
  return rc;
}

/* Document mode: one batch per FILE; the workers read the files. */
static int read_paths(pipeline *p, char *const *paths, int n_paths) {
  for (int i = 0; i < n_paths; i++) {
    batch *b = acquire(p);
    if (!b)
      break;
    b->path = paths[i];
    submit(p);
  }
  return EXIT_OK;
}

/* ---- workers ------------------------------------------------------------- */

typedef struct {
  pipeline *p;
  ws_doc *doc; /* reused for every document this worker analyses */
  pthread_t tid;
} worker;

/* Append the document's JSON to b->out, as main.c's emit() writes it.
 * Returns -1 (b->rc EXIT_IO) when out of memory. */
static int emit(ws_doc *doc, int flags, batch *b) {
  size_t n;
  const char *json = ws_doc_json_view(doc, flags, &n);
  if (buf_append(&b->out, json, n) != 0) {
    b->rc = EXIT_IO;
    return -1;
  }
  if (ws_doc_status(doc) != WS_OK)
    b->rc = worse(b->rc, EXIT_RECORDS);
  return 0;
}

static void run_lines(batch *b, ws_doc *doc, const jobs_opts *o) {
  const char *base = b->in.p ? b->in.p : ""; /* NULL when all lines empty */
  size_t start = 0;
  for (size_t i = 0; i < b->n_lines; i++) {
    ws_process_record(doc, base + start, b->ends[i] - start, o->fields,
                      b->first_line + (long)i, NULL);
    start = b->ends[i];
    if (emit(doc, o->json_flags, b) != 0)
      break; /* the serial loop stops here too */
  }
}

static void run_file(batch *b, ws_doc *doc, const jobs_opts *o) {
  FILE *in = stdin;
  if (strcmp(b->path, "-") != 0 && !(in = fopen(b->path, "rb"))) {
    b->open_errno = errno;
    b->rc = EXIT_IO;
    return;
  }
  char chunk[FILE_CHUNK];
  size_t k;
  while ((k = fread(chunk, 1, sizeof chunk, in)) > 0)
    ws_feed(doc, chunk, k);
  if (ferror(in)) {
    b->read_failed = 1;
    b->rc = EXIT_IO;
    ws_finish(doc, NULL, NULL); /* drop the chunks: the next file is new */
  } else {
    ws_finish(doc, b->path, NULL);
    emit(doc, o->json_flags, b);
  }
  if (in != stdin)
    fclose(in);
}

static void *worker_main(void *arg) {
  worker *w = arg;
  pipeline *p = w->p;
  pthread_mutex_lock(&p->mu);
  for (;;) {
    while (p->n_claimed == p->n_read && !p->eof && !p->stop)
      pthread_cond_wait(&p->work_cv, &p->mu);
    if (p->stop || p->n_claimed == p->n_read)
      break;
    batch *b = slot(p, p->n_claimed++);
    pthread_mutex_unlock(&p->mu);
    if (p->o->jsonl)
      run_lines(b, w->doc, p->o);
    else
      run_file(b, w->doc, p->o);
    pthread_mutex_lock(&p->mu);
    b->done = 1;
    pthread_cond_signal(&p->done_cv);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

/* ---- writer -------------------------------------------------------------- */

static int write_batch(const batch *b) {
  if (b->open_errno)
    fprintf(stderr, "whosaid: %s: %s\n", b->path, strerror(b->open_errno));
  else if (b->read_failed)
    fprintf(stderr, "whosaid: %s: read error\n", b->path);
  if (b->out.len && fwrite(b->out.p, 1, b->out.len, stdout) != b->out.len)
    return EXIT_IO;
  return b->rc;
}

/* Whether the writer has work (the next batch is done) or is finished. */
static int writer_wakes(pipeline *p) {
  if (p->n_written < p->n_read)
    return slot(p, p->n_written)->done;
  return p->eof;
}

static void *writer_main(void *arg) {
  pipeline *p = arg;
  int rc = EXIT_OK;
  pthread_mutex_lock(&p->mu);
  for (;;) {
    if (p->n_written < p->n_read && slot(p, p->n_written)->done) {
      batch *b = slot(p, p->n_written);
      pthread_mutex_unlock(&p->mu);
      rc = worse(rc, write_batch(b));
      buf_clear(&b->in, 4 * p->batch_bytes);
      buf_clear(&b->out, 4 * p->batch_bytes);
      b->n_lines = 0;
      b->path = NULL;
      b->rc = EXIT_OK;
      b->open_errno = b->read_failed = 0;
      pthread_mutex_lock(&p->mu);
      b->done = 0;
      p->n_written++;
      pthread_cond_signal(&p->free_cv);
      if (rc == EXIT_IO)
        break;
      continue;
    }
    if (p->eof && p->n_written == p->n_read)
      break;
    /* Nothing to write yet: send on what has been written, so that output
     * keeps pace with input that trickles in. */
    pthread_mutex_unlock(&p->mu);
    int flushed = fflush(stdout);
    pthread_mutex_lock(&p->mu);
    if (flushed != 0) {
      rc = EXIT_IO;
      break;
    }
    while (!writer_wakes(p))
      pthread_cond_wait(&p->done_cv, &p->mu);
  }
  if (rc == EXIT_IO) {
    p->stop = 1;
    pthread_cond_broadcast(&p->work_cv);
    pthread_cond_signal(&p->free_cv);
  }
  p->write_rc = rc;
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

/* ---- set-up and tear-down ------------------------------------------------ */

int jobs_default(void) {
  long n = 1;
#ifdef _SC_NPROCESSORS_ONLN
  n = sysconf(_SC_NPROCESSORS_ONLN);
#endif
  return n < 1 ? 1 : n > JOBS_MAX ? JOBS_MAX : (int)n;
}

static void teardown(pipeline *p, worker *w, int n_workers) {
  for (size_t i = 0; p->ring && i < p->n_ring; i++) {
    free(p->ring[i].in.p);
    free(p->ring[i].out.p);
    free(p->ring[i].ends);
  }
  free(p->ring);
  for (int i = 0; w && i < n_workers; i++)
    ws_doc_free(w[i].doc);
  free(w);
}

int jobs_run(const jobs_opts *o, char *const *paths, int n_paths) {
  pipeline p;
  memset(&p, 0, sizeof p);
  p.o = o;
  p.n_ring = 2 * (size_t)o->workers + 2;
  p.batch_bytes = INFLIGHT_BYTES / p.n_ring;
  if (p.batch_bytes > BATCH_BYTES)
    p.batch_bytes = BATCH_BYTES;
  if (p.batch_bytes < MIN_BATCH_BYTES)
    p.batch_bytes = MIN_BATCH_BYTES;

  int n = o->workers;
  p.ring = calloc(p.n_ring, sizeof *p.ring);
  worker *w = calloc((size_t)n, sizeof *w);
  int ok = p.ring && w;
  for (size_t i = 0; ok && o->jsonl && i < p.n_ring; i++)
    ok = (p.ring[i].ends = malloc(BATCH_LINES * sizeof(size_t))) != NULL;
  for (int i = 0; ok && i < n; i++) {
    w[i].p = &p;
    ok = (w[i].doc = ws_doc_new(o->ctx)) != NULL;
  }
  if (!ok) {
    teardown(&p, w, n);
    return -1;
  }
  pthread_mutex_init(&p.mu, NULL);
  pthread_cond_init(&p.work_cv, NULL);
  pthread_cond_init(&p.done_cv, NULL);
  pthread_cond_init(&p.free_cv, NULL);

  int started = 0;
  while (started < n &&
         pthread_create(&w[started].tid, NULL, worker_main, &w[started]) == 0)
    started++;
  pthread_t writer;
  int rc = -1;
  if (started > 0 && pthread_create(&writer, NULL, writer_main, &p) == 0) {
    rc = o->jsonl ? read_streams(&p, paths, n_paths)
                  : read_paths(&p, paths, n_paths);
    pthread_mutex_lock(&p.mu);
    p.eof = 1;
    pthread_cond_broadcast(&p.work_cv);
    pthread_cond_signal(&p.done_cv);
    pthread_mutex_unlock(&p.mu);
    pthread_join(writer, NULL);
    rc = worse(rc, p.write_rc);
  } else {
    /* Nothing read yet: the caller falls back to the serial loop. */
    pthread_mutex_lock(&p.mu);
    p.stop = 1;
    pthread_cond_broadcast(&p.work_cv);
    pthread_mutex_unlock(&p.mu);
  }
  for (int i = 0; i < started; i++)
    pthread_join(w[i].tid, NULL);

  pthread_cond_destroy(&p.free_cv);
  pthread_cond_destroy(&p.done_cv);
  pthread_cond_destroy(&p.work_cv);
  pthread_mutex_destroy(&p.mu);
  teardown(&p, w, n);
  return rc;
}
