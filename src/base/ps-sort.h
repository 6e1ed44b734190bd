/* ps-sort.h: an in-place quicksort made for one element type and order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_qsort_with_data () is a merge sort that calls back for every compare;
 * the analysis sorts windows of thousands of values per candle and ranks of
 * a million per score, where that call was most of the time. This makes a
 * static function with the order inlined:
 *
 *   #define LESS(a, b) ((a).v < (b).v)
 *   PS_DEFINE_SORT (sort_pairs, Pair, LESS)
 *
 * sort_pairs (v, n) orders v[0 … n) so that no element is LESS than the one
 * before it. LESS must be a strict weak order (no NAN among doubles). Not
 * stable: where equal elements' order matters, it is not for this. A median
 * of three for the pivot, equal elements split evenly (sorted, reversed or
 * all-equal input stays n log n), insertion below 16 elements, and the
 * smaller side sorted first so that the stack stays logarithmic.
 */
#pragma once

#include <glib.h>

#define PS_DEFINE_SORT(name, type, less)                                          \
  static void                                                                     \
  name (type  *v,                                                                 \
        gsize  n)                                                                 \
  {                                                                               \
    while (n > 16)                                                                \
      {                                                                           \
        type a = v[0], b = v[n / 2], c = v[n - 1], pivot, swap;                   \
        gsize i = 0, j = n - 1;                                                   \
                                                                                  \
        if (less (b, a))                                                          \
          swap = a, a = b, b = swap;                                              \
        if (less (c, b))                                                          \
          b = less (c, a) ? a : c;                                                \
        pivot = b;                                                                \
        for (;;)                                                                  \
          {                                                                       \
            while (less (v[i], pivot))                                            \
              i++;                                                                \
            while (less (pivot, v[j]))                                            \
              j--;                                                                \
            if (i >= j)                                                           \
              break;                                                              \
            swap = v[i], v[i] = v[j], v[j] = swap;                                \
            i++, j--;                                                             \
          }                                                                       \
        /* [0, j] ≤ pivot ≤ [j + 1, n) */                                         \
        if (j + 1 < n - (j + 1))                                                  \
          {                                                                       \
            name (v, j + 1);                                                      \
            v += j + 1, n -= j + 1;                                               \
          }                                                                       \
        else                                                                      \
          {                                                                       \
            name (v + j + 1, n - (j + 1));                                        \
            n = j + 1;                                                            \
          }                                                                       \
      }                                                                           \
    for (gsize i = 1; i < n; i++)                                                 \
      {                                                                           \
        type x = v[i];                                                            \
        gsize k = i;                                                              \
                                                                                  \
        for (; k > 0 && less (x, v[k - 1]); k--)                                  \
          v[k] = v[k - 1];                                                        \
        v[k] = x;                                                                 \
      }                                                                           \
  }
