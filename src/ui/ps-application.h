/* ps-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ps-cache-limit.h"
#include "ps-core.h"

G_BEGIN_DECLS

#define PS_TYPE_APPLICATION (ps_application_get_type ())
G_DECLARE_FINAL_TYPE (PsApplication, ps_application, PS, APPLICATION, AdwApplication)

PsApplication *ps_application_new             (void);
/* The app's shared services (made at startup): windows receive it. */
PsCore        *ps_application_get_core        (PsApplication *self);
GSettings     *ps_application_get_settings    (PsApplication *self);
/* What keeps the cache under its size limit (the preferences show its size). */
PsCacheLimit  *ps_application_get_cache_limit (PsApplication *self);

G_END_DECLS
