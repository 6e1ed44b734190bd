/* ps-report-summary.c: the analysis in a few lines, under a report's title
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ps-period-summary.h"
#include "ps-report-private.h"
#include "ps-time.h"

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

/* "+1.2 %", "−3.4 %": a signed change, the sign always shown. */
static char *
ps_report_summary_signed_pct (double pct)
{
  g_autofree char *num = ps_format_percent (fabs (pct) / 100.0, 1);

  return g_strdup_printf ("%s%s", pct >= 0 ? "+" : "\u2212", num);
}

/* The market over the range, the numbers a trader reads first: the last
 * price and its change, open interest and its change, funding (mean and
 * last, per settlement and a year), liquidations recorded per side. */
static char *
ps_report_summary_market (const PsReport *report)
{
  g_autoptr(PsMarketSnapshot) snapshot = NULL;
  g_autoptr(GArray) not_recorded = g_array_new (FALSE, FALSE, sizeof (PsRange));
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  PsPeriodSummary s;

  for (guint i = 0; i < report->n_not_recorded; i++)
    {
      PsRange r = { report->not_recorded[i].from_ms, report->not_recorded[i].to_ms };

      g_array_append_val (not_recorded, r);
    }
  snapshot = ps_market_snapshot_new ("", report->symbol ? report->symbol : "", report->interval,
                                     report->from_ms, report->to_ms, report->candles, NULL,
                                     report->funding, report->open_interest,
                                     report->liquidations, not_recorded);
  ps_period_summary_init (&s, snapshot, NULL, report->from_ms, report->to_ms);

  if (s.n_candles > 0)
    {
      g_autofree char *last = ps_format_price (s.close);
      g_autofree char *change = ps_report_summary_signed_pct (s.change_pct);

      /* TRANSLATORS: "last 63,287.1 (−12.3 % over the range)" */
      g_ptr_array_add (parts, g_strdup_printf (_("last %s (%s over the range)"), last, change));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("no price in this range")));

  if (isfinite (s.oi_end_usd))
    {
      g_autofree char *oi = ps_format_usd_compact (s.oi_end_usd);

      if (isfinite (s.oi_delta_pct))
        {
          g_autofree char *change = ps_report_summary_signed_pct (s.oi_delta_pct);
          g_autofree char *delta = ps_format_usd_compact (s.oi_delta_usd);

          /* TRANSLATORS: "open interest $6.40B (−16.2 %, −$1.24B)" */
          g_ptr_array_add (parts, g_strdup_printf (_("open interest %s (%s, %s%s)"), oi, change,
                                                   s.oi_delta_usd >= 0 ? "+" : "", delta));
        }
      else
        g_ptr_array_add (parts, g_strdup_printf (_("open interest %s"), oi));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("no open interest in this range")));

  if (s.n_funding > 0 && report->funding != NULL && report->funding->n > 0)
    {
      guint end = ps_series_lower_bound (report->funding->t_ms, report->funding->n, report->to_ms);
      g_autofree char *mean = ps_format_percent (s.funding_mean, 4);
      g_autofree char *annual = ps_format_percent (s.funding_annual, 1);
      g_autofree char *last = end > 0 ? ps_format_percent (report->funding->rate[end - 1], 4)
                                      : g_strdup ("\u2014");

      /* TRANSLATORS: "funding mean 0.0031% a settlement (3.4% a year), last 0.0042%" */
      g_ptr_array_add (parts, g_strdup_printf (_("funding mean %s a settlement (%s a year), "
                                                 "last %s"), mean, annual, last));
    }
  else
    g_ptr_array_add (parts, g_strdup (_("no funding in this range")));

  if (s.recorded.recording == PS_RECORDING_NONE)
    g_ptr_array_add (parts, g_strdup (_("liquidations not recorded")));
  else
    {
      g_autofree char *longs = ps_format_usd_compact (s.recorded.long_usd);
      g_autofree char *shorts = ps_format_usd_compact (s.recorded.short_usd);

      /* TRANSLATORS: "liquidations recorded: longs $1.2M (14), shorts $800K (9)";
       * the last %s says "partly" when recording had gaps */
      g_ptr_array_add (parts, g_strdup_printf (_("liquidations recorded%s: longs %s (%u), "
                                                 "shorts %s (%u)"),
                                               s.recorded.recording == PS_RECORDING_PARTIAL
                                                 ? _(" (with gaps)") : "",
                                               longs, s.recorded.n_long, shorts,
                                               s.recorded.n_short));
    }

  ps_period_summary_clear (&s);
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("  \u00b7  ", (char **) parts->pdata);
}

/* A period's first reason: its first line, with the line it introduces
 * when it ends in a colon ("… 3 of 4 circuit breakers held:"). */
static char *
ps_report_summary_first_reason (const char *reasons)
{
  g_auto(GStrv) lines = NULL;

  if (reasons == NULL || *reasons == '\0')
    return g_strdup (_("no reason given"));
  lines = g_strsplit (reasons, "\n", 3);
  if (g_str_has_suffix (lines[0], ":") && lines[1] != NULL)
    return g_strdup_printf ("%s %s", lines[0], lines[1]);
  return g_strdup (lines[0]);
}

static char *
ps_report_summary_phase (const PsReport *report,
                         PsTreadmill    *treadmill)
{
  const GArray *periods = ps_treadmill_get_periods (treadmill);
  const PsPhasePeriod *at_end = NULL, *last = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gint64 t_end = report->to_ms - 1;
  guint i;

  if (ps_report_summary_last_candle (report, &i))
    t_end = report->candles->t_ms[i];
  at_end = ps_treadmill_lookup (treadmill, t_end);
  if (at_end != NULL && at_end->phase != PS_PHASE_NONE)
    {
      from = ps_time_format_utc (MAX (at_end->from_ms, report->from_ms));
      reason = ps_report_summary_first_reason (at_end->reasons);
      /* TRANSLATORS: "Flush since 2026-06-02 04:00 UTC — Liquidations …" */
      return g_strdup_printf (_("%s since %s UTC — %s"), ps_render_phase_label (at_end->phase),
                              from, reason);
    }

  /* No rule holds at the end: the latest phase of the range instead. */
  for (guint k = periods->len; k > 0 && last == NULL; k--)
    {
      const PsPhasePeriod *p = &g_array_index (periods, PsPhasePeriod, k - 1);

      if (p->phase != PS_PHASE_NONE && p->from_ms < report->to_ms && p->to_ms > report->from_ms)
        last = p;
    }
  if (last == NULL)
    return g_strdup (_("None in this range: no rule held"));
  from = ps_time_format_utc (MAX (last->from_ms, report->from_ms));
  to = ps_time_format_utc (MIN (last->to_ms, report->to_ms));
  /* "2026-06-07 22:00 → 23:00": the day once. */
  if (strlen (from) == 16 && strlen (to) == 16 && strncmp (from, to, 11) == 0)
    memmove (to, to + 11, 6);
  reason = ps_report_summary_first_reason (last->reasons);
  /* TRANSLATORS: "None at the end; the last was Reset, 2026-06-03 → 2026-06-04 UTC — …" */
  return g_strdup_printf (_("None at the end; the last was %s, %s → %s UTC — %s"),
                          ps_render_phase_label (last->phase), from, to, reason);
}

static char *
ps_report_summary_zone (const GArray *zones,
                        PsLiqSide     side,
                        double        last_price)
{
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;
  g_autofree char *usd = NULL;
  g_autofree char *away = NULL;

  /* Largest first: the first of the side is its top zone. */
  for (guint i = 0; zones != NULL && i < zones->len; i++)
    {
      const PsHeatZone *z = &g_array_index (zones, PsHeatZone, i);

      if (z->side != side)
        continue;
      lo = ps_format_price (z->price_lo);
      hi = ps_format_price (z->price_hi);
      usd = ps_format_usd_compact (z->usd);
      /* How far price has to go: to the zone's fullest bin. */
      away = g_strdup_printf ("%s%.1f\u00a0%%", z->price_peak >= last_price ? "+" : "\u2212",
                              fabs (z->price_peak / last_price - 1) * 100);
      /* TRANSLATORS: "shorts above 73,100 – 74,000 (+4.2 %): $410M" */
      return g_strdup_printf (side == PS_LIQ_SHORT ? _("shorts above %s – %s (%s): %s")
                                                   : _("longs below %s – %s (%s): %s"),
                              lo, hi, away, usd);
    }
  return g_strdup (side == PS_LIQ_SHORT ? _("none above") : _("none below"));
}

static char *
ps_report_summary_zones (const PsReport *report,
                         PsHeatmap      *heatmap)
{
  g_autoptr(GArray) zones = NULL;
  g_autofree char *above = NULL;
  g_autofree char *below = NULL;
  g_autofree char *price = NULL;
  guint i;

  if (heatmap == NULL)
    {
      const GError *why = ps_analysis_get_heatmap_error (report->analysis);

      return g_strdup_printf (_("None: no heatmap. %s"), why ? why->message : "");
    }
  if (!ps_report_summary_last_candle (report, &i))
    return g_strdup (_("None: no price in this range"));

  zones = ps_heatmap_get_zones (heatmap, report->candles->close[i]);
  above = ps_report_summary_zone (zones, PS_LIQ_SHORT, report->candles->close[i]);
  below = ps_report_summary_zone (zones, PS_LIQ_LONG, report->candles->close[i]);
  price = ps_format_price (report->candles->close[i]);
  /* TRANSLATORS: "shorts above …  ·  longs below …  (last price 68,420.5)" */
  return g_strdup_printf (_("%s  ·  %s  (last price %s)"), above, below, price);
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

static char *
ps_report_summary_scores (const PsReport *report)
{
  const PsScore *s[3];
  g_autofree char *corr = NULL;
  g_autofree char *share = NULL;
  g_autofree char *lift = NULL;

  for (guint m = 0; m < 3; m++)
    {
      s[m] = report->scores != NULL ? &report->scores[m]
                                    : ps_analysis_get_score (report->analysis, m);
      if (s[m] == NULL)
        return NULL;
    }
  /* Nothing scored: the verdict says why; a row of dashes says nothing. */
  if (s[0]->n_scored == 0)
    return NULL;
  corr = ps_report_summary_triple (s, G_STRUCT_OFFSET (PsScore, rank_corr),
                                   PS_REPORT_VALUE_PLAIN);
  share = ps_report_summary_triple (s, G_STRUCT_OFFSET (PsScore, share_in_zones),
                                    PS_REPORT_VALUE_PERCENT);
  lift = ps_report_summary_triple (s, G_STRUCT_OFFSET (PsScore, lift), PS_REPORT_VALUE_TIMES);
  /* TRANSLATORS: the model's score, then the uniform and the round-number
   * baselines' in the same run; the lift is the recorded USD in the zones
   * against what their width would hold by chance */
  return g_strdup_printf (_("model / uniform / round numbers: rank correlation %s  ·  "
                            "zones hit %u of %u / %u of %u / %u of %u  ·  "
                            "recorded USD in zones %s, lift %s  (%u candles scored)"),
                          corr, s[0]->zones_hit, s[0]->zones_crossed, s[1]->zones_hit,
                          s[1]->zones_crossed, s[2]->zones_hit, s[2]->zones_crossed, share,
                          lift, s[0]->n_scored);
}

/* Where open interest is missing from the range's start: the venue's
 * history horizon (Binance keeps 30 days; BitMEX and Hyperliquid serve only
 * the current value). NULL when it covers the range. */
static char *
ps_report_summary_oi_caveat (const PsReport *report)
{
  const PsOpenInterest *oi = report->open_interest;
  const char *venue = report->venue_name ? report->venue_name : "";
  g_autofree char *first = NULL;
  guint i;

  if (oi == NULL || oi->n == 0 ||
      (i = ps_series_lower_bound (oi->t_ms, oi->n, report->from_ms)) >= oi->n ||
      oi->t_ms[i] >= report->to_ms)
    {
      if (g_str_equal (venue, "BitMEX") || g_str_equal (venue, "Hyperliquid"))
        /* TRANSLATORS: %s is a venue, "BitMEX" */
        return g_strdup_printf (_("%s serves only the current open interest, no history."), venue);
      return g_strdup (_("No open interest was served for this range."));
    }
  if (oi->t_ms[i] < report->from_ms + 24 * 3600 * 1000)
    return NULL;
  first = ps_time_format_utc (oi->t_ms[i]);
  if (g_str_equal (venue, "Binance"))
    /* TRANSLATORS: "Open interest from 2026-05-23 12:00 UTC: Binance serves…" */
    return g_strdup_printf (_("Open interest from %s UTC: Binance serves its last 30 days only."),
                            first);
  return g_strdup_printf (_("Open interest from %s UTC: the venue served no earlier history."),
                          first);
}

static char *
ps_report_summary_caveat (const PsReport *report)
{
  g_autofree char *oi = ps_report_summary_oi_caveat (report);
  const char *liq, *model;

  /* Binance's force-order stream sends the latest liquidation per symbol
   * once a second at most: what a recorder kept is a lower bound. */
  if (report->venue_name != NULL && strcmp (report->venue_name, "Binance") == 0)
    liq = _("Binance streams at most one liquidation per second per symbol: recorded totals "
            "are a lower bound.");
  else
    liq = _("Recorded liquidations are a lower bound of what happened.");
  model = _("Heatmap levels and predicted liquidations are a model estimate from open "
            "interest, not an order book.");
  return oi != NULL ? g_strjoin (" ", liq, oi, model, NULL) : g_strjoin (" ", liq, model, NULL);
}

static void
ps_report_summary_add (PsReportSummary *summary,
                       PsReportLine     kind,
                       const char      *label,
                       char            *body)
{
  g_assert (summary->labels->len < G_N_ELEMENTS (summary->kinds));
  summary->kinds[summary->labels->len] = kind;
  g_ptr_array_add (summary->labels, g_strdup (label));
  g_ptr_array_add (summary->bodies, body);
}

void
_ps_report_summary_init (PsReportSummary *summary,
                         const PsReport  *report)
{
  PsHeatmap *heatmap;
  char *scores;

  summary->labels = g_ptr_array_new_with_free_func (g_free);
  summary->bodies = g_ptr_array_new_with_free_func (g_free);
  summary->n_top = 0;
  summary->hidden = 0;
  summary->max_lines = 2;
  ps_report_summary_add (summary, PS_REPORT_LINE_MARKET, _("Market"),
                         ps_report_summary_market (report));
  if (report->analysis == NULL)
    {
      summary->n_top = summary->labels->len;
      ps_report_summary_add (summary, PS_REPORT_LINE_NOTE, _("Note"),
                             ps_report_summary_caveat (report));
      return;
    }

  heatmap = ps_analysis_get_heatmap (report->analysis, PS_HEATMAP_MODEL);
  ps_report_summary_add (summary, PS_REPORT_LINE_PHASE, _("Phase"),
                         ps_report_summary_phase (report,
                                                  ps_analysis_get_treadmill (report->analysis)));
  ps_report_summary_add (summary, PS_REPORT_LINE_ZONES, _("Hot zones"), ps_report_summary_zones (report, heatmap));
  if ((scores = ps_report_summary_scores (report)) != NULL)
    ps_report_summary_add (summary, PS_REPORT_LINE_SCORES, _("Scores"), scores);
  ps_report_summary_add (summary, PS_REPORT_LINE_VERDICT, _("Verdict"),
                         g_strdup (report->verdict != NULL
                                   ? report->verdict
                                   : ps_analysis_get_verdict (report->analysis)));
  summary->n_top = summary->labels->len;
  ps_report_summary_add (summary, PS_REPORT_LINE_NOTE, _("Note"), ps_report_summary_caveat (report));
}

void
_ps_report_summary_clear (PsReportSummary *summary)
{
  g_clear_pointer (&summary->labels, g_ptr_array_unref);
  g_clear_pointer (&summary->bodies, g_ptr_array_unref);
}

char *
ps_report_summary_text (const PsReport *report)
{
  PsReportSummary summary;
  GString *text;

  g_return_val_if_fail (report != NULL, NULL);

  _ps_report_summary_init (&summary, report);
  text = g_string_new (NULL);
  for (guint i = 0; i < summary.labels->len; i++)
    g_string_append_printf (text, "%s: %s\n", (char *) summary.labels->pdata[i],
                            (char *) summary.bodies->pdata[i]);
  _ps_report_summary_clear (&summary);
  return g_string_free (text, FALSE);
}

double
_ps_report_summary_line_height (const PsChartStyle *style)
{
  return round (style->font_size * 1.5);
}

/* The key's width, drawn nowhere: ps_render_phase_legend () draws from the
 * left, and the key goes at the right. */
static double
ps_report_summary_legend_width (cairo_t            *cr,
                                const PsRect       *rect,
                                const PsChartStyle *style)
{
  double w;

  cairo_push_group (cr);
  w = ps_render_phase_legend (cr, rect, style);
  cairo_pattern_destroy (cairo_pop_group (cr));
  return w;
}

/* The widest label and a gap: where every body starts, in a column. */
static int
ps_report_summary_body_x (const PsReportSummary *summary,
                          cairo_t               *cr,
                          const PsChartStyle    *style)
{
  g_autoptr(PangoLayout) layout = _ps_report_layout (cr, style, style->font_size,
                                                     PANGO_WEIGHT_BOLD);
  int widest = 0;

  for (guint i = 0; i < summary->labels->len; i++)
    {
      int w;

      pango_layout_set_text (layout, summary->labels->pdata[i], -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest + (int) round (style->font_size * 0.8);
}

/* Line i laid out in width px, its body from body_x on: wrapped once where
 * it must, hanging under the body, then cut with "…", so a verdict stays
 * whole on a narrow image. */
static PangoLayout *
ps_report_summary_layout (const PsReportSummary *summary,
                          guint                  i,
                          cairo_t               *cr,
                          const PsChartStyle    *style,
                          double                 width,
                          int                    body_x)
{
  PangoLayout *layout = _ps_report_layout (cr, style, style->font_size, PANGO_WEIGHT_NORMAL);
  g_autoptr(GString) body = g_string_new (summary->bodies->pdata[i]);
  g_autofree char *label = g_markup_escape_text (summary->labels->pdata[i], -1);
  g_autofree char *escaped = NULL;
  g_autofree char *markup = NULL;
  PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, body_x);

  /* A wrap never parts "≥ 0.1 %" or "4 ×". */
  g_string_replace (body, " %", "\u00a0%", 0);
  g_string_replace (body, " ×", "\u00a0×", 0);
  g_string_replace (body, "≥ ", "≥\u00a0", 0);
  g_string_replace (body, "≤ ", "≤\u00a0", 0);
  escaped = g_markup_escape_text (body->str, -1);
  markup = g_strdup_printf ("<b>%s</b>\t%s", label, escaped);

  pango_layout_set_tabs (layout, tabs);
  pango_tab_array_free (tabs);
  pango_layout_set_indent (layout, -body_x * PANGO_SCALE);
  pango_layout_set_width (layout, (int) MAX (width, 1) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* The verdict, the market's numbers and the caveat are never cut short
   * where they fit in two lines. */
  pango_layout_set_height (layout, (summary->kinds[i] == PS_REPORT_LINE_VERDICT ||
                                    summary->kinds[i] == PS_REPORT_LINE_MARKET ||
                                    summary->kinds[i] == PS_REPORT_LINE_NOTE)
                                   ? -2 : -summary->max_lines);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
ps_report_summary_row_height (PangoLayout        *layout,
                              const PsChartStyle *style)
{
  int n = pango_layout_get_line_count (layout);
  double line_h = _ps_report_summary_line_height (style);

  return line_h + (n > 1 ? (n - 1) * round (style->font_size * 1.25) : 0);
}

/* The legend goes right of the first line: the width it leaves. */
static double
ps_report_summary_first_width (cairo_t            *cr,
                               const PsRect       *rect,
                               const PsChartStyle *style,
                               double             *legend_w)
{
  PsRect key = { rect->x, rect->y, rect->width / 2, _ps_report_summary_line_height (style) };

  *legend_w = ps_report_summary_legend_width (cr, &key, style);
  return rect->width - *legend_w - style->font_size * 2;
}

double
_ps_report_summary_measure (const PsReportSummary *summary,
                            guint                  first,
                            guint                  n,
                            gboolean               legend,
                            cairo_t               *cr,
                            double                 width,
                            const PsChartStyle    *style)
{
  PsRect rect = { 0, 0, width, 0 };
  double height = 0, legend_w;
  int body_x = ps_report_summary_body_x (summary, cr, style);

  for (guint i = first; i < MIN (first + n, summary->labels->len); i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      double w = width;

      if (summary->hidden & (1u << i))
        continue;
      if (legend)
        w = ps_report_summary_first_width (cr, &rect, style, &legend_w);
      legend = FALSE;
      layout = ps_report_summary_layout (summary, i, cr, style, w, body_x);
      height += ps_report_summary_row_height (layout, style);
    }
  return height;
}

void
_ps_report_summary_draw (const PsReportSummary *summary,
                         guint                  first,
                         guint                  n,
                         gboolean               legend,
                         cairo_t               *cr,
                         const PsRect          *rect,
                         const PsChartStyle    *style)
{
  double line_h = _ps_report_summary_line_height (style);
  double y = rect->y;
  int body_x = ps_report_summary_body_x (summary, cr, style);

  for (guint i = first; i < MIN (first + n, summary->labels->len); i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      double w = rect->width, legend_w = 0;
      PangoRectangle ink, logical;

      if (summary->hidden & (1u << i))
        continue;
      if (legend)
        {
          PsRect key = { 0, y, 0, line_h };

          w = ps_report_summary_first_width (cr, rect, style, &legend_w);
          key.x = rect->x + rect->width - legend_w;
          key.width = legend_w + 1;
          ps_render_phase_legend (cr, &key, style);
          legend = FALSE;
        }
      layout = ps_report_summary_layout (summary, i, cr, style, w, body_x);
      pango_layout_get_pixel_extents (layout, &ink, &logical);
      _ps_report_set_color (cr, i + 1 == summary->labels->len ? &style->text_dim : &style->text);
      /* The first line's middle on the row's, as the legend's. */
      cairo_move_to (cr, rect->x,
                     round (y + (line_h - logical.height / pango_layout_get_line_count (layout)) / 2));
      pango_cairo_show_layout (cr, layout);
      y += ps_report_summary_row_height (layout, style);
    }
}
