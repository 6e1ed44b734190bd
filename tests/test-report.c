/* test-report.c: report PNGs of the demo data, and their failures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ps-render.h"
#include "ps-report.h"
#include "ps-test-util.h"

#define DEMO "/io/github/perpscope/Perpscope/demo/"

/* 2025-10-01 and 2026-01-01, 00:00 UTC */
#define OCT_1_MS  G_GINT64_CONSTANT (1759276800000)
#define JAN_1_MS  G_GINT64_CONSTANT (1767225600000)

typedef struct
{
  PsCandles      *candles;
  PsFunding      *funding;
  PsOpenInterest *open_interest;
  PsReport        report;
  char           *dir;
} Fixture;

/* The demo CSV rows as arrays of doubles, header skipped. */
static GPtrArray *
load_csv (const char *name,
          guint       columns)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = g_strconcat (DEMO, name, NULL);
  gsize size;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  text = g_strndup (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (g_strstrip (lines[i]), ",", -1);
      double *row;

      if (*lines[i] == '\0')
        continue;
      g_assert_cmpuint (g_strv_length (fields), ==, columns);
      row = g_new (double, columns);
      for (guint c = 0; c < columns; c++)
        {
          char *end = NULL;

          row[c] = g_ascii_strtod (fields[c], &end);
          g_assert_true (end != fields[c] && *end == '\0');
        }
      g_ptr_array_add (rows, row);
    }

  g_assert_cmpuint (rows->len, >, 10);
  return rows;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) candles = load_csv ("candles-4h.csv", 6);
  g_autoptr(GPtrArray) funding = load_csv ("funding.csv", 3);
  g_autoptr(GPtrArray) oi = load_csv ("open-interest-1d.csv", 2);

  f->candles = ps_candles_new (candles->len);
  for (guint i = 0; i < candles->len; i++)
    {
      const double *r = candles->pdata[i];

      ps_candles_append (f->candles, (gint64) r[0], r[1], r[2], r[3], r[4], r[5], NAN);
    }
  f->funding = ps_funding_new (funding->len);
  for (guint i = 0; i < funding->len; i++)
    {
      const double *r = funding->pdata[i];

      ps_funding_append (f->funding, (gint64) r[0], r[1], r[2]);
    }
  f->open_interest = ps_open_interest_new (oi->len);
  for (guint i = 0; i < oi->len; i++)
    {
      const double *r = oi->pdata[i];

      ps_open_interest_append (f->open_interest, (gint64) r[0], NAN, r[1]);
    }

  f->report = (PsReport) {
    .venue_name = "Binance",
    .symbol = "BTCUSDT",
    .interval = PS_INTERVAL_4H,
    .from_ms = OCT_1_MS,
    .to_ms = JAN_1_MS,
    .note = "Demo data",
    .candles = f->candles,
    .funding = f->funding,
    .open_interest = f->open_interest,
  };

  /* G_TEST_OPTION_ISOLATE_DIRS gives each test its own XDG dirs. */
  f->dir = g_build_filename (g_get_user_cache_dir (), "reports", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0755), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->candles, ps_candles_unref);
  g_clear_pointer (&f->funding, ps_funding_unref);
  g_clear_pointer (&f->open_interest, ps_open_interest_unref);
  g_clear_pointer (&f->dir, g_free);
}

static gboolean
near_rgb (guint32        px,
          const PsColor *color)
{
  int r = lround (color->red * 255);
  int g = lround (color->green * 255);
  int b = lround (color->blue * 255);

  return abs ((int) ((px >> 16) & 0xff) - r) <= 2 &&
         abs ((int) ((px >> 8) & 0xff) - g) <= 2 &&
         abs ((int) (px & 0xff) - b) <= 2;
}

static void
assert_report_png (const char *path,
                   int         width,
                   int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  PsChartStyle style;
  const guchar *data;
  guint up = 0, down = 0, blue = 0, white = 0;
  int stride;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, height);

  ps_chart_style_init_light (&style);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 px = *(const guint32 *) (gconstpointer) (data + y * stride + 4 * x) & 0xffffff;

        g_hash_table_add (colours, GUINT_TO_POINTER (px));
        up += near_rgb (px, &style.up);
        down += near_rgb (px, &style.down);
        blue += near_rgb (px, &style.oi_line);
        white += near_rgb (px, &style.background);
      }

  g_test_message ("%s: %u colours, %u up, %u down, %u blue pixels", path,
                  g_hash_table_size (colours), up, down, blue);
  /* Not blank: text, grid, fills, both candle colours and the OI line. */
  g_assert_cmpuint (g_hash_table_size (colours), >, 200);
  g_assert_cmpuint (up, >, 500);
  g_assert_cmpuint (down, >, 500);
  g_assert_cmpuint (blue, >, 100);
  /* Mostly background: a chart, not a smear. */
  g_assert_cmpuint (white, >, (guint) (width * height) / 2);

  cairo_surface_destroy (surface);
}

static void
assert_no_temp_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_assert_null (strstr (name, ".tmp-"));
}

static void
test_write_png (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "report.png", NULL);
  g_autofree char *small = g_build_filename (f->dir, "small.png", NULL);

  g_assert_true (ps_report_write_png (&f->report, 1600, 1000, path, &error));
  g_assert_no_error (error);
  assert_report_png (path, 1600, 1000);

  /* Over an existing file, at the smallest size allowed. */
  g_assert_true (ps_report_write_png (&f->report, PS_REPORT_MIN_WIDTH, PS_REPORT_MIN_HEIGHT,
                                      path, &error));
  g_assert_no_error (error);
  cairo_surface_destroy (cairo_image_surface_create_from_png (path));

  g_assert_true (ps_report_write_png (&f->report, 800, 500, small, &error));
  g_assert_no_error (error);
  assert_no_temp_files (f->dir);
}

static void
test_size (Fixture       *f,
           gconstpointer  data)
{
  static const int sizes[][2] = {
    { PS_REPORT_MIN_WIDTH - 1, 600 }, { 800, PS_REPORT_MIN_HEIGHT - 1 },
    { 0, 0 }, { -5, 600 }, { PS_REPORT_MAX_SIDE + 1, 600 }, { 800, PS_REPORT_MAX_SIDE + 1 },
  };
  g_autofree char *path = g_build_filename (f->dir, "size.png", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (ps_report_write_png (&f->report, sizes[i][0], sizes[i][1], path, &error));
      g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_SIZE);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

static void
test_no_data (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsCandles) empty = ps_candles_new (0);
  g_autofree char *path = g_build_filename (f->dir, "empty.png", NULL);
  PsReport report = f->report;

  /* Nothing at all. */
  report.candles = empty;
  report.funding = NULL;
  report.open_interest = NULL;
  g_assert_false (ps_report_write_png (&report, 800, 500, path, &error));
  g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_NO_DATA);
  g_clear_error (&error);

  /* Series, but all of them years before the range. */
  report = f->report;
  report.from_ms = JAN_1_MS + 365 * G_GINT64_CONSTANT (86400000);
  report.to_ms = report.from_ms + 30 * G_GINT64_CONSTANT (86400000);
  g_assert_false (ps_report_write_png (&report, 800, 500, path, &error));
  g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_NO_DATA);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* One series is enough: the other panes say they are empty. */
  report = f->report;
  report.candles = NULL;
  report.open_interest = NULL;
  g_assert_true (ps_report_write_png (&report, 800, 500, path, &error));
  g_assert_no_error (error);
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (locked, "report.png", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-dir", "report.png", NULL);

  g_assert_false (ps_report_write_png (&f->report, 800, 500, missing, &error));
  g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "report.png"));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
  if (access (locked, W_OK) == 0)
    {
      /* root writes anywhere: the rename over a folder fails instead. */
      g_autofree char *dir_path = g_build_filename (locked, "a-folder.png", NULL);

      g_assert_cmpint (g_chmod (locked, 0755), ==, 0);
      g_assert_cmpint (g_mkdir (dir_path, 0755), ==, 0);
      g_assert_false (ps_report_write_png (&f->report, 800, 500, dir_path, &error));
      g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "a-folder.png"));
      assert_no_temp_files (locked);
      g_assert_cmpint (g_rmdir (dir_path), ==, 0);
      g_assert_cmpint (g_rmdir (locked), ==, 0);
      return;
    }

  g_assert_false (ps_report_write_png (&f->report, 800, 500, path, &error));
  g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "report.png"));
  g_assert_nonnull (strstr (error->message, g_strerror (EACCES)));
  assert_no_temp_files (locked);
  g_assert_cmpint (g_chmod (locked, 0755), ==, 0);
  g_assert_cmpint (g_rmdir (locked), ==, 0);
}

static void
test_draw (Fixture       *f,
           gconstpointer  data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1000, 640);
  cairo_t *cr = cairo_create (surface);
  PsReport report = f->report;

  /* Straight onto a cairo_t, as SVG and PDF exports would; no data at
   * all still draws the frame and the empty notes without complaint. */
  ps_report_draw (&f->report, cr, 1000, 640);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  report.candles = NULL;
  report.funding = NULL;
  report.open_interest = NULL;
  report.note = NULL;
  ps_report_draw (&report, cr, 1000, 640);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/perpscope/export/report/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("write-png", test_write_png);
  ADD ("size", test_size);
  ADD ("no-data", test_no_data);
  ADD ("unwritable", test_unwritable);
  ADD ("draw", test_draw);
#undef ADD

  return g_test_run ();
}
