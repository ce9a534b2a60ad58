/* fuzz-jwks.c: oa2_jwks_new_from_json() on arbitrary text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A set that loads keeps only usable keys: each is found by its kid, the
 * selection never offers a key that does not fit, and the exported set
 * loads again with the same keys (less the symmetric ones, in public).
 */

#include "fuzz-common.h"

static const char * const algs[] = {
  "HS256", "RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA", "RSA-OAEP", "ECDH-ES", "A128KW", "dir",
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static guint
count_non_oct (OA2Jwks *jwks)
{
  guint n = 0;

  for (guint i = 0; i < oa2_jwks_get_n_keys (jwks); i++)
    n += strcmp (oa2_jwk_get_kty (oa2_jwks_get_key (jwks, i)), "oct") != 0;
  return n;
}

static void
check_reloads (OA2Jwks  *jwks,
               gboolean  include_private)
{
  g_autofree char *json = oa2_jwks_to_json (jwks, include_private);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwks) again = oa2_jwks_new_from_json (json, &error);
  guint expected = include_private ? oa2_jwks_get_n_keys (jwks) : count_non_oct (jwks);

  if (again == NULL)
    {
      fprintf (stderr, "an exported key set does not load again: %s\n%s\n", error->message, json);
      abort ();
    }
  if (oa2_jwks_get_n_keys (again) != expected)
    {
      fprintf (stderr, "an exported key set loads with %u keys instead of %u\n%s\n",
               oa2_jwks_get_n_keys (again), expected, json);
      abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *json = fuzz_string (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwks) jwks = NULL;
  guint n;

  jwks = oa2_jwks_new_from_json (json, &error);
  if (jwks == NULL)
    {
      FUZZ_CHECK_OA2_ERROR (error);
      return 0;
    }

  n = oa2_jwks_get_n_keys (jwks);
  for (guint i = 0; i < n; i++)
    {
      OA2Jwk *key = oa2_jwks_get_key (jwks, i);
      const char *kid = oa2_jwk_get_kid (key);

      FUZZ_CHECK (OA2_IS_JWK (key));
      if (kid != NULL)
        {
          OA2Jwk *found = oa2_jwks_lookup_kid (jwks, kid);

          FUZZ_CHECK (found != NULL && g_strcmp0 (oa2_jwk_get_kid (found), kid) == 0);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (algs); i++)
    {
      g_autoptr(GPtrArray) fitting = oa2_jwks_select (jwks, NULL, algs[i], "sig");
      g_autoptr(GPtrArray) by_kid = NULL;

      FUZZ_CHECK (fitting->len <= n);
      for (guint j = 0; j < fitting->len; j++)
        {
          const char *key_alg = oa2_jwk_get_alg (fitting->pdata[j]);
          const char *use = oa2_jwk_get_use (fitting->pdata[j]);

          FUZZ_CHECK (oa2_jwk_supports_alg (fitting->pdata[j], algs[i]));
          FUZZ_CHECK (key_alg == NULL || strcmp (key_alg, algs[i]) == 0);
          FUZZ_CHECK (use == NULL || strcmp (use, "sig") == 0);
        }
      if (n > 0 && oa2_jwk_get_kid (oa2_jwks_get_key (jwks, 0)) != NULL)
        {
          const char *kid = oa2_jwk_get_kid (oa2_jwks_get_key (jwks, 0));

          by_kid = oa2_jwks_select (jwks, kid, algs[i], NULL);
          for (guint j = 0; j < by_kid->len; j++)
            FUZZ_CHECK (g_strcmp0 (oa2_jwk_get_kid (by_kid->pdata[j]), kid) == 0);
        }
    }

  check_reloads (jwks, TRUE);
  check_reloads (jwks, FALSE);
  return 0;
}
