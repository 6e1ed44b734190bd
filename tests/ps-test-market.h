/* ps-test-market.h: the fixture of the model's market tests — a loopback
 * Binance and a core over a cache in a temporary folder — and the waits on
 * the main loop they share (test-market, test-market-snapshot,
 * test-market-analysis)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gstdio.h>

#include "ps-core.h"
#include "ps-market.h"
#include "ps-test-server.h"
#include "ps-test-util.h"

typedef struct
{
  PsTestServer *server;
  PsCore       *core;
  char         *dir;
  const char   *spot_rest;   /* test-market's; NULL: the spot market is unreachable */
} Fixture;

/* Retries back off 10 ms, not seconds, so the fault tests stay quick. */
static inline void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  f->server = ps_test_server_new ();
  f->dir = g_dir_make_tmp ("perpscope-market-XXXXXX", NULL);
  path = g_build_filename (f->dir, "cache.db", NULL);
  f->core = ps_core_new (path, PS_CORE_FLAGS_NONE, &error);
  g_assert_no_error (error);
  ps_http_set_backoff (ps_core_get_http (f->core), 10);
}

/* The core must be gone (no market or sync left holding it) before its
 * cache's files — the database and SQLite's -wal and -shm — are removed. */
static inline void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->core);
  ps_test_remove_dir (f->dir);
  g_free (f->dir);
  ps_test_server_free (f->server);
}

static inline void
wait_idle (PsMarket *market)
{
  while (ps_market_get_loading (market))
    g_main_context_iteration (NULL, TRUE);
}
