/* record_scan.c - the fast path for the common JSON Lines record: a flat
 * object whose values are all strings ({"id": "...", "text": "..."}). It
 * validates and unescapes in one pass with no allocation per field. Anything
 * else (numbers, nested values, escaped keys, any syntax error) is declined
 * and read.c hands the line to jansson, which stays the reference parser
 * and writes the error messages. */
#include <string.h>

#include "internal.h"
#include "swar.h"

typedef struct {
  const unsigned char *p, *end;
  bool high, nul; /* the last string read has a non-ASCII char / a NUL */
} cursor;

static void skip_ws(cursor *c) {
  while (c->p < c->end &&
         (*c->p == ' ' || *c->p == '\t' || *c->p == '\r' || *c->p == '\n'))
    c->p++;
}

static int hex4(const unsigned char *p) {
  int v = 0;
  for (int i = 0; i < 4; i++) {
    int c = p[i], d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if (c >= 'a' && c <= 'f')
      d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      d = c - 'A' + 10;
    else
      return -1;
    v = v << 4 | d;
  }
  return v;
}

/* Appends the UTF-8 of cp; out has room (see string_lit). */
static void put_utf8(rec_buf *out, uint32_t cp) {
  char b[4];
  size_t n;
  if (cp < 0x80) {
    b[0] = (char)cp;
    n = 1;
  } else if (cp < 0x800) {
    b[0] = (char)(0xC0 | cp >> 6);
    b[1] = (char)(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    b[0] = (char)(0xE0 | cp >> 12);
    b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
    b[2] = (char)(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    b[0] = (char)(0xF0 | cp >> 18);
    b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    b[3] = (char)(0x80 | (cp & 0x3F));
    n = 4;
  }
  memcpy(out->v + out->n, b, n);
  out->n += n;
}

/* Reads a string literal at c->p (just after its opening quote). With out,
 * appends its unescaped bytes. Returns false where jansson should decide. */
static bool string_lit(cursor *c, rec_buf *out) {
  const unsigned char *p = c->p, *run = p;
  c->high = c->nul = false;
  /* room for the rest of the line: no escape is shorter than its bytes */
  if (out)
    VEC_RESERVE(*out, out->n + (size_t)(c->end - p));
  for (;;) {
    while (c->end - p >= 8) { /* skip plain ASCII eight bytes at a time */
      uint64_t x = swar_load(p);
      if (swar_json_special(x) | (x & SWAR_HIGHS))
        break;
      p += 8;
    }
    while (p < c->end && *p >= 0x20 && *p != '"' && *p != '\\' && *p < 0x80)
      p++;
    if (p >= c->end || *p < 0x20)
      return false;
    if (*p >= 0x80) { /* validate one multi-byte sequence */
      int32_t cp;
      size_t l = utf8_decode_multi(p, (size_t)(c->end - p), 0, &cp);
      if (cp < 0)
        return false;
      c->high = true;
      p += l;
      continue;
    }
    if (out && p > run) {
      memcpy(out->v + out->n, run, (size_t)(p - run));
      out->n += (size_t)(p - run);
    }
    if (*p == '"') {
      c->p = p + 1;
      return true;
    }
    /* backslash escape */
    if (p + 1 >= c->end)
      return false;
    uint32_t cp;
    switch (p[1]) {
    case '"':
      cp = '"';
      break;
    case '\\':
      cp = '\\';
      break;
    case '/':
      cp = '/';
      break;
    case 'b':
      cp = '\b';
      break;
    case 'f':
      cp = '\f';
      break;
    case 'n':
      cp = '\n';
      break;
    case 'r':
      cp = '\r';
      break;
    case 't':
      cp = '\t';
      break;
    case 'u': {
      if (c->end - p < 6)
        return false;
      int u = hex4(p + 2);
      if (u < 0 || (u >= 0xDC00 && u <= 0xDFFF))
        return false;
      if (u >= 0xD800 && u <= 0xDBFF) { /* needs its low surrogate */
        if (c->end - p < 12 || p[6] != '\\' || p[7] != 'u')
          return false;
        int lo = hex4(p + 8);
        if (lo < 0xDC00 || lo > 0xDFFF)
          return false;
        cp = 0x10000 + ((uint32_t)(u - 0xD800) << 10) + (uint32_t)(lo - 0xDC00);
        p += 6;
      } else {
        cp = (uint32_t)u;
      }
      p += 4;
      break;
    }
    default:
      return false;
    }
    p += 2;
    run = p;
    c->high |= cp >= 0x80;
    c->nul |= cp == 0;
    if (out && cp < 0x80)
      out->v[out->n++] = (char)cp;
    else if (out)
      put_utf8(out, cp);
  }
}

/* Key at c->p (after its quote): plain ASCII without escapes only. */
static bool key_lit(cursor *c, const char **k, size_t *n) {
  const unsigned char *start = c->p;
  while (c->p < c->end && *c->p != '"') {
    if (*c->p == '\\' || *c->p < 0x20 || *c->p >= 0x80)
      return false; /* escaped or non-ASCII keys: jansson's business */
    c->p++;
  }
  if (c->p >= c->end)
    return false;
  *k = (const char *)start;
  *n = (size_t)(c->p++ - start);
  return true;
}

static bool same(const char *k, size_t n, const char *name) {
  return strlen(name) == n && memcmp(k, name, n) == 0;
}

int rec_scan(const char *line, size_t len, const char *text_field,
             const char *id_field, rec_buf *text, rec_buf *id) {
  cursor c = {(const unsigned char *)line, (const unsigned char *)line + len,
              false, false};
  int found = 0;
  text->n = id->n = 0;
  skip_ws(&c);
  if (c.p >= c.end || *c.p++ != '{')
    return -1;
  skip_ws(&c);
  if (c.p < c.end && *c.p == '}') {
    c.p++;
  } else {
    for (;;) {
      const char *k;
      size_t n;
      if (c.p >= c.end || *c.p++ != '"' || !key_lit(&c, &k, &n))
        return -1;
      bool is_text = same(k, n, text_field);
      bool is_id = !is_text && same(k, n, id_field);
      skip_ws(&c);
      if (c.p >= c.end || *c.p++ != ':')
        return -1;
      skip_ws(&c);
      if (c.p >= c.end || *c.p++ != '"')
        return -1; /* not a string value */
      rec_buf *out = is_text ? text : is_id ? id : NULL;
      if (out)
        out->n = 0; /* a repeated key: the last value wins, as in jansson */
      if (!string_lit(&c, out))
        return -1;
      if (is_text) /* a repeated key: the last value's */
        found = (found & ~(REC_TEXT_ASCII | REC_TEXT_NUL)) | REC_TEXT |
                (c.high ? 0 : REC_TEXT_ASCII) | (c.nul ? REC_TEXT_NUL : 0);
      found |= is_id ? REC_ID : 0;
      skip_ws(&c);
      if (c.p >= c.end)
        return -1;
      if (*c.p == '}') {
        c.p++;
        break;
      }
      if (*c.p++ != ',')
        return -1;
      skip_ws(&c);
    }
  }
  skip_ws(&c);
  return c.p == c.end ? found : -1;
}
