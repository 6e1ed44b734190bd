/* ps-export-dialog.h: the Export Report dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ps-report.h"
#include "ps-window.h"

G_BEGIN_DECLS

/* The choices, in the order of their rows and of the settings' enums
 * (export-size, export-theme). */
typedef enum
{
  PS_EXPORT_SIZE_SOCIAL,   /* 1200 × 675 */
  PS_EXPORT_SIZE_HD,       /* 1920 × 1080 */
  PS_EXPORT_SIZE_A4,       /* 842 × 595 pt; twice that in pixels for a PNG */
  PS_EXPORT_SIZE_WINDOW,   /* the chart's size in the window */
} PsExportSize;

typedef enum
{
  PS_EXPORT_THEME_LIGHT,
  PS_EXPORT_THEME_DARK,
  PS_EXPORT_THEME_APP,     /* as the app shows itself now */
} PsExportTheme;

typedef enum
{
  PS_EXPORT_RANGE_VISIBLE,
  PS_EXPORT_RANGE_LOADED,  /* everything the market holds */
} PsExportRange;

/* Whether theme draws the dark style now. */
gboolean        ps_export_theme_get_dark       (PsExportTheme   theme);

#define PS_TYPE_EXPORT_DIALOG (ps_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PsExportDialog, ps_export_dialog, PS, EXPORT_DIALOG, AdwWindow)

/* Modal over window, the choices of settings (the last export's). */
PsExportDialog *ps_export_dialog_new           (PsWindow        *window,
                                                GSettings       *settings);
/* What Export does once the file chooser gave file: the report written to
 * it off the main loop, the dialog busy meanwhile, then closed with a toast
 * on the window (or kept open with the error in a toast of its own). The
 * file chooser's continuation, and the tests' way past it. */
void            ps_export_dialog_export_to     (PsExportDialog  *self,
                                                GFile           *file);
/* The name proposed to the file chooser, e.g.
 * binance-btcusdt-4h-2025-11-20_2025-12-17.png. */
char           *ps_export_dialog_dup_file_name (PsExportDialog  *self);
/* The report's size for the current choices: pixels, or points for a PDF. */
void            ps_export_dialog_get_size      (PsExportDialog  *self,
                                                int             *width,
                                                int             *height);
/* Whether a report is being written (for tests). */
gboolean        ps_export_dialog_get_busy      (PsExportDialog  *self);

G_END_DECLS
