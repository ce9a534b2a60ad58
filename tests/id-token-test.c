/* id-token-test.c: ID-token validation on token responses (OIDC Core
 * §3.1.3.7, §12.2), against an in-process token endpoint and jwks_uri;
 * one test per applicable OpenID RP conformance behaviour
 * (oidcc-client-test-*), with the expected accept or reject
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"

#include "oa2-base64url-private.h"
#include "oa2-client-private.h"
#include "oa2-crypto-private.h"
#include "oa2-json-private.h"
#include "oa2-token-request-private.h"

#define VERIFIER "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
#define TOKEN_JSON "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
#define NOW G_GINT64_CONSTANT (1800000000)
/* hashlib.shake_256 (b"abc").hexdigest (114), its first 8 bytes */
#define SHAKE256_ABC_PREFIX "483366601360a877"
#define CLIENT_ID "c1"
#define SECRET "a-client-secret-of-more-than-32-bytes!"

/* Keys made once: RSA generation is slow. */
static OA2Jwk *rsa1, *rsa2, *ec1, *ed1, *rsa_enc;

typedef struct {
  OA2TestServer *token_server;
  OA2TestServer *jwks_server;
  char          *issuer;
  OA2Client     *client;
} Fixture;

static OA2Jwk *
with_kid (OA2Jwk     *key,
          const char *kid)
{
  g_autoptr(JsonObject) object = oa2_jwk_to_json_object (key, TRUE);
  g_autoptr(GError) error = NULL;
  OA2Jwk *copy;

  json_object_set_string_member (object, "kid", kid);
  copy = oa2_jwk_new_from_json_object (object, &error);
  g_assert_no_error (error);
  return copy;
}

/* The public keys as a served JWKS document. */
static char *
jwks_json (OA2Jwk *first,
           ...)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(OA2Jwks) jwks = NULL;
  va_list args;

  va_start (args, first);
  for (OA2Jwk *key = first; key != NULL; key = va_arg (args, OA2Jwk *))
    g_ptr_array_add (keys, oa2_jwk_dup_public (key));
  va_end (args);
  jwks = oa2_jwks_new ((OA2Jwk * const *) keys->pdata, keys->len);
  return oa2_jwks_to_json (jwks, FALSE);
}

static void
serve_keys (Fixture *f,
            char    *json)
{
  g_autofree char *owned = json;

  oa2_test_server_respond (f->jwks_server, 200, "application/json", owned);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *token_uri = NULL;
  g_autofree char *jwks_uri = NULL;
  g_autoptr(OA2ClientSecretPost) auth = oa2_client_secret_post_new (CLIENT_ID, SECRET);

  oa2_test_freeze_clock (NOW);
  f->token_server = oa2_test_server_new ();
  f->jwks_server = oa2_test_server_new ();
  token_uri = oa2_test_server_uri (f->token_server, "/token");
  jwks_uri = oa2_test_server_uri (f->jwks_server, "/jwks");
  f->issuer = oa2_test_server_uri (f->token_server, "");
  serve_keys (f, jwks_json (rsa1, NULL));
  f->client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_uri, "client-auth", auth,
                            "issuer", f->issuer, "jwks-uri", jwks_uri, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->client));
  g_clear_pointer (&f->token_server, oa2_test_server_free);
  g_clear_pointer (&f->jwks_server, oa2_test_server_free);
  g_free (f->issuer);
  oa2_test_thaw_clock ();
}

/* The claims of a valid ID token of the fixture's server. */
static JsonObject *
claims_for (Fixture *f)
{
  JsonObject *claims = json_object_new ();

  json_object_set_string_member (claims, "iss", f->issuer);
  json_object_set_string_member (claims, "sub", "alice");
  json_object_set_string_member (claims, "aud", CLIENT_ID);
  json_object_set_int_member (claims, "exp", NOW + 600);
  json_object_set_int_member (claims, "iat", NOW - 5);
  return claims;
}

static char *
sign (JsonObject *claims,
      OA2Jwk     *key,
      const char *alg)
{
  g_autoptr(GError) error = NULL;
  char *compact = oa2_jwt_sign_claims (claims, key, alg, NULL, &error);

  g_assert_no_error (error);
  return compact;
}

/* The token endpoint answers with @id_token beside the access token. */
static void
respond_with_id_token (Fixture    *f,
                       const char *id_token)
{
  g_autoptr(JsonObject) body = json_object_new ();
  g_autofree char *json = NULL;

  json_object_set_string_member (body, "access_token", "at-1");
  json_object_set_string_member (body, "token_type", "Bearer");
  json_object_set_int_member (body, "expires_in", 3600);
  json_object_set_string_member (body, "refresh_token", "rt-1");
  if (id_token != NULL)
    json_object_set_string_member (body, "id_token", id_token);
  json = oa2_json_object_to_string (body);
  oa2_test_server_respond (f->token_server, 200, "application/json", json);
}

/* A code exchange through the flows' entry point, with @expectations. */
static OA2BearerToken *
exchange (Fixture                      *f,
          const OA2IdTokenExpectations *expectations,
          GError                      **error)
{
  g_autoptr(GError) form_error = NULL;
  OA2Form *form = oa2_token_form_authorization_code ("the-code", "http://127.0.0.1:5555/cb", VERIFIER, NULL, NULL,
                                                     &form_error);

  g_assert_no_error (form_error);
  return oa2_client_send_token_request (f->client, form, NULL, expectations, NULL, error);
}

static OA2BearerToken *
exchange_async (Fixture                      *f,
                const OA2IdTokenExpectations *expectations,
                GError                      **error)
{
  g_autoptr(GError) form_error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  OA2Form *form = oa2_token_form_authorization_code ("the-code", "http://127.0.0.1:5555/cb", VERIFIER, NULL, NULL,
                                                     &form_error);

  g_assert_no_error (form_error);
  oa2_client_send_token_request_async (f->client, form, NULL, expectations, exchange_async, NULL,
                                       oa2_test_store_result, &result);
  return oa2_client_send_token_request_finish (f->client, oa2_test_wait_result (&result), exchange_async, error);
}

/* Answers @claims signed with @key, then checks the outcome of a code
 * exchange in both flavours: accepted (@code < 0) or refused with @code. */
static void
check_outcome (Fixture                      *f,
               const char                   *id_token,
               const OA2IdTokenExpectations *expectations,
               int                           code)
{
  for (guint flavour = 0; flavour < 2; flavour++)
    {
      g_autoptr(OA2BearerToken) token = NULL;
      g_autoptr(GError) error = NULL;

      respond_with_id_token (f, id_token);
      token = flavour == 0 ? exchange (f, expectations, &error) : exchange_async (f, expectations, &error);
      if (code < 0)
        {
          OA2IdToken *validated;

          g_assert_no_error (error);
          validated = oa2_bearer_token_get_validated_id_token (token);
          g_assert_nonnull (validated);
          g_assert_cmpstr (oa2_id_token_get_compact (validated), ==, id_token);
        }
      else
        {
          g_assert_error (error, OA2_ERROR, code);
          g_test_message ("refused: %s", error->message);
          g_assert_null (token);
        }
    }
}

static void
check_claims (Fixture    *f,
              JsonObject *claims,
              int         code)
{
  g_autofree char *id_token = sign (claims, rsa1, "RS256");

  check_outcome (f, id_token, NULL, code);
}

/* The same token with one bit of its signature flipped, still canonical
 * base64url. */
static char *
tampered (const char *compact)
{
  const char *dot = strrchr (compact, '.');
  g_autoptr(GBytes) signature = oa2_base64url_decode (dot + 1, -1);
  g_autofree guint8 *bytes = NULL;
  g_autofree char *encoded = NULL;
  gsize len;

  g_assert_nonnull (signature);
  bytes = g_bytes_unref_to_data (g_steal_pointer (&signature), &len);
  bytes[len / 2] ^= 0x01;
  encoded = oa2_base64url_encode (bytes, len);
  return g_strdup_printf ("%.*s.%s", (int) (dot - compact), compact, encoded);
}

/* The entry point of the library's flows sends the form it is given, with
 * the client's authentication, in both flavours, and takes the
 * expectations of the authorization request (copied by the async one). */
static void
test_entry_point (void)
{
  g_autoptr(OA2TestServer) server = oa2_test_server_new ();
  g_autofree char *token_uri = oa2_test_server_uri (server, "/token");
  g_autoptr(OA2Client) client = oa2_client_new_with_secret (token_uri, "c1", "s1");
  OA2IdTokenExpectations expectations = OA2_ID_TOKEN_EXPECTATIONS_INIT;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *nonce = g_strdup ("n-0S6_WzA2Mj");
  g_autoptr(GAsyncResult) result = NULL;
  OA2Form *form;

  g_assert_null (expectations.nonce);
  g_assert_cmpint (expectations.max_age, ==, -1);

  oa2_test_server_respond (server, 200, "application/json", TOKEN_JSON);
  form = oa2_token_form_authorization_code ("the-code", "http://127.0.0.1:5555/cb", VERIFIER, NULL, NULL, &error);
  g_assert_no_error (error);
  expectations.nonce = nonce;
  expectations.max_age = 300;
  token = oa2_client_send_token_request (client, form, NULL, &expectations, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");
  /* No ID token, none required, no issuer: nothing to validate. */
  g_assert_null (oa2_bearer_token_get_validated_id_token (token));
  body = oa2_test_server_dup_last_body (server);
  g_assert_cmpstr (body, ==, "grant_type=authorization_code&code=the-code&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2Fcb"
                   "&code_verifier=" VERIFIER "&client_id=c1&client_secret=s1");
  g_clear_object (&token);

  form = oa2_token_form_authorization_code ("the-code", "http://127.0.0.1:5555/cb", VERIFIER, NULL, NULL, &error);
  g_assert_no_error (error);
  oa2_client_send_token_request_async (client, form, NULL, &expectations, test_entry_point, NULL,
                                       oa2_test_store_result, &result);
  /* The async call copied what it needs. */
  memset (nonce, 'x', strlen (nonce));
  token = oa2_client_send_token_request_finish (client, oa2_test_wait_result (&result), test_entry_point, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");
  g_assert_cmpuint (oa2_test_server_get_hits (server), ==, 2);
}

/* oidcc-client-test-idtoken-sig-rs256: a valid RS256 ID token, its
 * claims exposed. */
static void
test_valid_rs256 (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *id_token = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  OA2IdToken *validated;
  const char * const *aud;

  json_object_set_string_member (claims, "acr", "urn:acr:1");
  json_object_set_string_member (claims, "email", "alice@example.com");
  json_object_set_int_member (claims, "auth_time", NOW - 100);
  id_token = sign (claims, rsa1, "RS256");
  respond_with_id_token (f, id_token);
  token = oa2_client_authorization_code (f->client, "the-code", "http://127.0.0.1:5555/cb", VERIFIER,
                                         NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  validated = oa2_bearer_token_get_validated_id_token (token);
  g_assert_nonnull (validated);
  g_assert_cmpstr (oa2_id_token_get_issuer (validated), ==, f->issuer);
  g_assert_cmpstr (oa2_id_token_get_subject (validated), ==, "alice");
  aud = oa2_id_token_get_audience (validated);
  g_assert_cmpstr (aud[0], ==, CLIENT_ID);
  g_assert_null (aud[1]);
  g_assert_cmpint (oa2_id_token_get_expiration (validated), ==, NOW + 600);
  g_assert_cmpint (oa2_id_token_get_issued_at (validated), ==, NOW - 5);
  g_assert_cmpint (oa2_id_token_get_not_before (validated), ==, -1);
  g_assert_cmpint (oa2_id_token_get_auth_time (validated), ==, NOW - 100);
  g_assert_cmpstr (oa2_id_token_get_acr (validated), ==, "urn:acr:1");
  g_assert_null (oa2_id_token_get_nonce (validated));
  g_assert_null (oa2_id_token_get_authorized_party (validated));
  g_assert_cmpstr (oa2_id_token_get_alg (validated), ==, "RS256");
  g_assert_cmpstr (json_node_get_string (oa2_id_token_get_claim (validated, "email")), ==, "alice@example.com");
  g_assert_null (oa2_id_token_get_amr (validated)[0]);
  g_assert_cmpstr (oa2_id_token_get_compact (validated), ==, id_token);

  check_outcome (f, id_token, NULL, -1);
}

/* oidcc-client-test-invalid-sig-rs256 */
static void
test_invalid_signature (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *id_token = sign (claims, rsa1, "RS256");
  g_autofree char *bad = tampered (id_token);

  check_outcome (f, bad, NULL, OA2_ERROR_INVALID_SIGNATURE);
}

/* A key the server does not have signed it (kid of a published key). */
static void
test_signed_by_another_key (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autoptr(OA2Jwk) impostor = with_kid (rsa2, oa2_jwk_get_kid (rsa1));
  g_autofree char *id_token = sign (claims, impostor, "RS256");

  check_outcome (f, id_token, NULL, OA2_ERROR_INVALID_SIGNATURE);
}

/* oidcc-client-test-invalid-sig-es256 (and a valid ES256 token with the
 * client registered for ES256) */
static void
test_es256 (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *id_token = sign (claims, ec1, "ES256");

  serve_keys (f, jwks_json (rsa1, ec1, NULL));
  /* RS256 is the default: an ES256 token is refused until registered. */
  check_outcome (f, id_token, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  oa2_client_set_id_token_signed_response_alg (f->client, "ES256");
  check_outcome (f, id_token, NULL, -1);
  {
    g_autofree char *bad = tampered (id_token);

    check_outcome (f, bad, NULL, OA2_ERROR_INVALID_SIGNATURE);
  }
}

/* The server's supported list is enforced even for the registered alg. */
static void
test_alg_not_supported_by_server (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *id_token = sign (claims, rsa1, "RS256");
  const char *es_only[] = { "ES256", NULL };
  const char *both[] = { "ES256", "RS256", NULL };

  oa2_client_set_id_token_signing_alg_values_supported (f->client, es_only);
  check_outcome (f, id_token, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  oa2_client_set_id_token_signing_alg_values_supported (f->client, both);
  check_outcome (f, id_token, NULL, -1);
}

/* oidcc-client-test-idtoken-sig-none: refused, always. */
static void
test_alg_none (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *payload = oa2_json_object_to_string (claims);
  g_autofree char *payload_b64 = oa2_base64url_encode ((const guint8 *) payload, strlen (payload));
  g_autofree char *id_token = g_strconcat ("eyJhbGciOiJub25lIn0.", payload_b64, ".", NULL);

  check_outcome (f, id_token, NULL, OA2_ERROR_UNSECURED_TOKEN);
  oa2_client_set_id_token_signed_response_alg (f->client, "none");
  check_outcome (f, id_token, NULL, OA2_ERROR_UNSECURED_TOKEN);
}

/* oidcc-client-test-invalid-sig-hs256 and a valid HS256 token keyed with
 * the client secret. */
static void
test_hs256 (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) secret_key = NULL;
  g_autoptr(OA2Jwk) wrong_key = NULL;
  g_autofree char *k = oa2_base64url_encode ((const guint8 *) SECRET, strlen (SECRET));
  g_autofree char *wrong_k = oa2_base64url_encode ((const guint8 *) "another-secret-of-at-least-32-bytes", 35);
  g_autofree char *jwk = g_strdup_printf ("{\"kty\":\"oct\",\"k\":\"%s\"}", k);
  g_autofree char *wrong_jwk = g_strdup_printf ("{\"kty\":\"oct\",\"k\":\"%s\"}", wrong_k);
  g_autofree char *id_token = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *token_uri = oa2_test_server_uri (f->token_server, "/token");
  g_autoptr(OA2PublicApp) public_auth = oa2_public_app_new (CLIENT_ID);
  g_autoptr(OA2Client) public_client = NULL;
  g_autoptr(OA2BearerToken) token = NULL;

  secret_key = oa2_jwk_new_from_json (jwk, &error);
  g_assert_no_error (error);
  wrong_key = oa2_jwk_new_from_json (wrong_jwk, &error);
  g_assert_no_error (error);
  id_token = sign (claims, secret_key, "HS256");
  forged = sign (claims, wrong_key, "HS256");

  oa2_client_set_id_token_signed_response_alg (f->client, "HS256");
  check_outcome (f, id_token, NULL, -1);
  check_outcome (f, forged, NULL, OA2_ERROR_INVALID_SIGNATURE);
  /* HS256 is not RS256: refused when not registered. */
  oa2_client_set_id_token_signed_response_alg (f->client, NULL);
  check_outcome (f, id_token, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);

  /* A public client has no secret to verify HMAC with. */
  public_client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_uri, "client-auth", public_auth,
                                "issuer", f->issuer, "id-token-signed-response-alg", "HS256", NULL);
  respond_with_id_token (f, id_token);
  token = oa2_client_refresh_token (public_client, "rt", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY);
  g_assert_null (token);
}

/* HMAC with a key of the server's (public) set is never accepted: the
 * oct keys of a served set are ignored. */
static void
test_hs256_with_server_key_refused (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) oct = oa2_jwk_new_from_json ("{\"kty\":\"oct\",\"kid\":\"o\",\"k\":"
                                                 "\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}",
                                                 &error);
  g_autofree char *id_token = NULL;
  g_autofree char *token_uri = oa2_test_server_uri (f->token_server, "/token");
  g_autofree char *jwks_uri = oa2_test_server_uri (f->jwks_server, "/jwks");
  g_autoptr(OA2PublicApp) public_auth = oa2_public_app_new (CLIENT_ID);
  g_autoptr(OA2Client) public_client = NULL;
  g_autoptr(OA2BearerToken) token = NULL;

  g_assert_no_error (error);
  id_token = sign (claims, oct, "HS256");
  serve_keys (f, g_strdup_printf ("{\"keys\":[%s]}", "{\"kty\":\"oct\",\"kid\":\"o\",\"k\":"
                                  "\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}"));
  public_client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_uri, "client-auth", public_auth,
                                "issuer", f->issuer, "jwks-uri", jwks_uri,
                                "id-token-signed-response-alg", "HS256", NULL);
  respond_with_id_token (f, id_token);
  token = oa2_client_refresh_token (public_client, "rt", NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY);
  g_assert_null (token);
}

/* oidcc-client-test-invalid-iss */
static void
test_invalid_iss (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *other = g_strconcat (f->issuer, "/", NULL);

  json_object_set_string_member (claims, "iss", other);
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);
  json_object_remove_member (claims, "iss");
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);
}

/* oidcc-client-test-invalid-aud, oidcc-client-test-missing-aud */
static void
test_invalid_aud (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);

  json_object_set_string_member (claims, "aud", "someone-else");
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);
  json_object_remove_member (claims, "aud");
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);
  json_object_set_int_member (claims, "aud", 7);
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);
}

/* OIDC Core §3.1.3.7 items 4 and 5. */
static void
test_azp (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  JsonArray *aud = json_array_new ();

  json_array_add_string_element (aud, CLIENT_ID);
  json_array_add_string_element (aud, "other-rp");
  json_object_set_array_member (claims, "aud", aud);
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);     /* several audiences, no azp */
  json_object_set_string_member (claims, "azp", "other-rp");
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);     /* azp is not us */
  json_object_set_string_member (claims, "azp", CLIENT_ID);
  check_claims (f, claims, -1);
  json_object_set_string_member (claims, "aud", CLIENT_ID);
  json_object_set_string_member (claims, "azp", "other-rp");
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);     /* one audience, wrong azp */
}

/* oidcc-client-test-missing-sub */
static void
test_missing_sub (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);

  json_object_remove_member (claims, "sub");
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);
  json_object_set_string_member (claims, "sub", "");
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);
}

/* oidcc-client-test-missing-iat, and exp / iat / nbf with the leeway. */
static void
test_times (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);

  json_object_remove_member (claims, "iat");
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);
  json_object_set_string_member (claims, "iat", "yesterday");
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);
  json_object_set_int_member (claims, "iat", NOW + 59);     /* within the 60 s leeway */
  check_claims (f, claims, -1);
  json_object_set_int_member (claims, "iat", NOW + 61);
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);
  json_object_set_int_member (claims, "iat", NOW - 5);

  json_object_remove_member (claims, "exp");
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);
  json_object_set_int_member (claims, "exp", NOW - 59);     /* expired, but within the leeway */
  check_claims (f, claims, -1);
  json_object_set_int_member (claims, "exp", NOW - 61);
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);
  oa2_client_set_id_token_leeway (f->client, 120);
  check_claims (f, claims, -1);
  oa2_client_set_id_token_leeway (f->client, 0);
  json_object_set_int_member (claims, "exp", NOW + 600);

  json_object_set_int_member (claims, "nbf", NOW + 10);
  check_claims (f, claims, OA2_ERROR_INVALID_CLAIM);
  json_object_set_int_member (claims, "nbf", NOW);
  check_claims (f, claims, -1);
}

/* oidcc-client-test-nonce-invalid, and a nonce sent but not returned. */
static void
test_nonce (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  OA2IdTokenExpectations expectations = OA2_ID_TOKEN_EXPECTATIONS_INIT;
  g_autofree char *without = sign (claims, rsa1, "RS256");
  g_autofree char *wrong = NULL;
  g_autofree char *right = NULL;

  json_object_set_string_member (claims, "nonce", "n-other");
  wrong = sign (claims, rsa1, "RS256");
  json_object_set_string_member (claims, "nonce", "n-0S6_WzA2Mj");
  right = sign (claims, rsa1, "RS256");

  expectations.nonce = "n-0S6_WzA2Mj";
  check_outcome (f, right, &expectations, -1);
  check_outcome (f, wrong, &expectations, OA2_ERROR_INVALID_CLAIM);
  check_outcome (f, without, &expectations, OA2_ERROR_INVALID_CLAIM);
  /* No nonce sent: whatever the token says is not checked. */
  check_outcome (f, wrong, NULL, -1);
}

/* max_age: auth_time required, and not older than max_age. */
static void
test_max_age (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  OA2IdTokenExpectations expectations = OA2_ID_TOKEN_EXPECTATIONS_INIT;
  g_autofree char *without = sign (claims, rsa1, "RS256");
  g_autofree char *recent = NULL;
  g_autofree char *old = NULL;

  json_object_set_int_member (claims, "auth_time", NOW - 200);
  recent = sign (claims, rsa1, "RS256");
  json_object_set_int_member (claims, "auth_time", NOW - 400);
  old = sign (claims, rsa1, "RS256");

  expectations.max_age = 300;
  check_outcome (f, recent, &expectations, -1);
  check_outcome (f, without, &expectations, OA2_ERROR_INVALID_CLAIM);
  check_outcome (f, old, &expectations, OA2_ERROR_INVALID_CLAIM);
  expectations.max_age = 0;      /* prompt for a fresh login: the leeway only */
  check_outcome (f, recent, &expectations, OA2_ERROR_INVALID_CLAIM);
}

/* An ID token is required when the authorization request asked for one. */
static void
test_id_token_required (Fixture       *f,
                        gconstpointer  data)
{
  OA2IdTokenExpectations expectations = OA2_ID_TOKEN_EXPECTATIONS_INIT;

  expectations.id_token_required = TRUE;
  check_outcome (f, NULL, &expectations, OA2_ERROR_MISSING_MEMBER);
}

static char *
left_half_b64 (OA2Digest   digest,
               const char *value)
{
  guint8 out[64];

  oa2_crypto_digest (digest, (const guint8 *) value, strlen (value), out);
  return oa2_base64url_encode (out, oa2_digest_size (digest) / 2);
}

/* oidcc-client-test-invalid-athash, -invalid-chash: the hashes, when
 * present, must match the access token and the code. */
static void
test_hashes (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  OA2IdTokenExpectations expectations = OA2_ID_TOKEN_EXPECTATIONS_INIT;
  g_autofree char *at_hash = left_half_b64 (OA2_DIGEST_SHA256, "at-1");
  g_autofree char *c_hash = left_half_b64 (OA2_DIGEST_SHA256, "the-code");
  g_autofree char *wrong = left_half_b64 (OA2_DIGEST_SHA256, "at-2");

  expectations.code = "the-code";
  json_object_set_string_member (claims, "at_hash", at_hash);
  json_object_set_string_member (claims, "c_hash", c_hash);
  {
    g_autofree char *id_token = sign (claims, rsa1, "RS256");
    check_outcome (f, id_token, &expectations, -1);
  }
  json_object_set_string_member (claims, "at_hash", wrong);
  {
    g_autofree char *id_token = sign (claims, rsa1, "RS256");
    check_outcome (f, id_token, &expectations, OA2_ERROR_INVALID_CLAIM);
  }
  json_object_set_string_member (claims, "at_hash", at_hash);
  json_object_set_string_member (claims, "c_hash", wrong);
  {
    g_autofree char *id_token = sign (claims, rsa1, "RS256");
    check_outcome (f, id_token, &expectations, OA2_ERROR_INVALID_CLAIM);
  }
}

/* EdDSA with Ed25519: the hashes are SHA-512's left half. */
static void
test_eddsa_hash (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *at_hash = left_half_b64 (OA2_DIGEST_SHA512, "at-1");
  g_autofree char *sha256 = left_half_b64 (OA2_DIGEST_SHA256, "at-1");

  serve_keys (f, jwks_json (ed1, NULL));
  oa2_client_set_id_token_signed_response_alg (f->client, "EdDSA");
  json_object_set_string_member (claims, "at_hash", at_hash);
  {
    g_autofree char *id_token = sign (claims, ed1, "EdDSA");
    check_outcome (f, id_token, NULL, -1);
  }
  json_object_set_string_member (claims, "at_hash", sha256);
  {
    g_autofree char *id_token = sign (claims, ed1, "EdDSA");
    check_outcome (f, id_token, NULL, OA2_ERROR_INVALID_CLAIM);
  }
}

/* Ed448: SHAKE256 with 114 bytes of output, its left half; the primitive
 * against Python's hashlib on "abc". */
static void
test_ed448_hash (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autoptr(OA2Jwk) ed448 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = oa2_jwk_generate ("Ed448", &error);
  guint8 out[114];
  g_autofree char *hex = NULL;
  g_autofree char *at_hash = NULL;

  oa2_crypto_shake256 ((const guint8 *) "abc", 3, out, sizeof out);
  hex = g_strdup_printf ("%02x%02x%02x%02x%02x%02x%02x%02x", out[0], out[1], out[2], out[3], out[4], out[5], out[6],
                         out[7]);
  g_assert_cmpstr (hex, ==, SHAKE256_ABC_PREFIX);

  g_assert_no_error (error);
  ed448 = with_kid (key, "ed448-1");
  oa2_crypto_shake256 ((const guint8 *) "at-1", 4, out, sizeof out);
  at_hash = oa2_base64url_encode (out, sizeof out / 2);
  serve_keys (f, jwks_json (ed448, NULL));
  oa2_client_set_id_token_signed_response_alg (f->client, "Ed448");
  json_object_set_string_member (claims, "at_hash", at_hash);
  {
    g_autofree char *id_token = sign (claims, ed448, "Ed448");
    check_outcome (f, id_token, NULL, -1);
  }
  json_object_set_string_member (claims, "at_hash", "AAAA");
  {
    g_autofree char *id_token = sign (claims, ed448, "Ed448");
    check_outcome (f, id_token, NULL, OA2_ERROR_INVALID_CLAIM);
  }
}

/* oidcc-client-test-kid-absent-single-jwks */
static void
test_kid_absent_single_key (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(OA2Jwk) bare = NULL;
  g_autoptr(JsonObject) object = oa2_jwk_to_json_object (rsa1, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *id_token = NULL;

  json_object_remove_member (object, "kid");
  bare = oa2_jwk_new_from_json_object (object, &error);
  g_assert_no_error (error);
  id_token = oa2_jwt_sign_claims (claims, bare, "RS256", NULL, &error);
  g_assert_no_error (error);
  g_assert_false (strstr (id_token, "kid") != NULL);
  /* One RSA key beside an EC one: the only key that fits. */
  serve_keys (f, jwks_json (rsa1, ec1, NULL));
  check_outcome (f, id_token, NULL, -1);
}

/* oidcc-client-test-kid-absent-multiple-jwks: refused, not guessed. */
static void
test_kid_absent_several_keys (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autoptr(OA2Jwk) bare = NULL;
  g_autoptr(JsonObject) object = oa2_jwk_to_json_object (rsa1, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *id_token = NULL;

  json_object_remove_member (object, "kid");
  bare = oa2_jwk_new_from_json_object (object, &error);
  g_assert_no_error (error);
  id_token = oa2_jwt_sign_claims (claims, bare, "RS256", NULL, &error);
  g_assert_no_error (error);
  serve_keys (f, jwks_json (rsa1, rsa2, NULL));
  check_outcome (f, id_token, NULL, OA2_ERROR_NO_MATCHING_KEY);
}

/* oidcc-client-test-signing-key-rotation(-just-before-signing): an unknown
 * kid refetches the keys once; a second unknown kid within the rate
 * limit does not. */
static void
test_key_rotation (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *first = sign (claims, rsa1, "RS256");
  g_autofree char *rotated = sign (claims, rsa2, "RS256");
  g_autoptr(OA2Jwk) unknown = with_kid (rsa1, "never-published");
  g_autofree char *made_up = sign (claims, unknown, "RS256");

  check_outcome (f, first, NULL, -1);
  g_assert_cmpuint (oa2_test_server_get_hits (f->jwks_server), ==, 1);

  serve_keys (f, jwks_json (rsa2, NULL));
  check_outcome (f, rotated, NULL, -1);
  g_assert_cmpuint (oa2_test_server_get_hits (f->jwks_server), ==, 2);

  /* Rate-limited: no fetch for a made-up kid right after. */
  check_outcome (f, made_up, NULL, OA2_ERROR_NO_MATCHING_KEY);
  g_assert_cmpuint (oa2_test_server_get_hits (f->jwks_server), ==, 2);
  /* After the interval, one fetch for it (the TTL has not run out). */
  oa2_test_freeze_clock (NOW + 61);
  check_outcome (f, made_up, NULL, OA2_ERROR_NO_MATCHING_KEY);
  g_assert_cmpuint (oa2_test_server_get_hits (f->jwks_server), ==, 3);
}

/* The key set is fetched once while cached, again when its max-age ran
 * out, bounded. */
static void
test_jwks_cached (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *id_token = NULL;

  json_object_set_int_member (claims, "exp", NOW + 100000);
  id_token = sign (claims, rsa1, "RS256");
  oa2_test_server_add_response_header (f->jwks_server, "Cache-Control", "public, max-age=3600");
  for (guint i = 0; i < 3; i++)
    check_outcome (f, id_token, NULL, -1);
  g_assert_cmpuint (oa2_test_server_get_hits (f->jwks_server), ==, 1);
  oa2_test_freeze_clock (NOW + 3599);
  check_outcome (f, id_token, NULL, -1);
  g_assert_cmpuint (oa2_test_server_get_hits (f->jwks_server), ==, 1);
  oa2_test_freeze_clock (NOW + 3600);
  check_outcome (f, id_token, NULL, -1);
  g_assert_cmpuint (oa2_test_server_get_hits (f->jwks_server), ==, 2);
}

/* Without Cache-Control: five minutes. */
static void
test_jwks_default_ttl (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *id_token = NULL;

  json_object_set_int_member (claims, "exp", NOW + 100000);
  id_token = sign (claims, rsa1, "RS256");
  check_outcome (f, id_token, NULL, -1);
  oa2_test_freeze_clock (NOW + 299);
  check_outcome (f, id_token, NULL, -1);
  g_assert_cmpuint (oa2_test_server_get_hits (f->jwks_server), ==, 1);
  oa2_test_freeze_clock (NOW + 300);
  check_outcome (f, id_token, NULL, -1);
  g_assert_cmpuint (oa2_test_server_get_hits (f->jwks_server), ==, 2);
}

/* Concurrent validations share one request for the keys. */
static void
test_jwks_single_flight (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *id_token = sign (claims, rsa1, "RS256");
  GAsyncResult *results[3] = { NULL, };

  respond_with_id_token (f, id_token);
  oa2_test_server_set_delay (f->jwks_server, 200);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    oa2_client_refresh_token_async (f->client, "rt", NULL, NULL, NULL, NULL, NULL,
                                    oa2_test_store_result, &results[i]);
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2BearerToken) token =
        oa2_client_refresh_token_finish (f->client, oa2_test_wait_result (&results[i]), &error);

      g_assert_no_error (error);
      g_assert_nonnull (oa2_bearer_token_get_validated_id_token (token));
      g_clear_object (&results[i]);
    }
  g_assert_cmpuint (oa2_test_server_get_hits (f->jwks_server), ==, 1);
}

/* A broken key set endpoint fails the validation with its error. */
static void
test_jwks_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *id_token = sign (claims, rsa1, "RS256");

  oa2_test_server_respond (f->jwks_server, 500, "text/plain", "oops");
  check_outcome (f, id_token, NULL, OA2_ERROR_UNEXPECTED_STATUS);
  oa2_test_server_respond (f->jwks_server, 200, "application/json", "{\"keys\":7}");
  check_outcome (f, id_token, NULL, OA2_ERROR_INVALID_KEY);
}

/* oidcc-client-test-refresh-token-invalid-sub / -invalid-issuer: a
 * refreshed ID token continues the original one. */
static void
test_refresh_continuity (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *original = NULL;
  g_autoptr(OA2BearerToken) first = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_int_member (claims, "auth_time", NOW - 100);
  original = sign (claims, rsa1, "RS256");
  respond_with_id_token (f, original);
  first = oa2_client_authorization_code (f->client, "the-code", "http://127.0.0.1:5555/cb", VERIFIER,
                                         NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint variant = 0; variant < 5; variant++)
    {
      g_autoptr(JsonObject) renewed = claims_for (f);
      g_autoptr(OA2BearerToken) second = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *id_token = NULL;
      gboolean accepted = variant == 0 || variant == 4;

      json_object_set_int_member (renewed, "auth_time", NOW - 100);
      json_object_set_int_member (renewed, "iat", NOW);
      if (variant == 1)
        json_object_set_string_member (renewed, "sub", "mallory");
      else if (variant == 2)
        json_object_set_int_member (renewed, "auth_time", NOW - 50);
      else if (variant == 3)
        {
          JsonArray *aud = json_array_new ();

          json_array_add_string_element (aud, CLIENT_ID);
          json_array_add_string_element (aud, "other");
          json_object_set_array_member (renewed, "aud", aud);
          json_object_set_string_member (renewed, "azp", CLIENT_ID);
        }
      else if (variant == 4)
        json_object_remove_member (renewed, "auth_time");   /* may be left out */
      id_token = sign (renewed, rsa1, "RS256");
      respond_with_id_token (f, id_token);

      second = oa2_client_refresh (f->client, first, NULL, NULL, NULL, NULL, &error);
      if (accepted)
        g_assert_no_error (error);
      else
        g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM);
      g_clear_error (&error);
      g_clear_object (&second);

      oa2_client_refresh_async (f->client, first, NULL, NULL, NULL, NULL, oa2_test_store_result, &result);
      second = oa2_client_refresh_finish (f->client, oa2_test_wait_result (&result), &error);
      if (accepted)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (oa2_id_token_get_subject (oa2_bearer_token_get_validated_id_token (second)), ==,
                           "alice");
        }
      else
        g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM);
      g_clear_error (&error);
    }
}

/* Encrypted ID tokens: decrypted with the client's keys when it expects
 * them, refused otherwise, and an unencrypted one refused when it does. */
static void
test_encrypted (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *signed_token = sign (claims, rsa1, "RS256");
  g_autoptr(GBytes) plaintext = g_bytes_new (signed_token, strlen (signed_token));
  g_autoptr(OA2Jwk) public_enc = oa2_jwk_dup_public (rsa_enc);
  g_autoptr(OA2Jwks) keys = oa2_jwks_new (&rsa_enc, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *encrypted = oa2_jwe_encrypt (plaintext, public_enc, "RSA-OAEP-256", "A128CBC-HS256", NULL, &error);

  g_assert_no_error (error);
  check_outcome (f, encrypted, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  oa2_client_set_id_token_encrypted_response_alg (f->client, "RSA-OAEP-256");
  check_outcome (f, encrypted, NULL, OA2_ERROR_NO_MATCHING_KEY);
  oa2_client_set_id_token_decryption_keys (f->client, keys);
  check_outcome (f, encrypted, NULL, -1);
  check_outcome (f, signed_token, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  oa2_client_set_id_token_encrypted_response_enc (f->client, "A256GCM");
  check_outcome (f, encrypted, NULL, OA2_ERROR_UNSUPPORTED_ALGORITHM);
}

/* A client without an issuer is not an OpenID client: nothing validated. */
static void
test_not_openid_client (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *token_uri = oa2_test_server_uri (f->token_server, "/token");
  g_autoptr(OA2Client) plain = oa2_client_new_with_secret (token_uri, CLIENT_ID, SECRET);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  respond_with_id_token (f, "not.even.ajwt");
  token = oa2_client_client_credentials (plain, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (oa2_bearer_token_get_validated_id_token (token));
  g_assert_cmpstr (oa2_bearer_token_get_id_token (token), ==, "not.even.ajwt");
  /* Expectations of an authorization request are not skipped silently. */
  {
    OA2IdTokenExpectations expectations = OA2_ID_TOKEN_EXPECTATIONS_INIT;
    g_autoptr(OA2BearerToken) refused = NULL;
    g_autoptr(GError) form_error = NULL;
    OA2Form *form = oa2_token_form_authorization_code ("the-code", "http://127.0.0.1:5555/cb", VERIFIER, NULL, NULL,
                                                       &form_error);

    g_assert_no_error (form_error);
    expectations.nonce = "n-1";
    refused = oa2_client_send_token_request (plain, form, NULL, &expectations, NULL, &error);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
    g_assert_null (refused);
    g_clear_error (&error);
  }
  /* An OpenID client refuses it, for any grant. */
  g_clear_object (&token);
  token = oa2_client_client_credentials (f->client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  g_assert_null (token);
}

/* oa2_client_validate_id_token(): an ID token from elsewhere, with static
 * keys (server-jwks) too. */
static void
test_validate_id_token (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) claims = claims_for (f);
  g_autofree char *id_token = NULL;
  g_autoptr(OA2IdToken) validated = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(OA2Client) offline = NULL;
  g_autoptr(OA2PublicApp) auth = oa2_public_app_new (CLIENT_ID);
  g_autoptr(OA2Jwk) public1 = oa2_jwk_dup_public (rsa1);
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new (&public1, 1);

  json_object_set_string_member (claims, "nonce", "n1");
  json_object_set_int_member (claims, "auth_time", NOW - 10);
  id_token = sign (claims, rsa1, "RS256");

  validated = oa2_client_validate_id_token (f->client, id_token, "n1", 60, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_id_token_get_nonce (validated), ==, "n1");
  g_clear_object (&validated);
  validated = oa2_client_validate_id_token (f->client, id_token, "n2", -1, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM);
  g_clear_error (&error);

  oa2_client_validate_id_token_async (f->client, id_token, "n1", -1, NULL, oa2_test_store_result, &result);
  validated = oa2_client_validate_id_token_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&validated);
  g_clear_object (&result);
  oa2_client_validate_id_token_async (f->client, id_token, "n2", -1, NULL, oa2_test_store_result, &result);
  validated = oa2_client_validate_id_token_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM);
  g_clear_error (&error);
  g_clear_object (&result);

  /* No jwks_uri, no token endpoint: the keys given by hand. */
  offline = g_object_new (OA2_TYPE_CLIENT, "client-auth", auth, "issuer", f->issuer, NULL);
  validated = oa2_client_validate_id_token (offline, id_token, NULL, -1, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY);
  g_clear_error (&error);
  oa2_client_set_server_jwks (offline, jwks);
  validated = oa2_client_validate_id_token (offline, id_token, NULL, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_id_token_get_subject (validated), ==, "alice");
}

static OA2Jwk *
generate (const char *alg,
          const char *kid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = oa2_jwk_generate (alg, &error);

  g_assert_no_error (error);
  return with_kid (key, kid);
}

int
main (int argc, char **argv)
{
  int status;

  oa2_test_init (&argc, &argv);

  rsa1 = generate ("RS256", "rsa-1");
  rsa2 = generate ("RS256", "rsa-2");
  ec1 = generate ("ES256", "ec-1");
  ed1 = generate ("EdDSA", "ed-1");
  rsa_enc = generate ("RSA-OAEP-256", "enc-1");

  g_test_add_func ("/id-token/entry-point", test_entry_point);
#define ADD(path, func) \
  g_test_add ("/id-token/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("idtoken-sig-rs256", test_valid_rs256);
  ADD ("invalid-sig-rs256", test_invalid_signature);
  ADD ("signed-by-another-key", test_signed_by_another_key);
  ADD ("invalid-sig-es256", test_es256);
  ADD ("alg-not-supported-by-server", test_alg_not_supported_by_server);
  ADD ("idtoken-sig-none", test_alg_none);
  ADD ("invalid-sig-hs256", test_hs256);
  ADD ("hs256-server-key-refused", test_hs256_with_server_key_refused);
  ADD ("invalid-iss", test_invalid_iss);
  ADD ("invalid-aud", test_invalid_aud);
  ADD ("azp", test_azp);
  ADD ("missing-sub", test_missing_sub);
  ADD ("missing-iat-and-times", test_times);
  ADD ("nonce-invalid", test_nonce);
  ADD ("max-age", test_max_age);
  ADD ("id-token-required", test_id_token_required);
  ADD ("invalid-athash-chash", test_hashes);
  ADD ("eddsa-hash", test_eddsa_hash);
  ADD ("ed448-hash", test_ed448_hash);
  ADD ("kid-absent-single-jwks", test_kid_absent_single_key);
  ADD ("kid-absent-multiple-jwks", test_kid_absent_several_keys);
  ADD ("signing-key-rotation", test_key_rotation);
  ADD ("jwks-cached", test_jwks_cached);
  ADD ("jwks-default-ttl", test_jwks_default_ttl);
  ADD ("jwks-single-flight", test_jwks_single_flight);
  ADD ("jwks-errors", test_jwks_errors);
  ADD ("refresh-token-continuity", test_refresh_continuity);
  ADD ("encrypted", test_encrypted);
  ADD ("not-openid-client", test_not_openid_client);
  ADD ("validate-id-token", test_validate_id_token);
#undef ADD

  status = g_test_run ();
  g_clear_object (&rsa1);
  g_clear_object (&rsa2);
  g_clear_object (&ec1);
  g_clear_object (&ed1);
  g_clear_object (&rsa_enc);
  return status;
}
