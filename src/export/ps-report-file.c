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
#include "ps-database.h"
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
  /* An SVG's <title> and <desc>, written after its opening <svg …> tag;
   * what cairo wrote before that tag ends is held in head. */
  char    *svg_insert;
  GString *head;
} PsPngWriter;

static cairo_status_t
ps_report_write_fd (PsPngWriter         *writer,
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

static cairo_status_t
ps_report_write_cb (void                *closure,
                    const unsigned char *data,
                    unsigned int         length)
{
  PsPngWriter *writer = closure;
  const char *svg, *end;
  g_autofree char *rest = NULL;
  cairo_status_t status;
  gsize at;

  if (writer->svg_insert == NULL)
    return ps_report_write_fd (writer, data, length);

  /* Cairo's text is glyph outlines: the words go in as <title> and <desc>,
   * for screen readers and search, right inside the root element. */
  g_string_append_len (writer->head, (const char *) data, length);
  if ((svg = strstr (writer->head->str, "<svg")) == NULL || (end = strchr (svg, '>')) == NULL)
    return CAIRO_STATUS_SUCCESS;
  at = (gsize) (end + 1 - writer->head->str);
  rest = g_strdup (writer->head->str + at);
  g_string_truncate (writer->head, at);
  g_string_append (writer->head, writer->svg_insert);
  g_string_append (writer->head, rest);
  g_clear_pointer (&writer->svg_insert, g_free);
  status = ps_report_write_fd (writer, (const guchar *) writer->head->str, writer->head->len);
  g_string_truncate (writer->head, 0);
  return status;
}

/* "Binance BTCUSDT · 4h, 2025-11-20 → 2025-12-17 UTC": what the report is of. */
static char *
ps_report_document_title (const PsReport *report)
{
  g_autofree char *title = ps_report_title_text (report);
  g_autofree char *range = ps_report_range_text (report);

  return g_strdup_printf ("%s, %s", title, range);
}

static char *
ps_report_svg_insert (const PsReport *report)
{
  g_autofree char *title = ps_report_document_title (report);
  g_autofree char *summary = ps_report_summary_text (report);
  g_autofree char *title_xml = g_markup_escape_text (title, -1);
  g_autofree char *desc_xml = g_markup_escape_text (summary, -1);

  return g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>\n", title_xml, desc_xml);
}

/* The PDF's document properties: title, subject (the summary's first line),
 * the program and the time the report was made. */
static void
ps_report_pdf_metadata (const PsReport  *report,
                        cairo_surface_t *surface)
{
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE (1, 16, 0)
  g_autofree char *title = ps_report_document_title (report);
  g_autofree char *summary = ps_report_summary_text (report);
  gint64 made_ms = report->generated_ms != 0 ? report->generated_ms : g_get_real_time () / 1000;
  g_autoptr(GDateTime) made = g_date_time_new_from_unix_utc (made_ms / 1000);
  g_autofree char *date = made ? g_date_time_format (made, "%Y-%m-%dT%H:%M:%SZ") : NULL;

  summary[strcspn (summary, "\n")] = '\0';
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, summary);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Perpscope " PACKAGE_VERSION);
  if (date != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
#endif
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

gboolean
ps_report_check_path (const char  *path,
                      GError     **error)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!ps_database_file_is_database (path))
    return TRUE;
  name = g_filename_display_name (path);
  g_set_error (error, PS_EXPORT_ERROR, PS_EXPORT_ERROR_WRITE,
               _("“%s” is a database, such as Perpscope’s cache or its recorded liquidations; "
                 "nothing is written over it: choose another file name"), name);
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
  cairo_surface_t *surface;
  cairo_status_t status;

  switch (format)
    {
    case PS_REPORT_FORMAT_SVG:
      writer->svg_insert = ps_report_svg_insert (report);
      writer->head = g_string_new (NULL);
      surface = cairo_svg_surface_create_for_stream (ps_report_write_cb, writer, width, height);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE (1, 16, 0)
      /* Pixels, as the report was laid out: "1600pt" would draw a third larger. */
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
#endif
      break;
    case PS_REPORT_FORMAT_PDF:
      /* Units are points: the report is laid out for width × height of them. */
      surface = cairo_pdf_surface_create_for_stream (ps_report_write_cb, writer, width, height);
      ps_report_pdf_metadata (report, surface);
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
  /* A document shorter than its <svg> tag: what was held, as it was. */
  if (writer->head != NULL && writer->head->len > 0 && status == CAIRO_STATUS_SUCCESS)
    status = ps_report_write_fd (writer, (const guchar *) writer->head->str, writer->head->len);
  g_clear_pointer (&writer->svg_insert, g_free);
  if (writer->head != NULL)
    g_string_free (g_steal_pointer (&writer->head), TRUE);

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

  if (!ps_report_check (report, width, height, error) || !ps_report_check_path (path, error))
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
