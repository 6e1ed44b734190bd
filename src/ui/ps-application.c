/* ps-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ps-application.h"
#include "ps-window.h"

struct _PsApplication
{
  AdwApplication  parent_instance;

  PsHttp         *http;
  PsCache        *cache;
  GSettings      *settings;
  char           *cache_notice;
  char           *temp_dir;
};

G_DEFINE_FINAL_TYPE (PsApplication, ps_application, ADW_TYPE_APPLICATION)

/* Installed, the schema is found as usual; run from the build tree (README's
 * Quick start) it is found next to the build. */
static GSettings *
ps_application_create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) build_source = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)))
    return g_settings_new_full (schema, NULL, NULL);

  build_source = g_settings_schema_source_new_from_directory (SCHEMA_BUILD_DIR, source, FALSE, NULL);
  if (build_source != NULL && (schema = g_settings_schema_source_lookup (build_source, APP_ID, FALSE)))
    return g_settings_new_full (schema, NULL, NULL);

  g_error ("The settings schema %s is not installed (looked in the system and in %s)",
           APP_ID, SCHEMA_BUILD_DIR);
}

/* A damaged cache is kept for the user and a new one started; a cache we
 * cannot use at all (locked, read-only, full) gives way to a temporary one so
 * the app still works, and the user is told that history is not kept. */
static void
ps_application_open_cache (PsApplication *self)
{
  g_autofree char *path = ps_cache_dup_default_path ();
  g_autofree char *temp_path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) temp_error = NULL;

  if ((self->cache = ps_cache_new_recovering (path, &self->cache_notice, &error)))
    return;

  self->temp_dir = g_dir_make_tmp ("perpscope-XXXXXX", NULL);
  temp_path = g_build_filename (self->temp_dir ? self->temp_dir : g_get_tmp_dir (), "cache.db", NULL);
  self->cache = ps_cache_new (temp_path, &temp_error);
  if (self->cache == NULL)
    g_error ("Cannot open even a temporary cache at %s: %s", temp_path, temp_error->message);

  self->cache_notice = g_strdup_printf (_("%s. Fetched data is kept only until Perpscope closes."),
                                        error->message);
}

static void
ps_application_quit_action (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
ps_application_about_action (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  PsApplication *self = user_data;
  const char *developers[] = { "The Perpscope developers", NULL };
  GtkWindow *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", "Perpscope",
                        "application-icon", APP_ID,
                        "developer-name", _("The Perpscope developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Read leverage in crypto perpetual-futures markets: price, "
                                      "open interest and funding on one time axis."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        NULL);
  gtk_window_present (about);
}

static const GActionEntry app_actions[] = {
  { "quit", ps_application_quit_action },
  { "about", ps_application_about_action },
};

static void
ps_application_startup (GApplication *application)
{
  PsApplication *self = PS_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *refresh_accels[] = { "<Control>r", "F5", NULL };
  static const char *export_accels[] = { "<Control>e", NULL };
  static const char *zoom_in_accels[] = { "<Control>plus", "<Control>equal", NULL };
  static const char *zoom_out_accels[] = { "<Control>minus", NULL };
  static const char *zoom_reset_accels[] = { "<Control>0", NULL };

  G_APPLICATION_CLASS (ps_application_parent_class)->startup (application);

  self->http = ps_http_new ();
  self->settings = ps_application_create_settings ();
  ps_application_open_cache (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "market.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "market.export", export_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "chart.zoom-in", zoom_in_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "chart.zoom-out", zoom_out_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "chart.zoom-reset", zoom_reset_accels);
}

static void
ps_application_activate (GApplication *application)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (window == NULL)
    window = GTK_WINDOW (ps_window_new (PS_APPLICATION (application)));

  gtk_window_present (window);
}

static void
ps_application_shutdown (GApplication *application)
{
  PsApplication *self = PS_APPLICATION (application);

  G_APPLICATION_CLASS (ps_application_parent_class)->shutdown (application);

  g_clear_object (&self->cache);
  g_clear_object (&self->http);
  g_clear_object (&self->settings);
  if (self->temp_dir != NULL)
    {
      g_autofree char *db = g_build_filename (self->temp_dir, "cache.db", NULL);
      const char *suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *file = g_strconcat (db, suffixes[i], NULL);
          g_remove (file);
        }
      g_rmdir (self->temp_dir);
    }
}

static void
ps_application_finalize (GObject *object)
{
  PsApplication *self = PS_APPLICATION (object);

  g_free (self->cache_notice);
  g_free (self->temp_dir);

  G_OBJECT_CLASS (ps_application_parent_class)->finalize (object);
}

static void
ps_application_class_init (PsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ps_application_finalize;
  app_class->startup = ps_application_startup;
  app_class->activate = ps_application_activate;
  app_class->shutdown = ps_application_shutdown;
}

static void
ps_application_init (PsApplication *self)
{
}

PsApplication *
ps_application_new (void)
{
  return g_object_new (PS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/perpscope/Perpscope",
                       NULL);
}

PsHttp *
ps_application_get_http (PsApplication *self)
{
  g_return_val_if_fail (PS_IS_APPLICATION (self), NULL);

  return self->http;
}

PsCache *
ps_application_get_cache (PsApplication *self)
{
  g_return_val_if_fail (PS_IS_APPLICATION (self), NULL);

  return self->cache;
}

GSettings *
ps_application_get_settings (PsApplication *self)
{
  g_return_val_if_fail (PS_IS_APPLICATION (self), NULL);

  return self->settings;
}

char *
ps_application_take_cache_notice (PsApplication *self)
{
  g_return_val_if_fail (PS_IS_APPLICATION (self), NULL);

  return g_steal_pointer (&self->cache_notice);
}
