/* oa2-dpop-key-compact.c: a DPoP key in requests_oauth2client's compact
 * serialized form
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The reference library's DPoPKeySerializer writes the private JWK alone,
 * as JSON, raw DEFLATE and base64url (see oa2-compact.c). Its loader takes
 * the proof algorithm from the JWK's `alg`, or, without one, the only
 * algorithm the key type allows (ES256 for P-256, EdDSA for an OKP key…);
 * an RSA key without `alg` is refused, since several algorithms fit it.
 * So that nothing is lost on the way out, a key whose algorithm is not
 * the one its type implies gets an `alg` member added to the JWK.
 */

#include "config.h"

#include <string.h>

#include "oa2-compact-private.h"
#include "oa2-dpop-key-compact.h"
#include "oa2-dpop-key-compact-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-secret-private.h"

static void
wipe_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  oa2_json_wipe_strings (node);
}

/* The one algorithm a JWK without `alg` can mean, or NULL. */
static const char *
implied_alg (JsonObject *jwk)
{
  const char *kty = json_object_get_string_member_with_default (jwk, "kty", "");
  const char *crv = json_object_get_string_member_with_default (jwk, "crv", "");

  if (strcmp (kty, "EC") == 0)
    {
      if (strcmp (crv, "P-256") == 0)
        return "ES256";
      if (strcmp (crv, "P-384") == 0)
        return "ES384";
      if (strcmp (crv, "P-521") == 0)
        return "ES512";
      if (strcmp (crv, "secp256k1") == 0)
        return "ES256K";
    }
  else if (strcmp (kty, "OKP") == 0 && (strcmp (crv, "Ed25519") == 0 || strcmp (crv, "Ed448") == 0))
    return "EdDSA";
  return NULL;
}

/* The private JWK, with `alg` added when its type does not imply it. */
JsonObject *
oa2_dpop_key_dup_compact_jwk (OA2DPoPKey *self)
{
  g_autoptr(OA2SecretText) json = oa2_dpop_key_to_json (self);
  g_autoptr(JsonObject) stored = oa2_json_parse_object (json, strlen (json), NULL);
  JsonObject *jwk;
  const char *alg = oa2_dpop_key_get_alg (self);
  const char *implied;

  g_assert (stored != NULL);
  jwk = json_object_ref (json_object_get_object_member (stored, "jwk"));
  json_object_remove_member (stored, "jwk");
  wipe_object (stored);

  implied = implied_alg (jwk);
  if (!json_object_has_member (jwk, "alg") && (implied == NULL || strcmp (implied, alg) != 0))
    json_object_set_string_member (jwk, "alg", alg);
  return jwk;
}

/* A key from a private JWK and, when the container names one, an
 * algorithm (the reference library's DPoP tokens carry `alg` beside the
 * JWK). */
OA2DPoPKey *
oa2_dpop_key_new_from_compact_jwk (JsonObject  *jwk,
                                   const char  *alg,
                                   GError     **error)
{
  g_autoptr(OA2Jwk) private_key = NULL;
  JsonNode *jwk_alg = json_object_get_member (jwk, "alg");

  private_key = oa2_jwk_new_from_json_object (jwk, error);
  if (private_key == NULL)
    return NULL;
  if (alg == NULL && (jwk_alg == NULL || JSON_NODE_HOLDS_NULL (jwk_alg)))
    {
      alg = implied_alg (jwk);
      if (alg == NULL)
        {
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                               _("The serialized DPoP key has no “alg”, and its key type allows several"));
          return NULL;
        }
    }
  return oa2_dpop_key_new (private_key, alg, error);
}

/**
 * oa2_dpop_key_new_from_compact:
 * @compact: a key as requests_oauth2client's `DPoPKeySerializer` (or
 *   [method@OA2.DPoPKey.to_compact]) wrote it
 * @error: return location for a #GError
 *
 * Reads a DPoP key from the compact text form of the reference Python
 * library: base64url of the raw-DEFLATE-compressed private JWK. The proof
 * algorithm is the JWK's `alg`, or the one its key type implies.
 *
 * Input that is not base64url, not DEFLATE, inflates past 256 KiB or ends
 * early fails with %OA2_ERROR_MALFORMED_TOKEN; JSON that is not an object
 * with %OA2_ERROR_INVALID_JSON; a JWK that is not a private asymmetric key
 * with the errors of [ctor@OA2.Jwk.new_from_json] and [ctor@OA2.DPoPKey.new].
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
OA2DPoPKey *
oa2_dpop_key_new_from_compact (const char  *compact,
                               GError     **error)
{
  g_autoptr(JsonObject) jwk = NULL;
  OA2DPoPKey *key;

  g_return_val_if_fail (compact != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  jwk = oa2_compact_decode (compact, OA2_COMPACT_MAX_INFLATED, error);
  if (jwk == NULL)
    return NULL;
  key = oa2_dpop_key_new_from_compact_jwk (jwk, NULL, error);
  wipe_object (jwk);
  return key;
}

/**
 * oa2_dpop_key_to_compact:
 * @self: a key
 *
 * Writes the key in the compact text form of the reference Python
 * library's `DPoPKeySerializer`: its private JWK as JSON, raw DEFLATE,
 * base64url. Python reads it back with `DPoPKeySerializer().loads()`.
 * The form carries the algorithm (as the JWK's `alg` when the key type
 * does not imply it), but not the proof `typ`, headers, or jti/iat
 * functions.
 *
 * **Warning:** this is the private key, compressed but not encrypted:
 * anyone who reads it can make proofs with it. Keep it where secrets
 * belong.
 *
 * Returns: (transfer full): the compact form
 */
char *
oa2_dpop_key_to_compact (OA2DPoPKey *self)
{
  g_autoptr(JsonObject) jwk = NULL;
  g_autoptr(JsonNode) node = NULL;
  GString *json;
  char *compact;

  g_return_val_if_fail (OA2_IS_DPOP_KEY (self), NULL);

  jwk = oa2_dpop_key_dup_compact_jwk (self);
  node = json_node_init_object (json_node_alloc (), jwk);
  json = g_string_new (NULL);
  oa2_compact_append_json (json, node);
  compact = oa2_compact_encode (json->str, json->len);
  oa2_secret_wipe (json->str, json->len);
  g_string_free (json, TRUE);
  oa2_json_wipe_strings (node);
  return compact;
}
