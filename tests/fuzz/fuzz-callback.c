/* fuzz-callback.c: the authorization response at the redirect URI, and a
 * saved authorization request
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is the address a browser was sent back to, which anyone can
 * craft, or (starting with '{') the JSON of a saved request, or (starting
 * with "response=") the query of a JARM response, checked by the client
 * with server keys it holds (no I/O). Beyond not crashing or leaking: a
 * response the checks let through carries the request's state and a code,
 * and every refusal is an OA2_ERROR or, for an error the server sent, an
 * OA2_OAUTH_ERROR.
 */

#include "fuzz-common.h"

static OA2AuthorizationRequest *request;
static OA2AuthorizationRequest *jarm_request;
static OA2Client *client;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  request = oa2_authorization_request_new ("https://as.example/authorize", "c1", "http://127.0.0.1:8400/cb",
                                           "openid", NULL);
  oa2_authorization_request_set_state (request, "st-1", NULL);
  oa2_authorization_request_set_issuer (request, "https://as.example");

  /* JARM: a client with a server key (ES256) and a decryption key of its
   * own, so that signed and encrypted responses both reach their checks. */
  {
    g_autoptr(OA2Jwk) server_key = oa2_jwk_generate ("ES256", NULL);
    g_autoptr(OA2Jwk) server_public = oa2_jwk_dup_public (server_key);
    g_autoptr(OA2Jwk) decryption_key = oa2_jwk_generate ("ECDH-ES", NULL);
    g_autoptr(OA2Jwks) server_jwks = oa2_jwks_new (&server_public, 1);
    g_autoptr(OA2Jwks) decryption_keys = oa2_jwks_new (&decryption_key, 1);
    g_autoptr(OA2ClientAuth) auth = OA2_CLIENT_AUTH (oa2_public_app_new ("c1"));

    client = g_object_new (OA2_TYPE_CLIENT, "client-auth", auth, "issuer", "https://as.example",
                           "authorization-endpoint", "https://as.example/authorize",
                           "server-jwks", server_jwks, "id-token-decryption-keys", decryption_keys,
                           "authorization-signed-response-alg", "ES256", NULL);
    jarm_request = oa2_client_new_authorization_request (client, "http://127.0.0.1:8400/cb", "openid", NULL);
    oa2_authorization_request_set_state (jarm_request, "st-1", NULL);
    oa2_authorization_request_set_response_mode (jarm_request, "query.jwt");
  }
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;

  if (text[0] == '{')
    {
      g_autoptr(OA2AuthorizationRequest) restored = oa2_authorization_request_new_from_json (text, &error);

      if (restored == NULL)
        FUZZ_CHECK_OA2_ERROR (error);
      else
        {
          g_autofree char *json = oa2_authorization_request_to_json (restored);
          g_autoptr(OA2AuthorizationRequest) again = oa2_authorization_request_new_from_json (json, NULL);
          g_autofree char *json_again = NULL;

          /* What it saves, it restores, to the same text. */
          FUZZ_CHECK (again != NULL);
          json_again = oa2_authorization_request_to_json (again);
          FUZZ_CHECK (strcmp (json, json_again) == 0);
        }
      return 0;
    }

  if (g_str_has_prefix (text, "response="))
    {
      g_autofree char *uri = g_strconcat ("http://127.0.0.1:8400/cb?", text, NULL);
      g_autoptr(OA2AuthorizationResponse) response =
        oa2_client_validate_authorization_callback (client, jarm_request, uri, NULL, NULL, &error);

      /* Also as encrypted responses are: the same checks after decryption. */
      if (response == NULL && error->domain != OA2_OAUTH_ERROR)
        FUZZ_CHECK_OA2_ERROR (error);
      else if (response != NULL)
        {
          FUZZ_CHECK (strcmp (oa2_authorization_response_get_state (response), "st-1") == 0);
          FUZZ_CHECK (*oa2_authorization_response_get_code (response) != '\0');
        }
      g_clear_error (&error);
      oa2_client_set_authorization_encrypted_response_alg (client, "ECDH-ES");
      g_clear_object (&response);
      response = oa2_client_validate_authorization_callback (client, jarm_request, uri, NULL, NULL, &error);
      oa2_client_set_authorization_encrypted_response_alg (client, NULL);
      if (response == NULL && error->domain != OA2_OAUTH_ERROR)
        FUZZ_CHECK_OA2_ERROR (error);
      return 0;
    }

  {
    g_autoptr(OA2AuthorizationResponse) response =
      oa2_authorization_request_validate_callback (request, text, &error);

    if (response != NULL)
      {
        FUZZ_CHECK (strcmp (oa2_authorization_response_get_state (response), "st-1") == 0);
        FUZZ_CHECK (*oa2_authorization_response_get_code (response) != '\0');
        FUZZ_CHECK (oa2_authorization_response_get_issuer (response) == NULL ||
                    strcmp (oa2_authorization_response_get_issuer (response), "https://as.example") == 0);
      }
    else if (error->domain != OA2_OAUTH_ERROR)
      FUZZ_CHECK_OA2_ERROR (error);
  }
  return 0;
}
