/* fuzz-jwe.c: oa2_jwe_decrypt() on arbitrary text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is decrypted with fixed RSA, EC (P-256), X25519 and symmetric
 * (16 and 32 bytes) keys, accepting every key management algorithm but
 * RSA1_5; then once more, with another RSA key, accepting RSA1_5 too. The
 * invariants: a token that decrypts used an accepted algorithm and gives
 * its header back, and every failure is an OA2_ERROR.
 */

#include "fuzz-common.h"

static const char * const all_but_rsa1_5[] = {
  "dir", "A128KW", "A192KW", "A256KW", "RSA-OAEP", "RSA-OAEP-256",
  "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW", NULL,
};
static const char * const all[] = {
  "dir", "A128KW", "A192KW", "A256KW", "RSA-OAEP", "RSA-OAEP-256", "RSA1_5",
  "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A192KW", "ECDH-ES+A256KW", NULL,
};

static OA2Jwk *keys[5];
static OA2Jwk *rsa1_5_key;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  keys[0] = fuzz_load_key (FUZZ_JWK_RSA_OAEP);
  keys[1] = fuzz_load_key (FUZZ_JWK_ECDH);
  keys[2] = fuzz_load_key (FUZZ_JWK_X25519);
  keys[3] = fuzz_load_key (FUZZ_JWK_OCT128);
  keys[4] = fuzz_load_key (FUZZ_JWK_OCT256);
  rsa1_5_key = fuzz_load_key (FUZZ_JWK_RSA1_5);
  return 0;
}

static void
decrypt (const char         *compact,
         OA2Jwk             *key,
         const char * const *allowed_algs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(GBytes) plaintext = oa2_jwe_decrypt (compact, key, allowed_algs, NULL, &header, &error);

  if (plaintext != NULL)
    {
      const char *alg;

      FUZZ_CHECK (error == NULL);
      FUZZ_CHECK (header != NULL);
      alg = json_object_get_string_member_with_default (header, "alg", NULL);
      FUZZ_CHECK (alg != NULL && g_strv_contains (allowed_algs, alg));
      FUZZ_CHECK (json_object_get_string_member_with_default (header, "enc", NULL) != NULL);
    }
  else
    {
      FUZZ_CHECK_OA2_ERROR (error);
      FUZZ_CHECK (header == NULL);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *compact = fuzz_string (data, size);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    decrypt (compact, keys[i], all_but_rsa1_5);
  decrypt (compact, rsa1_5_key, all);
  return 0;
}
