/* ps-binance-stream.c: Binance USDⓈ-M live liquidations and open-interest snapshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "ps-binance-parse.h"
#include "ps-binance-stream.h"
#include "ps-net-error.h"

#define PS_BINANCE_STREAM_VENUE        "binance"
#define PS_BINANCE_STREAM_DISPLAY_NAME "Binance"   /* also the PsHttp bucket's name */

struct _PsBinanceStream
{
  PsStream   parent_instance;

  PsBinance *binance;
};

G_DEFINE_FINAL_TYPE (PsBinanceStream, ps_binance_stream, PS_TYPE_STREAM)

static char *
ps_binance_stream_dup_url (PsStream *stream)
{
  PsBinanceStream *self = PS_BINANCE_STREAM (stream);
  g_autofree char *name = g_ascii_strdown (ps_stream_get_symbol (stream), -1);

  return g_strdup_printf ("%s/market/stream?streams=%s@forceOrder",
                          ps_binance_get_ws_base (self->binance), name);
}

static PsLiquidations *
ps_binance_stream_parse_frame (PsStream    *stream,
                               const char  *data,
                               gsize        length,
                               GError     **error)
{
  return ps_binance_parse_force_order (data, length, ps_stream_get_symbol (stream), error);
}

/* Open interest: the snapshot, then the mark price that values it. */

typedef struct
{
  char           *symbol;
  PsOpenInterest *row;
} PsBinancePoll;

static void
ps_binance_poll_free (PsBinancePoll *poll)
{
  g_free (poll->symbol);
  g_clear_pointer (&poll->row, ps_open_interest_unref);
  g_free (poll);
}

static GBytes *
ps_binance_stream_body (GObject       *http,
                        GAsyncResult  *result,
                        GError       **error)
{
  return ps_http_get_finish (PS_HTTP (http), result, NULL, error);
}

static void
ps_binance_stream_premium_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsBinancePoll *poll = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(PsOpenInterest) row = NULL;
  GError *error = NULL;
  PsBinancePremiumIndex premium;
  gsize length;
  const char *data;

  if (!(body = ps_binance_stream_body (object, result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  data = g_bytes_get_data (body, &length);
  if (!ps_binance_parse_premium_index (data, length, &premium, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  row = ps_open_interest_new (1);
  ps_open_interest_append (row, poll->row->t_ms[0], poll->row->contracts[0],
                           poll->row->contracts[0] * premium.mark_price);
  g_task_return_pointer (task, g_steal_pointer (&row), (GDestroyNotify) ps_open_interest_unref);
}

static void
ps_binance_stream_open_interest_cb (GObject      *object,
                                    GAsyncResult *result,
                                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsBinanceStream *self = g_task_get_source_object (task);
  PsBinancePoll *poll = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *uri = NULL;
  GCancellable *cancellable;
  GError *error = NULL;
  gsize length;
  const char *data;

  if (!(body = ps_binance_stream_body (object, result, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  data = g_bytes_get_data (body, &length);
  if (!(poll->row = ps_binance_parse_open_interest (data, length, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  uri = g_strdup_printf ("%s/fapi/v1/premiumIndex?symbol=%s",
                         ps_binance_get_rest_base (self->binance), poll->symbol);
  cancellable = g_task_get_cancellable (task);
  ps_http_get_async (ps_binance_get_http (self->binance), PS_BINANCE_STREAM_DISPLAY_NAME, uri, 1,
                     cancellable, ps_binance_stream_premium_cb, g_steal_pointer (&task));
}

static void
ps_binance_stream_poll_open_interest_async (PsStream            *stream,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  PsBinanceStream *self = PS_BINANCE_STREAM (stream);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *uri = NULL;
  PsBinancePoll *poll = g_new0 (PsBinancePoll, 1);

  g_task_set_source_tag (task, ps_binance_stream_poll_open_interest_async);
  poll->symbol = g_strdup (ps_stream_get_symbol (stream));
  g_task_set_task_data (task, poll, (GDestroyNotify) ps_binance_poll_free);

  /* Weight 1 each, from the venue's one bucket. */
  uri = g_strdup_printf ("%s/fapi/v1/openInterest?symbol=%s",
                         ps_binance_get_rest_base (self->binance), poll->symbol);
  ps_http_get_async (ps_binance_get_http (self->binance), PS_BINANCE_STREAM_DISPLAY_NAME, uri, 1,
                     cancellable, ps_binance_stream_open_interest_cb, g_steal_pointer (&task));
}

static PsOpenInterest *
ps_binance_stream_poll_open_interest_finish (PsStream      *stream,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, stream), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* GObject */

static void
ps_binance_stream_dispose (GObject *object)
{
  PsBinanceStream *self = PS_BINANCE_STREAM (object);

  G_OBJECT_CLASS (ps_binance_stream_parent_class)->dispose (object);

  g_clear_object (&self->binance);
}

static void
ps_binance_stream_class_init (PsBinanceStreamClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsStreamClass *stream_class = PS_STREAM_CLASS (klass);

  object_class->dispose = ps_binance_stream_dispose;

  stream_class->dup_url = ps_binance_stream_dup_url;
  stream_class->parse_frame = ps_binance_stream_parse_frame;
  stream_class->poll_open_interest_async = ps_binance_stream_poll_open_interest_async;
  stream_class->poll_open_interest_finish = ps_binance_stream_poll_open_interest_finish;
}

static void
ps_binance_stream_init (PsBinanceStream *self)
{
}

PsBinanceStream *
ps_binance_stream_new (PsBinance  *binance,
                       const char *symbol)
{
  g_autofree char *upper = NULL;
  PsBinanceStream *self;

  g_return_val_if_fail (PS_IS_BINANCE (binance), NULL);
  g_return_val_if_fail (symbol != NULL && *symbol != '\0', NULL);

  upper = g_ascii_strup (symbol, -1);
  self = g_object_new (PS_TYPE_BINANCE_STREAM,
                       "venue", PS_BINANCE_STREAM_VENUE,
                       "display-name", PS_BINANCE_STREAM_DISPLAY_NAME,
                       "symbol", upper,
                       NULL);
  self->binance = g_object_ref (binance);
  return self;
}
