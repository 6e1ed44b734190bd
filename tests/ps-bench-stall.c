/* ps-bench-stall.c: the longest main-loop stall while a year of 1m candles is
 * fetched and written through the writer, beside writes on the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <time.h>

#include "ps-bench-private.h"
#include "ps-binance.h"
#include "ps-http.h"
#include "ps-sync.h"
#include "ps-test-server.h"
#include "ps-thread.h"
#include "ps-writer.h"

/* The longest main-loop stall while a year of 1m candles is fetched */

/* The loopback Binance runs on a thread of its own: its answers must not
 * count as stalls of the main loop measured. */
typedef struct
{
  GMutex        lock;
  GCond         cond;
  GMainContext *context;
  GMainLoop    *loop;
  char         *uri;
  GThread      *thread;
} ServerThread;

static gpointer
server_thread (gpointer data)
{
  ServerThread *st = data;
  PsTestServer *server;

  g_main_context_push_thread_default (st->context);
  server = ps_test_server_new ();
  ps_test_server_set_synthetic_klines (server, "1m", MINUTE, T0, N_YEAR);
  ps_test_server_set_now (server, T0 + (gint64) N_YEAR * MINUTE);

  g_mutex_lock (&st->lock);
  st->uri = g_strdup (ps_test_server_get_uri (server));
  g_cond_signal (&st->cond);
  g_mutex_unlock (&st->lock);

  g_main_loop_run (st->loop);
  ps_test_server_free (server);
  g_main_context_pop_thread_default (st->context);
  return NULL;
}

static void
server_thread_start (ServerThread *st)
{
  g_mutex_init (&st->lock);
  g_cond_init (&st->cond);
  st->context = g_main_context_new ();
  st->loop = g_main_loop_new (st->context, FALSE);
  st->thread = g_thread_new ("bench-server", server_thread, st);
  g_mutex_lock (&st->lock);
  while (st->uri == NULL)
    g_cond_wait (&st->cond, &st->lock);
  g_mutex_unlock (&st->lock);
}

static void
server_thread_stop (ServerThread *st)
{
  g_main_loop_quit (st->loop);
  g_main_context_wakeup (st->context);
  g_thread_join (st->thread);
  g_main_loop_unref (st->loop);
  g_main_context_unref (st->context);
  g_free (st->uri);
  g_mutex_clear (&st->lock);
  g_cond_clear (&st->cond);
}

/* A 1 ms timeout on the main loop: the longest gap between its dispatches is
 * the longest the loop was held (plus the period). On a shared machine a gap
 * also holds the time the thread was not scheduled at all: the main thread's
 * own CPU time over the gap is what it spent busy, that is, blocked. */
typedef struct
{
  const char *label;        /* in the trace: whose gaps they are */
  gint64      last_us;
  gint64      last_cpu_us;
  gint64      max_gap_us;
  gint64      max_cpu_us;
  guint       n_over_4ms;
  guint       n_ticks;
  GArray     *gaps_us;      /* gint64, every gap: its 99th and 99.9th percentiles */
} Ticker;

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
ticker_cb (gpointer data)
{
  Ticker *ticker = data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (ticker->last_us != 0)
    {
      gint64 gap = now - ticker->last_us;

      ticker->max_gap_us = MAX (ticker->max_gap_us, gap);
      ticker->max_cpu_us = MAX (ticker->max_cpu_us, cpu - ticker->last_cpu_us);
      ticker->n_over_4ms += gap >= 4000;
      if (ticker->gaps_us == NULL)
        ticker->gaps_us = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (ticker->gaps_us, gap);
      /* PS_BENCH_TRACE=1: each gap the main thread was busy >= 2 ms of, with
       * its monotonic end, to line up with perf record -k CLOCK_MONOTONIC. */
      if (g_getenv ("PS_BENCH_TRACE") != NULL && cpu - ticker->last_cpu_us >= 2000)
        g_printerr ("%s: gap %.2f ms busy %.2f ms at tick %u end %.6f\n", ticker->label,
                    gap / 1e3, (cpu - ticker->last_cpu_us) / 1e3, ticker->n_ticks, now / 1e6);
    }
  ticker->last_us = now;
  ticker->last_cpu_us = cpu;
  ticker->n_ticks++;
  return G_SOURCE_CONTINUE;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The gap below which a fraction q of the gaps lie, in ms. */
static double
ticker_percentile (Ticker *ticker,
                   double  q)
{
  guint i;

  if (ticker->gaps_us == NULL || ticker->gaps_us->len == 0)
    return 0;
  g_array_sort (ticker->gaps_us, compare_gint64);
  i = MIN ((guint) (q * ticker->gaps_us->len), ticker->gaps_us->len - 1);
  return g_array_index (ticker->gaps_us, gint64, i) / 1e3;
}

static void
ticker_clear (Ticker *ticker)
{
  g_clear_pointer (&ticker->gaps_us, g_array_unref);
}

/* The same 1 ms timeout with nothing else to do, for seconds: how long this
 * machine alone holds the loop (a VM's vCPU descheduled by its host, other
 * processes), measured just before what it is compared with. */
static void
measure_idle (Ticker *idle,
              double  seconds)
{
  double until = now_s () + seconds;
  guint source = g_timeout_add (1, ticker_cb, idle);

  while (now_s () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);
}

static void
report_idle (const char *what,
             Ticker     *idle,
             double      seconds)
{
  g_print ("%-34s %9.2f ms   (busy %.2f ms)   gaps >= 4 ms: %u of %u   p99 %.2f ms, "
           "p99.9 %.2f ms (%.0f s with nothing to do)\n", what, idle->max_gap_us / 1e3,
           idle->max_cpu_us / 1e3, idle->n_over_4ms, idle->n_ticks,
           ticker_percentile (idle, 0.99), ticker_percentile (idle, 0.999), seconds);
}

static void
report_stall (const char   *what,
              const Ticker *ours,
              const Ticker *baseline)
{
  g_print ("%-34s %9.2f ms   (busy %.2f ms)   gaps >= 4 ms: %u of %u   baseline (writes on the "
           "main loop) %.2f ms (busy %.2f ms), %u of %u   (target < 4 ms: %s)\n",
           what, ours->max_gap_us / 1e3, ours->max_cpu_us / 1e3, ours->n_over_4ms, ours->n_ticks,
           baseline->max_gap_us / 1e3, baseline->max_cpu_us / 1e3, baseline->n_over_4ms,
           baseline->n_ticks, ours->max_gap_us < 4000 ? "met" : "MISSED");
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The baseline: the same pages, each written on the main loop as it lands. */
typedef struct
{
  PsProvider *provider;
  PsCache    *cache;
  gint64      cursor_ms;
  gint64      to_ms;
  guint       n_rows;
  gboolean    done;
} MainLoopFetch;

static void main_loop_fetch_next (MainLoopFetch *fetch);

static void
main_loop_page_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  MainLoopFetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PsPage) page = ps_provider_fetch_page_finish (fetch->provider, result, &error);
  gint64 next;

  if (page == NULL || page->candles->n == 0)
    g_error ("baseline fetch: %s", error ? error->message : "empty page");
  next = page->candles->t_ms[page->candles->n - 1] + MINUTE;
  if (!ps_cache_write_candles (fetch->cache, "binance", "BTCUSDT", PS_INTERVAL_1M, page->candles,
                               fetch->cursor_ms, next, &error))
    g_error ("%s", error->message);
  fetch->n_rows += page->candles->n;
  fetch->cursor_ms = next;
  main_loop_fetch_next (fetch);
}

static void
main_loop_fetch_next (MainLoopFetch *fetch)
{
  PsPageRequest request = { PS_SERIES_CANDLES, "BTCUSDT", PS_INTERVAL_1M, fetch->cursor_ms,
                            fetch->to_ms };

  if (fetch->cursor_ms >= fetch->to_ms)
    {
      fetch->done = TRUE;
      return;
    }
  ps_provider_fetch_page_async (fetch->provider, &request, NULL, main_loop_page_cb, fetch);
}

void
bench_stall (const char *dir)
{
  g_autofree char *sync_path = g_build_filename (dir, "stall-writer.db", NULL);
  g_autofree char *base_path = g_build_filename (dir, "stall-main.db", NULL);
  const gint64 to_ms = T0 + (gint64) N_YEAR * MINUTE;
  ServerThread st = { 0 };
  g_autoptr(PsHttp) http = ps_http_new ();
  g_autoptr(PsBinance) binance = NULL;
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(PsCache) base_cache = NULL;
  g_autoptr(PsWriter) writer = NULL;
  g_autoptr(PsSync) sync = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MainLoopFetch base = { 0 };
  Ticker ours = { .label = "ours" }, baseline = { .label = "baseline" };
  Ticker idle = { .label = "idle" };
  PsSyncStats stats = { 0 };
  double t, ours_s, base_s, main_cpu_s;
  guint source;

  /* As the app's main thread (main.c); the threads started from here on,
   * the loopback venue's too, keep the default. */
  g_print ("%-34s %s\n", "  main thread's short time slice",
           ps_thread_prefer_latency () ? "set, as the app's" : "not available here");
  server_thread_start (&st);
  binance = ps_binance_new (http, st.uri);
  /* The loopback venue has no budget to respect: time the path, not the bucket. */
  ps_http_set_rate_limit (http, "Binance", 1e9, 1e9);

  cache = ps_cache_new (sync_path, &error);
  g_assert_no_error (error);
  writer = ps_writer_new (sync_path);
  sync = ps_sync_new_with_writer (cache, writer, PS_PROVIDER (binance));

  measure_idle (&idle, 3.0);

  source = g_timeout_add (1, ticker_cb, &ours);
  t = now_s ();
  main_cpu_s = cpu_s ();
  ps_sync_fetch_async (sync, "BTCUSDT", PS_INTERVAL_1M, PS_SERIES_CANDLES, T0, to_ms, NULL,
                       store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  ours_s = now_s () - t;
  main_cpu_s = cpu_s () - main_cpu_s;
  g_source_remove (source);
  if (!ps_sync_fetch_finish (sync, result, &stats, &error))
    g_error ("%s", error->message);
  g_assert (stats.n_candles == N_YEAR);

  base_cache = ps_cache_new (base_path, &error);
  g_assert_no_error (error);
  base.provider = PS_PROVIDER (binance);
  base.cache = base_cache;
  base.cursor_ms = T0;
  base.to_ms = to_ms;
  source = g_timeout_add (1, ticker_cb, &baseline);
  t = now_s ();
  main_loop_fetch_next (&base);
  while (!base.done)
    g_main_context_iteration (NULL, TRUE);
  base_s = now_s () - t;
  g_source_remove (source);
  g_assert (base.n_rows == N_YEAR);

  g_print ("%-34s %9.1f ms %11.0f rows/s   baseline %9.1f ms   (%u pages, %u requests)\n",
           "fetch a year of 1m candles", ours_s * 1e3, N_YEAR / ours_s, base_s * 1e3,
           (N_YEAR + PAGE - 1) / PAGE, stats.n_requests);
  report_stall ("  longest main-loop stall", &ours, &baseline);
  g_print ("%-34s %9.2f ms   p99 %.2f ms, p99.9 %.2f ms   main thread CPU %.0f ms in all, "
           "%.2f ms a page\n", "  the same, minus the idle floor",
           (ours.max_gap_us - idle.max_gap_us) / 1e3, ticker_percentile (&ours, 0.99),
           ticker_percentile (&ours, 0.999), main_cpu_s * 1e3,
           main_cpu_s * 1e3 / ((N_YEAR + PAGE - 1) / PAGE));
  report_idle ("  idle floor, just before", &idle, 3.0);
  ticker_clear (&ours);
  ticker_clear (&baseline);
  ticker_clear (&idle);

  g_clear_object (&sync);
  g_clear_object (&binance);
  server_thread_stop (&st);
}

/* A venue whose pages are ready in memory: the stall left is the sync's and
 * the writer's alone, without HTTP and JSON parsing on the main loop. */
#define BENCH_TYPE_PROVIDER (bench_provider_get_type ())
G_DECLARE_FINAL_TYPE (BenchProvider, bench_provider, BENCH, PROVIDER, GObject)

struct _BenchProvider
{
  GObject    parent_instance;
  PsCandles *candles;
};

static void bench_provider_iface_init (PsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (BenchProvider, bench_provider, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PS_TYPE_PROVIDER,
                                                      bench_provider_iface_init))

static void
bench_provider_fetch_page_async (PsProvider          *provider,
                                 const PsPageRequest *request,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  BenchProvider *self = BENCH_PROVIDER (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  PsPage *page = ps_page_new (PS_SERIES_CANDLES);
  const PsCandles *c = self->candles;
  guint first = ps_series_lower_bound (c->t_ms, c->n, request->from_ms);
  gint64 to_ms = request->to_ms;

  /* Copy one page only: a slice of the whole request would hold the loop. */
  if (first + PAGE < c->n)
    to_ms = MIN (to_ms, c->t_ms[first + PAGE]);
  page->candles = ps_candles_slice (c, request->from_ms, to_ms);
  g_task_return_pointer (task, page, (GDestroyNotify) ps_page_free);
}

static PsPage *
bench_provider_fetch_page_finish (PsProvider    *provider,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
bench_provider_get_server_time_async (PsProvider          *provider,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (provider, cancellable, callback, user_data);

  g_task_return_int (task, T0 + (gint64) N_YEAR * MINUTE);
}

static gint64
bench_provider_get_server_time_finish (PsProvider    *provider,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return g_task_propagate_int (G_TASK (result), error);
}

static const char *
bench_provider_get_venue (PsProvider *provider)
{
  return "bench";
}

static guint
bench_provider_get_page_limit (PsProvider   *provider,
                               PsSeriesKind  kind)
{
  return PAGE;
}

static gint64
bench_provider_get_history_horizon (PsProvider   *provider,
                                    PsSeriesKind  kind)
{
  return 0;
}

static PsInterval
bench_provider_get_storage_interval (PsProvider   *provider,
                                     PsSeriesKind  kind,
                                     PsInterval    interval)
{
  return interval;
}

static void
bench_provider_iface_init (PsProviderInterface *iface)
{
  iface->get_venue = bench_provider_get_venue;
  iface->get_display_name = bench_provider_get_venue;
  iface->get_page_limit = bench_provider_get_page_limit;
  iface->get_history_horizon = bench_provider_get_history_horizon;
  iface->get_storage_interval = bench_provider_get_storage_interval;
  iface->fetch_page_async = bench_provider_fetch_page_async;
  iface->fetch_page_finish = bench_provider_fetch_page_finish;
  iface->get_server_time_async = bench_provider_get_server_time_async;
  iface->get_server_time_finish = bench_provider_get_server_time_finish;
}

static void
bench_provider_finalize (GObject *object)
{
  g_clear_pointer (&BENCH_PROVIDER (object)->candles, ps_candles_unref);

  G_OBJECT_CLASS (bench_provider_parent_class)->finalize (object);
}

static void
bench_provider_class_init (BenchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = bench_provider_finalize;
}

static void
bench_provider_init (BenchProvider *self)
{
}

void
bench_stall_in_memory (const char      *dir,
                       const PsCandles *candles)
{
  g_autofree char *sync_path = g_build_filename (dir, "stall-mem-writer.db", NULL);
  g_autofree char *base_path = g_build_filename (dir, "stall-mem-main.db", NULL);
  const gint64 to_ms = T0 + (gint64) N_YEAR * MINUTE;
  g_autoptr(BenchProvider) provider = g_object_new (BENCH_TYPE_PROVIDER, NULL);
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(PsCache) base_cache = NULL;
  g_autoptr(PsWriter) writer = NULL;
  g_autoptr(PsSync) sync = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MainLoopFetch base = { 0 };
  Ticker ours = { .label = "ours, from memory" };
  Ticker baseline = { .label = "baseline, from memory" };
  Ticker idle = { .label = "idle" };
  PsSyncStats stats = { 0 };
  guint source;

  /* What the machine alone costs the loop: the same timeout, nothing else. */
  measure_idle (&idle, 1.0);
  report_idle ("  noise floor of the 1 ms timeout", &idle, 1.0);
  ticker_clear (&idle);

  provider->candles = ps_candles_slice (candles, T0, to_ms);
  cache = ps_cache_new (sync_path, &error);
  g_assert_no_error (error);
  writer = ps_writer_new (sync_path);
  sync = ps_sync_new_with_writer (cache, writer, PS_PROVIDER (provider));

  source = g_timeout_add (1, ticker_cb, &ours);
  ps_sync_fetch_async (sync, "BTCUSDT", PS_INTERVAL_1M, PS_SERIES_CANDLES, T0, to_ms, NULL,
                       store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);
  if (!ps_sync_fetch_finish (sync, result, &stats, &error))
    g_error ("%s", error->message);
  g_assert (stats.n_candles == N_YEAR);

  base_cache = ps_cache_new (base_path, &error);
  g_assert_no_error (error);
  base.provider = PS_PROVIDER (provider);
  base.cache = base_cache;
  base.cursor_ms = T0;
  base.to_ms = to_ms;
  source = g_timeout_add (1, ticker_cb, &baseline);
  main_loop_fetch_next (&base);
  while (!base.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);

  report_stall ("  same, pages from memory", &ours, &baseline);
  ticker_clear (&ours);
  ticker_clear (&baseline);
}
