/* client-credentials.c: get a token for the client itself, asynchronously
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The client credentials grant (RFC 6749 §4.4) on a GMainLoop. The secret
 * comes from the environment only: a command line is visible to every user
 * through ps. The token itself is never printed.
 *
 *   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
 *   export OA2_EXAMPLE_CLIENT_ID=my-client
 *   export OA2_EXAMPLE_CLIENT_SECRET=...         # never on the command line
 *   export OA2_EXAMPLE_AUTH=basic                # or post (the default)
 *   ./client-credentials --scope "api:read"
 *
 * Every option overrides its environment variable. Set G_MESSAGES_DEBUG=OA2
 * to see the HTTP exchange, with secrets redacted.
 */

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <oauth2client-glib/oauth2client-glib.h>

typedef struct {
  GMainLoop *loop;
  int        exit_status;
} Example;

static void
print_error (const GError *error)
{
  g_printerr ("client-credentials: %s\n", error->message);
  g_printerr ("  (error domain %s, code %d", g_quark_to_string (error->domain), error->code);
  if (error->domain == OA2_OAUTH_ERROR)
    g_printerr (", server error “%s”, HTTP status %u",
                oa2_error_get_server_code (error), oa2_error_get_http_status (error));
  else if (oa2_error_get_http_status (error) != 0)
    g_printerr (", HTTP status %u", oa2_error_get_http_status (error));
  g_printerr (")\n");
}

static void
print_token (OA2BearerToken *token)
{
  GDateTime *expires_at = oa2_bearer_token_get_expires_at (token);
  const char *scope = oa2_bearer_token_get_scope (token);

  g_print ("token type:     %s\n", oa2_bearer_token_get_token_type (token));
  g_print ("scope:          %s\n", scope != NULL ? scope : "(as requested)");
  if (expires_at != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (expires_at);
      g_autofree char *when = g_date_time_format_iso8601 (local);

      g_print ("expires at:     %s\n", when);
      g_print ("remaining:      %" G_GINT64_FORMAT " s\n", oa2_bearer_token_get_expires_in (token));
    }
  else
    g_print ("expires at:     unknown (the server sent no expires_in)\n");
  g_print ("refresh token:  %s\n", oa2_bearer_token_get_refresh_token (token) != NULL ? "yes" : "no");
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Example *example = user_data;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = oa2_client_client_credentials_finish (OA2_CLIENT (source), result, &error);
  if (token == NULL)
    {
      print_error (error);
      example->exit_status = EXIT_FAILURE;
    }
  else
    {
      /* Use the token here, e.g. oa2_bearer_token_authorize_message (token, msg, &error).
       * Never print oa2_bearer_token_get_access_token (token). */
      print_token (token);
      example->exit_status = EXIT_SUCCESS;
    }

  g_main_loop_quit (example->loop);
}

/* An option, or else its environment variable. */
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
  g_autofree char *opt_scope = NULL;
  const GOptionEntry entries[] = {
    { "token-endpoint", 0, 0, G_OPTION_ARG_STRING, &opt_endpoint,
      "Token endpoint (or OA2_EXAMPLE_TOKEN_ENDPOINT)", "URI" },
    { "client-id", 0, 0, G_OPTION_ARG_STRING, &opt_client_id,
      "Client identifier (or OA2_EXAMPLE_CLIENT_ID)", "ID" },
    { "auth", 0, 0, G_OPTION_ARG_STRING, &opt_auth,
      "basic or post (or OA2_EXAMPLE_AUTH; default post)", "METHOD" },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &opt_scope,
      "Scope to ask for (or OA2_EXAMPLE_SCOPE)", "SCOPE" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ClientAuth) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  const char *endpoint, *client_id, *secret, *method, *scope;
  Example example = { 0 };

  setlocale (LC_ALL, "");
  /* Keep standard output for results; debug traces go to standard error. */
  g_log_writer_default_set_use_stderr (TRUE);

  context = g_option_context_new ("- get a token with the client credentials grant");
  g_option_context_set_description (context,
                                    "The client secret is read from OA2_EXAMPLE_CLIENT_SECRET only.\n"
                                    "Set G_MESSAGES_DEBUG=OA2 to see the HTTP exchange (secrets redacted).");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("client-credentials: %s\n", error->message);
      return 2;
    }

  endpoint = setting (opt_endpoint, "OA2_EXAMPLE_TOKEN_ENDPOINT");
  client_id = setting (opt_client_id, "OA2_EXAMPLE_CLIENT_ID");
  method = setting (opt_auth, "OA2_EXAMPLE_AUTH");
  scope = setting (opt_scope, "OA2_EXAMPLE_SCOPE");
  secret = g_getenv ("OA2_EXAMPLE_CLIENT_SECRET");

  if (endpoint == NULL || client_id == NULL || secret == NULL)
    {
      g_printerr ("client-credentials: set OA2_EXAMPLE_TOKEN_ENDPOINT, OA2_EXAMPLE_CLIENT_ID "
                  "and OA2_EXAMPLE_CLIENT_SECRET (see --help)\n");
      return 2;
    }

  /* client_secret_post is what every server accepts; basic is the one
   * RFC 6749 says servers must support. */
  if (method == NULL || strcmp (method, "post") == 0)
    auth = OA2_CLIENT_AUTH (oa2_client_secret_post_new (client_id, secret));
  else if (strcmp (method, "basic") == 0)
    auth = OA2_CLIENT_AUTH (oa2_client_secret_basic_new (client_id, secret));
  else
    {
      g_printerr ("client-credentials: the authentication method is basic or post, not “%s”\n", method);
      return 2;
    }

  client = oa2_client_new (endpoint, auth);

  loop = g_main_loop_new (NULL, FALSE);
  example.loop = loop;
  oa2_client_client_credentials_async (client, scope, NULL, NULL, NULL, NULL, on_token, &example);
  g_main_loop_run (loop);

  return example.exit_status;
}
