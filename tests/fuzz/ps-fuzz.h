/* ps-fuzz.h: what every parser harness checks of one input
 *
 * libFuzzer calls LLVMFuzzerTestOneInput () with arbitrary bytes; each
 * harness runs all its venue's parsers on them. A parser must answer rows,
 * or FALSE with an error in a known domain whose message is valid UTF-8 (it
 * reaches the banner as is). Anything else aborts, and libFuzzer keeps the
 * input that did it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdlib.h>

#include "ps-net-error.h"

/* abort (), not g_error ()'s trap: libFuzzer saves the input on SIGABRT. */
#define ps_fuzz_fail(...)                                                       \
  G_STMT_START {                                                                \
    g_printerr (__VA_ARGS__);                                                   \
    g_printerr ("\n");                                                          \
    abort ();                                                                   \
  } G_STMT_END

typedef gboolean (*PsFuzzParse) (const char *data, gsize length, GError **error);

typedef struct
{
  const char  *name;
  PsFuzzParse  parse;
} PsFuzzParser;

/* A parser that returns an object (rows), freed with free_func. */
#define PS_FUZZ_WRAP(name, type, call)                                          \
  static gboolean                                                               \
  name (const char *data, gsize length, GError **error)                         \
  {                                                                             \
    g_autoptr(type) rows = call (data, length, error);                          \
    return rows != NULL;                                                        \
  }

static inline void
ps_fuzz_check (const PsFuzzParser *parsers,
               gsize               n_parsers,
               const guint8       *data,
               size_t              size)
{
  /* The parsers take (data, length), not a C string: no NUL is added, so
   * a read past the end is ASan's to catch. */
  for (gsize p = 0; p < n_parsers; p++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = parsers[p].parse ((const char *) data, size, &error);

      if (ok && error != NULL)
        ps_fuzz_fail ("%s: a result and an error", parsers[p].name);
      if (ok)
        continue;
      if (error == NULL)
        ps_fuzz_fail ("%s: failed without an error", parsers[p].name);
      if (error->domain != PS_PARSE_ERROR && error->domain != PS_NET_ERROR)
        ps_fuzz_fail ("%s: an error of another domain: %s", parsers[p].name, error->message);
      if (!g_utf8_validate (error->message, -1, NULL))
        {
          g_autofree char *escaped = g_strescape (error->message, NULL);

          ps_fuzz_fail ("%s: the message is not UTF-8: %s", parsers[p].name, escaped);
        }
    }
}

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

/* Once: criticals and warnings abort, as in the tests, so that libFuzzer
 * sees them. */
#define PS_FUZZ_MAIN(parsers)                                                   \
  int                                                                           \
  LLVMFuzzerTestOneInput (const guint8 *data,                                   \
                          size_t        size)                                   \
  {                                                                             \
    static gboolean initialized;                                                \
                                                                                \
    if (!initialized)                                                           \
      {                                                                         \
        g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);    \
        initialized = TRUE;                                                     \
      }                                                                         \
    ps_fuzz_check (parsers, G_N_ELEMENTS (parsers), data, size);                \
    return 0;                                                                   \
  }
