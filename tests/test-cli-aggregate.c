/* test-cli-aggregate.c: perpscope fetch, export and analyze --venue all
 * against the loopback Binance, every other venue refusing connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <json-glib/json-glib.h>

#include "ps-test-cli.h"

#define RANGE "--interval", "4h", "--from", "2025-10-01", "--to", "2025-10-08"

/* One venue answers, four fail: the command succeeds on the one, says each
 * failure on its own line and names the four at the end. */
static void
test_one_venue_answers (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "all.png", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) fetch = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) analyze = { 0 };
  JsonObject *root;
  JsonArray *venues;
  cairo_surface_t *surface;

  run_cli (f, NULL, &fetch, "fetch", "--venue", "all", "--symbol", "BTC", RANGE,
           "--cache", f->cache, NULL);
  g_assert_cmpint (fetch.status, ==, 0);
  /* 7 days of 4h candles, under Binance's own symbol. */
  g_assert_nonnull (strstr (fetch.out, "Binance BTCUSDT 4h, 2025-10-01"));
  g_assert_nonnull (strstr (fetch.out, "42 rows"));
  g_assert_nonnull (strstr (fetch.out, "Bybit BTCUSDT 4h: failed: "));
  g_assert_nonnull (strstr (fetch.out, "OKX BTC-USDT-SWAP 4h: failed: "));
  g_assert_nonnull (strstr (fetch.out, "BitMEX XBTUSD 4h: failed: "));
  g_assert_nonnull (strstr (fetch.out, "Hyperliquid BTC 4h: failed: "));
  g_assert_nonnull (strstr (fetch.err, "Binance BTCUSDT: done\n"));
  g_assert_nonnull (strstr (fetch.err, "OKX BTC-USDT-SWAP: failed: "));
  g_assert_nonnull (strstr (fetch.err, "perpscope: 4 of 5 venues failed: Bybit, OKX, BitMEX, "
                                       "Hyperliquid\n"));

  /* From the cache: Binance's range is there, the others are said. */
  run_cli (f, NULL, &export, "export", "--venue", "all", "--symbol", "BTCUSDT", RANGE,
           "--cache", f->cache, "--offline", "--output", png, "--size", "1000x700", NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_nonnull (strstr (export.err, "Bybit BTCUSDT: done\n"));
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1000);
  cairo_surface_destroy (surface);

  run_cli (f, NULL, &analyze, "analyze", "--venue", "all", "--symbol", "BTC", RANGE,
           "--cache", f->cache, "--offline", "--format", "json", NULL);
  g_assert_cmpint (analyze.status, ==, 0);
  json_parser_load_from_data (parser, analyze.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "venue"), ==, "all");
  g_assert_cmpfloat (json_object_get_double_member (root, "last_price"), >, 0);
  /* Each venue left out is named, in the notes too. */
  venues = json_object_get_array_member (json_object_get_object_member (root, "notes"), "venues");
  g_assert_nonnull (venues);
  g_assert_cmpuint (json_array_get_length (venues), >=, 4);
  g_assert_true (g_str_has_prefix (json_array_get_string_element (venues, 1),
                                   "Bybit BTCUSDT: nothing in this range"));
}

/* Nobody answers: exit 1, one error naming every venue. */
static void
test_all_fail (Fixture       *f,
               gconstpointer  data)
{
  g_auto(Run) fetch = { 0 };

  run_cli (f, "http://127.0.0.1:9", &fetch, "fetch", "--venue", "all", "--symbol", "BTC", RANGE,
           "--cache", f->cache, NULL);
  g_assert_cmpint (fetch.status, ==, 1);
  g_assert_nonnull (strstr (fetch.err, "perpscope: No venue has BTC 4h: Binance BTCUSDT: "));
  g_assert_nonnull (strstr (fetch.err, "; Hyperliquid BTC: "));
}

static void
test_unknown_venue (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Run) fetch = { 0 };

  run_cli (f, NULL, &fetch, "fetch", "--venue", "everywhere", "--cache", f->cache, NULL);
  assert_one_line_error (&fetch, 2, "or all)");
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add ("/perpscope/cli/aggregate/one-venue-answers", Fixture, NULL, fixture_setup,
              test_one_venue_answers, fixture_teardown);
  g_test_add ("/perpscope/cli/aggregate/all-fail", Fixture, NULL, fixture_setup,
              test_all_fail, fixture_teardown);
  g_test_add ("/perpscope/cli/aggregate/unknown-venue", Fixture, NULL, fixture_setup,
              test_unknown_venue, fixture_teardown);

  return g_test_run ();
}
