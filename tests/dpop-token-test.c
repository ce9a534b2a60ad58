/* dpop-token-test.c: DPoP-bound tokens, at the token endpoint and at
 * resource servers (RFC 9449)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"
#include "oa2-test-request-log.h"
#include "oa2-test-thread-server.h"

#include <string.h>

#include "oa2-dpop-nonces-private.h"

#define FROZEN_IAT 1562262616
#define ACCESS_TOKEN "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"
/* RFC 9449 §7.1: the ath of ACCESS_TOKEN. */
#define ACCESS_TOKEN_ATH "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"
#define DPOP_RESPONSE "{\"access_token\":\"" ACCESS_TOKEN "\",\"token_type\":\"DPoP\",\"expires_in\":3600," \
                      "\"refresh_token\":\"rt-1\"}"

/* ---------------------------------------------------------------------- */
/* A server that answers as each test scripts it, in its own thread, and
 * keeps the request headers and paths of every hit. */

typedef struct _Server Server;
typedef void (*ServerScript) (Server            *server,
                              guint              hit,
                              SoupServerMessage *msg);

struct _Server {
  OA2TestThreadServer *thread;
  guint         port;
  ServerScript  script;
  gpointer      data;
  OA2TestRequestLog *seen;
};

static void
server_handle (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Server *server = user_data;

  /* Only this thread adds: the count is this request's number. */
  oa2_test_request_log_add (server->seen, msg);
  server->script (server, oa2_test_request_log_get_count (server->seen), msg);
}

static Server *
server_new (ServerScript script,
            gpointer     data)
{
  Server *server = g_new0 (Server, 1);

  server->script = script;
  server->data = data;
  server->seen = oa2_test_request_log_new ();
  server->thread = oa2_test_thread_server_new (server_handle, server);
  server->port = oa2_test_thread_server_get_port (server->thread);
  return server;
}

static void
server_free (Server *server)
{
  oa2_test_thread_server_free (server->thread);
  oa2_test_request_log_free (server->seen);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

static char *
server_uri (Server     *server,
            const char *path)
{
  return oa2_test_thread_server_uri (server->thread, path);
}

static guint
server_hits (Server *server)
{
  return oa2_test_request_log_get_count (server->seen);
}

/* A request header of hit @hit (from 1), or NULL. */
static char *
server_header (Server     *server,
               guint       hit,
               const char *name)
{
  g_assert_cmpuint (hit, >=, 1);
  return g_strdup (oa2_test_request_header (oa2_test_request_log_get (server->seen, hit - 1), name));
}

/* A form parameter of the request body of hit @hit (from 1), or NULL. */
static char *
server_form_param (Server     *server,
                   guint       hit,
                   const char *name)
{
  g_autoptr(GHashTable) form = NULL;

  g_assert_cmpuint (hit, >=, 1);
  form = soup_form_decode (oa2_test_request_log_get (server->seen, hit - 1)->body);
  return g_strdup (g_hash_table_lookup (form, name));
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, json, strlen (json));
}

/* ---------------------------------------------------------------------- */
/* Keys with a frozen clock and predictable jtis: "jti-1", "jti-2"… */

static char *
counting_jti (gpointer user_data)
{
  guint *counter = user_data;

  return g_strdup_printf ("jti-%u", ++*counter);
}

static gint64
frozen_iat (gpointer user_data)
{
  return FROZEN_IAT;
}

static OA2DPoPKey *
test_key (void)
{
  g_autoptr(GError) error = NULL;
  OA2DPoPKey *key = oa2_dpop_key_generate (NULL, &error);

  g_assert_no_error (error);
  oa2_dpop_key_set_jti_func (key, counting_jti, g_new0 (guint, 1), g_free);
  oa2_dpop_key_set_iat_func (key, frozen_iat, NULL, NULL);
  return key;
}

/* Verifies @proof with @key's public half and returns its claims as JSON
 * text, members in order. */
static char *
verified_claims (OA2DPoPKey *key,
                 const char *proof)
{
  const char * const allowed[] = { oa2_dpop_key_get_alg (key), NULL };
  g_autoptr(OA2Jwk) public_key = oa2_dpop_key_dup_public_jwk (key);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  GBytes *payload;

  g_assert_nonnull (proof);
  jwt = oa2_jwt_new_from_compact (proof, &error);
  g_assert_no_error (error);
  g_assert_true (oa2_jwt_verify (jwt, public_key, allowed, &error));
  g_assert_no_error (error);
  g_assert_true (oa2_jwt_check_typ (jwt, "dpop+jwt", &error));
  g_assert_no_error (error);
  payload = oa2_jwt_get_payload (jwt);
  return g_strndup (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
}

static OA2Client *
public_client (Server *server)
{
  g_autofree char *token_endpoint = server_uri (server, "/token");

  return oa2_client_new_public (token_endpoint, "dpop-client");
}

/* ---------------------------------------------------------------------- */
/* The token endpoint */

static void
script_dpop_token (Server            *server,
                   guint              hit,
                   SoupServerMessage *msg)
{
  respond_json (msg, 200, server->data != NULL ? server->data : DPOP_RESPONSE);
}

/* The proof on a token request: htm, htu without the query, iat and jti,
 * no ath (there is no token yet) and no nonce (none was asked for); the
 * answer is an OA2DPoPToken bound to the key, token_type in any case. */
static void
test_token_request_proof (void)
{
  g_autoptr(Server) server = server_new (script_dpop_token,
                                         "{\"access_token\":\"" ACCESS_TOKEN "\",\"token_type\":\"dpop\"}");
  g_autofree char *endpoint = server_uri (server, "/token?tenant=a");
  g_autoptr(OA2Client) client = oa2_client_new_public (endpoint, "dpop-client");
  g_autoptr(OA2DPoPKey) key = test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *claims = NULL;
  g_autofree char *expected = NULL;

  token = oa2_client_client_credentials (client, "read", NULL, NULL, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (token));
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "DPoP");
  g_assert_true (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (token)) == key);

  g_assert_cmpuint (server_hits (server), ==, 1);
  proof = server_header (server, 1, "DPoP");
  claims = verified_claims (key, proof);
  expected = g_strdup_printf ("{\"jti\":\"jti-1\",\"htm\":\"POST\",\"htu\":\"http://127.0.0.1:%u/token\","
                              "\"iat\":%d}", server->port, FROZEN_IAT);
  g_assert_cmpstr (claims, ==, expected);

  /* The header: alg, typ and the public key's RFC 7638 members, nothing
   * else; and no Authorization header, for a public client. */
  {
    g_autoptr(OA2Jwk) public_key = oa2_dpop_key_dup_public_jwk (key);
    g_autoptr(GBytes) header = oa2_test_jws_get_part (proof, 0);
    g_autofree char *header_text = g_strndup (g_bytes_get_data (header, NULL), g_bytes_get_size (header));
    g_autofree char *expected_header = NULL;
    g_autofree char *authorization = server_header (server, 1, "Authorization");
    g_autoptr(JsonObject) jwk = oa2_jwk_to_json_object (public_key, FALSE);

    expected_header = g_strdup_printf ("{\"alg\":\"ES256\",\"typ\":\"dpop+jwt\",\"jwk\":{\"kty\":\"EC\","
                                       "\"crv\":\"P-256\",\"x\":\"%s\",\"y\":\"%s\"}}",
                                       json_object_get_string_member (jwk, "x"),
                                       json_object_get_string_member (jwk, "y"));
    g_assert_cmpstr (header_text, ==, expected_header);
    g_assert_null (authorization);
  }
}

/* The same through the asynchronous variant. */
static void
test_token_request_async (void)
{
  g_autoptr(Server) server = server_new (script_dpop_token, NULL);
  g_autoptr(OA2Client) client = public_client (server);
  g_autoptr(OA2DPoPKey) key = test_key ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *claims = NULL;

  oa2_client_refresh_token_async (client, "rt-0", NULL, NULL, NULL, key, NULL, oa2_test_store_result, &result);
  token = oa2_client_refresh_token_finish (client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (token));
  g_assert_cmpstr (oa2_bearer_token_get_refresh_token (token), ==, "rt-1");
  proof = server_header (server, 1, "DPoP");
  claims = verified_claims (key, proof);
  g_assert_nonnull (strstr (claims, "\"htm\":\"POST\""));
}

/* RFC 9449 §5: asking for DPoP and getting Bearer, or no token_type, is
 * an error; unless the application allows the downgrade. */
static void
test_token_type_mismatch (void)
{
  static const char * const answers[] = {
    "{\"access_token\":\"" ACCESS_TOKEN "\",\"token_type\":\"Bearer\"}",
    "{\"access_token\":\"" ACCESS_TOKEN "\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr(Server) server = server_new (script_dpop_token, (gpointer) answers[i]);
      g_autoptr(OA2Client) client = public_client (server);
      g_autoptr(OA2DPoPKey) key = test_key ();
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2BearerToken) token = NULL;

      token = oa2_client_client_credentials (client, NULL, NULL, NULL, key, NULL, &error);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_TOKEN_TYPE_MISMATCH);
      g_assert_null (token);
      g_clear_error (&error);

      /* allow-missing-token-type does not turn a missing type into DPoP. */
      oa2_client_set_allow_missing_token_type (client, TRUE);
      token = oa2_client_client_credentials (client, NULL, NULL, NULL, key, NULL, &error);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_TOKEN_TYPE_MISMATCH);
      g_clear_error (&error);

      oa2_client_set_allow_dpop_downgrade (client, TRUE);
      token = oa2_client_client_credentials (client, NULL, NULL, NULL, key, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (OA2_IS_DPOP_TOKEN (token));
      g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");
    }
}

/* A server's DPoP token without a DPoP request: the library cannot use
 * it, for it has no key to prove with. */
static void
test_unrequested_dpop_token (void)
{
  g_autoptr(Server) server = server_new (script_dpop_token, NULL);
  g_autoptr(OA2Client) client = public_client (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;

  token = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_TOKEN_TYPE);
  g_assert_null (server_header (server, 1, "DPoP"));
}

static OA2DPoPKey *
counting_generator (const char *alg,
                    gpointer    user_data)
{
  guint *calls = user_data;
  g_autoptr(GError) error = NULL;
  OA2DPoPKey *key;

  ++*calls;
  if (g_str_equal (alg, "none-please"))
    return NULL;
  key = oa2_dpop_key_generate (alg, &error);
  g_assert_no_error (error);
  return key;
}

/* dpop-bound-access-tokens: every request brings a new key, from the
 * generator when there is one, of dpop-alg; a per-call key wins. */
static void
test_bound_access_tokens (void)
{
  g_autoptr(Server) server = server_new (script_dpop_token, NULL);
  g_autoptr(OA2Client) client = public_client (server);
  g_autoptr(OA2DPoPKey) own_key = test_key ();
  g_autoptr(OA2BearerToken) first = NULL;
  g_autoptr(OA2BearerToken) second = NULL;
  g_autoptr(OA2BearerToken) third = NULL;
  g_autoptr(OA2BearerToken) plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *alg = NULL;
  guint *calls = g_new0 (guint, 1);

  alg = oa2_client_dup_dpop_alg (client);
  g_assert_cmpstr (alg, ==, "ES256");
  g_assert_false (oa2_client_get_dpop_bound_access_tokens (client));
  g_assert_false (oa2_client_get_allow_dpop_downgrade (client));

  /* Off: no proof, a Bearer answer is fine. */
  server->data = "{\"access_token\":\"" ACCESS_TOKEN "\",\"token_type\":\"Bearer\"}";
  plain = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (server_header (server, 1, "DPoP"));
  server->data = NULL;

  oa2_client_set_dpop_bound_access_tokens (client, TRUE);
  first = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (first));
  g_assert_cmpstr (oa2_dpop_key_get_alg (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (first))), ==, "ES256");

  oa2_client_set_dpop_alg (client, "EdDSA");
  oa2_client_set_dpop_key_generator (client, counting_generator, calls, g_free);
  second = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (*calls, ==, 1);
  g_assert_cmpstr (oa2_dpop_key_get_alg (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (second))), ==, "EdDSA");
  g_assert_true (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (first)) !=
                 oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (second)));

  third = oa2_client_client_credentials (client, NULL, NULL, NULL, own_key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (*calls, ==, 1);
  g_assert_true (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (third)) == own_key);

  /* A generator that makes no key fails the request before it is sent. */
  oa2_client_set_dpop_alg (client, "none-please");
  g_clear_object (&third);
  third = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_FAILED);
  g_assert_cmpuint (*calls, ==, 2);
  g_assert_cmpuint (server_hits (server), ==, 4);
  g_clear_error (&error);

  /* Back to the default generator, with an algorithm that cannot sign. */
  oa2_client_set_dpop_key_generator (client, NULL, NULL, NULL);
  oa2_client_set_dpop_alg (client, "HS256");
  third = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  g_clear_error (&error);
  {
    g_autoptr(GAsyncResult) result = NULL;

    oa2_client_client_credentials_async (client, NULL, NULL, NULL, NULL, NULL, oa2_test_store_result, &result);
    third = oa2_client_client_credentials_finish (client, oa2_test_wait_result (&result), &error);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  }
  g_assert_cmpuint (server_hits (server), ==, 4);
  oa2_client_set_dpop_alg (client, NULL);
  g_free (alg);
  alg = oa2_client_dup_dpop_alg (client);
  g_assert_cmpstr (alg, ==, "ES256");
}

/* RFC 9449 §8: use_dpop_nonce with a DPoP-Nonce is answered by one more
 * request, with a new proof (a new jti) that carries the nonce, and a new
 * client assertion. */
static void
script_token_nonce (Server            *server,
                    guint              hit,
                    SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *mode = server->data;

  if (hit == 1 || !g_str_equal (mode, "once"))
    {
      if (!g_str_equal (mode, "no-nonce"))
        soup_message_headers_append (headers, "DPoP-Nonce", hit == 1 ? "eyJ7S_zG.eyJH0-Z.HX4w-7v" : "n-again");
      respond_json (msg, 400, "{\"error\":\"use_dpop_nonce\",\"error_description\":\"Use a nonce\"}");
      return;
    }
  soup_message_headers_append (headers, "DPoP-Nonce", "n-next");
  respond_json (msg, 200, DPOP_RESPONSE);
}

static void
test_token_nonce_retry (void)
{
  g_autoptr(Server) server = server_new (script_token_nonce, "once");
  g_autofree char *endpoint = server_uri (server, "/token");
  g_autoptr(OA2ClientSecretJwt) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2DPoPKey) key = test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *first_claims = NULL;
  g_autofree char *second_claims = NULL;
  g_autofree char *third_claims = NULL;
  g_autofree char *expected = NULL;

  auth = oa2_client_secret_jwt_new ("dpop-client", "a-secret-of-at-least-32-bytes-long!!", "HS256", &error);
  g_assert_no_error (error);
  client = oa2_client_new (endpoint, OA2_CLIENT_AUTH (auth));

  token = oa2_client_client_credentials (client, NULL, NULL, NULL, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (token));
  g_assert_cmpuint (server_hits (server), ==, 2);

  first = server_header (server, 1, "DPoP");
  second = server_header (server, 2, "DPoP");
  first_claims = verified_claims (key, first);
  second_claims = verified_claims (key, second);
  g_assert_null (strstr (first_claims, "nonce"));
  expected = g_strdup_printf ("{\"jti\":\"jti-2\",\"htm\":\"POST\",\"htu\":\"http://127.0.0.1:%u/token\","
                              "\"iat\":%d,\"nonce\":\"eyJ7S_zG.eyJH0-Z.HX4w-7v\"}", server->port, FROZEN_IAT);
  g_assert_cmpstr (second_claims, ==, expected);

  /* The nonce of the last response goes on the next request at once. */
  again = oa2_client_client_credentials (client, NULL, NULL, NULL, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (server_hits (server), ==, 3);
  third = server_header (server, 3, "DPoP");
  third_claims = verified_claims (key, third);
  g_assert_nonnull (strstr (third_claims, "\"jti\":\"jti-3\""));
  g_assert_nonnull (strstr (third_claims, "\"nonce\":\"n-next\""));
}

/* The client assertion is new on the retry too (its jti differs). */
static void
test_token_nonce_retry_new_assertion (void)
{
  g_autoptr(Server) server = server_new (script_token_nonce, "once");
  g_autofree char *endpoint = server_uri (server, "/token");
  g_autoptr(OA2Jwk) jwk = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2PrivateKeyJwt) auth = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2DPoPKey) key = test_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(OA2Jwt) first_jwt = NULL;
  g_autoptr(OA2Jwt) second_jwt = NULL;

  auth = oa2_private_key_jwt_new ("dpop-client", jwk, NULL, &error);
  g_assert_no_error (error);
  client = oa2_client_new (endpoint, OA2_CLIENT_AUTH (auth));
  token = oa2_client_client_credentials (client, NULL, NULL, NULL, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (server_hits (server), ==, 2);

  first = server_form_param (server, 1, "client_assertion");
  second = server_form_param (server, 2, "client_assertion");
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  first_jwt = oa2_jwt_new_from_compact (first, &error);
  g_assert_no_error (error);
  second_jwt = oa2_jwt_new_from_compact (second, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_jwt_get_string_claim (first_jwt, "jti"), !=, oa2_jwt_get_string_claim (second_jwt, "jti"));
}

/* Never a loop: a server that asks again gets its error; a server that
 * asks without a nonce gets no retry at all. */
static void
test_token_nonce_once (void)
{
  static const char * const modes[] = { "always", "no-nonce" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(Server) server = server_new (script_token_nonce, (gpointer) modes[i]);
      g_autoptr(OA2Client) client = public_client (server);
      g_autoptr(OA2DPoPKey) key = test_key ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2BearerToken) token = NULL;

      token = oa2_client_client_credentials (client, NULL, NULL, NULL, key, NULL, &error);
      g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_USE_DPOP_NONCE);
      g_assert_cmpuint (server_hits (server), ==, i == 0 ? 2 : 1);
      g_clear_error (&error);

      oa2_client_client_credentials_async (client, NULL, NULL, NULL, key, NULL, oa2_test_store_result, &result);
      token = oa2_client_client_credentials_finish (client, oa2_test_wait_result (&result), &error);
      g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_USE_DPOP_NONCE);
      g_assert_cmpuint (server_hits (server), ==, i == 0 ? 4 : 2);
    }
}

/* Without a DPoP key, use_dpop_nonce is just an error. */
static void
test_token_nonce_without_dpop (void)
{
  g_autoptr(Server) server = server_new (script_token_nonce, "once");
  g_autoptr(OA2Client) client = public_client (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;

  token = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_USE_DPOP_NONCE);
  g_assert_cmpuint (server_hits (server), ==, 1);
}

/* ---------------------------------------------------------------------- */
/* Resource servers */

static OA2DPoPToken *
resource_token (OA2DPoPKey *key)
{
  g_autoptr(GError) error = NULL;
  OA2DPoPToken *token = oa2_dpop_token_new (ACCESS_TOKEN, NULL, key, &error);

  g_assert_no_error (error);
  return token;
}

/* Stamping: Authorization: DPoP <token> and a proof with ath, htu without
 * the query, and the message's method. */
static void
test_authorize_message (void)
{
  g_autoptr(OA2DPoPKey) key = test_key ();
  g_autoptr(OA2DPoPToken) token = resource_token (key);
  g_autoptr(SoupMessage) msg = soup_message_new ("PUT", "https://rs.example/items/1?filter=x#top");
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autofree char *claims = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *first_proof = NULL;

  g_assert_true (oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (token), msg, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Authorization"), ==, "DPoP " ACCESS_TOKEN);
  first_proof = g_strdup (soup_message_headers_get_one (headers, "DPoP"));
  claims = verified_claims (key, first_proof);
  g_assert_cmpstr (claims, ==,
                   "{\"jti\":\"jti-1\",\"htm\":\"PUT\",\"htu\":\"https://rs.example/items/1\","
                   "\"iat\":1562262616,\"ath\":\"" ACCESS_TOKEN_ATH "\"}");

  /* Every stamping is a new proof. */
  g_assert_true (oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (token), msg, &error));
  g_assert_cmpstr (soup_message_headers_get_one (headers, "DPoP"), !=, first_proof);
  g_assert_cmpstr (soup_message_headers_get_list (headers, "DPoP"), ==,
                   soup_message_headers_get_one (headers, "DPoP"));
  g_free (claims);
  claims = verified_claims (key, soup_message_headers_get_one (headers, "DPoP"));
  g_assert_nonnull (strstr (claims, "\"jti\":\"jti-2\""));

  /* Other header names, for servers that want them. */
  oa2_dpop_key_set_token_header (key, "X-Token");
  oa2_dpop_key_set_proof_header (key, "X-Proof");
  g_clear_object (&msg);
  msg = soup_message_new ("GET", "https://rs.example/");
  headers = soup_message_get_request_headers (msg);
  g_assert_true (oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (token), msg, &error));
  g_assert_null (soup_message_headers_get_one (headers, "Authorization"));
  g_assert_null (soup_message_headers_get_one (headers, "DPoP"));
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Token"), ==, "DPoP " ACCESS_TOKEN);
  proof = g_strdup (soup_message_headers_get_one (headers, "X-Proof"));
  g_free (claims);
  claims = verified_claims (key, proof);
  g_assert_nonnull (strstr (claims, "\"htu\":\"https://rs.example/\""));

  /* An expired token, and plain http to another host, leave the message
   * as it was. */
  g_clear_object (&msg);
  msg = soup_message_new ("GET", "http://rs.example/");
  g_assert_false (oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (token), msg, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT);
  g_assert_null (soup_message_headers_get_one (soup_message_get_request_headers (msg), "X-Proof"));
  g_assert_null (soup_message_headers_get_one (soup_message_get_request_headers (msg), "X-Token"));
}

/* make_proof(): ath, and the nonce its origin sent last. */
static void
test_make_proof (void)
{
  g_autoptr(OA2DPoPKey) key = test_key ();
  g_autoptr(OA2DPoPToken) token = resource_token (key);
  g_autoptr(GError) error = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *claims = NULL;

  proof = oa2_dpop_token_make_proof (token, "GET", "https://rs.example/a?b=c", &error);
  g_assert_no_error (error);
  claims = verified_claims (key, proof);
  g_assert_cmpstr (claims, ==,
                   "{\"jti\":\"jti-1\",\"htm\":\"GET\",\"htu\":\"https://rs.example/a\","
                   "\"iat\":1562262616,\"ath\":\"" ACCESS_TOKEN_ATH "\"}");
  g_clear_pointer (&proof, g_free);

  proof = oa2_dpop_token_make_proof (token, "GET", "not a uri", &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_null (proof);
  g_clear_error (&error);
  proof = oa2_dpop_token_make_proof (token, "G T", "https://rs.example/", &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_null (proof);
}

/* The nonce in a proof, read without verifying (the server's job). */
static char *
proof_nonce (SoupMessageHeaders *headers)
{
  const char *proof = soup_message_headers_get_one (headers, "DPoP");
  g_autoptr(OA2Jwt) jwt = NULL;

  if (proof == NULL)
    return NULL;
  jwt = oa2_jwt_new_from_compact (proof, NULL);
  return jwt != NULL ? g_strdup (oa2_jwt_get_string_claim (jwt, "nonce")) : NULL;
}

/* A resource server that wants the nonce "rs-n1" (mode "once"), keeps
 * asking ("always"), asks without a nonce ("no-nonce"), or refuses the
 * token outright ("invalid"). */
static void
script_resource (Server            *server,
                 guint              hit,
                 SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *nonce = proof_nonce (soup_server_message_get_request_headers (msg));
  const char *mode = server->data;

  if (g_str_equal (mode, "invalid"))
    {
      soup_message_headers_append (headers, "WWW-Authenticate", "DPoP error=\"invalid_token\", algs=\"ES256\"");
      soup_message_headers_append (headers, "DPoP-Nonce", "rs-n1");
      respond_json (msg, 401, "{}");
      return;
    }
  if (g_strcmp0 (nonce, "rs-n1") != 0 || g_str_equal (mode, "always"))
    {
      /* A Bearer challenge first, as a server that takes both sends. */
      soup_message_headers_append (headers, "WWW-Authenticate", "Bearer realm=\"rs\"");
      soup_message_headers_append (headers, "WWW-Authenticate",
                                   "DPoP algs=\"ES256 EdDSA\", error=\"use_dpop_nonce\", "
                                   "error_description=\"Resource server requires nonce in DPoP proof\"");
      if (!g_str_equal (mode, "no-nonce"))
        soup_message_headers_append (headers, "DPoP-Nonce", "rs-n1");
      respond_json (msg, 401, "{}");
      return;
    }
  respond_json (msg, 200, "{\"ok\":true}");
}

static GBytes *
send (SoupSession *session,
      SoupMessage *msg)
{
  g_autoptr(GError) error = NULL;
  GBytes *body = soup_session_send_and_read (session, msg, NULL, &error);

  g_assert_no_error (error);
  return body;
}

static void
test_resource_nonce_retry (void)
{
  g_autoptr(Server) server = server_new (script_resource, "once");
  g_autofree char *uri = server_uri (server, "/api/items?page=2");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(OA2DPoPKey) key = test_key ();
  g_autoptr(OA2DPoPToken) token = resource_token (key);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(SoupMessage) next = soup_message_new ("GET", uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *claims = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (token), msg, &error));
  body = send (session, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  g_assert_true (oa2_dpop_token_retry_with_nonce (token, msg, &error));
  g_assert_no_error (error);
  g_clear_pointer (&body, g_bytes_unref);
  body = send (session, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_false (oa2_dpop_token_retry_with_nonce (token, msg, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (server_hits (server), ==, 2);

  first = server_header (server, 1, "DPoP");
  second = server_header (server, 2, "DPoP");
  g_free (verified_claims (key, first));
  claims = verified_claims (key, second);
  expected = g_strdup_printf ("{\"jti\":\"jti-2\",\"htm\":\"GET\",\"htu\":\"http://127.0.0.1:%u/api/items\","
                              "\"iat\":%d,\"ath\":\"" ACCESS_TOKEN_ATH "\",\"nonce\":\"rs-n1\"}",
                              server->port, FROZEN_IAT);
  g_assert_cmpstr (claims, ==, expected);

  /* The token remembers the nonce for the next message to that origin. */
  g_assert_true (oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (token), next, &error));
  g_clear_pointer (&body, g_bytes_unref);
  body = send (session, next);
  g_assert_cmpuint (soup_message_get_status (next), ==, 200);
  g_assert_cmpuint (server_hits (server), ==, 3);
}

/* Exactly one retry, and none for a 401 that gives no nonce or is about
 * something else: the caller gets the 401 as it is. */
static void
test_resource_nonce_once (void)
{
  static const char * const modes[] = { "always", "no-nonce", "invalid" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(Server) server = server_new (script_resource, (gpointer) modes[i]);
      g_autofree char *uri = server_uri (server, "/api");
      g_autoptr(SoupSession) session = soup_session_new ();
      g_autoptr(OA2DPoPKey) key = test_key ();
      g_autoptr(OA2DPoPToken) token = resource_token (key);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;
      guint sent = 1;

      g_assert_true (oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (token), msg, &error));
      body = send (session, msg);
      while (oa2_dpop_token_retry_with_nonce (token, msg, &error))
        {
          g_clear_pointer (&body, g_bytes_unref);
          body = send (session, msg);
          sent++;
          g_assert_cmpuint (sent, <=, 2);
        }
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
      g_assert_cmpuint (sent, ==, i == 0 ? 2 : 1);
      g_assert_cmpuint (server_hits (server), ==, sent);
    }
}

/* libsoup sends a redirected message again: to the same origin with a new
 * proof for the new URL, to another origin with neither token nor proof. */
static void
script_redirect (Server            *server,
                 guint              hit,
                 SoupServerMessage *msg)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));

  if (g_str_equal (path, "/old"))
    {
      soup_server_message_set_redirect (msg, 302, server->data != NULL ? server->data : "/new");
      return;
    }
  respond_json (msg, 200, "{}");
}

static void
test_redirect (void)
{
  g_autoptr(Server) server = server_new (script_redirect, NULL);
  g_autoptr(Server) other = server_new (script_redirect, NULL);
  g_autofree char *uri = server_uri (server, "/old");
  g_autofree char *elsewhere = server_uri (other, "/elsewhere");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(OA2DPoPKey) key = test_key ();
  g_autoptr(OA2DPoPToken) token = resource_token (key);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(SoupMessage) away = soup_message_new ("GET", uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *claims = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *authorization = NULL;

  g_assert_true (oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (token), msg, &error));
  body = send (session, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpuint (server_hits (server), ==, 2);
  proof = server_header (server, 2, "DPoP");
  claims = verified_claims (key, proof);
  expected = g_strdup_printf ("{\"jti\":\"jti-2\",\"htm\":\"GET\",\"htu\":\"http://127.0.0.1:%u/new\","
                              "\"iat\":%d,\"ath\":\"" ACCESS_TOKEN_ATH "\"}", server->port, FROZEN_IAT);
  g_assert_cmpstr (claims, ==, expected);

  server->data = elsewhere;
  g_assert_true (oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (token), away, &error));
  g_clear_pointer (&body, g_bytes_unref);
  body = send (session, away);
  g_assert_cmpuint (soup_message_get_status (away), ==, 200);
  g_assert_cmpuint (server_hits (other), ==, 1);
  authorization = server_header (other, 1, "Authorization");
  g_assert_null (authorization);
  g_clear_pointer (&proof, g_free);
  proof = server_header (other, 1, "DPoP");
  g_assert_null (proof);
  server->data = NULL;
}

/* A 401 use_dpop_nonce from the origin a redirect led to is not answered:
 * the token was not meant for it. Nor is one for a message the token did
 * not stamp. */
static void
test_redirect_nonce (void)
{
  g_autoptr(Server) resource = server_new (script_resource, "always");
  g_autofree char *elsewhere = server_uri (resource, "/api");
  g_autoptr(Server) server = server_new (script_redirect, elsewhere);
  g_autofree char *uri = server_uri (server, "/old");
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(OA2DPoPKey) key = test_key ();
  g_autoptr(OA2DPoPToken) token = resource_token (key);
  g_autoptr(OA2DPoPToken) other_token = resource_token (key);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", uri);
  g_autoptr(SoupMessage) unstamped = soup_message_new ("GET", elsewhere);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  g_assert_true (oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (token), msg, &error));
  body = send (session, msg);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 401);
  g_assert_false (oa2_dpop_token_retry_with_nonce (token, msg, &error));
  g_assert_no_error (error);
  g_assert_null (soup_message_headers_get_one (soup_message_get_request_headers (msg), "DPoP"));

  g_assert_true (oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (other_token), unstamped, &error));
  g_clear_pointer (&body, g_bytes_unref);
  body = send (session, unstamped);
  g_assert_cmpuint (soup_message_get_status (unstamped), ==, 401);
  g_assert_false (oa2_dpop_token_retry_with_nonce (token, unstamped, &error));
  g_assert_true (oa2_dpop_token_retry_with_nonce (other_token, unstamped, &error));
  g_assert_no_error (error);
}

/* ---------------------------------------------------------------------- */
/* Construction and storage */

static void
test_construction_errors (void)
{
  g_autoptr(OA2DPoPKey) key = test_key ();
  g_autoptr(JsonObject) bearer = oa2_test_json_object_parse ("{\"access_token\":\"abc\",\"token_type\":\"Bearer\"}");
  g_autoptr(JsonObject) untyped = oa2_test_json_object_parse ("{\"access_token\":\"abc\"}");
  g_autoptr(JsonObject) dpop = oa2_test_json_object_parse ("{\"access_token\":\"abc\",\"token_type\":\"dPoP\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPToken) token = NULL;
  g_autoptr(OA2BearerToken) plain = NULL;
  g_autoptr(GObject) bare = NULL;

  token = oa2_dpop_token_new_from_response (bearer, key, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_TOKEN_TYPE_MISMATCH);
  g_assert_null (token);
  g_clear_error (&error);

  token = oa2_dpop_token_new_from_response (untyped, key, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER);
  g_clear_error (&error);

  token = oa2_dpop_token_new ("bad token", NULL, key, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  g_clear_error (&error);

  /* A plain bearer token cannot be a DPoP one: it has no key. */
  plain = oa2_bearer_token_new_from_response (dpop, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_TOKEN_TYPE);
  g_clear_error (&error);

  /* As a binding builds it: without a key it is invalid, and says why. */
  bare = g_object_new (OA2_TYPE_DPOP_TOKEN, "access-token", "abc", NULL);
  g_assert_false (g_initable_init (G_INITABLE (bare), NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_object (&bare);

  bare = g_object_new (OA2_TYPE_DPOP_TOKEN, "access-token", "abc", "dpop-key", key, NULL);
  g_assert_true (g_initable_init (G_INITABLE (bare), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_token_type (OA2_BEARER_TOKEN (bare)), ==, "DPoP");

  token = oa2_dpop_token_new_from_response (dpop, key, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_token_type (OA2_BEARER_TOKEN (token)), ==, "DPoP");
}

static void
test_json_round_trip (void)
{
  g_autoptr(OA2DPoPKey) key = test_key ();
  g_autoptr(JsonObject) response = oa2_test_json_object_parse (DPOP_RESPONSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPToken) token = NULL;
  g_autoptr(OA2BearerToken) restored = NULL;
  g_autoptr(OA2DPoPToken) restored_dpop = NULL;
  g_autoptr(JsonObject) stored_object = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *thumbprint = NULL;
  g_autofree char *restored_thumbprint = NULL;
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", "https://rs.example/");

  oa2_test_freeze_clock (FROZEN_IAT);
  token = oa2_dpop_token_new_from_response (response, key, &error);
  g_assert_no_error (error);
  stored = oa2_bearer_token_to_json (OA2_BEARER_TOKEN (token));
  stored_object = oa2_test_json_object_parse (stored);
  g_assert_true (json_object_has_member (stored_object, "dpop_key"));
  g_assert_cmpint (json_object_get_int_member (stored_object, "expires_at"), ==, FROZEN_IAT + 3600);

  restored = oa2_bearer_token_new_from_json (stored, &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (restored));
  g_assert_cmpstr (oa2_bearer_token_get_access_token (restored), ==, ACCESS_TOKEN);
  g_assert_cmpstr (oa2_bearer_token_get_refresh_token (restored), ==, "rt-1");
  g_assert_cmpint (g_date_time_to_unix (oa2_bearer_token_get_expires_at (restored)), ==, FROZEN_IAT + 3600);
  thumbprint = oa2_dpop_key_dup_thumbprint (key);
  restored_thumbprint = oa2_dpop_key_dup_thumbprint (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (restored)));
  g_assert_cmpstr (thumbprint, ==, restored_thumbprint);
  g_assert_null (oa2_bearer_token_get_member (restored, "dpop_key"));
  g_assert_true (oa2_bearer_token_authorize_message (restored, msg, &error));
  g_assert_no_error (error);
  g_free (verified_claims (key, soup_message_headers_get_one (soup_message_get_request_headers (msg), "DPoP")));

  restored_dpop = oa2_dpop_token_new_from_json (stored, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (OA2_BEARER_TOKEN (restored_dpop)), ==, ACCESS_TOKEN);
  oa2_test_thaw_clock ();
}

static void
test_json_errors (void)
{
  static const struct {
    const char *json;
    GQuark      domain;
    int         code;
  } cases[] = {
    { "{\"access_token\":\"abc\",\"token_type\":\"DPoP\"}", 0, OA2_ERROR_MISSING_MEMBER },
    { "{\"access_token\":\"abc\",\"token_type\":\"DPoP\",\"dpop_key\":\"k\"}", 0, OA2_ERROR_INVALID_MEMBER },
    { "{\"access_token\":\"abc\",\"token_type\":\"DPoP\",\"dpop_key\":{\"jwk\":{}}}", 0, -1 },
    { "not json", 0, OA2_ERROR_INVALID_JSON },
  };
  g_autoptr(OA2DPoPKey) key = test_key ();
  g_autoptr(OA2BearerToken) bearer = NULL;
  g_autoptr(OA2DPoPToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bearer_json = NULL;
  g_autofree char *with_key = NULL;
  g_autofree char *key_json = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      token = oa2_dpop_token_new_from_json (cases[i].json, &error);
      g_assert_null (token);
      g_assert_nonnull (error);
      g_assert_true (error->domain == OA2_ERROR);
      if (cases[i].code >= 0)
        g_assert_cmpint (error->code, ==, cases[i].code);
      g_clear_error (&error);
    }

  /* A stored Bearer token is no DPoP token, even with a key beside it. */
  bearer = oa2_bearer_token_new ("abc", NULL, &error);
  g_assert_no_error (error);
  bearer_json = oa2_bearer_token_to_json (bearer);
  key_json = oa2_dpop_key_to_json (key);
  with_key = g_strdup_printf ("%.*s,\"dpop_key\":%s}", (int) strlen (bearer_json) - 1, bearer_json, key_json);
  token = oa2_dpop_token_new_from_json (with_key, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_TOKEN_TYPE_MISMATCH);
}

/* ---------------------------------------------------------------------- */
/* The nonce memory and the challenge reader */

static void
test_challenge_parser (void)
{
  static const struct {
    const char *header;
    const char *error;   /* the DPoP challenge's "error", or NULL */
  } cases[] = {
    { "DPoP error=\"use_dpop_nonce\"", "use_dpop_nonce" },
    { "dpop ERROR=use_dpop_nonce", "use_dpop_nonce" },
    { "Bearer realm=\"a, b\", error=\"invalid_token\", DPoP algs=\"ES256\", error=\"use_dpop_nonce\"",
      "use_dpop_nonce" },
    { "Basic dXNlcjpwYXNz==, DPoP error = \"use_dpop_nonce\"", "use_dpop_nonce" },
    { "Negotiate a87421000492aa874209af8bc028, DPoP error=\"x\\\"y\"", "x\"y" },
    { "Newauth realm=\"apps\", type=1, title=\"Login to \\\"apps\\\"\", Basic realm=\"simple\"", NULL },
    { "Bearer error=\"use_dpop_nonce\"", NULL },
    { "DPoP", NULL },
    { "DPoP ,", NULL },
    { "DPoP error=\"unterminated", NULL },
    { "DPoP error=", NULL },
    { "DPoP error==", NULL },
    /* Parameters after a token68 break the grammar; read leniently. */
    { "DPoP a/b=, error=\"use_dpop_nonce\"", "use_dpop_nonce" },
    { "\"DPoP\" error=use_dpop_nonce", NULL },
    { ", , DPoP error=use_dpop_nonce ,", "use_dpop_nonce" },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *value = oa2_www_authenticate_dup_param (cases[i].header, "DPoP", "error");

      g_test_message ("%s", cases[i].header);
      g_assert_cmpstr (value, ==, cases[i].error);
      g_assert_true (oa2_dpop_challenge_wants_nonce (cases[i].header) ==
                     (g_strcmp0 (cases[i].error, "use_dpop_nonce") == 0));
    }
  g_assert_false (oa2_dpop_challenge_wants_nonce (NULL));
}

static void
test_nonce_memory (void)
{
  g_autoptr(OA2DPoPNonces) nonces = oa2_dpop_nonces_new ();
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GUri) a = g_uri_parse ("https://AS.example/token", G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) a_port = g_uri_parse ("https://as.example:443/other", G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) b = g_uri_parse ("https://as.example:8443/token", G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) c = g_uri_parse ("http://as.example/token", G_URI_FLAGS_NONE, NULL);
  g_autofree char *nonce = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupSession) other_session = soup_session_new ();
  g_autoptr(OA2DPoPNonces) of_session = oa2_dpop_nonces_for_session (session);
  g_autoptr(OA2DPoPNonces) again = oa2_dpop_nonces_for_session (session);
  g_autoptr(OA2DPoPNonces) of_other = oa2_dpop_nonces_for_session (other_session);

  g_assert_false (oa2_dpop_nonces_remember (nonces, a, headers));
  soup_message_headers_append (headers, "DPoP-Nonce", "n 1");
  g_assert_false (oa2_dpop_nonces_remember (nonces, a, headers));
  soup_message_headers_replace (headers, "DPoP-Nonce", "n\"1");
  g_assert_false (oa2_dpop_nonces_remember (nonces, a, headers));
  g_assert_null (oa2_dpop_nonces_dup (nonces, a));

  soup_message_headers_replace (headers, "DPoP-Nonce", "n-1");
  g_assert_true (oa2_dpop_nonces_remember (nonces, a, headers));
  nonce = oa2_dpop_nonces_dup (nonces, a_port);
  g_assert_cmpstr (nonce, ==, "n-1");
  g_assert_null (oa2_dpop_nonces_dup (nonces, b));
  g_assert_null (oa2_dpop_nonces_dup (nonces, c));

  g_assert_true (of_session == again);
  g_assert_true (of_session != of_other);

  g_assert_true (oa2_dpop_nonce_is_valid ("!#[]~"));
  g_assert_false (oa2_dpop_nonce_is_valid (""));
  g_assert_false (oa2_dpop_nonce_is_valid ("a\\b"));
  g_assert_false (oa2_dpop_nonce_is_valid ("caf\xc3\xa9"));
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/dpop-token/token-request/proof", test_token_request_proof);
  g_test_add_func ("/oa2/dpop-token/token-request/async", test_token_request_async);
  g_test_add_func ("/oa2/dpop-token/token-request/type-mismatch", test_token_type_mismatch);
  g_test_add_func ("/oa2/dpop-token/token-request/unrequested", test_unrequested_dpop_token);
  g_test_add_func ("/oa2/dpop-token/token-request/bound-access-tokens", test_bound_access_tokens);
  g_test_add_func ("/oa2/dpop-token/token-request/nonce-retry", test_token_nonce_retry);
  g_test_add_func ("/oa2/dpop-token/token-request/nonce-retry-assertion", test_token_nonce_retry_new_assertion);
  g_test_add_func ("/oa2/dpop-token/token-request/nonce-once", test_token_nonce_once);
  g_test_add_func ("/oa2/dpop-token/token-request/nonce-without-dpop", test_token_nonce_without_dpop);
  g_test_add_func ("/oa2/dpop-token/resource/authorize-message", test_authorize_message);
  g_test_add_func ("/oa2/dpop-token/resource/make-proof", test_make_proof);
  g_test_add_func ("/oa2/dpop-token/resource/nonce-retry", test_resource_nonce_retry);
  g_test_add_func ("/oa2/dpop-token/resource/nonce-once", test_resource_nonce_once);
  g_test_add_func ("/oa2/dpop-token/resource/redirect", test_redirect);
  g_test_add_func ("/oa2/dpop-token/resource/redirect-nonce", test_redirect_nonce);
  g_test_add_func ("/oa2/dpop-token/construction-errors", test_construction_errors);
  g_test_add_func ("/oa2/dpop-token/json/round-trip", test_json_round_trip);
  g_test_add_func ("/oa2/dpop-token/json/errors", test_json_errors);
  g_test_add_func ("/oa2/dpop-token/nonces/challenge-parser", test_challenge_parser);
  g_test_add_func ("/oa2/dpop-token/nonces/memory", test_nonce_memory);

  return g_test_run ();
}
