/* ps-test-window.h: driving the app's window under Xvfb, shared by the test-window*.c
 *
 * A header of static inline helpers rather than a file in ps_test_helpers, so
 * that the tests which open no window link nothing more from GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ps-application.h"
#include "ps-recordings.h"
#include "ps-test-util.h"
#include "ps-window.h"

#define HOUR  ((gint64) 3600 * 1000)
#define DAY   (24 * HOUR)
#define NOV_25 1764028800000   /* 2025-11-25 UTC */
#define DEC_1  1764547200000   /* 2025-12-01 UTC */
#define DEC_15 1765756800000   /* 2025-12-15 UTC */

static inline gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the main loop until check() holds or seconds pass. */
static inline gboolean
wait_for (gboolean (*check) (gpointer),
          gpointer   data,
          guint      seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);

  while (!check (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);
  return !timed_out;
}

/* The window shows a market fetched from the test server, not the demo. */
static inline gboolean
market_shows (gpointer data)
{
  PsMarket *market = ps_window_get_market (data);

  return gtk_widget_get_mapped (data) && !ps_market_get_loading (market) &&
         !ps_market_get_is_demo (market);
}

/* The widget as the compositor would show it, as pixels. */
static inline GdkTexture *
screenshot (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  /* The paintable shows the widget's last frame: none while a redraw it
   * queued has not been painted yet (seen on a loaded machine under ASan).
   * Give the frame clock a few turns. */
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        ps_test_spin (100);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The first widget under root, depth first, of type and, unless NULL, with
 * the accessible label a screen reader says (GTK_A11Y=test keeps it). */
static inline GtkWidget *
find_labelled (GtkWidget  *root,
               GType       type,
               const char *label)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      g_autofree char *mismatch = NULL;

      if (label == NULL)
        return root;
      mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (root),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL, label);
      if (mismatch == NULL)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_labelled (child, type, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What a recorder stored before the window opened: a long cascade on
 * 1 December, a few events around it, recorded from 25 November to 15
 * December (the rest of the 90 days shown was not recorded). */
static inline void
write_recordings (void)
{
  g_autofree char *path = ps_recordings_dup_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PsRecordings) recordings = ps_recordings_new (path, &error);
  g_autoptr(PsLiquidations) events = ps_liquidations_new (3);

  g_assert_no_error (error);
  ps_liquidations_append (events, DEC_1 + 12 * HOUR, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                          85000, 85000, 60, 5100000);
  ps_liquidations_append (events, DEC_1 + 12 * HOUR + 1000, PS_LIQ_SHORT, PS_LIQ_SOURCE_LIVE,
                          86000, 86000, 12, 1032000);
  ps_liquidations_append (events, DEC_1 + 4 * DAY, PS_LIQ_LONG, PS_LIQ_SOURCE_LIVE,
                          92000, 92000, 5, 460000);
  g_assert_true (ps_recordings_write_liquidations (recordings, "binance", "BTCUSDT", events,
                                                   NOV_25, DEC_15, NULL, &error));
  g_assert_no_error (error);
}

/* Runs the app (not unique, so beside any other instance) until activate_cb
 * quits it, and checks it exits cleanly; startup_cb, if not NULL, runs once
 * the application has started up, before its window opens. */
static inline void
run_app (GCallback startup_cb,
         GCallback activate_cb)
{
  g_autoptr(PsApplication) app = ps_application_new ();

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (startup_cb != NULL)
    g_signal_connect_after (app, "startup", startup_cb, NULL);
  g_signal_connect_after (app, "activate", activate_cb, NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
}
