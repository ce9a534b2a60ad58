/* dpop-token.c: a DPoP-bound token (RFC 9449), used at a resource server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The client credentials grant with a proof of possession: the client
 * makes a new key, the server binds the token to it (token_type DPoP, the
 * key's thumbprint in the token's cnf.jkt), and every request that carries
 * the token also carries a fresh proof signed by the key. With a resource
 * URL, the example GETs it with the token, answering the server's request
 * for a nonce once. The token itself is never printed.
 *
 *   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
 *   export OA2_EXAMPLE_CLIENT_ID=my-client
 *   export OA2_EXAMPLE_CLIENT_SECRET=…              # optional: a public client without
 *   ./dpop-token [https://api.example.com/items]
 */

#include <locale.h>
#include <stdlib.h>

#include <oauth2client-glib/oauth2client-glib.h>

static int
fail (const GError *error)
{
  g_printerr ("dpop-token: %s\n  (error domain %s, code %d)\n",
              error->message, g_quark_to_string (error->domain), error->code);
  return EXIT_FAILURE;
}

/* GET @url with the token: stamp, send, and once more if the resource
 * server asks for its nonce (a 401 with use_dpop_nonce). */
static guint
get_resource (OA2DPoPToken  *token,
              SoupSession   *session,
              const char    *url,
              GError       **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;

  if (msg == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not a URL: %s", url);
      return 0;
    }
  if (!oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (token), msg, error))
    return 0;
  body = soup_session_send_and_read (session, msg, NULL, error);
  if (body != NULL && oa2_dpop_token_retry_with_nonce (token, msg, error))
    {
      g_clear_pointer (&body, g_bytes_unref);
      body = soup_session_send_and_read (session, msg, NULL, error);
    }
  if (body == NULL)
    return 0;
  return soup_message_get_status (msg);
}

int
main (int    argc,
      char **argv)
{
  const char *endpoint = g_getenv ("OA2_EXAMPLE_TOKEN_ENDPOINT");
  const char *client_id = g_getenv ("OA2_EXAMPLE_CLIENT_ID");
  const char *secret = g_getenv ("OA2_EXAMPLE_CLIENT_SECRET");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autofree char *thumbprint = NULL;
  OA2DPoPKey *key;

  setlocale (LC_ALL, "");
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc > 2 || endpoint == NULL || client_id == NULL)
    {
      g_printerr ("usage: dpop-token [RESOURCE-URL], with OA2_EXAMPLE_TOKEN_ENDPOINT, "
                  "OA2_EXAMPLE_CLIENT_ID and optionally OA2_EXAMPLE_CLIENT_SECRET set\n");
      return 2;
    }

  client = secret != NULL ? oa2_client_new_with_secret (endpoint, client_id, secret)
                          : oa2_client_new_public (endpoint, client_id);
  /* Every token request brings a new ES256 key (see the dpop-alg property
   * and oa2_client_set_dpop_key_generator() for others). A server that
   * answers with a Bearer token fails the request: nothing is bound then. */
  oa2_client_set_dpop_bound_access_tokens (client, TRUE);
  token = oa2_client_client_credentials (client, g_getenv ("OA2_EXAMPLE_SCOPE"), NULL, NULL, NULL, NULL, &error);
  if (token == NULL)
    return fail (error);

  key = oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (token));
  thumbprint = oa2_dpop_key_dup_thumbprint (key);
  g_print ("token type:     %s\n", oa2_bearer_token_get_token_type (token));
  g_print ("bound to:       %s key, thumbprint (jkt) %s\n", oa2_dpop_key_get_alg (key), thumbprint);

  if (argc == 2)
    {
      /* The client's session: it shares the nonces servers sent. */
      guint status = get_resource (OA2_DPOP_TOKEN (token), oa2_client_get_session (client), argv[1], &error);

      if (status == 0)
        return fail (error);
      g_print ("resource:       HTTP %u\n", status);
    }
  return EXIT_SUCCESS;
}
