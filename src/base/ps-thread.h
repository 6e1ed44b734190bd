/* ps-thread.h: what the app's threads ask of the system scheduler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For the thread that runs the main loop of a window: a short time slice
 * (Linux 6.12 and later), so that on a busy machine it takes a core back as
 * soon as it wakes instead of waiting out another task's slice. Its share of
 * the CPU is unchanged, and threads it starts later keep the default. FALSE
 * where the system has no such setting (nothing changes then). */
gboolean ps_thread_prefer_latency (void);

G_END_DECLS
