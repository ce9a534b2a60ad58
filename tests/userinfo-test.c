/* userinfo-test.c: the UserInfo endpoint (OIDC Core §5.3) against an
 * in-process server: the request, Bearer and DPoP, the one nonce retry,
 * JSON, signed and encrypted responses, and every refusal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"
#include "oa2-test-request-log.h"
#include "oa2-test-thread-server.h"

#include <string.h>

#include "oa2-bearer-token-private.h"

#define CLIENT_ID "c1"
#define SECRET "a-client-secret-of-more-than-32-bytes!"
#define ACCESS_TOKEN "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"
/* RFC 9449 §7.1: the ath of ACCESS_TOKEN. */
#define ACCESS_TOKEN_ATH "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo"
#define ALICE "{\"sub\":\"alice\",\"name\":\"Alice\"}"

/* Keys made once: RSA generation is slow. */
static OA2Jwk *rsa_sig, *rsa_enc;

/* ---------------------------------------------------------------------- */
/* A server in its own thread that answers /userinfo from a list of canned
 * responses (the last one repeats) and /jwks with a key set, and records
 * the request headers of each /userinfo hit. */

typedef struct {
  guint       status;
  const char *content_type;
  char       *body;
  const char *www_authenticate;  /* or NULL */
  const char *dpop_nonce;        /* or NULL */
} Canned;

typedef struct {
  OA2TestThreadServer *thread;
  guint         port;
  OA2TestRequestLog *seen;   /* each /userinfo hit */
  GMutex        lock;
  GArray       *canned;    /* Canned */
  char         *jwks;
} Server;

static void
server_handle (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Server *server = user_data;
  const Canned *canned;

  g_mutex_lock (&server->lock);
  if (g_str_equal (path, "/jwks"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, server->jwks,
                                        strlen (server->jwks));
      g_mutex_unlock (&server->lock);
      return;
    }
  /* Only this thread adds: the count is this hit's number. */
  oa2_test_request_log_add (server->seen, msg);
  canned = &g_array_index (server->canned, Canned,
                           MIN (oa2_test_request_log_get_count (server->seen), server->canned->len) - 1);
  soup_server_message_set_status (msg, canned->status, NULL);
  if (canned->www_authenticate != NULL)
    soup_message_headers_append (soup_server_message_get_response_headers (msg), "WWW-Authenticate",
                                 canned->www_authenticate);
  if (canned->dpop_nonce != NULL)
    soup_message_headers_append (soup_server_message_get_response_headers (msg), "DPoP-Nonce",
                                 canned->dpop_nonce);
  if (canned->content_type != NULL)
    soup_server_message_set_response (msg, canned->content_type, SOUP_MEMORY_COPY, canned->body,
                                      strlen (canned->body));
  g_mutex_unlock (&server->lock);
}

static void
canned_clear (gpointer data)
{
  g_free (((Canned *) data)->body);
}

static Server *
server_new (void)
{
  Server *server = g_new0 (Server, 1);
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (rsa_sig);
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new (&public_key, 1);

  g_mutex_init (&server->lock);
  server->canned = g_array_new (FALSE, TRUE, sizeof (Canned));
  g_array_set_clear_func (server->canned, canned_clear);
  server->jwks = oa2_jwks_to_json (jwks, FALSE);
  server->seen = oa2_test_request_log_new ();
  server->thread = oa2_test_thread_server_new (server_handle, server);
  server->port = oa2_test_thread_server_get_port (server->thread);
  return server;
}

static void
server_free (Server *server)
{
  oa2_test_thread_server_free (server->thread);
  g_array_unref (server->canned);
  g_free (server->jwks);
  oa2_test_request_log_free (server->seen);
  g_mutex_clear (&server->lock);
  g_free (server);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, server_free)

static void
server_add (Server     *server,
            guint       status,
            const char *content_type,
            const char *body,
            const char *www_authenticate,
            const char *dpop_nonce)
{
  Canned canned = { status, content_type, g_strdup (body), www_authenticate, dpop_nonce };

  g_mutex_lock (&server->lock);
  g_array_append_val (server->canned, canned);
  g_mutex_unlock (&server->lock);
}

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

/* A request header of /userinfo hit @hit (from 1), or NULL. */
static char *
server_header (Server     *server,
               guint       hit,
               const char *name)
{
  g_assert_cmpuint (hit, >=, 1);
  return g_strdup (oa2_test_request_header (oa2_test_request_log_get (server->seen, hit - 1), name));
}

/* ---------------------------------------------------------------------- */

static OA2Client *
new_client (Server *server)
{
  g_autofree char *token_endpoint = server_uri (server, "/token");
  g_autofree char *userinfo_endpoint = server_uri (server, "/userinfo");
  g_autofree char *jwks_uri = server_uri (server, "/jwks");
  g_autofree char *issuer = server_uri (server, "");
  g_autoptr(OA2ClientSecretPost) auth = oa2_client_secret_post_new (CLIENT_ID, SECRET);

  return g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token_endpoint, "userinfo-endpoint", userinfo_endpoint,
                       "jwks-uri", jwks_uri, "issuer", issuer, "client-auth", auth, NULL);
}

static OA2BearerToken *
bearer (void)
{
  g_autoptr(GError) error = NULL;
  OA2BearerToken *token = oa2_bearer_token_new (ACCESS_TOKEN, NULL, &error);

  g_assert_no_error (error);
  return token;
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

/* A token whose response carried an ID token about @sub (not validated:
 * the comparison reads it as stored). */
static OA2BearerToken *
bearer_with_id_token (Server     *server,
                      const char *sub)
{
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autoptr(JsonObject) response = json_object_new ();
  g_autofree char *issuer = server_uri (server, "");
  g_autofree char *id_token = NULL;
  g_autoptr(GError) error = NULL;
  OA2BearerToken *token;

  json_object_set_string_member (claims, "iss", issuer);
  json_object_set_string_member (claims, "sub", sub);
  json_object_set_string_member (claims, "aud", CLIENT_ID);
  id_token = sign (claims, rsa_sig, "RS256");
  json_object_set_string_member (response, "access_token", ACCESS_TOKEN);
  json_object_set_string_member (response, "token_type", "Bearer");
  json_object_set_string_member (response, "id_token", id_token);
  token = oa2_bearer_token_new_from_response (response, &error);
  g_assert_no_error (error);
  return token;
}

static JsonObject *
userinfo_claims (Server     *server,
                 const char *iss,
                 const char *aud,
                 const char *sub)
{
  JsonObject *claims = json_object_new ();
  g_autofree char *issuer = server_uri (server, "");

  json_object_set_string_member (claims, "sub", sub);
  json_object_set_string_member (claims, "name", "Alice");
  if (iss != NULL)
    json_object_set_string_member (claims, "iss", g_str_equal (iss, "server") ? issuer : iss);
  if (aud != NULL)
    json_object_set_string_member (claims, "aud", aud);
  return claims;
}

static void
assert_alice (JsonObject *claims)
{
  g_assert_nonnull (claims);
  g_assert_cmpstr (json_object_get_string_member (claims, "sub"), ==, "alice");
  g_assert_cmpstr (json_object_get_string_member (claims, "name"), ==, "Alice");
}

static void
expect_error (OA2Client      *client,
              OA2BearerToken *token,
              GQuark          domain,
              int             code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) claims = oa2_client_userinfo (client, token, NULL, &error);

  g_assert_error (error, domain, code);
  g_assert_null (claims);
}

/* The request: a GET with the token as Bearer, nothing else secret. */
static void
test_bearer_json (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Client) client = new_client (server);
  g_autoptr(OA2BearerToken) token = bearer ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *dpop = NULL;
  g_autofree char *accept = NULL;

  server_add (server, 200, "application/json", ALICE, NULL, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "OA2", TRUE);
  oa2_test_trace_begin ();
  claims = oa2_client_userinfo (client, token, NULL, &error);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_assert_no_error (error);
  assert_alice (claims);
  /* The request is traced, the token is not. */
  g_assert_nonnull (strstr (oa2_test_trace_text (), "/userinfo"));
  g_assert_null (strstr (oa2_test_trace_text (), ACCESS_TOKEN));
  oa2_test_trace_end ();
  g_assert_cmpuint (server_hits (server), ==, 1);
  g_assert_cmpstr (oa2_test_request_log_get (server->seen, 0)->method, ==, "GET");
  authorization = server_header (server, 1, "Authorization");
  g_assert_cmpstr (authorization, ==, "Bearer " ACCESS_TOKEN);
  dpop = server_header (server, 1, "DPoP");
  g_assert_null (dpop);
  accept = server_header (server, 1, "Accept");
  g_assert_cmpstr (accept, ==, "application/json, application/jwt");
}

static void
test_bearer_json_async (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Client) client = new_client (server);
  g_autoptr(OA2BearerToken) token = bearer ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) claims = NULL;

  server_add (server, 200, "application/json", ALICE, NULL, NULL);
  oa2_client_userinfo_async (client, token, NULL, oa2_test_store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  claims = oa2_client_userinfo_finish (client, result, &error);
  g_assert_no_error (error);
  assert_alice (claims);
}

static char *
counting_jti (gpointer user_data)
{
  guint *counter = user_data;

  return g_strdup_printf ("jti-%u", ++*counter);
}

static gint64
frozen_iat (gpointer user_data)
{
  return 1562262616;
}

static OA2DPoPToken *
dpop_token (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate (NULL, &error);
  OA2DPoPToken *token;

  g_assert_no_error (error);
  oa2_dpop_key_set_jti_func (key, counting_jti, g_new0 (guint, 1), g_free);
  oa2_dpop_key_set_iat_func (key, frozen_iat, NULL, NULL);
  token = oa2_dpop_token_new (ACCESS_TOKEN, NULL, key, &error);
  g_assert_no_error (error);
  return token;
}

/* The claims of a proof, verified with the token's public key. */
static char *
proof_claims (OA2DPoPToken *token,
              const char   *proof)
{
  OA2DPoPKey *key = oa2_dpop_token_get_dpop_key (token);
  const char * const allowed[] = { oa2_dpop_key_get_alg (key), NULL };
  g_autoptr(OA2Jwk) public_key = oa2_dpop_key_dup_public_jwk (key);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  GBytes *payload;

  g_assert_nonnull (proof);
  jwt = oa2_jwt_new_from_compact (proof, &error);
  g_assert_no_error (error);
  g_assert_true (oa2_jwt_verify (jwt, public_key, allowed, &error));
  g_assert_true (oa2_jwt_check_typ (jwt, "dpop+jwt", &error));
  g_assert_no_error (error);
  payload = oa2_jwt_get_payload (jwt);
  return g_strndup (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload));
}

#define NONCE_CHALLENGE "DPoP error=\"use_dpop_nonce\", error_description=\"Resource server requires nonce\""

/* A bound token goes as DPoP with a proof for this GET (htm, htu, ath).
 * A 401 that asks for a nonce without sending one is the caller's, with
 * the challenge's error and no retry. */
static void
test_dpop_without_nonce (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Client) client = new_client (server);
  g_autoptr(OA2DPoPToken) token = dpop_token ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *first = NULL;
  g_autofree char *first_claims = NULL;
  g_autofree char *expected = NULL;

  server_add (server, 401, "application/json", "{}", NONCE_CHALLENGE, NULL);
  claims = oa2_client_userinfo (client, OA2_BEARER_TOKEN (token), NULL, &error);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_USE_DPOP_NONCE);
  g_assert_null (claims);
  g_assert_cmpuint (server_hits (server), ==, 1);
  g_assert_cmpuint (oa2_error_get_http_status (error), ==, 401);

  authorization = server_header (server, 1, "Authorization");
  g_assert_cmpstr (authorization, ==, "DPoP " ACCESS_TOKEN);
  first = server_header (server, 1, "DPoP");
  first_claims = proof_claims (token, first);
  expected = g_strdup_printf ("{\"jti\":\"jti-1\",\"htm\":\"GET\",\"htu\":\"http://127.0.0.1:%u/userinfo\","
                              "\"iat\":1562262616,\"ath\":\"" ACCESS_TOKEN_ATH "\"}", server->port);
  g_assert_cmpstr (first_claims, ==, expected);
}

/* Canned responses with both headers of a nonce request. */
static void
server_add_nonce_request (Server     *server,
                          const char *nonce)
{
  server_add (server, 401, "application/json", "{}", NONCE_CHALLENGE, nonce);
}

static void
test_dpop_nonce_retry_once (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Client) client = new_client (server);
  g_autoptr(OA2DPoPToken) token = dpop_token ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) claims = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autofree char *second = NULL;
  g_autofree char *second_claims = NULL;
  g_autofree char *third = NULL;
  g_autofree char *third_claims = NULL;
  g_autofree char *expected = NULL;

  server_add_nonce_request (server, "n-1");
  server_add (server, 200, "application/json", ALICE, NULL, "n-2");
  claims = oa2_client_userinfo (client, OA2_BEARER_TOKEN (token), NULL, &error);
  g_assert_no_error (error);
  assert_alice (claims);
  g_assert_cmpuint (server_hits (server), ==, 2);
  second = server_header (server, 2, "DPoP");
  second_claims = proof_claims (token, second);
  expected = g_strdup_printf ("{\"jti\":\"jti-2\",\"htm\":\"GET\",\"htu\":\"http://127.0.0.1:%u/userinfo\","
                              "\"iat\":1562262616,\"ath\":\"" ACCESS_TOKEN_ATH "\",\"nonce\":\"n-1\"}",
                              server->port);
  g_assert_cmpstr (second_claims, ==, expected);

  /* The nonce of the answer is used at once the next time. */
  again = oa2_client_userinfo (client, OA2_BEARER_TOKEN (token), NULL, &error);
  g_assert_no_error (error);
  third = server_header (server, 3, "DPoP");
  third_claims = proof_claims (token, third);
  g_assert_nonnull (strstr (third_claims, "\"nonce\":\"n-2\""));
}

/* A server that keeps asking gets one retry, then the 401 as an error. */
static void
test_dpop_nonce_never_loops (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Client) client = new_client (server);
  g_autoptr(OA2DPoPToken) token = dpop_token ();

  server_add_nonce_request (server, "n-1");
  server_add_nonce_request (server, "n-2");
  expect_error (client, OA2_BEARER_TOKEN (token), OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_USE_DPOP_NONCE);
  g_assert_cmpuint (server_hits (server), ==, 2);
}

/* RFC 6750 §3: the challenge's error becomes the error; a 401 without one
 * is an unexpected status. */
static void
test_refused_token (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Client) client = new_client (server);
  g_autoptr(OA2BearerToken) token = bearer ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) claims = NULL;

  server_add (server, 401, "text/plain", "no",
              "Bearer realm=\"x\", error=\"invalid_token\", error_description=\"The access token expired\"",
              NULL);
  claims = oa2_client_userinfo (client, token, NULL, &error);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_TOKEN);
  g_assert_cmpuint (oa2_error_get_http_status (error), ==, 401);
  g_assert_nonnull (strstr (error->message, "The access token expired"));
  g_assert_null (strstr (error->message, ACCESS_TOKEN));
  g_assert_null (claims);
}

static void
test_refused_without_challenge (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Client) client = new_client (server);
  g_autoptr(OA2BearerToken) token = bearer ();

  server_add (server, 401, NULL, NULL, NULL, NULL);
  expect_error (client, token, OA2_ERROR, OA2_ERROR_UNEXPECTED_STATUS);
}

static void
test_bad_responses (void)
{
  const struct {
    const char *content_type;
    const char *body;
    int         code;
  } cases[] = {
    { "text/html", "<html>" ALICE "</html>", OA2_ERROR_UNEXPECTED_CONTENT_TYPE },
    { "application/json", "{\"sub\":", OA2_ERROR_INVALID_JSON },
    { "application/json", "[\"alice\"]", OA2_ERROR_INVALID_JSON },
    { "application/json", "{\"name\":\"Alice\"}", OA2_ERROR_MISSING_MEMBER },
    { "application/json", "{\"sub\":42}", OA2_ERROR_INVALID_MEMBER },
    /* A JWT when the client expects plain JSON. */
    { "application/jwt", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2ln", OA2_ERROR_UNSUPPORTED_ALGORITHM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Server) server = server_new ();
      g_autoptr(OA2Client) client = new_client (server);
      g_autoptr(OA2BearerToken) token = bearer ();

      g_test_message ("case %u", i);
      server_add (server, 200, cases[i].content_type, cases[i].body, NULL, NULL);
      expect_error (client, token, OA2_ERROR, cases[i].code);
    }
}

static void
test_no_endpoint (void)
{
  g_autoptr(OA2ClientSecretPost) auth = oa2_client_secret_post_new (CLIENT_ID, SECRET);
  g_autoptr(OA2Client) client = oa2_client_new ("http://127.0.0.1:9/token", OA2_CLIENT_AUTH (auth));
  g_autoptr(OA2BearerToken) token = bearer ();

  expect_error (client, token, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
}

/* OIDC Core §5.3.2: the sub must be the ID token's. */
static void
test_sub_mismatch (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Client) client = new_client (server);
  g_autoptr(OA2BearerToken) of_bob = bearer_with_id_token (server, "bob");
  g_autoptr(OA2BearerToken) of_alice = bearer_with_id_token (server, "alice");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) claims = NULL;

  server_add (server, 200, "application/json", ALICE, NULL, NULL);
  expect_error (client, of_bob, OA2_ERROR, OA2_ERROR_INVALID_CLAIM);
  claims = oa2_client_userinfo (client, of_alice, NULL, &error);
  g_assert_no_error (error);
  assert_alice (claims);
}

/* The sub of a validated ID token is the one compared, before the
 * stored compact form. */
static void
test_sub_of_validated_id_token (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2Client) client = new_client (server);
  g_autoptr(OA2BearerToken) token = bearer_with_id_token (server, "alice");
  g_autoptr(JsonObject) id_claims = json_object_new ();
  g_autofree char *issuer = server_uri (server, "");
  g_autofree char *compact = NULL;
  g_autoptr(OA2IdToken) id_token = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  json_object_set_string_member (id_claims, "iss", issuer);
  json_object_set_string_member (id_claims, "sub", "bob");
  json_object_set_string_member (id_claims, "aud", CLIENT_ID);
  json_object_set_int_member (id_claims, "exp", now + 600);
  json_object_set_int_member (id_claims, "iat", now);
  compact = sign (id_claims, rsa_sig, "RS256");
  id_token = oa2_client_validate_id_token (client, compact, NULL, -1, NULL, &error);
  g_assert_no_error (error);
  oa2_bearer_token_set_validated_id_token (token, id_token);
  server_add (server, 200, "application/json", ALICE, NULL, NULL);
  expect_error (client, token, OA2_ERROR, OA2_ERROR_INVALID_CLAIM);
}

static JsonObject *
userinfo_of (Server         *server,
             const char     *signed_alg,
             const char     *encrypted_alg,
             OA2BearerToken *token,
             const char     *content_type,
             const char     *body,
             GError        **error)
{
  g_autoptr(OA2Client) client = new_client (server);
  g_autoptr(OA2Jwks) keys = oa2_jwks_new (&rsa_enc, 1);

  oa2_client_set_userinfo_signed_response_alg (client, signed_alg);
  oa2_client_set_userinfo_encrypted_response_alg (client, encrypted_alg);
  oa2_client_set_id_token_decryption_keys (client, keys);
  server_add (server, 200, content_type, body, NULL, NULL);
  return oa2_client_userinfo (client, token, NULL, error);
}

static void
expect_signed (const char *body_alg,
               const char *iss,
               const char *aud,
               const char *sub,
               gboolean    tamper,
               int         code)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2BearerToken) token = bearer_with_id_token (server, "alice");
  g_autoptr(JsonObject) claims = userinfo_claims (server, iss, aud, sub);
  g_autoptr(OA2Jwk) es_key = oa2_jwk_generate ("ES256", NULL);
  g_autofree char *jwt = sign (claims, g_str_equal (body_alg, "ES256") ? es_key : rsa_sig, body_alg);
  g_autofree char *body = tamper ? oa2_test_compact_flip_bit (jwt, 3, 2, 3, 0) : g_strdup (jwt);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = userinfo_of (server, "RS256", NULL, token, "application/jwt", body, &error);

  if (code < 0)
    {
      g_assert_no_error (error);
      assert_alice (result);
    }
  else
    {
      g_assert_error (error, OA2_ERROR, code);
      g_assert_null (result);
    }
}

/* Signed responses: verified with the server's keys, iss and aud checked
 * (OIDC Core §5.3.2), sub compared; plain JSON refused when a signature is
 * expected. */
static void
test_signed (void)
{
  expect_signed ("RS256", "server", CLIENT_ID, "alice", FALSE, -1);
  expect_signed ("RS256", "server", "someone-else", "alice", FALSE, OA2_ERROR_INVALID_CLAIM);
  expect_signed ("RS256", "https://evil.example", CLIENT_ID, "alice", FALSE, OA2_ERROR_INVALID_CLAIM);
  expect_signed ("RS256", NULL, CLIENT_ID, "alice", FALSE, OA2_ERROR_INVALID_CLAIM);
  expect_signed ("RS256", "server", NULL, "alice", FALSE, OA2_ERROR_INVALID_CLAIM);
  expect_signed ("RS256", "server", CLIENT_ID, "mallory", FALSE, OA2_ERROR_INVALID_CLAIM);
  expect_signed ("ES256", "server", CLIENT_ID, "alice", FALSE, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  expect_signed ("RS256", "server", CLIENT_ID, "alice", TRUE, OA2_ERROR_INVALID_SIGNATURE);
}

static void
test_signed_expected (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2BearerToken) token = bearer ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = userinfo_of (server, "RS256", NULL, token, "application/json", ALICE, &error);

  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNEXPECTED_CONTENT_TYPE);
  g_assert_null (result);
}

static char *
encrypt (const char *plaintext)
{
  g_autoptr(GBytes) bytes = g_bytes_new (plaintext, strlen (plaintext));
  g_autoptr(OA2Jwk) public_enc = oa2_jwk_dup_public (rsa_enc);
  g_autoptr(GError) error = NULL;
  char *compact = oa2_jwe_encrypt (bytes, public_enc, "RSA-OAEP-256", "A128CBC-HS256", NULL, &error);

  g_assert_no_error (error);
  return compact;
}

/* Encrypted responses: JSON inside, or a signed JWT inside (nested);
 * refused when not expected, and plain ones refused when expected. */
static void
test_encrypted (void)
{
  g_autoptr(Server) server = server_new ();
  g_autoptr(OA2BearerToken) token = bearer_with_id_token (server, "alice");
  g_autoptr(JsonObject) claims = userinfo_claims (server, "server", CLIENT_ID, "alice");
  g_autofree char *jwt = sign (claims, rsa_sig, "RS256");
  g_autofree char *nested = encrypt (jwt);
  g_autofree char *json_only = encrypt (ALICE);
  g_autofree char *bob_only = encrypt ("{\"sub\":\"bob\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) result = NULL;

  result = userinfo_of (server, NULL, "RSA-OAEP-256", token, "application/jwt", json_only, &error);
  g_assert_no_error (error);
  assert_alice (result);
  g_clear_pointer (&result, json_object_unref);

  result = userinfo_of (server, "RS256", "RSA-OAEP-256", token, "application/jwt", nested, &error);
  g_assert_no_error (error);
  assert_alice (result);
  g_clear_pointer (&result, json_object_unref);

  result = userinfo_of (server, NULL, "RSA-OAEP-256", token, "application/jwt", bob_only, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM);
  g_clear_error (&error);

  /* Encrypted when not expected; plain when encryption is expected. */
  result = userinfo_of (server, "RS256", NULL, token, "application/jwt", nested, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  g_clear_error (&error);
  result = userinfo_of (server, "RS256", "RSA-OAEP-256", token, "application/jwt", jwt, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  g_clear_error (&error);
  result = userinfo_of (server, NULL, "RSA-OAEP-256", token, "application/json", ALICE, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNEXPECTED_CONTENT_TYPE);
  g_clear_error (&error);
  g_assert_null (result);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  oa2_test_init (&argc, &argv);
  oa2_test_trace_install ();
  rsa_sig = oa2_jwk_generate ("RS256", &error);
  g_assert_no_error (error);
  rsa_enc = oa2_jwk_generate ("RSA-OAEP-256", &error);
  g_assert_no_error (error);

  g_test_add_func ("/userinfo/bearer-json", test_bearer_json);
  g_test_add_func ("/userinfo/bearer-json-async", test_bearer_json_async);
  g_test_add_func ("/userinfo/dpop-without-nonce", test_dpop_without_nonce);
  g_test_add_func ("/userinfo/dpop-nonce-retry", test_dpop_nonce_retry_once);
  g_test_add_func ("/userinfo/dpop-nonce-never-loops", test_dpop_nonce_never_loops);
  g_test_add_func ("/userinfo/refused-token", test_refused_token);
  g_test_add_func ("/userinfo/refused-without-challenge", test_refused_without_challenge);
  g_test_add_func ("/userinfo/bad-responses", test_bad_responses);
  g_test_add_func ("/userinfo/no-endpoint", test_no_endpoint);
  g_test_add_func ("/userinfo/sub-mismatch", test_sub_mismatch);
  g_test_add_func ("/userinfo/sub-of-validated-id-token", test_sub_of_validated_id_token);
  g_test_add_func ("/userinfo/signed", test_signed);
  g_test_add_func ("/userinfo/signed-expected", test_signed_expected);
  g_test_add_func ("/userinfo/encrypted", test_encrypted);

  status = g_test_run ();
  g_clear_object (&rsa_sig);
  g_clear_object (&rsa_enc);
  return status;
}
