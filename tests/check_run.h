/* check_run.h - running Check suites: one TCase per feature and the exit
 * status of the run. Public-API tests include it alone; testutil.h adds the
 * library internals. */
#ifndef WS_CHECK_RUN_H
#define WS_CHECK_RUN_H

#include <check.h>
#include <stdlib.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static inline int run_suite(Suite *s) {
  SRunner *sr = srunner_create(s);
  srunner_run_all(sr, CK_NORMAL);
  int failed = srunner_ntests_failed(sr);
  srunner_free(sr);
  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* One TCase per feature: {"feature", test} pairs. */
typedef struct {
  const char *name;
  const TTest *test;
} feature;

static inline int run_features(const char *suite, const feature *f, size_t n) {
  Suite *s = suite_create(suite);
  for (size_t i = 0; i < n; i++) {
    TCase *tc = tcase_create(f[i].name);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, f[i].test);
    suite_add_tcase(s, tc);
  }
  return run_suite(s);
}
#define RUN_FEATURES(name, arr) run_features(name, arr, ARRAY_LEN(arr))

#endif
