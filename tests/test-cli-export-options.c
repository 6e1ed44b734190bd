/* test-cli-export-options.c: perpscope export with the window's chart
 * options (--price-style, --log, --volume, --oi-unit, --oi-change,
 * --funding-annualised), against a loopback Binance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>

#include "ps-test-cli.h"

/* Rows of the two PNGs that differ, in [y0, y1) of the image's height. */
static guint
rows_differing (const char *a_path,
                const char *b_path,
                double      y0,
                double      y1)
{
  cairo_surface_t *a = cairo_image_surface_create_from_png (a_path);
  cairo_surface_t *b = cairo_image_surface_create_from_png (b_path);
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  guint n = 0;

  g_assert_cmpint (cairo_surface_status (a), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (b), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (b), ==, w);
  for (int y = (int) (y0 * h); y < (int) (y1 * h); y++)
    n += memcmp (cairo_image_surface_get_data (a) + (gsize) y * stride,
                 cairo_image_surface_get_data (b) + (gsize) y * stride, (gsize) w * 4) != 0;
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  return n;
}

static void
test_options (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *plain = g_build_filename (f->dir, "plain.png", NULL);
  g_autofree char *styled = g_build_filename (f->dir, "styled.png", NULL);
  g_auto(Run) fetch = { 0 };
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };

  run_cli (f, NULL, &fetch, "fetch", "--from", "2025-11-10", "--to", "2025-12-10",
           "--cache", f->cache, NULL);
  g_assert_cmpint (fetch.status, ==, 0);
  run_cli (f, "http://127.0.0.1:9", &a, "export", "--from", "2025-11-10", "--to", "2025-12-10",
           "--cache", f->cache, "--offline", "--no-heatmap", "--output", plain, NULL);
  g_assert_cmpint (a.status, ==, 0);
  run_cli (f, "http://127.0.0.1:9", &b, "export", "--from", "2025-11-10", "--to", "2025-12-10",
           "--cache", f->cache, "--offline", "--no-heatmap", "--output", styled,
           "--price-style", "OHLC", "--log", "--volume", "--oi-unit", "coin", "--oi-change",
           "--funding-annualised", NULL);
  g_assert_cmpint (b.status, ==, 0);
  /* The whole height changes: price, open interest and funding all drawn otherwise. */
  g_assert_cmpuint (rows_differing (plain, styled, 0.15, 0.5), >, 50);
  g_assert_cmpuint (rows_differing (plain, styled, 0.5, 0.9), >, 50);
}

static void
test_bad_options (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) style = { 0 };
  g_auto(Run) unit = { 0 };
  g_auto(Run) help = { 0 };

  run_cli (f, NULL, &style, "export", "--price-style", "bars", "--output", "x.png", NULL);
  assert_one_line_error (&style, 2, "“bars”");
  run_cli (f, NULL, &unit, "export", "--oi-unit", "btc", "--output", "x.png", NULL);
  assert_one_line_error (&unit, 2, "“btc”");
  run_cli (f, NULL, &help, "export", "--help", NULL);
  g_assert_nonnull (strstr (help.out, "--price-style"));
  g_assert_nonnull (strstr (help.out, "--log"));
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/perpscope/cli/export-options/" path, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)
  ADD ("options", test_options);
  ADD ("bad-options", test_bad_options);
#undef ADD

  return g_test_run ();
}
