/* oa2-test-utils.c: shared helpers for the C tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"

#include <locale.h>

#include "oa2-clock-private.h"

static gint64 frozen_now;

static gint64
frozen_clock (void)
{
  return frozen_now;
}

void
oa2_test_freeze_clock (gint64 now_seconds)
{
  frozen_now = now_seconds;
  _oa2_clock_set_now_func_for_testing (frozen_clock);
}

void
oa2_test_thaw_clock (void)
{
  _oa2_clock_set_now_func_for_testing (NULL);
}

void
oa2_test_init (int    *argc,
               char ***argv)
{
  /* Assertions compare the untranslated messages. */
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
}

void
oa2_test_store_result (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);   /* every async operation completes exactly once */
  *slot = g_object_ref (result);
}

/* Iterates the thread-default context until the operation completed. */
GAsyncResult *
oa2_test_wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

GHashTable *
oa2_test_params (const char *first_name,
                 ...)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  va_list args;
  const char *name;

  va_start (args, first_name);
  for (name = first_name; name != NULL; name = va_arg (args, const char *))
    g_hash_table_insert (params, g_strdup (name), g_strdup (va_arg (args, const char *)));
  va_end (args);
  return params;
}
