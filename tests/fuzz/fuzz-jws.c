/* fuzz-jws.c: a compact JWS parsed, then verified, from arbitrary text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is parsed with oa2_jwt_new_from_compact() and, when it parses,
 * verified against a fixed EC key, a fixed HMAC key and a small key set
 * (EC, HMAC, RSA, Ed25519), and its claims are validated. The invariants:
 * an unsigned token never verifies unless "none" is asked for, a token
 * never verifies with an algorithm that is not allowed, and every failure
 * is an OA2_ERROR.
 */

#include "fuzz-jws-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  fuzz_load_jws_keys ();
  return 0;
}

static void
verify_with_jwks (OA2Jwt             *jwt,
                  const char * const *allowed,
                  OA2JwksKeyPolicy    policy)
{
  g_autoptr(GError) error = NULL;
  const char *alg = oa2_jwt_get_alg (jwt);

  if (oa2_jwt_verify_with_jwks (jwt, jwks, allowed, policy, &error))
    {
      FUZZ_CHECK (error == NULL);
      FUZZ_CHECK (allowed == NULL ? strcmp (alg, "none") != 0 : g_strv_contains (allowed, alg));
    }
  else
    FUZZ_CHECK_OA2_ERROR (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *compact = fuzz_string (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  JsonObject *claims;
  gint64 value;

  jwt = oa2_jwt_new_from_compact (compact, &error);
  if (jwt == NULL)
    {
      FUZZ_CHECK_OA2_ERROR (error);
      return 0;
    }

  /* What the parser keeps. */
  FUZZ_CHECK (strcmp (oa2_jwt_get_compact (jwt), compact) == 0);
  FUZZ_CHECK (oa2_jwt_get_alg (jwt) != NULL);
  FUZZ_CHECK (oa2_jwt_get_header (jwt) != NULL);
  FUZZ_CHECK (oa2_jwt_get_payload (jwt) != NULL);
  FUZZ_CHECK (g_strcmp0 (oa2_jwt_get_header_string (jwt, "alg"), oa2_jwt_get_alg (jwt)) == 0);
  (void) oa2_jwt_get_kid (jwt);
  (void) oa2_jwt_get_typ (jwt);
  claims = oa2_jwt_get_claims (jwt);
  (void) oa2_jwt_get_claim (jwt, "aud");
  (void) oa2_jwt_get_string_claim (jwt, "iss");
  (void) oa2_jwt_get_string_claim (jwt, "sub");
  (void) oa2_jwt_get_int_claim (jwt, "exp", &value);
  (void) oa2_jwt_get_int_claim (jwt, "iat", NULL);

  fuzz_verify (jwt, ec_key, NULL);
  fuzz_verify (jwt, ec_key, only_es256);
  fuzz_verify (jwt, hmac_key, NULL);
  fuzz_verify (jwt, hmac_key, only_hs256);
  fuzz_verify (jwt, NULL, with_none);
  verify_with_jwks (jwt, NULL, OA2_JWKS_KEY_POLICY_SINGLE);
  verify_with_jwks (jwt, NULL, OA2_JWKS_KEY_POLICY_TRY_ALL);
  verify_with_jwks (jwt, with_none, OA2_JWKS_KEY_POLICY_TRY_ALL);

  {
    g_autoptr(GError) claims_error = NULL;

    if (oa2_jwt_validate_claims (jwt, "joe", "https://rp.example", 30, &claims_error))
      FUZZ_CHECK (claims != NULL);
    else
      FUZZ_CHECK_OA2_ERROR (claims_error);
    g_clear_error (&claims_error);
    if (!oa2_jwt_validate_claims (jwt, NULL, NULL, 0, &claims_error))
      FUZZ_CHECK_OA2_ERROR (claims_error);
    g_clear_error (&claims_error);
    if (!oa2_jwt_check_typ (jwt, "JWT", &claims_error))
      FUZZ_CHECK_OA2_ERROR (claims_error);
  }
  return 0;
}
