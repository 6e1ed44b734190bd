/* ps-cli-csv.c: perpscope export --format csv — the series, the model's
 * grid and the phases as CSV
 *
 * Numbers are written in C notation whatever the locale, times as ISO 8601
 * UTC beside the milliseconds, so a spreadsheet or a script reads them alike
 * everywhere.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include "ps-cli-analysis.h"
#include "ps-report.h"
#include "ps-time.h"

void
ps_cli_csv_field (FILE       *out,
                  const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      fputs (text, out);
      return;
    }
  fputc ('"', out);
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        fputc ('"', out);
      fputc (*p, out);
    }
  fputc ('"', out);
}

/* A number in C notation whatever the locale; empty for NAN. */
static void
ps_cli_csv_number (FILE       *out,
                   const char *format,
                   double      v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isfinite (v))
    fputs (g_ascii_formatd (buf, sizeof buf, format, v), out);
}

gboolean
ps_cli_analysis_write_heatmap_csv (const PsCliAnalysis *analysis,
                                   FILE                *out)
{
  const PsHeatmapGrid *grid = ps_heatmap_get_grid (analysis->heatmap);
  double w = (grid->price_hi - grid->price_lo) / MAX (grid->n_bins, 1);

  fputs ("t,price_lo,price_hi,long_usd,short_usd\n", out);
  for (guint c = 0; c < grid->n_columns; c++)
    {
      gint64 end = c + 1 < grid->n_columns ? grid->t_ms[c + 1] : grid->end_ms;
      g_autofree char *t = NULL;

      if (end <= analysis->from_ms)
        continue;   /* the warm-up */
      t = ps_cli_format_iso (grid->t_ms[c]);

      for (guint b = 0; b < grid->n_bins; b++)
        {
          float l = grid->long_usd[(gsize) c * grid->n_bins + b];
          float s = grid->short_usd[(gsize) c * grid->n_bins + b];

          if (!(l > 0) && !(s > 0))
            continue;
          fprintf (out, "%s,", t);
          ps_cli_csv_number (out, "%.8g", grid->price_lo + b * w);
          fputc (',', out);
          ps_cli_csv_number (out, "%.8g", grid->price_lo + (b + 1) * w);
          fputc (',', out);
          ps_cli_csv_number (out, "%.2f", l);
          fputc (',', out);
          ps_cli_csv_number (out, "%.2f", s);
          fputc ('\n', out);
        }
    }
  return !ferror (out);
}

gboolean
ps_cli_analysis_write_phases_csv (const PsCliAnalysis *analysis,
                                  FILE                *out)
{
  const GArray *periods = ps_treadmill_get_periods (analysis->treadmill);

  fputs ("from,to,phase,reasons\n", out);
  for (guint i = 0; i < periods->len; i++)
    {
      PsPhasePeriod p;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (!ps_cli_analysis_get_period (analysis, i, &p))
        continue;
      from = ps_cli_format_iso (p.from_ms);
      to = ps_cli_format_iso (p.to_ms);
      fprintf (out, "%s,%s,%s,", from, to, ps_phase_to_string (p.phase));
      ps_cli_csv_field (out, p.reasons);
      fputc ('\n', out);
    }
  return !ferror (out);
}

typedef enum
{
  PS_CLI_CSV_CANDLES,
  PS_CLI_CSV_FUNDING,
  PS_CLI_CSV_OI,
  PS_CLI_CSV_LIQUIDATIONS,
  PS_CLI_CSV_HEATMAP,
  PS_CLI_CSV_PHASES,
} PsCliCsvKind;

static const char * const kind_names[] = {
  "candles", "funding", "oi", "liquidations", "heatmap", "phases", NULL,
};

static int
ps_cli_csv_kind (const char *kind)
{
  for (guint i = 0; kind != NULL && kind_names[i] != NULL; i++)
    if (g_ascii_strcasecmp (kind, kind_names[i]) == 0)
      return (int) i;
  return -1;
}

gboolean
ps_cli_export_csv_validate (const char  *format,
                            const char  *kind,
                            GError     **error)
{
  if (format == NULL || g_ascii_strcasecmp (format, "csv") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--kind goes with --format csv"));
      return FALSE;
    }
  if (ps_cli_csv_kind (kind) < 0)
    {
      if (kind == NULL)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("Say what to write with --kind: candles, funding, oi, liquidations, "
                       "heatmap or phases"));
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("Unknown kind “%s” for --kind (use candles, funding, oi, liquidations, "
                       "heatmap or phases)"), kind);
      return FALSE;
    }
  return TRUE;
}

/* The time columns every series row starts with: ISO 8601 UTC, then ms. */
static void
ps_cli_csv_time (FILE   *out,
                 gint64  t_ms)
{
  g_autofree char *t = ps_cli_format_iso (t_ms);

  fprintf (out, "%s,%" G_GINT64_FORMAT, t, t_ms);
}

static void
ps_cli_csv_numbers (FILE         *out,
                    const double *v,
                    guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      fputc (',', out);
      ps_cli_csv_number (out, "%.10g", v[i]);
    }
  fputc ('\n', out);
}

/* The rows of [from, to) of a series sorted by time. */
static void
ps_cli_csv_span (const gint64 *t_ms,
                 guint         n,
                 gint64        from_ms,
                 gint64        to_ms,
                 guint        *first,
                 guint        *end)
{
  *first = t_ms != NULL ? ps_series_lower_bound (t_ms, n, from_ms) : 0;
  *end = t_ms != NULL ? ps_series_lower_bound (t_ms, n, to_ms) : 0;
}

/* One series of the snapshot, [from, to); NULL series: the header only. */
static gboolean
ps_cli_csv_write_series (const PsMarketSnapshot *snapshot,
                         PsCliCsvKind            kind,
                         gint64                  from_ms,
                         gint64                  to_ms,
                         FILE                   *out)
{
  guint first, end;

  switch (kind)
    {
    case PS_CLI_CSV_CANDLES:
      {
        const PsCandles *c = snapshot->candles;

        fputs ("time,t_ms,open,high,low,close,volume,taker_buy_volume\n", out);
        if (c == NULL)
          break;
        ps_cli_csv_span (c->t_ms, c->n, from_ms, to_ms, &first, &end);
        for (guint i = first; i < end; i++)
          {
            double v[] = { ps_candles_open_at (c, i), ps_candles_high_at (c, i),
                           ps_candles_low_at (c, i), ps_candles_close_at (c, i),
                           ps_candles_volume_at (c, i), ps_candles_taker_buy_at (c, i) };

            ps_cli_csv_time (out, c->t_ms[i]);
            ps_cli_csv_numbers (out, v, G_N_ELEMENTS (v));
          }
      }
      break;

    case PS_CLI_CSV_FUNDING:
      {
        const PsFunding *f = snapshot->funding;

        fputs ("time,t_ms,rate,mark_price\n", out);
        if (f == NULL)
          break;
        ps_cli_csv_span (f->t_ms, f->n, from_ms, to_ms, &first, &end);
        for (guint i = first; i < end; i++)
          {
            double v[] = { f->rate[i], f->mark_price[i] };

            ps_cli_csv_time (out, f->t_ms[i]);
            ps_cli_csv_numbers (out, v, G_N_ELEMENTS (v));
          }
      }
      break;

    case PS_CLI_CSV_OI:
      {
        const PsOpenInterest *oi = snapshot->open_interest;

        fputs ("time,t_ms,contracts,usd\n", out);
        if (oi == NULL)
          break;
        ps_cli_csv_span (oi->t_ms, oi->n, from_ms, to_ms, &first, &end);
        for (guint i = first; i < end; i++)
          {
            double v[] = { oi->contracts[i], oi->usd[i] };

            ps_cli_csv_time (out, oi->t_ms[i]);
            ps_cli_csv_numbers (out, v, G_N_ELEMENTS (v));
          }
      }
      break;

    case PS_CLI_CSV_LIQUIDATIONS:
      {
        const PsLiquidations *l = snapshot->liquidations;

        /* side: the position closed (a SELL order closes a long). */
        fputs ("time,t_ms,side,source,price,avg_price,qty,usd\n", out);
        if (l == NULL)
          break;
        ps_cli_csv_span (l->t_ms, l->n, from_ms, to_ms, &first, &end);
        for (guint i = first; i < end; i++)
          {
            double v[] = { l->price[i], l->avg_price[i], l->qty[i], l->usd[i] };

            ps_cli_csv_time (out, l->t_ms[i]);
            fprintf (out, ",%s,%s", l->side[i] == PS_LIQ_LONG ? "long" : "short",
                     l->source[i] == PS_LIQ_SOURCE_IMPORT ? "import" : "live");
            ps_cli_csv_numbers (out, v, G_N_ELEMENTS (v));
          }
      }
      break;

    case PS_CLI_CSV_HEATMAP:
    case PS_CLI_CSV_PHASES:
    default:
      g_assert_not_reached ();
    }

  return !ferror (out);
}

static gboolean
ps_cli_export_csv_write (const PsCliContext   *context,
                         const PsCliMarket    *market,
                         const PsCliAnalysis  *analysis,
                         PsCliCsvKind          kind,
                         const char           *output,
                         GError              **error)
{
  gboolean to_stdout = output == NULL || strcmp (output, "-") == 0;
  FILE *out;
  gboolean ok;

  if (!to_stdout && !ps_report_check_path (output, error))
    return FALSE;
  out = to_stdout ? stdout : fopen (output, "w");
  if (out == NULL)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write “%s”: %s"), output, g_strerror (saved));
      return FALSE;
    }
  if (kind == PS_CLI_CSV_HEATMAP)
    ok = ps_cli_analysis_write_heatmap_csv (analysis, out);
  else if (kind == PS_CLI_CSV_PHASES)
    ok = ps_cli_analysis_write_phases_csv (analysis, out);
  else
    ok = ps_cli_csv_write_series (context->snapshot, kind, market->from_ms, market->to_ms, out);
  ok = (to_stdout ? fflush (out) : fclose (out)) == 0 && ok;
  if (!ok)
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("Could not write “%s”"),
                 to_stdout ? _("standard output") : output);
  return ok;
}

int
ps_cli_export_csv (PsCliContext     *context,
                   PsCliMarket      *market,
                   const PsCliModel *model,
                   const char       *kind,
                   gboolean          offline,
                   const char       *output)
{
  g_autoptr(GError) error = NULL;
  PsCliAnalysis analysis = { 0 };
  PsCliCsvKind csv_kind = (PsCliCsvKind) ps_cli_csv_kind (kind);
  gboolean heatmap = csv_kind == PS_CLI_CSV_HEATMAP;
  gboolean ok;

  /* The series are written as cached for [--from, --to); the model's kinds
   * run the analysis, with its warm-up, first. */
  if (csv_kind == PS_CLI_CSV_HEATMAP || csv_kind == PS_CLI_CSV_PHASES)
    ok = ps_cli_analysis_load (context, market, model, offline, &error) &&
         ps_cli_analysis_run (&analysis, context, market, model, &error);
  else
    ok = (!offline || ps_cli_check_cached (context, market, &error)) &&
         ps_cli_load (context, market, offline, &error);
  if (ok && heatmap && analysis.heatmap == NULL)
    {
      const GError *why = ps_analysis_get_heatmap_error (analysis.result);

      g_set_error (&error, PS_HEATMAP_ERROR, PS_HEATMAP_ERROR_NO_DATA,
                   _("%s %s %s: no heatmap: %s"), context->snapshot->venue_name,
                   market->symbol, market->interval_text, why ? why->message : "?");
      ok = FALSE;
    }
  ok = ok && ps_cli_export_csv_write (context, market, &analysis, csv_kind, output, &error);
  ps_cli_analysis_clear (&analysis);
  if (!ok)
    return ps_cli_fail (error);
  if (output != NULL && strcmp (output, "-") != 0)
    g_print (_("Wrote %s\n"), output);
  return PS_CLI_OK;
}
