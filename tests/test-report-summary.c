/* test-report-summary.c: a report's title, range and summary against
 * numbers worked out by hand from a small market
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-render.h"
#include "ps-report.h"
#include "ps-test-util.h"

#define H  ((gint64) 3600 * 1000)
#define T0 G_GINT64_CONSTANT (1764547200000)   /* 2025-12-01 00:00 UTC */

typedef struct
{
  PsCandles      *candles;
  PsFunding      *funding;
  PsOpenInterest *open_interest;
  PsLiquidations *liquidations;
  PsReport        report;
} Fixture;

/* [T0, T0 + 24 h) of hourly candles: the first opens at 100, the last
 * closes at 125, the highest high is 130 and the lowest low 95; one candle
 * before and one after the range that must not count. Open interest $1.00M
 * an hour before the range, $1.10M within it, $1.20M at its last hour and
 * $5M after it. Funding every 8 h: 0.05 % before the range, then 0.01 %,
 * 0.04 % and 0.01 % (the last at the range's end). Liquidations: longs of
 * $1,000 and $2,500 and a short of $700 in the range, one of each side out
 * of it. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->candles = ps_candles_new (26);
  ps_candles_append (f->candles, T0 - H, 50, 500, 1, 60, 1, NAN);
  for (int i = 0; i < 24; i++)
    {
      double open = i == 0 ? 100 : 110;
      double close = i == 23 ? 125 : 110;

      ps_candles_append (f->candles, T0 + i * H, open, i == 7 ? 130 : 120, i == 3 ? 95 : 99,
                         close, 10, NAN);
    }
  ps_candles_append (f->candles, T0 + 24 * H, 125, 999, 1, 999, 1, NAN);

  f->open_interest = ps_open_interest_new (4);
  ps_open_interest_append (f->open_interest, T0 - H, NAN, 1.0e6);
  ps_open_interest_append (f->open_interest, T0 + 6 * H, NAN, 1.1e6);
  ps_open_interest_append (f->open_interest, T0 + 23 * H, NAN, 1.2e6);
  ps_open_interest_append (f->open_interest, T0 + 30 * H, NAN, 5.0e6);

  f->funding = ps_funding_new (5);
  ps_funding_append (f->funding, T0, 0.0005, NAN);
  ps_funding_append (f->funding, T0 + 8 * H, 0.0001, NAN);
  ps_funding_append (f->funding, T0 + 16 * H, 0.0004, NAN);
  ps_funding_append (f->funding, T0 + 24 * H, 0.0001, NAN);
  ps_funding_append (f->funding, T0 + 32 * H, 0.0090, NAN);

  f->liquidations = ps_liquidations_new (5);
  ps_liquidations_append (f->liquidations, T0 - 2 * H, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                          100, NAN, 1, 9999);
  ps_liquidations_append (f->liquidations, T0 + H, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                          100, NAN, 10, 1000);
  ps_liquidations_append (f->liquidations, T0 + 3 * H, PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE,
                          100, NAN, 7, 700);
  ps_liquidations_append (f->liquidations, T0 + 5 * H, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                          100, NAN, 25, 2500);
  ps_liquidations_append (f->liquidations, T0 + 24 * H, PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE,
                          100, NAN, 1, 5555);

  f->report = (PsReport) {
    .venue_name = "Binance",
    .symbol = "BTCUSDT",
    .interval = PS_INTERVAL_1H,
    .from_ms = T0,
    .to_ms = T0 + 24 * H,
    .candles = f->candles,
    .funding = f->funding,
    .open_interest = f->open_interest,
    .liquidations = f->liquidations,
  };
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->candles, ps_candles_unref);
  g_clear_pointer (&f->funding, ps_funding_unref);
  g_clear_pointer (&f->open_interest, ps_open_interest_unref);
  g_clear_pointer (&f->liquidations, ps_liquidations_unref);
}

/* The line of text that starts with label, without its line break. */
static char *
line_of (const char *text,
         const char *label)
{
  g_autofree char *head = g_strconcat (label, ": ", NULL);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], head))
      return g_strdup (lines[i]);
  g_error ("no line “%s” in:\n%s", head, text);
  return NULL;
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("“%s” is not in “%s”", needle, haystack);
}

/* The summary's numbers are the hand-computed ones, formatted as the panes
 * format them. */
static void
test_values (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *text = ps_report_summary_text (&f->report);
  g_autofree char *price = line_of (text, "Price");
  g_autofree char *oi = line_of (text, "Open interest");
  g_autofree char *funding = line_of (text, "Funding per 8 h");
  g_autofree char *liq = line_of (text, "Liquidations recorded");
  g_autofree char *high = ps_format_price (130);
  g_autofree char *low = ps_format_price (95);
  g_autofree char *last = ps_format_price (125);
  g_autofree char *oi_end = ps_format_usd_compact (1.2e6);
  g_autofree char *oi_start = ps_format_usd_compact (1.0e6);
  g_autofree char *oi_delta = ps_format_usd_compact (2.0e5);
  g_autofree char *longs = ps_format_usd_compact (3500);
  g_autofree char *shorts = ps_format_usd_compact (700);
  g_autofree char *expected = NULL;
  const char *sources;

  g_test_message ("%s", text);

  /* 100 → 125: +25 %. */
  expected = g_strdup_printf ("Price: last %s, +25.0%% over the range · high %s, low %s",
                              last, high, low);
  g_assert_cmpstr (price, ==, expected);
  g_clear_pointer (&expected, g_free);

  /* $1.00M (the sample before the range) → $1.20M: +$200K, +20 %. */
  expected = g_strdup_printf ("Open interest: %s, +20.0%% over the range · +%s from %s",
                              oi_end, oi_delta, oi_start);
  g_assert_cmpstr (oi, ==, expected);
  g_clear_pointer (&expected, g_free);

  /* The settlements of 8 h, 16 h and 24 h settle periods of the range:
   * (0.01 + 0.04 + 0.01) / 3 = 0.02 % each, × 3 × 365 = 21.9 % a year; the
   * last in the range (as its pane ends), 0.04 % at 16 h, is 43.8 % a year. */
  g_assert_cmpstr (funding, ==, "Funding per 8 h: mean 0.0200%, 21.9% a year · "
                                "last 0.0400%, 43.8% a year · 3 settlements");

  /* Longs 1,000 + 2,500 in two, a short of 700 in one. */
  expected = g_strdup_printf ("Liquidations recorded: longs %s (2) · shorts %s (1)",
                              longs, shorts);
  g_assert_cmpstr (liq, ==, expected);

  /* No analysis: no phase, zones, scores or verdict; the sources last. */
  g_assert_null (strstr (text, "\nPhase: "));
  g_assert_null (strstr (text, "Hot zones"));
  g_assert_null (strstr (text, "\nVerdict: "));
  g_assert_true (g_str_has_prefix (text, "Price: "));
  sources = strstr (text, "\nSources: ");
  g_assert_nonnull (sources);
  g_assert_true (strchr (sources + 1, '\n') == text + strlen (text) - 1);
}

/* Nothing recorded over the whole range, or no recordings at all: "not
 * recorded", not $0; over a part of it: what was, and the label says so. */
static void
test_not_recorded (Fixture       *f,
                   gconstpointer  data)
{
  PsTimeSpan all = { T0 - 10 * H, T0 + 30 * H };
  PsTimeSpan part = { T0 + 10 * H, T0 + 12 * H };
  PsReport report = f->report;
  g_autoptr(PsLiquidations) none = ps_liquidations_new (0);
  g_autofree char *text = NULL;
  g_autofree char *partly = NULL;
  g_autofree char *longs = ps_format_usd_compact (3500);
  g_autofree char *expected = NULL;

  report.liquidations = none;
  report.not_recorded = &all;
  report.n_not_recorded = 1;
  text = ps_report_summary_text (&report);
  assert_contains (text, "\nLiquidations recorded: not recorded\n");

  /* No recordings, and no word of when there were none: not recorded. */
  report.not_recorded = NULL;
  report.n_not_recorded = 0;
  report.liquidations = NULL;
  g_clear_pointer (&text, g_free);
  text = ps_report_summary_text (&report);
  assert_contains (text, "\nLiquidations recorded: not recorded\n");

  report.liquidations = f->liquidations;
  report.not_recorded = &part;
  report.n_not_recorded = 1;
  partly = ps_report_summary_text (&report);
  expected = g_strdup_printf ("\nLiquidations, partly recorded: longs %s (2) · ", longs);
  assert_contains (partly, expected);
}

/* Open interest the venue served only from inside the range (Binance's
 * 30 days): the change from the first sample, and when that was; the
 * sources say where it starts. */
static void
test_open_interest_since (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PsOpenInterest) oi = ps_open_interest_new (2);
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  g_autofree char *end = ps_format_usd_compact (0.9e6);
  g_autofree char *start = ps_format_usd_compact (1.0e6);
  g_autofree char *delta = ps_format_usd_compact (-1.0e5);
  g_autofree char *expected = NULL;
  PsReport report = f->report;

  ps_open_interest_append (oi, T0 + 26 * H, NAN, 1.0e6);
  ps_open_interest_append (oi, T0 + 70 * H, NAN, 0.9e6);
  report.open_interest = oi;
  report.to_ms = T0 + 72 * H;
  text = ps_report_summary_text (&report);
  line = line_of (text, "Open interest");
  expected = g_strdup_printf ("Open interest: %s, −10.0%% since the first sample · %s from %s "
                              "on 2025-12-02 02:00", end, delta, start);
  g_assert_cmpstr (line, ==, expected);
  assert_contains (text, "Open interest only from 2025-12-02 02:00 UTC.");
  assert_contains (text, "Binance keeps 30 days of open-interest history (openInterestHist).");

  /* None at all in the range. */
  report.open_interest = NULL;
  g_clear_pointer (&text, g_free);
  text = ps_report_summary_text (&report);
  assert_contains (text, "\nOpen interest: none in this range\n");
  assert_contains (text, "No open interest in this range.");
}

/* The sources name the venue and its caveats: Binance's one liquidation a
 * second, the open-interest horizons, the demo, several venues at once. */
static void
test_sources (Fixture       *f,
              gconstpointer  data)
{
  static const struct
  {
    const char *venue;
    gboolean    demo;
    const char *has[3];
    const char *lacks;
  } cases[] = {
    { "Binance", FALSE,
      { "from Binance’s public API", "at most one per second per symbol",
        "30 days of open-interest history" }, "Demo" },
    { "Hyperliquid", FALSE,
      { "Hyperliquid serves only the current open interest", "recorded while Perpscope "
        "listened: a lower bound", NULL }, "30 days" },
    { "BitMEX", FALSE, { "BitMEX serves only the current open interest", NULL, NULL }, "30 days" },
    { "OKX", FALSE, { "OKX keeps 60 days of open-interest history", NULL, NULL },
      "per second" },
    { "Bybit", FALSE, { "from Bybit’s public API", NULL, NULL }, "open-interest history" },
    { "All venues", FALSE,
      { "each venue’s public API", "Binance 30 days, OKX 60 days, BitMEX and Hyperliquid the "
        "current value only", "at most one per second per symbol" }, NULL },
    { "Binance", TRUE, { "Demo data: Binance BTCUSDT history", NULL, NULL }, "public API" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PsReport report = f->report;
      g_autofree char *text = NULL;
      g_autofree char *sources = NULL;

      report.venue_name = cases[i].venue;
      report.demo = cases[i].demo;
      text = ps_report_summary_text (&report);
      sources = line_of (text, "Sources");
      g_test_message ("%s", sources);
      for (guint k = 0; k < G_N_ELEMENTS (cases[i].has) && cases[i].has[k] != NULL; k++)
        assert_contains (sources, cases[i].has[k]);
      if (cases[i].lacks != NULL)
        g_assert_null (strstr (sources, cases[i].lacks));
      /* No analysis: no word of the model. */
      g_assert_null (strstr (sources, "model’s estimate"));
    }
}

/* The title says the market; the range is as chosen: whole days as dates,
 * whatever the candles' times, else both ends to the minute. */
static void
test_title (Fixture       *f,
            gconstpointer  data)
{
  const gint64 nov_20 = T0 - 11 * 24 * H, dec_17 = T0 + 16 * 24 * H;
  PsReport report = f->report;
  g_autofree char *title = NULL;
  g_autofree char *days = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *both = NULL;

  report.interval = PS_INTERVAL_4H;
  title = ps_report_title_text (&report);
  g_assert_cmpstr (title, ==, "Binance BTCUSDT · 4h");

  report.from_ms = nov_20;
  report.to_ms = dec_17;
  days = ps_report_range_text (&report);
  g_assert_cmpstr (days, ==, "2025-11-20 → 2025-12-17 UTC");

  /* A range ending now: to the minute at both ends, alike. */
  report.to_ms = dec_17 + 14 * H + 5 * 60 * 1000 + 31 * 1000;
  minutes = ps_report_range_text (&report);
  g_assert_cmpstr (minutes, ==, "2025-11-20 00:00 → 2025-12-17 14:05 UTC");

  report.from_ms = nov_20 + 4 * H;
  report.to_ms = dec_17 + 8 * H;
  both = ps_report_range_text (&report);
  g_assert_cmpstr (both, ==, "2025-11-20 04:00 → 2025-12-17 08:00 UTC");
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/perpscope/export/report-summary/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("values", test_values);
  ADD ("not-recorded", test_not_recorded);
  ADD ("open-interest-since", test_open_interest_since);
  ADD ("sources", test_sources);
  ADD ("title", test_title);
#undef ADD

  return g_test_run ();
}
