/* ps-render-pixels-private.h: the pixel arithmetic the pixel writers share
 * (ps-render-pixels.c: boxes; ps-render-pixels-shapes.c: rings, images)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ps-render-private.h"

G_BEGIN_DECLS

/* The boxes kept so far, written (px writes straight). */
void _ps_pixels_flush (PsPixels *px);

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

/* Four pixels s, each over its d (ps_pixels_over4 () with a source a lane):
 * each lane's 255 − alpha spread over its four channels. */
static inline __m128i
ps_pixels_over4_each (__m128i d,
                      __m128i src)
{
  const __m128i half = _mm_set1_epi16 (0x80), k = _mm_set1_epi16 (0x101);
  const __m128i zero = _mm_setzero_si128 ();
  __m128i ia = _mm_sub_epi32 (_mm_set1_epi32 (255), _mm_srli_epi32 (src, 24));
  __m128i lo = _mm_unpacklo_epi8 (d, zero), hi = _mm_unpackhi_epi8 (d, zero);

  ia = _mm_packs_epi32 (ia, ia);          /* ia0 ia1 ia2 ia3, twice */
  ia = _mm_unpacklo_epi16 (ia, ia);       /* ia0 ia0 ia1 ia1 ia2 ia2 ia3 ia3 */
  lo = _mm_mulhi_epu16 (_mm_add_epi16 (_mm_mullo_epi16 (lo, _mm_unpacklo_epi32 (ia, ia)), half),
                        k);
  hi = _mm_mulhi_epu16 (_mm_add_epi16 (_mm_mullo_epi16 (hi, _mm_unpackhi_epi32 (ia, ia)), half),
                        k);
  return _mm_adds_epu8 (_mm_packus_epi16 (lo, hi), src);
}
#endif

#ifdef __SSE2__
/* Four pixels down a column, stride apart, in one register and back. */
static inline __m128i
ps_pixels_load_column4 (const guint32 *row,
                        gsize          stride)
{
  return _mm_set_epi32 ((int) row[3 * stride], (int) row[2 * stride], (int) row[stride],
                        (int) row[0]);
}

static inline void
ps_pixels_store_column4 (guint32 *row,
                         gsize    stride,
                         __m128i  d)
{
  row[0] = (guint32) _mm_cvtsi128_si32 (d);
  row[stride] = (guint32) _mm_cvtsi128_si32 (_mm_srli_si128 (d, 4));
  row[2 * stride] = (guint32) _mm_cvtsi128_si32 (_mm_srli_si128 (d, 8));
  row[3 * stride] = (guint32) _mm_cvtsi128_si32 (_mm_srli_si128 (d, 12));
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
      ps_pixels_store_column4 (row, stride,
                               ps_pixels_over4 (ps_pixels_load_column4 (row, stride), src, ia));
    }
#endif
  for (; r < n; r++, row += stride)
    *row = ps_pixels_over (s, *row);
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

G_END_DECLS
