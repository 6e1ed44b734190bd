/* ps-heatmap-settings.h: the heatmap model's parameters in the settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ps-heatmap.h"

G_BEGIN_DECLS

/* The keys of the model's parameters, NULL-terminated: what Reset resets
 * and what the window follows. */
extern const char * const ps_heatmap_settings_keys[];

/* params from the settings, the rest the model's defaults. FALSE with the
 * reason in error when a key's value cannot be used (tiers that no longer
 * parse): that parameter keeps its default, params stay usable. */
gboolean ps_heatmap_settings_read (GSettings        *settings,
                                   PsHeatmapParams  *params,
                                   GError          **error);

G_END_DECLS
