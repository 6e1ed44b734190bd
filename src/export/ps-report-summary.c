/* ps-report-summary.c: what a report says in words — the market over the
 * range, the analysis, the verdict and the sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each cell of the summary's grid is a label over a few lines, the most
 * telling first, so that a small image may show fewer of them; the text of
 * the summary (SVG <desc>, PDF subject, tests) joins all of every cell.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-period-summary.h"
#include "ps-report-private.h"
#include "ps-time.h"

#define HOUR_MS ((gint64) 3600 * 1000)
#define YEAR_MS ((gint64) 365 * 24 * HOUR_MS)

/* The last candle of the range: what "the end" and "the last price" mean. */
static gboolean
ps_report_summary_last_candle (const PsReport *report,
                               guint          *index)
{
  const PsCandles *c = report->candles;
  guint first, end;

  if (c == NULL || c->n == 0)
    return FALSE;
  first = ps_series_lower_bound (c->t_ms, c->n, report->from_ms);
  end = ps_series_lower_bound (c->t_ms, c->n, report->to_ms);
  if (end <= first)
    return FALSE;
  *index = end - 1;
  return TRUE;
}

/* "+1.2%", "−3.4%": a change in percent, its sign always shown. */
static char *
ps_report_signed_pct (double pct)
{
  g_autofree char *num = ps_format_percent (fabs (pct) / 100.0, 1);

  return g_strdup_printf ("%s%s", pct >= 0 ? "+" : "\u2212", num);
}

/* "+$1.24B", "−$555M" */
static char *
ps_report_signed_usd (double usd)
{
  g_autofree char *num = ps_format_usd_compact (usd);

  return usd > 0 ? g_strconcat ("+", num, NULL) : g_steal_pointer (&num);
}

static void
ps_report_summary_set (PsReportSummary *summary,
                       PsReportCell     cell,
                       const char      *label,
                       GPtrArray       *lines)
{
  summary->labels[cell] = g_strdup (label);
  g_ptr_array_add (lines, NULL);
  summary->lines[cell] = (GStrv) g_ptr_array_free (lines, FALSE);
}

static GPtrArray *
ps_report_lines_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

/* The numbers of the range as the side panel computes them. */
static void
ps_report_period_summary (const PsReport  *report,
                          PsPeriodSummary *s)
{
  g_autoptr(PsMarketSnapshot) snapshot = NULL;
  g_autoptr(GArray) not_recorded = g_array_new (FALSE, FALSE, sizeof (PsRange));

  for (guint i = 0; report->not_recorded != NULL && i < report->n_not_recorded; i++)
    {
      PsRange r = { report->not_recorded[i].from_ms, report->not_recorded[i].to_ms };

      g_array_append_val (not_recorded, r);
    }
  snapshot = ps_market_snapshot_new ("", report->symbol ? report->symbol : "", report->interval,
                                     report->from_ms, report->to_ms, report->candles, NULL,
                                     report->funding, report->open_interest,
                                     report->liquidations, not_recorded);
  ps_period_summary_init (s, snapshot, NULL, report->from_ms, report->to_ms);
}

static void
ps_report_summary_price (PsReportSummary       *summary,
                         const PsPeriodSummary *s)
{
  GPtrArray *lines = ps_report_lines_new ();

  if (s->n_candles > 0)
    {
      g_autofree char *last = ps_format_price (s->close);
      g_autofree char *change = ps_report_signed_pct (s->change_pct);
      g_autofree char *high = ps_format_price (s->high);
      g_autofree char *low = ps_format_price (s->low);

      /* TRANSLATORS: "last 63,287.1, −12.3% over the range" */
      g_ptr_array_add (lines, g_strdup_printf (_("last %s, %s over the range"), last, change));
      /* TRANSLATORS: the range's highest and lowest price */
      g_ptr_array_add (lines, g_strdup_printf (_("high %s, low %s"), high, low));
    }
  else
    g_ptr_array_add (lines, g_strdup (_("no price in this range")));
  ps_report_summary_set (summary, PS_REPORT_CELL_PRICE, _("Price"), lines);
}

/* The first finite sample in [from_ms, to_ms): where a change is measured
 * from when the venue served none before the range (Binance's 30 days). */
static int
ps_report_first_oi (const PsOpenInterest *oi,
                    gint64                from_ms,
                    gint64                to_ms)
{
  for (guint i = ps_series_lower_bound (oi->t_ms, oi->n, from_ms);
       i < oi->n && oi->t_ms[i] < to_ms; i++)
    if (isfinite (oi->usd[i]))
      return (int) i;
  return -1;
}

static void
ps_report_summary_open_interest (PsReportSummary       *summary,
                                 const PsReport        *report,
                                 const PsPeriodSummary *s)
{
  const PsOpenInterest *oi = report->open_interest;
  GPtrArray *lines = ps_report_lines_new ();
  g_autofree char *since = NULL;
  double start = s->oi_start_usd, delta = s->oi_delta_usd, pct = s->oi_delta_pct;
  int first;

  /* None served before the range: the change from its first sample on. */
  if (!isfinite (start) && isfinite (s->oi_end_usd) && oi != NULL &&
      (first = ps_report_first_oi (oi, report->from_ms, report->to_ms)) >= 0 &&
      ps_series_lower_bound (oi->t_ms, oi->n, report->to_ms + 1) > (guint) first + 1)
    {
      start = oi->usd[first];
      delta = s->oi_end_usd - start;
      pct = start != 0 ? delta / start * 100.0 : NAN;
      since = ps_time_format_utc (oi->t_ms[first]);
    }

  if (!isfinite (s->oi_end_usd))
    g_ptr_array_add (lines, g_strdup (_("none in this range")));
  else if (!isfinite (delta))
    {
      g_autofree char *end = ps_format_usd_compact (s->oi_end_usd);

      g_ptr_array_add (lines, g_strdup (end));
      g_ptr_array_add (lines, g_strdup (_("one sample: no change measured")));
    }
  else
    {
      g_autofree char *end = ps_format_usd_compact (s->oi_end_usd);
      g_autofree char *change = isfinite (pct) ? ps_report_signed_pct (pct) : g_strdup ("\u2014");
      g_autofree char *usd = ps_report_signed_usd (delta);
      g_autofree char *from = ps_format_usd_compact (start);

      /* TRANSLATORS: "$7.78B, −6.7% over the range" */
      g_ptr_array_add (lines, g_strdup_printf (since ? _("%s, %s since the first sample")
                                                     : _("%s, %s over the range"), end, change));
      if (since != NULL)
        /* TRANSLATORS: "−$555M from $8.34B on 2025-11-25" */
        g_ptr_array_add (lines, g_strdup_printf (_("%s from %s on %s"), usd, from, since));
      else
        /* TRANSLATORS: "−$555M from $8.34B" */
        g_ptr_array_add (lines, g_strdup_printf (_("%s from %s"), usd, from));
    }
  ps_report_summary_set (summary, PS_REPORT_CELL_OPEN_INTEREST, _("Open interest"), lines);
}

/* "Funding per 8 h": the settlement period, when whole hours. */
static char *
ps_report_funding_label (gint64 spacing_ms)
{
  if (spacing_ms > 0 && spacing_ms % HOUR_MS == 0)
    /* TRANSLATORS: "Funding per 8 h": the rate paid each settlement */
    return g_strdup_printf (_("Funding per %d h"), (int) (spacing_ms / HOUR_MS));
  return g_strdup (_("Funding per settlement"));
}

/* "0.0040%, 4.4% a year" */
static char *
ps_report_funding_rate (double  rate,
                        gint64  spacing_ms)
{
  g_autofree char *per = ps_format_percent (rate, 4);
  g_autofree char *year = ps_format_percent (rate * ((double) YEAR_MS / (double) spacing_ms), 1);

  /* TRANSLATORS: "0.0040%, 4.4% a year": a rate per settlement, annualised */
  return g_strdup_printf (_("%s, %s a year"), per, year);
}

static void
ps_report_summary_funding (PsReportSummary       *summary,
                           const PsReport        *report,
                           const PsPeriodSummary *s)
{
  const PsFunding *f = report->funding;
  GPtrArray *lines = ps_report_lines_new ();
  g_autofree char *label = ps_report_funding_label (s->funding_spacing_ms);

  if (s->n_funding > 0 && s->funding_spacing_ms > 0)
    {
      /* The last settlement in the range, the one its funding pane ends
       * with. */
      guint end = ps_series_lower_bound (f->t_ms, f->n, report->to_ms);
      g_autofree char *mean = ps_report_funding_rate (s->funding_mean, s->funding_spacing_ms);

      /* TRANSLATORS: "mean 0.0040%, 4.4% a year" */
      g_ptr_array_add (lines, g_strdup_printf (_("mean %s"), mean));
      while (end > 0 && !isfinite (f->rate[end - 1]))
        end--;
      if (end > 0)
        {
          g_autofree char *last = ps_report_funding_rate (f->rate[end - 1], s->funding_spacing_ms);

          /* TRANSLATORS: "last 0.0059%, 6.5% a year": the latest settlement */
          g_ptr_array_add (lines, g_strdup_printf (_("last %s"), last));
        }
      /* TRANSLATORS: how many settlements the mean is of */
      g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u settlement",
                                                            "%u settlements", s->n_funding),
                                               s->n_funding));
    }
  else
    g_ptr_array_add (lines, g_strdup (_("none in this range")));
  ps_report_summary_set (summary, PS_REPORT_CELL_FUNDING, label, lines);
}

static void
ps_report_summary_liquidations (PsReportSummary       *summary,
                                const PsReport        *report,
                                const PsPeriodSummary *s)
{
  const PsLiqSums *r = &s->recorded;
  GPtrArray *lines = ps_report_lines_new ();

  /* Neither recordings nor stretches without: nothing was listened to, and
   * no sum is $0. */
  if (r->recording == PS_RECORDING_NONE ||
      (report->liquidations == NULL && (report->not_recorded == NULL ||
                                        report->n_not_recorded == 0)))
    g_ptr_array_add (lines, g_strdup (_("not recorded")));
  else
    {
      g_autofree char *longs = ps_format_usd_compact (r->long_usd);
      g_autofree char *shorts = ps_format_usd_compact (r->short_usd);

      /* TRANSLATORS: "longs $207M (150)": USD and how many */
      g_ptr_array_add (lines, g_strdup_printf (_("longs %s (%u)"), longs, r->n_long));
      /* TRANSLATORS: "shorts $15.0M (150)": USD and how many */
      g_ptr_array_add (lines, g_strdup_printf (_("shorts %s (%u)"), shorts, r->n_short));
    }
  ps_report_summary_set (summary, PS_REPORT_CELL_LIQUIDATIONS,
                         r->recording == PS_RECORDING_PARTIAL
                         ? _("Liquidations, partly recorded") : _("Liquidations recorded"),
                         lines);
}

/* A period's reasons, one a line, without the line that introduces them
 * ("Candle of 2025-12-09 12:00 UTC, 1 of 2:"): the phase's line says when. */
static void
ps_report_add_reasons (GPtrArray  *lines,
                       const char *reasons)
{
  g_auto(GStrv) split = NULL;

  if (reasons == NULL || *reasons == '\0')
    {
      g_ptr_array_add (lines, g_strdup (_("no reason given")));
      return;
    }
  split = g_strsplit (reasons, "\n", -1);
  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0' && !(g_str_has_suffix (split[i], ":") && split[i + 1] != NULL))
      g_ptr_array_add (lines, g_strdup (split[i]));
}

/* "2026-06-07 22:00 → 23:00 UTC", "2025-11-26 20:00 → 11-27 08:00 UTC":
 * the day and the year once. */
static char *
ps_report_span_text (gint64 from_ms,
                     gint64 to_ms)
{
  g_autofree char *from = ps_time_format_utc (from_ms);
  g_autofree char *to = ps_time_format_utc (to_ms);
  const char *to_short = to;

  if (strlen (from) == 16 && strlen (to) == 16 && strncmp (from, to, 11) == 0)
    to_short = to + 11;
  else if (strncmp (from, to, 5) == 0)
    to_short = to + 5;
  return g_strdup_printf ("%s \u2192 %s UTC", from, to_short);
}

static void
ps_report_summary_phase (PsReportSummary *summary,
                         const PsReport  *report,
                         PsTreadmill     *treadmill)
{
  const GArray *periods = ps_treadmill_get_periods (treadmill);
  const PsPhasePeriod *at_end, *last = NULL;
  GPtrArray *lines = ps_report_lines_new ();
  gint64 t_end = report->to_ms - 1;
  guint i;

  if (ps_report_summary_last_candle (report, &i))
    t_end = report->candles->t_ms[i];
  at_end = ps_treadmill_lookup (treadmill, t_end);
  if (at_end != NULL && at_end->phase != PS_PHASE_NONE)
    {
      g_autofree char *from = ps_time_format_utc (MAX (at_end->from_ms, report->from_ms));

      /* TRANSLATORS: "Flush since 2026-06-02 04:00 UTC" */
      g_ptr_array_add (lines, g_strdup_printf (_("%s since %s UTC"),
                                               ps_render_phase_label (at_end->phase), from));
      ps_report_add_reasons (lines, at_end->reasons);
      ps_report_summary_set (summary, PS_REPORT_CELL_PHASE, _("Phase"), lines);
      return;
    }

  /* No rule holds at the end: the latest phase of the range instead. */
  for (guint k = periods->len; k > 0 && last == NULL; k--)
    {
      const PsPhasePeriod *p = &g_array_index (periods, PsPhasePeriod, k - 1);

      if (p->phase != PS_PHASE_NONE && p->from_ms < report->to_ms && p->to_ms > report->from_ms)
        last = p;
    }
  if (last == NULL)
    g_ptr_array_add (lines, g_strdup (_("none in this range: no rule held")));
  else
    {
      g_autofree char *span = ps_report_span_text (MAX (last->from_ms, report->from_ms),
                                                   MIN (last->to_ms, report->to_ms));

      /* TRANSLATORS: "none at the end; the last was Reset" */
      g_ptr_array_add (lines, g_strdup_printf (_("none at the end; the last was %s"),
                                               ps_render_phase_label (last->phase)));
      g_ptr_array_add (lines, g_steal_pointer (&span));
      ps_report_add_reasons (lines, last->reasons);
    }
  ps_report_summary_set (summary, PS_REPORT_CELL_PHASE, _("Phase"), lines);
}

/* A zone's bound, to the unit from 1,000 on: its bins are wider than that. */
static char *
ps_report_zone_price (double price)
{
  char *text = ps_format_price (fabs (price) >= 1000 ? round (price) : price);
  char *mark;

  /* The locale's decimal mark: "98.723,0" in German. */
  if (fabs (price) >= 1000 && (mark = g_strrstr (text, ps_format_decimal_mark ())) != NULL)
    *mark = '\0';
  return text;
}

/* The two largest zones of side, "$33.0M at 98,837–99,092 (+14.8%)": the
 * notional first, what a narrow cell must not lose. */
static void
ps_report_summary_zones (PsReportSummary *summary,
                         const GArray    *zones,
                         PsLiqSide        side,
                         double           last_price)
{
  GPtrArray *lines = ps_report_lines_new ();

  for (guint i = 0; zones != NULL && i < zones->len && lines->len < 2; i++)
    {
      const PsHeatZone *z = &g_array_index (zones, PsHeatZone, i);
      g_autofree char *usd = NULL;
      g_autofree char *lo = NULL;
      g_autofree char *hi = NULL;
      g_autofree char *away = NULL;

      if (z->side != side)
        continue;
      usd = ps_format_usd_compact (z->usd);
      lo = ps_report_zone_price (z->price_lo);
      hi = ps_report_zone_price (z->price_hi);
      /* How far price has to go: to the zone's fullest bin. */
      away = ps_report_signed_pct ((z->price_peak / last_price - 1) * 100);
      /* TRANSLATORS: "$33.0M at 98,837–99,092 (+14.8%)": a zone's notional,
       * its price band and how far it is from the last price */
      g_ptr_array_add (lines, g_strdup_printf (_("%s at %s–%s (%s)"), usd, lo, hi, away));
    }
  if (lines->len == 0)
    g_ptr_array_add (lines, g_strdup (_("none")));
  if (side == PS_LIQ_SHORT)
    ps_report_summary_set (summary, PS_REPORT_CELL_ZONES_ABOVE,
                           _("Hot zones above (shorts)"), lines);
  else
    ps_report_summary_set (summary, PS_REPORT_CELL_ZONES_BELOW,
                           _("Hot zones below (longs)"), lines);
}

static void
ps_report_summary_heat (PsReportSummary *summary,
                        const PsReport  *report,
                        PsHeatmap       *heatmap)
{
  g_autoptr(GArray) zones = NULL;
  double last;
  guint i;

  if (heatmap == NULL || !ps_report_summary_last_candle (report, &i))
    {
      const GError *why = ps_analysis_get_heatmap_error (report->analysis);
      GPtrArray *lines = ps_report_lines_new ();

      if (heatmap != NULL)
        g_ptr_array_add (lines, g_strdup (_("none: no price in this range")));
      else
        {
          g_ptr_array_add (lines, g_strdup (_("none: no heatmap")));
          if (why != NULL)
            g_ptr_array_add (lines, g_strdup (why->message));
        }
      ps_report_summary_set (summary, PS_REPORT_CELL_ZONES_ABOVE, _("Hot zones"), lines);
      return;
    }

  last = ps_candles_close_at (report->candles, i);
  zones = ps_heatmap_get_zones (heatmap, last);
  ps_report_summary_zones (summary, zones, PS_LIQ_SHORT, last);
  ps_report_summary_zones (summary, zones, PS_LIQ_LONG, last);
}

typedef enum
{
  PS_REPORT_VALUE_PLAIN,     /* 0.41 */
  PS_REPORT_VALUE_PERCENT,   /* 38 % */
  PS_REPORT_VALUE_TIMES,     /* 3.1× */
} PsReportValue;

static char *
ps_report_summary_value (double        v,
                         PsReportValue kind)
{
  if (!isfinite (v))
    return g_strdup ("—");
  if (fabs (v) < 0.005)
    v = 0;   /* no "-0.00" */
  switch (kind)
    {
    case PS_REPORT_VALUE_PERCENT:
      return g_strdup_printf ("%.0f %%", 100 * v);
    case PS_REPORT_VALUE_TIMES:
      return g_strdup_printf ("%.1f×", v);
    case PS_REPORT_VALUE_PLAIN:
    default:
      return g_strdup_printf ("%.2f", v);
    }
}

/* "0.41 / 0.22 / 0.10": model, uniform, round numbers. */
static char *
ps_report_summary_triple (const PsScore * const *scores,
                          gsize                  offset,
                          PsReportValue          kind)
{
  g_autofree char *a = ps_report_summary_value (G_STRUCT_MEMBER (double, scores[0], offset), kind);
  g_autofree char *b = ps_report_summary_value (G_STRUCT_MEMBER (double, scores[1], offset), kind);
  g_autofree char *c = ps_report_summary_value (G_STRUCT_MEMBER (double, scores[2], offset), kind);

  return g_strdup_printf ("%s / %s / %s", a, b, c);
}

static void
ps_report_summary_scores (PsReportSummary *summary,
                          const PsReport  *report)
{
  const PsScore *s[3];
  g_autofree char *corr = NULL;
  g_autofree char *share = NULL;
  g_autofree char *lift = NULL;
  GPtrArray *lines;

  for (guint m = 0; m < 3; m++)
    {
      s[m] = report->scores != NULL ? &report->scores[m]
                                    : ps_analysis_get_score (report->analysis, m);
      if (s[m] == NULL)
        return;
    }
  /* Nothing scored: the verdict says why; a cell of dashes says nothing. */
  if (s[0]->n_scored == 0)
    return;

  corr = ps_report_summary_triple (s, G_STRUCT_OFFSET (PsScore, rank_corr),
                                   PS_REPORT_VALUE_PLAIN);
  share = ps_report_summary_triple (s, G_STRUCT_OFFSET (PsScore, share_in_zones),
                                    PS_REPORT_VALUE_PERCENT);
  lift = ps_report_summary_triple (s, G_STRUCT_OFFSET (PsScore, lift), PS_REPORT_VALUE_TIMES);
  lines = ps_report_lines_new ();
  /* TRANSLATORS: the model's score, then the uniform and the round-number
   * baselines' in the same run */
  g_ptr_array_add (lines, g_strdup_printf (_("rank correlation %s"), corr));
  g_ptr_array_add (lines, g_strdup_printf (_("zones hit %u of %u / %u of %u / %u of %u"),
                                           s[0]->zones_hit, s[0]->zones_crossed,
                                           s[1]->zones_hit, s[1]->zones_crossed,
                                           s[2]->zones_hit, s[2]->zones_crossed));
  /* TRANSLATORS: the lift is the recorded USD in the zones against what
   * their width would hold by chance */
  g_ptr_array_add (lines, g_strdup_printf (_("lift %s, recorded USD in zones %s"), lift, share));
  g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u candle scored",
                                                        "%u candles scored", s[0]->n_scored),
                                           s[0]->n_scored));
  ps_report_summary_set (summary, PS_REPORT_CELL_SCORES,
                         _("Scores: model / uniform / round numbers"), lines);
}

void
_ps_report_summary_init (PsReportSummary *summary,
                         const PsReport  *report)
{
  PsPeriodSummary s;

  *summary = (PsReportSummary) { .n_columns = 4, .max_lines = 3, .verdict_lines = 2,
                                .sources_lines = 3 };

  ps_report_period_summary (report, &s);
  ps_report_summary_price (summary, &s);
  ps_report_summary_open_interest (summary, report, &s);
  ps_report_summary_funding (summary, report, &s);
  ps_report_summary_liquidations (summary, report, &s);
  ps_period_summary_clear (&s);

  if (report->analysis != NULL)
    {
      ps_report_summary_phase (summary, report, ps_analysis_get_treadmill (report->analysis));
      ps_report_summary_heat (summary, report,
                              ps_analysis_get_heatmap (report->analysis, PS_HEATMAP_MODEL));
      ps_report_summary_scores (summary, report);
      summary->verdict = g_strdup (report->verdict != NULL
                                   ? report->verdict
                                   : ps_analysis_get_verdict (report->analysis));
    }
  summary->sources = _ps_report_sources_text (report);
}

void
_ps_report_summary_clear (PsReportSummary *summary)
{
  for (guint i = 0; i < PS_REPORT_N_CELLS; i++)
    {
      g_clear_pointer (&summary->labels[i], g_free);
      g_clear_pointer (&summary->lines[i], g_strfreev);
    }
  g_clear_pointer (&summary->verdict, g_free);
  g_clear_pointer (&summary->sources, g_free);
}

char *
ps_report_summary_text (const PsReport *report)
{
  PsReportSummary summary;
  GString *text;

  g_return_val_if_fail (report != NULL, NULL);

  _ps_report_summary_init (&summary, report);
  text = g_string_new (NULL);
  for (guint i = 0; i < PS_REPORT_N_CELLS; i++)
    {
      g_autofree char *lines = NULL;

      if (summary.labels[i] == NULL)
        continue;
      lines = g_strjoinv (" · ", summary.lines[i]);
      g_string_append_printf (text, "%s: %s\n", summary.labels[i], lines);
    }
  if (summary.verdict != NULL)
    g_string_append_printf (text, "%s: %s\n", _("Verdict"), summary.verdict);
  g_string_append_printf (text, "%s: %s\n", _("Sources"), summary.sources);
  _ps_report_summary_clear (&summary);
  return g_string_free (text, FALSE);
}
