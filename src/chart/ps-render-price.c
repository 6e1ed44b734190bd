/* ps-render-price.c: the price pane, candles reduced per pixel column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-render.h"
#include "ps-render-heatmap.h"
#include "ps-render-private.h"
#include "ps-render-levels.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Price ------------------------------------------------------------------ */

/* Visible candles [first, last): those whose interval meets the view. */
static gboolean
ps_candles_visible (const PsCandles *candles,
                    PsTimeAxis      *axis,
                    PsInterval       interval,
                    guint           *first,
                    guint           *last,
                    gint64          *interval_ms)
{
  gint64 from_ms = ps_time_axis_get_from_ms (axis);
  gint64 to_ms = ps_time_axis_get_to_ms (axis);

  if (candles == NULL || candles->n == 0)
    return FALSE;

  *interval_ms = ps_interval_to_ms (interval);
  if (*interval_ms <= 0)
    *interval_ms = _ps_render_spacing_near (candles->t_ms, candles->n, from_ms, 60 * 1000);

  *first = ps_series_lower_bound (candles->t_ms, candles->n, from_ms - *interval_ms + 1);
  *last = ps_series_lower_bound (candles->t_ms, candles->n, to_ms);
  return *first < *last;
}

gboolean
ps_render_price_scale (const PsRect       *rect,
                       PsTimeAxis         *axis,
                       const PsCandles    *candles,
                       PsInterval          interval,
                       const PsChartStyle *style,
                       PsValueScale       *scale)
{
  double lo, hi;
  guint first, last;
  gint64 interval_ms;
  PsRect plot;

  g_return_val_if_fail (rect != NULL, FALSE);
  g_return_val_if_fail (PS_IS_TIME_AXIS (axis), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (scale != NULL, FALSE);

  if (!ps_candles_visible (candles, axis, interval, &first, &last, &interval_ms))
    return FALSE;

  /* Each row's low and high, else its open and close; NANs skipped. */
  ps_candle_levels_scale (ps_candles_get_levels (candles), candles, first, last, &lo, &hi);
  if (!isfinite (lo) || !isfinite (hi))
    return FALSE;

  ps_render_get_plot_area (rect, style, &plot);
  _ps_render_value_scale_init (scale, &plot, style, lo, hi, PS_RENDER_PRICE_PAD);
  return TRUE;
}

/* Wide candles: a body and a 1 px wick, on whole pixels. */
static void
ps_paint_candle_bodies (PsPaint            *p,
                        PsTimeAxis         *axis,
                        const PsCandles    *c,
                        guint               first,
                        guint               last,
                        gint64              interval_ms,
                        double              candle_px,
                        const PsValueScale *scale,
                        gboolean            up)
{
  double bw = MAX (1, floor (candle_px - MAX (1, candle_px * 0.25)));
  PsPixels px;

  /* Odd bodies from 5 px keep the wick in the middle. */
  if (bw >= 4 && fmod (bw, 2) == 0)
    bw--;

  _ps_pixels_begin (&px, p->cr);
  _ps_pixels_set_color (&px, up ? &p->style->up : &p->style->down, 1, TRUE);
  for (guint i = first; i < last; i++)
    {
      double o = ps_candles_open_at (c, i), cl = ps_candles_close_at (c, i);
      double h, l, cx, left, yh, yl, yt, yb;

      if (!isfinite (o) || !isfinite (cl) || (cl >= o) != up)
        continue;

      h = isfinite (ps_candles_high_at (c, i)) ? ps_candles_high_at (c, i) : fmax (o, cl);
      l = isfinite (ps_candles_low_at (c, i)) ? ps_candles_low_at (c, i) : fmin (o, cl);
      cx = p->plot.x + ps_time_axis_to_x (axis, c->t_ms[i] + interval_ms / 2, p->plot.width);
      left = ps_round (cx - bw / 2);
      yh = ps_round (ps_value_scale_to_y (scale, h));
      yl = ps_round (ps_value_scale_to_y (scale, l));
      yt = ps_round (ps_value_scale_to_y (scale, fmax (o, cl)));
      yb = ps_round (ps_value_scale_to_y (scale, fmin (o, cl)));

      _ps_pixels_box (&px, left + floor ((bw - 1) / 2), yh, 1, MAX (1, yl - yh));
      _ps_pixels_box (&px, left, yt, bw, MAX (1, yb - yt));
    }
  _ps_pixels_end (&px);
}

/* What a pan keeps of a column of candles (ps-render-columns.c). */
typedef struct
{
  PsColumnHead head;
  double       open, high, low, close, buy, sell;
} PsCandleColumn;

/* A column whose rows [i, j) a frame reduces (not found in the cache). */
typedef struct
{
  guint  i, j;
  gint64 abs;
} PsColumnRows;

/* How many columns ahead the reduce asks for the memory it will read. */
#define PREFETCH_AHEAD 8

void
_ps_render_candle_columns_clear (PsCandleColumns *cols)
{
  g_clear_pointer (&cols->open, g_free);
  cols->n = 0;
}

/* Narrow candles: each pixel column's candles reduced to first open, max
 * high, min low, last close and the volume's two sides. Every candle
 * counts: no sampling. Columns are anchored to absolute time
 * (ps-render-levels.h), so a pan reduces only the columns that came into
 * view. */
void
_ps_render_candle_columns (PsPaint         *p,
                           PsTimeAxis      *axis,
                           const PsCandles *c,
                           guint            first,
                           guint            last,
                           gint64           interval_ms,
                           PsCandleColumns *cols)
{
  int ncols = MAX ((int) p->plot.width, 0);
  const PsCandleLevels *levels = ps_candles_get_levels (c);
  double span_ms = (double) (ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis));
  gint64 origin = _ps_render_column_origin (axis, p->plot.width), dt = interval_ms / 2;
  g_autofree PsColumnRows *todo = NULL;
  guint n_todo = 0;
  PsColumnCache *cache = NULL;

  cols->n = ncols;
  cols->open = g_new (double, 6 * (gsize) MAX (ncols, 1));
  cols->high = cols->open + ncols, cols->low = cols->high + ncols;
  cols->close = cols->low + ncols, cols->buy = cols->close + ncols;
  cols->sell = cols->buy + ncols;
  for (int x = 0; x < ncols; x++)
    {
      cols->open[x] = cols->high[x] = cols->low[x] = cols->close[x] = NAN;
      cols->buy[x] = cols->sell[x] = 0;
    }
  if (ncols == 0)
    return;
  todo = g_new (PsColumnRows, ncols);

  /* Zoomed out, each column's rows found by galloping and reduced at once
   * over the pyramid (ps-levels.h): O(log n) a column, not O(n); a column
   * whose rows a frame before reduced (the same rows from the same start)
   * is taken from the cache. Only whole columns are kept: one cut by the
   * view's end may go on past it. */
  if (levels != NULL)
    {
      gint64 key[PS_COLUMN_KEY_SIZE] = { c->n, (gint64) span_ms, dt,
                                         (gint64) (p->plot.width * 256) };

      cache = _ps_column_cache_take (ps_candle_levels_get_cache (levels), key, (guint) ncols,
                                     sizeof (PsCandleColumn));
    }
  for (guint i = first, j; levels != NULL && i < last; i = j)
    {
      gint64 abs = _ps_render_column_abs (c->t_ms[i] + dt, p->plot.width, span_ms);
      gint64 col = abs - origin;
      PsCandleColumn *e = _ps_column_cache_find (cache, abs, i);

      if (e != NULL && e->head.j <= last)
        {
          j = e->head.j;
          if (col >= 0 && col < ncols)
            {
              cols->open[col] = e->open, cols->high[col] = e->high;
              cols->low[col] = e->low, cols->close[col] = e->close;
              cols->buy[col] = e->buy, cols->sell[col] = e->sell;
            }
          continue;
        }
      j = _ps_render_column_end (c->t_ms, axis, p->plot.width, dt, i, last);
      if (col < 0 || col >= ncols)
        continue;
      todo[n_todo++] = (PsColumnRows) { i, j, abs };
    }
  /* Then reduced, the memory of the one a few ahead asked for meanwhile. */
  for (guint t = 0; t < n_todo; t++)
    {
      const PsColumnRows *r = &todo[t];
      gint64 col = r->abs - origin;
      PsCandleColumn *e;
      PsCandleSpan span;

      if (t + PREFETCH_AHEAD < n_todo)
        ps_candle_levels_prefetch (levels, c, todo[t + PREFETCH_AHEAD].i,
                                   todo[t + PREFETCH_AHEAD].j);
      ps_candle_levels_reduce (levels, c, r->i, r->j, &span);
      _ps_render_candle_column_merge (&span, cols, (int) col);
      if (r->j < last && (e = _ps_column_cache_add (cache, r->abs, r->i, r->j)) != NULL)
        *e = (PsCandleColumn) { e->head, cols->open[col], cols->high[col], cols->low[col],
                                cols->close[col], cols->buy[col], cols->sell[col] };
    }
  if (levels != NULL)
    _ps_column_cache_put (ps_candle_levels_get_cache (levels), cache);

  for (guint i = first; levels == NULL && i < last; i++)
    {
      gint64 col = _ps_render_column_abs (c->t_ms[i] + dt, p->plot.width, span_ms) - origin;
      PsCandleSpan row;

      if (col < 0 || col >= ncols)
        continue;
      ps_candle_span_init_row (&row, c, i);
      _ps_render_candle_column_merge (&row, cols, (int) col);
    }
}

/* The columns as 1 px high–low bars coloured by each column's own open and
 * close, on whole pixels: straight into the pixels where cairo would put
 * the same (ps-render-pixels.c). */
static void
ps_paint_candle_columns (PsPaint               *p,
                         const PsCandleColumns *cols,
                         const PsValueScale    *scale)
{
  PsPixels px;

  _ps_pixels_begin (&px, p->cr);
  for (int pass = 0; pass < 2; pass++)
    {
      gboolean up = pass == 0;

      _ps_pixels_set_color (&px, up ? &p->style->up : &p->style->down, 1, FALSE);
      for (int x = 0; x < cols->n; x++)
        {
          double yh, yl;

          if (isnan (cols->open[x]) || (cols->close[x] >= cols->open[x]) != up)
            continue;
          yh = ps_round (_ps_value_scale_to_y (scale, cols->high[x]));
          yl = ps_round (_ps_value_scale_to_y (scale, cols->low[x]));
          _ps_pixels_box (&px, p->plot.x + x, yh, 1, MAX (1, yl - yh));
        }
    }
  _ps_pixels_end (&px);
}

/* PERPSCOPE_DEBUG_FIRST_FRAME=1: on stderr, the time from the process's
 * start to each of the first price frames drawn with another series (the
 * demo, then the cached market, say), to measure launch to first chart.
 * The start is the kernel's (/proc/self/stat), so nothing in main () is
 * needed; its resolution is a clock tick (10 ms). */
static void
ps_debug_first_frames (const PsCandles *candles,
                       const char      *title)
{
  static const PsCandles *seen[4];
  static guint n_seen, enabled = 2;
  g_autofree char *stat = NULL;
  unsigned long long start_ticks = 0;
  const char *tail;
  struct timespec now;

  if (enabled == 2)
    enabled = g_getenv ("PERPSCOPE_DEBUG_FIRST_FRAME") != NULL;
  if (!enabled || n_seen >= G_N_ELEMENTS (seen))
    return;
  for (guint k = 0; k < n_seen; k++)
    if (seen[k] == candles)
      return;
  seen[n_seen++] = candles;

  /* Field 22, counted after the command's closing parenthesis. */
  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) ||
      (tail = strrchr (stat, ')')) == NULL ||
      sscanf (tail + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d "
              "%*d %*d %llu", &start_ticks) != 1)
    return;
  clock_gettime (CLOCK_BOOTTIME, &now);
  g_printerr ("perpscope: first frame of %s (%u candles) %.0f ms after the process started\n",
              title != NULL ? title : "price", candles->n,
              ((double) now.tv_sec + now.tv_nsec / 1e9
               - (double) start_ticks / (double) sysconf (_SC_CLK_TCK)) * 1e3);
}

void
ps_render_price (cairo_t            *cr,
                 const PsRect       *rect,
                 PsTimeAxis         *axis,
                 const PsCandles    *candles,
                 PsInterval          interval,
                 const char         *title,
                 const PsChartStyle *style)
{
  ps_render_price_layers (cr, rect, axis, candles, interval, NULL, title, style);
}

void
ps_render_price_with_liquidations (cairo_t                      *cr,
                                   const PsRect                 *rect,
                                   PsTimeAxis                   *axis,
                                   const PsCandles              *candles,
                                   PsInterval                    interval,
                                   const PsRecordedLiquidations *liquidations,
                                   const char                   *title,
                                   const PsChartStyle           *style)
{
  PsPriceLayers layers = { .liquidations = liquidations };

  ps_render_price_layers (cr, rect, axis, candles, interval, &layers, title, style);
}

void
ps_render_price_layers (cairo_t             *cr,
                        const PsRect        *rect,
                        PsTimeAxis          *axis,
                        const PsCandles     *candles,
                        PsInterval           interval,
                        const PsPriceLayers *layers,
                        const char          *title,
                        const PsChartStyle  *style)
{
  const PsRecordedLiquidations *liquidations = layers != NULL ? layers->liquidations : NULL;
  PsHeatmapImage *heatmap = layers != NULL && layers->heatmap != NULL &&
                            !ps_heatmap_image_is_empty (layers->heatmap) ? layers->heatmap : NULL;
  g_autofree char *last_label = NULL;
  PsValueScale scale;
  PsPaint p;
  PsRect title_row;
  const PsColor *last_color;
  guint first, last, row, n_markers = 0;
  gint64 interval_ms;
  double candle_px, skip0 = 0, skip1 = 0, volume_y0, volume_y1;
  gboolean show_volume;
  PsCandleColumns cols = { 0 };
  PsPriceStyle price_style = layers != NULL ? layers->price_style : PS_PRICE_CANDLES;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (style != NULL);

  _ps_render_paint_begin (&p, cr, rect, style);
  _ps_render_paint_background (&p);

  if (!ps_render_price_layers_scale (rect, axis, candles, interval, layers, style, &scale) ||
      !ps_candles_visible (candles, axis, interval, &first, &last, &interval_ms))
    {
      _ps_render_paint_empty_pane (&p, axis, title);
      _ps_render_paint_end (&p);
      return;
    }

  /* The last close, TradingView-like: a marker whose labels the grid skips. */
  for (row = last; row > first && !isfinite (ps_candles_close_at (candles, row - 1)); row--)
    ;
  row = row > first ? row - 1 : first;
  last_label = ps_format_price (ps_candles_close_at (candles, row));
  last_color = ps_candles_close_at (candles, row) >= ps_candles_open_at (candles, row)
               ? &style->up : &style->down;
  if (isfinite (ps_candles_close_at (candles, row)))
    {
      int w, h;

      _ps_render_text_size (p.layout, last_label, &w, &h);
      /* A narrow gutter gets the whole number rather than a cut one. */
      if (w > p.rect.width - p.plot.width - style->font_size)
        {
          g_free (last_label);
          last_label = _ps_render_format_grouped (ps_candles_close_at (candles, row), 0);
        }
      skip0 = ps_round (ps_value_scale_to_y (&scale, ps_candles_close_at (candles, row)))
              - h / 2. - 3;
      skip1 = skip0 + h + 6;
    }

  show_volume = layers != NULL && layers->show_volume &&
                _ps_render_volume_band (&p.plot, style, &volume_y0, &volume_y1);
  /* Under the candles and the grid (the grid's lines stay readable across
   * the bands); placed by the candles' own scale; above the volume band,
   * where its prices are. */
  if (heatmap != NULL)
    {
      cairo_save (cr);
      if (show_volume)
        cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, volume_y0 - p.plot.y);
      else
        cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, p.plot.height);
      cairo_clip (cr);
      _ps_render_paint_heatmap (&p, axis, heatmap, &scale, layers->heatmap_opacity);
      cairo_restore (cr);
    }

  _ps_render_paint_time_grid (&p, axis);
  if (show_volume)
    {
      /* Price lines and labels stop above the volume band: its bars have
       * no value on the price axis. */
      PsPaint above = p;

      above.plot.height = above.rect.height = scale.y_bottom - p.plot.y + 2;
      _ps_render_paint_value_grid (&above, &scale, PS_LABEL_PRICE, skip0, skip1);
    }
  else
    _ps_render_paint_value_grid (&p, &scale, PS_LABEL_PRICE, skip0, skip1);

  cairo_save (cr);
  cairo_rectangle (cr, p.plot.x, p.plot.y, p.plot.width, p.plot.height);
  cairo_clip (cr);
  candle_px = (double) interval_ms * p.plot.width
              / (double) (ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis));
  /* Narrow candles: reduced per pixel column once, for the volume bars and
   * the candles alike. */
  if (candle_px < 3 && (show_volume || price_style != PS_PRICE_LINE))
    _ps_render_candle_columns (&p, axis, candles, first, last, interval_ms, &cols);
  if (show_volume)
    _ps_render_paint_volume (&p, axis, candles, first, last, interval_ms, candle_px,
                             cols.open != NULL ? &cols : NULL, volume_y0, volume_y1);
  if (price_style == PS_PRICE_LINE)
    _ps_render_paint_close_line (&p, axis, candles, first, last, interval_ms, &scale);
  else if (candle_px >= 3 && price_style == PS_PRICE_OHLC)
    _ps_render_paint_ohlc_bars (&p, axis, candles, first, last, interval_ms, candle_px, &scale);
  else if (candle_px >= 3)
    {
      for (int up = 1; up >= 0; up--)
        ps_paint_candle_bodies (&p, axis, candles, first, last, interval_ms, candle_px,
                                &scale, up);
    }
  else
    ps_paint_candle_columns (&p, &cols, &scale);
  _ps_render_candle_columns_clear (&cols);
  if (liquidations != NULL)
    {
      double strip = MAX (4, ps_round (style->font_size * 0.45));

      /* A faint strip along the bottom where nothing was recorded: no
       * marker there is not a calm market. */
      _ps_render_paint_not_recorded (&p, axis, liquidations, p.plot.y + p.plot.height - strip,
                                     p.plot.y + p.plot.height, TRUE);
      n_markers = _ps_render_paint_liq_markers (&p, axis, liquidations->events, candles,
                                                interval_ms, &scale);
    }
  cairo_restore (cr);

  if (isfinite (ps_candles_close_at (candles, row)))
    _ps_render_paint_marker (&p, ps_value_scale_to_y (&scale, ps_candles_close_at (candles, row)),
                             last_label, last_color, &skip0, &skip1);
  if (layers != NULL && layers->zones != NULL)
    {
      /* Zones out of view are labelled at the edge: above the volume band. */
      PsPaint above = p;

      if (layers->show_volume && _ps_render_volume_band (&p.plot, style, &volume_y0, &volume_y1))
        above.plot.height = volume_y0 - p.plot.y;
      _ps_render_paint_heat_zones (&above, &scale, layers->zones, layers->n_zones);
    }
  _ps_render_paint_title_row (&p, title,
                              isfinite (ps_candles_close_at (candles, row)) ? last_label : NULL,
                              last_color, &title_row);
  if (heatmap != NULL)
    {
      /* The markers' legend stops short of the colour scale's. */
      double legend_x = _ps_render_paint_heat_legend (&p, heatmap, layers->heatmap_opacity);

      p.plot.width = legend_x - p.plot.x;
    }
  _ps_render_paint_price_legend (&p, &title_row, price_style);
  _ps_render_paint_liq_marker_legend (&p, &title_row, n_markers);
  _ps_render_paint_end (&p);
  ps_debug_first_frames (candles, title);
}
