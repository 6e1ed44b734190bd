/* test-render-text.c: labels laid out once are measured and drawn as a
 * fresh layout would, in each font, size and target
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <string.h>

#include "ps-render.h"
#include "ps-render-private.h"
#include "ps-test-pixels.h"
#include "ps-test-util.h"

/* The size pango gives text in a layout made afresh, like ours but kept
 * nowhere. */
static void
fresh_size (PangoLayout *ours,
            const char  *text,
            int         *width,
            int         *height)
{
  g_autoptr(PangoLayout) fresh = pango_layout_copy (ours);

  pango_layout_set_text (fresh, text, -1);
  pango_layout_get_pixel_size (fresh, width, height);
}

/* Sizes asked again and again, in fonts that differ in size or weight
 * only, and for targets with other font options (a PDF's metrics are not
 * hinted): each the size a fresh layout gives, none another font's. */
static void
test_sizes (void)
{
  const char *texts[] = { "90,123.4", "Open interest", "12:00", "90,123.4", "$8.34B", "Nov 30" };
  cairo_surface_t *targets[2];
  PsChartStyle style;

  ps_chart_style_init_light (&style);
  targets[0] = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  targets[1] = cairo_pdf_surface_create (NULL, 100, 100);
  for (guint round = 0; round < 2; round++)
    for (guint t = 0; t < G_N_ELEMENTS (targets); t++)
      for (guint f = 0; f < 4; f++)
        {
          cairo_t *cr = cairo_create (targets[t]);
          g_autoptr(PangoLayout) layout = NULL;

          layout = _ps_render_create_layout (cr, &style, f % 2 ? 1.5 : 1,
                                             f < 2 ? PANGO_WEIGHT_NORMAL : PANGO_WEIGHT_BOLD);
          for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
            {
              int w, h, fw, fh;

              _ps_render_text_size (layout, texts[i], &w, &h);
              fresh_size (layout, texts[i], &fw, &fh);
              g_assert_cmpint (w, ==, fw);
              g_assert_cmpint (h, ==, fh);
            }
          cairo_destroy (cr);
        }
  {
    cairo_t *cr = cairo_create (targets[0]);
    g_autoptr(PangoLayout) normal = _ps_render_create_layout (cr, &style, 1, PANGO_WEIGHT_NORMAL);
    g_autoptr(PangoLayout) large = _ps_render_create_layout (cr, &style, 2, PANGO_WEIGHT_NORMAL);
    int w1, h1, w2, h2;

    /* The same text in another font is another layout. */
    _ps_render_text_size (normal, "Open interest", &w1, &h1);
    _ps_render_text_size (large, "Open interest", &w2, &h2);
    g_assert_cmpint (w2, >, w1 * 3 / 2);
    cairo_destroy (cr);
  }
  cairo_surface_destroy (targets[0]);
  cairo_surface_destroy (targets[1]);
}

/* A label drawn from a kept layout is the one a fresh layout draws; one
 * given a width is drawn as given (centred in it), never from another's. */
static void
test_show (void)
{
  cairo_surface_t *a = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 60);
  cairo_surface_t *b = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 60);
  cairo_t *ca = cairo_create (a), *cb = cairo_create (b);
  g_autoptr(PangoLayout) ours = NULL;
  g_autoptr(PangoLayout) fresh = NULL;
  g_autoptr(PangoLayout) wide = NULL;
  PsChartStyle style;
  PsColor black = { 0, 0, 0, 1 };

  ps_chart_style_init_light (&style);
  ours = _ps_render_create_layout (ca, &style, 1, PANGO_WEIGHT_SEMIBOLD);
  for (int k = 0; k < 3; k++)
    _ps_render_show_text (ca, ours, "BTCUSDT · 1m", 10, 10 + 15 * k, &black);
  fresh = pango_layout_copy (ours);
  pango_layout_set_text (fresh, "BTCUSDT · 1m", -1);
  cairo_set_source_rgb (cb, 0, 0, 0);
  for (int k = 0; k < 3; k++)
    {
      cairo_move_to (cb, 10, 10 + 15 * k);
      pango_cairo_show_layout (cb, fresh);
    }
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  g_assert_cmpint (memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                           (gsize) cairo_image_surface_get_stride (a) * 60), ==, 0);

  /* Centred in 280 px: its ink starts far right of an uncentred one's. */
  wide = _ps_render_create_layout (ca, &style, 1, PANGO_WEIGHT_SEMIBOLD);
  pango_layout_set_width (wide, 280 * PANGO_SCALE);
  pango_layout_set_alignment (wide, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (ca, 1, 1, 1);
  cairo_paint (ca);
  _ps_render_show_text (ca, wide, "BTCUSDT · 1m", 10, 10, &black);
  g_assert_cmpuint (pixel_at (a, 30, 18), ==, 0xffffff);
  cairo_destroy (ca);
  cairo_destroy (cb);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/render-text/sizes", test_sizes);
  g_test_add_func ("/render-text/show", test_show);
  return g_test_run ();
}
