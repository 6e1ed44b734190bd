/* ps-test-mirror.c: another venue that answers with a real provider's pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-test-mirror.h"

#define PS_TEST_TYPE_MIRROR (ps_test_mirror_get_type ())
G_DECLARE_FINAL_TYPE (PsTestMirror, ps_test_mirror, PS_TEST, MIRROR, GObject)

struct _PsTestMirror
{
  GObject     parent_instance;
  PsProvider *inner;
  char       *symbol;
  double      oi_share;
};

static void ps_test_mirror_iface_init (PsProviderInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PsTestMirror, ps_test_mirror, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PS_TYPE_PROVIDER, ps_test_mirror_iface_init))

#define INNER(p) (((PsTestMirror *) (p))->inner)

static const char *
ps_test_mirror_get_venue (PsProvider *p)
{
  return "mirror";
}

static const char *
ps_test_mirror_get_display_name (PsProvider *p)
{
  return "Mirror";
}

static guint
ps_test_mirror_get_page_limit (PsProvider   *p,
                               PsSeriesKind  kind)
{
  return ps_provider_get_page_limit (INNER (p), kind);
}

static gint64
ps_test_mirror_get_history_horizon (PsProvider   *p,
                                    PsSeriesKind  kind)
{
  return ps_provider_get_history_horizon (INNER (p), kind);
}

static PsInterval
ps_test_mirror_get_storage_interval (PsProvider   *p,
                                     PsSeriesKind  kind,
                                     PsInterval    interval)
{
  return ps_provider_get_storage_interval (INNER (p), kind, interval);
}

/* The mirror's own task: PsSync finishes a page with the task's source. */
static void
ps_test_mirror_page_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PsTestMirror *self = g_task_get_source_object (task);
  GError *error = NULL;
  PsPage *page = ps_provider_fetch_page_finish (PS_PROVIDER (object), result, &error);

  if (page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (page->open_interest != NULL)
    for (guint i = 0; i < page->open_interest->n; i++)
      page->open_interest->usd[i] *= self->oi_share;
  g_task_return_pointer (task, page, (GDestroyNotify) ps_page_free);
}

static void
ps_test_mirror_fetch_page_async (PsProvider          *p,
                                 const PsPageRequest *request,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  PsTestMirror *self = (PsTestMirror *) p;
  PsPageRequest inner = *request;

  if (self->symbol != NULL)
    inner.symbol = self->symbol;
  ps_provider_fetch_page_async (self->inner, &inner, cancellable, ps_test_mirror_page_cb,
                                g_task_new (p, cancellable, callback, user_data));
}

static PsPage *
ps_test_mirror_fetch_page_finish (PsProvider    *p,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
ps_test_mirror_get_server_time_async (PsProvider          *p,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  ps_provider_get_server_time_async (INNER (p), cancellable, callback, user_data);
}

static gint64
ps_test_mirror_get_server_time_finish (PsProvider    *p,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return ps_provider_get_server_time_finish (INNER (p), result, error);
}

static void
ps_test_mirror_iface_init (PsProviderInterface *iface)
{
  iface->get_venue = ps_test_mirror_get_venue;
  iface->get_display_name = ps_test_mirror_get_display_name;
  iface->get_page_limit = ps_test_mirror_get_page_limit;
  iface->get_history_horizon = ps_test_mirror_get_history_horizon;
  iface->get_storage_interval = ps_test_mirror_get_storage_interval;
  iface->fetch_page_async = ps_test_mirror_fetch_page_async;
  iface->fetch_page_finish = ps_test_mirror_fetch_page_finish;
  iface->get_server_time_async = ps_test_mirror_get_server_time_async;
  iface->get_server_time_finish = ps_test_mirror_get_server_time_finish;
}

static void
ps_test_mirror_finalize (GObject *object)
{
  PsTestMirror *self = PS_TEST_MIRROR (object);

  g_clear_object (&self->inner);
  g_free (self->symbol);
  G_OBJECT_CLASS (ps_test_mirror_parent_class)->finalize (object);
}

static void
ps_test_mirror_class_init (PsTestMirrorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ps_test_mirror_finalize;
}

static void
ps_test_mirror_init (PsTestMirror *self)
{
  self->oi_share = 1;
}

PsProvider *
ps_test_mirror_new (PsProvider *inner,
                    const char *symbol,
                    double      oi_share)
{
  PsTestMirror *self = g_object_new (PS_TEST_TYPE_MIRROR, NULL);

  self->inner = g_object_ref (inner);
  self->symbol = g_strdup (symbol);
  self->oi_share = oi_share;
  return PS_PROVIDER (self);
}
