/* fuzz-jws-common.h: the keys and the verification checks that the JWS
 * targets (fuzz-jws.c, fuzz-jws-json.c) share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "fuzz-common.h"

static OA2Jwk *ec_key;
static OA2Jwk *hmac_key;
static OA2Jwks *jwks;

static const char * const only_es256[] = { "ES256", NULL };
static const char * const only_hs256[] = { "HS256", NULL };
static const char * const with_none[] = { "ES256", "HS256", "none", NULL };

/* The fixed keys: an EC public key, an HMAC key and a set of four. */
static inline void
fuzz_load_jws_keys (void)
{
  GError *error = NULL;

  ec_key = fuzz_load_key (FUZZ_JWK_EC_PUBLIC);
  hmac_key = fuzz_load_key (FUZZ_JWK_HMAC);
  jwks = oa2_jwks_new_from_json (FUZZ_JWKS, &error);
  if (jwks == NULL || oa2_jwks_get_n_keys (jwks) != 4)
    {
      fprintf (stderr, "the fixed key set does not load whole\n");
      abort ();
    }
}

/* Verifies, and checks the outcome against what the token says: success
 * only for an allowed algorithm (never "none" unless asked for), and an
 * unsigned token refused as such. */
static inline gboolean
fuzz_verify (OA2Jwt             *jwt,
             OA2Jwk             *key,
             const char * const *allowed)
{
  g_autoptr(GError) error = NULL;
  const char *alg = oa2_jwt_get_alg (jwt);
  gboolean ok = oa2_jwt_verify (jwt, key, allowed, &error);

  if (ok)
    {
      FUZZ_CHECK (error == NULL);
      FUZZ_CHECK (allowed == NULL ? strcmp (alg, "none") != 0 : g_strv_contains (allowed, alg));
    }
  else
    {
      FUZZ_CHECK_OA2_ERROR (error);
      if (strcmp (alg, "none") == 0 && (allowed == NULL || !g_strv_contains (allowed, "none")))
        FUZZ_CHECK (error->code == OA2_ERROR_UNSECURED_TOKEN);
    }
  return ok;
}
