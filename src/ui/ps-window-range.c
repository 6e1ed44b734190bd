/* ps-window-range.c: the range list in the header bar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ps-window-private.h"

static const guint range_days[] = { 1, 7, 30, 90, 365 };

/* The range list: the presets, a range-days off them (set with gsettings,
 * or by an older version) as an item of its own in its place among them,
 * named by its days, then "Custom…". The list never says "1 year" over a
 * view of 695 days. */
static guint
ps_window_range_other_pos (guint other)
{
  guint pos = 0;

  while (pos < G_N_ELEMENTS (range_days) && range_days[pos] < other)
    pos++;
  return pos;
}

/* Item i's days (0 for "Custom…" and past it). */
static guint
ps_window_range_item_days (PsWindow *self,
                           guint     i)
{
  guint other = self->range_other_days;
  guint pos = ps_window_range_other_pos (other);

  if (other == 0)
    return i < G_N_ELEMENTS (range_days) ? range_days[i] : 0;
  if (i == pos)
    return other;
  if (i > pos)
    i--;
  return i < G_N_ELEMENTS (range_days) ? range_days[i] : 0;
}

void
_ps_window_range_selected_cb (PsWindow    *self,
                             GParamSpec  *pspec,
                             GtkDropDown *dropdown)
{
  guint i = gtk_drop_down_get_selected (dropdown);

  g_assert (PS_IS_WINDOW (self));

  guint n_presets = G_N_ELEMENTS (range_days) + (self->range_other_days > 0);
  guint days;

  if (self->syncing_range)
    return;
  if (i == n_presets)
    {
      /* "Custom…": the dialog decides; until then the list shows it. */
      _ps_window_choose_custom_range (self);
      return;
    }
  if (i > n_presets)
    return;
  days = ps_window_range_item_days (self, i);
  if (_ps_window_history_is_custom (self))
    {
      _ps_window_history_set_custom (self, 0, 0);
      if (days == g_settings_get_uint (self->settings, "range-days"))
        {
          _ps_window_load_market (self);
          return;
        }
    }
  if (days != g_settings_get_uint (self->settings, "range-days"))
    g_settings_set_uint (self->settings, "range-days", days);
}

static void
ps_window_sync_range_other (PsWindow *self,
                            guint     days)
{
  GtkStringList *list = GTK_STRING_LIST (gtk_drop_down_get_model (self->range_dropdown));
  guint other = 0;

  for (guint i = 0; i < G_N_ELEMENTS (range_days); i++)
    if (range_days[i] == days)
      goto found;
  other = days;
found:
  if (other == self->range_other_days)
    return;
  if (self->range_other_days > 0)
    gtk_string_list_splice (list, ps_window_range_other_pos (self->range_other_days), 1, NULL);
  if (other > 0)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day", "%u days", other),
                                                other);
      const char * const additions[] = { label, NULL };

      gtk_string_list_splice (list, ps_window_range_other_pos (other), 0, additions);
    }
  self->range_other_days = other;
}

/* The list shows the preset of days, the item of days off the presets, or
 * "Custom…" in use; the user's selection is not acted on meanwhile. */
void
_ps_window_sync_range_list (PsWindow *self,
                            guint     days)
{
  guint best = G_N_ELEMENTS (range_days);

  self->syncing_range = TRUE;
  ps_window_sync_range_other (self, days);
  for (guint i = 0; i < G_N_ELEMENTS (range_days) + (self->range_other_days > 0); i++)
    if (ps_window_range_item_days (self, i) == days)
      best = i;
  if (_ps_window_history_is_custom (self))
    best = G_N_ELEMENTS (range_days) + (self->range_other_days > 0);
  gtk_drop_down_set_selected (self->range_dropdown, best);
  self->syncing_range = FALSE;
}
