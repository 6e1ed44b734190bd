/* test-sync.c: PsSync against a fake venue, and against the loopback Binance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-binance.h"
#include "ps-net-error.h"
#include "ps-sync.h"
#include "ps-test-server.h"
#include "ps-test-util.h"

#define HOUR_MS  (G_GINT64_CONSTANT (3600) * 1000)
#define DAY_MS   (24 * HOUR_MS)
#define START    G_GINT64_CONSTANT (1735689600000)   /* 2025-01-01T00:00:00Z */
#define NOW      (START + 30 * DAY_MS + 2 * HOUR_MS) /* halfway through a 4h candle */
#define HORIZON  (20 * DAY_MS)

/* A fake venue: a 4h candle every 4h, a settlement every 8h and hourly open
 * interest from START to its clock, served in small pages; open interest only
 * for the last HORIZON. It counts requests and fails when told to. */

#define FAKE_TYPE_PROVIDER (fake_provider_get_type ())
G_DECLARE_FINAL_TYPE (FakeProvider, fake_provider, FAKE, PROVIDER, GObject)

struct _FakeProvider
{
  GObject  parent_instance;
  gint64   now_ms;
  guint    page_limit;
  guint    n_time_requests;
  guint    n_page_requests;
  guint    fail_at;      /* page request (1-based) that fails; 0: none */
  gboolean fail_time;
  gboolean stuck;        /* full pages from START whatever is asked */
  gboolean stray_row;    /* each page also holds a row before the request */
  guint    n_empty;      /* the next n page requests get an empty page */
  gint64   end_ms;       /* no rows from here on (delisted); 0: none */
  GArray  *requests;     /* PsPageRequest without symbol */
};

static void fake_provider_iface_init (PsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FakeProvider, fake_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PS_TYPE_PROVIDER,
                                                      fake_provider_iface_init))

static gint64
fake_step (PsSeriesKind kind,
           PsInterval   interval)
{
  switch (kind)
    {
    case PS_SERIES_FUNDING:       return 8 * HOUR_MS;
    case PS_SERIES_OPEN_INTEREST: return HOUR_MS;
    case PS_SERIES_CANDLES:
    default:                      return ps_interval_to_ms (interval);
    }
}

static double
fake_value (gint64 t_ms)
{
  return (double) ((t_ms / HOUR_MS) % 100000) + 0.25;
}

static void
fake_append (PsPage *page,
             gint64  t_ms)
{
  double v = fake_value (t_ms);

  switch (page->kind)
    {
    case PS_SERIES_CANDLES:
      ps_candles_append (page->candles, t_ms, v, v + 2, v - 2, v + 1, 10 * v,
                         (t_ms / HOUR_MS) % 5 == 0 ? NAN : 4 * v);
      break;
    case PS_SERIES_FUNDING:
      ps_funding_append (page->funding, t_ms, v / 1e8, (t_ms / HOUR_MS) % 3 ? 60000 + v : NAN);
      break;
    case PS_SERIES_OPEN_INTEREST:
    default:
      ps_open_interest_append (page->open_interest, t_ms, v, v * 60000);
      break;
    }
}

static PsPage *
fake_make_page (FakeProvider        *self,
                const PsPageRequest *request)
{
  PsPage *page = ps_page_new (request->kind);
  gint64 step = fake_step (request->kind, request->interval);
  gint64 first = START;
  gint64 from = self->stuck ? START : request->from_ms;

  if (request->kind == PS_SERIES_OPEN_INTEREST)
    first = MAX (START, self->now_ms - HORIZON);

  page->candles = request->kind == PS_SERIES_CANDLES ? ps_candles_new (0) : NULL;
  page->funding = request->kind == PS_SERIES_FUNDING ? ps_funding_new (0) : NULL;
  page->open_interest = request->kind == PS_SERIES_OPEN_INTEREST ? ps_open_interest_new (0)
                                                                  : NULL;
  if (self->n_empty > 0)
    {
      self->n_empty--;
      return page;
    }

  if (self->stray_row)
    fake_append (page, ps_interval_floor (PS_INTERVAL_1H, request->from_ms) - step);

  for (gint64 t = MAX (first, START + (from - START + step - 1) / step * step);
       t < request->to_ms && t <= self->now_ms && (self->end_ms == 0 || t < self->end_ms) &&
       ps_page_get_n_rows (page) < self->page_limit;
       t += step)
    fake_append (page, t);

  return page;
}

static void
fake_provider_fetch_page_async (PsProvider          *provider,
                                const PsPageRequest *request,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  FakeProvider *self = FAKE_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  PsPageRequest copy = *request;

  copy.symbol = NULL;
  g_array_append_val (self->requests, copy);

  if (++self->n_page_requests == self->fail_at)
    g_task_return_new_error (task, PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS,
                             "Fake: HTTP 500 for %s", request->symbol);
  else
    g_task_return_pointer (task, fake_make_page (self, request), (GDestroyNotify) ps_page_free);
}

static PsPage *
fake_provider_fetch_page_finish (PsProvider    *provider,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_provider_get_server_time_async (PsProvider          *provider,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  FakeProvider *self = FAKE_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  self->n_time_requests++;
  if (self->fail_time)
    g_task_return_new_error (task, PS_NET_ERROR, PS_NET_ERROR_UNREACHABLE, "Fake: refused");
  else
    g_task_return_int (task, self->now_ms);
}

static gint64
fake_provider_get_server_time_finish (PsProvider    *provider,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static const char *
fake_provider_get_venue (PsProvider *provider)
{
  return "fake";
}

static guint
fake_provider_get_page_limit (PsProvider   *provider,
                              PsSeriesKind  kind)
{
  return FAKE_PROVIDER (provider)->page_limit;
}

static gint64
fake_provider_get_history_horizon (PsProvider   *provider,
                                   PsSeriesKind  kind)
{
  return kind == PS_SERIES_OPEN_INTEREST ? HORIZON : 0;
}

static PsInterval
fake_provider_get_storage_interval (PsProvider   *provider,
                                    PsSeriesKind  kind,
                                    PsInterval    interval)
{
  switch (kind)
    {
    case PS_SERIES_FUNDING:       return PS_INTERVAL_NONE;
    case PS_SERIES_OPEN_INTEREST: return PS_INTERVAL_1H;
    case PS_SERIES_CANDLES:
    default:                      return interval;
    }
}

static void
fake_provider_iface_init (PsProviderInterface *iface)
{
  iface->get_venue = fake_provider_get_venue;
  iface->get_display_name = fake_provider_get_venue;
  iface->get_page_limit = fake_provider_get_page_limit;
  iface->get_history_horizon = fake_provider_get_history_horizon;
  iface->get_storage_interval = fake_provider_get_storage_interval;
  iface->fetch_page_async = fake_provider_fetch_page_async;
  iface->fetch_page_finish = fake_provider_fetch_page_finish;
  iface->get_server_time_async = fake_provider_get_server_time_async;
  iface->get_server_time_finish = fake_provider_get_server_time_finish;
}

static void
fake_provider_finalize (GObject *object)
{
  FakeProvider *self = FAKE_PROVIDER (object);

  g_clear_pointer (&self->requests, g_array_unref);

  G_OBJECT_CLASS (fake_provider_parent_class)->finalize (object);
}

static void
fake_provider_class_init (FakeProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fake_provider_finalize;
}

static void
fake_provider_init (FakeProvider *self)
{
  self->now_ms = NOW;
  self->page_limit = 10;
  self->requests = g_array_new (FALSE, FALSE, sizeof (PsPageRequest));
}

/* Fixture */

typedef struct
{
  PsCache      *cache;
  FakeProvider *fake;
  PsSync       *sync;
  GPtrArray    *messages;
  GArray       *fractions;
  GCancellable *cancel_on_progress;
} Fixture;

static void
progress_cb (PsSync     *sync,
             double      fraction,
             const char *message,
             Fixture    *fixture)
{
  g_ptr_array_add (fixture->messages, g_strdup (message));
  g_array_append_val (fixture->fractions, fraction);
  if (fixture->cancel_on_progress != NULL)
    g_cancellable_cancel (fixture->cancel_on_progress);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autoptr(GError) error = NULL;

  fixture->cache = ps_cache_new (path, &error);
  g_assert_no_error (error);
  fixture->fake = g_object_new (FAKE_TYPE_PROVIDER, NULL);
  fixture->sync = ps_sync_new (fixture->cache, PS_PROVIDER (fixture->fake));
  fixture->messages = g_ptr_array_new_with_free_func (g_free);
  fixture->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect (fixture->sync, "progress", G_CALLBACK (progress_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  /* No fetch may keep anything alive. */
  g_assert_finalize_object (fixture->sync);
  g_assert_finalize_object (fixture->cache);
  g_assert_finalize_object (fixture->fake);
  g_ptr_array_unref (fixture->messages);
  g_array_unref (fixture->fractions);
  g_clear_object (&fixture->cancel_on_progress);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
run_fetch (PsSync        *sync,
           PsSeriesKind   kinds,
           gint64         from_ms,
           gint64         to_ms,
           GCancellable  *cancellable,
           PsSyncStats   *stats,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ps_sync_fetch_async (sync, "BTCUSDT", PS_INTERVAL_4H, kinds, from_ms, to_ms, cancellable,
                       store_result_cb, &result);
  /* GTask: never called back before _async returns. */
  g_assert_null (result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return ps_sync_fetch_finish (sync, result, stats, error);
}

static void
fetch_ok (Fixture      *fixture,
          PsSeriesKind  kinds,
          gint64        from_ms,
          gint64        to_ms,
          PsSyncStats  *stats)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (run_fetch (fixture->sync, kinds, from_ms, to_ms, NULL, stats, &error));
  g_assert_no_error (error);
}

static void
assert_ranges (GArray       *ranges,
               const gint64 *expected,   /* from, to pairs */
               guint         n_expected)
{
  g_assert_nonnull (ranges);
  g_assert_cmpuint (ranges->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      g_assert_cmpint (g_array_index (ranges, PsRange, i).from_ms, ==, expected[2 * i]);
      g_assert_cmpint (g_array_index (ranges, PsRange, i).to_ms, ==, expected[2 * i + 1]);
    }
}

static GArray *
coverage (Fixture         *fixture,
          PsSeriesKind     kind,
          PsCoverageState  state)
{
  g_autoptr(GError) error = NULL;
  PsInterval interval = ps_provider_get_storage_interval (PS_PROVIDER (fixture->fake), kind,
                                                          PS_INTERVAL_4H);
  GArray *ranges = ps_cache_get_coverage (fixture->cache, "fake", "BTCUSDT", kind, interval,
                                          G_MININT64, G_MAXINT64, state, &error);

  g_assert_no_error (error);
  return ranges;
}

static PsCandles *
read_candles (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  PsCandles *candles = ps_cache_read_candles (fixture->cache, "fake", "BTCUSDT", PS_INTERVAL_4H,
                                              G_MININT64, G_MAXINT64, &error);

  g_assert_no_error (error);
  return candles;
}

static void
assert_no_request_past_now (Fixture *fixture)
{
  for (guint i = 0; i < fixture->fake->requests->len; i++)
    {
      const PsPageRequest *request = &g_array_index (fixture->fake->requests, PsPageRequest, i);

      g_assert_cmpint (request->from_ms, <, request->to_ms);
      /* [from, now + 1): a row stamped exactly now may be asked for, nothing later. */
      g_assert_cmpint (request->to_ms, <=, fixture->fake->now_ms + 1);
    }
}

/* Tests */

static void
test_sync_new_destroy (void)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autoptr(GError) error = NULL;
  PsCache *cache = ps_cache_new (path, &error);
  FakeProvider *fake = g_object_new (FAKE_TYPE_PROVIDER, NULL);
  PsSync *sync;

  g_assert_no_error (error);
  sync = ps_sync_new (cache, PS_PROVIDER (fake));
  g_assert_true (ps_sync_get_cache (sync) == cache);
  g_assert_true (ps_sync_get_provider (sync) == PS_PROVIDER (fake));
  /* A writer of its own, on the cache's file. */
  g_assert_true (PS_IS_WRITER (ps_sync_get_writer (sync)));
  g_assert_cmpstr (ps_writer_get_cache_path (ps_sync_get_writer (sync)), ==, path);

  g_assert_finalize_object (sync);
  g_assert_finalize_object (cache);
  g_assert_finalize_object (fake);
}

static void
test_sync_pages (Fixture       *fixture,
                 gconstpointer  data)
{
  const gint64 from = START + 20 * DAY_MS, to = START + 25 * DAY_MS;
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(PsFunding) funding = NULL;
  g_autoptr(PsOpenInterest) open_interest = NULL;
  g_autoptr(GError) error = NULL;
  PsSyncStats stats = { 0 };

  fetch_ok (fixture, PS_SERIES_ALL, from, to, &stats);

  /* 30 candles, 15 settlements, 120 hours of OI in pages of 10: 3 + 2 + 12. A page
   * that ends exactly at the range's end needs no empty page after it. */
  g_assert_cmpuint (fixture->fake->n_time_requests, ==, 1);
  g_assert_cmpuint (fixture->fake->n_page_requests, ==, 17);
  g_assert_cmpuint (stats.n_requests, ==, 18);
  g_assert_cmpuint (stats.n_candles, ==, 30);
  g_assert_cmpuint (stats.n_funding, ==, 15);
  g_assert_cmpuint (stats.n_open_interest, ==, 120);
  g_assert_cmpint (stats.oi_unavailable_from_ms, ==, 0);
  g_assert_cmpint (stats.oi_unavailable_to_ms, ==, 0);
  assert_no_request_past_now (fixture);

  /* One request at a time, in order: each starts where the last page ended. */
  g_assert_cmpint (g_array_index (fixture->fake->requests, PsPageRequest, 1).from_ms, ==,
                   from + 10 * 4 * HOUR_MS);

  candles = read_candles (fixture);
  g_assert_cmpuint (candles->n, ==, 30);
  for (guint i = 0; i < candles->n; i++)
    {
      g_assert_cmpint (candles->t_ms[i], ==, from + i * 4 * HOUR_MS);
      g_assert_cmpfloat (ps_candles_open_at (candles, i), ==, fake_value (candles->t_ms[i]));
      g_assert_cmpint (!!isnan (ps_candles_taker_buy_at (candles, i)), ==,
                       (candles->t_ms[i] / HOUR_MS) % 5 == 0);
    }
  funding = ps_cache_read_funding (fixture->cache, "fake", "BTCUSDT", from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (funding->n, ==, 15);
  open_interest = ps_cache_read_open_interest (fixture->cache, "fake", "BTCUSDT",
                                               PS_INTERVAL_1H, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open_interest->n, ==, 120);
  g_assert_cmpfloat (open_interest->usd[7], ==, fake_value (from + 7 * HOUR_MS) * 60000);

  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, to }, 1); }
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_FUNDING, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, to }, 1); }
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_OPEN_INTEREST, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, to }, 1); }

  /* Progress after every page, rising to 1. */
  g_assert_cmpuint (fixture->fractions->len, ==, 17);
  for (guint i = 1; i < fixture->fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fixture->fractions, double, i), >=,
                       g_array_index (fixture->fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fixture->fractions, double, 16), ==, 1.0);
  g_assert_cmpstr (fixture->messages->pdata[0], ==, "Fetching candles: 2025-01-22");
  g_assert_cmpstr (fixture->messages->pdata[3], ==, "Fetching funding: 2025-01-24");
  g_assert_true (g_str_has_prefix (fixture->messages->pdata[16], "Fetching open interest: "));
}

static void
test_sync_cached (Fixture       *fixture,
                  gconstpointer  data)
{
  const gint64 from = START + 20 * DAY_MS, to = START + 25 * DAY_MS;
  PsSyncStats stats = { 0 };

  fetch_ok (fixture, PS_SERIES_ALL, from, to, &stats);
  fixture->fake->n_time_requests = fixture->fake->n_page_requests = 0;

  /* Everything cached: not a single request, not even the clock. */
  fetch_ok (fixture, PS_SERIES_ALL, from, to, &stats);
  g_assert_cmpuint (stats.n_requests, ==, 0);
  g_assert_cmpuint (stats.n_candles, ==, 0);
  g_assert_cmpuint (fixture->fake->n_time_requests, ==, 0);
  g_assert_cmpuint (fixture->fake->n_page_requests, ==, 0);

  fetch_ok (fixture, PS_SERIES_CANDLES, from + DAY_MS, to - DAY_MS, &stats);
  g_assert_cmpuint (stats.n_requests, ==, 0);
}

static void
clock_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The clock a caller (the market, for "recent") just asked for serves the
 * fetch that follows: the venue is asked once, not twice. */
static void
test_sync_clock_reused (Fixture       *fixture,
                        gconstpointer  data)
{
  const gint64 from = START + 20 * DAY_MS, to = START + 25 * DAY_MS;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PsSyncStats stats = { 0 };

  ps_sync_get_server_time_async (fixture->sync, NULL, clock_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (ps_sync_get_server_time_finish (fixture->sync, result, &error), ==,
                   fixture->fake->now_ms);
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->fake->n_time_requests, ==, 1);

  fetch_ok (fixture, PS_SERIES_ALL, from, to, &stats);
  g_assert_cmpuint (fixture->fake->n_time_requests, ==, 1);
  g_assert_cmpuint (stats.n_requests, ==, fixture->fake->n_page_requests);
  g_assert_cmpuint (stats.n_candles, ==, 30);
}

static void
test_sync_wider (Fixture       *fixture,
                 gconstpointer  data)
{
  const gint64 from = START + 20 * DAY_MS, to = START + 25 * DAY_MS;
  g_autoptr(PsCandles) candles = NULL;
  PsSyncStats stats = { 0 };

  fetch_ok (fixture, PS_SERIES_CANDLES, from, to, &stats);
  g_array_set_size (fixture->fake->requests, 0);

  /* Only the two missing sides: 30 candles before (3 pages), 18 after (2). */
  fetch_ok (fixture, PS_SERIES_CANDLES, from - 5 * DAY_MS, to + 3 * DAY_MS, &stats);
  g_assert_cmpuint (stats.n_requests, ==, 1 + 3 + 2);
  g_assert_cmpuint (stats.n_candles, ==, 30 + 18);
  for (guint i = 0; i < fixture->fake->requests->len; i++)
    {
      const PsPageRequest *request = &g_array_index (fixture->fake->requests, PsPageRequest, i);

      g_assert_true (request->to_ms <= from || request->from_ms >= to);
    }

  candles = read_candles (fixture);
  g_assert_cmpuint (candles->n, ==, 30 + 30 + 18);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from - 5 * DAY_MS, to + 3 * DAY_MS }, 1); }
}

static void
test_sync_open_candle (Fixture       *fixture,
                       gconstpointer  data)
{
  const gint64 from = START + 29 * DAY_MS, to = START + 31 * DAY_MS;
  const gint64 open_candle = START + 30 * DAY_MS;   /* opened 2 h before NOW */
  g_autoptr(PsCandles) candles = NULL;
  PsSyncStats stats = { 0 };

  fetch_ok (fixture, PS_SERIES_CANDLES | PS_SERIES_FUNDING, from, to, &stats);
  assert_no_request_past_now (fixture);

  /* The still-open candle is stored, but its range is not marked fetched. */
  candles = read_candles (fixture);
  g_assert_cmpuint (candles->n, ==, 7);
  g_assert_cmpint (candles->t_ms[6], ==, open_candle);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, open_candle }, 1); }
  /* A settlement is final: funding is covered up to now. */
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_FUNDING, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, NOW }, 1); }

  /* Next time the open candle is asked for again, and only it. */
  g_array_set_size (fixture->fake->requests, 0);
  fixture->fake->now_ms = NOW + HOUR_MS;
  fetch_ok (fixture, PS_SERIES_CANDLES, from, to, &stats);
  g_assert_cmpuint (stats.n_requests, ==, 2);
  g_assert_cmpint (g_array_index (fixture->fake->requests, PsPageRequest, 0).from_ms, ==,
                   open_candle);
  g_assert_cmpint (g_array_index (fixture->fake->requests, PsPageRequest, 0).to_ms, ==,
                   NOW + HOUR_MS + 1);

  /* Once it has closed it is covered. */
  fixture->fake->now_ms = open_candle + 4 * HOUR_MS;
  fetch_ok (fixture, PS_SERIES_CANDLES, from, to, &stats);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, open_candle + 4 * HOUR_MS }, 1); }
}

static void
test_sync_horizon (Fixture       *fixture,
                   gconstpointer  data)
{
  /* One hourly step inside the 20-day horizon, on the hour. */
  const gint64 served_from = NOW - HORIZON + HOUR_MS;
  const gint64 from = START, to = START + 15 * DAY_MS;
  g_autoptr(PsOpenInterest) open_interest = NULL;
  g_autoptr(GError) error = NULL;
  PsSyncStats stats = { 0 };

  fetch_ok (fixture, PS_SERIES_OPEN_INTEREST, from, to, &stats);
  g_assert_cmpint (stats.oi_unavailable_from_ms, ==, from);
  g_assert_cmpint (stats.oi_unavailable_to_ms, ==, served_from);
  g_assert_cmpuint (stats.n_open_interest, ==, (to - served_from) / HOUR_MS);
  g_assert_cmpint (g_array_index (fixture->fake->requests, PsPageRequest, 0).from_ms, ==,
                   served_from);
  for (guint i = 0; i < fixture->fake->requests->len; i++)
    g_assert_cmpint (g_array_index (fixture->fake->requests, PsPageRequest, i).from_ms, >=,
                     served_from);

  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_OPEN_INTEREST, PS_COVERAGE_UNAVAILABLE);
    assert_ranges (r, (gint64[]) { from, served_from }, 1); }
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_OPEN_INTEREST, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { served_from, to }, 1); }

  open_interest = ps_cache_read_open_interest (fixture->cache, "fake", "BTCUSDT",
                                               PS_INTERVAL_1H, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpint (open_interest->t_ms[0], ==, served_from);

  /* Never retried, even as the horizon moves on; still reported. */
  fixture->fake->n_time_requests = fixture->fake->n_page_requests = 0;
  fixture->fake->now_ms = NOW + 2 * DAY_MS;
  memset (&stats, 0, sizeof stats);
  fetch_ok (fixture, PS_SERIES_OPEN_INTEREST, from, to, &stats);
  g_assert_cmpuint (stats.n_requests, ==, 0);
  g_assert_cmpuint (fixture->fake->n_time_requests, ==, 0);
  g_assert_cmpint (stats.oi_unavailable_from_ms, ==, from);
  g_assert_cmpint (stats.oi_unavailable_to_ms, ==, served_from);
}

static void
test_sync_error_keeps_pages (Fixture       *fixture,
                             gconstpointer  data)
{
  const gint64 from = START, to = START + 10 * DAY_MS;
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GError) error = NULL;
  PsSyncStats stats = { 0 };

  fixture->fake->fail_at = 3;
  g_assert_false (run_fetch (fixture->sync, PS_SERIES_CANDLES, from, to, NULL, &stats, &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_HTTP_STATUS);
  g_assert_cmpuint (stats.n_requests, ==, 1 + 3);
  g_assert_cmpuint (stats.n_candles, ==, 20);
  g_clear_error (&error);

  /* Pages 1 and 2 were kept, with their coverage. */
  candles = read_candles (fixture);
  g_assert_cmpuint (candles->n, ==, 20);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, from + 20 * 4 * HOUR_MS }, 1); }

  /* The retry fetches the other 40 only. */
  fixture->fake->fail_at = 0;
  fetch_ok (fixture, PS_SERIES_CANDLES, from, to, &stats);
  g_assert_cmpuint (stats.n_requests, ==, 1 + 4);
  g_clear_pointer (&candles, ps_candles_unref);
  candles = read_candles (fixture);
  g_assert_cmpuint (candles->n, ==, 60);
}

static void
test_sync_server_time_fails (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->fake->fail_time = TRUE;
  g_assert_false (run_fetch (fixture->sync, PS_SERIES_ALL, START, START + DAY_MS, NULL, NULL,
                             &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_UNREACHABLE);
  g_assert_cmpuint (fixture->fake->n_page_requests, ==, 0);
}

static void
test_sync_cancel_before (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (run_fetch (fixture->sync, PS_SERIES_ALL, START, START + DAY_MS, cancellable,
                             NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->fake->n_time_requests + fixture->fake->n_page_requests, ==, 0);
}

static void
test_sync_cancel_during (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GError) error = NULL;

  fixture->cancel_on_progress = g_cancellable_new ();
  g_assert_false (run_fetch (fixture->sync, PS_SERIES_CANDLES, START, START + 10 * DAY_MS,
                             fixture->cancel_on_progress, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* Cancelled after the first page: it is kept, and no other was asked for. */
  g_assert_cmpuint (fixture->fake->n_page_requests, ==, 1);
  candles = read_candles (fixture);
  g_assert_cmpuint (candles->n, ==, 10);
}

static void
test_sync_no_progress (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* A venue that ignores startTime: the second full page repeats the first. */
  fixture->fake->stuck = TRUE;
  g_assert_false (run_fetch (fixture->sync, PS_SERIES_CANDLES, START, START + 10 * DAY_MS,
                             NULL, NULL, &error));
  g_assert_error (error, PS_NET_ERROR, PS_NET_ERROR_FAILED);
  g_assert_cmpuint (fixture->fake->n_page_requests, ==, 2);
}

static void
test_sync_stray_rows (Fixture       *fixture,
                      gconstpointer  data)
{
  const gint64 from = START - 5 * DAY_MS, to = START - 4 * DAY_MS;
  g_autoptr(PsCandles) candles = NULL;
  PsSyncStats stats = { 0 };

  /* Before START the venue has nothing but a row before what was asked; the
   * proof that nothing is there comes from asking past the range. */
  fixture->fake->stray_row = TRUE;
  fetch_ok (fixture, PS_SERIES_CANDLES, from, to, &stats);
  g_assert_cmpuint (stats.n_requests, ==, 3);
  g_assert_cmpuint (stats.n_candles, ==, 0);

  candles = read_candles (fixture);
  g_assert_cmpuint (candles->n, ==, 0);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, to }, 1); }
}

/* A venue's empty page inside a range it serves is no proof: the range is
 * asked for again (past its end, where the next rows prove any silence), and
 * is marked fetched only once rows have come. */
static void
test_sync_empty_page_retried (Fixture       *fixture,
                              gconstpointer  data)
{
  const gint64 from = START + 20 * DAY_MS, to = START + 25 * DAY_MS;
  g_autoptr(PsCandles) candles = NULL;
  PsSyncStats stats = { 0 };

  fixture->fake->n_empty = 3;
  fetch_ok (fixture, PS_SERIES_CANDLES, from, to, &stats);

  /* Three empty answers, then the three pages of 10. */
  g_assert_cmpuint (fixture->fake->n_page_requests, ==, 6);
  g_assert_cmpuint (stats.n_requests, ==, 7);
  g_assert_cmpuint (stats.n_candles, ==, 30);
  g_assert_cmpuint (stats.n_missing, ==, 0);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpint (g_array_index (fixture->fake->requests, PsPageRequest, i).from_ms, ==, from);
  g_assert_cmpint (g_array_index (fixture->fake->requests, PsPageRequest, 0).to_ms, ==, to);
  g_assert_cmpint (g_array_index (fixture->fake->requests, PsPageRequest, 1).to_ms, ==, NOW + 1);
  /* Once full pages come, requests end at the range's end again. */
  g_assert_cmpint (g_array_index (fixture->fake->requests, PsPageRequest, 4).to_ms, ==, to);
  assert_no_request_past_now (fixture);

  candles = read_candles (fixture);
  g_assert_cmpuint (candles->n, ==, 30);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, to }, 1); }
}

static void
test_sync_empty_page_not_covered (Fixture       *fixture,
                                  gconstpointer  data)
{
  const gint64 from = START + 20 * DAY_MS, to = START + 25 * DAY_MS;
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GError) error = NULL;
  PsSyncStats stats = { 0 };

  /* Stopped right after one empty page: it has claimed nothing. */
  fixture->fake->n_empty = 1;
  fixture->cancel_on_progress = g_cancellable_new ();
  g_assert_false (run_fetch (fixture->sync, PS_SERIES_CANDLES | PS_SERIES_FUNDING, from, to,
                             fixture->cancel_on_progress, &stats, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fixture->fake->n_page_requests, ==, 1);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, NULL, 0); }

  /* The next fetch asks for it again and fills it. */
  g_clear_object (&fixture->cancel_on_progress);
  g_array_set_size (fixture->fake->requests, 0);
  fetch_ok (fixture, PS_SERIES_CANDLES | PS_SERIES_FUNDING, from, to, &stats);
  g_assert_cmpint (g_array_index (fixture->fake->requests, PsPageRequest, 0).from_ms, ==, from);
  g_assert_cmpuint (stats.n_candles, ==, 30);
  candles = read_candles (fixture);
  g_assert_cmpuint (candles->n, ==, 30);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, to }, 1); }
}

/* A venue that keeps answering empty where rows after are cached: that
 * stretch stays a gap, the fetch says so in words, the next one fills it. */
static void
test_sync_empty_gap (Fixture       *fixture,
                     gconstpointer  data)
{
  const gint64 from = START + 20 * DAY_MS, to = START + 25 * DAY_MS;
  const gint64 hole = from + 3 * DAY_MS;
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GError) error = NULL;
  PsSyncStats stats = { 0 };

  fetch_ok (fixture, PS_SERIES_CANDLES, hole, to, &stats);
  fixture->fake->n_page_requests = 0;
  fixture->fake->n_empty = G_MAXUINT;
  g_assert_false (run_fetch (fixture->sync, PS_SERIES_CANDLES, from, to, NULL, &stats, &error));
  g_assert_error (error, PS_SYNC_ERROR, PS_SYNC_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "candles"));
  g_assert_nonnull (strstr (error->message, "BTCUSDT"));
  g_assert_nonnull (strstr (error->message, "2025-01-21"));
  g_assert_nonnull (strstr (error->message, "2025-01-24"));
  g_assert_cmpuint (fixture->fake->n_page_requests, ==, 8);
  g_assert_cmpuint (stats.n_missing, ==, 1);
  g_assert_cmpint (stats.missing_from_ms, ==, from);
  g_assert_cmpint (stats.missing_to_ms, ==, hole);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { hole, to }, 1); }
  g_clear_error (&error);

  fixture->fake->n_empty = 0;
  g_array_set_size (fixture->fake->requests, 0);
  fetch_ok (fixture, PS_SERIES_CANDLES, from, to, &stats);
  g_assert_cmpint (g_array_index (fixture->fake->requests, PsPageRequest, 0).from_ms, ==, from);
  g_assert_cmpuint (stats.n_candles, ==, 18);
  candles = read_candles (fixture);
  g_assert_cmpuint (candles->n, ==, 30);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, to }, 1); }
}

/* Settlements that never come while the market traded (candles cached for
 * the stretch): a gap and an error, not the end of the venue's history. */
static void
test_sync_empty_funding_while_trading (Fixture       *fixture,
                                       gconstpointer  data)
{
  const gint64 from = START + 20 * DAY_MS, to = START + 25 * DAY_MS;
  g_autoptr(GError) error = NULL;
  PsSyncStats stats = { 0 };

  fetch_ok (fixture, PS_SERIES_CANDLES, from, to, &stats);
  fixture->fake->n_empty = G_MAXUINT;
  g_assert_false (run_fetch (fixture->sync, PS_SERIES_FUNDING, from, to, NULL, &stats, &error));
  g_assert_error (error, PS_SYNC_ERROR, PS_SYNC_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "funding"));
  g_assert_cmpuint (stats.n_missing, ==, 1);
  g_assert_cmpint (stats.history_end_ms, ==, 0);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_FUNDING, PS_COVERAGE_FETCHED);
    assert_ranges (r, NULL, 0); }
}

/* At the present edge an empty answer for what just closed (a candle, an
 * hour of open interest, the hours since the last settlement) is only late:
 * not claimed, no tries spent, no error; the next fetch gets it. */
static void
test_sync_edge_late (Fixture       *fixture,
                     gconstpointer  data)
{
  const gint64 from = START + 29 * DAY_MS, to = START + 31 * DAY_MS;
  const gint64 later = NOW + 2 * HOUR_MS;   /* the 4h candle of NOW has closed */
  PsSyncStats stats = { 0 };

  fetch_ok (fixture, PS_SERIES_ALL, from, to, &stats);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_OPEN_INTEREST, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, NOW }, 1); }

  fixture->fake->now_ms = later;
  fixture->fake->n_empty = G_MAXUINT;
  fixture->fake->n_page_requests = 0;
  memset (&stats, 0, sizeof stats);
  fetch_ok (fixture, PS_SERIES_ALL, from, to, &stats);
  g_assert_cmpuint (fixture->fake->n_page_requests, ==, 3);
  g_assert_cmpuint (stats.n_missing, ==, 0);
  g_assert_cmpint (stats.history_end_ms, ==, 0);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, START + 30 * DAY_MS }, 1); }
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_FUNDING, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, NOW }, 1); }
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_OPEN_INTEREST, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, NOW }, 1); }

  /* Published now: fetched and claimed. */
  fixture->fake->n_empty = 0;
  fetch_ok (fixture, PS_SERIES_ALL, from, to, &stats);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, later }, 1); }
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_OPEN_INTEREST, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, later }, 1); }
}

/* A range wholly before the market's first row: the venue's answer past it
 * (its first rows) proves it empty; recorded fetched, never asked again. */
static void
test_sync_before_listing (Fixture       *fixture,
                          gconstpointer  data)
{
  const gint64 from = START - 10 * DAY_MS, to = START - 5 * DAY_MS;
  PsSyncStats stats = { 0 };

  fetch_ok (fixture, PS_SERIES_CANDLES | PS_SERIES_FUNDING, from, to, &stats);
  /* Per kind: the empty page, then one asking up to now. */
  g_assert_cmpuint (stats.n_requests, ==, 1 + 2 + 2);
  g_assert_cmpuint (stats.n_candles + stats.n_funding, ==, 0);
  g_assert_cmpint (stats.history_end_ms, ==, 0);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, to }, 1); }
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_FUNDING, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, to }, 1); }

  fetch_ok (fixture, PS_SERIES_CANDLES | PS_SERIES_FUNDING, from, to, &stats);
  g_assert_cmpuint (stats.n_requests, ==, 0);
}

/* A market no longer traded: nothing after its last row up to now, however
 * often asked. Recorded fetched after the tries, so not asked forever. */
static void
test_sync_history_end (Fixture       *fixture,
                       gconstpointer  data)
{
  const gint64 from = START + 20 * DAY_MS, to = START + 25 * DAY_MS;
  const gint64 end = START + 22 * DAY_MS;
  PsSyncStats stats = { 0 };

  fixture->fake->end_ms = end;
  fetch_ok (fixture, PS_SERIES_CANDLES, from, to, &stats);
  /* 12 rows in 2 pages, then 8 requests past the last row. */
  g_assert_cmpuint (fixture->fake->n_page_requests, ==, 2 + 8);
  g_assert_cmpuint (stats.n_candles, ==, 12);
  g_assert_cmpint (stats.history_end_ms, ==, end);
  g_assert_cmpuint (stats.n_missing, ==, 0);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, to }, 1); }

  fetch_ok (fixture, PS_SERIES_CANDLES, from, to, &stats);
  g_assert_cmpuint (stats.n_requests, ==, 0);
}

/* Settlements come three a day: a page of them that reaches within 8 h of the
 * range's end is complete, not short. */
static void
test_sync_funding_not_short (Fixture       *fixture,
                             gconstpointer  data)
{
  const gint64 from = START + 20 * DAY_MS, to = START + 21 * DAY_MS + 7 * HOUR_MS;
  PsSyncStats stats = { 0 };

  fetch_ok (fixture, PS_SERIES_FUNDING, from, to, &stats);
  g_assert_cmpuint (fixture->fake->n_page_requests, ==, 1);
  g_assert_cmpuint (stats.n_funding, ==, 4);
  { g_autoptr(GArray) r = coverage (fixture, PS_SERIES_FUNDING, PS_COVERAGE_FETCHED);
    assert_ranges (r, (gint64[]) { from, to }, 1); }
}

static gboolean
cap_func (PsWriterDbs  *dbs,
          gpointer      data,
          GError      **error)
{
  ps_cache_set_max_page_count_for_test (ps_writer_dbs_get_cache (dbs, NULL), 1);
  return TRUE;
}

static void
cap_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_assert_true (ps_writer_submit_finish (PS_WRITER (object), result, NULL));
  *(gboolean *) user_data = TRUE;
}

/* The disk fills up mid-fetch: the writer's error comes back in words, and
 * the pages committed before it are kept with exactly their coverage. */
static void
test_sync_disk_full (Fixture       *fixture,
                     gconstpointer  data)
{
  const gint64 from = START, to = START + 30 * DAY_MS;
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(GError) error = NULL;
  PsSyncStats stats = { 0 };
  gboolean capped = FALSE;

  ps_writer_submit_async (ps_sync_get_writer (fixture->sync), cap_func, NULL, NULL, NULL,
                          cap_cb, &capped);
  while (!capped)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (run_fetch (fixture->sync, PS_SERIES_CANDLES, from, to, NULL, &stats, &error));
  g_assert_error (error, PS_CACHE_ERROR, PS_CACHE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "full"));

  candles = read_candles (fixture);
  g_test_message ("%u candles kept before the disk was full", candles->n);
  g_assert_cmpuint (candles->n, <, 180);
  g_assert_cmpuint (candles->n % 10, ==, 0);
  if (candles->n > 0)
    {
      g_autoptr(GArray) r = coverage (fixture, PS_SERIES_CANDLES, PS_COVERAGE_FETCHED);

      assert_ranges (r, (gint64[]) { from, from + candles->n * 4 * HOUR_MS }, 1);
    }
}

/* The real provider against the loopback Binance */

/* Rows of a tests/data CSV whose first column (ms) lies in [from_ms, to_ms). */
static GPtrArray *
csv_rows (const char *name,
          gint64      from_ms,
          gint64      to_ms)
{
  g_autofree char *contents = ps_test_load_data (name, NULL);
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint i = 1; lines[i] != NULL; i++)
    {
      char **fields;
      gint64 t;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      fields = g_strsplit (lines[i], ",", -1);
      t = g_ascii_strtoll (fields[0], NULL, 10);
      if (t >= from_ms && t < to_ms)
        g_ptr_array_add (rows, fields);
      else
        g_strfreev (fields);
    }
  return rows;
}

static void
binance_fetch (PsSync      *sync,
               gint64       from_ms,
               gint64       to_ms,
               PsSyncStats *stats)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (run_fetch (sync, PS_SERIES_ALL, from_ms, to_ms, NULL, stats, &error));
  g_assert_no_error (error);
}

/* data: TRUE for a writer shared with others (the application's), else the
 * sync's own. */
static void
test_sync_binance (gconstpointer data)
{
  gboolean shared_writer = GPOINTER_TO_INT (data);
  const gint64 from = G_GINT64_CONSTANT (1759276800000);   /* 2025-10-01T00:00:00Z */
  const gint64 to = G_GINT64_CONSTANT (1764547200000);     /* 2025-12-01T00:00:00Z */
  const gint64 now = G_GINT64_CONSTANT (1766016000000);    /* the server's, 2025-12-18 */
  PsTestServer *server = ps_test_server_new ();
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autoptr(PsHttp) http = ps_http_new ();
  g_autoptr(PsBinance) binance = ps_binance_new (http, ps_test_server_get_uri (server));
  PsProvider *provider = PS_PROVIDER (binance);
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(PsSync) sync = NULL;
  g_autoptr(GPtrArray) kline_rows = NULL;
  g_autoptr(GPtrArray) funding_rows = NULL;
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(PsFunding) funding = NULL;
  g_autoptr(PsOpenInterest) open_interest = NULL;
  g_autoptr(GError) error = NULL;
  PsInterval oi_interval;
  gint64 oi_from;
  guint n_requests;
  PsSyncStats stats = { 0 };

  kline_rows = csv_rows ("binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv", from, to);
  funding_rows = csv_rows ("binance_btcusdt_funding_8h_2025-10-06_2026-01-31.csv", from, to);
  cache = ps_cache_new (path, &error);
  g_assert_no_error (error);
  if (shared_writer)
    {
      g_autoptr(PsWriter) writer = ps_writer_new (path);

      sync = ps_sync_new_with_writer (cache, writer, provider);
      g_assert_true (ps_sync_get_writer (sync) == writer);
    }
  else
    sync = ps_sync_new (cache, provider);
  oi_interval = ps_provider_get_storage_interval (provider, PS_SERIES_OPEN_INTEREST,
                                                  PS_INTERVAL_4H);
  oi_from = ps_interval_floor (oi_interval,
                               now - ps_provider_get_history_horizon (provider,
                                                                      PS_SERIES_OPEN_INTEREST)
                               + ps_interval_to_ms (oi_interval));

  binance_fetch (sync, from, to, &stats);

  /* 366 candles and 168 settlements (the CSV starts on 2025-10-06) each fit one
   * page of 1500 and 1000 rows; the open interest the venue still serves, one
   * more; and the clock. */
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_CANDLES), ==, 1500);
  g_assert_cmpuint (ps_provider_get_page_limit (provider, PS_SERIES_FUNDING), ==, 1000);
  g_assert_cmpuint (kline_rows->len, ==, 366);
  g_assert_cmpuint (funding_rows->len, ==, 168);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (server, "/fapi/v1/klines"), ==, 1);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (server, "/fapi/v1/fundingRate"), ==, 1);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (server, "/futures/data/openInterestHist"),
                    ==, 1);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (server, "/fapi/v1/time"), ==, 1);
  g_assert_cmpuint (stats.n_requests, ==, 4);
  g_assert_cmpuint (ps_test_server_get_n_requests (server), ==, 4);
  g_assert_cmpint (stats.oi_unavailable_from_ms, ==, from);
  g_assert_cmpint (stats.oi_unavailable_to_ms, ==, oi_from);

  /* The cache holds exactly the CSV's rows. */
  candles = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candles->n, ==, kline_rows->len);
  g_assert_cmpuint (stats.n_candles, ==, kline_rows->len);
  for (guint i = 0; i < candles->n; i++)
    {
      char **f = g_ptr_array_index (kline_rows, i);

      g_assert_cmpint (candles->t_ms[i], ==, g_ascii_strtoll (f[0], NULL, 10));
      g_assert_cmpfloat (ps_candles_open_at (candles, i), ==, g_ascii_strtod (f[1], NULL));
      g_assert_cmpfloat (ps_candles_high_at (candles, i), ==, g_ascii_strtod (f[2], NULL));
      g_assert_cmpfloat (ps_candles_low_at (candles, i), ==, g_ascii_strtod (f[3], NULL));
      g_assert_cmpfloat (ps_candles_close_at (candles, i), ==, g_ascii_strtod (f[4], NULL));
      g_assert_cmpfloat (ps_candles_volume_at (candles, i), ==, g_ascii_strtod (f[5], NULL));
    }

  funding = ps_cache_read_funding (cache, "binance", "BTCUSDT", from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (funding->n, ==, funding_rows->len);
  for (guint i = 0; i < funding->n; i++)
    {
      char **f = g_ptr_array_index (funding_rows, i);

      g_assert_cmpint (funding->t_ms[i], ==, g_ascii_strtoll (f[0], NULL, 10));
      g_assert_cmpfloat (funding->rate[i], ==, g_ascii_strtod (f[1], NULL));
      g_assert_cmpfloat (funding->mark_price[i], ==, g_ascii_strtod (f[2], NULL));
    }

  /* Daily OI rows, only those the venue still serves: from 2025-11-19. */
  open_interest = ps_cache_read_open_interest (cache, "binance", "BTCUSDT", oi_interval,
                                               from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open_interest->n, >, 0);
  g_assert_cmpint (open_interest->t_ms[0], >=, oi_from);
  g_assert_cmpuint (stats.n_open_interest, ==, open_interest->n);

  /* Again: all cached, not one request. */
  n_requests = ps_test_server_get_n_requests (server);
  memset (&stats, 0, sizeof stats);
  binance_fetch (sync, from, to, &stats);
  g_assert_cmpuint (stats.n_requests, ==, 0);
  g_assert_cmpuint (ps_test_server_get_n_requests (server), ==, n_requests);

  g_clear_object (&sync);
  g_clear_object (&binance);
  ps_test_server_free (server);
}

static gint64
get_clock (PsSync *sync)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now_ms;

  ps_sync_get_server_time_async (sync, NULL, store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  now_ms = ps_sync_get_server_time_finish (sync, result, &error);
  g_assert_no_error (error);
  return now_ms;
}

/* The loopback Binance answering [] to pages it serves: retried and filled;
 * before its first candle (2025-09-27) the answer past the range proves the
 * range empty, once for all. */
static void
test_sync_binance_empty (void)
{
  const gint64 from = G_GINT64_CONSTANT (1759276800000);   /* 2025-10-01T00:00:00Z */
  const gint64 to = G_GINT64_CONSTANT (1764547200000);     /* 2025-12-01T00:00:00Z */
  const gint64 sep_1 = G_GINT64_CONSTANT (1756684800000);  /* 2025-09-01T00:00:00Z */
  const gint64 sep_20 = G_GINT64_CONSTANT (1758326400000); /* 2025-09-20T00:00:00Z */
  PsTestServer *server = ps_test_server_new ();
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autoptr(PsHttp) http = ps_http_new ();
  g_autoptr(PsBinance) binance = ps_binance_new (http, ps_test_server_get_uri (server));
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(PsSync) sync = NULL;
  g_autoptr(PsCandles) candles = NULL;
  g_autoptr(PsFunding) funding = NULL;
  g_autoptr(GArray) covered = NULL;
  g_autoptr(GError) error = NULL;
  PsSyncStats stats = { 0 };

  cache = ps_cache_new (path, &error);
  g_assert_no_error (error);
  sync = ps_sync_new (cache, PS_PROVIDER (binance));

  /* The clock's first answer is an empty array too: asked again. */
  ps_test_server_set_fault_skip_time (server, FALSE);
  ps_test_server_set_fault (server, PS_TEST_FAULT_EMPTY, 1);
  g_assert_cmpint (get_clock (sync), ==, G_GINT64_CONSTANT (1766016000000));
  g_assert_cmpuint (ps_test_server_get_n_requests_for (server, "/fapi/v1/time"), ==, 2);
  ps_test_server_set_fault_skip_time (server, TRUE);
  ps_test_server_reset_counts (server);

  /* The first three pages asked for come back empty. */
  ps_test_server_set_fault (server, PS_TEST_FAULT_EMPTY, 3);
  g_assert_true (run_fetch (sync, PS_SERIES_CANDLES | PS_SERIES_FUNDING, from, to, NULL, &stats,
                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (server, "/fapi/v1/klines"), ==, 4);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (server, "/fapi/v1/fundingRate"), ==, 1);
  g_assert_cmpuint (stats.n_candles, ==, 366);
  g_assert_cmpuint (stats.n_funding, ==, 168);
  candles = ps_cache_read_candles (cache, "binance", "BTCUSDT", PS_INTERVAL_4H, from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (candles->n, ==, 366);
  funding = ps_cache_read_funding (cache, "binance", "BTCUSDT", from, to, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (funding->n, ==, 168);
  covered = ps_cache_get_coverage (cache, "binance", "BTCUSDT", PS_SERIES_CANDLES, PS_INTERVAL_4H,
                                   G_MININT64, G_MAXINT64, PS_COVERAGE_FETCHED, &error);
  g_assert_no_error (error);
  assert_ranges (covered, (gint64[]) { from, to }, 1);
  g_clear_pointer (&covered, g_array_unref);

  /* Before the first candle: one empty page, one asking on to now. */
  ps_test_server_reset_counts (server);
  g_assert_true (run_fetch (sync, PS_SERIES_CANDLES, sep_1, sep_20, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (server, "/fapi/v1/klines"), ==, 2);
  g_assert_cmpuint (stats.n_candles, ==, 0);
  covered = ps_cache_get_coverage (cache, "binance", "BTCUSDT", PS_SERIES_CANDLES, PS_INTERVAL_4H,
                                   sep_1, sep_20, PS_COVERAGE_FETCHED, &error);
  g_assert_no_error (error);
  assert_ranges (covered, (gint64[]) { sep_1, sep_20 }, 1);

  ps_test_server_reset_counts (server);
  g_assert_true (run_fetch (sync, PS_SERIES_CANDLES, sep_1, sep_20, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.n_requests, ==, 0);
  g_assert_cmpuint (ps_test_server_get_n_requests (server), ==, 0);

  /* A fetch asking the clock itself gets [] first, and asks again. */
  g_clear_object (&sync);
  sync = ps_sync_new (cache, PS_PROVIDER (binance));
  ps_test_server_set_fault_skip_time (server, FALSE);
  ps_test_server_set_fault (server, PS_TEST_FAULT_EMPTY, 1);
  g_assert_true (run_fetch (sync, PS_SERIES_CANDLES, to, to + 86400000, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ps_test_server_get_n_requests_for (server, "/fapi/v1/time"), ==, 2);
  g_assert_cmpuint (stats.n_candles, ==, 6);

  g_clear_object (&sync);
  g_clear_object (&binance);
  ps_test_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/store/sync/new-destroy", test_sync_new_destroy);
#define ADD(name, func) \
  g_test_add ("/perpscope/store/sync/" name, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("pages", test_sync_pages);
  ADD ("cached", test_sync_cached);
  ADD ("clock-reused", test_sync_clock_reused);
  ADD ("wider", test_sync_wider);
  ADD ("open-candle", test_sync_open_candle);
  ADD ("horizon", test_sync_horizon);
  ADD ("error-keeps-pages", test_sync_error_keeps_pages);
  ADD ("server-time-fails", test_sync_server_time_fails);
  ADD ("cancel-before", test_sync_cancel_before);
  ADD ("cancel-during", test_sync_cancel_during);
  ADD ("no-progress", test_sync_no_progress);
  ADD ("stray-rows", test_sync_stray_rows);
  ADD ("empty-page-retried", test_sync_empty_page_retried);
  ADD ("empty-page-not-covered", test_sync_empty_page_not_covered);
  ADD ("empty-gap", test_sync_empty_gap);
  ADD ("empty-funding-while-trading", test_sync_empty_funding_while_trading);
  ADD ("before-listing", test_sync_before_listing);
  ADD ("history-end", test_sync_history_end);
  ADD ("edge-late", test_sync_edge_late);
  ADD ("funding-not-short", test_sync_funding_not_short);
  ADD ("disk-full", test_sync_disk_full);
#undef ADD
  g_test_add_data_func ("/perpscope/store/sync/binance", GINT_TO_POINTER (FALSE),
                        test_sync_binance);
  g_test_add_data_func ("/perpscope/store/sync/binance-shared-writer", GINT_TO_POINTER (TRUE),
                        test_sync_binance);
  g_test_add_func ("/perpscope/store/sync/binance-empty", test_sync_binance_empty);

  return g_test_run ();
}
