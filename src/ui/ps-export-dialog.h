/* ps-export-dialog.h: the Export Report dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ps-window.h"

G_BEGIN_DECLS

#define PS_TYPE_EXPORT_DIALOG (ps_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PsExportDialog, ps_export_dialog, PS, EXPORT_DIALOG, AdwWindow)

/* Format, size, theme and range (remembered in the settings) and a file
 * name; Export asks where through the file chooser (a portal in Flatpak)
 * and writes the report off the main loop, then closes and the window
 * shows a toast. */
PsExportDialog *ps_export_dialog_new (PsWindow *window);

/* Writes the report to file as the dialog is set, as if the file chooser
 * had answered file (tests: Xvfb has no portal to drive). */
void            _ps_export_dialog_export_to (PsExportDialog *self,
                                             GFile          *file);

G_END_DECLS
