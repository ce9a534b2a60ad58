/* authorization-code.c: sign a user in with the authorization code flow
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The library makes the request (state, nonce and PKCE S256 verifier from
 * the system's secure generator), prints the address to open in a
 * browser, reads the address the browser was redirected to from standard
 * input, checks its state and issuer, and exchanges the code. The tokens
 * themselves are never printed.
 *
 *   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
 *   export OA2_EXAMPLE_AUTHORIZATION_ENDPOINT=https://as.example.com/authorize
 *   export OA2_EXAMPLE_CLIENT_ID=my-app
 *   export OA2_EXAMPLE_REDIRECT_URI=http://127.0.0.1:8400/callback
 *   export OA2_EXAMPLE_ISSUER=https://as.example.com   # optional: checks iss (RFC 9207)
 *   ./authorization-code [SCOPE]
 */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <oauth2client-glib/oauth2client-glib.h>

static int
fail (const GError *error)
{
  g_printerr ("authorization-code: %s\n  (error domain %s, code %d)\n",
              error->message, g_quark_to_string (error->domain), error->code);
  return EXIT_FAILURE;
}

int
main (int   argc,
      char *argv[])
{
  const char *token_endpoint = g_getenv ("OA2_EXAMPLE_TOKEN_ENDPOINT");
  const char *authorization_endpoint = g_getenv ("OA2_EXAMPLE_AUTHORIZATION_ENDPOINT");
  const char *client_id = g_getenv ("OA2_EXAMPLE_CLIENT_ID");
  const char *redirect_uri = g_getenv ("OA2_EXAMPLE_REDIRECT_URI");
  const char *issuer = g_getenv ("OA2_EXAMPLE_ISSUER");
  g_autoptr(OA2ClientAuth) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2AuthorizationRequest) request = NULL;
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  char line[8192];

  setlocale (LC_ALL, "");
  if (argc > 2 || token_endpoint == NULL || authorization_endpoint == NULL || client_id == NULL ||
      redirect_uri == NULL)
    {
      g_printerr ("usage: authorization-code [SCOPE], with OA2_EXAMPLE_TOKEN_ENDPOINT, "
                  "OA2_EXAMPLE_AUTHORIZATION_ENDPOINT, OA2_EXAMPLE_CLIENT_ID and "
                  "OA2_EXAMPLE_REDIRECT_URI set\n");
      return 2;
    }

  /* A desktop application is a public client: it cannot keep a secret. */
  auth = OA2_CLIENT_AUTH (oa2_public_app_new (client_id));
  client = g_object_new (OA2_TYPE_CLIENT,
                         "token-endpoint", token_endpoint,
                         "authorization-endpoint", authorization_endpoint,
                         "issuer", issuer,
                         "client-auth", auth, NULL);

  request = oa2_client_new_authorization_request (client, redirect_uri, argc == 2 ? argv[1] : "openid", &error);
  if (request == NULL)
    return fail (error);
  uri = oa2_authorization_request_dup_uri (request, &error);
  if (uri == NULL)
    return fail (error);
  g_print ("open: %s\n", uri);
  g_print ("then paste the address the browser was sent to:\n");
  fflush (stdout);

  if (fgets (line, sizeof line, stdin) == NULL)
    {
      g_printerr ("authorization-code: no address on standard input\n");
      return 2;
    }
  /* The state first, then the issuer, then an error the server sent. */
  response = oa2_authorization_request_validate_callback (request, g_strstrip (line), &error);
  /* The address holds the code: wipe it. */
  memset (line, 0, sizeof line);
  if (response == NULL)
    return fail (error);

  token = oa2_client_exchange_authorization_response (client, response, NULL, NULL, &error);
  if (token == NULL)
    return fail (error);
  g_print ("token type:     %s\n", oa2_bearer_token_get_token_type (token));
  g_print ("scope:          %s\n", oa2_bearer_token_get_scope (token) != NULL ? oa2_bearer_token_get_scope (token) : "(as asked)");
  g_print ("refresh token:  %s\n", oa2_bearer_token_get_refresh_token (token) != NULL ? "yes" : "no");
  g_print ("ID token:       %s\n", oa2_bearer_token_get_id_token (token) != NULL ? "yes" : "no");
  return EXIT_SUCCESS;
}
