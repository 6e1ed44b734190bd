/* ps-cli.h: the headless subcommands (no display, no GTK initialisation)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ps-aggregate-market.h"
#include "ps-core.h"
#include "ps-market.h"

G_BEGIN_DECLS

typedef enum
{
  PS_CLI_OK = 0,
  PS_CLI_FAILED = 1,     /* the work failed: network, venue, cache, file */
  PS_CLI_USAGE = 2,      /* the command line was wrong */
} PsCliStatus;

/* The options fetch and export share. */
typedef struct
{
  char       *venue;
  char       *symbol;
  char       *interval_text;
  char       *from_text;
  char       *to_text;
  char       *cache_path;
  char       *recordings_path;   /* a command's own --recordings (NULL: the default) */
  PsInterval  interval;
  gint64      from_ms;
  gint64      to_ms;
} PsCliMarket;

/* Everything a subcommand works with, opened from PsCliMarket: the same core
 * and market objects as the window's, so that the two never disagree. */
typedef struct
{
  PsCore           *core;
  PsMarket         *market;      /* NULL with --venue all: */
  PsAggregateMarket *aggregate;   /* one asset across venues, or NULL */
  /* What the last ps_cli_load () loaded: what a command analyses and draws. */
  PsMarketSnapshot *snapshot;
} PsCliContext;

int          ps_cli_run               (int            argc,
                                       char         **argv);
gboolean     ps_cli_is_subcommand     (const char    *arg);

/* Shared by the subcommands (ps-cli.c). */
GOptionGroup *ps_cli_market_options   (PsCliMarket   *market);
gboolean     ps_cli_market_validate   (PsCliMarket   *market,
                                       GError       **error);
void         ps_cli_market_clear      (PsCliMarket   *market);
gboolean     ps_cli_context_open      (PsCliContext  *context,
                                       PsCliMarket   *market,
                                       PsCoreFlags    flags,
                                       GError       **error);
void         ps_cli_context_clear     (PsCliContext  *context);
/* Loads the range into the market on a main loop, fetching what is missing
 * (unless cached_only), printing progress on a terminal. */
gboolean     ps_cli_load              (PsCliContext  *context,
                                       PsCliMarket   *market,
                                       gboolean       cached_only,
                                       GError       **error);
/* --offline: FALSE, in words, unless the candles of the whole range are
 * cached already (the candle open now excepted). */
gboolean     ps_cli_check_cached      (PsCliContext  *context,
                                       PsCliMarket   *market,
                                       GError       **error);
int          ps_cli_fail              (const GError  *error);
int          ps_cli_usage_error       (const char    *command,
                                       const char    *message);

int          ps_cli_fetch             (int            argc,
                                       char         **argv);
int          ps_cli_export            (int            argc,
                                       char         **argv);
int          ps_cli_import            (int            argc,
                                       char         **argv);
int          ps_cli_record            (int            argc,
                                       char         **argv);
int          ps_cli_analyze           (int            argc,
                                       char         **argv);

G_END_DECLS
