/* test-report-task.c: reports written and drawn on a worker thread, from
 * what the caller freed the moment it asked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "ps-analysis.h"
#include "ps-report-task.h"
#include "ps-report.h"
#include "ps-test-real-data.h"
#include "ps-test-util.h"

#define HOUR_MS (G_GINT64_CONSTANT (3600) * 1000)
#define WIDTH   1200
#define HEIGHT  800

typedef struct
{
  PsCandles      *candles;
  PsOpenInterest *open_interest;
  PsFunding      *funding;
  PsLiquidations *liquidations;
  PsAnalysis     *analysis;
  GArray         *not_recorded;   /* PsTimeSpan */
  PsScore         scores[3];
  char           *dir;
} Fixture;

/* The real late-2025 data, 7 Nov – 18 Dec 2025, with an analysis and
 * liquidations recorded 15 Nov – 10 Dec (as test-report-analysis has them):
 * every kind of thing a report lends. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PsCandles) all = load_candles ("binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv");
  g_autoptr(GError) error = NULL;
  PsAnalysisParams params;
  PsAnalysisInput input = { 0 };
  gint64 from_ms, to_ms, rec_from, rec_to;
  PsTimeSpan spans[2];

  f->open_interest = load_open_interest ();
  f->funding = load_funding ();
  from_ms = f->open_interest->t_ms[0];
  to_ms = f->open_interest->t_ms[f->open_interest->n - 1] + 24 * HOUR_MS;
  f->candles = ps_candles_slice (all, from_ms, to_ms);

  rec_from = from_ms + 8 * 24 * HOUR_MS;
  rec_to = rec_from + 25 * 24 * HOUR_MS;
  f->liquidations = ps_liquidations_new (0);
  for (guint i = 0; i < f->candles->n; i++)
    if (f->candles->t_ms[i] >= rec_from && f->candles->t_ms[i] < rec_to)
      ps_liquidations_append (f->liquidations, f->candles->t_ms[i] + HOUR_MS,
                              i % 3 ? PS_LIQ_LONG : PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE,
                              f->candles->low[i], f->candles->low[i], 1, 2e5 + 1e4 * (i % 7));
  spans[0] = (PsTimeSpan) { from_ms, rec_from };
  spans[1] = (PsTimeSpan) { rec_to, to_ms };
  f->not_recorded = g_array_new (FALSE, FALSE, sizeof (PsTimeSpan));
  g_array_append_vals (f->not_recorded, spans, 2);

  ps_analysis_params_init (&params);
  params.treadmill.baseline_ms = 7 * 24 * HOUR_MS;
  input.candles = f->candles;
  input.open_interest = f->open_interest;
  input.funding = f->funding;
  input.liquidations = f->liquidations;
  input.not_recorded = f->not_recorded;
  f->analysis = ps_analysis_run (&params, &input, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint m = 0; m < G_N_ELEMENTS (f->scores); m++)
    {
      g_assert_nonnull (ps_analysis_get_score (f->analysis, m));
      f->scores[m] = *ps_analysis_get_score (f->analysis, m);
    }
  /* Scores of the caller's own: the summary shows them, not the analysis'. */
  f->scores[0].hit_rate = 0.5;

  f->dir = g_build_filename (g_get_user_cache_dir (), "reports", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0755), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->analysis, ps_analysis_unref);
  g_clear_pointer (&f->candles, ps_candles_unref);
  g_clear_pointer (&f->open_interest, ps_open_interest_unref);
  g_clear_pointer (&f->funding, ps_funding_unref);
  g_clear_pointer (&f->liquidations, ps_liquidations_unref);
  g_clear_pointer (&f->not_recorded, g_array_unref);
  ps_test_remove_dir (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

/* A report whose every pointer is the caller's own: fresh strings, series
 * sliced anew, a copy of the spans and scores, a new variant. */
static void
report_init_owned (PsReport *report,
                   Fixture  *f)
{
  gint64 from_ms = f->open_interest->t_ms[0];
  gint64 to_ms = f->open_interest->t_ms[f->open_interest->n - 1] + 24 * HOUR_MS;

  *report = (PsReport) {
    .venue_name = g_strdup ("Binance"),
    .symbol = g_strdup ("BTCUSDT"),
    .interval = PS_INTERVAL_4H,
    .from_ms = from_ms,
    .to_ms = to_ms,
    .note = g_strdup ("Recorded in tests"),
    .dark = TRUE,
    .candles = ps_candles_slice (f->candles, from_ms, to_ms),
    .funding = ps_funding_slice (f->funding, from_ms, to_ms),
    .open_interest = ps_open_interest_slice (f->open_interest, from_ms, to_ms),
    .liquidations = ps_liquidations_slice (f->liquidations, from_ms, to_ms),
    .not_recorded = g_memdup2 (f->not_recorded->data, f->not_recorded->len * sizeof (PsTimeSpan)),
    .n_not_recorded = f->not_recorded->len,
    .analysis = ps_analysis_ref (f->analysis),
    .heatmap_opacity = PS_REPORT_HEATMAP_OPACITY,
    .scores = g_memdup2 (f->scores, sizeof f->scores),
    .verdict = g_strdup ("The caller’s verdict"),
    .pane_sizes = g_variant_ref_sink (g_variant_new_parsed ("{'price': 0.6, 'funding': 0.2, "
                                                            "'liquidations': 0.2}")),
    .price_style = PS_PRICE_OHLC,
    .show_volume = TRUE,
    .oi_delta = TRUE,
  };
}

/* What a caller does once it asked: scribbles over what it may reuse, then
 * frees all of it. A task that only borrowed would draw the scribbles (or,
 * under ASan, read freed memory). */
static void
report_scribble_and_free (PsReport *report)
{
  memset ((char *) report->venue_name, 'X', strlen (report->venue_name));
  memset ((char *) report->symbol, 'X', strlen (report->symbol));
  memset ((char *) report->note, 'X', strlen (report->note));
  memset ((char *) report->verdict, 'X', strlen (report->verdict));
  memset ((PsTimeSpan *) report->not_recorded, 0, report->n_not_recorded * sizeof (PsTimeSpan));
  memset ((PsScore *) report->scores, 0, 3 * sizeof (PsScore));

  g_free ((char *) report->venue_name);
  g_free ((char *) report->symbol);
  g_free ((char *) report->note);
  g_free ((char *) report->verdict);
  g_free ((PsTimeSpan *) report->not_recorded);
  g_free ((PsScore *) report->scores);
  ps_candles_unref (report->candles);
  ps_funding_unref (report->funding);
  ps_open_interest_unref (report->open_interest);
  ps_liquidations_unref (report->liquidations);
  ps_analysis_unref (report->analysis);
  g_variant_unref (report->pane_sizes);
  memset (report, 0, sizeof *report);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (object);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);

  g_assert_no_error (error);
  return g_mapped_file_get_bytes (file);
}

/* The async PNG is the sync one, byte for byte, though the caller freed
 * (and scribbled over) everything it lent the moment it asked. */
static void
test_write_same (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *sync_path = g_build_filename (f->dir, "sync.png", NULL);
  g_autofree char *async_path = g_build_filename (f->dir, "async.png", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sync_bytes = NULL;
  g_autoptr(GBytes) async_bytes = NULL;
  PsReport report;

  report_init_owned (&report, f);
  g_assert_true (ps_report_write (&report, PS_REPORT_FORMAT_PNG, WIDTH, HEIGHT, sync_path,
                                  &error));
  g_assert_no_error (error);

  ps_report_write_async (&report, PS_REPORT_FORMAT_PNG, WIDTH, HEIGHT, async_path, NULL,
                         store_result_cb, &result);
  report_scribble_and_free (&report);
  /* Nothing written before the main loop hears of it: the worker runs on. */
  g_assert_true (ps_report_write_finish (wait_result (&result), &error));
  g_assert_no_error (error);

  sync_bytes = read_file (sync_path);
  async_bytes = read_file (async_path);
  g_test_message ("PNG: %zu bytes", g_bytes_get_size (sync_bytes));
  g_assert_cmpuint (g_bytes_get_size (sync_bytes), >, 10000);
  g_assert_true (g_bytes_equal (sync_bytes, async_bytes));
}

/* SVG and PDF too, with the caller's words in them (the SVG's title). */
/* Whether data holds needle: a PDF's streams hold NULs, where strstr stops. */
static gboolean
has_bytes (const char *data,
           gsize       length,
           const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
test_write_vector (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *svg = g_build_filename (f->dir, "async.svg", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "async.pdf", NULL);
  g_autoptr(GAsyncResult) svg_result = NULL;
  g_autoptr(GAsyncResult) pdf_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  PsReport report;

  report_init_owned (&report, f);
  ps_report_write_async (&report, PS_REPORT_FORMAT_SVG, WIDTH, HEIGHT, svg, NULL,
                         store_result_cb, &svg_result);
  ps_report_write_async (&report, PS_REPORT_FORMAT_PDF, 842, 595, pdf, NULL,
                         store_result_cb, &pdf_result);
  report_scribble_and_free (&report);

  g_assert_true (ps_report_write_finish (wait_result (&svg_result), &error));
  g_assert_no_error (error);
  g_assert_true (ps_report_write_finish (wait_result (&pdf_result), &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (svg, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, "<title>Binance BTCUSDT 4h, 2025-11-07"));
  g_assert_nonnull (strstr (contents, "</svg>"));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (pdf, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_true (has_bytes (contents, length, "/Title (Binance BTCUSDT 4h"));
}

/* The image drawn off the main thread is the PNG's pixels. */
static void
test_draw_image (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "image.png", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image, *png;
  int stride_i, stride_p;
  PsReport report;

  report_init_owned (&report, f);
  g_assert_true (ps_report_write (&report, PS_REPORT_FORMAT_PNG, WIDTH, HEIGHT, path, &error));
  ps_report_draw_image_async (&report, WIDTH, HEIGHT, NULL, store_result_cb, &result);
  report_scribble_and_free (&report);

  image = ps_report_draw_image_finish (wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (image);
  g_assert_cmpint (cairo_image_surface_get_format (image), ==, CAIRO_FORMAT_ARGB32);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, WIDTH);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, HEIGHT);

  png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  stride_i = cairo_image_surface_get_stride (image);
  stride_p = cairo_image_surface_get_stride (png);
  for (int y = 0; y < HEIGHT; y++)
    for (int x = 0; x < WIDTH; x++)
      {
        guint32 a = *(guint32 *) (gpointer) (cairo_image_surface_get_data (image) + y * stride_i + 4 * x);
        guint32 b = *(guint32 *) (gpointer) (cairo_image_surface_get_data (png) + y * stride_p + 4 * x);

        /* Opaque everywhere, the same colours. */
        if ((a >> 24) != 0xff || (a & 0xffffff) != (b & 0xffffff))
          g_error ("pixel %d,%d: %08x in the image, %08x in the PNG", x, y, a, b);
      }

  cairo_surface_destroy (png);
  cairo_surface_destroy (image);
}

/* Errors come back through finish, in the export domain; cancelled before
 * the worker starts, nothing is written. */
static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "none.png", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "no-such-folder", "report.png", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  PsReport report;

  report_init_owned (&report, f);

  ps_report_write_async (&report, PS_REPORT_FORMAT_PNG, 100, 100, path, NULL,
                         store_result_cb, &result);
  g_assert_false (ps_report_write_finish (wait_result (&result), &error));
  g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_SIZE);
  g_clear_error (&error);
  g_clear_object (&result);

  ps_report_write_async (&report, PS_REPORT_FORMAT_SVG, WIDTH, HEIGHT, bad, NULL,
                         store_result_cb, &result);
  g_assert_false (ps_report_write_finish (wait_result (&result), &error));
  g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_WRITE);
  g_clear_error (&error);
  g_clear_object (&result);

  g_cancellable_cancel (cancellable);
  ps_report_write_async (&report, PS_REPORT_FORMAT_PNG, WIDTH, HEIGHT, path, cancellable,
                         store_result_cb, &result);
  g_assert_false (ps_report_write_finish (wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A range with nothing in it: no image. */
  report.from_ms = report.to_ms + 24 * HOUR_MS;
  report.to_ms = report.from_ms + 24 * HOUR_MS;
  ps_report_draw_image_async (&report, WIDTH, HEIGHT, NULL, store_result_cb, &result);
  image = ps_report_draw_image_finish (wait_result (&result), &error);
  g_assert_null (image);
  g_assert_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_NO_DATA);
  g_clear_object (&result);

  report_scribble_and_free (&report);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/perpscope/export/report-task/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("write-same", test_write_same);
  ADD ("write-vector", test_write_vector);
  ADD ("draw-image", test_draw_image);
  ADD ("errors", test_errors);
#undef ADD

  return g_test_run ();
}
