/* ps-window-panes.c: the window's chart panes, made from ps-pane-kinds.c
 *
 * The panes, their order and default sizes come from the one table the
 * report uses too. The user resizes them by dragging their borders and
 * hides or shows them from the main menu's Panes section; both are kept in
 * the settings as parts of the room, so they survive a new window at
 * another size.
 *
 * Keyboard: the borders take no focus; the menu (F10) shows and hides
 * panes and restores their sizes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ps-chart-pane.h"
#include "ps-pane-kinds.h"
#include "ps-window-private.h"

#define SHOW_PANE_PREFIX "show-pane-"

static PsChartPane **
ps_window_pane_field (PsWindow        *self,
                      PsChartPaneKind  kind)
{
  switch (kind)
    {
    case PS_CHART_PANE_PRICE:
      return &self->price_pane;
    case PS_CHART_PANE_OPEN_INTEREST:
      return &self->open_interest_pane;
    case PS_CHART_PANE_FUNDING:
      return &self->funding_pane;
    case PS_CHART_PANE_LIQUIDATIONS:
      return &self->liquidations_pane;
    case PS_CHART_PANE_TIME_LABELS:
      return &self->time_pane;
    default:
      return NULL;
    }
}

/* A pane of each kind in the table, the time labels under them all. */
void
_ps_window_init_panes (PsWindow *self)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (PS_TYPE_CHART_PANE_KIND);
  const PsPaneKind *kinds;
  GtkWidget *time_pane;
  guint n_kinds;

  kinds = ps_pane_kinds_get (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      GEnumValue *value = g_enum_get_value_by_nick (enum_class, kinds[i].id);
      PsChartPane **field;
      GtkWidget *pane;

      /* Every id is a kind's nick (test-pane-kinds). */
      g_assert (value != NULL);
      pane = ps_chart_pane_new (value->value);
      gtk_widget_set_size_request (pane, -1, kinds[i].min_height);
      ps_pane_stack_add_pane (self->pane_stack, kinds[i].id, pane, kinds[i].share,
                              kinds[i].min_height);
      field = ps_window_pane_field (self, value->value);
      if (field != NULL)
        *field = PS_CHART_PANE (pane);
    }

  time_pane = ps_chart_pane_new (PS_CHART_PANE_TIME_LABELS);
  gtk_widget_set_size_request (time_pane, -1, 36);
  ps_pane_stack_set_footer (self->pane_stack, time_pane);
  self->time_pane = PS_CHART_PANE (time_pane);
}

guint
_ps_window_list_panes (PsWindow     *self,
                       PsChartPane **panes,
                       guint         max_panes)
{
  const PsPaneKind *kinds;
  guint n_kinds, n = 0;

  kinds = ps_pane_kinds_get (&n_kinds);
  for (guint i = 0; i < n_kinds && n < max_panes; i++)
    panes[n++] = PS_CHART_PANE (ps_pane_stack_get_pane (self->pane_stack, kinds[i].id));
  if (n < max_panes && self->time_pane != NULL)
    panes[n++] = self->time_pane;
  return n;
}

GVariant *
_ps_window_dup_shown_pane_sizes (PsWindow *self)
{
  g_autoptr(GVariant) sizes = g_variant_ref_sink (ps_pane_stack_get_sizes (self->pane_stack));
  GVariantBuilder builder;
  GVariantIter iter;
  const char *id;
  double size;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sd}"));
  g_variant_iter_init (&iter, sizes);
  while (g_variant_iter_next (&iter, "{&sd}", &id, &size))
    if (ps_pane_stack_get_pane_visible (self->pane_stack, id))
      g_variant_builder_add (&builder, "{sd}", id, size);
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static void
ps_window_save_pane_sizes (PsWindow *self)
{
  g_settings_set_value (self->settings, "pane-heights",
                        ps_pane_stack_get_sizes (self->pane_stack));
}

static void
ps_window_save_hidden_panes (PsWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) hidden = NULL;
  const PsPaneKind *kinds;
  guint n_kinds;

  kinds = ps_pane_kinds_get (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    if (!ps_pane_stack_get_pane_visible (self->pane_stack, kinds[i].id))
      g_strv_builder_add (builder, kinds[i].id);
  hidden = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "hidden-panes", (const char * const *) hidden);
}

static void
ps_window_show_pane_cb (GSimpleAction *action,
                        GVariant      *state,
                        gpointer       user_data)
{
  PsWindow *self = user_data;
  const char *id = g_action_get_name (G_ACTION (action)) + strlen (SHOW_PANE_PREFIX);

  ps_pane_stack_set_pane_visible (self->pane_stack, id, g_variant_get_boolean (state));
  g_simple_action_set_state (action,
                             g_variant_new_boolean (ps_pane_stack_get_pane_visible (self->pane_stack,
                                                                                    id)));
  ps_window_save_hidden_panes (self);
}

static void
ps_window_reset_pane_sizes_cb (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer       user_data)
{
  PsWindow *self = user_data;

  ps_pane_stack_reset_sizes (self->pane_stack);
  ps_window_save_pane_sizes (self);
}

/* The Panes section of the main menu: a check item per pane that can be
 * hidden, named as the table names it, and the sizes' reset. */
static void
ps_window_add_panes_menu (PsWindow *self)
{
  g_autoptr(GMenu) section = g_menu_new ();
  const PsPaneKind *kinds;
  guint n_kinds;

  kinds = ps_pane_kinds_get (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    if (kinds[i].can_hide)
      {
        g_autofree char *action = g_strconcat ("win." SHOW_PANE_PREFIX, kinds[i].id, NULL);

        g_menu_append (section, _(kinds[i].name), action);
      }
  g_menu_append (section, _("Reset Pane _Sizes"), "win.reset-pane-sizes");
  /* After Export and Refresh, before the settings. */
  g_menu_insert_section (self->primary_menu, 1, _("Panes"), G_MENU_MODEL (section));
}

/* The sizes and hidden panes the settings remember, their actions and menu. */
void
_ps_window_setup_panes (PsWindow *self)
{
  g_autoptr(GVariant) sizes = g_settings_get_value (self->settings, "pane-heights");
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "hidden-panes");
  const PsPaneKind *kinds;
  guint n_kinds;
  static const GActionEntry entries[] = {
    { "reset-pane-sizes", ps_window_reset_pane_sizes_cb, NULL, NULL, NULL, { 0 } },
  };

  ps_pane_stack_set_sizes (self->pane_stack, sizes);
  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);

  kinds = ps_pane_kinds_get (&n_kinds);
  for (guint i = 0; i < n_kinds; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GSimpleAction) action = NULL;
      gboolean shown = !kinds[i].can_hide || !g_strv_contains ((const char * const *) hidden,
                                                               kinds[i].id);

      ps_pane_stack_set_pane_visible (self->pane_stack, kinds[i].id, shown);
      if (!kinds[i].can_hide)
        continue;
      name = g_strconcat (SHOW_PANE_PREFIX, kinds[i].id, NULL);
      action = g_simple_action_new_stateful (name, NULL, g_variant_new_boolean (shown));
      g_signal_connect_object (action, "change-state", G_CALLBACK (ps_window_show_pane_cb),
                               self, 0);
      g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (action));
    }

  ps_window_add_panes_menu (self);
  g_signal_connect_object (self->pane_stack, "sizes-changed",
                           G_CALLBACK (ps_window_save_pane_sizes), self, G_CONNECT_SWAPPED);
}

PsPaneStack *
ps_window_get_pane_stack (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return self->pane_stack;
}
