/* private-key-jwt.c: authenticate with a private key instead of a secret
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The client credentials grant (RFC 6749 §4.4) with private_key_jwt
 * (RFC 7523 §2.2): the client signs a short-lived assertion with its
 * private key for every request, and the server holds only the public key.
 * The key is read from a file that only its owner can read (a JWK or PEM);
 * the token itself is never printed.
 *
 *   (umask 077; oa2 jwk generate ES256 --private > client-key.jwk)
 *   # register the public half (oa2 jwk public client-key.jwk) with the server
 *   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
 *   export OA2_EXAMPLE_ISSUER=https://as.example.com    # the assertions' audience
 *   export OA2_EXAMPLE_CLIENT_ID=my-client
 *   ./private-key-jwt client-key.jwk
 */

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <oauth2client-glib/oauth2client-glib.h>

static int
fail (const GError *error)
{
  g_printerr ("private-key-jwt: %s\n  (error domain %s, code %d)\n",
              error->message, g_quark_to_string (error->domain), error->code);
  return EXIT_FAILURE;
}

/* A JWK when the file holds a JSON object, else PEM. The text may hold the
 * private key: wipe it. */
static OA2Jwk *
load_key (const char  *path,
          GError     **error)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  OA2Jwk *key;

  if (!g_file_get_contents (path, &text, &len, error))
    return NULL;
  key = g_str_has_prefix (g_strchug (text), "{") ? oa2_jwk_new_from_json (text, error)
                                                  : oa2_jwk_new_from_pem (text, error);
  memset (text, 0, len);
  return key;
}

int
main (int    argc,
      char **argv)
{
  const char *endpoint = g_getenv ("OA2_EXAMPLE_TOKEN_ENDPOINT");
  const char *issuer = g_getenv ("OA2_EXAMPLE_ISSUER");
  const char *client_id = g_getenv ("OA2_EXAMPLE_CLIENT_ID");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = NULL;
  g_autoptr(OA2PrivateKeyJwt) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2BearerToken) token = NULL;

  setlocale (LC_ALL, "");
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc != 2 || endpoint == NULL || client_id == NULL)
    {
      g_printerr ("usage: private-key-jwt KEY-FILE, with OA2_EXAMPLE_TOKEN_ENDPOINT, "
                  "OA2_EXAMPLE_CLIENT_ID and optionally OA2_EXAMPLE_ISSUER set\n");
      return 2;
    }

  key = load_key (argv[1], &error);
  if (key == NULL)
    return fail (error);
  /* A public key, or one that names no algorithm, fails here, before any
   * request. */
  auth = oa2_private_key_jwt_new (client_id, key, NULL, &error);
  if (auth == NULL)
    return fail (error);

  /* With the issuer known, it is the assertions' audience; else the token
   * endpoint is. */
  client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", endpoint, "issuer", issuer,
                         "client-auth", auth, NULL);
  token = oa2_client_client_credentials (client, g_getenv ("OA2_EXAMPLE_SCOPE"), NULL, NULL, NULL, NULL, &error);
  if (token == NULL)
    return fail (error);

  g_print ("authentication: %s with %s, key %s\n",
           oa2_client_auth_get_method_name (OA2_CLIENT_AUTH (auth)),
           oa2_private_key_jwt_get_alg (auth),
           oa2_jwk_get_kid (key) != NULL ? oa2_jwk_get_kid (key) : "(no kid)");
  g_print ("token type:     %s\n", oa2_bearer_token_get_token_type (token));
  g_print ("scope:          %s\n", oa2_bearer_token_get_scope (token) != NULL ? oa2_bearer_token_get_scope (token)
                                                                              : "(as requested)");
  return EXIT_SUCCESS;
}
