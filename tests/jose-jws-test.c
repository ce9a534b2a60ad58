/* jose-jws-test.c: JSON Web Signatures and Tokens through the public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Known answers from RFC 7515 appendix A, RFC 7520 §4.1–4.5 and RFC 8037
 * A.4–A.5; round trips of every JWS algorithm with generated keys; every
 * attack the verifier must refuse, each with its error code; key
 * selection from a key set; and the claim checks under a frozen clock.
 *
 * RFC 7520 §4.6–4.8 use only the JWS JSON serializations (unprotected
 * headers, several signatures): jose-jws-json-test.c covers them, with
 * the JSON forms of §4.1–4.5.
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

static OA2Jwt *
jwt_parse (const char *compact)
{
  g_autoptr(GError) error = NULL;
  OA2Jwt *jwt = oa2_jwt_new_from_compact (compact, &error);

  g_assert_no_error (error);
  g_assert_nonnull (jwt);
  return jwt;
}

static void
assert_parse_fails (const char *compact,
                    OA2Error    code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = oa2_jwt_new_from_compact (compact, &error);

  g_assert_error (error, OA2_ERROR, (gint) code);
  g_assert_null (jwt);
}

static void
assert_verifies (const char         *compact,
                 OA2Jwk             *key,
                 const char * const *allowed_algs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = jwt_parse (compact);

  g_assert_true (oa2_jwt_verify (jwt, key, allowed_algs, &error));
  g_assert_no_error (error);
}

static void
assert_verify_fails (const char         *compact,
                     OA2Jwk             *key,
                     const char * const *allowed_algs,
                     OA2Error            code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = jwt_parse (compact);

  g_assert_false (oa2_jwt_verify (jwt, key, allowed_algs, &error));
  g_assert_error (error, OA2_ERROR, (gint) code);
}

static char *
sign_payload (const char *payload,
              gsize       len,
              OA2Jwk     *key,
              const char *alg,
              JsonObject *header)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (payload, len);
  char *compact = oa2_jwt_sign_payload (bytes, key, alg, header, &error);

  g_assert_no_error (error);
  g_assert_nonnull (compact);
  return compact;
}

static char *
sign_claims_json (const char *claims_json,
                  OA2Jwk     *key,
                  const char *alg)
{
  g_autoptr(JsonObject) claims = oa2_test_json_object_parse (claims_json);
  g_autoptr(GError) error = NULL;
  char *compact = oa2_jwt_sign_claims (claims, key, alg, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (compact);
  return compact;
}

/* A token of the given parts, the header and payload given as text. */
static char *
make_token (const char *header_json,
            const char *payload,
            const char *signature_b64)
{
  g_autofree char *header_b64 = oa2_test_b64u_encode_str (header_json);
  g_autofree char *payload_b64 = oa2_test_b64u_encode_str (payload);

  return g_strjoin (".", header_b64, payload_b64, signature_b64, NULL);
}

/* The HMAC of @text with @key, base64url, computed by GLib: an
 * independent check of the library's HMAC. */
static char *
glib_hmac_b64 (GChecksumType  type,
               GBytes        *key,
               const char    *text,
               gsize          len)
{
  g_autoptr(GHmac) hmac = g_hmac_new (type, g_bytes_get_data (key, NULL), g_bytes_get_size (key));
  guint8 digest[64];
  gsize digest_len = sizeof digest;

  g_hmac_update (hmac, (const guchar *) text, (gssize) len);
  g_hmac_get_digest (hmac, digest, &digest_len);
  return oa2_test_b64u_encode (digest, digest_len);
}

/* A token with a correct HS256 MAC over @header_json and @payload, made
 * with GLib's HMAC and the key @k. */
static char *
hand_signed_token (GBytes     *k,
                   const char *header_json,
                   const char *payload)
{
  g_autofree char *header_b64 = oa2_test_b64u_encode_str (header_json);
  g_autofree char *payload_b64 = oa2_test_b64u_encode_str (payload);
  g_autofree char *signing_input = g_strconcat (header_b64, ".", payload_b64, NULL);
  g_autofree char *mac = glib_hmac_b64 (G_CHECKSUM_SHA256, k, signing_input, strlen (signing_input));

  return g_strconcat (signing_input, ".", mac, NULL);
}

static const char * const only_hs256[] = { "HS256", NULL };
static const char * const only_rs256[] = { "RS256", NULL };
static const char * const only_es256[] = { "ES256", NULL };
static const char * const only_none[] = { "none", NULL };
static const char * const no_algs[] = { NULL };

/* ---------------------------------------------------------------------- */
/* Vectors */

/* RFC 7515 A.1.1 */
static const char rfc7515_a1_key[] =
  "{"
  "\"kty\":\"oct\","
  "\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aK"
    "tMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\""
  "}";

/* RFC 7515 A.2 and A.3 (keys and tokens), RFC 7520 Figures 1 to 5 (the
 * keys), 7 and 8 (the payload of §4), 13, 20, 27 and 34 (the tokens of
 * §4.1–4.4), and RFC 8037 A.1 and A.2 are in oa2-jose-test-utils.c. */

/* RFC 7515 A.4.1 */
static const char rfc7515_a4_key[] =
  "{"
  "\"kty\":\"EC\","
  "\"crv\":\"P-521\","
  "\"x\":\"AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_"
    "NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk\","
  "\"y\":\"ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDl"
    "y79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2\","
  "\"d\":\"AY5pb7A0UFiB3RELSD64fTLOSV_jazdF7fLYyuTw8lOfRhWg6Y6rUrPA"
    "xerEzgdRhajnu0ferB0d53vM9mE15j2C\""
  "}";

/* RFC 7515 A.1 */
static const char rfc7515_a1[] =
  "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
  "."
  "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
  "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
  "."
  "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

/* RFC 7515 A.4 */
static const char rfc7515_a4[] =
  "eyJhbGciOiJFUzUxMiJ9"
  "."
  "UGF5bG9hZA"
  "."
  "AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZq"
  "wqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8Kp"
  "EHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn";

/* RFC 7515 A.5 */
static const char rfc7515_a5[] =
  "eyJhbGciOiJub25lIn0"
  "."
  "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
  "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
  ".";

/* RFC 7520 Figure 41: the compact serialization of §4.5.3 (the RFC
 * captions it "General JWS JSON Serialization") */
static const char rfc7520_4_5_detached[] =
  "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LW"
  "VlZjMxNGJjNzAzNyJ9"
  "."
  "."
  "s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0";

/* RFC 7515 A.1–A.3 and A.5: the JWS Payload, with its CRLF line breaks. */
static const char rfc7515_payload[] =
  "{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}";

/* RFC 8037 A.4 */
static const char rfc8037_a4[] =
  "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCj"
  "P0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_M"
  "uM0KAg";

/* ---------------------------------------------------------------------- */
/* RFC 7515 appendix A */

static void
assert_rfc7515_payload (OA2Jwt *jwt)
{
  GBytes *payload = oa2_jwt_get_payload (jwt);
  gint64 exp = 0;
  JsonNode *is_root;

  g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload),
                   rfc7515_payload, strlen (rfc7515_payload));
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "iss"), ==, "joe");
  g_assert_true (oa2_jwt_get_int_claim (jwt, "exp", &exp));
  g_assert_cmpint (exp, ==, 1300819380);
  is_root = oa2_jwt_get_claim (jwt, "http://example.com/is_root");
  g_assert_nonnull (is_root);
  g_assert_true (json_node_get_boolean (is_root));
}

static void
test_rfc7515_a1 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (rfc7515_a1_key);
  g_autoptr(OA2Jwt) jwt = jwt_parse (rfc7515_a1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) k = oa2_test_jwk_param (rfc7515_a1_key, "k");
  g_autoptr(JsonObject) header = json_object_new ();
  g_autofree char *rfc_mac = NULL;
  g_autofree char *signed_token = NULL;
  g_autofree char *expected_mac = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GBytes) header_bytes = NULL;
  const char *dot;

  g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, "HS256");
  g_assert_cmpstr (oa2_jwt_get_typ (jwt), ==, "JWT");
  g_assert_null (oa2_jwt_get_kid (jwt));
  g_assert_cmpstr (oa2_jwt_get_compact (jwt), ==, rfc7515_a1);
  assert_rfc7515_payload (jwt);
  g_assert_true (oa2_jwt_verify (jwt, key, only_hs256, &error));
  g_assert_no_error (error);
  g_assert_true (oa2_jwt_verify (jwt, key, NULL, &error));
  g_assert_no_error (error);

  /* The transcription, checked by GLib's HMAC alone. */
  dot = strrchr (rfc7515_a1, '.');
  rfc_mac = glib_hmac_b64 (G_CHECKSUM_SHA256, k, rfc7515_a1, (gsize) (dot - rfc7515_a1));
  g_assert_cmpstr (rfc_mac, ==, dot + 1);

  /* The API writes its own header, so the RFC's, with its CRLF, cannot
   * be signed again; the same payload under {"alg":"HS256","typ":"JWT"}
   * gives the HMAC that GLib computes, and verifies. */
  json_object_set_string_member (header, "typ", "JWT");
  signed_token = sign_payload (rfc7515_payload, strlen (rfc7515_payload), key, "HS256", header);
  parts = g_strsplit (signed_token, ".", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  header_bytes = oa2_test_b64u_decode (parts[0]);
  g_assert_cmpmem (g_bytes_get_data (header_bytes, NULL), g_bytes_get_size (header_bytes),
                   "{\"alg\":\"HS256\",\"typ\":\"JWT\"}", strlen ("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
  g_assert_cmpstr (parts[1], ==, "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
                                 "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ");
  expected_mac = glib_hmac_b64 (G_CHECKSUM_SHA256, k, signed_token, strrchr (signed_token, '.') - signed_token);
  g_assert_cmpstr (parts[2], ==, expected_mac);
  assert_verifies (signed_token, key, only_hs256);
}

static void
test_rfc7515_a2 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7515_a2_key);
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);
  g_autoptr(OA2Jwt) jwt = jwt_parse (oa2_test_rfc7515_a2);
  g_autoptr(GError) error = NULL;
  g_autofree char *signed_token = NULL;

  g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, "RS256");
  assert_rfc7515_payload (jwt);
  g_assert_true (oa2_jwt_verify (jwt, public_key, only_rs256, &error));
  g_assert_no_error (error);
  g_assert_true (oa2_jwt_verify (jwt, key, only_rs256, &error));
  g_assert_no_error (error);

  /* RSASSA-PKCS1-v1_5 is deterministic and the header is
   * {"alg":"RS256"}: signing again gives the RFC's token exactly. */
  signed_token = sign_payload (rfc7515_payload, strlen (rfc7515_payload), key, "RS256", NULL);
  g_assert_cmpstr (signed_token, ==, oa2_test_rfc7515_a2);
}

static void
test_rfc7515_a3 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7515_a3_key);
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);
  g_autoptr(OA2Jwt) jwt = jwt_parse (oa2_test_rfc7515_a3);
  g_autofree char *signed_token = NULL;

  g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, "ES256");
  assert_rfc7515_payload (jwt);
  assert_verifies (oa2_test_rfc7515_a3, public_key, only_es256);
  assert_verifies (oa2_test_rfc7515_a3, key, NULL);

  /* ECDSA is randomized: a new signature differs but verifies. */
  signed_token = sign_payload (rfc7515_payload, strlen (rfc7515_payload), key, "ES256", NULL);
  g_assert_cmpstr (signed_token, !=, oa2_test_rfc7515_a3);
  g_assert_true (g_str_has_prefix (signed_token, "eyJhbGciOiJFUzI1NiJ9."));
  assert_verifies (signed_token, public_key, only_es256);
}

static void
test_rfc7515_a4 (void)
{
  static const char * const only_es512[] = { "ES512", NULL };
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (rfc7515_a4_key);
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);
  g_autoptr(OA2Jwt) jwt = jwt_parse (rfc7515_a4);
  GBytes *payload = oa2_jwt_get_payload (jwt);

  g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, "ES512");
  g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), "Payload", 7);
  /* Not JSON: no claims. */
  g_assert_null (oa2_jwt_get_claims (jwt));
  assert_verifies (rfc7515_a4, public_key, only_es512);
  assert_verifies (rfc7515_a4, key, only_es512);
}

static void
test_rfc7515_a5 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (rfc7515_a1_key);
  g_autoptr(OA2Jwt) jwt = jwt_parse (rfc7515_a5);
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new (&key, 1);
  static const char * const hs256_and_none[] = { "HS256", "none", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *with_signature = NULL;

  g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, "none");
  assert_rfc7515_payload (jwt);

  /* Refused by default, with or without a key, and when the allowed
   * algorithms do not name "none". */
  assert_verify_fails (rfc7515_a5, NULL, NULL, OA2_ERROR_UNSECURED_TOKEN);
  assert_verify_fails (rfc7515_a5, key, NULL, OA2_ERROR_UNSECURED_TOKEN);
  assert_verify_fails (rfc7515_a5, key, only_hs256, OA2_ERROR_UNSECURED_TOKEN);
  g_assert_false (oa2_jwt_verify_with_jwks (jwt, jwks, NULL, OA2_JWKS_KEY_POLICY_TRY_ALL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSECURED_TOKEN);
  g_clear_error (&error);

  /* Accepted only when "none" is listed. */
  assert_verifies (rfc7515_a5, NULL, only_none);
  assert_verifies (rfc7515_a5, key, hs256_and_none);
  g_assert_true (oa2_jwt_verify_with_jwks (jwt, jwks, only_none, OA2_JWKS_KEY_POLICY_SINGLE, &error));
  g_assert_no_error (error);

  /* An unsigned token carries no signature (RFC 7518 §3.6). */
  with_signature = g_strconcat (rfc7515_a5, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", NULL);
  assert_parse_fails (with_signature, OA2_ERROR_MALFORMED_TOKEN);
}

/* ---------------------------------------------------------------------- */
/* RFC 7520 §4 */

/* A token of RFC 7520 §4: its "alg" and "kid", and the payload of Figure
 * 7, which Figure 8 encodes; not JSON, so no claims. */
static void
assert_rfc7520_jwt (OA2Jwt     *jwt,
                    const char *alg,
                    const char *kid)
{
  GBytes *payload = oa2_jwt_get_payload (jwt);
  g_autoptr(GBytes) figure_8 = oa2_test_b64u_decode (oa2_test_rfc7520_payload_b64);

  g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, alg);
  g_assert_cmpstr (oa2_jwt_get_kid (jwt), ==, kid);
  g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload),
                   oa2_test_rfc7520_payload, strlen (oa2_test_rfc7520_payload));
  g_assert_cmpmem (g_bytes_get_data (figure_8, NULL), g_bytes_get_size (figure_8),
                   oa2_test_rfc7520_payload, strlen (oa2_test_rfc7520_payload));
  g_assert_null (oa2_jwt_get_claims (jwt));
}

static void
test_rfc7520_4_1 (void)
{
  g_autoptr(OA2Jwk) private_key = oa2_test_jwk_parse (oa2_test_rfc7520_rsa_private);
  g_autoptr(OA2Jwk) public_key = oa2_test_jwk_parse (oa2_test_rfc7520_rsa_public);
  g_autoptr(OA2Jwt) jwt = jwt_parse (oa2_test_rfc7520_4_1);
  g_autofree char *signed_token = NULL;

  assert_rfc7520_jwt (jwt, "RS256", "bilbo.baggins@hobbiton.example");
  assert_verifies (oa2_test_rfc7520_4_1, public_key, only_rs256);
  assert_verifies (oa2_test_rfc7520_4_1, private_key, NULL);

  /* Deterministic, and the header is {"alg":"RS256","kid":"bilbo…"} in
   * that order: the RFC's token again. */
  signed_token = sign_payload (oa2_test_rfc7520_payload, strlen (oa2_test_rfc7520_payload), private_key, "RS256", NULL);
  g_assert_cmpstr (signed_token, ==, oa2_test_rfc7520_4_1);
}

static void
test_rfc7520_4_2 (void)
{
  static const char * const only_ps384[] = { "PS384", NULL };
  g_autoptr(OA2Jwk) private_key = oa2_test_jwk_parse (oa2_test_rfc7520_rsa_private);
  g_autoptr(OA2Jwk) public_key = oa2_test_jwk_parse (oa2_test_rfc7520_rsa_public);
  g_autoptr(OA2Jwt) jwt = jwt_parse (oa2_test_rfc7520_4_2);
  g_autofree char *signed_token = NULL;

  assert_rfc7520_jwt (jwt, "PS384", "bilbo.baggins@hobbiton.example");
  assert_verifies (oa2_test_rfc7520_4_2, public_key, only_ps384);
  assert_verifies (oa2_test_rfc7520_4_2, private_key, only_ps384);

  /* RSASSA-PSS is randomized: verify only, and check that a new
   * signature verifies too. */
  signed_token = sign_payload (oa2_test_rfc7520_payload, strlen (oa2_test_rfc7520_payload), private_key, "PS384", NULL);
  g_assert_cmpstr (signed_token, !=, oa2_test_rfc7520_4_2);
  assert_verifies (signed_token, public_key, only_ps384);
}

static void
test_rfc7520_4_3 (void)
{
  static const char * const only_es512[] = { "ES512", NULL };
  g_autoptr(OA2Jwk) private_key = oa2_test_jwk_parse (oa2_test_rfc7520_ec_private);
  g_autoptr(OA2Jwk) public_key = oa2_test_jwk_parse (oa2_test_rfc7520_ec_public);
  g_autoptr(OA2Jwt) jwt = jwt_parse (oa2_test_rfc7520_4_3);
  g_autofree char *signed_token = NULL;

  assert_rfc7520_jwt (jwt, "ES512", "bilbo.baggins@hobbiton.example");
  assert_verifies (oa2_test_rfc7520_4_3, public_key, only_es512);
  assert_verifies (oa2_test_rfc7520_4_3, private_key, only_es512);

  signed_token = sign_payload (oa2_test_rfc7520_payload, strlen (oa2_test_rfc7520_payload), private_key, "ES512", NULL);
  assert_verifies (signed_token, public_key, only_es512);
}

static void
test_rfc7520_4_4 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autoptr(OA2Jwt) jwt = jwt_parse (oa2_test_rfc7520_4_4);
  g_autofree char *signed_token = NULL;

  assert_rfc7520_jwt (jwt, "HS256", "018c0ae5-4d9b-471b-bfd6-eef314bc7037");
  assert_verifies (oa2_test_rfc7520_4_4, key, only_hs256);

  /* The key names its "alg" and "kid": signing with neither given gives
   * the RFC's token. */
  signed_token = sign_payload (oa2_test_rfc7520_payload, strlen (oa2_test_rfc7520_payload), key, NULL, NULL);
  g_assert_cmpstr (signed_token, ==, oa2_test_rfc7520_4_4);
}

/* The compact form of §4.5 leaves the payload out; the verifier puts
 * Figure 8 back in. */
static void
test_rfc7520_4_5 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_auto(GStrv) parts = g_strsplit (rfc7520_4_5_detached, ".", -1);
  g_autofree char *attached = NULL;
  g_autoptr(OA2Jwt) detached = NULL;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  g_assert_cmpstr (parts[1], ==, "");
  attached = g_strjoin (".", parts[0], oa2_test_rfc7520_payload_b64, parts[2], NULL);
  assert_verifies (attached, key, only_hs256);
  /* It is the token of §4.4. */
  g_assert_cmpstr (attached, ==, oa2_test_rfc7520_4_4);

  /* Without its payload, the signature covers an empty one. */
  detached = jwt_parse (rfc7520_4_5_detached);
  g_assert_cmpuint (g_bytes_get_size (oa2_jwt_get_payload (detached)), ==, 0);
  assert_verify_fails (rfc7520_4_5_detached, key, only_hs256, OA2_ERROR_INVALID_SIGNATURE);
}

/* ---------------------------------------------------------------------- */
/* RFC 8037 A.4 and A.5: Ed25519 */

static void
test_rfc8037_a4 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc8037_a1);
  g_autofree char *signed_token = NULL;
  static const char payload[] = "Example of Ed25519 signing";

  /* EdDSA is deterministic, and the header is {"alg":"EdDSA"}. */
  signed_token = sign_payload (payload, strlen (payload), key, "EdDSA", NULL);
  g_assert_cmpstr (signed_token, ==, rfc8037_a4);
}

static void
test_rfc8037_a5 (void)
{
  static const char * const only_eddsa[] = { "EdDSA", NULL };
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc8037_a2);
  g_autoptr(OA2Jwt) jwt = jwt_parse (rfc8037_a4);
  GBytes *payload = oa2_jwt_get_payload (jwt);
  g_autofree char *tampered = NULL;

  g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, "EdDSA");
  g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload),
                   "Example of Ed25519 signing", strlen ("Example of Ed25519 signing"));
  assert_verifies (rfc8037_a4, key, only_eddsa);
  tampered = oa2_test_jws_flip_bit (rfc8037_a4, 2, 0, 0);
  assert_verify_fails (tampered, key, only_eddsa, OA2_ERROR_INVALID_SIGNATURE);
}

/* ---------------------------------------------------------------------- */
/* RFC 9864 §2.2: the fully-specified Ed25519 and Ed448 */

/* RFC 8037 A.4's key and payload under the name Ed25519: the header is
 * {"alg":"Ed25519"}, and the signature is the pure Ed25519 one over that
 * signing input (computed apart from this library). */
static const char rfc8037_a4_ed25519[] =
  "eyJhbGciOiJFZDI1NTE5In0.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.UxhIYLHGg39N"
  "VCLpQAVD_UcfOmnGSCzLFZoXYkLiIbFccmOb_qObsgjzLKsfJw-4NlccUgvYrEHrRbNV0HcZAQ";

static void
test_rfc9864_ed25519 (void)
{
  static const char * const only_ed25519[] = { "Ed25519", NULL };
  static const char * const only_eddsa[] = { "EdDSA", NULL };
  static const char payload[] = "Example of Ed25519 signing";
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc8037_a1);
  g_autoptr(OA2Jwk) public_key = oa2_test_jwk_parse (oa2_test_rfc8037_a2);
  g_autoptr(OA2Jwk) eddsa_key = oa2_test_jwk_parse ("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"alg\":\"EdDSA\","
                                                    "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\"}");
  g_autofree char *signed_token = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;

  signed_token = sign_payload (payload, strlen (payload), key, "Ed25519", NULL);
  g_assert_cmpstr (signed_token, ==, rfc8037_a4_ed25519);
  jwt = jwt_parse (rfc8037_a4_ed25519);
  g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, "Ed25519");
  assert_verifies (rfc8037_a4_ed25519, public_key, only_ed25519);
  assert_verifies (rfc8037_a4_ed25519, public_key, NULL);
  g_assert_true (oa2_jwk_supports_alg (public_key, "Ed25519"));
  g_assert_false (oa2_jwk_supports_alg (public_key, "Ed448"));

  /* The names are distinct in allow-lists and in a key's "alg". */
  assert_verify_fails (rfc8037_a4_ed25519, public_key, only_eddsa, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_verify_fails (rfc8037_a4, public_key, only_ed25519, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_verify_fails (rfc8037_a4_ed25519, eddsa_key, NULL, OA2_ERROR_KEY_MISMATCH);
}

static void
test_rfc9864_curve_mismatch (void)
{
  g_autoptr(OA2Jwk) ed25519 = oa2_test_jwk_parse (oa2_test_rfc8037_a1);
  g_autoptr(OA2Jwk) ed25519_public = oa2_test_jwk_parse (oa2_test_rfc8037_a2);
  g_autoptr(OA2Jwk) ed448 = oa2_test_jwk_generate ("Ed448");
  g_autoptr(OA2Jwk) ed448_public = NULL;
  g_autoptr(OA2Jwk) ed448_private = NULL;
  g_autoptr(OA2Jwk) p256 = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2Jwk) p256_public = NULL;
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autofree char *ed448_token = NULL;
  g_autofree char *eddsa448_token = NULL;
  GError *error = NULL;

  g_assert_cmpstr (oa2_jwk_get_crv (ed448), ==, "Ed448");
  g_assert_cmpstr (oa2_jwk_get_alg (ed448), ==, "Ed448");
  ed448_public = oa2_test_jwk_without (ed448, FALSE, "alg", NULL);
  p256_public = oa2_test_jwk_without (p256, FALSE, "alg", NULL);
  json_object_set_string_member (claims, "sub", "alice");

  /* Signing: Ed25519 only with Ed25519, Ed448 only with Ed448, neither
   * with an EC key. */
  g_assert_null (oa2_jwt_sign_claims (claims, ed448_public, "Ed25519", NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_clear_error (&error);
  g_assert_null (oa2_jwt_sign_claims (claims, ed25519, "Ed448", NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_assert_nonnull (strstr (error->message, "Ed448 needs an OKP key on the curve Ed448"));
  g_clear_error (&error);
  g_assert_null (oa2_jwt_sign_claims (claims, p256, "Ed25519", NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_clear_error (&error);

  /* Verifying: an Ed448 token with an Ed25519 key or an EC key, and the
   * RFC 9864 Ed25519 token with an Ed448 key. The generic EdDSA still
   * takes either curve. */
  ed448_token = oa2_jwt_sign_claims (claims, ed448, "Ed448", NULL, &error);
  g_assert_no_error (error);
  assert_verifies (ed448_token, ed448_public, NULL);
  assert_verify_fails (ed448_token, ed25519_public, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_verify_fails (ed448_token, p256_public, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_verify_fails (rfc8037_a4_ed25519, ed448_public, NULL, OA2_ERROR_KEY_MISMATCH);
  ed448_private = oa2_test_jwk_without (ed448, TRUE, "alg", NULL);
  eddsa448_token = oa2_jwt_sign_claims (claims, ed448_private, "EdDSA", NULL, &error);
  g_assert_no_error (error);
  assert_verifies (eddsa448_token, ed448_public, NULL);
}

/* ---------------------------------------------------------------------- */
/* Round trips of every JWS algorithm with generated keys */

typedef struct {
  const char *alg;
  const char *other_alg;   /* an algorithm of the same family, for a disagreeing key */
  gboolean deterministic;
} SigCase;

static const SigCase sig_cases[] = {
  { "RS256", "RS384", TRUE }, { "RS384", "RS512", TRUE }, { "RS512", "RS256", TRUE },
  { "PS256", "PS384", FALSE }, { "PS384", "PS512", FALSE }, { "PS512", "PS256", FALSE },
  { "ES256", "ES384", FALSE }, { "ES384", "ES512", FALSE }, { "ES512", "ES256", FALSE },
  { "EdDSA", "ES256", TRUE }, { "Ed25519", "EdDSA", TRUE }, { "Ed448", "Ed25519", TRUE },
  { "HS256", "HS384", TRUE }, { "HS384", "HS512", TRUE }, { "HS512", "HS256", TRUE },
};

/* A private key for @alg: the shared RSA key, or a fresh one. */
static OA2Jwk *
signing_key (const char *alg)
{
  if (alg[0] == 'R' || alg[0] == 'P')
    return g_object_ref (oa2_test_rsa_jwk ());
  return oa2_test_jwk_generate (alg);
}

static void
test_round_trip (gconstpointer data)
{
  const SigCase *c = data;
  const char * const allowed[] = { c->alg, NULL };
  const char * const other_allowed[] = { c->other_alg, NULL };
  g_autoptr(OA2Jwk) key = signing_key (c->alg);
  g_autoptr(OA2Jwk) other_key = NULL;
  g_autoptr(OA2Jwk) verifier = NULL;
  g_autoptr(OA2Jwk) public_from_json = NULL;
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_again = NULL;
  g_autofree char *binary_token = NULL;
  g_autofree char *public_json = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(OA2Jwt) binary_jwt = NULL;
  static const guint8 binary[] = { 0x00, 0xff, 0x7b, 0x22, 0x0a, 0x80 };
  gint64 iat = 0;

  json_object_set_string_member (claims, "sub", "alice");
  json_object_set_int_member (claims, "iat", 1700000000);
  json_object_set_string_member (header, "typ", "at+jwt");
  /* "alg" cannot be replaced through the extra header members. */
  json_object_set_string_member (header, "alg", "none");

  token = oa2_jwt_sign_claims (claims, key, c->alg, header, &error);
  g_assert_no_error (error);
  jwt = jwt_parse (token);
  g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, c->alg);
  g_assert_cmpstr (oa2_jwt_get_typ (jwt), ==, "at+jwt");
  g_assert_cmpstr (oa2_jwt_get_kid (jwt), ==, oa2_jwk_get_kid (key));
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "sub"), ==, "alice");
  g_assert_true (oa2_jwt_get_int_claim (jwt, "iat", &iat));
  g_assert_cmpint (iat, ==, 1700000000);
  g_assert_cmpstr (oa2_jwt_get_compact (jwt), ==, token);

  /* Verified with the public half, as it is and as published JSON. */
  if (c->alg[0] == 'H')
    verifier = g_object_ref (key);
  else
    {
      verifier = oa2_jwk_dup_public (key);
      g_assert_false (oa2_jwk_is_private (verifier));
      public_json = oa2_jwk_to_json (key, FALSE);
      public_from_json = oa2_test_jwk_parse (public_json);
      assert_verifies (token, public_from_json, allowed);
    }
  assert_verifies (token, verifier, allowed);
  assert_verifies (token, verifier, NULL);
  assert_verifies (token, key, allowed);

  /* Not with the algorithm excluded, nor with another key of the same
   * kind (for RSA, the key of RFC 7520 §3.3). */
  assert_verify_fails (token, verifier, other_allowed, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  if (c->alg[0] == 'R' || c->alg[0] == 'P')
    other_key = oa2_test_jwk_parse (oa2_test_rfc7520_rsa_public);
  else
    {
      g_autoptr(OA2Jwk) generated = oa2_test_jwk_generate (c->alg);

      other_key = c->alg[0] == 'H' ? g_object_ref (generated) : oa2_jwk_dup_public (generated);
    }
  assert_verify_fails (token, other_key, allowed, OA2_ERROR_INVALID_SIGNATURE);

  /* Deterministic algorithms sign the same input the same way. */
  token_again = oa2_jwt_sign_claims (claims, key, c->alg, header, &error);
  g_assert_no_error (error);
  if (c->deterministic)
    g_assert_cmpstr (token_again, ==, token);
  else
    g_assert_cmpstr (token_again, !=, token);
  assert_verifies (token_again, verifier, allowed);

  /* Any bytes can be signed; only a JSON object gives claims. */
  binary_token = sign_payload ((const char *) binary, sizeof binary, key, c->alg, NULL);
  binary_jwt = jwt_parse (binary_token);
  g_assert_cmpmem (g_bytes_get_data (oa2_jwt_get_payload (binary_jwt), NULL),
                   g_bytes_get_size (oa2_jwt_get_payload (binary_jwt)), binary, sizeof binary);
  g_assert_null (oa2_jwt_get_claims (binary_jwt));
  assert_verifies (binary_token, verifier, allowed);

  /* Signing needs the private key. */
  if (c->alg[0] != 'H')
    {
      g_autofree char *refused = oa2_jwt_sign_claims (claims, verifier, c->alg, NULL, &error);

      g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
      g_assert_null (refused);
    }
}

/* ---------------------------------------------------------------------- */
/* Attacks */

/* A token that says "none", made by hand. */
static void
test_attack_alg_none (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_generate ("HS256");
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new (&key, 1);
  g_autofree char *token = make_token ("{\"alg\":\"none\"}", "{\"sub\":\"admin\"}", "");
  g_autofree char *hs256_token = sign_claims_json ("{\"sub\":\"alice\"}", key, NULL);
  g_autofree char *stripped = NULL;
  g_autofree char *header_b64 = oa2_test_b64u_encode_str ("{\"alg\":\"none\"}");
  g_autoptr(OA2Jwt) jwt = jwt_parse (token);
  g_autoptr(GError) error = NULL;

  assert_verify_fails (token, key, NULL, OA2_ERROR_UNSECURED_TOKEN);
  assert_verify_fails (token, NULL, NULL, OA2_ERROR_UNSECURED_TOKEN);
  assert_verify_fails (token, key, only_hs256, OA2_ERROR_UNSECURED_TOKEN);
  assert_verify_fails (token, key, no_algs, OA2_ERROR_UNSECURED_TOKEN);
  g_assert_false (oa2_jwt_verify_with_jwks (jwt, jwks, only_hs256, OA2_JWKS_KEY_POLICY_TRY_ALL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSECURED_TOKEN);
  assert_verifies (token, NULL, only_none);

  /* A signed token whose header is swapped for {"alg":"none"} and whose
   * signature is dropped. */
  stripped = oa2_test_jws_replace_part (hs256_token, 0, header_b64);
  *(strrchr (stripped, '.') + 1) = '\0';
  assert_verify_fails (stripped, key, NULL, OA2_ERROR_UNSECURED_TOKEN);
  assert_verify_fails (stripped, key, only_hs256, OA2_ERROR_UNSECURED_TOKEN);
}

/* The classic confusion: an attacker signs with HS256, using the
 * verifier's RSA public key (its JWK text) as the HMAC secret. */
static void
test_attack_hmac_with_public_key (void)
{
  static const char * const both[] = { "RS256", "HS256", NULL };
  g_autoptr(OA2Jwk) public_key = oa2_test_jwk_parse (oa2_test_rfc7520_rsa_public);
  g_autofree char *public_json = oa2_jwk_to_json (public_key, FALSE);
  g_autofree char *secret_b64 = oa2_test_b64u_encode_str (public_json);
  g_autofree char *secret_from_rfc_b64 = oa2_test_b64u_encode_str (oa2_test_rfc7520_rsa_public);
  g_autofree char *hmac_json = g_strdup_printf ("{\"kty\":\"oct\",\"k\":\"%s\"}", secret_b64);
  g_autofree char *hmac_json2 = g_strdup_printf ("{\"kty\":\"oct\",\"k\":\"%s\"}", secret_from_rfc_b64);
  g_autoptr(OA2Jwk) forged_key = oa2_test_jwk_parse (hmac_json);
  g_autoptr(OA2Jwk) forged_key2 = oa2_test_jwk_parse (hmac_json2);
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new (&public_key, 1);
  g_autofree char *forged = sign_claims_json ("{\"sub\":\"admin\"}", forged_key, "HS256");
  g_autofree char *forged2 = sign_claims_json ("{\"sub\":\"admin\"}", forged_key2, "HS256");
  g_autoptr(OA2Jwt) jwt = jwt_parse (forged);
  g_autoptr(GError) error = NULL;

  /* The forgery is a good HS256 token for that secret… */
  assert_verifies (forged, forged_key, only_hs256);
  /* …which the RSA key refuses, whatever the allowed algorithms. */
  assert_verify_fails (forged, public_key, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_verify_fails (forged, public_key, only_hs256, OA2_ERROR_KEY_MISMATCH);
  assert_verify_fails (forged, public_key, both, OA2_ERROR_KEY_MISMATCH);
  assert_verify_fails (forged2, public_key, both, OA2_ERROR_KEY_MISMATCH);
  /* In a key set, an RSA key never fits an HMAC algorithm. */
  g_assert_false (oa2_jwt_verify_with_jwks (jwt, jwks, both, OA2_JWKS_KEY_POLICY_TRY_ALL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY);
}

static void
test_attack_key_type_confusion (void)
{
  static const char * const only_es384[] = { "ES384", NULL };
  g_autoptr(OA2Jwk) p256 = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2Jwk) p384 = oa2_test_jwk_generate ("ES384");
  g_autoptr(OA2Jwk) p256_public = NULL;
  g_autoptr(OA2Jwk) p384_public = NULL;
  g_autoptr(OA2Jwk) oct = oa2_test_jwk_parse ("{\"kty\":\"oct\","
                                              "\"k\":\"hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg\"}");
  g_autoptr(OA2Jwk) rsa_public = oa2_test_jwk_parse (oa2_test_rfc7520_rsa_public);
  g_autoptr(OA2Jwk) ed25519 = oa2_test_jwk_parse (oa2_test_rfc8037_a2);
  g_autofree char *es256 = sign_claims_json ("{\"sub\":\"alice\"}", p256, NULL);
  g_autofree char *es384 = sign_claims_json ("{\"sub\":\"alice\"}", p384, NULL);

  /* Public halves without "alg", so that only the key type decides. */
  p256_public = oa2_test_jwk_without (p256, FALSE, "alg", NULL);
  p384_public = oa2_test_jwk_without (p384, FALSE, "alg", NULL);

  /* ES256 with a symmetric key, an RSA key, an Ed25519 key. */
  assert_verify_fails (es256, oct, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_verify_fails (es256, rsa_public, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_verify_fails (es256, ed25519, NULL, OA2_ERROR_KEY_MISMATCH);
  /* RS256 with an EC key, a symmetric key. */
  assert_verify_fails (oa2_test_rfc7520_4_1, p256_public, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_verify_fails (oa2_test_rfc7520_4_1, oct, NULL, OA2_ERROR_KEY_MISMATCH);
  /* HS256 with a public key of each kind. */
  assert_verify_fails (oa2_test_rfc7520_4_4, p256_public, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_verify_fails (oa2_test_rfc7520_4_4, ed25519, NULL, OA2_ERROR_KEY_MISMATCH);
  /* ES256 with a P-384 key, ES384 with a P-256 key: the curve must be
   * the algorithm's. */
  assert_verify_fails (es256, p384_public, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_verify_fails (es384, p256_public, only_es384, OA2_ERROR_KEY_MISMATCH);
  /* EdDSA with an EC key. */
  assert_verify_fails (rfc8037_a4, p256_public, NULL, OA2_ERROR_KEY_MISMATCH);

  /* The right key, still fine. */
  assert_verifies (es256, p256_public, only_es256);
}

/* A key whose own "alg" is not the token's. */
static void
test_attack_key_alg_differs (void)
{
  g_autoptr(OA2Jwk) rsa = oa2_test_jwk_parse (oa2_test_rfc7520_rsa_public);
  g_autoptr(JsonObject) object = oa2_jwk_to_json_object (rsa, FALSE);
  g_autoptr(OA2Jwk) rs384 = NULL;
  g_autoptr(OA2Jwk) ps256 = NULL;
  g_autoptr(OA2Jwk) hmac = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);   /* "alg": "HS256" */
  g_autoptr(GError) error = NULL;
  g_autofree char *hs512 = NULL;
  g_autoptr(OA2Jwk) hmac_512 = oa2_test_jwk_parse ("{\"kty\":\"oct\",\"k\":\""
                                                   "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aK"
                                                   "tMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\",\"alg\":\"HS512\"}");

  json_object_set_string_member (object, "alg", "RS384");
  rs384 = oa2_jwk_new_from_json_object (object, &error);
  g_assert_no_error (error);
  json_object_set_string_member (object, "alg", "PS256");
  ps256 = oa2_jwk_new_from_json_object (object, &error);
  g_assert_no_error (error);

  assert_verify_fails (oa2_test_rfc7520_4_1, rs384, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_verify_fails (oa2_test_rfc7520_4_1, ps256, NULL, OA2_ERROR_KEY_MISMATCH);
  assert_verify_fails (oa2_test_rfc7520_4_2, rs384, NULL, OA2_ERROR_KEY_MISMATCH);

  /* An HS512 token checked with a key that says HS256. */
  hs512 = sign_claims_json ("{\"sub\":\"alice\"}", hmac_512, NULL);
  assert_verify_fails (hs512, hmac, NULL, OA2_ERROR_KEY_MISMATCH);
  /* And signing refuses the disagreement too. */
  {
    g_autofree char *refused = NULL;
    g_autoptr(GBytes) payload = g_bytes_new_static ("x", 1);

    refused = oa2_jwt_sign_payload (payload, hmac, "HS384", NULL, &error);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
    g_assert_null (refused);
  }
}

/* RFC 7515 A.3's key with "use" or "key_ops" added: its JSON text with
 * @member_json before the closing brace. */
static OA2Jwk *
a3_key_with (const char *member_json)
{
  g_autofree char *json = g_strdup_printf ("%.*s,%s}", (int) strlen (oa2_test_rfc7515_a3_key) - 1,
                                           oa2_test_rfc7515_a3_key, member_json);

  return oa2_test_jwk_parse (json);
}

/* RFC 7517 §4.2 and §4.3: a key's "use" and "key_ops" are honoured. */
static void
test_attack_key_use_and_ops (void)
{
  g_autoptr(OA2Jwk) for_encryption = a3_key_with ("\"use\":\"enc\"");
  g_autoptr(OA2Jwk) for_signatures = a3_key_with ("\"use\":\"sig\"");
  g_autoptr(OA2Jwk) sign_only = a3_key_with ("\"key_ops\":[\"sign\"]");
  g_autoptr(OA2Jwk) verify_only = a3_key_with ("\"key_ops\":[\"verify\"]");
  g_autoptr(GBytes) payload = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *signed_token = NULL;

  assert_verify_fails (oa2_test_rfc7515_a3, for_encryption, only_es256, OA2_ERROR_KEY_MISMATCH);
  assert_verify_fails (oa2_test_rfc7515_a3, sign_only, only_es256, OA2_ERROR_KEY_MISMATCH);
  assert_verifies (oa2_test_rfc7515_a3, for_signatures, only_es256);
  assert_verifies (oa2_test_rfc7515_a3, verify_only, only_es256);

  refused = oa2_jwt_sign_payload (payload, verify_only, "ES256", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_assert_null (refused);
  g_clear_error (&error);
  refused = oa2_jwt_sign_payload (payload, for_encryption, "ES256", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_assert_null (refused);
  signed_token = sign_payload ("x", 1, sign_only, "ES256", NULL);
  assert_verifies (signed_token, verify_only, only_es256);
}

/* HMAC keys shorter than the hash (RFC 7518 §3.2). */
static void
test_attack_short_hmac_key (void)
{
  static const char * const only_hs512[] = { "HS512", NULL };
  g_autoptr(OA2Jwk) short_key = oa2_test_jwk_parse ("{\"kty\":\"oct\",\"k\":\"GawgguFyGrWKav7AX4VKUg\"}");
  g_autoptr(OA2Jwk) key_256 = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autoptr(OA2Jwk) key_256_no_alg = oa2_test_jwk_without (key_256, TRUE, "alg", NULL);
  g_autoptr(GBytes) payload = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *hs512 = NULL;
  g_autoptr(GBytes) k = oa2_test_b64u_decode ("GawgguFyGrWKav7AX4VKUg");
  g_autofree char *payload_b64 = oa2_test_b64u_encode_str ("{\"sub\":\"admin\"}");
  g_autofree char *token = hand_signed_token (k, "{\"alg\":\"HS256\"}", "{\"sub\":\"admin\"}");

  /* A correct HS256 MAC under a 128-bit key, made by GLib, is refused
   * for the key, not the MAC. */
  assert_verify_fails (token, short_key, only_hs256, OA2_ERROR_KEY_MISMATCH);
  refused = oa2_jwt_sign_payload (payload, short_key, "HS256", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_assert_null (refused);

  /* A 256-bit key is too short for HS512. */
  g_clear_error (&error);
  hs512 = oa2_jwt_sign_payload (payload, key_256_no_alg, "HS512", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  g_assert_null (hs512);
  {
    g_autofree char *hs512_header = oa2_test_b64u_encode_str ("{\"alg\":\"HS512\"}");
    g_autofree char *forged = g_strconcat (hs512_header, ".", payload_b64, ".",
                                           "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL);

    assert_verify_fails (forged, key_256_no_alg, only_hs512, OA2_ERROR_KEY_MISMATCH);
  }
}

/* @token with its signature's r (which = 0) or s (which = 1) replaced. */
static char *
with_scalar (const char   *token,
             guint         which,
             const guint8 *value,
             gsize         size)
{
  g_autoptr(GBytes) signature = oa2_test_jws_get_part (token, 2);
  gsize len;
  g_autofree guint8 *data = g_bytes_unref_to_data (g_bytes_ref (signature), &len);
  g_autofree char *part = NULL;

  g_assert_cmpuint (len, ==, 2 * size);
  memcpy (data + which * size, value, size);
  part = oa2_test_b64u_encode (data, len);
  return oa2_test_jws_replace_part (token, 2, part);
}

static void
assert_scalar_refused (const char   *token,
                       OA2Jwk       *key,
                       guint         which,
                       const guint8 *value,
                       gsize         size)
{
  g_autofree char *bad = with_scalar (token, which, value, size);
  g_autoptr(OA2Jwt) jwt = jwt_parse (bad);
  g_autoptr(GError) error = NULL;

  g_assert_false (oa2_jwt_verify (jwt, key, NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_SIGNATURE);
  /* Refused by the range check, before any curve arithmetic. */
  oa2_test_assert_message_contains (error, "out of range");
}

/* ECDSA signatures with r or s outside [1, n-1] (FIPS 186-4 §6.4.2). */
static void
test_attack_ecdsa_scalar_range (void)
{
  g_autoptr(OA2Jwk) p256 = oa2_test_jwk_parse (oa2_test_rfc7515_a3_key);
  g_autoptr(OA2Jwk) p521 = oa2_test_jwk_parse (oa2_test_rfc7520_ec_public);
  g_autoptr(GBytes) p256_order = oa2_test_hex_decode (OA2_TEST_P256_ORDER_HEX);
  g_autoptr(GBytes) p521_order = oa2_test_hex_decode (OA2_TEST_P521_ORDER_HEX);
  guint8 zero[66] = { 0 }, order[66], order_plus_one[66], ones[66];
  guint8 p521_top[66] = { 0x02 };

  g_assert_cmpuint (g_bytes_get_size (p256_order), ==, 32);
  memcpy (order, g_bytes_get_data (p256_order, NULL), 32);
  memcpy (order_plus_one, order, 32);
  order_plus_one[31]++;
  memset (ones, 0xff, sizeof ones);

  for (guint which = 0; which < 2; which++)
    {
      assert_scalar_refused (oa2_test_rfc7515_a3, p256, which, zero, 32);
      assert_scalar_refused (oa2_test_rfc7515_a3, p256, which, order, 32);
      assert_scalar_refused (oa2_test_rfc7515_a3, p256, which, order_plus_one, 32);
      assert_scalar_refused (oa2_test_rfc7515_a3, p256, which, ones, 32);
    }

  g_assert_cmpuint (g_bytes_get_size (p521_order), ==, 66);
  memcpy (order, g_bytes_get_data (p521_order, NULL), 66);
  for (guint which = 0; which < 2; which++)
    {
      assert_scalar_refused (oa2_test_rfc7520_4_3, p521, which, zero, 66);
      assert_scalar_refused (oa2_test_rfc7520_4_3, p521, which, order, 66);
      assert_scalar_refused (oa2_test_rfc7520_4_3, p521, which, p521_top, 66);
      assert_scalar_refused (oa2_test_rfc7520_4_3, p521, which, ones, 66);
    }

  /* The signatures themselves are good. */
  assert_verifies (oa2_test_rfc7515_a3, p256, NULL);
  assert_verifies (oa2_test_rfc7520_4_3, p521, NULL);
}

static void
test_attack_weak_rsa_key (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = oa2_jwk_new_from_json (oa2_test_rsa_1024, &error);

  /* A 1024-bit key never becomes a key to verify with. */
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
  g_assert_null (key);
}

/* Any change to the header, the payload or the signature. */
static void
test_attack_tampering (void)
{
  const char *algs[] = { "HS256", "RS256", "PS256", "ES256", "ES512", "EdDSA" };

  for (guint i = 0; i < G_N_ELEMENTS (algs); i++)
    {
      const char * const allowed[] = { algs[i], NULL };
      g_autoptr(OA2Jwk) key = signing_key (algs[i]);
      g_autoptr(OA2Jwk) verifier = algs[i][0] == 'H' ? g_object_ref (key) : oa2_jwk_dup_public (key);
      g_autofree char *token = sign_claims_json ("{\"sub\":\"alice\",\"admin\":false}", key, algs[i]);
      g_autofree char *header_json = g_strdup_printf ("{\"alg\":\"%s\",\"kid\":\"%s\",\"x\":1}",
                                                      algs[i], oa2_jwk_get_kid (key));
      g_autofree char *header_b64 = oa2_test_b64u_encode_str (header_json);
      g_autofree char *payload_b64 = oa2_test_b64u_encode_str ("{\"sub\":\"alice\",\"admin\":true}");
      g_autofree char *new_header = oa2_test_jws_replace_part (token, 0, header_b64);
      g_autofree char *new_payload = oa2_test_jws_replace_part (token, 1, payload_b64);
      g_autofree char *flipped_header = oa2_test_jws_flip_bit (token, 0, 3, 5);   /* {"alg" → {"aLg" */
      g_autofree char *flipped_first = oa2_test_jws_flip_bit (token, 2, 0, 0);
      g_autofree char *flipped_last = oa2_test_jws_flip_bit (token, 2, -1, 7);

      assert_verifies (token, verifier, allowed);
      assert_verify_fails (new_header, verifier, allowed, OA2_ERROR_INVALID_SIGNATURE);
      assert_verify_fails (new_payload, verifier, allowed, OA2_ERROR_INVALID_SIGNATURE);
      assert_verify_fails (flipped_first, verifier, allowed, OA2_ERROR_INVALID_SIGNATURE);
      assert_verify_fails (flipped_last, verifier, allowed, OA2_ERROR_INVALID_SIGNATURE);
      /* A header whose "alg" has become "aLg" names no algorithm. */
      assert_parse_fails (flipped_header, OA2_ERROR_MALFORMED_TOKEN);
    }
}

/* Tokens that are not well-formed compact JWS. */
static void
test_attack_malformed (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_auto(GStrv) parts = g_strsplit (oa2_test_rfc7520_4_4, ".", -1);
  const char *h = parts[0], *p = parts[1], *s = parts[2];
  g_autofree char *two = g_strjoin (".", h, p, NULL);
  g_autofree char *four = g_strjoin (".", h, p, s, s, NULL);
  g_autofree char *trailing_dot = g_strconcat (oa2_test_rfc7520_4_4, ".", NULL);
  g_autofree char *trailing_space = g_strconcat (oa2_test_rfc7520_4_4, " ", NULL);
  g_autofree char *trailing_newline = g_strconcat (oa2_test_rfc7520_4_4, "\n", NULL);
  g_autofree char *trailing_padding = g_strconcat (oa2_test_rfc7520_4_4, "=", NULL);
  g_autofree char *trailing_char = g_strconcat (oa2_test_rfc7520_4_4, "A", NULL);
  g_autofree char *leading_space = g_strconcat (" ", oa2_test_rfc7520_4_4, NULL);
  g_autofree char *empty_signature = g_strjoin (".", h, p, "", NULL);
  g_autofree char *cut_1 = g_strndup (oa2_test_rfc7520_4_4, strlen (oa2_test_rfc7520_4_4) - 1);
  g_autofree char *cut_2 = g_strndup (oa2_test_rfc7520_4_4, strlen (oa2_test_rfc7520_4_4) - 2);
  g_autofree char *cut_3 = g_strndup (oa2_test_rfc7520_4_4, strlen (oa2_test_rfc7520_4_4) - 3);
  g_autofree char *cut_header = g_strjoin (".", "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LW", p, s, NULL);
  g_autofree char *non_canonical = NULL;
  g_autofree char *padded_header = g_strjoin (".", "eyJhbGciOiJIUzI1NiJ9==", p, s, NULL);
  g_autofree char *std_alphabet = NULL;
  g_autofree char *not_object = NULL;
  g_autofree char *no_alg = make_token ("{\"typ\":\"JWT\"}", "{}", s);
  g_autofree char *alg_number = make_token ("{\"alg\":256}", "{}", s);
  g_autofree char *unknown_alg = make_token ("{\"alg\":\"HS1024\"}", "{}", s);
  g_autofree char *empty_alg = make_token ("{\"alg\":\"\"}", "{}", s);
  g_autofree char *bad_payload_json = make_token ("{\"alg\":\"HS256\"}", "{\"sub\":", s);

  /* The parts: three, always. */
  assert_parse_fails ("", OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (h, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (two, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (four, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (trailing_dot, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails ("..", OA2_ERROR_MALFORMED_TOKEN);

  /* Trailing and leading garbage. */
  assert_parse_fails (trailing_space, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (trailing_newline, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (trailing_padding, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (leading_space, OA2_ERROR_MALFORMED_TOKEN);
  /* One more base64url character makes a well-formed 33-byte signature,
   * which is the wrong length for HS256. */
  assert_verify_fails (trailing_char, key, only_hs256, OA2_ERROR_INVALID_SIGNATURE);

  /* Truncated: a cut that leaves a base64url length of 4k+1 or non-zero
   * unused bits is malformed; a cut at a 4-character boundary leaves a
   * well-formed token whose 30-byte signature does not verify. */
  assert_parse_fails (cut_1, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (cut_2, OA2_ERROR_MALFORMED_TOKEN);
  assert_verify_fails (cut_3, key, only_hs256, OA2_ERROR_INVALID_SIGNATURE);
  assert_verify_fails (empty_signature, key, only_hs256, OA2_ERROR_INVALID_SIGNATURE);
  assert_parse_fails (cut_header, OA2_ERROR_MALFORMED_TOKEN);

  /* Non-canonical base64url: the signature's last character with a
   * non-zero unused bit decodes to the same bytes, and is refused. */
  non_canonical = g_strdup (oa2_test_rfc7520_4_4);
  g_assert_cmpint (non_canonical[strlen (non_canonical) - 1], ==, '0');
  non_canonical[strlen (non_canonical) - 1] = '1';
  assert_parse_fails (non_canonical, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (padded_header, OA2_ERROR_MALFORMED_TOKEN);
  std_alphabet = g_strdup (oa2_test_rfc7520_4_1);
  g_strdelimit (std_alphabet, "_", '/');
  g_strdelimit (std_alphabet, "-", '+');
  g_assert_cmpstr (std_alphabet, !=, oa2_test_rfc7520_4_1);
  assert_parse_fails (std_alphabet, OA2_ERROR_MALFORMED_TOKEN);

  /* Headers that are not a JSON object with an "alg" string. */
  not_object = make_token ("[\"alg\",\"HS256\"]", "{}", s);
  assert_parse_fails (not_object, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (no_alg, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (alg_number, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (empty_alg, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (unknown_alg, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  /* A payload that starts like JSON must be JSON. */
  assert_parse_fails (bad_payload_json, OA2_ERROR_MALFORMED_TOKEN);

  /* The original is fine. */
  assert_verifies (oa2_test_rfc7520_4_4, key, only_hs256);
}

/* RFC 7515 §4: a header with a duplicate member is either refused or
 * read with the lexically last value. */
static void
test_attack_duplicate_header_member (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autoptr(GBytes) k = oa2_test_jwk_param (oa2_test_rfc7520_hmac_key, "k");
  g_autofree char *token = hand_signed_token (k, "{\"alg\":\"none\",\"alg\":\"HS256\"}", "{\"sub\":\"alice\"}");
  g_autofree char *last_none = make_token ("{\"alg\":\"HS256\",\"alg\":\"none\"}", "{\"sub\":\"alice\"}", "");
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = oa2_jwt_new_from_compact (token, &error);

  if (jwt == NULL)
    {
      /* Refused outright: then the other order must be too. */
      g_test_message ("duplicate header members refused");
      g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
      assert_parse_fails (last_none, OA2_ERROR_MALFORMED_TOKEN);
      return;
    }
  /* Read with the last value: an HS256 token, and an unsecured one. */
  g_test_message ("duplicate header members read with the last value");
  g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, "HS256");
  assert_verifies (token, key, only_hs256);
  assert_verify_fails (last_none, key, NULL, OA2_ERROR_UNSECURED_TOKEN);
}

/* The size limit: a token of exactly OA2_JWT_MAX_SIZE bytes is parsed
 * and verified, one byte more is refused before anything else. */
static void
test_attack_oversized (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autofree char *token = NULL;
  g_autofree char *too_long = NULL;
  g_autofree char *huge = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  gsize n;

  for (n = OA2_JWT_MAX_SIZE * 3 / 4 - 100; token == NULL; n++)
    {
      g_autofree char *payload = g_malloc (n + 1);
      g_autofree char *candidate = NULL;

      memset (payload, 'a', n);
      payload[n] = '\0';
      candidate = sign_payload (payload, n, key, NULL, NULL);
      g_assert_cmpuint (strlen (candidate), <=, OA2_JWT_MAX_SIZE);
      if (strlen (candidate) == OA2_JWT_MAX_SIZE)
        token = g_steal_pointer (&candidate);
    }
  assert_verifies (token, key, only_hs256);

  too_long = g_strconcat (token, "A", NULL);
  jwt = oa2_jwt_new_from_compact (too_long, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  oa2_test_assert_message_contains (error, "64 KiB");
  g_assert_null (jwt);

  /* Much larger still: refused the same way. */
  g_clear_error (&error);
  huge = g_strnfill (4 * OA2_JWT_MAX_SIZE, 'A');
  jwt = oa2_jwt_new_from_compact (huge, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  g_assert_null (jwt);
}

static char *
nested_json (const char *prefix,
             guint       depth)
{
  GString *json = g_string_new (prefix);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');
  return g_string_free (json, FALSE);
}

/* JSON nested deeper than the parser allows, in the header and in the
 * payload, even when properly signed. */
static void
test_attack_deep_nesting (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autofree char *deep_header = nested_json ("{\"alg\":\"HS256\",\"x\":", 10000);
  g_autofree char *deep_payload = nested_json ("{\"sub\":\"alice\",\"x\":", 10000);
  g_autofree char *shallow_payload = nested_json ("{\"sub\":\"alice\",\"x\":", 8);
  g_autofree char *token_header = make_token (deep_header, "{}", "AAAA");
  g_autofree char *signed_deep_payload = sign_payload (deep_payload, strlen (deep_payload), key, NULL, NULL);
  g_autofree char *signed_shallow_payload = sign_payload (shallow_payload, strlen (shallow_payload), key, NULL, NULL);
  g_autoptr(JsonObject) nested_header = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signed_deep_header = NULL;
  g_autofree char *moderately_deep = nested_json ("{\"alg\":\"HS256\",\"x\":", 64);
  g_autoptr(JsonObject) empty = json_object_new ();

  assert_parse_fails (token_header, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (signed_deep_payload, OA2_ERROR_MALFORMED_TOKEN);
  assert_verifies (signed_shallow_payload, key, only_hs256);

  /* A deep header member given to the signer makes a token that the
   * parser refuses. */
  nested_header = oa2_test_json_object_parse (moderately_deep);
  json_object_remove_member (nested_header, "alg");
  signed_deep_header = oa2_jwt_sign_claims (empty, key, NULL, nested_header, &error);
  g_assert_no_error (error);
  assert_parse_fails (signed_deep_header, OA2_ERROR_MALFORMED_TOKEN);
}

/* RFC 7515 §4.1.11: "crit" names extensions that must be understood;
 * this library understands none. The tokens carry good MACs. */
static void
test_attack_crit (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autoptr(GBytes) k = oa2_test_jwk_param (oa2_test_rfc7520_hmac_key, "k");
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(JsonObject) empty = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *plain = hand_signed_token (k, "{\"alg\":\"HS256\"}", "{}");
  g_autofree char *ext_crit = hand_signed_token (k, "{\"alg\":\"HS256\",\"crit\":[\"http://example.invalid/ext\"],"
                                                    "\"http://example.invalid/ext\":1}", "{}");
  g_autofree char *exp_crit = hand_signed_token (k, "{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1363284000}", "{}");
  g_autofree char *b64_crit = hand_signed_token (k, "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}", "$.02");
  g_autofree char *empty_crit = hand_signed_token (k, "{\"alg\":\"HS256\",\"crit\":[]}", "{}");
  g_autofree char *string_crit = hand_signed_token (k, "{\"alg\":\"HS256\",\"crit\":\"exp\"}", "{}");
  g_autofree char *number_crit = hand_signed_token (k, "{\"alg\":\"HS256\",\"crit\":[1]}", "{}");

  /* The same MAC construction without "crit" verifies. */
  assert_verifies (plain, key, only_hs256);

  assert_parse_fails (ext_crit, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (exp_crit, OA2_ERROR_MALFORMED_TOKEN);
  /* RFC 7797's unencoded payload, not implemented. */
  assert_parse_fails (b64_crit, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (empty_crit, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (string_crit, OA2_ERROR_MALFORMED_TOKEN);
  assert_parse_fails (number_crit, OA2_ERROR_MALFORMED_TOKEN);

  /* The signer will not write one either. */
  json_object_set_array_member (header, "crit", json_array_new ());
  refused = oa2_jwt_sign_claims (empty, key, NULL, header, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_null (refused);
}

static void
test_attack_allowed_algs (void)
{
  static const char * const es_only[] = { "ES256", "ES384", "ES512", NULL };
  static const char * const rs_and_ps[] = { "PS256", "RS256", NULL };
  g_autoptr(OA2Jwk) rsa = oa2_test_jwk_parse (oa2_test_rfc7520_rsa_public);
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new (&rsa, 1);
  g_autoptr(OA2Jwt) jwt = jwt_parse (oa2_test_rfc7520_4_1);
  g_autoptr(GError) error = NULL;

  assert_verify_fails (oa2_test_rfc7520_4_1, rsa, es_only, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_verify_fails (oa2_test_rfc7520_4_1, rsa, no_algs, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_verify_fails (oa2_test_rfc7520_4_2, rsa, rs_and_ps, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  /* The check comes before the key is looked at. */
  assert_verify_fails (oa2_test_rfc7520_4_1, NULL, es_only, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  g_assert_false (oa2_jwt_verify_with_jwks (jwt, jwks, es_only, OA2_JWKS_KEY_POLICY_TRY_ALL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_verifies (oa2_test_rfc7520_4_1, rsa, rs_and_ps);
}

/* ---------------------------------------------------------------------- */
/* Key selection from a key set */

static void
assert_jwks_verifies (const char         *token,
                      OA2Jwks            *jwks,
                      const char * const *allowed_algs,
                      OA2JwksKeyPolicy    policy)
{
  g_autoptr(OA2Jwt) jwt = jwt_parse (token);
  g_autoptr(GError) error = NULL;

  g_assert_true (oa2_jwt_verify_with_jwks (jwt, jwks, allowed_algs, policy, &error));
  g_assert_no_error (error);
}

static void
assert_jwks_fails (const char         *token,
                   OA2Jwks            *jwks,
                   const char * const *allowed_algs,
                   OA2JwksKeyPolicy    policy,
                   OA2Error            code)
{
  g_autoptr(OA2Jwt) jwt = jwt_parse (token);
  g_autoptr(GError) error = NULL;

  g_assert_false (oa2_jwt_verify_with_jwks (jwt, jwks, allowed_algs, policy, &error));
  g_assert_error (error, OA2_ERROR, (gint) code);
}

/* An ES256 key without "kid", private. */
static OA2Jwk *
anonymous_es256 (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_generate ("ES256");

  return oa2_test_jwk_without (key, TRUE, "kid", "alg", "use", NULL);
}

static void
test_jwks_no_kid (void)
{
  g_autoptr(OA2Jwk) signer = anonymous_es256 ();
  g_autoptr(OA2Jwk) other = anonymous_es256 ();
  g_autoptr(OA2Jwk) stranger = anonymous_es256 ();
  g_autoptr(OA2Jwk) signer_public = oa2_jwk_dup_public (signer);
  g_autoptr(OA2Jwk) other_public = oa2_jwk_dup_public (other);
  g_autoptr(OA2Jwk) rsa = oa2_test_jwk_parse (oa2_test_rfc7520_rsa_public);
  g_autoptr(OA2Jwk) p521 = oa2_test_jwk_parse (oa2_test_rfc7520_ec_public);
  g_autofree char *token = sign_claims_json ("{\"sub\":\"alice\"}", signer, "ES256");
  g_autofree char *stranger_token = sign_claims_json ("{\"sub\":\"alice\"}", stranger, "ES256");
  g_autoptr(OA2Jwt) jwt = jwt_parse (token);
  OA2Jwk *one_fits[] = { rsa, signer_public, p521 };
  OA2Jwk *two_fit[] = { other_public, rsa, signer_public };
  g_autoptr(OA2Jwks) one = oa2_jwks_new (one_fits, G_N_ELEMENTS (one_fits));
  g_autoptr(OA2Jwks) two = oa2_jwks_new (two_fit, G_N_ELEMENTS (two_fit));
  g_autoptr(GPtrArray) selected = NULL;

  g_assert_null (oa2_jwt_get_kid (jwt));

  /* One key of the set fits ES256: it is used, under either policy. */
  selected = oa2_jwks_select (one, NULL, "ES256", "sig");
  g_assert_cmpuint (selected->len, ==, 1);
  g_assert_true (selected->pdata[0] == signer_public);
  assert_jwks_verifies (token, one, only_es256, OA2_JWKS_KEY_POLICY_SINGLE);
  assert_jwks_verifies (token, one, NULL, OA2_JWKS_KEY_POLICY_TRY_ALL);

  /* Two fit: the single-key policy refuses to guess, trying all finds
   * the second. */
  g_clear_pointer (&selected, g_ptr_array_unref);
  selected = oa2_jwks_select (two, NULL, "ES256", "sig");
  g_assert_cmpuint (selected->len, ==, 2);
  assert_jwks_fails (token, two, only_es256, OA2_JWKS_KEY_POLICY_SINGLE, OA2_ERROR_NO_MATCHING_KEY);
  assert_jwks_verifies (token, two, only_es256, OA2_JWKS_KEY_POLICY_TRY_ALL);
  /* When none of them signed, trying all ends in the signature error. */
  assert_jwks_fails (stranger_token, two, only_es256, OA2_JWKS_KEY_POLICY_TRY_ALL, OA2_ERROR_INVALID_SIGNATURE);
}

static void
test_jwks_kid (void)
{
  g_autoptr(OA2Jwk) signer = oa2_test_jwk_generate ("ES256");   /* kid: its thumbprint */
  g_autoptr(OA2Jwk) other = oa2_test_jwk_generate ("ES256");
  g_autoptr(OA2Jwk) signer_public = oa2_jwk_dup_public (signer);
  g_autoptr(OA2Jwk) other_public = oa2_jwk_dup_public (other);
  g_autoptr(JsonObject) header = json_object_new ();
  g_autoptr(GError) error = NULL;
  OA2Jwk *keys[] = { other_public, signer_public };
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new (keys, G_N_ELEMENTS (keys));
  g_autoptr(OA2Jwks) others = oa2_jwks_new (&other_public, 1);
  g_autofree char *token = sign_claims_json ("{\"sub\":\"alice\"}", signer, NULL);
  g_autofree char *unknown_kid = NULL;
  g_autoptr(OA2Jwt) jwt = jwt_parse (token);

  g_assert_cmpstr (oa2_jwt_get_kid (jwt), ==, oa2_jwk_get_kid (signer));
  /* The named key is used, even though two keys fit the algorithm. */
  assert_jwks_verifies (token, jwks, only_es256, OA2_JWKS_KEY_POLICY_SINGLE);

  /* A kid the set does not have. */
  json_object_set_string_member (header, "kid", "no-such-key");
  unknown_kid = oa2_jwt_sign_claims (header, signer, NULL, header, &error);
  g_assert_no_error (error);
  assert_jwks_fails (unknown_kid, jwks, only_es256, OA2_JWKS_KEY_POLICY_SINGLE, OA2_ERROR_NO_MATCHING_KEY);
  assert_jwks_fails (unknown_kid, jwks, only_es256, OA2_JWKS_KEY_POLICY_TRY_ALL, OA2_ERROR_NO_MATCHING_KEY);
  assert_jwks_fails (token, others, only_es256, OA2_JWKS_KEY_POLICY_TRY_ALL, OA2_ERROR_NO_MATCHING_KEY);

  /* Two keys that share the signer's kid: the single-key policy refuses
   * to guess, trying all finds the right one. */
  {
    g_autoptr(OA2Jwk) impostor = NULL;
    g_autoptr(OA2Jwks) shared = NULL;
    g_autoptr(JsonObject) object = oa2_jwk_to_json_object (other_public, FALSE);
    OA2Jwk *pair[2];

    json_object_set_string_member (object, "kid", oa2_jwk_get_kid (signer));
    impostor = oa2_jwk_new_from_json_object (object, &error);
    g_assert_no_error (error);
    pair[0] = impostor;
    pair[1] = signer_public;
    shared = oa2_jwks_new (pair, 2);
    assert_jwks_fails (token, shared, only_es256, OA2_JWKS_KEY_POLICY_SINGLE, OA2_ERROR_NO_MATCHING_KEY);
    assert_jwks_verifies (token, shared, only_es256, OA2_JWKS_KEY_POLICY_TRY_ALL);
  }
}

/* RFC 7517 §5: a key set with a key the library refuses (RSA of 1024
 * bits) and a good one: the bad key is left out, the good one works. */
static void
test_jwks_invalid_key_left_out (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strconcat ("{\"keys\":["
                                       "{\"kty\":\"RSA\",\"kid\":\"bilbo.baggins@hobbiton.example\","
                                       "\"e\":\"AQAB\",\"n\":\"" OA2_TEST_RSA_1024_N "\"},",
                                       oa2_test_rfc7520_rsa_public, "]}", NULL);
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new_from_json (json, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (oa2_jwks_get_n_keys (jwks), ==, 1);
  g_assert_cmpuint (oa2_jwk_get_bits (oa2_jwks_get_key (jwks, 0)), ==, 2048);
  assert_jwks_verifies (oa2_test_rfc7520_4_1, jwks, only_rs256, OA2_JWKS_KEY_POLICY_SINGLE);
}

/* Keys meant for something else are not candidates. */
static void
test_jwks_use_and_alg (void)
{
  g_autoptr(OA2Jwk) rsa = oa2_test_jwk_parse (oa2_test_rfc7520_rsa_public);
  g_autoptr(JsonObject) object = oa2_jwk_to_json_object (rsa, FALSE);
  g_autoptr(OA2Jwk) for_encryption = NULL;
  g_autoptr(OA2Jwk) for_ps256 = NULL;
  g_autoptr(OA2Jwks) enc_set = NULL;
  g_autoptr(OA2Jwks) ps_set = NULL;
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (object, "use", "enc");
  for_encryption = oa2_jwk_new_from_json_object (object, &error);
  g_assert_no_error (error);
  json_object_set_string_member (object, "use", "sig");
  json_object_set_string_member (object, "alg", "PS256");
  for_ps256 = oa2_jwk_new_from_json_object (object, &error);
  g_assert_no_error (error);
  enc_set = oa2_jwks_new (&for_encryption, 1);
  ps_set = oa2_jwks_new (&for_ps256, 1);

  assert_jwks_fails (oa2_test_rfc7520_4_1, enc_set, NULL, OA2_JWKS_KEY_POLICY_TRY_ALL, OA2_ERROR_NO_MATCHING_KEY);
  assert_jwks_fails (oa2_test_rfc7520_4_1, ps_set, NULL, OA2_JWKS_KEY_POLICY_TRY_ALL, OA2_ERROR_NO_MATCHING_KEY);
}

/* ---------------------------------------------------------------------- */
/* Claims, under a frozen clock */

static OA2Jwt *
claims_token (const char *claims_json)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  g_autofree char *token = sign_claims_json (claims_json, key, NULL);
  OA2Jwt *jwt = jwt_parse (token);
  g_autoptr(GError) error = NULL;

  g_assert_true (oa2_jwt_verify (jwt, key, only_hs256, &error));
  g_assert_no_error (error);
  return jwt;
}

static void
assert_claims_at (OA2Jwt     *jwt,
                  gint64      now,
                  guint       leeway,
                  const char *issuer,
                  const char *audience,
                  gboolean    valid)
{
  g_autoptr(GError) error = NULL;

  oa2_test_freeze_clock (now);
  if (valid)
    {
      g_assert_true (oa2_jwt_validate_claims (jwt, issuer, audience, leeway, &error));
      g_assert_no_error (error);
    }
  else
    {
      g_assert_false (oa2_jwt_validate_claims (jwt, issuer, audience, leeway, &error));
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM);
    }
  oa2_test_thaw_clock ();
}

/* A token with @claims, and the instants at which it is valid or not:
 * { now, leeway, valid }, up to the first with now = 0. */
typedef struct {
  const char *claims;
  struct { gint64 now; guint leeway; gboolean valid; } at[6];
} TimeClaimsCase;

/* RFC 7519 §4.1.4: valid strictly before "exp"; with 30 s of leeway,
 * until exp + 30, exclusive. */
static const TimeClaimsCase claims_exp = { "{\"exp\":1700000000}", {
  { 1699999999, 0, TRUE }, { 1700000000, 0, FALSE }, { 1700000001, 0, FALSE },
  { 1700000029, 30, TRUE }, { 1700000030, 30, FALSE } } };

/* RFC 7519 §4.1.5: valid from "nbf" on. */
static const TimeClaimsCase claims_nbf = { "{\"nbf\":1700000000}", {
  { 1700000000, 0, TRUE }, { 1699999999, 0, FALSE },
  { 1699999970, 30, TRUE }, { 1699999969, 30, FALSE } } };

/* "iat" in the future. */
static const TimeClaimsCase claims_iat = { "{\"iat\":1700000000}", {
  { 1700000000, 0, TRUE }, { 1800000000, 0, TRUE }, { 1699999999, 0, FALSE },
  { 1699999990, 10, TRUE }, { 1699999989, 10, FALSE } } };

static void
test_claims_time (gconstpointer data)
{
  const TimeClaimsCase *c = data;
  g_autoptr(OA2Jwt) jwt = claims_token (c->claims);

  for (guint i = 0; i < G_N_ELEMENTS (c->at) && c->at[i].now != 0; i++)
    assert_claims_at (jwt, c->at[i].now, c->at[i].leeway, NULL, NULL, c->at[i].valid);
}

static void
test_claims_all_times (void)
{
  g_autoptr(OA2Jwt) jwt = claims_token ("{\"iat\":1000,\"nbf\":1000,\"exp\":2000}");
  g_autoptr(OA2Jwt) none = claims_token ("{\"sub\":\"alice\"}");

  assert_claims_at (jwt, 999, 0, NULL, NULL, FALSE);
  assert_claims_at (jwt, 1000, 0, NULL, NULL, TRUE);
  assert_claims_at (jwt, 1999, 0, NULL, NULL, TRUE);
  assert_claims_at (jwt, 2000, 0, NULL, NULL, FALSE);
  /* Absent time claims are not checked. */
  assert_claims_at (none, 0, 0, NULL, NULL, TRUE);
  assert_claims_at (none, G_GINT64_CONSTANT (4000000000), 0, NULL, NULL, TRUE);
}

/* NumericDate is a JSON number (RFC 7519 §2); anything else is refused. */
static void
test_claims_not_numeric (void)
{
  const char *bad[] = {
    "{\"exp\":\"1700000000\"}", "{\"exp\":true}", "{\"exp\":null}", "{\"exp\":[1700000000]}",
    "{\"exp\":{}}", "{\"exp\":-1}", "{\"nbf\":\"0\"}", "{\"iat\":\"0\"}", "{\"exp\":1e300}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(OA2Jwt) jwt = claims_token (bad[i]);

      g_test_message ("claims: %s", bad[i]);
      assert_claims_at (jwt, 1000, 0, NULL, NULL, FALSE);
      assert_claims_at (jwt, 1000, 1000000, NULL, NULL, FALSE);
    }
}

static void
test_claims_iss (void)
{
  g_autoptr(OA2Jwt) jwt = claims_token ("{\"iss\":\"https://issuer.example\"}");
  g_autoptr(OA2Jwt) no_iss = claims_token ("{\"sub\":\"alice\"}");
  g_autoptr(OA2Jwt) number_iss = claims_token ("{\"iss\":42}");

  assert_claims_at (jwt, 1000, 0, "https://issuer.example", NULL, TRUE);
  assert_claims_at (jwt, 1000, 0, NULL, NULL, TRUE);
  assert_claims_at (jwt, 1000, 0, "https://issuer.example/", NULL, FALSE);
  assert_claims_at (jwt, 1000, 0, "https://ISSUER.example", NULL, FALSE);
  assert_claims_at (jwt, 1000, 0, "https://evil.example", NULL, FALSE);
  assert_claims_at (no_iss, 1000, 0, "https://issuer.example", NULL, FALSE);
  assert_claims_at (number_iss, 1000, 0, "42", NULL, FALSE);
}

static void
test_claims_aud (void)
{
  g_autoptr(OA2Jwt) single = claims_token ("{\"aud\":\"client-1\"}");
  g_autoptr(OA2Jwt) array = claims_token ("{\"aud\":[\"client-0\",\"client-1\"]}");
  g_autoptr(OA2Jwt) mixed = claims_token ("{\"aud\":[1,null,\"client-1\"]}");
  g_autoptr(OA2Jwt) no_aud = claims_token ("{\"sub\":\"alice\"}");
  g_autoptr(OA2Jwt) object_aud = claims_token ("{\"aud\":{\"client-1\":true}}");

  assert_claims_at (single, 1000, 0, NULL, "client-1", TRUE);
  assert_claims_at (single, 1000, 0, NULL, "client-2", FALSE);
  assert_claims_at (single, 1000, 0, NULL, "client", FALSE);
  assert_claims_at (array, 1000, 0, NULL, "client-1", TRUE);
  assert_claims_at (array, 1000, 0, NULL, "client-0", TRUE);
  assert_claims_at (array, 1000, 0, NULL, "client-2", FALSE);
  assert_claims_at (mixed, 1000, 0, NULL, "client-1", TRUE);
  assert_claims_at (mixed, 1000, 0, NULL, "1", FALSE);
  assert_claims_at (no_aud, 1000, 0, NULL, "client-1", FALSE);
  assert_claims_at (no_aud, 1000, 0, NULL, NULL, TRUE);
  assert_claims_at (object_aud, 1000, 0, NULL, "client-1", FALSE);
}

static void
test_claims_not_an_object (void)
{
  g_autoptr(OA2Jwt) jwt = jwt_parse (oa2_test_rfc7520_4_4);
  g_autoptr(GError) error = NULL;

  g_assert_false (oa2_jwt_validate_claims (jwt, NULL, NULL, 0, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
}

/* RFC 7515 §4.1.9, RFC 8725 §3.11. */
static void
test_typ (void)
{
  g_autoptr(OA2Jwk) key = oa2_test_jwk_parse (oa2_test_rfc7520_hmac_key);
  const char *typs[] = { "dpop+jwt", "DPoP+JWT", "application/dpop+jwt", "Application/DPOP+jwt" };
  const char *expected[] = { "dpop+jwt", "application/dpop+jwt", "APPLICATION/DPOP+JWT" };
  g_autoptr(OA2Jwt) untyped = jwt_parse (oa2_test_rfc7520_4_4);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (typs); i++)
    {
      g_autoptr(JsonObject) header = json_object_new ();
      g_autofree char *token = NULL;
      g_autoptr(OA2Jwt) jwt = NULL;

      json_object_set_string_member (header, "typ", typs[i]);
      token = oa2_jwt_sign_claims (header, key, NULL, header, &error);
      g_assert_no_error (error);
      jwt = jwt_parse (token);
      g_assert_cmpstr (oa2_jwt_get_typ (jwt), ==, typs[i]);
      for (guint j = 0; j < G_N_ELEMENTS (expected); j++)
        {
          g_assert_true (oa2_jwt_check_typ (jwt, expected[j], &error));
          g_assert_no_error (error);
        }
      g_assert_false (oa2_jwt_check_typ (jwt, "jwt", &error));
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM);
      g_clear_error (&error);
      g_assert_false (oa2_jwt_check_typ (jwt, "at+jwt", &error));
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM);
      g_clear_error (&error);
      /* The prefix is ignored only as a whole prefix. */
      g_assert_false (oa2_jwt_check_typ (jwt, "application/application/dpop+jwt", &error));
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM);
      g_clear_error (&error);
    }

  g_assert_false (oa2_jwt_check_typ (untyped, "dpop+jwt", &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM);
}

/* ---------------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  int status;

  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/jose/jws/rfc7515/a1-hs256", test_rfc7515_a1);
  g_test_add_func ("/oa2/jose/jws/rfc7515/a2-rs256", test_rfc7515_a2);
  g_test_add_func ("/oa2/jose/jws/rfc7515/a3-es256", test_rfc7515_a3);
  g_test_add_func ("/oa2/jose/jws/rfc7515/a4-es512", test_rfc7515_a4);
  g_test_add_func ("/oa2/jose/jws/rfc7515/a5-unsecured", test_rfc7515_a5);
  g_test_add_func ("/oa2/jose/jws/rfc7520/4.1-rs256", test_rfc7520_4_1);
  g_test_add_func ("/oa2/jose/jws/rfc7520/4.2-ps384", test_rfc7520_4_2);
  g_test_add_func ("/oa2/jose/jws/rfc7520/4.3-es512", test_rfc7520_4_3);
  g_test_add_func ("/oa2/jose/jws/rfc7520/4.4-hs256", test_rfc7520_4_4);
  g_test_add_func ("/oa2/jose/jws/rfc7520/4.5-detached", test_rfc7520_4_5);
  g_test_add_func ("/oa2/jose/jws/rfc8037/a4-ed25519-sign", test_rfc8037_a4);
  g_test_add_func ("/oa2/jose/jws/rfc8037/a5-ed25519-verify", test_rfc8037_a5);
  g_test_add_func ("/oa2/jose/jws/rfc9864/ed25519", test_rfc9864_ed25519);
  g_test_add_func ("/oa2/jose/jws/rfc9864/curve-mismatch", test_rfc9864_curve_mismatch);
  for (guint i = 0; i < G_N_ELEMENTS (sig_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oa2/jose/jws/round-trip/%s", sig_cases[i].alg);

      g_test_add_data_func (path, &sig_cases[i], test_round_trip);
    }
  g_test_add_func ("/oa2/jose/jws/attack/alg-none", test_attack_alg_none);
  g_test_add_func ("/oa2/jose/jws/attack/hmac-with-public-key", test_attack_hmac_with_public_key);
  g_test_add_func ("/oa2/jose/jws/attack/key-type-confusion", test_attack_key_type_confusion);
  g_test_add_func ("/oa2/jose/jws/attack/key-alg-differs", test_attack_key_alg_differs);
  g_test_add_func ("/oa2/jose/jws/attack/key-use-and-ops", test_attack_key_use_and_ops);
  g_test_add_func ("/oa2/jose/jws/attack/short-hmac-key", test_attack_short_hmac_key);
  g_test_add_func ("/oa2/jose/jws/attack/ecdsa-scalar-range", test_attack_ecdsa_scalar_range);
  g_test_add_func ("/oa2/jose/jws/attack/weak-rsa-key", test_attack_weak_rsa_key);
  g_test_add_func ("/oa2/jose/jws/attack/tampering", test_attack_tampering);
  g_test_add_func ("/oa2/jose/jws/attack/malformed", test_attack_malformed);
  g_test_add_func ("/oa2/jose/jws/attack/duplicate-header-member", test_attack_duplicate_header_member);
  g_test_add_func ("/oa2/jose/jws/attack/oversized", test_attack_oversized);
  g_test_add_func ("/oa2/jose/jws/attack/deep-nesting", test_attack_deep_nesting);
  g_test_add_func ("/oa2/jose/jws/attack/crit", test_attack_crit);
  g_test_add_func ("/oa2/jose/jws/attack/allowed-algs", test_attack_allowed_algs);
  g_test_add_func ("/oa2/jose/jws/jwks/no-kid", test_jwks_no_kid);
  g_test_add_func ("/oa2/jose/jws/jwks/kid", test_jwks_kid);
  g_test_add_func ("/oa2/jose/jws/jwks/invalid-key-left-out", test_jwks_invalid_key_left_out);
  g_test_add_func ("/oa2/jose/jws/jwks/use-and-alg", test_jwks_use_and_alg);
  g_test_add_data_func ("/oa2/jose/jwt/claims/exp", &claims_exp, test_claims_time);
  g_test_add_data_func ("/oa2/jose/jwt/claims/nbf", &claims_nbf, test_claims_time);
  g_test_add_data_func ("/oa2/jose/jwt/claims/iat", &claims_iat, test_claims_time);
  g_test_add_func ("/oa2/jose/jwt/claims/all-times", test_claims_all_times);
  g_test_add_func ("/oa2/jose/jwt/claims/not-numeric", test_claims_not_numeric);
  g_test_add_func ("/oa2/jose/jwt/claims/iss", test_claims_iss);
  g_test_add_func ("/oa2/jose/jwt/claims/aud", test_claims_aud);
  g_test_add_func ("/oa2/jose/jwt/claims/not-an-object", test_claims_not_an_object);
  g_test_add_func ("/oa2/jose/jwt/typ", test_typ);

  status = g_test_run ();
  oa2_test_rsa_jwk_clear ();
  return status;
}
