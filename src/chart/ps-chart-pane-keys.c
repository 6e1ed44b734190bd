/* ps-chart-pane-keys.c: the chart panes' keyboard and accessible names
 *
 * The keys used to reach the header's focused control, where arrows move
 * the focus, never the chart. The pane takes the focus on a click and
 * handles them itself, before any binding of the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ps-chart-pane-private.h"

/* An arrow key pans by this fraction of the view; with Shift, by the other. */
#define KEY_PAN_STEP       0.1
#define KEY_PAN_STEP_SHIFT 0.5

/* What a screen reader says for the pane. */
const char *
_ps_chart_pane_kind_to_label (PsChartPaneKind kind)
{
  switch (kind)
    {
    case PS_CHART_PANE_PRICE:
      return _("Price chart");
    case PS_CHART_PANE_OPEN_INTEREST:
      return _("Open interest chart");
    case PS_CHART_PANE_FUNDING:
      return _("Funding rate chart");
    case PS_CHART_PANE_LIQUIDATIONS:
      return _("Liquidations chart");
    case PS_CHART_PANE_TIME_LABELS:
      return _("Time axis and market phases");
    default:
      g_assert_not_reached ();
    }
}

static gboolean
ps_chart_pane_is_nav_key (guint keyval)
{
  return keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left || keyval == GDK_KEY_Right ||
         keyval == GDK_KEY_KP_Right || keyval == GDK_KEY_Home || keyval == GDK_KEY_KP_Home;
}

/* The keys navigate: show which pane has them, as Tab would. On the
 * release, as the window, which never saw the press, hides the ring on
 * a release it cannot pair with one. */
static void
ps_chart_pane_key_released_cb (PsChartPane           *self,
                               guint                  keyval,
                               guint                  keycode,
                               GdkModifierType        state,
                               GtkEventControllerKey *key)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  g_assert (PS_IS_CHART_PANE (self));

  if (ps_chart_pane_is_nav_key (keyval) && GTK_IS_WINDOW (root))
    gtk_window_set_focus_visible (GTK_WINDOW (root), TRUE);
}

/* ← → pan by a tenth of the view (Shift: a half), Home fits all the data.
 * Ctrl+plus, minus and 0 are the window's chart.* accelerators. */
static gboolean
ps_chart_pane_key_pressed_cb (PsChartPane           *self,
                              guint                  keyval,
                              guint                  keycode,
                              GdkModifierType        state,
                              GtkEventControllerKey *key)
{
  PsTimeAxis *axis = _ps_chart_pane_get_axis (self);
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  double step = (mods & GDK_SHIFT_MASK) ? KEY_PAN_STEP_SHIFT : KEY_PAN_STEP;
  gint64 span;

  g_assert (PS_IS_CHART_PANE (self));

  if (axis == NULL || (mods & ~GDK_SHIFT_MASK) != 0)
    return FALSE;

  span = ps_time_axis_get_to_ms (axis) - ps_time_axis_get_from_ms (axis);
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      ps_time_axis_pan (axis, -(gint64) llround (step * (double) span));
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      ps_time_axis_pan (axis, (gint64) llround (step * (double) span));
      return TRUE;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      ps_time_axis_fit (axis);
      return TRUE;

    default:
      return FALSE;
    }
}

void
_ps_chart_pane_add_keys (PsChartPane *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();

  g_return_if_fail (PS_IS_CHART_PANE (self));

  g_signal_connect_object (key, "key-pressed", G_CALLBACK (ps_chart_pane_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (key, "key-released", G_CALLBACK (ps_chart_pane_key_released_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
}
