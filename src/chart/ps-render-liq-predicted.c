/* ps-render-liq-predicted.c: the model's predicted liquidations beside the
 * recorded ones in the liquidations pane, and their read-out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ps-render.h"
#include "ps-render-private.h"

/* Side by side, each half of a slot needs this much to read as a bar. */
/* Side by side only where the outlined bar is 3 px wide or more: narrower,
 * an outline is a solid line and reads as one more recorded bar. */
#define MIN_SPLIT_PX 7.0

static gint64
ps_floor_step (gint64 t_ms,
               gint64 step)
{
  gint64 rem = t_ms % step;

  return t_ms - (rem < 0 ? rem + step : rem);
}

static gboolean
ps_predicted_valid (const PsPredictedLiquidations *predicted)
{
  return predicted != NULL && predicted->n > 0 && predicted->t_ms != NULL &&
         predicted->long_usd != NULL && predicted->short_usd != NULL;
}

gboolean
_ps_render_predicted_in_view (const PsPredictedLiquidations *predicted,
                              PsTimeAxis                    *axis)
{
  if (!ps_predicted_valid (predicted))
    return FALSE;
  return ps_series_lower_bound (predicted->t_ms, predicted->n, ps_time_axis_get_from_ms (axis))
         < ps_series_lower_bound (predicted->t_ms, predicted->n, ps_time_axis_get_to_ms (axis));
}

gboolean
_ps_render_liq_bars_split (const PsLiqBars *bars)
{
  double bw = MAX (1, floor (bars->candle_px - MAX (1, bars->candle_px * 0.25)));

  return !bars->per_column && bw >= MIN_SPLIT_PX;
}

/* Rows [i, j)'s finite positive predictions, summed: from the running
 * sums where given. */
static void
ps_predicted_sum (const PsPredictedLiquidations *predicted,
                  guint                          i,
                  guint                          j,
                  double                        *l,
                  double                        *s)
{
  double sl = 0, ss = 0;

  if (predicted->long_sums != NULL && predicted->short_sums != NULL)
    {
      *l = predicted->long_sums[j] - predicted->long_sums[i];
      *s = predicted->short_sums[j] - predicted->short_sums[i];
      return;
    }
  for (guint r = i; r < j; r++)
    {
      double vl = predicted->long_usd[r], vs = predicted->short_usd[r];

      sl += isfinite (vl) && vl > 0 ? vl : 0;
      ss += isfinite (vs) && vs > 0 ? vs : 0;
    }
  *l = sl, *s = ss;
}

/* The same slots as like's (per candle of its step, or per pixel column),
 * each summing the model's candles that start in it. A slot's rows are
 * found by bisection and summed at once: zoomed out over a million model
 * candles, the slot arithmetic runs once a column, not once a row. */
void
_ps_render_liq_bars_predicted (PsLiqBars                     *bars,
                               const PsLiqBars               *like,
                               PsTimeAxis                    *axis,
                               const PsPredictedLiquidations *predicted,
                               double                         plot_width)
{
  gint64 from_ms = ps_time_axis_get_from_ms (axis), to_ms = ps_time_axis_get_to_ms (axis);
  gint64 step = like->step_ms;
  guint a, b, rows = 0;

  *bars = *like;
  bars->long_usd = g_new0 (double, MAX (bars->n, 1));
  bars->short_usd = g_new0 (double, MAX (bars->n, 1));
  bars->max_long = bars->max_short = bars->total_long = bars->total_short = 0;
  if (bars->n == 0 || !ps_predicted_valid (predicted))
    return;

  a = ps_series_lower_bound (predicted->t_ms, predicted->n, bars->t0_ms);
  b = ps_series_lower_bound (predicted->t_ms, predicted->n, ps_floor_step (to_ms, step) + step);
  for (guint i = a, j; i < b; i = j)
    {
      gint64 k;
      double l, s, rl, rs;

      j = _ps_render_liq_slot_rows (bars, axis, predicted->t_ms, i, b, plot_width, &k, &rows);
      ps_predicted_sum (predicted, i, j, &l, &s);
      if (predicted->t_ms[i] >= from_ms && predicted->t_ms[j - 1] < to_ms)
        bars->total_long += l, bars->total_short += s;
      else
        for (guint r = i; r < j; r++)
          if (predicted->t_ms[r] >= from_ms && predicted->t_ms[r] < to_ms)
            {
              ps_predicted_sum (predicted, r, r + 1, &rl, &rs);
              bars->total_long += rl, bars->total_short += rs;
            }
      if (k < 0 || k >= (gint64) bars->n)
        continue;
      bars->long_usd[k] += l;
      bars->short_usd[k] += s;
    }
  for (guint k = 0; k < bars->n; k++)
    {
      bars->max_long = fmax (bars->max_long, bars->long_usd[k]);
      bars->max_short = fmax (bars->max_short, bars->short_usd[k]);
    }
}

/* The side's colour half way to the text's: over bars of the side's own
 * colour, a line of it would vanish. */
static PsColor
ps_predicted_line_color (const PsChartStyle *style,
                         const PsColor      *side)
{
  return (PsColor) { (side->red + style->text.red) / 2, (side->green + style->text.green) / 2,
                     (side->blue + style->text.blue) / 2, 1 };
}

/* The y of usd on its side of zero, at least a pixel off it. */
static double
ps_predicted_y (const PsValueScale *scale,
                double              usd,
                int                 side,
                double              zero_y)
{
  if (side == PS_LIQ_SHORT)
    return MIN (ps_round (_ps_value_scale_to_y (scale, usd)), zero_y - 1);
  return MAX (ps_round (_ps_value_scale_to_y (scale, -usd)), zero_y + 2);
}

/* Outlined bars in the right half of each slot, a faint fill inside. */
static void
ps_paint_predicted_bars (PsPaint            *p,
                         PsTimeAxis         *axis,
                         const PsLiqBars    *bars,
                         const PsValueScale *scale,
                         double              zero_y,
                         int                 side)
{
  const double *usd = side == PS_LIQ_LONG ? bars->long_usd : bars->short_usd;
  const PsColor *color = side == PS_LIQ_LONG ? &p->style->liq_long : &p->style->liq_short;
  double full = MAX (1, floor (bars->candle_px - MAX (1, bars->candle_px * 0.25)));
  double bw;

  if (full >= 4 && fmod (full, 2) == 0)
    full--;
  bw = floor ((full - 1) / 2);
  for (guint k = 0; k < bars->n; k++)
    {
      gint64 mid = bars->t0_ms + (gint64) k * bars->step_ms + bars->step_ms / 2;
      double left, y, top, bottom;

      if (!(usd[k] > 0))
        continue;
      left = ps_round (p->plot.x + ps_time_axis_to_x (axis, mid, p->plot.width) - full / 2)
             + (full - bw);
      y = ps_predicted_y (scale, usd[k], side, zero_y);
      top = side == PS_LIQ_SHORT ? y : zero_y + 1;
      bottom = side == PS_LIQ_SHORT ? zero_y : y;
      cairo_rectangle (p->cr, left + 0.5, top + 0.5, bw - 1, MAX (bottom - top - 1, 0));
    }
  _ps_render_set_color_alpha (p->cr, color, 0.18);
  cairo_fill_preserve (p->cr);
  _ps_render_set_color (p->cr, color);
  cairo_stroke (p->cr);
}

/* Half the step line's width. */
#define STEP_HALF_LINE 0.75

/* Boxes one pixel wide: x, first row, rows. Pushed a few thousand times a
 * frame, so inline (g_array_append_vals () was an eighth of the line). */
typedef struct
{
  int   *b;
  guint  len;
  guint  size;
} PsColumnBoxes;

static inline void
ps_column_boxes_push (PsColumnBoxes *l,
                      int            x,
                      int            y,
                      int            rows)
{
  if (G_UNLIKELY (l->len == l->size))
    {
      l->size = MAX (64, 2 * l->size);
      l->b = g_renew (int, l->b, 3 * (gsize) l->size);
    }
  l->b[3 * l->len] = x, l->b[3 * l->len + 1] = y, l->b[3 * l->len + 2] = rows;
  l->len++;
}

/* How much of pixel row r [r, r + 1) lies in [y0, y1]. */
static inline double
ps_row_overlap (double y0,
                double y1,
                int    r)
{
  return MAX (0, MIN (y1, r + 1) - MAX (y0, r));
}

/* Rows [y, y + rows) of column x at a coverage of eighths: in its shade
 * where the pixels are written straight (shades), else as a solid box when
 * whole, or into partial[eighths]. */
static inline void
ps_steps_run (PsPixels      *solid,
              PsColumnBoxes  partial[8],
              const guint32 *shades,
              int            x,
              int            y,
              int            rows,
              int            eighths)
{
  if (shades != NULL)
    _ps_pixels_column (solid, x, y, rows, shades[MIN (eighths, 8)]);
  else if (eighths >= 8)
    _ps_pixels_box (solid, x, y, 1, rows);
  else if (eighths > 0)
    ps_column_boxes_push (&partial[eighths], x, y, rows);
}

/* One pixel column x of the step line, whose step is at y, the previous
 * one at prev and the next at next (rows' middles, y growing down): the
 * area the stroked line covers in each pixel, in eighths. The stroke's
 * vertical at the column's left edge covers its left three quarters over
 * [prev, y] (half the line beyond each end), the next one its right three
 * quarters over [y, next], and the step itself (inside both) all of it: so
 * the left quarter is covered over the left vertical's span, the right
 * quarter over the right one's, the middle half over their union. A run
 * of rows of the same coverage at a time: written at once in its shade
 * where the pixels are written straight (shades), else whole rows as solid
 * boxes, partly covered ones into partial[eighths] (x, first row, rows). */
static void
ps_steps_column (PsPixels      *solid,
                 PsColumnBoxes  partial[8],
                 const guint32 *shades,
                 int            x,
                 double         prev,
                 double         y,
                 double         next)
{
  double l0 = MIN (prev, y) - STEP_HALF_LINE, l1 = MAX (prev, y) + STEP_HALF_LINE;
  double r0 = MIN (y, next) - STEP_HALF_LINE, r1 = MAX (y, next) + STEP_HALF_LINE;
  double u0 = MIN (l0, r0), u1 = MAX (l1, r1);
  const double edges[] = { l0, l1, r0, r1 };
  int run = G_MININT, run_eighths = 0, end = (int) ceil (u1) + 1, r = (int) floor (u0);

  /* Coverage changes only at the rows holding an edge: between them each
   * range covers a row wholly or not at all. So it is taken at the first
   * row of each stretch up to the next such row (the value each row of it
   * would give), not row by row down a tall step. */
  while (r <= end)
    {
      int eighths = 0, stop = end;

      for (guint k = 0; k < G_N_ELEMENTS (edges); k++)
        {
          int e = (int) floor (edges[k]);

          if (e > r && e < stop)
            stop = e;
          if (e + 1 > r && e + 1 < stop)
            stop = e + 1;
        }
      if (r < end)
        {
          double cover = 0.25 * ps_row_overlap (l0, l1, r) + 0.25 * ps_row_overlap (r0, r1, r)
                         + 0.5 * ps_row_overlap (u0, u1, r);

          eighths = (int) ps_round (cover * 8);
        }
      if (eighths != run_eighths || run == G_MININT)
        {
          if (run != G_MININT)
            ps_steps_run (solid, partial, shades, x, run, r - run, run_eighths);
          run = r, run_eighths = eighths;
        }
      r = r < end ? stop : end + 1;
    }
}

static gint ps_step_rows_disabled;

void
_ps_render_set_step_rows_enabled (gboolean enabled)
{
  g_atomic_int_set (&ps_step_rows_disabled, !enabled);
}

/* How much of row r a vertical from the middle of row lo to that of row hi
 * covers, in quarters: rows lo–hi wholly, the one past each end a quarter
 * (the line's half width, 0.75, reaches a quarter into it). */
static inline int
ps_vertical_quarters (int lo,
                      int hi,
                      int r)
{
  /* Without branches (a zigzag's rows take either side at random): rows
   * lo − 1 to hi + 1 count one, lo to hi three more (lo ≤ hi, all far
   * inside int's range). */
  guint inside = (guint) (r - lo) <= (guint) (hi - lo);
  guint near = (guint) (r - lo + 1) <= (guint) (hi - lo + 2);

  return (int) (3 * inside + near);
}

/* The two verticals of a column's step line, from the previous step's row
 * to this one's and from this one's to the next's, and their union. */
typedef struct
{
  int l_lo, l_hi, r_lo, r_hi, u_lo, u_hi;
} PsStepVerticals;

static inline PsStepVerticals
ps_step_verticals (int prev,
                   int y,
                   int next)
{
  PsStepVerticals v = { MIN (prev, y), MAX (prev, y), MIN (y, next), MAX (y, next), 0, 0 };

  v.u_lo = MIN (v.l_lo, v.r_lo), v.u_hi = MAX (v.l_hi, v.r_hi);
  return v;
}

/* Row r's coverage in eighths (below). */
static inline int
ps_step_eighths (const PsStepVerticals *v,
                 int                    r)
{
  return ps_vertical_quarters (v->u_lo, v->u_hi, r)
         + (ps_vertical_quarters (v->l_lo, v->l_hi, r)
            + ps_vertical_quarters (v->r_lo, v->r_hi, r) + 1) / 2;
}

/* ps_steps_column () where the steps are at rows' middles (prev, y and next
 * each row + 0.5, as they always are but for a step off the scale): the
 * same coverage counted in whole numbers. The left vertical covers rows
 * [lo − 1, hi + 1] of its rows lo–hi in quarters, the right one and the
 * union theirs; eighths = (left + right)/2 + union, a half rounded up as
 * ps_round () does. It changes only at a vertical's ends, so it is taken
 * there (eight rows at most) rather than found by measuring the edges.
 * Through boxes (cairo's target or partial[]); written straight, the
 * column goes to ps_steps_column_shaded (). */
static void
ps_steps_column_rows (PsPixels      *solid,
                      PsColumnBoxes  partial[8],
                      int            x,
                      int            prev,
                      int            y,
                      int            next)
{
  PsStepVerticals v = ps_step_verticals (prev, y, next);
  /* The union's ends are among the two verticals': the rows where the
   * coverage may change are these eight, each list in order. */
  const int left[4] = { v.l_lo - 1, v.l_lo, v.l_hi + 1, v.l_hi + 2 };
  const int right[4] = { v.r_lo - 1, v.r_lo, v.r_hi + 1, v.r_hi + 2 };
  int i = 0, j = 0, run = G_MININT, run_eighths = 0, last = G_MININT;

  while (i < 4 || j < 4)
    {
      int r = j == 4 || (i < 4 && left[i] <= right[j]) ? left[i++] : right[j++];
      int eighths;

      if (r == last)
        continue;
      last = r;
      eighths = ps_step_eighths (&v, r);
      if (eighths != run_eighths || run == G_MININT)
        {
          if (run != G_MININT)
            ps_steps_run (solid, partial, NULL, x, run, r - run, run_eighths);
          run = r, run_eighths = eighths;
        }
    }
}

#ifdef __SSE2__
/* ps_vertical_quarters () of eight rows r (16-bit lanes) at once. */
static inline __m128i
ps_vertical_quarters8 (__m128i r,
                       __m128i lo,
                       __m128i hi)
{
  const __m128i one = _mm_set1_epi16 (1), three = _mm_set1_epi16 (3);
  __m128i out = _mm_or_si128 (_mm_cmpgt_epi16 (lo, r), _mm_cmpgt_epi16 (r, hi));
  __m128i far = _mm_or_si128 (_mm_cmpgt_epi16 (_mm_sub_epi16 (lo, one), r),
                              _mm_cmpgt_epi16 (r, _mm_add_epi16 (hi, one)));

  return _mm_add_epi16 (_mm_andnot_si128 (out, three), _mm_andnot_si128 (far, one));
}
#endif

/* ps_steps_column_rows () where the pixels are written straight: each row's
 * eighths counted (the same sum) into k, the column written at once in
 * their shades, rows outside [lo, hi) left out. A column's few runs are
 * ~2.5 rows each at a zoomed-out pane's zigzag, so one pass down the column
 * costs less than a write a run. k has room for hi − lo + 8 rows. */
static void
ps_steps_column_shaded (PsPixels      *px,
                        const guint32  shades[9],
                        guint8        *k,
                        int            lo,
                        int            hi,
                        int            x,
                        int            prev,
                        int            y,
                        int            next)
{
  PsStepVerticals v = ps_step_verticals (prev, y, next);
  int from = MAX (v.u_lo - 1, lo), to = MIN (v.u_hi + 2, hi), r = from;

  if (from >= to)
    return;
#ifdef __SSE2__
  /* Eight rows at a time in 16-bit lanes, counted from the first: each end
   * brought within two rows of the run first, which changes no row's
   * count in it (a pane is far shorter than 2^15 rows). */
  if (to - from < G_MAXINT16 - 4)
    {
      int n = to - from;
#define REL(end) ((short) CLAMP ((end) - from, -2, n + 1))
      const __m128i ul = _mm_set1_epi16 (REL (v.u_lo)), uh = _mm_set1_epi16 (REL (v.u_hi));
      const __m128i ll = _mm_set1_epi16 (REL (v.l_lo)), lh = _mm_set1_epi16 (REL (v.l_hi));
      const __m128i rl = _mm_set1_epi16 (REL (v.r_lo)), rh = _mm_set1_epi16 (REL (v.r_hi));
#undef REL
      const __m128i one = _mm_set1_epi16 (1), lanes = _mm_setr_epi16 (0, 1, 2, 3, 4, 5, 6, 7);

      for (int i = 0; i < n; i += 8)
        {
          __m128i row = _mm_add_epi16 (_mm_set1_epi16 ((short) i), lanes);
          __m128i e = _mm_add_epi16 (ps_vertical_quarters8 (row, ll, lh),
                                     ps_vertical_quarters8 (row, rl, rh));

          e = _mm_add_epi16 (ps_vertical_quarters8 (row, ul, uh),
                             _mm_srli_epi16 (_mm_add_epi16 (e, one), 1));
          _mm_storel_epi64 ((__m128i *) (gpointer) (k + i), _mm_packus_epi16 (e, e));
        }
      r = to;
    }
#endif
  for (; r < to; r++)
    k[r - from] = (guint8) ps_step_eighths (&v, r);
  _ps_pixels_column_shaded (px, x, from, to - from, k, shades);
}

/* Whether v is a row's middle, the row small enough to count in an int. */
static inline gboolean
ps_row_middle (double v,
               int   *row)
{
  if (!(fabs (v) < G_MAXINT / 2) || v - floor (v) != 0.5)
    return FALSE;
  *row = (int) floor (v);
  return TRUE;
}

/* The step line a pixel column a slot, as the stroke would cover the
 * pixels but in whole-pixel boxes: cairo strokes the ~3,700 steps of a
 * zoomed-out pane in 3–4 ms a side, the boxes cost a fraction of that
 * (written straight into an image surface's pixels, ps-render-pixels.c).
 * Coverage is kept in eighths, so the line looks the same, a shade crisper. */
static void
ps_paint_predicted_steps_dense (PsPaint            *p,
                                const PsLiqBars    *bars,
                                const PsValueScale *scale,
                                double              zero_y,
                                int                 side,
                                const PsColor      *color)
{
  const double *usd = side == PS_LIQ_LONG ? bars->long_usd : bars->short_usd;
  double base = side == PS_LIQ_SHORT ? zero_y - 0.5 : zero_y + 1.5, prev = base, y, next;
  /* The partly covered boxes by their coverage, each drawn in its shade
   * (when not written at once). */
  PsColumnBoxes partial[8] = { { NULL } };
  guint32 shades[9];
  gboolean direct, rows = !g_atomic_int_get (&ps_step_rows_disabled);
  g_autofree guint8 *coverage = NULL;
  int lo = 0, hi = 0;
  PsPixels px;

#define STEP_Y(k) (usd[k] > 0 ? ps_predicted_y (scale, usd[k], side, zero_y) + 0.5 : base)
  _ps_pixels_begin (&px, p->cr);
  /* Runs in view of each other never overlap: each pixel is blended once,
   * in the shade its coverage gives, as the boxes would be. */
  direct = _ps_pixels_shades (&px, color, shades);
  _ps_pixels_set_color (&px, color, 1, TRUE);
  if (direct)
    {
      _ps_pixels_user_rows (&px, &lo, &hi);
      coverage = g_new (guint8, MAX (hi - lo, 0) + 8);
    }
  y = STEP_Y (0);
  for (guint k = 0; k < bars->n; k++)
    {
      /* The line ends with the last step: nothing right of it. */
      int x = (int) p->plot.x + (int) k, rp, ry, rn;

      next = k + 1 < bars->n ? STEP_Y (k + 1) : y;
      /* Counted in rows where the steps are at rows' middles, else
       * measured by the edges: the same pixels either way. */
      if (rows && ps_row_middle (prev, &rp) && ps_row_middle (y, &ry) &&
          ps_row_middle (next, &rn))
        {
          if (direct)
            ps_steps_column_shaded (&px, shades, coverage, lo, hi, x, rp, ry, rn);
          else
            ps_steps_column_rows (&px, partial, x, rp, ry, rn);
        }
      else
        ps_steps_column (&px, partial, direct ? shades : NULL, x, prev, y, next);
      prev = y, y = next;
    }
#undef STEP_Y
  for (int eighths = 1; eighths < 8; eighths++)
    {
      const int *b = partial[eighths].b;

      if (partial[eighths].len > 0)
        _ps_pixels_set_color (&px, color, eighths / 8.0, FALSE);
      for (guint i = 0; i < partial[eighths].len; i++, b += 3)
        _ps_pixels_box (&px, b[0], b[1], 1, b[2]);
      g_free (partial[eighths].b);
    }
  _ps_pixels_end (&px);
}

/* A step line over the slots: each slot's value across its width, joined
 * to the next; zero where the model saw nothing. */
static void
ps_paint_predicted_steps (PsPaint            *p,
                          PsTimeAxis         *axis,
                          const PsLiqBars    *bars,
                          const PsValueScale *scale,
                          double              zero_y,
                          int                 side,
                          gboolean            shade)
{
  const double *usd = side == PS_LIQ_LONG ? bars->long_usd : bars->short_usd;
  const PsColor *side_color = side == PS_LIQ_LONG ? &p->style->liq_long : &p->style->liq_short;
  PsColor color = shade ? ps_predicted_line_color (p->style, side_color) : *side_color;
  double base = side == PS_LIQ_SHORT ? zero_y - 0.5 : zero_y + 1.5;
  gboolean drawing = FALSE;

  if (bars->per_column && bars->n > 0)
    {
      ps_paint_predicted_steps_dense (p, bars, scale, zero_y, side, &color);
      return;
    }
  for (guint k = 0; k < bars->n; k++)
    {
      double x0, x1, y;

      if (bars->per_column)
        x0 = p->plot.x + k, x1 = x0 + 1;
      else
        {
          gint64 t = bars->t0_ms + (gint64) k * bars->step_ms;

          x0 = ps_round (p->plot.x + ps_time_axis_to_x (axis, t, p->plot.width));
          x1 = ps_round (p->plot.x + ps_time_axis_to_x (axis, t + bars->step_ms, p->plot.width));
        }
      y = usd[k] > 0 ? ps_predicted_y (scale, usd[k], side, zero_y) + 0.5 : base;
      if (!drawing)
        cairo_move_to (p->cr, x0, base);
      cairo_line_to (p->cr, x0, y);
      cairo_line_to (p->cr, x1, y);
      drawing = TRUE;
    }
  if (!drawing)
    return;
  cairo_set_line_width (p->cr, 1.5);
  cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_MITER);
  _ps_render_set_color (p->cr, &color);
  cairo_stroke (p->cr);
  cairo_set_line_width (p->cr, 1);
}

void
_ps_render_paint_liq_predicted (PsPaint            *p,
                                PsTimeAxis         *axis,
                                const PsLiqBars    *predicted,
                                const PsValueScale *scale,
                                double              zero_y,
                                gboolean            over_recorded)
{
  for (int side = 0; side < 2; side++)
    {
      if (_ps_render_liq_bars_split (predicted))
        ps_paint_predicted_bars (p, axis, predicted, scale, zero_y, side);
      else
        ps_paint_predicted_steps (p, axis, predicted, scale, zero_y, side, over_recorded);
    }
}

void
_ps_render_paint_liq_compared_legend (PsPaint         *p,
                                      const PsRect    *row,
                                      const PsLiqBars *recorded,
                                      const PsLiqBars *predicted)
{
  g_autofree char *rl = ps_format_usd_compact (recorded != NULL ? recorded->total_long : 0);
  g_autofree char *rs = ps_format_usd_compact (recorded != NULL ? recorded->total_short : 0);
  g_autofree char *pl = ps_format_usd_compact (predicted->total_long);
  g_autofree char *ps = ps_format_usd_compact (predicted->total_short);
  /* TRANSLATORS: USD of longs and shorts liquidated in view */
  g_autofree char *rec = g_strdup_printf (_("recorded %s · %s"), rl, rs);
  g_autofree char *pred = g_strdup_printf (_("predicted (model) %s · %s"), pl, ps);
  const PsColor *lc = &p->style->liq_long, *sc = &p->style->liq_short, *dim = &p->style->text_dim;
  const PsLegendItem variants[][4] = {
    { { lc, FALSE, _("Longs") }, { sc, FALSE, _("Shorts") },
      { dim, FALSE, rec }, { dim, FALSE, pred, TRUE } },
    { { lc, FALSE, _("Longs") }, { sc, FALSE, _("Shorts") },
      { dim, FALSE, _("recorded") }, { dim, FALSE, _("predicted (model)"), TRUE } },
    /* Translators: legend: solid bars are liquidations recorded live, outlined ones those the
     * heatmap model predicts */
    { { dim, FALSE, _("recorded") }, { dim, FALSE, _("predicted (model)"), TRUE } },
    { { dim, FALSE, _("recorded") }, { dim, FALSE, _("predicted"), TRUE } },
  };
  const PsLegendItem alone[][3] = {
    { { lc, FALSE, _("Longs") }, { sc, FALSE, _("Shorts") }, { dim, FALSE, pred, TRUE } },
    { { lc, FALSE, _("Longs") }, { sc, FALSE, _("Shorts") },
      { dim, FALSE, _("predicted (model)"), TRUE } },
    { { dim, FALSE, _("predicted (model)"), TRUE } },
  };
  static const guint n_items[] = { 4, 4, 2, 2 };
  static const guint n_alone[] = { 3, 3, 1 };

  /* Nothing recorded to compare with: no "recorded $0", which would read as
   * a quiet market. */
  if (recorded == NULL)
    {
      for (guint v = 0; v < G_N_ELEMENTS (alone); v++)
        if (_ps_render_paint_legend (p, row, alone[v], n_alone[v]))
          return;
      return;
    }
  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    if (_ps_render_paint_legend (p, row, variants[v], n_items[v]))
      return;
}

char *
ps_render_predicted_readout (const PsPredictedLiquidations *predicted,
                             PsInterval                     interval,
                             gint64                         t_ms)
{
  gint64 step = _ps_render_liq_step_ms (interval), from_ms = ps_floor_step (t_ms, step);
  g_autofree char *l = NULL;
  g_autofree char *s = NULL;
  double sums[2] = { 0, 0 };

  g_return_val_if_fail (predicted != NULL, NULL);

  if (ps_predicted_valid (predicted))
    {
      guint a = ps_series_lower_bound (predicted->t_ms, predicted->n, from_ms);
      guint b = ps_series_lower_bound (predicted->t_ms, predicted->n, from_ms + step);

      for (guint i = a; i < b; i++)
        {
          sums[0] += isfinite (predicted->long_usd[i]) ? fmax (predicted->long_usd[i], 0) : 0;
          sums[1] += isfinite (predicted->short_usd[i]) ? fmax (predicted->short_usd[i], 0) : 0;
        }
    }
  l = ps_format_usd_compact (sums[0]);
  s = ps_format_usd_compact (sums[1]);
  /* TRANSLATORS: USD of long and short positions the model says were liquidated in a candle */
  return g_strdup_printf (_("Predicted (model): longs %s · shorts %s"), l, s);
}

PsPredictedLiquidations
ps_predicted_liquidations_from_heatmap (const PsHeatmap *heatmap)
{
  return (PsPredictedLiquidations) {
    ps_heatmap_get_candle_t (heatmap),
    ps_heatmap_get_predicted (heatmap, PS_LIQ_LONG),
    ps_heatmap_get_predicted (heatmap, PS_LIQ_SHORT),
    ps_heatmap_get_n_candles (heatmap),
    ps_heatmap_get_predicted_sums (heatmap, PS_LIQ_LONG),
    ps_heatmap_get_predicted_sums (heatmap, PS_LIQ_SHORT),
  };
}
