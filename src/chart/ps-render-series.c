/* ps-render-series.c: the open interest and funding panes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "ps-render.h"
#include "ps-render-private.h"
#include "ps-render-levels.h"

#include <math.h>

/* Open interest ------------------------------------------------------------ */

/* Rows drawn: the visible ones and one on each side, so the line runs to
 * the edges. FALSE when no line can cross the view. */
static gboolean
ps_open_interest_visible (const PsOpenInterest *oi,
                          PsTimeAxis           *axis,
                          guint                *first,
                          guint                *last)
{
  guint a, b;

  if (oi == NULL || oi->n == 0)
    return FALSE;

  a = ps_series_lower_bound (oi->t_ms, oi->n, ps_time_axis_get_from_ms (axis));
  b = ps_series_lower_bound (oi->t_ms, oi->n, ps_time_axis_get_to_ms (axis));
  *first = a > 0 ? a - 1 : 0;
  *last = b < oi->n ? b + 1 : oi->n;
  return a < b || (a > 0 && a < oi->n);
}

gboolean
ps_render_open_interest_scale (const PsRect         *rect,
                               PsTimeAxis           *axis,
                               const PsOpenInterest *open_interest,
                               const PsChartStyle   *style,
                               PsValueScale         *scale)
{
  double lo, hi;
  guint first, last;
  PsRect plot;

  g_return_val_if_fail (rect != NULL, FALSE);
  g_return_val_if_fail (PS_IS_TIME_AXIS (axis), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (scale != NULL, FALSE);

  if (!ps_open_interest_visible (open_interest, axis, &first, &last))
    return FALSE;

  /* NANs skipped */
  ps_oi_levels_range (ps_open_interest_get_levels (open_interest), open_interest, first, last,
                      &lo, &hi);
  if (!isfinite (lo) || !isfinite (hi))
    return FALSE;

  ps_render_get_plot_area (rect, style, &plot);
  _ps_render_value_scale_fit_low (scale, rect, &plot, style, lo, hi, 0.08);
  return TRUE;
}

typedef struct
{
  int    col;      /* pixel column, G_MININT: none yet */
  guint  n;
  double x, first, lo, hi, last;
} PsColumn;

/* The soft fill under the line: down to the bottom, fading. */
static cairo_pattern_t *
ps_oi_fill_pattern (PsPaint            *p,
                    const PsValueScale *scale)
{
  double bottom = p->plot.y + p->plot.height;
  cairo_pattern_t *fill = cairo_pattern_create_linear (0, scale->y_top, 0, bottom);

  cairo_pattern_add_color_stop_rgba (fill, 0, p->style->oi_fill.red, p->style->oi_fill.green,
                                     p->style->oi_fill.blue, p->style->oi_fill.alpha);
  cairo_pattern_add_color_stop_rgba (fill, 1, p->style->oi_fill.red, p->style->oi_fill.green,
                                     p->style->oi_fill.blue, p->style->oi_fill.alpha * 0.15);
  return fill;
}

/* The fill in the path already set. */
static void
ps_paint_oi_fill (PsPaint            *p,
                  const PsValueScale *scale)
{
  cairo_pattern_t *fill = ps_oi_fill_pattern (p, scale);

  cairo_set_source (p->cr, fill);
  cairo_fill (p->cr);
  cairo_pattern_destroy (fill);
}

/* Half the line's width. */
#define OI_HALF_LINE 0.75

/* Whole-pixel boxes of a column's band from y0 to y1: the covered rows in
 * solid, the partly covered rows at the ends in partial, their coverage in
 * quarters (1..3). */
static void
ps_oi_band_column (PsPixels *solid,
                   GArray   *partial,
                   int       x,
                   double    y0,
                   double    y1)
{
  double r0 = ceil (y0), r1 = floor (y1);
  int q;

  if (r1 < r0)   /* within one row */
    {
      q = (int) ps_round ((y1 - y0) * 4);
      if (q > 0)
        g_array_append_vals (partial, (double[4]) { x, r1, q, 0 }, 1);
      return;
    }
  if (r1 > r0)
    _ps_pixels_box (solid, x, r0, 1, r1 - r0);
  q = (int) ps_round ((r0 - y0) * 4);
  if (q >= 4)
    _ps_pixels_box (solid, x, r0 - 1, 1, 1);
  else if (q > 0)
    g_array_append_vals (partial, (double[4]) { x, r0 - 1, q, 0 }, 1);
  q = (int) ps_round ((y1 - r1) * 4);
  if (q >= 4)
    _ps_pixels_box (solid, x, r1, 1, 1);
  else if (q > 0)
    g_array_append_vals (partial, (double[4]) { x, r1, q, 0 }, 1);
}

/* Each column c0 + c filled from ps_round (top[c]) down to bottom, as few
 * boxes as that region parts into: a box for each stretch of columns from
 * the lowest of their tops down, the columns rising above it boxed in turn
 * (a stack of boxes open to the left; at most two boxes a column). Written
 * wide, the rows a few columns share go in one run of pixels, not a box a
 * column: the same pixels, a fraction of the work. */
static void
ps_oi_fill_columns (PsPixels     *px,
                    int           c0,
                    const double *top,
                    guint         nc,
                    double        bottom)
{
  g_autofree int *start = g_new (int, nc + 1);
  g_autofree double *y = g_new (double, nc + 1);
  guint depth = 0;

  /* Open boxes from column start[k] down from row y[k] to the top of the
   * one under it (bottom under the first), rising up the stack. A column
   * lower than the boxes on top closes them, or the part of one above it. */
  for (guint c = 0; c <= nc; c++)
    {
      double t = c < nc ? ps_round (top[c]) : bottom;

      if (!(t < bottom))   /* nothing in this column (NAN, ∞) */
        t = bottom;
      while (depth > 0 && y[depth - 1] < t)
        {
          guint k = depth - 1;
          double below = k > 0 ? y[k - 1] : bottom;

          if (t < below)
            {
              _ps_pixels_box (px, c0 + start[k], y[k], (int) c - start[k], t - y[k]);
              y[k] = t;
              break;
            }
          _ps_pixels_box (px, c0 + start[k], y[k], (int) c - start[k], below - y[k]);
          depth--;
        }
      if (t < bottom && (depth == 0 || y[depth - 1] > t))
        {
          start[depth] = (int) c;
          y[depth++] = t;
        }
    }
}

/* A dense run (points about a pixel apart or closer) as a band: in each
 * pixel column the line covers, its highest and lowest y over the column,
 * widened by half the line. A column of a stroked zigzag is covered from its
 * top to its bottom, so the band looks the same at this density; stroking
 * the few thousand points with round joins cost cairo ~20 ms at 1M candles,
 * and an antialiased polygon of the band's outline still 5 ms. Whole-pixel
 * boxes are what cairo fills fastest, so the band is drawn as those: the
 * covered rows, then each end's partly covered row at its coverage in
 * quarters (antialiasing by hand, vertically: the columns' sides are whole
 * pixels anyway). */
static void
ps_paint_oi_band (PsPaint            *p,
                  const double       *xy,
                  guint               n,
                  const PsValueScale *scale)
{
  double bottom = p->plot.y + p->plot.height;
  int c0 = (int) floor (xy[0]), c1 = (int) floor (xy[2 * (n - 1)]);
  guint nc = (guint) (c1 - c0 + 1);
  g_autofree double *top = g_new (double, 2 * nc);
  g_autoptr(GArray) partial = g_array_new (FALSE, FALSE, 4 * sizeof (double));
  double *bot = top + nc;
  cairo_pattern_t *fill;
  PsPixels px;

  for (guint c = 0; c < nc; c++)
    top[c] = INFINITY, bot[c] = -INFINITY;

  /* Each point in its column; each segment at the column edges it crosses,
   * in the columns on both sides (columns grow with x along the run). */
  for (guint i = 0; i < n; i++)
    {
      double x = xy[2 * i], y = xy[2 * i + 1];
      guint c = (guint) ((int) floor (x) - c0);

      top[c] = fmin (top[c], y), bot[c] = fmax (bot[c], y);
      if (i + 1 < n)
        {
          double x1 = xy[2 * i + 2], y1 = xy[2 * i + 3];

          for (int e = (int) floor (x) + 1; e <= (int) floor (x1); e++)
            {
              double ye = y + (y1 - y) * ((double) e - x) / (x1 - x);
              guint r = (guint) (e - c0);

              top[r - 1] = fmin (top[r - 1], ye), bot[r - 1] = fmax (bot[r - 1], ye);
              top[r] = fmin (top[r], ye), bot[r] = fmax (bot[r], ye);
            }
        }
    }

  /* The fill, from the line's top row (the band covers it) down. */
  _ps_pixels_begin (&px, p->cr);
  fill = ps_oi_fill_pattern (p, scale);
  _ps_pixels_set_vertical (&px, fill);
  cairo_pattern_destroy (fill);
  ps_oi_fill_columns (&px, c0, top, nc, bottom);

  _ps_pixels_set_color (&px, &p->style->oi_line, 1, TRUE);
  for (guint c = 0; c < nc; c++)
    ps_oi_band_column (&px, partial, c0 + (int) c, top[c] - OI_HALF_LINE,
                       bot[c] + OI_HALF_LINE);
  for (int q = 1; q < 4; q++)
    {
      _ps_pixels_set_color (&px, &p->style->oi_line, q / 4.0, FALSE);
      for (guint k = 0; k < partial->len; k++)
        {
          const double *b = &g_array_index (partial, double, 4 * k);

          if ((int) b[2] == q)
            _ps_pixels_box (&px, b[0], b[1], 1, 1);
        }
    }
  _ps_pixels_end (&px);
}

/* A run of points: a soft fill down to the bottom, the line over it. */
static void
ps_paint_oi_run (PsPaint            *p,
                 GArray             *pts,
                 const PsValueScale *scale)
{
  const double *xy = (const double *) (gpointer) pts->data;
  double bottom = p->plot.y + p->plot.height;
  guint n = pts->len / 2;

  if (n == 0)
    return;

  if (n == 1)
    {
      cairo_arc (p->cr, xy[0], xy[1], 2.5, 0, 2 * G_PI);
      _ps_render_set_color (p->cr, &p->style->oi_line);
      cairo_fill (p->cr);
      g_array_set_size (pts, 0);
      return;
    }

  /* Points two pixels apart or closer on average: a band. */
  if (2 * (double) (n - 1) >= xy[2 * (n - 1)] - xy[0] + 1)
    {
      ps_paint_oi_band (p, xy, n, scale);
      g_array_set_size (pts, 0);
      return;
    }

  cairo_move_to (p->cr, xy[0], bottom);
  for (guint i = 0; i < n; i++)
    cairo_line_to (p->cr, xy[2 * i], xy[2 * i + 1]);
  cairo_line_to (p->cr, xy[2 * (n - 1)], bottom);
  cairo_close_path (p->cr);
  ps_paint_oi_fill (p, scale);

  cairo_move_to (p->cr, xy[0], xy[1]);
  for (guint i = 1; i < n; i++)
    cairo_line_to (p->cr, xy[2 * i], xy[2 * i + 1]);
  cairo_set_line_width (p->cr, 2 * OI_HALF_LINE);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
  _ps_render_set_color (p->cr, &p->style->oi_line);
  cairo_stroke (p->cr);
  cairo_set_line_width (p->cr, 1);

  g_array_set_size (pts, 0);
}

/* A column of several points becomes first, extremes, last at its centre. */
static void
ps_column_flush (PsColumn *col,
                 GArray   *pts)
{
  double xy[8];
  guint k = 0;

  if (col->n == 0)
    return;

  if (col->n == 1)
    {
      xy[k++] = col->x, xy[k++] = col->first;
    }
  else
    {
      double x = col->col + 0.5;
      gboolean rising = col->last < col->first;   /* y grows downwards */

      xy[k++] = x, xy[k++] = col->first;
      xy[k++] = x, xy[k++] = rising ? col->hi : col->lo;
      xy[k++] = x, xy[k++] = rising ? col->lo : col->hi;
      xy[k++] = x, xy[k++] = col->last;
    }
  g_array_append_vals (pts, xy, k);
  col->n = 0;
}

/* Columns ahead whose memory a column's reduction asks for. */
#define OI_PREFETCH_AHEAD 4

/* What a pan keeps of a column of open interest (ps-render-columns.c):
 * row i's column's other rows [i + 1, j) reduced, or none when something in
 * them breaks the line (ok FALSE: the column goes row by row). */
typedef struct
{
  PsColumnHead head;
  gboolean     ok;
  double       min, max, last;
} PsOiColumn;

static void
ps_paint_oi_line (PsPaint              *p,
                  PsTimeAxis           *axis,
                  const PsOpenInterest *oi,
                  guint                 first,
                  guint                 last,
                  const PsValueScale   *scale)
{
  g_autoptr(GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));
  const PsOiLevels *levels = ps_open_interest_get_levels (oi);
  gint64 from_ms = ps_time_axis_get_from_ms (axis), to_ms = ps_time_axis_get_to_ms (axis);
  double span_ms = (double) (to_ms - from_ms), width = p->plot.width, shift;
  gint64 spacing, prev_t = G_MININT64;
  PsColumn col = { G_MININT, 0 };
  PsColumnCache *cache = NULL;
  gboolean anchored;

  /* A gap is a step well over the usual one: the line breaks there. */
  spacing = _ps_render_spacing_near (oi->t_ms, oi->n, from_ms, G_MAXINT64 / 4);

  /* Rows closer than a pixel: columns anchored to absolute time
   * (ps-render-levels.h), so that a pan reduces only the columns that came
   * into view; sparser, each point where ps_time_axis_to_x () puts it. */
  anchored = (double) spacing * width < span_ms;
  shift = anchored ? (double) _ps_render_column_origin (axis, width) : 0;
  if (anchored && levels != NULL)
    {
      gint64 key[PS_COLUMN_KEY_SIZE] = { oi->n, (gint64) span_ms, spacing, (gint64) (width * 256) };

      cache = _ps_column_cache_take (ps_oi_levels_get_cache (levels), key, (guint) width,
                                     sizeof (PsOiColumn));
    }

  for (guint i = first; i < last; i++)
    {
      double v = oi->usd[i], x, y;
      int c;

      if (!isfinite (v) ||
          (prev_t != G_MININT64 && (double) (oi->t_ms[i] - prev_t) > 1.5 * (double) spacing))
        {
          ps_column_flush (&col, pts);
          ps_paint_oi_run (p, pts, scale);
          prev_t = G_MININT64;
          if (!isfinite (v))
            continue;
        }

      if (anchored)
        x = p->plot.x + ((double) oi->t_ms[i] * width / span_ms - shift);
      else
        x = p->plot.x + ps_time_axis_to_x (axis, oi->t_ms[i], width);
      y = _ps_value_scale_to_y (scale, v);
      c = (int) floor (x);
      if (col.n > 0 && c == col.col)
        {
          col.lo = fmax (col.lo, y);
          col.hi = fmin (col.hi, y);
          col.last = y;
          col.n++;
        }
      else
        {
          ps_column_flush (&col, pts);
          col = (PsColumn) { c, 1, x, y, y, y, y };
        }
      prev_t = oi->t_ms[i];

      /* Zoomed out, the column's rows after i at once when nothing in them
       * breaks the line (ps-levels.h): their extremes and last, as the rows
       * one by one would give them. A column with a break goes row by row.
       * A column a frame before reduced from the same row is kept. */
      if (levels != NULL && anchored && i + 1 < last)
        {
          gint64 abs = (gint64) c - (gint64) p->plot.x + (gint64) shift;
          PsOiColumn *e = _ps_column_cache_find (cache, abs, i);
          guint j;

          if (e == NULL || e->head.j > last)
            {
              PsOiSpan span = { 0 };
              gboolean ok;

              j = _ps_render_column_end (oi->t_ms, axis, width, 0, i, last);
              /* The column a few ahead, where rows as dense as these put
               * it: its memory asked for while this one is reduced. */
              if ((guint64) j + (OI_PREFETCH_AHEAD - 1) * (guint64) (j - i) < last)
                {
                  guint a = j + (OI_PREFETCH_AHEAD - 1) * (j - i);

                  ps_oi_levels_prefetch (levels, oi, a, MIN (a + (j - i), last));
                }
              ok = j > i + 2 &&
                   (double) (oi->t_ms[i + 1] - oi->t_ms[i]) <= 1.5 * (double) spacing;
              if (ok)
                {
                  ps_oi_levels_reduce (levels, oi, i + 1, j, &span);
                  ok = (double) span.max_step <= 1.5 * (double) spacing;
                }
              if (j < last && (e = _ps_column_cache_add (cache, abs, i, j)) != NULL)
                *e = (PsOiColumn) { e->head, ok, span.min, span.max, span.last };
              if (!ok)
                continue;
              col.lo = fmax (col.lo, _ps_value_scale_to_y (scale, span.min));
              col.hi = fmin (col.hi, _ps_value_scale_to_y (scale, span.max));
              col.last = _ps_value_scale_to_y (scale, span.last);
            }
          else
            {
              j = e->head.j;
              if (!e->ok)
                continue;
              col.lo = fmax (col.lo, _ps_value_scale_to_y (scale, e->min));
              col.hi = fmin (col.hi, _ps_value_scale_to_y (scale, e->max));
              col.last = _ps_value_scale_to_y (scale, e->last);
            }
          col.n += j - i - 1;
          prev_t = oi->t_ms[j - 1];
          i = j - 1;
        }
    }
  if (cache != NULL)
    _ps_column_cache_put (ps_oi_levels_get_cache (levels), cache);

  ps_column_flush (&col, pts);
  ps_paint_oi_run (p, pts, scale);
}

void
ps_render_open_interest (cairo_t              *cr,
                         const PsRect         *rect,
                         PsTimeAxis           *axis,
                         const PsOpenInterest *open_interest,
                         const char           *title,
                         const PsChartStyle   *style)
{
  ps_render_open_interest_with_options (cr, rect, axis, open_interest, NULL, title, style);
}

/* Funding -------------------------------------------------------------------- */

static gboolean
ps_funding_visible (const PsFunding *funding,
                    PsTimeAxis      *axis,
                    guint           *first,
                    guint           *last,
                    gint64          *spacing)
{
  gint64 from_ms = ps_time_axis_get_from_ms (axis);
  gint64 to_ms = ps_time_axis_get_to_ms (axis);

  if (funding == NULL || funding->n == 0)
    return FALSE;

  /* Settlements every 8 h on most venues, 1 h or 4 h on some. */
  *spacing = _ps_render_spacing_near (funding->t_ms, funding->n, from_ms, 8 * 3600 * 1000);
  *first = ps_series_lower_bound (funding->t_ms, funding->n, from_ms - *spacing / 2);
  *last = ps_series_lower_bound (funding->t_ms, funding->n, to_ms + *spacing / 2);
  return *first < *last;
}

gboolean
ps_render_funding_scale (const PsRect       *rect,
                         PsTimeAxis         *axis,
                         const PsFunding    *funding,
                         const PsChartStyle *style,
                         PsValueScale       *scale)
{
  double lo = 0, hi = 0, m;
  gboolean any = FALSE;
  guint first, last;
  gint64 spacing;
  PsRect plot;

  g_return_val_if_fail (rect != NULL, FALSE);
  g_return_val_if_fail (PS_IS_TIME_AXIS (axis), FALSE);
  g_return_val_if_fail (style != NULL, FALSE);
  g_return_val_if_fail (scale != NULL, FALSE);

  if (!ps_funding_visible (funding, axis, &first, &last, &spacing))
    return FALSE;

  for (guint i = first; i < last; i++)
    {
      if (!isfinite (funding->rate[i]))
        continue;
      lo = fmin (lo, funding->rate[i]);
      hi = fmax (hi, funding->rate[i]);
      any = TRUE;
    }
  if (!any)
    return FALSE;

  /* Zero always in view, and each side at least a third of the other so
   * the zero line never sits on an edge. */
  m = fmax (-lo, hi);
  if (m == 0)
    m = 0.0001;
  lo = fmin (lo, -m / 3);
  hi = fmax (hi, m / 3);

  ps_render_get_plot_area (rect, style, &plot);
  _ps_render_value_scale_fit_low (scale, rect, &plot, style, lo, hi, 0.08);
  return TRUE;
}

/* A bar from the zero row (zero_y) to the rate, on whole pixels. */
static void
ps_funding_bar (PsPixels *px,
                double    left,
                double    width,
                double    zero_y,
                double    y)
{
  if (y < zero_y)
    _ps_pixels_box (px, left, y, width, zero_y - y);
  else if (y > zero_y)
    _ps_pixels_box (px, left, zero_y + 1, width, y - zero_y);
}

static void
ps_paint_funding_bars (PsPaint            *p,
                       PsTimeAxis         *axis,
                       const PsFunding    *f,
                       guint               first,
                       guint               last,
                       gint64              spacing,
                       const PsValueScale *scale,
                       double              zero_y)
{
  double spacing_px = (double) spacing * p->plot.width
                      / (double) (ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis));
  double bw = MAX (1, ps_round (spacing_px * 0.7));
  PsPixels px;

  _ps_pixels_begin (&px, p->cr);
  for (int pass = 0; pass < 2; pass++)
    {
      gboolean positive = pass == 0;
      int col_done = G_MININT;
      double col_extreme = 0;

      /* A column's bars may overlap: opaque colours only, straight. */
      _ps_pixels_set_color (&px, positive ? &p->style->funding_positive
                                          : &p->style->funding_negative, 1, TRUE);
      for (guint i = first; i < last; i++)
        {
          double r = f->rate[i], x, y;

          if (!isfinite (r) || r == 0 || (r > 0) != positive)
            continue;
          x = p->plot.x + ps_time_axis_to_x (axis, f->t_ms[i], p->plot.width);
          y = _ps_value_scale_to_y (scale, r);

          /* Zoomed out, a column keeps its largest rate of each sign. */
          if (spacing_px < 2)
            {
              int c = (int) floor (x);

              if (c == col_done && fabs (y - zero_y) <= col_extreme)
                continue;
              col_done = c;
              col_extreme = fabs (y - zero_y);
              ps_funding_bar (&px, c, 1, zero_y, ps_round (y));
              continue;
            }
          ps_funding_bar (&px, ps_round (x - bw / 2), bw, zero_y, ps_round (y));
        }
    }
  _ps_pixels_end (&px);
}

void
ps_render_funding (cairo_t            *cr,
                   const PsRect       *rect,
                   PsTimeAxis         *axis,
                   const PsFunding    *funding,
                   const char         *title,
                   const PsChartStyle *style)
{
  ps_render_funding_with_options (cr, rect, axis, funding, NULL, title, style);
}

/* The panes with options (ps-render-oi-extra.c, ps-render-funding-extra.c)
 * draw with these. */
gboolean
_ps_render_oi_visible (const PsOpenInterest *oi,
                       PsTimeAxis           *axis,
                       guint                *first,
                       guint                *last)
{
  return ps_open_interest_visible (oi, axis, first, last);
}

void
_ps_render_paint_oi_line (PsPaint              *p,
                          PsTimeAxis           *axis,
                          const PsOpenInterest *oi,
                          guint                 first,
                          guint                 last,
                          const PsValueScale   *scale)
{
  ps_paint_oi_line (p, axis, oi, first, last, scale);
}

gboolean
_ps_render_funding_visible (const PsFunding *funding,
                            PsTimeAxis      *axis,
                            guint           *first,
                            guint           *last,
                            gint64          *spacing)
{
  return ps_funding_visible (funding, axis, first, last, spacing);
}

void
_ps_render_paint_funding_bars (PsPaint            *p,
                               PsTimeAxis         *axis,
                               const PsFunding    *funding,
                               guint               first,
                               guint               last,
                               gint64              spacing,
                               const PsValueScale *scale,
                               double              zero_y)
{
  ps_paint_funding_bars (p, axis, funding, first, last, spacing, scale, zero_y);
}
