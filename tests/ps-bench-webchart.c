/* ps-bench-webchart.c: Perpscope's row in shared/bench/webchart
 *
 *   ps-bench webchart --csv data/candles_1m_<N>.csv --ranges data/panzoom_<N>.csv
 *                     [--runs 5] [--width 1920] [--height 1080]
 *
 * The contract of that README's "Adding the native app": the last stdout
 * line is JSON with cold_ms (one per fresh process: this program runs itself
 * again with --cold-only), frame_ms (one per range of the pan/zoom path,
 * after 5 warm-up ranges) and heap_mb (MiB, as the driver's: the series'
 * columns and levels, counted exactly). Two rows: "perpscope" (with levels)
 * and "perpscope-rows" (levels disabled: every visible row reduced).
 *
 * What is drawn: the price pane alone (one candle series, no volume, like
 * the web rows), by ps_render_price() into a width×height cairo image
 * surface. Times are the thread's CPU time of that drawing; there is no GTK
 * frame clock, snapshot or GSK upload here (a headless program), so a
 * window adds its compositing on top. Cold starts from the parsed columns
 * (the parse is timed apart, on stderr) and ends when the first frame is
 * drawn: series built, levels built, first frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "ps-bench-private.h"
#include "ps-levels.h"
#include "ps-render.h"

typedef struct
{
  guint   n;
  gint64 *t_ms;
  double *col[5];   /* open high low close volume */
} Columns;

static void
columns_clear (Columns *c)
{
  g_free (c->t_ms);
  for (guint k = 0; k < 5; k++)
    g_free (c->col[k]);
}

/* t_ms,open,high,low,close,volume */
static void
read_csv (const char *path,
          Columns    *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
  const char *p, *end;
  guint alloc = 1024;

  if (file == NULL)
    g_error ("%s", error->message);
  p = g_mapped_file_get_contents (file);
  end = p + g_mapped_file_get_length (file);
  c->n = 0;
  c->t_ms = g_new (gint64, alloc);
  for (guint k = 0; k < 5; k++)
    c->col[k] = g_new (double, alloc);

  p = memchr (p, '\n', end - p);   /* the header */
  while (p != NULL && ++p < end)
    {
      char *next;

      if (c->n == alloc)
        {
          alloc *= 2;
          c->t_ms = g_renew (gint64, c->t_ms, alloc);
          for (guint k = 0; k < 5; k++)
            c->col[k] = g_renew (double, c->col[k], alloc);
        }
      c->t_ms[c->n] = g_ascii_strtoll (p, &next, 10);
      if (next == p)
        break;
      p = next;
      for (guint k = 0; k < 5; k++)
        {
          /* strtod: the C locale, which this program never changes */
          c->col[k][c->n] = strtod (p + 1, &next);
          p = next;
        }
      c->n++;
      p = memchr (p, '\n', end - p);
    }
}

/* frame,from,to in bar indices (bar i centred on i) */
static GArray *
read_ranges (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *ranges = g_array_new (FALSE, FALSE, sizeof (double) * 2);

  if (!g_file_get_contents (path, &text, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], ",", -1);
      double r[2];

      if (g_strv_length (f) < 3)
        continue;
      r[0] = g_ascii_strtod (f[1], NULL);
      r[1] = g_ascii_strtod (f[2], NULL);
      g_array_append_vals (ranges, r, 1);
    }
  return ranges;
}

static PsCandles *
build_candles (const Columns *c)
{
  PsCandles *candles = ps_candles_new (c->n);

  for (guint i = 0; i < c->n; i++)
    ps_candles_append (candles, c->t_ms[i], c->col[0][i], c->col[1][i], c->col[2][i],
                       c->col[3][i], c->col[4][i], NAN);
  ps_candles_pack (candles);   /* as the cache's read does */
  return candles;
}

/* Bar index x to time: bar i spans [t0 + i·60 s, t0 + (i+1)·60 s), centred on i. */
static void
set_range (PsTimeAxis    *axis,
           const Columns *c,
           double         from,
           double         to)
{
  gint64 t0 = c->t_ms[0] + MINUTE / 2;

  ps_time_axis_set_range (axis, t0 + (gint64) llround (from * MINUTE),
                          t0 + (gint64) llround (to * MINUTE));
}

/* One cold start in this process: ms from parsed columns to the first frame. */
static double
cold_once (const Columns *c,
           int            width,
           int            height)
{
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  PsRect rect = { 0, 0, width, height };
  g_autoptr(PsCandles) candles = NULL;
  PsChartStyle style;
  double t = cpu_s ();

  ps_chart_style_init_dark (&style);
  candles = build_candles (c);
  set_range (axis, c, -0.5, c->n - 0.5);
  ps_render_price (cr, &rect, axis, candles, PS_INTERVAL_1M, "BTCUSDT", &style);
  cairo_surface_flush (surface);
  t = cpu_s () - t;
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return t * 1e3;
}

static GString *
json_row (const char   *name,
          const double *cold,
          guint         runs,
          const double *frames,
          guint         n_frames,
          double        heap_mb)
{
  GString *s = g_string_new (NULL);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (s, "{\"name\": \"%s\", \"version\": \"%s\", \"cold_ms\": [", name,
                          PACKAGE_VERSION);
  for (guint i = 0; i < runs; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "",
                            g_ascii_formatd (buf, sizeof buf, "%.3f", cold[i]));
  g_string_append (s, "], \"frame_ms\": [");
  for (guint i = 0; i < n_frames; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "",
                            g_ascii_formatd (buf, sizeof buf, "%.3f", frames[i]));
  g_string_append_printf (s, "], \"heap_mb\": %s}",
                          g_ascii_formatd (buf, sizeof buf, "%.2f", heap_mb));
  return s;
}

/* cold_ms of fresh processes: this program with --cold-only. */
static void
cold_runs (const char *csv,
           guint       runs,
           int         width,
           int         height,
           gboolean    levels,
           double     *cold)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *w = g_strdup_printf ("%d", width);
  g_autofree char *h = g_strdup_printf ("%d", height);

  for (guint r = 0; r < runs; r++)
    {
      const char *argv[] = { self, "webchart", "--cold-only", "--csv", csv, "--width", w,
                             "--height", h, levels ? "--levels" : "--no-levels", NULL };
      g_autofree char *out = NULL;
      g_autoptr(GError) error = NULL;
      int status;

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                         &status, &error) || !g_spawn_check_wait_status (status, &error))
        g_error ("cold run: %s", error->message);
      cold[r] = g_ascii_strtod (out, NULL);
    }
}

int
bench_webchart (int   argc,
                char *argv[])
{
  const char *csv = NULL, *ranges_path = NULL;
  gboolean cold_only = FALSE, levels = TRUE;
  int runs = 5, width = 1920, height = 1080;
  GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_FILENAME, &csv, "candles_1m_<N>.csv", "FILE" },
    { "ranges", 0, 0, G_OPTION_ARG_FILENAME, &ranges_path, "panzoom_<N>.csv", "FILE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "fresh processes for cold_ms (5)", "N" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "surface width (1920)", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "surface height (1080)", "PX" },
    { "cold-only", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &cold_only, NULL, NULL },
    { "levels", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &levels, NULL, NULL },
    { "no-levels", 0, G_OPTION_FLAG_HIDDEN | G_OPTION_FLAG_REVERSE, G_OPTION_ARG_NONE, &levels,
      NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- the native row of webchart-bench");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ranges = NULL;
  g_autoptr(PsTimeAxis) axis = NULL;
  g_autoptr(GString) row = NULL, rows_row = NULL;
  Columns c = { 0 };
  double t, parse_s, heap_mb;
  g_autofree double *cold = NULL, *cold_rows = NULL;
  guint n_frames;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (csv == NULL || (!cold_only && ranges_path == NULL))
    g_error ("--csv and --ranges are needed (see --help)");

  t = now_s ();
  read_csv (csv, &c);
  parse_s = now_s () - t;
  if (c.n == 0)
    g_error ("%s: no candles", csv);

  if (cold_only)
    {
      ps_levels_set_enabled (levels);
      g_print ("%.3f\n", cold_once (&c, width, height));
      columns_clear (&c);
      return 0;
    }

  runs = MAX (runs, 1);
  cold = g_new (double, runs);
  cold_rows = g_new (double, runs);
  cold_runs (csv, runs, width, height, TRUE, cold);
  cold_runs (csv, runs, width, height, FALSE, cold_rows);

  ranges = read_ranges (ranges_path);
  n_frames = ranges->len;
  {
    g_autoptr(PsCandles) candles = NULL;
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    cairo_t *cr = cairo_create (surface);
    PsRect rect = { 0, 0, width, height };
    g_autofree double *frames = g_new (double, n_frames);
    g_autofree double *frames_rows = g_new (double, n_frames);
    const double *r = (const double *) (gpointer) ranges->data;
    PsChartStyle style;

    ps_chart_style_init_dark (&style);
    axis = ps_time_axis_new ();
    candles = build_candles (&c);
    /* Only the first time is needed from here on: the resident figure
     * then counts what the chart holds, not the parse's copy. */
    {
      gint64 t0 = c.t_ms[0];

      columns_clear (&c);
      c = (Columns) { .n = candles->n, .t_ms = g_new (gint64, 1) };
      c.t_ms[0] = t0;
    }
    heap_mb = ((double) ps_candles_get_size (candles) +
               ps_candle_levels_get_size (ps_candles_get_levels (candles))) / 1048576;

    for (int pass = 0; pass < 2; pass++)
      {
        double *out = pass == 0 ? frames : frames_rows;

        ps_levels_set_enabled (pass == 0);
        /* 5 warm-up ranges, as the web rows: the path's first five. */
        for (guint k = 0; k < MIN (5, n_frames); k++)
          {
            set_range (axis, &c, r[2 * k], r[2 * k + 1]);
            ps_render_price (cr, &rect, axis, candles, PS_INTERVAL_1M, "BTCUSDT", &style);
          }
        for (guint k = 0; k < n_frames; k++)
          {
            set_range (axis, &c, r[2 * k], r[2 * k + 1]);
            t = cpu_s ();
            ps_render_price (cr, &rect, axis, candles, PS_INTERVAL_1M, "BTCUSDT", &style);
            cairo_surface_flush (surface);
            out[k] = (cpu_s () - t) * 1e3;
          }
      }
    ps_levels_set_enabled (TRUE);
    g_printerr ("perpscope: %u candles, CSV parse %.0f ms (not in cold), series + levels "
                "%.1f MiB, process resident %.1f MiB (with the %dx%d surface)\n", c.n,
                parse_s * 1e3, heap_mb, bench_resident_bytes () / 1048576., width, height);

    row = json_row ("perpscope", cold, runs, frames, n_frames, heap_mb);
    rows_row = json_row ("perpscope-rows", cold_rows, runs, frames_rows, n_frames,
                         (double) ps_candles_get_size (candles) / 1048576);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  g_print ("[%s, %s]\n", row->str, rows_row->str);
  columns_clear (&c);
  return 0;
}
