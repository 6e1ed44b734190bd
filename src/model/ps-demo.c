/* ps-demo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ps-demo.h"
#include "ps-net-error.h"

#define DEMO_PREFIX "/io/github/perpscope/Perpscope/demo/"

/* Splits one CSV line into up to n_max numbers; FALSE on anything else. */
static gboolean
ps_demo_parse_line (const char *line,
                    double     *values,
                    guint       n_wanted)
{
  const char *p = line;

  for (guint i = 0; i < n_wanted; i++)
    {
      char *end = NULL;

      values[i] = g_ascii_strtod (p, &end);
      if (end == p || !isfinite (values[i]))
        return FALSE;
      p = end;
      if (i + 1 < n_wanted)
        {
          if (*p != ',')
            return FALSE;
          p++;
        }
    }

  return *p == '\0' || *p == ',' || *p == '\r';
}

typedef void (*PsDemoRowFunc) (gpointer      series,
                               const double *values);

static gboolean
ps_demo_parse (GBytes         *csv,
               guint           n_columns,
               const char     *what,
               gpointer        series,
               PsDemoRowFunc   row_func,
               GError        **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gsize length = 0;
  const char *data = g_bytes_get_data (csv, &length);
  gint64 last_t = G_MININT64;

  text = g_strndup (data, length);
  lines = g_strsplit (text, "\n", -1);

  /* Line 0 is the header. */
  for (guint i = 1; lines[i] != NULL; i++)
    {
      double values[8];

      if (lines[i][0] == '\0')
        continue;

      if (!ps_demo_parse_line (lines[i], values, n_columns) || (gint64) values[0] <= last_t)
        {
          g_set_error (error, PS_PARSE_ERROR, PS_PARSE_ERROR_FIELD,
                       "%s CSV: line %u is not %u numbers in time order", what, i + 1, n_columns);
          return FALSE;
        }

      last_t = (gint64) values[0];
      row_func (series, values);
    }

  return TRUE;
}

static void
ps_demo_add_candle (gpointer      series,
                    const double *v)
{
  ps_candles_append (series, (gint64) v[0], v[1], v[2], v[3], v[4], v[5], NAN);
}

static void
ps_demo_add_funding (gpointer      series,
                     const double *v)
{
  ps_funding_append (series, (gint64) v[0], v[1], v[2]);
}

static void
ps_demo_add_open_interest (gpointer      series,
                           const double *v)
{
  ps_open_interest_append (series, (gint64) v[0], NAN, v[1]);
}

static PsCandles *
ps_demo_parse_candles (GBytes  *csv,
                       GError **error)
{
  g_autoptr(PsCandles) candles = ps_candles_new (600);

  if (!ps_demo_parse (csv, 6, "Candles", candles, ps_demo_add_candle, error))
    return NULL;
  return g_steal_pointer (&candles);
}

static PsFunding *
ps_demo_parse_funding (GBytes  *csv,
                       GError **error)
{
  g_autoptr(PsFunding) funding = ps_funding_new (300);

  if (!ps_demo_parse (csv, 3, "Funding", funding, ps_demo_add_funding, error))
    return NULL;
  return g_steal_pointer (&funding);
}

static PsOpenInterest *
ps_demo_parse_open_interest (GBytes  *csv,
                             GError **error)
{
  g_autoptr(PsOpenInterest) open_interest = ps_open_interest_new (64);

  if (!ps_demo_parse (csv, 2, "Open interest", open_interest, ps_demo_add_open_interest, error))
    return NULL;
  return g_steal_pointer (&open_interest);
}

/* The demo's open interest comes in USD only: in coins it is that over
 * the close of the candle holding it, as a venue would count contracts. */
static void
ps_demo_fill_contracts (PsOpenInterest  *open_interest,
                        const PsCandles *candles)
{
  for (guint i = 0; i < open_interest->n; i++)
    {
      guint k = ps_series_lower_bound (candles->t_ms, candles->n, open_interest->t_ms[i] + 1);

      if (k > 0 && ps_candles_close_at (candles, k - 1) > 0)
        open_interest->contracts[i] = open_interest->usd[i] / ps_candles_close_at (candles, k - 1);
    }
}

static GBytes *
ps_demo_lookup (const char *name)
{
  g_autofree char *path = g_strconcat (DEMO_PREFIX, name, NULL);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    g_error ("Demo data %s missing from the build: %s", path, error->message);
  return bytes;
}

static PsDemo *
ps_demo_load (void)
{
  g_autoptr(GBytes) candles_csv = ps_demo_lookup ("candles-4h.csv");
  g_autoptr(GBytes) funding_csv = ps_demo_lookup ("funding.csv");
  g_autoptr(GBytes) oi_csv = ps_demo_lookup ("open-interest-1d.csv");
  g_autoptr(GError) error = NULL;
  PsDemo *demo = g_new0 (PsDemo, 1);

  if (!(demo->candles = ps_demo_parse_candles (candles_csv, &error)) ||
      !(demo->funding = ps_demo_parse_funding (funding_csv, &error)) ||
      !(demo->open_interest = ps_demo_parse_open_interest (oi_csv, &error)))
    g_error ("Demo data is broken: %s", error->message);
  ps_demo_fill_contracts (demo->open_interest, demo->candles);

  demo->from_ms = demo->candles->t_ms[0];
  demo->to_ms = demo->candles->t_ms[demo->candles->n - 1] + ps_interval_to_ms (PS_DEMO_INTERVAL);
  return demo;
}

const PsDemo *
ps_demo_get (void)
{
  static gsize initialized;
  static PsDemo *demo;

  if (g_once_init_enter (&initialized))
    {
      demo = ps_demo_load ();
      g_once_init_leave (&initialized, 1);
    }

  return demo;
}
