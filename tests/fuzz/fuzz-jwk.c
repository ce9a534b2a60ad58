/* fuzz-jwk.c: oa2_jwk_new_from_json() on arbitrary text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Beyond not crashing, a key that loads must survive its own export: the
 * private JWK and the public JWK load again, with the same thumbprint, and
 * the public export carries no private member.
 */

#include "fuzz-common.h"

static const char * const algs[] = {
  "HS256", "HS512", "RS256", "PS384", "ES256", "ES384", "ES512", "EdDSA",
  "RSA-OAEP-256", "RSA1_5", "ECDH-ES", "ECDH-ES+A128KW", "A128KW", "A256KW", "dir", "none", "",
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
check_reloads (OA2Jwk     *key,
               gboolean    include_private,
               const char *thumbprint)
{
  g_autofree char *json = oa2_jwk_to_json (key, include_private);
  g_autoptr(JsonObject) object = oa2_jwk_to_json_object (key, include_private);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) again = NULL;
  g_autofree char *again_thumbprint = NULL;

  FUZZ_CHECK (json != NULL && object != NULL);
  if (!include_private)
    {
      static const char * const private_members[] = { "d", "p", "q", "dp", "dq", "qi", "k" };

      for (guint i = 0; i < G_N_ELEMENTS (private_members); i++)
        FUZZ_CHECK (!json_object_has_member (object, private_members[i]));
      /* A symmetric key has no public form. */
      if (strcmp (oa2_jwk_get_kty (key), "oct") == 0)
        return;
    }

  again = oa2_jwk_new_from_json (json, &error);
  if (again == NULL)
    {
      fprintf (stderr, "an exported key does not load again: %s\n%s\n", error->message, json);
      abort ();
    }
  again_thumbprint = oa2_jwk_dup_thumbprint (again);
  FUZZ_CHECK (strcmp (again_thumbprint, thumbprint) == 0);
  FUZZ_CHECK (g_strcmp0 (oa2_jwk_get_kid (again), oa2_jwk_get_kid (key)) == 0);
  FUZZ_CHECK (g_strcmp0 (oa2_jwk_get_alg (again), oa2_jwk_get_alg (key)) == 0);
  FUZZ_CHECK (oa2_jwk_get_bits (again) == oa2_jwk_get_bits (key));
  FUZZ_CHECK (oa2_jwk_is_private (again) == (include_private && oa2_jwk_is_private (key)));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *json = fuzz_string (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = NULL;
  g_autoptr(OA2Jwk) public_key = NULL;
  g_autofree char *thumbprint = NULL;
  g_autofree char *uri = NULL;
  const char *kty;

  key = oa2_jwk_new_from_json (json, &error);
  if (key == NULL)
    {
      FUZZ_CHECK_OA2_ERROR (error);
      return 0;
    }
  FUZZ_CHECK (error == NULL);

  kty = oa2_jwk_get_kty (key);
  FUZZ_CHECK (kty != NULL);
  (void) oa2_jwk_get_kid (key);
  (void) oa2_jwk_get_use (key);
  (void) oa2_jwk_get_crv (key);
  FUZZ_CHECK (oa2_jwk_get_bits (key) > 0);
  for (guint i = 0; i < G_N_ELEMENTS (algs); i++)
    (void) oa2_jwk_supports_alg (key, algs[i]);
  /* A key's own alg is one it supports (it is checked on load). */
  if (oa2_jwk_get_alg (key) != NULL)
    FUZZ_CHECK (oa2_jwk_supports_alg (key, oa2_jwk_get_alg (key)));

  thumbprint = oa2_jwk_dup_thumbprint (key);
  FUZZ_CHECK (thumbprint != NULL && strlen (thumbprint) == 43);
  uri = oa2_jwk_dup_thumbprint_uri (key);
  FUZZ_CHECK (g_str_has_suffix (uri, thumbprint));

  public_key = oa2_jwk_dup_public (key);
  if (strcmp (kty, "oct") == 0)
    {
      FUZZ_CHECK (public_key == NULL);
      FUZZ_CHECK (oa2_jwk_is_private (key));
    }
  else
    {
      g_autofree char *public_thumbprint = NULL;

      FUZZ_CHECK (public_key != NULL);
      FUZZ_CHECK (!oa2_jwk_is_private (public_key));
      public_thumbprint = oa2_jwk_dup_thumbprint (public_key);
      FUZZ_CHECK (strcmp (public_thumbprint, thumbprint) == 0);
    }

  check_reloads (key, TRUE, thumbprint);
  check_reloads (key, FALSE, thumbprint);
  return 0;
}
