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

static GString *trace;

static GLogWriterOutput
trace_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  const char *domain = NULL, *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }
  if (trace != NULL && g_strcmp0 (domain, "OA2") == 0 && message != NULL)
    g_string_append_printf (trace, "%s\n", message);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

void
oa2_test_trace_install (void)
{
  g_log_set_writer_func (trace_writer, NULL, NULL);
}

/* Starts an empty capture, dropping what an earlier one kept. */
void
oa2_test_trace_begin (void)
{
  if (trace == NULL)
    trace = g_string_new (NULL);
  else
    g_string_truncate (trace, 0);
}

const char *
oa2_test_trace_text (void)
{
  g_assert_nonnull (trace);
  return trace->str;
}

void
oa2_test_trace_end (void)
{
  if (trace != NULL)
    g_string_free (g_steal_pointer (&trace), TRUE);
}
