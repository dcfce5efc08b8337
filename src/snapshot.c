/* snapshot.c - saves the tables built from the gazetteers (word table,
 * lexicon flags, phrase tries, entries) to one binary file and loads them
 * back, so start-up reads a few arrays instead of parsing the TSV files.
 *
 * Why it is safe to trust: the header holds the code id (a hash of the
 * library's sources, so tables built by other code are refused) and a hash
 * of the content of every gazetteer file, so an edited gazetteer is parsed
 * again. The build writes the snapshot beside the library (meson.build);
 * a snapshot that does not match is ignored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "ws_code_id.h"

static const char MAGIC[8] = "WSSNAP1";
enum { ENDIAN_MARK = 0x01020304u };

typedef struct {
  char magic[8];
  uint64_t code_id, data_fp;
  uint32_t endian, sizes; /* the sizes of the records written below */
} snap_header;

/* A gaz_entry with its strings as offsets into one blob (0 = NULL). */
typedef struct {
  uint32_t canonical, office, kind, country;
  uint32_t population, next;
  uint8_t type, gender, place_rank, pad;
} snap_entry;

static uint32_t record_sizes(void) {
  return (uint32_t)(sizeof(snap_entry) << 24 | sizeof(trie_slot) << 16 |
                    sizeof(strtab_span) << 8 | sizeof(snap_header));
}

/* ---- writing ----------------------------------------------------------- */

static bool put(FILE *f, const void *p, size_t n) {
  return n == 0 || fwrite(p, 1, n, f) == n;
}

static bool put_u64(FILE *f, uint64_t v) { return put(f, &v, sizeof v); }

static bool put_trie(FILE *f, const trie *t) {
  return put_u64(f, t->mask) && put_u64(f, t->n_edges) &&
         put_u64(f, t->n_nodes) &&
         put(f, t->slots, ((size_t)t->mask + 1) * sizeof *t->slots) &&
         put(f, t->first_entry, t->n_nodes * sizeof *t->first_entry) &&
         put(f, t->has_child, t->n_nodes * sizeof *t->has_child);
}

/* Appends s (with its NUL) to the blob; returns its offset + 1, or 0. */
static uint32_t blob_add(rec_buf *b, const char *s) {
  if (!s)
    return 0;
  size_t n = strlen(s) + 1, off = b->n;
  VEC_RESERVE(*b, b->n + n);
  memcpy(b->v + off, s, n);
  b->n += n;
  return (uint32_t)off + 1;
}

static bool put_entries(FILE *f, const ws_ctx *c) {
  rec_buf blob = {0};
  VEC(snap_entry) rec = {0};
  VEC_RESERVE(rec, c->entries.n);
  for (size_t i = 0; i < c->entries.n; i++) {
    const gaz_entry *e = &c->entries.v[i];
    snap_entry *r = &rec.v[rec.n++];
    memset(r, 0, sizeof *r);
    r->canonical = blob_add(&blob, e->canonical);
    r->office = blob_add(&blob, e->office);
    r->kind = blob_add(&blob, e->kind);
    r->country = blob_add(&blob, e->country);
    r->population = e->population;
    r->next = e->next;
    r->type = e->type;
    r->gender = e->gender;
    r->place_rank = e->place_rank;
  }
  bool ok = put_u64(f, c->entries.n) && put(f, rec.v, rec.n * sizeof *rec.v) &&
            put_u64(f, blob.n) && put(f, blob.v, blob.n);
  free(rec.v);
  free(blob.v);
  return ok;
}

bool snap_save(const ws_ctx *c, uint64_t data_fp, const char *path) {
  char tmp[4200];
  if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
    return false;
  FILE *f = fopen(tmp, "wb");
  if (!f)
    return false;
  snap_header h;
  memset(&h, 0, sizeof h);
  memcpy(h.magic, MAGIC, sizeof h.magic);
  h.code_id = WS_CODE_ID;
  h.data_fp = data_fp;
  h.endian = ENDIAN_MARK;
  h.sizes = record_sizes();
  const strtab *w = &c->words;
  bool ok = put(f, &h, sizeof h) && put_u64(f, w->n) && put_u64(f, w->mask) &&
            put_u64(f, w->pool_len) && put(f, w->pool, w->pool_len) &&
            put(f, w->span, w->n * sizeof *w->span) &&
            put(f, w->slots, ((size_t)w->mask + 1) * sizeof *w->slots) &&
            put_u64(f, c->lex.n) &&
            put(f, c->lex.v, c->lex.n * sizeof *c->lex.v) &&
            put_trie(f, &c->names) && put_trie(f, &c->cue_phrases) &&
            put_entries(f, c) && put(f, c->counts, sizeof c->counts);
  ok = fclose(f) == 0 && ok;
  if (ok && rename(tmp, path) == 0)
    return true;
  remove(tmp);
  return false;
}

/* ---- reading ----------------------------------------------------------- */

typedef struct {
  FILE *f;
  bool ok;
} reader;

/* Reads n bytes into p; false (and r->ok = false) on failure. */
static bool take_into(reader *r, void *p, size_t n) {
  if (r->ok && n && fread(p, 1, n, r->f) != n)
    r->ok = false;
  return r->ok;
}

/* Reads n bytes into a new block of n + extra bytes (NULL on failure, and
 * r->ok = false). */
static void *take_more(reader *r, size_t n, size_t extra) {
  if (!r->ok)
    return NULL;
  void *p = ws_xmalloc(n + extra);
  if (!take_into(r, p, n)) {
    free(p);
    return NULL;
  }
  return p;
}

static void *take(reader *r, size_t n) { return take_more(r, n, 0); }

static uint64_t take_u64(reader *r, uint64_t max) {
  uint64_t v = 0;
  if (r->ok && (fread(&v, sizeof v, 1, r->f) != 1 || v > max))
    r->ok = false;
  return r->ok ? v : 0;
}

static void take_trie(reader *r, trie *t) {
  trie_free(t);
  uint64_t mask = take_u64(r, (1u << 28) - 1); /* sanity bound */
  t->mask = (uint32_t)mask;
  t->n_edges = (uint32_t)take_u64(r, mask);
  t->n_nodes = t->cap_nodes = (uint32_t)take_u64(r, UINT32_MAX - 1);
  if (r->ok && ((mask + 1) & mask))
    r->ok = false; /* not a power of two */
  if (r->ok) {     /* on huge pages, like the tables trie.c grows */
    size_t bytes = ((size_t)mask + 1) * sizeof *t->slots;
    t->slots = ws_big_calloc(bytes);
    take_into(r, t->slots, bytes);
  }
  t->first_entry = take(r, (size_t)t->n_nodes * sizeof *t->first_entry);
  t->has_child = take(r, (size_t)t->n_nodes * sizeof *t->has_child);
}

static void take_entries(reader *r, ws_ctx *c) {
  size_t n = take_u64(r, UINT32_MAX - 1);
  snap_entry *rec = take(r, n * sizeof *rec);
  size_t blob_n = take_u64(r, UINT32_MAX - 1);
  char *blob = take_more(r, blob_n, 1);
  if (!r->ok) {
    free(rec);
    free(blob);
    return;
  }
  blob[blob_n] = '\0'; /* every string ends inside the blob */
  VEC_RESERVE(c->entries, n);
  for (size_t i = 0; i < n; i++) {
    const snap_entry *s = &rec[i];
    if (s->canonical > blob_n || s->office > blob_n || s->kind > blob_n ||
        s->country > blob_n) {
      r->ok = false;
      break;
    }
    gaz_entry *e = &c->entries.v[i];
    e->canonical = s->canonical ? blob + s->canonical - 1 : NULL;
    e->office = s->office ? blob + s->office - 1 : NULL;
    e->kind = s->kind ? blob + s->kind - 1 : NULL;
    e->country = s->country ? blob + s->country - 1 : NULL;
    e->population = s->population;
    e->next = s->next;
    e->type = s->type;
    e->gender = s->gender;
    e->place_rank = s->place_rank;
  }
  c->entries.n = r->ok ? n : 0;
  c->snap_strings = blob;
  free(rec);
}

bool snap_load(ws_ctx *c, const char *path, const char *dir) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return false;
  reader r = {f, true};
  snap_header h;
  uint64_t data_fp; /* read the gazetteers only for a snapshot of this code */
  if (fread(&h, sizeof h, 1, f) != 1 || memcmp(h.magic, MAGIC, 8) != 0 ||
      h.code_id != WS_CODE_ID || h.endian != ENDIAN_MARK ||
      h.sizes != record_sizes() || !gaz_fingerprint(dir, &data_fp) ||
      h.data_fp != data_fp) {
    fclose(f);
    return false;
  }
  strtab *w = &c->words;
  strtab_free(w);
  w->n = w->cap = (uint32_t)take_u64(&r, UINT32_MAX - 1);
  w->mask = (uint32_t)take_u64(&r, UINT32_MAX - 1);
  w->pool_len = w->pool_cap = take_u64(&r, UINT32_MAX - 1);
  if (r.ok && (((uint64_t)w->mask + 1) & w->mask))
    r.ok = false;
  w->pool = take(&r, w->pool_len);
  w->span = take(&r, (size_t)w->n * sizeof *w->span);
  w->slots = take(&r, ((size_t)w->mask + 1) * sizeof *w->slots);
  c->lex.n = c->lex.cap = take_u64(&r, UINT32_MAX - 1);
  c->lex.v = take(&r, c->lex.n * sizeof *c->lex.v);
  take_trie(&r, &c->names);
  take_trie(&r, &c->cue_phrases);
  take_entries(&r, c);
  if (r.ok && fread(c->counts, sizeof c->counts, 1, f) != 1)
    r.ok = false;
  if (r.ok && fgetc(f) != EOF)
    r.ok = false; /* trailing bytes: not a file this code wrote */
  fclose(f);
  return r.ok;
}
