/* ps-math.h: arithmetic the renderers repeat per bar and per pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

/* round (): halves away from zero, the same double to the bit (NAN, the
 * infinities and −0 too), inlined. Without SSE4.1 GCC makes round () a call
 * into libm (~20 instructions with the PLT), and a zoomed-out frame rounds
 * a million bar edges; trunc (), fabs () and copysign () compile to a few
 * instructions. x − trunc (x) is exact: the fraction of x; adding a zero of
 * x's sign keeps −0. */
static inline double
ps_round (double x)
{
  double t = trunc (x);
  /* A select, not a branch: the fractions a frame rounds are as good as
   * random, and a branch on them mispredicted half the time. */
  double away = fabs (x - t) >= 0.5 ? 1.0 : 0.0;

  return t + copysign (away, x);
}
