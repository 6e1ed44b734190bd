/* test-window-parallel.c: the panes drawn at once on worker threads make the
 * same pixels as drawn one after the other, each pane once a frame, and as
 * handed to GSK in textures, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ps-chart-pane.h"
#include "ps-test-window.h"

/* The demo market shown and its analysis (heatmap, zones, phases) drawn:
 * nothing left that would redraw a pane between the two screenshots. */
static gboolean
window_settled (gpointer data)
{
  PsMarketAnalysis *analysis = ps_window_get_analysis (data);

  return gtk_widget_get_mapped (data) &&
         !ps_market_get_loading (ps_window_get_market (data)) &&
         !ps_market_analysis_get_busy (analysis) &&
         ps_market_analysis_get_result (analysis) != NULL;
}

static void
collect_panes (GtkWidget *root,
               GPtrArray *panes)
{
  if (PS_IS_CHART_PANE (root) && gtk_widget_get_mapped (root))
    g_ptr_array_add (panes, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_panes (child, panes);
}

/* widget's pixels after every pane's drawing was dropped, and how many
 * times each pane drew for it. */
static GBytes *
redraw_all (GtkWidget *widget,
            GPtrArray *panes,
            guint     *renders)
{
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;
  guchar *pixels;

  for (guint i = 0; i < panes->len; i++)
    {
      renders[i] = ps_chart_pane_get_n_renders (panes->pdata[i]);
      ps_chart_pane_invalidate (panes->pdata[i]);
    }
  ps_test_spin (300);
  texture = screenshot (widget);
  for (guint i = 0; i < panes->len; i++)
    renders[i] = ps_chart_pane_get_n_renders (panes->pdata[i]) - renders[i];

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  return g_bytes_new_take (pixels, (gsize) width * height * 4);
}

static void
check_parallel (GtkApplication *app)
{
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (app));
  /* The panes only: the status bar counts down to the live feed's next
   * attempt, which a slow run (ASan) sees change between the two. */
  GtkWidget *stack = GTK_WIDGET (ps_window_get_pane_stack (PS_WINDOW (window)));
  g_autoptr(GPtrArray) panes = g_ptr_array_new ();
  g_autoptr(GBytes) serial = NULL;
  g_autoptr(GBytes) parallel = NULL;
  g_autoptr(GBytes) textures = NULL;
  g_autofree guint *renders = NULL;
  gsize n_differ = 0, n;
  const guchar *a, *b;

  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  g_assert_true (wait_for (window_settled, window, 30));
  ps_test_spin (500);

  /* Price, open interest, funding, liquidations and the time axis. */
  collect_panes (window, panes);
  g_assert_cmpuint (panes->len, ==, 5);
  renders = g_new0 (guint, panes->len);

  _ps_chart_pane_set_parallel (FALSE);
  serial = redraw_all (stack, panes, renders);
  for (guint i = 0; i < panes->len; i++)
    g_assert_cmpuint (renders[i], ==, 1);

  /* On a machine of one processor this draws serially too: still the same. */
  _ps_chart_pane_set_parallel (TRUE);
  parallel = redraw_all (stack, panes, renders);
  for (guint i = 0; i < panes->len; i++)
    g_assert_cmpuint (renders[i], ==, 1);

  g_assert_cmpuint (g_bytes_get_size (serial), ==, g_bytes_get_size (parallel));
  a = g_bytes_get_data (serial, &n);
  b = g_bytes_get_data (parallel, NULL);
  for (gsize i = 0; i < n; i++)
    n_differ += a[i] != b[i];
  g_assert_cmpuint (n_differ, ==, 0);

  /* The tests run GSK's cairo renderer, to which the panes hand their
   * pixels in cairo nodes; handed over as textures (as to a GPU renderer)
   * the window shows the same pixels. */
  _ps_chart_pane_set_cairo_nodes (FALSE);
  textures = redraw_all (stack, panes, renders);
  _ps_chart_pane_set_cairo_nodes (TRUE);
  g_assert_cmpuint (g_bytes_get_size (textures), ==, n);
  b = g_bytes_get_data (textures, NULL);
  for (gsize i = 0; i < n; i++)
    n_differ += a[i] != b[i];
  g_assert_cmpuint (n_differ, ==, 0);

  /* Not blank panes either way: over the price pane (the top of the stack)
   * candles and the heatmap, saturated colours the background and labels
   * never are (none where it drew nothing). */
  {
    int width = gtk_widget_get_width (stack), height = gtk_widget_get_height (stack);
    gsize n_saturated = 0, n_area = 0;

    g_assert_cmpuint (n, ==, (gsize) width * height * 4);
    for (int y = height / 20; y < height * 2 / 5; y++)
      for (int x = 0; x < width * 2 / 3; x++)
        {
          const guchar *p = a + ((gsize) y * width + x) * 4;
          int hi = MAX (p[0], MAX (p[1], p[2])), lo = MIN (p[0], MIN (p[1], p[2]));

          n_saturated += hi - lo > 40;
          n_area++;
        }
    g_assert_cmpuint (n_saturated, >, n_area * 3 / 100);
  }

  g_application_quit (G_APPLICATION (app));
}

static void
test_parallel (void)
{
  run_app (NULL, G_CALLBACK (check_parallel));
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);
  g_test_add_func ("/perpscope/ui/window-parallel/same-pixels", test_parallel);
  return g_test_run ();
}
