/* test_tokenize.c - tokens, apostrophes, quote-mark classes, flanking,
 * paragraphs and offsets. */
#include "testutil.h"

static const char *toks_of(const char *text, char *buf, size_t cap) {
  return token_texts(test_doc(text), buf, cap);
}

START_TEST(words) {
  static const struct {
    const char *text, *tokens;
  } cases[] = {
      {"Petro arrived.", "Petro|arrived|."},
      {"the U.S. and D.C. today", "the|U.S.|and|D.C.|today"},
      {"Mr. Rubio", "Mr|.|Rubio"},
      {"1,000.5 people", "1,000.5|people"},
      {"Face-To-Face talks", "Face-To-Face|talks"},
      {"Bogot\xC3\xA1, Colombia", "Bogot\xC3\xA1|,|Colombia"},
      {"wait\xE2\x80\x94now", "wait|\xE2\x80\x94|now"},
      /* word ends at every place of the eight-byte step, and at the end */
      {"abcdefg,abcdefgh,abcdefghi abcdefghijklmnop.",
       "abcdefg|,|abcdefgh|,|abcdefghi|abcdefghijklmnop|."},
      {"Caf\xC3\xA9s1234567890xyz", "Caf\xC3\xA9s1234567890xyz"},
      {"end12345", "end12345"},
      {"", ""},
  };
  char buf[512];
  ARRAY_FOR_EACH(cases, c)
  ck_assert_str_eq(toks_of(c->text, buf, sizeof buf), c->tokens);
}
END_TEST

START_TEST(apostrophes) {
  static const struct {
    const char *text, *tokens;
  } cases[] = {
      {"Trump's plan", "Trump|'s|plan"},
      {"Colombia\xE2\x80\x99s leader", "Colombia|\xE2\x80\x99s|leader"},
      {"the \xE2\x80\x99"
       "90s",
       "the|\xE2\x80\x99"
       "90s"},
      {"the '70s", "the|'70s"},
      {"rock \xE2\x80\x99n\xE2\x80\x99 roll",
       "rock|\xE2\x80\x99n\xE2\x80\x99|roll"},
      {"rock 'n' roll", "rock|'n'|roll"},
      {"don't", "don't"},
      {"O'Brien said", "O'Brien|said"},
      {"the Smiths' house", "the|Smiths|'|house"},
  };
  char buf[512];
  ARRAY_FOR_EACH(cases, c)
  ck_assert_str_eq(toks_of(c->text, buf, sizeof buf), c->tokens);
}
END_TEST

START_TEST(quote_marks) {
  static const struct {
    const char *text;
    size_t tok;
    int mark;
    bool lflank, rflank;
  } cases[] = {
      {"\xE2\x80\x9CHi\xE2\x80\x9D", 0, QM_DQ_OPEN, true, false},
      {"\xE2\x80\x9CHi\xE2\x80\x9D", 2, QM_DQ_CLOSE, false, true},
      {"say \"Hi\" now", 1, QM_DQ_STRAIGHT, true, false},
      {"say \"Hi\" now", 3, QM_DQ_STRAIGHT, false, true},
      {"nice,\" Trump", 2, QM_DQ_STRAIGHT, false, true},
      {"a \xE2\x80\x98sick man\xE2\x80\x99", 1, QM_SQ_OPEN, true, false},
      {"a \xE2\x80\x98sick man\xE2\x80\x99", 4, QM_SQ_CLOSE, false, true},
      {"\xC2\xAB oui \xC2\xBB", 0, QM_GUIL_OPEN, false, false},
      {"\xE2\x80\x9EJa\xE2\x80\x9C", 0, QM_DQ_LOW, true, false},
  };
  ARRAY_FOR_EACH(cases, c) {
    ws_doc *d = test_doc(c->text);
    ck_assert_uint_gt(d->toks.n, c->tok);
    const token *t = &d->toks.v[c->tok];
    ck_assert_int_eq(t->cls, T_QUOTE);
    ck_assert_int_eq(t->mark, c->mark);
    ck_assert_msg(!!(t->flags & TF_LFLANK) == c->lflank, "%s: lflank", c->text);
    ck_assert_msg(!!(t->flags & TF_RFLANK) == c->rflank, "%s: rflank", c->text);
  }
}
END_TEST

START_TEST(paragraphs_and_case) {
  ws_doc *d = test_doc("One two.\n\nThree\nFOUR five");
  ck_assert_uint_eq(d->toks.n, 6);
  ck_assert_uint_eq(d->toks.v[3].para, 1);
  ck_assert_uint_eq(d->toks.v[4].para, 2); /* every line break starts one */
  ck_assert(d->toks.v[3].flags & TF_PARA_START);
  ck_assert(d->toks.v[0].flags & TF_CAP);
  ck_assert(!(d->toks.v[1].flags & TF_CAP));
  ck_assert(d->toks.v[4].flags & TF_ALLCAPS);
  ck_assert_uint_eq(d->npara, 3);
}
END_TEST

/* Case flags per word, whichever scanning path the word takes. */
START_TEST(case_flags_table) {
  static const struct {
    const char *word;
    uint16_t flags; /* TF_CAP | TF_ALLCAPS expected */
  } cases[] = {
      {"Lima", TF_CAP},
      {"lima", 0},
      {"LIMA", TF_CAP | TF_ALLCAPS},
      {"B.C.", TF_CAP | TF_ALLCAPS},
      {"U.S.", TF_CAP | TF_ALLCAPS},
      {"A", TF_CAP},
      {"O'Brien", TF_CAP},
      {"McDONALD", TF_CAP},
      {"3M", 0},
      {"ÉCOLE", TF_CAP | TF_ALLCAPS},
      {"Ángel", TF_CAP},
      {"élan", 0},
      {"Jean-Luc", TF_CAP},
      {"iPhone", 0},
      {"X-RAY", TF_CAP | TF_ALLCAPS},
      {"SÁNCHEZ-Ortiz", TF_CAP},
      /* the ASCII fast path reads eight bytes a step: words around 8 */
      {"STERLING next", TF_CAP | TF_ALLCAPS},
      {"STERLINGS next", TF_CAP | TF_ALLCAPS},
      {"Sterling next", TF_CAP},
      {"sterlinG next", 0},
      {"ABCDEFGHIJKLMNOPq", TF_CAP},
      {"ABCDEFGHIJKLMNOP", TF_CAP | TF_ALLCAPS},
      {"A1234567 B", TF_CAP},
      {"AB345678CD", TF_CAP | TF_ALLCAPS},
  };
  ARRAY_FOR_EACH(cases, c) {
    ws_doc *d = test_doc(c->word);
    ck_assert_msg(d->toks.n >= 1, "%s", c->word);
    uint16_t got = d->toks.v[0].flags & (TF_CAP | TF_ALLCAPS);
    ck_assert_msg(got == c->flags, "%s: flags %u, want %u", c->word, got,
                  c->flags);
  }
}
END_TEST

START_TEST(offsets) {
  const char *text = "\xE2\x80\x9CS\xC3\xA1nchez\xE2\x80\x9D  said";
  ws_doc *d = test_doc(text);
  ck_assert_uint_eq(d->toks.n, 4);
  ck_assert_uint_eq(d->toks.v[1].off, 3);
  ck_assert_uint_eq(d->toks.v[1].len, 8);
  ck_assert_uint_eq(d->toks.v[3].off, 16);
  ck_assert_uint_eq(cpmap_at(&d->cps, (unsigned char *)d->text, 16), 11);
}
END_TEST

START_TEST(invalid_bytes) {
  /* NUL and invalid bytes are spaces/punctuation, never crashes */
  static const char text[] = "A\0B \xFF\xFE C\xC3";
  ws_doc *d = test_doc(text);
  (void)d;
  ws_doc *doc = ws_doc_new(test_ctx_());
  ck_assert_int_eq(ws_process(doc, "x", text, sizeof text - 1, NULL), WS_OK);
  ck_assert_uint_ge(doc->toks.n, 3);
  ck_assert_uint_eq(doc->warns.n, 2);
  ws_doc_free(doc);
}
END_TEST

int main(void) {
  const feature f[] = {{"words", words},
                       {"apostrophes", apostrophes},
                       {"quote-marks", quote_marks},
                       {"case-flags", case_flags_table},
                       {"paragraphs", paragraphs_and_case},
                       {"offsets", offsets},
                       {"invalid-bytes", invalid_bytes}};
  return RUN_FEATURES("tokenize", f);
}
