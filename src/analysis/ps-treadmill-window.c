/* ps-treadmill-window.c: the trailing windows the treadmill's medians and
 * open-interest rank are taken over
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ps-sort.h"
#include "ps-treadmill-private.h"

/* Medians and ranks look at this many samples at most (evenly spaced): a year
 * of 1m candles stays fast and the median of 4096 is as good a baseline. */
#define WINDOW_MAX_SAMPLES 4096

void
_ps_treadmill_window_init (PsTreadmillWindow *w,
                           const gint64      *t,
                           const double      *v,
                           guint              n,
                           gint64             window_ms,
                           gboolean           include_end,
                           gboolean           ranks)
{
  *w = (PsTreadmillWindow) {
    .t = t,
    .v = v,
    .n = n,
    .window_ms = window_ms,
    .include_end = include_end,
    .ranks = ranks,
    .refresh_ms = MAX (window_ms / 256, 1),
    .cached_at = G_MININT64,
    .median = NAN,
    .values = g_array_new (FALSE, FALSE, sizeof (double)),
  };
}

/* The k-th smallest of v (0-based), reordering v: O(n), where a full sort of
 * every window of a year of 1m candles took seconds. */
static double
ps_treadmill_select (double *v,
                     guint   n,
                     guint   k)
{
  guint lo = 0, hi = n - 1;

  while (lo < hi)
    {
      double pivot = v[lo + (hi - lo) / 2];
      guint i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              double swap = v[i];

              v[i] = v[j];
              v[j] = swap;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }
  return v[k];
}

#define PS_DOUBLE_LESS(a, b) ((a) < (b))
PS_DEFINE_SORT (ps_treadmill_sort_doubles, double, PS_DOUBLE_LESS)

/* The windows' sort: it was half of a treadmill run through g_array_sort ()
 * (a merge sort calling back per compare). Equal values are equal bits but
 * for ±0, which compare equal. */
void
_ps_treadmill_sort (double *v,
                    guint   n)
{
  ps_treadmill_sort_doubles (v, n);
}

/* The window's rows [lo, hi) at its last rebuild, taken: sampled evenly
 * to at most WINDOW_MAX_SAMPLES finite values, sorted or their median. */
static void
ps_treadmill_window_fill (PsTreadmillWindow *w)
{
  guint lo = w->lo, hi = w->hi, stride, n;
  double *v;

  if (!w->stale)
    return;
  w->stale = FALSE;
  stride = hi > lo ? MAX (1, (hi - lo) / WINDOW_MAX_SAMPLES) : 1;
  g_array_set_size (w->values, hi > lo ? (hi - lo + stride - 1) / stride : 0);
  v = (double *) w->values->data;
  n = 0;
  for (guint k = lo; k < hi; k += stride)
    if (isfinite (w->v[k]))
      v[n++] = w->v[k];
  g_array_set_size (w->values, n);

  if (w->ranks)
    _ps_treadmill_sort (v, n);
  else if (n > 0)
    {
      double upper = ps_treadmill_select (v, n, n / 2);

      /* After the selection v[0 … n/2) holds the lower half. */
      if (n % 2 == 0)
        {
          double lower = v[0];

          for (guint k = 1; k < n / 2; k++)
            lower = MAX (lower, v[k]);
          upper = (lower + upper) / 2;
        }
      w->median = upper;
    }
  if (n == 0)
    w->median = NAN;
}

/* Where the window now starts and ends is found at once (it decides the
 * next rebuild); its values are taken only when asked for: a run that
 * takes a candle's medians and rank from the run before (ps-treadmill-
 * facts.c) asks for none before the candles that changed. */
void
_ps_treadmill_window_update (PsTreadmillWindow *w,
                              gint64             t_ms)
{
  if (w->cached_at != G_MININT64 && t_ms - w->cached_at < w->refresh_ms
      && w->n_rows > 512)
    return;

  w->lo = ps_series_lower_bound (w->t, w->n, t_ms - w->window_ms);
  w->hi = ps_series_lower_bound (w->t, w->n, w->include_end ? t_ms + 1 : t_ms);
  w->n_rows = w->hi - w->lo;
  w->cached_at = t_ms;
  w->stale = TRUE;
}

double
_ps_treadmill_window_median (PsTreadmillWindow *w,
                             guint              min_count)
{
  ps_treadmill_window_fill (w);
  return w->values->len >= MAX (min_count, 1) ? w->median : NAN;
}

double
_ps_treadmill_window_rank (PsTreadmillWindow *w,
                           double             x,
                           guint              min_count)
{
  const double *s;
  guint n, lo = 0, hi;

  ps_treadmill_window_fill (w);
  s = (const double *) w->values->data;
  n = hi = w->values->len;
  if (n == 0 || n < min_count || !isfinite (x))
    return NAN;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (s[mid] <= x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (double) lo / n;
}

guint
_ps_treadmill_window_count (PsTreadmillWindow *w)
{
  ps_treadmill_window_fill (w);
  return w->values->len;
}

void
_ps_treadmill_window_clear (PsTreadmillWindow *w)
{
  g_clear_pointer (&w->values, g_array_unref);
}
