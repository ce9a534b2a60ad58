/* oa2-revoke.c: "oa2 revoke" and "oa2 introspect": a token sent to the
 * revocation (RFC 7009) or introspection (RFC 7662) endpoint, with the
 * client authentication of oa2 token
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <signal.h>

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "oa2-token.h"

/* oa2 revoke and oa2 introspect: the token and its hint, from a stored
 * token (its refresh token for the hint refresh_token) or bare; NULL with
 * *out_status set on a usage error. The result is a secret. */
static char *
endpoint_token_from_options (TokenOptions  *opts,
                             const char    *command,
                             const char   **out_hint,
                             int           *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) stored = NULL;
  gboolean refresh = g_strcmp0 (opts->token_type_hint, "refresh_token") == 0;
  const char *value;
  char *json;

  *out_hint = opts->token_type_hint;
  if (opts->token_file == NULL)
    {
      char *token = tool_read_secret (opts->token_env, opts->bare_token_file, _("the token"), &error);

      if (token == NULL)
        *out_status = tool_usage_error (command, "%s", error->message);
      return token;
    }

  json = tool_read_secret (NULL, opts->token_file, _("the stored token"), &error);
  if (json == NULL)
    {
      *out_status = tool_usage_error (command, "%s", error->message);
      return NULL;
    }
  stored = oa2_bearer_token_new_from_json (json, &error);
  tool_secret_free (json);
  if (stored == NULL)
    {
      /* Translators: the first %s is a file name, the second an error message */
      *out_status = tool_usage_error (command, _("%s does not hold a stored token: %s"), opts->token_file,
                                      error->message);
      return NULL;
    }
  value = refresh ? oa2_bearer_token_get_refresh_token (stored) : oa2_bearer_token_get_access_token (stored);
  if (value == NULL)
    {
      /* Translators: %s is a file name */
      *out_status = tool_usage_error (command, _("The token in %s has no refresh token"), opts->token_file);
      return NULL;
    }
  /* Which token of the file goes is known: say so to the server. */
  if (*out_hint == NULL)
    *out_hint = "access_token";
  return g_strdup (value);
}

typedef struct {
  GMainLoop                *loop;
  GCancellable             *cancellable;
  gboolean                  revoked;
  OA2IntrospectionResponse *info;
  GError                   *error;
} EndpointRun;

static void
on_revoked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  EndpointRun *run = user_data;

  run->revoked = oa2_client_revoke_token_finish (OA2_CLIENT (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
on_introspected (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  EndpointRun *run = user_data;

  run->info = oa2_client_introspect_token_finish (OA2_CLIENT (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
on_endpoint_signal (gpointer user_data)
{
  EndpointRun *run = user_data;

  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_CONTINUE;
}

int
tool_run_endpoint_command (const Grant  *grant,
                           OA2Client    *client,
                           TokenOptions *opts,
                           const char   *command)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  EndpointRun run = { loop, cancellable, FALSE, NULL, NULL };
  const char *hint = NULL;
  guint sigint_id, sigterm_id;
  char *token;
  int status = TOOL_EXIT_OK;

  if (grant->kind == GRANT_REVOKE && oa2_client_get_revocation_endpoint (client) == NULL)
    return tool_usage_error (command, "%s", _("The server’s metadata names no revocation endpoint"));
  if (grant->kind == GRANT_INTROSPECT && oa2_client_get_introspection_endpoint (client) == NULL)
    return tool_usage_error (command, "%s", _("The server’s metadata names no introspection endpoint"));
  token = endpoint_token_from_options (opts, command, &hint, &status);
  if (token == NULL)
    return status;

  sigint_id = g_unix_signal_add (SIGINT, on_endpoint_signal, &run);
  sigterm_id = g_unix_signal_add (SIGTERM, on_endpoint_signal, &run);
  if (grant->kind == GRANT_REVOKE)
    oa2_client_revoke_token_async (client, token, hint, cancellable, on_revoked, &run);
  else
    oa2_client_introspect_token_async (client, token, hint,
                                       opts->jwt_response ? OA2_INTROSPECTION_FLAGS_JWT_RESPONSE
                                                          : OA2_INTROSPECTION_FLAGS_NONE,
                                       cancellable, on_introspected, &run);
  tool_secret_free (token);
  g_main_loop_run (loop);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);

  if (run.error != NULL)
    {
      status = tool_report_error (run.error);
      g_clear_error (&run.error);
      return status;
    }
  if (grant->kind == GRANT_REVOKE)
    g_print ("%s\n", _("The token is revoked (or was not valid)."));
  else
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (),
                                                        oa2_introspection_response_get_json (run.info));

      tool_print_json (node, FALSE);
      g_clear_object (&run.info);
    }
  return TOOL_EXIT_OK;
}
