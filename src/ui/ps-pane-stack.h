/* ps-pane-stack.h: chart panes one under the other, their borders draggable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PS_TYPE_PANE_STACK (ps_pane_stack_get_type ())
G_DECLARE_FINAL_TYPE (PsPaneStack, ps_pane_stack, PS, PANE_STACK, GtkWidget)

GtkWidget *ps_pane_stack_new              (void);
/* Adds child under the panes added before it, known by id; share is its
 * default part of the height, min_height the least it is given. */
void       ps_pane_stack_add_pane         (PsPaneStack *self,
                                           const char  *id,
                                           GtkWidget   *child,
                                           double       share,
                                           int          min_height);
/* The strip under all the panes (the time labels): never resized or hidden. */
void       ps_pane_stack_set_footer       (PsPaneStack *self,
                                           GtkWidget   *footer);
GtkWidget *ps_pane_stack_get_pane         (PsPaneStack *self,
                                           const char  *id);

/* A hidden pane's room goes to the others, in proportion to their sizes;
 * shown again it takes back the part it had. */
void       ps_pane_stack_set_pane_visible (PsPaneStack *self,
                                           const char  *id,
                                           gboolean     visible);
gboolean   ps_pane_stack_get_pane_visible (PsPaneStack *self,
                                           const char  *id);

/* The panes' sizes as parts of the room (a{sd}: id → fraction, hidden
 * panes' too, summing to 1): independent of the window's size. */
GVariant  *ps_pane_stack_get_sizes        (PsPaneStack *self);
/* Sizes from ps_pane_stack_get_sizes(); ids it does not name keep theirs,
 * unknown ids and sizes not > 0 are ignored. */
void       ps_pane_stack_set_sizes        (PsPaneStack *self,
                                           GVariant    *sizes);
void       ps_pane_stack_reset_sizes      (PsPaneStack *self);

/* The border under the i-th shown pane, or NULL (for tests). */
GtkWidget *ps_pane_stack_get_handle       (PsPaneStack *self,
                                           guint        i);

G_END_DECLS
