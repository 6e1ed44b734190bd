/* test-window-venues.c: "All venues" in the window: the aggregate loaded
 * and drawn, its venues ticked in and out
 *
 * The loopback Binance answers as itself and, through a mirror venue, once
 * more with half its open interest; the other venues refuse.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "ps-aggregate-market.h"
#include "ps-application.h"
#include "ps-binance.h"
#include "ps-render.h"
#include "ps-test-mirror.h"
#include "ps-test-server.h"
#include "ps-test-util.h"
#include "ps-test-window.h"
#include "ps-window.h"

#define MIRROR_OI_SHARE 0.5

static PsTestServer *server;

static void
add_mirror_cb (GApplication *app)
{
  PsCore *core = ps_application_get_core (PS_APPLICATION (app));
  g_autoptr(PsProvider) binance = PS_PROVIDER (ps_binance_new (ps_core_get_http (core),
                                                              ps_test_server_get_uri (server)));
  /* Asked for BTC (what a venue Perpscope does not know is asked for the bare
   * asset), it answers Binance's BTCUSDT with half its open interest: its
   * part of the sum is told from Binance's. */
  g_autoptr(PsProvider) mirror = ps_test_mirror_new (binance, "BTCUSDT", MIRROR_OI_SHARE);

  ps_core_add_provider (core, mirror);
}

/* The window ------------------------------------------------------------------ */

static GtkWidget *
template_child (PsWindow   *window,
                const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), PS_TYPE_WINDOW, name));
}

static gboolean
source_loaded (gpointer data)
{
  PsMarketSource *source = ps_window_get_source (data);

  return !ps_market_source_get_loading (source) && !ps_market_source_get_is_demo (source) &&
         ps_market_source_get_candles (source)->n > 0;
}

static gboolean
aggregate_loaded (gpointer data)
{
  return PS_IS_AGGREGATE_MARKET (ps_window_get_source (data)) && source_loaded (data);
}

static gboolean
action_enabled (PsWindow   *window,
                const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (window), name);
}

/* The check button of venue name in the venues popover. */
static GtkCheckButton *
find_venue_check (PsWindow   *window,
                  const char *name)
{
  GtkWidget *box = gtk_popover_get_child (GTK_POPOVER (template_child (window, "venues_popover")));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child) &&
        g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (child)), name) == 0)
      return GTK_CHECK_BUTTON (child);
  return NULL;
}

/* Of the shown aggregate: the sum's rows where every venue given has a
 * value, checked to be their parts' sum; how many. venue_share: what each
 * part is of Binance's (NAN: that venue is not there). */
static guint
check_sum (PsWindow     *window,
           const double *venue_share,
           guint         n_venues)
{
  PsMarketSource *source = ps_window_get_source (window);
  g_autoptr(PsMarketSnapshot) snapshot = ps_market_source_get_snapshot (source);
  PsOpenInterest *sum = snapshot->open_interest;
  guint n_checked = 0;

  g_assert_cmpuint (snapshot->parts->len, ==, n_venues);
  for (guint k = 0; k < sum->n; k++)
    {
      double binance = ((PsOpenInterest *) snapshot->parts_open_interest->pdata[0])->usd[k];
      double total = 0;
      gboolean all = isfinite (binance);

      for (guint v = 0; v < n_venues && all; v++)
        {
          double part = ((PsOpenInterest *) snapshot->parts_open_interest->pdata[v])->usd[k];

          if (isnan (venue_share[v]))
            {
              g_assert_true (isnan (part));
              continue;
            }
          all = isfinite (part);
          if (all)
            {
              g_assert_cmpfloat_with_epsilon (part, binance * venue_share[v], binance * 1e-9);
              total += part;
            }
        }
      if (!all)
        continue;
      g_assert_cmpfloat_with_epsilon (sum->usd[k], total, total * 1e-12);
      n_checked++;
    }
  return n_checked;
}

/* Pixels of the open interest pane in a venue's band colour. */
static guint
count_band (PsWindow   *window,
            const char *venue)
{
  GtkWidget *pane = ps_window_get_pane (window, PS_CHART_PANE_OPEN_INTEREST);
  g_autoptr(GdkTexture) shot = screenshot (pane);
  int width = gdk_texture_get_width (shot), height = gdk_texture_get_height (shot);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  PsChartStyle style;
  const PsColor *color;
  int rgb[3];
  guint n = 0;

  if (adw_style_manager_get_dark (adw_style_manager_get_default ()))
    ps_chart_style_init_dark (&style);
  else
    ps_chart_style_init_light (&style);
  color = ps_chart_style_venue_color (&style, venue);
  rgb[0] = lround ((color->red * 0.72 + style.background.red * 0.28) * 255);
  rgb[1] = lround ((color->green * 0.72 + style.background.green * 0.28) * 255);
  rgb[2] = lround ((color->blue * 0.72 + style.background.blue * 0.28) * 255);
  gdk_texture_download (shot, data, width * 4);
  for (int i = 0; i < width * height; i++)
    {
      /* B G R A in memory. */
      const guchar *p = data + (gsize) i * 4;

      n += abs (p[2] - rgb[0]) <= 3 && abs (p[1] - rgb[1]) <= 3 && abs (p[0] - rgb[2]) <= 3;
    }
  return n;
}

static void
activate_cb (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));
  g_autoptr(GSettings) settings = g_object_ref (ps_application_get_settings (PS_APPLICATION (app)));
  GtkDropDown *dropdown = GTK_DROP_DOWN (template_child (window, "venue_dropdown"));
  GListModel *names = gtk_drop_down_get_model (dropdown);
  guint n = g_list_model_get_n_items (names);
  const double with_mirror[] = { 1, NAN, NAN, NAN, NAN, MIRROR_OI_SHARE };
  const double without_mirror[] = { 1, NAN, NAN, NAN, NAN };
  g_autofree char *symbol = NULL;
  g_autofree char *venue = NULL;
  g_auto(GStrv) ticked = NULL;
  g_autofree char *banner = NULL;
  PsMarketSource *source;
  GtkCheckButton *mirror;

  g_assert_true (wait_for (market_shows, window, 30));
  g_assert_false (gtk_widget_get_visible (template_child (window, "venues_button")));
  g_assert_false (action_enabled (window, "oi-by-venue"));

  /* All venues, at the end of the list: the coin (BTC) on every venue. */
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), n - 1), ==, "All venues");
  gtk_drop_down_set_selected (dropdown, n - 1);
  venue = g_settings_get_string (settings, "venue");
  g_assert_cmpstr (venue, ==, "all");
  symbol = g_settings_get_string (settings, "symbol");
  g_assert_cmpstr (symbol, ==, "BTC");
  source = ps_window_get_source (window);
  g_assert_true (PS_IS_AGGREGATE_MARKET (source));
  g_assert_null (ps_window_get_market (window));
  g_assert_cmpuint (ps_aggregate_market_get_n_venues (PS_AGGREGATE_MARKET (source)), ==, 6);
  g_assert_true (gtk_widget_get_visible (template_child (window, "venues_button")));
  g_assert_true (action_enabled (window, "oi-by-venue"));
  g_assert_true (action_enabled (window, "funding-by-venue"));

  g_assert_true (wait_for (aggregate_loaded, window, 60));
  g_assert_no_error ((GError *) ps_market_source_get_error (source));
  g_assert_nonnull (strstr (adw_window_title_get_title (ADW_WINDOW_TITLE (
    template_child (window, "window_title"))), "All venues · BTC"));
  /* Binance's candles; the open interest Binance's and the mirror's summed. */
  g_assert_cmpuint (ps_market_source_get_candles (source)->n, >, 80 * 6);
  g_assert_cmpuint (check_sum (window, with_mirror, 6), >, 60);
  /* The venues that refused are said, in words. */
  banner = g_strdup (ps_window_get_banner_text (window));
  g_test_message ("banner: %s", banner);
  g_assert_nonnull (strstr (banner, "Bybit BTCUSDT: "));
  g_assert_nonnull (strstr (banner, "Hyperliquid publishes no liquidation feed"));
  /* Stacked: Binance's band and the mirror's in the pane. */
  ps_test_spin (300);
  g_assert_cmpuint (count_band (window, "binance"), >, 2000);
  /* (The mirror's grey is also a tint of the pane's text here and there.) */
  g_assert_cmpuint (count_band (window, "mirror"), >, 1000);
  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = screenshot (GTK_WIDGET (window));
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "window-all-venues.png", NULL);

      gdk_texture_save_to_png (shot, path);
    }

  /* The mirror unticked: it leaves the aggregate, the sum and the pane. */
  mirror = find_venue_check (window, "Mirror");
  g_assert_nonnull (mirror);
  g_assert_true (gtk_check_button_get_active (mirror));
  gtk_check_button_set_active (mirror, FALSE);
  ticked = g_settings_get_strv (settings, "aggregate-venues");
  g_assert_cmpuint (g_strv_length (ticked), ==, 5);
  g_assert_false (g_strv_contains ((const char * const *) ticked, "mirror"));
  g_assert_true (ps_window_get_source (window) != source);
  source = ps_window_get_source (window);
  g_assert_cmpuint (ps_aggregate_market_get_n_venues (PS_AGGREGATE_MARKET (source)), ==, 5);
  g_assert_true (wait_for (aggregate_loaded, window, 60));
  g_assert_cmpuint (check_sum (window, without_mirror, 5), >, 60);
  ps_test_spin (300);
  g_assert_cmpuint (count_band (window, "binance"), >, 2000);
  g_assert_cmpuint (count_band (window, "mirror"), <, 200);

  /* Not stacked: the sum's line, no band. */
  g_settings_set_boolean (settings, "oi-by-venue", FALSE);
  ps_test_spin (300);
  g_assert_cmpuint (count_band (window, "binance"), ==, 0);
  g_settings_reset (settings, "oi-by-venue");

  /* A recorder listens to one venue: all venues record nothing, and say so. */
  g_settings_set_boolean (settings, "record-live", TRUE);
  g_assert_null (ps_window_get_recorder (window));
  g_assert_cmpstr (ps_window_get_record_status (window), ==, "Not recording live");
  g_settings_set_boolean (settings, "record-live", FALSE);

  /* Back to one venue: Binance's own symbol, no aggregate's options. */
  gtk_drop_down_set_selected (dropdown, 0);
  g_free (symbol);
  symbol = g_settings_get_string (settings, "symbol");
  g_assert_cmpstr (symbol, ==, "BTCUSDT");
  g_assert_nonnull (ps_window_get_market (window));
  g_assert_false (gtk_widget_get_visible (template_child (window, "venues_button")));
  g_assert_false (action_enabled (window, "oi-by-venue"));
  g_assert_true (wait_for (market_shows, window, 30));

  g_settings_reset (settings, "aggregate-venues");
  g_application_quit (G_APPLICATION (app));
}

static void
test_all_venues (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  server = ps_test_server_new ();
  g_setenv ("PERPSCOPE_BINANCE_REST", ps_test_server_get_uri (server), TRUE);
  g_settings_set_boolean (settings, "record-live", FALSE);
  run_app (G_CALLBACK (add_mirror_cb), G_CALLBACK (activate_cb));
  g_settings_reset (settings, "record-live");
  g_settings_reset (settings, "venue");
  g_settings_reset (settings, "symbol");
  g_clear_pointer (&server, ps_test_server_free);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/ui/window-venues/all-venues", test_all_venues);

  return g_test_run ();
}
