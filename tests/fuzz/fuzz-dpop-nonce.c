/* fuzz-dpop-nonce.c: the WWW-Authenticate reader and the DPoP-Nonce rules
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is a header value, as a resource server may send it. Beyond
 * not crashing or reading past its end: a parameter the reader finds is
 * no longer than the header, a nonce it accepts is RFC 9449's NQCHAR
 * only, and a nonce it accepts goes into a proof.
 */

#include "fuzz-common.h"

#include "oa2-dpop-nonces-private.h"

static OA2DPoPKey *key;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  key = oa2_dpop_key_generate ("ES256", NULL);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const names[][2] = {
    { "DPoP", "error" }, { "DPoP", "algs" }, { "Bearer", "realm" }, { "dpop", "ERROR_DESCRIPTION" },
  };
  g_autofree char *header = g_strndup ((const char *) data, size);
  gsize len = strlen (header);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *value = oa2_www_authenticate_dup_param (header, names[i][0], names[i][1]);

      FUZZ_CHECK (value == NULL || strlen (value) <= len);
    }
  (void) oa2_dpop_challenge_wants_nonce (header);

  if (oa2_dpop_nonce_is_valid (header))
    {
      g_autofree char *proof = NULL;

      FUZZ_CHECK (len > 0);
      for (const char *p = header; *p != '\0'; p++)
        FUZZ_CHECK (*p >= 0x21 && *p <= 0x7e && *p != '"' && *p != '\\');
      proof = oa2_dpop_key_make_proof (key, "GET", "https://rs.example/", NULL, header, NULL);
      FUZZ_CHECK (proof != NULL);
    }
  return 0;
}
