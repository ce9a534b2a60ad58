/* oa2-jwt-response.c: the steps every JWT the server sends the client goes
 * through, written once for ID tokens, UserInfo and JARM responses; pure
 * functions over the token and the keys, without I/O
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-jwe.h"
#include "oa2-jwt-response-private.h"

/* OIDC Registration §2 (and JARM §3): the content encryption when only
 * the key management algorithm is registered. */
#define DEFAULT_ENCRYPTED_ENC "A128CBC-HS256"

gboolean
oa2_jwt_response_is_jwe (const char *compact)
{
  guint dots = 0;

  for (const char *p = compact; *p != '\0'; p++)
    dots += *p == '.';
  return dots == 4;
}

GBytes *
oa2_jwt_response_decrypt_with_keys (const char                 *compact,
                                    OA2Jwks                    *keys,
                                    const char                 *alg,
                                    const char                 *enc,
                                    const OA2JwtResponseTexts  *texts,
                                    GError                    **error)
{
  const char *algs[] = { alg, NULL };
  const char *encs[] = { enc != NULL ? enc : DEFAULT_ENCRYPTED_ENC, NULL };
  g_autoptr(GError) last_error = NULL;
  guint n = keys != NULL ? oa2_jwks_get_n_keys (keys) : 0;

  if (n == 0)
    {
      if (texts->no_decryption_keys != NULL)
        g_set_error_literal (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY, texts->no_decryption_keys);
      else
        g_set_error (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY,
                     /* Translators: %s names what is encrypted, such as "UserInfo response" */
                     _("The %s is encrypted, but the client has no decryption keys (id-token-decryption-keys)"),
                     texts->what);
      return NULL;
    }
  /* The JWE header's kid, when it names a key, picks it; otherwise each
   * key is tried: the AEAD tag tells the right one. */
  for (guint i = 0; i < n; i++)
    {
      GBytes *plaintext;

      g_clear_error (&last_error);
      plaintext = oa2_jwe_decrypt (compact, oa2_jwks_get_key (keys, i), alg != NULL ? algs : NULL, encs,
                                   NULL, &last_error);
      if (plaintext != NULL)
        return plaintext;
      if (!g_error_matches (last_error, OA2_ERROR, OA2_ERROR_DECRYPTION_FAILED) &&
          !g_error_matches (last_error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH) &&
          !g_error_matches (last_error, OA2_ERROR, OA2_ERROR_INVALID_KEY))
        break;
    }
  if (texts->decryption_prefix != NULL)
    g_propagate_prefixed_error (error, g_steal_pointer (&last_error), "%s", texts->decryption_prefix);
  else
    g_propagate_prefixed_error (error, g_steal_pointer (&last_error), "%s: ", texts->what);
  return NULL;
}

GBytes *
oa2_jwt_response_decrypt (const char  *compact,
                          OA2Jwks     *keys,
                          const char  *alg,
                          const char  *enc,
                          const char  *what,
                          GError     **error)
{
  const OA2JwtResponseTexts texts = { .what = what };

  return oa2_jwt_response_decrypt_with_keys (compact, keys, alg, enc, &texts, error);
}

char *
oa2_jwt_response_open (const char                 *compact,
                       OA2Jwks                    *decryption_keys,
                       const char                 *encrypted_alg,
                       const char                 *encrypted_enc,
                       const OA2JwtResponseTexts  *texts,
                       gboolean                   *out_decrypted,
                       GError                    **error)
{
  g_autoptr(GBytes) plaintext = NULL;
  gsize len;
  const char *data;

  *out_decrypted = FALSE;
  if (!oa2_jwt_response_is_jwe (compact))
    {
      if (encrypted_alg != NULL)
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM, texts->missing_encryption, encrypted_alg);
          return NULL;
        }
      return g_strdup (compact);
    }
  if (encrypted_alg == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM, texts->unexpected_encryption);
      return NULL;
    }
  plaintext = oa2_jwt_response_decrypt_with_keys (compact, decryption_keys, encrypted_alg, encrypted_enc, texts, error);
  if (plaintext == NULL)
    return NULL;
  *out_decrypted = TRUE;
  data = g_bytes_get_data (plaintext, &len);
  return g_strndup (data != NULL ? data : "", len);
}

OA2Jwt *
oa2_jwt_response_parse (const char                 *compact,
                        const OA2JwtResponseTexts  *texts,
                        GError                    **error)
{
  g_autoptr(OA2Jwt) jwt = NULL;
  g_autoptr(GError) parse_error = NULL;

  jwt = oa2_jwt_new_from_compact (compact, &parse_error);
  if (jwt == NULL)
    {
      if (texts->parse_prefix != NULL)
        g_propagate_prefixed_error (error, g_steal_pointer (&parse_error), "%s", texts->parse_prefix);
      else
        g_propagate_error (error, g_steal_pointer (&parse_error));
      return NULL;
    }
  if (oa2_jwt_get_claims (jwt) == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN, texts->not_object);
      return NULL;
    }
  if (strcmp (oa2_jwt_get_alg (jwt), "none") == 0)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_UNSECURED_TOKEN, texts->unsigned_token);
      return NULL;
    }
  return g_steal_pointer (&jwt);
}

gboolean
oa2_jwt_response_verify (OA2Jwt                     *jwt,
                         const char                 *alg,
                         OA2Jwk                     *secret_key,
                         OA2Jwks                    *jwks,
                         const OA2JwtResponseTexts  *texts,
                         GError                    **error)
{
  const char *algs[] = { alg, NULL };

  if (g_str_has_prefix (alg, "HS"))
    {
      /* HMAC responses are keyed with the client secret, never with a
       * key of the server's public set. */
      if (secret_key == NULL)
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY, texts->no_secret);
          return FALSE;
        }
      return oa2_jwt_verify (jwt, secret_key, algs, error);
    }
  if (jwks == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY, texts->no_server_keys);
      return FALSE;
    }
  return oa2_jwt_verify_with_jwks (jwt, jwks, algs, OA2_JWKS_KEY_POLICY_SINGLE, error);
}

gboolean
oa2_jwt_response_uses_fetched_keys (const char *alg,
                                    const char *jwks_uri)
{
  return !g_str_has_prefix (alg, "HS") && jwks_uri != NULL;
}
