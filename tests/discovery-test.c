/* discovery-test.c: server metadata, discovery URIs, and clients made by
 * discovery against an in-process server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"

#define TOKEN_JSON "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"

/* A document with a member of each kind, the mTLS aliases and one
 * extension, for an issuer given as %s (used three times). */
#define FULL_METADATA_FMT \
  "{\"issuer\":\"%s\"," \
  "\"authorization_endpoint\":\"https://as.example/authorize\"," \
  "\"token_endpoint\":\"%s\"," \
  "\"userinfo_endpoint\":\"https://as.example/me\"," \
  "\"jwks_uri\":\"https://as.example/jwks\"," \
  "\"registration_endpoint\":\"https://as.example/reg\"," \
  "\"revocation_endpoint\":\"https://as.example/revoke\"," \
  "\"introspection_endpoint\":\"https://as.example/introspect\"," \
  "\"end_session_endpoint\":\"https://as.example/logout\"," \
  "\"device_authorization_endpoint\":\"https://as.example/device\"," \
  "\"backchannel_authentication_endpoint\":\"https://as.example/ciba\"," \
  "\"pushed_authorization_request_endpoint\":\"https://as.example/par\"," \
  "\"service_documentation\":\"https://as.example/doc\"," \
  "\"scopes_supported\":[\"openid\",\"email\"]," \
  "\"response_types_supported\":[\"code\"]," \
  "\"grant_types_supported\":[\"authorization_code\",\"client_credentials\"]," \
  "\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\",\"tls_client_auth\"]," \
  "\"token_endpoint_auth_signing_alg_values_supported\":[\"ES256\"]," \
  "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\",\"EdDSA\"]," \
  "\"id_token_encryption_alg_values_supported\":[\"RSA-OAEP\"]," \
  "\"id_token_encryption_enc_values_supported\":[\"A128GCM\"]," \
  "\"code_challenge_methods_supported\":[\"S256\"]," \
  "\"dpop_signing_alg_values_supported\":[\"ES256\",\"PS256\"]," \
  "\"backchannel_token_delivery_modes_supported\":[\"poll\"]," \
  "\"subject_types_supported\":[]," \
  "\"authorization_response_iss_parameter_supported\":true," \
  "\"require_pushed_authorization_requests\":true," \
  "\"tls_client_certificate_bound_access_tokens\":false," \
  "\"request_uri_parameter_supported\":false," \
  "\"mtls_endpoint_aliases\":{\"token_endpoint\":\"https://mtls.as.example/token\"}," \
  "\"x_vendor_feature\":{\"level\":3}}"

static char *
full_metadata (const char *issuer,
               const char *token_endpoint)
{
  return g_strdup_printf (FULL_METADATA_FMT, issuer, token_endpoint);
}

static void
assert_strv (const char * const *values,
             const char         *joined)
{
  g_autofree char *text = NULL;

  g_assert_nonnull (values);
  text = g_strjoinv (" ", (char **) values);
  g_assert_cmpstr (text, ==, joined);
}

static void
check_full_metadata (OA2ServerMetadata *m)
{
  g_autoptr(GHashTable) aliases = NULL;
  JsonNode *extension;

  g_assert_cmpstr (oa2_server_metadata_get_issuer (m), ==, "https://as.example");
  g_assert_cmpstr (oa2_server_metadata_get_authorization_endpoint (m), ==, "https://as.example/authorize");
  g_assert_cmpstr (oa2_server_metadata_get_token_endpoint (m), ==, "https://as.example/token");
  g_assert_cmpstr (oa2_server_metadata_get_userinfo_endpoint (m), ==, "https://as.example/me");
  g_assert_cmpstr (oa2_server_metadata_get_jwks_uri (m), ==, "https://as.example/jwks");
  g_assert_cmpstr (oa2_server_metadata_get_registration_endpoint (m), ==, "https://as.example/reg");
  g_assert_cmpstr (oa2_server_metadata_get_revocation_endpoint (m), ==, "https://as.example/revoke");
  g_assert_cmpstr (oa2_server_metadata_get_introspection_endpoint (m), ==, "https://as.example/introspect");
  g_assert_cmpstr (oa2_server_metadata_get_end_session_endpoint (m), ==, "https://as.example/logout");
  g_assert_cmpstr (oa2_server_metadata_get_device_authorization_endpoint (m), ==, "https://as.example/device");
  g_assert_cmpstr (oa2_server_metadata_get_backchannel_authentication_endpoint (m), ==, "https://as.example/ciba");
  g_assert_cmpstr (oa2_server_metadata_get_pushed_authorization_request_endpoint (m), ==, "https://as.example/par");
  g_assert_cmpstr (oa2_server_metadata_get_service_documentation (m), ==, "https://as.example/doc");
  g_assert_null (oa2_server_metadata_get_check_session_iframe (m));
  g_assert_null (oa2_server_metadata_get_op_tos_uri (m));

  assert_strv (oa2_server_metadata_get_scopes_supported (m), "openid email");
  assert_strv (oa2_server_metadata_get_response_types_supported (m), "code");
  assert_strv (oa2_server_metadata_get_grant_types_supported (m), "authorization_code client_credentials");
  assert_strv (oa2_server_metadata_get_token_endpoint_auth_methods_supported (m), "private_key_jwt tls_client_auth");
  assert_strv (oa2_server_metadata_get_token_endpoint_auth_signing_alg_values_supported (m), "ES256");
  assert_strv (oa2_server_metadata_get_id_token_signing_alg_values_supported (m), "RS256 ES256 EdDSA");
  assert_strv (oa2_server_metadata_get_id_token_encryption_alg_values_supported (m), "RSA-OAEP");
  assert_strv (oa2_server_metadata_get_id_token_encryption_enc_values_supported (m), "A128GCM");
  assert_strv (oa2_server_metadata_get_code_challenge_methods_supported (m), "S256");
  assert_strv (oa2_server_metadata_get_dpop_signing_alg_values_supported (m), "ES256 PS256");
  assert_strv (oa2_server_metadata_get_backchannel_token_delivery_modes_supported (m), "poll");
  g_assert_nonnull (oa2_server_metadata_get_subject_types_supported (m));
  g_assert_null (oa2_server_metadata_get_subject_types_supported (m)[0]);
  g_assert_null (oa2_server_metadata_get_response_modes_supported (m));
  g_assert_null (oa2_server_metadata_get_userinfo_signing_alg_values_supported (m));

  g_assert_true (oa2_server_metadata_get_authorization_response_iss_parameter_supported (m));
  g_assert_true (oa2_server_metadata_get_require_pushed_authorization_requests (m));
  g_assert_false (oa2_server_metadata_get_tls_client_certificate_bound_access_tokens (m));
  /* Given false, where the default is true. */
  g_assert_false (oa2_server_metadata_get_request_uri_parameter_supported (m));
  /* Absent: the specifications' defaults. */
  g_assert_false (oa2_server_metadata_get_claims_parameter_supported (m));
  g_assert_false (oa2_server_metadata_get_require_signed_request_object (m));

  aliases = oa2_server_metadata_dup_mtls_endpoint_aliases (m);
  g_assert_cmpuint (g_hash_table_size (aliases), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (aliases, "token_endpoint"), ==, "https://mtls.as.example/token");

  extension = oa2_server_metadata_get_member (m, "x_vendor_feature");
  g_assert_nonnull (extension);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (extension));
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (extension), "level"), ==, 3);
  g_assert_null (oa2_server_metadata_get_member (m, "absent"));
  /* Standard members are readable by name too. */
  g_assert_cmpstr (json_node_get_string (oa2_server_metadata_get_member (m, "jwks_uri")), ==,
                   "https://as.example/jwks");
}

static void
test_metadata_members (void)
{
  g_autofree char *json = full_metadata ("https://as.example", "https://as.example/token");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ServerMetadata) m = oa2_server_metadata_new_from_json (json, &error);
  g_auto(GStrv) names = NULL;

  g_assert_no_error (error);
  check_full_metadata (m);

  names = oa2_server_metadata_dup_member_names (m);
  g_assert_cmpuint (g_strv_length (names), ==, 31);
  g_assert_true (g_strv_contains ((const char * const *) names, "x_vendor_feature"));
  g_assert_true (g_strv_contains ((const char * const *) names, "issuer"));
}

static void
test_metadata_round_trip (void)
{
  g_autofree char *json = full_metadata ("https://as.example", "https://as.example/token");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ServerMetadata) m = oa2_server_metadata_new_from_json (json, &error);
  g_autoptr(OA2ServerMetadata) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;

  g_assert_no_error (error);
  written = oa2_server_metadata_to_json (m);
  again = oa2_server_metadata_new_from_json (written, &error);
  g_assert_no_error (error);
  check_full_metadata (again);
  rewritten = oa2_server_metadata_to_json (again);
  g_assert_cmpstr (written, ==, rewritten);
}

/* The metadata keeps its own copy of an object it is given. */
static void
test_metadata_from_object (void)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ServerMetadata) m = NULL;

  json_object_set_string_member (object, "issuer", "https://as.example/t1");
  json_object_set_string_member (object, "token_endpoint", "https://as.example/t1/token");
  m = oa2_server_metadata_new_from_json_object (object, &error);
  g_assert_no_error (error);

  json_object_set_string_member (object, "token_endpoint", "https://evil.example/token");
  g_assert_cmpstr (oa2_server_metadata_get_token_endpoint (m), ==, "https://as.example/t1/token");
  g_assert_cmpstr (oa2_server_metadata_get_issuer (m), ==, "https://as.example/t1");
}

/* null says nothing, like an absent member. */
static void
test_metadata_null_members (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ServerMetadata) m =
    oa2_server_metadata_new_from_json ("{\"issuer\":\"https://as.example\",\"token_endpoint\":null,"
                                       "\"scopes_supported\":null,\"request_uri_parameter_supported\":null,"
                                       "\"mtls_endpoint_aliases\":null}", &error);
  g_autoptr(GHashTable) aliases = NULL;

  g_assert_no_error (error);
  g_assert_null (oa2_server_metadata_get_token_endpoint (m));
  g_assert_null (oa2_server_metadata_get_scopes_supported (m));
  g_assert_true (oa2_server_metadata_get_request_uri_parameter_supported (m));
  aliases = oa2_server_metadata_dup_mtls_endpoint_aliases (m);
  g_assert_cmpuint (g_hash_table_size (aliases), ==, 0);
}

typedef struct {
  const char *name;
  const char *members;   /* appended to a valid issuer */
  GQuark      domain;
  int         code;
  const char *message_part;
} BadDocument;

static const BadDocument bad_documents[] = {
  { "endpoint-number", "\"token_endpoint\":42", 0, OA2_ERROR_INVALID_MEMBER, "“token_endpoint” is not a string" },
  { "endpoint-http", "\"userinfo_endpoint\":\"http://as.example/me\"", 0, OA2_ERROR_INSECURE_TRANSPORT,
    "“userinfo_endpoint” is not a usable endpoint" },
  { "endpoint-ftp", "\"jwks_uri\":\"ftp://as.example/jwks\"", 0, OA2_ERROR_INVALID_MEMBER, "“jwks_uri”" },
  { "endpoint-relative", "\"token_endpoint\":\"/token\"", 0, OA2_ERROR_INVALID_MEMBER, "“token_endpoint”" },
  { "endpoint-fragment", "\"pushed_authorization_request_endpoint\":\"https://as.example/par#x\"", 0,
    OA2_ERROR_INVALID_MEMBER, "“pushed_authorization_request_endpoint”" },
  { "endpoint-empty", "\"revocation_endpoint\":\"\"", 0, OA2_ERROR_INVALID_MEMBER, "“revocation_endpoint”" },
  { "string-array", "\"op_tos_uri\":[\"https://as.example/tos\"]", 0, OA2_ERROR_INVALID_MEMBER,
    "“op_tos_uri” is not a string" },
  { "list-string", "\"scopes_supported\":\"openid email\"", 0, OA2_ERROR_INVALID_MEMBER,
    "“scopes_supported” is not a list of strings" },
  { "list-element", "\"id_token_signing_alg_values_supported\":[\"RS256\",1]", 0, OA2_ERROR_INVALID_MEMBER,
    "“id_token_signing_alg_values_supported” is not a list of strings" },
  { "list-nested", "\"dpop_signing_alg_values_supported\":[[\"ES256\"]]", 0, OA2_ERROR_INVALID_MEMBER,
    "“dpop_signing_alg_values_supported”" },
  { "boolean-string", "\"authorization_response_iss_parameter_supported\":\"true\"", 0, OA2_ERROR_INVALID_MEMBER,
    "“authorization_response_iss_parameter_supported” is not a boolean" },
  { "boolean-number", "\"require_pushed_authorization_requests\":1", 0, OA2_ERROR_INVALID_MEMBER,
    "“require_pushed_authorization_requests” is not a boolean" },
  { "aliases-array", "\"mtls_endpoint_aliases\":[]", 0, OA2_ERROR_INVALID_MEMBER, "“mtls_endpoint_aliases” is not an object" },
  { "aliases-value", "\"mtls_endpoint_aliases\":{\"token_endpoint\":7}", 0, OA2_ERROR_INVALID_MEMBER,
    "“mtls_endpoint_aliases.token_endpoint” is not a string" },
  { "aliases-http", "\"mtls_endpoint_aliases\":{\"token_endpoint\":\"http://mtls.as.example/token\"}", 0,
    OA2_ERROR_INSECURE_TRANSPORT, "“mtls_endpoint_aliases.token_endpoint”" },
};

static void
test_metadata_bad_member (gconstpointer data)
{
  const BadDocument *bad = data;
  g_autofree char *json = g_strdup_printf ("{\"issuer\":\"https://as.example\",%s}", bad->members);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ServerMetadata) m = oa2_server_metadata_new_from_json (json, &error);

  g_assert_null (m);
  g_assert_error (error, OA2_ERROR, bad->code);
  g_assert_nonnull (strstr (error->message, bad->message_part));
}

static void
test_metadata_issuer (void)
{
  static const struct { const char *json; int code; } cases[] = {
    { "{}", OA2_ERROR_MISSING_MEMBER },
    { "{\"token_endpoint\":\"https://as.example/token\"}", OA2_ERROR_MISSING_MEMBER },
    { "{\"issuer\":true}", OA2_ERROR_INVALID_MEMBER },
    { "{\"issuer\":\"\"}", OA2_ERROR_INVALID_MEMBER },
    { "{\"issuer\":\"https://as.example/?tenant=1\"}", OA2_ERROR_INVALID_MEMBER },
    { "{\"issuer\":\"https://as.example/#x\"}", OA2_ERROR_INVALID_MEMBER },
    { "{\"issuer\":\"https://user@as.example/\"}", OA2_ERROR_INVALID_MEMBER },
    { "{\"issuer\":\"http://as.example\"}", OA2_ERROR_INSECURE_TRANSPORT },
    { "[\"issuer\"]", OA2_ERROR_INVALID_JSON },
    { "{\"issuer\":\"https://as.example\",\"issuer\":\"https://evil.example\"}", OA2_ERROR_INVALID_JSON },
    { "", OA2_ERROR_EMPTY_RESPONSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2ServerMetadata) m = oa2_server_metadata_new_from_json (cases[i].json, &error);

      g_test_message ("%s", cases[i].json);
      g_assert_null (m);
      g_assert_error (error, OA2_ERROR, cases[i].code);
    }
}

/* Loopback http is as good as https, for local servers and tests. */
static void
test_metadata_loopback (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ServerMetadata) m =
    oa2_server_metadata_new_from_json ("{\"issuer\":\"http://127.0.0.1:8080\","
                                       "\"token_endpoint\":\"http://localhost:8080/token\","
                                       "\"jwks_uri\":\"http://[::1]:8080/jwks\"}", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (oa2_server_metadata_get_jwks_uri (m), ==, "http://[::1]:8080/jwks");
}

static void
test_discovery_uris (void)
{
  static const struct { const char *issuer; const char *openid; const char *rfc8414; } cases[] = {
    { "https://example.com", "https://example.com/.well-known/openid-configuration",
      "https://example.com/.well-known/oauth-authorization-server" },
    { "https://example.com/", "https://example.com/.well-known/openid-configuration",
      "https://example.com/.well-known/oauth-authorization-server" },
    /* RFC 8414 §3.1's example. */
    { "https://example.com/issuer1", "https://example.com/issuer1/.well-known/openid-configuration",
      "https://example.com/.well-known/oauth-authorization-server/issuer1" },
    { "https://example.com/issuer1/", "https://example.com/issuer1/.well-known/openid-configuration",
      "https://example.com/.well-known/oauth-authorization-server/issuer1" },
    { "https://login.example.com:8443/realms/a/b", "https://login.example.com:8443/realms/a/b/.well-known/openid-configuration",
      "https://login.example.com:8443/.well-known/oauth-authorization-server/realms/a/b" },
    { "http://127.0.0.1:3000/oidc", "http://127.0.0.1:3000/oidc/.well-known/openid-configuration",
      "http://127.0.0.1:3000/.well-known/oauth-authorization-server/oidc" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *openid = oa2_server_metadata_discovery_uri (cases[i].issuer, OA2_DISCOVERY_KIND_OPENID, &error);
      g_autofree char *rfc8414 = NULL;

      g_assert_no_error (error);
      rfc8414 = oa2_server_metadata_discovery_uri (cases[i].issuer, OA2_DISCOVERY_KIND_RFC8414, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (openid, ==, cases[i].openid);
      g_assert_cmpstr (rfc8414, ==, cases[i].rfc8414);
      g_assert_true (oa2_server_metadata_is_discovery_uri_of (openid, cases[i].issuer));
      g_assert_true (oa2_server_metadata_is_discovery_uri_of (rfc8414, cases[i].issuer));
    }

  /* The RFC 8414 form is not the path-appended one. */
  g_assert_false (oa2_server_metadata_is_discovery_uri_of (
    "https://example.com/issuer1/.well-known/oauth-authorization-server", "https://example.com/issuer1"));
  g_assert_false (oa2_server_metadata_is_discovery_uri_of (
    "https://example.com/.well-known/oauth-authorization-server/issuer1", "https://example.com/issuer2"));
  g_assert_false (oa2_server_metadata_is_discovery_uri_of (
    "https://example.com/.well-known/openid-configuration", "https://evil.example.com"));
  g_assert_false (oa2_server_metadata_is_discovery_uri_of ("https://example.com/meta.json", "https://example.com"));
  g_assert_false (oa2_server_metadata_is_discovery_uri_of (
    "https://example.com/.well-known/openid-configuration", "not a uri"));
}

static void
test_discovery_uri_bad_issuer (void)
{
  static const struct { const char *issuer; int code; } cases[] = {
    { "http://example.com", OA2_ERROR_INSECURE_TRANSPORT },
    { "https://example.com/?a=b", OA2_ERROR_INVALID_ARGUMENT },
    { "https://example.com/#frag", OA2_ERROR_INVALID_ARGUMENT },
    { "https://u:p@example.com/", OA2_ERROR_INVALID_ARGUMENT },
    { "example.com", OA2_ERROR_INVALID_ARGUMENT },
    { "", OA2_ERROR_INVALID_ARGUMENT },
    { "ftp://example.com", OA2_ERROR_INVALID_ARGUMENT },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    for (int kind = OA2_DISCOVERY_KIND_OPENID; kind <= OA2_DISCOVERY_KIND_RFC8414; kind++)
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *uri = oa2_server_metadata_discovery_uri (cases[i].issuer, kind, &error);

        g_test_message ("%s", cases[i].issuer);
        g_assert_null (uri);
        g_assert_error (error, OA2_ERROR, cases[i].code);
        /* The password never reaches a message. */
        g_assert_null (strstr (error->message, "u:p"));
      }
}

/* Clients made by discovery, against in-process servers: one serves the
 * metadata, the other the token endpoint. */

typedef struct {
  OA2TestServer *server;
  OA2TestServer *token_server;
  char          *issuer;
  char          *token_endpoint;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = oa2_test_server_new ();
  f->token_server = oa2_test_server_new ();
  oa2_test_server_respond (f->token_server, 200, "application/json", TOKEN_JSON);
  f->issuer = oa2_test_server_uri (f->server, "");
  f->token_endpoint = oa2_test_server_uri (f->token_server, "/token");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->server, oa2_test_server_free);
  g_clear_pointer (&f->token_server, oa2_test_server_free);
  g_free (f->issuer);
  g_free (f->token_endpoint);
}

static void
serve_metadata (Fixture    *f,
                const char *issuer)
{
  g_autofree char *json = g_strdup_printf ("{\"issuer\":\"%s\",\"token_endpoint\":\"%s\","
                                           "\"authorization_endpoint\":\"https://as.example/authorize\","
                                           "\"revocation_endpoint\":\"https://as.example/revoke\","
                                           "\"introspection_endpoint\":\"https://as.example/introspect\","
                                           "\"userinfo_endpoint\":\"https://as.example/me\","
                                           "\"pushed_authorization_request_endpoint\":\"https://as.example/par\","
                                           "\"device_authorization_endpoint\":\"https://as.example/device\","
                                           "\"backchannel_authentication_endpoint\":\"https://as.example/ciba\","
                                           "\"jwks_uri\":\"https://as.example/jwks\","
                                           "\"end_session_endpoint\":\"https://as.example/logout\","
                                           "\"id_token_signing_alg_values_supported\":[\"ES256\"],"
                                           "\"mtls_endpoint_aliases\":{\"token_endpoint\":\"https://mtls.as.example/token\"}}",
                                           issuer, f->token_endpoint);

  oa2_test_server_respond (f->server, 200, "application/json", json);
}

typedef enum { BY_ISSUER_OPENID, BY_ISSUER_RFC8414, BY_URI } How;

static OA2Client *
discover (const char    *what,
          How            how,
          gboolean       async,
          OA2ClientAuth *auth,
          GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!async)
    switch (how)
      {
      case BY_ISSUER_OPENID:
        return oa2_client_new_from_issuer (what, OA2_DISCOVERY_KIND_OPENID, auth, NULL, NULL, error);
      case BY_ISSUER_RFC8414:
        return oa2_client_new_from_issuer (what, OA2_DISCOVERY_KIND_RFC8414, auth, NULL, NULL, error);
      case BY_URI:
      default:
        return oa2_client_new_from_discovery (what, auth, NULL, NULL, error);
      }

  if (how == BY_URI)
    {
      oa2_client_new_from_discovery_async (what, auth, NULL, NULL, oa2_test_store_result, &result);
      oa2_test_wait_result (&result);
      return oa2_client_new_from_discovery_finish (result, error);
    }
  oa2_client_new_from_issuer_async (what, how == BY_ISSUER_OPENID ? OA2_DISCOVERY_KIND_OPENID : OA2_DISCOVERY_KIND_RFC8414,
                                    auth, NULL, NULL, oa2_test_store_result, &result);
  oa2_test_wait_result (&result);
  return oa2_client_new_from_issuer_finish (result, error);
}

static void
check_discovered_client (Fixture   *f,
                         OA2Client *client)
{
  g_autoptr(GHashTable) aliases = oa2_client_dup_mtls_endpoint_aliases (client);
  OA2ServerMetadata *metadata = oa2_client_get_server_metadata (client);
  g_autoptr(OA2ServerMetadata) from_property = NULL;

  g_assert_cmpstr (oa2_client_get_issuer (client), ==, f->issuer);
  g_assert_cmpstr (oa2_client_get_token_endpoint (client), ==, f->token_endpoint);
  g_assert_cmpstr (oa2_client_get_authorization_endpoint (client), ==, "https://as.example/authorize");
  g_assert_cmpstr (oa2_client_get_revocation_endpoint (client), ==, "https://as.example/revoke");
  g_assert_cmpstr (oa2_client_get_introspection_endpoint (client), ==, "https://as.example/introspect");
  g_assert_cmpstr (oa2_client_get_userinfo_endpoint (client), ==, "https://as.example/me");
  g_assert_cmpstr (oa2_client_get_pushed_authorization_request_endpoint (client), ==, "https://as.example/par");
  g_assert_cmpstr (oa2_client_get_device_authorization_endpoint (client), ==, "https://as.example/device");
  g_assert_cmpstr (oa2_client_get_backchannel_authentication_endpoint (client), ==, "https://as.example/ciba");
  g_assert_cmpstr (oa2_client_get_jwks_uri (client), ==, "https://as.example/jwks");
  g_assert_cmpstr (oa2_client_get_end_session_endpoint (client), ==, "https://as.example/logout");
  g_assert_cmpstr (oa2_client_get_client_id (client), ==, "c1");
  g_assert_cmpuint (g_hash_table_size (aliases), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (aliases, "token_endpoint"), ==, "https://mtls.as.example/token");

  g_assert_nonnull (metadata);
  assert_strv (oa2_server_metadata_get_id_token_signing_alg_values_supported (metadata), "ES256");
  g_object_get (client, "server-metadata", &from_property, NULL);
  g_assert_true (from_property == metadata);

  {
    g_auto(GStrv) algs = oa2_client_dup_id_token_signing_alg_values_supported (client);

    assert_strv ((const char * const *) algs, "ES256");
  }
}

/* The request: exactly the well-known path, GET, JSON, no credentials. */
static void
check_discovery_request (Fixture    *f,
                         const char *path)
{
  g_autofree char *method = oa2_test_server_dup_last_method (f->server);
  g_autofree char *last_path = oa2_test_server_dup_last_path (f->server);
  g_autofree char *accept = oa2_test_server_dup_last_header (f->server, "Accept");
  g_autofree char *authorization = oa2_test_server_dup_last_header (f->server, "Authorization");
  g_autofree char *body = oa2_test_server_dup_last_body (f->server);

  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 1);
  g_assert_cmpstr (method, ==, "GET");
  g_assert_cmpstr (last_path, ==, path);
  g_assert_cmpstr (accept, ==, "application/json");
  g_assert_null (authorization);
  g_assert_true (body == NULL || *body == '\0');
}

typedef struct {
  const char *issuer_path;
  How         how;
  gboolean    async;
  const char  *expected_path;
} DiscoveryCase;

static void
test_discovery_ok (Fixture       *f,
                   gconstpointer  data)
{
  const DiscoveryCase *c = data;
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("c1", "s1");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Client) client = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *authorization = NULL;

  g_free (f->issuer);
  f->issuer = oa2_test_server_uri (f->server, c->issuer_path);
  serve_metadata (f, f->issuer);
  if (c->how == BY_URI)
    uri = oa2_test_server_uri (f->server, c->expected_path);
  client = discover (c->how == BY_URI ? uri : f->issuer, c->how, c->async, OA2_CLIENT_AUTH (auth), &error);
  g_assert_no_error (error);
  check_discovery_request (f, c->expected_path);
  check_discovered_client (f, client);

  /* The discovered client works: its token request goes where the
   * metadata says, with the client's authentication. */
  token = oa2_client_client_credentials (client, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");
  authorization = oa2_test_server_dup_last_header (f->token_server, "Authorization");
  g_assert_cmpstr (authorization, ==, "Basic YzE6czE=");
  g_assert_finalize_object (g_steal_pointer (&client));
}

static const DiscoveryCase discovery_cases[] = {
  { "", BY_ISSUER_OPENID, FALSE, "/.well-known/openid-configuration" },
  { "", BY_ISSUER_OPENID, TRUE, "/.well-known/openid-configuration" },
  { "", BY_ISSUER_RFC8414, FALSE, "/.well-known/oauth-authorization-server" },
  { "", BY_ISSUER_RFC8414, TRUE, "/.well-known/oauth-authorization-server" },
  { "/tenant/a", BY_ISSUER_OPENID, FALSE, "/tenant/a/.well-known/openid-configuration" },
  { "/tenant/a", BY_ISSUER_OPENID, TRUE, "/tenant/a/.well-known/openid-configuration" },
  { "/tenant/a", BY_ISSUER_RFC8414, FALSE, "/.well-known/oauth-authorization-server/tenant/a" },
  { "/tenant/a", BY_ISSUER_RFC8414, TRUE, "/.well-known/oauth-authorization-server/tenant/a" },
  { "/tenant/a", BY_URI, FALSE, "/tenant/a/.well-known/openid-configuration" },
  { "/tenant/a", BY_URI, TRUE, "/tenant/a/.well-known/openid-configuration" },
  { "/tenant/a", BY_URI, FALSE, "/.well-known/oauth-authorization-server/tenant/a" },
  { "/tenant/a", BY_URI, TRUE, "/.well-known/oauth-authorization-server/tenant/a" },
  { "", BY_URI, FALSE, "/.well-known/openid-configuration" },
};

/* The document names an issuer that differs from the expected one, if
 * only by a trailing slash or the case of the host. */
static void
test_discovery_issuer_mismatch (Fixture       *f,
                                gconstpointer  data)
{
  const char *served[] = { "%s/", "%s/other", "https://as.example" };

  for (gsize i = 0; i < G_N_ELEMENTS (served); i++)
    for (int async = 0; async < 2; async++)
      {
        g_autofree char *issuer = g_strdup_printf (served[i], f->issuer);
        g_autoptr(GError) error = NULL;
        g_autoptr(OA2Client) client = NULL;

        serve_metadata (f, issuer);
        client = discover (f->issuer, BY_ISSUER_OPENID, async, NULL, &error);
        g_assert_null (client);
        g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER);
        g_assert_nonnull (strstr (error->message, "instead of"));
      }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *upper = g_strdup (f->issuer);
    g_autoptr(OA2Client) client = NULL;

    /* "http://127.0.0.1" is not "HTTP://127.0.0.1": no normalization. */
    serve_metadata (f, f->issuer);
    memcpy (upper, "HTTP", 4);
    client = discover (upper, BY_ISSUER_OPENID, FALSE, NULL, &error);
    g_assert_null (client);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER);
  }
}

/* A document fetched from a URI must live where its issuer's metadata
 * lives: here the server publishes, at /meta.json or under another
 * tenant's path, a document in its own name. */
static void
test_discovery_uri_not_derived (Fixture       *f,
                                gconstpointer  data)
{
  const char *paths[] = { "/meta.json", "/other/.well-known/openid-configuration",
                          "/.well-known/oauth-authorization-server/other",
                          "/.well-known/openid-configuration/" };

  g_free (f->issuer);
  f->issuer = oa2_test_server_uri (f->server, "/tenant");
  serve_metadata (f, f->issuer);
  for (gsize i = 0; i < G_N_ELEMENTS (paths); i++)
    for (int async = 0; async < 2; async++)
      {
        g_autofree char *uri = oa2_test_server_uri (f->server, paths[i]);
        g_autoptr(GError) error = NULL;
        g_autoptr(OA2Client) client = discover (uri, BY_URI, async, NULL, &error);

        g_assert_null (client);
        g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER);
        g_assert_nonnull (strstr (error->message, "not published where it was fetched from"));
      }
}

typedef struct {
  const char *name;
  guint       status;
  const char *content_type;
  const char *body_fmt;    /* %s: the issuer */
  GQuark    (*domain) (void);
  int         code;
} BadResponse;

static const BadResponse bad_responses[] = {
  { "not-found", 404, "text/html", "<h1>Not found</h1>", oa2_error_quark, OA2_ERROR_UNEXPECTED_STATUS },
  { "server-error", 500, "application/json", "{}", oa2_error_quark, OA2_ERROR_UNEXPECTED_STATUS },
  { "oauth-error", 400, "application/json", "{\"error\":\"invalid_request\"}", oa2_oauth_error_quark,
    OA2_OAUTH_ERROR_INVALID_REQUEST },
  { "html", 200, "text/html", "<html></html>", oa2_error_quark, OA2_ERROR_UNEXPECTED_CONTENT_TYPE },
  { "malformed", 200, "application/json", "{\"issuer\":", oa2_error_quark, OA2_ERROR_INVALID_JSON },
  { "empty", 200, "application/json", "", oa2_error_quark, OA2_ERROR_EMPTY_RESPONSE },
  { "no-issuer", 200, "application/json", "{\"token_endpoint\":\"https://as.example/token\"}", oa2_error_quark,
    OA2_ERROR_MISSING_MEMBER },
  { "no-token-endpoint", 200, "application/json", "{\"issuer\":\"%s\"}", oa2_error_quark, OA2_ERROR_MISSING_MEMBER },
  { "wrong-type", 200, "application/json", "{\"issuer\":\"%s\",\"token_endpoint\":\"https://as.example/t\","
    "\"grant_types_supported\":\"client_credentials\"}", oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
  { "http-endpoint", 200, "application/json", "{\"issuer\":\"%s\",\"token_endpoint\":\"http://as.example/token\"}",
    oa2_error_quark, OA2_ERROR_INSECURE_TRANSPORT },
  { "http-alias", 200, "application/json", "{\"issuer\":\"%s\",\"token_endpoint\":\"https://as.example/token\","
    "\"mtls_endpoint_aliases\":{\"revocation_endpoint\":\"http://mtls.example/revoke\"}}",
    oa2_error_quark, OA2_ERROR_INSECURE_TRANSPORT },
};

static void
test_discovery_bad_response (Fixture       *f,
                             gconstpointer  data)
{
  const BadResponse *bad = data;
  g_autofree char *body = g_strdup_printf (bad->body_fmt, f->issuer);

  oa2_test_server_respond (f->server, bad->status, bad->content_type, body);
  for (int async = 0; async < 2; async++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2Client) client = discover (f->issuer, BY_ISSUER_OPENID, async, NULL, &error);

      g_assert_null (client);
      g_assert_error (error, bad->domain (), bad->code);
    }
}

/* A document above the response size limit (1 MiB) is not read whole. */
static void
test_discovery_oversize (Fixture       *f,
                         gconstpointer  data)
{
  GString *json = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;

  g_string_append_printf (json, "{\"issuer\":\"%s\",\"token_endpoint\":\"https://as.example/token\",\"x\":\"", f->issuer);
  while (json->len < 1024 * 1024 + 16)
    g_string_append (json, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  g_string_append (json, "\"}");
  body = g_string_free_to_bytes (json);

  for (int chunked = 0; chunked < 2; chunked++)
    for (int async = 0; async < 2; async++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(OA2Client) client = NULL;

        oa2_test_server_respond_bytes (f->server, 200, "application/json", body, chunked);
        client = discover (f->issuer, BY_ISSUER_OPENID, async, NULL, &error);
        g_assert_null (client);
        g_assert_error (error, OA2_ERROR, OA2_ERROR_RESPONSE_TOO_LARGE);
      }
}

/* An issuer or URI that could never give a trustworthy document is
 * refused before any request. */
static void
test_discovery_refused_before_request (Fixture       *f,
                                       gconstpointer  data)
{
  static const struct { const char *what; How how; int code; } cases[] = {
    { "http://as.example", BY_ISSUER_OPENID, OA2_ERROR_INSECURE_TRANSPORT },
    { "http://as.example", BY_ISSUER_RFC8414, OA2_ERROR_INSECURE_TRANSPORT },
    { "https://as.example/?x=1", BY_ISSUER_OPENID, OA2_ERROR_INVALID_ARGUMENT },
    { "http://as.example/.well-known/openid-configuration", BY_URI, OA2_ERROR_INSECURE_TRANSPORT },
    { "/.well-known/openid-configuration", BY_URI, OA2_ERROR_INVALID_ARGUMENT },
  };

  serve_metadata (f, f->issuer);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    for (int async = 0; async < 2; async++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(OA2Client) client = discover (cases[i].what, cases[i].how, async, NULL, &error);

        g_assert_null (client);
        g_assert_error (error, OA2_ERROR, cases[i].code);
      }
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 0);
}

static void
test_discovery_cancelled (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Client) client = NULL;

  serve_metadata (f, f->issuer);
  g_cancellable_cancel (cancellable);
  client = oa2_client_new_from_issuer (f->issuer, OA2_DISCOVERY_KIND_OPENID, NULL, NULL, cancellable, &error);
  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  oa2_client_new_from_issuer_async (f->issuer, OA2_DISCOVERY_KIND_OPENID, NULL, NULL, cancellable,
                                    oa2_test_store_result, &result);
  oa2_test_wait_result (&result);
  g_assert_cmpstr (g_task_get_name (G_TASK (result)), ==, "oa2_client_new_from_issuer_async");
  client = oa2_client_new_from_issuer_finish (result, &error);
  g_assert_null (client);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The given session is the client's too. */
static void
test_discovery_session (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Client) client = NULL;

  serve_metadata (f, f->issuer);
  client = oa2_client_new_from_issuer (f->issuer, OA2_DISCOVERY_KIND_OPENID, NULL, session, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (oa2_client_get_session (client) == session);
}

/* Endpoints given at construction win over the metadata's. */
static void
test_client_properties_win (void)
{
  g_autofree char *json = full_metadata ("https://as.example", "https://as.example/token");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ServerMetadata) m = oa2_server_metadata_new_from_json (json, &error);
  g_autoptr(GHashTable) mine = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) aliases = NULL;
  g_autoptr(OA2Client) client = NULL;

  g_assert_no_error (error);
  g_hash_table_insert (mine, "token_endpoint", "https://mine.example/token");
  client = g_object_new (OA2_TYPE_CLIENT, "server-metadata", m,
                         "token-endpoint", "https://mine.example/token",
                         "mtls-endpoint-aliases", mine, NULL);
  g_assert_cmpstr (oa2_client_get_token_endpoint (client), ==, "https://mine.example/token");
  g_assert_cmpstr (oa2_client_get_userinfo_endpoint (client), ==, "https://as.example/me");
  g_assert_cmpstr (oa2_client_get_issuer (client), ==, "https://as.example");
  aliases = oa2_client_dup_mtls_endpoint_aliases (client);
  g_assert_cmpstr (g_hash_table_lookup (aliases, "token_endpoint"), ==, "https://mine.example/token");
  g_assert_true (oa2_client_get_server_metadata (client) == m);
  /* RFC 9207: the metadata says the server sends iss, so it is required. */
  g_assert_true (oa2_client_get_authorization_response_iss_parameter_supported (client));
}

static void
test_client_from_metadata (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ServerMetadata) m =
    oa2_server_metadata_new_from_json ("{\"issuer\":\"https://as.example\"}", &error);
  g_autoptr(OA2Client) client = NULL;

  g_assert_no_error (error);
  client = oa2_client_new_from_server_metadata (m, NULL, NULL, &error);
  g_assert_null (client);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER);
  g_assert_nonnull (strstr (error->message, "token_endpoint"));

  /* A client made otherwise has none. */
  client = oa2_client_new ("https://as.example/token", NULL);
  g_assert_null (oa2_client_get_server_metadata (client));
}

int
main (int argc, char **argv)
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/server-metadata/members", test_metadata_members);
  g_test_add_func ("/oa2/server-metadata/round-trip", test_metadata_round_trip);
  g_test_add_func ("/oa2/server-metadata/from-object", test_metadata_from_object);
  g_test_add_func ("/oa2/server-metadata/null-members", test_metadata_null_members);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_documents); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oa2/server-metadata/bad/%s", bad_documents[i].name);

      g_test_add_data_func (path, &bad_documents[i], test_metadata_bad_member);
    }
  g_test_add_func ("/oa2/server-metadata/issuer", test_metadata_issuer);
  g_test_add_func ("/oa2/server-metadata/loopback", test_metadata_loopback);
  g_test_add_func ("/oa2/server-metadata/discovery-uris", test_discovery_uris);
  g_test_add_func ("/oa2/server-metadata/discovery-uri-bad-issuer", test_discovery_uri_bad_issuer);

  for (gsize i = 0; i < G_N_ELEMENTS (discovery_cases); i++)
    {
      const DiscoveryCase *c = &discovery_cases[i];
      const char *how = c->how == BY_URI ? "uri" : c->how == BY_ISSUER_OPENID ? "openid" : "rfc8414";
      g_autofree char *path = g_strdup_printf ("/oa2/discovery/ok/%s/%s/%" G_GSIZE_FORMAT, how,
                                               c->async ? "async" : "sync", i);

      g_test_add (path, Fixture, c, fixture_setup, test_discovery_ok, fixture_teardown);
    }
  g_test_add ("/oa2/discovery/issuer-mismatch", Fixture, NULL, fixture_setup, test_discovery_issuer_mismatch,
              fixture_teardown);
  g_test_add ("/oa2/discovery/uri-not-derived", Fixture, NULL, fixture_setup, test_discovery_uri_not_derived,
              fixture_teardown);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_responses); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oa2/discovery/bad/%s", bad_responses[i].name);

      g_test_add (path, Fixture, &bad_responses[i], fixture_setup, test_discovery_bad_response, fixture_teardown);
    }
  g_test_add ("/oa2/discovery/oversize", Fixture, NULL, fixture_setup, test_discovery_oversize, fixture_teardown);
  g_test_add ("/oa2/discovery/refused-before-request", Fixture, NULL, fixture_setup,
              test_discovery_refused_before_request, fixture_teardown);
  g_test_add ("/oa2/discovery/cancelled", Fixture, NULL, fixture_setup, test_discovery_cancelled, fixture_teardown);
  g_test_add ("/oa2/discovery/session", Fixture, NULL, fixture_setup, test_discovery_session, fixture_teardown);
  g_test_add_func ("/oa2/discovery/properties-win", test_client_properties_win);
  g_test_add_func ("/oa2/discovery/from-metadata", test_client_from_metadata);

  return g_test_run ();
}
