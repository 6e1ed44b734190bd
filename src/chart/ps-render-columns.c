/* ps-render-columns.c: pixel columns anchored to absolute time, and what the
 * panes computed of each kept from one frame to the next
 *
 * A row's column is floor (t · width / span), counted from the epoch: the
 * same in every view of that span and width, so a pan keeps each column's
 * rows. The panes keep each column's rows and reductions in a ring indexed
 * by the column, with the series' pyramid (ps_*_levels_get_cache ()), and a
 * pan computes only the columns that came into view. A zoom or another
 * width is another key: the ring is emptied.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ps-render-levels.h"

#include <math.h>
#include <string.h>

static gint ps_columns_disabled;

void
_ps_render_columns_set_enabled (gboolean enabled)
{
  g_atomic_int_set (&ps_columns_disabled, !enabled);
}

gint64
_ps_render_column_origin (PsTimeAxis *axis,
                          double      width)
{
  gint64 from_ms = ps_time_axis_get_from_ms (axis), to_ms = ps_time_axis_get_to_ms (axis);

  return _ps_render_column_abs (from_ms, width, (double) (to_ms - from_ms));
}

PsColumnCache *
_ps_column_cache_take (gpointer     *slot,
                       const gint64  key[PS_COLUMN_KEY_SIZE],
                       guint         n_columns,
                       gsize         entry_size)
{
  PsColumnCache *cache;
  guint size = 64;

  if (slot == NULL || g_atomic_int_get (&ps_columns_disabled))
    return NULL;

  /* Taken out while in use: another thread drawing the same series at the
   * same time finds none and makes its own (the last one put back stays). */
  cache = g_atomic_pointer_exchange (slot, NULL);
  while (size < 2 * n_columns && size < (1u << 20))
    size *= 2;
  entry_size = (entry_size + 7) & ~(gsize) 7;
  if (cache != NULL && cache->size >= size && cache->entry_size == entry_size &&
      memcmp (cache->key, key, sizeof cache->key) == 0)
    return cache;

  g_free (cache);
  cache = g_malloc (sizeof *cache + (gsize) size * entry_size);
  memcpy (cache->key, key, sizeof cache->key);
  cache->size = size;
  cache->entry_size = entry_size;
  for (guint k = 0; k < size; k++)
    ((PsColumnHead *) (gpointer) (cache->entries + (gsize) k * entry_size))->col = G_MININT64;
  return cache;
}

void
_ps_column_cache_put (gpointer      *slot,
                      PsColumnCache *cache)
{
  if (cache == NULL)
    return;
  if (!g_atomic_pointer_compare_and_exchange (slot, NULL, cache))
    g_free (cache);
}
