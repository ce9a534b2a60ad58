/* oa2-browser.c: sending the user's browser to an address
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-browser-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"

static void
on_launched (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, NULL, NULL);
}

/* OA2_BROWSER: words split as a shell would (quotes, backslashes), but
 * run without one, with the address appended as the last argument, so
 * that nothing in the address is ever interpreted. */
static GSubprocess *
spawn_browser_command (const char  *command,
                       const char  *uri,
                       GError     **error)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_shell_parse_argv (command, NULL, &words, &local_error))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is the name of an environment variable, %s an error message */
                   _("%s is not a command: %s"), OA2_BROWSER_ENV, local_error->message);
      return NULL;
    }
  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) words);
  g_strv_builder_add (builder, uri);
  argv = g_strv_builder_end (builder);

  /* Standard output stays clean for the application (oa2 prints tokens
   * there); error output is the user's to see. */
  return g_subprocess_newv ((const char * const *) argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, error);
}

/* Opens @uri in OA2_BROWSER when set, else in the desktop's default
 * browser through GIO (the OpenURI portal inside Flatpak). Finishes with
 * the browser command's process for OA2_BROWSER (which the caller may
 * watch), none otherwise. */
void
oa2_browser_open_async (const char          *uri,
                        GAppLaunchContext   *launch_context,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  const char *command = g_getenv (OA2_BROWSER_ENV);

  g_task_set_source_tag (task, oa2_browser_open_async);
  g_task_set_name (task, "[oauth2client-glib] open browser");

  if (command != NULL && *command != '\0')
    {
      GError *error = NULL;
      GSubprocess *process = spawn_browser_command (command, uri, &error);

      if (process == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, process, g_object_unref);
      return;
    }

  g_app_info_launch_default_for_uri_async (uri, launch_context, cancellable, on_launched,
                                           g_steal_pointer (&task));
}

gboolean
oa2_browser_open_finish (GAsyncResult  *result,
                         GSubprocess  **out_process,
                         GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GSubprocess *process;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_browser_open_async, FALSE);

  process = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (out_process != NULL)
    *out_process = process;
  else
    g_clear_object (&process);
  return TRUE;
}
