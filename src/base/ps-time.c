/* ps-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ps-time.h"

gboolean
ps_time_parse (const char *text,
               gint64     *t_ms)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  int y, m, d;
  char tail;

  g_return_val_if_fail (t_ms != NULL, FALSE);

  if (text == NULL || *text == '\0')
    return FALSE;

  utc = g_time_zone_new_utc ();

  /* A bare date: midnight UTC. */
  if (strlen (text) == 10 && sscanf (text, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3)
    dt = g_date_time_new (utc, y, m, d, 0, 0, 0);
  else
    dt = g_date_time_new_from_iso8601 (text, utc);

  if (dt == NULL)
    return FALSE;

  *t_ms = g_date_time_to_unix (dt) * 1000 + g_date_time_get_microsecond (dt) / 1000;
  return TRUE;
}

/* Whole seconds floored towards −∞, so times before 1970 stay in their second. */
static GDateTime *
ps_time_to_utc_datetime (gint64 t_ms)
{
  gint64 secs = t_ms / 1000;

  if (t_ms < 0 && t_ms % 1000 != 0)
    secs--;
  return g_date_time_new_from_unix_utc (secs);
}

char *
ps_time_format_utc (gint64 t_ms)
{
  g_autoptr(GDateTime) dt = ps_time_to_utc_datetime (t_ms);

  if (dt == NULL)
    return g_strdup ("?");
  if (g_date_time_get_hour (dt) == 0 && g_date_time_get_minute (dt) == 0)
    return g_date_time_format (dt, "%Y-%m-%d");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

char *
ps_time_format_utc_minutes (gint64 t_ms)
{
  g_autoptr(GDateTime) dt = ps_time_to_utc_datetime (t_ms);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

char *
ps_time_format (gint64   t_ms,
                gboolean utc)
{
  g_autoptr(GDateTime) dt_utc = ps_time_to_utc_datetime (t_ms);
  g_autoptr(GDateTime) dt = NULL;

  if (dt_utc == NULL)
    return g_strdup ("?");
  if (utc)
    return g_date_time_format (dt_utc, "%Y-%m-%d %H:%M UTC");

  dt = g_date_time_to_local (dt_utc);
  return g_date_time_format (dt, "%Y-%m-%d %H:%M %Z");
}

gint64
ps_time_now_ms (void)
{
  return g_get_real_time () / 1000;
}
