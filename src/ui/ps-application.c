/* ps-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sqlite3.h>

#include "ps-application.h"
#include "ps-preferences-window.h"
#include "ps-renderer.h"
#include "ps-window.h"

/* As the metainfo says (data/…metainfo.xml.in). */
#define PS_WEBSITE "https://github.com/perpscope/perpscope"

struct _PsApplication
{
  AdwApplication  parent_instance;

  PsCore         *core;
  GSettings      *settings;
  guint           sigterm_id;
  guint           sigint_id;
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
 * cannot use at all gives way to a temporary one (the core says so in its
 * notice, which the window shows). */
static void
ps_application_create_core (PsApplication *self)
{
  g_autoptr(GError) error = NULL;

  self->core = ps_core_new (NULL, PS_CORE_FLAGS_TEMPORARY_FALLBACK, &error);
  if (self->core == NULL)
    g_error ("Cannot open even a temporary cache: %s", error->message);
}

static void
ps_application_quit_action (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* SIGTERM (a logout, systemd, kill) or SIGINT (Ctrl+C where it was started
 * from a terminal) quits as the Quit action does: the writes still queued
 * (recorded liquidations, which cannot be fetched again) are committed and
 * the files closed cleanly, so the next start need not check them. */
static gboolean
ps_application_signal_cb (gpointer user_data)
{
  g_debug ("Quitting on a signal");
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_CONTINUE;
}

/* The About window's troubleshooting page: what a bug report needs to
 * tell one machine from another (the libraries, how the window is drawn,
 * where the data is). Not translated: it is pasted into reports. */
static char *
ps_application_dup_debug_info (PsApplication *self,
                               GtkWindow     *window)
{
  GString *info = g_string_new ("Perpscope " PACKAGE_VERSION "\n\n");
  const char *renderer_env = g_getenv ("GSK_RENDERER");

  g_string_append_printf (info, "GLib %u.%u.%u, GTK %u.%u.%u, libadwaita %u.%u.%u, "
                          "libsoup %u.%u.%u, SQLite %s, cairo %s, Pango %s\n",
                          glib_major_version, glib_minor_version, glib_micro_version,
                          gtk_get_major_version (), gtk_get_minor_version (),
                          gtk_get_micro_version (), adw_get_major_version (),
                          adw_get_minor_version (), adw_get_micro_version (),
                          soup_get_major_version (), soup_get_minor_version (),
                          soup_get_micro_version (), sqlite3_libversion (),
                          cairo_version_string (), pango_version_string ());
  if (window != NULL)
    {
      GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
      GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

      g_string_append_printf (info, "Display: %s\n", G_OBJECT_TYPE_NAME (display));
      g_string_append_printf (info, "Renderer: %s", renderer != NULL ? G_OBJECT_TYPE_NAME (renderer)
                                                                     : "none");
      if (ps_renderer_chose_cairo ())
        g_string_append (info, " (chosen by Perpscope: no GPU device, OpenGL not opened)");
      else if (renderer_env != NULL && *renderer_env != '\0')
        g_string_append_printf (info, " (GSK_RENDERER=%s)", renderer_env);
      g_string_append_c (info, '\n');
    }
  g_string_append_printf (info, "Sandbox: %s\n",
                          g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS) ? "Flatpak" : "none");
  if (self->core != NULL)
    g_string_append_printf (info, "Cache: %s\nRecordings: %s\n",
                            ps_cache_get_path (ps_core_get_cache (self->core)),
                            ps_core_get_recordings_path (self->core));
  return g_string_free (info, FALSE);
}

static void
ps_application_about_action (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  PsApplication *self = user_data;
  const char *developers[] = { _("The Perpscope developers"), NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *debug_info = ps_application_dup_debug_info (self, parent);
  GtkWindow *about;

  /* The icon is the installed one under hicolor, or, run from the build
   * tree, the resources' icons/, which GtkApplication adds to the theme. */
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", "Perpscope",
                        "application-icon", APP_ID,
                        "developer-name", _("The Perpscope developers"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Read leverage in crypto perpetual-futures markets: price, "
                                      "open interest and funding on one time axis."),
                        "website", PS_WEBSITE,
                        "issue-url", PS_WEBSITE "/issues",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names and addresses, one a line, shown
                         * in the About window as "Translated by" */
                        "translator-credits", _("translator-credits"),
                        "debug-info", debug_info,
                        "debug-info-filename", "perpscope-debug-info.txt",
                        NULL);
  gtk_window_present (about);
}

static void
ps_application_preferences_action (GSimpleAction *action,
                                   GVariant      *param,
                                   gpointer       user_data)
{
  PsApplication *self = user_data;
  PsPreferencesWindow *window;

  window = ps_preferences_window_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                      self->settings,
                                      ps_cache_get_path (ps_core_get_cache (self->core)));
  gtk_window_present (GTK_WINDOW (window));
}

/* Light, dark or as the system says, for every window. */
static void
ps_application_color_scheme_cb (PsApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint scheme = g_settings_get_enum (self->settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[MIN (scheme, G_N_ELEMENTS (schemes) - 1)]);
}

static const GActionEntry app_actions[] = {
  { "preferences", ps_application_preferences_action },
  { "quit", ps_application_quit_action },
  { "about", ps_application_about_action },
};

static void
ps_application_startup (GApplication *application)
{
  PsApplication *self = PS_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  /* The window builds its shortcuts window when first asked (ps-window-actions.c):
   * GtkApplication would set this for gtk/help-overlay.ui. */
  static const char *help_overlay_accels[] = { "<Control>question", NULL };
  static const char *refresh_accels[] = { "<Control>r", "F5", NULL };
  static const char *export_accels[] = { "<Control>e", NULL };
  static const char *copy_image_accels[] = { "<Control><Shift>c", NULL };
  static const char *zoom_in_accels[] = { "<Control>plus", "<Control>equal", NULL };
  static const char *zoom_out_accels[] = { "<Control>minus", NULL };
  static const char *zoom_reset_accels[] = { "<Control>0", NULL };
  static const char *side_panel_accels[] = { "F9", NULL };

  G_APPLICATION_CLASS (ps_application_parent_class)->startup (application);
  /* GTK has read GDK_DEBUG/GDK_DISABLE: the processes we start get them as
   * the user set them. */
  ps_renderer_restore_environment ();
  self->sigterm_id = g_unix_signal_add (SIGTERM, ps_application_signal_cb, self);
  self->sigint_id = g_unix_signal_add (SIGINT, ps_application_signal_cb, self);

  self->settings = ps_application_create_settings ();
  ps_application_create_core (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (ps_application_color_scheme_cb), self, G_CONNECT_SWAPPED);
  ps_application_color_scheme_cb (self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         help_overlay_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "market.refresh", refresh_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "market.export", export_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "market.copy-image",
                                         copy_image_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "chart.zoom-in", zoom_in_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "chart.zoom-out", zoom_out_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "chart.zoom-reset", zoom_reset_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.side-panel", side_panel_accels);
}

static void
ps_application_activate (GApplication *application)
{
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (application));
  if (window == NULL)
    window = GTK_WINDOW (ps_window_new (PS_APPLICATION (application),
                                        PS_APPLICATION (application)->core));

  gtk_window_present (window);
}

static void
ps_application_shutdown (GApplication *application)
{
  PsApplication *self = PS_APPLICATION (application);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l; l = l->next)
    if (PS_IS_WINDOW (l->data))
      ps_window_shutdown (l->data);

  G_APPLICATION_CLASS (ps_application_parent_class)->shutdown (application);
  g_clear_handle_id (&self->sigterm_id, g_source_remove);
  g_clear_handle_id (&self->sigint_id, g_source_remove);

  /* Recorded batches and fetched pages still queued are written first. */
  if (self->core != NULL)
    ps_core_close (self->core);
  /* The windows go, and with them their markets' hold on the core: the
   * core's last reference closes the files, so SQLite checkpoints and
   * removes the -wal. Left open until the process ends, a -wal with frames
   * in it reads as an unclean close next time, and the next start checks
   * every page of the cache before its window shows (a second at a million
   * candles). */
  for (GList *l; (l = gtk_application_get_windows (GTK_APPLICATION (application))) != NULL;)
    gtk_window_destroy (l->data);
  g_clear_object (&self->core);
  g_clear_object (&self->settings);
}

static void
ps_application_class_init (PsApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

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

PsCore *
ps_application_get_core (PsApplication *self)
{
  g_return_val_if_fail (PS_IS_APPLICATION (self), NULL);

  return self->core;
}

GSettings *
ps_application_get_settings (PsApplication *self)
{
  g_return_val_if_fail (PS_IS_APPLICATION (self), NULL);

  return self->settings;
}
