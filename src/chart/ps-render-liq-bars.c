/* ps-render-liq-bars.c: liquidations binned into the pane's slots, one per
 * candle or, zoomed out, one per pixel column; the recorded events and the
 * model's prediction share the slots' geometry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-levels.h"
#include "ps-render.h"
#include "ps-render-private.h"
#include "ps-render-levels.h"

/* Bars narrower than this merge into pixel columns, as candles do. */
#define MIN_CANDLE_PX 3.0

gint64
_ps_render_liq_step_ms (PsInterval interval)
{
  gint64 step = ps_interval_to_ms (interval);

  return step > 0 ? step : 3600 * 1000;
}

static gint64
ps_floor_to (gint64 t_ms,
             gint64 step)
{
  gint64 rem = t_ms % step;

  return t_ms - (rem < 0 ? rem + step : rem);
}

void
_ps_render_liq_bars_clear (PsLiqBars *bars)
{
  g_clear_pointer (&bars->long_usd, g_free);
  g_clear_pointer (&bars->short_usd, g_free);
}

/* The slot of a row at t_ms: its candle's, or the pixel column its candle's
 * middle falls in (where the price pane draws that candle: columns anchored
 * to absolute time, ps-render-levels.h). */
static gint64
ps_liq_slot (const PsLiqBars *bars,
             gint64           t_ms,
             gint64           from_ms,
             gint64           to_ms,
             double           plot_width)
{
  gint64 step = bars->step_ms;

  if (bars->per_column)
    return _ps_render_column_abs (ps_floor_to (t_ms, step) + step / 2, plot_width,
                                  (double) (to_ms - from_ms)) - bars->origin;
  return (t_ms - bars->t0_ms) / step;
}

/* The first step-aligned time after t_ms whose slot is past slot k: slots
 * only grow with time. Estimated from the column's right edge, then walked
 * a step at a time to the formula's own answer. */
static gint64
ps_liq_slot_end (const PsLiqBars *bars,
                 gint64           t_ms,
                 gint64           k,
                 gint64           from_ms,
                 gint64           to_ms,
                 double           plot_width)
{
  gint64 step = bars->step_ms, next = ps_floor_to (t_ms, step) + step, t = next;

  if (bars->per_column)
    {
      double edge = (double) (k + 1 + bars->origin) * (double) (to_ms - from_ms) / plot_width
                    - (double) (step / 2);
      gint64 guess = fabs (edge) < (double) G_MAXINT64 / 2
                     ? ps_floor_to ((gint64) edge, step) - 2 * step : t;

      t = MAX (t, guess);
    }
  while (t > next && ps_liq_slot (bars, t - step, from_ms, to_ms, plot_width) > k)
    t -= step;
  while (ps_liq_slot (bars, t, from_ms, to_ms, plot_width) <= k)
    t += step;
  return t;
}

guint
_ps_render_liq_slot_rows (const PsLiqBars *bars,
                          PsTimeAxis      *axis,
                          const gint64    *t_ms,
                          guint            i,
                          guint            last,
                          double           plot_width,
                          gint64          *slot,
                          guint           *rows)
{
  gint64 from_ms = ps_time_axis_get_from_ms (axis), to_ms = ps_time_axis_get_to_ms (axis);
  gint64 end;
  guint j;

  *slot = ps_liq_slot (bars, t_ms[i], from_ms, to_ms, plot_width);
  end = ps_liq_slot_end (bars, t_ms[i], *slot, from_ms, to_ms, plot_width);
  /* Events come unevenly: the spacing at i foretells little, the slot
   * before's count (slots are of one width) much more, and the probes stay
   * in the few cache lines round the answer. */
  if (*rows > 0)
    j = ps_series_lower_bound_near (t_ms, i + 1, last, i + *rows, end);
  else
    j = ps_series_lower_bound_from (t_ms, i + 1, last, end);
  *rows = j - i;
  return j;
}

/* Each event at a time, for a series without levels. */
static void
ps_liq_bars_walk (PsLiqBars            *bars,
                  PsTimeAxis           *axis,
                  const PsLiquidations *events,
                  guint                 a,
                  guint                 b,
                  double                plot_width)
{
  gint64 from_ms = ps_time_axis_get_from_ms (axis), to_ms = ps_time_axis_get_to_ms (axis);

  for (guint i = a; i < b; i++)
    {
      double usd = events->usd[i];
      gint64 k;

      if (!isfinite (usd) || usd <= 0)
        continue;

      if (events->t_ms[i] >= from_ms && events->t_ms[i] < to_ms)
        {
          if (events->side[i] == PS_LIQ_LONG)
            bars->total_long += usd;
          else
            bars->total_short += usd;
        }
      k = ps_liq_slot (bars, events->t_ms[i], from_ms, to_ms, plot_width);
      if (k < 0 || k >= (gint64) bars->n)
        continue;
      if (events->side[i] == PS_LIQ_LONG)
        bars->long_usd[k] += usd;
      else
        bars->short_usd[k] += usd;
    }
}

/* What a pan keeps of a slot of events (ps-render-columns.c). */
typedef struct
{
  PsColumnHead head;
  double       long_usd, short_usd;
} PsLiqColumn;

/* How many slots ahead a walk asks for the memory of a slot's end. */
#define LIQ_PREFETCH_AHEAD 6

/* A slot's events at once, by running sums (ps-levels.h): O(slots), however
 * many events are in view. Zoomed out, a slot is a pixel column anchored to
 * absolute time, and those a frame before summed are kept for a pan. */
static void
ps_liq_bars_sum (PsLiqBars            *bars,
                 PsTimeAxis           *axis,
                 const PsLiquidations *events,
                 const PsLiqLevels    *levels,
                 guint                 a,
                 guint                 b,
                 double                plot_width)
{
  gint64 from_ms = ps_time_axis_get_from_ms (axis), to_ms = ps_time_axis_get_to_ms (axis);
  guint from = ps_series_lower_bound (events->t_ms, events->n, from_ms);
  guint to = ps_series_lower_bound (events->t_ms, events->n, to_ms);
  PsColumnCache *cache = NULL;
  guint rows = 0;

  if (bars->per_column)
    {
      gint64 key[PS_COLUMN_KEY_SIZE] = { events->n, to_ms - from_ms, bars->step_ms,
                                         (gint64) (plot_width * 256) };

      cache = _ps_column_cache_take (ps_liq_levels_get_cache (levels), key, bars->n,
                                     sizeof (PsLiqColumn));
    }
  for (guint i = a, j; i < b; i = j)
    {
      gint64 k;
      PsLiqColumn *e = NULL;
      double l, s;

      if (cache != NULL)
        {
          k = ps_liq_slot (bars, events->t_ms[i], from_ms, to_ms, plot_width);
          e = _ps_column_cache_find (cache, k + bars->origin, i);
        }
      if (e != NULL && e->head.j <= b)
        j = e->head.j, l = e->long_usd, s = e->short_usd;
      else
        {
          /* Each slot's end is a cache miss in the times and in the sums,
           * far from the last: asked for a few slots ahead, at the guess
           * of the slot before's count, the misses overlap. */
          if (rows > 0)
            {
              guint ahead = MIN (i + LIQ_PREFETCH_AHEAD * rows, b - 1);

              __builtin_prefetch (events->t_ms + ahead);
              ps_liq_levels_prefetch_sum (levels, ahead);
            }
          j = _ps_render_liq_slot_rows (bars, axis, events->t_ms, i, b, plot_width, &k, &rows);
          if (k < 0 || k >= (gint64) bars->n)
            continue;
          l = ps_liq_levels_sum (levels, PS_LIQ_LONG, i, j);
          s = ps_liq_levels_sum (levels, PS_LIQ_SHORT, i, j);
          if (j < b && (e = _ps_column_cache_add (cache, k + bars->origin, i, j)) != NULL)
            e->long_usd = l, e->short_usd = s;
        }
      if (k < 0 || k >= (gint64) bars->n)
        continue;
      bars->long_usd[k] += l;
      bars->short_usd[k] += s;
    }
  if (cache != NULL)
    _ps_column_cache_put (ps_liq_levels_get_cache (levels), cache);
  bars->total_long = ps_liq_levels_sum (levels, PS_LIQ_LONG, from, to);
  bars->total_short = ps_liq_levels_sum (levels, PS_LIQ_SHORT, from, to);
}

/* One bar per candle meeting the view, or, zoomed out, one per pixel column
 * summing the candles whose middle falls in it (the column the price pane
 * draws those candles in). Every event counts: no sampling. */
void
_ps_render_liq_bars_init (PsLiqBars             *bars,
                          PsTimeAxis            *axis,
                          const PsLiquidations  *events,
                          PsInterval             interval,
                          double                 plot_width)
{
  gint64 from_ms = ps_time_axis_get_from_ms (axis);
  gint64 to_ms = ps_time_axis_get_to_ms (axis);
  gint64 step = _ps_render_liq_step_ms (interval);
  const PsLiqLevels *levels;
  guint a, b;

  *bars = (PsLiqBars) { 0 };
  bars->step_ms = step;
  bars->candle_px = (double) step * plot_width / (double) MAX (to_ms - from_ms, 1);
  bars->per_column = bars->candle_px < MIN_CANDLE_PX;
  bars->t0_ms = ps_floor_to (from_ms, step);
  bars->origin = _ps_render_column_origin (axis, plot_width);
  if (bars->per_column)
    bars->n = (guint) MAX (plot_width, 0);
  else
    bars->n = (guint) MIN ((to_ms - bars->t0_ms + step - 1) / step, G_MAXINT / 4);
  if (bars->n == 0)
    return;

  bars->long_usd = g_new0 (double, bars->n);
  bars->short_usd = g_new0 (double, bars->n);
  if (events == NULL || events->n == 0)
    return;

  a = ps_series_lower_bound (events->t_ms, events->n, bars->t0_ms);
  b = ps_series_lower_bound (events->t_ms, events->n, ps_floor_to (to_ms, step) + step);
  levels = ps_liquidations_get_levels (events);
  if (levels != NULL)
    ps_liq_bars_sum (bars, axis, events, levels, a, b, plot_width);
  else
    ps_liq_bars_walk (bars, axis, events, a, b, plot_width);

  for (guint k = 0; k < bars->n; k++)
    {
      bars->max_long = fmax (bars->max_long, bars->long_usd[k]);
      bars->max_short = fmax (bars->max_short, bars->short_usd[k]);
    }
}
