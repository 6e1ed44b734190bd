/* ps-spot.h: spot beside the perpetual — the perpetual's share of volume
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure functions over the model's candles (no GTK, no I/O).
 */
#pragma once

#include "ps-series.h"

G_BEGIN_DECLS

/* The perpetual's share of the volume traded on both markets, in base units
 * (BTC for BTCUSDT on Binance, both markets): perp / (perp + spot) over the
 * candles that start in [from_ms, to_ms), cut to the time both series cover
 * (so a spot series that starts later does not count as no spot volume) and
 * to whole candles of the coarser interval (the two may differ). NAN when spot volume is missing or
 * zero there — a venue with no spot market, or one that reports none — since
 * the share is then not known, not 100 %. perp_volume and spot_volume (may be
 * NULL) receive the sums, NAN when there is no common time. */
double ps_perp_volume_share (const PsCandles *perp,
                             const PsCandles *spot,
                             gint64           from_ms,
                             gint64           to_ms,
                             double          *perp_volume,
                             double          *spot_volume);

G_END_DECLS
