/* test-pane-stack.c: PsPaneStack's layout, sizes and hidden panes
 *
 * The stack allocated by hand, without a window: the proportions, the
 * minimums, a hidden pane's room, the sizes' round trip.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "ps-pane-stack.h"
#include "ps-test-util.h"

#define FOOTER_H 30

static PsPaneStack *
new_stack (void)
{
  PsPaneStack *stack = g_object_ref_sink (PS_PANE_STACK (ps_pane_stack_new ()));
  GtkWidget *footer = gtk_drawing_area_new ();

  ps_pane_stack_add_pane (stack, "a", gtk_drawing_area_new (), 0.5, 50);
  ps_pane_stack_add_pane (stack, "b", gtk_drawing_area_new (), 0.25, 50);
  ps_pane_stack_add_pane (stack, "c", gtk_drawing_area_new (), 0.25, 50);
  gtk_widget_set_size_request (footer, -1, FOOTER_H);
  ps_pane_stack_set_footer (stack, footer);
  return stack;
}

static void
allocate (PsPaneStack *stack,
          int          height)
{
  gtk_widget_size_allocate (GTK_WIDGET (stack), &(GtkAllocation) { 0, 0, 600, height }, -1);
}

static int
height_of (PsPaneStack *stack,
           const char  *id)
{
  GtkWidget *pane = ps_pane_stack_get_pane (stack, id);

  return gtk_widget_get_visible (pane) ? gtk_widget_get_height (pane) : 0;
}

/* The panes fill the room above the footer, one under the other, a 1 px
 * border between two, by share. */
static void
test_layout (void)
{
  PsPaneStack *stack = new_stack ();
  graphene_rect_t a, b, c;
  int min;

  gtk_widget_measure (GTK_WIDGET (stack), GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, ==, 3 * 50 + 2 + FOOTER_H);

  /* 400 px of panes. */
  allocate (stack, 400 + 2 + FOOTER_H);
  g_assert_cmpint (height_of (stack, "a"), ==, 200);
  g_assert_cmpint (height_of (stack, "b"), ==, 100);
  g_assert_cmpint (height_of (stack, "c"), ==, 100);
  g_assert_true (gtk_widget_compute_bounds (ps_pane_stack_get_pane (stack, "a"), GTK_WIDGET (stack), &a));
  g_assert_true (gtk_widget_compute_bounds (ps_pane_stack_get_pane (stack, "b"), GTK_WIDGET (stack), &b));
  g_assert_true (gtk_widget_compute_bounds (ps_pane_stack_get_pane (stack, "c"), GTK_WIDGET (stack), &c));
  g_assert_cmpfloat (a.origin.y, ==, 0);
  g_assert_cmpfloat (b.origin.y, ==, 201);
  g_assert_cmpfloat (c.origin.y, ==, 302);
  g_assert_nonnull (ps_pane_stack_get_handle (stack, 0));
  g_assert_nonnull (ps_pane_stack_get_handle (stack, 1));
  g_assert_null (ps_pane_stack_get_handle (stack, 2));

  /* Short: b and c at their minimums, a the rest. */
  allocate (stack, 180 + 2 + FOOTER_H);
  g_assert_cmpint (height_of (stack, "b"), ==, 50);
  g_assert_cmpint (height_of (stack, "c"), ==, 50);
  g_assert_cmpint (height_of (stack, "a"), ==, 80);

  g_assert_null (ps_pane_stack_get_pane (stack, "nonsense"));
  g_assert_finalize_object (stack);
}

/* A hidden pane's room goes to the others by their shares, and a border
 * with it; shown again, it has its part back. The last pane stays. */
static void
test_hide (void)
{
  PsPaneStack *stack = new_stack ();

  ps_pane_stack_set_pane_visible (stack, "b", FALSE);
  g_assert_false (ps_pane_stack_get_pane_visible (stack, "b"));
  allocate (stack, 300 + 1 + FOOTER_H);
  g_assert_cmpint (height_of (stack, "a"), ==, 200);
  g_assert_cmpint (height_of (stack, "c"), ==, 100);
  g_assert_null (ps_pane_stack_get_handle (stack, 1));

  ps_pane_stack_set_pane_visible (stack, "b", TRUE);
  allocate (stack, 400 + 2 + FOOTER_H);
  g_assert_cmpint (height_of (stack, "b"), ==, 100);

  ps_pane_stack_set_pane_visible (stack, "a", FALSE);
  ps_pane_stack_set_pane_visible (stack, "b", FALSE);
  ps_pane_stack_set_pane_visible (stack, "c", FALSE);
  g_assert_true (ps_pane_stack_get_pane_visible (stack, "c"));
  g_assert_finalize_object (stack);
}

/* Sizes as parts of the room: given back as set, summing to 1; unknown
 * ids and nonsense ignored; reset to the shares. */
static void
test_sizes (void)
{
  PsPaneStack *stack = new_stack ();
  g_autoptr(GVariant) sizes = NULL;
  double a = 0, b = 0, c = 0;

  ps_pane_stack_set_sizes (stack, g_variant_new_parsed ("{'a': 0.2, 'b': 0.6, 'c': 0.2, "
                                                        "'nonsense': 3.0}"));
  ps_pane_stack_set_sizes (stack, g_variant_new_parsed ("{'c': -1.0, 'a': 0.0}"));
  sizes = g_variant_ref_sink (ps_pane_stack_get_sizes (stack));
  g_assert_true (g_variant_lookup (sizes, "a", "d", &a));
  g_assert_true (g_variant_lookup (sizes, "b", "d", &b));
  g_assert_true (g_variant_lookup (sizes, "c", "d", &c));
  g_assert_false (g_variant_lookup (sizes, "nonsense", "d", NULL));
  g_assert_cmpfloat_with_epsilon (a, 0.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (b, 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (c, 0.2, 1e-9);
  allocate (stack, 400 + 2 + FOOTER_H);
  g_assert_cmpint (height_of (stack, "a"), ==, 80);
  g_assert_cmpint (height_of (stack, "b"), ==, 240);

  ps_pane_stack_reset_sizes (stack);
  allocate (stack, 400 + 2 + FOOTER_H);
  g_assert_cmpint (height_of (stack, "a"), ==, 200);
  g_assert_finalize_object (stack);
}

int
main (int   argc,
      char *argv[])
{
  ps_test_init (&argc, &argv);
  gtk_init ();

  g_test_add_func ("/perpscope/ui/pane-stack/layout", test_layout);
  g_test_add_func ("/perpscope/ui/pane-stack/hide", test_hide);
  g_test_add_func ("/perpscope/ui/pane-stack/sizes", test_sizes);

  return g_test_run ();
}
