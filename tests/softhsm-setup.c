/* softhsm-setup.c: a SoftHSM2 token with two keys, for tests in other
 * processes (Python, the interop suite's tools, the oa2 tool, examples)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   softhsm-setup PARENT_DIR
 *
 * Makes a token in a new directory under PARENT_DIR (which the caller
 * removes) and prints what a test needs, one NAME=VALUE a line:
 *   SOFTHSM2_CONF, OA2_TEST_SOFTHSM_MODULE, OA2_TEST_PKCS11_EC_URI,
 *   OA2_TEST_PKCS11_RSA_URI, OA2_TEST_PKCS11_PIN, and the public JWKs
 *   OA2_TEST_PKCS11_EC_JWK and OA2_TEST_PKCS11_RSA_JWK (one line of JSON each)
 * Exits with 77 when SoftHSM2 is not installed, 1 on other failures.
 */

#include "oa2-test-softhsm.h"

#include <oauth2client-glib/oauth2client-glib.h>

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL, *module = NULL;
  OA2TestToken *token;

  if (argc != 2)
    {
      g_printerr ("usage: softhsm-setup PARENT_DIR\n");
      return 2;
    }
  module = oa2_test_softhsm_find_module (&why);
  if (module == NULL)
    {
      g_printerr ("softhsm-setup: %s\n", why);
      return 77;
    }
  /* The keys are generated in this process: no module of p11-kit's is
   * needed, only SoftHSM's. */
  token = oa2_test_token_new (argv[1], TRUE, &error);
  if (token == NULL)
    {
      g_printerr ("softhsm-setup: %s\n", error->message);
      return 1;
    }
  g_print ("SOFTHSM2_CONF=%s\n", token->conf);
  g_print ("OA2_TEST_SOFTHSM_MODULE=%s\n", token->module);
  g_print ("OA2_TEST_PKCS11_EC_URI=%s\n", token->ec_uri);
  g_print ("OA2_TEST_PKCS11_RSA_URI=%s\n", token->rsa_uri);
  g_print ("OA2_TEST_PKCS11_PIN=%s\n", OA2_TEST_TOKEN_PIN);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *uri = g_strconcat (i == 0 ? token->ec_uri : token->rsa_uri,
                                          "?pin-value=" OA2_TEST_TOKEN_PIN, NULL);
      g_autoptr(OA2Jwk) key = oa2_jwk_new_from_pkcs11_uri (uri, NULL, NULL, NULL, NULL, &error);
      g_autofree char *json = NULL;

      if (key == NULL)
        {
          g_printerr ("softhsm-setup: %s\n", error->message);
          return 1;
        }
      json = oa2_jwk_to_json (key, FALSE);
      g_print ("OA2_TEST_PKCS11_%s_JWK=%s\n", i == 0 ? "EC" : "RSA", json);
    }
  /* The directory stays for the caller. */
  g_clear_pointer (&token->dir, g_free);
  oa2_test_token_free (token);
  return 0;
}
