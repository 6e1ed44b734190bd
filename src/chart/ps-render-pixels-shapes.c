/* ps-render-pixels-shapes.c: shapes written straight into an image
 * surface's pixels: the liquidation markers' discs and rings, antialiased by
 * distance, and an opaque image scaled by the nearest pixel (the heatmap)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-render-pixels-private.h"

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

/* The coverage of a pixel whose centre is d from the centre, in 1/255s:
 * inside r1 and not inside r0 (a disc where r0 ≤ 0). */
static inline guint32
ps_pixels_ring_cover (double r0,
                      double r1,
                      double d)
{
  double cover = ps_pixels_inside (r1, d) - (r0 > 0 ? ps_pixels_inside (r0, d) : 0);

  return (guint32) ps_round (cover * 255);
}

/* At most this many rings drawn in one pass (a marker's three). */
#define MAX_RINGS 4

#ifdef __SSE2__
/* A ring's lanes: its radii, and its pixel in 16-bit lanes. */
typedef struct
{
  __m128d r0, r1;
  __m128i s16;
  gboolean hole;
} PsRingLanes;

/* One ring over four pixels d whose centres are dist[0] (two lanes) and
 * dist[1] (two) from its centre: ps_pixels_ring_cover () of each (the same
 * operations, in order), s masked by it and laid over, as pixman rounds. */
static inline __m128i
ps_pixels_ring_over4 (__m128i            d,
                      const __m128d      dist[2],
                      const PsRingLanes *ring)
{
  const __m128d half_d = _mm_set1_pd (0.5), zero_d = _mm_setzero_pd (), one = _mm_set1_pd (1);
  const __m128d k255 = _mm_set1_pd (255);
  const __m128i zero = _mm_setzero_si128 (), half = _mm_set1_epi16 (0x80);
  const __m128i k101 = _mm_set1_epi16 (0x101), k255w = _mm_set1_epi16 (255);
  __m128i m2[2], m, mm, src[2], out[2];

  for (int h = 0; h < 2; h++)
    {
      __m128d in1 = _mm_min_pd (_mm_max_pd (_mm_add_pd (_mm_sub_pd (ring->r1, dist[h]), half_d),
                                            zero_d), one);
      __m128d in0 = ring->hole ? _mm_min_pd (_mm_max_pd (_mm_add_pd (_mm_sub_pd (ring->r0,
                                                                                 dist[h]),
                                                                      half_d), zero_d), one)
                               : zero_d;
      __m128d x = _mm_mul_pd (_mm_sub_pd (in1, in0), k255);
      __m128i t = _mm_cvttpd_epi32 (x);
      /* ps_round () of x ≥ 0: the whole part, one more from a half. */
      __m128d up = _mm_cmpge_pd (_mm_sub_pd (x, _mm_cvtepi32_pd (t)), half_d);

      m2[h] = _mm_sub_epi32 (t, _mm_shuffle_epi32 (_mm_castpd_si128 (up),
                                                   _MM_SHUFFLE (3, 3, 2, 0)));
    }
  m = _mm_unpacklo_epi64 (m2[0], m2[1]);
  /* Each pixel's mask across its four channels: 16-bit lanes. */
  mm = _mm_packs_epi32 (m, m);
  mm = _mm_unpacklo_epi16 (mm, mm);
  m2[0] = _mm_unpacklo_epi32 (mm, mm), m2[1] = _mm_unpackhi_epi32 (mm, mm);
  for (int h = 0; h < 2; h++)
    {
      __m128i dh = h == 0 ? _mm_unpacklo_epi8 (d, zero) : _mm_unpackhi_epi8 (d, zero);
      __m128i ia;

      /* s·m/255 rounded (ps_pixels_mask ()), then OVER by its alpha. */
      src[h] = _mm_mulhi_epu16 (_mm_add_epi16 (_mm_mullo_epi16 (ring->s16, m2[h]), half), k101);
      ia = _mm_sub_epi16 (k255w, _mm_shufflehi_epi16 (_mm_shufflelo_epi16 (src[h], 0xff),
                                                      0xff));
      out[h] = _mm_mulhi_epu16 (_mm_add_epi16 (_mm_mullo_epi16 (dh, ia), half), k101);
    }
  return _mm_adds_epu8 (_mm_packus_epi16 (out[0], out[1]), _mm_packus_epi16 (src[0], src[1]));
}
#endif

/* Pixels [u, v) of a row dy below the rings' centre cx, each ring in turn
 * at its coverage over what is there. One expression for every pixel, no
 * branch on where it lies: s masked by 255 is s, by 0 nothing, and OVER an
 * opaque s is s, so wholly covered, untouched and edge pixels come out as
 * the three cases would write them. Four at a time: two square roots a
 * lane (one distance for every ring), the masks and blends in 16-bit lanes
 * as pixman rounds them. */
static inline void
ps_pixels_rings_edge (guint32            *row,
                      int                 u,
                      int                 v,
                      double              cx,
                      double              dy,
                      const PsPixelsRing *rings,
                      guint               n)
{
  int c = u;

#ifdef __SSE2__
  const __m128d half_d = _mm_set1_pd (0.5), vcx = _mm_set1_pd (cx), dy2 = _mm_set1_pd (dy * dy);
  PsRingLanes lanes[MAX_RINGS];

  for (guint k = 0; k < n && u + 4 <= v; k++)
    lanes[k] = (PsRingLanes) { _mm_set1_pd (rings[k].r0), _mm_set1_pd (rings[k].r1),
                               _mm_unpacklo_epi8 (_mm_set1_epi32 ((int) rings[k].s),
                                                  _mm_setzero_si128 ()),
                               rings[k].r0 > 0 };
  for (; c + 4 <= v; c += 4)
    {
      __m128d dist[2];
      __m128i d = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (row + c));

      for (int h = 0; h < 2; h++)
        {
          __m128d dx = _mm_sub_pd (_mm_add_pd (_mm_cvtepi32_pd (_mm_set_epi32 (0, 0, c + 2 * h + 1,
                                                                              c + 2 * h)),
                                               half_d), vcx);

          dist[h] = _mm_sqrt_pd (_mm_add_pd (_mm_mul_pd (dx, dx), dy2));
        }
      for (guint k = 0; k < n; k++)
        d = ps_pixels_ring_over4 (d, dist, &lanes[k]);
      _mm_storeu_si128 ((__m128i *) (gpointer) (row + c), d);
    }
#endif
  for (; c < v; c++)
    {
      double dx = c + 0.5 - cx, dist = sqrt (dx * dx + dy * dy);

      for (guint k = 0; k < n; k++)
        {
          guint32 m = ps_pixels_ring_cover (rings[k].r0, rings[k].r1, dist);

          row[c] = ps_pixels_over (ps_pixels_mask (rings[k].s, m), row[c]);
        }
    }
}

gboolean
_ps_pixels_rings (PsPixels           *px,
                  double              x,
                  double              y,
                  const PsPixelsRing *rings,
                  guint               n)
{
  PsPixelsRing dev[MAX_RINGS];
  double cx, cy, in2 = G_MAXDOUBLE, touch2 = 0, r1_max = 0;
  int c0, c1, y0, y1;

  g_return_val_if_fail (n <= MAX_RINGS, FALSE);

  if (px->data == NULL || n == 0)
    return FALSE;
  if (px->n_boxes > 0)
    _ps_pixels_flush (px);

  cx = px->scale * x + px->dx, cy = px->scale * y + px->dy;
  for (guint k = 0; k < n; k++)
    {
      double r0 = px->scale * rings[k].r0, r1 = px->scale * rings[k].r1;
      /* Squared distances within which a pixel is in the hole (nothing),
       * or wholly inside a disc (s), and past which it is wholly outside:
       * there the coverage rounds to 0 or 255 all the same, so the pixels
       * are those the distance gives. d2 < (r1 + 0.5)² as a test of ≤: the
       * pixels the ring touches at all. The rings' middle is where each is
       * one or the other; their touch, where any touches. */
      double hole2 = r0 > 0.5 ? (r0 - 0.5) * (r0 - 0.5) : -1;
      double full_hi2 = r1 > 0.5 ? (r1 - 0.5) * (r1 - 0.5) : -1;

      dev[k] = (PsPixelsRing) { r0, r1, rings[k].s };
      in2 = MIN (in2, r0 <= 0 ? full_hi2 : hole2);
      touch2 = MAX (touch2, nextafter ((r1 + 0.5) * (r1 + 0.5), 0));
      r1_max = MAX (r1_max, r1);
    }
  c0 = MAX ((int) floor (cx - r1_max - 1), px->x0);
  c1 = MIN ((int) ceil (cx + r1_max + 1), px->x1);
  y0 = MAX ((int) floor (cy - r1_max - 1), px->y0);
  y1 = MIN ((int) ceil (cy + r1_max + 1), px->y1);
  for (int r = y0; r < y1; r++)
    {
      guint32 *row = px->data + (gsize) r * px->stride;
      double dy = r + 0.5 - cy;
      int touch_a, touch_b, a, b;

      if (dy * dy > touch2)
        continue;
      ps_pixels_row_inside (c0, c1, cx, dy, touch2, &touch_a, &touch_b);
      a = b = touch_b;   /* no middle: the edge runs across */

      /* The row's middle in one go: each disc's pixels wholly inside,
       * blended four at a time, each ring's hole skipped. Found by the same
       * test as the distances, so the same pixels. */
      if (dy * dy <= in2)
        {
          ps_pixels_row_inside (c0, c1, cx, dy, in2, &a, &b);
          for (guint k = 0; k < n; k++)
            if (dev[k].r0 <= 0 && dev[k].s >> 24 == 255)
              for (int c = a; c < b; c++)
                row[c] = dev[k].s;
            else if (dev[k].r0 <= 0)
              ps_pixels_over_span (row + a, b - a, dev[k].s);
        }

      /* Either side of it. */
      ps_pixels_rings_edge (row, touch_a, a, cx, dy, dev, n);
      ps_pixels_rings_edge (row, b, touch_b, cx, dy, dev, n);
    }
  px->dirty = TRUE;
  return TRUE;
}

gboolean
_ps_pixels_ring (PsPixels *px,
                 double    x,
                 double    y,
                 double    r0,
                 double    r1)
{
  if (px->rows == NULL || px->n_rows != 1)
    return FALSE;
  return _ps_pixels_rings (px, x, y, &(PsPixelsRing) { r0, r1, px->rows[0] }, 1);
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

/* Columns [start, start + length) of a row; step: their image columns
 * step by one, four or more of them. */
typedef struct
{
  int      start, length;
  gboolean step;
} PsPixelRun;

/* A row s of the image into the device row row, column k from image column
 * c[k]: where the columns step by one for four or more (the image a little
 * wider than the plot, as a heatmap's cells are), sixteen bytes at a time;
 * a run's last four end at its end, over what the four before wrote. */
static inline void
ps_pixels_copy_row (guint32          *row,
                    const guint32    *s,
                    const int        *c,
                    const PsPixelRun *runs,
                    guint             n_runs)
{
  for (guint i = 0; i < n_runs; i++)
    {
      int k = runs[i].start, end = k + runs[i].length;

#ifdef __SSE2__
      if (runs[i].step)
        {
          const guint32 *from = s + c[k] - k;

          for (; k + 4 <= end; k += 4)
            _mm_storeu_si128 ((__m128i *) (gpointer) (row + k),
                              _mm_loadu_si128 ((const __m128i *) (gconstpointer) (from + k)));
          if (k < end)
            _mm_storeu_si128 ((__m128i *) (gpointer) (row + end - 4),
                              _mm_loadu_si128 ((const __m128i *) (gconstpointer) (from + end - 4)));
          continue;
        }
#endif
      for (; k < end; k++)
        row[k] = s[c[k]];
    }
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
  g_autofree PsPixelRun *runs = NULL;
  guint n_runs = 0;
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

  /* The columns [a, b) as runs: those stepping by one through the image
   * (four or more, a vector's worth), and the rest a pixel at a time. */
  runs = g_new (PsPixelRun, b - a);
  for (int k = a, j; k < b; k = j)
    {
      for (j = k + 1; j < b && cols[j - x0] == cols[j - 1 - x0] + 1; j++)
        ;
      if (j - k < 4 && n_runs > 0 && !runs[n_runs - 1].step)
        runs[n_runs - 1].length += j - k;
      else
        runs[n_runs++] = (PsPixelRun) { k, j - k, j - k >= 4 };
    }

  for (int d = y0; d < y1; d++)
    {
      int r = ps_pixels_nearest (px, d, px->dy, matrix->yy, matrix->y0, src_height);
      guint32 *row = px->data + (gsize) d * px->stride;

      if (r < 0)
        continue;
      if (r == last_row)
        memcpy (row + a, last + a, (gsize) (b - a) * sizeof (guint32));
      else
        ps_pixels_copy_row (row, src + (gsize) r * src_stride, cols - x0, runs, n_runs);
      last_row = r, last = row;
    }
  px->dirty = TRUE;
  return TRUE;
}
