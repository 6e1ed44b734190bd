/* test-render-axes.c: value axes every pane can read at 120 px high, and
 * title rows no series crosses, over the real BTCUSDT files in tests/data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-render.h"
#include "ps-render-private.h"
#include "ps-test-pixels.h"
#include "ps-test-real-data.h"
#include "ps-test-util.h"

#define DAY_MS (24 * HOUR_MS)

typedef enum
{
  PANE_PRICE,
  PANE_OPEN_INTEREST,
  PANE_FUNDING,
  PANE_LIQUIDATIONS,
} Pane;

typedef struct
{
  Pane   pane;
  double height;
} Case;

/* "2024-12-16 20:57:21.198000+05:30": the liquidation file's IST times. */
static gint64
parse_ist (const char *text)
{
  g_autofree char *iso = g_strdelimit (g_strdup (text), " ", 'T');
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
}

static PsLiquidations *
load_liquidations (void)
{
  g_auto(GStrv) rows = read_csv_rows ("binance_btcusdt_liquidations_2024-12-16.csv");
  PsLiquidations *liq = ps_liquidations_new (g_strv_length (rows));

  for (guint i = 0; rows[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (rows[i], ",", -1);
      double price = g_ascii_strtod (f[2], NULL), qty = g_ascii_strtod (f[3], NULL);

      ps_liquidations_append (liq, parse_ist (f[0]),
                              strcmp (f[1], "Short Trade") == 0 ? PS_LIQ_SHORT : PS_LIQ_LONG,
                              PS_LIQ_SOURCE_LIVE, price, price, qty, price * qty);
    }
  return liq;
}

/* Renders the pane into surface (may be NULL: scale only) over rect and
 * fills its scale and label kind. */
static void
render_pane (Pane                pane,
             cairo_t            *cr,
             const PsRect       *rect,
             PsTimeAxis         *axis,
             const PsChartStyle *style,
             PsValueScale       *scale,
             PsLabelKind        *kind)
{
  switch (pane)
    {
    case PANE_PRICE:
      {
        g_autoptr(PsCandles) candles = load_candles ("binance_btcusdt_perp_4h_2025-09-27_2026-01-11.csv");

        /* November 2025 in 4h candles. */
        ps_time_axis_set_range (axis, T0 - 2 * DAY_MS, T0 + 28 * DAY_MS);
        g_assert_true (ps_render_price_scale (rect, axis, candles, PS_INTERVAL_4H, style, scale));
        *kind = PS_LABEL_PRICE;
        if (cr != NULL)
          ps_render_price (cr, rect, axis, candles, PS_INTERVAL_4H, "BTCUSDT", style);
        break;
      }
    case PANE_OPEN_INTEREST:
      {
        g_autoptr(PsOpenInterest) oi = load_open_interest ();

        ps_time_axis_set_range (axis, oi->t_ms[0], oi->t_ms[oi->n - 1] + DAY_MS);
        g_assert_true (ps_render_open_interest_scale (rect, axis, oi, style, scale));
        *kind = PS_LABEL_USD;
        if (cr != NULL)
          ps_render_open_interest (cr, rect, axis, oi, "Open interest", style);
        break;
      }
    case PANE_FUNDING:
      {
        g_autoptr(PsFunding) funding = load_funding ();

        /* A week of 8h settlements, mostly positive, some negative. */
        ps_time_axis_set_range (axis, T0 + 3 * DAY_MS, T0 + 10 * DAY_MS);
        g_assert_true (ps_render_funding_scale (rect, axis, funding, style, scale));
        *kind = PS_LABEL_PERCENT;
        if (cr != NULL)
          ps_render_funding (cr, rect, axis, funding, "Funding rate · 8h", style);
        break;
      }
    case PANE_LIQUIDATIONS:
      {
        g_autoptr(PsLiquidations) liq = load_liquidations ();
        PsRecordedLiquidations rec = { liq, NULL, 0 };

        ps_time_axis_set_range (axis, liq->t_ms[0] - 5 * MINUTE_MS,
                                liq->t_ms[liq->n - 1] + 5 * MINUTE_MS);
        g_assert_true (ps_render_liquidations_scale (rect, axis, &rec, PS_INTERVAL_1M, style,
                                                     scale));
        *kind = PS_LABEL_USD_MAGNITUDE;
        if (cr != NULL)
          ps_render_liquidations (cr, rect, axis, &rec, PS_INTERVAL_1M, "Liquidations", style);
        break;
      }
    default:
      g_assert_not_reached ();
    }
}

/* At least four labels, apart, distinct; both signs when zero is inside. */
static void
test_ticks (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  g_autoptr(GArray) ticks = NULL;
  PsRect rect = { 0, 0, 800, c->height };
  PsChartStyle style;
  PsValueScale scale;
  PsLabelKind kind;
  const PsValueTick *prev = NULL;
  guint n = 0, negative = 0, positive = 0;

  ps_chart_style_init_light (&style);
  render_pane (c->pane, NULL, &rect, axis, &style, &scale, &kind);
  ticks = ps_value_scale_ticks (&scale, &rect, kind, &style);

  for (guint i = 0; i < ticks->len; i++)
    {
      const PsValueTick *tick = &g_array_index (ticks, PsValueTick, i);

      g_test_message ("%g px: %s at y %g", c->height, tick->label, tick->y);
      g_assert_nonnull (tick->label);
      g_assert_cmpfloat (tick->y, >=, style.font_size * 0.5);
      g_assert_cmpfloat (tick->y, <=, c->height - style.font_size * 0.5);
      /* Top to bottom, a digit's height apart at least. */
      if (prev != NULL)
        {
          g_assert_cmpfloat (tick->y - prev->y, >=, style.font_size);
          g_assert_cmpfloat (tick->value, <, prev->value);
          g_assert_cmpstr (tick->label, !=, prev->label);
        }
      negative += tick->value < 0;
      positive += tick->value > 0;
      n++;
      prev = tick;
    }
  g_assert_cmpuint (n, >=, 4);
  /* Zero in view with data on both sides: labels on both sides. */
  if (c->pane == PANE_FUNDING || c->pane == PANE_LIQUIDATIONS)
    {
      g_assert_cmpuint (negative, >=, 1);
      g_assert_cmpuint (positive, >=, 1);
    }
}

/* The header band of a pane drawn with its series' colours see-through
 * equals the one drawn with them: nothing of the series is in it, right of
 * the title (whose value text is in the series' colour). */
static void
test_header_untouched (gconstpointer data)
{
  const Case *c = data;
  cairo_surface_t *surface[2];
  g_autoptr(PsTimeAxis) axis = ps_time_axis_new ();
  PsRect rect = { 0, 0, 800, c->height }, plot;
  PsChartStyle style;
  PsValueScale scale;
  PsLabelKind kind;
  double header;
  guint changed = 0;

  for (int i = 0; i < 2; i++)
    {
      cairo_t *cr;

      ps_chart_style_init_light (&style);
      if (i == 1)
        {
          style.oi_line.alpha = style.oi_fill.alpha = 0;
          style.up.alpha = style.down.alpha = 0;
          style.funding_positive.alpha = style.funding_negative.alpha = 0;
          style.liq_long.alpha = style.liq_short.alpha = 0;
        }
      surface[i] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, c->height);
      cr = cairo_create (surface[i]);
      render_pane (c->pane, cr, &rect, axis, &style, &scale, &kind);
      cairo_destroy (cr);
    }

  ps_render_get_plot_area (&rect, &style, &plot);
  header = _ps_render_header_height (&style);
  g_assert_cmpfloat (scale.y_top, >=, header);
  g_assert_cmpfloat (header, >=, style.font_size * 1.5);
  /* A third of the pane at most, or in the lowest panes one line's band. */
  g_assert_cmpfloat (header, <=, c->height >= 96 ? c->height / 3 : style.font_size * 2.2);
  /* Right of the title and its legend: the last third of the plot. */
  for (double y = 0; y < header - 1; y++)
    for (double x = plot.x + plot.width * 2 / 3; x < plot.x + plot.width - 1; x++)
      changed += pixel_at (surface[0], x, y) != pixel_at (surface[1], x, y);
  g_assert_cmpuint (changed, ==, 0);
  /* And the series does show below it. */
  changed = 0;
  for (double y = header; y < c->height; y++)
    for (double x = plot.x; x < plot.x + plot.width; x++)
      changed += pixel_at (surface[0], x, y) != pixel_at (surface[1], x, y);
  g_assert_cmpuint (changed, >, 50);

  {
    static const char *names[] = { "price", "oi", "funding", "liquidations" };
    g_autofree char *name = g_strdup_printf ("axes-%s-%g", names[c->pane], c->height);

    save_if_asked (surface[0], name);
  }
  cairo_surface_destroy (surface[0]);
  cairo_surface_destroy (surface[1]);
}

int
main (int   argc,
      char *argv[])
{
  static const char *names[] = { "price", "open-interest", "funding", "liquidations" };
  /* 64 px: the least a pane but price may be given (ps-pane-kinds.c). */
  static const int heights[] = { 64, 75, 96, 120, 300 };
  static Case cases[4][G_N_ELEMENTS (heights)];

  ps_test_init (&argc, &argv);

  for (int pane = 0; pane < 4; pane++)
    for (guint h = 0; h < G_N_ELEMENTS (heights); h++)
      {
        g_autofree char *ticks = NULL, *header = NULL;

        /* The price pane's least is 96 px. */
        if (pane == PANE_PRICE && heights[h] < 96)
          continue;
        cases[pane][h] = (Case) { pane, heights[h] };
        ticks = g_strdup_printf ("/render/axes/%s/ticks-%d", names[pane], heights[h]);
        header = g_strdup_printf ("/render/axes/%s/header-%d", names[pane], heights[h]);
        g_test_add_data_func (ticks, &cases[pane][h], test_ticks);
        g_test_add_data_func (header, &cases[pane][h], test_header_untouched);
      }

  return g_test_run ();
}
