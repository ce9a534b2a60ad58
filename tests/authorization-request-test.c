/* authorization-request-test.c: authorization requests, their URIs, the
 * callback checks, pushed requests and the code exchange
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"

#define ENDPOINT "https://as.example/authorize"
#define REDIRECT "http://127.0.0.1:8400/cb"
#define ISSUER "https://as.example"

/* RFC 7636 Appendix B. */
#define RFC7636_VERIFIER "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
#define RFC7636_CHALLENGE "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

static OA2AuthorizationRequest *
new_request (void)
{
  g_autoptr(GError) error = NULL;
  OA2AuthorizationRequest *request = oa2_authorization_request_new (ENDPOINT, "c1", REDIRECT, "openid email",
                                                                    &error);

  g_assert_no_error (error);
  return request;
}

/* Fixed secrets, so that URIs can be compared whole. */
static void
fix_secrets (OA2AuthorizationRequest *request)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (oa2_authorization_request_set_state (request, "st-1", &error));
  oa2_authorization_request_set_nonce (request, "n-1");
  g_assert_true (oa2_authorization_request_set_code_verifier (request, RFC7636_VERIFIER, &error));
  g_assert_no_error (error);
}

static void
test_defaults (void)
{
  g_autoptr(OA2AuthorizationRequest) a = new_request ();
  g_autoptr(OA2AuthorizationRequest) b = new_request ();
  g_autofree char *challenge = NULL;

  g_assert_cmpstr (oa2_authorization_request_get_response_type (a), ==, "code");
  g_assert_cmpint (oa2_authorization_request_get_pkce_method (a), ==, OA2_PKCE_METHOD_S256);
  /* 256 random bits each, base64url: 43 characters, never the same twice. */
  g_assert_cmpuint (strlen (oa2_authorization_request_get_state (a)), ==, 43);
  g_assert_cmpuint (strlen (oa2_authorization_request_get_nonce (a)), ==, 43);
  g_assert_cmpuint (strlen (oa2_authorization_request_get_code_verifier (a)), ==, 43);
  g_assert_cmpstr (oa2_authorization_request_get_state (a), !=, oa2_authorization_request_get_state (b));
  g_assert_cmpstr (oa2_authorization_request_get_nonce (a), !=, oa2_authorization_request_get_nonce (b));
  g_assert_cmpstr (oa2_authorization_request_get_code_verifier (a), !=,
                   oa2_authorization_request_get_code_verifier (b));
  g_assert_cmpint (oa2_authorization_request_get_max_age (a), ==, -1);
  g_assert_null (oa2_authorization_request_get_resources (a)[0]);
  challenge = oa2_authorization_request_dup_code_challenge (a);
  g_assert_cmpuint (strlen (challenge), ==, 43);
}

static void
test_pkce_vector (void)
{
  g_autoptr(OA2AuthorizationRequest) request = new_request ();
  g_autoptr(GError) error = NULL;
  g_autofree char *s256 = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *none = NULL;

  g_assert_true (oa2_authorization_request_set_code_verifier (request, RFC7636_VERIFIER, &error));
  s256 = oa2_authorization_request_dup_code_challenge (request);
  g_assert_cmpstr (s256, ==, RFC7636_CHALLENGE);

  oa2_authorization_request_set_pkce_method (request, OA2_PKCE_METHOD_PLAIN);
  plain = oa2_authorization_request_dup_code_challenge (request);
  g_assert_cmpstr (plain, ==, RFC7636_VERIFIER);

  oa2_authorization_request_set_pkce_method (request, OA2_PKCE_METHOD_NONE);
  none = oa2_authorization_request_dup_code_challenge (request);
  g_assert_null (none);
  g_assert_null (oa2_authorization_request_get_code_verifier (request));
  g_assert_false (oa2_authorization_request_set_code_verifier (request, RFC7636_VERIFIER, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);

  oa2_authorization_request_set_pkce_method (request, OA2_PKCE_METHOD_S256);
  g_assert_nonnull (oa2_authorization_request_get_code_verifier (request));
}

static void
test_bad_verifier (void)
{
  static const char *bad[] = {
    "short",
    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX",    /* 42 */
    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjX+",   /* '+' */
    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEj k",   /* space */
  };
  g_autoptr(OA2AuthorizationRequest) request = new_request ();
  g_autofree char *long_one = g_strnfill (129, 'a');
  g_autofree char *max_one = g_strnfill (128, '~');

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (oa2_authorization_request_set_code_verifier (request, bad[i], &error));
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (oa2_authorization_request_set_code_verifier (request, long_one, &error));
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_true (oa2_authorization_request_set_code_verifier (request, max_one, &error));
    g_assert_no_error (error);
  }
}

static void
test_uri (void)
{
  g_autoptr(OA2AuthorizationRequest) request = new_request ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *jkt = NULL;
  g_autofree char *expected = NULL;

  fix_secrets (request);
  uri = oa2_authorization_request_dup_uri (request, &error);
  g_assert_cmpstr (uri, ==,
                   ENDPOINT "?response_type=code&client_id=c1&redirect_uri=http%3A%2F%2F127.0.0.1%3A8400%2Fcb"
                   "&scope=openid+email&state=st-1&nonce=n-1&code_challenge=" RFC7636_CHALLENGE
                   "&code_challenge_method=S256");
  g_assert_no_error (error);

  oa2_authorization_request_set_prompt (request, "login consent");
  oa2_authorization_request_set_max_age (request, 300);
  oa2_authorization_request_set_login_hint (request, "alice@example.com");
  oa2_authorization_request_set_id_token_hint (request, "eyJ.x.y");
  oa2_authorization_request_set_ui_locales (request, "de en");
  oa2_authorization_request_set_acr_values (request, "urn:mace:incommon:iap:silver");
  g_assert_true (oa2_authorization_request_set_claims (request, "{ \"id_token\": { \"email\": null } }", &error));
  g_assert_true (oa2_authorization_request_set_authorization_details (request,
                                                                      "[{\"type\": \"payment\"}]", &error));
  oa2_authorization_request_set_response_mode (request, "query");
  oa2_authorization_request_add_resource (request, "https://rs1.example/");
  oa2_authorization_request_add_resource (request, "https://rs2.example/");
  g_assert_true (oa2_authorization_request_set_parameter (request, "x_vendor", "v 1", &error));
  g_assert_true (oa2_authorization_request_set_parameter (request, "a_second", "2", &error));
  g_assert_true (oa2_authorization_request_set_parameter (request, "x_vendor", "v2", &error));
  g_assert_true (oa2_authorization_request_set_parameter (request, "gone", "3", &error));
  g_assert_true (oa2_authorization_request_set_parameter (request, "gone", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_request_get_parameter (request, "x_vendor"), ==, "v2");
  g_assert_null (oa2_authorization_request_get_parameter (request, "gone"));

  key = oa2_dpop_key_generate ("ES256", &error);
  g_assert_no_error (error);
  oa2_authorization_request_set_dpop_key (request, key);
  jkt = oa2_dpop_key_dup_thumbprint (key);
  g_assert_cmpstr (oa2_authorization_request_get_dpop_jkt (request), ==, jkt);

  g_free (uri);
  uri = oa2_authorization_request_dup_uri (request, &error);
  g_assert_no_error (error);
  expected = g_strconcat (ENDPOINT "?response_type=code&client_id=c1&redirect_uri=http%3A%2F%2F127.0.0.1%3A8400%2Fcb"
                          "&scope=openid+email&state=st-1&nonce=n-1&code_challenge=" RFC7636_CHALLENGE
                          "&code_challenge_method=S256&prompt=login+consent&max_age=300"
                          "&login_hint=alice%40example.com&id_token_hint=eyJ.x.y&ui_locales=de+en"
                          "&acr_values=urn%3Amace%3Aincommon%3Aiap%3Asilver"
                          "&claims=%7B%22id_token%22%3A%7B%22email%22%3Anull%7D%7D"
                          "&authorization_details=%5B%7B%22type%22%3A%22payment%22%7D%5D"
                          "&response_mode=query&dpop_jkt=", jkt,
                          "&resource=https%3A%2F%2Frs1.example%2F&resource=https%3A%2F%2Frs2.example%2F"
                          "&x_vendor=v2&a_second=2", NULL);
  g_assert_cmpstr (uri, ==, expected);

  oa2_authorization_request_set_dpop_jkt (request, "abc");
  g_assert_cmpstr (oa2_authorization_request_get_dpop_jkt (request), ==, "abc");
  oa2_authorization_request_set_dpop_key (request, NULL);
  g_assert_null (oa2_authorization_request_get_dpop_jkt (request));
}

/* Every property reads what its getter returns; none can be written,
 * the PKCE verifier (a secret) has none, and the setters notify. */
typedef const char *(*StringGetter) (OA2AuthorizationRequest *self);

static const struct {
  const char   *name;
  StringGetter  getter;
} string_properties[] = {
  { "authorization-endpoint", oa2_authorization_request_get_authorization_endpoint },
  { "client-id", oa2_authorization_request_get_client_id },
  { "redirect-uri", oa2_authorization_request_get_redirect_uri },
  { "scope", oa2_authorization_request_get_scope },
  { "response-type", oa2_authorization_request_get_response_type },
  { "state", oa2_authorization_request_get_state },
  { "nonce", oa2_authorization_request_get_nonce },
  { "prompt", oa2_authorization_request_get_prompt },
  { "login-hint", oa2_authorization_request_get_login_hint },
  { "id-token-hint", oa2_authorization_request_get_id_token_hint },
  { "ui-locales", oa2_authorization_request_get_ui_locales },
  { "acr-values", oa2_authorization_request_get_acr_values },
  { "claims", oa2_authorization_request_get_claims },
  { "authorization-details", oa2_authorization_request_get_authorization_details },
  { "response-mode", oa2_authorization_request_get_response_mode },
  { "dpop-jkt", oa2_authorization_request_get_dpop_jkt },
  { "issuer", oa2_authorization_request_get_issuer },
  { "request-uri", oa2_authorization_request_get_request_uri },
  { "request-object-alg", oa2_authorization_request_get_request_object_alg },
  { "request-object-encryption-alg", oa2_authorization_request_get_request_object_encryption_alg },
};

/* The properties that are not strings, checked one by one below. */
static const char * const other_properties[] = {
  "pkce-method", "max-age", "resources", "require-issuer", "request-uri-expires-at",
};

static void
assert_properties_match_getters (OA2AuthorizationRequest *request)
{
  OA2PkceMethod method;
  gint64 max_age;
  gboolean require_issuer;
  g_auto(GStrv) resources = NULL;
  g_autoptr(GDateTime) expires_at = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (string_properties); i++)
    {
      g_autofree char *value = NULL;

      g_object_get (request, string_properties[i].name, &value, NULL);
      g_assert_cmpstr (value, ==, string_properties[i].getter (request));
    }
  g_object_get (request, "pkce-method", &method, "max-age", &max_age, "resources", &resources,
                "require-issuer", &require_issuer, "request-uri-expires-at", &expires_at, NULL);
  g_assert_cmpint (method, ==, oa2_authorization_request_get_pkce_method (request));
  g_assert_cmpint (max_age, ==, oa2_authorization_request_get_max_age (request));
  g_assert_true (g_strv_equal ((const char * const *) resources, oa2_authorization_request_get_resources (request)));
  g_assert_cmpint (require_issuer, ==, oa2_authorization_request_get_require_issuer (request));
  g_assert_true (expires_at == oa2_authorization_request_get_request_uri_expires_at (request) ||
                 g_date_time_equal (expires_at, oa2_authorization_request_get_request_uri_expires_at (request)));
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GHashTable *counts = user_data;
  const char *name = g_param_spec_get_name (pspec);

  g_hash_table_insert (counts, (gpointer) name,
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, name)) + 1));
}

static guint
notified (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_properties (void)
{
  g_autoptr(OA2AuthorizationRequest) request = new_request ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(OA2Jwk) signing_key = NULL;
  g_autoptr(OA2Jwk) encryption_key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  /* Every property is read-only, and each is checked below. */
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (request), &n_pspecs);
  g_assert_cmpuint (n_pspecs, ==, G_N_ELEMENTS (string_properties) + G_N_ELEMENTS (other_properties));
  for (guint i = 0; i < n_pspecs; i++)
    {
      const char *name = g_param_spec_get_name (pspecs[i]);
      gboolean known = g_strv_contains (other_properties, name);

      for (guint j = 0; j < G_N_ELEMENTS (string_properties) && !known; j++)
        known = g_str_equal (string_properties[j].name, name);
      g_assert_true (known);
      g_assert_true (pspecs[i]->flags & G_PARAM_READABLE);
      g_assert_false (pspecs[i]->flags & G_PARAM_WRITABLE);
    }
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (request), "code-verifier"));

  /* The defaults. */
  assert_properties_match_getters (request);

  g_signal_connect (request, "notify", G_CALLBACK (count_notify), counts);
  fix_secrets (request);
  oa2_authorization_request_set_scope (request, "openid profile");
  oa2_authorization_request_set_response_type (request, "code id_token");
  oa2_authorization_request_set_pkce_method (request, OA2_PKCE_METHOD_PLAIN);
  oa2_authorization_request_set_prompt (request, "login");
  oa2_authorization_request_set_max_age (request, 600);
  oa2_authorization_request_set_login_hint (request, "alice@example.com");
  oa2_authorization_request_set_id_token_hint (request, "eyJ.x.y");
  oa2_authorization_request_set_ui_locales (request, "de");
  oa2_authorization_request_set_acr_values (request, "urn:example:acr");
  g_assert_true (oa2_authorization_request_set_claims (request, "{\"userinfo\":{\"email\":null}}", &error));
  g_assert_true (oa2_authorization_request_set_authorization_details (request, "[{\"type\":\"x\"}]", &error));
  oa2_authorization_request_set_response_mode (request, "fragment");
  oa2_authorization_request_set_dpop_jkt (request, "jkt-1");
  oa2_authorization_request_add_resource (request, "https://rs1.example/");
  oa2_authorization_request_add_resource (request, "https://rs2.example/");
  oa2_authorization_request_set_issuer (request, ISSUER);
  oa2_authorization_request_set_require_issuer (request, TRUE);
  signing_key = oa2_jwk_generate ("ES256", &error);
  g_assert_no_error (error);
  g_assert_true (oa2_authorization_request_set_request_object_key (request, signing_key, NULL, &error));
  encryption_key = oa2_jwk_generate ("ECDH-ES", &error);
  g_assert_no_error (error);
  g_assert_true (oa2_authorization_request_set_request_object_encryption (request, encryption_key, NULL, NULL,
                                                                          &error));
  oa2_authorization_request_set_request_uri (request, "https://client.example/request.jwt");
  g_assert_no_error (error);

  assert_properties_match_getters (request);
  g_assert_cmpstr (oa2_authorization_request_get_request_object_alg (request), ==, "ES256");
  g_assert_cmpstr (oa2_authorization_request_get_request_object_encryption_alg (request), ==, "ECDH-ES");

  /* Each setter notified its property; a failed one notifies nothing. */
  for (guint i = 0; i < G_N_ELEMENTS (string_properties); i++)
    {
      const char *name = string_properties[i].name;

      /* The first three are fixed at construction. */
      if (i < 3)
        g_assert_cmpuint (notified (counts, name), ==, 0);
      else
        g_assert_cmpuint (notified (counts, name), ==, 1);
    }
  g_assert_cmpuint (notified (counts, "resources"), ==, 2);
  g_assert_cmpuint (notified (counts, "pkce-method"), ==, 1);
  g_assert_cmpuint (notified (counts, "max-age"), ==, 1);
  g_assert_cmpuint (notified (counts, "require-issuer"), ==, 1);
  g_assert_cmpuint (notified (counts, "request-uri-expires-at"), ==, 1);
  g_assert_false (oa2_authorization_request_set_state (request, "with space", &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (oa2_authorization_request_set_claims (request, "[]", &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpuint (notified (counts, "state"), ==, 1);
  g_assert_cmpuint (notified (counts, "claims"), ==, 1);

  /* Clearing reads back as NULL. */
  g_assert_true (oa2_authorization_request_set_request_object_key (request, NULL, NULL, &error));
  oa2_authorization_request_set_nonce (request, NULL);
  oa2_authorization_request_set_request_uri (request, NULL);
  assert_properties_match_getters (request);
  g_assert_null (oa2_authorization_request_get_request_object_alg (request));
  g_assert_null (oa2_authorization_request_get_nonce (request));
}

static void
test_uri_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2AuthorizationRequest) request =
    oa2_authorization_request_new (ENDPOINT "?tenant=t1", "c1", NULL, NULL, &error);
  g_autofree char *uri = NULL;

  g_assert_no_error (error);
  g_assert_true (oa2_authorization_request_set_state (request, "st-1", &error));
  oa2_authorization_request_set_nonce (request, NULL);
  oa2_authorization_request_set_pkce_method (request, OA2_PKCE_METHOD_NONE);
  uri = oa2_authorization_request_dup_uri (request, &error);
  g_assert_no_error (error);
  /* The endpoint's own query stays first. */
  g_assert_cmpstr (uri, ==, ENDPOINT "?tenant=t1&response_type=code&client_id=c1&state=st-1");
}

static void
test_bad_input (void)
{
  static const struct { const char *endpoint, *client_id, *redirect; int code; } bad[] = {
    { NULL, "c1", NULL, OA2_ERROR_INVALID_ARGUMENT },
    { "not a uri", "c1", NULL, OA2_ERROR_INVALID_ARGUMENT },
    { "http://as.example/authorize", "c1", NULL, OA2_ERROR_INSECURE_TRANSPORT },
    { ENDPOINT "#frag", "c1", NULL, OA2_ERROR_INVALID_ARGUMENT },
    { ENDPOINT "?client_id=other", "c1", NULL, OA2_ERROR_INVALID_ARGUMENT },
    { ENDPOINT "?x=1&state=mine", "c1", NULL, OA2_ERROR_INVALID_ARGUMENT },
    { ENDPOINT, "", NULL, OA2_ERROR_INVALID_ARGUMENT },
    { ENDPOINT, NULL, NULL, OA2_ERROR_INVALID_ARGUMENT },
    { ENDPOINT, "c1", "relative/cb", OA2_ERROR_INVALID_ARGUMENT },
    { ENDPOINT, "c1", "https://app.example/cb#x", OA2_ERROR_INVALID_ARGUMENT },
  };
  g_autoptr(OA2AuthorizationRequest) request = new_request ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2AuthorizationRequest) r = oa2_authorization_request_new (bad[i].endpoint, bad[i].client_id,
                                                                            bad[i].redirect, NULL, &error);

      g_assert_null (r);
      g_assert_error (error, OA2_ERROR, bad[i].code);
    }

  {
    static const char *reserved[] = { "state", "code_challenge", "client_id", "resource", "request_uri", "" };

    for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_false (oa2_authorization_request_set_parameter (request, reserved[i], "x", &error));
        g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
      }
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (oa2_authorization_request_set_state (request, "", &error));
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_false (oa2_authorization_request_set_state (request, "has space", &error));
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_false (oa2_authorization_request_set_claims (request, "[1]", &error));
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_false (oa2_authorization_request_set_claims (request, "{", &error));
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_false (oa2_authorization_request_set_authorization_details (request, "{\"type\":\"x\"}", &error));
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  }
}

/* A JARM mode goes into the URI; its signed response needs the server's
 * keys, which only the client has (client-jarm-test.c). */
static void
test_jarm_needs_client (void)
{
  static const char *modes[] = { "jwt", "query.jwt", "fragment.jwt", "form_post.jwt" };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(OA2AuthorizationRequest) request = new_request ();
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2AuthorizationResponse) response = NULL;
      g_autofree char *uri = NULL;

      g_autofree char *expected = g_strdup_printf ("&response_mode=%s", modes[i]);

      oa2_authorization_request_set_response_mode (request, modes[i]);
      uri = oa2_authorization_request_dup_uri (request, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (uri, expected));
      response = oa2_authorization_request_validate_callback (request, REDIRECT "?response=eyJ", &error);
      g_assert_null (response);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "oa2_client_validate_authorization_callback"));
    }
}

static void
test_json_round_trip (void)
{
  g_autoptr(OA2AuthorizationRequest) request = new_request ();
  g_autoptr(OA2AuthorizationRequest) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json2 = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *uri2 = NULL;

  oa2_authorization_request_set_prompt (request, "login");
  oa2_authorization_request_set_max_age (request, 0);
  oa2_authorization_request_set_ui_locales (request, "de");
  g_assert_true (oa2_authorization_request_set_claims (request, "{\"userinfo\":{}}", &error));
  g_assert_true (oa2_authorization_request_set_authorization_details (request, "[]", &error));
  oa2_authorization_request_add_resource (request, "https://rs1.example/");
  g_assert_true (oa2_authorization_request_set_parameter (request, "z", "1", &error));
  g_assert_true (oa2_authorization_request_set_parameter (request, "a", "2", &error));
  oa2_authorization_request_set_issuer (request, ISSUER);
  oa2_authorization_request_set_require_issuer (request, TRUE);
  oa2_authorization_request_set_pkce_method (request, OA2_PKCE_METHOD_PLAIN);

  json = oa2_authorization_request_to_json (request);
  copy = oa2_authorization_request_new_from_json (json, &error);
  g_assert_no_error (error);
  json2 = oa2_authorization_request_to_json (copy);
  g_assert_cmpstr (json, ==, json2);
  uri = oa2_authorization_request_dup_uri (request, &error);
  uri2 = oa2_authorization_request_dup_uri (copy, &error);
  g_assert_cmpstr (uri, ==, uri2);
  g_assert_cmpstr (oa2_authorization_request_get_code_verifier (copy), ==,
                   oa2_authorization_request_get_code_verifier (request));
  g_assert_cmpstr (oa2_authorization_request_get_state (copy), ==, oa2_authorization_request_get_state (request));
  g_assert_cmpstr (oa2_authorization_request_get_issuer (copy), ==, ISSUER);
  g_assert_true (oa2_authorization_request_get_require_issuer (copy));
  g_assert_cmpint (oa2_authorization_request_get_max_age (copy), ==, 0);
  g_assert_cmpint (oa2_authorization_request_get_pkce_method (copy), ==, OA2_PKCE_METHOD_PLAIN);
}

static void
test_json_bad (void)
{
  static const struct { const char *json; int code; } bad[] = {
    { "", OA2_ERROR_INVALID_JSON },
    { "[]", OA2_ERROR_INVALID_JSON },
    { "{}", OA2_ERROR_INVALID_MEMBER },   /* no version */
    { "{\"version\":2}", OA2_ERROR_INVALID_MEMBER },
    { "{\"version\":1,\"client_id\":\"c\"}", OA2_ERROR_MISSING_MEMBER },
    { "{\"version\":1,\"authorization_endpoint\":\"" ENDPOINT "\",\"client_id\":\"c\",\"code_challenge_method\":\"S256\"}",
      OA2_ERROR_MISSING_MEMBER },   /* no state */
    { "{\"version\":1,\"authorization_endpoint\":\"" ENDPOINT "\",\"client_id\":\"c\",\"state\":\"s\","
      "\"code_challenge_method\":\"S256\"}", OA2_ERROR_INVALID_MEMBER },   /* no verifier */
    { "{\"version\":1,\"authorization_endpoint\":\"" ENDPOINT "\",\"client_id\":\"c\",\"state\":\"s\","
      "\"code_challenge_method\":\"S256\",\"code_verifier\":\"short\"}", OA2_ERROR_INVALID_MEMBER },
    { "{\"version\":1,\"authorization_endpoint\":\"" ENDPOINT "\",\"client_id\":\"c\",\"state\":\"s\","
      "\"code_challenge_method\":\"S512\",\"code_verifier\":\"" RFC7636_VERIFIER "\"}", OA2_ERROR_INVALID_MEMBER },
    { "{\"version\":1,\"authorization_endpoint\":\"" ENDPOINT "\",\"client_id\":\"c\",\"state\":\"s\","
      "\"code_challenge_method\":\"none\",\"max_age\":-3}", OA2_ERROR_INVALID_MEMBER },
    { "{\"version\":1,\"authorization_endpoint\":\"" ENDPOINT "\",\"client_id\":\"c\",\"state\":\"s\","
      "\"code_challenge_method\":\"none\",\"parameters\":[\"state\",\"x\"]}", OA2_ERROR_INVALID_MEMBER },
    { "{\"version\":1,\"authorization_endpoint\":\"" ENDPOINT "\",\"client_id\":\"c\",\"state\":\"s\","
      "\"code_challenge_method\":\"none\",\"resource\":[1]}", OA2_ERROR_INVALID_MEMBER },
    { "{\"version\":1,\"authorization_endpoint\":\"http://as.example/\",\"client_id\":\"c\"}",
      OA2_ERROR_INSECURE_TRANSPORT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2AuthorizationRequest) r = oa2_authorization_request_new_from_json (bad[i].json, &error);

      g_test_message ("%s", bad[i].json);
      g_assert_null (r);
      g_assert_error (error, OA2_ERROR, bad[i].code);
    }
}

/* The callback table: each response, and what validating it gives. */
static void
test_callback_table (void)
{
  static const struct {
    const char *query;
    gboolean    require_iss;
    GQuark    (*domain) (void);
    int         code;
  } cases[] = {
    { "code=c-1&state=st-1", FALSE, NULL, 0 },
    { "code=c-1&state=st-1&iss=https%3A%2F%2Fas.example", TRUE, NULL, 0 },
    { "code=c-1", FALSE, oa2_error_quark, OA2_ERROR_STATE_MISMATCH },
    { "code=c-1&state=st-2", FALSE, oa2_error_quark, OA2_ERROR_STATE_MISMATCH },
    { "code=c-1&state=st-", FALSE, oa2_error_quark, OA2_ERROR_STATE_MISMATCH },
    { "code=c-1&state=st-10", FALSE, oa2_error_quark, OA2_ERROR_STATE_MISMATCH },
    /* A wrong state wins over an error: the error may be forged. */
    { "error=access_denied&state=other", FALSE, oa2_error_quark, OA2_ERROR_STATE_MISMATCH },
    { "error=access_denied&state=st-1", FALSE, oa2_oauth_error_quark, OA2_OAUTH_ERROR_ACCESS_DENIED },
    { "error=login_required&error_description=Sign+in&state=st-1", FALSE, oa2_oauth_error_quark,
      OA2_OAUTH_ERROR_LOGIN_REQUIRED },
    { "error=vendor_thing&state=st-1", FALSE, oa2_oauth_error_quark, OA2_OAUTH_ERROR_OTHER },
    { "code=c-1&state=st-1&iss=https%3A%2F%2Fevil.example", FALSE, oa2_error_quark, OA2_ERROR_ISSUER_MISMATCH },
    /* Mix-up: the iss check comes before the error too. */
    { "error=access_denied&state=st-1&iss=https%3A%2F%2Fevil.example", FALSE, oa2_error_quark,
      OA2_ERROR_ISSUER_MISMATCH },
    { "code=c-1&state=st-1", TRUE, oa2_error_quark, OA2_ERROR_ISSUER_MISMATCH },
    { "state=st-1", FALSE, oa2_error_quark, OA2_ERROR_MISSING_MEMBER },
    { "state=st-1&code=", FALSE, oa2_error_quark, OA2_ERROR_MISSING_MEMBER },
    { "code=c-1&state=st-1&code=c-2", FALSE, oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { "", FALSE, oa2_error_quark, OA2_ERROR_STATE_MISMATCH },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OA2AuthorizationRequest) request = new_request ();
      g_autoptr(OA2AuthorizationResponse) response = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = g_strconcat (REDIRECT "?", cases[i].query, NULL);

      g_test_message ("%s", cases[i].query);
      fix_secrets (request);
      oa2_authorization_request_set_issuer (request, ISSUER);
      oa2_authorization_request_set_require_issuer (request, cases[i].require_iss);
      oa2_authorization_request_set_max_age (request, 60);
      response = oa2_authorization_request_validate_callback (request, uri, &error);
      if (cases[i].domain == NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "c-1");
          g_assert_cmpstr (oa2_authorization_response_get_state (response), ==, "st-1");
          g_assert_cmpstr (oa2_authorization_response_get_redirect_uri (response), ==, REDIRECT);
          g_assert_cmpstr (oa2_authorization_response_get_code_verifier (response), ==, RFC7636_VERIFIER);
          g_assert_cmpstr (oa2_authorization_response_get_nonce (response), ==, "n-1");
          g_assert_cmpint (oa2_authorization_response_get_max_age (response), ==, 60);
          g_assert_cmpstr (oa2_authorization_response_get_issuer (response), ==,
                           cases[i].require_iss ? ISSUER : NULL);
        }
      else
        {
          g_assert_null (response);
          g_assert_error (error, cases[i].domain (), cases[i].code);
        }
    }
}

static void
test_callback_error_details (void)
{
  g_autoptr(OA2AuthorizationRequest) request = new_request ();
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GError) error = NULL;

  fix_secrets (request);
  response = oa2_authorization_request_validate_callback (request,
                                                          REDIRECT "?error=consent_required&error_description=No+consent"
                                                          "&error_uri=https%3A%2F%2Fas.example%2Fhelp&state=st-1",
                                                          &error);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_CONSENT_REQUIRED);
  g_assert_cmpstr (oa2_error_get_description (error), ==, "No consent");
  g_assert_cmpstr (oa2_error_get_uri (error), ==, "https://as.example/help");
  g_assert_true (oa2_error_requires_interaction (error));
}

static void
test_callback_modes (void)
{
  g_autoptr(OA2AuthorizationRequest) request = new_request ();
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(GHashTable) params = oa2_test_params ("code", "c-2", "state", "st-1", "session_state", "x", NULL);
  g_autoptr(GError) error = NULL;

  fix_secrets (request);
  /* Without iss and with no issuer known, nothing is compared. */
  response = oa2_authorization_request_validate_callback (request, REDIRECT "?state=st-1&code=a%2Bb+c&iss=any", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "a+b c");
  g_clear_object (&response);

  oa2_authorization_request_set_response_mode (request, "fragment");
  response = oa2_authorization_request_validate_callback (request, REDIRECT "?state=st-1&code=q#state=st-1&code=f",
                                                          &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "f");
  g_clear_object (&response);

  oa2_authorization_request_set_response_mode (request, "form_post");
  response = oa2_authorization_request_validate_callback (request, REDIRECT "?state=st-1&code=q", &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  response = oa2_authorization_request_validate_callback_params (request, params, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, "c-2");
  g_assert_cmpstr (oa2_authorization_response_get_parameter (response, "session_state"), ==, "x");
  g_clear_object (&response);

  response = oa2_authorization_request_validate_callback (request, "::not a uri", &error);
  g_assert_null (response);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
}

/* The client: its requests, pushes and exchanges. */

typedef struct {
  OA2TestServer *server;
  OA2Client     *client;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *token = NULL;
  g_autofree char *par = NULL;
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("c1", "s1");

  f->server = oa2_test_server_new ();
  token = oa2_test_server_uri (f->server, "/token");
  par = oa2_test_server_uri (f->server, "/par");
  f->client = g_object_new (OA2_TYPE_CLIENT, "token-endpoint", token, "client-auth", auth,
                            "authorization-endpoint", ENDPOINT, "pushed-authorization-request-endpoint", par,
                            "issuer", ISSUER, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->client));
  g_clear_pointer (&f->server, oa2_test_server_free);
}

static OA2AuthorizationRequest *
client_request (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  OA2AuthorizationRequest *request = oa2_client_new_authorization_request (f->client, REDIRECT, "openid", &error);

  g_assert_no_error (error);
  fix_secrets (request);
  return request;
}

static void
test_client_request (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(OA2AuthorizationRequest) request = NULL;
  g_autoptr(OA2Client) bare = oa2_client_new_public ("https://as.example/token", "c1");
  g_autoptr(GError) error = NULL;

  request = client_request (f);
  g_assert_cmpstr (oa2_authorization_request_get_client_id (request), ==, "c1");
  g_assert_cmpstr (oa2_authorization_request_get_authorization_endpoint (request), ==, ENDPOINT);
  g_assert_cmpstr (oa2_authorization_request_get_issuer (request), ==, ISSUER);
  g_assert_false (oa2_authorization_request_get_require_issuer (request));
  g_clear_object (&request);

  g_assert_false (oa2_client_get_authorization_response_iss_parameter_supported (f->client));
  g_object_set (f->client, "authorization-response-iss-parameter-supported", TRUE, NULL);
  request = client_request (f);
  g_assert_true (oa2_authorization_request_get_require_issuer (request));
  g_clear_object (&request);

  request = oa2_client_new_authorization_request (bare, REDIRECT, NULL, &error);
  g_assert_null (request);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
}

#define PAR_BODY "response_type=code&client_id=c1&redirect_uri=http%3A%2F%2F127.0.0.1%3A8400%2Fcb&scope=openid" \
                 "&state=st-1&nonce=n-1&code_challenge=" RFC7636_CHALLENGE "&code_challenge_method=S256"

static void
test_par (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(OA2AuthorizationRequest) request = client_request (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *json = NULL;
  g_autoptr(OA2AuthorizationRequest) restored = NULL;
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  GDateTime *expires_at;

  oa2_test_freeze_clock (1700000000);
  oa2_test_server_respond (f->server, 201, "application/json",
                           "{\"request_uri\":\"urn:ietf:params:oauth:request_uri:abc\",\"expires_in\":60}");
  g_assert_true (oa2_client_pushed_authorization_request (f->client, request, NULL, NULL, &error));
  g_assert_no_error (error);

  body = oa2_test_server_dup_last_body (f->server);
  g_assert_cmpstr (body, ==, PAR_BODY);
  authorization = oa2_test_server_dup_last_header (f->server, "Authorization");
  g_assert_cmpstr (authorization, ==, "Basic YzE6czE=");
  g_assert_null (oa2_test_server_dup_last_header (f->server, "DPoP"));

  g_assert_cmpstr (oa2_authorization_request_get_request_uri (request), ==, "urn:ietf:params:oauth:request_uri:abc");
  expires_at = oa2_authorization_request_get_request_uri_expires_at (request);
  g_assert_cmpint (g_date_time_to_unix (expires_at), ==, 1700000060);
  assert_properties_match_getters (request);
  uri = oa2_authorization_request_dup_uri (request, &error);
  g_assert_cmpstr (uri, ==, ENDPOINT "?client_id=c1&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc");

  /* Pushed once is enough. */
  g_assert_false (oa2_client_pushed_authorization_request (f->client, request, NULL, NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* The pushed state survives a restart, and the response is validated
   * as before. */
  json = oa2_authorization_request_to_json (request);
  restored = oa2_authorization_request_new_from_json (json, &error);
  g_assert_no_error (error);
  g_clear_pointer (&uri, g_free);
  uri = oa2_authorization_request_dup_uri (restored, &error);
  g_assert_cmpstr (uri, ==, ENDPOINT "?client_id=c1&request_uri=urn%3Aietf%3Aparams%3Aoauth%3Arequest_uri%3Aabc");
  response = oa2_authorization_request_validate_callback (restored, REDIRECT "?code=c&state=st-1", &error);
  g_assert_no_error (error);
  oa2_test_thaw_clock ();
}

static void
test_par_async (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OA2AuthorizationRequest) request = client_request (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *body = NULL;

  oa2_test_server_respond (f->server, 201, "application/json",
                           "{\"request_uri\":\"urn:x\",\"expires_in\":90}");
  oa2_client_pushed_authorization_request_async (f->client, request, NULL, NULL, oa2_test_store_result, &result);
  g_assert_true (oa2_client_pushed_authorization_request_finish (f->client, oa2_test_wait_result (&result),
                                                                  &error));
  g_assert_no_error (error);
  body = oa2_test_server_dup_last_body (f->server);
  g_assert_cmpstr (body, ==, PAR_BODY);
  g_assert_cmpstr (oa2_authorization_request_get_request_uri (request), ==, "urn:x");
  g_clear_object (&result);

  /* A client without the endpoint fails through the callback. */
  {
    g_autoptr(OA2Client) bare = oa2_client_new_public ("https://as.example/token", "c1");
    g_autoptr(OA2AuthorizationRequest) other = new_request ();

    oa2_client_pushed_authorization_request_async (bare, other, NULL, NULL, oa2_test_store_result, &result);
    g_assert_false (oa2_client_pushed_authorization_request_finish (bare, oa2_test_wait_result (&result), &error));
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_par_errors (Fixture       *f,
                 gconstpointer  data)
{
  static const struct { guint status; const char *body; GQuark (*domain) (void); int code; } cases[] = {
    { 400, "{\"error\":\"invalid_request\",\"error_description\":\"bad\"}", oa2_oauth_error_quark,
      OA2_OAUTH_ERROR_INVALID_REQUEST },
    { 401, "{\"error\":\"invalid_client\"}", oa2_oauth_error_quark, OA2_OAUTH_ERROR_INVALID_CLIENT },
    { 201, "{\"expires_in\":60}", oa2_error_quark, OA2_ERROR_MISSING_MEMBER },
    { 201, "{\"request_uri\":\"\",\"expires_in\":60}", oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { 201, "{\"request_uri\":7,\"expires_in\":60}", oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { 201, "{\"request_uri\":\"urn:x\"}", oa2_error_quark, OA2_ERROR_MISSING_MEMBER },
    { 201, "{\"request_uri\":\"urn:x\",\"expires_in\":0}", oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { 201, "{\"request_uri\":\"urn:x\",\"expires_in\":\"60\"}", oa2_error_quark, OA2_ERROR_INVALID_MEMBER },
    { 201, "not json", oa2_error_quark, OA2_ERROR_INVALID_JSON },
    { 500, "oops", oa2_error_quark, OA2_ERROR_UNEXPECTED_STATUS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OA2AuthorizationRequest) request = client_request (f);
      g_autoptr(GError) error = NULL;

      g_test_message ("%u %s", cases[i].status, cases[i].body);
      oa2_test_server_respond (f->server, cases[i].status, "application/json", cases[i].body);
      g_assert_false (oa2_client_pushed_authorization_request (f->client, request, NULL, NULL, &error));
      g_assert_error (error, cases[i].domain (), cases[i].code);
      g_assert_null (oa2_authorization_request_get_request_uri (request));
    }
}

static void
test_par_dpop (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(OA2AuthorizationRequest) request = client_request (f);
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("ES256", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(OA2Jwk) public_key = oa2_dpop_key_dup_public_jwk (key);
  g_autofree char *proof = NULL;
  g_autofree char *par_uri = oa2_test_server_uri (f->server, "/par");
  const char * const allowed[] = { "ES256", NULL };

  /* The server asks for a nonce every time: one retry with it, then the
   * error. */
  oa2_test_server_respond (f->server, 400, "application/json", "{\"error\":\"use_dpop_nonce\"}");
  oa2_test_server_add_response_header (f->server, "DPoP-Nonce", "n-par-1");
  g_assert_false (oa2_client_pushed_authorization_request (f->client, request, key, NULL, &error));
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_USE_DPOP_NONCE);
  g_assert_cmpuint (oa2_test_server_get_hits (f->server), ==, 2);
  g_clear_error (&error);

  proof = oa2_test_server_dup_last_header (f->server, "DPoP");
  g_assert_nonnull (proof);
  jwt = oa2_jwt_new_from_compact (proof, &error);
  g_assert_no_error (error);
  g_assert_true (oa2_jwt_verify (jwt, public_key, allowed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "htm"), ==, "POST");
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "htu"), ==, par_uri);
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "nonce"), ==, "n-par-1");
}

#define TOKEN_JSON "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}"

static void
test_exchange (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(OA2AuthorizationRequest) request = client_request (f);
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  static const char *expected =
    "grant_type=authorization_code&code=c%2B1&redirect_uri=http%3A%2F%2F127.0.0.1%3A8400%2Fcb"
    "&code_verifier=" RFC7636_VERIFIER;

  /* An OAuth-only request: no ID token to expect (see exchange-openid). */
  oa2_authorization_request_set_scope (request, "api:read");
  response = oa2_authorization_request_validate_callback (request, REDIRECT "?code=c%2B1&state=st-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_scope (response), ==, "api:read");

  oa2_test_server_respond (f->server, 200, "application/json", TOKEN_JSON);
  token = oa2_client_exchange_authorization_response (f->client, response, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "at-1");
  body = oa2_test_server_dup_last_body (f->server);
  g_assert_cmpstr (body, ==, expected);
  g_clear_object (&token);
  g_clear_pointer (&body, g_free);

  oa2_client_exchange_authorization_response_async (f->client, response, NULL, NULL, oa2_test_store_result,
                                                    &result);
  token = oa2_client_exchange_authorization_response_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  body = oa2_test_server_dup_last_body (f->server);
  g_assert_cmpstr (body, ==, expected);
  g_clear_object (&token);
  g_clear_object (&result);

  oa2_test_server_respond (f->server, 400, "application/json", "{\"error\":\"invalid_grant\"}");
  oa2_client_exchange_authorization_response_async (f->client, response, NULL, NULL, oa2_test_store_result,
                                                    &result);
  token = oa2_client_exchange_authorization_response_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_null (token);
  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT);
}

/* The exchange passes what the request expects of the ID token: with the
 * openid scope, a response without one is refused. */
static void
test_exchange_openid (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(OA2AuthorizationRequest) request = client_request (f);
  g_autoptr(OA2AuthorizationResponse) response = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  oa2_authorization_request_set_scope (request, "email openid");
  response = oa2_authorization_request_validate_callback (request, REDIRECT "?code=c&state=st-1", &error);
  g_assert_no_error (error);
  oa2_test_server_respond (f->server, 200, "application/json", TOKEN_JSON);
  token = oa2_client_exchange_authorization_response (f->client, response, NULL, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER);
  g_clear_error (&error);

  oa2_client_exchange_authorization_response_async (f->client, response, NULL, NULL, oa2_test_store_result,
                                                    &result);
  token = oa2_client_exchange_authorization_response_finish (f->client, oa2_test_wait_result (&result), &error);
  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER);
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/authorization-request/defaults", test_defaults);
  g_test_add_func ("/oa2/authorization-request/pkce-rfc7636-vector", test_pkce_vector);
  g_test_add_func ("/oa2/authorization-request/bad-verifier", test_bad_verifier);
  g_test_add_func ("/oa2/authorization-request/uri", test_uri);
  g_test_add_func ("/oa2/authorization-request/uri-minimal", test_uri_minimal);
  g_test_add_func ("/oa2/authorization-request/properties", test_properties);
  g_test_add_func ("/oa2/authorization-request/bad-input", test_bad_input);
  g_test_add_func ("/oa2/authorization-request/jarm-needs-client", test_jarm_needs_client);
  g_test_add_func ("/oa2/authorization-request/json-round-trip", test_json_round_trip);
  g_test_add_func ("/oa2/authorization-request/json-bad", test_json_bad);
  g_test_add_func ("/oa2/authorization-request/callback-table", test_callback_table);
  g_test_add_func ("/oa2/authorization-request/callback-error-details", test_callback_error_details);
  g_test_add_func ("/oa2/authorization-request/callback-modes", test_callback_modes);
  g_test_add ("/oa2/authorization-request/client", Fixture, NULL, fixture_setup, test_client_request,
              fixture_teardown);
  g_test_add ("/oa2/authorization-request/par", Fixture, NULL, fixture_setup, test_par, fixture_teardown);
  g_test_add ("/oa2/authorization-request/par-async", Fixture, NULL, fixture_setup, test_par_async,
              fixture_teardown);
  g_test_add ("/oa2/authorization-request/par-errors", Fixture, NULL, fixture_setup, test_par_errors,
              fixture_teardown);
  g_test_add ("/oa2/authorization-request/par-dpop-nonce", Fixture, NULL, fixture_setup, test_par_dpop,
              fixture_teardown);
  g_test_add ("/oa2/authorization-request/exchange", Fixture, NULL, fixture_setup, test_exchange,
              fixture_teardown);
  g_test_add ("/oa2/authorization-request/exchange-openid", Fixture, NULL, fixture_setup, test_exchange_openid,
              fixture_teardown);

  return g_test_run ();
}
