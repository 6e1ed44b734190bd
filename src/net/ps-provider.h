/* ps-provider.h: one exchange's public market data, page by page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ps-series.h"

G_BEGIN_DECLS

#define PS_TYPE_PROVIDER (ps_provider_get_type ())
G_DECLARE_INTERFACE (PsProvider, ps_provider, PS, PROVIDER, GObject)

/* One page: rows with from_ms <= t < to_ms, oldest first, at most the page limit
 * of that kind. interval is the storage interval (see get_storage_interval). */
typedef struct
{
  PsSeriesKind  kind;
  const char   *symbol;
  PsInterval    interval;
  gint64        from_ms;
  gint64        to_ms;
} PsPageRequest;

/* A fetched page: exactly one of the series is set, matching kind. */
typedef struct
{
  PsSeriesKind    kind;
  PsCandles      *candles;
  PsFunding      *funding;
  PsOpenInterest *open_interest;
} PsPage;

struct _PsProviderInterface
{
  GTypeInterface parent_iface;

  const char *(*get_venue)             (PsProvider           *self);
  const char *(*get_display_name)      (PsProvider           *self);
  guint       (*get_page_limit)        (PsProvider           *self,
                                        PsSeriesKind          kind);
  gint64      (*get_history_horizon)   (PsProvider           *self,
                                        PsSeriesKind          kind);
  PsInterval  (*get_storage_interval)  (PsProvider           *self,
                                        PsSeriesKind          kind,
                                        PsInterval            interval);
  void        (*fetch_page_async)      (PsProvider           *self,
                                        const PsPageRequest  *request,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
  PsPage     *(*fetch_page_finish)     (PsProvider           *self,
                                        GAsyncResult         *result,
                                        GError              **error);
  void        (*get_server_time_async) (PsProvider           *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
  gint64      (*get_server_time_finish)(PsProvider           *self,
                                        GAsyncResult         *result,
                                        GError              **error);
};

/* "binance": the key in the cache and on the command line. */
const char *ps_provider_get_venue              (PsProvider           *self);
/* "Binance": what the user reads. */
const char *ps_provider_get_display_name       (PsProvider           *self);
/* The most rows one request returns for kind. */
guint       ps_provider_get_page_limit         (PsProvider           *self,
                                                PsSeriesKind          kind);
/* How far back (ms before the server's now) the venue serves kind; 0: no limit.
 * Binance serves open-interest history for 30 days only. */
gint64      ps_provider_get_history_horizon    (PsProvider           *self,
                                                PsSeriesKind          kind);
/* The interval rows of kind are fetched and stored at for a chart of interval:
 * PS_INTERVAL_NONE for funding (settlements), the venue's nearest period for OI. */
PsInterval  ps_provider_get_storage_interval   (PsProvider           *self,
                                                PsSeriesKind          kind,
                                                PsInterval            interval);
void        ps_provider_fetch_page_async       (PsProvider           *self,
                                                const PsPageRequest  *request,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
PsPage     *ps_provider_fetch_page_finish      (PsProvider           *self,
                                                GAsyncResult         *result,
                                                GError              **error);
/* The venue's clock (UTC ms): horizons and "still open" are measured from it. */
void        ps_provider_get_server_time_async  (PsProvider           *self,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
gint64      ps_provider_get_server_time_finish (PsProvider           *self,
                                                GAsyncResult         *result,
                                                GError              **error);

PsPage     *ps_page_new                        (PsSeriesKind          kind);
void        ps_page_free                       (PsPage               *page);
guint       ps_page_get_n_rows                 (const PsPage         *page);
/* Time of row i of whichever series the page holds. */
gint64      ps_page_get_time                   (const PsPage         *page,
                                                guint                 i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsPage, ps_page_free)

G_END_DECLS
