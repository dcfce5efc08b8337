/* snapshot.c - saves the tables built from the gazetteers (word table,
 * lexicon flags, phrase tries, entries, word records) to one binary file
 * and maps it back, so start-up neither parses the TSV files nor copies or
 * rebuilds the tables: they are used where the file is mapped. Why not on
 * huge pages like tables built in memory (alloc.h): each document's word
 * cache answers most lookups, and copying the two random-access tables
 * (word records, phrase trie) to huge pages cost 8 ms of start-up and
 * gained nothing measurable on the 23 MB bench.
 *
 * Why it is safe to trust: the header holds the code id (a hash of the
 * library's sources, so tables built by other code are refused) and a hash
 * of the content of every gazetteer file, so an edited gazetteer is parsed
 * again. The content is hashed only when a file's size or modification
 * time (to the nanosecond) differs from when the snapshot was written:
 * reading 4 MB of TSV took a third of start-up. The build writes the snapshot
 * beside the library (meson.build); a snapshot that does not match is ignored.
 */
#define _DEFAULT_SOURCE /* MAP_* */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__unix__)
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#define SNAP_MMAP 1
#endif

#include "internal.h"
#include "ws_code_id.h"

static const char MAGIC[8] = "WSSNAP2";
enum { ENDIAN_MARK = 0x01020304u, ALIGN = 64 };

typedef struct {
  char magic[8];
  uint64_t code_id, data_fp;
  uint32_t endian, sizes; /* the sizes of the records written below */
  uint32_t sizes2, pad;
  uint64_t stamp; /* gaz_stamp when written */
} snap_header;

static void record_sizes(uint32_t *a, uint32_t *b) {
  *a = (uint32_t)(sizeof(gaz_entry) << 24 | sizeof(trie_slot) << 16 |
                  sizeof(strtab_span) << 8 | sizeof(snap_header));
  *b = (uint32_t)(sizeof(wc_short) << 16 | sizeof(wc_value) << 8 |
                  sizeof(size_t));
}

/* ---- writing ----------------------------------------------------------- */

typedef struct {
  FILE *f;
  size_t pos;
  bool ok;
} writer;

static void put(writer *w, const void *p, size_t n) {
  if (w->ok && n && fwrite(p, 1, n, w->f) != n)
    w->ok = false;
  w->pos += n;
}

static void put_u64(writer *w, uint64_t v) { put(w, &v, sizeof v); }

/* An array: its byte count, then its bytes from the next ALIGN boundary of
 * the file, so that a mapped file gives aligned arrays. */
static void put_array(writer *w, const void *p, size_t n) {
  static const char zero[ALIGN];
  put_u64(w, n);
  put(w, zero, (ALIGN - w->pos % ALIGN) % ALIGN);
  put(w, p, n);
}

static void put_trie(writer *w, const trie *t) {
  put_u64(w, t->mask);
  put_u64(w, t->n_edges);
  put_u64(w, t->n_nodes);
  put_array(w, t->slots, ((size_t)t->mask + 1) * sizeof *t->slots);
  put_array(w, t->first_entry, t->n_nodes * sizeof *t->first_entry);
  put_array(w, t->has_child, t->n_nodes * sizeof *t->has_child);
}

static void put_entries(writer *w, const ws_ctx *c) {
  put_u64(w, c->entries.n);
  put_array(w, c->entries.v, c->entries.n * sizeof *c->entries.v);
  put_u64(w, c->gaz_text.n);
  put_array(w, c->gaz_text.v, c->gaz_text.n);
}

bool snap_save(const ws_ctx *c, uint64_t data_fp, uint64_t stamp,
               const char *path) {
  char tmp[4200];
  if (!c->wordrec ||
      snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
    return false;
  FILE *f = fopen(tmp, "wb");
  if (!f)
    return false;
  writer w = {f, 0, true};
  snap_header h;
  memset(&h, 0, sizeof h);
  memcpy(h.magic, MAGIC, sizeof h.magic);
  h.code_id = WS_CODE_ID;
  h.data_fp = data_fp;
  h.stamp = stamp;
  h.endian = ENDIAN_MARK;
  record_sizes(&h.sizes, &h.sizes2);
  put(&w, &h, sizeof h);
  const strtab *t = &c->words;
  put_u64(&w, t->n);
  put_u64(&w, t->mask);
  put_u64(&w, t->pool_len);
  put_array(&w, t->pool, t->pool_len);
  put_array(&w, t->span, t->n * sizeof *t->span);
  put_array(&w, t->slots, ((size_t)t->mask + 1) * sizeof *t->slots);
  put_u64(&w, c->lex.n);
  put_array(&w, c->lex.v, c->lex.n * sizeof *c->lex.v);
  put_trie(&w, &c->names);
  put_trie(&w, &c->cue_phrases);
  put_entries(&w, c);
  put_array(&w, c->counts, sizeof c->counts);
  put_u64(&w, c->wordrec_mask);
  put_array(&w, c->wordrec, ((size_t)c->wordrec_mask + 1) * sizeof *c->wordrec);
  put_array(&w, c->byte_rec, sizeof c->byte_rec);
  bool ok = fclose(f) == 0 && w.ok;
  if (ok && rename(tmp, path) == 0)
    return true;
  remove(tmp);
  return false;
}

/* ---- reading ----------------------------------------------------------- */

/* The file's bytes, mapped (or read where mmap is missing), and a cursor. */
typedef struct {
  const char *base;
  size_t len, pos;
  bool ok;
} reader;

static uint64_t take_u64(reader *r, uint64_t max) {
  uint64_t v = 0;
  if (r->ok && r->len - r->pos >= sizeof v)
    memcpy(&v, r->base + r->pos, sizeof v);
  else
    r->ok = false;
  r->pos += r->ok ? sizeof v : 0;
  if (v > max)
    r->ok = false;
  return r->ok ? v : 0;
}

/* The array of n bytes at the cursor, in place (NULL on failure, and
 * r->ok = false). */
static const void *take_array(reader *r, size_t n) {
  if (take_u64(r, SIZE_MAX) != n)
    r->ok = false;
  size_t at = r->pos + (ALIGN - r->pos % ALIGN) % ALIGN;
  if (!r->ok || at > r->len || r->len - at < n) {
    r->ok = false;
    return NULL;
  }
  r->pos = at + n;
  return r->base + at;
}

static bool pow2_mask(uint64_t mask) { return ((mask + 1) & mask) == 0; }

static void take_trie(reader *r, trie *t) {
  uint64_t mask = take_u64(r, (1u << 28) - 1); /* sanity bound */
  t->mask = (uint32_t)mask;
  t->n_edges = (uint32_t)take_u64(r, mask);
  t->n_nodes = t->cap_nodes = (uint32_t)take_u64(r, UINT32_MAX - 1);
  if (!pow2_mask(mask))
    r->ok = false;
  t->slots = (trie_slot *)take_array(r, ((size_t)mask + 1) * sizeof *t->slots);
  t->first_entry = (uint32_t *)take_array(r, t->n_nodes * sizeof(uint32_t));
  t->has_child = (uint8_t *)take_array(r, t->n_nodes);
}

/* The entries and their strings, in place. Their string offsets are
 * checked where they are read (gaz_str). */
static void take_entries(reader *r, ws_ctx *c) {
  size_t n = take_u64(r, UINT32_MAX - 1);
  gaz_entry *e = (gaz_entry *)take_array(r, n * sizeof *e);
  size_t text_n = take_u64(r, UINT32_MAX - 1);
  char *text = (char *)take_array(r, text_n);
  if (!r->ok || (text_n && text[text_n - 1] != '\0')) {
    r->ok = false; /* every string must end inside the blob */
    return;
  }
  c->entries.v = e;
  c->entries.n = c->entries.cap = n;
  c->gaz_text.v = text;
  c->gaz_text.n = c->gaz_text.cap = text_n;
}

/* The whole file: mapped read-only, else read into memory. */
static bool image_open(const char *path, ws_ctx *c) {
#ifdef SNAP_MMAP
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return false;
  struct stat st;
  void *p = MAP_FAILED;
  if (fstat(fd, &st) == 0 && st.st_size > 0 && (uint64_t)st.st_size <= SIZE_MAX)
    p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED)
    return false;
  c->snap_image = p;
  c->snap_len = (size_t)st.st_size;
  c->snap_mapped = true;
  return true;
#else
  FILE *f = fopen(path, "rb");
  if (!f)
    return false;
  VEC(char) b = {0};
  size_t got;
  do {
    VEC_RESERVE(b, b.n + 65536);
    got = fread(b.v + b.n, 1, b.cap - b.n, f);
    b.n += got;
  } while (got);
  fclose(f);
  c->snap_image = b.v;
  c->snap_len = b.n;
  return true;
#endif
}

/* The tables in the image are dropped here, not freed one by one. */
void snap_release(ws_ctx *c) {
  if (!c->snap_image)
    return;
  memset(&c->words, 0, sizeof c->words);
  memset(&c->names, 0, sizeof c->names);
  memset(&c->cue_phrases, 0, sizeof c->cue_phrases);
  memset(&c->entries, 0, sizeof c->entries);
  memset(&c->gaz_text, 0, sizeof c->gaz_text);
  c->lex.v = NULL;
  c->wordrec = NULL;
#ifdef SNAP_MMAP
  if (c->snap_mapped)
    munmap(c->snap_image, c->snap_len);
  else
#endif
    free(c->snap_image);
  c->snap_image = NULL;
}

bool snap_load(ws_ctx *c, const char *path, const char *dir) {
  if (!image_open(path, c))
    return false;
  /* from here on these tables live in the image (snap_release) */
  strtab_free(&c->words);
  trie_free(&c->names);
  trie_free(&c->cue_phrases);
  reader r = {c->snap_image, c->snap_len, 0, true};
  snap_header h;
  uint32_t sizes, sizes2;
  record_sizes(&sizes, &sizes2);
  if (r.len < sizeof h)
    return false;
  memcpy(&h, r.base, sizeof h);
  r.pos = sizeof h;
  if (memcmp(h.magic, MAGIC, 8) != 0 || h.code_id != WS_CODE_ID ||
      h.endian != ENDIAN_MARK || h.sizes != sizes || h.sizes2 != sizes2)
    return false;
  /* the gazetteers are read and hashed only when a file's size or time
   * differs from when the snapshot was written (a copy, a checkout) */
  uint64_t stamp, data_fp;
  if ((!gaz_stamp(dir, &stamp) || stamp != h.stamp) &&
      (!gaz_fingerprint(dir, &data_fp) || h.data_fp != data_fp))
    return false;
  strtab *w = &c->words;
  w->n = w->cap = (uint32_t)take_u64(&r, UINT32_MAX - 1);
  w->mask = (uint32_t)take_u64(&r, UINT32_MAX - 1);
  w->pool_len = w->pool_cap = take_u64(&r, UINT32_MAX - 1);
  if (!pow2_mask(w->mask))
    r.ok = false;
  w->pool = (char *)take_array(&r, w->pool_len);
  w->span = (strtab_span *)take_array(&r, (size_t)w->n * sizeof *w->span);
  w->slots =
      (uint64_t *)take_array(&r, ((size_t)w->mask + 1) * sizeof *w->slots);
  c->lex.n = c->lex.cap = take_u64(&r, UINT32_MAX - 1);
  c->lex.v = (uint64_t *)take_array(&r, c->lex.n * sizeof *c->lex.v);
  if (c->lex.n != w->n)
    r.ok = false; /* every word id indexes lex */
  take_trie(&r, &c->names);
  take_trie(&r, &c->cue_phrases);
  take_entries(&r, c);
  const void *counts = take_array(&r, sizeof c->counts);
  if (counts)
    memcpy(c->counts, counts, sizeof c->counts);
  uint64_t mask = take_u64(&r, UINT32_MAX);
  if (!pow2_mask(mask))
    r.ok = false;
  c->wordrec_mask = (uint32_t)mask;
  c->wordrec =
      (wc_short *)take_array(&r, ((size_t)mask + 1) * sizeof *c->wordrec);
  const void *byte_rec = take_array(&r, sizeof c->byte_rec);
  if (byte_rec)
    memcpy(c->byte_rec, byte_rec, sizeof c->byte_rec);
  if (r.ok && r.pos != r.len)
    r.ok = false; /* trailing bytes: not a file this code wrote */
  return r.ok;
}
