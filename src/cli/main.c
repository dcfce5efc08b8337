/* main.c - the whosaid command: option parsing, input modes (files, stdin,
 * JSON Lines), the serial processing loop (-j 1) and documented exit codes.
 * workers.c runs the same work on several threads. Uses only the public
 * API. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "whosaid.h"
#include "workers.h"

typedef struct {
  int jsonl, per_quote, pretty, stats, check;
  int jobs; /* -j; 0: jobs_default() */
  ws_record_fields fields;
  ws_options opts;
  const char **extra;
  size_t n_extra;
} config;

static void usage(FILE *out, int full) {
  fputs("Usage: whosaid [OPTIONS] [FILE...]\n", out);
  if (!full) {
    fputs("Try 'whosaid --help' for more information.\n", out);
    return;
  }
  fputs(
      "Find the people, offices and places a news article names, every\n"
      "quotation in it, and who said each one. Writes JSON Lines.\n"
      "Each FILE is one document (id: its path); with no FILE, stdin is one\n"
      "document (id \"-\").\n"
      "\n"
      "Options:\n"
      "      --jsonl              input is JSON Lines: one object per line "
      "with\n"
      "                           a string text field and an optional id; one\n"
      "                           output line per input line, in order\n"
      "      --text-field NAME    JSONL field holding the text (default: "
      "text)\n"
      "      --id-field NAME      JSONL field holding the id (default: id)\n"
      "      --per-quote          one record per quotation (who said what)\n"
      "      --pretty             indented JSON for humans\n"
      "  -j, --jobs N             worker threads (default: the number of\n"
      "                           cores, at most 64); output order and bytes\n"
      "                           do not depend on N\n"
      "  -g, --gazetteers DIR     gazetteer directory\n"
      "      --gazetteer FILE     add a user gazetteer TSV (repeatable)\n"
      "      --max-doc-bytes N    refuse larger documents (default 67108864)\n"
      "      --gazetteer-stats    print gazetteer entry counts as JSON, exit\n"
      "      --check-gazetteers   validate the gazetteers, print ok, exit\n"
      "  -V, --version            print the version and exit\n"
      "  -h, --help               print this help and exit\n"
      "\n"
      "Exit status: 0 all records processed; 1 some records gave error\n"
      "records; 2 usage error; 3 input/output error; 4 gazetteer error.\n"
      "Environment: WHOSAID_GAZETTEERS names the gazetteer directory.\n",
      out);
}

static int usage_error(const char *msg, const char *arg) {
  fprintf(stderr, "whosaid: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
  usage(stderr, 0);
  return EXIT_USAGE;
}

static int json_flags(const config *cfg) {
  return (cfg->pretty ? WS_JSON_PRETTY : 0) |
         (cfg->per_quote ? WS_JSON_PER_QUOTE : 0);
}

static int emit(ws_doc *doc, const config *cfg) {
  size_t n;
  const char *out = ws_doc_json_view(doc, json_flags(cfg), &n);
  int rc = fwrite(out, 1, n, stdout) == n ? EXIT_OK : EXIT_IO;
  if (rc == EXIT_OK && ws_doc_status(doc) != WS_OK)
    rc = EXIT_RECORDS;
  return rc;
}

static int worse(int a, int b) { return a > b ? a : b; }

/* The lines of the JSON Lines stream fd, each processed and written in
 * turn. Why read(2) into one growing buffer: stdio reads 4 KB at a time,
 * and a system call per 4 KB was a visible share of the run. Output
 * waiting in stdout's buffer goes out before a read that would wait, so a
 * stream fed line by line is answered line by line. */
static int run_jsonl(int fd, const char *name, ws_doc *doc, const config *cfg) {
  enum { READ_MIN = 1 << 20 }; /* room asked of each read */
  char *buf = NULL;
  size_t cap = 0, start = 0, scanned = 0, end = 0;
  long no = 0;
  int rc = EXIT_OK, eof = 0;
  for (;;) {
    /* bytes [start, scanned) of the current line hold no newline */
    char *nl =
        end > scanned ? memchr(buf + scanned, '\n', end - scanned) : NULL;
    if (nl || (eof && end > start)) { /* a line; the last may lack '\n' */
      size_t len = nl ? (size_t)(nl - (buf + start)) : end - start;
      ws_process_record(doc, buf + start, len, &cfg->fields, ++no, NULL);
      start = scanned = start + len + (nl != NULL);
      rc = worse(rc, emit(doc, cfg));
      if (rc == EXIT_IO)
        break;
      continue;
    }
    if (eof)
      break;
    scanned = end;
    if (start > 0) { /* the partial line moves to the front */
      memmove(buf, buf + start, end - start);
      end -= start;
      scanned -= start;
      start = 0;
    }
    if (cap - end < READ_MIN) {
      cap = end + 2 * (size_t)READ_MIN;
      char *p = realloc(buf, cap);
      if (!p) {
        fprintf(stderr, "whosaid: out of memory\n");
        rc = EXIT_IO;
        break;
      }
      buf = p;
    }
    if (!input_ready(fd) && fflush(stdout) != 0) {
      rc = EXIT_IO;
      break;
    }
    ssize_t k = read_input(fd, buf + end, cap - end, name);
    if (k < 0) {
      rc = EXIT_IO;
      break;
    }
    if (k == 0)
      eof = 1;
    end += (size_t)k;
  }
  free(buf);
  return rc;
}

static int run_document(FILE *in, const char *id, ws_doc *doc,
                        const config *cfg) {
  char buf[65536];
  size_t k;
  while ((k = fread(buf, 1, sizeof buf, in)) > 0)
    ws_feed(doc, buf, k);
  if (ferror(in)) {
    fprintf(stderr, "whosaid: %s: read error\n", id);
    return EXIT_IO;
  }
  ws_finish(doc, id, NULL);
  return emit(doc, cfg);
}

static int run_input(const char *path, ws_doc *doc, const config *cfg) {
  const char *name = path ? path : "-";
  int named = path && strcmp(path, "-") != 0;
  if (cfg->jsonl) {
    int fd = named ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
    if (fd < 0) {
      fprintf(stderr, "whosaid: %s: %s\n", path, strerror(errno));
      return EXIT_IO;
    }
    int rc = run_jsonl(fd, name, doc, cfg);
    if (named)
      close(fd);
    return rc;
  }
  FILE *in = named ? fopen(path, "rb") : stdin;
  if (!in) {
    fprintf(stderr, "whosaid: %s: %s\n", path, strerror(errno));
    return EXIT_IO;
  }
  int rc = run_document(in, name, doc, cfg);
  if (in != stdin)
    fclose(in);
  return rc;
}

/* How many worker threads to run: -j (default: the cores) for JSONL
 * streams; for whole documents, no more than there are FILEs, and none
 * when stdin ("-") is named twice, since the serial order of reading it
 * decides which document gets its bytes. 1 means the serial loop. */
static int worker_count(const config *cfg, char **paths, int n_paths) {
  int jobs = cfg->jobs ? cfg->jobs : jobs_default();
  if (cfg->jsonl)
    return jobs;
  int n_stdin = 0;
  for (int i = 0; i < n_paths; i++)
    n_stdin += strcmp(paths[i], "-") == 0;
  return n_stdin > 1 ? 1 : jobs < n_paths ? jobs : n_paths;
}

enum {
  OPT_JSONL = 256,
  OPT_TEXT_FIELD,
  OPT_ID_FIELD,
  OPT_PER_QUOTE,
  OPT_PRETTY,
  OPT_GAZ_FILE,
  OPT_MAX_DOC,
  OPT_STATS,
  OPT_CHECK
};

/* -j N: a positive decimal integer; more than JOBS_MAX means JOBS_MAX. */
static int parse_jobs(const char *arg) {
  if (*arg < '0' || *arg > '9')
    return -1;
  char *end;
  errno = 0;
  long v = strtol(arg, &end, 10);
  if (*end || v < 1)
    return -1;
  return errno == ERANGE || v > JOBS_MAX ? JOBS_MAX : (int)v;
}

static int parse(int argc, char **argv, config *cfg, int *done) {
  static const struct option longopts[] = {
      {"jsonl", no_argument, NULL, OPT_JSONL},
      {"text-field", required_argument, NULL, OPT_TEXT_FIELD},
      {"id-field", required_argument, NULL, OPT_ID_FIELD},
      {"per-quote", no_argument, NULL, OPT_PER_QUOTE},
      {"pretty", no_argument, NULL, OPT_PRETTY},
      {"jobs", required_argument, NULL, 'j'},
      {"gazetteers", required_argument, NULL, 'g'},
      {"gazetteer", required_argument, NULL, OPT_GAZ_FILE},
      {"max-doc-bytes", required_argument, NULL, OPT_MAX_DOC},
      {"gazetteer-stats", no_argument, NULL, OPT_STATS},
      {"check-gazetteers", no_argument, NULL, OPT_CHECK},
      {"version", no_argument, NULL, 'V'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, ":g:j:Vh", longopts, NULL)) != -1) {
    switch (c) {
    case OPT_JSONL:
      cfg->jsonl = 1;
      break;
    case OPT_TEXT_FIELD:
      cfg->fields.text_field = optarg;
      break;
    case OPT_ID_FIELD:
      cfg->fields.id_field = optarg;
      break;
    case OPT_PER_QUOTE:
      cfg->per_quote = 1;
      break;
    case OPT_PRETTY:
      cfg->pretty = 1;
      break;
    case 'g':
      cfg->opts.gazetteer_dir = optarg;
      break;
    case 'j':
      if ((cfg->jobs = parse_jobs(optarg)) < 0)
        return usage_error("invalid --jobs", optarg);
      break;
    case OPT_GAZ_FILE:
      cfg->extra = realloc(cfg->extra, (cfg->n_extra + 1) * sizeof *cfg->extra);
      if (!cfg->extra)
        abort();
      cfg->extra[cfg->n_extra++] = optarg;
      break;
    case OPT_MAX_DOC: {
      char *end;
      errno = 0;
      unsigned long long v = strtoull(optarg, &end, 10);
      if (errno || *end || !*optarg || optarg[0] == '-' || v == 0)
        return usage_error("invalid --max-doc-bytes", optarg);
      cfg->opts.max_doc_bytes = (size_t)v;
      break;
    }
    case OPT_STATS:
      cfg->stats = 1;
      break;
    case OPT_CHECK:
      cfg->check = 1;
      break;
    case 'V':
      printf("whosaid %s\n", ws_version_string());
      *done = 1;
      return EXIT_OK;
    case 'h':
      usage(stdout, 1);
      *done = 1;
      return EXIT_OK;
    case ':':
      return usage_error("option needs an argument", argv[optind - 1]);
    default:
      return usage_error("unknown option", argv[optind - 1]);
    }
  }
  return EXIT_OK;
}

int main(int argc, char **argv) {
  /* output in large writes, unless a person is watching it (glibc takes
   * the size only with a buffer given) */
  static char out_buf[1 << 20];
  if (!isatty(STDOUT_FILENO))
    setvbuf(stdout, out_buf, _IOFBF, sizeof out_buf);
  config cfg;
  memset(&cfg, 0, sizeof cfg);
  cfg.opts = ws_options_default();
  cfg.fields = (ws_record_fields)WS_RECORD_FIELDS_INIT;
  int done = 0, rc = parse(argc, argv, &cfg, &done);
  if (rc != EXIT_OK || done) {
    free(cfg.extra);
    return rc;
  }
  cfg.opts.extra_gazetteers = cfg.extra;
  cfg.opts.n_extra_gazetteers = cfg.n_extra;
  ws_ctx *ctx;
  ws_error err;
  ws_status st = ws_ctx_new(&cfg.opts, &ctx, &err);
  free(cfg.extra);
  if (st != WS_OK) {
    fprintf(stderr, "whosaid: %s: %s\n", ws_status_str(st), err.message);
    return EXIT_GAZETTEER;
  }
  if (cfg.stats || cfg.check) {
    char *s = cfg.stats ? ws_ctx_stats_json(ctx) : NULL;
    puts(s ? s : "ok");
    ws_free(s);
    ws_ctx_free(ctx);
    return EXIT_OK;
  }
  rc = -1;
  int workers = worker_count(&cfg, argv + optind, argc - optind);
  if (workers > 1) {
    jobs_opts jo = {ctx, &cfg.fields, json_flags(&cfg), cfg.jsonl, workers};
    rc = jobs_run(&jo, argv + optind, argc - optind);
  }
  if (rc < 0) { /* -j 1, or no threads to be had */
    ws_doc *doc = ws_doc_new(ctx);
    rc = EXIT_OK;
    if (optind >= argc) {
      rc = run_input(NULL, doc, &cfg);
    } else {
      for (int i = optind; i < argc && rc != EXIT_IO; i++)
        rc = worse(rc, run_input(argv[i], doc, &cfg));
    }
    ws_doc_free(doc);
  }
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "whosaid: write error\n");
    rc = EXIT_IO;
  }
  ws_ctx_free(ctx);
  return rc;
}
