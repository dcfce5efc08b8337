/* whosaid.h - the public API of libwhosaid: who said what in news text.
 *
 * This is the only public header. Every exported name starts with ws_ or WS_.
 */
#ifndef WHOSAID_H
#define WHOSAID_H

#include <stddef.h>
#include <stdint.h>

#include "whosaid_version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(WS_BUILDING_LIBRARY) && defined(__GNUC__)
#define WS_EXPORT __attribute__((visibility("default")))
#else
#define WS_EXPORT
#endif

/** ## Ownership
 *
 * One rule holds throughout: a ws_doc owns every span, string and record it
 * hands out until the next ws_process() on that document or ws_doc_free().
 * A ws_ctx owns the loaded gazetteers; it is immutable once created and may be
 * shared by any number of threads, each with its own ws_doc. Strings returned
 * by functions named *_json are heap memory the caller frees with ws_free().
 */

/** ## Version
 * WS_VERSION_* (whosaid_version.h) give the headers' version, these the
 * library's. */
WS_EXPORT const char *ws_version_string(void);
/** Version as MAJOR * 10000 + MINOR * 100 + PATCH. */
WS_EXPORT int ws_version(void);

/** ## Status codes
 *
 * WS_OK is 0, every error is negative. ws_status_str() gives a static,
 * human-readable message for each.
 */
typedef enum {
  WS_OK = 0,
  WS_ERR_NOMEM = -1,     /* allocation failed */
  WS_ERR_IO = -2,        /* a file could not be opened or read */
  WS_ERR_GAZETTEER = -3, /* a gazetteer file is malformed */
  WS_ERR_ARG = -4,       /* an argument is invalid (NULL, unknown field) */
  WS_ERR_TOO_LARGE = -5, /* document exceeds ws_options.max_doc_bytes */
  WS_ERR_JSON = -6,      /* a JSONL record is not valid JSON */
  WS_ERR_RECORD = -7,    /* a JSONL record lacks a string text field */
  WS_ERR_PATTERN = -8,   /* a built-in pattern failed to compile */
  WS_ERR_EMPTY = -9      /* a JSONL line is empty */
} ws_status;

WS_EXPORT const char *ws_status_str(ws_status status);

/** Error details, filled by functions that take a ws_error * (may be NULL).
 * `file`/`line` name a gazetteer row or input line where known (line 0:
 * unknown); `offset` is a byte offset into the input where relevant. */
typedef struct {
  ws_status status;
  char message[256];
  char file[256];
  long line;
  size_t offset;
} ws_error;

/** ## Context: loaded gazetteers and compiled patterns */
typedef struct ws_ctx ws_ctx;

/** Options of a context. The struct can grow in later versions without
 * breaking programs built against this one: `size` tells the library how
 * much of it the caller knows. Always start from ws_options_init() (or
 * ws_options_default()), then set the fields you need. */
typedef struct {
  /** sizeof(ws_options) as the caller compiled it (set by ws_options_init). */
  size_t size;
  /** Directory holding people.tsv, places.tsv, offices.tsv, ... and the
   * language profiles (en/, de/, ...). NULL: the installed data dir
   * (ws_default_gazetteer_dir()). The library reads no environment
   * variable; the CLI maps WHOSAID_GAZETTEERS onto this field. */
  const char *gazetteer_dir;
  /** Extra user gazetteer files in the documented format (see
   * gazetteers/README.md); the entity type comes from the file's header. */
  const char *const *extra_gazetteers;
  size_t n_extra_gazetteers;
  /** Documents larger than this are refused with WS_ERR_TOO_LARGE. */
  size_t max_doc_bytes;
  /** Prebuilt tables of the gazetteers (gazetteers.snap), used when they
   * were built from the same files by the same library code. NULL: the
   * installed snapshot; "": none (the TSV files are parsed). */
  const char *snapshot;
  /** Language of the documents: a code of a profile under gazetteer_dir
   * ("en", "de"), or "auto" (or NULL) to detect it per document, falling
   * back to English on short or unknown text. ws_doc_set_lang() overrides
   * it per document. */
  const char *lang;
} ws_options;

/** Defaults: installed gazetteers and snapshot, no extras, max_doc_bytes
 * 64 MiB, lang "auto". `size` is the size of *o the caller passes. */
WS_EXPORT void ws_options_init_size(ws_options *o, size_t size);
#define ws_options_init(o) ws_options_init_size((o), sizeof *(o))

/** The defaults as a value (ws_options_init() on a local copy). */
static inline ws_options ws_options_default(void) {
  ws_options o;
  ws_options_init(&o);
  return o;
}

/** Load gazetteers and compile patterns into a new context.
 * @return WS_OK, WS_ERR_ARG, WS_ERR_IO, WS_ERR_GAZETTEER, WS_ERR_PATTERN;
 *         on error *out is NULL and err (if given) says where.
 * The caller frees the context with ws_ctx_free(). */
WS_EXPORT ws_status ws_ctx_new(const ws_options *opts, ws_ctx **out,
                               ws_error *err);
WS_EXPORT void ws_ctx_free(ws_ctx *ctx);

/** Counts of loaded gazetteer entries as a JSON object
 * ({"person": N, "office": N, "place": N, ...}); free with ws_free(). */
WS_EXPORT char *ws_ctx_stats_json(const ws_ctx *ctx);

/** The default gazetteer directory this build looks in. */
WS_EXPORT const char *ws_default_gazetteer_dir(void);

/** ## Documents */
typedef struct ws_doc ws_doc;

/** A new empty document bound to ctx (which must outlive it). Reuse one
 * ws_doc for many ws_process() calls: its memory is recycled. */
WS_EXPORT ws_doc *ws_doc_new(const ws_ctx *ctx);
WS_EXPORT void ws_doc_free(ws_doc *doc);

/** Analyse `len` bytes of text (need not be NUL-terminated, may hold NULs
 * and invalid UTF-8; it is copied). `id` (may be NULL) is kept for output.
 * @return WS_OK or WS_ERR_TOO_LARGE, WS_ERR_ARG. */
WS_EXPORT ws_status ws_process(ws_doc *doc, const char *id, const char *text,
                               size_t len, ws_error *err);

/** Streaming input: append a chunk, then ws_finish() analyses all chunks
 * fed since the last ws_finish()/ws_process() as one document. */
WS_EXPORT ws_status ws_feed(ws_doc *doc, const char *chunk, size_t len);
WS_EXPORT ws_status ws_finish(ws_doc *doc, const char *id, ws_error *err);

/** Field names for JSONL records. Like ws_options it can grow: start from
 * WS_RECORD_FIELDS_INIT. NULL names mean "text" / "id" / no language field. */
typedef struct {
  size_t size; /* sizeof(ws_record_fields) as the caller compiled it */
  const char *text_field;
  const char *id_field;
  /** A string field holding the record's language code ("de"); a record
   * without it, or with "auto" or an unknown code, uses the context's
   * language setting. */
  const char *lang_field;
} ws_record_fields;
#define WS_RECORD_FIELDS_INIT {sizeof(ws_record_fields), NULL, NULL, NULL}

/** Parse one JSONL record (one line, without its newline) and analyse its
 * text field. On failure the document holds an error record, so that
 * ws_doc_json() still yields exactly one output line for the input line.
 * `line_no` is reported in error records.
 * @return WS_OK, WS_ERR_JSON, WS_ERR_RECORD, WS_ERR_EMPTY, WS_ERR_TOO_LARGE */
WS_EXPORT ws_status ws_process_record(ws_doc *doc, const char *line,
                                      size_t len, const ws_record_fields *f,
                                      long line_no, ws_error *err);

/** ## Results */
typedef struct {
  size_t start, end;       /* UTF-8 byte offsets into the input, end exclusive */
  size_t cp_start, cp_end; /* the same span in codepoints */
} ws_span;

typedef enum { WS_PERSON = 0, WS_OFFICE = 1, WS_PLACE = 2 } ws_entity_type;

WS_EXPORT const char *ws_entity_type_str(ws_entity_type type);

typedef struct {
  ws_entity_type type;
  ws_span span;
  const char *text;      /* the mention as written (NUL-terminated copy) */
  const char *canonical; /* canonical name */
  const char *office;    /* person: office the text gives, or NULL */
  const char *kind;      /* place: country, region, city, ...; or NULL */
  const char *country;   /* place: ISO 3166-1 alpha-2, or NULL */
  unsigned long population; /* city: population where known, else 0 */
} ws_entity;

typedef enum {
  WS_QUOTE_DIRECT = 0,  /* a whole statement inside the marks */
  WS_QUOTE_PARTIAL = 1, /* a fragment inside paraphrase */
} ws_quote_kind;

typedef enum {
  WS_SPEAKER_NAME = 0,    /* a proper name: "Trump said" */
  WS_SPEAKER_PRONOUN = 1, /* "he said", resolved to a person */
  WS_SPEAKER_NOMINAL = 2, /* "a spokesman said" */
  WS_SPEAKER_TITLE = 3    /* "the minister said" */
} ws_speaker_kind;

WS_EXPORT const char *ws_quote_kind_str(ws_quote_kind kind);
WS_EXPORT const char *ws_speaker_kind_str(ws_speaker_kind kind);

typedef struct {
  ws_span span;          /* the words the cue attaches to ("he") */
  const char *mention;   /* those words as written */
  const char *name;      /* the resolved speaker ("Donald Trump") */
  const char *office;    /* the speaker's office, or NULL */
  ws_speaker_kind kind;
} ws_speaker;

typedef struct {
  ws_span span;         /* the quoted words, without the marks */
  const char *text;     /* those words */
  ws_quote_kind kind;
  int has_cue;
  ws_span cue_span;     /* the cue word(s), if has_cue */
  const char *cue;      /* the cue as written, or NULL */
  int has_speaker;
  ws_speaker speaker;   /* valid if has_speaker */
  double confidence;    /* in [0, 1]: how sure the attribution is */
} ws_quote;

WS_EXPORT size_t ws_doc_entity_count(const ws_doc *doc);
WS_EXPORT const ws_entity *ws_doc_entity(const ws_doc *doc, size_t i);
WS_EXPORT size_t ws_doc_quote_count(const ws_doc *doc);
WS_EXPORT const ws_quote *ws_doc_quote(const ws_doc *doc, size_t i);
/** The status of the last ws_process()/ws_process_record() on doc. */
WS_EXPORT ws_status ws_doc_status(const ws_doc *doc);

/** ## JSON output */
enum {
  WS_JSON_PRETTY = 1 << 0,   /* indented, multi-line */
  WS_JSON_PER_QUOTE = 1 << 1 /* one record per quotation, one per line */
};

/** The document's result (or error record) as JSON: one line (or one line
 * per quotation with WS_JSON_PER_QUOTE, possibly none), each ending in
 * "\n". The caller frees the string with ws_free(). NULL only on OOM. */
WS_EXPORT char *ws_doc_json(const ws_doc *doc, int flags);
/** The same text as ws_doc_json(), in a buffer that doc owns and reuses, so
 * a stream of documents allocates nothing per record. *len (if len is not
 * NULL) gets its length in bytes. The text stays valid until the next call
 * that takes doc (ws_process*, ws_doc_json_view, ws_doc_free). NULL only
 * when doc is NULL. */
WS_EXPORT const char *ws_doc_json_view(ws_doc *doc, int flags, size_t *len);

/** Free memory returned by this library. */
WS_EXPORT void ws_free(void *p);

#ifdef __cplusplus
}
#endif
#endif
