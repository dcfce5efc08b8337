/* test_jsonw.c - the JSON writer's scalars against jansson: reals (the
 * hundredths fast path and the general "%.4g" path) and NUL-terminated
 * strings of every length and escape, byte for byte as json_dumps(). */
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "jsonw.h"
#include "testutil.h"

static void same_as_jansson(jsonw *w, json_t *v, const char *what) {
  char *want = json_dumps(v, JSON_REAL_PRECISION(4) | JSON_ENCODE_ANY);
  ck_assert_msg(w->buf.n == strlen(want) && !memcmp(w->buf.v, want, w->buf.n),
                "%s: writer %.*s, jansson %s", what, (int)w->buf.n, w->buf.v,
                want);
  free(want);
  json_decref(v);
}

static void check_real(double x) {
  jsonw w = {0};
  jw_reset(&w, false);
  jw_real(&w, x);
  char what[64];
  snprintf(what, sizeof what, "real %.17g", x);
  same_as_jansson(&w, json_real(x), what);
  jw_free(&w);
}

START_TEST(reals) {
  for (int k = 0; k <= 10000; k++) /* every confidence and beyond */
    check_real(round((double)k) / 100.0);
  const double odd[] = {-0.0,  -0.25,   0.125,  1.0 / 3, 0.001, 1e-7,  123456.0,
                        1e300, -1e-300, 99.995, 100.0,   0.07,  2.5e10};
  ARRAY_FOR_EACH(odd, x) { check_real(*x); }
  uint32_t rng = 7;
  for (int i = 0; i < 20000; i++) { /* rounded as emit.c rounds */
    rng = rng * 1103515245u + 12345u;
    double x = (double)(rng >> 8) / (double)(1u << 24) * 1.5;
    check_real(round(x * 100.0) / 100.0);
    check_real(x);
  }
}
END_TEST

START_TEST(strings) {
  /* lengths around the writer's growth step, with escapes at the ends */
  char s[600];
  const char fill[] = "ab\"c\\d\x01\n\t/e";
  for (size_t n = 0; n < sizeof s - 1; n += (n < 140 ? 1 : 37)) {
    for (int shape = 0; shape < 4; shape++) {
      for (size_t i = 0; i < n; i++)
        s[i] = shape == 0   ? 'x'
               : shape == 1 ? fill[i % (sizeof fill - 1)]
               : shape == 2 ? (char)(i % 31 + 1) /* control bytes */
                            : "\xC3\xA9"[i % 2]; /* U+00E9, whole if n even */
      if (shape == 3 && n % 2)
        continue;
      s[n] = '\0';
      jsonw w = {0};
      jw_reset(&w, false);
      jw_str(&w, s);
      char what[64];
      snprintf(what, sizeof what, "string of %zu bytes, shape %d", n, shape);
      same_as_jansson(&w, json_stringn_nocheck(s, n), what);
      jw_free(&w);
    }
  }
  jsonw w = {0};
  jw_reset(&w, false);
  jw_str(&w, NULL);
  ck_assert_int_eq(w.buf.n, 4);
  ck_assert(!memcmp(w.buf.v, "null", 4));
  jw_free(&w);
}
END_TEST

int main(void) {
  const feature f[] = {{"reals", reals}, {"strings", strings}};
  return RUN_FEATURES("jsonw", f);
}
