/* ps-report-file.c: a report written to a file, PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <string.h>
#include <unistd.h>
#include "ps-report.h"
#include "ps-time.h"

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
  int      fd;
  int      saved_errno;
  GString *svg_head;    /* an SVG's start until its root tag is complete */
  char    *svg_title;   /* the <title> element given after that tag */
} PsPngWriter;

static cairo_status_t
ps_report_write_all (PsPngWriter         *writer,
                     const unsigned char *data,
                     gsize                length)
{
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
      length -= (gsize) n;
    }

  return CAIRO_STATUS_SUCCESS;
}

/* Writes the SVG's head held so far, the title after its root tag when
 * complete (or when never coming), and holds no more. */
static cairo_status_t
ps_report_flush_svg_head (PsPngWriter *writer,
                          gboolean     at_end)
{
  GString *head = writer->svg_head;
  const char *svg = strstr (head->str, "<svg");
  const char *end = svg != NULL ? strchr (svg, '>') : NULL;
  cairo_status_t status;
  gsize n;

  if (end == NULL && !at_end && head->len < 65536)
    return CAIRO_STATUS_SUCCESS;

  n = end != NULL ? (gsize) (end + 1 - head->str) : head->len;
  status = ps_report_write_all (writer, (const guchar *) head->str, n);
  if (status == CAIRO_STATUS_SUCCESS && end != NULL)
    status = ps_report_write_all (writer, (const guchar *) writer->svg_title,
                                  strlen (writer->svg_title));
  if (status == CAIRO_STATUS_SUCCESS)
    status = ps_report_write_all (writer, (const guchar *) head->str + n, head->len - n);
  g_string_free (g_steal_pointer (&writer->svg_head), TRUE);
  return status;
}

static cairo_status_t
ps_report_write_cb (void                *closure,
                    const unsigned char *data,
                    unsigned int         length)
{
  PsPngWriter *writer = closure;

  if (writer->svg_head == NULL)
    return ps_report_write_all (writer, data, length);

  g_string_append_len (writer->svg_head, (const char *) data, length);
  return ps_report_flush_svg_head (writer, FALSE);
}

/* What the report is of, in words, as the title of an SVG or PDF: the
 * document names its market and range, for viewers, search and screen
 * readers (cairo draws the text as shapes). */
static char *
ps_report_dup_document_title (const PsReport *report)
{
  g_autofree char *from = ps_time_format_utc (report->from_ms);
  g_autofree char *to = ps_time_format_utc (report->to_ms);

  return g_strdup_printf (_("%s %s %s, %s to %s UTC"),
                          report->venue_name ? report->venue_name : "",
                          report->symbol ? report->symbol : "",
                          ps_interval_to_string (report->interval), from, to);
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

/* Checks what a report of width × height would draw, before any file is
 * touched. */
static gboolean
ps_report_check (const PsReport  *report,
                 int              width,
                 int              height,
                 GError         **error)
{
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

  return TRUE;
}

static void
ps_report_draw_surface (const PsReport  *report,
                        cairo_surface_t *surface,
                        int              width,
                        int              height)
{
  cairo_font_options_t *options;
  cairo_t *cr;

  /* Grey antialiasing: a report is seen on any screen, subpixel order
   * unknown. */
  cr = cairo_create (surface);
  options = cairo_font_options_create ();
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_SLIGHT);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_ON);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);

  ps_report_draw (report, cr, width, height);
  cairo_destroy (cr);
}

/* Draws the report in format into the writer's file; the cairo status. */
static cairo_status_t
ps_report_render (const PsReport  *report,
                  PsReportFormat   format,
                  int              width,
                  int              height,
                  PsPngWriter     *writer)
{
  g_autofree char *title = ps_report_dup_document_title (report);
  cairo_surface_t *surface;
  cairo_status_t status;

  switch (format)
    {
    case PS_REPORT_FORMAT_SVG:
      {
        g_autofree char *escaped = g_markup_escape_text (title, -1);

        writer->svg_head = g_string_new (NULL);
        writer->svg_title = g_strdup_printf ("\n<title>%s</title>", escaped);
        surface = cairo_svg_surface_create_for_stream (ps_report_write_cb, writer, width, height);
      }
      break;
    case PS_REPORT_FORMAT_PDF:
      /* Units are points: the report is laid out for width × height of them. */
      surface = cairo_pdf_surface_create_for_stream (ps_report_write_cb, writer, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Perpscope");
      break;
    case PS_REPORT_FORMAT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
      break;
    }

  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      ps_report_draw_surface (report, surface, width, height);
      if (format == PS_REPORT_FORMAT_PNG)
        {
          cairo_surface_flush (surface);
          status = cairo_surface_write_to_png_stream (surface, ps_report_write_cb, writer);
        }
      else
        {
          /* Finishing writes the rest of the document to the stream. */
          cairo_surface_finish (surface);
          status = cairo_surface_status (surface);
        }
    }
  cairo_surface_destroy (surface);
  if (writer->svg_head != NULL)
    {
      cairo_status_t flushed = ps_report_flush_svg_head (writer, TRUE);

      if (status == CAIRO_STATUS_SUCCESS)
        status = flushed;
    }
  g_clear_pointer (&writer->svg_title, g_free);

  return status;
}

/* The file is written to a temporary file beside path and renamed over it
 * once complete: a reader never sees half a report, and a failure leaves
 * what was at path before. */
gboolean
ps_report_write (const PsReport  *report,
                 PsReportFormat   format,
                 int              width,
                 int              height,
                 const char      *path,
                 GError         **error)
{
  g_autofree char *tmp = NULL;
  PsPngWriter writer = { -1, 0, NULL, NULL };
  cairo_status_t status;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ps_report_check (report, width, height, error))
    return FALSE;

  tmp = g_strdup_printf ("%s.tmp-XXXXXX", path);
  writer.fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (writer.fd < 0)
    return ps_report_set_write_error (error, path, errno);

  status = ps_report_render (report, format, width, height, &writer);
  if (status == CAIRO_STATUS_SUCCESS && writer.saved_errno == 0 &&
      fsync (writer.fd) != 0 && errno != EINVAL)
    writer.saved_errno = errno;
  if (close (writer.fd) != 0 && writer.saved_errno == 0)
    writer.saved_errno = errno;

  if (status == CAIRO_STATUS_SUCCESS && writer.saved_errno == 0 && g_rename (tmp, path) != 0)
    writer.saved_errno = errno;

  if (status != CAIRO_STATUS_SUCCESS || writer.saved_errno != 0)
    {
      g_unlink (tmp);
      if (writer.saved_errno == 0 && status != CAIRO_STATUS_WRITE_ERROR)
        {
          g_set_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_FAILED,
                       _("Could not draw a %d × %d report: %s"), width, height,
                       cairo_status_to_string (status));
          return FALSE;
        }
      return ps_report_set_write_error (error, path,
                                        writer.saved_errno ? writer.saved_errno : EIO);
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
  return ps_report_write (report, PS_REPORT_FORMAT_PNG, width, height, path, error);
}

cairo_surface_t *
ps_report_draw_image (const PsReport  *report,
                      int              width,
                      int              height,
                      GError         **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ps_report_check (report, width, height, error))
    return NULL;

  /* ARGB32, not the PNG's RGB24: the layout GdkMemoryTexture takes as
   * GDK_MEMORY_DEFAULT. The report paints its background everywhere. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    {
      ps_report_draw_surface (report, surface, width, height);
      cairo_surface_flush (surface);
      status = cairo_surface_status (surface);
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_FAILED,
                   _("Could not draw a %d × %d report: %s"), width, height,
                   cairo_status_to_string (status));
      return NULL;
    }

  return surface;
}

const char *
ps_report_format_extension (PsReportFormat format)
{
  switch (format)
    {
    case PS_REPORT_FORMAT_SVG:
      return "svg";
    case PS_REPORT_FORMAT_PDF:
      return "pdf";
    case PS_REPORT_FORMAT_PNG:
    default:
      return "png";
    }
}

gboolean
ps_report_format_from_string (const char     *name,
                              PsReportFormat *format)
{
  static const char * const names[] = { "png", "svg", "pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (name != NULL && g_ascii_strcasecmp (name, names[i]) == 0)
      {
        *format = (PsReportFormat) i;
        return TRUE;
      }
  return FALSE;
}
