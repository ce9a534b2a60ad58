/* token-compact-test.c: tokens and DPoP keys in requests_oauth2client's
 * compact serialized form, checked byte for byte against fixtures made
 * from its documented format (compact/make-fixtures.py)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"

#include <string.h>

#include "oa2-compact-private.h"

#define EXPIRES_AT 1893456000
#define DPOP_ACCESS_TOKEN "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"
#define P256_JWK "{\"kty\":\"EC\",\"crv\":\"P-256\"," \
                 "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\"," \
                 "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"," \
                 "\"d\":\"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI\"}"

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "compact", name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_strchomp (text);
  return text;
}

/* The token of bearer.txt, built from this library's stored form, which
 * keeps the extra members in the order given. */
static OA2BearerToken *
make_bearer (void)
{
  g_autoptr(GError) error = NULL;
  OA2BearerToken *token = oa2_bearer_token_new_from_json (
    "{\"access_token\":\"2YotnFZFEjr1zCsicMWpAA\",\"token_type\":\"Bearer\",\"expires_at\":1893456000,"
    "\"scope\":\"openid profile api:read\",\"refresh_token\":\"tGzv3JOkF0XG5Qx2TlKWIA\","
    "\"id_token\":\"eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.\","
    "\"authorization_details\":[{\"type\":\"payment\",\"amount\":12,\"ok\":true,\"none\":null}],"
    "\"note\":\"caf\\u00e9 \\u2615 \\ud83d\\udd11 \\\"q\\\" \\\\ /\\n\\t\\u0001\\u007f\","
    "\"ratio\":0.25,\"big\":1e16,\"small\":1.5e-07,\"third\":0.3333333333333333,\"thousand\":1000.0}",
    &error);

  g_assert_no_error (error);
  return token;
}

static OA2DPoPKey *
make_p256_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) jwk = oa2_jwk_new_from_json (P256_JWK, &error);
  OA2DPoPKey *key;

  g_assert_no_error (error);
  key = oa2_dpop_key_new (jwk, "ES256", &error);
  g_assert_no_error (error);
  return key;
}

static void
test_bearer_dump_byte_for_byte (void)
{
  g_autoptr(OA2BearerToken) token = make_bearer ();
  g_autofree char *expected = read_fixture ("bearer.txt");
  g_autofree char *compact = oa2_bearer_token_to_compact (token);

  g_assert_cmpstr (compact, ==, expected);

  /* Writing the compact form leaves the token whole (found by
   * fuzz-compact: its other members were wiped with the copy). */
  g_assert_cmpstr (oa2_bearer_token_get_string_member (token, "note"), ==,
                   "caf\xc3\xa9 \xe2\x98\x95 \xf0\x9f\x94\x91 \"q\" \\ /\n\t\x01\x7f");
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "2YotnFZFEjr1zCsicMWpAA");
  g_free (compact);
  compact = oa2_bearer_token_to_compact (token);
  g_assert_cmpstr (compact, ==, expected);
}

static void
test_bearer_load (void)
{
  g_autofree char *fixture = read_fixture ("bearer.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = oa2_bearer_token_new_from_compact (fixture, &error);
  g_autoptr(OA2BearerToken) expected = make_bearer ();
  g_autofree char *json = NULL;
  g_autofree char *expected_json = NULL;
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  g_assert_true (G_OBJECT_TYPE (token) == OA2_TYPE_BEARER_TOKEN);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "2YotnFZFEjr1zCsicMWpAA");
  g_assert_cmpstr (oa2_bearer_token_get_token_type (token), ==, "Bearer");
  g_assert_cmpstr (oa2_bearer_token_get_refresh_token (token), ==, "tGzv3JOkF0XG5Qx2TlKWIA");
  g_assert_cmpstr (oa2_bearer_token_get_scope (token), ==, "openid profile api:read");
  g_assert_cmpstr (oa2_bearer_token_get_id_token (token), ==, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhbGljZSJ9.");
  g_assert_cmpint (g_date_time_to_unix (oa2_bearer_token_get_expires_at (token)), ==, EXPIRES_AT);
  g_assert_cmpstr (oa2_bearer_token_get_string_member (token, "note"), ==,
                   "caf\xc3\xa9 \xe2\x98\x95 \xf0\x9f\x94\x91 \"q\" \\ /\n\t\x01\x7f");

  /* The same token as the one the fixture was made from, and it writes
   * the fixture back. */
  json = oa2_bearer_token_to_json (token);
  expected_json = oa2_bearer_token_to_json (expected);
  g_assert_cmpstr (json, ==, expected_json);
  again = oa2_bearer_token_to_compact (token);
  g_assert_cmpstr (again, ==, fixture);
}

static void
test_bearer_minimal (void)
{
  g_autofree char *fixture = read_fixture ("bearer-minimal.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = oa2_bearer_token_new ("mF_9.B5f-4.1JqM", NULL, &error);
  g_autoptr(OA2BearerToken) loaded = NULL;
  g_autofree char *compact = NULL;

  g_assert_no_error (error);
  compact = oa2_bearer_token_to_compact (token);
  g_assert_cmpstr (compact, ==, fixture);

  loaded = oa2_bearer_token_new_from_compact (fixture, &error);
  g_assert_no_error (error);
  g_assert_null (oa2_bearer_token_get_expires_at (loaded));
  g_assert_null (oa2_bearer_token_get_refresh_token (loaded));
  g_assert_cmpstr (oa2_bearer_token_get_access_token (loaded), ==, "mF_9.B5f-4.1JqM");
}

static void
test_dpop_key (void)
{
  g_autoptr(OA2DPoPKey) key = make_p256_key ();
  g_autofree char *fixture = read_fixture ("dpop-key.txt");
  g_autofree char *compact = oa2_dpop_key_to_compact (key);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) loaded = NULL;
  g_autofree char *thumbprint = NULL;
  g_autofree char *loaded_thumbprint = NULL;

  g_assert_cmpstr (compact, ==, fixture);

  loaded = oa2_dpop_key_new_from_compact (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_dpop_key_get_alg (loaded), ==, "ES256");
  thumbprint = oa2_dpop_key_dup_thumbprint (key);
  loaded_thumbprint = oa2_dpop_key_dup_thumbprint (loaded);
  g_assert_cmpstr (thumbprint, ==, loaded_thumbprint);
}

/* An algorithm the key type does not imply travels in the JWK's `alg`. */
static void
test_dpop_key_rsa_alg (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("PS256", &error);
  g_autofree char *compact = NULL;
  g_autoptr(JsonObject) jwk = NULL;
  g_autoptr(OA2DPoPKey) loaded = NULL;

  g_assert_no_error (error);
  compact = oa2_dpop_key_to_compact (key);
  jwk = oa2_compact_decode (compact, OA2_COMPACT_MAX_INFLATED, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (jwk, "kty"), ==, "RSA");
  g_assert_cmpstr (json_object_get_string_member (jwk, "alg"), ==, "PS256");
  loaded = oa2_dpop_key_new_from_compact (compact, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_dpop_key_get_alg (loaded), ==, "PS256");
}

static void
test_dpop_token (void)
{
  g_autofree char *fixture = read_fixture ("dpop-token.txt");
  g_autofree char *reference = read_fixture ("dpop-token-reference.txt");
  g_autoptr(OA2DPoPKey) key = make_p256_key ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expires_at = g_date_time_new_from_unix_utc (EXPIRES_AT);
  g_autoptr(OA2DPoPToken) token = oa2_dpop_token_new (DPOP_ACCESS_TOKEN, expires_at, key, &error);
  g_autofree char *compact = NULL;
  g_autoptr(OA2BearerToken) loaded = NULL;
  g_autoptr(OA2BearerToken) from_reference = NULL;
  g_autofree char *thumbprint = NULL;
  g_autofree char *loaded_thumbprint = NULL;

  g_assert_no_error (error);
  compact = oa2_bearer_token_to_compact (OA2_BEARER_TOKEN (token));
  g_assert_cmpstr (compact, ==, fixture);

  loaded = oa2_bearer_token_new_from_compact (fixture, &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (loaded));
  thumbprint = oa2_dpop_key_dup_thumbprint (key);
  loaded_thumbprint = oa2_dpop_key_dup_thumbprint (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (loaded)));
  g_assert_cmpstr (loaded_thumbprint, ==, thumbprint);

  /* The reference library's own output, with Python repr() text in its
   * dpop_key, is read; the repr() members are ignored. */
  from_reference = oa2_bearer_token_new_from_compact (reference, &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (from_reference));
  g_assert_cmpstr (oa2_bearer_token_get_access_token (from_reference), ==, DPOP_ACCESS_TOKEN);
  g_assert_cmpstr (oa2_bearer_token_get_string_member (from_reference, "cnf_note"), ==, "extra");
  g_assert_cmpstr (oa2_dpop_key_get_alg (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (from_reference))),
                   ==, "ES256");
}

/* ---------------------------------------------------------------------- */
/* Hostile and broken input: every path is an error with its code. */

static char *
compact_of (const char *json)
{
  return oa2_compact_encode (json, strlen (json));
}

static void
assert_token_refused (const char *compact,
                      GQuark      domain,
                      int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = oa2_bearer_token_new_from_compact (compact, &error);

  g_assert_error (error, domain, code);
  g_assert_null (token);
}

static void
assert_key_refused (const char *compact,
                    GQuark      domain,
                    int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_new_from_compact (compact, &error);

  g_assert_error (error, domain, code);
  g_assert_null (key);
}

static void
test_bad_encoding (void)
{
  g_autofree char *fixture = read_fixture ("bearer.txt");
  g_autofree char *truncated = g_strndup (fixture, strlen (fixture) / 2);
  g_autofree char *trailing = NULL;
  g_autofree char *garbage = NULL;
  guint8 not_deflate[] = { 0xff, 0xff, 0xff, 0xff, 0x00, 0x12 };

  assert_token_refused ("", OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  assert_token_refused ("   ", OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  assert_token_refused ("not base64!", OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  assert_token_refused ("q1ZK+E5OLS6O", OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  assert_token_refused (truncated, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  garbage = g_base64_encode (not_deflate, sizeof not_deflate);
  g_strdelimit (garbage, "+/=", '_');
  assert_token_refused (garbage, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  assert_key_refused ("@@@", OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);

  /* Data after the end of the DEFLATE stream. */
  {
    g_autoptr(GBytes) raw = NULL;
    g_autoptr(GByteArray) longer = g_byte_array_new ();
    g_autofree char *min = read_fixture ("bearer-minimal.txt");
    gsize len;
    g_autofree guchar *decoded = NULL;

    /* base64url to base64 for GLib's decoder. */
    g_strdelimit (min, "-", '+');
    g_strdelimit (min, "_", '/');
    {
      g_autofree char *padded = g_strconcat (min, strlen (min) % 4 == 2 ? "==" : strlen (min) % 4 == 3 ? "=" : "",
                                             NULL);
      decoded = g_base64_decode (padded, &len);
    }
    g_byte_array_append (longer, decoded, len);
    g_byte_array_append (longer, (const guint8 *) "XYZ", 3);
    trailing = g_base64_encode (longer->data, longer->len);
    g_strdelimit (trailing, "+", '-');
    g_strdelimit (trailing, "/", '_');
    g_strdelimit (trailing, "=", '\0');
    (void) raw;
  }
  assert_token_refused (trailing, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);

  /* Padding and surrounding white space are tolerated. */
  {
    g_autofree char *min = read_fixture ("bearer-minimal.txt");
    g_autofree char *padded = g_strdup_printf ("  %s==\n", min);
    g_autoptr(GError) error = NULL;
    g_autoptr(OA2BearerToken) token = oa2_bearer_token_new_from_compact (padded, &error);

    g_assert_no_error (error);
  }
}

/* A small input that inflates to far more than the cap stops at the cap. */
static void
test_zip_bomb (void)
{
  gsize size = 16 * 1024 * 1024;
  char *json = g_malloc (size + 1);
  g_autofree char *bomb = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;

  memset (json, ' ', size);
  json[0] = '{';
  json[size - 1] = '}';
  json[size] = '\0';
  bomb = oa2_compact_encode (json, size);
  g_free (json);
  g_assert_cmpuint (strlen (bomb), <, 200 * 1024);

  token = oa2_bearer_token_new_from_compact (bomb, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  g_assert_nonnull (strstr (error->message, "inflates to more than"));
  g_assert_null (token);

  /* An input longer than any honest compact form is refused unread. */
  {
    g_autofree char *long_text = g_strnfill (2 * OA2_COMPACT_MAX_INFLATED + 2048, 'A');

    assert_key_refused (long_text, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  }
}

static void
test_bad_json (void)
{
  const struct {
    const char *json;
    int code;
  } cases[] = {
    { "{\"access_token\":", OA2_ERROR_INVALID_JSON },
    { "[1,2,3]", OA2_ERROR_INVALID_JSON },
    { "\"just a string\"", OA2_ERROR_INVALID_JSON },
    { "{\"access_token\":\"a\"}", OA2_ERROR_MISSING_MEMBER },
    { "{\"access_token\":\"a\",\"token_type\":42}", OA2_ERROR_INVALID_MEMBER },
    { "{\"access_token\":\"a\",\"token_type\":\"MAC\"}", OA2_ERROR_UNSUPPORTED_TOKEN_TYPE },
    { "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_at\":\"soon\"}", OA2_ERROR_INVALID_MEMBER },
    { "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_at\":true}", OA2_ERROR_INVALID_MEMBER },
    { "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_at\":1e300}", OA2_ERROR_INVALID_MEMBER },
    { "{\"access_token\":42,\"token_type\":\"Bearer\"}", OA2_ERROR_INVALID_MEMBER },
    { "{\"token_type\":\"Bearer\"}", OA2_ERROR_MISSING_MEMBER },
    { "{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"scope\":[]}", OA2_ERROR_INVALID_MEMBER },
    { "{\"access_token\":\"a\",\"token_type\":\"DPoP\"}", OA2_ERROR_MISSING_MEMBER },
    { "{\"access_token\":\"a\",\"token_type\":\"DPoP\",\"dpop_key\":\"k\"}", OA2_ERROR_INVALID_MEMBER },
    { "{\"access_token\":\"a\",\"token_type\":\"DPoP\",\"dpop_key\":{}}", OA2_ERROR_MISSING_MEMBER },
    { "{\"access_token\":\"a\",\"token_type\":\"DPoP\",\"dpop_key\":{\"private_key\":[]}}",
      OA2_ERROR_INVALID_MEMBER },
    { "{\"access_token\":\"a\",\"token_type\":\"DPoP\",\"dpop_key\":{\"private_key\":" P256_JWK
      ",\"alg\":7}}", OA2_ERROR_INVALID_MEMBER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *compact = compact_of (cases[i].json);

      g_test_message ("case %u: %s", i, cases[i].json);
      assert_token_refused (compact, OA2_ERROR, cases[i].code);
    }
}

static void
test_bad_key (void)
{
  g_autofree char *not_object = compact_of ("[\"kty\"]");
  g_autofree char *public_only = compact_of ("{\"kty\":\"EC\",\"crv\":\"P-256\","
                                             "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                                             "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}");
  g_autofree char *symmetric = compact_of ("{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0\"}");
  g_autofree char *wrong_types = compact_of ("{\"kty\":\"EC\",\"crv\":7}");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) rsa = oa2_dpop_key_generate ("RS256", &error);
  g_autoptr(JsonObject) rsa_jwk = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *rsa_compact = NULL;
  GString *json = g_string_new (NULL);

  assert_key_refused (not_object, OA2_ERROR, OA2_ERROR_INVALID_JSON);
  assert_key_refused (public_only, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  assert_key_refused (symmetric, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  assert_key_refused (wrong_types, OA2_ERROR, OA2_ERROR_INVALID_KEY);

  /* An RSA key without `alg`: several algorithms fit, none is guessed. */
  g_assert_no_error (error);
  rsa_compact = oa2_dpop_key_to_compact (rsa);
  rsa_jwk = oa2_compact_decode (rsa_compact, OA2_COMPACT_MAX_INFLATED, &error);
  g_assert_no_error (error);
  json_object_remove_member (rsa_jwk, "alg");
  node = json_node_init_object (json_node_alloc (), rsa_jwk);
  oa2_compact_append_json (json, node);
  g_free (rsa_compact);
  rsa_compact = oa2_compact_encode (json->str, json->len);
  g_string_free (json, TRUE);
  assert_key_refused (rsa_compact, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
}

/* Python's json.dumps, as the writer must mimic it. */
static void
test_python_json (void)
{
  const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "{\"a\":1.0}", "{\"a\":1.0}" },
    { "{\"a\":-0.0}", "{\"a\":-0.0}" },
    { "{\"a\":1e15}", "{\"a\":1000000000000000.0}" },
    { "{\"a\":1e16}", "{\"a\":1e+16}" },
    { "{\"a\":0.0001}", "{\"a\":0.0001}" },
    { "{\"a\":0.00001}", "{\"a\":1e-05}" },
    { "{\"a\":123.456}", "{\"a\":123.456}" },
    { "{\"a\":1.7976931348623157e308}", "{\"a\":1.7976931348623157e+308}" },
    { "{\"a\":5e-324}", "{\"a\":5e-324}" },
    { "{\"a\":0.1}", "{\"a\":0.1}" },
    { "{\"b\":[true,false,null,{}],\"a\":[]}", "{\"b\":[true,false,null,{}],\"a\":[]}" },
    { "{\"s\":\"\\u00ff\\u001f\\u2028\"}", "{\"s\":\"\\u00ff\\u001f\\u2028\"}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (cases[i].in, NULL);
      g_autoptr(GString) out = g_string_new (NULL);

      g_assert_nonnull (node);
      oa2_compact_append_json (out, node);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/token-compact/bearer/dump-byte-for-byte", test_bearer_dump_byte_for_byte);
  g_test_add_func ("/oa2/token-compact/bearer/load", test_bearer_load);
  g_test_add_func ("/oa2/token-compact/bearer/minimal", test_bearer_minimal);
  g_test_add_func ("/oa2/token-compact/dpop-key/byte-for-byte", test_dpop_key);
  g_test_add_func ("/oa2/token-compact/dpop-key/rsa-alg", test_dpop_key_rsa_alg);
  g_test_add_func ("/oa2/token-compact/dpop-token", test_dpop_token);
  g_test_add_func ("/oa2/token-compact/refused/encoding", test_bad_encoding);
  g_test_add_func ("/oa2/token-compact/refused/zip-bomb", test_zip_bomb);
  g_test_add_func ("/oa2/token-compact/refused/json", test_bad_json);
  g_test_add_func ("/oa2/token-compact/refused/key", test_bad_key);
  g_test_add_func ("/oa2/token-compact/python-json", test_python_json);

  return g_test_run ();
}
