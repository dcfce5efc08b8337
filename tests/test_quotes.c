/* test_quotes.c - pairing of quotation marks: curly, straight, mixed,
 * nested, multi-paragraph, unterminated; direct vs partial; scare quotes. */
#include "testutil.h"

/* "kind:text" of each quotation, joined by '|'. */
static const char *quotes(const char *text, char *buf, size_t cap) {
  ws_doc *d = test_doc(text);
  size_t o = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < ws_doc_quote_count(d); i++) {
    const ws_quote *q = ws_doc_quote(d, i);
    o += (size_t)snprintf(buf + o, cap - o, "%s%c:%s", i ? "|" : "",
                          q->kind == WS_QUOTE_DIRECT ? 'd' : 'p', q->text);
  }
  return buf;
}

typedef struct {
  const char *text, *want;
} q_case;

static void check(const q_case *cases, size_t n) {
  char buf[2048];
  for (size_t i = 0; i < n; i++)
    ck_assert_msg(strcmp(quotes(cases[i].text, buf, sizeof buf),
                         cases[i].want) == 0,
                  "%s\n got: %s\nwant: %s", cases[i].text, buf,
                  cases[i].want);
}

START_TEST(pairing) {
  static const q_case cases[] = {
      {"\xE2\x80\x9CWe won,\xE2\x80\x9D he said.", "d:We won,"},
      {"\"We won,\" he said. \"Again.\"", "d:We won,|d:Again."},
      {"\xE2\x80\x9CSomehow he became nice,\" Trump said.",
       "d:Somehow he became nice,"},
      {"He said \"yes\" and \"no\" twice, Ana Lopez said.", "p:yes|p:no"},
      {"", ""},
      {"No quotes at all.", ""},
      /* a closing mark misused as the opening one */
      {"\xE2\x80\x9D" "Fear. I am afraid,\xE2\x80\x9D she said.",
       "d:Fear. I am afraid,"},
  };
  check(cases, ARRAY_LEN(cases));
}
END_TEST

START_TEST(nesting) {
  static const q_case cases[] = {
      {"\"He told me, 'wait here,' and left,\" she said.",
       "d:He told me, 'wait here,' and left,"},
      {"\xE2\x80\x9CThey said \xE2\x80\x98go\xE2\x80\x99 to us,\xE2\x80\x9D "
       "he said.",
       "d:They said \xE2\x80\x98go\xE2\x80\x99 to us,"},
      {"\"It's the '90s again,\" he said.", "d:It's the '90s again,"},
  };
  check(cases, ARRAY_LEN(cases));
}
END_TEST

START_TEST(paragraphs) {
  static const q_case cases[] = {
      /* multi-paragraph: reopened, closed only at the end */
      {"He said: \"First part.\n\n\"Second part.\"\n\nDone.",
       "d:First part.\n\n\"Second part."},
      /* unterminated: bounded at its paragraph */
      {"She said \"this never closes.\n\nThen \"quoted,\" he said.",
       "d:this never closes.|p:quoted,"},
      {"x said \"this is unterminated", "d:this is unterminated"},
  };
  check(cases, ARRAY_LEN(cases));
}
END_TEST

START_TEST(scare_quotes) {
  static const q_case cases[] = {
      /* single-quoted headline/scare quotes in double-quoting copy */
      {"Trump called Petro a \xE2\x80\x98sick man\xE2\x80\x99. \"Go,\" "
       "Trump said.",
       "d:Go,"},
      /* short quoted fragment with no cue */
      {"The so-called \"peace dividend\" is gone.", ""},
      {"She wrote \"The Salt Years\" in 2019.", ""},
      /* naming a thing with a definite label */
      {"Residents called the channel \"the monster\" for years.", ""},
      {"Aides call the package the \"Dust Bowl bill\" now.", ""},
  };
  check(cases, ARRAY_LEN(cases));
}
END_TEST

START_TEST(warnings) {
  ws_doc *d = test_doc("He said \"never closed.\n\nNext.");
  ck_assert_uint_eq(d->warns.n, 1);
  ck_assert_str_eq(d->warns.v[0].code, "unterminated_quote");
  ck_assert_uint_eq(d->warns.v[0].offset, 8);
}
END_TEST

int main(void) {
  const feature f[] = {{"pairing", pairing},
                              {"nesting", nesting},
                              {"paragraphs", paragraphs},
                              {"scare", scare_quotes},
                              {"warnings", warnings}};
  return RUN_FEATURES("quotes", f);
}
