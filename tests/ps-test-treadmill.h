/* ps-test-treadmill.h: reading a PsTreadmill's answer, for test-treadmill
 * (synthetic series) and test-treadmill-real (the late-2025 data)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "ps-treadmill.h"

/* Whether one of the notes says text. */
static inline gboolean
notes_have (PsTreadmill *tm,
            const char  *text)
{
  for (const char * const *note = ps_treadmill_get_notes (tm); *note; note++)
    if (strstr (*note, text) != NULL)
      return TRUE;
  return FALSE;
}

/* How many candles are in phase. */
static inline guint
count_phase (PsTreadmill *tm,
             PsPhase      phase)
{
  const guint8 *phases = ps_treadmill_get_phases (tm);
  guint count = 0;

  for (guint i = 0; i < ps_treadmill_get_n_candles (tm); i++)
    count += phases[i] == phase;
  return count;
}
