/* refresh-token.c: renew a stored token and store the new one
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Reads a token that oa2_bearer_token_to_json() wrote (for instance with
 * `oa2 token … --output FILE`), renews it with its refresh token
 * (RFC 6749 §6) on a GMainLoop, and writes the new token back to the same
 * file, atomically and readable by its owner only. Servers that rotate
 * refresh tokens invalidate the old one, so the new token must be kept.
 * Nothing secret is printed.
 *
 *   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
 *   export OA2_EXAMPLE_CLIENT_ID=my-app
 *   export OA2_EXAMPLE_CLIENT_SECRET=...   # only for a confidential client
 *   export OA2_EXAMPLE_AUTH=basic          # or post; none without a secret
 *   ./refresh-token ~/.local/state/my-app/token.json
 */

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <oauth2client-glib/oauth2client-glib.h>

typedef struct {
  GMainLoop  *loop;
  const char *path;
  char       *old_refresh_token;   /* a secret: wiped, never printed */
  int         exit_status;
} Example;

/* Overwrites a string that holds a secret before freeing it. */
static void
secret_free (char *secret)
{
  if (secret == NULL)
    return;
  for (volatile char *p = secret; *p != '\0'; p++)
    *p = '\0';
  g_free (secret);
}

static void
print_error (const char   *what,
             const GError *error)
{
  g_printerr ("refresh-token: %s: %s\n", what, error->message);
  g_printerr ("  (error domain %s, code %d", g_quark_to_string (error->domain), error->code);
  if (error->domain == OA2_OAUTH_ERROR)
    g_printerr (", server error “%s”, HTTP status %u",
                oa2_error_get_server_code (error), oa2_error_get_http_status (error));
  g_printerr (")\n");
  if (oa2_error_requires_interaction (error))
    g_printerr ("  The grant is gone: the user has to sign in again.\n");
}

static gboolean
save_token (const char      *path,
            OA2BearerToken  *token,
            GError         **error)
{
  char *json = oa2_bearer_token_to_json (token);
  gboolean saved;

  /* Written to a temporary file, synced and renamed over the old one: a
   * crash leaves either the old token or the new one, never half of it. */
  saved = g_file_set_contents_full (path, json, -1,
                                    G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                    0600, error);
  secret_free (json);
  return saved;
}

static void
on_refreshed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Example *example = user_data;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  const char *new_refresh_token;

  token = oa2_client_refresh_token_finish (OA2_CLIENT (source), result, &error);
  if (token == NULL)
    {
      print_error ("the refresh failed", error);
      example->exit_status = EXIT_FAILURE;
      g_main_loop_quit (example->loop);
      return;
    }

  if (!save_token (example->path, token, &error))
    {
      print_error ("could not store the new token", error);
      example->exit_status = EXIT_FAILURE;
      g_main_loop_quit (example->loop);
      return;
    }

  /* When the server sends no new refresh token, the library keeps the old
   * one in the new token (RFC 6749 §6). */
  new_refresh_token = oa2_bearer_token_get_refresh_token (token);
  g_print ("refreshed:      %s\n", example->path);
  g_print ("scope:          %s\n", oa2_bearer_token_get_scope (token) != NULL
                                   ? oa2_bearer_token_get_scope (token) : "(unchanged)");
  if (oa2_bearer_token_get_expires_at (token) != NULL)
    g_print ("expires in:     %" G_GINT64_FORMAT " s\n", oa2_bearer_token_get_expires_in (token));
  g_print ("refresh token:  %s\n",
           new_refresh_token == NULL ? "none"
           : strcmp (new_refresh_token, example->old_refresh_token) == 0 ? "kept (not rotated)"
           : "rotated (the new one is stored)");

  example->exit_status = EXIT_SUCCESS;
  g_main_loop_quit (example->loop);
}

static const char *
setting (const char *option_value,
         const char *env_var)
{
  return option_value != NULL ? option_value : g_getenv (env_var);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *opt_endpoint = NULL;
  g_autofree char *opt_client_id = NULL;
  g_autofree char *opt_auth = NULL;
  const GOptionEntry entries[] = {
    { "token-endpoint", 0, 0, G_OPTION_ARG_STRING, &opt_endpoint,
      "Token endpoint (or OA2_EXAMPLE_TOKEN_ENDPOINT)", "URI" },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &opt_client_id,
      "Client identifier (or OA2_EXAMPLE_CLIENT_ID)", "ID" },
    { "auth", 0, 0, G_OPTION_ARG_STRING, &opt_auth,
      "basic, post or none (or OA2_EXAMPLE_AUTH; default post with a secret, none without)", "METHOD" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) stored = NULL;
  g_autoptr(OA2ClientAuth) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  const char *endpoint, *client_id, *secret, *method;
  char *json = NULL;
  gsize json_len = 0;
  Example example = { 0 };

  setlocale (LC_ALL, "");
  g_log_writer_default_set_use_stderr (TRUE);

  context = g_option_context_new ("TOKEN-FILE - renew a stored token in place");
  g_option_context_set_description (context,
                                    "TOKEN-FILE holds a token as oa2_bearer_token_to_json() wrote it.\n"
                                    "A client secret, if any, is read from OA2_EXAMPLE_CLIENT_SECRET only.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("refresh-token: %s\n", error->message);
      return 2;
    }
  if (argc != 2)
    {
      g_printerr ("refresh-token: give the token file (see --help)\n");
      return 2;
    }
  example.path = argv[1];

  endpoint = setting (opt_endpoint, "OA2_EXAMPLE_TOKEN_ENDPOINT");
  client_id = setting (opt_client_id, "OA2_EXAMPLE_CLIENT_ID");
  method = setting (opt_auth, "OA2_EXAMPLE_AUTH");
  secret = g_getenv ("OA2_EXAMPLE_CLIENT_SECRET");
  if (method == NULL)
    method = secret != NULL ? "post" : "none";

  if (endpoint == NULL || client_id == NULL)
    {
      g_printerr ("refresh-token: set OA2_EXAMPLE_TOKEN_ENDPOINT and OA2_EXAMPLE_CLIENT_ID (see --help)\n");
      return 2;
    }

  if (strcmp (method, "none") == 0)
    auth = OA2_CLIENT_AUTH (oa2_public_app_new (client_id));
  else if (secret == NULL)
    {
      g_printerr ("refresh-token: --auth %s needs OA2_EXAMPLE_CLIENT_SECRET\n", method);
      return 2;
    }
  else if (strcmp (method, "post") == 0)
    auth = OA2_CLIENT_AUTH (oa2_client_secret_post_new (client_id, secret));
  else if (strcmp (method, "basic") == 0)
    auth = OA2_CLIENT_AUTH (oa2_client_secret_basic_new (client_id, secret));
  else
    {
      g_printerr ("refresh-token: the authentication method is basic, post or none, not “%s”\n", method);
      return 2;
    }

  /* The stored token. */
  if (!g_file_get_contents (example.path, &json, &json_len, &error))
    {
      print_error ("could not read the token", error);
      return EXIT_FAILURE;
    }
  stored = oa2_bearer_token_new_from_json (json, &error);
  secret_free (json);
  if (stored == NULL)
    {
      print_error ("the file does not hold a stored token", error);
      return EXIT_FAILURE;
    }
  if (oa2_bearer_token_get_refresh_token (stored) == NULL)
    {
      g_printerr ("refresh-token: the stored token has no refresh token; sign in again\n");
      return EXIT_FAILURE;
    }
  example.old_refresh_token = g_strdup (oa2_bearer_token_get_refresh_token (stored));

  client = oa2_client_new (endpoint, auth);

  loop = g_main_loop_new (NULL, FALSE);
  example.loop = loop;
  /* No scope: the new token keeps the scope of the original grant
   * (RFC 6749 §6). */
  oa2_client_refresh_token_async (client, example.old_refresh_token, NULL, NULL, NULL, NULL, NULL,
                                  on_refreshed, &example);
  g_main_loop_run (loop);

  secret_free (example.old_refresh_token);
  return example.exit_status;
}
