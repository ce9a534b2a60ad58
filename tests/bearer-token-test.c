/* bearer-token-test.c: token responses, expiry, storage and stamping
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"

#define NOW G_GINT64_CONSTANT (1700000000)

static OA2BearerToken *
token_from (const char  *json,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) parse_error = NULL;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &parse_error));
  g_assert_no_error (parse_error);
  return oa2_bearer_token_new_from_response (json_node_get_object (json_parser_get_root (parser)), error);
}

static void
setup_clock (void)
{
  oa2_test_freeze_clock (NOW);
}

static void
test_standard_members (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autofree char *header = NULL;
  g_auto(GStrv) names = NULL;
  gint64 n = 0;
  gboolean b = FALSE;

  setup_clock ();
  token = token_from ("{\"access_token\":\"2YotnFZFEjr1zCsicMWpAA\",\"token_type\":\"bearer\","
                      "\"expires_in\":3600,\"refresh_token\":\"tGzv3JOkF0XG5Qx2TlKWIA\","
                      "\"scope\":\"read write\",\"id_token\":\"a.b.c\","
                      "\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\","
                      "\"count\":7,\"flag\":true,\"nested\":{\"x\":1}}", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "2YotnFZFEjr1zCsicMWpAA");
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");
  g_assert_cmpstr (oa2_bearer_token_get_refresh_token (token), ==, "tGzv3JOkF0XG5Qx2TlKWIA");
  g_assert_cmpstr (oa2_bearer_token_get_scope (token), ==, "read write");
  g_assert_cmpstr (oa2_bearer_token_get_id_token (token), ==, "a.b.c");
  g_assert_cmpint (g_date_time_to_unix (oa2_bearer_token_get_expires_at (token)), ==, NOW + 3600);

  g_assert_cmpstr (oa2_bearer_token_get_string_member (token, "issued_token_type"), ==,
                   "urn:ietf:params:oauth:token-type:access_token");
  g_assert_true (oa2_bearer_token_get_int_member (token, "count", &n));
  g_assert_cmpint (n, ==, 7);
  g_assert_true (oa2_bearer_token_get_boolean_member (token, "flag", &b));
  g_assert_true (b);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (oa2_bearer_token_get_member (token, "nested")));
  /* Typed getters never coerce. */
  g_assert_null (oa2_bearer_token_get_string_member (token, "count"));
  g_assert_false (oa2_bearer_token_get_int_member (token, "flag", NULL));
  g_assert_false (oa2_bearer_token_get_boolean_member (token, "absent", NULL));
  /* Standard members are properties, not extra members. */
  g_assert_null (oa2_bearer_token_get_member (token, "access_token"));
  names = oa2_bearer_token_dup_member_names (token);
  g_assert_cmpuint (g_strv_length (names), ==, 4);
  g_assert_true (g_strv_contains ((const char * const *) names, "issued_token_type"));

  header = oa2_bearer_token_dup_authorization_header (token);
  g_assert_cmpstr (header, ==, "Bearer 2YotnFZFEjr1zCsicMWpAA");

  oa2_test_thaw_clock ();
}

static void
test_expiry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) zero = NULL;
  g_autoptr(OA2BearerToken) unknown = NULL;
  g_autoptr(OA2BearerToken) string_lifetime = NULL;
  g_autoptr(OA2BearerToken) whole_double = NULL;

  setup_clock ();
  token = token_from ("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":60}", &error);
  g_assert_no_error (error);
  g_assert_false (oa2_bearer_token_is_expired (token, 0));
  g_assert_false (oa2_bearer_token_is_expired (token, 59));
  g_assert_true (oa2_bearer_token_is_expired (token, 60));
  g_assert_cmpint (oa2_bearer_token_get_expires_in (token), ==, 60);

  /* The remaining lifetime is live. */
  oa2_test_freeze_clock (NOW + 45);
  g_assert_cmpint (oa2_bearer_token_get_expires_in (token), ==, 15);
  oa2_test_freeze_clock (NOW + 60);
  g_assert_true (oa2_bearer_token_is_expired (token, 0));
  g_assert_cmpint (oa2_bearer_token_get_expires_in (token), ==, 0);
  oa2_test_freeze_clock (NOW + 600);
  g_assert_cmpint (oa2_bearer_token_get_expires_in (token), ==, 0);

  setup_clock ();
  zero = token_from ("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":0}", &error);
  g_assert_no_error (error);
  g_assert_true (oa2_bearer_token_is_expired (zero, 0));

  unknown = token_from ("{\"access_token\":\"a\",\"token_type\":\"Bearer\"}", &error);
  g_assert_no_error (error);
  g_assert_null (oa2_bearer_token_get_expires_at (unknown));
  g_assert_false (oa2_bearer_token_is_expired (unknown, 3600));
  g_assert_cmpint (oa2_bearer_token_get_expires_in (unknown), ==, -1);

  string_lifetime = token_from ("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":\"120\"}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (oa2_bearer_token_get_expires_in (string_lifetime), ==, 120);

  whole_double = token_from ("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":300.0}", &error);
  g_assert_no_error (error);
  g_assert_cmpint (oa2_bearer_token_get_expires_in (whole_double), ==, 300);

  oa2_test_thaw_clock ();
}

static void
test_token_type (void)
{
  const char *accepted[] = {
    "{\"access_token\":\"a\",\"token_type\":\"Bearer\"}",
    "{\"access_token\":\"a\",\"token_type\":\"BEARER\"}",
    "{\"access_token\":\"a\",\"token_type\":\"bEaReR\"}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2BearerToken) token = token_from (accepted[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");
    }
}

typedef struct {
  const char *name;
  const char *json;
  OA2Error    code;
} BadResponse;

static const BadResponse bad_responses[] = {
  { "no-access-token", "{\"token_type\":\"Bearer\"}", OA2_ERROR_MISSING_MEMBER },
  { "null-access-token", "{\"access_token\":null,\"token_type\":\"Bearer\"}", OA2_ERROR_MISSING_MEMBER },
  { "empty-access-token", "{\"access_token\":\"\",\"token_type\":\"Bearer\"}", OA2_ERROR_INVALID_MEMBER },
  { "numeric-access-token", "{\"access_token\":42,\"token_type\":\"Bearer\"}", OA2_ERROR_INVALID_MEMBER },
  { "object-access-token", "{\"access_token\":{},\"token_type\":\"Bearer\"}", OA2_ERROR_INVALID_MEMBER },
  { "numeric-token-type", "{\"access_token\":\"a\",\"token_type\":1}", OA2_ERROR_INVALID_MEMBER },
  /* RFC 6749 §5.1 requires token_type; OA2Client:allow-missing-token-type
   * is the way to accept a server that leaves it out. */
  { "no-token-type", "{\"access_token\":\"a\",\"expires_in\":60}", OA2_ERROR_MISSING_MEMBER },
  { "null-token-type", "{\"access_token\":\"a\",\"token_type\":null}", OA2_ERROR_MISSING_MEMBER },
  { "empty-token-type", "{\"access_token\":\"a\",\"token_type\":\"\"}", OA2_ERROR_INVALID_MEMBER },
  { "array-refresh-token", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"refresh_token\":[\"x\"]}", OA2_ERROR_INVALID_MEMBER },
  { "numeric-scope", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"scope\":3}", OA2_ERROR_INVALID_MEMBER },
  { "boolean-id-token", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"id_token\":true}", OA2_ERROR_INVALID_MEMBER },
  { "negative-expires-in", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":-1}", OA2_ERROR_INVALID_MEMBER },
  { "negative-string-expires-in", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":\"-5\"}", OA2_ERROR_INVALID_MEMBER },
  { "absurd-expires-in", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":99999999999}", OA2_ERROR_INVALID_MEMBER },
  { "huge-expires-in", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":9223372036854775807}", OA2_ERROR_INVALID_MEMBER },
  { "fractional-expires-in", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":1.5}", OA2_ERROR_INVALID_MEMBER },
  { "word-expires-in", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":\"soon\"}", OA2_ERROR_INVALID_MEMBER },
  { "padded-expires-in", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":\" 60\"}", OA2_ERROR_INVALID_MEMBER },
  { "empty-string-expires-in", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":\"\"}", OA2_ERROR_INVALID_MEMBER },
  { "boolean-expires-in", "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":true}", OA2_ERROR_INVALID_MEMBER },
  { "mac-token-type", "{\"access_token\":\"a\",\"token_type\":\"mac\"}", OA2_ERROR_UNSUPPORTED_TOKEN_TYPE },
  { "bearerish-token-type", "{\"access_token\":\"a\",\"token_type\":\"BearerToken\"}", OA2_ERROR_UNSUPPORTED_TOKEN_TYPE },
  { "dpop-token-type", "{\"access_token\":\"a\",\"token_type\":\"DPoP\"}", OA2_ERROR_UNSUPPORTED_TOKEN_TYPE },
};

static void
test_bad_response (gconstpointer data)
{
  const BadResponse *bad = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = token_from (bad->json, &error);

  g_assert_null (token);
  g_assert_error (error, OA2_ERROR, (gint) bad->code);
}

static void
test_json_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) restored = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  setup_clock ();
  token = token_from ("{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                      "\"refresh_token\":\"rt\",\"scope\":\"s\",\"custom\":\"c\"}", &error);
  g_assert_no_error (error);
  json = oa2_bearer_token_to_json (token);
  g_assert_cmpstr (json, ==, "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_at\":1700003600,"
                             "\"refresh_token\":\"rt\",\"scope\":\"s\",\"custom\":\"c\"}");

  /* Restored an hour later: the expiry is absolute, not re-based. */
  oa2_test_freeze_clock (NOW + 1800);
  restored = oa2_bearer_token_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (restored), ==, "at");
  g_assert_cmpstr (oa2_bearer_token_get_refresh_token (restored), ==, "rt");
  g_assert_cmpstr (oa2_bearer_token_get_string_member (restored, "custom"), ==, "c");
  g_assert_cmpint (oa2_bearer_token_get_expires_in (restored), ==, 1800);
  again = oa2_bearer_token_to_json (restored);
  g_assert_cmpstr (again, ==, json);

  oa2_test_thaw_clock ();
}

static void
test_json_restore_errors (void)
{
  const struct { const char *json; GQuark domain; int code; } cases[] = {
    { "", OA2_ERROR, OA2_ERROR_EMPTY_RESPONSE },
    { "not json", OA2_ERROR, OA2_ERROR_INVALID_JSON },
    { "[1,2]", OA2_ERROR, OA2_ERROR_INVALID_JSON },
    { "{\"token_type\":\"Bearer\"}", OA2_ERROR, OA2_ERROR_MISSING_MEMBER },
    { "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_at\":\"tomorrow\"}", OA2_ERROR, OA2_ERROR_INVALID_MEMBER },
    { "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_at\":999999999999999}", OA2_ERROR, OA2_ERROR_INVALID_MEMBER },
    { "{\"access_token\":\"a\",\"expires_at\":1700000000}", OA2_ERROR, OA2_ERROR_MISSING_MEMBER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2BearerToken) token = oa2_bearer_token_new_from_json (cases[i].json, &error);

      g_assert_null (token);
      g_assert_error (error, cases[i].domain, cases[i].code);
    }
}

static void
test_new_simple (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (NOW + 10);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  setup_clock ();
  token = oa2_bearer_token_new ("plain", when, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "plain");
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");
  g_assert_cmpint (oa2_bearer_token_get_expires_in (token), ==, 10);
  oa2_test_thaw_clock ();
}

/* RFC 6750 §2.1: an access token is a b64token, or it could put another
 * line into the Authorization header. */
static const char * const good_access_tokens[] = {
  "mF_9.B5f-4.1JqM", "a", "abc==", "a+/~-._9Z", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
};

static const char * const bad_access_tokens[] = {
  "a\r\nX-Injected: 1", "a\n", "a\r", "a b", " a", "a\t", "tok!en", "a%20b", "a\"b", "a,b",
  "caf\xc3\xa9", "=abc", "=", "abc=d", "a\x7f",
};

static char *
response_json (const char *access_token,
               const char *refresh_token)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  json_object_set_string_member (object, "access_token", access_token);
  json_object_set_string_member (object, "token_type", "Bearer");
  if (refresh_token != NULL)
    json_object_set_string_member (object, "refresh_token", refresh_token);
  node = json_node_init_object (json_node_alloc (), object);
  return json_to_string (node, FALSE);
}

/* Every way of building a token applies the same check. */
static void
assert_every_path (const char *access_token,
                   const char *refresh_token,
                   int         code)
{
  g_autofree char *json = response_json (access_token, refresh_token);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) from_response = token_from (json, &error);
  g_autoptr(OA2BearerToken) from_json = NULL;
  g_autoptr(OA2BearerToken) from_properties = NULL;
  g_autoptr(OA2BearerToken) from_new = NULL;

  if (code == 0)
    g_assert_no_error (error);
  else
    g_assert_error (error, OA2_ERROR, code);
  g_clear_error (&error);

  from_json = oa2_bearer_token_new_from_json (json, &error);
  if (code == 0)
    g_assert_no_error (error);
  else
    g_assert_error (error, OA2_ERROR, code);
  g_clear_error (&error);

  from_properties = g_object_new (OA2_TYPE_BEARER_TOKEN,
                                  "access-token", access_token, "refresh-token", refresh_token, NULL);
  if (code == 0)
    g_assert_true (g_initable_init (G_INITABLE (from_properties), NULL, &error));
  else
    {
      g_assert_false (g_initable_init (G_INITABLE (from_properties), NULL, &error));
      g_assert_error (error, OA2_ERROR, code);
      /* A token that failed holds no credential. */
      g_assert_null (oa2_bearer_token_get_access_token (from_properties));
      g_assert_null (oa2_bearer_token_get_refresh_token (from_properties));
    }
  g_clear_error (&error);

  if (refresh_token == NULL)
    {
      from_new = oa2_bearer_token_new (access_token, NULL, &error);
      if (code == 0)
        g_assert_no_error (error);
      else
        {
          g_assert_null (from_new);
          g_assert_error (error, OA2_ERROR, code);
        }
    }
}

static void
test_access_token_syntax (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (good_access_tokens); i++)
    assert_every_path (good_access_tokens[i], NULL, 0);
  for (gsize i = 0; i < G_N_ELEMENTS (bad_access_tokens); i++)
    assert_every_path (bad_access_tokens[i], NULL, OA2_ERROR_MALFORMED_TOKEN);
}

/* RFC 6749 Appendix A: a refresh token is 1*VSCHAR, printable ASCII with
 * spaces; it only travels in form bodies. */
static void
test_refresh_token_syntax (void)
{
  const char *good[] = { "tGzv3JOkF0XG5Qx2TlKWIA", "a b!\"#%&'()*,:;<>?@[\\]^`{|}~", " " };
  const char *bad[] = { "", "rt\n", "rt\r\nX: 1", "r\tt", "caf\xc3\xa9", "rt\x7f" };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    assert_every_path ("at", good[i], 0);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    assert_every_path ("at", bad[i], OA2_ERROR_MALFORMED_TOKEN);
}

/* The message says where, never what: the token is a credential. */
static void
test_syntax_messages (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = oa2_bearer_token_new ("secret\r\nX-Injected: 1", NULL, &error);
  g_autoptr(OA2BearerToken) refresh = NULL;
  g_autoptr(OA2BearerToken) empty = NULL;
  g_autofree char *json = response_json ("at", "rt-secret\n");

  g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  g_assert_cmpstr (error->message, ==,
                   "The access token has a character that RFC 6750 does not allow in a Bearer token (at byte 6)");
  g_clear_error (&error);

  refresh = token_from (json, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  g_assert_cmpstr (error->message, ==, "The refresh token has a character that RFC 6749 does not allow (at byte 9)");
  g_clear_error (&error);

  empty = oa2_bearer_token_new ("", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
}

static void
test_authorize_message (void)
{
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) expired = NULL;
  g_autoptr(GDateTime) past = g_date_time_new_from_unix_utc (NOW - 1);
  g_autoptr(SoupMessage) https_msg = soup_message_new ("GET", "https://api.example/me");
  g_autoptr(SoupMessage) loopback_msg = soup_message_new ("GET", "http://127.0.0.1:8080/me");
  g_autoptr(SoupMessage) ipv6_msg = soup_message_new ("GET", "http://[::1]:8080/me");
  g_autoptr(SoupMessage) plain_msg = soup_message_new ("GET", "http://api.example/me");
  g_autoptr(SoupMessage) expired_msg = soup_message_new ("GET", "https://api.example/me");
  g_autoptr(GError) error = NULL;

  setup_clock ();
  token = oa2_bearer_token_new ("mF_9.B5f-4.1JqM", NULL, &error);
  g_assert_no_error (error);
  expired = oa2_bearer_token_new ("old", past, &error);
  g_assert_no_error (error);

  soup_message_headers_replace (soup_message_get_request_headers (https_msg), "Authorization", "Basic x");
  g_assert_true (oa2_bearer_token_authorize_message (token, https_msg, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (soup_message_headers_get_list (soup_message_get_request_headers (https_msg), "Authorization"),
                   ==, "Bearer mF_9.B5f-4.1JqM");
  g_assert_true (oa2_bearer_token_authorize_message (token, loopback_msg, &error));
  g_assert_true (oa2_bearer_token_authorize_message (token, ipv6_msg, &error));
  g_assert_no_error (error);

  g_assert_false (oa2_bearer_token_authorize_message (token, plain_msg, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INSECURE_TRANSPORT);
  g_assert_null (soup_message_headers_get_one (soup_message_get_request_headers (plain_msg), "Authorization"));
  g_clear_error (&error);

  g_assert_false (oa2_bearer_token_authorize_message (expired, expired_msg, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_TOKEN_EXPIRED);
  g_assert_null (soup_message_headers_get_one (soup_message_get_request_headers (expired_msg), "Authorization"));

  /* A stamped message keeps no reference to the token. */
  g_assert_finalize_object (g_steal_pointer (&token));
  g_assert_finalize_object (g_steal_pointer (&expired));
  oa2_test_thaw_clock ();
}

/* A token a binding built generically, from an injected line or from
 * nothing, must not stamp anything, nor report success: the message keeps
 * the header it had. */
static void
test_authorize_message_invalid_token (void)
{
  g_autoptr(JsonObject) injected = json_object_new ();
  g_autoptr(OA2BearerToken) from_response = NULL;
  g_autoptr(OA2BearerToken) from_property = NULL;
  g_autoptr(OA2BearerToken) from_nothing = NULL;
  OA2BearerToken *tokens[3];
  int codes[] = { OA2_ERROR_MALFORMED_TOKEN, OA2_ERROR_MALFORMED_TOKEN, OA2_ERROR_INVALID_ARGUMENT };

  json_object_set_string_member (injected, "access_token", "a\r\nX-Injected: 1");
  json_object_set_string_member (injected, "token_type", "Bearer");
  tokens[0] = from_response = g_object_new (OA2_TYPE_BEARER_TOKEN, "response", injected, NULL);
  tokens[1] = from_property = g_object_new (OA2_TYPE_BEARER_TOKEN, "access-token", "a\r\nX-Injected: 1", NULL);
  tokens[2] = from_nothing = g_object_new (OA2_TYPE_BEARER_TOKEN, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", "https://api.example/me");
      g_autoptr(GError) error = NULL;
      SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

      soup_message_headers_replace (headers, "Authorization", "Basic kept");
      g_assert_false (oa2_bearer_token_authorize_message (tokens[i], msg, &error));
      g_assert_error (error, OA2_ERROR, codes[i]);
      g_assert_cmpstr (soup_message_headers_get_list (headers, "Authorization"), ==, "Basic kept");
      g_assert_null (soup_message_headers_get_one (headers, "X-Injected"));
    }
}

/* The other uses of an invalid token are programming errors, reported
 * with the reason, and give nothing. */
static void
test_invalid_token_misuse (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(OA2BearerToken) token = g_object_new (OA2_TYPE_BEARER_TOKEN, NULL);
      g_autofree char *header = oa2_bearer_token_dup_authorization_header (token);

      g_assert_null (header);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*oa2_bearer_token_dup_authorization_header: the token is invalid: "
                             "A token needs an access token, or the response it was issued in*");
}

/* Bindings construct with properties and never call g_initable_init():
 * the identity is construct-only properties, or a response. */
static void
test_generic_construction (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (NOW + 60);
  g_autoptr(JsonObject) good = json_object_new ();
  g_autoptr(JsonObject) bad = json_object_new ();
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) from_response = NULL;
  g_autoptr(OA2BearerToken) refused = NULL;
  g_autoptr(OA2BearerToken) both = NULL;
  g_autoptr(OA2BearerToken) other_type = NULL;
  g_autoptr(OA2BearerToken) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *json = NULL;

  setup_clock ();
  token = g_object_new (OA2_TYPE_BEARER_TOKEN,
                        "access-token", "generic", "token-type", "bearer", "expires-at", when,
                        "refresh-token", "rt", "scope", "a b", "id-token", "x.y.z", NULL);
  g_assert_true (g_initable_init (G_INITABLE (token), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "generic");
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");
  g_assert_cmpstr (oa2_bearer_token_get_refresh_token (token), ==, "rt");
  g_assert_cmpstr (oa2_bearer_token_get_scope (token), ==, "a b");
  g_assert_cmpstr (oa2_bearer_token_get_id_token (token), ==, "x.y.z");
  g_assert_cmpint (oa2_bearer_token_get_expires_in (token), ==, 60);
  names = oa2_bearer_token_dup_member_names (token);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  json = oa2_bearer_token_to_json (token);
  g_assert_cmpstr (json, ==, "{\"access_token\":\"generic\",\"token_type\":\"Bearer\",\"expires_at\":1700000060,"
                             "\"refresh_token\":\"rt\",\"scope\":\"a b\",\"id_token\":\"x.y.z\"}");

  json_object_set_string_member (good, "access_token", "generic");
  json_object_set_string_member (good, "token_type", "Bearer");
  from_response = g_object_new (OA2_TYPE_BEARER_TOKEN, "response", good, NULL);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (from_response), ==, "generic");
  g_assert_true (g_initable_init (G_INITABLE (from_response), NULL, &error));
  g_assert_no_error (error);

  json_object_set_string_member (bad, "access_token", "");
  json_object_set_string_member (bad, "token_type", "Bearer");
  refused = g_object_new (OA2_TYPE_BEARER_TOKEN, "response", bad, NULL);
  g_assert_null (oa2_bearer_token_get_access_token (refused));
  g_assert_false (g_initable_init (G_INITABLE (refused), NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER);
  g_clear_error (&error);

  both = g_object_new (OA2_TYPE_BEARER_TOKEN, "response", good, "access-token", "other", NULL);
  g_assert_false (g_initable_init (G_INITABLE (both), NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_null (oa2_bearer_token_get_access_token (both));
  g_clear_error (&error);

  other_type = g_object_new (OA2_TYPE_BEARER_TOKEN, "access-token", "a", "token-type", "MAC", NULL);
  g_assert_false (g_initable_init (G_INITABLE (other_type), NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_TOKEN_TYPE);
  g_clear_error (&error);

  empty = g_object_new (OA2_TYPE_BEARER_TOKEN, NULL);
  g_assert_false (g_initable_init (G_INITABLE (empty), NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_null (oa2_bearer_token_get_access_token (empty));
  oa2_test_thaw_clock ();
}

int
main (int argc, char **argv)
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/bearer-token/standard-members", test_standard_members);
  g_test_add_func ("/oa2/bearer-token/expiry", test_expiry);
  g_test_add_func ("/oa2/bearer-token/token-type", test_token_type);
  for (guint i = 0; i < G_N_ELEMENTS (bad_responses); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oa2/bearer-token/bad-response/%s", bad_responses[i].name);
      g_test_add_data_func (path, &bad_responses[i], test_bad_response);
    }
  g_test_add_func ("/oa2/bearer-token/json-round-trip", test_json_round_trip);
  g_test_add_func ("/oa2/bearer-token/json-restore-errors", test_json_restore_errors);
  g_test_add_func ("/oa2/bearer-token/new", test_new_simple);
  g_test_add_func ("/oa2/bearer-token/access-token-syntax", test_access_token_syntax);
  g_test_add_func ("/oa2/bearer-token/refresh-token-syntax", test_refresh_token_syntax);
  g_test_add_func ("/oa2/bearer-token/syntax-messages", test_syntax_messages);
  g_test_add_func ("/oa2/bearer-token/authorize-message", test_authorize_message);
  g_test_add_func ("/oa2/bearer-token/authorize-message-invalid-token", test_authorize_message_invalid_token);
  g_test_add_func ("/oa2/bearer-token/invalid-token-misuse", test_invalid_token_misuse);
  g_test_add_func ("/oa2/bearer-token/generic-construction", test_generic_construction);

  return g_test_run ();
}
