/* pkcs11-test.c: keys held in a PKCS#11 token (SoftHSM2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * main() makes a SoftHSM2 token in a temporary directory, with an EC P-256
 * and an RSA key generated inside it; the tests open them by URI, sign JWS,
 * client assertions and DPoP proofs with them, and check the signatures
 * with the public JWK alone, as a server would.
 */

#include "oa2-test-utils.h"
#include "oa2-test-softhsm.h"

#include <string.h>

#include <glib/gstdio.h>

static OA2TestToken *token;

typedef struct {
  const char *pin;        /* what the callback answers */
  guint calls;
  OA2PinFlags last_flags;
  char *last_label;
  GThread *thread;        /* where it last ran */
} PinAnswers;

static char *
answer_pin (const char  *token_label,
            guint        attempt,
            OA2PinFlags  flags,
            gpointer     user_data)
{
  PinAnswers *answers = user_data;

  answers->calls++;
  answers->last_flags = flags;
  g_free (answers->last_label);
  answers->last_label = g_strdup (token_label);
  answers->thread = g_thread_self ();
  return answers->pin != NULL ? g_strdup (answers->pin) : NULL;
}

static void
pin_answers_clear (PinAnswers *answers)
{
  g_clear_pointer (&answers->last_label, g_free);
}

static OA2Jwk *
open_key_with_pin (const char *uri)
{
  g_autofree char *with_pin = g_strconcat (uri, "?pin-value=" OA2_TEST_TOKEN_PIN, NULL);
  g_autoptr(GError) error = NULL;
  OA2Jwk *key = oa2_jwk_new_from_pkcs11_uri (with_pin, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  return key;
}

/* Verifies @compact with the public half of @key, exported to JSON and
 * parsed again, so that nothing of the token is involved. */
static OA2Jwt *
verify_with_public_json (const char *compact,
                         OA2Jwk     *key,
                         const char *alg)
{
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);
  g_autofree char *json = oa2_jwk_to_json (public_key, FALSE);
  g_autoptr(OA2Jwk) parsed = oa2_jwk_new_from_json (json, NULL);
  const char * const algs[] = { alg, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = oa2_jwt_new_from_compact (compact, &error);

  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  g_assert_false (oa2_jwk_is_private (parsed));
  g_assert_cmpstr (oa2_jwt_get_alg (jwt), ==, alg);
  oa2_jwt_verify (jwt, parsed, algs, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&jwt);
}

static void
test_ec_key (void)
{
  g_autoptr(OA2Jwk) key = open_key_with_pin (token->ec_uri);
  g_autoptr(OA2Jwk) public_key = NULL;
  g_autofree char *thumbprint = NULL, *public_thumbprint = NULL, *json = NULL;

  g_assert_true (oa2_jwk_is_in_token (key));
  g_assert_true (oa2_jwk_is_private (key));
  g_assert_cmpstr (oa2_jwk_get_kty (key), ==, "EC");
  g_assert_cmpstr (oa2_jwk_get_crv (key), ==, "P-256");
  g_assert_cmpstr (oa2_jwk_get_alg (key), ==, "ES256");
  g_assert_cmpuint (oa2_jwk_get_bits (key), ==, 256);
  g_assert_true (oa2_jwk_supports_alg (key, "ES256"));
  g_assert_false (oa2_jwk_supports_alg (key, "ES384"));

  /* The thumbprint is the public key's; the kid is the thumbprint. */
  public_key = oa2_jwk_dup_public (key);
  g_assert_false (oa2_jwk_is_in_token (public_key));
  g_assert_false (oa2_jwk_is_private (public_key));
  thumbprint = oa2_jwk_dup_thumbprint (key);
  public_thumbprint = oa2_jwk_dup_thumbprint (public_key);
  g_assert_cmpstr (thumbprint, ==, public_thumbprint);
  g_assert_cmpstr (oa2_jwk_get_kid (key), ==, thumbprint);

  json = oa2_jwk_to_json (key, FALSE);
  g_assert_nonnull (strstr (json, "\"x\""));
  g_assert_nonnull (strstr (json, "\"y\""));
  g_assert_null (strstr (json, "\"d\""));
}

static void
test_rsa_key (void)
{
  g_autoptr(OA2Jwk) key = open_key_with_pin (token->rsa_uri);
  g_autofree char *json = NULL;

  g_assert_true (oa2_jwk_is_in_token (key));
  g_assert_true (oa2_jwk_is_private (key));
  g_assert_cmpstr (oa2_jwk_get_kty (key), ==, "RSA");
  g_assert_null (oa2_jwk_get_alg (key));
  g_assert_cmpuint (oa2_jwk_get_bits (key), ==, 2048);
  json = oa2_jwk_to_json (key, FALSE);
  g_assert_nonnull (strstr (json, "\"n\""));
  g_assert_null (strstr (json, "\"p\""));
}

/* Every algorithm the token-held keys sign with; ECDSA many times, so that
 * DER integers of every length (leading zero byte added or dropped) pass
 * through the conversion to r‖s. */
static void
test_sign_all_algorithms (void)
{
  static const struct { gboolean ec; const char *alg; guint rounds; gsize size; } cases[] = {
    { TRUE, "ES256", 64, 64 },
    { FALSE, "RS256", 2, 256 },
    { FALSE, "RS384", 1, 256 },
    { FALSE, "RS512", 1, 256 },
    { FALSE, "PS256", 2, 256 },
    { FALSE, "PS384", 1, 256 },
    { FALSE, "PS512", 1, 256 },
  };
  g_autoptr(OA2Jwk) ec = open_key_with_pin (token->ec_uri);
  g_autoptr(OA2Jwk) rsa = open_key_with_pin (token->rsa_uri);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint round = 0; round < cases[i].rounds; round++)
      {
        g_autofree char *text = g_strdup_printf ("payload %u of %s", round, cases[i].alg);
        g_autoptr(GBytes) payload = g_bytes_new (text, strlen (text));
        g_autoptr(GError) error = NULL;
        g_autofree char *compact = oa2_jwt_sign_payload (payload, cases[i].ec ? ec : rsa, cases[i].alg,
                                                         NULL, &error);
        g_autoptr(OA2Jwt) jwt = NULL;
        const char *signature;

        g_assert_no_error (error);
        jwt = verify_with_public_json (compact, cases[i].ec ? ec : rsa, cases[i].alg);
        signature = strrchr (compact, '.') + 1;
        g_assert_cmpuint (strlen (signature), ==, (cases[i].size * 4 + 2) / 3);
      }
}

/* ES384 and ES512 with keys on their curves, and the alg each key names;
 * P-521's r and s are 66 bytes, the first of them often zero, which the
 * DER from the token drops. */
static void
test_sign_es384_es512 (void)
{
  static const struct { const char *alg; const char *crv; gsize size; } cases[] = {
    { "ES384", "P-384", 96 },
    { "ES512", "P-521", 132 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(OA2Jwk) key = open_key_with_pin (i == 0 ? token->p384_uri : token->p521_uri);

      g_assert_cmpstr (oa2_jwk_get_crv (key), ==, cases[i].crv);
      g_assert_cmpstr (oa2_jwk_get_alg (key), ==, cases[i].alg);
      for (guint round = 0; round < 32; round++)
        {
          g_autofree char *text = g_strdup_printf ("payload %u", round);
          g_autoptr(GBytes) payload = g_bytes_new (text, strlen (text));
          g_autoptr(GError) error = NULL;
          g_autofree char *compact = oa2_jwt_sign_payload (payload, key, NULL, NULL, &error);
          g_autoptr(OA2Jwt) jwt = NULL;

          g_assert_no_error (error);
          jwt = verify_with_public_json (compact, key, cases[i].alg);
          g_assert_cmpuint (strlen (strrchr (compact, '.') + 1), ==, (cases[i].size * 4 + 2) / 3);
        }
    }
}

static void
test_wrong_algorithm (void)
{
  g_autoptr(OA2Jwk) ec = open_key_with_pin (token->ec_uri);
  g_autoptr(GBytes) payload = g_bytes_new_static ("x", 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *compact = oa2_jwt_sign_payload (payload, ec, "RS256", NULL, &error);

  g_assert_null (compact);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
}

static void
test_private_key_jwt (gconstpointer data)
{
  gboolean ec = GPOINTER_TO_INT (data);
  const char *alg = ec ? "ES256" : "RS256";
  g_autoptr(OA2Jwk) key = open_key_with_pin (ec ? token->ec_uri : token->rsa_uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2PrivateKeyJwt) auth = oa2_private_key_jwt_new ("hsm-client", key, ec ? NULL : alg, &error);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  const char *assertion;

  g_assert_no_error (error);
  params = oa2_client_auth_authenticate (OA2_CLIENT_AUTH (auth), "POST", "https://as.example/token", headers,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (params, "client_assertion_type"), ==,
                   "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
  assertion = g_hash_table_lookup (params, "client_assertion");
  g_assert_nonnull (assertion);

  jwt = verify_with_public_json (assertion, key, alg);
  g_assert_cmpstr (oa2_jwt_get_kid (jwt), ==, oa2_jwk_get_kid (key));
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "iss"), ==, "hsm-client");
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "sub"), ==, "hsm-client");
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "aud"), ==, "https://as.example/token");
}

static void
test_dpop_proof (gconstpointer data)
{
  gboolean ec = GPOINTER_TO_INT (data);
  const char *alg = ec ? "ES256" : "PS256";
  g_autoptr(OA2Jwk) key = open_key_with_pin (ec ? token->ec_uri : token->rsa_uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) dpop = oa2_dpop_key_new (key, ec ? NULL : alg, &error);
  g_autoptr(OA2Jwk) header_jwk = NULL;
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autofree char *proof = NULL, *thumbprint = NULL, *key_thumbprint = NULL;
  JsonObject *header;
  const char * const algs[] = { alg, NULL };

  g_assert_no_error (error);
  proof = oa2_dpop_key_make_proof (dpop, "POST", "https://as.example/token?x=1", "access-token", NULL, &error);
  g_assert_no_error (error);

  /* As a server checks a proof: with the key in its own header. */
  jwt = oa2_jwt_new_from_compact (proof, &error);
  g_assert_no_error (error);
  header = oa2_jwt_get_header (jwt);
  g_assert_cmpstr (oa2_jwt_get_typ (jwt), ==, "dpop+jwt");
  g_assert_true (json_object_has_member (header, "jwk"));
  header_jwk = oa2_jwk_new_from_json_object (json_object_get_object_member (header, "jwk"), &error);
  g_assert_no_error (error);
  g_assert_false (oa2_jwk_is_private (header_jwk));
  oa2_jwt_verify (jwt, header_jwk, algs, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "htm"), ==, "POST");
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "htu"), ==, "https://as.example/token");
  g_assert_nonnull (oa2_jwt_get_string_claim (jwt, "ath"));

  thumbprint = oa2_dpop_key_dup_thumbprint (dpop);
  key_thumbprint = oa2_jwk_dup_thumbprint (key);
  g_assert_cmpstr (thumbprint, ==, key_thumbprint);
  g_clear_object (&jwt);
  jwt = verify_with_public_json (proof, key, alg);
}

static void
test_bearer_assertion (void)
{
  g_autoptr(OA2Jwk) key = open_key_with_pin (token->ec_uri);
  const char * const audience[] = { "https://as.example", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *assertion = oa2_jwt_sign_bearer_assertion (key, NULL, "hsm-client", "alice", audience, 60,
                                                              NULL, &error);
  g_autoptr(OA2Jwt) jwt = NULL;

  g_assert_no_error (error);
  jwt = verify_with_public_json (assertion, key, "ES256");
  g_assert_cmpstr (oa2_jwt_get_string_claim (jwt, "sub"), ==, "alice");
}

static void
test_pin_callback (void)
{
  PinAnswers answers = { OA2_TEST_TOKEN_PIN };
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = oa2_jwk_new_from_pkcs11_uri (token->ec_uri, answer_pin, &answers, NULL, NULL, &error);
  g_autoptr(GBytes) payload = g_bytes_new_static ("x", 1);
  g_autofree char *compact = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_cmpuint (answers.calls, ==, 1);
  g_assert_cmpint (answers.last_flags & OA2_PIN_FLAGS_RETRY, ==, 0);
  g_assert_cmpstr (answers.last_label, ==, OA2_TEST_TOKEN_LABEL);
  compact = oa2_jwt_sign_payload (payload, key, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&key);
  pin_answers_clear (&answers);
}

static void
destroy_counter (gpointer data)
{
  (*(guint *) data)++;
}

static char *
count_and_answer (const char  *token_label,
                  guint        attempt,
                  OA2PinFlags  flags,
                  gpointer     user_data)
{
  return g_strdup (OA2_TEST_TOKEN_PIN);
}

/* The callback's data lives as long as the key, and no longer. */
static void
test_pin_callback_lifetime (void)
{
  guint destroyed = 0;
  g_autoptr(GError) error = NULL;
  OA2Jwk *key = oa2_jwk_new_from_pkcs11_uri (token->rsa_uri, count_and_answer, &destroyed, destroy_counter,
                                             NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (destroyed, ==, 0);
  g_object_unref (key);
  g_assert_cmpuint (destroyed, ==, 1);

  /* On failure too. */
  key = oa2_jwk_new_from_pkcs11_uri ("pkcs11:token=" OA2_TEST_TOKEN_LABEL ";object=absent", count_and_answer,
                                     &destroyed, destroy_counter, NULL, &error);
  g_assert_null (key);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_NOT_FOUND);
  g_assert_cmpuint (destroyed, ==, 2);
}

static void
test_wrong_pin (void)
{
  PinAnswers answers = { "0000" };
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = oa2_jwk_new_from_pkcs11_uri (token->ec_uri, answer_pin, &answers, NULL, NULL, &error);

  g_assert_null (key);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_TOKEN_LOGIN_FAILED);
  /* Asked again after the wrong PIN, and the same wrong answer stops it. */
  g_assert_cmpuint (answers.calls, ==, 2);
  g_assert_true (answers.last_flags & OA2_PIN_FLAGS_RETRY);
  g_assert_null (strstr (error->message, "0000"));
  pin_answers_clear (&answers);
}

static char *
count_wrong_pins (const char  *token_label,
                  guint        attempt,
                  OA2PinFlags  flags,
                  gpointer     user_data)
{
  guint *calls = user_data;

  (*calls)++;
  return g_strdup_printf ("000%u", attempt);   /* a different wrong PIN each time */
}

static char *
too_long_pin (const char  *token_label,
              guint        attempt,
              OA2PinFlags  flags,
              gpointer     user_data)
{
  guint *calls = user_data;

  (*calls)++;
  return g_strnfill (4096, '7');
}

/* Never more than three PINs in one login, whatever the callback says; a
 * PIN longer than GnuTLS's buffer is refused, not cut. */
static void
test_pin_attempts_capped (void)
{
  guint calls = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = oa2_jwk_new_from_pkcs11_uri (token->ec_uri, count_wrong_pins, &calls, NULL, NULL,
                                                       &error);

  g_assert_null (key);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_TOKEN_LOGIN_FAILED);
  g_assert_cmpuint (calls, ==, 3);

  calls = 0;
  g_clear_error (&error);
  key = oa2_jwk_new_from_pkcs11_uri (token->ec_uri, too_long_pin, &calls, NULL, NULL, &error);
  g_assert_null (key);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_TOKEN_LOGIN_FAILED);
  g_assert_cmpuint (calls, ==, 1);
}

static void
test_wrong_pin_value (void)
{
  g_autofree char *uri = g_strconcat (token->ec_uri, "?pin-value=9876", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = oa2_jwk_new_from_pkcs11_uri (uri, NULL, NULL, NULL, NULL, &error);

  g_assert_null (key);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_TOKEN_LOGIN_FAILED);
  /* The message names the key, never its PIN. */
  g_assert_null (strstr (error->message, "9876"));
  g_assert_null (strstr (error->message, "pin-value"));
  g_assert_nonnull (strstr (error->message, "object=oa2-ec"));
}

static void
test_missing_pin (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = oa2_jwk_new_from_pkcs11_uri (token->ec_uri, NULL, NULL, NULL, NULL, &error);

  g_assert_null (key);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_TOKEN_LOGIN_FAILED);

  /* A callback that gives up. */
  {
    PinAnswers answers = { NULL };

    g_clear_error (&error);
    key = oa2_jwk_new_from_pkcs11_uri (token->ec_uri, answer_pin, &answers, NULL, NULL, &error);
    g_assert_null (key);
    g_assert_error (error, OA2_ERROR, OA2_ERROR_TOKEN_LOGIN_FAILED);
    g_assert_cmpuint (answers.calls, ==, 1);
    pin_answers_clear (&answers);
  }
}

static void
test_pin_source (void)
{
  g_autofree char *pin_file = g_build_filename (token->dir, "pin", NULL);
  const char *forms[] = { "?pin-source=%s", "?pin-source=file:%s", "?pin-source=file://%s" };

  g_assert_true (g_file_set_contents (pin_file, OA2_TEST_TOKEN_PIN, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *query = g_strdup_printf (forms[i], pin_file);
      g_autofree char *uri = g_strconcat (token->ec_uri, query, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2Jwk) key = oa2_jwk_new_from_pkcs11_uri (uri, NULL, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (oa2_jwk_is_in_token (key));
    }
  g_unlink (pin_file);
}

static void
test_not_found (void)
{
  static const char * const uris[] = {
    "pkcs11:token=" OA2_TEST_TOKEN_LABEL ";object=no-such-key;type=private?pin-value=" OA2_TEST_TOKEN_PIN,
    "pkcs11:token=no-such-token;object=oa2-ec;type=private?pin-value=" OA2_TEST_TOKEN_PIN,
  };

  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2Jwk) key = oa2_jwk_new_from_pkcs11_uri (uris[i], NULL, NULL, NULL, NULL, &error);

      g_assert_null (key);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_NOT_FOUND);
      g_assert_null (strstr (error->message, OA2_TEST_TOKEN_PIN));
    }
}

static void
test_invalid_uri (void)
{
  static const char * const uris[] = {
    "file:///etc/key.pem",
    "/etc/key.pem",
    "tpmkey:uuid=7f468c16-cb7f-11e1-824d-b3a4f4b20343",
    "pkcs11:token=oa2;object=%zz",
  };

  for (guint i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OA2Jwk) key = oa2_jwk_new_from_pkcs11_uri (uris[i], NULL, NULL, NULL, NULL, &error);

      g_assert_null (key);
      g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY);
    }
}

/* GnuTLS 3.7 cannot sign with an EdDSA key in a token: refused when the
 * key is opened, saying so, not at the first signature. */
static void
test_eddsa_refused (void)
{
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = NULL;

  if (token->ed_uri == NULL)
    {
      g_test_skip ("this SoftHSM2 cannot import an Ed25519 key");
      return;
    }
  uri = g_strconcat (token->ed_uri, "?pin-value=" OA2_TEST_TOKEN_PIN, NULL);
  key = oa2_jwk_new_from_pkcs11_uri (uri, NULL, NULL, NULL, NULL, &error);
  g_assert_null (key);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  g_assert_nonnull (strstr (error->message, "EdDSA"));
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = NULL;
  guint destroyed = 0;

  g_cancellable_cancel (cancellable);
  key = oa2_jwk_new_from_pkcs11_uri (token->ec_uri, count_and_answer, &destroyed, destroy_counter, cancellable,
                                     &error);
  g_assert_null (key);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (destroyed, ==, 1);
}

static void
test_async (void)
{
  PinAnswers answers = { OA2_TEST_TOKEN_PIN };
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = NULL;

  oa2_jwk_new_from_pkcs11_uri_async (token->rsa_uri, answer_pin, &answers, NULL, NULL, oa2_test_store_result,
                                     &result);
  key = oa2_jwk_new_from_pkcs11_uri_finish (oa2_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_true (oa2_jwk_is_in_token (key));
  /* The callback ran in this thread, the caller's, not in the worker. */
  g_assert_cmpuint (answers.calls, ==, 1);
  g_assert_true (answers.thread == g_thread_self ());
  g_clear_object (&result);
  g_clear_object (&key);

  /* Errors come back the same way. */
  answers.pin = "0000";
  answers.calls = 0;
  oa2_jwk_new_from_pkcs11_uri_async (token->rsa_uri, answer_pin, &answers, NULL, NULL, oa2_test_store_result,
                                     &result);
  key = oa2_jwk_new_from_pkcs11_uri_finish (oa2_test_wait_result (&result), &error);
  g_assert_null (key);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_TOKEN_LOGIN_FAILED);
  g_assert_true (answers.thread == g_thread_self ());
  g_clear_object (&result);
  pin_answers_clear (&answers);
}

/* Export of the private half is refused: a warning (fatal in the tests,
 * hence the subprocess), and only the public members written. */
static void
test_no_private_export (void)
{
  g_autoptr(OA2Jwk) key = open_key_with_pin (token->ec_uri);
  g_autofree char *json = NULL;

  if (g_test_subprocess ())
    {
      /* The warning ends this process, not main(): remove its token now. */
      g_clear_pointer (&token, oa2_test_token_free);
      json = oa2_jwk_to_json (key, TRUE);
      g_assert_null (strstr (json, "\"d\""));
      g_assert_nonnull (strstr (json, "\"x\""));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*private half of a key held in a PKCS#11 token cannot be exported*");
}

static void
test_no_decrypt (void)
{
  g_autoptr(OA2Jwk) key = open_key_with_pin (token->rsa_uri);
  g_autoptr(OA2Jwk) public_key = oa2_jwk_dup_public (key);
  g_autoptr(GBytes) plaintext = g_bytes_new_static ("secret", 6);
  g_autoptr(GError) error = NULL;
  g_autofree char *jwe = oa2_jwe_encrypt (plaintext, public_key, "RSA-OAEP-256", "A128GCM", NULL, &error);
  g_autoptr(GBytes) decrypted = NULL;

  g_assert_no_error (error);
  decrypted = oa2_jwe_decrypt (jwe, key, NULL, NULL, NULL, &error);
  g_assert_null (decrypted);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
}

static void
test_add_module_error (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (oa2_pkcs11_add_module ("/nonexistent/libnothing.so", &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  g_autofree char *module = NULL;
  int status;

  oa2_test_init (&argc, &argv);

  module = oa2_test_softhsm_find_module (&why);
  if (module == NULL)
    {
      /* CI installs SoftHSM2 (build-aux/install-deps.sh); only a developer
       * machine without it may skip. */
      if (g_getenv ("CI") != NULL)
        g_error ("SoftHSM2 is needed for this test: %s", why);
      g_test_skip_printf ("SoftHSM2 is not available: %s", why);
      return g_test_run ();
    }

  token = oa2_test_token_new (NULL, TRUE, &error);
  g_assert_no_error (error);

  g_test_add_func ("/pkcs11/ec-key", test_ec_key);
  g_test_add_func ("/pkcs11/rsa-key", test_rsa_key);
  g_test_add_func ("/pkcs11/sign-all-algorithms", test_sign_all_algorithms);
  g_test_add_func ("/pkcs11/sign-es384-es512", test_sign_es384_es512);
  g_test_add_func ("/pkcs11/wrong-algorithm", test_wrong_algorithm);
  g_test_add_data_func ("/pkcs11/private-key-jwt/ec", GINT_TO_POINTER (TRUE), test_private_key_jwt);
  g_test_add_data_func ("/pkcs11/private-key-jwt/rsa", GINT_TO_POINTER (FALSE), test_private_key_jwt);
  g_test_add_data_func ("/pkcs11/dpop-proof/ec", GINT_TO_POINTER (TRUE), test_dpop_proof);
  g_test_add_data_func ("/pkcs11/dpop-proof/rsa", GINT_TO_POINTER (FALSE), test_dpop_proof);
  g_test_add_func ("/pkcs11/bearer-assertion", test_bearer_assertion);
  g_test_add_func ("/pkcs11/pin/callback", test_pin_callback);
  g_test_add_func ("/pkcs11/pin/callback-lifetime", test_pin_callback_lifetime);
  g_test_add_func ("/pkcs11/pin/wrong", test_wrong_pin);
  g_test_add_func ("/pkcs11/pin/wrong-pin-value", test_wrong_pin_value);
  g_test_add_func ("/pkcs11/pin/attempts-capped", test_pin_attempts_capped);
  g_test_add_func ("/pkcs11/pin/missing", test_missing_pin);
  g_test_add_func ("/pkcs11/pin/pin-source", test_pin_source);
  g_test_add_func ("/pkcs11/errors/not-found", test_not_found);
  g_test_add_func ("/pkcs11/errors/invalid-uri", test_invalid_uri);
  g_test_add_func ("/pkcs11/errors/eddsa-refused", test_eddsa_refused);
  g_test_add_func ("/pkcs11/errors/cancelled", test_cancelled);
  g_test_add_func ("/pkcs11/errors/add-module", test_add_module_error);
  g_test_add_func ("/pkcs11/async", test_async);
  g_test_add_func ("/pkcs11/no-private-export", test_no_private_export);
  g_test_add_func ("/pkcs11/no-decrypt", test_no_decrypt);

  status = g_test_run ();
  g_clear_pointer (&token, oa2_test_token_free);
  return status;
}
