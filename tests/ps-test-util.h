/* ps-test-util.h: shared by the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <math.h>

G_BEGIN_DECLS

/* g_test_init with G_TEST_OPTION_ISOLATE_DIRS, registers the GResource and
 * sets the C locale for numbers. */
void    ps_test_init            (int    *argc,
                                 char ***argv);
/* tests/data/<name> (newly allocated). */
char   *ps_test_data_path       (const char *name);
/* Whole file from tests/data, NUL-terminated; aborts the test when missing. */
char   *ps_test_load_data       (const char *name,
                                 gsize      *length);
/* Iterates the default main context for ms: what timers and workers do
 * meanwhile happens, as it would while the app sits idle. */
void    ps_test_spin            (guint       ms);
/* Removes a test's temporary folder and everything in it (links not followed). */
void    ps_test_remove_dir      (const char *dir);

/* a == b, a NAN equal to a NAN. */
static inline void
assert_same_value (double a,
                   double b)
{
  if (isnan (a) || isnan (b))
    g_assert_true (isnan (a) && isnan (b));
  else
    g_assert_cmpfloat (a, ==, b);
}

G_END_DECLS
