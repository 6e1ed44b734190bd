/* test-time-axis.c: the shared time axis, its mapping, limits and ticks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ps-test-util.h"
#include "ps-time-axis.h"

#define MINUTE_MS ((gint64) 60 * 1000)
#define HOUR_MS   (60 * MINUTE_MS)
#define DAY_MS    (24 * HOUR_MS)

/* 2025-11-03 00:00 UTC */
#define NOV_3_MS  G_GINT64_CONSTANT (1762128000000)

typedef struct
{
  guint from;
  guint to;
  guint utc;
  guint changed;
} Counts;

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 Counts     *counts)
{
  if (strcmp (pspec->name, "from-ms") == 0)
    counts->from++;
  else if (strcmp (pspec->name, "to-ms") == 0)
    counts->to++;
  else if (strcmp (pspec->name, "utc") == 0)
    counts->utc++;
}

static void
count_changed_cb (PsTimeAxis *axis,
                  Counts     *counts)
{
  counts->changed++;
}

static void
test_new_destroy (void)
{
  PsTimeAxis *axis = ps_time_axis_new ();

  g_assert_true (PS_IS_TIME_AXIS (axis));
  g_assert_true (ps_time_axis_get_utc (axis));
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), <, ps_time_axis_get_to_ms (axis));
  g_assert_finalize_object (axis);
}

static void
test_mapping (void)
{
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  gint64 from = NOV_3_MS, to = NOV_3_MS + 7 * DAY_MS;

  ps_time_axis_set_range (axis, from, to);
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, from);
  g_assert_cmpint (ps_time_axis_get_to_ms (axis), ==, to);

  g_assert_cmpfloat_with_epsilon (ps_time_axis_to_x (axis, from, 800), 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (ps_time_axis_to_x (axis, to, 800), 800, 1e-9);
  g_assert_cmpfloat_with_epsilon (ps_time_axis_to_x (axis, from + (to - from) / 4, 800), 200, 1e-9);
  /* Outside the view maps outside [0, width): callers clip. */
  g_assert_cmpfloat (ps_time_axis_to_x (axis, from - DAY_MS, 800), <, 0);

  for (guint i = 0; i < 1000; i++)
    {
      gint64 t = g_test_rand_int_range (0, G_MAXINT32) % (to - from) + from;
      double x = ps_time_axis_to_x (axis, t, 1234.5);

      g_assert_cmpint (llabs (ps_time_axis_from_x (axis, x, 1234.5) - t), <=, 1);
    }
  g_assert_cmpint (ps_time_axis_from_x (axis, 400, 800), ==, from + (to - from) / 2);
}

static gint64
span_of (PsTimeAxis *axis)
{
  return ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis);
}

static void
test_zoom (void)
{
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  gint64 from = NOV_3_MS, to = NOV_3_MS + 10 * DAY_MS, center = from + 3 * DAY_MS;
  double x_before;

  ps_time_axis_set_range (axis, from, to);
  x_before = ps_time_axis_to_x (axis, center, 1000);

  /* In by half: the span halves, the time under the pointer stays put. */
  ps_time_axis_zoom (axis, center, 0.5);
  g_assert_cmpint (span_of (axis), ==, 5 * DAY_MS);
  g_assert_cmpfloat_with_epsilon (ps_time_axis_to_x (axis, center, 1000), x_before, 1e-3);

  ps_time_axis_zoom (axis, center, 3);
  g_assert_cmpint (span_of (axis), ==, 15 * DAY_MS);
  g_assert_cmpfloat_with_epsilon (ps_time_axis_to_x (axis, center, 1000), x_before, 1e-3);

  /* The span stops at 10 minutes and at 20 years, centre still fixed. */
  ps_time_axis_zoom (axis, center, 1e-9);
  g_assert_cmpint (span_of (axis), ==, 10 * MINUTE_MS);
  g_assert_cmpfloat_with_epsilon (ps_time_axis_to_x (axis, center, 1000), x_before, 1e-3);
  ps_time_axis_zoom (axis, center, 1e12);
  g_assert_cmpint (span_of (axis), >=, 20 * 365 * DAY_MS);
  g_assert_cmpint (span_of (axis), <=, 20 * 366 * DAY_MS);
  g_assert_cmpfloat_with_epsilon (ps_time_axis_to_x (axis, center, 1000), x_before, 1e-3);
}

static void
assert_within_limits (PsTimeAxis *axis,
                      gint64      limit_from,
                      gint64      limit_to)
{
  gint64 from = ps_time_axis_get_from_ms (axis), to = ps_time_axis_get_to_ms (axis);
  gint64 span = to - from;

  g_assert_cmpint (span, >=, 10 * MINUTE_MS);
  /* Never wider than the limits and their margins... */
  g_assert_cmpint (span, <=, (limit_to - limit_from) / 0.9 + 1);
  /* ...and never more than 5 % of the view outside them. */
  g_assert_cmpint (from, >=, limit_from - span / 20);
  g_assert_cmpint (to, <=, limit_to + span / 20);
}

static void
test_limits (void)
{
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  gint64 limit_from = NOV_3_MS, limit_to = NOV_3_MS + 30 * DAY_MS;
  gint64 got_from, got_to;

  g_assert_false (ps_time_axis_get_limits (axis, NULL, NULL));
  ps_time_axis_set_range (axis, limit_from + DAY_MS, limit_from + 3 * DAY_MS);
  ps_time_axis_set_limits (axis, limit_from, limit_to);
  g_assert_true (ps_time_axis_get_limits (axis, &got_from, &got_to));
  g_assert_cmpint (got_from, ==, limit_from);
  g_assert_cmpint (got_to, ==, limit_to);

  /* Two days in view: a pan stops 5 % of them (2.4 h) past the data. */
  ps_time_axis_pan (axis, -365 * DAY_MS);
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, limit_from - 2 * DAY_MS / 20);
  g_assert_cmpint (span_of (axis), ==, 2 * DAY_MS);

  ps_time_axis_pan (axis, 365 * DAY_MS);
  g_assert_cmpint (ps_time_axis_get_to_ms (axis), ==, limit_to + 2 * DAY_MS / 20);
  g_assert_cmpint (span_of (axis), ==, 2 * DAY_MS);

  /* Far out: the data fills the view but for the margins, however far
   * the wheel turns (the span used to grow to 20 years around it). */
  for (guint i = 0; i < 50; i++)
    ps_time_axis_zoom (axis, limit_to, 1.15);
  assert_within_limits (axis, limit_from, limit_to);
  g_assert_cmpint (span_of (axis), >=, 30 * DAY_MS);

  /* Fit: exactly the data. */
  ps_time_axis_set_range (axis, limit_to - 2 * DAY_MS, limit_to);
  ps_time_axis_fit (axis);
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, limit_from);
  g_assert_cmpint (ps_time_axis_get_to_ms (axis), ==, limit_to);

  /* Narrowing the limits moves and shrinks a view that no longer fits. */
  ps_time_axis_set_limits (axis, limit_from, limit_from + 5 * DAY_MS);
  assert_within_limits (axis, limit_from, limit_from + 5 * DAY_MS);

  /* Data shorter than the shortest view: the view is centred on it. */
  ps_time_axis_set_limits (axis, limit_from, limit_from + 2 * MINUTE_MS);
  g_assert_cmpint (span_of (axis), ==, 10 * MINUTE_MS);
  g_assert_cmpint (ps_time_axis_get_from_ms (axis), ==, limit_from - 4 * MINUTE_MS);

  /* Any walk of pans and zooms keeps the invariant. */
  ps_time_axis_set_limits (axis, limit_from, limit_to);
  for (guint i = 0; i < 2000; i++)
    {
      gint64 from = ps_time_axis_get_from_ms (axis), to = ps_time_axis_get_to_ms (axis);

      if (g_test_rand_bit ())
        ps_time_axis_pan (axis, (gint64) (g_test_rand_double_range (-2, 2) * (double) (to - from)));
      else
        ps_time_axis_zoom (axis,
                           from + (gint64) (g_test_rand_double () * (double) (to - from)),
                           g_test_rand_double_range (0.05, 8));
      assert_within_limits (axis, limit_from, limit_to);
    }
}

/* Inside the limits, a zoom keeps the time under the pointer where it is:
 * the wheel zooms at the crosshair and the crosshair stays on it. */
static void
test_zoom_keeps_anchor (void)
{
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  gint64 limit_from = NOV_3_MS, limit_to = NOV_3_MS + 60 * DAY_MS;
  gint64 anchor = limit_from + 25 * DAY_MS + 7 * HOUR_MS;
  double x_before;

  ps_time_axis_set_limits (axis, limit_from, limit_to);
  ps_time_axis_set_range (axis, limit_from + 20 * DAY_MS, limit_from + 30 * DAY_MS);
  x_before = ps_time_axis_to_x (axis, anchor, 1200);
  for (guint i = 0; i < 6; i++)
    {
      ps_time_axis_zoom (axis, anchor, i % 2 ? 1.15 : 1 / 1.15);
      g_assert_cmpfloat_with_epsilon (ps_time_axis_to_x (axis, anchor, 1200), x_before, 0.01);
    }
  ps_time_axis_zoom (axis, anchor, 1.15 * 1.15);
  g_assert_cmpfloat_with_epsilon (ps_time_axis_to_x (axis, anchor, 1200), x_before, 0.01);
}

static void
assert_ticks (PsTimeAxis *axis,
              double      width,
              double      min_spacing)
{
  g_autoptr(GArray) ticks = ps_time_axis_get_ticks (axis, width, min_spacing);
  gint64 from = ps_time_axis_get_from_ms (axis), to = ps_time_axis_get_to_ms (axis);

  g_assert_nonnull (ticks);
  /* A useful axis: two labels at least where the coarsest rung up the
   * ladder (×4.1 from 3 months to a year) still fits them twice. */
  if (width >= 10 * min_spacing)
    g_assert_cmpuint (ticks->len, >=, 2);
  g_assert_cmpuint (ticks->len, <=, (guint) (width / min_spacing) + 1);

  for (guint i = 0; i < ticks->len; i++)
    {
      const PsTimeTick *tick = &g_array_index (ticks, PsTimeTick, i);

      g_assert_cmpint (tick->t_ms, >=, from);
      g_assert_cmpint (tick->t_ms, <, to);
      /* Round: whole minutes always. */
      g_assert_cmpint (tick->t_ms % MINUTE_MS, ==, 0);
      g_assert_nonnull (tick->label);
      g_assert_cmpuint (strlen (tick->label), >, 0);

      if (i > 0)
        {
          const PsTimeTick *prev = &g_array_index (ticks, PsTimeTick, i - 1);

          g_assert_cmpfloat (ps_time_axis_to_x (axis, tick->t_ms, width)
                             - ps_time_axis_to_x (axis, prev->t_ms, width),
                             >=, min_spacing);
        }
    }
}

static void
test_ticks_spacing (void)
{
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  static const gint64 spans[] = {
    10 * MINUTE_MS, HOUR_MS, 6 * HOUR_MS, DAY_MS, 3 * DAY_MS, 10 * DAY_MS, 45 * DAY_MS,
    92 * DAY_MS, 400 * DAY_MS, 3 * 365 * DAY_MS, 20 * 365 * DAY_MS,
  };
  static const double widths[] = { 300, 800, 1600, 4000 };

  for (guint utc = 0; utc < 2; utc++)
    {
      ps_time_axis_set_utc (axis, utc);
      for (guint s = 0; s < G_N_ELEMENTS (spans); s++)
        for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
          {
            /* Odd offsets: views rarely start on a round time. */
            ps_time_axis_set_range (axis, NOV_3_MS + 7919 * s, NOV_3_MS + 7919 * s + spans[s]);
            assert_ticks (axis, widths[w], 66);
            assert_ticks (axis, widths[w], 120);
          }
    }
}

static const PsTimeTick *
find_tick (GArray     *ticks,
           const char *label)
{
  for (guint i = 0; i < ticks->len; i++)
    if (g_strcmp0 (g_array_index (ticks, PsTimeTick, i).label, label) == 0)
      return &g_array_index (ticks, PsTimeTick, i);
  return NULL;
}

static void
test_ticks_labels (void)
{
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  g_autoptr(GArray) ticks = NULL;
  const PsTimeTick *tick;

  /* One day in 1200 px: every 2 hours, midnight named after its day. */
  ps_time_axis_set_range (axis, NOV_3_MS - HOUR_MS, NOV_3_MS + DAY_MS - HOUR_MS);
  ticks = ps_time_axis_get_ticks (axis, 1200, 66);
  tick = find_tick (ticks, "Nov 3");
  g_assert_nonnull (tick);
  g_assert_true (tick->major);
  g_assert_cmpint (tick->t_ms, ==, NOV_3_MS);
  tick = find_tick (ticks, "02:00");
  g_assert_nonnull (tick);
  g_assert_false (tick->major);
  g_assert_cmpint (tick->t_ms, ==, NOV_3_MS + 2 * HOUR_MS);
  g_assert_cmpuint (ticks->len, ==, 12);
  g_clear_pointer (&ticks, g_array_unref);

  /* A quarter in 1200 px: weeks, the month's first day named "Nov". */
  ps_time_axis_set_range (axis, NOV_3_MS - 33 * DAY_MS, NOV_3_MS + 59 * DAY_MS);
  ticks = ps_time_axis_get_ticks (axis, 1200, 66);
  tick = find_tick (ticks, "Nov");
  g_assert_nonnull (tick);
  g_assert_true (tick->major);
  g_assert_cmpint (tick->t_ms, ==, NOV_3_MS - 2 * DAY_MS);
  tick = find_tick (ticks, "Nov 8");
  g_assert_nonnull (tick);
  g_assert_false (tick->major);
  g_clear_pointer (&ticks, g_array_unref);

  /* Two years in 800 px: quarters, the year's start named "2025". */
  ps_time_axis_set_range (axis, NOV_3_MS - 400 * DAY_MS, NOV_3_MS + 330 * DAY_MS);
  ticks = ps_time_axis_get_ticks (axis, 800, 66);
  tick = find_tick (ticks, "2025");
  g_assert_nonnull (tick);
  g_assert_true (tick->major);
  g_assert_cmpint (tick->t_ms, ==, G_GINT64_CONSTANT (1735689600000));
  g_assert_nonnull (find_tick (ticks, "Apr"));
  g_assert_null (find_tick (ticks, "Feb"));
  g_clear_pointer (&ticks, g_array_unref);

  /* A width of nothing: no ticks, no crash. */
  ticks = ps_time_axis_get_ticks (axis, 0, 66);
  g_assert_cmpuint (ticks->len, ==, 0);
}

/* The panes of a frame ask for the same ticks: the axis gives the ones it
 * has, and new ones when the range, width, spacing or zone changed. */
static void
test_ticks_kept (void)
{
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  g_autoptr(GArray) first = NULL;
  g_autoptr(GArray) again = NULL;
  g_autoptr(GArray) moved = NULL;
  g_autoptr(GArray) narrower = NULL;
  g_autoptr(GArray) sparser = NULL;
  g_autoptr(GArray) local = NULL;

  ps_time_axis_set_range (axis, NOV_3_MS - HOUR_MS, NOV_3_MS + DAY_MS - HOUR_MS);
  first = ps_time_axis_get_ticks (axis, 1200, 66);
  again = ps_time_axis_get_ticks (axis, 1200, 66);
  g_assert_true (first == again);

  ps_time_axis_set_range (axis, NOV_3_MS + HOUR_MS, NOV_3_MS + DAY_MS + HOUR_MS);
  moved = ps_time_axis_get_ticks (axis, 1200, 66);
  g_assert_true (moved != first);
  g_assert_cmpint (g_array_index (moved, PsTimeTick, 0).t_ms, ==, NOV_3_MS + 2 * HOUR_MS);
  /* The array handed out before is still whole. */
  g_assert_cmpint (g_array_index (first, PsTimeTick, 0).t_ms, ==, NOV_3_MS);
  g_assert_nonnull (find_tick (first, "Nov 3"));

  narrower = ps_time_axis_get_ticks (axis, 400, 66);
  g_assert_cmpuint (narrower->len, <, moved->len);
  sparser = ps_time_axis_get_ticks (axis, 400, 150);
  g_assert_cmpuint (sparser->len, <, narrower->len);

  /* main () set TZ to New York: the local ticks are other times. */
  ps_time_axis_set_utc (axis, FALSE);
  local = ps_time_axis_get_ticks (axis, 400, 150);
  g_assert_true (local != sparser);
  g_assert_cmpint (g_array_index (local, PsTimeTick, 0).t_ms, !=,
                   g_array_index (sparser, PsTimeTick, 0).t_ms);
}

static void
test_ticks_local (void)
{
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  g_autoptr(GArray) ticks = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

  /* main () set TZ to New York: 2025-11-02 has 25 hours there. */
  ps_time_axis_set_utc (axis, FALSE);
  ps_time_axis_set_range (axis, NOV_3_MS - DAY_MS, NOV_3_MS + DAY_MS);
  assert_ticks (axis, 1600, 40);
  ticks = ps_time_axis_get_ticks (axis, 1600, 40);

  for (guint i = 0; i < ticks->len; i++)
    {
      const PsTimeTick *tick = &g_array_index (ticks, PsTimeTick, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (tick->t_ms / 1000);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
      g_autofree char *hhmm = g_date_time_format (local, "%H:%M");

      /* On whole local hours, labelled with the local time. */
      g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
      if (!tick->major)
        g_assert_cmpstr (tick->label, ==, hhmm);
      else
        g_assert_cmpint (g_date_time_get_hour (local), ==, 0);
    }
  g_assert_nonnull (find_tick (ticks, "Nov 2"));
}

static void
test_notify (void)
{
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  Counts counts = { 0 };

  g_signal_connect (axis, "notify", G_CALLBACK (count_notify_cb), &counts);
  g_signal_connect (axis, "changed", G_CALLBACK (count_changed_cb), &counts);

  ps_time_axis_set_range (axis, NOV_3_MS, NOV_3_MS + DAY_MS);
  g_assert_cmpuint (counts.from, ==, 1);
  g_assert_cmpuint (counts.to, ==, 1);
  g_assert_cmpuint (counts.changed, ==, 1);

  /* The same range again: nothing. */
  ps_time_axis_set_range (axis, NOV_3_MS, NOV_3_MS + DAY_MS);
  ps_time_axis_pan (axis, 0);
  ps_time_axis_zoom (axis, NOV_3_MS, 1.0);
  g_assert_cmpuint (counts.from, ==, 1);
  g_assert_cmpuint (counts.to, ==, 1);
  g_assert_cmpuint (counts.changed, ==, 1);

  /* Only the end moves: only to-ms notifies, changed once. */
  ps_time_axis_set_range (axis, NOV_3_MS, NOV_3_MS + 2 * DAY_MS);
  g_assert_cmpuint (counts.from, ==, 1);
  g_assert_cmpuint (counts.to, ==, 2);
  g_assert_cmpuint (counts.changed, ==, 2);

  ps_time_axis_pan (axis, HOUR_MS);
  g_assert_cmpuint (counts.from, ==, 2);
  g_assert_cmpuint (counts.to, ==, 3);
  g_assert_cmpuint (counts.changed, ==, 3);

  g_object_set (axis, "from-ms", NOV_3_MS, NULL);
  g_assert_cmpuint (counts.from, ==, 3);
  g_assert_cmpuint (counts.to, ==, 3);
  g_assert_cmpuint (counts.changed, ==, 4);
  g_object_set (axis, "from-ms", NOV_3_MS, NULL);
  g_assert_cmpuint (counts.changed, ==, 4);

  ps_time_axis_set_utc (axis, FALSE);
  g_assert_cmpuint (counts.utc, ==, 1);
  g_assert_cmpuint (counts.changed, ==, 5);
  ps_time_axis_set_utc (axis, FALSE);
  g_object_set (axis, "utc", FALSE, NULL);
  g_assert_cmpuint (counts.utc, ==, 1);
  g_assert_cmpuint (counts.changed, ==, 5);
  g_assert_false (ps_time_axis_get_utc (axis));

  /* A pan against a limit that cannot move: nothing either. */
  ps_time_axis_set_limits (axis, NOV_3_MS, NOV_3_MS + 30 * DAY_MS);
  counts = (Counts) { 0 };
  ps_time_axis_pan (axis, -365 * DAY_MS);
  g_assert_cmpuint (counts.changed, ==, 1);
  ps_time_axis_pan (axis, -365 * DAY_MS);
  g_assert_cmpuint (counts.changed, ==, 1);
  g_assert_cmpuint (counts.from, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  /* Local-time ticks are tested in a zone with DST. */
  g_setenv ("TZ", "America/New_York", TRUE);
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/chart/time-axis/new-destroy", test_new_destroy);
  g_test_add_func ("/perpscope/chart/time-axis/mapping", test_mapping);
  g_test_add_func ("/perpscope/chart/time-axis/zoom", test_zoom);
  g_test_add_func ("/perpscope/chart/time-axis/limits", test_limits);
  g_test_add_func ("/perpscope/chart/time-axis/zoom-keeps-anchor", test_zoom_keeps_anchor);
  g_test_add_func ("/perpscope/chart/time-axis/ticks-spacing", test_ticks_spacing);
  g_test_add_func ("/perpscope/chart/time-axis/ticks-labels", test_ticks_labels);
  g_test_add_func ("/perpscope/chart/time-axis/ticks-local", test_ticks_local);
  g_test_add_func ("/perpscope/chart/time-axis/ticks-kept", test_ticks_kept);
  g_test_add_func ("/perpscope/chart/time-axis/notify", test_notify);

  return g_test_run ();
}
