/* test-window-preferences.c: the Preferences window applies what it sets,
 * under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ps-cache.h"
#include "ps-chart-pane.h"
#include "ps-preferences-window.h"
#include "ps-test-window.h"

static gboolean
window_settled (gpointer data)
{
  return gtk_widget_get_mapped (data) &&
         !ps_market_get_loading (ps_window_get_market (data));
}

/* Pixels of the price pane near rgb (each channel within 12). */
static guint
count_color (PsWindow *window,
             guint32   rgb)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *data = NULL;
  GtkWidget *pane = ps_window_get_pane (window, PS_CHART_PANE_PRICE);
  int width, height;
  gsize stride;
  guint n = 0;

  ps_test_spin (300);
  texture = screenshot (pane);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  stride = (gsize) width * 4;
  data = g_malloc (stride * height);
  gdk_texture_download (texture, data, stride);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = data + y * stride + 4 * x;   /* B G R A */
        int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

        if (ABS (p[2] - r) <= 12 && ABS (p[1] - g) <= 12 && ABS (p[0] - b) <= 12)
          n++;
      }
  return n;
}

static gboolean
is_dark (gpointer data)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static gboolean
is_light (gpointer data)
{
  return !adw_style_manager_get_dark (adw_style_manager_get_default ());
}

#define T0 G_GINT64_CONSTANT (1764547200000)   /* 2025-12-01 UTC */
#define N_OTHER 30000

static guint
count_other (void)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autoptr(PsCache) cache = ps_cache_new_read_only (path, NULL);
  g_autoptr(PsCandles) candles = NULL;

  g_assert_nonnull (cache);
  candles = ps_cache_read_candles (cache, "bybit", "BTCUSDT", PS_INTERVAL_1M, T0,
                                   T0 + N_OTHER * 60000, NULL);
  g_assert_nonnull (candles);
  return candles->n;
}

static gboolean
other_dropped (gpointer data)
{
  return count_other () == 0;
}

/* Another market in the cache before the window opens: ~2 MB of it. */
static void
fill_cache (void)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(PsCache) cache = NULL;
  g_autoptr(PsCandles) candles = ps_candles_new (N_OTHER);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  cache = ps_cache_new (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_OTHER; i++)
    ps_candles_append (candles, T0 + i * 60000, 100 + i, 101 + i, 99 + i, 100 + i, 5, 2);
  g_assert_true (ps_cache_write_candles (cache, "bybit", "BTCUSDT", PS_INTERVAL_1M, candles, T0,
                                         T0 + N_OTHER * 60000, &error));
  g_assert_no_error (error);
}

static void
check_preferences (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  PsPreferencesWindow *prefs;
  guint green, blue, green_after, blue_after;

  g_assert_true (wait_for (window_settled, window, 30));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  /* Not presented: its search button's icon is an SVG, which the test
   * environment's pixbuf loaders may not read (a fatal warning here); the
   * rows' bindings hold whether shown or not. */
  prefs = g_object_ref_sink (ps_preferences_window_new (GTK_WINDOW (window), settings, NULL));

  /* The palette: the demo's green rises turn blue, and back. */
  green = count_color (window, 0x26a269);
  blue = count_color (window, 0x1c71d8);
  g_settings_set_boolean (settings, "colorblind-palette", TRUE);
  green_after = count_color (window, 0x26a269);
  blue_after = count_color (window, 0x1c71d8);
  g_test_message ("green %u → %u, blue %u → %u", green, green_after, blue, blue_after);
  g_assert_cmpuint (green, >, 200);
  g_assert_cmpuint (green_after, <, green / 10);
  g_assert_cmpuint (blue_after, >, blue + green / 2);
  g_settings_reset (settings, "colorblind-palette");
  g_assert_cmpuint (count_color (window, 0x26a269), >, green / 2);

  /* The style, at once, and back to the system's. */
  g_settings_set_enum (settings, "color-scheme", 2);
  g_assert_true (wait_for (is_dark, NULL, 5));
  g_settings_set_enum (settings, "color-scheme", 1);
  g_assert_true (wait_for (is_light, NULL, 5));
  g_settings_reset (settings, "color-scheme");

  /* The leverage mix: a typo is refused in words and not kept; a mix is. */
  g_assert_false (_ps_preferences_apply_tiers (prefs, "5:0.3,ten:0.7", &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  {
    g_autofree char *kept = g_settings_get_string (settings, "heatmap-tiers");

    g_assert_cmpstr (kept, ==, "");
  }
  g_clear_error (&error);
  g_assert_true (_ps_preferences_apply_tiers (prefs, " 10:0.5,20:0.5 ", &error));
  g_assert_no_error (error);
  {
    g_autofree char *tiers = g_settings_get_string (settings, "heatmap-tiers");

    g_assert_cmpstr (tiers, ==, "10:0.5,20:0.5");
  }
  g_settings_reset (settings, "heatmap-tiers");

  /* The cache limit: 1 MB, and the other market (never opened) goes; the
   * shown one is never dropped. */
  g_assert_cmpuint (count_other (), ==, N_OTHER);
  g_settings_set_uint (settings, "cache-size-limit-mb", 1);
  g_assert_true (wait_for (other_dropped, NULL, 10));
  g_settings_reset (settings, "cache-size-limit-mb");

  gtk_window_destroy (GTK_WINDOW (prefs));
  g_object_unref (prefs);
  g_application_quit (G_APPLICATION (app));
}

static void
test_preferences (void)
{
  fill_cache ();
  run_app (NULL, G_CALLBACK (check_preferences));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);
  g_test_add_func ("/perpscope/ui/preferences", test_preferences);
  return g_test_run ();
}
