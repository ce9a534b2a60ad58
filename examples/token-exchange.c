/* token-exchange.c: trade a user's access token for one meant for a
 * backend, asynchronously
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The token exchange grant (RFC 8693) on a GMainLoop, as a gateway uses it
 * to call a backend on behalf of the user whose token it received. The
 * client secret and the subject token come from the environment only: a
 * command line is visible to every user through ps. No token is printed.
 *
 *   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
 *   export OA2_EXAMPLE_CLIENT_ID=gateway
 *   export OA2_EXAMPLE_CLIENT_SECRET=...        # never on the command line
 *   export OA2_EXAMPLE_SUBJECT_TOKEN=...        # the user's access token
 *   ./token-exchange --audience backend --scope "orders:read"
 *   ./token-exchange --audience urn:example:partner --requested-token-type jwt
 *
 * With --requested-token-type other than access_token the server may issue
 * a token that is not an access token (token_type N_A, RFC 8693 §2.2.1),
 * such as a JWT for a partner: it comes as an OA2IssuedToken.
 *
 * Set G_MESSAGES_DEBUG=OA2 to see the HTTP exchange, with secrets redacted.
 */

#include <locale.h>
#include <stdlib.h>

#include <oauth2client-glib/oauth2client-glib.h>

typedef struct {
  GMainLoop *loop;
  int        exit_status;
} Example;

static void
print_error (const GError *error)
{
  g_printerr ("token-exchange: %s\n", error->message);
  g_printerr ("  (error domain %s, code %d", g_quark_to_string (error->domain), error->code);
  if (error->domain == OA2_OAUTH_ERROR)
    g_printerr (", server error “%s”, HTTP status %u",
                oa2_error_get_server_code (error), oa2_error_get_http_status (error));
  g_printerr (")\n");
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Example *example = user_data;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = oa2_client_token_exchange_finish (OA2_CLIENT (source), result, &error);
  if (token == NULL)
    {
      print_error (error);
      example->exit_status = EXIT_FAILURE;
    }
  else
    {
      const char *scope = oa2_bearer_token_get_scope (token);

      /* Call the backend with oa2_bearer_token_authorize_message (token, msg, &error). */
      g_print ("issued type:    %s\n", oa2_bearer_token_get_issued_token_type (token));
      g_print ("token type:     %s\n", oa2_bearer_token_get_token_type (token));
      g_print ("scope:          %s\n", scope != NULL ? scope : "(as requested)");
      g_print ("remaining:      %" G_GINT64_FORMAT " s\n", oa2_bearer_token_get_expires_in (token));
      example->exit_status = EXIT_SUCCESS;
    }
  g_main_loop_quit (example->loop);
}

/* A token of any type: say what it is, never what it holds. The library
 * does not validate it; whoever it is for does. */
static void
on_issued (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Example *example = user_data;
  g_autoptr(OA2IssuedToken) issued = NULL;
  g_autoptr(GError) error = NULL;

  issued = oa2_client_token_exchange_issued_finish (OA2_CLIENT (source), result, &error);
  if (issued == NULL)
    {
      print_error (error);
      example->exit_status = EXIT_FAILURE;
    }
  else
    {
      GDateTime *expires_at = oa2_issued_token_get_expires_at (issued);
      g_autofree char *when = expires_at != NULL ? g_date_time_format_iso8601 (expires_at) : g_strdup ("(not said)");

      g_print ("issued type:    %s\n", oa2_issued_token_get_issued_token_type (issued));
      g_print ("token type:     %s%s\n", oa2_issued_token_get_token_type (issued),
               oa2_issued_token_is_access_token (issued) ? "" : " (not an access token)");
      g_print ("expires at:     %s\n", when);
      example->exit_status = EXIT_SUCCESS;
    }
  g_main_loop_quit (example->loop);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *opt_audience = NULL;
  g_autofree char *opt_scope = NULL;
  g_autofree char *opt_requested = NULL;
  g_auto(GStrv) opt_resources = NULL;
  const GOptionEntry entries[] = {
    { "audience", 0, 0, G_OPTION_ARG_STRING, &opt_audience,
      "The logical name of the service the new token is for", "NAME" },
    { "resource", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_resources,
      "The URI of the service the new token is for; repeatable", "URI" },
    { "scope", 0, 0, G_OPTION_ARG_STRING, &opt_scope, "Scope to ask for", "SCOPE" },
    { "requested-token-type", 0, 0, G_OPTION_ARG_STRING, &opt_requested,
      "The type of token to ask for: access_token (the default), jwt, id_token, saml2 or a URI", "TYPE" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ClientAuth) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2TokenExchangeRequest) request = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  const char *endpoint, *client_id, *secret, *subject;
  Example example = { 0 };

  setlocale (LC_ALL, "");
  g_log_writer_default_set_use_stderr (TRUE);

  context = g_option_context_new ("- exchange an access token for another (RFC 8693)");
  g_option_context_set_description (context,
                                    "The client secret comes from OA2_EXAMPLE_CLIENT_SECRET and the token to\n"
                                    "exchange from OA2_EXAMPLE_SUBJECT_TOKEN only.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("token-exchange: %s\n", error->message);
      return 2;
    }

  endpoint = g_getenv ("OA2_EXAMPLE_TOKEN_ENDPOINT");
  client_id = g_getenv ("OA2_EXAMPLE_CLIENT_ID");
  secret = g_getenv ("OA2_EXAMPLE_CLIENT_SECRET");
  subject = g_getenv ("OA2_EXAMPLE_SUBJECT_TOKEN");
  if (endpoint == NULL || client_id == NULL || secret == NULL || subject == NULL)
    {
      g_printerr ("token-exchange: set OA2_EXAMPLE_TOKEN_ENDPOINT, OA2_EXAMPLE_CLIENT_ID, "
                  "OA2_EXAMPLE_CLIENT_SECRET and OA2_EXAMPLE_SUBJECT_TOKEN (see --help)\n");
      return 2;
    }

  auth = OA2_CLIENT_AUTH (oa2_client_secret_basic_new (client_id, secret));
  client = oa2_client_new (endpoint, auth);

  /* "access_token" is the short name of
   * urn:ietf:params:oauth:token-type:access_token; the library sends the URN. */
  request = oa2_token_exchange_request_new (subject, "access_token");
  oa2_token_exchange_request_set_requested_token_type (request, opt_requested != NULL ? opt_requested : "access_token");
  oa2_token_exchange_request_set_audience (request, opt_audience);

  loop = g_main_loop_new (NULL, FALSE);
  example.loop = loop;
  if (opt_requested != NULL && g_strcmp0 (opt_requested, "access_token") != 0)
    oa2_client_token_exchange_issued_async (client, request, opt_scope, (const char * const *) opt_resources,
                                            NULL, NULL, on_issued, &example);
  else
    oa2_client_token_exchange_async (client, request, opt_scope, (const char * const *) opt_resources, NULL, NULL,
                                   NULL, on_token, &example);
  g_main_loop_run (loop);
  return example.exit_status;
}
