/* ps-window-venues.c: the venue drop-down and "All venues"
 *
 * The drop-down lists the venues the core serves, then "All venues": the
 * symbol's asset on each of them at once (a PsAggregateMarket). Beside it,
 * while all venues are shown, a popover ticks the venues summed
 * (aggregate-venues) and picks the venue whose candles are drawn
 * (aggregate-reference). Switching keeps the coin: BTCUSDT on Binance is
 * BTC under All venues, and BTC-USDT-SWAP on OKX after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ps-aggregate-market.h"
#include "ps-venues.h"
#include "ps-window-private.h"

/* "OKX" of "okx": the venue's own name ("Okx" of a venue no provider
 * names, which the core would not list). */
static char *
ps_window_venue_label (PsWindow   *self,
                       const char *venue)
{
  PsProvider *provider = ps_core_get_provider (self->core, venue, NULL);
  char *name;

  if (provider != NULL)
    return g_strdup (ps_provider_get_display_name (provider));
  name = g_strdup (venue);
  name[0] = g_ascii_toupper (name[0]);
  return name;
}

char *
_ps_window_dup_venue (PsWindow *self)
{
  g_autofree char *venue = g_settings_get_string (self->settings, "venue");
  const char * const *venues = ps_core_list_venues (self->core);

  if (g_strv_contains (venues, venue) || g_str_equal (venue, PS_AGGREGATE_VENUE))
    return g_steal_pointer (&venue);
  return g_strdup (venues[0]);
}

/* The ticked venues the core serves; NULL: every venue. */
static GStrv
ps_window_dup_aggregate_venues (PsWindow *self)
{
  g_auto(GStrv) chosen = g_settings_get_strv (self->settings, "aggregate-venues");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *venues = ps_core_list_venues (self->core);
  guint n = 0;

  for (guint i = 0; venues[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) chosen, venues[i]))
      g_strv_builder_add (builder, venues[i]), n++;
  /* None served any more (or none chosen): all of them. */
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

PsMarketSource *
_ps_window_new_source (PsWindow   *self,
                       const char *venue,
                       const char *symbol,
                       PsInterval  interval)
{
  g_autoptr(GError) error = NULL;
  PsMarket *market;

  if (g_str_equal (venue, PS_AGGREGATE_VENUE))
    {
      g_auto(GStrv) venues = ps_window_dup_aggregate_venues (self);
      g_autofree char *reference = g_settings_get_string (self->settings, "aggregate-reference");

      return PS_MARKET_SOURCE (ps_aggregate_market_new_with_venues (self->core, symbol, interval,
                                                                    (const char * const *) venues,
                                                                    reference));
    }

  /* The venue is one the core lists: this cannot fail. */
  market = ps_market_new (self->core, venue, symbol, interval, &error);
  g_assert_no_error (error);
  return PS_MARKET_SOURCE (market);
}

/* Index i of the drop-down is the core's venue i, then All venues. */
static void
ps_window_venue_selected_cb (PsWindow    *self,
                             GParamSpec  *pspec,
                             GtkDropDown *dropdown)
{
  const char * const *venues = ps_core_list_venues (self->core);
  guint n = g_strv_length ((char **) venues);
  guint i = gtk_drop_down_get_selected (dropdown);
  const char *chosen = i < n ? venues[i] : PS_AGGREGATE_VENUE;
  g_autofree char *current = NULL;
  g_autofree char *symbol = NULL;
  g_autofree char *asset = NULL;
  g_autofree char *usual = NULL;

  g_assert (PS_IS_WINDOW (self));

  if (self->syncing_venues || i > n)
    return;
  current = _ps_window_dup_venue (self);
  if (g_strcmp0 (chosen, current) == 0)
    return;

  /* The same coin on the other venue, in its spelling: BTCUSDT on Binance
   * is BTC-USDT-SWAP on OKX, XBTUSD on BitMEX, BTC under All venues. A
   * symbol that is not the coin's usual one here (another quote) is kept as
   * typed. Both keys in one change, so the market loads once with the pair. */
  symbol = g_settings_get_string (self->settings, "symbol");
  asset = ps_venues_get_asset (symbol);
  usual = asset ? ps_venues_resolve_symbol (current, asset) : NULL;
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "venue", chosen);
  if (asset != NULL && g_str_equal (chosen, PS_AGGREGATE_VENUE))
    g_settings_set_string (self->settings, "symbol", asset);
  else if (asset != NULL && g_strcmp0 (symbol, usual) == 0 &&
           g_strv_contains (ps_venues_list (), chosen))
    {
      g_autofree char *there = ps_venues_resolve_symbol (chosen, asset);

      g_settings_set_string (self->settings, "symbol", there);
    }
  g_settings_apply (self->settings);
}

/* The ticks become the setting: every venue ticked is "all of them" ([]),
 * so a venue added later is in too. */
static void
ps_window_venue_toggled_cb (PsWindow       *self,
                            GtkCheckButton *check)
{
  const char * const *venues = ps_core_list_venues (self->core);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) chosen = NULL;
  guint n = 0;

  g_assert (PS_IS_WINDOW (self));

  if (self->syncing_venues)
    return;
  for (guint i = 0; i < self->venue_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->venue_checks, i)))
      g_strv_builder_add (builder, venues[i]), n++;
  chosen = g_strv_builder_end (builder);
  if (n == self->venue_checks->len)
    g_clear_pointer (&chosen, g_strfreev);
  g_settings_set_strv (self->settings, "aggregate-venues", (const char * const *) chosen);
}

static void
ps_window_reference_selected_cb (PsWindow    *self,
                                 GParamSpec  *pspec,
                                 GtkDropDown *dropdown)
{
  const char * const *venues = ps_core_list_venues (self->core);
  guint i = gtk_drop_down_get_selected (dropdown);

  g_assert (PS_IS_WINDOW (self));

  if (self->syncing_venues || i >= g_strv_length ((char **) venues))
    return;
  g_settings_set_string (self->settings, "aggregate-reference", venues[i]);
}

/* The popover: a check button per venue, then whose candles are shown. */
static void
ps_window_build_venues_popover (PsWindow      *self,
                                GtkStringList *names)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Venues Summed"));
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Candles from"));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (names));

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_box_append (GTK_BOX (box), heading);

  self->venue_checks = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (
        gtk_string_list_get_string (names, i));

      g_signal_connect_object (check, "toggled", G_CALLBACK (ps_window_venue_toggled_cb),
                               self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->venue_checks, check);
      gtk_box_append (GTK_BOX (box), check);
    }

  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  self->reference_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (g_object_ref (G_LIST_MODEL (names)),
                                                               NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reference_dropdown),
                               _("Prices differ a little between venues: the candles are one "
                                 "venue’s, never an average"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->reference_dropdown));
  gtk_widget_set_hexpand (label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (row), label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->reference_dropdown));
  gtk_box_append (GTK_BOX (box), row);
  g_signal_connect_object (self->reference_dropdown, "notify::selected",
                           G_CALLBACK (ps_window_reference_selected_cb), self, G_CONNECT_SWAPPED);

  gtk_popover_set_child (self->venues_popover, box);
}

void
_ps_window_init_venues (PsWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) entries = gtk_string_list_new (NULL);

  for (const char * const *v = ps_core_list_venues (self->core); *v != NULL; v++)
    {
      g_autofree char *name = ps_window_venue_label (self, *v);

      gtk_string_list_append (names, name);
      gtk_string_list_append (entries, name);
    }
  gtk_string_list_append (entries, _("All venues"));
  gtk_drop_down_set_model (self->venue_dropdown, G_LIST_MODEL (entries));
  ps_window_build_venues_popover (self, names);
  g_signal_connect_object (self->venue_dropdown, "notify::selected",
                           G_CALLBACK (ps_window_venue_selected_cb), self, G_CONNECT_SWAPPED);
}

/* The drop-down, the ticks and the reference as the settings say. */
void
_ps_window_sync_venues (PsWindow *self)
{
  const char * const *venues = ps_core_list_venues (self->core);
  guint n = g_strv_length ((char **) venues);
  g_autofree char *venue = _ps_window_dup_venue (self);
  g_autofree char *reference = g_settings_get_string (self->settings, "aggregate-reference");
  g_auto(GStrv) chosen = ps_window_dup_aggregate_venues (self);
  gboolean all = g_str_equal (venue, PS_AGGREGATE_VENUE);
  guint n_ticked = 0, selected = n;

  self->syncing_venues = TRUE;
  for (guint i = 0; i < n; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->venue_checks, i);
      gboolean ticked = chosen == NULL ||
                        g_strv_contains ((const char * const *) chosen, venues[i]);

      if (g_str_equal (venues[i], venue))
        selected = i;
      if (g_str_equal (venues[i], reference))
        gtk_drop_down_set_selected (self->reference_dropdown, i);
      gtk_check_button_set_active (check, ticked);
      n_ticked += ticked;
    }
  gtk_drop_down_set_selected (self->venue_dropdown, selected);
  /* The last venue ticked stays: an aggregate of none shows nothing. */
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->venue_checks, i);

      gtk_widget_set_sensitive (check, n_ticked > 1 ||
                                       !gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->venues_button), all);
  self->syncing_venues = FALSE;
}
