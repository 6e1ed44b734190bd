/* ps-rest-symbols.c: a symbol checked against the venue's listing before its first page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ps-net"

#include <libsoup/soup.h>
#include <string.h>

#include "ps-net-error.h"
#include "ps-rest-symbols.h"

typedef struct
{
  const PsRestVenue *venue;
  PsHttp            *http;
  GHashTable        *known;
  PsPageRequest      request;   /* symbol: owned */
  PsRestSymbolCheck  check;
} PsRestChecked;

static void
ps_rest_checked_free (PsRestChecked *checked)
{
  g_clear_object (&checked->http);
  g_clear_pointer (&checked->known, g_hash_table_unref);
  g_free ((char *) checked->request.symbol);
  g_free (checked);
}

static void
ps_rest_checked_page_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  PsPage *page = ps_rest_fetch_page_finish (object, result, &error);

  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, page, (GDestroyNotify) ps_page_free);
}

static void
ps_rest_checked_fetch (GTask *task)
{
  PsRestChecked *checked = g_task_get_task_data (task);

  ps_rest_fetch_page_async (checked->venue, g_task_get_source_object (task), checked->http,
                            &checked->request, g_task_get_cancellable (task),
                            ps_rest_checked_page_cb, task);
}

static void
ps_rest_checked_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsRestChecked *checked = g_task_get_task_data (task);
  const char *symbol = checked->request.symbol;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  body = ps_http_get_finish (PS_HTTP (object), result, &status, &error);
  if (body != NULL && !SOUP_STATUS_IS_SUCCESSFUL (status))
    error = checked->venue->status_error (checked->venue, body, status, symbol);
  else if (body != NULL &&
           !checked->check (g_bytes_get_data (body, NULL), g_bytes_get_size (body), symbol,
                            &error) &&
           g_error_matches (error, PS_NET_ERROR, PS_NET_ERROR_UNKNOWN_SYMBOL))
    {
      g_clear_error (&error);
      error = ps_rest_unknown_symbol (checked->venue, symbol);
    }

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_hash_table_add (checked->known, g_strdup (symbol));
  ps_rest_checked_fetch (g_steal_pointer (&task));
}

void
ps_rest_fetch_checked_async (const PsRestVenue   *venue,
                             gpointer             provider,
                             PsHttp              *http,
                             GHashTable          *known,
                             const PsPageRequest *request,
                             const char          *check_uri,
                             const char          *check_body,
                             PsRestSymbolCheck    check,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PsRestChecked *checked;

  g_return_if_fail (request->symbol != NULL);

  task = g_task_new (provider, cancellable, callback, user_data);
  g_task_set_source_tag (task, ps_rest_fetch_checked_async);

  checked = g_new0 (PsRestChecked, 1);
  checked->venue = venue;
  checked->http = g_object_ref (http);
  checked->known = g_hash_table_ref (known);
  checked->request = *request;
  checked->request.symbol = g_strdup (request->symbol);
  checked->check = check;
  g_task_set_task_data (task, checked, (GDestroyNotify) ps_rest_checked_free);

  /* "" and empty ranges are the common fetch's to answer. */
  if (*request->symbol == '\0' || request->from_ms >= request->to_ms ||
      g_hash_table_contains (known, request->symbol))
    {
      ps_rest_checked_fetch (g_steal_pointer (&task));
      return;
    }

  if (check_body != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (check_body, strlen (check_body));

      ps_http_post_async (http, venue->display_name, check_uri, "application/json", body,
                          venue->time_weight, cancellable, ps_rest_checked_cb,
                          g_steal_pointer (&task));
    }
  else
    ps_http_get_async (http, venue->display_name, check_uri, venue->time_weight, cancellable,
                       ps_rest_checked_cb, g_steal_pointer (&task));
}

PsPage *
ps_rest_fetch_checked_finish (gpointer       provider,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ps_rest_fetch_checked_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
