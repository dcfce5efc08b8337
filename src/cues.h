/* cues.h - cue layouts as pcre2 patterns over a "shape" string: one letter
 * per speaker unit or token around a quotation (P person, R pronoun, N
 * nominal, T title, C other name, V cue verb, G participle cue, A "according
 * to", a adverb, t "that", c conjunction, f "from", w other word, punctuation
 * as itself). A layout such as `"...," X said` is then the pattern
 * ^,?[PRNTC]a*V. */
#ifndef WS_CUES_H
#define WS_CUES_H

#include <stddef.h>

#include "internal.h"

enum { CUE_AFTER, CUE_BEFORE, CUE_AFTER_WEAK };

typedef struct {
  int rule;    /* index of the pattern that matched */
  size_t s, v; /* shape positions of the speaker unit and the cue */
  double confidence;
} cue_match;

/* Match the shape string against the layouts of one side. */
bool cues_match(const ws_ctx *c, void *match_data, int side, const char *shape,
                size_t n, cue_match *out);
/* Match data for cues_match(), one per document (reused across quotes). */
void *cues_match_data_new(void);
void cues_match_data_free(void *md);

#endif
