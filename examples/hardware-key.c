/* hardware-key.c: private_key_jwt with a key that never leaves its token
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The client credentials grant (RFC 6749 §4.4) with private_key_jwt
 * (RFC 7523 §2.2), the assertions signed inside a PKCS#11 token (a smart
 * card, a TPM through tpm2-pkcs11, SoftHSM), opened by its pkcs11: URI
 * (RFC 7512). The token's PIN comes from OA2_EXAMPLE_PIN; it is given once,
 * since a PIN that was refused would only bring the token closer to
 * locking it.
 *
 *   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
 *   export OA2_EXAMPLE_CLIENT_ID=my-client
 *   read -rs OA2_EXAMPLE_PIN && export OA2_EXAMPLE_PIN
 *   # optional: OA2_EXAMPLE_ISSUER, OA2_EXAMPLE_ALG (an RSA key names none),
 *   # OA2_EXAMPLE_PKCS11_MODULE
 *   ./hardware-key 'pkcs11:token=My%20Card;object=client-key'
 */

#include <locale.h>
#include <stdlib.h>

#include <oauth2client-glib/oauth2client-glib.h>

static int
fail (const GError *error)
{
  g_printerr ("hardware-key: %s\n  (error domain %s, code %d)\n",
              error->message, g_quark_to_string (error->domain), error->code);
  return EXIT_FAILURE;
}

static char *
give_pin (const char  *token_label,
          guint        attempt,
          OA2PinFlags  flags,
          gpointer     user_data)
{
  const char *pin = g_getenv ("OA2_EXAMPLE_PIN");

  if ((flags & OA2_PIN_FLAGS_RETRY) != 0 || pin == NULL)
    return NULL;
  return g_strdup (pin);
}

int
main (int    argc,
      char **argv)
{
  const char *endpoint = g_getenv ("OA2_EXAMPLE_TOKEN_ENDPOINT");
  const char *client_id = g_getenv ("OA2_EXAMPLE_CLIENT_ID");
  const char *module = g_getenv ("OA2_EXAMPLE_PKCS11_MODULE");
  const char *alg = g_getenv ("OA2_EXAMPLE_ALG");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = NULL;
  g_autoptr(OA2PrivateKeyJwt) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autofree char *thumbprint = NULL;

  setlocale (LC_ALL, "");
  g_log_writer_default_set_use_stderr (TRUE);

  if (argc != 2 || !g_str_has_prefix (argv[1], "pkcs11:") || endpoint == NULL || client_id == NULL)
    {
      g_printerr ("usage: hardware-key PKCS11-URI, with OA2_EXAMPLE_TOKEN_ENDPOINT and "
                  "OA2_EXAMPLE_CLIENT_ID set\n");
      return 2;
    }

  if (module != NULL && *module != '\0' && !oa2_pkcs11_add_module (module, &error))
    return fail (error);
  /* Blocks while the token answers; an application would use
   * oa2_jwk_new_from_pkcs11_uri_async(). */
  key = oa2_jwk_new_from_pkcs11_uri (argv[1], give_pin, NULL, NULL, NULL, &error);
  if (key == NULL)
    return fail (error);
  /* An EC key names its alg; an RSA key needs one. */
  auth = oa2_private_key_jwt_new (client_id, key, alg != NULL && *alg != '\0' ? alg : NULL, &error);
  if (auth == NULL)
    return fail (error);

  client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", endpoint, "issuer", g_getenv ("OA2_EXAMPLE_ISSUER"),
                         "client-auth", auth, NULL);
  token = oa2_client_client_credentials (client, g_getenv ("OA2_EXAMPLE_SCOPE"), NULL, NULL, NULL, NULL, &error);
  if (token == NULL)
    return fail (error);

  thumbprint = oa2_jwk_dup_thumbprint (key);
  g_print ("key:            in a token: %s, thumbprint %s\n", oa2_jwk_is_in_token (key) ? "True" : "False",
           thumbprint);
  g_print ("authentication: %s with %s\n", oa2_client_auth_get_method_name (OA2_CLIENT_AUTH (auth)),
           oa2_private_key_jwt_get_alg (auth));
  g_print ("token type:     %s\n", oa2_bearer_token_get_token_type (token));
  return EXIT_SUCCESS;
}
