/* ps-window-record.c: the window records the market it shows, while open
 * and while the record-live setting is on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ps-aggregate-market.h"
#include "ps-window-private.h"

/* The status at the end of the read-out line: quiet while all is well, in
 * words when the feed waits or a write fails; never a dialog. */
static void
ps_window_set_record_status (PsWindow   *self,
                             const char *text,
                             const char *tooltip,
                             gboolean    problem)
{
  gtk_widget_set_visible (GTK_WIDGET (self->record_label), text != NULL);
  gtk_label_set_text (self->record_label, text ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->record_label), tooltip ? tooltip : text);
  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->record_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->record_label), "warning");
}

static void
ps_window_recorder_notify_cb (PsWindow   *self,
                              GParamSpec *pspec,
                              PsRecorder *recorder)
{
  const char *message = ps_recorder_get_message (recorder);
  guint n_stored = ps_recorder_get_n_stored (recorder);
  g_autofree char *tooltip = NULL;

  g_assert (PS_IS_WINDOW (self));

  if (recorder != self->recorder)
    return;

  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Recording the live liquidations of %s: %u new event "
                                          "stored since the window opened",
                                          "Recording the live liquidations of %s: %u new events "
                                          "stored since the window opened", n_stored),
                             ps_market_source_get_symbol (self->source), n_stored);

  switch (ps_recorder_get_state (recorder))
    {
    case PS_STREAM_CONNECTING:
      ps_window_set_record_status (self, _("Connecting to the live feed…"), NULL, FALSE);
      break;

    case PS_STREAM_CONNECTED:
      if (message != NULL)
        ps_window_set_record_status (self, message, message, TRUE);
      else
        ps_window_set_record_status (self, _("● Recording live"), tooltip, FALSE);
      break;

    case PS_STREAM_WAITING:
      {
        /* The stream says "<why>; reconnecting in N s": the wait on the
         * line, the why in the tooltip. */
        const char *wait = message != NULL ? g_strrstr (message, "; ") : NULL;
        g_autofree char *text = wait != NULL ? g_strdup_printf (_("Live feed lost, %s"), wait + 2)
                                             : g_strdup (_("Live feed lost, reconnecting…"));

        ps_window_set_record_status (self, text, message, TRUE);
      }
      break;

    case PS_STREAM_STOPPED:
    default:
      ps_window_set_record_status (self, message, message, message != NULL);
      break;
    }
}

void
_ps_window_stop_recorder (PsWindow *self)
{
  if (self->recorder == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->recorder, self);
  /* Hands the pending batch to the core's writer: nothing received is lost. */
  ps_recorder_stop (self->recorder);
  g_clear_object (&self->recorder);
  ps_window_set_record_status (self, NULL, NULL, FALSE);
}

/* One recorder for the shown venue and symbol while record-live is on: kept
 * across interval and range changes, replaced when the market changes. */
void
_ps_window_update_recorder (PsWindow *self)
{
  gboolean wanted = g_settings_get_boolean (self->settings, "record-live");
  const char *venue = ps_market_source_get_venue (self->source);
  const char *symbol = ps_market_source_get_symbol (self->source);
  g_autoptr(GError) error = NULL;

  if (self->recorder != NULL &&
      (!wanted ||
       g_strcmp0 (ps_recorder_get_venue (self->recorder), venue) != 0 ||
       g_strcmp0 (ps_recorder_get_symbol (self->recorder), symbol) != 0))
    _ps_window_stop_recorder (self);

  if (!wanted || self->recorder != NULL)
    return;

  /* A recorder listens to one venue's feed. */
  if (g_str_equal (venue, PS_AGGREGATE_VENUE))
    {
      ps_window_set_record_status (self, _("Not recording live"),
                                   _("Live liquidations are recorded one venue at a time: pick a "
                                     "venue to record its feed; All venues shows what was "
                                     "recorded on each"), FALSE);
      return;
    }

  if (!(self->recorder = ps_recorder_new (self->core, venue, symbol, &error)))
    {
      g_autofree char *tooltip = g_strdup_printf (_("Not recording: %s"), error->message);

      ps_window_set_record_status (self, _("Not recording live"), tooltip, FALSE);
      return;
    }

  g_signal_connect_object (self->recorder, "notify", G_CALLBACK (ps_window_recorder_notify_cb),
                           self, G_CONNECT_SWAPPED);
  ps_recorder_start (self->recorder);
  ps_window_recorder_notify_cb (self, NULL, self->recorder);
}

PsRecorder *
ps_window_get_recorder (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return self->recorder;
}

const char *
ps_window_get_record_status (PsWindow *self)
{
  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->record_label))
         ? gtk_label_get_text (self->record_label) : "";
}
