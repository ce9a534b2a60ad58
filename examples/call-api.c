/* call-api.c: call an API through OA2ApiClient with a token that renews itself
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * OA2ClientCredentialsAuth gets the token; OA2ApiClient stamps it on every
 * request. The requests are sent all at once on a GMainLoop: they share one
 * token request, and a 401 invalid_token renews the token once and sends the
 * request again. The secret comes from the environment only, and the token
 * itself is never printed.
 *
 *   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
 *   export OA2_EXAMPLE_CLIENT_ID=my-service
 *   export OA2_EXAMPLE_CLIENT_SECRET=…       # never on the command line
 *   ./call-api https://api.example.com/v1/ things 3
 *
 * Set G_MESSAGES_DEBUG=OA2 to see the HTTP exchanges, with secrets redacted.
 */

#include <locale.h>
#include <stdlib.h>

#include <oauth2client-glib/oauth2client-glib.h>

typedef struct {
  GMainLoop *loop;
  guint      pending;
  int        exit_status;
} Example;

static void
on_token_changed (OA2Auth        *auth,
                  OA2BearerToken *token,
                  gpointer        user_data)
{
  /* The token is a secret: say when it expires, never what it is. */
  if (token != NULL)
    g_print ("new token, valid for %" G_GINT64_FORMAT " s\n", oa2_bearer_token_get_expires_in (token));
  else
    g_print ("token dropped: sign in again\n");
}

static void
on_response (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Example *example = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ApiResponse) response = oa2_api_client_get_finish (OA2_API_CLIENT (source), result, &error);

  if (response != NULL)
    {
      g_autofree char *text = oa2_api_response_dup_text (response);

      g_print ("%u %s\n", oa2_api_response_get_status (response), text != NULL ? text : "");
    }
  else
    {
      /* raise-for-status: a failure status arrives here as an error too. */
      g_printerr ("Calling the API failed: %s\n", error->message);
      example->exit_status = EXIT_FAILURE;
    }
  if (--example->pending == 0)
    g_main_loop_quit (example->loop);
}

int
main (int    argc,
      char **argv)
{
  const char *token_endpoint = g_getenv ("OA2_EXAMPLE_TOKEN_ENDPOINT");
  const char *client_id = g_getenv ("OA2_EXAMPLE_CLIENT_ID");
  const char *secret = g_getenv ("OA2_EXAMPLE_CLIENT_SECRET");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2ClientCredentialsAuth) auth = NULL;
  g_autoptr(OA2ApiClient) api = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  Example example = { NULL, 0, EXIT_SUCCESS };
  guint count = 1;

  setlocale (LC_ALL, "");
  if (argc < 3 || argc > 4 || (argc == 4 && (count = (guint) g_ascii_strtoull (argv[3], NULL, 10)) == 0))
    {
      g_printerr ("usage: %s BASE_URL PATH [COUNT]\n", argv[0]);
      return 2;
    }
  if (token_endpoint == NULL || client_id == NULL || secret == NULL)
    {
      g_printerr ("Set OA2_EXAMPLE_TOKEN_ENDPOINT, OA2_EXAMPLE_CLIENT_ID and OA2_EXAMPLE_CLIENT_SECRET\n");
      return 2;
    }

  client = oa2_client_new_with_secret (token_endpoint, client_id, secret);
  auth = oa2_client_credentials_auth_new (client, g_getenv ("OA2_EXAMPLE_SCOPE"));
  g_signal_connect (auth, "token-changed", G_CALLBACK (on_token_changed), NULL);
  api = oa2_api_client_new (argv[1], OA2_AUTH (auth), &error);
  if (api == NULL)
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  loop = g_main_loop_new (NULL, FALSE);
  example.loop = loop;
  /* All at once: the first one starts the token request, the others wait
   * for the same one. */
  for (guint i = 0; i < count; i++)
    {
      example.pending++;
      oa2_api_client_get_async (api, argv[2], NULL, NULL, on_response, &example);
    }
  g_main_loop_run (loop);
  return example.exit_status;
}
