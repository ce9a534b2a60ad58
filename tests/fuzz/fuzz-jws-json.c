/* fuzz-jws-json.c: a JWS JSON serialization parsed, verified and signed
 * again, from arbitrary text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is parsed with oa2_jwt_parse_json_serialization() and, when it
 * parses, each signature is verified against a fixed EC key, a fixed HMAC
 * key and a small key set, its claims validated and its type checked; then
 * oa2_jwt_add_json_signature() adds an HMAC signature. The invariants: every
 * failure is an OA2_ERROR; a document has 1 to 16 signatures; a token's
 * header is the disjoint union of its protected and unprotected headers and
 * names its algorithm; a token has a compact form exactly when it has no
 * unprotected header, and that form parses to the same algorithm; an
 * unsigned token never verifies unless "none" is asked for, nor a token
 * with an algorithm that is not allowed; a checked "typ" is protected; and
 * a document that parses takes one more signature, which verifies, unless it
 * has 16 already.
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
check_token (OA2Jwt *jwt)
{
  JsonObject *header = oa2_jwt_get_header (jwt);
  JsonObject *protected_header = oa2_jwt_get_protected_header (jwt);
  JsonObject *unprotected_header = oa2_jwt_get_unprotected_header (jwt);
  const char *compact = oa2_jwt_get_compact (jwt);
  g_autoptr(GError) error = NULL;

  /* The JOSE header: both headers, disjoint, with the algorithm. */
  FUZZ_CHECK (header != NULL && protected_header != NULL);
  FUZZ_CHECK (oa2_jwt_get_alg (jwt) != NULL);
  FUZZ_CHECK (g_strcmp0 (oa2_jwt_get_header_string (jwt, "alg"), oa2_jwt_get_alg (jwt)) == 0);
  FUZZ_CHECK (json_object_get_size (header) ==
              json_object_get_size (protected_header) +
              (unprotected_header != NULL ? json_object_get_size (unprotected_header) : 0));
  FUZZ_CHECK (unprotected_header == NULL || json_object_get_size (unprotected_header) > 0);
  FUZZ_CHECK (!json_object_has_member (header, "crit"));

  /* A compact form exactly when everything is protected. */
  FUZZ_CHECK ((compact != NULL) == (unprotected_header == NULL));
  if (compact != NULL)
    {
      g_autoptr(OA2Jwt) again = oa2_jwt_new_from_compact (compact, &error);

      FUZZ_CHECK (again != NULL);
      FUZZ_CHECK (strcmp (oa2_jwt_get_alg (again), oa2_jwt_get_alg (jwt)) == 0);
    }

  (void) oa2_jwt_get_kid (jwt);
  (void) oa2_jwt_get_claims (jwt);
  (void) oa2_jwt_get_string_claim (jwt, "sub");
  FUZZ_CHECK (oa2_jwt_get_payload (jwt) != NULL);

  fuzz_verify (jwt, ec_key, NULL);
  fuzz_verify (jwt, ec_key, only_es256);
  fuzz_verify (jwt, hmac_key, only_hs256);
  fuzz_verify (jwt, NULL, with_none);
  if (!oa2_jwt_verify_with_jwks (jwt, jwks, NULL, OA2_JWKS_KEY_POLICY_TRY_ALL, &error))
    FUZZ_CHECK_OA2_ERROR (error);
  g_clear_error (&error);

  if (!oa2_jwt_validate_claims (jwt, "joe", "https://rp.example", 30, &error))
    FUZZ_CHECK_OA2_ERROR (error);
  g_clear_error (&error);
  if (oa2_jwt_check_typ (jwt, "JWT", &error))
    FUZZ_CHECK (json_object_has_member (protected_header, "typ"));
  else
    FUZZ_CHECK_OA2_ERROR (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *json = fuzz_string (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jwts = NULL;
  g_autofree char *general = NULL;

  jwts = oa2_jwt_parse_json_serialization (json, &error);
  if (jwts == NULL)
    {
      FUZZ_CHECK_OA2_ERROR (error);
      /* What does not parse takes no signature. */
      g_clear_error (&error);
      general = oa2_jwt_add_json_signature (json, hmac_key, "HS256", NULL, NULL, &error);
      FUZZ_CHECK (general == NULL);
      FUZZ_CHECK_OA2_ERROR (error);
      return 0;
    }

  FUZZ_CHECK (jwts->len >= 1 && jwts->len <= 16);
  for (guint i = 0; i < jwts->len; i++)
    check_token (jwts->pdata[i]);

  general = oa2_jwt_add_json_signature (json, hmac_key, "HS256", NULL, NULL, &error);
  if (jwts->len == 16)
    {
      FUZZ_CHECK (general == NULL);
      FUZZ_CHECK (error != NULL && error->domain == OA2_ERROR && error->code == OA2_ERROR_INVALID_ARGUMENT);
    }
  else
    {
      g_autoptr(GPtrArray) more = NULL;

      FUZZ_CHECK (general != NULL);
      more = oa2_jwt_parse_json_serialization (general, &error);
      /* The text may now exceed the size cap. */
      if (more == NULL)
        FUZZ_CHECK (error != NULL && error->code == OA2_ERROR_MALFORMED_TOKEN &&
                    strlen (general) > OA2_JWT_MAX_SIZE);
      else
        {
          FUZZ_CHECK (more->len == jwts->len + 1);
          FUZZ_CHECK (oa2_jwt_verify (more->pdata[jwts->len], hmac_key, only_hs256, NULL));
        }
    }
  return 0;
}
