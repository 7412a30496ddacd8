/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * store_result_cb() keeps a call's result in a slot; wait_for() runs the main context until
 * it is there and lends it (the slot keeps it). A callback only runs inside wait_for(), so
 * the slot can be emptied there and reused call after call.
 */
static inline void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static inline GAsyncResult *
wait_for (GAsyncResult **slot)
{
  g_clear_object (slot);
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* A fresh folder for one test's files. */
static inline char *
make_test_dir (void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("feuillet-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline char *
test_data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

G_END_DECLS
