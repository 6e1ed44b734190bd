/* ps-window-history.c: more history as the chart is pushed back, and a custom range
 *
 * The window opens on the days of the range preset (and the analysis'
 * warm-up before them). Panned or zoomed against the start of what is
 * loaded, it asks the market for more, a chunk at a time, in the background:
 * what the cache holds shows at once, the rest is drawn as pages land, and
 * the view stays where the user put it. It stops where the venue has no
 * more (the market's listing), after a failure (until the next load), and
 * at a span per interval that keeps a month of 1m candles quick.
 *
 * A custom range ("Custom…" in the range list) shows two calendars; the
 * chosen days load as a fixed range, which a refresh does not move on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ps-time.h"
#include "ps-window-private.h"

#define DAY_MS ((gint64) 24 * 3600 * 1000)
/* The view's start within this fraction of its span from the loaded
 * start: the user is pushing against it. */
#define EDGE_FRACTION 0.1

/* How far back the window loads at most: beyond, the fetch would take
 * minutes and the series hundreds of thousands of rows. */
static gint64
ps_window_history_max_span_ms (PsInterval interval)
{
  switch (interval)
    {
    case PS_INTERVAL_1M:  return 92 * DAY_MS;
    case PS_INTERVAL_5M:  return 366 * DAY_MS;
    case PS_INTERVAL_15M: return 2 * 366 * DAY_MS;
    case PS_INTERVAL_1H:  return 4 * 366 * DAY_MS;
    default:              return 8 * 366 * DAY_MS;
    }
}

static gint64
ps_window_history_days_ms (PsWindow *self)
{
  return (gint64) g_settings_get_uint (self->settings, "range-days") * DAY_MS;
}

void
_ps_window_history_load (PsWindow *self,
                         gint64    warmup_ms)
{
  g_assert (PS_IS_WINDOW (self));

  self->history_exhausted = FALSE;
  self->history_extending = FALSE;
  if (self->custom_to_ms > 0)
    {
      self->history_from_ms = self->custom_from_ms - warmup_ms;
      ps_market_source_load (self->source, self->history_from_ms, self->custom_to_ms);
    }
  else
    {
      self->history_span_ms = ps_window_history_days_ms (self) + warmup_ms;
      ps_market_source_load_recent (self->source, self->history_span_ms);
    }
}

/* Called on every change of the view, and when a load ends. */
static void
ps_window_history_check (PsWindow *self)
{
  PsMarketSource *source = self->source;
  gint64 shown_from, shown_to, view_from, view_span, chunk, max_span;
  PsCandles *candles;

  if (source == NULL || ps_market_source_get_is_demo (source))
    return;
  if (ps_market_source_get_loading (source))
    {
      self->history_loading_seen = TRUE;
      return;
    }

  shown_from = ps_market_source_get_shown_from_ms (source);
  shown_to = ps_market_source_get_shown_to_ms (source);
  candles = ps_market_source_get_candles (source);

  /* The market says what it has before its load begins. */
  if (self->history_extending && !self->history_loading_seen)
    return;
  if (self->history_extending)
    {
      /* The extension has landed: where it brought nothing older, the
       * venue has nothing older (or failed; a new load tries again). */
      self->history_extending = FALSE;
      if (ps_market_source_get_error (source) != NULL || candles->n == 0 ||
          candles->t_ms[0] >= self->history_first_ms)
        self->history_exhausted = TRUE;
    }
  if (self->history_exhausted || candles->n == 0)
    return;

  view_from = ps_time_axis_get_from_ms (self->axis);
  view_span = ps_time_axis_get_to_ms (self->axis) - view_from;
  if ((double) (view_from - shown_from) > EDGE_FRACTION * (double) view_span)
    return;

  max_span = ps_window_history_max_span_ms (ps_market_source_get_interval (source));
  if (shown_to - shown_from >= max_span)
    return;
  chunk = MAX (2 * view_span, ps_window_history_days_ms (self));
  chunk = MIN (chunk, max_span - (shown_to - shown_from));

  self->history_extending = TRUE;
  self->history_loading_seen = FALSE;
  self->history_first_ms = candles->t_ms[0];
  g_debug ("Loading %" G_GINT64_FORMAT " h more history before %" G_GINT64_FORMAT,
           chunk / 3600000, shown_from);
  if (self->custom_to_ms > 0)
    {
      self->history_from_ms = shown_from - chunk;
      ps_market_source_load (source, self->history_from_ms, self->custom_to_ms);
    }
  else
    {
      self->history_span_ms = shown_to - shown_from + chunk;
      ps_market_source_load_recent (source, self->history_span_ms);
    }
}

static void
ps_window_history_axis_changed_cb (PsWindow *self)
{
  g_assert (PS_IS_WINDOW (self));

  ps_window_history_check (self);
}

/* The market's notify: a load ending may be an extension landing. */
void
_ps_window_history_market_notify (PsWindow *self)
{
  g_assert (PS_IS_WINDOW (self));

  ps_window_history_check (self);
}

void
_ps_window_init_history (PsWindow *self)
{
  g_signal_connect_object (self->axis, "changed", G_CALLBACK (ps_window_history_axis_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* Where the view starts when a range is first shown: the custom range's
 * first day, else the preset's days before the end. */
gint64
_ps_window_history_view_start (PsWindow *self,
                               gint64    from_ms,
                               gint64    to_ms)
{
  if (self->custom_to_ms > 0)
    return CLAMP (self->custom_from_ms, from_ms, to_ms);
  return MAX (from_ms, to_ms - ps_window_history_days_ms (self));
}

/* How far back the axis goes: the loaded range's start (the warm-up too:
 * panning back shows it), unless every series is known to have nothing
 * there — a market listed since, open interest past the venue's horizon —
 * and then the first data any of them has (the axis keeps its margin
 * before it). Home then fits the data, and the view cannot be pushed into
 * months where the venue never had a row. */
gint64
_ps_window_history_limit_from (PsWindow *self,
                               gint64    from_ms,
                               gint64    to_ms)
{
  static const PsSeriesKind kinds[] = { PS_SERIES_CANDLES, PS_SERIES_FUNDING,
                                        PS_SERIES_OPEN_INTEREST };
  GArray *spans = ps_market_source_get_empty_spans (self->source);
  gint64 data_from = to_ms;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      gint64 start = from_ms;
      gboolean moved = TRUE;

      /* Stretches known empty for good, one after the other from the start. */
      while (moved)
        {
          moved = FALSE;
          for (guint i = 0; i < spans->len; i++)
            {
              const PsEmptySpan *span = &g_array_index (spans, PsEmptySpan, i);

              if (span->kind == kinds[k] && span->reason != PS_EMPTY_NOT_FETCHED &&
                  span->from_ms <= start && span->to_ms > start)
                start = span->to_ms, moved = TRUE;
            }
        }
      data_from = MIN (data_from, start);
    }
  /* Nothing anywhere in the range: the range stays, its notes explain it. */
  return data_from < to_ms ? MAX (data_from, from_ms) : from_ms;
}

gboolean
_ps_window_history_is_custom (PsWindow *self)
{
  return self->custom_to_ms > 0;
}

/* "2025-10-01 – 2025-10-08", in the axis' zone, the end day inclusive. */
char *
_ps_window_history_dup_range_text (PsWindow *self)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *last_text = NULL;
  gboolean utc = ps_time_axis_get_utc (self->axis);

  if (self->custom_to_ms <= 0)
    return NULL;
  from = g_date_time_new_from_unix_utc (self->custom_from_ms / 1000);
  last = g_date_time_new_from_unix_utc ((self->custom_to_ms - 1) / 1000);
  if (!utc)
    {
      g_autoptr(GDateTime) from_local = g_date_time_to_local (from);
      g_autoptr(GDateTime) last_local = g_date_time_to_local (last);

      g_date_time_unref (g_steal_pointer (&from));
      g_date_time_unref (g_steal_pointer (&last));
      from = g_steal_pointer (&from_local);
      last = g_steal_pointer (&last_local);
    }
  from_text = g_date_time_format (from, "%Y-%m-%d");
  last_text = g_date_time_format (last, "%Y-%m-%d");
  return g_strdup_printf ("%s – %s", from_text, last_text);
}

/* Shows the days [from_ms, to_ms) (to_ms past now: up to now) as a fixed
 * range; from_ms == 0 goes back to the preset's recent days. */
void
_ps_window_history_set_custom (PsWindow *self,
                               gint64    from_ms,
                               gint64    to_ms)
{
  g_assert (PS_IS_WINDOW (self));

  if (from_ms > 0)
    {
      g_return_if_fail (from_ms < to_ms);
      self->custom_from_ms = from_ms;
      self->custom_to_ms = MIN (to_ms, ps_time_now_ms ());
      g_return_if_fail (self->custom_from_ms < self->custom_to_ms);
    }
  else
    self->custom_from_ms = self->custom_to_ms = 0;
}

/* The calendars' days as [from, to) in UTC ms: each day starts at midnight
 * in the axis' zone. */
static gint64
ps_window_history_day_start_ms (GDateTime *day,
                                gboolean   utc,
                                int        add_days)
{
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GTimeZone) zone = utc ? g_time_zone_new_utc () : g_time_zone_new_local ();

  start = g_date_time_new (zone, g_date_time_get_year (day), g_date_time_get_month (day),
                           g_date_time_get_day_of_month (day), 0, 0, 0);
  if (add_days != 0)
    {
      g_autoptr(GDateTime) moved = g_date_time_add_days (start, add_days);

      return g_date_time_to_unix (moved) * 1000;
    }
  return g_date_time_to_unix (start) * 1000;
}

typedef struct
{
  PsWindow    *window;
  GtkCalendar *from;
  GtkCalendar *to;
} PsRangeDialog;

static void
ps_range_dialog_free (PsRangeDialog *d)
{
  g_clear_object (&d->window);
  g_free (d);
}

static void
ps_range_dialog_get (PsRangeDialog *d,
                     gint64        *from_ms,
                     gint64        *to_ms)
{
  g_autoptr(GDateTime) from = gtk_calendar_get_date (d->from);
  g_autoptr(GDateTime) to = gtk_calendar_get_date (d->to);
  gboolean utc = ps_time_axis_get_utc (d->window->axis);

  *from_ms = ps_window_history_day_start_ms (from, utc, 0);
  *to_ms = ps_window_history_day_start_ms (to, utc, 1);
}

/* "Show" only for a range that has a day before now in it. */
static void
ps_range_dialog_day_selected_cb (GtkCalendar   *calendar,
                                 AdwMessageDialog *dialog)
{
  PsRangeDialog *d = g_object_get_data (G_OBJECT (dialog), "ps-range-dialog");
  gint64 from, to;

  ps_range_dialog_get (d, &from, &to);
  adw_message_dialog_set_response_enabled (dialog, "show", from < to && from < ps_time_now_ms ());
}

static void
ps_range_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             gpointer          user_data)
{
  PsRangeDialog *d = g_object_get_data (G_OBJECT (dialog), "ps-range-dialog");
  gint64 from, to;

  if (g_str_equal (response, "show"))
    {
      ps_range_dialog_get (d, &from, &to);
      _ps_window_show_custom_range (d->window, from, to);
    }
  else
    _ps_window_sync_range_dropdown (d->window);
}

static GtkWidget *
ps_range_dialog_column (const char  *title,
                        GtkCalendar *calendar)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (title);

  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (calendar));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (calendar), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  return box;
}

static void
ps_range_dialog_select (GtkCalendar *calendar,
                        gint64       t_ms,
                        gboolean     utc)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_utc (t_ms / 1000);
  g_autoptr(GDateTime) local = utc ? g_date_time_ref (t) : g_date_time_to_local (t);

  gtk_calendar_select_day (calendar, local);
}

/* The dialog for a custom range, first and last day, opening on the view. */
AdwMessageDialog *
_ps_window_choose_custom_range (PsWindow *self)
{
  PsRangeDialog *d = g_new0 (PsRangeDialog, 1);
  gboolean utc = ps_time_axis_get_utc (self->axis);
  GtkWidget *dialog;
  GtkWidget *columns;

  g_return_val_if_fail (PS_IS_WINDOW (self), NULL);

  d->window = g_object_ref (self);
  d->from = GTK_CALENDAR (gtk_calendar_new ());
  d->to = GTK_CALENDAR (gtk_calendar_new ());
  ps_range_dialog_select (d->from, ps_time_axis_get_from_ms (self->axis), utc);
  ps_range_dialog_select (d->to, MIN (ps_time_axis_get_to_ms (self->axis), ps_time_now_ms ()) - 1, utc);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Show a Date Range"),
                                   utc ? _("From the start of the first day to the end of the last, in UTC.")
                                       : _("From the start of the first day to the end of the last, in local time."));
  columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  gtk_widget_set_halign (columns, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (columns), ps_range_dialog_column (_("First Day"), d->from));
  gtk_box_append (GTK_BOX (columns), ps_range_dialog_column (_("Last Day"), d->to));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), columns);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "show", _("_Show"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "show",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "show");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ps-range-dialog", d,
                          (GDestroyNotify) ps_range_dialog_free);
  g_signal_connect (d->from, "day-selected", G_CALLBACK (ps_range_dialog_day_selected_cb), dialog);
  g_signal_connect (d->to, "day-selected", G_CALLBACK (ps_range_dialog_day_selected_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (ps_range_dialog_response_cb), NULL);
  ps_range_dialog_day_selected_cb (d->from, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}
