/* ps-render-text.c: the panes' labels, laid out once
 *
 * A frame draws the same few dozen labels as the one before (axis values,
 * times, titles, legends), and each was laid out afresh, twice when it was
 * measured and then shown: itemising and shaping were a tenth of a frame.
 * A layout made here carries its font as a key; measuring or showing a text
 * in it takes a layout of that font and text kept from before (per thread,
 * as pango's own font maps are), so only a new label is shaped. A layout
 * given a width, wrapping or ellipsis, or made elsewhere, is used as is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "ps-render-private.h"

/* Texts kept per thread before the whole table is dropped. */
#define MAX_TEXTS 2048

static GQuark ps_font_key_quark (void);
G_DEFINE_QUARK (ps-render-font-key, ps_font_key)

static void
ps_text_cache_free (gpointer data)
{
  g_hash_table_unref (data);
}

static GPrivate ps_text_cache = G_PRIVATE_INIT (ps_text_cache_free);

PangoLayout *
_ps_render_create_layout (cairo_t            *cr,
                          const PsChartStyle *style,
                          double              scale,
                          PangoWeight         weight)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_new ();
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoAttrList *attrs = pango_attr_list_new ();
  const char *family = style->font_family ? style->font_family : "Cantarell";
  double size = MAX (style->font_size * scale, 1);
  cairo_font_options_t *options;
  cairo_matrix_t m;

  pango_font_description_set_family (desc, family);
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  /* Tabular figures: the numbers of a column of labels line up. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  /* The key holds what the layout's metrics depend on: the font, and the
   * target's font options and scale, which pango took from cr. */
  options = cairo_font_options_create ();
  cairo_surface_get_font_options (cairo_get_target (cr), options);
  cairo_get_matrix (cr, &m);
  g_object_set_qdata_full (G_OBJECT (layout), ps_font_key_quark (),
                           g_strdup_printf ("%s\x1f%.17g\x1f%d\x1f%lx\x1f%g %g %g %g", family, size,
                                            weight, cairo_font_options_hash (options), m.xx, m.xy,
                                            m.yx, m.yy),
                           g_free);
  cairo_font_options_destroy (options);
  return layout;
}

/* The layout of text in layout's font: kept from before, or made now and
 * kept; layout itself, with its text set, where it is not one of ours. */
static PangoLayout *
ps_text_layout (PangoLayout *layout,
                const char  *text)
{
  const char *font = g_object_get_qdata (G_OBJECT (layout), ps_font_key_quark ());
  GHashTable *texts;
  g_autofree char *key = NULL;
  PangoLayout *kept;

  if (font == NULL || pango_layout_get_width (layout) != -1 ||
      pango_layout_get_ellipsize (layout) != PANGO_ELLIPSIZE_NONE)
    {
      /* Setting a text lays it out again, even the same one. */
      if (g_strcmp0 (pango_layout_get_text (layout), text) != 0)
        pango_layout_set_text (layout, text, -1);
      return layout;
    }

  texts = g_private_get (&ps_text_cache);
  if (texts == NULL)
    {
      texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_private_set (&ps_text_cache, texts);
    }
  key = g_strconcat (font, "\x1f", text, NULL);
  kept = g_hash_table_lookup (texts, key);
  if (kept != NULL)
    return kept;

  if (g_hash_table_size (texts) >= MAX_TEXTS)
    g_hash_table_remove_all (texts);
  kept = pango_layout_copy (layout);
  pango_layout_set_text (kept, text, -1);
  g_hash_table_insert (texts, g_steal_pointer (&key), kept);
  return kept;
}

void
_ps_render_text_size (PangoLayout *layout,
                      const char  *text,
                      int         *width,
                      int         *height)
{
  pango_layout_get_pixel_size (ps_text_layout (layout, text), width, height);
}

void
_ps_render_show_text (cairo_t       *cr,
                      PangoLayout   *layout,
                      const char    *text,
                      double         x,
                      double         y,
                      const PsColor *color)
{
  /* A kept layout's context was set up for a cairo_t of the same font
   * options and scale (the key says so): no update, which would lay it out
   * again. */
  PangoLayout *shown = ps_text_layout (layout, text);

  cairo_move_to (cr, ps_round (x), ps_round (y));
  _ps_render_set_color (cr, color);
  pango_cairo_show_layout (cr, shown);
}
