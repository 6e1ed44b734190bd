/* test-window-preferences.c: the Preferences window applies what it sets,
 * under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
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

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The model's rows: accessible label, key, a value to set and what the
 * model then reads (a share where the key is a percentage). */
static const struct
{
  const char *label;
  const char *key;
  double      value;
  double      model;
} model_rows[] = {
  { "Maintenance rate in percent, 0 for Binance’s tier", "heatmap-maint-rate-pct", 0.5, 0.005 },
  { "Position size in USD", "heatmap-position-usd", 50000, 50000 },
  { "Price bins", "heatmap-bins", 600, 600 },
  { "Hot zone threshold in percent", "heatmap-zone-threshold-pct", 40, 0.4 },
  { "Hot zone width at most, in percent of price", "heatmap-zone-max-width-pct", 1.5, 1.5 },
};

static double
model_param (const PsHeatmapParams *params,
             guint                  row)
{
  switch (row)
    {
    case 0:
      return params->maint_rate;
    case 1:
      return params->position_usd;
    case 2:
      return params->n_bins;
    case 3:
      return params->zone_threshold;
    case 4:
      return params->zone_max_width_pct;
    default:
      g_assert_not_reached ();
    }
}

/* A range's bound: the keys are doubles or uints. */
static double
variant_number (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return g_variant_get_uint32 (value);
  return g_variant_get_double (value);
}

static gboolean
heatmap_has_600_bins (gpointer data)
{
  PsAnalysis *result = ps_market_analysis_get_result (ps_window_get_analysis (data));
  PsHeatmap *heatmap = result != NULL ? ps_analysis_get_heatmap (result, PS_HEATMAP_MODEL) : NULL;

  return heatmap != NULL && ps_heatmap_get_grid (heatmap)->n_bins == 600;
}

/* The model's numbers: the schema's ranges in the rows, each applied at
 * once to the window's analysis, clamped, and Reset. */
static void
check_model (PsWindow            *window,
             PsPreferencesWindow *prefs,
             GSettings           *settings)
{
  PsMarketAnalysis *analysis = ps_window_get_analysis (window);
  g_autoptr(GSettingsSchema) schema = NULL;
  GtkWidget *spins[G_N_ELEMENTS (model_rows)];
  GtkWidget *tiers_row = find_labelled (GTK_WIDGET (prefs), ADW_TYPE_ENTRY_ROW, NULL);
  const PsHeatmapParams *params = &ps_market_analysis_get_params (analysis)->heatmap;
  PsHeatmapParams defaults;
  g_autoptr(GError) error = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  ps_heatmap_params_init (&defaults);

  /* The defaults are the model's. */
  g_assert_true (isnan (params->maint_rate));
  g_assert_cmpfloat (params->position_usd, ==, defaults.position_usd);
  g_assert_cmpuint (params->n_bins, ==, defaults.n_bins);
  g_assert_cmpfloat (params->zone_threshold, ==, defaults.zone_threshold);
  g_assert_cmpfloat (params->zone_max_width_pct, ==, defaults.zone_max_width_pct);

  for (guint i = 0; i < G_N_ELEMENTS (model_rows); i++)
    {
      g_autoptr(GSettingsSchemaKey) key = g_settings_schema_get_key (schema, model_rows[i].key);
      g_autoptr(GVariant) range = g_settings_schema_key_get_range (key);
      g_autoptr(GVariant) bounds = NULL;
      g_autoptr(GVariant) low = NULL;
      g_autoptr(GVariant) high = NULL;
      const char *kind;
      GtkAdjustment *adjustment;

      spins[i] = find_labelled (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON, model_rows[i].label);
      g_assert_nonnull (spins[i]);
      adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spins[i]));

      /* The row's range is the key's. */
      g_variant_get (range, "(&sv)", &kind, &bounds);
      g_assert_cmpstr (kind, ==, "range");
      low = g_variant_get_child_value (bounds, 0);
      high = g_variant_get_child_value (bounds, 1);
      g_assert_cmpfloat (gtk_adjustment_get_lower (adjustment), ==, variant_number (low));
      g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), ==, variant_number (high));

      /* Set in the row: kept, and the model runs on it at once. */
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spins[i]), model_rows[i].value);
      g_assert_true (g_settings_get_user_value (settings, model_rows[i].key) != NULL);
      params = &ps_market_analysis_get_params (analysis)->heatmap;
      g_assert_cmpfloat_with_epsilon (model_param (params, i), model_rows[i].model, 1e-9);
    }
  /* The heatmap itself is estimated anew: 600 rows of prices. */
  g_assert_true (wait_for (heatmap_has_600_bins, window, 30));

  /* Out of range, the row clamps: the key never holds what the model refuses. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spins[2]), 100000);
  g_assert_cmpuint (g_settings_get_uint (settings, "heatmap-bins"), ==, 5000);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spins[0]), -3);
  g_assert_cmpfloat (g_settings_get_double (settings, "heatmap-maint-rate-pct"), ==, 0);
  g_assert_true (isnan (ps_market_analysis_get_params (analysis)->heatmap.maint_rate));

  /* Reset: every key, the rows and the model back to the defaults, the
   * mix too. */
  g_assert_true (_ps_preferences_apply_tiers (prefs, "10:1,20:1", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ps_market_analysis_get_params (analysis)->heatmap.n_tiers, ==, 2);
  g_assert_nonnull (tiers_row);
  gtk_editable_set_text (GTK_EDITABLE (tiers_row), "3:1");
  g_signal_emit_by_name (find_button (GTK_WIDGET (prefs), "_Reset"), "clicked");
  for (guint i = 0; i < G_N_ELEMENTS (model_rows); i++)
    g_assert_null (g_settings_get_user_value (settings, model_rows[i].key));
  g_assert_null (g_settings_get_user_value (settings, "heatmap-tiers"));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spins[2])), ==, 1000);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tiers_row)), ==,
                   "5:0.3,10:0.3,25:0.2,50:0.12,100:0.08");
  params = &ps_market_analysis_get_params (analysis)->heatmap;
  g_assert_cmpuint (params->n_tiers, ==, defaults.n_tiers);
  g_assert_cmpuint (params->n_bins, ==, defaults.n_bins);
  g_assert_true (isnan (params->maint_rate));
  g_assert_cmpfloat (params->zone_threshold, ==, defaults.zone_threshold);
  /* A mix typed over the default and not applied: no key changes, the row does. */
  gtk_editable_set_text (GTK_EDITABLE (tiers_row), "3:1");
  g_signal_emit_by_name (find_button (GTK_WIDGET (prefs), "_Reset"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tiers_row)), ==,
                   "5:0.3,10:0.3,25:0.2,50:0.12,100:0.08");
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

  check_model (window, prefs, settings);

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
  /* Accessible labels kept where the test finds the rows by them (GTK's
   * test context), instead of nowhere (GTK_A11Y=none, the suite's). */
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_test_add_func ("/perpscope/ui/preferences", test_preferences);
  return g_test_run ();
}
