/* ps-provider.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-provider.h"

G_DEFINE_INTERFACE (PsProvider, ps_provider, G_TYPE_OBJECT)

static void
ps_provider_default_init (PsProviderInterface *iface)
{
}

const char *
ps_provider_get_venue (PsProvider *self)
{
  g_return_val_if_fail (PS_IS_PROVIDER (self), NULL);

  return PS_PROVIDER_GET_IFACE (self)->get_venue (self);
}

const char *
ps_provider_get_display_name (PsProvider *self)
{
  g_return_val_if_fail (PS_IS_PROVIDER (self), NULL);

  return PS_PROVIDER_GET_IFACE (self)->get_display_name (self);
}

guint
ps_provider_get_page_limit (PsProvider   *self,
                            PsSeriesKind  kind)
{
  g_return_val_if_fail (PS_IS_PROVIDER (self), 0);

  return PS_PROVIDER_GET_IFACE (self)->get_page_limit (self, kind);
}

gint64
ps_provider_get_history_horizon (PsProvider   *self,
                                 PsSeriesKind  kind)
{
  PsProviderInterface *iface;

  g_return_val_if_fail (PS_IS_PROVIDER (self), 0);

  iface = PS_PROVIDER_GET_IFACE (self);
  return iface->get_history_horizon ? iface->get_history_horizon (self, kind) : 0;
}

PsInterval
ps_provider_get_storage_interval (PsProvider   *self,
                                  PsSeriesKind  kind,
                                  PsInterval    interval)
{
  PsProviderInterface *iface;

  g_return_val_if_fail (PS_IS_PROVIDER (self), interval);

  iface = PS_PROVIDER_GET_IFACE (self);
  if (iface->get_storage_interval)
    return iface->get_storage_interval (self, kind, interval);
  return kind == PS_SERIES_FUNDING ? PS_INTERVAL_NONE : interval;
}

void
ps_provider_fetch_page_async (PsProvider          *self,
                              const PsPageRequest *request,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (PS_IS_PROVIDER (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  PS_PROVIDER_GET_IFACE (self)->fetch_page_async (self, request, cancellable, callback, user_data);
}

PsPage *
ps_provider_fetch_page_finish (PsProvider    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (PS_IS_PROVIDER (self), NULL);

  return PS_PROVIDER_GET_IFACE (self)->fetch_page_finish (self, result, error);
}

void
ps_provider_get_server_time_async (PsProvider          *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PS_IS_PROVIDER (self));

  PS_PROVIDER_GET_IFACE (self)->get_server_time_async (self, cancellable, callback, user_data);
}

gint64
ps_provider_get_server_time_finish (PsProvider    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (PS_IS_PROVIDER (self), 0);

  return PS_PROVIDER_GET_IFACE (self)->get_server_time_finish (self, result, error);
}

PsPage *
ps_page_new (PsSeriesKind kind)
{
  PsPage *page = g_new0 (PsPage, 1);

  page->kind = kind;
  return page;
}

void
ps_page_free (PsPage *page)
{
  if (page == NULL)
    return;

  g_clear_pointer (&page->candles, ps_candles_unref);
  g_clear_pointer (&page->funding, ps_funding_unref);
  g_clear_pointer (&page->open_interest, ps_open_interest_unref);
  g_free (page);
}

guint
ps_page_get_n_rows (const PsPage *page)
{
  g_return_val_if_fail (page != NULL, 0);

  if (page->candles)
    return page->candles->n;
  if (page->funding)
    return page->funding->n;
  if (page->open_interest)
    return page->open_interest->n;
  return 0;
}

gint64
ps_page_get_time (const PsPage *page,
                  guint         i)
{
  g_return_val_if_fail (page != NULL, 0);
  g_return_val_if_fail (i < ps_page_get_n_rows (page), 0);

  if (page->candles)
    return page->candles->t_ms[i];
  if (page->funding)
    return page->funding->t_ms[i];
  return page->open_interest->t_ms[i];
}
