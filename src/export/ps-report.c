/* ps-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <unistd.h>

#include "ps-render.h"
#include "ps-report.h"
#include "ps-time.h"

G_DEFINE_QUARK (ps-export-error-quark, ps_export_error)

/* Layout --------------------------------------------------------------- */

static PangoLayout *
ps_report_layout (cairo_t            *cr,
                  const PsChartStyle *style,
                  double              size,
                  PangoWeight         weight)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_new ();
  PangoLayout *layout = pango_cairo_create_layout (cr);

  pango_font_description_set_family (desc, style->font_family);
  pango_font_description_set_weight (desc, weight);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);

  return layout;
}

static void
ps_report_set_color (cairo_t       *cr,
                     const PsColor *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

/* The Perpscope mark: three small candles and the name, right-aligned at x. */
static void
ps_report_draw_mark (cairo_t            *cr,
                     const PsChartStyle *style,
                     double              right,
                     double              center_y,
                     double              size)
{
  g_autoptr(PangoLayout) layout = NULL;
  static const double bars[3][2] = { { .35, .85 }, { .10, .70 }, { .25, 1.0 } };
  double u = round (size * 0.30), h = round (size * 1.15), x;
  int w, lh;

  layout = ps_report_layout (cr, style, size, PANGO_WEIGHT_SEMIBOLD);
  pango_layout_set_text (layout, "Perpscope", -1);
  pango_layout_get_pixel_size (layout, &w, &lh);
  x = round (right - w);
  cairo_move_to (cr, x, round (center_y - lh / 2.));
  ps_report_set_color (cr, &style->text_dim);
  pango_cairo_show_layout (cr, layout);

  x -= round (size * 0.5) + 3 * u + 2 * round (u * 0.6);
  for (int i = 0; i < 3; i++)
    {
      double top = round (center_y - h / 2 + bars[i][0] * h);
      double bottom = round (center_y - h / 2 + bars[i][1] * h);

      ps_report_set_color (cr, i == 1 ? &style->down : &style->up);
      cairo_rectangle (cr, x, top, u, bottom - top);
      cairo_rectangle (cr, x + floor ((u - 1) / 2), round (center_y - h / 2 - 1), 1, h + 2);
      cairo_fill (cr);
      x += u + round (u * 0.6);
    }
}

static void
ps_report_draw_header (const PsReport     *report,
                       cairo_t            *cr,
                       const PsChartStyle *style,
                       double              margin,
                       double              width,
                       double              height)
{
  g_autoptr(PangoLayout) title_layout = NULL;
  g_autoptr(PangoLayout) sub_layout = NULL;
  g_autofree char *title = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *subtitle = NULL;
  const char *interval = ps_interval_to_string (report->interval);
  double mark_w = style->font_size * 10;
  int tw, th, sw, sh;
  double y;

  title = g_strdup_printf ("%s %s%s%s",
                           report->venue_name ? report->venue_name : "",
                           report->symbol ? report->symbol : "",
                           *interval ? " · " : "", interval);
  from = ps_time_format_utc (report->from_ms);
  to = ps_time_format_utc (report->to_ms);
  if (report->note != NULL && *report->note != '\0')
    subtitle = g_strdup_printf ("%s → %s UTC  ·  %s", from, to, report->note);
  else
    subtitle = g_strdup_printf ("%s → %s UTC", from, to);

  title_layout = ps_report_layout (cr, style, round (style->font_size * 1.55),
                                   PANGO_WEIGHT_BOLD);
  sub_layout = ps_report_layout (cr, style, style->font_size, PANGO_WEIGHT_NORMAL);
  pango_layout_set_width (title_layout, (int) MAX (width - 2 * margin - mark_w, 1) * PANGO_SCALE);
  pango_layout_set_width (sub_layout, (int) MAX (width - 2 * margin - mark_w, 1) * PANGO_SCALE);
  pango_layout_set_text (title_layout, g_strstrip (title), -1);
  pango_layout_set_text (sub_layout, subtitle, -1);
  pango_layout_get_pixel_size (title_layout, &tw, &th);
  pango_layout_get_pixel_size (sub_layout, &sw, &sh);

  y = round ((height - th - sh - 2) / 2);
  ps_report_set_color (cr, &style->text);
  cairo_move_to (cr, margin, y);
  pango_cairo_show_layout (cr, title_layout);
  ps_report_set_color (cr, &style->text_dim);
  cairo_move_to (cr, margin, y + th + 2);
  pango_cairo_show_layout (cr, sub_layout);

  ps_report_draw_mark (cr, style, width - margin, y + th / 2., style->font_size);
}

void
ps_report_draw (const PsReport *report,
                cairo_t        *cr,
                int             width,
                int             height)
{
  g_autoptr(PsTimeAxis) axis = NULL;
  g_autofree char *funding_title = NULL;
  g_autofree char *liq_title = NULL;
  PsRecordedLiquidations liq = { report->liquidations, report->not_recorded,
                                 report->not_recorded != NULL ? report->n_not_recorded : 0 };
  gboolean with_liq = liq.events != NULL || liq.n_not_recorded > 0;
  PsChartStyle style;
  double margin, header_h, strip_h, top, panes_h, price_h, oi_h, funding_h, liq_h, chart_w;
  PsRect rect;

  g_return_if_fail (report != NULL);
  g_return_if_fail (cr != NULL);

  if (report->dark)
    ps_chart_style_init_dark (&style);
  else
    ps_chart_style_init_light (&style);
  /* Type grows with the image, from the screen's 12 px up. */
  style.font_size = round (CLAMP (MIN (width / 130., height / 80.), 11, 20) * 2) / 2;
  style.gutter = round (style.font_size * 6.2);

  margin = round (CLAMP (width * 0.014, 10, 32));
  header_h = round (style.font_size * 5.2);
  strip_h = round (style.font_size * 2.3);
  chart_w = width - margin - round (margin / 2);
  top = header_h;
  panes_h = height - header_h - strip_h - round (margin * 0.6);

  /* Price 58 %, open interest and funding 21 % each of the panes; with
   * liquidations, 48 %, 16 %, 14 % and 22 %, the bars needing the height. */
  price_h = round (panes_h * (with_liq ? 0.48 : 0.58));
  oi_h = round (panes_h * (with_liq ? 0.16 : 0.21));
  liq_h = with_liq ? round (panes_h * 0.22) : 0;
  funding_h = panes_h - price_h - oi_h - liq_h;

  cairo_save (cr);
  ps_report_set_color (cr, &style.background);
  cairo_paint (cr);
  ps_report_draw_header (report, cr, &style, margin, width, header_h);

  axis = ps_time_axis_new ();
  ps_time_axis_set_range (axis, report->from_ms, report->to_ms);

  rect = (PsRect) { margin, top, chart_w, price_h };
  ps_render_price_with_liquidations (cr, &rect, axis, report->candles, report->interval,
                                     with_liq ? &liq : NULL, report->symbol, &style);
  rect = (PsRect) { margin, top + price_h, chart_w, oi_h };
  ps_render_open_interest (cr, &rect, axis, report->open_interest, _("Open interest"), &style);

  funding_title = ps_render_funding_title (report->funding);
  rect = (PsRect) { margin, top + price_h + oi_h, chart_w, funding_h };
  ps_render_funding (cr, &rect, axis, report->funding, funding_title, &style);
  if (with_liq)
    {
      liq_title = ps_render_liquidations_title (report->venue_name);
      rect = (PsRect) { margin, top + panes_h - liq_h, chart_w, liq_h };
      ps_render_liquidations (cr, &rect, axis, &liq, report->interval, liq_title, &style);
    }
  rect = (PsRect) { margin, top + panes_h, chart_w, strip_h };
  ps_render_time_labels (cr, &rect, axis, &style);

  /* Rules between the panes and around the whole chart. */
  cairo_set_source_rgba (cr, style.grid.red, style.grid.green, style.grid.blue,
                         style.grid.alpha * 1.8);
  cairo_rectangle (cr, margin, top + price_h, chart_w, 1);
  cairo_rectangle (cr, margin, top + price_h + oi_h, chart_w, 1);
  if (with_liq)
    cairo_rectangle (cr, margin, top + panes_h - liq_h, chart_w, 1);
  cairo_fill (cr);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, margin - 0.5, top - 0.5, chart_w + 1, panes_h + strip_h + 1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* PNG ------------------------------------------------------------------ */

static gboolean
ps_report_has_data (const PsReport *report)
{
  gint64 from = report->from_ms, to = report->to_ms;
  const PsCandles *c = report->candles;
  const PsFunding *f = report->funding;
  const PsOpenInterest *oi = report->open_interest;
  const PsLiquidations *l = report->liquidations;

  if (from >= to)
    return FALSE;

  return (c != NULL && ps_series_lower_bound (c->t_ms, c->n, from)
                       < ps_series_lower_bound (c->t_ms, c->n, to)) ||
         (f != NULL && ps_series_lower_bound (f->t_ms, f->n, from)
                       < ps_series_lower_bound (f->t_ms, f->n, to)) ||
         (oi != NULL && ps_series_lower_bound (oi->t_ms, oi->n, from)
                        < ps_series_lower_bound (oi->t_ms, oi->n, to)) ||
         (l != NULL && ps_series_lower_bound (l->t_ms, l->n, from)
                       < ps_series_lower_bound (l->t_ms, l->n, to));
}

typedef struct
{
  int fd;
  int saved_errno;
} PsPngWriter;

static cairo_status_t
ps_report_write_cb (void                *closure,
                    const unsigned char *data,
                    unsigned int         length)
{
  PsPngWriter *writer = closure;

  while (length > 0)
    {
      ssize_t n = write (writer->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          writer->saved_errno = n < 0 ? errno : EIO;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }

  return CAIRO_STATUS_SUCCESS;
}

static gboolean
ps_report_set_write_error (GError     **error,
                           const char  *path,
                           int          saved_errno)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

/* The PNG goes to a temporary file beside path, renamed over it once
 * complete: a reader never sees half an image. */
static gboolean
ps_report_save_surface (cairo_surface_t  *surface,
                        const char       *path,
                        GError          **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.tmp-XXXXXX", path);
  PsPngWriter writer = { -1, 0 };
  cairo_status_t status;

  writer.fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (writer.fd < 0)
    return ps_report_set_write_error (error, path, errno);

  status = cairo_surface_write_to_png_stream (surface, ps_report_write_cb, &writer);
  if (status == CAIRO_STATUS_SUCCESS && fsync (writer.fd) != 0 && errno != EINVAL)
    writer.saved_errno = errno;
  if (close (writer.fd) != 0 && writer.saved_errno == 0)
    writer.saved_errno = errno;

  if (status == CAIRO_STATUS_SUCCESS && writer.saved_errno == 0 && g_rename (tmp, path) != 0)
    writer.saved_errno = errno;

  if (status != CAIRO_STATUS_SUCCESS || writer.saved_errno != 0)
    {
      int saved_errno = writer.saved_errno ? writer.saved_errno : EIO;

      g_unlink (tmp);
      return ps_report_set_write_error (error, path, saved_errno);
    }

  return TRUE;
}

gboolean
ps_report_write_png (const PsReport  *report,
                     int              width,
                     int              height,
                     const char      *path,
                     GError         **error)
{
  cairo_surface_t *surface;
  cairo_font_options_t *options;
  cairo_t *cr;
  gboolean ret;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (width < PS_REPORT_MIN_WIDTH || height < PS_REPORT_MIN_HEIGHT ||
      width > PS_REPORT_MAX_SIDE || height > PS_REPORT_MAX_SIDE)
    {
      g_set_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_SIZE,
                   _("A report of %d × %d pixels is not possible: it takes %d × %d "
                     "to %d × %d"),
                   width, height, PS_REPORT_MIN_WIDTH, PS_REPORT_MIN_HEIGHT,
                   PS_REPORT_MAX_SIDE, PS_REPORT_MAX_SIDE);
      return FALSE;
    }

  if (!ps_report_has_data (report))
    {
      g_autofree char *from = ps_time_format_utc (report->from_ms);
      g_autofree char *to = ps_time_format_utc (report->to_ms);

      g_set_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_NO_DATA,
                   _("No data for %s %s from %s to %s UTC"),
                   report->venue_name ? report->venue_name : "",
                   report->symbol ? report->symbol : "", from, to);
      return FALSE;
    }

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_FAILED,
                   _("Could not make a %d × %d image: %s"), width, height,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return FALSE;
    }

  /* Grey antialiasing: a PNG is seen on any screen, subpixel order unknown. */
  cr = cairo_create (surface);
  options = cairo_font_options_create ();
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_ON);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);

  ps_report_draw (report, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  ret = ps_report_save_surface (surface, path, error);
  cairo_surface_destroy (surface);

  return ret;
}
