/* test-selection.c: the one shared selection, each transition between its kinds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ps-selection.h"
#include "ps-test-util.h"

#define H ((gint64) 3600 * 1000)

/* The names of the properties notified since the last take, sorted into a
 * string ("element from-ms kind to-ms"). */
typedef struct
{
  GPtrArray *names;
  guint      n_kind;
} Notes;

static void
notify_cb (PsSelection *selection,
           GParamSpec  *pspec,
           Notes       *notes)
{
  g_ptr_array_add (notes->names, g_strdup (pspec->name));
  if (g_str_equal (pspec->name, "kind"))
    notes->n_kind++;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
take (Notes *notes)
{
  g_autoptr(GString) s = g_string_new (NULL);

  g_ptr_array_sort (notes->names, compare_names);
  for (guint i = 0; i < notes->names->len; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "", (char *) notes->names->pdata[i]);
  g_ptr_array_set_size (notes->names, 0);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
assert_take (Notes      *notes,
             const char *want)
{
  g_autofree char *got = take (notes);

  g_assert_cmpstr (got, ==, want);
}

static void
test_new_destroy (void)
{
  PsSelection *selection = ps_selection_new ();

  g_assert_cmpint (ps_selection_get_kind (selection), ==, PS_SELECTION_NONE);
  g_assert_cmpint (ps_selection_get_element (selection), ==, PS_SELECTION_ELEMENT_NONE);
  g_assert_cmpint (ps_selection_get_from_ms (selection), ==, PS_TIME_NONE);
  g_assert_cmpint (ps_selection_get_cursor_ms (selection), ==, PS_TIME_NONE);
  g_assert_true (isnan (ps_selection_get_price_low (selection)));
  g_assert_false (ps_selection_has_period (selection));
  g_assert_finalize_object (selection);
}

static void
test_transitions (void)
{
  g_autoptr(PsSelection) s = ps_selection_new ();
  Notes notes = { g_ptr_array_new_with_free_func (g_free), 0 };
  PsSelectionKind kind;

  g_signal_connect (s, "notify", G_CALLBACK (notify_cb), &notes);

  /* none → period */
  ps_selection_select_period (s, PS_SELECTION_ELEMENT_CANDLE, 10 * H, 11 * H);
  assert_take (&notes, "element from-ms kind to-ms");
  g_assert_cmpint (ps_selection_get_kind (s), ==, PS_SELECTION_PERIOD);
  g_assert_cmpint (ps_selection_get_element (s), ==, PS_SELECTION_ELEMENT_CANDLE);
  g_assert_cmpint (ps_selection_get_from_ms (s), ==, 10 * H);
  g_assert_cmpint (ps_selection_get_to_ms (s), ==, 11 * H);
  g_assert_true (ps_selection_has_period (s));

  /* The same again: nothing notified (every pane would redraw). */
  ps_selection_select_period (s, PS_SELECTION_ELEMENT_CANDLE, 10 * H, 11 * H);
  assert_take (&notes, "");

  /* period → another element's period: the kind stays. */
  ps_selection_select_period (s, PS_SELECTION_ELEMENT_FUNDING, 8 * H, 16 * H);
  assert_take (&notes, "element from-ms to-ms");
  g_assert_cmpint (ps_selection_get_element (s), ==, PS_SELECTION_ELEMENT_FUNDING);

  /* period → range, given right to left */
  ps_selection_select_range (s, 20 * H, 12 * H);
  assert_take (&notes, "element from-ms kind to-ms");
  g_assert_cmpint (ps_selection_get_kind (s), ==, PS_SELECTION_RANGE);
  g_assert_cmpint (ps_selection_get_element (s), ==, PS_SELECTION_ELEMENT_NONE);
  g_assert_cmpint (ps_selection_get_from_ms (s), ==, 12 * H);
  g_assert_cmpint (ps_selection_get_to_ms (s), ==, 20 * H);
  g_assert_true (ps_selection_has_period (s));

  /* range → price band: the times go, the prices come. */
  ps_selection_select_price_band (s, PS_SELECTION_ELEMENT_HOT_ZONE, 90000, 90500);
  assert_take (&notes, "element from-ms kind price-high price-low to-ms");
  g_assert_cmpint (ps_selection_get_kind (s), ==, PS_SELECTION_PRICE_BAND);
  g_assert_cmpint (ps_selection_get_from_ms (s), ==, PS_TIME_NONE);
  g_assert_cmpfloat (ps_selection_get_price_low (s), ==, 90000);
  g_assert_cmpfloat (ps_selection_get_price_high (s), ==, 90500);
  g_assert_false (ps_selection_has_period (s));

  /* price band → period: the prices go. */
  ps_selection_select_period (s, PS_SELECTION_ELEMENT_OPEN_INTEREST, 5 * H, 6 * H);
  assert_take (&notes, "element from-ms kind price-high price-low to-ms");
  g_assert_true (isnan (ps_selection_get_price_low (s)));

  /* period → none; none → none notifies nothing. */
  ps_selection_clear (s);
  assert_take (&notes, "element from-ms kind to-ms");
  g_assert_cmpint (ps_selection_get_kind (s), ==, PS_SELECTION_NONE);
  ps_selection_clear (s);
  assert_take (&notes, "");

  /* none → range → none; none → band → none */
  ps_selection_select_range (s, 1 * H, 2 * H);
  ps_selection_clear (s);
  ps_selection_select_price_band (s, PS_SELECTION_ELEMENT_HEATMAP, 1, 2);
  ps_selection_clear (s);
  g_assert_cmpuint (notes.n_kind, ==, 9);
  assert_take (&notes, "element element from-ms from-ms kind kind kind kind "
                       "price-high price-high price-low price-low to-ms to-ms");

  /* The cursor is apart from the selection. */
  ps_selection_select_range (s, 1 * H, 2 * H);
  g_free (take (&notes));
  ps_selection_set_cursor_ms (s, 3 * H);
  assert_take (&notes, "cursor-ms");
  g_object_get (s, "kind", &kind, NULL);
  g_assert_cmpint (kind, ==, PS_SELECTION_RANGE);

  g_signal_handlers_disconnect_by_data (s, &notes);
  g_ptr_array_unref (notes.names);
}

static void
test_empty_clears (void)
{
  g_autoptr(PsSelection) s = ps_selection_new ();

  ps_selection_select_period (s, PS_SELECTION_ELEMENT_CANDLE, 10 * H, 11 * H);
  ps_selection_select_period (s, PS_SELECTION_ELEMENT_CANDLE, 11 * H, 11 * H);
  g_assert_cmpint (ps_selection_get_kind (s), ==, PS_SELECTION_NONE);

  ps_selection_select_range (s, 4 * H, 4 * H);
  g_assert_cmpint (ps_selection_get_kind (s), ==, PS_SELECTION_NONE);
  ps_selection_select_range (s, PS_TIME_NONE, 4 * H);
  g_assert_cmpint (ps_selection_get_kind (s), ==, PS_SELECTION_NONE);

  ps_selection_select_price_band (s, PS_SELECTION_ELEMENT_HEATMAP, 5, 5);
  g_assert_cmpint (ps_selection_get_kind (s), ==, PS_SELECTION_NONE);
  ps_selection_select_price_band (s, PS_SELECTION_ELEMENT_HEATMAP, NAN, 5);
  g_assert_cmpint (ps_selection_get_kind (s), ==, PS_SELECTION_NONE);
  ps_selection_select_price_band (s, PS_SELECTION_ELEMENT_HEATMAP, 6, 5);
  g_assert_cmpint (ps_selection_get_kind (s), ==, PS_SELECTION_NONE);
}

/* A click on the selected element clears; on another element, selects it. */
static void
test_toggle (void)
{
  g_autoptr(PsSelection) s = ps_selection_new ();

  g_assert_true (ps_selection_toggle_period (s, PS_SELECTION_ELEMENT_FUNDING, 0, 8 * H));
  /* A candle of as long is another element: selected, not cleared. */
  g_assert_true (ps_selection_toggle_period (s, PS_SELECTION_ELEMENT_CANDLE, 0, 8 * H));
  g_assert_cmpint (ps_selection_get_element (s), ==, PS_SELECTION_ELEMENT_CANDLE);
  g_assert_false (ps_selection_toggle_period (s, PS_SELECTION_ELEMENT_CANDLE, 0, 8 * H));
  g_assert_cmpint (ps_selection_get_kind (s), ==, PS_SELECTION_NONE);

  g_assert_true (ps_selection_toggle_price_band (s, PS_SELECTION_ELEMENT_HOT_ZONE, 10, 20));
  g_assert_true (ps_selection_toggle_price_band (s, PS_SELECTION_ELEMENT_HOT_ZONE, 10, 21));
  g_assert_false (ps_selection_toggle_price_band (s, PS_SELECTION_ELEMENT_HOT_ZONE, 10, 21));
  g_assert_cmpint (ps_selection_get_kind (s), ==, PS_SELECTION_NONE);

  /* A range is no element: a click on a period inside it selects that. */
  ps_selection_select_range (s, 0, 8 * H);
  g_assert_true (ps_selection_toggle_period (s, PS_SELECTION_ELEMENT_CANDLE, 0, 8 * H));
  g_assert_cmpint (ps_selection_get_kind (s), ==, PS_SELECTION_PERIOD);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);

  g_test_add_func ("/perpscope/model/selection/new-destroy", test_new_destroy);
  g_test_add_func ("/perpscope/model/selection/transitions", test_transitions);
  g_test_add_func ("/perpscope/model/selection/empty-clears", test_empty_clears);
  g_test_add_func ("/perpscope/model/selection/toggle", test_toggle);

  return g_test_run ();
}
