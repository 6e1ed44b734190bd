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
 * instructions. x − trunc (x) is exact: the fraction of x. */
static inline double
ps_round (double x)
{
  double t = trunc (x);

  if (fabs (x - t) >= 0.5)
    t += copysign (1.0, x);
  return t;
}
