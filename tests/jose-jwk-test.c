/* jose-jwk-test.c: JSON Web Keys and key sets through the public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Known answers from RFC 7517 (appendices A and B), RFC 7638 §3.1, RFC
 * 8037 A.1–A.3, RFC 8032 §7.4 (Ed448 keys), RFC 7520 §3 and RFC 7748
 * §6.1; JSON export and import round trips of generated keys; and the
 * keys the library must refuse.
 *
 * RFC 7517 appendix C (a JWK encrypted into a JWE with PBES2) is not
 * covered: this library implements neither PBES2 nor JWK encryption.
 *
 * The RFC 7520 vectors keep the RFC's line breaks: each wrapped line of
 * the RFC text is one C string literal here. The others are split at a
 * fixed width. Every vector is checked by what it must do: a signature
 * verifies or is reproduced exactly, a token decrypts to the RFC's
 * plaintext, a private key matches its public key.
 */

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"

#include <string.h>

/* ---------------------------------------------------------------------- */
/* Helpers */

static void
assert_jwk_refused (const char *json,
                    OA2Error    code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = oa2_jwk_new_from_json (json, &error);

  g_assert_error (error, OA2_ERROR, (gint) code);
  g_assert_null (key);
}

/* Every member of @expected is in @actual with the same value. */
static void
assert_members_equal (JsonObject *expected,
                      JsonObject *actual)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, expected);
  while (json_object_iter_next (&iter, &name, &node))
    {
      JsonNode *other = json_object_get_member (actual, name);

      if (other == NULL)
        g_error ("member “%s” is missing", name);
      if (!json_node_equal (node, other))
        g_error ("member “%s” differs", name);
    }
}

static const char * const private_members[] = { "d", "p", "q", "dp", "dq", "qi", "k", NULL };

static void
assert_no_private_members (JsonObject *object)
{
  for (guint i = 0; private_members[i] != NULL; i++)
    g_assert_false (json_object_has_member (object, private_members[i]));
}

/* ---------------------------------------------------------------------- */
/* Vectors */

/* RFC 7517 A.1 and A.2 share the public members of their keys; RFC 7638
 * §3.1 is A.1's RSA key again. */
#define RFC7517_A_EC_PUBLIC_MEMBERS \
  "\"kty\":\"EC\"," \
  "\"crv\":\"P-256\"," \
  "\"x\":\"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4\"," \
  "\"y\":\"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM\""
#define RFC7517_A_RSA_N \
  "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbf" \
  "AAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknj" \
  "hMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65" \
  "YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQ" \
  "vRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lF" \
  "d2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzK" \
  "nqDKgw"

/* RFC 7517 A.1: Example Public Keys */
static const char rfc7517_a1[] =
  "{"
  "\"keys\":"
    "["
      "{"
      RFC7517_A_EC_PUBLIC_MEMBERS ","
      "\"use\":\"enc\","
      "\"kid\":\"1\""
      "},"
      "{"
      "\"kty\":\"RSA\","
      "\"n\":\"" RFC7517_A_RSA_N "\","
      "\"e\":\"AQAB\","
      "\"alg\":\"RS256\","
      "\"kid\":\"2011-04-29\""
      "}"
    "]"
  "}";

/* RFC 7517 A.2: Example Private Keys */
static const char rfc7517_a2[] =
  "{"
  "\"keys\":"
    "["
      "{"
      RFC7517_A_EC_PUBLIC_MEMBERS ","
      "\"d\":\"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE\","
      "\"use\":\"enc\","
      "\"kid\":\"1\""
      "},"
      "{"
      "\"kty\":\"RSA\","
      "\"n\":\"" RFC7517_A_RSA_N "\","
      "\"e\":\"AQAB\","
      "\"d\":\"X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH-HLLKD9M7dx"
        "5oo7GURknchnrRweUkC7hT5fJLM0WbFAKNLWY2vv7B6NqXSzUvxT0_YS"
        "fqijwp3RTzlBaCxWp4doFk5N2o8Gy_nHNKroADIkJ46pRUohsXywbReA"
        "dYaMwFs9tv8d_cPVY3i07a3t8MN6TNwm0dSawm9v47UiCl3Sk5ZiG7xo"
        "jPLu4sbg1U2jx4IBTNBznbJSzFHK66jT8bgkuqsk0GjskDJk19Z4qwjw"
        "bsnn4j2WBii3RL-Us2lGVkY8fkFzme1z0HbIkfz0Y6mqnOYtqc0X4jfc"
        "KoAC8Q\","
      "\"p\":\"83i-7IvMGXoMXCskv73TKr8637FiO7Z27zv8oj6pbWUQyLPQBQxtPVnw"
        "D20R-60eTDmD2ujnMt5PoqMrm8RfmNhVWDtjjMmCMjOpSXicFHj7XOuV"
        "IYQyqVWlWEh6dN36GVZYk93N8Bc9vY41xy8B9RzzOGVQzXvNEvn7O0nV"
        "bfs\","
      "\"q\":\"3dfOR9cuYq-0S-mkFLzgItgMEfFzB2q3hWehMuG0oCuqnb3vobLyumqj"
        "VZQO1dIrdwgTnCdpYzBcOfW5r370AFXjiWft_NGEiovonizhKpo9VVS7"
        "8TzFgxkIdrecRezsZ-1kYd_s1qDbxtkDEgfAITAG9LUnADun4vIcb6ye"
        "lxk\","
      "\"dp\":\"G4sPXkc6Ya9y8oJW9_ILj4xuppu0lzi_H7VTkS8xj5SdX3coE0oimYwx"
        "Ii2emTAue0UOa5dpgFGyBJ4c8tQ2VF402XRugKDTP8akYhFo5tAA77Qe"
        "_NmtuYZc3C3m3I24G2GvR5sSDxUyAN2zq8Lfn9EUms6rY3Ob8YeiKkTi"
        "Bj0\","
      "\"dq\":\"s9lAH9fggBsoFR8Oac2R_E2gw282rT2kGOAhvIllETE1efrA6huUUvMf"
        "BcMpn8lqeW6vzznYY5SSQF7pMdC_agI3nG8Ibp1BUb0JUiraRNqUfLhc"
        "Qb_d9GF4Dh7e74WbRsobRonujTYN1xCaP6TO61jvWrX-L18txXw494Q_"
        "cgk\","
      "\"qi\":\"GyM_p6JrXySiz1toFgKbWV-JdI3jQ4ypu9rbMWx3rQJBfmt0FoYzgUIZ"
        "EVFEcOqwemRN81zoDAaa-Bk0KWNGDjJHZDdDmFhW3AN7lI-puxk_mHZG"
        "J11rxyR8O55XLSe3SPmRfKwZI6yU24ZxvQKFYItdldUKGzO6Ia6zTKhA"
        "VRU\","
      "\"alg\":\"RS256\","
      "\"kid\":\"2011-04-29\""
      "}"
    "]"
  "}";

/* RFC 7517 A.3: Example Symmetric Keys */
static const char rfc7517_a3[] =
  "{"
  "\"keys\":"
    "["
      "{"
      "\"kty\":\"oct\","
      "\"alg\":\"A128KW\","
      "\"k\":\"GawgguFyGrWKav7AX4VKUg\""
      "},"
      "{"
      "\"kty\":\"oct\","
      "\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aK"
        "tMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\","
      "\"kid\":\"HMAC key used in JWS spec Appendix A.1 example\""
      "}"
    "]"
  "}";

/* RFC 7517 B: Example Use of x5c */
static const char rfc7517_b[] =
  "{"
  "\"kty\":\"RSA\","
  "\"use\":\"sig\","
  "\"kid\":\"1b94c\","
  "\"n\":\"vrjOfz9Ccdgx5nQudyhdoR17V-IubWMeOZCwX_jj0hgAsz2J_pqYW08P"
    "LbK_PdiVGKPrqzmDIsLI7sA25VEnHU1uCLNwBuUiCO11_-7dYbsr4iJm"
    "G0Qu2j8DsVyT1azpJC_NG84Ty5KKthuCaPod7iI7w0LK9orSMhBEwwZD"
    "CxTWq4aYWAchc8t-emd9qOvWtVMDC2BXksRngh6X5bUYLy6AyHKvj-nU"
    "y1wgzjYQDwHMTplCoLtU-o-8SNnZ1tmRoGE9uJkBLdh5gFENabWnU5m1"
    "ZqZPdwS-qo-meMvVfJb6jJVWRpl2SUtCnYG2C32qvbWbjZ_jBPD5eunq"
    "sIo1vQ\","
  "\"e\":\"AQAB\","
  "\"x5c\":["
    "\"MIIDQjCCAiqgAwIBAgIGATz/FuLiMA0GCSqGSIb3DQEBBQUAMGIxCzAJ"
    "BgNVBAYTAlVTMQswCQYDVQQIEwJDTzEPMA0GA1UEBxMGRGVudmVyMRww"
    "GgYDVQQKExNQaW5nIElkZW50aXR5IENvcnAuMRcwFQYDVQQDEw5Ccmlh"
    "biBDYW1wYmVsbDAeFw0xMzAyMjEyMzI5MTVaFw0xODA4MTQyMjI5MTVa"
    "MGIxCzAJBgNVBAYTAlVTMQswCQYDVQQIEwJDTzEPMA0GA1UEBxMGRGVu"
    "dmVyMRwwGgYDVQQKExNQaW5nIElkZW50aXR5IENvcnAuMRcwFQYDVQQD"
    "Ew5CcmlhbiBDYW1wYmVsbDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCC"
    "AQoCggEBAL64zn8/QnHYMeZ0LncoXaEde1fiLm1jHjmQsF/449IYALM9"
    "if6amFtPDy2yvz3YlRij66s5gyLCyO7ANuVRJx1NbgizcAblIgjtdf/u"
    "3WG7K+IiZhtELto/A7Fck9Ws6SQvzRvOE8uSirYbgmj6He4iO8NCyvaK"
    "0jIQRMMGQwsU1quGmFgHIXPLfnpnfajr1rVTAwtgV5LEZ4Iel+W1GC8u"
    "gMhyr4/p1MtcIM42EA8BzE6ZQqC7VPqPvEjZ2dbZkaBhPbiZAS3YeYBR"
    "DWm1p1OZtWamT3cEvqqPpnjL1XyW+oyVVkaZdklLQp2Btgt9qr21m42f"
    "4wTw+Xrp6rCKNb0CAwEAATANBgkqhkiG9w0BAQUFAAOCAQEAh8zGlfSl"
    "cI0o3rYDPBB07aXNswb4ECNIKG0CETTUxmXl9KUL+9gGlqCz5iWLOgWs"
    "nrcKcY0vXPG9J1r9AqBNTqNgHq2G03X09266X5CpOe1zFo+Owb1zxtp3"
    "PehFdfQJ610CDLEaS9V9Rqp17hCyybEpOGVwe8fnk+fbEL2Bo3UPGrps"
    "HzUoaGpDftmWssZkhpBJKVMJyf/RuP2SmmaIzmnw9JiSlYhzo4tpzd5r"
    "FXhjRbg4zW9C+2qok+2+qDM1iJ684gPHMIY8aLWrdgQTxkumGmTqgawR"
    "+N5MDtdPTEQ0XfIBc2cJEUyMTY5MPvACWpkA6SdS4xSvdXK3IVfOWA==\""
  "]"
  "}";

/* RFC 7638 3.1 */
static const char rfc7638_3_1[] =
  "{"
  "\"kty\":\"RSA\","
  "\"n\":\"" RFC7517_A_RSA_N "\","
  "\"e\":\"AQAB\","
  "\"alg\":\"RS256\","
  "\"kid\":\"2011-04-29\""
  "}";

/* RFC 7520 Figure 6 (Figures 1 to 5 are in oa2-jose-test-utils.c) */
static const char rfc7520_3_6[] =
  "{"
  "\"kty\":\"oct\","
  "\"kid\":\"1e571774-2e08-40da-8308-e8d68773842d\","
  "\"use\":\"enc\","
  "\"alg\":\"A256GCM\","
  "\"k\":\"AAPapAv4LbFbiVawEjagUBluYqN5rhna-8nuldDvOx8\""
  "}";

/* ---------------------------------------------------------------------- */
/* RFC 7517 appendix A: example keys */

static JsonObject *
set_member (const char *jwks_json,
            guint       index)
{
  g_autoptr(JsonObject) set = oa2_test_json_object_parse (jwks_json);
  JsonArray *keys = json_object_get_array_member (set, "keys");

  return json_object_ref (json_array_get_object_element (keys, index));
}

/* The public export of @key has exactly the members of @expected. */
static void
assert_public_export (OA2Jwk     *key,
                      JsonObject *expected)
{
  g_autoptr(JsonObject) exported = oa2_jwk_to_json_object (key, FALSE);

  assert_no_private_members (exported);
  assert_members_equal (expected, exported);
  assert_members_equal (exported, expected);
}

/* The private export of @key has exactly the members of the JWK text
 * @json. */
static void
assert_private_export (OA2Jwk     *key,
                       const char *json)
{
  g_autoptr(JsonObject) input = oa2_test_json_object_parse (json);
  g_autoptr(JsonObject) exported = oa2_jwk_to_json_object (key, TRUE);

  assert_members_equal (input, exported);
  assert_members_equal (exported, input);
}

static void
test_rfc7517_a1 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new_from_json (rfc7517_a1, &error);
  g_autoptr(JsonObject) ec_json = set_member (rfc7517_a1, 0);
  g_autoptr(JsonObject) rsa_json = set_member (rfc7517_a1, 1);
  g_autoptr(OA2Jwk) ec_alone = NULL;
  g_autoptr(OA2Jwk) rsa_public = NULL;
  g_autofree char *thumbprint = NULL;
  OA2Jwk *ec, *rsa;

  g_assert_no_error (error);
  g_assert_cmpuint (oa2_jwks_get_n_keys (jwks), ==, 2);

  ec = oa2_jwks_get_key (jwks, 0);
  g_assert_cmpstr (oa2_jwk_get_kty (ec), ==, "EC");
  g_assert_cmpstr (oa2_jwk_get_crv (ec), ==, "P-256");
  g_assert_cmpstr (oa2_jwk_get_kid (ec), ==, "1");
  g_assert_cmpstr (oa2_jwk_get_use (ec), ==, "enc");
  g_assert_null (oa2_jwk_get_alg (ec));
  g_assert_false (oa2_jwk_is_private (ec));
  g_assert_cmpuint (oa2_jwk_get_bits (ec), ==, 256);
  g_assert_true (oa2_jwk_supports_alg (ec, "ECDH-ES"));
  g_assert_true (oa2_jwk_supports_alg (ec, "ES256"));
  g_assert_false (oa2_jwk_supports_alg (ec, "ES384"));
  g_assert_false (oa2_jwk_supports_alg (ec, "RS256"));
  assert_public_export (ec, ec_json);

  rsa = oa2_jwks_get_key (jwks, 1);
  g_assert_cmpstr (oa2_jwk_get_kty (rsa), ==, "RSA");
  g_assert_null (oa2_jwk_get_crv (rsa));
  g_assert_cmpstr (oa2_jwk_get_kid (rsa), ==, "2011-04-29");
  g_assert_cmpstr (oa2_jwk_get_alg (rsa), ==, "RS256");
  g_assert_null (oa2_jwk_get_use (rsa));
  g_assert_false (oa2_jwk_is_private (rsa));
  g_assert_cmpuint (oa2_jwk_get_bits (rsa), ==, 2048);
  assert_public_export (rsa, rsa_json);

  /* This RSA key is also the RFC 7638 §3.1 example. */
  thumbprint = oa2_jwk_dup_thumbprint (rsa);
  g_assert_cmpstr (thumbprint, ==, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");

  g_assert_true (oa2_jwks_lookup_kid (jwks, "2011-04-29") == rsa);
  g_assert_true (oa2_jwks_lookup_kid (jwks, "1") == ec);
  g_assert_null (oa2_jwks_lookup_kid (jwks, "2"));

  /* The public half of a public key is the key itself. */
  rsa_public = oa2_jwk_dup_public (rsa);
  g_assert_true (rsa_public == rsa);

  /* Each key parses on its own, too. */
  ec_alone = oa2_jwk_new_from_json_object (ec_json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_jwk_get_crv (ec_alone), ==, "P-256");
}

static void
test_rfc7517_a2 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwks) private_set = oa2_jwks_new_from_json (rfc7517_a2, &error);
  g_autoptr(OA2Jwks) public_set = oa2_jwks_new_from_json (rfc7517_a1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (oa2_jwks_get_n_keys (private_set), ==, 2);
  g_assert_cmpuint (oa2_jwks_get_n_keys (public_set), ==, 2);

  for (guint i = 0; i < 2; i++)
    {
      OA2Jwk *private_key = oa2_jwks_get_key (private_set, i);
      OA2Jwk *public_key = oa2_jwks_get_key (public_set, i);
      g_autoptr(JsonObject) private_json = set_member (rfc7517_a2, i);
      g_autoptr(JsonObject) public_json = set_member (rfc7517_a1, i);
      g_autoptr(JsonObject) private_export = oa2_jwk_to_json_object (private_key, TRUE);
      g_autoptr(OA2Jwk) derived = oa2_jwk_dup_public (private_key);
      g_autofree char *t_private = oa2_jwk_dup_thumbprint (private_key);
      g_autofree char *t_public = oa2_jwk_dup_thumbprint (public_key);
      g_autofree char *t_derived = oa2_jwk_dup_thumbprint (derived);

      g_assert_true (oa2_jwk_is_private (private_key));
      g_assert_false (oa2_jwk_is_private (derived));
      g_assert_cmpstr (oa2_jwk_get_kty (private_key), ==, oa2_jwk_get_kty (public_key));
      g_assert_cmpstr (oa2_jwk_get_kid (private_key), ==, oa2_jwk_get_kid (public_key));
      g_assert_cmpstr (oa2_jwk_get_kid (derived), ==, oa2_jwk_get_kid (public_key));
      g_assert_cmpstr (oa2_jwk_get_alg (derived), ==, oa2_jwk_get_alg (public_key));
      g_assert_cmpstr (oa2_jwk_get_use (derived), ==, oa2_jwk_get_use (public_key));

      /* The thumbprint covers the public members only. */
      g_assert_cmpstr (t_private, ==, t_public);
      g_assert_cmpstr (t_derived, ==, t_public);

      /* A private export gives back every member of the RFC's key; a
       * public export, of the private key or of its public half, gives
       * exactly the A.1 key. */
      assert_members_equal (private_json, private_export);
      assert_members_equal (private_export, private_json);
      assert_public_export (private_key, public_json);
      assert_public_export (derived, public_json);
    }
}

static void
test_rfc7517_a3 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new_from_json (rfc7517_a3, &error);
  g_autoptr(JsonObject) public_export = NULL;
  g_autofree char *public_set = NULL;
  OA2Jwk *kw, *hmac;

  g_assert_no_error (error);
  g_assert_cmpuint (oa2_jwks_get_n_keys (jwks), ==, 2);

  kw = oa2_jwks_get_key (jwks, 0);
  g_assert_cmpstr (oa2_jwk_get_kty (kw), ==, "oct");
  g_assert_cmpstr (oa2_jwk_get_alg (kw), ==, "A128KW");
  g_assert_cmpuint (oa2_jwk_get_bits (kw), ==, 128);
  g_assert_true (oa2_jwk_is_private (kw));
  g_assert_null (oa2_jwk_dup_public (kw));
  g_assert_true (oa2_jwk_supports_alg (kw, "A128KW"));
  g_assert_false (oa2_jwk_supports_alg (kw, "A256KW"));
  g_assert_false (oa2_jwk_supports_alg (kw, "HS256"));

  hmac = oa2_jwks_get_key (jwks, 1);
  g_assert_cmpstr (oa2_jwk_get_kid (hmac), ==, "HMAC key used in JWS spec Appendix A.1 example");
  g_assert_cmpuint (oa2_jwk_get_bits (hmac), ==, 512);
  g_assert_true (oa2_jwk_supports_alg (hmac, "HS256"));
  g_assert_true (oa2_jwk_supports_alg (hmac, "HS384"));
  g_assert_true (oa2_jwk_supports_alg (hmac, "HS512"));
  g_assert_false (oa2_jwk_supports_alg (hmac, "RS256"));

  /* A symmetric key has no public form: no "k" without include_private,
   * and it is left out of a published set. */
  public_export = oa2_jwk_to_json_object (hmac, FALSE);
  g_assert_false (json_object_has_member (public_export, "k"));
  public_set = oa2_jwks_to_json (jwks, FALSE);
  g_assert_null (strstr (public_set, "GawgguFyGrWKav7AX4VKUg"));
  g_assert_null (strstr (public_set, "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ"));
}

/* RFC 7517 appendix B: "x5c" is kept and exported, and its certificate
 * holds the same public key. */
static void
test_rfc7517_b (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (rfc7517_b);
  g_autoptr(JsonObject) input = oa2_test_json_object_parse (rfc7517_b);
  g_autoptr(JsonObject) exported = oa2_jwk_to_json_object (key, FALSE);
  g_autoptr(JsonObject) exported_private = oa2_jwk_to_json_object (key, TRUE);
  g_autofree char *json = oa2_jwk_to_json (key, FALSE);
  g_autoptr(OA2Jwk) reimported = oa2_test_jwk_parse (json);
  g_autoptr(JsonObject) reexported = oa2_jwk_to_json_object (reimported, FALSE);
  g_autoptr(GString) pem = g_string_new ("-----BEGIN CERTIFICATE-----\n");
  g_autoptr(OA2Jwk) from_certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *t_key = oa2_jwk_dup_thumbprint (key);
  g_autofree char *t_certificate = NULL;
  const char *der_b64;
  gsize len;

  g_assert_cmpstr (oa2_jwk_get_kty (key), ==, "RSA");
  g_assert_cmpstr (oa2_jwk_get_kid (key), ==, "1b94c");
  g_assert_cmpstr (oa2_jwk_get_use (key), ==, "sig");
  g_assert_false (oa2_jwk_is_private (key));
  g_assert_cmpuint (oa2_jwk_get_bits (key), ==, 2048);

  assert_members_equal (input, exported);
  assert_members_equal (exported, input);
  assert_members_equal (input, exported_private);
  assert_members_equal (input, reexported);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (exported, "x5c")), ==, 1);

  der_b64 = json_array_get_string_element (json_object_get_array_member (input, "x5c"), 0);
  len = strlen (der_b64);
  for (gsize i = 0; i < len; i += 64)
    {
      g_string_append_len (pem, der_b64 + i, MIN (64, len - i));
      g_string_append_c (pem, '\n');
    }
  g_string_append (pem, "-----END CERTIFICATE-----\n");
  from_certificate = oa2_jwk_new_from_pem (pem->str, &error);
  g_assert_no_error (error);
  t_certificate = oa2_jwk_dup_thumbprint (from_certificate);
  g_assert_cmpstr (t_certificate, ==, t_key);
}

/* ---------------------------------------------------------------------- */
/* RFC 7638 §3.1 */

static void
test_rfc7638 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (rfc7638_3_1);
  g_autoptr(OA2Jwk) bare = NULL;
  g_autofree char *thumbprint = oa2_jwk_dup_thumbprint (key);
  g_autofree char *uri = oa2_jwk_dup_thumbprint_uri (key);
  g_autofree char *bare_thumbprint = NULL;

  g_assert_cmpstr (thumbprint, ==, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  /* RFC 9278 §3. */
  g_assert_cmpstr (uri, ==, "urn:ietf:params:oauth:jwk-thumbprint:sha-256:"
                            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");

  /* "alg" and "kid" are not hashed (RFC 7638 §3.2). */
  bare = oa2_test_jwk_parse ("{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"" RFC7517_A_RSA_N "\"}");
  bare_thumbprint = oa2_jwk_dup_thumbprint (bare);
  g_assert_cmpstr (bare_thumbprint, ==, thumbprint);
}

/* ---------------------------------------------------------------------- */
/* RFC 8037 appendix A.1–A.3: Ed25519 keys */

static void
test_rfc8037_a1_private (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc8037_a1);

  g_assert_cmpstr (oa2_jwk_get_kty (key), ==, "OKP");
  g_assert_cmpstr (oa2_jwk_get_crv (key), ==, "Ed25519");
  g_assert_true (oa2_jwk_is_private (key));
  g_assert_cmpuint (oa2_jwk_get_bits (key), ==, 256);
  g_assert_true (oa2_jwk_supports_alg (key, "EdDSA"));
  g_assert_true (oa2_jwk_supports_alg (key, "Ed25519"));
  g_assert_false (oa2_jwk_supports_alg (key, "Ed448"));
  g_assert_false (oa2_jwk_supports_alg (key, "ES256"));
  g_assert_false (oa2_jwk_supports_alg (key, "ECDH-ES"));
  assert_private_export (key, oa2_test_rfc8037_a1);

  /* "x" must be the public key of "d" (RFC 8032 §5.1.5). */
  assert_jwk_refused ("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
                      "\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\","
                      "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURk\"}",
                      OA2_ERROR_INVALID_KEY);
}

static void
test_rfc8037_a2_public (void)
{
  g_autoptr(OA2Jwk) private_key = oa2_test_jwk_parse (oa2_test_rfc8037_a1);
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc8037_a2);
  g_autoptr(OA2Jwk) derived = oa2_jwk_dup_public (private_key);
  g_autoptr(JsonObject) input = oa2_test_json_object_parse (oa2_test_rfc8037_a2);

  g_assert_false (oa2_jwk_is_private (key));
  g_assert_cmpstr (oa2_jwk_get_crv (key), ==, "Ed25519");
  assert_public_export (key, input);
  assert_public_export (derived, input);
  assert_public_export (private_key, input);
}

static void
test_rfc8037_a3_thumbprint (void)
{
  g_autoptr(OA2Jwk) public_key = oa2_test_jwk_parse (oa2_test_rfc8037_a2);
  g_autoptr(OA2Jwk) private_key = oa2_test_jwk_parse (oa2_test_rfc8037_a1);
  g_autofree char *t_public = oa2_jwk_dup_thumbprint (public_key);
  g_autofree char *t_private = oa2_jwk_dup_thumbprint (private_key);
  /* A key's RFC 9864 "alg" is no member of the thumbprint. */
  g_autoptr(OA2Jwk) named = oa2_test_jwk_parse ("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"alg\":\"Ed25519\","
                                                "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
  g_autofree char *t_named = oa2_jwk_dup_thumbprint (named);

  g_assert_cmpstr (t_public, ==, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  g_assert_cmpstr (t_private, ==, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
  g_assert_cmpstr (t_named, ==, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
}

/* ---------------------------------------------------------------------- */
/* RFC 8032 §7.4: Ed448 keys as RFC 8037 §2 JWKs */

/* RFC 8037 has no Ed448 example, so these are the SECRET KEY and PUBLIC
 * KEY of RFC 8032 §7.4 "-----Blank" and the PUBLIC KEY of "-----1 octet",
 * base64url-encoded. The signatures themselves are checked in
 * crypto-test.c. */
#define RFC8032_ED448_BLANK_D \
  "bIKlYsuAjRDWMr6JyFE-v2ySnzTd-oyfY8mWDvbjSKNSjIo_zC8ETjmj_FuUSS-PAy51SaIAmPlb"
#define RFC8032_ED448_BLANK_X \
  "X9dEm1m0Yf0s54fsYWrUah2hNCSFpw4fig6nXYDpZ3jt8SR2m0bHBhvWeD3x5Q9s0foavq_oJWGA"
#define RFC8032_ED448_1_OCTET_X \
  "Q7oo9DDN_0Vq5TFUX37NCsg0pV2TWMA3K_oMbGeYwIZq6gHrAHQoArhDjqTLghacI1FgYntMOpSA"

static void
test_rfc8032_ed448 (void)
{
  static const char private_json[] =
    "{\"kty\":\"OKP\",\"crv\":\"Ed448\","
    "\"d\":\"" RFC8032_ED448_BLANK_D "\","
    "\"x\":\"" RFC8032_ED448_BLANK_X "\"}";
  static const char public_json[] =
    "{\"kty\":\"OKP\",\"crv\":\"Ed448\",\"x\":\"" RFC8032_ED448_BLANK_X "\"}";
  /* RFC 7638 §3.2: SHA-256 of {"crv":"Ed448","kty":"OKP","x":"X9dE…"},
   * computed apart from this library (Python's hashlib). */
  static const char thumbprint[] = "zQstisLFDWZb-FiVsZl6490ATVgxw_63L-xYldKyuUY";
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (private_json);
  g_autoptr(OA2Jwk) public_key = oa2_test_jwk_parse (public_json);
  g_autoptr(OA2Jwk) derived = oa2_jwk_dup_public (key);
  g_autoptr(JsonObject) public_members = oa2_test_json_object_parse (public_json);
  g_autofree char *t_private = oa2_jwk_dup_thumbprint (key);
  g_autofree char *t_public = oa2_jwk_dup_thumbprint (public_key);
  g_autofree char *t_derived = oa2_jwk_dup_thumbprint (derived);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) mismatched = NULL;

  g_assert_cmpstr (oa2_jwk_get_kty (key), ==, "OKP");
  g_assert_cmpstr (oa2_jwk_get_crv (key), ==, "Ed448");
  g_assert_true (oa2_jwk_is_private (key));
  g_assert_false (oa2_jwk_is_private (public_key));
  g_assert_cmpuint (oa2_jwk_get_bits (key), ==, 456);
  g_assert_true (oa2_jwk_supports_alg (key, "EdDSA"));
  g_assert_true (oa2_jwk_supports_alg (public_key, "EdDSA"));
  g_assert_false (oa2_jwk_supports_alg (key, "ECDH-ES"));
  assert_private_export (key, private_json);
  assert_public_export (key, public_members);
  assert_public_export (derived, public_members);

  /* The thumbprint covers "crv", "kty" and "x" only: the same for the
   * private key, its public half and the public JWK. */
  g_assert_cmpstr (t_private, ==, thumbprint);
  g_assert_cmpstr (t_public, ==, thumbprint);
  g_assert_cmpstr (t_derived, ==, thumbprint);

  /* "x" must be the public key of "d" (RFC 8032 §5.2.5): "-----Blank"'s
   * "d" with "-----1 octet"'s "x", both well-formed, is refused, and for
   * that reason. */
  mismatched = oa2_jwk_new_from_json ("{\"kty\":\"OKP\",\"crv\":\"Ed448\","
                                      "\"d\":\"" RFC8032_ED448_BLANK_D "\","
                                      "\"x\":\"" RFC8032_ED448_1_OCTET_X "\"}",
                                      &error);
  g_assert_null (mismatched);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
  oa2_test_assert_message_contains (error, "does not match");
  g_clear_error (&error);

  /* The same members under an Ed25519 or X448 name have the wrong size. */
  assert_jwk_refused ("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" RFC8032_ED448_BLANK_X "\"}",
                      OA2_ERROR_INVALID_KEY);
  assert_jwk_refused ("{\"kty\":\"OKP\",\"crv\":\"X448\","
                      "\"d\":\"" RFC8032_ED448_BLANK_D "\","
                      "\"x\":\"" RFC8032_ED448_BLANK_X "\"}",
                      OA2_ERROR_INVALID_KEY);
}

/* ---------------------------------------------------------------------- */
/* RFC 7520 §3: the keys of the JOSE cookbook */

static void
test_rfc7520_keys (void)
{
  struct {
    const char *json;
    const char *kty;
    const char *crv;
    gboolean is_private;
    guint bits;
    const char *kid;
    const char *use;
    const char *alg;
  } keys[] = {
    { oa2_test_rfc7520_ec_public, "EC", "P-521", FALSE, 521, "bilbo.baggins@hobbiton.example", "sig", NULL },
    { oa2_test_rfc7520_ec_private, "EC", "P-521", TRUE, 521, "bilbo.baggins@hobbiton.example", "sig", NULL },
    { oa2_test_rfc7520_rsa_public, "RSA", NULL, FALSE, 2048, "bilbo.baggins@hobbiton.example", "sig", NULL },
    { oa2_test_rfc7520_rsa_private, "RSA", NULL, TRUE, 2048, "bilbo.baggins@hobbiton.example", "sig", NULL },
    { oa2_test_rfc7520_hmac_key, "oct", NULL, TRUE, 256, "018c0ae5-4d9b-471b-bfd6-eef314bc7037", "sig", "HS256" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (keys[i].json);

      g_assert_cmpstr (oa2_jwk_get_kty (key), ==, keys[i].kty);
      g_assert_cmpstr (oa2_jwk_get_crv (key), ==, keys[i].crv);
      g_assert_cmpint (oa2_jwk_is_private (key), ==, keys[i].is_private);
      g_assert_cmpuint (oa2_jwk_get_bits (key), ==, keys[i].bits);
      g_assert_cmpstr (oa2_jwk_get_kid (key), ==, keys[i].kid);
      g_assert_cmpstr (oa2_jwk_get_use (key), ==, keys[i].use);
      g_assert_cmpstr (oa2_jwk_get_alg (key), ==, keys[i].alg);
      /* The export is exact, down to the leading zero octets that P-521
       * coordinates and scalars keep (RFC 7518 §6.2.1.2, §6.2.2.1). */
      assert_private_export (key, keys[i].json);
    }

  /* Figures 1 and 2, and 3 and 4, are the halves of one key. */
  for (guint i = 0; i < 4; i += 2)
    {
      g_autoptr(OA2Jwk) public_key = oa2_test_jwk_parse (keys[i].json);
      g_autoptr(OA2Jwk) private_key = oa2_test_jwk_parse (keys[i + 1].json);
      g_autofree char *t_public = oa2_jwk_dup_thumbprint (public_key);
      g_autofree char *t_private = oa2_jwk_dup_thumbprint (private_key);

      g_assert_cmpstr (t_public, ==, t_private);
    }
}

/* RFC 7520 §3.6 (Figure 6) is an AES key whose "alg" is the content
 * encryption algorithm "A256GCM", as is Figure 130 of §5.6 (a "dir" key).
 * RFC 7517 §4.4 makes "alg" optional and lets it hold any registered
 * algorithm name, which "A256GCM" is. */
static void
test_rfc7520_key_with_enc_alg (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (rfc7520_3_6);

  g_assert_cmpstr (oa2_jwk_get_kty (key), ==, "oct");
  g_assert_cmpstr (oa2_jwk_get_alg (key), ==, "A256GCM");
  g_assert_cmpstr (oa2_jwk_get_use (key), ==, "enc");
  g_assert_cmpuint (oa2_jwk_get_bits (key), ==, 256);
  assert_private_export (key, rfc7520_3_6);

  /* The content encryption algorithm must still fit the key's size. */
  assert_jwk_refused ("{\"kty\":\"oct\",\"alg\":\"A128GCM\","
                      "\"k\":\"AAPapAv4LbFbiVawEjagUBluYqN5rhna-8nuldDvOx8\"}",
                      OA2_ERROR_KEY_MISMATCH);
}

/* ---------------------------------------------------------------------- */
/* Export and import round trips */

static void
check_round_trip (OA2Jwk *key)
{
  g_autofree char *private_json = oa2_jwk_to_json (key, TRUE);
  g_autofree char *public_json = oa2_jwk_to_json (key, FALSE);
  g_autoptr(OA2Jwk) private_copy = oa2_test_jwk_parse (private_json);
  g_autofree char *private_json_again = oa2_jwk_to_json (private_copy, TRUE);
  g_autofree char *thumbprint = oa2_jwk_dup_thumbprint (key);
  g_autofree char *private_copy_thumbprint = oa2_jwk_dup_thumbprint (private_copy);
  g_autoptr(JsonObject) public_object = oa2_test_json_object_parse (public_json);

  g_assert_true (oa2_jwk_is_private (key));
  g_assert_true (oa2_jwk_is_private (private_copy));
  g_assert_cmpstr (private_json_again, ==, private_json);
  g_assert_cmpstr (private_copy_thumbprint, ==, thumbprint);
  g_assert_cmpstr (oa2_jwk_get_kid (private_copy), ==, oa2_jwk_get_kid (key));
  g_assert_cmpstr (oa2_jwk_get_alg (private_copy), ==, oa2_jwk_get_alg (key));
  g_assert_cmpstr (oa2_jwk_get_use (private_copy), ==, oa2_jwk_get_use (key));
  g_assert_cmpstr (oa2_jwk_get_crv (private_copy), ==, oa2_jwk_get_crv (key));
  g_assert_cmpuint (oa2_jwk_get_bits (private_copy), ==, oa2_jwk_get_bits (key));
  assert_no_private_members (public_object);

  if (strcmp (oa2_jwk_get_kty (key), "oct") == 0)
    {
      /* Without its "k", a symmetric key is no key at all. */
      g_assert_null (oa2_jwk_dup_public (key));
      assert_jwk_refused (public_json, OA2_ERROR_INVALID_KEY);
    }
  else
    {
      g_autoptr(OA2Jwk) public_copy = oa2_test_jwk_parse (public_json);
      g_autoptr(OA2Jwk) derived = oa2_jwk_dup_public (key);
      g_autofree char *public_json_again = oa2_jwk_to_json (public_copy, FALSE);
      g_autofree char *derived_json = oa2_jwk_to_json (derived, FALSE);
      g_autofree char *private_as_public = oa2_jwk_to_json (public_copy, TRUE);
      g_autofree char *public_thumbprint = oa2_jwk_dup_thumbprint (public_copy);

      g_assert_false (oa2_jwk_is_private (public_copy));
      g_assert_false (oa2_jwk_is_private (derived));
      g_assert_cmpstr (public_json_again, ==, public_json);
      g_assert_cmpstr (derived_json, ==, public_json);
      /* A public key has nothing more to give with include_private. */
      g_assert_cmpstr (private_as_public, ==, public_json);
      g_assert_cmpstr (public_thumbprint, ==, thumbprint);
      g_assert_cmpstr (oa2_jwk_get_kid (public_copy), ==, oa2_jwk_get_kid (key));
      g_assert_cmpstr (oa2_jwk_get_alg (public_copy), ==, oa2_jwk_get_alg (key));
    }
}

static void
test_round_trip_generated (gconstpointer data)
{
  const char *alg = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = oa2_jwk_generate (alg, &error);
  g_autofree char *thumbprint = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (oa2_jwk_get_alg (key), ==, alg);
  g_assert_true (oa2_jwk_supports_alg (key, alg));
  /* A generated key is named by its thumbprint. */
  thumbprint = oa2_jwk_dup_thumbprint (key);
  g_assert_cmpstr (oa2_jwk_get_kid (key), ==, thumbprint);
  check_round_trip (key);
}

static void
test_round_trip_parsed (void)
{
  const char *keys[] = {
    rfc7517_a2, oa2_test_rfc7520_ec_private, oa2_test_rfc7520_rsa_private, oa2_test_rfc7520_hmac_key,
    oa2_test_rfc8037_a1, oa2_test_x25519_bob, oa2_test_x25519_alice,
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (strstr (keys[i], "\"keys\"") != NULL)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(OA2Jwks) jwks = oa2_jwks_new_from_json (keys[i], &error);
          g_autofree char *private_set = NULL;
          g_autofree char *public_set = NULL;
          g_autoptr(OA2Jwks) private_again = NULL;
          g_autoptr(OA2Jwks) public_again = NULL;
          g_autofree char *private_set_again = NULL;

          g_assert_no_error (error);
          for (guint j = 0; j < oa2_jwks_get_n_keys (jwks); j++)
            check_round_trip (oa2_jwks_get_key (jwks, j));

          private_set = oa2_jwks_to_json (jwks, TRUE);
          public_set = oa2_jwks_to_json (jwks, FALSE);
          private_again = oa2_jwks_new_from_json (private_set, &error);
          g_assert_no_error (error);
          public_again = oa2_jwks_new_from_json (public_set, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (oa2_jwks_get_n_keys (private_again), ==, 2);
          g_assert_cmpuint (oa2_jwks_get_n_keys (public_again), ==, 2);
          g_assert_true (oa2_jwk_is_private (oa2_jwks_get_key (private_again, 1)));
          g_assert_false (oa2_jwk_is_private (oa2_jwks_get_key (public_again, 1)));
          private_set_again = oa2_jwks_to_json (private_again, TRUE);
          g_assert_cmpstr (private_set_again, ==, private_set);
        }
      else
        {
          g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (keys[i]);

          check_round_trip (key);
        }
    }
}

/* ---------------------------------------------------------------------- */
/* Keys that must be refused */

static void
test_invalid_rsa (void)
{
  g_autoptr(GBytes) n = oa2_test_jwk_param (oa2_test_rsa_1024, "n");

  g_assert_cmpuint (g_bytes_get_size (n), ==, 128);
  assert_jwk_refused (oa2_test_rsa_1024, OA2_ERROR_INVALID_KEY);

  /* A private key whose primes do not multiply to n (RFC 7520 Figure
   * 4's n with RFC 7517 A.2's other members). */
  assert_jwk_refused ("{\"kty\":\"RSA\",\"e\":\"AQAB\","
                      "\"n\":\"" OA2_TEST_RFC7520_RSA_N "\","
                      "\"d\":\"AQ\",\"p\":\"Aw\",\"q\":\"BQ\",\"dp\":\"AQ\",\"dq\":\"AQ\",\"qi\":\"AQ\"}",
                      OA2_ERROR_INVALID_KEY);
  /* Multi-prime keys are not supported. */
  assert_jwk_refused ("{\"kty\":\"RSA\",\"e\":\"AQAB\",\"n\":\"AQAB\",\"oth\":[]}", OA2_ERROR_INVALID_KEY);
}

/* An RSA public key with @e_b64 (base64url) as its exponent. */
static char *
rsa_public_jwk (const char *n_b64,
                const char *e_b64)
{
  return g_strdup_printf ("{\"kty\":\"RSA\",\"n\":\"%s\",\"e\":\"%s\"}", n_b64, e_b64);
}

/* The exponent is capped as BoringSSL caps it: odd, at least 3, at most
 * 33 bits; a longer one makes every verification slower by its length. */
static void
test_invalid_rsa_exponent (void)
{
  static const struct { const char *e; gboolean taken; } exponents[] = {
    { "Aw", TRUE },                 /* 3 */
    { "AQAB", TRUE },               /* 65537 */
    { "Af____8", TRUE },            /* 2^33 - 1: 33 bits */
    { "AgAAAAE", FALSE },           /* 2^33 + 1: 34 bits */
    { "AQAAAAAAAAAB", FALSE },      /* 2^64 + 1 */
    { "AQ", FALSE },                /* 1 */
    { "Ag", FALSE },                /* 2 */
    { "AQAA", FALSE },              /* 65536: even */
  };
  guint8 n[16384 / 8], e[16384 / 8];
  g_autofree char *n_b64 = NULL, *e_b64 = NULL, *huge = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (exponents); i++)
    {
      g_autofree char *json = rsa_public_jwk (RFC7517_A_RSA_N, exponents[i].e);

      if (exponents[i].taken)
        {
          g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (json);
        }
      else
        assert_jwk_refused (json, OA2_ERROR_INVALID_KEY);
    }

  /* The review's key: a 16384-bit modulus with a 16383-bit exponent, both
   * odd and e < n, which is all the key had to be before the cap. A
   * public modulus need not be a product of primes to be read. */
  memset (n, 0xc3, sizeof n);
  memset (e, 0xc3, sizeof e);
  e[0] = 0x43;
  n_b64 = oa2_test_b64u_encode (n, sizeof n);
  e_b64 = oa2_test_b64u_encode (e, sizeof e);
  huge = rsa_public_jwk (n_b64, e_b64);
  assert_jwk_refused (huge, OA2_ERROR_INVALID_KEY);
}

static void
test_invalid_ec (void)
{
  /* RFC 7515 A.3's P-256 point with the last bit of y flipped: off the
   * curve. */
  assert_jwk_refused ("{\"kty\":\"EC\",\"crv\":\"P-256\","
                      "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                      "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a8\"}",
                      OA2_ERROR_INVALID_KEY);
  /* The same point, valid, but named as a P-384 one: wrong sizes. */
  assert_jwk_refused ("{\"kty\":\"EC\",\"crv\":\"P-384\","
                      OA2_TEST_RFC7515_A3_XY "}",
                      OA2_ERROR_INVALID_KEY);
  /* A valid point with a "d" that is not its private key (RFC 7517 A.2's
   * "d" on RFC 7515 A.3's point). */
  assert_jwk_refused ("{\"kty\":\"EC\",\"crv\":\"P-256\","
                      OA2_TEST_RFC7515_A3_XY ","
                      "\"d\":\"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE\"}",
                      OA2_ERROR_INVALID_KEY);
  /* The point at "x" = "y" = 0 is on no curve. */
  assert_jwk_refused ("{\"kty\":\"EC\",\"crv\":\"P-256\","
                      "\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\","
                      "\"y\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}",
                      OA2_ERROR_INVALID_KEY);
  /* An EC curve on an OKP key, and the reverse. */
  assert_jwk_refused ("{\"kty\":\"OKP\",\"crv\":\"P-256\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
                      OA2_ERROR_INVALID_KEY);
  assert_jwk_refused ("{\"kty\":\"EC\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\","
                      "\"y\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}",
                      OA2_ERROR_INVALID_KEY);
}

static void
test_invalid_other (void)
{
  g_autoptr(OA2Jwk) short_hmac = NULL;

  /* An HMAC key shorter than the hash cannot claim that hash. */
  assert_jwk_refused ("{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"GawgguFyGrWKav7AX4VKUg\"}",
                      OA2_ERROR_KEY_MISMATCH);
  short_hmac = oa2_test_jwk_parse ("{\"kty\":\"oct\",\"k\":\"GawgguFyGrWKav7AX4VKUg\"}");
  g_assert_false (oa2_jwk_supports_alg (short_hmac, "HS256"));
  g_assert_true (oa2_jwk_supports_alg (short_hmac, "A128KW"));
  g_assert_true (oa2_jwk_supports_alg (short_hmac, "dir"));

  /* A key whose "alg" its type cannot serve. */
  assert_jwk_refused ("{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"RS256\","
                      OA2_TEST_RFC7515_A3_XY "}",
                      OA2_ERROR_KEY_MISMATCH);
  assert_jwk_refused ("{\"kty\":\"EC\",\"crv\":\"P-256\",\"alg\":\"ES384\","
                      OA2_TEST_RFC7515_A3_XY "}",
                      OA2_ERROR_KEY_MISMATCH);
  assert_jwk_refused ("{\"kty\":\"oct\",\"alg\":\"A256KW\",\"k\":\"GawgguFyGrWKav7AX4VKUg\"}",
                      OA2_ERROR_KEY_MISMATCH);

  /* Malformed members. */
  assert_jwk_refused ("{\"kty\":\"oct\",\"k\":\"\"}", OA2_ERROR_INVALID_KEY);
  assert_jwk_refused ("{\"kty\":\"oct\",\"k\":\"GawgguFyGrWKav7AX4VKUg==\"}", OA2_ERROR_INVALID_KEY);
  assert_jwk_refused ("{\"kty\":\"oct\",\"k\":\"Gawggu+yGrWKav7AX4VKUg\"}", OA2_ERROR_INVALID_KEY);
  /* Non-canonical: the last character carries non-zero unused bits. */
  assert_jwk_refused ("{\"kty\":\"oct\",\"k\":\"GawgguFyGrWKav7AX4VKUh\"}", OA2_ERROR_INVALID_KEY);
  assert_jwk_refused ("{\"kty\":\"oct\",\"k\":42}", OA2_ERROR_INVALID_KEY);
  assert_jwk_refused ("{\"kty\":\"oct\",\"kid\":7,\"k\":\"GawgguFyGrWKav7AX4VKUg\"}", OA2_ERROR_INVALID_KEY);
  assert_jwk_refused ("{\"kty\":\"oct\",\"key_ops\":[\"sign\",\"sign\"],\"k\":\"GawgguFyGrWKav7AX4VKUg\"}",
                      OA2_ERROR_INVALID_KEY);
  assert_jwk_refused ("{\"k\":\"GawgguFyGrWKav7AX4VKUg\"}", OA2_ERROR_INVALID_KEY);
  assert_jwk_refused ("{\"kty\":\"RSA\",\"e\":\"AQAB\"}", OA2_ERROR_INVALID_KEY);
  /* Not a JSON object at all. */
  assert_jwk_refused ("not JSON", OA2_ERROR_INVALID_KEY);
  assert_jwk_refused ("[{\"kty\":\"oct\",\"k\":\"GawgguFyGrWKav7AX4VKUg\"}]", OA2_ERROR_INVALID_KEY);
  /* An unknown key type is an unsupported algorithm, not a bad key. */
  assert_jwk_refused ("{\"kty\":\"DSA\",\"k\":\"GawgguFyGrWKav7AX4VKUg\"}", OA2_ERROR_UNSUPPORTED_ALGORITHM);
}

#define OCT256_K "\"k\":\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\""

/* RFC 7517 §4.3 defines eight operations and forbids duplicates: a longer
 * list is refused before its values are compared with each other. Values
 * the RFC does not define are allowed ("other values MAY be used"), kept
 * and exported, and allow nothing the library does. */
static void
test_key_ops (void)
{
  g_autoptr(OA2Jwk) all_eight = NULL, unknown = NULL;
  g_autoptr(JsonObject) exported = NULL;
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *nine = oa2_test_key_ops_json (9);
  g_autofree char *nine_json = g_strdup_printf ("{\"kty\":\"oct\",\"key_ops\":%s," OCT256_K "}", nine);

  all_eight = oa2_test_jwk_parse ("{\"kty\":\"oct\",\"key_ops\":[\"sign\",\"verify\",\"encrypt\","
                                  "\"decrypt\",\"wrapKey\",\"unwrapKey\",\"deriveKey\",\"deriveBits\"],"
                                  OCT256_K "}");
  exported = oa2_jwk_to_json_object (all_eight, FALSE);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (exported, "key_ops")), ==, 8);

  unknown = oa2_test_jwk_parse ("{\"kty\":\"oct\",\"key_ops\":[\"verify\",\"x-custom\"]," OCT256_K "}");
  token = oa2_jwt_sign_claims (claims, unknown, "HS256", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_assert_null (token);

  assert_jwk_refused (nine_json, OA2_ERROR_INVALID_KEY);
  assert_jwk_refused ("{\"kty\":\"oct\",\"key_ops\":[\"sign\",\"verify\",\"encrypt\",\"decrypt\","
                      "\"wrapKey\",\"unwrapKey\",\"deriveKey\",\"deriveBits\",\"sign\"]," OCT256_K "}",
                      OA2_ERROR_INVALID_KEY);
  assert_jwk_refused ("{\"kty\":\"oct\",\"key_ops\":\"sign\"," OCT256_K "}", OA2_ERROR_INVALID_KEY);
  assert_jwk_refused ("{\"kty\":\"oct\",\"key_ops\":[\"sign\",7]," OCT256_K "}", OA2_ERROR_INVALID_KEY);
}

/* The review's key set: 1 MiB, one key of which lists some 100,000
 * operations. The duplicate check compared each with all earlier ones
 * (30 s of CPU); now the key is refused by its length, and left out. The
 * time is measured in tests/bench/jose-bench.c, never here. */
static void
test_jwks_huge_key_ops (void)
{
  g_autofree char *ops = oa2_test_key_ops_json (120000);
  g_autofree char *hostile = g_strdup_printf ("{\"kty\":\"oct\",\"kid\":\"hostile\",\"key_ops\":%s,"
                                              OCT256_K "}", ops);
  g_autofree char *json = g_strconcat ("{\"keys\":[", hostile, ",", oa2_test_rfc7520_rsa_public, "]}", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwks) jwks = NULL;

  g_assert_cmpuint (strlen (json), >, 1024 * 1024);
  jwks = oa2_jwks_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (oa2_jwks_get_n_keys (jwks), ==, 1);
  g_assert_null (oa2_jwks_lookup_kid (jwks, "hostile"));
  assert_jwk_refused (hostile, OA2_ERROR_INVALID_KEY);
}

/* RFC 7517 §5: keys that cannot be used are left out of a set, and the
 * rest stay usable. */
static void
test_jwks_skips_invalid_keys (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strconcat ("{\"keys\":[", oa2_test_rsa_1024, ",",
                                       "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"off-curve\","
                                       "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
                                       "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a8\"},"
                                       "{\"kty\":\"unknown\"},\"not an object\",",
                                       oa2_test_rfc7520_rsa_public, "]}", NULL);
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new_from_json (json, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (oa2_jwks_get_n_keys (jwks), ==, 1);
  g_assert_cmpstr (oa2_jwk_get_kid (oa2_jwks_get_key (jwks, 0)), ==, "bilbo.baggins@hobbiton.example");
  g_assert_null (oa2_jwks_lookup_kid (jwks, "off-curve"));

  g_assert_finalize_object (g_steal_pointer (&jwks));
  jwks = oa2_jwks_new_from_json ("{\"keys\":{}}", &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
  g_assert_null (jwks);
  g_clear_error (&error);
  jwks = oa2_jwks_new_from_json ("[]", &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
  g_assert_null (jwks);
}

/* ---------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  static const char * const generated[] = {
    "RS256", "ES256", "ES384", "ES512", "EdDSA", "Ed25519", "Ed448", "HS256", "HS384", "HS512",
    "ECDH-ES", "A128KW", "A192KW", "A256KW",
  };

  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/jose/jwk/rfc7517/a1-public-keys", test_rfc7517_a1);
  g_test_add_func ("/oa2/jose/jwk/rfc7517/a2-private-keys", test_rfc7517_a2);
  g_test_add_func ("/oa2/jose/jwk/rfc7517/a3-symmetric-keys", test_rfc7517_a3);
  g_test_add_func ("/oa2/jose/jwk/rfc7517/b-x5c", test_rfc7517_b);
  g_test_add_func ("/oa2/jose/jwk/rfc7638/thumbprint", test_rfc7638);
  g_test_add_func ("/oa2/jose/jwk/rfc8037/a1-private-key", test_rfc8037_a1_private);
  g_test_add_func ("/oa2/jose/jwk/rfc8037/a2-public-key", test_rfc8037_a2_public);
  g_test_add_func ("/oa2/jose/jwk/rfc8037/a3-thumbprint", test_rfc8037_a3_thumbprint);
  g_test_add_func ("/oa2/jose/jwk/rfc8032/ed448", test_rfc8032_ed448);
  g_test_add_func ("/oa2/jose/jwk/rfc7520/section-3-keys", test_rfc7520_keys);
  g_test_add_func ("/oa2/jose/jwk/rfc7520/3.6-enc-alg", test_rfc7520_key_with_enc_alg);
  for (guint i = 0; i < G_N_ELEMENTS (generated); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oa2/jose/jwk/round-trip/generated/%s", generated[i]);

      g_test_add_data_func (path, generated[i], test_round_trip_generated);
    }
  g_test_add_func ("/oa2/jose/jwk/round-trip/rfc-keys", test_round_trip_parsed);
  g_test_add_func ("/oa2/jose/jwk/invalid/rsa", test_invalid_rsa);
  g_test_add_func ("/oa2/jose/jwk/invalid/rsa-exponent", test_invalid_rsa_exponent);
  g_test_add_func ("/oa2/jose/jwk/invalid/ec", test_invalid_ec);
  g_test_add_func ("/oa2/jose/jwk/invalid/other", test_invalid_other);
  g_test_add_func ("/oa2/jose/jwk/invalid/key-ops", test_key_ops);
  g_test_add_func ("/oa2/jose/jwk/jwks/skips-invalid-keys", test_jwks_skips_invalid_keys);
  g_test_add_func ("/oa2/jose/jwk/jwks/huge-key-ops", test_jwks_huge_key_ops);

  return g_test_run ();
}
