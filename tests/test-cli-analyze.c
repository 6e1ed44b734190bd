/* test-cli-analyze.c: perpscope analyze and export --format csv end to end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against the loopback Binance (4h candles, daily open interest for the 30
 * days before its now, 2025-12-18) and a recordings file written here: one
 * long and one short liquidation per 4h candle of 2025-12-01 → 12-10, and
 * recorded time from two hours before that to one hour after: the candles at
 * either end were heard only partly, and are not scored.
 */
#include "config.h"

#include <cairo.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <math.h>

#include "ps-cache.h"
#include "ps-recordings.h"
#include "ps-render.h"
#include "ps-test-cli.h"

#define HOUR_MS     (G_GINT64_CONSTANT (3600) * 1000)
#define DEC_1       G_GINT64_CONSTANT (1764547200000)   /* 2025-12-01T00:00:00Z */
#define DEC_10      (DEC_1 + 9 * 24 * HOUR_MS)
#define N_CANDLES   162                                /* 4h, 2025-11-20 → 12-17 */
#define N_RECORDED  54                                 /* 4h, 2025-12-01 → 12-10 */
#define LONG_USD    55431.0                            /* Σ 1000 + k, k < 54 */
#define SHORT_USD   13500.0                            /* 54 × 250 */

static char *
write_recordings (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "recordings.db", NULL);
  g_autoptr(PsRecordings) recordings = NULL;
  g_autoptr(PsLiquidations) events = ps_liquidations_new (2 * N_RECORDED);
  g_autoptr(GError) error = NULL;
  guint n_new = 0;

  for (guint k = 0; k < N_RECORDED; k++)
    {
      gint64 t = DEC_1 + k * 4 * HOUR_MS + HOUR_MS / 2;

      ps_liquidations_append (events, t, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE, 90000, NAN,
                              (1000.0 + k) / 90000, 1000.0 + k);
      ps_liquidations_append (events, t + 1000, PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE, 91000, NAN,
                              250.0 / 91000, 250.0);
    }
  recordings = ps_recordings_new (path, &error);
  g_assert_no_error (error);
  ps_recordings_write_liquidations (recordings, "binance", "BTCUSDT", events,
                                    DEC_1 - 2 * HOUR_MS, DEC_10 + HOUR_MS, &n_new, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 2 * N_RECORDED);
  return g_steal_pointer (&path);
}

/* The server serves Binance spot too (4h, 2025-11-01 → 29). */
static void
analyze_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup (f, data);
  g_setenv ("PERPSCOPE_BINANCE_SPOT_REST", ps_test_server_get_uri (f->server), TRUE);
}

#define RANGE "--interval", "4h", "--from", "2025-11-20", "--to", "2025-12-17"

static void
test_text (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *recordings = write_recordings (f);
  g_auto(Run) run = { 0 };

  run_cli (f, NULL, &run, "analyze", RANGE, "--cache", f->cache, "--recordings", recordings,
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Binance BTCUSDT 4h, 2025-11-20 00:00 → "
                                            "2025-12-17 00:00 UTC, 162 candles\n"));
  g_assert_nonnull (strstr (run.out, "\nPhases\n  2025-11-20 00:00 → "));
  g_assert_nonnull (strstr (run.out, "\nHot zones at 2025-12-17 00:00 UTC, last price "));
  g_assert_nonnull (strstr (run.out, "\nScores, 54 of 162 candles in recorded time, $68.9K "
                                     "recorded\n"));
  g_assert_nonnull (strstr (run.out, "model           uniform         round numbers\n"));
  g_assert_nonnull (strstr (run.out, "\n  rank correlation        "));
  g_assert_nonnull (strstr (run.out, "\n  zones hit / crossed     "));
  g_assert_nonnull (strstr (run.out, "\n  candle range in zones   "));
  g_assert_nonnull (strstr (run.out, "\n  lift (× chance)         "));
  g_assert_nonnull (strstr (run.out, "\nVerdict: "));
  /* The warm-up, 31 days back, is said. */
  g_assert_nonnull (strstr (run.out, "\nNotes\n  analysis: computed from 2025-10-20 00:00 on"));
  /* Shorts above the last price before longs below it. */
  g_assert_true (strstr (run.out, "shorts above") == NULL || strstr (run.out, "longs below") == NULL ||
                 strstr (run.out, "shorts above") < strstr (run.out, "longs below"));
}

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
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *recordings = write_recordings (f);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  JsonObject *root, *scores;
  JsonArray *candles;
  guint yes = 0, partly = 0;

  run_cli (f, NULL, &run, "analyze", RANGE, "--cache", f->cache, "--recordings", recordings,
           "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (root, "venue"), ==, "binance");
  g_assert_cmpstr (json_object_get_string_member (root, "from"), ==, "2025-11-20T00:00:00Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "phases")), >, 0);
  g_assert_true (json_object_has_member (root, "hot_zones"));
  g_assert_true (json_object_get_null_member (json_object_get_object_member (root, "notes"),
                                              "spot"));
  g_assert_true (json_object_get_null_member (root, "heatmap_error"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "parameters"),
                                                  "lookback"), ==, "24h");
  g_assert_cmpuint (strlen (json_object_get_string_member (root, "verdict")), >, 20);

  /* Each score counts the recorded candles and USD only. */
  scores = json_object_get_object_member (root, "scores");
  for (guint m = 0; m < 3; m++)
    {
      const char *name = (const char *[]) { "model", "uniform", "round" }[m];
      JsonObject *score = json_object_get_object_member (scores, name);

      g_assert_cmpint (json_object_get_int_member (score, "n_scored"), ==, N_RECORDED);
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (score, "recorded_usd"),
                                      LONG_USD + SHORT_USD, 1e-6);
      /* The zones' width: a share of the candles' ranges, never all of it. */
      g_assert_cmpfloat (json_object_get_double_member (score, "zone_price_share"), >=, 0);
      g_assert_cmpfloat (json_object_get_double_member (score, "zone_price_share"), <, 1);
      g_assert_cmpfloat (json_object_get_double_member (score, "expected_usd_in_zones"), >=, 0);
      g_assert_true (json_object_has_member (score, "lift"));
    }

  candles = json_object_get_array_member (root, "candles");
  g_assert_cmpuint (json_array_get_length (candles), ==, N_CANDLES);
  for (guint i = 0; i < N_CANDLES; i++)
    {
      JsonObject *c = json_array_get_object_element (candles, i);

      g_assert_true (json_object_has_member (c, "phase"));
      g_assert_true (json_object_has_member (c, "predicted_long_usd"));
      if (g_strcmp0 (json_object_get_string_member (c, "recorded"), "yes") == 0)
        yes++;
      else if (g_strcmp0 (json_object_get_string_member (c, "recorded"), "partly") == 0)
        partly++;
      else
        g_assert_true (json_object_get_null_member (c, "recorded_long_usd"));
    }
  g_assert_cmpuint (yes, ==, N_RECORDED);
  g_assert_cmpuint (partly, ==, 2);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *recordings = write_recordings (f);
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  double long_usd = 0, short_usd = 0;
  guint yes = 0, partly = 0, no = 0;

  run_cli (f, NULL, &run, "analyze", RANGE, "--cache", f->cache, "--recordings", recordings,
           "--format", "csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  /* A header, a row per candle, and the final newline's empty string. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + N_CANDLES + 1);
  g_assert_cmpstr (lines[0], ==, "t,phase,predicted_long_usd,predicted_short_usd,"
                                 "recorded_long_usd,recorded_short_usd,recorded");
  g_assert_true (g_str_has_prefix (lines[1], "2025-11-20T00:00:00Z,"));
  g_assert_true (g_str_has_prefix (lines[N_CANDLES], "2025-12-16T20:00:00Z,"));
  for (guint i = 1; i <= N_CANDLES; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 7);
      if (strcmp (cells[6], "yes") == 0)
        {
          yes++;
          long_usd += g_ascii_strtod (cells[4], NULL);
          short_usd += g_ascii_strtod (cells[5], NULL);
        }
      else if (strcmp (cells[6], "partly") == 0)
        {
          /* 2025-11-30 20:00 and 2025-12-10 00:00: heard, nothing recorded. */
          g_assert_true (g_str_has_prefix (lines[i], "2025-11-30T20:00:00Z,") ||
                         g_str_has_prefix (lines[i], "2025-12-10T00:00:00Z,"));
          g_assert_cmpstr (cells[4], ==, "0.00");
          partly++;
        }
      else
        {
          /* Not heard: unknown, not zero. */
          g_assert_cmpstr (cells[6], ==, "no");
          g_assert_cmpstr (cells[4], ==, "");
          no++;
        }
    }
  g_assert_cmpuint (yes, ==, N_RECORDED);
  g_assert_cmpuint (partly, ==, 2);
  g_assert_cmpuint (no, ==, N_CANDLES - N_RECORDED - 2);
  g_assert_cmpfloat_with_epsilon (long_usd, LONG_USD, 1e-6);
  g_assert_cmpfloat_with_epsilon (short_usd, SHORT_USD, 1e-6);
}

/* The model flags reach the model: fewer bins, one zone a side, a shorter
 * lookback, all said back in the parameters. */
static void
test_model_flags (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) run = { 0 };
  g_auto(Run) grid = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) prices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *root, *params;
  JsonArray *zones;
  guint per_side[2] = { 0, 0 };

  run_cli (f, NULL, &run, "analyze", RANGE, "--cache", f->cache, "--format", "json",
           "--bins", "10", "--zones", "1", "--lookback", "12h", "--funding-high", "0.02%",
           "--tiers", "10:1", "--zone-max-width", "0.2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_object (parser, run.out);
  params = json_object_get_object_member (root, "parameters");
  g_assert_cmpstr (json_object_get_string_member (params, "bins"), ==, "10");
  g_assert_cmpstr (json_object_get_string_member (params, "lookback"), ==, "12h");
  g_assert_cmpstr (json_object_get_string_member (params, "funding-high"), ==, "0.02%");
  g_assert_cmpstr (json_object_get_string_member (params, "tiers"), ==, "10:1");
  g_assert_cmpstr (json_object_get_string_member (params, "zone-max-width"), ==, "0.2%");
  zones = json_object_get_array_member (root, "hot_zones");
  for (guint i = 0; i < json_array_get_length (zones); i++)
    {
      JsonObject *zone = json_array_get_object_element (zones, i);
      const char *side = json_object_get_string_member (zone, "side");

      per_side[g_strcmp0 (side, "short") == 0]++;
      /* Ten bins are wider than 0.2 % of price: one bin each. */
      g_assert_cmpfloat (json_object_get_double_member (zone, "price_hi") -
                         json_object_get_double_member (zone, "price_lo"), <,
                         0.15 * json_object_get_double_member (zone, "price_peak"));
    }
  g_assert_cmpuint (per_side[0], <=, 1);
  g_assert_cmpuint (per_side[1], <=, 1);

  /* Ten bins: at most ten price bands in the whole grid. */
  run_cli (f, NULL, &grid, "export", RANGE, "--cache", f->cache, "--format", "csv",
           "--kind", "heatmap", "--bins", "10", NULL);
  g_assert_cmpint (grid.status, ==, 0);
  lines = g_strsplit (grid.out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "t,price_lo,price_hi,long_usd,short_usd");
  g_assert_nonnull (lines[1]);
  g_assert_cmpstr (lines[1], !=, "");
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[i], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 5);
      g_assert_cmpfloat (g_ascii_strtod (cells[1], NULL), <, g_ascii_strtod (cells[2], NULL));
      g_assert_true (g_ascii_strtod (cells[3], NULL) > 0 || g_ascii_strtod (cells[4], NULL) > 0);
      g_hash_table_add (prices, g_strdup (cells[1]));
    }
  g_assert_cmpuint (g_hash_table_size (prices), <=, 10);
}

static guint
count_cached_candles (Fixture *f,
                      gint64   from_ms,
                      gint64   to_ms)
{
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GError) error = NULL;

  cache = ps_cache_new (f->cache, &error);
  g_assert_no_error (error);
  candles = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H, from_ms, to_ms,
                                   &error);
  g_assert_no_error (error);
  return candles->n;
}

/* The model and the phases start informed: history before --from is loaded
 * (baseline + lookback, 31 days, by default), and not reported. */
static void
test_warmup (Fixture       *f,
             gconstpointer  data)
{
  const gint64 nov_20 = DEC_1 - 11 * 24 * HOUR_MS, oct_20 = nov_20 - 31 * 24 * HOUR_MS;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(Run) none = { 0 };
  g_auto(Run) run = { 0 };
  JsonObject *root;

  run_cli (f, NULL, &none, "analyze", RANGE, "--cache", f->cache, "--warmup", "0", NULL);
  g_assert_cmpint (none.status, ==, 0);
  g_assert_cmpuint (count_cached_candles (f, oct_20, nov_20), ==, 0);

  run_cli (f, NULL, &run, "analyze", RANGE, "--cache", f->cache, "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_cached_candles (f, oct_20, nov_20), ==, 31 * 6);
  root = parse_object (parser, run.out);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "parameters"),
                                                  "warmup"), ==, "auto");
  g_assert_cmpstr (json_object_get_string_member (root, "computed_from"), ==,
                   "2025-10-20T00:00:00Z");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "candles")), ==,
                    N_CANDLES);
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (root, "phases"), 0),
                     "from"), ==, "2025-11-20T00:00:00Z");
}

/* The records of a CSV text, quoted fields (with commas and line breaks)
 * as one. */
static GPtrArray *
csv_records (const char *text)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *record = NULL;
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (record == NULL)
        record = g_ptr_array_new_with_free_func (g_free);
      if (quoted && *p == '"' && p[1] == '"')
        g_string_append_c (field, *p++);
      else if (*p == '"')
        quoted = !quoted;
      else if (!quoted && (*p == ',' || *p == '\n'))
        {
          g_ptr_array_add (record, g_strdup (field->str));
          g_string_truncate (field, 0);
          if (*p == '\n')
            g_ptr_array_add (records, g_steal_pointer (&record));
        }
      else
        g_string_append_c (field, *p);
    }
  g_assert_null (record);   /* the text ends with a record's newline */
  g_string_free (field, TRUE);
  return records;
}

static const char *
csv_cell (GPtrArray *records,
          guint      row,
          guint      column)
{
  GPtrArray *record = g_ptr_array_index (records, row);

  return g_ptr_array_index (record, column);
}

static void
test_export_phases (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *recordings = write_recordings (f);
  g_autofree char *csv_path = g_build_filename (f->dir, "phases.csv", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *contents = NULL;
  g_auto(Run) run = { 0 };
  g_auto(Run) over = { 0 };
  g_auto(Run) json = { 0 };
  JsonArray *phases;

  run_cli (f, NULL, &run, "export", RANGE, "--cache", f->cache, "--recordings", recordings,
           "--format", "csv", "--kind", "phases", "--output", csv_path, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Wrote "));
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  records = csv_records (contents);

  /* Never over the recordings (a slip of the file name): refused, and they
   * are read whole below. */
  run_cli (f, NULL, &over, "export", RANGE, "--cache", f->cache, "--recordings", recordings,
           "--format", "csv", "--kind", "phases", "--output", recordings, NULL);
  g_assert_cmpint (over.status, ==, 1);
  g_assert_nonnull (strstr (over.err, "is a database"));

  /* The same periods as analyze's, joined end to start over the range. */
  run_cli (f, NULL, &json, "analyze", RANGE, "--cache", f->cache, "--recordings", recordings,
           "--format", "json", NULL);
  g_assert_cmpint (json.status, ==, 0);
  phases = json_object_get_array_member (parse_object (parser, json.out), "phases");
  g_assert_cmpuint (records->len, ==, 1 + json_array_get_length (phases));
  for (guint i = 0; i < records->len; i++)
    {
      GPtrArray *record = g_ptr_array_index (records, i);
      JsonObject *phase;

      g_assert_cmpuint (record->len, ==, 4);
      if (i == 0)
        {
          g_assert_cmpstr (g_ptr_array_index (record, 0), ==, "from");
          g_assert_cmpstr (g_ptr_array_index (record, 3), ==, "reasons");
          continue;
        }
      phase = json_array_get_object_element (phases, i - 1);
      g_assert_cmpstr (g_ptr_array_index (record, 0), ==,
                       json_object_get_string_member (phase, "from"));
      g_assert_cmpstr (g_ptr_array_index (record, 2), ==,
                       json_object_get_string_member (phase, "phase"));
      g_assert_cmpstr (g_ptr_array_index (record, 3), ==,
                       json_object_get_string_member (phase, "reasons"));
      if (i > 1)
        g_assert_cmpstr (csv_cell (records, i, 0), ==, csv_cell (records, i - 1, 1));
    }
  g_assert_cmpstr (csv_cell (records, 1, 0), ==, "2025-11-20T00:00:00Z");
}

static cairo_surface_t *
export_png (Fixture    *f,
            const char *recordings,
            const char *name,
            const char *extra)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_auto(Run) run = { 0 };
  cairo_surface_t *surface;

  run_cli (f, NULL, &run, "export", RANGE, "--cache", f->cache, "--recordings", recordings,
           "--output", path, "--size", "1200x675", extra, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "(1200×675)"));
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 675);
  return surface;
}

/* export --output x.png draws the analysis analyze makes: the heatmap
 * tints the price pane (from a third of the height down to a half: under
 * the title and the summary, over open interest), not with --no-heatmap. */
static void
test_export_png (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *recordings = write_recordings (f);
  cairo_surface_t *heat = export_png (f, recordings, "heat.png", NULL);
  cairo_surface_t *bare = export_png (f, recordings, "bare.png", "--no-heatmap");
  const guchar *a = cairo_image_surface_get_data (heat);
  const guchar *b = cairo_image_surface_get_data (bare);
  int stride = cairo_image_surface_get_stride (heat);
  guint warm = 0, other = 0;

  for (int y = 675 / 3; y < 675 / 2; y++)
    for (int x = 40; x < 900; x++)
      {
        guint32 pa = *(const guint32 *) (gconstpointer) (a + y * stride + 4 * x) & 0xffffff;
        guint32 pb = *(const guint32 *) (gconstpointer) (b + y * stride + 4 * x) & 0xffffff;
        int r = (pa >> 16) & 0xff, g = (pa >> 8) & 0xff;

        /* Every heat stop has less green than red: a warm tint. */
        if (pa != pb && g < r - 3)
          warm++;
        else if (pa != pb)
          other++;
      }
  g_test_message ("%u warm pixels, %u others changed", warm, other);
  g_assert_cmpuint (warm, >, 2000);
  g_assert_cmpuint (warm, >, 4 * other);

  cairo_surface_destroy (heat);
  cairo_surface_destroy (bare);
}

/* The lines of a file, the header included. */
static guint
count_lines (const char *path,
             char      **header)
{
  g_autofree char *contents = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  *header = g_strndup (contents, strcspn (contents, "\n"));
  for (const char *p = contents; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

/* export writes SVG and PDF reports with their words as text, and each
 * series as cached to CSV: a header and one row per cached row of the range;
 * a CSV-only kind asked of a PNG is a usage error. */
static void
test_export_formats (Fixture       *f,
                     gconstpointer  data)
{
  const gint64 nov_20 = DEC_1 - 11 * 24 * HOUR_MS, dec_17 = DEC_1 + 16 * 24 * HOUR_MS;
  g_autofree char *recordings = write_recordings (f);
  g_autofree char *svg = g_build_filename (f->dir, "r.svg", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "r.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(PsFunding) funding = NULL;
  g_autoptr(PsOpenInterest) oi = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { const char *kind; const char *header; } kinds[] = {
    { "candles", "time,t_ms,open,high,low,close,volume,taker_buy_volume" },
    { "funding", "time,t_ms,rate,mark_price" },
    { "oi", "time,t_ms,contracts,usd" },
    { "liquidations", "time,t_ms,side,source,price,avg_price,qty,usd" },
  };
  guint expected[G_N_ELEMENTS (kinds)];

  /* The days asked, not the candles' times; the recordings as summed by
   * hand (they start and end inside the range: partly recorded). */
  {
    g_autofree char *longs = ps_format_usd_compact (LONG_USD);
    g_autofree char *shorts = ps_format_usd_compact (SHORT_USD);
    g_autofree char *liq = g_strdup_printf ("\nLiquidations, partly recorded: longs %s (%u) · "
                                            "shorts %s (%u)\n", longs, N_RECORDED, shorts,
                                            N_RECORDED);
    g_auto(Run) run = { 0 };

    run_cli (f, NULL, &run, "export", RANGE, "--cache", f->cache, "--recordings", recordings,
             "--format", "svg", "--output", svg, "--theme", "dark", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "<title>Binance BTCUSDT · 4h, 2025-11-20 → 2025-12-17 "
                                        "UTC</title>"));
    g_assert_nonnull (strstr (contents, "<desc>Price: last "));
    g_assert_nonnull (strstr (contents, liq));
    g_assert_nonnull (strstr (contents, "\nSources: Candles, funding and open interest from "
                                        "Binance’s public API. "));
    g_clear_pointer (&contents, g_free);
  }
  /* A PDF: one A4 page, titled with the range asked, made when
   * SOURCE_DATE_EPOCH says (2026-12-03 14:05 UTC). */
  {
    g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
    g_auto(Run) run = { 0 };

    g_setenv ("SOURCE_DATE_EPOCH", "1796306700", TRUE);
    run_cli (f, NULL, &run, "export", RANGE, "--cache", f->cache, "--recordings", recordings,
             "--format", "pdf", "--output", pdf, "--offline", NULL);
    g_unsetenv ("SOURCE_DATE_EPOCH");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "842×595"));
    g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF-"));
    if (pdfinfo != NULL)
      {
        g_auto(Run) info = { 0 };
        const char *argv[] = { pdfinfo, "-isodates", pdf, NULL };
        g_autoptr(GError) spawn_error = NULL;
        int status;

        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                     &info.out, &info.err, &status, &spawn_error));
        g_assert_no_error (spawn_error);
        g_assert_true (g_spawn_check_wait_status (status, NULL));
        g_assert_true (g_str_has_prefix (info.out, "Title:           Binance BTCUSDT · 4h, "
                                                   "2025-11-20 → 2025-12-17 UTC\n"));
        g_assert_nonnull (strstr (info.out, "\nSubject:         Price: last "));
        g_assert_nonnull (strstr (info.out, "\nCreationDate:    2026-12-03T14:05:00"));
        g_assert_nonnull (strstr (info.out, "\nPages:           1\n"));
        g_assert_nonnull (strstr (info.out, "\nPage size:       842 x 595 pts"));
      }
    else
      g_test_message ("pdfinfo not installed: the PDF's page and title not read back");
  }

  cache = ps_cache_new (f->cache, &error);
  g_assert_no_error (error);
  funding = ps_cache_read_funding (cache, "binance", "BTCUSDT", nov_20, dec_17, &error);
  g_assert_no_error (error);
  oi = ps_cache_read_open_interest (cache, "binance", "BTCUSDT", PS_INTERVAL_4H, nov_20, dec_17,
                                    &error);
  g_assert_no_error (error);
  expected[0] = count_cached_candles (f, nov_20, dec_17);
  expected[1] = funding->n;
  expected[2] = oi->n;
  expected[3] = 2 * N_RECORDED;
  g_assert_cmpuint (expected[0], ==, N_CANDLES);
  g_assert_cmpuint (expected[1], >, 0);
  g_assert_cmpuint (expected[2], >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.csv", kinds[i].kind);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *header = NULL;
      g_auto(Run) run = { 0 };

      run_cli (f, "http://127.0.0.1:9", &run, "export", RANGE, "--cache", f->cache,
               "--recordings", recordings, "--offline", "--output", path, "--kind",
               kinds[i].kind, NULL);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpuint (count_lines (path, &header), ==, 1 + expected[i]);
      g_assert_cmpstr (header, ==, kinds[i].header);
    }

  {
    g_autofree char *png = g_build_filename (f->dir, "heat.png", NULL);
    g_auto(Run) run = { 0 };

    run_cli (f, "http://127.0.0.1:9", &run, "export", RANGE, "--cache", f->cache,
             "--output", png, "--kind", "heatmap", NULL);
    assert_one_line_error (&run, 2, "csv");
    g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  }
}

static void
test_bad_flags (Fixture       *f,
                gconstpointer  data)
{
  static const struct {
    const char *command;
    const char *flag;
    const char *value;
    const char *words;
  } cases[] = {
    { "analyze", "--lookback", "5x", "--lookback" },
    { "analyze", "--bins", "-3", "--bins" },
    { "analyze", "--tiers", "5:x", "--tiers" },
    { "analyze", "--funding-high", "high", "--funding-high" },
    { "analyze", "--oi-high-rank", "2", "oi-high-rank" },
    { "analyze", "--format", "xml", "--format" },
    { "export", "--kind", "volume", "--kind" },
    { "export", "--theme", "sepia", "sepia" },
    { "export", "--size", "huge", "huge" },
    { "export", "--format", "jpeg", "--format" },
    { "export", "--format", "csv", "--kind" },                     /* csv needs one */
    { "export", "--flush-oi-pct", "lots", "--flush-oi-pct" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      run_cli (f, "http://127.0.0.1:9", &run, cases[i].command, RANGE, "--cache", f->cache,
               cases[i].flag, cases[i].value, NULL);
      assert_one_line_error (&run, 2, cases[i].words);
    }
  /* Nothing was fetched for a command line that was wrong. */
  g_assert_cmpuint (ps_test_server_get_n_requests (f->server), ==, 0);
}

static void
test_no_data (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) offline = { 0 };

  /* The server has no 1h candles. */
  run_cli (f, NULL, &run, "analyze", "--interval", "1h", "--from", "2025-12-01", "--to",
           "2025-12-03", "--cache", f->cache, NULL);
  assert_one_line_error (&run, 1, "has no candles for 2025-12-01 → 2025-12-03");

  run_cli (f, "http://127.0.0.1:9", &offline, "analyze", RANGE, "--cache", f->cache,
           "--offline", NULL);
  assert_one_line_error (&offline, 1, "is not cached");
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  static const char * const flags[] = {
    "--tiers", "--maint-rate", "--position-usd", "--bins", "--zones", "--zone-threshold",
    "--zone-max-width",
    "--lookback", "--baseline", "--funding-high", "--oi-high-rank", "--flush-liq-multiple",
    "--flush-oi-pct", "--neutral-funding", "--reset-window", "--spot-bid-pct",
    "--standin-volume-multiple", "--standin-range-multiple", "--standin-body-multiple",
  };
  g_auto(Run) help = { 0 };
  g_auto(Run) model = { 0 };
  g_auto(Run) top = { 0 };

  run_cli (f, NULL, &top, "--help", NULL);
  g_assert_nonnull (strstr (top.out, "perpscope analyze"));
  run_cli (f, NULL, &help, "analyze", "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--format"));
  g_assert_nonnull (strstr (help.out, "--help-model"));
  run_cli (f, NULL, &model, "analyze", "--help-model", NULL);
  g_assert_cmpint (model.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    g_assert_nonnull (strstr (model.out, flags[i]));
  g_assert_nonnull (strstr (model.out, "--lookback=DURATION"));
  g_assert_nonnull (strstr (model.out, "(default: 24h)"));
}

/* The children run in German (LANGUAGE=de, LC_ALL=de_DE.UTF-8) until
 * speak_c (); FALSE, and a skip, where the system lacks that locale. */
static gboolean
speak_german (void)
{
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("de_DE.UTF-8 is not installed (localedef -i de_DE -f UTF-8 de_DE.UTF-8)");
      return FALSE;
    }
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  return TRUE;
}

static void
speak_c (void)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "", TRUE);
}

static char *
json_member_text (JsonParser *parser,
                  const char *text,
                  const char *member)
{
  JsonObject *root = parse_object (parser, text);

  return json_to_string (json_object_get_member (root, member), FALSE);
}

/* In German the words and the numbers people read are German ("$68,9K");
 * what scripts read stays as in C: the CSV, the JSON's numbers, and the
 * defaults --help-model shows for the flags (read in C notation). */
static void
test_german (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *recordings = write_recordings (f);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *candles_c = NULL;
  g_autofree char *candles_de = NULL;
  g_auto(Run) csv_c = { 0 };
  g_auto(Run) json_c = { 0 };
  g_auto(Run) csv_de = { 0 };
  g_auto(Run) json_de = { 0 };
  g_auto(Run) text_de = { 0 };
  g_auto(Run) model_de = { 0 };

  run_cli (f, NULL, &csv_c, "analyze", RANGE, "--cache", f->cache, "--recordings", recordings,
           "--format", "csv", NULL);
  run_cli (f, NULL, &json_c, "analyze", RANGE, "--cache", f->cache, "--recordings", recordings,
           "--format", "json", NULL);
  if (!speak_german ())
    return;
  run_cli (f, NULL, &csv_de, "analyze", RANGE, "--cache", f->cache, "--recordings", recordings,
           "--format", "csv", NULL);
  run_cli (f, NULL, &json_de, "analyze", RANGE, "--cache", f->cache, "--recordings", recordings,
           "--format", "json", NULL);
  run_cli (f, NULL, &text_de, "analyze", RANGE, "--cache", f->cache, "--recordings", recordings,
           NULL);
  run_cli (f, NULL, &model_de, "analyze", "--help-model", NULL);
  speak_c ();

  g_assert_cmpint (csv_c.status, ==, 0);
  g_assert_cmpint (csv_de.status, ==, 0);
  g_assert_cmpstr (csv_de.out, ==, csv_c.out);
  g_assert_cmpint (json_de.status, ==, 0);
  candles_c = json_member_text (parser, json_c.out, "candles");
  candles_de = json_member_text (parser, json_de.out, "candles");
  g_assert_cmpstr (candles_de, ==, candles_c);

  g_assert_cmpint (text_de.status, ==, 0);
  g_assert_true (g_str_has_prefix (text_de.out, "Binance BTCUSDT 4h, 2025-11-20 00:00 → "
                                                "2025-12-17 00:00 UTC, 162 Kerzen\n"));
  g_assert_nonnull (strstr (text_de.out, "\nBewertung, 54 von 162 Kerzen in aufgezeichneter "
                                         "Zeit, $68,9K aufgezeichnet\n"));

  g_assert_cmpint (model_de.status, ==, 0);
  g_assert_nonnull (strstr (model_de.out, "--lookback=DAUER"));
  g_assert_nonnull (strstr (model_de.out, "(Standard: 24h)"));
  g_assert_nonnull (strstr (model_de.out, "(Standard: 5:0.3,10:0.3,"));
  g_assert_nonnull (strstr (model_de.out, "(Standard: 1.5)"));
  g_assert_false (g_regex_match_simple ("\\(Standard: [0-9]+,[0-9]+%?\\)", model_de.out, 0, 0));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/perpscope/cli/analyze/" path, Fixture, NULL, analyze_setup, func, fixture_teardown)
  ADD ("text", test_text);
  ADD ("json", test_json);
  ADD ("csv", test_csv);
  ADD ("model-flags", test_model_flags);
  ADD ("export-phases", test_export_phases);
  ADD ("export-png", test_export_png);
  ADD ("export-formats", test_export_formats);
  ADD ("warmup", test_warmup);
  ADD ("bad-flags", test_bad_flags);
  ADD ("no-data", test_no_data);
  ADD ("help", test_help);
  ADD ("german", test_german);
#undef ADD

  return g_test_run ();
}
