/* gazetteer.c - loads the TSV gazetteers (people, places, offices, demonyms,
 * titles, abbreviations, cue words, nominal speakers) into the word lexicon
 * and the phrase trie. Each file is validated whole before any row is added,
 * so a malformed file reports FILE:LINE: reason and loads nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

enum { MAX_COLS = 8, DEMONYM_TYPE = 3 };

typedef enum {
  F_PEOPLE,
  F_PLACES,
  F_OFFICES,
  F_DEMONYMS,
  F_TITLES,
  F_ABBR,
  F_CUES,
  F_NOMINALS,
  F_GIVEN,
  F_SURNAMES,
  F_COUNT
} file_kind;

static const struct {
  const char *file;
  const char *header;
  int ncols;
} kinds[F_COUNT] = {
    [F_PEOPLE] = {"people.tsv", "name\taliases\tgender\toffice\tcountry", 5},
    [F_PLACES] = {"places.tsv", "name\taliases\tkind\tcountry\tpopulation", 5},
    [F_OFFICES] = {"offices.tsv", "title\taliases\tcategory", 3},
    [F_DEMONYMS] = {"demonyms.tsv", "demonym\tplural\tcountry", 3},
    [F_TITLES] = {"titles.tsv", "title\tgender", 2},
    [F_ABBR] = {"abbreviations.tsv", "abbreviation", 1},
    [F_CUES] = {"cues.tsv", "word\tlemma\tclass", 3},
    [F_NOMINALS] = {"nominals.tsv", "word\tnumber\tgender", 3},
    [F_GIVEN] = {"given_names.tsv", "name\tgender", 2},
    [F_SURNAMES] = {"surnames.tsv", "name\tcount", 2},
};

typedef struct {
  char *col[MAX_COLS];
  size_t len[MAX_COLS];
  int n;
} row;

/* Split a line in place at tabs. */
static void split(char *line, row *r) {
  r->n = 0;
  char *p = line;
  for (;;) {
    char *tab = strchr(p, '\t');
    if (r->n < MAX_COLS) {
      r->col[r->n] = p;
      r->len[r->n] = tab ? (size_t)(tab - p) : strlen(p);
    }
    r->n++;
    if (!tab)
      break;
    *tab = '\0';
    p = tab + 1;
  }
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  VEC(char) b = {0};
  char chunk[65536];
  size_t k;
  while ((k = fread(chunk, 1, sizeof chunk, f)) > 0) {
    VEC_RESERVE(b, b.n + k + 1);
    memcpy(b.v + b.n, chunk, k);
    b.n += k;
  }
  bool bad = ferror(f);
  fclose(f);
  if (bad) {
    free(b.v);
    return NULL;
  }
  VEC_RESERVE(b, b.n + 1);
  b.v[b.n] = '\0';
  *len = b.n;
  return b.v;
}

/* Tokenize a gazetteer phrase exactly as documents are tokenized and add
 * its word-id path to the trie. Returns the end node. */
static uint32_t add_phrase(ws_ctx *c, ws_doc *scratch, const char *s, size_t n,
                           uint8_t type) {
  scratch->text = (char *)s;
  scratch->len = n;
  tok_tokenize(scratch);
  uint32_t node = TRIE_ROOT;
  for (size_t i = 0; i < scratch->toks.n; i++) {
    const token *t = &scratch->toks.v[i];
    size_t len = t->len;
    if (t->cls == T_WORD && !(t->flags & TF_DOTTED) && len > 1 &&
        s[t->off + len - 1] == '.')
      len--;
    uint32_t w = lex_intern(c, s + t->off, len);
    if (w == STR_NONE)
      return TRIE_NONE;
    if (i == 0) /* lets matching skip tokens that start no phrase */
      lex_set(c, w, LX_TRIE_START | (type == WS_OFFICE ? LX_OFFICE_START : 0));
    else /* lets matching stop before a probe that must fail */
      lex_set(c, w, LX_TRIE_INNER);
    node = trie_add_step(&c->names, node, w);
  }
  return scratch->toks.n ? node : TRIE_NONE;
}

/* Adds s[0, n) to the entries' strings; returns its offset (0: none). */
static uint32_t keep(ws_ctx *c, const char *s, size_t n) {
  if (!n)
    return 0;
  if (!c->gaz_text.n) /* offset 0 stands for no string */
    *VEC_PUSH(c->gaz_text) = '\0';
  size_t off = c->gaz_text.n;
  VEC_RESERVE(c->gaz_text, off + n + 1);
  memcpy(c->gaz_text.v + off, s, n);
  c->gaz_text.v[off + n] = '\0';
  c->gaz_text.n += n + 1;
  return (uint32_t)off;
}

static void add_entry(ws_ctx *c, ws_doc *scratch, const char *phrase, size_t n,
                      const gaz_entry *e) {
  uint32_t node = add_phrase(c, scratch, phrase, n, e->type);
  if (node == TRIE_NONE)
    return;
  for (uint32_t k = c->names.first_entry[node]; k != TRIE_NONE;
       k = c->entries.v[k].next)
    if (c->entries.v[k].type == e->type &&
        strcmp(gaz_str(c, c->entries.v[k].canonical),
               gaz_str(c, e->canonical)) == 0)
      return; /* same name twice */
  gaz_entry *ne = VEC_PUSH(c->entries);
  *ne = *e;
  ne->next = c->names.first_entry[node];
  c->names.first_entry[node] = (uint32_t)(c->entries.n - 1);
}

/* Add the name and each |-separated alias of a row. */
static void add_names(ws_ctx *c, ws_doc *scratch, const row *r,
                      const gaz_entry *e, int alias_col) {
  add_entry(c, scratch, r->col[0], r->len[0], e);
  const char *p = r->col[alias_col], *end = p + r->len[alias_col];
  while (p < end) {
    const char *bar = memchr(p, '|', (size_t)(end - p));
    const char *q = bar ? bar : end;
    if (q > p)
      add_entry(c, scratch, p, (size_t)(q - p), e);
    p = q + 1;
  }
}

static void set_word(ws_ctx *c, const char *s, size_t n, uint64_t flags) {
  uint32_t w = lex_intern(c, s, n);
  if (w != STR_NONE)
    lex_set(c, w, flags);
}

static uint32_t gender_flag(const char *g) {
  return *g == 'm' ? LX_GENDER_M : *g == 'f' ? LX_GENDER_F : 0;
}

static void add_row(ws_ctx *c, ws_doc *scratch, file_kind k, row *r) {
  gaz_entry e = {0};
  e.next = TRIE_NONE;
  switch (k) {
  case F_PEOPLE: {
    e.type = WS_PERSON;
    e.canonical = keep(c, r->col[0], r->len[0]);
    e.gender = (uint8_t)r->col[2][0];
    e.office = keep(c, r->col[3], r->len[3]);
    e.country = keep(c, r->col[4], r->len[4]);
    add_names(c, scratch, r, &e, 1);
    const char *sp = memchr(r->col[0], ' ', r->len[0]);
    if (sp && e.gender) /* a first name of known gender */
      set_word(c, r->col[0], (size_t)(sp - r->col[0]),
               LX_FIRST_NAME | gender_flag(r->col[2]));
    c->counts[COUNT_PERSON]++;
    break;
  }
  case F_PLACES:
    e.type = WS_PLACE;
    e.canonical = keep(c, r->col[0], r->len[0]);
    e.kind = keep(c, r->col[2], r->len[2]);
    e.country = keep(c, r->col[3], r->len[3]);
    e.population = (uint32_t)strtoul(r->col[4], NULL, 10);
    e.place_rank = strcmp(r->col[2], "city") == 0     ? 1
                   : strcmp(r->col[2], "region") == 0 ? 2
                                                      : 3;
    add_names(c, scratch, r, &e, 1);
    c->counts[COUNT_PLACE]++;
    break;
  case F_OFFICES:
    e.type = WS_OFFICE;
    e.canonical = keep(c, r->col[0], r->len[0]);
    e.kind = keep(c, r->col[2], r->len[2]);
    add_names(c, scratch, r, &e, 1);
    c->counts[COUNT_OFFICE]++;
    break;
  case F_DEMONYMS:
    e.type = DEMONYM_TYPE;
    e.canonical = keep(c, r->col[0], r->len[0]);
    e.country = keep(c, r->col[2], r->len[2]);
    add_names(c, scratch, r, &e, 1);
    set_word(c, r->col[0], r->len[0], LX_DEMONYM);
    set_word(c, r->col[1], r->len[1], LX_DEMONYM);
    c->counts[COUNT_DEMONYM]++;
    break;
  case F_TITLES:
    set_word(c, r->col[0], r->len[0], LX_HONORIFIC | gender_flag(r->col[1]));
    c->counts[COUNT_TITLE]++;
    break;
  case F_ABBR:
    set_word(c, r->col[0], r->len[0], LX_ABBR);
    c->counts[COUNT_ABBR]++;
    break;
  case F_CUES: {
    const char *w = r->col[0], *cls = r->col[2];
    size_t n = r->len[0];
    if (strcmp(cls, "noun") == 0) {
      set_word(c, w, n, LX_CUE_NOUN);
    } else {
      if (memchr(w, ' ', n)) {
        lex_add_cue_phrase(c, w, n);
      } else {
        uint32_t f = LX_CUE_VERB;
        if (n > 4 && memcmp(w + n - 3, "ing", 3) == 0)
          f |= LX_CUE_ING;
        set_word(c, w, n, f);
      }
    }
    c->counts[COUNT_CUE]++;
    break;
  }
  case F_NOMINALS:
    set_word(c, r->col[0], r->len[0],
             LX_NOMINAL | (r->col[1][0] == 'p' ? LX_NOMINAL_PL : 0) |
                 gender_flag(r->col[2]));
    c->counts[COUNT_NOMINAL]++;
    break;
  case F_SURNAMES:
    set_word(c, r->col[0], r->len[0], LX_SURNAME);
    c->counts[COUNT_SURNAME]++;
    break;
  case F_GIVEN:
    set_word(c, r->col[0], r->len[0], LX_FIRST_NAME | gender_flag(r->col[1]));
    c->counts[COUNT_GIVEN]++;
    break;
  default:
    break;
  }
}

static bool bad_value(const row *r, ws_error *err, const char *path,
                      long line) {
  for (int i = 0; i < r->n; i++) {
    const char *v = r->col[i];
    size_t n = r->len[i];
    if (n && (v[0] == ' ' || v[n - 1] == ' ')) {
      ws_set_error(err, WS_ERR_GAZETTEER, path, line,
                   "%s:%ld: column %d has leading or trailing spaces", path,
                   line, i + 1);
      return true;
    }
  }
  if (r->len[0] == 0) {
    ws_set_error(err, WS_ERR_GAZETTEER, path, line, "%s:%ld: empty name", path,
                 line);
    return true;
  }
  return false;
}

static ws_status load_text(ws_ctx *c, char *buf, size_t len, file_kind k,
                           const char *path, ws_error *err) {
  /* pass 1 validates, pass 2 adds: a bad file adds nothing */
  ws_doc scratch;
  memset(&scratch, 0, sizeof scratch);
  ws_status st = WS_OK;
  /* zero bytes after the text, as documents have: the tokenizer may load
   * a word's 16 bytes, past the end of the last phrase */
  char *copy = ws_xcalloc(1, len + 1 + TEXT_PAD);
  for (int pass = 0; pass < 2 && st == WS_OK; pass++) {
    memcpy(copy, buf, len + 1);
    bool header = false;
    long line = 0;
    for (char *p = copy; p && *p;) {
      char *nl = strchr(p, '\n');
      if (nl)
        *nl = '\0';
      line++;
      size_t n = strlen(p);
      if (n && p[n - 1] == '\r')
        p[--n] = '\0';
      char *next = nl ? nl + 1 : NULL;
      if (n == 0 || p[0] == '#') {
        p = next;
        continue;
      }
      if (!header) {
        if (strcmp(p, kinds[k].header) != 0) {
          ws_set_error(err, WS_ERR_GAZETTEER, path, line,
                       "%s:%ld: header must be \"%s\"", path, line,
                       kinds[k].header);
          st = WS_ERR_GAZETTEER;
          break;
        }
        header = true;
        p = next;
        continue;
      }
      row r;
      split(p, &r);
      if (r.n != kinds[k].ncols) {
        ws_set_error(err, WS_ERR_GAZETTEER, path, line,
                     "%s:%ld: expected %d columns, found %d", path, line,
                     kinds[k].ncols, r.n);
        st = WS_ERR_GAZETTEER;
        break;
      }
      if (bad_value(&r, err, path, line)) {
        st = WS_ERR_GAZETTEER;
        break;
      }
      if (pass == 1)
        add_row(c, &scratch, k, &r);
      p = next;
    }
    if (st == WS_OK && !header) {
      ws_set_error(err, WS_ERR_GAZETTEER, path, 0, "%s: no header line", path);
      st = WS_ERR_GAZETTEER;
    }
  }
  free(copy);
  free(scratch.toks.v);
  free(scratch.lk_keys.v);
  return st;
}

/* The file kind of a user gazetteer, from its header line. */
static int kind_of_header(const char *buf) {
  const char *p = buf;
  while (*p == '#' || *p == '\n' || *p == '\r') {
    if (*p == '#')
      p = strchr(p, '\n') ? strchr(p, '\n') : p + strlen(p);
    if (*p)
      p++;
  }
  for (int k = 0; k < F_COUNT; k++) {
    size_t n = strlen(kinds[k].header);
    if (strncmp(p, kinds[k].header, n) == 0 &&
        (p[n] == '\n' || p[n] == '\r' || p[n] == '\0'))
      return k;
  }
  return -1;
}

static ws_status load_path(ws_ctx *c, const char *path, int kind,
                           ws_error *err) {
  size_t len;
  char *buf = read_file(path, &len);
  if (!buf) {
    ws_set_error(err, WS_ERR_IO, path, 0, "%s: %s", path, strerror(errno));
    return WS_ERR_IO;
  }
  if (memchr(buf, '\0', len)) {
    free(buf);
    ws_set_error(err, WS_ERR_GAZETTEER, path, 0, "%s: contains NUL bytes",
                 path);
    return WS_ERR_GAZETTEER;
  }
  if (kind < 0)
    kind = kind_of_header(buf);
  ws_status st;
  if (kind < 0) {
    ws_set_error(err, WS_ERR_GAZETTEER, path, 1,
                 "%s:1: unknown header (see gazetteers/README.md)", path);
    st = WS_ERR_GAZETTEER;
  } else {
    st = load_text(c, buf, len, (file_kind)kind, path, err);
  }
  free(buf);
  return st;
}

ws_status gaz_load_dir(ws_ctx *c, const char *dir, ws_error *err) {
  for (int k = 0; k < F_COUNT; k++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, kinds[k].file);
    ws_status st = load_path(c, path, k, err);
    if (st != WS_OK)
      return st;
  }
  return WS_OK;
}

/* One hash of every gazetteer file of dir: of each file's bytes (content),
 * or of its size and modification time. False if one cannot be read. */
static bool hash_files(const char *dir, bool content, uint64_t *out) {
  uint64_t h[4] = {0x9E3779B97F4A7C15ULL, 0, 0, 0};
  for (int k = 0; k < F_COUNT; k++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, kinds[k].file);
    if (content) {
      size_t len;
      char *buf = read_file(path, &len);
      if (!buf)
        return false;
      h[1] = ws_hash(buf, len);
      h[2] = len;
      free(buf);
    } else {
      struct stat st;
      if (stat(path, &st) != 0)
        return false;
      h[1] = (uint64_t)st.st_size;
      h[2] = (uint64_t)st.st_mtim.tv_sec;
      h[3] = (uint64_t)st.st_mtim.tv_nsec;
    }
    h[0] = ws_hash(h, sizeof h);
  }
  *out = h[0];
  return true;
}

bool gaz_fingerprint(const char *dir, uint64_t *fp) {
  return hash_files(dir, true, fp);
}

bool gaz_stamp(const char *dir, uint64_t *stamp) {
  return hash_files(dir, false, stamp);
}

ws_status gaz_load_file(ws_ctx *c, const char *path, ws_error *err) {
  return load_path(c, path, -1, err);
}
