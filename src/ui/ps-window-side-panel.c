/* ps-window-side-panel.c: the side panel beside the panes, its toggle and memory
 *
 * An AdwFlap at the end of the panes: beside them when the window is wide
 * enough, folded over them (and closed at first) when it is not, so that a
 * narrow window keeps a readable chart. win.side-panel (F9, the main menu)
 * shows and hides it; what the user chose on a wide window is remembered
 * in the side-panel key. Folding and unfolding are the window's doing, not
 * the user's: they never change the key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-side-panel.h"
#include "ps-window-private.h"

static void
ps_window_side_panel_action (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  PsWindow *self = user_data;
  gboolean reveal = !adw_flap_get_reveal_flap (self->side_flap);

  g_assert (PS_IS_WINDOW (self));

  adw_flap_set_reveal_flap (self->side_flap, reveal);
  if (!adw_flap_get_folded (self->side_flap))
    g_settings_set_boolean (self->settings, "side-panel", reveal);
}

static void
ps_window_side_reveal_cb (PsWindow   *self,
                          GParamSpec *pspec,
                          AdwFlap    *flap)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "side-panel");

  g_assert (PS_IS_WINDOW (self));

  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (adw_flap_get_reveal_flap (flap)));
}

/* Unfolded, the panel is as the user left it on a wide window; folded,
 * AdwFlap closes it over the chart. */
static void
ps_window_side_folded_cb (PsWindow   *self,
                          GParamSpec *pspec,
                          AdwFlap    *flap)
{
  g_assert (PS_IS_WINDOW (self));

  if (!adw_flap_get_folded (flap))
    adw_flap_set_reveal_flap (flap, g_settings_get_boolean (self->settings, "side-panel"));
}

void
_ps_window_init_side_panel (PsWindow *self)
{
  static const GActionEntry entries[] = {
    { "side-panel", ps_window_side_panel_action, NULL, "false", NULL },
  };

  g_return_if_fail (PS_IS_WINDOW (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  ps_side_panel_set_sources (self->side_panel, self->selection, self->axis, self->analysis);
  g_signal_connect_object (self->side_flap, "notify::reveal-flap",
                           G_CALLBACK (ps_window_side_reveal_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->side_flap, "notify::folded",
                           G_CALLBACK (ps_window_side_folded_cb), self, G_CONNECT_SWAPPED);
  if (!adw_flap_get_folded (self->side_flap))
    adw_flap_set_reveal_flap (self->side_flap,
                              g_settings_get_boolean (self->settings, "side-panel"));
  ps_window_side_reveal_cb (self, NULL, self->side_flap);
}
