/* test-cli-record-venues.c: perpscope record --venue binance,bybit,okx,bitmex --symbol BTC
 * against the loopback WebSocket playing all four venues at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "ps-test-server.h"
#include "ps-test-util.h"

typedef struct
{
  const char *venue;
  const char *summary;   /* the start of its summary line */
  const char *path;
  char     *(*event) (gint64 t_ms,
                      guint  n);
} Venue;

static char *
event_binance (gint64 t_ms,
               guint  n)
{
  return g_strdup_printf ("{\"stream\":\"btcusdt@forceOrder\",\"data\":{\"e\":\"forceOrder\","
                          "\"E\":%" G_GINT64_FORMAT ",\"o\":{\"s\":\"BTCUSDT\",\"S\":\"SELL\","
                          "\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":\"0.5\",\"p\":\"60000\","
                          "\"ap\":\"60000\",\"X\":\"FILLED\",\"l\":\"0.5\",\"z\":\"0.5\","
                          "\"T\":%" G_GINT64_FORMAT "}}}", t_ms, t_ms);
}

static char *
event_bybit (gint64 t_ms,
             guint  n)
{
  return g_strdup_printf ("{\"topic\":\"allLiquidation.BTCUSDT\",\"type\":\"snapshot\",\"ts\":%"
                          G_GINT64_FORMAT ",\"data\":[{\"T\":%" G_GINT64_FORMAT ",\"s\":\"BTCUSDT\","
                          "\"S\":\"Buy\",\"v\":\"0.5\",\"p\":\"60000\"}]}", t_ms, t_ms);
}

static char *
event_okx (gint64 t_ms,
           guint  n)
{
  return g_strdup_printf ("{\"arg\":{\"channel\":\"liquidation-orders\",\"instType\":\"SWAP\"},"
                          "\"data\":[{\"instId\":\"BTC-USDT-SWAP\",\"details\":[{\"side\":\"sell\","
                          "\"posSide\":\"long\",\"bkPx\":\"60000\",\"sz\":\"50\",\"ts\":\"%"
                          G_GINT64_FORMAT "\"}]}]}", t_ms);
}

static char *
event_bitmex (gint64 t_ms,
              guint  n)
{
  return g_strdup_printf ("{\"table\":\"liquidation\",\"action\":\"insert\",\"data\":[{\"orderID\":"
                          "\"order-%u\",\"symbol\":\"XBTUSD\",\"side\":\"Sell\",\"price\":60000,"
                          "\"leavesQty\":30000}]}", n);
}

static const Venue venues[] = {
  { "binance", "Binance BTCUSDT: ", "/market/stream", event_binance },
  { "bybit", "Bybit BTCUSDT: ", "/v5/public/linear", event_bybit },
  { "okx", "OKX BTC-USDT-SWAP: ", "/ws/v5/public", event_okx },
  { "bitmex", "BitMEX XBTUSD: ", "/realtime", event_bitmex },
};

typedef struct
{
  PsTestServer *server;
  char         *dir;
  guint         sent[G_N_ELEMENTS (venues)];
  gint64        last_ms;
  guint         n;
} Fixture;

/* One long liquidation of 0.5 BTC to each venue's open connections, every
 * 50 ms, each later than the last. */
static gboolean
push_cb (gpointer user_data)
{
  Fixture *f = user_data;
  gint64 t_ms = g_get_real_time () / 1000;

  if (t_ms <= f->last_ms)
    return G_SOURCE_CONTINUE;
  f->last_ms = t_ms;
  for (guint i = 0; i < G_N_ELEMENTS (venues); i++)
    {
      g_autofree char *frame = venues[i].event (t_ms, f->n);

      f->sent[i] += ps_test_server_ws_send_path (f->server, venues[i].path, frame) > 0;
    }
  f->n++;
  return G_SOURCE_CONTINUE;
}

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* perpscope record args, all venues on the server; exit status, stdout, stderr. */
static int
run_record (Fixture            *f,
            const char * const *args,
            char              **out,
            char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ws = g_strconcat ("ws", ps_test_server_get_uri (f->server) + strlen ("http"),
                                     NULL);
  guint push_id;

  g_ptr_array_add (argv, (char *) g_getenv ("PERPSCOPE_BIN"));
  g_ptr_array_add (argv, (char *) "record");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_subprocess_launcher_setenv (launcher, "PERPSCOPE_BINANCE_REST",
                                ps_test_server_get_uri (f->server), TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (venues); i++)
    {
      g_autofree char *name = g_ascii_strup (venues[i].venue, -1);
      g_autofree char *variable = g_strdup_printf ("PERPSCOPE_%s_WS", name);

      g_subprocess_launcher_setenv (launcher, variable, ws, TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  push_id = g_timeout_add (50, push_cb, f);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, wait_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (push_id);
  g_subprocess_communicate_utf8_finish (process, result, out, err, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", *out, *err);
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

static int
count_rows (const char *path,
            const char *venue)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT COUNT(*) FROM liquidations WHERE venue = ?1 "
                                       "AND side = 0 AND abs(usd - 30000) < 1e-6", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, venue, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_four_venues (void)
{
  Fixture f = { 0 };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *recordings = NULL;
  g_autofree char *cache = NULL;
  int status;

  f.server = ps_test_server_new ();
  f.dir = g_dir_make_tmp ("perpscope-record-venues-XXXXXX", NULL);
  recordings = g_build_filename (f.dir, "recordings.db", NULL);
  cache = g_build_filename (f.dir, "cache.db", NULL);
  {
    const char * const args[] = {
      "--venue", "binance,bybit,okx,bitmex,hyperliquid", "--symbol", "BTC", "--duration", "3s",
      "--recordings", recordings, "--cache", cache, NULL
    };

    status = run_record (&f, args, &out, &err);
  }

  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (err, "not recording hyperliquid: Hyperliquid publishes no "
                                 "liquidation feed"));
  for (guint i = 0; i < G_N_ELEMENTS (venues); i++)
    {
      const char *line = strstr (out, venues[i].summary);
      guint received = 0, stored = 0;
      g_autofree char *progress = g_strdup_printf ("perpscope record: %sconnected",
                                                   venues[i].summary);

      g_assert_nonnull (line);
      g_assert_cmpint (sscanf (line + strlen (venues[i].summary),
                               "%u liquidations received, %u new stored", &received, &stored),
                       ==, 2);
      /* Connected within the first second, 20 frames a second after. */
      g_assert_cmpuint (received, >=, 20);
      g_assert_cmpuint (received, <=, f.sent[i]);
      g_assert_cmpuint (stored, ==, received);
      g_assert_cmpint (count_rows (recordings, venues[i].venue), ==, (int) stored);
      /* Not a terminal: a line per venue as its count moves. */
      g_assert_nonnull (strstr (err, progress));
    }

  ps_test_remove_dir (f.dir);
  g_free (f.dir);
  ps_test_server_free (f.server);
}

static void
test_usage (void)
{
  static const struct { const char *venues; int status; const char *says; } cases[] = {
    { "binance,binance", 2, "given twice" },
    { "binance,kraken", 2, "Unknown venue “kraken”" },
    { "hyperliquid", 1, "Hyperliquid publishes no liquidation feed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture f = { 0 };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *dir = g_dir_make_tmp ("perpscope-record-venues-XXXXXX", NULL);
      g_autofree char *recordings = g_build_filename (dir, "recordings.db", NULL);
      g_autofree char *cache = g_build_filename (dir, "cache.db", NULL);
      const char * const args[] = {
        "--venue", cases[i].venues, "--duration", "1s", "--recordings", recordings,
        "--cache", cache, NULL
      };

      f.server = ps_test_server_new ();
      g_assert_cmpint (run_record (&f, args, &out, &err), ==, cases[i].status);
      g_assert_nonnull (strstr (err, cases[i].says));
      ps_test_server_free (f.server);
      ps_test_remove_dir (dir);
    }
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/cli/record-venues/four", test_four_venues);
  g_test_add_func ("/perpscope/cli/record-venues/usage", test_usage);

  return g_test_run ();
}
