/* ps-render-heatmap.c: the heatmap image, built once per grid and placed
 * per frame (its legend and the hot zones: ps-render-heat-labels.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-render-heatmap.h"
#include "ps-render-private.h"

/* The colour follows the square root of USD over the fullest cell: a
 * cluster a quarter of the largest is half way up, so mid clusters show,
 * yet the book's spread-out rest stays faint (a log scale washed the whole
 * plot in colour). Cells under this root, a hundredth of the largest, are
 * not drawn. */
#define HEAT_FLOOR 0.1
/* Cairo's image limit is 32767; past this the image is pooled anyway. */
#define MAX_SIDE 4096
/* Pooling levels kept: zooming back and forth over a boundary builds none. */
#define N_CACHED 3

/* Image columns [first, last), each step_ms wide from t0_ms: one pattern
 * matrix places them all. Columns of other widths (a gap in the data, a
 * shorter last group) start a new run. */
typedef struct
{
  guint  first;
  guint  last;
  gint64 t0_ms;
  gint64 step_ms;
} PsHeatRun;

typedef struct
{
  guint            fx, fy;     /* grid columns and bins per pixel of the image */
  cairo_surface_t *surface;    /* NULL: an empty slot */
  GArray          *runs;       /* PsHeatRun */
  guint64          used;       /* for evicting the least recently used */
  gboolean         stale;      /* of an earlier grid: its memory is reused */
} PsHeatLevel;

struct _PsHeatmapImage
{
  guint        n_columns;
  guint        n_bins;
  double       price_lo;
  double       price_hi;
  double       max_usd;
  gint64      *t_ms;           /* n_columns + 1: the columns' starts, then the end */
  guint8      *levels;         /* column-major, 0: transparent, 1–255: the scale */

  PsColor      heat[PS_HEAT_STOPS];   /* the stops the images were built with */
  double       opacity;               /* and the opacity */
  PsColor      background;            /* and the background they are blended over if opaque */
  gboolean     opaque;                /* so: every pixel of the images is */
  guint32      lut[256];              /* premultiplied ARGB of each level, at the opacity */
  PsHeatLevel  cache[N_CACHED];
  guint64      clock;
  guint        n_builds;
  guint        n_grids;
};

/* Levels ------------------------------------------------------------------- */

static void
ps_heat_level_clear (PsHeatLevel *level)
{
  g_clear_pointer (&level->surface, cairo_surface_destroy);
  g_clear_pointer (&level->runs, g_array_unref);
}

static void
ps_heatmap_image_clear_cache (PsHeatmapImage *self)
{
  for (guint i = 0; i < N_CACHED; i++)
    ps_heat_level_clear (&self->cache[i]);
}

/* A new grid of the same shape (the live candle, a new candle at 2,048
 * columns) is drawn into the images already there: fresh memory is most of
 * a build's cost, in page faults. A paint recorded earlier (a GskCairoNode)
 * is safe: cairo copies a surface it holds a snapshot of before
 * cairo_surface_flush () lets us write. */
static void
ps_heatmap_image_mark_stale (PsHeatmapImage *self)
{
  for (guint i = 0; i < N_CACHED; i++)
    self->cache[i].stale = TRUE;
}

PsHeatmapImage *
ps_heatmap_image_new (void)
{
  return g_new0 (PsHeatmapImage, 1);
}

void
ps_heatmap_image_free (PsHeatmapImage *self)
{
  if (self == NULL)
    return;

  ps_heatmap_image_clear_cache (self);
  g_free (self->t_ms);
  g_free (self->levels);
  g_free (self);
}

/* Where usd sits on the colour scale, 0–1; negative under its floor. */
static inline double
ps_heat_position_of (double usd,
                     double max_usd)
{
  return (sqrt (usd / max_usd) - HEAT_FLOOR) / (1 - HEAT_FLOOR);
}

double
_ps_render_heat_position (double usd,
                          double max_usd)
{
  return CLAMP (ps_heat_position_of (usd, max_usd), 0, 1);
}

double
_ps_render_heat_floor (void)
{
  return HEAT_FLOOR;
}

/* 1–255 along the scale, 0 under its floor (and for NAN). */
static inline guint8
ps_heat_level_of (float  usd,
                  double max_usd)
{
  double u;

  if (!(usd > 0))
    return 0;
  u = ps_heat_position_of (usd, max_usd);
  if (!(u >= 0))
    return 0;
  return (guint8) (1 + MIN (u, 1) * 254 + 0.5);
}

/* ps_heat_level_of () for a whole grid, in float and without a branch, so
 * the compiler can vectorise it: a NAN or negative sum fails v > 0 and
 * becomes 0, under the floor. */
static void
ps_heat_levels_fill (guint8      *levels,
                     const float *long_usd,
                     const float *short_usd,
                     gsize        n,
                     double       max_usd)
{
  const float a = (float) (254 / ((1 - HEAT_FLOOR) * sqrt (max_usd)));
  const float b = (float) (1 - 254 * HEAT_FLOOR / (1 - HEAT_FLOOR));

  for (gsize i = 0; i < n; i++)
    {
      float v = long_usd[i] + short_usd[i];
      float l;

      v = v > 0 ? v : 0;
      l = a * sqrtf (v) + b + 0.5f;
      l = l < 1.5f ? 0 : l > 255 ? 255 : l;
      levels[i] = (guint8) l;
    }
}

void
ps_heatmap_image_set_grid (PsHeatmapImage      *self,
                           const PsHeatmapGrid *grid)
{
  gsize n;
  double max = 0;

  g_return_if_fail (self != NULL);

  self->n_grids++;
  ps_heatmap_image_mark_stale (self);
  g_clear_pointer (&self->t_ms, g_free);
  g_clear_pointer (&self->levels, g_free);
  self->n_columns = self->n_bins = 0;
  self->max_usd = 0;

  /* A grid that cannot be placed draws nothing rather than something wrong. */
  if (grid == NULL || grid->n_columns == 0 || grid->n_bins == 0 || grid->t_ms == NULL ||
      grid->long_usd == NULL || grid->short_usd == NULL ||
      !isfinite (grid->price_lo) || !isfinite (grid->price_hi) ||
      !(grid->price_hi > grid->price_lo))
    return;

  n = (gsize) grid->n_columns * grid->n_bins;
  for (gsize i = 0; i < n; i++)
    {
      double v = (double) grid->long_usd[i] + grid->short_usd[i];

      if (isfinite (v) && v > max)
        max = v;
    }
  if (!(max > 0))
    return;

  self->n_columns = grid->n_columns;
  self->n_bins = grid->n_bins;
  self->price_lo = grid->price_lo;
  self->price_hi = grid->price_hi;
  self->max_usd = max;
  self->t_ms = g_new (gint64, grid->n_columns + 1);
  memcpy (self->t_ms, grid->t_ms, grid->n_columns * sizeof (gint64));
  self->t_ms[grid->n_columns] = grid->end_ms;
  self->levels = g_new (guint8, n);
  ps_heat_levels_fill (self->levels, grid->long_usd, grid->short_usd, n, max);
}

gboolean
ps_heatmap_image_is_empty (const PsHeatmapImage *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->levels == NULL;
}

double
ps_heatmap_image_get_max_usd (const PsHeatmapImage *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->max_usd;
}

guint
ps_heatmap_image_get_n_builds (const PsHeatmapImage *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_builds;
}

guint
ps_heatmap_image_get_n_grids (const PsHeatmapImage *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_grids;
}

/* Colours ------------------------------------------------------------------ */

/* The scale at t in [0, 1], straight between the style's stops. */
static PsColor
ps_heat_color_at (const PsColor *stops,
                  double         t)
{
  double seg = CLAMP (t, 0, 1) * (PS_HEAT_STOPS - 1), f;
  int i = MIN ((int) seg, PS_HEAT_STOPS - 2);
  const PsColor *a = &stops[i], *b = &stops[i + 1];

  f = seg - i;
  return (PsColor) { a->red + (b->red - a->red) * f, a->green + (b->green - a->green) * f,
                     a->blue + (b->blue - a->blue) * f, a->alpha + (b->alpha - a->alpha) * f };
}

PsColor
ps_heatmap_color (const PsChartStyle *style,
                  double              usd,
                  double              max_usd)
{
  guint8 level;

  g_return_val_if_fail (style != NULL, ((PsColor) { 0, 0, 0, 0 }));

  level = max_usd > 0 ? ps_heat_level_of (usd, max_usd) : 0;
  if (level == 0)
    return (PsColor) { 0, 0, 0, 0 };
  return ps_heat_color_at (style->heat, (level - 1) / 254.);
}

/* A new style (light to dark) drops the images: they hold its colours.
 * They hold the opacity too, so that a frame is a plain paint (pixman's
 * nearest-scaled OVER) and not a paint through a mask of that alpha (its
 * general path: twice the time); a new opacity (the slider) draws them
 * again into the same memory. Over an opaque background they hold each
 * level already blended over it, as pixman would blend it: opaque pixels,
 * which pixman's OVER stores without reading what is under them (the price
 * pane draws its grid over the layer, not under it). A new background draws
 * them again like a new opacity. */
static void
ps_heatmap_image_use_style (PsHeatmapImage     *self,
                            const PsChartStyle *style,
                            double              opacity)
{
  guint32 under;

  if (self->lut[255] != 0 && memcmp (self->heat, style->heat, sizeof self->heat) == 0 &&
      self->opacity == opacity &&
      memcmp (&self->background, &style->background, sizeof self->background) == 0)
    return;

  if (self->lut[255] != 0 && memcmp (self->heat, style->heat, sizeof self->heat) == 0)
    ps_heatmap_image_mark_stale (self);
  else
    ps_heatmap_image_clear_cache (self);
  memcpy (self->heat, style->heat, sizeof self->heat);
  self->opacity = opacity;
  self->background = style->background;
  under = style->background.alpha >= 1 ? _ps_pixels_of_color (&style->background) : 0;
  self->opaque = under != 0;
  self->lut[0] = under;
  for (guint l = 1; l < 256; l++)
    {
      PsColor c = ps_heat_color_at (style->heat, (l - 1) / 254.);
      double a = CLAMP (c.alpha, 0, 1) * opacity;

      self->lut[l] = ((guint32) ps_round (a * 255) << 24) |
                     ((guint32) ps_round (c.red * a * 255) << 16) |
                     ((guint32) ps_round (c.green * a * 255) << 8) |
                     (guint32) ps_round (c.blue * a * 255);
      if (under != 0)
        self->lut[l] = _ps_pixels_blend (self->lut[l], under);
    }
  self->lut[255] |= 1;   /* never 0: marks the table as built */
}

/* The image ---------------------------------------------------------------- */

static GArray *
ps_heat_runs (const PsHeatmapImage *self,
              guint                 fx,
              guint                 width)
{
  GArray *runs = g_array_new (FALSE, FALSE, sizeof (PsHeatRun));

  for (guint j = 0; j < width; j++)
    {
      gint64 t0 = self->t_ms[(gsize) j * fx];
      gint64 t1 = self->t_ms[MIN ((gsize) (j + 1) * fx, self->n_columns)];
      PsHeatRun *last = runs->len > 0 ? &g_array_index (runs, PsHeatRun, runs->len - 1) : NULL;

      if (t1 <= t0)
        continue;   /* not in time order: not drawn */
      if (last != NULL && last->last == j && last->step_ms == t1 - t0 &&
          last->t0_ms + (gint64) (j - last->first) * last->step_ms == t0)
        last->last = j + 1;
      else
        g_array_append_val (runs, ((PsHeatRun) { j, j + 1, t0, t1 - t0 }));
    }
  return runs;
}

/* Levels of image column j, top row first, into out (height of them): the
 * fullest cell of fx columns and fy bins each (a partial block is the
 * bottom row). */
static void
ps_heat_pool_column (const PsHeatmapImage *self,
                     guint                 j,
                     guint                 fx,
                     guint                 fy,
                     guint8               *out,
                     guint                 height)
{
  guint nb = self->n_bins, c1 = MIN ((j + 1) * fx, self->n_columns);

  memset (out, 0, height);
  for (guint c = j * fx; c < c1; c++)
    {
      const guint8 *col = self->levels + (gsize) c * nb;
      guint8 *row = out;
      guint b = nb;

      /* Bin b goes to row (nb - 1 - b) / fy: from the top bin down, fy
       * bins a row, without a division per bin. */
      while (b >= fy)
        {
          guint8 m = *row;

          for (guint k = 0; k < fy; k++)
            {
              b--;
              m = MAX (m, col[b]);
            }
          *row++ = m;
        }
      while (b > 0)
        {
          b--;
          *row = MAX (*row, col[b]);
        }
    }
}

/* The grid is column-major and the image row-major: written in tiles of
 * TILE columns, so neither side's reads or writes stride through memory
 * one cache line per pixel (a quarter of the build time). */
#define TILE 32

static const cairo_user_data_key_t ps_heat_data_key;

/* An image surface whose pixels are on huge pages when it is large enough
 * (ps_series_realloc_column ()): a first heatmap of ~2,000 × 1,000 pixels
 * was ~1,900 page faults of 4 KiB, a sixth of the first frame. */
static cairo_surface_t *
ps_heat_surface_new (guint width,
                     guint height)
{
  int stride = cairo_format_stride_for_width (CAIRO_FORMAT_ARGB32, (int) width);
  cairo_surface_t *surface;
  guchar *data;

  if (stride <= 0)
    return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
  data = ps_series_realloc_column (NULL, MAX ((gsize) stride * height, 1));
  surface = cairo_image_surface_create_for_data (data, CAIRO_FORMAT_ARGB32, (int) width,
                                                 (int) height, stride);
  if (cairo_surface_set_user_data (surface, &ps_heat_data_key, data, g_free) !=
      CAIRO_STATUS_SUCCESS)
    {
      /* Out of memory: cairo's own, which says so in its status. */
      cairo_surface_destroy (surface);
      g_free (data);
      return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) width, (int) height);
    }
  return surface;
}

static void
ps_heat_level_build (PsHeatmapImage *self,
                     PsHeatLevel    *level,
                     guint           fx,
                     guint           fy)
{
  guint nb = self->n_bins;
  guint width = (self->n_columns + fx - 1) / fx, height = (nb + fy - 1) / fy;
  g_autofree guint8 *pooled = NULL;
  guint32 *data;
  int stride;

  if (level->surface == NULL || cairo_image_surface_get_width (level->surface) != (int) width ||
      cairo_image_surface_get_height (level->surface) != (int) height ||
      cairo_surface_status (level->surface) != CAIRO_STATUS_SUCCESS)
    {
      ps_heat_level_clear (level);
      level->surface = ps_heat_surface_new (width, height);
    }
  g_clear_pointer (&level->runs, g_array_unref);
  level->fx = fx;
  level->fy = fy;
  level->stale = FALSE;
  level->runs = ps_heat_runs (self, fx, width);
  self->n_builds++;
  if (cairo_surface_status (level->surface) != CAIRO_STATUS_SUCCESS)
    return;

  cairo_surface_flush (level->surface);
  data = (guint32 *) (gpointer) cairo_image_surface_get_data (level->surface);
  stride = cairo_image_surface_get_stride (level->surface) / 4;
  if (fx > 1 || fy > 1)
    pooled = g_new (guint8, (gsize) TILE * height);

  for (guint j0 = 0; j0 < width; j0 += TILE)
    {
      guint n = MIN (TILE, width - j0);
      const guint8 *cols[TILE];

      /* Each image column, top row first: straight from the grid when not
       * pooled (read bottom-up), else pooled into the tile's buffer. */
      for (guint k = 0; k < n; k++)
        {
          if (pooled == NULL)
            cols[k] = self->levels + (gsize) (j0 + k) * nb + (nb - 1);
          else
            {
              ps_heat_pool_column (self, j0 + k, fx, fy, pooled + (gsize) k * height, height);
              cols[k] = pooled + (gsize) k * height;
            }
        }
      for (guint r = 0; r < height; r++)
        {
          guint32 *row = data + (gsize) r * stride + j0;

          if (pooled == NULL)
            for (guint k = 0; k < n; k++)
              row[k] = self->lut[*(cols[k] - r)];
          else
            for (guint k = 0; k < n; k++)
              row[k] = self->lut[cols[k][r]];
        }
    }
  cairo_surface_mark_dirty (level->surface);
}

static PsHeatLevel *
ps_heatmap_image_get_level (PsHeatmapImage *self,
                            guint           fx,
                            guint           fy)
{
  PsHeatLevel *slot = &self->cache[0];

  for (guint i = 0; i < N_CACHED; i++)
    {
      PsHeatLevel *level = &self->cache[i];

      if (level->surface != NULL && !level->stale && level->fx == fx && level->fy == fy)
        {
          level->used = ++self->clock;
          return level;
        }
    }
  /* Else the stale one of this pooling (same size, most likely), an empty
   * slot, the least recently used. */
  for (guint i = 0; i < N_CACHED; i++)
    {
      PsHeatLevel *level = &self->cache[i];

      if (level->surface != NULL && level->stale && level->fx == fx && level->fy == fy)
        {
          slot = level;
          break;
        }
      if (level->surface == NULL || (slot->surface != NULL && level->used < slot->used))
        slot = level;
    }

  ps_heat_level_build (self, slot, fx, fy);
  slot->used = ++self->clock;
  return slot;
}

/* The least power of two that brings a cell to min_px, and the image under
 * MAX_SIDE. */
static guint
ps_heat_pool_factor (double px_per_cell,
                     guint  n_cells,
                     double min_px)
{
  guint f = 1;

  while (f < n_cells && (f * px_per_cell < min_px || (n_cells + f - 1) / f > MAX_SIDE))
    f *= 2;
  return f;
}

/* Prices per pixel over the band [y0, y1) of scale, as a straight line
 * through its edges: the image's rows are even in price, so a log scale is
 * drawn as bands each placed by its own matrix, exact at their edges. */
static void
ps_heat_band_mapping (const PsValueScale *scale,
                      double              y0,
                      double              y1,
                      double             *px_per_price,
                      double             *price_at_y1)
{
  double p0 = ps_value_scale_from_y (scale, y0);

  *price_at_y1 = ps_value_scale_from_y (scale, y1);
  *px_per_price = (y1 - y0) / (p0 - *price_at_y1);
}

/* A log scale's bands: 8 px keeps a straight line within 0.1 px of the log
 * curve for any price range a pane shows. */
#define LOG_BAND_PX 8

static void
ps_heatmap_image_paint (PsHeatmapImage     *self,
                        cairo_t            *cr,
                        const PsRect       *plot,
                        PsTimeAxis         *axis,
                        const PsValueScale *scale,
                        double              opacity,
                        const PsChartStyle *style)
{
  gint64 from_ms = ps_time_axis_get_from_ms (axis), to_ms = ps_time_axis_get_to_ms (axis);
  double span = (double) (to_ms - from_ms), bin_price, px_per_price, price_y1;
  double band_px = scale->log ? LOG_BAND_PX : plot->height;
  guint fx, fy;
  PsHeatLevel *level;
  cairo_pattern_t *pattern;
  PsPixels px;
  gboolean direct;

  if (self->levels == NULL || !(opacity > 0) || span <= 0 || plot->width < 1 ||
      plot->height < 1 || !(scale->max > scale->min) || !(scale->y_bottom > scale->y_top))
    return;

  ps_heatmap_image_use_style (self, style, opacity);
  bin_price = (self->price_hi - self->price_lo) / self->n_bins;
  /* The fewest pixels a price takes: at the top on a log scale. */
  ps_heat_band_mapping (scale, scale->y_top, scale->y_top + 1, &px_per_price, &price_y1);
  /* Time smooths out: two columns a pixel are fine. A thin band of price is
   * the point: it is pooled from two bins a pixel. */
  fx = ps_heat_pool_factor (plot->width * (double) (self->t_ms[self->n_columns] - self->t_ms[0])
                            / self->n_columns / span, self->n_columns, 0.5);
  fy = ps_heat_pool_factor (px_per_price * bin_price, self->n_bins, 1);
  level = ps_heatmap_image_get_level (self, fx, fy);
  if (cairo_surface_status (level->surface) != CAIRO_STATUS_SUCCESS)
    return;

  pattern = cairo_pattern_create_for_surface (level->surface);
  /* Cells are bins: crisp edges, and the cheapest filter. */
  cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_NONE);
  /* Opaque cells over the background: OVER is a copy, made by hand. */
  _ps_pixels_begin (&px, cr);
  direct = self->opaque;

  for (double y0 = plot->y; y0 < plot->y + plot->height; y0 += band_px)
    {
      double y1 = MIN (y0 + band_px, plot->y + plot->height), ay, by;

      /* Image row yi holds price_hi − yi·fy·bin; the band's y holds
       * price_y1 + (y1 − y) / px_per_price. */
      ps_heat_band_mapping (scale, y0, y1, &px_per_price, &price_y1);
      if (!(px_per_price > 0) || !isfinite (px_per_price))
        continue;
      ay = 1 / (px_per_price * fy * bin_price);
      by = (self->price_hi - price_y1 - y1 / px_per_price) / (fy * bin_price);

      for (guint i = 0; i < level->runs->len; i++)
        {
          const PsHeatRun *run = &g_array_index (level->runs, PsHeatRun, i);
          gint64 end_ms = run->t0_ms + (gint64) (run->last - run->first) * run->step_ms;
          double x0, x1, ax;
          cairo_matrix_t m;

          if (end_ms <= from_ms || run->t0_ms >= to_ms)
            continue;
          /* Whole pixels: two runs meet without a seam. */
          x0 = MAX (plot->x,
                    ps_round (plot->x + ps_time_axis_to_x (axis, run->t0_ms, plot->width)));
          x1 = MIN (plot->x + plot->width,
                    ps_round (plot->x + ps_time_axis_to_x (axis, end_ms, plot->width)));
          if (x1 <= x0)
            continue;

          ax = span / (plot->width * run->step_ms);
          cairo_matrix_init (&m, ax, 0, 0, ay,
                             run->first + ((double) (from_ms - run->t0_ms)
                                           - plot->x * span / plot->width) / run->step_ms,
                             by);
          if (direct && _ps_pixels_copy_nearest (&px, level->surface, &m, x0, y0, x1 - x0,
                                                 y1 - y0))
            continue;
          direct = FALSE;   /* cairo's pixels from here on, in order */
          cairo_pattern_set_matrix (pattern, &m);

          cairo_save (cr);
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          cairo_clip (cr);
          cairo_set_source (cr, pattern);
          cairo_paint (cr);
          cairo_restore (cr);
        }
    }
  _ps_pixels_end (&px);
  cairo_pattern_destroy (pattern);
}

void
ps_render_heatmap (cairo_t            *cr,
                   const PsRect       *rect,
                   PsTimeAxis         *axis,
                   PsHeatmapImage     *image,
                   const PsValueScale *scale,
                   double              opacity,
                   const PsChartStyle *style)
{
  PsRect plot;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (PS_IS_TIME_AXIS (axis));
  g_return_if_fail (image != NULL);
  g_return_if_fail (scale != NULL);
  g_return_if_fail (style != NULL);

  ps_render_get_plot_area (rect, style, &plot);
  ps_heatmap_image_paint (image, cr, &plot, axis, scale, MIN (opacity, 1), style);
}

void
_ps_render_paint_heatmap (PsPaint            *p,
                          PsTimeAxis         *axis,
                          PsHeatmapImage     *image,
                          const PsValueScale *scale,
                          double              opacity)
{
  ps_heatmap_image_paint (image, p->cr, &p->plot, axis, scale, MIN (opacity, 1), p->style);
}
