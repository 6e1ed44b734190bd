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
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ps-render-private.h"

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

/* pixman's OVER of a premultiplied s on d (its UN8x4_MUL_UN8_ADD_UN8x4):
 * each channel d·(255 − sa)/255, rounded as pixman does, plus s, saturated;
 * two channels at a time in 16-bit lanes. */
static inline guint32
ps_pixels_over_rb (guint32 d,
                   guint32 s,
                   guint32 ia)
{
  guint32 t = d * ia + 0x800080;

  t = ((t + ((t >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
  t += s;
  t |= 0x1000100 - ((t >> 8) & 0xff00ff);
  return t & 0xff00ff;
}

static inline guint32
ps_pixels_over (guint32 s,
                guint32 d)
{
  guint32 ia = 255 - (s >> 24);

  return ps_pixels_over_rb (d & 0xff00ff, s & 0xff00ff, ia) |
         ps_pixels_over_rb ((d >> 8) & 0xff00ff, (s >> 8) & 0xff00ff, ia) << 8;
}

#ifdef __SSE2__
/* s over four pixels d at once, as pixman's own SSE2 path blends: d·ia +
 * 0x80 in 16-bit lanes, the high half of that ·0x101 (which is (t + (t >>
 * 8)) >> 8), s added with saturation: the bytes ps_pixels_over () gives. */
static inline __m128i
ps_pixels_over4 (__m128i d,
                 __m128i src,
                 __m128i ia)
{
  const __m128i half = _mm_set1_epi16 (0x80), k = _mm_set1_epi16 (0x101);
  const __m128i zero = _mm_setzero_si128 ();
  __m128i lo = _mm_unpacklo_epi8 (d, zero), hi = _mm_unpackhi_epi8 (d, zero);

  lo = _mm_mulhi_epu16 (_mm_add_epi16 (_mm_mullo_epi16 (lo, ia), half), k);
  hi = _mm_mulhi_epu16 (_mm_add_epi16 (_mm_mullo_epi16 (hi, ia), half), k);
  return _mm_adds_epu8 (_mm_packus_epi16 (lo, hi), src);
}
#endif

/* s over the n pixels from row on (SSE2, on every x86-64: four at a time). */
static inline void
ps_pixels_over_span (guint32 *row,
                     int      n,
                     guint32  s)
{
  int c = 0;

#ifdef __SSE2__
  const __m128i src = _mm_set1_epi32 ((int) s);
  const __m128i ia = _mm_set1_epi16 ((short) (255 - (s >> 24)));

  for (; c + 4 <= n; c += 4)
    _mm_storeu_si128 ((__m128i *) (gpointer) (row + c),
                      ps_pixels_over4 (_mm_loadu_si128 ((const __m128i *) (gconstpointer)
                                                        (row + c)), src, ia));
#endif
  for (; c < n; c++)
    row[c] = ps_pixels_over (s, row[c]);
}

/* s over n pixels down a column from row on, stride apart: four rows at a
 * time gathered into one register (the bars of a zoomed-out pane are a
 * pixel wide). */
static inline void
ps_pixels_over_column (guint32 *row,
                       gsize    stride,
                       int      n,
                       guint32  s)
{
  int r = 0;

#ifdef __SSE2__
  const __m128i src = _mm_set1_epi32 ((int) s);
  const __m128i ia = _mm_set1_epi16 ((short) (255 - (s >> 24)));

  for (; r + 4 <= n; r += 4, row += 4 * stride)
    {
      __m128i d = _mm_set_epi32 ((int) row[3 * stride], (int) row[2 * stride],
                                 (int) row[stride], (int) row[0]);

      d = ps_pixels_over4 (d, src, ia);
      row[0] = (guint32) _mm_cvtsi128_si32 (d);
      row[stride] = (guint32) _mm_cvtsi128_si32 (_mm_srli_si128 (d, 4));
      row[2 * stride] = (guint32) _mm_cvtsi128_si32 (_mm_srli_si128 (d, 8));
      row[3 * stride] = (guint32) _mm_cvtsi128_si32 (_mm_srli_si128 (d, 12));
    }
#endif
  for (; r < n; r++, row += stride)
    *row = ps_pixels_over (s, *row);
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

/* Whether x is a whole number, without floor () (a call in the x86-64
 * baseline): the panes' coordinates are far inside int's range, anything
 * else (NAN too) goes to cairo. */
static inline gboolean
ps_pixels_whole (double x)
{
  return x > -1e8 && x < 1e8 && x == (double) (int) x;
}

/* The device pixels [x0, x1) × [y0, y1) of the user box (x, y, width,
 * height) on whole pixels, clipped; FALSE when nothing is left. */
static inline gboolean
ps_pixels_device_box (const PsPixels *px,
                      int             x,
                      int             y,
                      int             width,
                      int             height,
                      int            *x0,
                      int            *y0,
                      int            *x1,
                      int            *y1)
{
  *x0 = px->scale * x + px->dx, *x1 = *x0 + px->scale * width;
  *y0 = px->scale * y + px->dy, *y1 = *y0 + px->scale * height;
  *x0 = MAX (*x0, px->x0), *x1 = MIN (*x1, px->x1);
  *y0 = MAX (*y0, px->y0), *y1 = MIN (*y1, px->y1);
  return *x0 < *x1 && *y0 < *y1;
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

/* Rows of this many pixels at a time: the boxes are mostly one pixel wide
 * and tall, and written a band at a time each row's cache lines are filled
 * by neighbouring boxes before they leave the cache (a box at a time, every
 * row of a tall column is a miss). */
#define BAND 32

static void
ps_pixels_write (PsPixels *px)
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

/* s scaled by a coverage m (0–255), as pixman applies a mask: each channel
 * s·m/255, rounded. */
static inline guint32
ps_pixels_mask (guint32 s,
                guint32 m)
{
  guint32 rb = (s & 0xff00ff) * m + 0x800080, ag = ((s >> 8) & 0xff00ff) * m + 0x800080;

  rb = ((rb + ((rb >> 8) & 0xff00ff)) >> 8) & 0xff00ff;
  ag = (ag + ((ag >> 8) & 0xff00ff)) & 0xff00ff00;
  return rb | ag;
}

/* How much of a pixel whose centre is d from a circle's centre lies inside
 * radius r: antialiasing a pixel wide. */
static inline double
ps_pixels_inside (double r,
                  double d)
{
  return CLAMP (r - d + 0.5, 0, 1);
}

/* Whether pixel column c of a row dy below a circle's centre cx is within
 * in2 (a squared distance) of it, computed as _ps_pixels_ring ()'s loop
 * does: to the bit. */
static inline gboolean
ps_pixels_within (int    c,
                  double cx,
                  double dy,
                  double in2)
{
  double dx = c + 0.5 - cx;

  return dx * dx + dy * dy <= in2;
}

/* The columns [a, b) of [c0, c1) within in2 of the centre on this row: one
 * span (a circle is convex), from the square root, then moved to where the
 * test itself puts its ends. */
static inline void
ps_pixels_row_inside (int     c0,
                      int     c1,
                      double  cx,
                      double  dy,
                      double  in2,
                      int    *a,
                      int    *b)
{
  double w = sqrt (in2 - dy * dy);

  *a = CLAMP ((int) ceil (cx - w - 0.5), c0, c1);
  *b = CLAMP ((int) floor (cx + w - 0.5) + 1, *a, c1);
  while (*a < *b && !ps_pixels_within (*a, cx, dy, in2))
    (*a)++;
  while (*a > c0 && ps_pixels_within (*a - 1, cx, dy, in2))
    (*a)--;
  while (*b > *a && !ps_pixels_within (*b - 1, cx, dy, in2))
    (*b)--;
  while (*b < c1 && ps_pixels_within (*b, cx, dy, in2))
    (*b)++;
}

gboolean
_ps_pixels_ring (PsPixels *px,
                 double    x,
                 double    y,
                 double    r0,
                 double    r1)
{
  double cx, cy, out2, hole2, full_lo2, full_hi2, in2;
  int c0, c1, y0, y1;
  guint32 s;

  if (px->rows == NULL || px->n_rows != 1)
    return FALSE;
  if (px->n_boxes > 0)
    ps_pixels_write (px);

  s = px->rows[0];
  cx = px->scale * x + px->dx, cy = px->scale * y + px->dy;
  r0 *= px->scale, r1 *= px->scale;
  c0 = MAX ((int) floor (cx - r1 - 1), px->x0), c1 = MIN ((int) ceil (cx + r1 + 1), px->x1);
  y0 = MAX ((int) floor (cy - r1 - 1), px->y0), y1 = MIN ((int) ceil (cy + r1 + 1), px->y1);
  /* Squared distances past which a pixel is wholly outside (in the hole),
   * and between which it is wholly inside: only the pixels on an edge need
   * their distance. At those bounds the coverage rounds to 0 and 255 all
   * the same, so the pixels are those the distance gives. */
  out2 = (r1 + 0.5) * (r1 + 0.5);
  hole2 = r0 > 0.5 ? (r0 - 0.5) * (r0 - 0.5) : -1;
  full_lo2 = r0 > 0 ? (r0 + 0.5) * (r0 + 0.5) : -1;
  full_hi2 = r1 > 0.5 ? (r1 - 0.5) * (r1 - 0.5) : -1;
  in2 = r0 <= 0 ? full_hi2 : hole2;
  for (int r = y0; r < y1; r++)
    {
      guint32 *row = px->data + (gsize) r * px->stride;
      double dy = r + 0.5 - cy;
      int a = c1, b = c1;

      /* The row's middle in one go: a disc's pixels wholly inside, blended
       * four at a time, or a ring's hole, skipped. Found by the loop's own
       * test, so the same pixels. */
      if (dy * dy <= in2)
        {
          ps_pixels_row_inside (c0, c1, cx, dy, in2, &a, &b);
          if (r0 <= 0 && s >> 24 == 255)
            for (int c = a; c < b; c++)
              row[c] = s;
          else if (r0 <= 0)
            ps_pixels_over_span (row + a, b - a, s);
        }

      for (int c = c0; c < c1; c++)
        {
          double dx, d2, d, cover;
          guint32 m;

          if (c == a && a < b)
            {
              c = b - 1;   /* done above */
              continue;
            }
          dx = c + 0.5 - cx, d2 = dx * dx + dy * dy;
          if (d2 >= out2 || d2 <= hole2)
            continue;
          if (d2 >= full_lo2 && d2 <= full_hi2)
            m = 255;
          else
            {
              d = sqrt (d2);
              cover = ps_pixels_inside (r1, d) - (r0 > 0 ? ps_pixels_inside (r0, d) : 0);
              m = (guint32) lround (cover * 255);
            }

          if (m == 255)
            row[c] = s >> 24 == 255 ? s : ps_pixels_over (s, row[c]);
          else if (m > 0)
            row[c] = ps_pixels_over (ps_pixels_mask (s, m), row[c]);
        }
    }
  px->dirty = TRUE;
  return TRUE;
}

void
_ps_pixels_fill (PsPixels *px)
{
  if (px->n_boxes > 0)
    ps_pixels_write (px);
  if (!px->pending)
    return;
  px->pending = FALSE;
  if (px->pattern != NULL)
    cairo_set_source (px->cr, px->pattern);
  cairo_fill (px->cr);
}

/* The image pixel under the centre of device pixel d along one axis, as
 * cairo's nearest filter takes it (a centre on a cell's edge goes to the
 * cell before), or −1 off the image. */
static inline int
ps_pixels_nearest (const PsPixels *px,
                   int             d,
                   int             offset,
                   double          scale,
                   double          translate,
                   int             size)
{
  double u = scale * ((d + 0.5 - offset) / px->scale) + translate;

  if (!(u > 0) || !(u <= size))
    return -1;
  return (int) ceil (u) - 1;
}

gboolean
_ps_pixels_copy_nearest (PsPixels             *px,
                         cairo_surface_t      *image,
                         const cairo_matrix_t *matrix,
                         double                x,
                         double                y,
                         double                width,
                         double                height)
{
  const guint32 *src;
  g_autofree int *cols = NULL;
  int x0, y0, x1, y1, a, b, src_stride, src_width, src_height, last_row = -1;
  const guint32 *last = NULL;

  if (px->data == NULL || px->n_boxes > 0 || matrix->xy != 0 || matrix->yx != 0 ||
      !(matrix->xx > 0) || !(matrix->yy > 0) ||
      cairo_surface_get_type (image) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_image_surface_get_format (image) != CAIRO_FORMAT_ARGB32 ||
      !ps_pixels_whole (x) || !ps_pixels_whole (y) || !ps_pixels_whole (width) ||
      !ps_pixels_whole (height))
    return FALSE;
  if (!ps_pixels_device_box (px, (int) x, (int) y, (int) width, (int) height, &x0, &y0, &x1, &y1))
    return TRUE;

  cairo_surface_flush (image);
  src = (const guint32 *) (gconstpointer) cairo_image_surface_get_data (image);
  src_stride = cairo_image_surface_get_stride (image) / 4;
  src_width = cairo_image_surface_get_width (image);
  src_height = cairo_image_surface_get_height (image);
  if (src == NULL)
    return FALSE;

  /* The image's column of each device column; those on it are one run, the
   * scale being positive. */
  cols = g_new (int, x1 - x0);
  a = x1, b = x0;
  for (int d = x0; d < x1; d++)
    {
      cols[d - x0] = ps_pixels_nearest (px, d, px->dx, matrix->xx, matrix->x0, src_width);
      if (cols[d - x0] >= 0)
        a = MIN (a, d), b = d + 1;
    }
  if (a >= b)
    return TRUE;

  for (int d = y0; d < y1; d++)
    {
      int r = ps_pixels_nearest (px, d, px->dy, matrix->yy, matrix->y0, src_height);
      guint32 *row = px->data + (gsize) d * px->stride;

      if (r < 0)
        continue;
      if (r == last_row)
        memcpy (row + a, last + a, (gsize) (b - a) * sizeof (guint32));
      else
        {
          const guint32 *s = src + (gsize) r * src_stride;
          const int *c = cols - x0;

          for (int k = a; k < b; k++)
            row[k] = s[c[k]];
        }
      last_row = r, last = row;
    }
  px->dirty = TRUE;
  return TRUE;
}
