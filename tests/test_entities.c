/* test_entities.c - gazetteer matching (longest match, case, diacritics,
 * possessives) and people beyond the lists (titles, honorifics, speech
 * context, surname aliases). */
#include "testutil.h"

/* "type:canonical[/office]" for each entity, joined by '|'. */
static const char *entities(const char *text, char *buf, size_t cap) {
  ws_doc *d = test_doc(text);
  size_t o = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < ws_doc_entity_count(d); i++) {
    const ws_entity *e = ws_doc_entity(d, i);
    o += (size_t)snprintf(buf + o, cap - o, "%s%s:%s%s%s", i ? "|" : "",
                          ws_entity_type_str(e->type), e->canonical,
                          e->office ? "/" : "", e->office ? e->office : "");
  }
  return buf;
}

typedef struct {
  const char *text, *want;
} ent_case;

static void check(const ent_case *cases, size_t n) {
  char buf[1024];
  for (size_t i = 0; i < n; i++)
    ck_assert_str_eq(entities(cases[i].text, buf, sizeof buf), cases[i].want);
}

START_TEST(gazetteer_match) {
  static const ent_case cases[] = {
      {"They flew to the United States.", "place:United States"},
      {"Trump's plan", "person:Donald Trump"},
      {"Colombia\xE2\x80\x99s leader", "place:Colombia"},
      {"He met Nicolas Maduro in Caracas.",
       "person:Nicol\xC3\xA1s Maduro|place:Caracas"},
      {"TRUMP WINS", "person:Donald Trump"},
      {"the man may read", ""},
      {"in Bogota", "place:Bogot\xC3\xA1"},
      /* NFC and NFD spellings match alike (a + combining acute) */
      {"in Bogota\xCC\x81 today", "place:Bogot\xC3\xA1"},
      {"ISRAEL'S LEADER", "place:Israel|office:Leader"},
  };
  check(cases, ARRAY_LEN(cases));
}
END_TEST

START_TEST(titled_people) {
  static const ent_case cases[] = {
      {"Defence Minister Pedro Arnulfo S\xC3\xA1nchez Su\xC3\xA1rez arrived.",
       "office:Defence Minister|person:Pedro Arnulfo S\xC3\xA1nchez "
       "Su\xC3\xA1rez/Defence Minister"},
      {"Republican Senator Bernie Moreno spoke.",
       "office:Senator|person:Bernie Moreno/Republican Senator"},
      {"Dr. Hugh Hill said so.", "person:Hugh Hill"},
      {"Secretary of State Marco Rubio left.",
       "office:Secretary of State|person:Marco Rubio/Secretary of State"},
      /* offices compose with places by rule */
      {"Israel's prime minister Yael Dotan spoke.",
       "place:Israel|person:Yael Dotan/Israel's prime minister"},
      {"Colombian Defence Minister Ana Cruz spoke.",
       "office:Defence Minister|person:Ana Cruz/Colombian Defence Minister"},
      /* name particles */
      {"Mayor Ana Maria de la Cruz said so.",
       "office:Mayor|person:Ana Maria de la Cruz/Mayor"},
  };
  check(cases, ARRAY_LEN(cases));
}
END_TEST

START_TEST(aliases) {
  static const ent_case cases[] = {
      {"Mayor Grace Okafor spoke. Later Okafor left.",
       "office:Mayor|person:Grace Okafor/Mayor|person:Grace Okafor/Mayor"},
      {"Foreign Minister Rosa Yolanda Villavicencio came. Villavicencio "
       "spoke.",
       "office:Foreign Minister|person:Rosa Yolanda "
       "Villavicencio/Foreign Minister|person:Rosa Yolanda "
       "Villavicencio/Foreign Minister"},
      {"Ana Torres, a nurse, said it. Ms. Torres left.",
       "person:Ana Torres|person:Ana Torres"},
  };
  check(cases, ARRAY_LEN(cases));
}
END_TEST

START_TEST(places_in_context) {
  static const ent_case cases[] = {
      /* a small town needs a place context; a given name starts a name */
      {"Rosa Yolanda Villavicencio spoke.",
       "person:Rosa Yolanda Villavicencio"},
      {"She studied at Humboldt University.", ""},
      {"They met in Rosa, Italy.", "place:Rosa|place:Italy"},
      {"It was written in English.", ""},
      {"The plane landed in USA on Monday.", "place:United States"},
      {"He grew up in St. Louis.", "place:St. Louis"},
      /* a place that is also a given name, before a speech verb */
      {"Jordan said the plan was dead.", "person:Jordan"},
      {"Michael Jordan said no.", "person:Michael Jordan"},
      {"She flew to Jordan on Monday.", "place:Jordan"},
      {"Cleveland calls itself a rock city.", "place:Cleveland"},
      /* places and offices inside organisation names */
      {"The New York Post reported it.", ""},
      {"The Department of Justice is investigating.", ""},
      /* capitals in a headline prove nothing; groups are not names */
      {"Obama Seeks More Refugees As He Recognizes Major Islamic Holiday",
       "person:Barack Obama|office:Major"},
      {"Most of the refugees are Sunni Muslims.", ""},
      /* an office in apposition is the person's office */
      {"Ana Lopez, the health minister, said so.",
       "person:Ana Lopez/health minister"},
      /* an article's own full name beats a listed surname */
      {"German novelist Katrin Albers won. Albers thanked the jury.",
       "person:Katrin Albers|person:Katrin Albers"},
  };
  check(cases, ARRAY_LEN(cases));
}
END_TEST

START_TEST(scale) {
  /* the gazetteers keep their size (issue 3 targets) */
  const ws_ctx *c = test_ctx_();
  ck_assert_uint_ge(c->counts[COUNT_PLACE], 100000);
  ck_assert_uint_ge(c->counts[COUNT_PERSON], 3000);
  ck_assert_uint_ge(c->counts[COUNT_OFFICE], 3000);
  ck_assert_uint_ge(c->counts[COUNT_DEMONYM], 400);
  ck_assert_uint_ge(c->counts[COUNT_GIVEN] + c->counts[COUNT_SURNAME], 30000);
}
END_TEST

START_TEST(speech_context) {
  static const ent_case cases[] = {
      {"\"No,\" said Daniel Tetteh Quaye.", "person:Daniel Tetteh Quaye"},
      {"Lindenhof Foundation said no.", ""},
      {"Read Entire Article", ""},
  };
  check(cases, ARRAY_LEN(cases));
}
END_TEST

int main(void) {
  const feature f[] = {{"gazetteer-match", gazetteer_match},
                              {"titles", titled_people},
                              {"aliases", aliases},
                              {"speech-context", speech_context},
                              {"places-in-context", places_in_context},
                              {"scale", scale}};
  return RUN_FEATURES("entities", f);
}
