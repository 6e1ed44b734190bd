/* ps-http-private.h: PsHttp's internals shared between its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Seconds to wait from Retry-After (seconds or an HTTP date), else from a
 * Binance ban message in the body; FALSE when the answer says nothing. */
gboolean _ps_http_parse_retry_after (SoupMessage *message,
                                     GByteArray  *body,
                                     guint       *seconds);
/* Valid UTF-8 whose first non-blank character can open a JSON value. */
gboolean _ps_http_looks_like_json   (GByteArray  *body);

/* "850 ms", "45 s", "2 min 40 s", "1 h 5 min": what an error says was waited. */
char    *_ps_http_format_duration   (gint64       ms);

G_END_DECLS
