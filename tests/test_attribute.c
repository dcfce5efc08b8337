/* test_attribute.c - speaker attribution: cue layouts, pronouns resolved to
 * the right person, follow-on quotes, partial quotes, nominal and title
 * speakers. Each case: text, quote prefix, speaker name, kind, mention. */
#include "testutil.h"

typedef struct {
  const char *text, *quote, *name, *kind, *mention;
} a_case;

static void check(const a_case *cases, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const a_case *c = &cases[i];
    ws_doc *d = test_doc(c->text);
    const ws_quote *q = find_quote(d, c->quote);
    ck_assert_msg(q != NULL, "%s: no quote %s", c->text, c->quote);
    if (!c->name) {
      ck_assert_msg(!q->has_speaker, "%s: unexpected speaker %s", c->text,
                    q->speaker.name);
      continue;
    }
    ck_assert_msg(q->has_speaker, "%s: no speaker", c->text);
    ck_assert_msg(strcmp(q->speaker.name, c->name) == 0, "%s\n got %s, want %s",
                  c->text, q->speaker.name, c->name);
    ck_assert_str_eq(ws_speaker_kind_str(q->speaker.kind), c->kind);
    ck_assert_str_eq(q->speaker.mention, c->mention);
    ck_assert(q->confidence > 0 && q->confidence <= 1);
  }
}

START_TEST(layouts) {
  static const a_case cases[] = {
      {"\"We will win,\" Trump said.", "We will", "Donald Trump", "name",
       "Trump"},
      {"\"We will win,\" said Marco Rubio.", "We will", "Marco Rubio", "name",
       "Marco Rubio"},
      {"Trump said: \"We will win.\"", "We will", "Donald Trump", "name",
       "Trump"},
      {"Rubio told reporters: \"It is done.\"", "It is", "Marco Rubio", "name",
       "Rubio"},
      {"According to Rubio, \"talks failed.\"", "talks", "Marco Rubio", "name",
       "Rubio"},
      {"\"We are ready,\" Hugh Hill, a doctor at the clinic, said.", "We are",
       "Hugh Hill", "name", "Hugh Hill"},
      {"\"It is over,\" Petro also said on Monday.", "It is", "Gustavo Petro",
       "name", "Petro"},
      {"\"Ready,\" Mayor Grace Okafor told reporters.", "Ready", "Grace Okafor",
       "name", "Grace Okafor"},
      {"\"It's a dog whistle,\" Rep. Gwen Moore (D-Wis.) said Friday.",
       "It's a", "Gwen Moore", "name", "Gwen Moore"},
      {"\"Why not?\" a narrator in the Clinton ad asks.", "Why not",
       "a narrator in the Clinton ad", "nominal",
       "a narrator in the Clinton ad"},
      {"\"Executives should face jail\" for fraud, she said.", "Executives",
       "she", "pronoun", "she"},
      /* any verb where an attribution must follow */
      {"\"Go back to Univision,\" Trump barked.", "Go back", "Donald Trump",
       "name", "Trump"},
      {"Pollster Daron Shaw echoed: \"It is historic.\"", "It is", "Daron Shaw",
       "name", "Daron Shaw"},
      /* a relative pronoun speaks for its antecedent */
      {"Beck, who has long described Trump as \"a narcissist,\" spoke.",
       "a narcissist", "Beck", "pronoun", "who"},
      /* the writer speaks; datelines and openers are not subjects */
      {"\"Okay,\" I said, trying again.", "Okay", "I", "pronoun", "I"},
      {"WASHINGTON (AP) - Senator Ann Lee rallied supporters, saying: "
       "\"We have to be ready.\"",
       "We have", "Ann Lee", "name", "Ann Lee"},
      /* a name or office in front of a titled person modifies it */
      {"\"We are pleased,\" Trump lawyer Marc Kasowitz said.", "We are",
       "Marc Kasowitz", "name", "Marc Kasowitz"},
      {"\"Out there,\" Clinton campaign spokesman Brian Fallon said Monday.",
       "Out there", "Brian Fallon", "name", "Brian Fallon"},
      {"\"Not optional,\" panel Chairman Rep. Jason Chaffetz (R-Utah) said.",
       "Not optional", "Jason Chaffetz", "name", "Jason Chaffetz"},
      /* a parenthesis, then an apposition, before the verb */
      {"\"Go get them,\" Rep. Jim Jordan (R-Ohio), a panel member, said.",
       "Go get", "Jim Jordan", "name", "Jim Jordan"},
      /* an office word after an honorific is a surname */
      {"\"All about enthusiasm,\" Mr. King added.", "All about", "King", "name",
       "King"},
      /* an unknown first name known by the initial after it */
      {"\"Done their part,\" Vann R. Newkirk II, a writer, said on Twitter.",
       "Done their", "Vann R. Newkirk II", "name", "Vann R. Newkirk II"},
      /* a nominal may hold a place and a party */
      {"\"Too far behind,\" said an Iowa Democrat.", "Too far",
       "an Iowa Democrat", "nominal", "an Iowa Democrat"},
      {"\"Bernie's to lose,\" added another New Hampshire Democrat.", "Bernie",
       "another New Hampshire Democrat", "nominal",
       "another New Hampshire Democrat"},
      /* "continue to be" reports no speech: the outer cue does */
      {"Cruz said he is sure Rubio will continue to be \"a champion of "
       "opportunity.\"",
       "a champion", "Ted Cruz", "name", "Cruz"},
      /* a cue word after a determiner is a noun ("no reason") */
      {"Mark Cuban spoke. He noted there was no reason Trump would dwell on "
       "\"the difference between Sunni and Shia.\"",
       "the difference", "Mark Cuban", "pronoun", "He"},
      /* "to call X": the clause's subject speaks, X is named */
      {"Mark Cuban spoke. He went on to call Cruz \"the worst politician in "
       "Texas.\"",
       "the worst", "Mark Cuban", "pronoun", "He"},
      /* "X said he responded: ...": the reporting clause's subject is the
       * source (and he is X anyway) */
      {"His wife urged him to act calm, but Trump said he responded: \"You "
       "cannot be too calm.\"",
       "You cannot", "Donald Trump", "name", "Trump"},
      /* "...," but X said: the quotation is not X's */
      {"His wife urged him to act \"presidential,\" but Trump said no.",
       "presidential", "His wife", "nominal", "His wife"},
      /* an article and an adjective before a name */
      {"\"France will always be France,\" an angry Macron retaliated.",
       "France will", "Emmanuel Macron", "name", "Macron"},
      /* "the" before a title */
      {"\"A good thing,\" said the Rev. Peter Wherry, of Mayfield Church.",
       "A good", "Peter Wherry", "name", "Peter Wherry"},
  };
  check(cases, ARRAY_LEN(cases));
}
END_TEST

START_TEST(pronouns) {
  static const a_case cases[] = {
      /* the nearest name (Petro) is the object, not the speaker */
      {"Trump criticised Petro on Monday. \"He is a bad man,\" he said.",
       "He is", "Donald Trump", "pronoun", "he"},
      /* gender picks the right person */
      {"Mayor Grace Okafor met Senator Tom Whitaker. \"We agreed,\" she "
       "said.",
       "We agreed", "Grace Okafor", "pronoun", "she"},
      {"Ms. Ana Torres greeted Mr. Luis Vega. \"Welcome,\" he said.", "Welcome",
       "Luis Vega", "pronoun", "he"},
  };
  check(cases, ARRAY_LEN(cases));
}
END_TEST

START_TEST(follow_on) {
  static const a_case cases[] = {
      {"\"Somehow he became nice,\" Trump told reporters. \"He changed.\"",
       "He changed", "Donald Trump", "name", "Trump"},
      /* a new person breaks the chain; the floating quote is theirs */
      {"\"A,\" Trump said. Rubio arrived later. \"B is next.\"", "B is",
       "Marco Rubio", "name", "Rubio"},
  };
  check(cases, ARRAY_LEN(cases));
}
END_TEST

START_TEST(partial) {
  static const a_case cases[] = {
      {"Trump warned Petro to \"watch his ass\" and suggested that action "
       "\"sounds good to me.\"",
       "watch", "Donald Trump", "name", "Trump"},
      {"Trump warned Petro to \"watch his ass\" and suggested that action "
       "\"sounds good to me.\"",
       "sounds", "Donald Trump", "name", "Trump"},
      /* no cue verb: the clause subject */
      {"Trump openly admires Putin as a \"strong leader\" these days.",
       "strong", "Donald Trump", "name", "Trump"},
      {"Petro called the plan \"a dangerous gamble\" on Monday.", "a dangerous",
       "Gustavo Petro", "name", "Petro"},
      {"Petro, a former guerrilla, responded by calling Trump an "
       "\"accomplice to genocide\" in Gaza.",
       "accomplice", "Gustavo Petro", "name", "Petro"},
  };
  check(cases, ARRAY_LEN(cases));
}
END_TEST

START_TEST(nominal_and_title) {
  static const a_case cases[] = {
      {"\"We are ready,\" a spokesman said.", "We are", "a spokesman",
       "nominal", "a spokesman"},
      {"\"It failed,\" officials said.", "It failed", "officials", "nominal",
       "officials"},
      {"Governor Ernesto Lacson arrived. \"It is ours,\" the governor said.",
       "It is", "Ernesto Lacson", "title", "the governor"},
  };
  check(cases, ARRAY_LEN(cases));
}
END_TEST

START_TEST(cues_and_confidence) {
  ws_doc *d = test_doc("\"We will win,\" Trump said.");
  const ws_quote *q = ws_doc_quote(d, 0);
  ck_assert(q->has_cue);
  ck_assert_str_eq(q->cue, "said");
  ck_assert_uint_eq(q->cue_span.start, 21);
  ck_assert_uint_eq(q->speaker.span.start, 15);
  ck_assert_uint_eq(q->speaker.span.end, 20);
  ck_assert(q->confidence >= 0.8);
  /* a multi-word cue is reported whole */
  d = test_doc("\"We will win,\" Ann Lee told reporters on Monday.");
  q = ws_doc_quote(d, 0);
  ck_assert_str_eq(q->cue, "told reporters");
  d = test_doc("\"Taxes will rise,\" Ann Lee pointed out.");
  ck_assert_str_eq(ws_doc_quote(d, 0)->cue, "pointed out");
}
END_TEST

int main(void) {
  const feature f[] = {{"layouts", layouts},
                       {"pronouns", pronouns},
                       {"follow-on", follow_on},
                       {"partial", partial},
                       {"nominal-title", nominal_and_title},
                       {"cues", cues_and_confidence}};
  return RUN_FEATURES("attribute", f);
}
