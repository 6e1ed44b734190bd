/* ps-market-empty.h: why a market's series have nothing in a stretch of its
 * range, as far as the cache can prove it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-series.h"

G_BEGIN_DECLS

typedef enum
{
  PS_EMPTY_BEFORE_START,   /* fetched, and the venue has no row before detail_ms */
  PS_EMPTY_PAST_HORIZON,   /* the venue serves only the last detail_ms of this kind */
  PS_EMPTY_NOT_FETCHED,    /* not fetched yet: a load under way may fill it */
} PsEmptyReason;

/* A stretch [from_ms, to_ms) of the range where kind has no rows, and why. */
typedef struct
{
  gint64        from_ms;
  gint64        to_ms;
  PsSeriesKind  kind;
  PsEmptyReason reason;
  gint64        detail_ms;
} PsEmptySpan;

G_END_DECLS
