/* dpop-key-test.c: OA2DPoPKey, the keys and proofs of RFC 9449
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"

#include <string.h>

#define RFC7520_EC_X "AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt"
#define RFC7520_EC_Y "AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1"

static char *
fixed_jti (gpointer user_data)
{
  return g_strdup (user_data);
}

static gint64
frozen_iat (gpointer user_data)
{
  return 1562262616;
}

static OA2DPoPKey *
rfc7520_key (void)
{
  g_autoptr(OA2Jwk) jwk = oa2_test_jwk_parse (oa2_test_rfc7520_ec_private);
  g_autoptr(GError) error = NULL;
  OA2DPoPKey *key = oa2_dpop_key_new (jwk, "ES512", &error);

  g_assert_no_error (error);
  oa2_dpop_key_set_jti_func (key, fixed_jti, g_strdup ("-BwC3ESc6acc2lTc"), g_free);
  oa2_dpop_key_set_iat_func (key, frozen_iat, NULL, NULL);
  return key;
}

/* The decoded JSON of part @index of a compact JWS. */
static char *
part_json (const char *compact,
           guint       index)
{
  g_auto(GStrv) parts = g_strsplit (compact, ".", -1);
  g_autoptr(GBytes) bytes = NULL;

  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  bytes = oa2_test_b64u_decode (parts[index]);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
assert_proof_verifies (OA2DPoPKey *key,
                       const char *proof)
{
  const char * const allowed[] = { oa2_dpop_key_get_alg (key), NULL };
  g_autoptr(OA2Jwk) public_key = oa2_dpop_key_dup_public_jwk (key);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = oa2_jwt_new_from_compact (proof, &error);
  g_autoptr(OA2Jwk) header_key = NULL;

  g_assert_no_error (error);
  g_assert_false (oa2_jwk_is_private (public_key));
  g_assert_true (oa2_jwt_verify (jwt, public_key, allowed, &error));
  g_assert_no_error (error);
  g_assert_true (oa2_jwt_check_typ (jwt, "dpop+jwt", &error));
  g_assert_no_error (error);
  /* As a server does: with the key of the header itself. */
  header_key = oa2_jwk_new_from_json_object (json_object_get_object_member (oa2_jwt_get_header (jwt), "jwk"),
                                             &error);
  g_assert_no_error (error);
  g_assert_false (oa2_jwk_is_private (header_key));
  g_assert_true (oa2_jwt_verify (jwt, header_key, allowed, &error));
  g_assert_no_error (error);
}

/* A frozen clock and a fixed jti give the exact header and claims: typ,
 * alg and the public JWK's RFC 7638 members alone (no kid, use or d);
 * htu without query and fragment. */
static void
test_exact_proof (void)
{
  g_autoptr(OA2DPoPKey) key = rfc7520_key ();
  g_autoptr(GError) error = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *header = NULL;
  g_autofree char *claims = NULL;

  proof = oa2_dpop_key_make_proof (key, "POST", "https://server.example.com/token?x=1#part", NULL, NULL, &error);
  g_assert_no_error (error);
  header = part_json (proof, 0);
  claims = part_json (proof, 1);
  g_assert_cmpstr (header, ==,
                   "{\"alg\":\"ES512\",\"typ\":\"dpop+jwt\",\"jwk\":{\"kty\":\"EC\",\"crv\":\"P-521\","
                   "\"x\":\"" RFC7520_EC_X "\",\"y\":\"" RFC7520_EC_Y "\"}}");
  g_assert_cmpstr (claims, ==,
                   "{\"jti\":\"-BwC3ESc6acc2lTc\",\"htm\":\"POST\",\"htu\":\"https://server.example.com/token\","
                   "\"iat\":1562262616}");
  assert_proof_verifies (key, proof);
}

/* RFC 9449 §7.1's access token and ath, and a nonce (§8). */
static void
test_ath_and_nonce (void)
{
  g_autoptr(OA2DPoPKey) key = rfc7520_key ();
  g_autoptr(GError) error = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *claims = NULL;

  proof = oa2_dpop_key_make_proof (key, "GET", "https://resource.example.org/protectedresource",
                                   "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU",
                                   "eyJ7S_zG.eyJH0-Z.HX4w-7v", &error);
  g_assert_no_error (error);
  claims = part_json (proof, 1);
  g_assert_cmpstr (claims, ==,
                   "{\"jti\":\"-BwC3ESc6acc2lTc\",\"htm\":\"GET\","
                   "\"htu\":\"https://resource.example.org/protectedresource\",\"iat\":1562262616,"
                   "\"ath\":\"fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo\",\"nonce\":\"eyJ7S_zG.eyJH0-Z.HX4w-7v\"}");
  assert_proof_verifies (key, proof);
}

/* RFC 9449 §4.3: htu is the target URI without query and fragment,
 * normalized by RFC 3986 §6.2.2 and §6.2.3. */
static void
test_htu_normalization (void)
{
  static const struct { const char *uri; const char *htu; } cases[] = {
    { "https://server.example.com/token", "https://server.example.com/token" },
    { "HTTPS://Server.Example.COM/token", "https://server.example.com/token" },
    { "https://server.example.com:443/token", "https://server.example.com/token" },
    { "http://127.0.0.1:80/token", "http://127.0.0.1/token" },
    { "https://server.example.com:8443/token", "https://server.example.com:8443/token" },
    { "https://server.example.com", "https://server.example.com/" },
    { "https://server.example.com?q", "https://server.example.com/" },
    { "https://server.example.com/a/./b/../c", "https://server.example.com/a/c" },
    { "https://server.example.com/%7euser/%2f%41", "https://server.example.com/~user/%2FA" },
    { "https://server.example.com/path?query=1&b=2#fragment", "https://server.example.com/path" },
    { "https://user:secret@server.example.com/path", "https://server.example.com/path" },
    { "https://[::1]:8443/token", "https://[::1]:8443/token" },
    /* The path keeps its case. */
    { "https://server.example.com/Token", "https://server.example.com/Token" },
  };
  g_autoptr(OA2DPoPKey) key = rfc7520_key ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *proof = oa2_dpop_key_make_proof (key, "GET", cases[i].uri, NULL, NULL, &error);
      g_autoptr(OA2Jwt) jwt = NULL;

      g_assert_no_error (error);
      jwt = oa2_jwt_new_from_compact (proof, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "htu"), ==, cases[i].htu);
    }
}

static void
assert_proof_refused (OA2DPoPKey *key,
                      const char *method,
                      const char *uri,
                      const char *nonce)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *proof = oa2_dpop_key_make_proof (key, method, uri, NULL, nonce, &error);

  g_assert_null (proof);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
}

static char *
empty_jti (gpointer user_data)
{
  return g_strdup ("");
}

static void
test_proof_errors (void)
{
  g_autoptr(OA2DPoPKey) key = rfc7520_key ();

  assert_proof_refused (key, "", "https://server.example.com/", NULL);
  assert_proof_refused (key, "GE T", "https://server.example.com/", NULL);
  assert_proof_refused (key, "GET\r\n", "https://server.example.com/", NULL);
  assert_proof_refused (key, "GET", "/token", NULL);
  assert_proof_refused (key, "GET", "ftp://server.example.com/token", NULL);
  assert_proof_refused (key, "GET", "https:///token", NULL);
  assert_proof_refused (key, "GET", "not a uri", NULL);
  assert_proof_refused (key, "GET", "https://server.example.com/", "");
  assert_proof_refused (key, "GET", "https://server.example.com/", "a b");
  assert_proof_refused (key, "GET", "https://server.example.com/", "a\"b");
  assert_proof_refused (key, "GET", "https://server.example.com/", "a\\b");
  assert_proof_refused (key, "GET", "https://server.example.com/", "caf\xc3\xa9");
  oa2_dpop_key_set_jti_func (key, empty_jti, NULL, NULL);
  assert_proof_refused (key, "GET", "https://server.example.com/", NULL);
}

/* Without the test functions: a random 128-bit jti for each proof, and
 * the library's clock for iat. */
static void
test_default_jti_and_iat (void)
{
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autoptr(OA2Jwt) first_jwt = NULL;
  g_autoptr(OA2Jwt) second_jwt = NULL;
  gint64 iat = 0;

  oa2_test_freeze_clock (1700000000);
  first = oa2_dpop_key_make_proof (key, "GET", "https://rs.example/", NULL, NULL, &error);
  g_assert_no_error (error);
  second = oa2_dpop_key_make_proof (key, "GET", "https://rs.example/", NULL, NULL, &error);
  g_assert_no_error (error);
  oa2_test_thaw_clock ();
  first_jwt = oa2_jwt_new_from_compact (first, &error);
  second_jwt = oa2_jwt_new_from_compact (second, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (oa2_jwt_get_string_claim (first_jwt, "jti")), ==, 22);
  g_assert_cmpstr (oa2_jwt_get_string_claim (first_jwt, "jti"), !=, oa2_jwt_get_string_claim (second_jwt, "jti"));
  g_assert_true (oa2_jwt_get_int_claim (first_jwt, "iat", &iat));
  g_assert_cmpint (iat, ==, 1700000000);
  g_assert_cmpstr (oa2_dpop_key_get_alg (key), ==, "ES256");
}

/* Every asymmetric algorithm: the proof verifies, the header's JWK has no
 * private member, and the thumbprint is the public key's. */
static void
test_generate (gconstpointer data)
{
  const char *alg = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate (alg, &error);
  g_autoptr(OA2Jwk) public_key = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *header = NULL;
  g_autofree char *thumbprint = NULL;
  g_autofree char *public_thumbprint = NULL;
  static const char * const private_members[] = { "\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"kid\"" };

  g_assert_no_error (error);
  g_assert_cmpstr (oa2_dpop_key_get_alg (key), ==, alg);
  proof = oa2_dpop_key_make_proof (key, "PUT", "https://rs.example/items/1", "token", NULL, &error);
  g_assert_no_error (error);
  assert_proof_verifies (key, proof);
  header = part_json (proof, 0);
  for (guint i = 0; i < G_N_ELEMENTS (private_members); i++)
    g_assert_null (strstr (header, private_members[i]));

  public_key = oa2_dpop_key_dup_public_jwk (key);
  thumbprint = oa2_dpop_key_dup_thumbprint (key);
  public_thumbprint = oa2_jwk_dup_thumbprint (public_key);
  g_assert_cmpstr (thumbprint, ==, public_thumbprint);
}

static void
assert_key_refused (const char *jwk_json,
                    const char *alg,
                    GQuark      domain,
                    int         code)
{
  g_autoptr(OA2Jwk) jwk = oa2_test_jwk_parse (jwk_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_new (jwk, alg, &error);

  g_assert_null (key);
  g_assert_error (error, domain, code);
}

static void
test_construction_errors (void)
{
  g_autoptr(OA2Jwk) es256 = oa2_test_jwk_generate ("ES256");
  g_autofree char *es256_json = oa2_jwk_to_json (es256, TRUE);
  g_autofree char *es256_public = oa2_jwk_to_json (es256, FALSE);
  g_autoptr(OA2Jwk) hs256 = oa2_test_jwk_generate ("HS256");
  g_autofree char *hs256_json = oa2_jwk_to_json (hs256, TRUE);
  g_autoptr(OA2Jwk) ed448 = oa2_test_jwk_generate ("Ed448");
  g_autoptr(OA2Jwk) ed448_noalg = oa2_test_jwk_without (ed448, TRUE, "alg", NULL);
  g_autofree char *ed448_json = oa2_jwk_to_json (ed448_noalg, TRUE);
  g_autoptr(OA2Jwk) enc = oa2_test_jwk_generate ("ECDH-ES");
  g_autoptr(OA2Jwk) enc_noalg = oa2_test_jwk_without (enc, TRUE, "alg", NULL);
  g_autofree char *enc_json = oa2_jwk_to_json (enc_noalg, TRUE);
  static const char * const not_for_dpop[] = { "HS256", "HS512", "RSA-OAEP", "ECDH-ES", "A128KW", "none", "bogus" };

  /* A public key, a symmetric key. */
  assert_key_refused (es256_public, NULL, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  assert_key_refused (oa2_test_rfc8037_a2, "EdDSA", OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  assert_key_refused (hs256_json, NULL, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  assert_key_refused (hs256_json, "HS256", OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  /* No algorithm: neither given nor the key's. */
  assert_key_refused (oa2_test_rfc8037_a1, NULL, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  /* An algorithm that is no asymmetric signature algorithm. */
  assert_key_refused (oa2_test_rfc7520_ec_private, "HS512", OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_key_refused (oa2_test_rfc7520_ec_private, "ECDH-ES", OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  /* An algorithm that does not fit: the key type, the curve, the RFC 9864
   * curve, the key's own alg, a key for encryption. */
  assert_key_refused (oa2_test_rfc7520_ec_private, "RS256", OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  assert_key_refused (oa2_test_rfc7520_ec_private, "ES256", OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  assert_key_refused (ed448_json, "Ed25519", OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  assert_key_refused (es256_json, "ES384", OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  assert_key_refused (enc_json, "ES256", OA2_ERROR, OA2_ERROR_KEY_MISMATCH);

  for (guint i = 0; i < G_N_ELEMENTS (not_for_dpop); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate (not_for_dpop[i], &error);

      g_assert_null (key);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
    }
}

static void
test_overrides (void)
{
  g_autoptr(OA2DPoPKey) key = rfc7520_key ();
  g_autoptr(GError) error = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *header = NULL;
  g_autofree char *typ = NULL;

  g_assert_cmpstr (oa2_dpop_key_get_proof_typ (key), ==, "dpop+jwt");
  g_assert_cmpstr (oa2_dpop_key_get_proof_header (key), ==, "DPoP");
  g_assert_cmpstr (oa2_dpop_key_get_token_header (key), ==, "Authorization");
  g_object_set (key, "proof-typ", "jwt", "proof-header", "X-DPoP", "token-header", "X-Authorization", NULL);
  g_object_get (key, "proof-typ", &typ, NULL);
  g_assert_cmpstr (typ, ==, "jwt");
  g_assert_cmpstr (oa2_dpop_key_get_proof_header (key), ==, "X-DPoP");
  g_assert_cmpstr (oa2_dpop_key_get_token_header (key), ==, "X-Authorization");

  proof = oa2_dpop_key_make_proof (key, "GET", "https://rs.example/", NULL, NULL, &error);
  g_assert_no_error (error);
  header = part_json (proof, 0);
  g_assert_true (g_str_has_prefix (header, "{\"alg\":\"ES512\",\"typ\":\"jwt\",\"jwk\":"));

  /* NULL restores the defaults. */
  oa2_dpop_key_set_proof_typ (key, NULL);
  oa2_dpop_key_set_proof_header (key, NULL);
  oa2_dpop_key_set_token_header (key, NULL);
  g_assert_cmpstr (oa2_dpop_key_get_proof_typ (key), ==, "dpop+jwt");
  g_assert_cmpstr (oa2_dpop_key_get_proof_header (key), ==, "DPoP");
  g_assert_cmpstr (oa2_dpop_key_get_token_header (key), ==, "Authorization");
}

static void
assert_json_refused (const char *json,
                     int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_new_from_json (json, &error);

  g_assert_null (key);
  g_assert_error (error, OA2_ERROR, code);
}

static void
test_json_round_trip (void)
{
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate ("EdDSA", NULL);
  g_autoptr(OA2DPoPKey) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  g_autofree char *thumbprint = NULL;
  g_autofree char *thumbprint_again = NULL;
  g_autofree char *proof = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(JsonObject) object = NULL;

  oa2_dpop_key_set_proof_typ (key, "jwt");
  oa2_dpop_key_set_token_header (key, "X-Token");
  json = oa2_dpop_key_to_json (key);
  object = oa2_test_json_object_parse (json);
  g_assert_true (json_object_has_member (json_object_get_object_member (object, "jwk"), "d"));
  g_assert_cmpstr (json_object_get_string_member (object, "alg"), ==, "EdDSA");

  again = oa2_dpop_key_new_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_dpop_key_get_alg (again), ==, "EdDSA");
  g_assert_cmpstr (oa2_dpop_key_get_proof_typ (again), ==, "jwt");
  g_assert_cmpstr (oa2_dpop_key_get_proof_header (again), ==, "DPoP");
  g_assert_cmpstr (oa2_dpop_key_get_token_header (again), ==, "X-Token");
  thumbprint = oa2_dpop_key_dup_thumbprint (key);
  thumbprint_again = oa2_dpop_key_dup_thumbprint (again);
  g_assert_cmpstr (thumbprint, ==, thumbprint_again);
  json_again = oa2_dpop_key_to_json (again);
  g_assert_cmpstr (json_again, ==, json);
  /* A proof of the restored key verifies with the first one's key. */
  oa2_dpop_key_set_proof_typ (again, NULL);
  proof = oa2_dpop_key_make_proof (again, "GET", "https://rs.example/", NULL, NULL, &error);
  g_assert_no_error (error);
  assert_proof_verifies (key, proof);

  assert_json_refused ("[]", OA2_ERROR_INVALID_JSON);
  assert_json_refused ("{\"alg\":\"ES256\"}", OA2_ERROR_MISSING_MEMBER);
  assert_json_refused ("{\"jwk\":\"x\",\"alg\":\"ES256\"}", OA2_ERROR_MISSING_MEMBER);
  bad = g_strdup_printf ("{\"jwk\":%s}", oa2_test_rfc8037_a1);
  assert_json_refused (bad, OA2_ERROR_MISSING_MEMBER);
  g_clear_pointer (&bad, g_free);
  bad = g_strdup_printf ("{\"jwk\":%s,\"alg\":\"EdDSA\"}", oa2_test_rfc8037_a2);
  assert_json_refused (bad, OA2_ERROR_KEY_MISMATCH);
  g_clear_pointer (&bad, g_free);
  bad = g_strdup_printf ("{\"jwk\":%s,\"alg\":\"EdDSA\",\"typ\":\"\"}", oa2_test_rfc8037_a1);
  assert_json_refused (bad, OA2_ERROR_INVALID_MEMBER);
  g_clear_pointer (&bad, g_free);
  bad = g_strdup_printf ("{\"jwk\":%s,\"alg\":\"EdDSA\",\"proof_header\":\"D PoP\"}", oa2_test_rfc8037_a1);
  assert_json_refused (bad, OA2_ERROR_INVALID_MEMBER);
  g_clear_pointer (&bad, g_free);
  bad = g_strdup_printf ("{\"jwk\":%s,\"alg\":\"EdDSA\",\"token_header\":7}", oa2_test_rfc8037_a1);
  assert_json_refused (bad, OA2_ERROR_INVALID_MEMBER);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const algs[] = {
    "ES256", "ES384", "ES512", "RS256", "PS256", "EdDSA", "Ed25519", "Ed448",
  };

  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/dpop-key/proof/exact", test_exact_proof);
  g_test_add_func ("/oa2/dpop-key/proof/ath-and-nonce", test_ath_and_nonce);
  g_test_add_func ("/oa2/dpop-key/proof/htu-normalization", test_htu_normalization);
  g_test_add_func ("/oa2/dpop-key/proof/errors", test_proof_errors);
  g_test_add_func ("/oa2/dpop-key/proof/default-jti-and-iat", test_default_jti_and_iat);
  for (guint i = 0; i < G_N_ELEMENTS (algs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oa2/dpop-key/generate/%s", algs[i]);

      g_test_add_data_func (path, algs[i], test_generate);
    }
  g_test_add_func ("/oa2/dpop-key/construction-errors", test_construction_errors);
  g_test_add_func ("/oa2/dpop-key/overrides", test_overrides);
  g_test_add_func ("/oa2/dpop-key/json-round-trip", test_json_round_trip);

  return g_test_run ();
}
