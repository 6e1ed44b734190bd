/* test-locale.c: the user's language and numbers, C's where scripts read
 *
 * The window and the reports speak the catalogue of LANGUAGE and write
 * numbers and months the locale's way ("101.516,5", "3. Dez" in German);
 * a locale with no digit separator of its own (C) keeps the exchanges'
 * commas. The German cases need de_DE.UTF-8 (build-aux/dev generates it)
 * and are skipped without it; the catalogues come from this build
 * (PERPSCOPE_LOCALEDIR, set by tests/meson.build).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "ps-render.h"
#include "ps-test-util.h"
#include "ps-time-axis.h"

#define DAY_MS (G_GINT64_CONSTANT (86400000))
#define NOV_25 G_GINT64_CONSTANT (1764028800000)   /* 2025-11-25T00:00:00Z */

/* Switches the whole process to locale and language, as the app would
 * start under them; FALSE when the system lacks the locale. */
static gboolean
use_locale (const char *locale,
            const char *language)
{
  g_setenv ("LC_ALL", locale, TRUE);
  g_setenv ("LANGUAGE", language, TRUE);
  /* setlocale () also drops gettext's cached lookups of the old language. */
  return setlocale (LC_ALL, "") != NULL;
}

static void
use_c_locale (void)
{
  g_assert_true (use_locale ("C.UTF-8", ""));
}

static gboolean
use_german (void)
{
  if (use_locale ("de_DE.UTF-8", "de"))
    return TRUE;
  use_c_locale ();
  g_test_skip ("de_DE.UTF-8 is not installed (localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
  return FALSE;
}

static void
assert_format (char       *text,
               const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_numbers_c (void)
{
  use_c_locale ();
  g_assert_cmpstr (ps_format_decimal_mark (), ==, ".");
  assert_format (ps_format_price (101516.5), "101,516.5");
  assert_format (ps_format_price (-1234.5), "\xe2\x88\x92" "1,234.50");
  assert_format (ps_format_usd_compact (8.34e9), "$8.34B");
  assert_format (ps_format_usd_compact (-1500), "\xe2\x88\x92$1.50K");
  assert_format (ps_format_percent (0.0001, 3), "0.010%");
}

/* The same numbers in German: the decimal comma, points between the groups. */
static void
test_numbers_german (void)
{
  if (!use_german ())
    return;

  g_assert_cmpstr (ps_format_decimal_mark (), ==, ",");
  assert_format (ps_format_price (101516.5), "101.516,5");
  assert_format (ps_format_price (-1234.5), "\xe2\x88\x92" "1.234,50");
  assert_format (ps_format_price (0.5), "0,5000");
  assert_format (ps_format_usd_compact (8.34e9), "$8,34B");
  assert_format (ps_format_usd_compact (-1500), "\xe2\x88\x92$1,50K");
  assert_format (ps_format_percent (0.0001, 3), "0,010%");
  /* Zero has no sign whatever its decimal mark: not "−0,000%". */
  assert_format (ps_format_percent (-1e-9, 3), "0,000%");
  assert_format (ps_format_usd_compact (-0.2), "$0");
  use_c_locale ();
}

/* The price pane's header under the pointer: "E … H … T … S …". */
static void
assert_price_header_german (void)
{
  g_autoptr(PsCandles) candles = ps_candles_new (1);
  g_autoptr(GString) text = g_string_new (NULL);
  PsCrosshairHeader header;
  PsChartStyle style;

  ps_chart_style_init_light (&style);
  ps_candles_append (candles, NOV_25, 101516.5, 102000, 100000, 101000.25, 10, 5);
  g_assert_true (ps_crosshair_header_price (&header, candles, PS_INTERVAL_1H, NOV_25 + 10,
                                            &style));
  for (guint i = 0; i < header.n_parts; i++)
    g_string_append (text, header.parts[i].text);
  g_assert_cmpstr (text->str, ==, "E 101.516,5  H 102.000,0  T 100.000,0  S 101.000,2  "
                                  "\xe2\x88\x92" "0,51%");
}

/* The labels under the chart: the locale's month names, in the order the
 * catalogue gives ("%-d. %b"), and the strings of the German catalogue. */
static void
test_dates_german (void)
{
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  g_autoptr(GArray) ticks = NULL;
  gboolean day_label = FALSE, december = FALSE;

  if (!use_german ())
    return;

  g_assert_cmpstr (_("Price"), ==, "Preis");
  g_assert_cmpstr (C_("treadmill phase", "Building"), ==, "Aufbau");
  assert_price_header_german ();

  ps_time_axis_set_utc (axis, TRUE);
  ps_time_axis_set_range (axis, NOV_25, NOV_25 + 20 * DAY_MS);
  ticks = ps_time_axis_get_ticks (axis, 1200, 60);
  g_assert_cmpuint (ticks->len, >=, 4);
  for (guint i = 0; i < ticks->len; i++)
    {
      const char *label = g_array_index (ticks, PsTimeTick, i).label;

      g_test_message ("tick %u: %s", i, label);
      g_assert_null (strstr (label, "Dec"));
      december |= g_str_equal (label, "Dez");
      /* "27. Nov", not "Nov 27". */
      day_label |= g_regex_match_simple ("^[0-9]{1,2}\\. (Nov|Dez)$", label, 0, 0);
    }
  g_assert_true (december);
  g_assert_true (day_label);
  use_c_locale ();
}

/* English, and C's numbers, once the locale is C again. */
static void
test_back_to_c (void)
{
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  g_autoptr(GArray) ticks = NULL;
  gboolean day_label = FALSE;

  use_c_locale ();
  g_assert_cmpstr (_("Price"), ==, "Price");
  ps_time_axis_set_utc (axis, TRUE);
  ps_time_axis_set_range (axis, NOV_25, NOV_25 + 20 * DAY_MS);
  ticks = ps_time_axis_get_ticks (axis, 1200, 60);
  for (guint i = 0; i < ticks->len; i++)
    day_label |= g_regex_match_simple ("^(Nov|Dec) [0-9]{1,2}$",
                                       g_array_index (ticks, PsTimeTick, i).label, 0, 0);
  g_assert_true (day_label);
  assert_format (ps_format_price (101516.5), "101,516.5");
}

int
main (int   argc,
      char *argv[])
{
  const char *dir = g_getenv ("PERPSCOPE_LOCALEDIR");

  ps_test_init (&argc, &argv);
  g_assert_nonnull (dir);
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/perpscope/po/locale/numbers-c", test_numbers_c);
  g_test_add_func ("/perpscope/po/locale/numbers-german", test_numbers_german);
  g_test_add_func ("/perpscope/po/locale/dates-german", test_dates_german);
  g_test_add_func ("/perpscope/po/locale/back-to-c", test_back_to_c);

  return g_test_run ();
}
