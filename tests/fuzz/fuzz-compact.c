/* fuzz-compact.c: tokens and DPoP keys in requests_oauth2client's compact
 * serialized form (base64url of raw DEFLATE of JSON), read from arbitrary
 * input
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The first byte picks what the rest is: the compact text itself (bytes
 * that base64url, DEFLATE and the size cap must survive), or the JSON
 * inside it, compressed and encoded here so that the fuzzer reaches the
 * token and key checks. Every failure is an OA2_ERROR; a token or key that
 * loads writes a compact form that loads again to the same token or key.
 *
 * The seeds in corpus/compact are tests/compact's fixtures, each as its
 * JSON (first byte 0) and as its compact text (first byte 1); make-corpus.c
 * does not write them.
 */

#include "fuzz-common.h"
#include "oa2-compact-private.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2DPoPKey) key = NULL;
  g_autofree char *text = NULL;

  if (size < 1 || size > 64 * 1024)
    return 0;
  if (data[0] & 1)
    text = g_strndup ((const char *) data + 1, size - 1);
  else
    text = oa2_compact_encode ((const char *) data + 1, size - 1);

  token = oa2_bearer_token_new_from_compact (text, &error);
  if (token == NULL)
    FUZZ_CHECK_OA2_ERROR (error);
  else
    {
      g_autofree char *compact = oa2_bearer_token_to_compact (token);
      g_autoptr(OA2BearerToken) again = oa2_bearer_token_new_from_compact (compact, &error);
      g_autofree char *json = NULL;
      g_autofree char *json_again = NULL;

      FUZZ_CHECK (again != NULL);
      json = oa2_bearer_token_to_json (token);
      json_again = oa2_bearer_token_to_json (again);
      FUZZ_CHECK (strcmp (json, json_again) == 0);
    }
  g_clear_error (&error);

  key = oa2_dpop_key_new_from_compact (text, &error);
  if (key == NULL)
    FUZZ_CHECK_OA2_ERROR (error);
  else
    {
      g_autofree char *compact = oa2_dpop_key_to_compact (key);
      g_autoptr(OA2DPoPKey) again = oa2_dpop_key_new_from_compact (compact, &error);
      g_autofree char *thumbprint = oa2_dpop_key_dup_thumbprint (key);
      g_autofree char *thumbprint_again = NULL;

      FUZZ_CHECK (again != NULL);
      thumbprint_again = oa2_dpop_key_dup_thumbprint (again);
      FUZZ_CHECK (strcmp (thumbprint, thumbprint_again) == 0);
      FUZZ_CHECK (strcmp (oa2_dpop_key_get_alg (key), oa2_dpop_key_get_alg (again)) == 0);
    }
  return 0;
}
