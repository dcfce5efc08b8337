/* test_sentences.c - sentence boundaries around abbreviations, initials and
 * quotation marks. */
#include "testutil.h"

/* Text of the first token of each sentence, joined by '|'. */
static const char *starts(const char *text, char *buf, size_t cap) {
  ws_doc *d = test_doc(text);
  size_t o = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < d->toks.n; i++)
    if (d->toks.v[i].flags & TF_SENT_START)
      o += (size_t)snprintf(buf + o, cap - o, "%s%.*s", o ? "|" : "",
                            (int)d->toks.v[i].len, d->text + d->toks.v[i].off);
  return buf;
}

START_TEST(abbreviations) {
  static const struct {
    const char *text, *starts;
  } cases[] = {
      {"Mr. Rubio spoke. He left.", "Mr|He"},
      {"Sen. Moreno and Gov. Beck met on Jan. 5 in Washington, D.C., today.",
       "Sen"},
      {"It was built in the U.S. in 1990.", "It"},
      {"Aid went to the U.S. The rest stayed.", "Aid|The"},
      {"Michael J. Fox spoke. Then he left.", "Michael|Then"},
      {"Dr. Hugh Hill works at St. Mary's. She agreed.", "Dr|She"},
      {"Prices rose 3.5 percent. Markets fell.", "Prices|Markets"},
  };
  char buf[256];
  ARRAY_FOR_EACH(cases, c)
    ck_assert_str_eq(starts(c->text, buf, sizeof buf), c->starts);
}
END_TEST

START_TEST(quotes_and_lines) {
  static const struct {
    const char *text, *starts;
  } cases[] = {
      {"\"We won,\" he said. \"Again.\"", "\"|\""},
      {"\"Where to?\" he asked. \"Home.\"", "\"|\""},
      {"\"Stop.\" Then he left.", "\"|Then"},
      {"Headline Here\nBody text starts.", "Headline|Body"},
      {"Why? Because.", "Why|Because"},
  };
  char buf[256];
  ARRAY_FOR_EACH(cases, c)
    ck_assert_str_eq(starts(c->text, buf, sizeof buf), c->starts);
}
END_TEST

int main(void) {
  const feature f[] = {{"abbreviations", abbreviations},
                              {"quotes-and-lines", quotes_and_lines}};
  return RUN_FEATURES("sentences", f);
}
