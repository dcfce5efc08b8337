/* cues.c - compiles the cue layouts once per context (pcre2 with JIT, match
 * and depth limits) and matches them against shape strings. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "cues.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  const char *pattern;
  double confidence;
} layout;

/* After the closing mark, in priority order. */
static const layout after[] = {
    /* "...," X said, according to Y: the writer's source is Y */
    {"^[,-]?[^.q:]{0,24}?(?<v>A)w{0,2}(?<s>[PRNTC])", 0.85},
    /* (panel) X said; X and Y said */
    {"^[,-]?w?(?<s>[PRNTC])(?:cP)?a{0,2}(?<v>V)", 0.92},
    {"^[,-]?(?<v>V)a?(?<s>[PRNTC])", 0.92}, /* said X */
    /* X, a, said; X and Y, both doctors, said */
    {"^[,-]?(?<s>[PNTC])(?:cP)?a?,[^.q:]{1,20}?,a{0,2}(?<v>V)", 0.85},
    {"^-(?<s>[PTC])(?<v>)(?:[,.]|$)", 0.7},          /* - Commissioner X */
    {"^[wa]{1,6},(?<s>[PRNTC])a{0,2}(?<v>V)", 0.75}, /* "..." for X, she said */
    /* the Vermont senator said, Forum's X said: words before the subject */
    {"^[,-]?[wC]{1,4}(?<s>[PTN])a{0,2}(?<v>V)", 0.75},
    /* "..." if she wins, said X. / "..." and more, X said: the clause
     * that goes on after the marks ends with its attribution */
    {"^[^.q:V]{1,16}?,(?<v>V)(?<s>[PNTC])(?:[,.]|$)", 0.7},
    {"^[^.q:V]{1,16}?,(?<s>[PRNTC])a{0,2}(?<v>V)(?:[,.]|$)", 0.7},
};

/* Before the opening mark (anchored at the mark). */
static const layout before[] = {
    /* According to Y, X said "...": Y */
    {"(?<v>A)w{0,2}(?<s>[PRNTC])[^qc.]*$", 0.8},
    /* X told Y:, X told CNN: (the name after the verb is its object) */
    {"(?<s>[PRNTC])a{0,2}(?<v>V)[waNTtCP]{0,4}[,:]$", 0.9},
    /* X, who ..., told CNN: (before "said X:", which would take CNN) */
    {"(?<s>[PRNTC]),[^,.q:]{1,14},a{0,2}(?<v>V)[waC]{0,4}[,:]?$", 0.82},
    {"(?<v>V)(?<s>[PRNTC])[,:]$", 0.88},              /* said X: */
    {"(?<s>[PRNTC])a{0,2}(?<v>V)[wa]{0,4}t?$", 0.82}, /* X said (that) */
    {"(?:^|[.])f(?<s>[PNTC])(?<v>):$", 0.75},         /* From X: */
};

/* After a quotation ending in , ? or !, where an attribution must follow:
 * any word in the verb slot ("...," Trump barked / beamed Donald Hartley). */
static const layout weak[] = {
    {"^[,-]?(?<s>[PRNTC])a{0,2}(?<v>w)", 0.6},
    {"^[,-]?(?<v>w)(?<s>[PNTC])(?:[,.]|$)", 0.55},
};

typedef struct {
  pcre2_code *code[3][12];
  size_t n[3];
  uint32_t s_group[3][12], v_group[3][12];
  pcre2_match_context *mctx;
} compiled;

ws_status cues_compile(ws_ctx *c, ws_error *err) {
  compiled *cp = ws_xcalloc(1, sizeof *cp);
  c->cues = cp;
  cp->mctx = pcre2_match_context_create(NULL);
  pcre2_set_match_limit(cp->mctx, 100000);
  pcre2_set_depth_limit(cp->mctx, 1000);
  const layout *sets[3] = {after, before, weak};
  size_t counts[3] = {sizeof after / sizeof *after,
                      sizeof before / sizeof *before,
                      sizeof weak / sizeof *weak};
  for (int side = 0; side < 3; side++) {
    for (size_t i = 0; i < counts[side]; i++) {
      int code;
      PCRE2_SIZE off;
      pcre2_code *re =
          pcre2_compile((PCRE2_SPTR)sets[side][i].pattern,
                        PCRE2_ZERO_TERMINATED, 0, &code, &off, NULL);
      if (!re) {
        PCRE2_UCHAR msg[120];
        pcre2_get_error_message(code, msg, sizeof msg);
        ws_set_error(err, WS_ERR_PATTERN, NULL, 0, "cue pattern %zu: %s", i,
                     (char *)msg);
        return WS_ERR_PATTERN;
      }
      pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* falls back if no JIT */
      cp->code[side][i] = re;
      cp->s_group[side][i] =
          (uint32_t)pcre2_substring_number_from_name(re, (PCRE2_SPTR) "s");
      cp->v_group[side][i] =
          (uint32_t)pcre2_substring_number_from_name(re, (PCRE2_SPTR) "v");
      cp->n[side]++;
    }
  }
  return WS_OK;
}

void cues_free(ws_ctx *c) {
  compiled *cp = c->cues;
  if (!cp)
    return;
  for (int side = 0; side < 3; side++)
    for (size_t i = 0; i < cp->n[side]; i++)
      pcre2_code_free(cp->code[side][i]);
  pcre2_match_context_free(cp->mctx);
  free(cp);
  c->cues = NULL;
}

void *cues_match_data_new(void) { return pcre2_match_data_create(16, NULL); }
void cues_match_data_free(void *md) { pcre2_match_data_free(md); }

bool cues_match(const ws_ctx *c, void *md_, int side, const char *shape,
                size_t n, cue_match *out) {
  pcre2_match_data *md = md_;
  const compiled *cp = c->cues;
  const layout *set = side == CUE_AFTER    ? after
                      : side == CUE_BEFORE ? before
                                           : weak;
  bool found = false;
  for (size_t i = 0; i < cp->n[side] && !found; i++) {
    int rc = pcre2_match(cp->code[side][i], (PCRE2_SPTR)shape, n, 0, 0, md,
                         cp->mctx);
    if (rc > 0) {
      PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
      out->rule = (int)i;
      out->s = ov[2 * cp->s_group[side][i]];
      out->v = ov[2 * cp->v_group[side][i]];
      if (ov[2 * cp->v_group[side][i] + 1] == out->v)
        out->v = (size_t)-1; /* layout without a cue word */
      out->confidence = set[i].confidence;
      found = true;
    }
  }
  return found;
}
