/* ps-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ps-cache.h"
#include "ps-http.h"

G_BEGIN_DECLS

#define PS_TYPE_APPLICATION (ps_application_get_type ())
G_DECLARE_FINAL_TYPE (PsApplication, ps_application, PS, APPLICATION, AdwApplication)

PsApplication *ps_application_new             (void);
/* The one HTTP client and the one cache of the app. */
PsHttp        *ps_application_get_http        (PsApplication *self);
PsCache       *ps_application_get_cache       (PsApplication *self);
GSettings     *ps_application_get_settings    (PsApplication *self);
/* What went wrong opening the cache, in words, once; NULL when nothing did. */
char          *ps_application_take_cache_notice (PsApplication *self);

G_END_DECLS
