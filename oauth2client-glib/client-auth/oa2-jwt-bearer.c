/* oa2-jwt-bearer.c: assertions for the JWT bearer grant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-client-assertion-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-jwt-bearer.h"

/**
 * oa2_jwt_sign_bearer_assertion:
 * @key: the private (or, for HMAC, symmetric) key to sign with
 * @alg: (nullable): the signature algorithm, or %NULL for the key's `alg`
 * @issuer: the `iss` claim: who issues the assertion, often the client
 * @subject: the `sub` claim: the principal the token is for
 * @audience: (array zero-terminated=1): the `aud` claim, usually the
 *   authorization server's issuer identifier or token endpoint; one value
 *   is sent as a string, several as an array
 * @lifetime: seconds from `iat` to `exp`, or 0 for 60
 * @extra_claims: (nullable): more claims, which cannot name those the
 *   function sets
 * @error: return location for a #GError
 *
 * Builds and signs an assertion for the JWT bearer grant (RFC 7523 §2.1,
 * §3), to pass to [method@OA2.Client.jwt_bearer]: the claims `iss`, `sub`,
 * `aud`, a `jti` of 128 bits from the CSPRNG, `iat` (now) and `exp`, then
 * @extra_claims; the header holds `alg` and the key's `kid`. Client
 * assertions ([class@OA2.PrivateKeyJwt]) are built by the same code.
 *
 * ```c
 * const char *audience[] = { "https://as.example.com", NULL };
 * g_autofree char *assertion =
 *   oa2_jwt_sign_bearer_assertion (key, "ES256", "my-client", "alice@example.com",
 *                                  audience, 0, NULL, &error);
 * token = oa2_client_jwt_bearer (client, assertion, "api:read", NULL, NULL, NULL, NULL, &error);
 * ```
 *
 * Returns: (transfer full): the compact JWT, or %NULL with @error set:
 *   %OA2_ERROR_INVALID_ARGUMENT for an empty issuer, subject or audience
 *   or a claim the function sets, or the error signing with @key and @alg
 *   gives (see [func@OA2.Jwt.sign_claims])
 */
char *
oa2_jwt_sign_bearer_assertion (OA2Jwk              *key,
                               const char          *alg,
                               const char          *issuer,
                               const char          *subject,
                               const char * const  *audience,
                               guint                lifetime,
                               JsonObject          *extra_claims,
                               GError             **error)
{
  g_return_val_if_fail (OA2_IS_JWK (key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (issuer == NULL || *issuer == '\0' || subject == NULL || *subject == '\0' ||
      audience == NULL || audience[0] == NULL || *audience[0] == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("An assertion needs an issuer, a subject and an audience"));
      return NULL;
    }
  return oa2_client_assertion_sign (key, alg, issuer, subject, audience,
                                    lifetime != 0 ? lifetime : OA2_CLIENT_ASSERTION_DEFAULT_LIFETIME,
                                    FALSE, extra_claims, error);
}
