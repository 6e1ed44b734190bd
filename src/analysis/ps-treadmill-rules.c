/* ps-treadmill-rules.c: the four phases' rules and their reasons in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each rule appends one sentence per condition that held, with the number
 * and its threshold, to the candle's reasons; the caller drops the sentences
 * of a rule that did not hold. Priority: flush > crowded > building > reset.
 * A rule decides on the numbers first and words them only when it holds:
 * every candle of every run is tried against all four, and a million
 * candles' worth of sentences formatted to be dropped was two fifths of an
 * analysis.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-treadmill-private.h"

#define DAY_MS  (G_GINT64_CONSTANT (86400000))
#define HOUR_MS (G_GINT64_CONSTANT (3600000))
#define MINUS   "\xe2\x88\x92"   /* U+2212, the minus sign readers expect */

char *
_ps_treadmill_format_duration (gint64 ms)
{
  if (ms >= 2 * DAY_MS && ms % DAY_MS == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days",
                                         (gulong) (ms / DAY_MS)), (guint) (ms / DAY_MS));
  if (ms >= HOUR_MS && ms % HOUR_MS == 0)
    /* Translators: a duration, "4 h": h, min, s abbreviate hour, minute, second */
    return g_strdup_printf (_("%u h"), (guint) (ms / HOUR_MS));
  if (ms >= 60000 && ms % 60000 == 0)
    return g_strdup_printf (_("%u min"), (guint) (ms / 60000));
  return g_strdup_printf (_("%.0f s"), ms / 1000.0);
}

char *
_ps_treadmill_format_day (gint64 t_ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t_ms / 1000);

  return dt ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("?");
}

char *
_ps_treadmill_format_time (gint64 t_ms)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t_ms / 1000);

  return dt ? g_date_time_format (dt, "%Y-%m-%d %H:%M UTC") : g_strdup ("?");
}

/* At most `decimals` decimals, trailing zeros dropped: "3", "0.015", "1.5". */
static char *
ps_treadmill_format_number (double   x,
                            int      decimals,
                            gboolean sign)
{
  g_autofree char *text = g_strdup_printf ("%.*f", decimals, fabs (x));
  char *dot = strchr (text, '.');

  if (dot == NULL)
    dot = strchr (text, ',');   /* a locale's decimal comma */
  if (dot != NULL)
    {
      char *end = text + strlen (text) - 1;

      while (end > dot && *end == '0')
        *end-- = '\0';
      if (end == dot)
        *end = '\0';
    }
  if (x < 0 && strcmp (text, "0") != 0)
    return g_strconcat (MINUS, text, NULL);
  return g_strconcat (sign && strcmp (text, "0") != 0 ? "+" : "", text, NULL);
}

/* "+1.2 %", "−7.9 %" */
static char *
ps_treadmill_format_pct (double x,
                         int    decimals)
{
  g_autofree char *num = ps_treadmill_format_number (x, decimals, TRUE);

  return g_strdup_printf ("%s %%", num);
}

/* "0.5 %": thresholds and shares that have no sign */
static char *
ps_treadmill_format_share (double x,
                           int    decimals)
{
  g_autofree char *num = ps_treadmill_format_number (x, decimals, FALSE);

  return g_strdup_printf ("%s %%", num);
}

/* A funding fraction as a signed percentage: 0.00021 → "+0.021 %". */
static char *
ps_treadmill_format_rate (double rate)
{
  return ps_treadmill_format_pct (rate * 100, 4);
}

static char *
ps_treadmill_format_usd (double usd)
{
  if (fabs (usd) >= 1e9)
    return g_strdup_printf ("$%.1f B", usd / 1e9);
  if (fabs (usd) >= 1e6)
    return g_strdup_printf (fabs (usd) >= 1e8 ? "$%.0f M" : "$%.1f M", usd / 1e6);
  if (fabs (usd) >= 1e3)
    return g_strdup_printf ("$%.0f k", usd / 1e3);
  return g_strdup_printf ("$%.0f", usd);
}

static char *
ps_treadmill_format_multiple (double x)
{
  g_autofree char *num = NULL;

  if (isinf (x))
    return g_strdup ("\xe2\x88\x9e\xc3\x97");   /* ∞×: against a zero median */
  num = ps_treadmill_format_number (x, x >= 10 ? 0 : 1, FALSE);
  return g_strdup_printf ("%s\xc3\x97", num);   /* × */
}

static void
ps_treadmill_sentence (GString    *reasons,
                       const char *sentence)
{
  if (reasons->len > 0)
    g_string_append_c (reasons, '\n');
  g_string_append (reasons, sentence);
}

/* The liquidation spike, or its stand-in where none were recorded; with
 * reasons NULL, only whether it held. */
static gboolean
ps_treadmill_spike (const PsTreadmillParams *p,
                    const PsTreadmillFacts  *f,
                    GString                 *reasons,
                    double                  *strength)
{
  g_autofree char *baseline = NULL;
  g_autofree char *sentence = NULL;

  if (f->recorded && isfinite (f->liq_median))
    {
      double multiple = f->liq_median > 0 ? f->liq_usd / f->liq_median : (f->liq_usd > 0 ? INFINITY : 0);
      double share = f->oi_usd > 0 ? f->liq_usd / f->oi_usd * 100 : NAN;
      g_autofree char *usd = NULL, *median = NULL, *times = NULL, *need = NULL;
      g_autofree char *share_text = NULL, *share_need = NULL;

      /* Without open interest a zero median would make any event a spike. */
      if (multiple < p->flush_liq_multiple
          || (isfinite (share) ? share < p->flush_liq_oi_share : !(f->liq_median > 0)))
        return FALSE;
      *strength = isfinite (multiple) ? multiple : f->liq_usd;
      if (reasons == NULL)
        return TRUE;
      baseline = _ps_treadmill_format_duration (p->baseline_ms);
      usd = ps_treadmill_format_usd (f->liq_usd);
      median = ps_treadmill_format_usd (f->liq_median);
      times = ps_treadmill_format_multiple (multiple);
      need = ps_treadmill_format_multiple (p->flush_liq_multiple);
      share_text = ps_treadmill_format_share (share, 2);
      share_need = ps_treadmill_format_share (p->flush_liq_oi_share, 2);
      if (isfinite (share))
        sentence = g_strdup_printf (_("Liquidations %s in this candle, %s the median of the past %s (%s) (≥ %s), %s of open interest (≥ %s)"),
                                    usd, times, baseline, median, need, share_text, share_need);
      else
        sentence = g_strdup_printf (_("Liquidations %s in this candle, %s the median of the past %s (%s) (≥ %s); their share of open interest is not known"),
                                    usd, times, baseline, median, need);
    }
  else
    {
      g_autofree char *vol = NULL, *range = NULL, *body = NULL;
      g_autofree char *vol_need = NULL, *range_need = NULL, *body_need = NULL;

      if (!(f->volume_ratio >= p->standin_volume_multiple && f->range_ratio >= p->standin_range_multiple
            && f->body_ratio >= p->standin_body_multiple))
        return FALSE;
      *strength = f->volume_ratio;
      if (reasons == NULL)
        return TRUE;
      baseline = _ps_treadmill_format_duration (p->baseline_ms);
      vol = ps_treadmill_format_multiple (f->volume_ratio);
      range = ps_treadmill_format_multiple (f->range_ratio);
      body = ps_treadmill_format_multiple (f->body_ratio);
      vol_need = ps_treadmill_format_multiple (p->standin_volume_multiple);
      range_need = ps_treadmill_format_multiple (p->standin_range_multiple);
      body_need = ps_treadmill_format_multiple (p->standin_body_multiple);
      sentence = g_strdup_printf (f->recorded
                                  ? _("Too few recorded candles for a liquidation median; stand-in: volume %s and range %s their medians of the past %s (≥ %s and ≥ %s), move %s the median range (≥ %s)")
                                  : _("Liquidations not recorded here; stand-in: volume %s and range %s their medians of the past %s (≥ %s and ≥ %s), move %s the median range (≥ %s)"),
                                  vol, range, baseline, vol_need, range_need, body, body_need);
    }
  ps_treadmill_sentence (reasons, sentence);
  return TRUE;
}

static gboolean
ps_treadmill_flush (const PsTreadmillParams *p,
                    const PsTreadmillFacts  *f,
                    GString                 *reasons,
                    double                  *strength)
{
  enum { OI_DROP, OI_FALLING, OI_UNKNOWN, OI_NOT_FALLING } oi;
  g_autofree char *sentence = NULL;

  /* The spike decided, then open interest, then both worded in that order. */
  if (!ps_treadmill_spike (p, f, NULL, strength))
    return FALSE;
  oi = isfinite (f->oi_drop_pct) && f->oi_drop_pct <= -p->flush_oi_pct ? OI_DROP
       : isfinite (f->oi_candle_pct) && f->oi_candle_pct < 0 ? OI_FALLING
       : !isfinite (f->oi_drop_pct) && !isfinite (f->oi_candle_pct) ? OI_UNKNOWN
       : OI_NOT_FALLING;
  if (oi == OI_NOT_FALLING)
    return FALSE;
  ps_treadmill_spike (p, f, reasons, strength);
  if (oi == OI_DROP)
    {
      g_autofree char *lookback = _ps_treadmill_format_duration (p->lookback_ms);
      g_autofree char *drop = ps_treadmill_format_pct (f->oi_drop_pct, 1);
      g_autofree char *need = ps_treadmill_format_pct (-p->flush_oi_pct, 2);
      g_autofree char *after = _ps_treadmill_format_duration (p->lookback_ms / 2);

      /* Translators: open interest −4.8 % from its high of the past 24 h to its low in the 12 h after */
      sentence = g_strdup_printf (_("Open interest %s from its high of the past %s to its low in the %s after (≤ %s)"),
                                  drop, lookback, after, need);
    }
  else if (oi == OI_FALLING)
    {
      g_autofree char *change = ps_treadmill_format_pct (f->oi_candle_pct, 2);

      sentence = g_strdup_printf (_("Open interest %s across the candle (falling)"), change);
    }
  else
    sentence = g_strdup (_("Open interest not available: the spike alone decides"));
  ps_treadmill_sentence (reasons, sentence);
  return TRUE;
}

static void
ps_treadmill_funding_sentence (const PsTreadmillFacts *f,
                               double                  threshold,
                               GString                *reasons)
{
  g_autofree char *rate = ps_treadmill_format_rate (f->funding);
  g_autofree char *need = ps_treadmill_format_rate (threshold);
  g_autofree char *sentence = g_strdup_printf (_("Funding %s per 8 h (≥ %s)"), rate, need);

  ps_treadmill_sentence (reasons, sentence);
}

static gboolean
ps_treadmill_crowded (const PsTreadmillParams *p,
                      const PsTreadmillFacts  *f,
                      GString                 *reasons)
{
  g_autofree char *baseline = NULL;
  g_autofree char *sentence = NULL;

  if (!(f->funding >= p->funding_high && f->oi_rank >= p->oi_high_rank))
    return FALSE;
  baseline = _ps_treadmill_format_duration (p->baseline_ms);
  ps_treadmill_funding_sentence (f, p->funding_high, reasons);
  /* Translators: a percentile (0–100), how many samples, a duration ("30 d"),
   * the threshold percentile */
  sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Open interest at percentile %.0f of its %u sample "
                                           "of the past %s (≥ %.0f)",
                                           "Open interest at percentile %.0f of its %u samples "
                                           "of the past %s (≥ %.0f)", f->oi_rank_n),
                              f->oi_rank * 100, f->oi_rank_n, baseline, p->oi_high_rank * 100);
  ps_treadmill_sentence (reasons, sentence);
  return TRUE;
}

static gboolean
ps_treadmill_building (const PsTreadmillParams *p,
                       const PsTreadmillFacts  *f,
                       GString                 *reasons)
{
  g_autofree char *lookback = NULL, *price = NULL, *price_need = NULL;
  g_autofree char *oi = NULL, *oi_need = NULL;
  g_autofree char *s_price = NULL, *s_oi = NULL;
  gboolean turning;

  /* "Turning positive": at the threshold, or risen by it over the lookback to
   * above zero (from negative funding, a rise is the turn). */
  turning = f->funding >= p->funding_positive
            || (f->funding > 0 && f->funding - f->funding_before >= p->funding_positive);
  if (!(f->price_pct >= p->build_price_pct && f->oi_pct >= p->build_oi_pct && turning))
    return FALSE;
  lookback = _ps_treadmill_format_duration (p->lookback_ms);
  price = ps_treadmill_format_pct (f->price_pct, 1);
  price_need = ps_treadmill_format_pct (p->build_price_pct, 2);
  oi = ps_treadmill_format_pct (f->oi_pct, 1);
  oi_need = ps_treadmill_format_pct (p->build_oi_pct, 2);
  s_price = g_strdup_printf (_("Price %s over %s (≥ %s)"), price, lookback, price_need);
  ps_treadmill_sentence (reasons, s_price);
  s_oi = g_strdup_printf (_("Open interest %s over %s (≥ %s)"), oi, lookback, oi_need);
  ps_treadmill_sentence (reasons, s_oi);
  if (f->funding >= p->funding_positive)
    ps_treadmill_funding_sentence (f, p->funding_positive, reasons);
  else
    {
      g_autofree char *from = ps_treadmill_format_rate (f->funding_before);
      g_autofree char *to = ps_treadmill_format_rate (f->funding);
      g_autofree char *need = ps_treadmill_format_rate (p->funding_positive);
      g_autofree char *s = g_strdup_printf (_("Funding rising from %s to %s per 8 h over %s (a rise ≥ %s)"),
                                            from, to, lookback, need);
      ps_treadmill_sentence (reasons, s);
    }
  return TRUE;
}

typedef enum { BREAKER_NOT_HELD, BREAKER_HELD, BREAKER_UNKNOWN } PsBreaker;

/* A breaker's line appended to lines: its numbers (text, owned), then
 * whether it held. */
static void
ps_treadmill_breaker_line (GString    *lines,
                           PsBreaker   state,
                           char       *text)   /* (transfer full) */
{
  g_autofree char *owned = text;
  g_autofree char *line = NULL;

  if (state == BREAKER_UNKNOWN)
    line = g_strdup (owned);
  else
    /* TRANSLATORS: a circuit breaker's numbers, then whether it held */
    line = g_strdup_printf (_("%s: %s"), owned, state == BREAKER_HELD ? _("held") : _("not held"));
  ps_treadmill_sentence (lines, line);
}

/* Each breaker decides its state first and, given lines (else NULL: the
 * state only), words it. */

static PsBreaker
ps_treadmill_breaker_oi (const PsTreadmillParams *p,
                         const PsTreadmillFacts  *f,
                         GString                 *lines)
{
  PsBreaker state = isfinite (f->oi_pct) ? (f->oi_pct <= 0 ? BREAKER_HELD : BREAKER_NOT_HELD)
                                         : BREAKER_UNKNOWN;
  g_autofree char *lookback = NULL, *oi = NULL;

  if (lines == NULL)
    return state;
  if (state == BREAKER_UNKNOWN)
    ps_treadmill_breaker_line (lines, state,
                               g_strdup (_("Open interest declining: not known (no open interest here)")));
  else
    {
      lookback = _ps_treadmill_format_duration (p->lookback_ms);
      oi = ps_treadmill_format_pct (f->oi_pct, 1);
      ps_treadmill_breaker_line (lines, state,
                                 g_strdup_printf (_("Open interest declining: %s over %s (≤ 0 %%)"),
                                                  oi, lookback));
    }
  return state;
}

static PsBreaker
ps_treadmill_breaker_funding (const PsTreadmillParams *p,
                              const PsTreadmillFacts  *f,
                              GString                 *lines)
{
  PsBreaker state = isfinite (f->funding)
                    ? (fabs (f->funding) <= p->neutral_funding ? BREAKER_HELD : BREAKER_NOT_HELD)
                    : BREAKER_UNKNOWN;
  g_autofree char *rate = NULL, *need = NULL;

  if (lines == NULL)
    return state;
  if (state == BREAKER_UNKNOWN)
    ps_treadmill_breaker_line (lines, state,
                               g_strdup (_("Funding back to neutral: not known (no funding here)")));
  else
    {
      rate = ps_treadmill_format_rate (f->funding);
      need = ps_treadmill_format_share (p->neutral_funding * 100, 4);
      ps_treadmill_breaker_line (lines, state,
                                 g_strdup_printf (_("Funding back to neutral: %s per 8 h (|rate| ≤ %s)"),
                                                  rate, need));
    }
  return state;
}

static PsBreaker
ps_treadmill_breaker_fade (const PsTreadmillParams *p,
                           const PsTreadmillFacts  *f,
                           GString                 *lines)
{
  gboolean liq = f->recorded && isfinite (f->liq_median);
  PsBreaker state = liq ? (f->liq_usd <= p->fade_liq_multiple * f->liq_median ? BREAKER_HELD
                                                                              : BREAKER_NOT_HELD)
                  : isfinite (f->volume_ratio) ? (f->volume_ratio <= p->fade_liq_multiple
                                                  ? BREAKER_HELD : BREAKER_NOT_HELD)
                  : BREAKER_UNKNOWN;
  g_autofree char *baseline = NULL, *need = NULL, *usd = NULL, *times = NULL, *vol = NULL;

  if (lines == NULL)
    return state;
  if (state == BREAKER_UNKNOWN)
    {
      ps_treadmill_breaker_line (lines, state,
                                 g_strdup (_("Liquidations fading: not known (too little history for a median)")));
      return state;
    }
  baseline = _ps_treadmill_format_duration (p->baseline_ms);
  need = ps_treadmill_format_multiple (p->fade_liq_multiple);
  if (liq)
    {
      usd = ps_treadmill_format_usd (f->liq_usd);
      times = ps_treadmill_format_multiple (f->liq_median > 0 ? f->liq_usd / f->liq_median : 0);
      ps_treadmill_breaker_line (lines, state,
                                 g_strdup_printf (_("Liquidations fading: %s, %s the median of the past %s (≤ %s)"),
                                                  usd, times, baseline, need));
    }
  else
    {
      vol = ps_treadmill_format_multiple (f->volume_ratio);
      ps_treadmill_breaker_line (lines, state,
                                 g_strdup_printf (_("Liquidations fading: not recorded here; stand-in: volume %s its median of the past %s (≤ %s)"),
                                                  vol, baseline, need));
    }
  return state;
}

static PsBreaker
ps_treadmill_breaker_spot (const PsTreadmillParams *p,
                           const PsTreadmillFacts  *f,
                           GString                 *lines)
{
  PsBreaker state = !isfinite (f->spot_premium) ? BREAKER_UNKNOWN
                    : f->spot_premium >= p->spot_bid_pct ||
                      (isfinite (f->spot_lead) && f->spot_lead >= p->spot_bid_pct) ? BREAKER_HELD
                    : BREAKER_NOT_HELD;
  g_autofree char *lookback = NULL, *premium = NULL, *need = NULL, *lead = NULL;

  if (lines == NULL)
    return state;
  if (state == BREAKER_UNKNOWN)
    {
      ps_treadmill_breaker_line (lines, state,
                                 g_strdup (_("Spot bid: not known (no spot candles here)")));
      return state;
    }
  premium = ps_treadmill_format_pct (f->spot_premium, 3);
  need = ps_treadmill_format_share (p->spot_bid_pct, 3);
  if (!isfinite (f->spot_lead))
    {
      ps_treadmill_breaker_line (lines, state,
                                 g_strdup_printf (_("Spot bid: spot %s against the perp (≥ %s)"),
                                                  premium, need));
      return state;
    }
  lookback = _ps_treadmill_format_duration (p->lookback_ms);
  lead = ps_treadmill_format_pct (f->spot_lead, 2);
  ps_treadmill_breaker_line (lines, state,
                             g_strdup_printf (_("Spot bid: spot %s against the perp, %s against it over %s (either ≥ %s)"),
                                              premium, lead, lookback, need));
  return state;
}

/* The four circuit breakers' states into b, their lines onto lines (NULL:
 * the states only). */
static void
ps_treadmill_breakers (const PsTreadmillParams *p,
                       const PsTreadmillFacts  *f,
                       GString                 *lines,
                       PsBreaker                b[4])
{
  b[0] = ps_treadmill_breaker_oi (p, f, lines);
  b[1] = ps_treadmill_breaker_funding (p, f, lines);
  b[2] = ps_treadmill_breaker_fade (p, f, lines);
  b[3] = ps_treadmill_breaker_spot (p, f, lines);
}

static gboolean
ps_treadmill_reset (const PsTreadmillParams *p,
                    const PsTreadmillFacts  *f,
                    gint64                   end_ms,
                    gint64                   last_flush_end_ms,
                    GString                 *reasons)
{
  g_autoptr(GString) lines = NULL;
  g_autofree char *since = NULL, *window = NULL, *flush_at = NULL, *head = NULL;
  guint held = 0, known = 0;
  PsBreaker b[4];

  if (last_flush_end_ms == G_MININT64 || end_ms <= last_flush_end_ms
      || end_ms - last_flush_end_ms > p->reset_window_ms)
    return FALSE;

  ps_treadmill_breakers (p, f, NULL, b);
  for (guint k = 0; k < G_N_ELEMENTS (b); k++)
    {
      held += b[k] == BREAKER_HELD;
      known += b[k] != BREAKER_UNKNOWN;
    }
  /* Three of four; with one not known, the three known ones. */
  if (held < 3)
    return FALSE;

  lines = g_string_new (NULL);
  ps_treadmill_breakers (p, f, lines, b);
  since = _ps_treadmill_format_duration (end_ms - last_flush_end_ms);
  window = _ps_treadmill_format_duration (p->reset_window_ms);
  flush_at = _ps_treadmill_format_time (last_flush_end_ms);
  head = g_strdup_printf (_("%s after a flush ending %s (within %s); %u of %u circuit breakers held (%u known, 3 needed):"),
                          since, flush_at, window, held, (guint) G_N_ELEMENTS (b), known);
  ps_treadmill_sentence (reasons, head);
  ps_treadmill_sentence (reasons, lines->str);
  return TRUE;
}

PsPhase
_ps_treadmill_classify (const PsTreadmillParams *params,
                        const PsTreadmillFacts  *f,
                        gint64                   end_ms,
                        gint64                   last_flush_end_ms,
                        GString                 *reasons,
                        double                  *strength)
{
  g_string_truncate (reasons, 0);
  *strength = 0;
  if (!f->valid)
    return PS_PHASE_NONE;
  if (ps_treadmill_flush (params, f, reasons, strength))
    return PS_PHASE_FLUSH;
  g_string_truncate (reasons, 0);
  if (ps_treadmill_crowded (params, f, reasons))
    return PS_PHASE_CROWDED;
  g_string_truncate (reasons, 0);
  if (ps_treadmill_building (params, f, reasons))
    return PS_PHASE_BUILDING;
  g_string_truncate (reasons, 0);
  if (ps_treadmill_reset (params, f, end_ms, last_flush_end_ms, reasons))
    return PS_PHASE_RESET;
  g_string_truncate (reasons, 0);
  return PS_PHASE_NONE;
}
