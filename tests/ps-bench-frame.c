/* ps-bench-frame.c: a whole window's frame at 1,000,000 1m candles
 *
 * The five panes of the window (price with heatmap, volume bars,
 * liquidation markers and zones; open interest; funding; liquidations with the model's prediction;
 * time labels) drawn by the real ps_render_* functions into one 1920×1080
 * image surface, with the min/max levels (ps-levels.h) and, as the baseline
 * in the same run, without them (every visible row reduced per frame).
 * Figures are the thread's CPU time. A full frame has a new view each time
 * (a zoom step), a pan step moves it by 1 %; "only the pointer moved" is
 * the window's frame over its kept drawing. Also: cold (series built from
 * parsed columns + levels + first frame), bytes per candle, resident memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ps-bench-private.h"
#include "ps-jobs.h"
#include "ps-levels.h"
#include "ps-render.h"
#include "ps-render-heatmap.h"
#include "ps-test-heatmap.h"

#define N_FRAME   1000000
#define W         1920
#define H         1080

/* The parsed columns a load starts from (what the cache's read hands over),
 * of every series the frame draws, and the model's predictions. */
typedef struct
{
  guint   n;
  gint64 *t_ms;
  double *col[6];   /* open high low close volume taker_buy */
  guint   n_oi;
  gint64 *oi_t;
  double *oi_col[2];   /* contracts usd */
  guint   n_funding;
  gint64 *funding_t;
  double *funding_col[2];   /* rate mark_price */
  guint   n_liq;
  gint64 *liq_t;
  guint8 *liq_side;
  guint8 *liq_source;
  double *liq_col[4];   /* price avg_price qty usd */
  double *predicted[2];
} RawCandles;

#define N_LIQ 200000

typedef struct
{
  PsCandles      *candles;
  PsOpenInterest *oi;
  PsFunding      *funding;
  PsLiquidations *liq;
  DemoModel      *model;
  PsHeatmapImage *image;
  const double   *predicted[2];       /* the model's, made before */
  double         *predicted_sums[2];   /* kept with the model's result, as PsHeatmap does */
} Frame;

/* Open interest every 5 minutes, funding every 8 hours, 200,000
 * liquidations over the range at the candle's price, the model's
 * predictions per candle (sparse). */
static void
raw_others_new (RawCandles *raw)
{
  GRand *rand = g_rand_new_with_seed (7);
  gint64 end = raw->t_ms[raw->n - 1] + MINUTE;
  double oi = 7e9;
  guint k = 0;

  raw->n_oi = (guint) ((end - T0 + 5 * MINUTE - 1) / (5 * MINUTE));
  raw->oi_t = g_new (gint64, raw->n_oi);
  raw->oi_col[0] = g_new (double, raw->n_oi);
  raw->oi_col[1] = g_new (double, raw->n_oi);
  for (gint64 t = T0; t < end; t += 5 * MINUTE, k++)
    {
      oi *= 1 + g_rand_double_range (rand, -0.002, 0.002);
      oi += (7e9 - oi) * 0.001;
      raw->oi_t[k] = t, raw->oi_col[0][k] = oi / 90000, raw->oi_col[1][k] = oi;
    }
  raw->n_funding = (guint) ((end - T0 + 480 * MINUTE - 1) / (480 * MINUTE));
  raw->funding_t = g_new (gint64, raw->n_funding);
  raw->funding_col[0] = g_new (double, raw->n_funding);
  raw->funding_col[1] = g_new (double, raw->n_funding);
  k = 0;
  for (gint64 t = T0; t < end; t += 8 * 60 * MINUTE, k++)
    {
      raw->funding_t[k] = t;
      raw->funding_col[0][k] = g_rand_double_range (rand, -0.0002, 0.0004);
      raw->funding_col[1][k] = NAN;
    }

  raw->n_liq = N_LIQ;
  raw->liq_t = g_new (gint64, N_LIQ);
  raw->liq_side = g_new (guint8, N_LIQ);
  raw->liq_source = g_new0 (guint8, N_LIQ);   /* PS_LIQ_SOURCE_LIVE */
  for (guint c = 0; c < 4; c++)
    raw->liq_col[c] = g_new (double, N_LIQ);
  for (k = 0; k < N_LIQ; k++)
    {
      guint i = (guint) ((guint64) k * raw->n / N_LIQ);
      double price = raw->col[3][i], qty = g_rand_double_range (rand, 0.001, 3);

      raw->liq_t[k] = raw->t_ms[i] + g_rand_int_range (rand, 0, 60) * 1000;
      raw->liq_side[k] = g_rand_boolean (rand) ? PS_LIQ_LONG : PS_LIQ_SHORT;
      raw->liq_col[0][k] = price, raw->liq_col[1][k] = price;
      raw->liq_col[2][k] = qty, raw->liq_col[3][k] = qty * price;
    }

  raw->predicted[0] = g_new0 (double, raw->n);
  raw->predicted[1] = g_new0 (double, raw->n);
  for (guint i = 0; i < raw->n; i += 37)
    raw->predicted[i % 2][i] = g_rand_double_range (rand, 1e3, 1e6);
  g_rand_free (rand);
}

/* x as the decimal with a place per power of ten in scale would parse. */
static double
on_tick (double x,
         double scale)
{
  return nearbyint (x * scale) / scale;
}

static RawCandles *
raw_candles_new (guint n)
{
  RawCandles *raw = g_new0 (RawCandles, 1);
  GRand *rand = g_rand_new_with_seed (42);
  double price = 90000;

  raw->n = n;
  raw->t_ms = g_new (gint64, n);
  for (guint k = 0; k < 6; k++)
    raw->col[k] = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      double open = price;
      double close = on_tick (open * (1 + g_rand_double_range (rand, -0.0015, 0.0015)), 10);

      /* On BTCUSDT's 0.1 tick and 0.001 lot, as the venue sends them. */
      raw->t_ms[i] = T0 + (gint64) i * MINUTE;
      raw->col[0][i] = open;
      raw->col[1][i] = on_tick (MAX (open, close) * (1 + g_rand_double_range (rand, 0, 0.001)), 10);
      raw->col[2][i] = on_tick (MIN (open, close) * (1 - g_rand_double_range (rand, 0, 0.001)), 10);
      raw->col[3][i] = close;
      raw->col[4][i] = on_tick (g_rand_double_range (rand, 1, 500), 1000);
      /* Taker buys are a share of the volume, as the venue counts them
       * (Binance's takerBuyBaseVolume): never more. */
      raw->col[5][i] = on_tick (raw->col[4][i] * g_rand_double_range (rand, 0.25, 0.75), 1000);
      /* mean-reverting, so 1M candles stay near where they started */
      price = on_tick (close + (90000 - close) * 0.0005, 10);
    }
  g_rand_free (rand);
  raw_others_new (raw);
  return raw;
}

static void
raw_candles_free (RawCandles *raw)
{
  g_free (raw->t_ms);
  for (guint k = 0; k < 6; k++)
    g_free (raw->col[k]);
  g_free (raw->oi_t);
  g_free (raw->funding_t);
  for (guint k = 0; k < 2; k++)
    {
      g_free (raw->oi_col[k]);
      g_free (raw->funding_col[k]);
      g_free (raw->predicted[k]);
    }
  g_free (raw->liq_t);
  g_free (raw->liq_side);
  g_free (raw->liq_source);
  for (guint k = 0; k < 4; k++)
    g_free (raw->liq_col[k]);
  g_free (raw);
}

/* Resident bytes of the process (/proc/self/statm). */
gsize
bench_resident_bytes (void)
{
  unsigned long size = 0, resident = 0;
  FILE *f = fopen ("/proc/self/statm", "r");

  if (f != NULL)
    {
      if (fscanf (f, "%lu %lu", &size, &resident) != 2)
        resident = 0;
      fclose (f);
    }
  return (gsize) resident * (gsize) sysconf (_SC_PAGESIZE);
}

/* n rows of src into a column of a new series (room made by ps_*_new ()). */
#define COPY(dest, src, n) memcpy ((dest), (src), (gsize) (n) * sizeof *(dest))

/* Everything a frame draws, from the parsed columns: each series made as
 * the cache's read makes it (ps-kinds.c: room for the rows, the columns
 * written in, n set), the model's running sums as the heatmap keeps them. */
static void
frame_build (Frame            *d,
             const RawCandles *raw)
{
  PsCandlePacker packer;

  /* As the cache's read stores them: packed as each row comes. */
  d->candles = ps_candles_new_packing (raw->n);
  ps_candle_packer_init (&packer, d->candles, 0, raw->n);
  for (guint i = 0; i < raw->n; i++)
    {
      double v[PS_CANDLE_N_COLUMNS];

      for (int k = 0; k < PS_CANDLE_N_COLUMNS; k++)
        v[k] = raw->col[k][i];
      ps_candle_packer_put (&packer, raw->t_ms[i], v);
    }
  d->candles = ps_candles_finish_packing (d->candles, &packer, NULL, 1);
  if (!ps_candles_is_packed (d->candles))
    g_error ("the benchmark's candles did not pack");

  d->oi = ps_open_interest_new (raw->n_oi);
  COPY (d->oi->t_ms, raw->oi_t, raw->n_oi);
  COPY (d->oi->contracts, raw->oi_col[0], raw->n_oi);
  COPY (d->oi->usd, raw->oi_col[1], raw->n_oi);
  d->oi->n = raw->n_oi;

  d->funding = ps_funding_new (raw->n_funding);
  COPY (d->funding->t_ms, raw->funding_t, raw->n_funding);
  COPY (d->funding->rate, raw->funding_col[0], raw->n_funding);
  COPY (d->funding->mark_price, raw->funding_col[1], raw->n_funding);
  d->funding->n = raw->n_funding;

  d->liq = ps_liquidations_new (raw->n_liq);
  COPY (d->liq->t_ms, raw->liq_t, raw->n_liq);
  COPY (d->liq->side, raw->liq_side, raw->n_liq);
  COPY (d->liq->source, raw->liq_source, raw->n_liq);
  COPY (d->liq->price, raw->liq_col[0], raw->n_liq);
  COPY (d->liq->avg_price, raw->liq_col[1], raw->n_liq);
  COPY (d->liq->qty, raw->liq_col[2], raw->n_liq);
  COPY (d->liq->usd, raw->liq_col[3], raw->n_liq);
  d->liq->n = raw->n_liq;

  for (guint k = 0; k < 2; k++)
    {
      d->predicted[k] = raw->predicted[k];
      d->predicted_sums[k] = ps_levels_running_sums (d->predicted[k], raw->n);
    }
}

static void
frame_clear (Frame *d)
{
  g_clear_pointer (&d->candles, ps_candles_unref);
  g_clear_pointer (&d->oi, ps_open_interest_unref);
  g_clear_pointer (&d->funding, ps_funding_unref);
  g_clear_pointer (&d->liq, ps_liquidations_unref);
  d->predicted[0] = d->predicted[1] = NULL;
  g_clear_pointer (&d->predicted_sums[0], g_free);
  g_clear_pointer (&d->predicted_sums[1], g_free);
}

/* The heatmap: the model's grid (64-minute steps, 8 a column: ~1,950
 * columns × 1,000 price bins), turned into the cached image. */
static void
frame_heatmap (Frame *d)
{
  d->model = demo_model_new (N_FRAME / 64, T0, 64 * MINUTE, 8, 1000, 11);
  d->image = ps_heatmap_image_new ();
  ps_heatmap_image_set_grid (d->image, &d->model->grid);
}

/* One frame of the window's five panes; pane_s[k] adds each pane's time. */
typedef struct
{
  double p50, p95;
  double pane[5];   /* mean per pane */
} FrameFigures;

/* The window's five panes, top to bottom: price, open interest, funding,
 * liquidations, time labels. */
static const PsRect frame_panes[5] = {
  { 0, 0, W, 540 }, { 0, 540, W, 160 }, { 0, 700, W, 130 }, { 0, 830, W, 214 },
  { 0, 1044, W, 36 },
};

/* Pane k of the frame, at its place in cr. */
static void
frame_draw_pane (cairo_t            *cr,
                 PsTimeAxis         *axis,
                 const Frame        *d,
                 const PsChartStyle *style,
                 guint               k)
{
  PsRecordedLiquidations recorded = { .events = d->liq };
  PsPredictedLiquidations predicted = { d->candles->t_ms, d->predicted[0], d->predicted[1],
                                        d->candles->n };
  PsPriceLayers layers = { .liquidations = &recorded, .heatmap = d->image,
                           .heatmap_opacity = 0.85, .zones = d->model->zones,
                           .n_zones = d->model->n_zones, .show_volume = TRUE };

  /* The baseline reduces every row: no running sums either. */
  if (ps_levels_get_enabled ())
    predicted.long_sums = d->predicted_sums[0], predicted.short_sums = d->predicted_sums[1];
  switch (k)
    {
    case 0:
      ps_render_price_layers (cr, &frame_panes[0], axis, d->candles, PS_INTERVAL_1M, &layers,
                              "BTCUSDT", style);
      break;
    case 1:
      ps_render_open_interest (cr, &frame_panes[1], axis, d->oi, "Open interest", style);
      break;
    case 2:
      ps_render_funding (cr, &frame_panes[2], axis, d->funding, "Funding rate · 8h", style);
      break;
    case 3:
      ps_render_liquidations_with_predicted (cr, &frame_panes[3], axis, &recorded, &predicted,
                                             PS_INTERVAL_1M, "Liquidations", style);
      break;
    default:
      ps_render_time_labels (cr, &frame_panes[4], axis, style);
    }
}

static void
frame_draw (cairo_t            *cr,
            PsTimeAxis         *axis,
            const Frame        *d,
            const PsChartStyle *style,
            double             *pane_s)
{
  for (guint k = 0; k < 5; k++)
    {
      double t = cpu_s ();

      frame_draw_pane (cr, axis, d, style, k);
      pane_s[k] += cpu_s () - t;
    }
}

/* Panes at once, as the window draws them (ps_chart_pane_render_all (),
 * with the same ps_jobs_run ()): each into pixels of its own, made for the
 * frame; serial, all on the calling thread. */
typedef struct
{
  PsTimeAxis         *axis;
  const Frame        *d;
  const PsChartStyle *style;
} FramePanes;

static void
frame_pane_own (gpointer job,
                gpointer user_data)
{
  FramePanes *panes = user_data;
  const PsRect *r = &frame_panes[*(const guint *) job];
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) r->width,
                                                         (int) r->height);
  cairo_t *cr = cairo_create (surface);

  cairo_translate (cr, -r->x, -r->y);
  frame_draw_pane (cr, panes->axis, panes->d, panes->style, *(const guint *) job);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  cairo_surface_destroy (surface);
}

/* The view as frame_run () moves it, rounds frames, wall time and the
 * process's CPU time (every thread) of each. */
static void
frame_run_at_once (PsTimeAxis         *axis,
                   const Frame        *d,
                   const PsChartStyle *style,
                   gint64              from_ms,
                   gint64              to_ms,
                   gboolean            parallel,
                   guint               rounds,
                   FrameFigures       *wall,
                   FrameFigures       *cpu)
{
  FramePanes panes = { axis, d, style };
  guint jobs[5] = { 0, 1, 2, 3, 4 };   /* the price pane first, as the largest */
  g_autofree double *v = g_new (double, rounds);
  g_autofree double *c = g_new (double, rounds);
  gint64 zoom = (to_ms - from_ms) / 1000;

  for (guint r = 0; r < rounds + 3; r++)
    {
      guint k = r < 3 ? r : r - 3;
      gint64 in = (k % 2) * zoom;
      double t = now_s (), tc = process_cpu_s ();

      ps_time_axis_set_range (axis, from_ms + in, to_ms - in);
      ps_jobs_run (jobs, G_N_ELEMENTS (jobs), sizeof jobs[0], frame_pane_own, &panes, parallel);
      if (r >= 3)
        v[k] = now_s () - t, c[k] = process_cpu_s () - tc;
    }
  *wall = (FrameFigures) { bench_percentile (v, rounds, 50), bench_percentile (v, rounds, 95) };
  *cpu = (FrameFigures) { bench_percentile (c, rounds, 50), bench_percentile (c, rounds, 95) };
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of n values (sorted in place). */
double
bench_percentile (double *v,
                  guint   n,
                  double  p)
{
  guint rank;

  qsort (v, n, sizeof *v, cmp_double);
  rank = (guint) ceil (p / 100 * n);
  return v[CLAMP (rank, 1, n) - 1];
}

/* rounds frames, the view moved by step_ms each; with step_ms 0, every
 * other frame zoomed in by a thousandth of the view at each end: the view
 * changes each frame, so no frame can reuse its predecessor's columns, but
 * what does not depend on the range (levels, sums, the heatmap's image) is
 * built by the warm-up frames. */
static void
frame_run (cairo_t            *cr,
           PsTimeAxis         *axis,
           const Frame        *d,
           const PsChartStyle *style,
           gint64              from_ms,
           gint64              to_ms,
           gint64              step_ms,
           guint               rounds,
           FrameFigures       *out)
{
  g_autofree double *v = g_new (double, rounds);
  double pane_s[5] = { 0 };
  gint64 zoom = step_ms == 0 ? (to_ms - from_ms) / 1000 : 0;

  for (guint r = 0; r < rounds + 3; r++)
    {
      guint k = r < 3 ? r : r - 3;   /* three warm-up frames */
      gint64 in = (k % 2) * zoom;
      double t;

      ps_time_axis_set_range (axis, from_ms + (gint64) k * step_ms + in,
                              to_ms + (gint64) k * step_ms - in);
      t = cpu_s ();
      frame_draw (cr, axis, d, style, r < 3 ? (double[5]) { 0 } : pane_s);
      if (r >= 3)
        v[k] = cpu_s () - t;
    }
  out->p50 = bench_percentile (v, rounds, 50);
  out->p95 = bench_percentile (v, rounds, 95);
  for (guint k = 0; k < 5; k++)
    out->pane[k] = pane_s[k] / rounds;
}

/* Only the pointer moved: the window keeps each pane's drawing (a render
 * node) and draws the crosshair over it, so a frame is the kept drawing
 * put back and, per pane, the crosshair with its header read-out; the
 * pointer is in the price pane (its line, value chip and scale). The
 * panes are drawn once first, into a surface of their own. */
static void
frame_hover_run (cairo_t            *cr,
                 PsTimeAxis         *axis,
                 const Frame        *d,
                 const PsChartStyle *style,
                 guint               rounds,
                 FrameFigures       *out)
{
  cairo_surface_t *kept = cairo_surface_create_similar_image (cairo_get_target (cr),
                                                              CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *kcr = cairo_create (kept);
  g_autofree double *v = g_new (double, rounds);
  PsRecordedLiquidations recorded = { .events = d->liq };
  const PsRect panes[] = { { 0, 0, W, 540 }, { 0, 540, W, 160 }, { 0, 700, W, 130 },
                           { 0, 830, W, 214 } };
  PsRect labels = { 0, 1044, W, 36 };
  gint64 from = ps_time_axis_get_from_ms (axis), span = ps_time_axis_get_to_ms (axis) - from;
  double dummy[5] = { 0 };

  frame_draw (kcr, axis, d, style, dummy);
  cairo_destroy (kcr);
  *out = (FrameFigures) { 0 };
  for (guint r = 0; r < rounds + 3; r++)
    {
      gint64 cursor = from + span / 3 + (gint64) r * (span / 1000);
      PsCrosshairHeader header;
      PsValueScale scale;
      double t = cpu_s ();

      cairo_set_source_surface (cr, kept, 0, 0);
      cairo_paint (cr);
      for (guint k = 0; k < G_N_ELEMENTS (panes); k++)
        {
          PsCrosshair c = { cursor, NAN, NULL, PS_CROSSHAIR_PRICE, NULL, NULL };

          if (k == 0 && ps_render_price_scale (&panes[0], axis, d->candles, PS_INTERVAL_1M,
                                               style, &scale))
            c.y = 200 + r % 50, c.scale = &scale;
          if (k == 0)
            ps_crosshair_header_price (&header, d->candles, PS_INTERVAL_1M, cursor, style);
          else if (k == 1)
            ps_crosshair_header_open_interest (&header, d->oi, cursor, style);
          else if (k == 2)
            ps_crosshair_header_funding (&header, d->funding, cursor, style);
          else
            ps_crosshair_header_liquidations (&header, &recorded, PS_INTERVAL_1M, cursor, style);
          c.header = &header;
          ps_render_crosshair (cr, &panes[k], axis, &c, style);
        }
      ps_render_time_chip (cr, &labels, axis, cursor, style);
      if (r >= 3)
        v[r - 3] = cpu_s () - t;
    }
  out->p50 = bench_percentile (v, rounds, 50);
  out->p95 = bench_percentile (v, rounds, 95);
  cairo_surface_destroy (kept);
}

static void
frame_print (const char         *what,
             const FrameFigures *ours,
             const FrameFigures *base,
             double              limit_s)
{
  g_print ("%-34s p50 %7.2f ms  p95 %7.2f ms   baseline p50 %7.2f ms  p95 %7.2f ms"
           "   ratio %5.3fx  (target < %.0f ms: %s)\n",
           what, ours->p50 * 1e3, ours->p95 * 1e3, base->p50 * 1e3, base->p95 * 1e3,
           ours->p50 / base->p50, limit_s * 1e3, ours->p95 < limit_s ? "met" :
           ours->p50 < limit_s ? "met at p50" : "MISSED");
  g_print ("%-34s price %.2f, OI %.2f, funding %.2f, liquidations %.2f, labels %.2f ms"
           "   (baseline price %.2f, OI %.2f)\n", "  per pane, mean",
           ours->pane[0] * 1e3, ours->pane[1] * 1e3, ours->pane[2] * 1e3, ours->pane[3] * 1e3,
           ours->pane[4] * 1e3, base->pane[0] * 1e3, base->pane[1] * 1e3);
}

/* With PS_BENCH_FRAME_PNG=dir, the frame at three zooms saved as PNGs, to
 * compare a drawing change's pixels before and after it. */
static void
frame_save_pngs (cairo_t            *cr,
                 PsTimeAxis         *axis,
                 const Frame        *d,
                 const PsChartStyle *style)
{
  const char *dir = g_getenv ("PS_BENCH_FRAME_PNG");
  gint64 end = T0 + (gint64) N_FRAME * MINUTE, mid = T0 + (end - T0) / 2;
  const struct { const char *name; gint64 from, to; } views[] = {
    { "all", T0, end },
    { "month", mid, mid + 30LL * 1440 * MINUTE },
    { "day", mid, mid + 1440 * MINUTE },
  };
  double dummy[5] = { 0 };

  if (dir == NULL)
    return;
  for (guint k = 0; k < G_N_ELEMENTS (views); k++)
    {
      g_autofree char *name = g_strdup_printf ("frame-%s.png", views[k].name);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      ps_time_axis_set_range (axis, views[k].from, views[k].to);
      frame_draw (cr, axis, d, style, dummy);
      cairo_surface_write_to_png (cairo_get_target (cr), path);
      g_print ("saved %s\n", path);
    }
}

/* A live update: the market read again with a candle, an open interest row
 * and a liquidation more at the end (new series, levels built on the read's
 * worker), and the first frame with them, the view on the latest half; with
 * the columns carried over from the series shown (ps_candles_carry_cache ())
 * and, as the baseline, without. Medians of rounds; *carry_s the carry's
 * own time on the worker. */
static void
frame_live_run (cairo_t            *cr,
                PsTimeAxis         *axis,
                Frame              *d,
                const RawCandles   *raw,
                const PsChartStyle *style,
                guint               rounds,
                double             *with_s,
                double             *without_s,
                double             *carry_s)
{
  g_autofree double *with = g_new (double, rounds);
  g_autofree double *without = g_new (double, rounds);
  g_autofree double *carry = g_new (double, rounds);
  gint64 end = raw->t_ms[raw->n - 1] + MINUTE, span = end - T0;
  double dummy[5] = { 0 };

  ps_time_axis_set_range (axis, end - span / 2, end - span / 2 + span / 2);
  frame_draw (cr, axis, d, style, dummy);
  for (guint r = 0; r < 2 * rounds; r++)
    {
      gboolean carried = r % 2 == 0;
      Frame next = *d;
      double t;

      next.candles = ps_candles_slice (d->candles, G_MININT64, G_MAXINT64);
      ps_candles_append (next.candles, end + (gint64) r * MINUTE, 90000, 90100, 89900, 90050, 10,
                         5);
      next.oi = ps_open_interest_slice (d->oi, G_MININT64, G_MAXINT64);
      ps_open_interest_append (next.oi, d->oi->t_ms[d->oi->n - 1] + 5 * MINUTE, 1e5, 7e9);
      next.liq = ps_liquidations_slice (d->liq, G_MININT64, G_MAXINT64);
      ps_liquidations_append (next.liq, end + (gint64) r * MINUTE, PS_LIQ_LONG,
                              PS_LIQ_SOURCE_LIVE, 90000, 90000, 1, 90000);
      ps_candles_get_levels (next.candles);
      ps_open_interest_get_levels (next.oi);
      ps_liquidations_get_levels (next.liq);
      if (carried)
        {
          t = cpu_s ();
          ps_candles_carry_cache (next.candles, d->candles);
          ps_open_interest_carry_cache (next.oi, d->oi);
          ps_liquidations_carry_cache (next.liq, d->liq);
          carry[r / 2] = cpu_s () - t;
        }
      /* The view follows the new candle. */
      ps_time_axis_set_range (axis, end - span / 2 + (gint64) (r + 1) * MINUTE,
                              end + (gint64) (r + 1) * MINUTE);
      t = cpu_s ();
      frame_draw (cr, axis, &next, style, dummy);
      (carried ? with : without)[r / 2] = cpu_s () - t;
      ps_candles_unref (d->candles);
      ps_open_interest_unref (d->oi);
      ps_liquidations_unref (d->liq);
      d->candles = next.candles, d->oi = next.oi, d->liq = next.liq;
    }
  *with_s = bench_percentile (with, rounds, 50);
  *without_s = bench_percentile (without, rounds, 50);
  *carry_s = bench_percentile (carry, rounds, 50);
}

void
bench_frame (void)
{
  RawCandles *raw = raw_candles_new (N_FRAME);
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  Frame d = { 0 };
  PsChartStyle style;
  FrameFigures full, full_rows, pan, pan_rows, hover;
  FrameFigures serial_wall, serial_cpu, at_once_wall, at_once_cpu;
  double t, cold_s, worker_s, cold_rows_s, build_s, levels_s, series_b, levels_b;
  double live_s, live_rows_s, carry_s;
  gsize rss0, rss1;
  gint64 end = T0 + (gint64) N_FRAME * MINUTE, span = end - T0;
  double dummy[5] = { 0 };

  ps_chart_style_init_dark (&style);
  frame_heatmap (&d);

  g_print ("window frame: 5 panes (price with heatmap and volume), %ux%u image surface, %u 1m candles, %u OI, "
           "%u funding, %u liquidations\n", W, H, N_FRAME, raw->n_oi, raw->n_funding, raw->n_liq);

  /* Cold, first: fonts and all. Series from the parsed columns and their
   * levels, as the market's read builds them on its worker thread, then
   * the first frame on the main thread. */
  rss0 = bench_resident_bytes ();
  ps_time_axis_set_range (axis, T0, end);
  t = cpu_s ();
  frame_build (&d, raw);
  build_s = cpu_s () - t;
  ps_candles_get_levels (d.candles);
  ps_open_interest_get_levels (d.oi);
  ps_liquidations_get_levels (d.liq);
  worker_s = cpu_s () - t;
  frame_draw (cr, axis, &d, &style, dummy);
  cold_s = cpu_s () - t;
  rss1 = bench_resident_bytes ();
  /* PS_BENCH_FRAME_COLD=1: the cold figure alone, for perf record. */
  if (g_getenv ("PS_BENCH_FRAME_COLD") != NULL)
    {
      g_print ("%-34s %9.1f ms (series %.1f, levels and the rest on the worker %.1f, 1st frame "
               "%.1f)\n", "cold: series + levels + 1st frame", cold_s * 1e3, build_s * 1e3,
               (worker_s - build_s) * 1e3, (cold_s - worker_s) * 1e3);
      goto out;
    }
  series_b = ps_candles_get_size (d.candles);
  levels_b = ps_candle_levels_get_size (ps_candles_get_levels (d.candles));
  {
    PsCandleLevels *levels;

    /* The candles' levels alone, built again for the figure. */
    t = cpu_s ();
    levels = ps_candle_levels_new (d.candles);
    levels_s = cpu_s () - t;
    ps_candle_levels_free (levels);
  }
  frame_clear (&d);

  /* PS_BENCH_FRAME_PROFILE=n: n full frames with levels and nothing else,
   * for perf record; with PS_BENCH_FRAME_PAN=1, n pan steps. */
  if (g_getenv ("PS_BENCH_FRAME_PROFILE") != NULL)
    {
      guint n = (guint) g_ascii_strtoull (g_getenv ("PS_BENCH_FRAME_PROFILE"), NULL, 10);

      frame_build (&d, raw);
      if (g_getenv ("PS_BENCH_FRAME_PAN") != NULL)
        {
          frame_run (cr, axis, &d, &style, T0 + span / 8, T0 + span / 8 + span / 2,
                     span / 200 / MAX (n / 60, 1), MAX (n, 1), &pan);
          frame_print ("pan step, 500k in view", &pan, &pan, 0.008);
        }
      else
        {
          frame_run (cr, axis, &d, &style, T0, end, 0, MAX (n, 1), &full);
          frame_print ("full frame, 1M in view, new view", &full, &full, 0.004);
        }
      goto out;
    }

  ps_levels_set_enabled (FALSE);
  t = cpu_s ();
  frame_build (&d, raw);
  frame_draw (cr, axis, &d, &style, dummy);
  cold_rows_s = cpu_s () - t;

  /* Warm: the whole range, then pan steps of 1 % over half of it. */
  frame_run (cr, axis, &d, &style, T0, end, 0, 30, &full_rows);
  frame_run (cr, axis, &d, &style, T0 + span / 8, T0 + span / 8 + span / 2, span / 200, 30,
             &pan_rows);
  ps_levels_set_enabled (TRUE);
  frame_run (cr, axis, &d, &style, T0, end, 0, 30, &full);
  frame_run (cr, axis, &d, &style, T0 + span / 8, T0 + span / 8 + span / 2, span / 200, 30,
             &pan);
  frame_run_at_once (axis, &d, &style, T0, end, FALSE, 30, &serial_wall, &serial_cpu);
  frame_run_at_once (axis, &d, &style, T0, end, TRUE, 30, &at_once_wall, &at_once_cpu);
  ps_time_axis_set_range (axis, T0, end);
  frame_hover_run (cr, axis, &d, &style, 30, &hover);
  frame_live_run (cr, axis, &d, raw, &style, 7, &live_s, &live_rows_s, &carry_s);

  frame_save_pngs (cr, axis, &d, &style);
  frame_print ("full frame, 1M in view, new view", &full, &full_rows, 0.004);
  frame_print ("pan step, 500k in view", &pan, &pan_rows, 0.008);
  g_print ("%-34s p50 %7.2f ms  p95 %7.2f ms   serial p50 %7.2f ms  p95 %7.2f ms   ratio %5.3fx"
           "  (target < 4 ms: %s)\n", "full frame, panes at once (wall)",
           at_once_wall.p50 * 1e3, at_once_wall.p95 * 1e3, serial_wall.p50 * 1e3,
           serial_wall.p95 * 1e3, at_once_wall.p50 / serial_wall.p50,
           at_once_wall.p95 < 0.004 ? "met" : at_once_wall.p50 < 0.004 ? "met at p50" : "MISSED");
  g_print ("%-34s CPU of every thread p50 %.2f ms (serial %.2f ms): %u processors, the price "
           "pane here first, then whichever is left, beside %u threads\n", "",
           at_once_cpu.p50 * 1e3, serial_cpu.p50 * 1e3, g_get_num_processors (),
           MIN (g_get_num_processors (), 4u) - 1);
  g_print ("%-34s p50 %7.2f ms  p95 %7.2f ms   (the panes' drawing kept, the crosshair and "
           "read-outs over it)\n", "only the pointer moved", hover.p50 * 1e3, hover.p95 * 1e3);
  g_print ("%-34s p50 %7.2f ms   baseline (nothing carried) p50 %7.2f ms   (carried on the "
           "worker in %.2f ms)\n", "live update: 1st frame, new series", live_s * 1e3,
           live_rows_s * 1e3, carry_s * 1e3);
  g_print ("%-34s %9.1f ms (series %.1f, levels %.1f)   baseline (no levels) %9.1f ms"
           "   (target < 100 ms: %s)\n", "cold: series + levels + 1st frame",
           cold_s * 1e3, build_s * 1e3, levels_s * 1e3, cold_rows_s * 1e3,
           cold_s < 0.1 ? "met" : "MISSED");
  g_print ("%-34s %9.1f ms on the read's worker (series %.1f + levels), %.1f ms 1st frame "
           "on the main thread\n", "  of which", worker_s * 1e3, build_s * 1e3,
           (cold_s - worker_s) * 1e3);
  g_print ("%-34s %9.1f B/candle (series %.1f + levels %.1f)   (target <= 40: %s)\n",
           "memory per candle", (series_b + levels_b) / N_FRAME, series_b / N_FRAME,
           levels_b / N_FRAME, (series_b + levels_b) / N_FRAME <= 40 ? "met" : "MISSED");
  g_print ("%-34s %9.1f MB resident growth (all five series, levels, first frame); "
           "process %.1f MB\n", "resident, 1M loaded", (rss1 - rss0) / 1e6,
           bench_resident_bytes () / 1e6);
  g_print ("%-34s   (thread CPU time; baseline: the same frames with levels disabled, every "
           "visible row reduced per frame)\n", "");

out:
  frame_clear (&d);
  g_clear_pointer (&d.image, ps_heatmap_image_free);
  g_clear_pointer (&d.model, demo_model_free);
  raw_candles_free (raw);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}
