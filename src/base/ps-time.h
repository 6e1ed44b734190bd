/* ps-time.h: parsing and formatting of UTC times given by users
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "YYYY-MM-DD" (midnight UTC) or ISO 8601 with a zone ("2025-10-01T12:00:00Z",
 * "…+02:00"); a date-time without a zone is read as UTC. */
gboolean  ps_time_parse         (const char  *text,
                                 gint64      *t_ms);
/* "2025-10-01 12:00" in UTC, or "2025-10-01" when the time is midnight. */
char     *ps_time_format_utc    (gint64       t_ms);
/* "2025-10-01 00:00" in UTC: always to the minute. */
char     *ps_time_format_utc_minutes (gint64  t_ms);
/* "2025-10-01 12:00 UTC", or in the local zone with its abbreviation
 * ("2025-10-01 14:00 CEST") when utc is FALSE: what the user reads. */
char     *ps_time_format        (gint64       t_ms,
                                 gboolean     utc);
gint64    ps_time_now_ms        (void);

G_END_DECLS
