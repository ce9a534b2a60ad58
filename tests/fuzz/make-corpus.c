/* make-corpus.c: writes the fuzz targets' seed corpora
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: fuzz-make-corpus OUTDIR   (OUTDIR/jwk, jwks, jws, jws-json and jwe)
 *
 * The seeds are real, valid inputs: the RFCs' example keys and tokens
 * (RFC 7515 A.1-A.3, RFC 7516 A.1-A.3, RFC 7520 §4.7, RFC 8037 A.4), and tokens that the
 * library signs and encrypts with the fixed keys of fuzz-keys.h, each
 * checked here to verify or decrypt with them. Signatures, content keys
 * and IVs are random: running this again rewrites most files. The seeds
 * named "refused-…" are the hostile inputs of issue 7, each checked here
 * to be refused as it must be.
 */

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <nettle/bignum.h>
#include <nettle/rsa.h>

#include "oauth2client-glib.h"
#include "oa2-base64url-private.h"
#include "oa2-crypto-jwe-private.h"
#include "oa2-jwk-private.h"

#include "fuzz-keys.h"

static const char *out_dir;

static void
write_seed (const char *target,
            const char *name,
            const char *text)
{
  g_autofree char *dir = g_build_filename (out_dir, target, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0755) != 0)
    g_error ("%s: %s", dir, g_strerror (errno));
  if (!g_file_set_contents (path, text, -1, &error))
    g_error ("%s", error->message);
  g_print ("%s/%s (%zu bytes)\n", target, name, strlen (text));
}

static OA2Jwk *
key (const char *json)
{
  g_autoptr(GError) error = NULL;
  OA2Jwk *jwk = oa2_jwk_new_from_json (json, &error);

  g_assert_no_error (error);
  return jwk;
}

static void
check_key_refused (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) jwk = oa2_jwk_new_from_json (json, &error);

  g_assert_null (jwk);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
}

/* A "key_ops" array of @n distinct made-up values. */
static char *
key_ops (guint n)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s\"op%u\"", i > 0 ? "," : "", i);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static JsonObject *
object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* JWK and JWKS */

static void
jwk_seeds (void)
{
  static const struct { const char *name, *json; } fixed[] = {
    { "rfc7515-a1-oct", FUZZ_JWK_HMAC },
    { "rfc7515-a2-rsa", FUZZ_JWK_RS256_PRIVATE },
    { "rfc7515-a3-ec", FUZZ_JWK_EC_PRIVATE },
    { "rfc7516-a1-rsa", FUZZ_JWK_RSA_OAEP },
    { "rfc7518-c-ec", FUZZ_JWK_ECDH },
    { "rfc7748-x25519", FUZZ_JWK_X25519 },
    { "rfc7748-x448", FUZZ_JWK_X448 },
    { "rfc8037-a1-ed25519", FUZZ_JWK_ED25519_PRIVATE },
    { "oct256", FUZZ_JWK_OCT256 },
    /* Metadata that an export keeps. */
    { "ec-metadata",
      "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" FUZZ_EC_X "\",\"y\":\"" FUZZ_EC_Y "\","
      "\"kid\":\"k1\",\"use\":\"sig\",\"alg\":\"ES256\",\"key_ops\":[\"verify\"],"
      "\"x5c\":[\"MIIB\"],\"x5t#S256\":\"abc\",\"x5u\":\"https://example.com/c\"}" },
  };
  static const char * const generated[] = { "ES384", "ES512", "EdDSA", "HS512", "A256KW", "PS256" };

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      g_autoptr(OA2Jwk) jwk = key (fixed[i].json);
      g_autofree char *public_name = g_strconcat (fixed[i].name, "-public", NULL);
      g_autofree char *public_json = oa2_jwk_to_json (jwk, FALSE);

      write_seed ("jwk", fixed[i].name, fixed[i].json);
      if (oa2_jwk_is_private (jwk) && strcmp (oa2_jwk_get_kty (jwk), "oct") != 0)
        write_seed ("jwk", public_name, public_json);
    }
  /* Hostile keys: more "key_ops" than RFC 7517 defines, and RSA public
   * exponents of 34 bits and of one bit less than the modulus. */
  {
    g_autofree char *nine_ops = key_ops (9);
    g_autofree char *many_ops = key_ops (1000);
    g_autofree char *nine = g_strdup_printf ("{\"kty\":\"oct\",\"key_ops\":%s,\"k\":\"GawgguFyGrWKav7AX4VKUg\"}",
                                             nine_ops);
    g_autofree char *many = g_strdup_printf ("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" FUZZ_EC_X "\","
                                             "\"y\":\"" FUZZ_EC_Y "\",\"key_ops\":%s}", many_ops);
    g_autoptr(GBytes) n = oa2_base64url_decode (FUZZ_RS256_N, -1);
    g_autofree guint8 *long_e = g_malloc (g_bytes_get_size (n));
    g_autofree char *long_e_b64 = NULL, *long_e_json = NULL;
    static const char e_34_bits[] = "{\"kty\":\"RSA\",\"n\":\"" FUZZ_RS256_N "\",\"e\":\"AgAAAAE\"}";

    /* The modulus with its top bit cleared and its low bit set: odd,
     * shorter than n. */
    memcpy (long_e, g_bytes_get_data (n, NULL), g_bytes_get_size (n));
    long_e[0] &= 0x7f;
    long_e[g_bytes_get_size (n) - 1] |= 1;
    long_e_b64 = oa2_base64url_encode (long_e, g_bytes_get_size (n));
    long_e_json = g_strdup_printf ("{\"kty\":\"RSA\",\"n\":\"" FUZZ_RS256_N "\",\"e\":\"%s\"}", long_e_b64);

    check_key_refused (nine);
    write_seed ("jwk", "refused-key-ops-nine", nine);
    check_key_refused (many);
    write_seed ("jwk", "refused-key-ops-1000", many);
    check_key_refused (e_34_bits);
    write_seed ("jwk", "refused-rsa-exponent-34-bits", e_34_bits);
    check_key_refused (long_e_json);
    write_seed ("jwk", "refused-rsa-exponent-2047-bits", long_e_json);
  }
  for (guint i = 0; i < G_N_ELEMENTS (generated); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2Jwk) jwk = oa2_jwk_generate (generated[i], &error);
      g_autofree char *name = g_strconcat ("generated-", generated[i], NULL);
      g_autofree char *json = NULL;

      g_assert_no_error (error);
      json = oa2_jwk_to_json (jwk, TRUE);
      write_seed ("jwk", name, json);
    }
}

static void
jwks_seeds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwks) jws_set = oa2_jwks_new_from_json (FUZZ_JWKS, &error);
  OA2Jwk *jwe_keys[] = {
    key (FUZZ_JWK_RSA_OAEP), key (FUZZ_JWK_ECDH), key (FUZZ_JWK_X25519), key (FUZZ_JWK_X448),
    key (FUZZ_JWK_OCT128), key (FUZZ_JWK_OCT256),
  };
  g_autoptr(OA2Jwks) jwe_set = oa2_jwks_new (jwe_keys, G_N_ELEMENTS (jwe_keys));
  g_autofree char *jwe_private = oa2_jwks_to_json (jwe_set, TRUE);
  g_autofree char *jwe_public = oa2_jwks_to_json (jwe_set, FALSE);

  g_assert_no_error (error);
  g_assert_cmpuint (oa2_jwks_get_n_keys (jws_set), ==, 4);
  write_seed ("jwks", "jws-keys", FUZZ_JWKS);
  write_seed ("jwks", "jwe-keys-private", jwe_private);
  write_seed ("jwks", "jwe-keys-public", jwe_public);
  /* Keys that are left out: an unknown type, a weak RSA key, a point off
   * its curve, not an object; and one good key. */
  write_seed ("jwks", "left-out",
              "{\"keys\":[{\"kty\":\"XYZ\"},{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"},"
              "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" FUZZ_EC_X "\",\"y\":\"" FUZZ_EC_X "\"},42,"
              FUZZ_JWK_HMAC "]}");
  write_seed ("jwks", "empty", "{\"keys\":[]}");
  /* A key with a long "key_ops" list is left out, the other kept. */
  {
    g_autofree char *ops = key_ops (1000);
    g_autofree char *json = g_strdup_printf ("{\"keys\":[{\"kty\":\"oct\",\"kid\":\"hostile\",\"key_ops\":%s,"
                                             "\"k\":\"GawgguFyGrWKav7AX4VKUg\"}," FUZZ_JWK_HMAC "]}", ops);
    g_autoptr(OA2Jwks) left_out = oa2_jwks_new_from_json (json, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (oa2_jwks_get_n_keys (left_out), ==, 1);
    write_seed ("jwks", "refused-key-ops", json);
  }
  for (guint i = 0; i < G_N_ELEMENTS (jwe_keys); i++)
    g_object_unref (jwe_keys[i]);
}

/* JWS */

static void
check_verifies (const char *compact,
                OA2Jwks    *jwks,
                gboolean    unsigned_token)
{
  static const char * const with_none[] = { "none", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = oa2_jwt_new_from_compact (compact, &error);

  g_assert_no_error (error);
  if (unsigned_token)
    g_assert_true (oa2_jwt_verify (jwt, NULL, with_none, &error));
  else
    g_assert_true (oa2_jwt_verify_with_jwks (jwt, jwks, NULL, OA2_JWKS_KEY_POLICY_SINGLE, &error));
  g_assert_no_error (error);
}

static char *
sign (const char *claims_json,
      OA2Jwk     *jwk,
      const char *alg,
      const char *header_json)
{
  g_autoptr(JsonObject) header = header_json != NULL ? object (header_json) : NULL;
  g_autoptr(GBytes) payload = g_bytes_new (claims_json, strlen (claims_json));
  g_autoptr(GError) error = NULL;
  /* oa2_jwt_sign_payload(), not _sign_claims(): the payload's exact bytes. */
  char *compact = oa2_jwt_sign_payload (payload, jwk, alg, header, &error);

  g_assert_no_error (error);
  return compact;
}

static void
jws_seeds (void)
{
  static const struct { const char *name, *compact; } rfc[] = {
    { "rfc7515-a1-hs256",
      "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
      "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
      "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk" },
    { "rfc7515-a2-rs256",
      "eyJhbGciOiJSUzI1NiJ9."
      "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
      "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CU"
      "Ar7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_d"
      "O--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0ig"
      "cN_IoypGlUPQGe77Rw" },
    { "rfc7515-a3-es256",
      "eyJhbGciOiJFUzI1NiJ9."
      "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
      "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q" },
    { "rfc8037-a4-eddsa",
      "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc."
      "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg" },
  };
  /* Valid until 2100, from 2023, for the audience and issuer the target
   * validates. */
  static const char claims[] =
    "{\"iss\":\"joe\",\"sub\":\"alice\",\"aud\":[\"https://rp.example\",\"other\"],"
    "\"exp\":4102444800,\"nbf\":1700000000,\"iat\":1700000000.5,\"jti\":\"a1\"}";
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new_from_json (FUZZ_JWKS, &error);
  g_autoptr(OA2Jwk) ec = key (FUZZ_JWK_EC_PRIVATE);
  g_autoptr(OA2Jwk) hmac = key (FUZZ_JWK_HMAC);
  g_autoptr(OA2Jwk) rsa = key (FUZZ_JWK_RS256_PRIVATE);
  g_autoptr(OA2Jwk) ed = key (FUZZ_JWK_ED25519_PRIVATE);
  g_autoptr(OA2Jwk) ec_no_kid = key ("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" FUZZ_EC_X "\","
                                     "\"y\":\"" FUZZ_EC_Y "\",\"d\":\"" FUZZ_EC_D "\"}");
  static const char typ_jwt[] = "{\"typ\":\"JWT\"}";
  struct { const char *name; OA2Jwk *jwk; const char *alg, *header, *claims; } made[] = {
    { "es256", ec, "ES256", typ_jwt, claims },
    { "hs256", hmac, "HS256", typ_jwt, claims },
    { "rs256", rsa, "RS256", NULL, claims },
    { "ps256", rsa, "PS256", "{\"typ\":\"at+jwt\",\"cty\":\"JWT\"}", claims },
    { "eddsa", ed, "EdDSA", typ_jwt, claims },
    /* No kid: the set picks the key by algorithm. */
    { "es256-no-kid", ec_no_kid, "ES256", NULL, claims },
    /* Claims that fail validation; a payload that is not JSON. */
    { "hs256-expired", hmac, "HS256", NULL,
      "{\"iss\":\"joe\",\"aud\":\"https://rp.example\",\"exp\":1300819380,\"nbf\":\"soon\"}" },
    { "hs256-opaque", hmac, "HS256", NULL, "not JSON at all" },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rfc); i++)
    {
      check_verifies (rfc[i].compact, jwks, FALSE);
      write_seed ("jws", rfc[i].name, rfc[i].compact);
    }
  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      g_autofree char *compact = sign (made[i].claims, made[i].jwk, made[i].alg, made[i].header);

      check_verifies (compact, jwks, FALSE);
      write_seed ("jws", made[i].name, compact);
    }

  /* Unsigned, and with an extension that must be refused. */
  {
    g_autofree char *header = oa2_base64url_encode ((const guint8 *) "{\"alg\":\"none\"}", 14);
    g_autofree char *payload = oa2_base64url_encode ((const guint8 *) claims, strlen (claims));
    g_autofree char *compact = g_strconcat (header, ".", payload, ".", NULL);

    check_verifies (compact, NULL, TRUE);
    write_seed ("jws", "none", compact);
  }
  /* The library will not sign a "crit" header: signed here by hand. */
  {
    static const char header_json[] = "{\"alg\":\"HS256\",\"crit\":[\"exp\"],\"exp\":1}";
    g_autofree char *header = oa2_base64url_encode ((const guint8 *) header_json, strlen (header_json));
    g_autofree char *payload = oa2_base64url_encode ((const guint8 *) claims, strlen (claims));
    g_autofree char *signing_input = g_strconcat (header, ".", payload, NULL);
    g_autoptr(GBytes) mac = oa2_crypto_sign (oa2_jwk_get_crypto_key (hmac), OA2_SIG_HS256,
                                             (const guint8 *) signing_input, strlen (signing_input), &error);
    g_autofree char *mac_b64 = NULL;
    g_autofree char *compact = NULL;

    g_assert_no_error (error);
    mac_b64 = oa2_base64url_encode_bytes (mac);
    compact = g_strconcat (signing_input, ".", mac_b64, NULL);
    write_seed ("jws", "hs256-crit", compact);
  }
}

/* JWS JSON serializations */

/* @json parses into @n_signatures tokens, each of which verifies with a
 * key of @jwks, or is unsigned (alg "none") when @unsigned_token. */
static void
check_json_verifies (const char *json,
                     guint       n_signatures,
                     OA2Jwks    *jwks,
                     gboolean    unsigned_token)
{
  static const char * const with_none[] = { "none", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jwts = oa2_jwt_parse_json_serialization (json, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (jwts->len, ==, n_signatures);
  for (guint i = 0; i < jwts->len; i++)
    {
      if (unsigned_token)
        g_assert_true (oa2_jwt_verify (jwts->pdata[i], NULL, with_none, &error));
      else
        g_assert_true (oa2_jwt_verify_with_jwks (jwts->pdata[i], jwks, NULL, OA2_JWKS_KEY_POLICY_TRY_ALL, &error));
      g_assert_no_error (error);
    }
}

static void
jws_json_seeds (void)
{
  /* RFC 7520 Figure 55 (§4.7): nothing protected, signed with the HMAC
   * key of RFC 7520 Figure 5; its key is not in the fixed set. */
  static const char rfc7520_4_7[] =
    "{\"payload\":\"SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250"
    "byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcmUgeW91IG1pZ2h0"
    "IGJlIHN3ZXB0IG9mZiB0by4\",\"header\":{\"alg\":\"HS256\",\"kid\":\"018c0ae5-4d9b-471b-bfd6-eef314bc7037\"},"
    "\"signature\":\"xuLifqLGiblpv9zBpuZczWhNj1gARaLV3UxvxhJxZuk\"}";
  static const char claims[] =
    "{\"iss\":\"joe\",\"sub\":\"alice\",\"aud\":\"https://rp.example\",\"exp\":4102444800,\"iat\":1700000000}";
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwks) jwks = oa2_jwks_new_from_json (FUZZ_JWKS, &error);
  g_autoptr(OA2Jwk) ec = key (FUZZ_JWK_EC_PRIVATE);
  g_autoptr(OA2Jwk) hmac = key (FUZZ_JWK_HMAC);
  g_autoptr(OA2Jwk) rsa = key (FUZZ_JWK_RS256_PRIVATE);
  g_autoptr(OA2Jwk) ed = key (FUZZ_JWK_ED25519_PRIVATE);
  g_autoptr(GBytes) payload = g_bytes_new (claims, strlen (claims));
  g_autoptr(JsonObject) typ = object ("{\"typ\":\"JWT\"}");
  g_autoptr(JsonObject) hmac_kid = object ("{\"kid\":\"hmac\"}");
  g_autoptr(JsonObject) ed_unprotected = object ("{\"alg\":\"EdDSA\",\"x-note\":[1,{\"a\":null}]}");
  g_autofree char *flattened = NULL;
  g_autofree char *two = NULL;
  g_autofree char *three = NULL;
  g_autofree char *unprotected_only = NULL;

  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) jwts = oa2_jwt_parse_json_serialization (rfc7520_4_7, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (jwts->len, ==, 1);
  }
  write_seed ("jws-json", "rfc7520-4.7-hs256", rfc7520_4_7);

  /* Flattened, everything protected; then general, with an unprotected
   * kid, then a signature with nothing protected. */
  flattened = oa2_jwt_sign_json (payload, ec, "ES256", typ, NULL, &error);
  g_assert_no_error (error);
  check_json_verifies (flattened, 1, jwks, FALSE);
  write_seed ("jws-json", "flattened-es256", flattened);
  two = oa2_jwt_add_json_signature (flattened, hmac, "HS256", NULL, hmac_kid, &error);
  g_assert_no_error (error);
  check_json_verifies (two, 2, jwks, FALSE);
  write_seed ("jws-json", "general-es256-hs256", two);
  three = oa2_jwt_add_json_signature (two, rsa, "PS256", typ, NULL, &error);
  g_assert_no_error (error);
  check_json_verifies (three, 3, jwks, FALSE);
  write_seed ("jws-json", "general-three", three);
  unprotected_only = oa2_jwt_sign_json (payload, ed, "EdDSA", NULL, ed_unprotected, &error);
  g_assert_no_error (error);
  check_json_verifies (unprotected_only, 1, jwks, FALSE);
  write_seed ("jws-json", "flattened-eddsa-unprotected", unprotected_only);

  /* Unsigned; and a "crit" left unprotected, which must be refused. */
  {
    g_autofree char *payload_b64 = oa2_base64url_encode ((const guint8 *) claims, strlen (claims));
    g_autofree char *unsigned_json = g_strdup_printf ("{\"payload\":\"%s\",\"header\":{\"alg\":\"none\"},"
                                                      "\"signature\":\"\"}", payload_b64);
    g_autofree char *crit = g_strdup_printf ("{\"payload\":\"%s\",\"signatures\":[{\"header\":"
                                             "{\"alg\":\"none\",\"crit\":[\"exp\"],\"exp\":1},"
                                             "\"signature\":\"\"}]}", payload_b64);

    check_json_verifies (unsigned_json, 1, NULL, TRUE);
    write_seed ("jws-json", "none", unsigned_json);
    g_assert_null (oa2_jwt_parse_json_serialization (crit, &error));
    g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
    g_clear_error (&error);
    write_seed ("jws-json", "none-crit", crit);
  }
}

/* JWE */

static void
check_decrypts (const char         *compact,
                OA2Jwk             *jwk,
                const char * const *allowed_algs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plaintext = oa2_jwe_decrypt (compact, jwk, allowed_algs, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plaintext);
}

static void
random_func (void    *ctx,
             size_t   length,
             uint8_t *dst)
{
  g_assert_cmpint (gnutls_rnd (GNUTLS_RND_RANDOM, dst, length), ==, 0);
}

/* The library does not encrypt with RSA1_5: a token made by hand. */
static char *
rsa1_5_token (OA2Jwk     *jwk,
              const char *enc_name,
              const char *plaintext_text)
{
  const struct rsa_public_key *pub = oa2_crypto_key_get_rsa_public (oa2_jwk_get_crypto_key (jwk));
  OA2Enc enc = oa2_enc_from_string (enc_name);
  g_autofree char *header_json = g_strdup_printf ("{\"alg\":\"RSA1_5\",\"enc\":\"%s\",\"kid\":\"rsa1_5\"}",
                                                  enc_name);
  g_autofree char *header = oa2_base64url_encode ((const guint8 *) header_json, strlen (header_json));
  g_autofree guint8 *cek_data = g_malloc (oa2_enc_key_size (enc));
  g_autofree guint8 *iv_data = g_malloc (oa2_enc_iv_size (enc));
  g_autofree guint8 *encrypted = g_malloc (pub->size);
  g_autoptr(GBytes) cek = NULL, iv = NULL, aad = NULL, plaintext = NULL, ciphertext = NULL, tag = NULL;
  g_autofree char *ek_b64 = NULL, *iv_b64 = NULL, *ct_b64 = NULL, *tag_b64 = NULL;
  g_autoptr(GError) error = NULL;
  mpz_t c;

  random_func (NULL, oa2_enc_key_size (enc), cek_data);
  random_func (NULL, oa2_enc_iv_size (enc), iv_data);
  mpz_init (c);
  g_assert_true (rsa_encrypt (pub, NULL, random_func, oa2_enc_key_size (enc), cek_data, c));
  nettle_mpz_get_str_256 (pub->size, encrypted, c);
  mpz_clear (c);

  cek = g_bytes_new (cek_data, oa2_enc_key_size (enc));
  iv = g_bytes_new (iv_data, oa2_enc_iv_size (enc));
  aad = g_bytes_new (header, strlen (header));
  plaintext = g_bytes_new (plaintext_text, strlen (plaintext_text));
  g_assert_true (oa2_jwe_encrypt_content (enc, cek, iv, aad, plaintext, &ciphertext, &tag, &error));
  g_assert_no_error (error);

  ek_b64 = oa2_base64url_encode (encrypted, pub->size);
  iv_b64 = oa2_base64url_encode_bytes (iv);
  ct_b64 = oa2_base64url_encode_bytes (ciphertext);
  tag_b64 = oa2_base64url_encode_bytes (tag);
  return g_strjoin (".", header, ek_b64, iv_b64, ct_b64, tag_b64, NULL);
}

/* RFC 7518 Appendix C: Alice's ephemeral key, whose point is the "epk"
 * of the tokens below for Bob's key (FUZZ_JWK_ECDH). */
#define ALICE_XY \
  "\"x\":\"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0\",\"y\":\"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps\""
#define ALICE_D "0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo"

/* An ECDH-ES + A128GCM token from Alice to Bob with @epk_extra (members,
 * each after a comma) in its "epk": by hand, as the library writes only
 * the public point there. */
static char *
epk_token (OA2Jwk     *bob,
           const char *epk_extra,
           const char *plaintext_text)
{
  g_autoptr(OA2Jwk) alice = key ("{\"kty\":\"EC\",\"crv\":\"P-256\"," ALICE_XY ",\"d\":\"" ALICE_D "\"}");
  g_autofree char *header_json = g_strdup_printf ("{\"alg\":\"ECDH-ES\",\"enc\":\"A128GCM\",\"epk\":"
                                                  "{\"kty\":\"EC\",\"crv\":\"P-256\"," ALICE_XY "%s}}", epk_extra);
  g_autofree char *header = oa2_base64url_encode ((const guint8 *) header_json, strlen (header_json));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) z = oa2_jwe_ecdh_nist (oa2_crypto_key_get_ec_private (oa2_jwk_get_crypto_key (alice)),
                                           oa2_crypto_key_get_ec_public (oa2_jwk_get_crypto_key (bob)), &error);
  g_autoptr(GBytes) cek = oa2_jwe_concat_kdf (z, "A128GCM", 16, NULL, NULL);
  guint8 iv_data[12];
  g_autoptr(GBytes) iv = NULL, aad = NULL, plaintext = NULL, ciphertext = NULL, tag = NULL;
  g_autofree char *iv_b64 = NULL, *ct_b64 = NULL, *tag_b64 = NULL;

  g_assert_no_error (error);
  random_func (NULL, sizeof iv_data, iv_data);
  iv = g_bytes_new (iv_data, sizeof iv_data);
  aad = g_bytes_new (header, strlen (header));
  plaintext = g_bytes_new (plaintext_text, strlen (plaintext_text));
  g_assert_true (oa2_jwe_encrypt_content (OA2_ENC_A128GCM, cek, iv, aad, plaintext, &ciphertext, &tag, &error));
  g_assert_no_error (error);
  iv_b64 = oa2_base64url_encode_bytes (iv);
  ct_b64 = oa2_base64url_encode_bytes (ciphertext);
  tag_b64 = oa2_base64url_encode_bytes (tag);
  return g_strjoin (".", header, "", iv_b64, ct_b64, tag_b64, NULL);
}

static void
jwe_seeds (void)
{
  static const char * const all_but_rsa1_5[] = {
    "dir", "A128KW", "A192KW", "A256KW", "RSA-OAEP", "RSA-OAEP-256",
    "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW", NULL,
  };
  static const char * const only_rsa1_5[] = { "RSA1_5", NULL };
  static const char a2_iv[] = "AxY8DCtDaGlsbGljb3RoZQ";
  static const char a2_ciphertext[] = "KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY";
  g_autoptr(OA2Jwk) rsa = key (FUZZ_JWK_RSA_OAEP);
  g_autoptr(OA2Jwk) ec = key (FUZZ_JWK_ECDH);
  g_autoptr(OA2Jwk) x25519 = key (FUZZ_JWK_X25519);
  g_autoptr(OA2Jwk) oct128 = key (FUZZ_JWK_OCT128);
  g_autoptr(OA2Jwk) oct256 = key (FUZZ_JWK_OCT256);
  g_autoptr(OA2Jwk) rsa1_5 = key (FUZZ_JWK_RSA1_5);
  const struct { const char *name; OA2Jwk *jwk; const char *compact; } rfc[] = {
    { "rfc7516-a1-rsa-oaep-a256gcm", rsa,
      "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ."
      "OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGe"
      "ipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDb"
      "Sv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaV"
      "mqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je8"
      "1860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi"
      "6UklfCpIMfIjf7iGdXKHzg."
      "48V1_ALb6US04U3b."
      "5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6ji"
      "SdiwkIr3ajwQzaBtQD_A."
      "XFBoMYUZodetZdvTiFvSkQ" },
    { "rfc7516-a3-a128kw-a128cbc-hs256", oct128,
      "eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0."
      "6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ.AxY8DCtDaGlsbGljb3RoZQ."
      "KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY.U0m_YmjN04DJvceFICbCVQ" },
  };
  struct { const char *name; OA2Jwk *jwk; const char *alg, *enc, *header; } made[] = {
    { "rsa-oaep-a128gcm", rsa, "RSA-OAEP", "A128GCM", NULL },
    { "rsa-oaep-256-a256gcm", rsa, "RSA-OAEP-256", "A256GCM", "{\"cty\":\"JWT\"}" },
    { "rsa-oaep-256-a128cbc-hs256", rsa, "RSA-OAEP-256", "A128CBC-HS256", NULL },
    { "ecdh-es-a128gcm", ec, "ECDH-ES", "A128GCM", NULL },
    { "ecdh-es-apu-apv-a256gcm", ec, "ECDH-ES", "A256GCM", "{\"apu\":\"QWxpY2U\",\"apv\":\"Qm9i\"}" },
    { "ecdh-es+a128kw-a192gcm", ec, "ECDH-ES+A128KW", "A192GCM", NULL },
    { "ecdh-es+a256kw-a256cbc-hs512", ec, "ECDH-ES+A256KW", "A256CBC-HS512", NULL },
    { "x25519-ecdh-es-a256gcm", x25519, "ECDH-ES", "A256GCM", NULL },
    { "x25519-ecdh-es+a192kw-a192cbc-hs384", x25519, "ECDH-ES+A192KW", "A192CBC-HS384", NULL },
    { "a128kw-a128gcm", oct128, "A128KW", "A128GCM", NULL },
    { "dir-a128gcm", oct128, "dir", "A128GCM", NULL },
    { "a256kw-a256gcm", oct256, "A256KW", "A256GCM", NULL },
    { "dir-a256gcm", oct256, "dir", "A256GCM", NULL },
    { "dir-a128cbc-hs256", oct256, "dir", "A128CBC-HS256", NULL },
  };
  static const char plaintext_text[] = "{\"iss\":\"joe\",\"sub\":\"alice\",\"exp\":4102444800}";
  g_autoptr(GBytes) plaintext = g_bytes_new_static (plaintext_text, strlen (plaintext_text));

  for (guint i = 0; i < G_N_ELEMENTS (rfc); i++)
    {
      check_decrypts (rfc[i].compact, rfc[i].jwk, all_but_rsa1_5);
      write_seed ("jwe", rfc[i].name, rfc[i].compact);
    }
  {
    g_autofree char *a2 = g_strjoin (".",
      "eyJhbGciOiJSU0ExXzUiLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0",
      "UGhIOguC7IuEvf_NPVaXsGMoLOmwvc1GyqlIKOK1nN94nHPoltGRhWhw7Zx0-kFm"
      "1NJn8LE9XShH59_i8J0PH5ZZyNfGy2xGdULU7sHNF6Gp2vPLgNZ__deLKxGHZ7Pc"
      "HALUzoOegEI-8E66jX2E4zyJKx-YxzZIItRzC5hlRirb6Y5Cl_p-ko3YvkkysZIF"
      "NPccxRU7qve1WYPxqbb2Yw8kZqa2rMWI5ng8OtvzlV7elprCbuPhcCdZ6XDP0_F8"
      "rkXds2vE4X-ncOIM8hAYHHi29NX0mcKiRaD0-D-ljQTP-cFPgwCp6X-nZZd9OHBv"
      "-B3oWh2TbqmScqXMR4gp_A",
      a2_iv, a2_ciphertext, "9hH0vgRfYgPnAHOd8stkvw", NULL);
    g_autofree char *made_gcm = rsa1_5_token (rsa1_5, "A128GCM", plaintext_text);

    check_decrypts (a2, rsa1_5, only_rsa1_5);
    write_seed ("jwe", "rfc7516-a2-rsa1_5-a128cbc-hs256", a2);
    check_decrypts (made_gcm, rsa1_5, only_rsa1_5);
    write_seed ("jwe", "rsa1_5-a128gcm", made_gcm);
  }
  /* An "epk" is read as its point alone: members that a JWK would have
   * refused are ignored, a private "d" is refused. */
  {
    g_autofree char *ops = key_ops (1000);
    g_autofree char *extras_member = g_strdup_printf (",\"kid\":\"e1\",\"use\":\"sig\",\"alg\":\"RS256\","
                                                      "\"x5c\":7,\"key_ops\":%s", ops);
    g_autofree char *extras = epk_token (ec, extras_member, plaintext_text);
    g_autofree char *with_d = epk_token (ec, ",\"d\":\"" ALICE_D "\"", plaintext_text);
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) refused = NULL;

    check_decrypts (extras, ec, all_but_rsa1_5);
    write_seed ("jwe", "ecdh-es-epk-extras", extras);
    refused = oa2_jwe_decrypt (with_d, ec, all_but_rsa1_5, NULL, NULL, &error);
    g_assert_null (refused);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
    write_seed ("jwe", "refused-epk-private", with_d);
  }
  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      g_autoptr(JsonObject) header = made[i].header != NULL ? object (made[i].header) : NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *compact = oa2_jwe_encrypt (plaintext, made[i].jwk, made[i].alg, made[i].enc,
                                                  header, &error);

      g_assert_no_error (error);
      check_decrypts (compact, made[i].jwk, all_but_rsa1_5);
      write_seed ("jwe", made[i].name, compact);
    }
}

int
main (int    argc,
      char **argv)
{
  if (argc != 2)
    {
      g_printerr ("Usage: %s OUTDIR\n", argv[0]);
      return 2;
    }
  out_dir = argv[1];
  jwk_seeds ();
  jwks_seeds ();
  jws_seeds ();
  jws_json_seeds ();
  jwe_seeds ();
  return 0;
}
