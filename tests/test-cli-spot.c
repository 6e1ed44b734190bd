/* test-cli-spot.c: perpscope analyze gives the perp share of volume, or says
 * it is not known
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against the loopback Binance: perp 4h candles and spot 4h (the real spot 5m
 * of November 2025 summed per 4 hours), whose volume is about a sixth of the
 * perpetual's (../shared/data/SOURCES.md).
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "ps-test-cli.h"

#define RANGE "--interval", "4h", "--from", "2025-11-20", "--to", "2025-11-29"

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_node_get_object (json_parser_get_root (parser));
}

static void
spot_setup (Fixture       *f,
            gconstpointer  data)
{
  fixture_setup (f, data);
  g_setenv ("PERPSCOPE_BINANCE_SPOT_REST", ps_test_server_get_uri (f->server), TRUE);
}

static void
spot_teardown (Fixture       *f,
               gconstpointer  data)
{
  g_setenv ("PERPSCOPE_BINANCE_SPOT_REST", "http://127.0.0.1:9", TRUE);
  fixture_teardown (f, data);
}

static void
test_share (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  JsonObject *share;

  run_cli (f, NULL, &text, "analyze", RANGE, "--cache", f->cache, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "\nPerp share of volume: 8"));
  g_assert_nonnull (strstr (text.out, " BTC, perp "));

  run_cli (f, NULL, &json, "analyze", RANGE, "--cache", f->cache, "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  share = json_object_get_object_member (parse_object (parser, json.out), "perp_volume_share");
  g_assert_nonnull (share);
  g_assert_cmpfloat (json_object_get_double_member (share, "share"), >, 0.75);
  g_assert_cmpfloat (json_object_get_double_member (share, "share"), <, 0.95);
  g_assert_cmpfloat (json_object_get_double_member (share, "spot_volume"), >, 0);
  g_assert_cmpfloat (json_object_get_double_member (share, "perp_volume"), >,
                     json_object_get_double_member (share, "spot_volume"));
  g_assert_cmpstr (json_object_get_string_member (share, "unit"), ==, "BTC");
}

/* No spot market answering: not known, never 100 %. */
static void
test_not_known (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) text = { 0 };
  g_auto(Run) json = { 0 };
  JsonObject *share;

  g_setenv ("PERPSCOPE_BINANCE_SPOT_REST", "http://127.0.0.1:9", TRUE);
  run_cli (f, NULL, &text, "analyze", RANGE, "--cache", f->cache, NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "\nPerp share of volume: not known: the spot market's "
                                      "volume is missing\n"));

  run_cli (f, NULL, &json, "analyze", RANGE, "--cache", f->cache, "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  share = json_object_get_object_member (parse_object (parser, json.out), "perp_volume_share");
  g_assert_nonnull (share);
  g_assert_true (json_object_get_null_member (share, "share"));
  g_assert_true (json_object_get_null_member (share, "spot_volume"));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add ("/perpscope/cli/analyze/perp-share", Fixture, NULL, spot_setup, test_share,
              spot_teardown);
  g_test_add ("/perpscope/cli/analyze/perp-share-not-known", Fixture, NULL, spot_setup,
              test_not_known, spot_teardown);

  return g_test_run ();
}
