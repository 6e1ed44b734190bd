/* ps-preferences-window.h: the preferences: appearance, data, heatmap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ps-application.h"

G_BEGIN_DECLS

#define PS_TYPE_PREFERENCES_WINDOW (ps_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PsPreferencesWindow, ps_preferences_window, PS, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* Every row is bound to application's settings: a change applies at once. */
GtkWidget  *ps_preferences_window_new            (PsApplication       *application);
/* For tests: the cache row's subtitle ("12.3 MB in use · 0: no limit"). */
const char *ps_preferences_window_get_cache_text (PsPreferencesWindow *self);

G_END_DECLS
