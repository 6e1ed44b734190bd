/* ps-demo.h: the demo market compiled into the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ps-series.h"

G_BEGIN_DECLS

/* Real Binance BTCUSDT perpetual data, Oct–Dec 2025: 4h candles, 8h funding
 * settlements and daily open interest (2025-11-07 → 2025-12-17 only). */
#define PS_DEMO_VENUE    "binance"
#define PS_DEMO_VENUE_NAME "Binance"
#define PS_DEMO_SYMBOL   "BTCUSDT"
#define PS_DEMO_INTERVAL PS_INTERVAL_4H

typedef struct
{
  PsCandles      *candles;
  PsFunding      *funding;
  PsOpenInterest *open_interest;
  gint64          from_ms;     /* first candle */
  gint64          to_ms;       /* end of the last candle */
} PsDemo;

/* Parsed once from the GResource and shared; never NULL once resources are
 * registered (a broken build aborts loudly: it is our own data). */
const PsDemo *ps_demo_get           (void);

G_END_DECLS
