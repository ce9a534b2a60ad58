/* dpop-proof.c: make a DPoP key, sign a proof for a request, check it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Offline, no server: generates an ES256 DPoP key, prints its RFC 7638
 * thumbprint (the "jkt" a bound token names), signs a DPoP proof (RFC 9449)
 * for a GET of a resource with an access token, then checks it the way a
 * resource server does: with the public key of the proof's own header,
 * its typ, method, URL and access-token hash.
 *
 *   ./dpop-proof
 *
 * A real proof is a credential for its request: send it in the "DPoP"
 * header and never log it. It is printed here only to show it. Binding
 * the token to the key (OA2DPoPToken, the client's DPoP settings, nonce
 * retry) is not in this version of the library.
 */

#include <locale.h>
#include <stdlib.h>

#include <oauth2client-glib/oauth2client-glib.h>

#define RESOURCE     "https://api.example.com/items?page=2"
#define ACCESS_TOKEN "example-access-token"

int
main (void)
{
  const char * const allowed_algs[] = { "ES256", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(OA2Jwk) header_key = NULL;
  g_autofree char *thumbprint = NULL;
  g_autofree char *header_thumbprint = NULL;
  g_autofree char *proof = NULL;

  setlocale (LC_ALL, "");

  /* 1. A new key (ES256 is the default) and its thumbprint. */
  key = oa2_dpop_key_generate (NULL, &error);
  if (key == NULL)
    {
      g_printerr ("dpop-proof: %s\n", error->message);
      return EXIT_FAILURE;
    }
  thumbprint = oa2_dpop_key_dup_thumbprint (key);
  g_print ("thumbprint:   %s\n", thumbprint);

  /* 2. A proof for one request, bound to its access token (ath). */
  proof = oa2_dpop_key_make_proof (key, "GET", RESOURCE, ACCESS_TOKEN, NULL, &error);
  if (proof == NULL)
    {
      g_printerr ("dpop-proof: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_print ("%s:         %s\n", oa2_dpop_key_get_proof_header (key), proof);

  /* 3. What a resource server checks: the signature with the header's
   * key, which must be the key the token is bound to, and the typ. */
  jwt = oa2_jwt_new_from_compact (proof, &error);
  if (jwt != NULL)
    header_key = oa2_jwk_new_from_json_object (json_object_get_object_member (oa2_jwt_get_header (jwt), "jwk"),
                                               &error);
  if (header_key == NULL ||
      !oa2_jwt_verify (jwt, header_key, allowed_algs, &error) ||
      !oa2_jwt_check_typ (jwt, "dpop+jwt", &error))
    {
      g_printerr ("dpop-proof: the proof was refused: %s\n", error->message);
      return EXIT_FAILURE;
    }
  header_thumbprint = oa2_jwk_dup_thumbprint (header_key);
  g_print ("verified:     %s %s, key %s, ath %s\n",
           oa2_jwt_get_string_claim (jwt, "htm"), oa2_jwt_get_string_claim (jwt, "htu"),
           header_thumbprint, oa2_jwt_get_string_claim (jwt, "ath"));
  return EXIT_SUCCESS;
}
