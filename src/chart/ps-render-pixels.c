/* ps-render-pixels.c: boxes on whole pixels, written straight into an image
 * surface where that gives cairo's own pixels
 *
 * A cairo fill of many boxes first unions them (a sweep over all their
 * edges), about half a microsecond a box: the 3,700 one-pixel columns of a
 * zoomed-out price pane cost ~2 ms, a pane's bars or band as much again. A
 * box on whole pixels in one colour is a plain loop over its pixels: the
 * colour as cairo itself turns it into a pixel (asked of cairo, on a scratch
 * pixel), stored where opaque, else composited as pixman's OVER does it,
 * s + d·(255 − sa)/255 rounded, per channel. That is exact only on an ARGB32
 * image surface drawn at a translation by whole pixels (and a whole device
 * scale), under a clip of one rectangle, with the OVER operator; anywhere
 * else (PDF, SVG, a recording surface) the boxes go to cairo as before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-render-pixels-private.h"

static gint ps_pixels_disabled;

void
_ps_pixels_set_enabled (gboolean enabled)
{
  g_atomic_int_set (&ps_pixels_disabled, !enabled);
}

/* Whether cr draws into pixels we may write, and where: its current target
 * (a group's, if one is pushed) with the user-to-device offset and the clip
 * in device pixels. */
static gboolean
ps_pixels_direct (PsPixels *px,
                  cairo_t  *cr)
{
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_rectangle_list_t *clip;
  cairo_matrix_t m;
  double ox, oy, sx, sy, cx, cy;
  gboolean ok;

  if (g_atomic_int_get (&ps_pixels_disabled) ||
      cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32 ||
      cairo_get_operator (cr) != CAIRO_OPERATOR_OVER ||
      cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    return FALSE;

  /* A whole device scale (HiDPI) keeps whole pixels whole. */
  cairo_surface_get_device_scale (target, &sx, &sy);
  cairo_surface_get_device_offset (target, &ox, &oy);
  cairo_get_matrix (cr, &m);
  if (sx != sy || sx != floor (sx) || sx < 1 || sx > 8 ||
      m.xx != 1 || m.yy != 1 || m.xy != 0 || m.yx != 0 ||
      sx * m.x0 + ox != floor (sx * m.x0 + ox) || sx * m.y0 + oy != floor (sx * m.y0 + oy))
    return FALSE;
  px->scale = (int) sx;
  px->dx = (int) (sx * m.x0 + ox);
  px->dy = (int) (sx * m.y0 + oy);

  /* One rectangle on whole pixels; an unclipped cairo_t says "not
   * representable" and goes to cairo too (the panes always clip). */
  clip = cairo_copy_clip_rectangle_list (cr);
  ok = clip->status == CAIRO_STATUS_SUCCESS && clip->num_rectangles == 1;
  if (ok)
    {
      const cairo_rectangle_t *r = &clip->rectangles[0];
      double cw = sx * r->width, ch = sx * r->height;

      cx = sx * r->x + px->dx, cy = sx * r->y + px->dy;
      ok = cx == floor (cx) && cy == floor (cy) && cw == floor (cw) && ch == floor (ch);
      px->x0 = (int) MAX (cx, 0);
      px->y0 = (int) MAX (cy, 0);
      px->x1 = (int) MIN (cx + cw, cairo_image_surface_get_width (target));
      px->y1 = (int) MIN (cy + ch, cairo_image_surface_get_height (target));
    }
  cairo_rectangle_list_destroy (clip);
  if (!ok)
    return FALSE;

  cairo_surface_flush (target);
  px->target = target;
  px->data = (guint32 *) (gpointer) cairo_image_surface_get_data (target);
  px->stride = cairo_image_surface_get_stride (target) / 4;
  return px->data != NULL;
}

void
_ps_pixels_begin (PsPixels *px,
                  cairo_t  *cr)
{
  *px = (PsPixels) { .cr = cr };
  if (!ps_pixels_direct (px, cr))
    px->data = NULL;
  else
    {
      px->boxes_size = 256;
      px->boxes = g_new (int, 4 * px->boxes_size);
    }
  cairo_new_path (cr);
}

void
_ps_pixels_end (PsPixels *px)
{
  _ps_pixels_fill (px);
  g_clear_pointer (&px->pattern, cairo_pattern_destroy);
  g_clear_pointer (&px->rows, g_free);
  g_clear_pointer (&px->boxes, g_free);
  if (px->data != NULL && px->dirty)
    cairo_surface_mark_dirty_rectangle (px->target, px->x0, px->y0, px->x1 - px->x0,
                                        px->y1 - px->y0);
}

/* What cairo makes of the source over device rows [y0, y0 + n) at column x
 * of the target: premultiplied pixels, painted by cairo on a scratch
 * surface (the same colour conversion, the same gradient sampling). */
static guint32 *
ps_pixels_sample (PsPixels        *px,
                  cairo_pattern_t *source,
                  int              y0,
                  int              n)
{
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, MAX (n, 1));
  cairo_t *cr = cairo_create (scratch);
  guint32 *rows = g_new (guint32, MAX (n, 1));
  const guint8 *data;
  int stride;

  /* Device row y0 of the target is row 0 here, in the same user space. */
  cairo_translate (cr, px->dx - px->x0, px->dy - y0);
  cairo_scale (cr, px->scale, px->scale);
  cairo_set_source (cr, source);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (scratch);
  data = cairo_image_surface_get_data (scratch);
  stride = cairo_image_surface_get_stride (scratch);
  for (int r = 0; r < n; r++)
    rows[r] = *(const guint32 *) (gconstpointer) (data + (gsize) r * stride);
  cairo_surface_destroy (scratch);
  return rows;
}

/* The source of the boxes from now on (owned); sampled over the clip's rows
 * when it varies with y only. */
static void
ps_pixels_set_source (PsPixels        *px,
                      cairo_pattern_t *source,
                      gboolean         vertical)
{
  _ps_pixels_fill (px);
  g_clear_pointer (&px->pattern, cairo_pattern_destroy);
  g_clear_pointer (&px->rows, g_free);
  px->pattern = source;
  if (px->data == NULL || !vertical)
    return;
  px->rows_y0 = px->y0;
  px->n_rows = px->y1 - px->y0;
  px->rows = ps_pixels_sample (px, source, px->rows_y0, px->n_rows);
}

/* Colours asked of cairo so far: a pane's few dozen, asked once each. */
#define N_KNOWN 64

typedef struct
{
  PsColor rgba;
  guint32 pixel;
} PsKnownColor;

static GMutex known_lock;
static PsKnownColor known[N_KNOWN];
static guint n_known, next_known;

/* The pixel cairo makes of color at alpha: asked of cairo once, then
 * remembered. */
static guint32
ps_pixels_known (const PsColor *color,
                 double         alpha)
{
  PsColor rgba = { color->red, color->green, color->blue, color->alpha * alpha };
  guint32 pixel;

  g_mutex_lock (&known_lock);
  for (guint k = 0; k < n_known; k++)
    if (memcmp (&known[k].rgba, &rgba, sizeof rgba) == 0)
      {
        pixel = known[k].pixel;
        g_mutex_unlock (&known_lock);
        return pixel;
      }
  g_mutex_unlock (&known_lock);

  pixel = _ps_pixels_of_color (&rgba);
  g_mutex_lock (&known_lock);
  known[next_known].rgba = rgba;
  known[next_known].pixel = pixel;
  next_known = (next_known + 1) % N_KNOWN;
  n_known = MIN (n_known + 1, N_KNOWN);
  g_mutex_unlock (&known_lock);
  return pixel;
}

void
_ps_pixels_set_color (PsPixels      *px,
                      const PsColor *color,
                      double         alpha,
                      gboolean       overlap)
{
  guint32 pixel;

  ps_pixels_set_source (px, cairo_pattern_create_rgba (color->red, color->green, color->blue,
                                                       color->alpha * alpha),
                        FALSE);
  if (px->data == NULL)
    return;

  pixel = ps_pixels_known (color, alpha);
  /* Blended twice where two boxes meet: only an opaque colour may. */
  if (overlap && pixel >> 24 != 255)
    return;
  px->rows = g_new (guint32, 1);
  px->rows[0] = pixel;
  px->rows_y0 = 0;
  px->n_rows = 1;
}

guint32
_ps_pixels_pixel (const PsColor *color,
                  double         alpha)
{
  return ps_pixels_known (color, alpha);
}

gboolean
_ps_pixels_shades (PsPixels      *px,
                   const PsColor *color,
                   guint32        shades[9])
{
  if (px->data == NULL)
    return FALSE;
  _ps_pixels_fill (px);
  shades[0] = 0;
  for (int k = 1; k <= 8; k++)
    shades[k] = ps_pixels_known (color, k / 8.0);
  return TRUE;
}

void
_ps_pixels_set_vertical (PsPixels        *px,
                         cairo_pattern_t *pattern)
{
  ps_pixels_set_source (px, cairo_pattern_reference (pattern), TRUE);
}

guint32
_ps_pixels_blend (guint32 s,
                  guint32 d)
{
  return ps_pixels_over (s, d);
}

guint32
_ps_pixels_of_color (const PsColor *color)
{
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (scratch);
  guint32 pixel;

  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_flush (scratch);
  pixel = *(const guint32 *) (gconstpointer) cairo_image_surface_get_data (scratch);
  cairo_surface_destroy (scratch);
  return pixel;
}

void
_ps_pixels_box (PsPixels *px,
                double    x,
                double    y,
                double    width,
                double    height)
{
  int x0, y0, x1, y1;

  if (!(width > 0) || !(height > 0))
    return;
  if (px->rows == NULL || !ps_pixels_whole (x) || !ps_pixels_whole (y) ||
      !ps_pixels_whole (width) || !ps_pixels_whole (height))
    {
      cairo_rectangle (px->cr, x, y, width, height);
      px->pending = TRUE;
      return;
    }

  if (!ps_pixels_device_box (px, (int) x, (int) y, (int) width, (int) height,
                             &x0, &y0, &x1, &y1))
    return;
  if (px->n_boxes == px->boxes_size)
    {
      px->boxes_size *= 2;
      px->boxes = g_renew (int, px->boxes, 4 * (gsize) px->boxes_size);
    }
  px->boxes[4 * px->n_boxes] = x0, px->boxes[4 * px->n_boxes + 1] = y0;
  px->boxes[4 * px->n_boxes + 2] = x1, px->boxes[4 * px->n_boxes + 3] = y1;
  px->n_boxes++;
}

/* Rows [y0, y1) of device columns [x0, x1) in the one pixel s: stored
 * where opaque, else blended four at a time (down a one-pixel column,
 * along the rows of a wider box). */
static inline void
ps_pixels_write_solid (const PsPixels *px,
                       int             x0,
                       int             y0,
                       int             x1,
                       int             y1,
                       guint32         s)
{
  gsize stride = (gsize) px->stride;
  guint32 *row = px->data + (gsize) y0 * stride;
  int n = x1 - x0;

  if (s >> 24 == 255 && n == 1)
    for (int r = y0; r < y1; r++, row += stride)
      row[x0] = s;
  else if (s >> 24 == 255)
    for (int r = y0; r < y1; r++, row += stride)
      for (int c = x0; c < x1; c++)
        row[c] = s;
  else if (s != 0 && n == 1)
    ps_pixels_over_column (row + x0, stride, y1 - y0, s);
  else if (s != 0)
    for (int r = y0; r < y1; r++, row += stride)
      ps_pixels_over_span (row + x0, n, s);
}

/* Rows [y0, y1) of columns [x0, x1) in the source. Everything in locals:
 * the pixels are guint32 as the box and the source's fields are, so a store
 * through them would otherwise have every field read again. */
static inline void
ps_pixels_write_box (const PsPixels *px,
                     int             x0,
                     int             y0,
                     int             x1,
                     int             y1)
{
  const guint32 *rows = px->rows;
  gsize stride = (gsize) px->stride;
  guint32 *row = px->data + (gsize) y0 * stride;
  int n = x1 - x0;

  if (px->n_rows == 1)
    {
      ps_pixels_write_solid (px, x0, y0, x1, y1, rows[0]);
      return;
    }

  rows -= px->rows_y0;
  for (int r = y0; r < y1; r++, row += stride)
    {
      guint32 s = rows[r];

      if (s >> 24 == 255)
        for (int c = x0; c < x1; c++)
          row[c] = s;
      else if (s != 0 && n >= 4)
        ps_pixels_over_span (row + x0, n, s);
      else if (s != 0)
        {
          /* A row of a gradient's fill runs over the background: its
           * blend taken again while the pixel under it is the same. */
          guint32 last_d = 0, last_out = s;

          for (int c = x0; c < x1; c++)
            {
              guint32 d = row[c];

              if (d != last_d)
                last_d = d, last_out = ps_pixels_over (s, d);
              row[c] = last_out;
            }
        }
    }
}

void
_ps_pixels_column (PsPixels *px,
                   int       x,
                   int       y,
                   int       rows,
                   guint32   s)
{
  int x0, y0, x1, y1;

  if (s == 0 || !ps_pixels_device_box (px, x, y, 1, rows, &x0, &y0, &x1, &y1))
    return;
  ps_pixels_write_solid (px, x0, y0, x1, y1, s);
  px->dirty = TRUE;
}

void
_ps_pixels_column_shaded (PsPixels      *px,
                          int            x,
                          int            y,
                          int            rows,
                          const guint8  *k,
                          const guint32  shades[9])
{
  gsize stride = (gsize) px->stride;
  int x0, y0, x1, y1, top;
  guint32 *row;

  if (!ps_pixels_device_box (px, x, y, 1, rows, &x0, &y0, &x1, &y1))
    return;
  /* Device row r is user row y + (r - top) / scale of the run. */
  top = px->scale * y + px->dy;
  row = px->data + (gsize) y0 * stride;
  if (px->scale == 1)
    {
      int r = y0;

      row += x0;
#ifdef __SSE2__
      /* Four rows at a time, each in its own shade (a shade of 0 leaves
       * the pixel as it is, an opaque one replaces it: the same bytes). */
      for (; r + 4 <= y1; r += 4, row += 4 * stride)
        {
          const guint8 *kr = k + (r - top);
          __m128i src = _mm_set_epi32 ((int) shades[kr[3]], (int) shades[kr[2]],
                                       (int) shades[kr[1]], (int) shades[kr[0]]);

          ps_pixels_store_column4 (row, stride,
                                   ps_pixels_over4_each (ps_pixels_load_column4 (row, stride),
                                                         src));
        }
#endif
      for (; r < y1; r++, row += stride)
        {
          guint32 s = shades[k[r - top]];

          if (s != 0)
            *row = ps_pixels_over (s, *row);
        }
    }
  else
    for (int r = y0; r < y1; r++, row += stride)
      {
        guint32 s = shades[k[(r - top) / px->scale]];

        for (int c = x0; c < x1 && s != 0; c++)
          row[c] = s >> 24 == 255 ? s : ps_pixels_over (s, row[c]);
      }
  px->dirty = TRUE;
}

void
_ps_pixels_user_rows (const PsPixels *px,
                      int            *lo,
                      int            *hi)
{
  *lo = (int) floor ((double) (px->y0 - px->dy) / px->scale);
  *hi = (int) ceil ((double) (px->y1 - px->dy) / px->scale);
}

/* Rows of this many pixels at a time: the boxes are mostly one pixel wide
 * and tall, and written a band at a time each row's cache lines are filled
 * by neighbouring boxes before they leave the cache (a box at a time, every
 * row of a tall column is a miss). */
#define BAND 32

void
_ps_pixels_flush (PsPixels *px)
{
  const int *boxes = px->boxes;
  guint n = px->n_boxes, n_bands;
  int top = G_MAXINT, bottom = G_MININT;
  g_autofree guint *head = NULL;
  g_autofree guint *next = NULL;

  for (guint i = 0; i < n; i++)
    top = MIN (top, boxes[4 * i + 1]), bottom = MAX (bottom, boxes[4 * i + 3]);
  if (n == 0)
    return;

  /* Each box in a list of the band it starts in, and, once its rows there
   * are written, in the next band's: a band visits only the boxes in it. */
  n_bands = (guint) ((bottom - top + BAND - 1) / BAND);
  head = g_new (guint, n_bands + 1);
  next = g_new (guint, n);
  for (guint b = 0; b <= n_bands; b++)
    head[b] = G_MAXUINT;
  for (guint i = n; i-- > 0;)
    {
      guint b = (guint) (boxes[4 * i + 1] - top) / BAND;

      next[i] = head[b], head[b] = i;
    }
  for (guint band = 0; band < n_bands; band++)
    for (guint i = head[band], later; i != G_MAXUINT; i = later)
      {
        const int *b = &boxes[4 * i];
        int band_y = top + (int) band * BAND;

        later = next[i];
        ps_pixels_write_box (px, b[0], MAX (b[1], band_y), b[2], MIN (b[3], band_y + BAND));
        if (b[3] > band_y + BAND)
          next[i] = head[band + 1], head[band + 1] = i;
      }
  px->dirty = TRUE;
  px->n_boxes = 0;
}

void
_ps_pixels_fill (PsPixels *px)
{
  if (px->n_boxes > 0)
    _ps_pixels_flush (px);
  if (!px->pending)
    return;
  px->pending = FALSE;
  if (px->pattern != NULL)
    cairo_set_source (px->cr, px->pattern);
  cairo_fill (px->cr);
}
