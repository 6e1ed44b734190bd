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

#include "ps-recordings.h"
#include "ps-render.h"
#include "ps-report.h"
#include "ps-test-server.h"
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

  /* The sizes offered: social and Full HD, each whole and not blank. */
  g_assert_true (ps_report_write (&f->report, PS_REPORT_FORMAT_PNG, 1200, 675, path, &error));
  g_assert_no_error (error);
  assert_report_png (path, 1200, 675);
  g_assert_true (ps_report_write (&f->report, PS_REPORT_FORMAT_PNG, 1920, 1080, path, &error));
  g_assert_no_error (error);
  assert_report_png (path, 1920, 1080);
}

/* pdfinfo's report of path (-isodates: times in ISO 8601), or NULL when
 * poppler-utils is not installed. */
static char *
run_pdfinfo (const char *path)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  const char *argv[] = { pdfinfo, "-isodates", path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  if (pdfinfo == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The vector formats: a whole document (cairo finished it), over a file
 * that was there, and the file it replaced untouched on failure. */
static void
test_write_vector (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *svg = g_build_filename (f->dir, "report.svg", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *info = NULL;
  PsReport report = f->report;
  const char *title, *desc;
  gsize length;
  PsReportFormat format;

  /* 2026-12-03 14:05 UTC */
  f->report.generated_ms = G_GINT64_CONSTANT (1796306700000);
  g_assert_true (ps_report_write (&f->report, PS_REPORT_FORMAT_SVG, 1200, 675, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"1200px\" height=\"675px\""));
  g_assert_nonnull (strstr (contents, "</svg>"));
  /* The words, which cairo draws as outlines, are there as text: the title
   * and the whole summary right inside the root element, XML-escaped. */
  title = strstr (contents, "<title>Binance BTCUSDT · 4h, 2025-10-01 → 2026-01-01 UTC</title>");
  g_assert_nonnull (title);
  g_assert_true (title == strchr (strstr (contents, "<svg"), '>') + 2);
  desc = strstr (contents, "<desc>Price: last ");
  g_assert_nonnull (desc);
  summary = ps_report_summary_text (&f->report);
  escaped = g_markup_escape_text (summary, -1);
  g_assert_true (g_str_has_prefix (desc + strlen ("<desc>"), escaped));
  g_assert_true (g_str_has_prefix (desc + strlen ("<desc>") + strlen (escaped), "</desc>"));
  g_clear_pointer (&contents, g_free);

  /* A name with XML's own characters comes out escaped. */
  report.venue_name = "A & <B>";
  g_assert_true (ps_report_write (&report, PS_REPORT_FORMAT_SVG, 1200, 675, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<title>A &amp; &lt;B&gt; BTCUSDT · 4h, "));
  g_clear_pointer (&contents, g_free);

  g_assert_true (ps_report_write (&f->report, PS_REPORT_FORMAT_PDF, 842, 595, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_nonnull (g_strstr_len (contents + length - MIN (length, 64), MIN (length, 64), "%%EOF"));
  g_clear_pointer (&contents, g_free);
  /* One A4 landscape page, titled, its subject the summary's first line,
   * made when the report says (poppler's pdfinfo reads it back). */
  if ((info = run_pdfinfo (pdf)) != NULL)
    {
      g_autofree char *subject = g_strdup_printf ("\nSubject:         %.*s\n",
                                                  (int) strcspn (summary, "\n"), summary);

      g_test_message ("%s", info);
      g_assert_nonnull (strstr (info, "Pages:           1\n"));
      g_assert_nonnull (strstr (info, "842 x 595 pts"));
      g_assert_nonnull (strstr (info, "Title:           Binance BTCUSDT · 4h, 2025-10-01 → "
                                      "2026-01-01 UTC\n"));
      g_assert_nonnull (strstr (info, subject));
      g_assert_nonnull (strstr (info, "\nCreator:         Perpscope " PACKAGE_VERSION "\n"));
      g_assert_nonnull (strstr (info, "\nCreationDate:    2026-12-03T14:05:00"));
    }
  else
    g_test_message ("pdfinfo not installed: the PDF's pages and title not read back");

  /* Too small: an error, and the PDF written before is still whole. */
  g_assert_false (ps_report_write (&f->report, PS_REPORT_FORMAT_PDF, 100, 100, pdf, &error));
  g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_SIZE);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  assert_no_temp_files (f->dir);

  g_assert_true (ps_report_format_from_string ("PDF", &format));
  g_assert_cmpint (format, ==, PS_REPORT_FORMAT_PDF);
  g_assert_cmpstr (ps_report_format_extension (format), ==, "pdf");
  g_assert_false (ps_report_format_from_string ("jpeg", &format));
}

static void
write_async_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GError **error = user_data;

  if (!ps_report_write_finish (result, error))
    g_assert_nonnull (*error);
  else
    *error = (GError *) result;   /* done, no error: a non-NULL marker */
}

/* Written on a worker thread, the same file as written here, though the
 * caller let go of its strings and series as soon as it asked; and a
 * failure comes back as the same error. */
static void
test_write_async (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *sync_path = g_build_filename (f->dir, "sync.png", NULL);
  g_autofree char *async_path = g_build_filename (f->dir, "async.png", NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  gsize a_len, b_len;
  g_autoptr(GError) error = NULL;
  GError *done = NULL;
  PsReport report = f->report;
  char *venue = g_strdup (f->report.venue_name);
  char *symbol = g_strdup (f->report.symbol);

  report.generated_ms = OCT_1_MS;
  g_assert_true (ps_report_write (&report, PS_REPORT_FORMAT_PNG, 1200, 675, sync_path, &error));
  g_assert_no_error (error);

  report.venue_name = venue;
  report.symbol = symbol;
  report.candles = ps_candles_ref (f->candles);
  ps_report_write_async (&report, PS_REPORT_FORMAT_PNG, 1200, 675, async_path, NULL,
                         write_async_cb, &done);
  /* Gone before the worker draws: it holds its own copies. */
  memset (venue, 'x', strlen (venue));
  g_free (venue);
  g_free (symbol);
  ps_candles_unref (report.candles);
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_file_get_contents (sync_path, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (async_path, &b, &b_len, NULL));
  g_assert_cmpmem (a, a_len, b, b_len);

  done = NULL;
  report.venue_name = f->report.venue_name;
  report.symbol = f->report.symbol;
  report.candles = f->candles;
  ps_report_write_async (&report, PS_REPORT_FORMAT_PNG, 10, 10, async_path, NULL,
                         write_async_cb, &done);
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (done, PS_EXPORT_ERROR, PS_EXPORT_ERROR_SIZE);
  g_clear_error (&done);
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

/* Liquidations ------------------------------------------------------------------- */

static guint
count_near (cairo_surface_t *surface,
            const PsColor   *color,
            int              y0,
            int              y1)
{
  const guchar *data;
  int stride, width = cairo_image_surface_get_width (surface);
  guint n = 0;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = MAX (y0, 0); y < MIN (y1, cairo_image_surface_get_height (surface)); y++)
    for (int x = 0; x < width; x++)
      n += near_rgb (*(const guint32 *) (gconstpointer) (data + y * stride + 4 * x) & 0xffffff,
                     color);
  return n;
}

/* The lowest row holding a colour: the funding bars' bottom. */
static int
lowest_row_of (cairo_surface_t *surface,
               const PsColor   *color)
{
  int h = cairo_image_surface_get_height (surface);

  for (int y = h - 1; y >= 0; y--)
    if (count_near (surface, color, y, y + 1) > 2)
      return y;
  return -1;
}

static cairo_surface_t *
draw_report (const PsReport *report,
             int             width,
             int             height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  ps_report_draw (report, cr, width, height);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

/* A fifth pane under funding, only with liquidations or stretches not
 * recorded; bars, legend and markers in the two sides' colours. */
static void
test_liquidations (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (0);
  const gint64 day = G_GINT64_CONSTANT (86400000);
  static const PsTimeSpan gaps[] = { { OCT_1_MS, OCT_1_MS + 20 * 86400000LL } };
  cairo_surface_t *four, *five, *gaps_only;
  PsReport report = f->report;
  PsChartStyle style;
  int w = 1200, h = 800, four_low, five_low, gaps_low;

  /* Every 4h from 20 October, a long squeeze on 10 November. */
  for (gint64 t = OCT_1_MS + 20 * day; t < JAN_1_MS; t += 4 * 3600 * 1000)
    {
      gboolean squeeze = t >= OCT_1_MS + 40 * day && t < OCT_1_MS + 41 * day;

      ps_liquidations_append (liq, t + 60000, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE, 100000, NAN,
                              1, squeeze ? 8e6 : 2e5);
      ps_liquidations_append (liq, t + 120000, PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE, 100000, NAN,
                              1, 1.5e5);
    }
  ps_chart_style_init_light (&style);

  four = draw_report (&f->report, w, h);
  report.liquidations = liq;
  report.not_recorded = gaps;
  report.n_not_recorded = G_N_ELEMENTS (gaps);
  five = draw_report (&report, w, h);
  report.liquidations = NULL;
  gaps_only = draw_report (&report, w, h);

  /* Without liquidations, not a pixel in their colours. */
  g_assert_cmpuint (count_near (four, &style.liq_long, 0, h), <, 3);
  g_assert_cmpuint (count_near (four, &style.liq_short, 0, h), <, 3);
  /* With them: bars in the bottom quarter, and the price pane's legend dots
   * and markers in the top half. */
  g_assert_cmpuint (count_near (five, &style.liq_long, h * 3 / 4, h), >, 200);
  g_assert_cmpuint (count_near (five, &style.liq_short, h * 3 / 4, h), >, 200);
  g_assert_cmpuint (count_near (five, &style.liq_long, 0, h / 2), >, 20);

  /* Funding moves up to make room, with events or stretches alone. */
  four_low = lowest_row_of (four, &style.funding_positive);
  five_low = lowest_row_of (five, &style.funding_positive);
  gaps_low = lowest_row_of (gaps_only, &style.funding_positive);
  g_test_message ("funding ends at row %d (4 panes), %d (5 panes)", four_low, five_low);
  g_assert_cmpint (five_low, <, four_low - h / 8);
  g_assert_cmpint (gaps_low, ==, five_low);

  cairo_surface_destroy (four);
  cairo_surface_destroy (five);
  cairo_surface_destroy (gaps_only);

  /* Liquidations alone are data enough for a PNG. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *path = g_build_filename (f->dir, "liq.png", NULL);

    report = f->report;
    report.candles = NULL;
    report.funding = NULL;
    report.open_interest = NULL;
    report.liquidations = liq;
    g_assert_true (ps_report_write_png (&report, 800, 500, path, &error));
    g_assert_no_error (error);
  }
}

/* "2024-12-06 23:45:11.043000+05:30", the logger's local time. */
static gint64
parse_ist (const char *text)
{
  g_autofree char *iso = g_strdup (text);
  g_autoptr(GDateTime) dt = NULL;

  iso[10] = 'T';
  dt = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

/* Real events recorded from Binance's stream (tests/data), over real 5m
 * candles: the report draws them, dark too. */
static void
test_liquidations_recorded (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *liq_text =
    ps_test_load_data ("binance_btcusdt_liquidations_2024-12-06_13.csv", NULL);
  g_autofree char *candle_text =
    ps_test_load_data ("binance_btcusdt_perp_5m_2024-12-01_2024-12-31.csv", NULL);
  g_auto(GStrv) liq_lines = g_strsplit (liq_text, "\n", -1);
  g_auto(GStrv) candle_lines = g_strsplit (candle_text, "\n", -1);
  g_autoptr(PsLiquidations) liq = ps_liquidations_new (0);
  g_autoptr(PsCandles) candles = ps_candles_new (0);
  /* The logger ran 15:09–16:01, 17:45–19:47 and from 22:07 on 7 December
   * (UTC; ../shared/data/SOURCES.md). */
  const PsTimeSpan gaps[] = {
    { 1733587260000, 1733593500000 },   /* 16:01 → 17:45 */
    { 1733600820000, 1733609220000 },   /* 19:47 → 22:07 */
  };
  PsReport report = {
    .venue_name = "Binance", .symbol = "BTCUSDT", .interval = PS_INTERVAL_5M,
    .from_ms = 1733587200000, .to_ms = 1733623200000,   /* 7 Dec 16:00 → 8 Dec 02:00 */
    .candles = candles, .liquidations = liq,
    .not_recorded = gaps, .n_not_recorded = G_N_ELEMENTS (gaps),
  };
  PsChartStyle style;

  for (guint i = 1; liq_lines[i] != NULL; i++)
    {
      g_auto(GStrv) c = g_strsplit (g_strstrip (liq_lines[i]), ",", -1);
      double price, qty;

      if (g_strv_length (c) != 6)
        continue;
      price = g_ascii_strtod (c[2], NULL);
      qty = g_ascii_strtod (c[3], NULL);
      /* "Long Trade": a long position liquidated; Price is the order price. */
      ps_liquidations_append (liq, parse_ist (c[0]),
                              g_str_has_prefix (c[1], "Long") ? PS_LIQ_LONG : PS_LIQ_SHORT,
                              PS_LIQ_SOURCE_LIVE, price, NAN, qty, price * qty);
    }
  for (guint i = 1; candle_lines[i] != NULL; i++)
    {
      g_auto(GStrv) c = g_strsplit (g_strstrip (candle_lines[i]), ",", -1);

      if (g_strv_length (c) != 6)
        continue;
      ps_candles_append (candles, g_ascii_strtoll (c[0], NULL, 10), g_ascii_strtod (c[1], NULL),
                         g_ascii_strtod (c[2], NULL), g_ascii_strtod (c[3], NULL),
                         g_ascii_strtod (c[4], NULL), g_ascii_strtod (c[5], NULL), NAN);
    }
  g_assert_cmpuint (liq->n, ==, 469);

  for (int dark = 0; dark < 2; dark++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_build_filename (f->dir, dark ? "dark.png" : "light.png", NULL);
      cairo_surface_t *png;

      report.dark = dark;
      g_assert_true (ps_report_write_png (&report, 1400, 900, path, &error));
      g_assert_no_error (error);

      png = cairo_image_surface_create_from_png (path);
      if (dark)
        ps_chart_style_init_dark (&style);
      else
        ps_chart_style_init_light (&style);
      g_assert_cmpuint (count_near (png, &style.liq_short, 900 * 3 / 4, 900), >, 100);
      g_assert_cmpuint (count_near (png, &style.liq_long, 900 * 3 / 4, 900), >, 20);
      g_assert_cmpuint (count_near (png, &style.background, 0, 900), >, 1400 * 900 / 2);
      cairo_surface_destroy (png);
    }
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

/* perpscope export --------------------------------------------------------------- */

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* `perpscope export` of 25 Nov → 15 Dec 2025 with the loopback Binance;
 * the child sees this test's (isolated) XDG dirs, so the recordings the
 * test wrote are the ones it reads. Returns the PNG. */
static cairo_surface_t *
run_export_from (PsTestServer *server,
                 const char   *dir,
                 const char   *name,
                 const char   *recordings)
{
  g_autofree char *cache = g_build_filename (dir, "cache.db", NULL);
  g_autofree char *png = g_build_filename (dir, name, NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  cairo_surface_t *surface;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "PERPSCOPE_BINANCE_REST",
                                ps_test_server_get_uri (server), TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("PERPSCOPE_BIN"), "export",
                                         "--venue", "binance", "--symbol", "BTCUSDT",
                                         "--interval", "4h", "--from", "2025-11-25",
                                         "--to", "2025-12-15", "--cache", cache,
                                         "--output", png, "--size", "1200x800",
                                         /* The model's predictions come in the
                                          * recorded ones' colours: left out. */
                                         "--no-heatmap",
                                         recordings ? "--recordings" : NULL, recordings, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, export_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_utf8_finish (process, result, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("export: %s%s", out, err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_remove (png);
  return surface;
}

static cairo_surface_t *
run_export (PsTestServer *server,
            const char   *dir,
            const char   *name)
{
  return run_export_from (server, dir, name, NULL);
}

/* The command's report has the liquidations pane and the price pane's
 * markers, from what was recorded; with nothing recorded, the pane says so
 * and no bar or marker is drawn. */
static void
test_cli_export (Fixture       *f,
                 gconstpointer  data)
{
  PsTestServer *server = NULL;
  g_autofree char *recordings_path = ps_recordings_dup_default_path ();
  g_autoptr(PsRecordings) recordings = NULL;
  g_autoptr(PsLiquidations) events = ps_liquidations_new (2);
  g_autoptr(GError) error = NULL;
  const gint64 dec_1 = 1764547200000, nov_25 = dec_1 - 6 * 24 * 3600000LL;
  cairo_surface_t *before, *after;
  PsChartStyle style;
  guint long_before, long_after, short_after;

  if (g_getenv ("PERPSCOPE_BIN") == NULL)
    {
      g_test_skip ("PERPSCOPE_BIN is not set");
      return;
    }

  server = ps_test_server_new ();
  ps_chart_style_init_light (&style);

  before = run_export (server, f->dir, "none.png");
  long_before = count_near (before, &style.liq_long, 0, 800);

  recordings = ps_recordings_new (recordings_path, &error);
  g_assert_no_error (error);
  ps_liquidations_append (events, dec_1 + 12 * 3600000LL, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                          85000, 85000, 60, 5100000);
  ps_liquidations_append (events, dec_1 + 36 * 3600000LL, PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE,
                          91000, 91000, 10, 910000);
  g_assert_true (ps_recordings_write_liquidations (recordings, "binance", "BTCUSDT", events,
                                                   nov_25, dec_1 + 10 * 24 * 3600000LL, NULL,
                                                   &error));
  g_assert_no_error (error);

  after = run_export (server, f->dir, "recorded.png");
  long_after = count_near (after, &style.liq_long, 0, 800);
  short_after = count_near (after, &style.liq_short, 0, 800);
  g_test_message ("long pixels %u → %u, short %u", long_before, long_after, short_after);
  g_assert_cmpuint (long_after, >, long_before + 100);
  g_assert_cmpuint (short_after, >, 40);

  cairo_surface_destroy (before);
  cairo_surface_destroy (after);
  ps_test_server_free (server);
}

/* export --recordings FILE draws the liquidations of that file, as record
 * and import write them there; without it, the default file (none here). */
static void
test_cli_export_recordings (Fixture       *f,
                            gconstpointer  data)
{
  PsTestServer *server = NULL;
  g_autofree char *recordings_path = g_build_filename (f->dir, "elsewhere.db", NULL);
  g_autoptr(PsRecordings) recordings = NULL;
  g_autoptr(PsLiquidations) events = ps_liquidations_new (1);
  g_autoptr(GError) error = NULL;
  const gint64 dec_1 = 1764547200000, nov_25 = dec_1 - 6 * 24 * 3600000LL;
  cairo_surface_t *by_default, *given;
  PsChartStyle style;
  guint long_default, long_given;

  if (g_getenv ("PERPSCOPE_BIN") == NULL)
    {
      g_test_skip ("PERPSCOPE_BIN is not set");
      return;
    }

  server = ps_test_server_new ();
  ps_chart_style_init_light (&style);

  recordings = ps_recordings_new (recordings_path, &error);
  g_assert_no_error (error);
  ps_liquidations_append (events, dec_1 + 12 * 3600000LL, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                          85000, 85000, 60, 5100000);
  g_assert_true (ps_recordings_write_liquidations (recordings, "binance", "BTCUSDT", events,
                                                   nov_25, dec_1 + 10 * 24 * 3600000LL, NULL,
                                                   &error));
  g_assert_no_error (error);
  g_clear_object (&recordings);

  by_default = run_export_from (server, f->dir, "default.png", NULL);
  given = run_export_from (server, f->dir, "given.png", recordings_path);
  long_default = count_near (by_default, &style.liq_long, 0, 800);
  long_given = count_near (given, &style.liq_long, 0, 800);
  g_test_message ("long pixels: default file %u, --recordings %u", long_default, long_given);
  g_assert_cmpuint (long_given, >, long_default + 100);

  cairo_surface_destroy (by_default);
  cairo_surface_destroy (given);
  ps_test_server_free (server);
}

/* A report is never written over a database: the recorded liquidations
 * cannot be fetched again. One named like a report, held open, then closed. */
static void
test_over_database (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "liquidations.png", NULL);
  g_autoptr(PsRecordings) recordings = NULL;
  g_autoptr(PsLiquidations) events = ps_liquidations_new (1);
  g_autoptr(PsLiquidations) kept = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 t = 1764547200000;

  recordings = ps_recordings_new (path, &error);
  g_assert_no_error (error);
  ps_liquidations_append (events, t, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE, 85000, 85000, 1, 85000);
  g_assert_true (ps_recordings_write_liquidations (recordings, "binance", "BTCUSDT", events,
                                                   t - 1000, t + 1000, NULL, &error));
  g_assert_no_error (error);

  for (int held = 1; held >= 0; held--)
    {
      if (!held)
        g_clear_object (&recordings);
      g_assert_false (ps_report_write_png (&f->report, 800, 500, path, &error));
      g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "is a database"));
      g_clear_error (&error);
      assert_no_temp_files (f->dir);
    }

  recordings = ps_recordings_new (path, &error);
  g_assert_no_error (error);
  kept = ps_recordings_read_liquidations (recordings, "binance", "BTCUSDT", t - 1000, t + 1000,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kept->n, ==, 1);
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
  ADD ("write-vector", test_write_vector);
  ADD ("write-async", test_write_async);
  ADD ("size", test_size);
  ADD ("no-data", test_no_data);
  ADD ("unwritable", test_unwritable);
  ADD ("over-database", test_over_database);
  ADD ("draw", test_draw);
  ADD ("liquidations", test_liquidations);
  ADD ("liquidations-recorded", test_liquidations_recorded);
  ADD ("cli-export", test_cli_export);
  ADD ("cli-export-recordings", test_cli_export_recordings);
#undef ADD

  return g_test_run ();
}
