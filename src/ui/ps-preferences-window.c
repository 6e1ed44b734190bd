/* ps-preferences-window.c: the Preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ps-heatmap-settings.h"
#include "ps-heatmap.h"
#include "ps-preferences-window.h"

struct _PsPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *style_row;
  GtkSwitch            *colorblind_switch;
  GtkSwitch            *utc_switch;
  GtkSwitch            *record_switch;
  AdwActionRow         *cache_row;
  GtkSpinButton        *cache_spin;
  GtkSwitch            *heatmap_switch;
  GtkScale             *opacity_scale;
  AdwEntryRow          *tiers_row;
  GtkLabel             *tiers_error;
  GtkSpinButton        *maint_spin;
  GtkSpinButton        *position_spin;
  GtkSpinButton        *bins_spin;
  GtkSpinButton        *zone_threshold_spin;
  GtkSpinButton        *zone_width_spin;
};

G_DEFINE_FINAL_TYPE (PsPreferencesWindow, ps_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char * const schemes[] = { "default", "light", "dark", NULL };

static gboolean
ps_preferences_get_scheme (GValue   *value,
                           GVariant *variant,
                           gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; schemes[i] != NULL; i++)
    if (g_str_equal (nick, schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
ps_preferences_set_scheme (const GValue       *value,
                           const GVariantType *type,
                           gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return i < G_N_ELEMENTS (schemes) - 1 ? g_variant_new_string (schemes[i]) : NULL;
}

gboolean
_ps_preferences_apply_tiers (PsPreferencesWindow  *self,
                             const char           *text,
                             GError              **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  PsHeatmapParams params;

  g_return_val_if_fail (PS_IS_PREFERENCES_WINDOW (self), FALSE);

  ps_heatmap_params_init (&params);
  if (*stripped != '\0' &&
      (!ps_heatmap_params_parse_tiers (&params, stripped, error) ||
       !ps_heatmap_params_validate (&params, error)))
    return FALSE;
  g_settings_set_string (self->settings, "heatmap-tiers", stripped);
  return TRUE;
}

static void
ps_preferences_tiers_apply_cb (PsPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (_ps_preferences_apply_tiers (self, gtk_editable_get_text (GTK_EDITABLE (self->tiers_row)),
                                   &error))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->tiers_error), FALSE);
      gtk_widget_remove_css_class (GTK_WIDGET (self->tiers_row), "error");
    }
  else
    {
      gtk_label_set_text (self->tiers_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->tiers_error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->tiers_row), "error");
    }
}

/* The mix as kept, shown: at the start, after Reset or a change elsewhere. */
static void
ps_preferences_tiers_changed_cb (PsPreferencesWindow *self)
{
  g_autofree char *tiers = g_settings_get_string (self->settings, "heatmap-tiers");

  g_assert (PS_IS_PREFERENCES_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->tiers_row),
                         *tiers != '\0' ? tiers : "5:0.3,10:0.3,25:0.2,50:0.12,100:0.08");
  gtk_widget_set_visible (GTK_WIDGET (self->tiers_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->tiers_row), "error");
}

/* The model's parameters, all back to its defaults; the rows follow. */
static void
ps_preferences_window_reset_cb (PsPreferencesWindow *self)
{
  g_assert (PS_IS_PREFERENCES_WINDOW (self));

  for (guint i = 0; ps_heatmap_settings_keys[i] != NULL; i++)
    g_settings_reset (self->settings, ps_heatmap_settings_keys[i]);
  /* A mix typed and not applied goes too, changed or not. */
  ps_preferences_tiers_changed_cb (self);
}

static void
ps_preferences_window_finalize (GObject *object)
{
  PsPreferencesWindow *self = PS_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ps_preferences_window_parent_class)->finalize (object);
}

static void
ps_preferences_window_class_init (PsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ps_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/perpscope/Perpscope/ui/"
                                               "ps-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, colorblind_switch);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, utc_switch);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, record_switch);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, cache_row);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, cache_spin);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, heatmap_switch);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, opacity_scale);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, tiers_row);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, tiers_error);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, maint_spin);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, position_spin);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, bins_spin);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, zone_threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, PsPreferencesWindow, zone_width_spin);
  gtk_widget_class_bind_template_callback (widget_class, ps_preferences_window_reset_cb);
}

static void
ps_preferences_window_init (PsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* "The cache takes 412 MB now; 0: no limit. Recorded liquidations are never
 * dropped." */
static void
ps_preferences_show_cache_size (PsPreferencesWindow *self,
                                const char          *cache_path)
{
  static const char * const suffixes[] = { "", "-wal" };
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;
  guint64 bytes = 0;

  for (guint i = 0; cache_path != NULL && i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (cache_path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (path, &st) == 0)
        bytes += (guint64) st.st_size;
    }
  size = g_format_size (bytes);
  /* TRANSLATORS: %s is a size, "412 MB" */
  text = g_strdup_printf (_("The cache of fetched history takes %s now; 0: no limit. The markets "
                            "opened longest ago go first; recorded liquidations never do."), size);
  adw_action_row_set_subtitle (self->cache_row, text);
}

/* The model's numbers, each to its key: the window's analysis follows at
 * once. Their adjustments' ranges are the schema's. */
static void
ps_preferences_window_bind_model (PsPreferencesWindow *self)
{
  const struct { const char *key; GtkSpinButton *spin; } binds[] = {
    { "heatmap-maint-rate-pct", self->maint_spin },
    { "heatmap-position-usd", self->position_spin },
    { "heatmap-bins", self->bins_spin },
    { "heatmap-zone-threshold-pct", self->zone_threshold_spin },
    { "heatmap-zone-max-width-pct", self->zone_width_spin },
  };

  for (guint i = 0; i < G_N_ELEMENTS (binds); i++)
    {
      g_settings_bind (self->settings, binds[i].key,
                       gtk_spin_button_get_adjustment (binds[i].spin), "value",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "show-heatmap", binds[i].spin, "sensitive",
                       G_SETTINGS_BIND_GET);
    }
  g_settings_bind (self->settings, "show-heatmap", self->tiers_row, "sensitive",
                   G_SETTINGS_BIND_GET);
}

PsPreferencesWindow *
ps_preferences_window_new (GtkWindow  *parent,
                           GSettings  *settings,
                           const char *cache_path)
{
  PsPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PS_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind_with_mapping (settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, ps_preferences_get_scheme,
                                ps_preferences_set_scheme, NULL, NULL);
  g_settings_bind (settings, "colorblind-palette", self->colorblind_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "utc", self->utc_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "record-live", self->record_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "cache-size-limit-mb",
                   gtk_spin_button_get_adjustment (self->cache_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  ps_preferences_show_cache_size (self, cache_path);
  g_settings_bind (settings, "show-heatmap", self->heatmap_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "heatmap-opacity",
                   gtk_range_get_adjustment (GTK_RANGE (self->opacity_scale)), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "show-heatmap", self->opacity_scale, "sensitive",
                   G_SETTINGS_BIND_GET);
  ps_preferences_window_bind_model (self);

  /* The mix is checked before it is kept: a typo must not stop the model. */
  g_signal_connect_object (settings, "changed::heatmap-tiers",
                           G_CALLBACK (ps_preferences_tiers_changed_cb), self, G_CONNECT_SWAPPED);
  ps_preferences_tiers_changed_cb (self);
  g_signal_connect_object (self->tiers_row, "apply", G_CALLBACK (ps_preferences_tiers_apply_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->tiers_row, "entry-activated",
                           G_CALLBACK (ps_preferences_tiers_apply_cb), self, G_CONNECT_SWAPPED);
  return self;
}
