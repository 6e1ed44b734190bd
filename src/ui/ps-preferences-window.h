/* ps-preferences-window.h: the Preferences window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PS_TYPE_PREFERENCES_WINDOW (ps_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PsPreferencesWindow, ps_preferences_window, PS, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Every row bound to its key in settings: a change applies at once;
 * cache_path (may be NULL): the cache whose size the limit's row shows. */
PsPreferencesWindow *ps_preferences_window_new (GtkWindow  *parent,
                                                GSettings  *settings,
                                                const char *cache_path);

/* The leverage mix as text ("" for the default), checked as the model
 * reads it; FALSE with the reason in error (tests and the window's row). */
gboolean             _ps_preferences_apply_tiers (PsPreferencesWindow *self,
                                                  const char          *text,
                                                  GError             **error);

G_END_DECLS
