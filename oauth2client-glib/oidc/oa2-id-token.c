/* oa2-id-token.c: a validated OpenID Connect ID token
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2IdToken:
 *
 * An OpenID Connect ID token whose signature and claims the client has
 * validated (OpenID Connect Core §3.1.3.7): its issuer, audience, time
 * claims, nonce, hashes and, for a refreshed one, its continuity with the
 * ID token it replaces. See the [ID tokens page](id-tokens.html).
 *
 * An `OA2IdToken` only comes from the library: from a token response
 * ([method@OA2.BearerToken.get_validated_id_token]) or from
 * [method@OA2.Client.validate_id_token]. Its claims are read as they
 * were signed.
 *
 * ```c
 * OA2IdToken *id_token = oa2_bearer_token_get_validated_id_token (token);
 * if (id_token != NULL)
 *   g_print ("signed in as %s\n", oa2_id_token_get_subject (id_token));
 * ```
 *
 * ```python
 * id_token = token.get_validated_id_token()
 * print('signed in as', id_token.get_subject())
 * ```
 */

#include "config.h"

#include <string.h>

#include "oa2-id-token.h"
#include "oa2-id-token-private.h"

struct _OA2IdToken
{
  GObject     parent_instance;

  OA2Jwt     *jwt;
  char       *compact;
  char      **audience;
  char      **amr;
};

G_DEFINE_FINAL_TYPE (OA2IdToken, oa2_id_token, G_TYPE_OBJECT)

static void
oa2_id_token_finalize (GObject *object)
{
  OA2IdToken *self = OA2_ID_TOKEN (object);

  g_clear_object (&self->jwt);
  g_free (self->compact);
  g_strfreev (self->audience);
  g_strfreev (self->amr);

  G_OBJECT_CLASS (oa2_id_token_parent_class)->finalize (object);
}

static void
oa2_id_token_class_init (OA2IdTokenClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = oa2_id_token_finalize;
}

static void
oa2_id_token_init (OA2IdToken *self)
{
}

/* A claim that is a string or an array of strings, as a string array;
 * other elements are left out. */
static char **
string_list_claim (OA2Jwt     *jwt,
                   const char *name)
{
  JsonNode *node = oa2_jwt_get_claim (jwt, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_strv_builder_add (builder, json_node_get_string (node));
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  return g_strv_builder_end (builder);
}

OA2IdToken *
oa2_id_token_new_validated (OA2Jwt     *jwt,
                            const char *compact)
{
  OA2IdToken *self = g_object_new (OA2_TYPE_ID_TOKEN, NULL);

  self->jwt = g_object_ref (jwt);
  self->compact = g_strdup (compact);
  self->audience = string_list_claim (jwt, "aud");
  self->amr = string_list_claim (jwt, "amr");
  return self;
}

static gint64
time_claim (OA2IdToken *self,
            const char *name)
{
  gint64 value;

  return oa2_jwt_get_int_claim (self->jwt, name, &value) ? value : -1;
}

#define DEFINE_STRING_CLAIM_GETTER(function, claim)             \
  const char *                                                   \
  oa2_id_token_get_##function (OA2IdToken *self)                 \
  {                                                              \
    g_return_val_if_fail (OA2_IS_ID_TOKEN (self), NULL);         \
    return oa2_jwt_get_string_claim (self->jwt, claim);          \
  }

/**
 * oa2_id_token_get_issuer:
 * @self: an ID token
 *
 * Gets the `iss` claim, which is the client's [property@OA2.Client:issuer].
 *
 * Returns: (transfer none): the issuer
 */
DEFINE_STRING_CLAIM_GETTER (issuer, "iss")

/**
 * oa2_id_token_get_subject:
 * @self: an ID token
 *
 * Gets the `sub` claim: the identifier of the user at the issuer, the
 * one to key accounts on (together with the issuer).
 *
 * Returns: (transfer none): the subject
 */
DEFINE_STRING_CLAIM_GETTER (subject, "sub")

/**
 * oa2_id_token_get_authorized_party:
 * @self: an ID token
 *
 * Gets the `azp` claim, which is the client's identifier when present.
 *
 * Returns: (transfer none) (nullable): the authorized party, or %NULL
 */
DEFINE_STRING_CLAIM_GETTER (authorized_party, "azp")

/**
 * oa2_id_token_get_nonce:
 * @self: an ID token
 *
 * Gets the `nonce` claim, which was checked against the authorization
 * request's when it sent one.
 *
 * Returns: (transfer none) (nullable): the nonce, or %NULL
 */
DEFINE_STRING_CLAIM_GETTER (nonce, "nonce")

/**
 * oa2_id_token_get_acr:
 * @self: an ID token
 *
 * Gets the `acr` claim: the authentication context class the user was
 * authenticated with.
 *
 * Returns: (transfer none) (nullable): the class, or %NULL
 */
DEFINE_STRING_CLAIM_GETTER (acr, "acr")

/**
 * oa2_id_token_get_at_hash:
 * @self: an ID token
 *
 * Gets the `at_hash` claim, which was checked against the access token of
 * the same response.
 *
 * Returns: (transfer none) (nullable): the hash, or %NULL
 */
DEFINE_STRING_CLAIM_GETTER (at_hash, "at_hash")

/**
 * oa2_id_token_get_c_hash:
 * @self: an ID token
 *
 * Gets the `c_hash` claim, which was checked against the authorization
 * code when it was known.
 *
 * Returns: (transfer none) (nullable): the hash, or %NULL
 */
DEFINE_STRING_CLAIM_GETTER (c_hash, "c_hash")

/**
 * oa2_id_token_get_audience:
 * @self: an ID token
 *
 * Gets the `aud` claim as a list, whether the token has one audience or
 * several. It contains the client's identifier.
 *
 * Returns: (transfer none) (array zero-terminated=1): the audiences
 */
const char * const *
oa2_id_token_get_audience (OA2IdToken *self)
{
  g_return_val_if_fail (OA2_IS_ID_TOKEN (self), NULL);
  return (const char * const *) self->audience;
}

/**
 * oa2_id_token_get_amr:
 * @self: an ID token
 *
 * Gets the `amr` claim: the authentication methods used, such as `pwd`
 * or `otp` (RFC 8176).
 *
 * Returns: (transfer none) (array zero-terminated=1): the methods, possibly
 *   none
 */
const char * const *
oa2_id_token_get_amr (OA2IdToken *self)
{
  g_return_val_if_fail (OA2_IS_ID_TOKEN (self), NULL);
  return (const char * const *) self->amr;
}

/**
 * oa2_id_token_get_expiration:
 * @self: an ID token
 *
 * Gets the `exp` claim.
 *
 * Returns: the expiration time in seconds since the Unix epoch
 */
gint64
oa2_id_token_get_expiration (OA2IdToken *self)
{
  g_return_val_if_fail (OA2_IS_ID_TOKEN (self), -1);
  return time_claim (self, "exp");
}

/**
 * oa2_id_token_get_issued_at:
 * @self: an ID token
 *
 * Gets the `iat` claim.
 *
 * Returns: the time of issue in seconds since the Unix epoch
 */
gint64
oa2_id_token_get_issued_at (OA2IdToken *self)
{
  g_return_val_if_fail (OA2_IS_ID_TOKEN (self), -1);
  return time_claim (self, "iat");
}

/**
 * oa2_id_token_get_not_before:
 * @self: an ID token
 *
 * Gets the `nbf` claim.
 *
 * Returns: the time in seconds since the Unix epoch, or -1 when absent
 */
gint64
oa2_id_token_get_not_before (OA2IdToken *self)
{
  g_return_val_if_fail (OA2_IS_ID_TOKEN (self), -1);
  return time_claim (self, "nbf");
}

/**
 * oa2_id_token_get_auth_time:
 * @self: an ID token
 *
 * Gets the `auth_time` claim: when the user last authenticated.
 *
 * Returns: the time in seconds since the Unix epoch, or -1 when absent
 */
gint64
oa2_id_token_get_auth_time (OA2IdToken *self)
{
  g_return_val_if_fail (OA2_IS_ID_TOKEN (self), -1);
  return time_claim (self, "auth_time");
}

/**
 * oa2_id_token_get_alg:
 * @self: an ID token
 *
 * Gets the algorithm the token was signed with.
 *
 * Returns: (transfer none): the JWS algorithm, such as `RS256`
 */
const char *
oa2_id_token_get_alg (OA2IdToken *self)
{
  g_return_val_if_fail (OA2_IS_ID_TOKEN (self), NULL);
  return oa2_jwt_get_alg (self->jwt);
}

/**
 * oa2_id_token_get_claim:
 * @self: an ID token
 * @name: a claim name, such as `email`
 *
 * Gets any claim by name.
 *
 * Returns: (transfer none) (nullable): the claim, or %NULL when absent
 */
JsonNode *
oa2_id_token_get_claim (OA2IdToken *self,
                        const char *name)
{
  g_return_val_if_fail (OA2_IS_ID_TOKEN (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return oa2_jwt_get_claim (self->jwt, name);
}

/**
 * oa2_id_token_get_claims:
 * @self: an ID token
 *
 * Gets every claim.
 *
 * Returns: (transfer none): the claims
 */
JsonObject *
oa2_id_token_get_claims (OA2IdToken *self)
{
  g_return_val_if_fail (OA2_IS_ID_TOKEN (self), NULL);
  return oa2_jwt_get_claims (self->jwt);
}

/**
 * oa2_id_token_get_compact:
 * @self: an ID token
 *
 * Gets the token as the server sent it, in compact serialization (a JWE
 * when it was encrypted), for `id_token_hint`.
 *
 * Returns: (transfer none): the token
 */
const char *
oa2_id_token_get_compact (OA2IdToken *self)
{
  g_return_val_if_fail (OA2_IS_ID_TOKEN (self), NULL);
  return self->compact;
}
