/* ps-binance-premium.c: the mark price and the next settlement's predicted
 * funding rate, GET /fapi/v1/premiumIndex
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <gio/gio.h>

#include "ps-binance.h"
#include "ps-binance-parse.h"

typedef struct
{
  char                  *symbol;
  PsBinancePremiumIndex  result;
} PsPremiumRequest;

static void
ps_premium_request_free (PsPremiumRequest *request)
{
  g_free (request->symbol);
  g_free (request);
}

static void
ps_binance_premium_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsBinance *self = g_task_get_source_object (task);
  PsPremiumRequest *request = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  guint status = 0;
  gsize length;
  const char *data;

  if (!(body = ps_http_get_finish (PS_HTTP (object), result, &status, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (status < 200 || status >= 300)
    {
      g_task_return_error (task, ps_binance_status_error (PS_REST_PROVIDER_GET_CLASS (self)->venue,
                                                          body, status, request->symbol));
      return;
    }
  data = g_bytes_get_data (body, &length);
  if (!ps_binance_parse_premium_index (data, length, &request->result, &error))
    {
      g_prefix_error (&error, "%s: ", request->symbol);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
ps_binance_get_premium_index_async (PsBinance           *self,
                                    const char          *symbol,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  PsPremiumRequest *request;

  g_return_if_fail (PS_IS_BINANCE (self));
  g_return_if_fail (symbol != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_binance_get_premium_index_async);
  request = g_new0 (PsPremiumRequest, 1);
  request->symbol = g_strdup (symbol);
  g_task_set_task_data (task, request, (GDestroyNotify) ps_premium_request_free);

  /* Weight 1 with a symbol, from the venue's one bucket (the rate limit
   * every other Binance request honours). */
  escaped = g_uri_escape_string (symbol, NULL, FALSE);
  uri = g_strdup_printf ("%s/fapi/v1/premiumIndex?symbol=%s", ps_binance_get_rest_base (self),
                         escaped);
  ps_http_get_async (ps_binance_get_http (self),
                     PS_REST_PROVIDER_GET_CLASS (self)->venue->display_name, uri, 1,
                     cancellable, ps_binance_premium_cb, g_steal_pointer (&task));
}

gboolean
ps_binance_get_premium_index_finish (PsBinance              *self,
                                     GAsyncResult           *result,
                                     PsBinancePremiumIndex  *premium_index,
                                     GError                **error)
{
  PsPremiumRequest *request;

  g_return_val_if_fail (PS_IS_BINANCE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (premium_index != NULL, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  request = g_task_get_task_data (G_TASK (result));
  *premium_index = request->result;
  return TRUE;
}
