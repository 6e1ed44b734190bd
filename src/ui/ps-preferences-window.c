/* ps-preferences-window.c: the preferences: appearance, data, heatmap
 *
 * Each row is bound to its key with g_settings_bind (), so a change applies
 * at once in every window, and a change made elsewhere (the main menu,
 * gsettings) shows here. The leverage tiers are the exception: the text is
 * checked and saved on Apply, never half typed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ps-cache-limit.h"
#include "ps-heatmap.h"
#include "ps-preferences-window.h"

struct _PsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  PsCacheLimit         *cache_limit;

  /* Template children */
  AdwComboRow          *color_scheme_row;
  GtkSwitch            *palette_switch;
  GtkSwitch            *utc_switch;
  GtkSwitch            *record_switch;
  AdwActionRow         *cache_row;
  GtkSpinButton        *cache_limit_spin;
  GtkSwitch            *show_heatmap_switch;
  GtkScale             *opacity_scale;
  AdwEntryRow          *tiers_row;
  GtkSpinButton        *maint_spin;
  GtkSpinButton        *position_spin;
  GtkSpinButton        *bins_spin;
  GtkSpinButton        *zone_threshold_spin;
  GtkSpinButton        *zone_width_spin;
};

G_DEFINE_FINAL_TYPE (PsPreferencesWindow, ps_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row's items, in order: the color-scheme key's nicks. */
static const char * const color_schemes[] = { "default", "light", "dark" };

static const char * const heatmap_keys[] = {
  "heatmap-tiers", "heatmap-maint-rate-pct", "heatmap-position-usd", "heatmap-bins",
  "heatmap-zone-threshold-pct", "heatmap-zone-max-width-pct",
};

static gboolean
ps_color_scheme_get_mapping (GValue   *value,
                             GVariant *variant,
                             gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (color_schemes); i++)
    if (g_str_equal (nick, color_schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
ps_color_scheme_set_mapping (const GValue       *value,
                             const GVariantType *expected_type,
                             gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  if (i >= G_N_ELEMENTS (color_schemes))
    return NULL;
  return g_variant_new_string (color_schemes[i]);
}

/* The palette switch: on is "colour-blind". */
static gboolean
ps_palette_get_mapping (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  g_value_set_boolean (value, g_str_equal (g_variant_get_string (variant, NULL), "colour-blind"));
  return TRUE;
}

static GVariant *
ps_palette_set_mapping (const GValue       *value,
                        const GVariantType *expected_type,
                        gpointer            user_data)
{
  return g_variant_new_string (g_value_get_boolean (value) ? "colour-blind" : "standard");
}

static void
ps_preferences_window_update_cache_text (PsPreferencesWindow *self)
{
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;

  g_assert (PS_IS_PREFERENCES_WINDOW (self));

  if (!ps_cache_limit_get_measured (self->cache_limit))
    {
      adw_action_row_set_subtitle (self->cache_row, _("Measuring the cache…"));
      return;
    }
  size = g_format_size (ps_cache_limit_get_size (self->cache_limit));
  /* Translators: the cache's size in use now, e.g. "12.3 MB" */
  text = g_strdup_printf (_("%s in use · 0: no limit"), size);
  adw_action_row_set_subtitle (self->cache_row, text);
}

/* The tiers row: its text is checked as it is typed, saved on Apply. */
static void
ps_preferences_window_tiers_changed_cb (PsPreferencesWindow *self,
                                        AdwEntryRow         *row)
{
  PsHeatmapParams params;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  g_assert (PS_IS_PREFERENCES_WINDOW (self));

  if (ps_heatmap_params_parse_tiers (&params, text, NULL))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), NULL);
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static void
ps_preferences_window_tiers_apply_cb (PsPreferencesWindow *self,
                                      AdwEntryRow         *row)
{
  PsHeatmapParams params;
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  g_assert (PS_IS_PREFERENCES_WINDOW (self));

  if (!ps_heatmap_params_parse_tiers (&params, text, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (row), error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (error->message));
      return;
    }
  g_settings_set_string (self->settings, "heatmap-tiers", text);
}

static void
ps_preferences_window_tiers_setting_cb (PsPreferencesWindow *self)
{
  g_autofree char *tiers = g_settings_get_string (self->settings, "heatmap-tiers");

  g_assert (PS_IS_PREFERENCES_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->tiers_row), tiers);
}

static void
ps_preferences_window_reset_cb (PsPreferencesWindow *self)
{
  g_assert (PS_IS_PREFERENCES_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (heatmap_keys); i++)
    g_settings_reset (self->settings, heatmap_keys[i]);
}

static void
ps_preferences_window_bind (PsPreferencesWindow *self)
{
  const struct { const char *key; gpointer object; const char *property; } binds[] = {
    { "utc", self->utc_switch, "active" },
    { "record-live", self->record_switch, "active" },
    { "cache-size-limit-mb", self->cache_limit_spin, "value" },
    { "show-heatmap", self->show_heatmap_switch, "active" },
    { "heatmap-opacity", gtk_range_get_adjustment (GTK_RANGE (self->opacity_scale)), "value" },
    { "heatmap-maint-rate-pct", self->maint_spin, "value" },
    { "heatmap-position-usd", self->position_spin, "value" },
    { "heatmap-bins", self->bins_spin, "value" },
    { "heatmap-zone-threshold-pct", self->zone_threshold_spin, "value" },
    { "heatmap-zone-max-width-pct", self->zone_width_spin, "value" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (binds); i++)
    g_settings_bind (self->settings, binds[i].key, binds[i].object, binds[i].property,
                     G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->color_scheme_row,
                                "selected", G_SETTINGS_BIND_DEFAULT,
                                ps_color_scheme_get_mapping, ps_color_scheme_set_mapping,
                                NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "palette", self->palette_switch, "active",
                                G_SETTINGS_BIND_DEFAULT,
                                ps_palette_get_mapping, ps_palette_set_mapping, NULL, NULL);

  g_signal_connect_object (self->settings, "changed::heatmap-tiers",
                           G_CALLBACK (ps_preferences_window_tiers_setting_cb), self,
                           G_CONNECT_SWAPPED);
  ps_preferences_window_tiers_setting_cb (self);
}

static void
ps_preferences_window_dispose (GObject *object)
{
  PsPreferencesWindow *self = PS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->cache_limit);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ps_preferences_window_parent_class)->dispose (object);
}

static void
ps_preferences_window_class_init (PsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ps_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/perpscope/Perpscope/"
                                                             "ui/ps-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, palette_switch);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, utc_switch);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, record_switch);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, cache_row);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, cache_limit_spin);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, show_heatmap_switch);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, opacity_scale);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, tiers_row);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, maint_spin);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, position_spin);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, bins_spin);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, zone_threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, zone_width_spin);
  gtk_widget_class_bind_template_callback (widget_class, ps_preferences_window_tiers_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, ps_preferences_window_tiers_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ps_preferences_window_reset_cb);
}

static void
ps_preferences_window_init (PsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ps_preferences_window_new (PsApplication *application)
{
  PsPreferencesWindow *self;
  GtkWindow *parent;

  g_return_val_if_fail (PS_IS_APPLICATION (application), NULL);

  parent = gtk_application_get_active_window (GTK_APPLICATION (application));
  self = g_object_new (PS_TYPE_PREFERENCES_WINDOW,
                       "application", application,
                       "transient-for", parent,
                       NULL);
  self->settings = g_object_ref (ps_application_get_settings (application));
  self->cache_limit = g_object_ref (ps_application_get_cache_limit (application));
  ps_preferences_window_bind (self);

  g_signal_connect_object (self->cache_limit, "notify::size",
                           G_CALLBACK (ps_preferences_window_update_cache_text), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cache_limit, "notify::measured",
                           G_CALLBACK (ps_preferences_window_update_cache_text), self,
                           G_CONNECT_SWAPPED);
  ps_preferences_window_update_cache_text (self);
  /* The size now, not at the last trim. */
  ps_cache_limit_trim (self->cache_limit);

  return GTK_WIDGET (self);
}

const char *
ps_preferences_window_get_cache_text (PsPreferencesWindow *self)
{
  g_return_val_if_fail (PS_IS_PREFERENCES_WINDOW (self), NULL);

  return adw_action_row_get_subtitle (self->cache_row);
}
