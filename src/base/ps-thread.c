/* ps-thread.c: what the app's threads ask of the system scheduler
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* SCHED_OTHER, syscall () */
#define _GNU_SOURCE

#include "config.h"

#include <gio/gio.h>

#include "ps-thread.h"

#ifdef __linux__
#include <errno.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

/* Long enough for a main-loop dispatch, short beside the default slice of a
 * few ms: the kernel clamps it to 0.1–100 ms. */
#define PS_THREAD_LATENCY_SLICE_NS (100 * 1000)

/* sched_setattr (2)'s first version of struct sched_attr (48 bytes): glibc
 * declares neither before 2.41. */
typedef struct
{
  guint32 size;
  guint32 sched_policy;
  guint64 sched_flags;
  gint32  sched_nice;
  guint32 sched_priority;
  guint64 sched_runtime;
  guint64 sched_deadline;
  guint64 sched_period;
} PsSchedAttr;

#define PS_SCHED_FLAG_RESET_ON_FORK 0x01

gboolean
ps_thread_prefer_latency (void)
{
#if defined (__linux__) && defined (SYS_sched_setattr) && defined (SYS_gettid)
  PsSchedAttr attr = { sizeof attr, SCHED_OTHER };
  int nice;

  /* GLib's shared thread pools take the scheduler settings of the thread
   * that makes the first one, for all their threads: GTask's is made now,
   * with the defaults, so that its workers do not get this slice. */
  g_type_ensure (G_TYPE_TASK);

  /* A policy the user chose (chrt) is left alone. */
  if (sched_getscheduler (0) != SCHED_OTHER)
    return FALSE;

  /* sched_setattr () sets the nice value too: keep the thread's own. */
  errno = 0;
  nice = getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
  if (nice == -1 && errno != 0)
    return FALSE;

  attr.sched_nice = nice;
  /* For a normal thread, the runtime is its slice (ignored before 6.12).
   * Reset on fork: the threads it starts (workers) keep the default. */
  attr.sched_runtime = PS_THREAD_LATENCY_SLICE_NS;
  attr.sched_flags = PS_SCHED_FLAG_RESET_ON_FORK;
  return syscall (SYS_sched_setattr, 0, &attr, 0) == 0;
#else
  return FALSE;
#endif
}
