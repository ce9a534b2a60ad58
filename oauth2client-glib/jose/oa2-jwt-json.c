/* oa2-jwt-json.c: the JSON serializations of a JWS (RFC 7515 §7.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The general syntax, {"payload", "signatures": [{"protected", "header",
 * "signature"}, …]}, and the flattened one, {"payload", "protected",
 * "header", "signature"}, are read into one OA2Jwt per signature. Each
 * signature goes through the checks of the compact form (the functions of
 * oa2-jwt-private.h), and through those that only a JSON serialization
 * needs: the members' types, at least one header, protected and
 * unprotected members disjoint (RFC 7515 §7.2.1), and no "crit" outside
 * the protected header (§4.1.11). Signing shares the key checks, the
 * header rule and the signature with the compact form
 * (oa2_jwt_sign_parts()).
 */

#include "config.h"

#include <string.h>

#include "oa2-base64url-private.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-jose-private.h"
#include "oa2-json-private.h"
#include "oa2-jwt-private.h"
#include "oa2-jwt.h"

/* The most signatures a serialization may carry: each costs a copy of the
 * payload and a verification, and real documents have one or a few. */
#define MAX_SIGNATURES 16

/* A parsed document. The strings and the entries point into document. */
typedef struct {
  JsonObject *document;
  const char *payload_b64;
  GPtrArray  *entries;   /* JsonObject *: each signature's members */
  GPtrArray  *jwts;      /* OA2Jwt *: one per entry */
} Serialization;

static void
serialization_clear (Serialization *serialization)
{
  g_clear_pointer (&serialization->entries, g_ptr_array_unref);
  g_clear_pointer (&serialization->jwts, g_ptr_array_unref);
  g_clear_pointer (&serialization->document, json_object_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Serialization, serialization_clear)

static gboolean
malformed_printf (GError     **error,
                  const char  *format,
                  ...) G_GNUC_PRINTF (2, 3);

static gboolean
malformed_printf (GError     **error,
                  const char  *format,
                  ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);
  return oa2_jose_malformed (error, why);
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/* The string member @name of signature @index, or NULL when absent; a
 * member of another type is malformed. */
static gboolean
signature_string (JsonObject  *entry,
                  guint        index,
                  const char  *name,
                  const char **out_value,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (entry, name);

  *out_value = NULL;
  if (node == NULL)
    return TRUE;
  if (!node_is_string (node))
    /* Translators: %s is a member name such as "protected", %u the position of a signature in the token, from 1 */
    return malformed_printf (error, _("the “%s” member of signature %u is not a string"), name, index + 1);
  *out_value = json_node_get_string (node);
  return TRUE;
}

/* One signature: its protected header, its unprotected header, the union
 * of both (the JOSE header) and its signature, checked. @payload and
 * @claims are shared by every signature of the document. */
static OA2Jwt *
parse_signature (JsonObject  *entry,
                 guint        index,
                 const char  *payload_b64,
                 GBytes      *payload,
                 JsonObject  *claims,
                 GError     **error)
{
  g_autoptr(JsonObject) protected_header = NULL;
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(GBytes) signature = NULL;
  JsonObject *unprotected_header = NULL;
  const char *protected_b64;
  const char *signature_b64;
  const char *alg;
  JsonNode *node;

  if (!signature_string (entry, index, "protected", &protected_b64, error) ||
      !signature_string (entry, index, "signature", &signature_b64, error))
    return NULL;
  if (signature_b64 == NULL)
    {
      /* Translators: %u is the position of a signature in the token, from 1 */
      malformed_printf (error, _("signature %u has no “signature” member"), index + 1);
      return NULL;
    }
  node = json_object_get_member (entry, "header");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          /* Translators: %u is the position of a signature in the token, from 1 */
          malformed_printf (error, _("the “header” member of signature %u is not a JSON object"), index + 1);
          return NULL;
        }
      /* An empty unprotected header is no unprotected header. */
      if (json_object_get_size (json_node_get_object (node)) > 0)
        unprotected_header = json_node_get_object (node);
    }
  if (protected_b64 == NULL && node == NULL)
    {
      /* Translators: %u is the position of a signature in the token, from 1 */
      malformed_printf (error, _("signature %u has neither a protected nor an unprotected header"), index + 1);
      return NULL;
    }

  if (protected_b64 != NULL)
    {
      protected_header = oa2_jose_parse_json_part (protected_b64, strlen (protected_b64),
                                                   N_("protected header"), error);
      if (protected_header == NULL)
        return NULL;
    }

  if (unprotected_header == NULL)
    header = protected_header != NULL ? json_object_ref (protected_header) : json_object_new ();
  else
    {
      JsonObjectIter iter;
      const char *name;

      /* RFC 7515 §4.1.11: "crit" must be integrity-protected. */
      if (json_object_has_member (unprotected_header, "crit"))
        {
          /* Translators: %u is the position of a signature in the token, from 1 */
          malformed_printf (error, _("signature %u has a “crit” header that the signature does not cover"),
                            index + 1);
          return NULL;
        }
      header = json_object_new ();
      if (protected_header != NULL)
        {
          json_object_iter_init (&iter, protected_header);
          while (json_object_iter_next (&iter, &name, &node))
            json_object_set_member (header, name, json_node_copy (node));
        }
      json_object_iter_init (&iter, unprotected_header);
      while (json_object_iter_next (&iter, &name, &node))
        {
          /* RFC 7515 §7.2.1: the two headers must be disjoint. */
          if (json_object_has_member (header, name))
            {
              g_autofree char *shown = oa2_error_sanitize_name (name);

              /* Translators: %s is a JOSE header member such as "kid", %u the position of a signature in the token, from 1 */
              malformed_printf (error, _("the header member “%s” of signature %u is both protected and unprotected"),
                                shown, index + 1);
              return NULL;
            }
          json_object_set_member (header, name, json_node_copy (node));
        }
      json_object_seal (header);
    }

  if (!oa2_jwt_read_alg (header, &alg, error) || !oa2_jose_check_crit (header, error))
    return NULL;
  signature = oa2_jwt_decode_signature (alg, signature_b64, -1, error);
  if (signature == NULL)
    return NULL;

  return oa2_jwt_new_from_parts (protected_b64, protected_header, unprotected_header, header, alg,
                                 payload_b64, payload, claims, signature_b64, signature);
}

/* Reads a general or flattened JWS JSON serialization with every check;
 * on success, @out holds the document, its signature entries and a token
 * for each. */
static gboolean
parse_serialization (const char     *json,
                     Serialization  *out,
                     GError        **error)
{
  static const char * const flattened_members[] = { "protected", "header", "signature" };
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(JsonObject) claims = NULL;
  gsize len = strnlen (json, OA2_JWT_MAX_SIZE + 1);
  JsonNode *node;

  if (len > OA2_JWT_MAX_SIZE)
    return oa2_jose_malformed (error, _("it is larger than 64 KiB"));
  out->document = oa2_jose_parse_json (json, len, N_("text"), error);
  if (out->document == NULL)
    return FALSE;

  node = json_object_get_member (out->document, "payload");
  if (node == NULL)
    return oa2_jose_malformed (error, _("it has no “payload” member"));
  if (!node_is_string (node))
    return oa2_jose_malformed (error, _("its “payload” member is not a string"));
  out->payload_b64 = json_node_get_string (node);
  if (!oa2_jwt_decode_payload (out->payload_b64, strlen (out->payload_b64), &payload, &claims, error))
    return FALSE;

  out->entries = g_ptr_array_new ();
  node = json_object_get_member (out->document, "signatures");
  if (node != NULL)
    {
      JsonArray *signatures;

      for (guint i = 0; i < G_N_ELEMENTS (flattened_members); i++)
        if (json_object_has_member (out->document, flattened_members[i]))
          return oa2_jose_malformed (error, _("it mixes the general syntax (“signatures”) with the flattened one"));
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return oa2_jose_malformed (error, _("its “signatures” member is not an array"));
      signatures = json_node_get_array (node);
      if (json_array_get_length (signatures) == 0)
        return oa2_jose_malformed (error, _("its “signatures” array is empty"));
      if (json_array_get_length (signatures) > MAX_SIGNATURES)
        /* Translators: %d is a number of signatures */
        return malformed_printf (error, _("it has more than %d signatures"), MAX_SIGNATURES);
      for (guint i = 0; i < json_array_get_length (signatures); i++)
        {
          JsonNode *element = json_array_get_element (signatures, i);

          if (!JSON_NODE_HOLDS_OBJECT (element))
            /* Translators: %u is the position of a signature in the token, from 1 */
            return malformed_printf (error, _("signature %u is not a JSON object"), i + 1);
          g_ptr_array_add (out->entries, json_node_get_object (element));
        }
    }
  else if (json_object_has_member (out->document, "signature"))
    g_ptr_array_add (out->entries, out->document);
  else
    return oa2_jose_malformed (error, _("it has neither a “signatures” nor a “signature” member"));

  out->jwts = g_ptr_array_new_full (out->entries->len, g_object_unref);
  for (guint i = 0; i < out->entries->len; i++)
    {
      OA2Jwt *jwt = parse_signature (out->entries->pdata[i], i, out->payload_b64, payload, claims, error);

      if (jwt == NULL)
        return FALSE;
      g_ptr_array_add (out->jwts, jwt);
    }
  return TRUE;
}

/**
 * oa2_jwt_parse_json_serialization:
 * @json: a JWS in JSON serialization (RFC 7515 §7.2), general
 *   (`{"payload": …, "signatures": [{"protected": …, "header": …,
 *   "signature": …}, …]}`) or flattened (`{"payload": …, "protected": …,
 *   "header": …, "signature": …}`)
 *
 * Parses a JWS in JSON serialization without verifying it, into one token
 * per signature; verify each with [method@OA2.Jwt.verify] or
 * [method@OA2.Jwt.verify_with_jwks], and trust the payload when the
 * signature you need verifies.
 *
 * Every token shares the payload and the claims. Its JOSE header
 * ([method@OA2.Jwt.get_header] and the header getters) is the union of
 * the signature's protected header (`protected`, which the signature
 * covers) and of its unprotected header (`header`, which it does not):
 * [method@OA2.Jwt.get_protected_header] and
 * [method@OA2.Jwt.get_unprotected_header] tell them apart. The text is
 * refused when it is larger than %OA2_JWT_MAX_SIZE, is not a JSON object,
 * has no base64url `payload` string, mixes the general and the flattened
 * syntax, has no signature or more than 16; and a signature is refused
 * when it has no base64url `signature` string, neither a `protected`
 * header (base64url of a JSON object) nor a `header` object, a member in
 * both, a `crit` (anywhere: no extension is implemented), or no `alg`.
 * Members the syntax does not define are ignored. A detached payload
 * (RFC 7515 appendix F) is not supported.
 *
 * The array owns the tokens: g_ptr_array_unref() releases them (keep one
 * with g_object_ref()).
 *
 * Returns: (transfer container) (element-type OA2Jwt): a token per
 *   signature, in the order of the document, or %NULL with @error set to
 *   %OA2_ERROR_MALFORMED_TOKEN, or to %OA2_ERROR_UNSUPPORTED_ALGORITHM for
 *   an `alg` this library does not implement
 */
GPtrArray *
oa2_jwt_parse_json_serialization (const char  *json,
                                  GError     **error)
{
  g_auto(Serialization) serialization = { NULL, };

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!parse_serialization (json, &serialization, error))
    return NULL;
  return g_steal_pointer (&serialization.jwts);
}

/* Signs and sets the "protected" (when not empty), "header" (when given
 * and not empty) and "signature" members of @entry. */
static gboolean
add_signature_members (JsonObject  *entry,
                       const char  *payload_b64,
                       OA2Jwk      *key,
                       const char  *alg,
                       JsonObject  *protected_header,
                       JsonObject  *unprotected_header,
                       GError     **error)
{
  g_autofree char *protected_b64 = NULL;
  g_autofree char *signature_b64 = NULL;

  if (!oa2_jwt_sign_parts (payload_b64, key, alg, protected_header, unprotected_header,
                           &protected_b64, &signature_b64, error))
    return FALSE;
  if (protected_b64 != NULL)
    json_object_set_string_member (entry, "protected", protected_b64);
  if (unprotected_header != NULL && json_object_get_size (unprotected_header) > 0)
    json_object_set_object_member (entry, "header", json_object_ref (unprotected_header));
  json_object_set_string_member (entry, "signature", signature_b64);
  return TRUE;
}

/**
 * oa2_jwt_sign_json:
 * @payload: the bytes to sign
 * @key: a private or symmetric key
 * @alg: (nullable): the algorithm, or %NULL for the key's own `alg`
 * @protected_header: (nullable): more members for the protected header,
 *   such as `typ`; they cannot replace `alg`
 * @unprotected_header: (nullable): the members of the unprotected header,
 *   which the signature does not cover, such as a `kid`
 *
 * Signs @payload into a JWS in flattened JSON serialization (RFC 7515
 * §7.2.2): `{"payload": …, "protected": …, "header": …, "signature": …}`.
 *
 * The protected header holds `alg`, the key's `kid` when it has one, and
 * the members of @protected_header, except that a member that
 * @unprotected_header has stays unprotected: an unprotected `kid` replaces
 * the key's, and an unprotected `alg` must be the algorithm used. When
 * nothing is left to protect, `protected` is left out; `header` is left
 * out when @unprotected_header is %NULL or empty. The key and the
 * algorithm are checked as by [func@OA2.Jwt.sign_payload].
 *
 * Add more signatures with [func@OA2.Jwt.add_json_signature]; read the
 * result with [func@OA2.Jwt.parse_json_serialization].
 *
 * Returns: (transfer full): the JSON text, or %NULL with @error set:
 *   %OA2_ERROR_INVALID_ARGUMENT when there is no algorithm, when the two
 *   headers share a member or name `crit`, or when an unprotected `alg`
 *   differs; the errors of [func@OA2.Jwt.sign_payload] otherwise
 */
char *
oa2_jwt_sign_json (GBytes      *payload,
                   OA2Jwk      *key,
                   const char  *alg,
                   JsonObject  *protected_header,
                   JsonObject  *unprotected_header,
                   GError     **error)
{
  g_autoptr(JsonObject) document = NULL;
  g_autofree char *payload_b64 = NULL;

  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (OA2_IS_JWK (key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  payload_b64 = oa2_base64url_encode_bytes (payload);
  document = json_object_new ();
  json_object_set_string_member (document, "payload", payload_b64);
  if (!add_signature_members (document, payload_b64, key, alg, protected_header, unprotected_header, error))
    return NULL;
  return oa2_json_object_to_string (document);
}

/**
 * oa2_jwt_add_json_signature:
 * @json_serialization: a JWS in general or flattened JSON serialization
 * @key: a private or symmetric key
 * @alg: (nullable): the algorithm, or %NULL for the key's own `alg`
 * @protected_header: (nullable): more members for the protected header of
 *   the new signature; see [func@OA2.Jwt.sign_json]
 * @unprotected_header: (nullable): the members of the unprotected header
 *   of the new signature
 *
 * Adds a signature to a JWS in JSON serialization, such as one that
 * [func@OA2.Jwt.sign_json] made, and returns it in general JSON
 * serialization (RFC 7515 §7.2.1): `{"payload": …, "signatures": [{…},
 * …]}`. The new signature comes last, made by the rules of
 * [func@OA2.Jwt.sign_json]. The payload and every signature already there
 * are kept as they are: their `protected` and `signature` strings and
 * their `header` objects; other members are left out.
 *
 * @json_serialization is read as by
 * [func@OA2.Jwt.parse_json_serialization], but no signature is verified.
 * It may hold at most 15 signatures, so that the result can be read.
 *
 * Returns: (transfer full): the JSON text, or %NULL with @error set: the
 *   errors of [func@OA2.Jwt.parse_json_serialization] for
 *   @json_serialization, %OA2_ERROR_INVALID_ARGUMENT when it already has
 *   16 signatures, and those of [func@OA2.Jwt.sign_json]
 */
char *
oa2_jwt_add_json_signature (const char  *json_serialization,
                            OA2Jwk      *key,
                            const char  *alg,
                            JsonObject  *protected_header,
                            JsonObject  *unprotected_header,
                            GError     **error)
{
  static const char * const kept_members[] = { "protected", "header", "signature" };
  g_auto(Serialization) serialization = { NULL, };
  g_autoptr(JsonObject) document = NULL;
  g_autoptr(JsonObject) added = NULL;
  JsonArray *signatures;

  g_return_val_if_fail (json_serialization != NULL, NULL);
  g_return_val_if_fail (OA2_IS_JWK (key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!parse_serialization (json_serialization, &serialization, error))
    return NULL;
  if (serialization.entries->len >= MAX_SIGNATURES)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                   /* Translators: %d is a number of signatures */
                   _("The token already has %d signatures, the most this library reads"), MAX_SIGNATURES);
      return NULL;
    }

  added = json_object_new ();
  if (!add_signature_members (added, serialization.payload_b64, key, alg, protected_header, unprotected_header,
                              error))
    return NULL;

  document = json_object_new ();
  json_object_set_string_member (document, "payload", serialization.payload_b64);
  signatures = json_array_sized_new (serialization.entries->len + 1);
  for (guint i = 0; i < serialization.entries->len; i++)
    {
      JsonObject *entry = serialization.entries->pdata[i];
      JsonObject *kept = json_object_new ();

      for (guint j = 0; j < G_N_ELEMENTS (kept_members); j++)
        {
          JsonNode *node = json_object_get_member (entry, kept_members[j]);

          if (node != NULL)
            json_object_set_member (kept, kept_members[j], json_node_copy (node));
        }
      json_array_add_object_element (signatures, kept);
    }
  json_array_add_object_element (signatures, g_steal_pointer (&added));
  json_object_set_array_member (document, "signatures", signatures);
  return oa2_json_object_to_string (document);
}
