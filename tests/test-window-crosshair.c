/* test-window-crosshair.c: the crosshair under a real pointer, under Xvfb
 *
 * The pointer on the price pane, then at the same x on the open interest
 * pane: the horizontal line and its value chip follow the pointer's pane,
 * the other panes do not change, the time chip stays on the time labels,
 * and no pane renders its data again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "ps-chart-pane.h"
#include "ps-test-window.h"

static gboolean
demo_shown (gpointer data)
{
  PsMarket *market = ps_window_get_market (data);

  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0 &&
         !ps_market_get_loading (market) && ps_market_get_is_demo (market);
}

static gboolean
xdotool (const char *args)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");
  g_autofree char *argv_text = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_nonnull (path);
  argv_text = g_strdup_printf ("%s %s", path, args);
  g_assert_true (g_shell_parse_argv (argv_text, NULL, &argv, NULL));
  g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL);
}

/* The pointer onto pane at (fx, fy) of its size; the window's point. */
static graphene_point_t
pointer_on (GtkWidget *pane,
            double     fx,
            double     fy)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (pane));
  g_autofree char *args = NULL;
  graphene_point_t point;
  double sx, sy;

  g_assert_true (gtk_widget_compute_point (pane, root,
                                           &GRAPHENE_POINT_INIT (round (gtk_widget_get_width (pane) * fx),
                                                                 round (gtk_widget_get_height (pane) * fy)),
                                           &point));
  /* xdotool counts from the X window, which holds the shadow too. */
  gtk_native_get_surface_transform (GTK_NATIVE (root), &sx, &sy);
  args = g_strdup_printf ("search --sync --name Perpscope mousemove --window %%1 %d %d",
                          (int) (point.x + sx), (int) (point.y + sy));
  g_assert_true (xdotool (args));
  ps_test_spin (400);
  return point;
}

typedef struct
{
  guchar *data;
  int     width, height;
} Shot;

static void
shot_take (Shot      *shot,
           GtkWidget *window)
{
  g_autoptr(GdkTexture) texture = screenshot (window);

  shot->width = gdk_texture_get_width (texture);
  shot->height = gdk_texture_get_height (texture);
  shot->data = g_malloc ((gsize) shot->width * shot->height * 4);
  gdk_texture_download (texture, shot->data, shot->width * 4);
}

static guint32
shot_pixel (const Shot *shot,
            int         x,
            int         y)
{
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, shot->width);
  g_assert_cmpint (y, <, shot->height);
  return *(const guint32 *) (gconstpointer) (shot->data + ((gsize) y * shot->width + x) * 4)
         & 0xffffff;
}

/* The pane's bounds in the window. */
static graphene_rect_t
pane_bounds (GtkWidget *pane)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (pane, GTK_WIDGET (gtk_widget_get_root (pane)),
                                            &bounds));
  return bounds;
}

/* Pixels of the row at y across [x0, x1) that differ between a and b. */
static guint
row_differs (const Shot *a,
             const Shot *b,
             int         y,
             int         x0,
             int         x1)
{
  guint n = 0;

  for (int x = x0; x < x1; x++)
    n += shot_pixel (a, x, y) != shot_pixel (b, x, y);
  return n;
}

/* Pixels of the pane that differ between a and b. */
static guint
pane_differs (const Shot *a,
              const Shot *b,
              GtkWidget  *pane)
{
  graphene_rect_t r = pane_bounds (pane);
  guint n = 0;

  for (int y = (int) r.origin.y; y < (int) (r.origin.y + r.size.height); y++)
    n += row_differs (a, b, y, (int) r.origin.x, (int) (r.origin.x + r.size.width));
  return n;
}

static gboolean
is_dark_chip (guint32 px)
{
  /* The light style's chip: its text colour, opaque (black). */
  return ((px >> 16) & 0xff) < 0x20 && ((px >> 8) & 0xff) < 0x20 && (px & 0xff) < 0x20;
}

static guint
count_dark (const Shot            *shot,
            int                    x0,
            int                    x1,
            const graphene_rect_t *r)
{
  guint n = 0;

  for (int y = (int) r->origin.y; y < (int) (r->origin.y + r->size.height); y++)
    for (int x = x0; x < x1; x++)
      n += is_dark_chip (shot_pixel (shot, x, y));
  return n;
}

static void
check_crosshair (PsWindow *window)
{
  GtkWidget *price = ps_window_get_pane (window, PS_CHART_PANE_PRICE);
  GtkWidget *oi = ps_window_get_pane (window, PS_CHART_PANE_OPEN_INTEREST);
  GtkWidget *funding = ps_window_get_pane (window, PS_CHART_PANE_FUNDING);
  GtkWidget *times = ps_window_get_pane (window, PS_CHART_PANE_TIME_LABELS);
  graphene_rect_t pb, ob, tb;
  graphene_point_t on_price, on_oi;
  Shot a, b;
  guint renders[3];
  int gutter_x, price_y, oi_y, plot_x1;

  /* A result of the analysis redraws the panes: let it land first. */
  while (ps_market_analysis_get_busy (ps_window_get_analysis (window)))
    g_main_context_iteration (NULL, TRUE);
  ps_test_spin (200);

  pb = pane_bounds (price);
  ob = pane_bounds (oi);
  tb = pane_bounds (times);
  renders[0] = ps_chart_pane_get_n_renders (PS_CHART_PANE (price));
  renders[1] = ps_chart_pane_get_n_renders (PS_CHART_PANE (oi));
  renders[2] = ps_chart_pane_get_n_renders (PS_CHART_PANE (funding));

  on_price = pointer_on (price, 0.45, 0.6);
  shot_take (&a, GTK_WIDGET (window));
  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = screenshot (GTK_WIDGET (window));
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "window-crosshair-price.png", NULL);

      gdk_texture_save_to_png (shot, path);
    }
  g_test_message ("pointer at %g,%g; price pane %g,%g %gx%g", on_price.x, on_price.y,
                  pb.origin.x, pb.origin.y, pb.size.width, pb.size.height);
  on_oi = pointer_on (oi, 0.45, 0.6);
  shot_take (&b, GTK_WIDGET (window));
  if (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autoptr(GdkTexture) shot = screenshot (GTK_WIDGET (window));
      g_autofree char *path = g_build_filename (g_getenv ("PERPSCOPE_TEST_SCREENSHOT_DIR"),
                                                "window-crosshair.png", NULL);

      gdk_texture_save_to_png (shot, path);
    }

  /* Same x, so the same time: the vertical line, the headers and the
   * time chip are alike; only the horizontal lines moved. */
  g_assert_cmpfloat (fabs (on_price.x - on_oi.x), <, 1);
  g_assert_cmpuint (pane_differs (&a, &b, funding), ==, 0);
  g_assert_cmpuint (pane_differs (&a, &b, times), ==, 0);

  price_y = (int) on_price.y;
  oi_y = (int) on_oi.y;
  plot_x1 = (int) (pb.origin.x + pb.size.width - 80);
  /* The line runs across the pointer's pane, in the plot... */
  g_assert_cmpuint (row_differs (&a, &b, price_y, (int) pb.origin.x + 4, plot_x1), >,
                    (guint) (plot_x1 - pb.origin.x) * 3 / 4);
  g_assert_cmpuint (row_differs (&a, &b, oi_y, (int) ob.origin.x + 4, plot_x1), >,
                    (guint) (plot_x1 - ob.origin.x) * 3 / 4);
  /* ...and only there: a few rows off it, nothing changed. */
  g_assert_cmpuint (row_differs (&a, &b, price_y - 14, (int) pb.origin.x + 4, plot_x1), ==, 0);
  g_assert_cmpuint (row_differs (&a, &b, oi_y + 14, (int) ob.origin.x + 4, plot_x1), ==, 0);

  /* The value chip on the pointer pane's axis, absent from the other's. */
  gutter_x = (int) (pb.origin.x + pb.size.width - 60);   /* in the 72 px gutter */
  g_assert_true (is_dark_chip (shot_pixel (&a, gutter_x, price_y)));
  g_assert_false (is_dark_chip (shot_pixel (&b, gutter_x, price_y)));
  g_assert_true (is_dark_chip (shot_pixel (&b, gutter_x, oi_y)));
  g_assert_false (is_dark_chip (shot_pixel (&a, gutter_x, oi_y)));

  /* The time chip at the pointer's x on the time labels: mostly dark
   * around it (its words are light), not at all far from it. */
  g_assert_cmpuint (count_dark (&a, (int) on_price.x - 40, (int) on_price.x + 40, &tb), >,
                    80 * tb.size.height / 4);
  g_assert_cmpuint (count_dark (&a, (int) on_price.x + 200, (int) on_price.x + 280, &tb), ==, 0);

  /* Hover drew over the cached nodes: none was rendered again. */
  g_assert_cmpuint (ps_chart_pane_get_n_renders (PS_CHART_PANE (price)), ==, renders[0]);
  g_assert_cmpuint (ps_chart_pane_get_n_renders (PS_CHART_PANE (oi)), ==, renders[1]);
  g_assert_cmpuint (ps_chart_pane_get_n_renders (PS_CHART_PANE (funding)), ==, renders[2]);

  g_free (a.data);
  g_free (b.data);
}

/* The read-out at the latest candle: the demo's open interest ends days
 * before its candles, as a market's does while it loads; the read-out
 * pairs no older value with the latest time. */
static void
check_readout (PsWindow *window)
{
  PsMarket *market = ps_window_get_market (window);
  PsOpenInterest *oi = ps_market_get_open_interest (market);
  PsCandles *candles = ps_market_get_candles (market);
  PsSelection *selection = ps_window_get_selection (window);

  g_assert_cmpint (candles->t_ms[candles->n - 1] - oi->t_ms[oi->n - 1], >, 3 * DAY);
  ps_selection_set_cursor_ms (selection, PS_TIME_NONE);
  ps_selection_clear (selection);
  ps_test_spin (100);
  g_test_message ("read-out: %s", ps_window_get_readout_text (window));
  g_assert_nonnull (strstr (ps_window_get_readout_text (window), "Open interest \xe2\x80\x94"));

  /* On a time the series has: its value. */
  ps_selection_set_cursor_ms (selection, oi->t_ms[oi->n / 2] + 1);
  ps_test_spin (100);
  g_assert_null (strstr (ps_window_get_readout_text (window), "Open interest \xe2\x80\x94"));
  g_assert_nonnull (strstr (ps_window_get_readout_text (window), "Open interest $"));

  /* Funding the same: a settlement's rate while its period lasts, a dash
   * days after the last one. */
  {
    PsFunding *funding = ps_market_get_funding (market);

    ps_selection_set_cursor_ms (selection, funding->t_ms[funding->n / 2] + 3600 * 1000);
    ps_test_spin (100);
    g_assert_nonnull (strstr (ps_window_get_readout_text (window), "Funding "));
    g_assert_null (strstr (ps_window_get_readout_text (window), "Funding \xe2\x80\x94"));
    ps_selection_set_cursor_ms (selection, funding->t_ms[funding->n - 1] + 3 * DAY);
    ps_test_spin (100);
    g_assert_nonnull (strstr (ps_window_get_readout_text (window), "Funding \xe2\x80\x94"));
  }
}

static void
activate_cb (GtkApplication *app)
{
  PsWindow *window = PS_WINDOW (gtk_application_get_active_window (app));

  g_assert_true (PS_IS_WINDOW (window));
  g_assert_true (wait_for (demo_shown, window, 30));
  ps_test_spin (500);

  check_crosshair (window);
  check_readout (window);
  g_application_quit (G_APPLICATION (app));
}

static void
test_window_crosshair (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (path == NULL)
    {
      g_test_skip ("xdotool is missing");
      return;
    }
  /* Nothing listens there: the demo stands in at once. */
  g_setenv ("PERPSCOPE_BINANCE_REST", "http://127.0.0.1:9", TRUE);
  run_app (NULL, G_CALLBACK (activate_cb));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/ui/window/crosshair", test_window_crosshair);

  return g_test_run ();
}
