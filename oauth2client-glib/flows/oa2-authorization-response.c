/* oa2-authorization-response.c: a validated authorization response
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2AuthorizationResponse:
 *
 * An authorization response (RFC 6749 §4.1.2) that
 * [method@OA2.AuthorizationRequest.validate_callback] has checked: its
 * `state` was the request's, its `iss` (RFC 9207) the client's issuer, and
 * it carries an authorization code.
 *
 * It also keeps what the token request needs from the request it answers:
 * the redirect URI and the PKCE verifier, and for the ID token the nonce
 * and `max_age`. Give it to
 * [method@OA2.Client.exchange_authorization_response] to get the tokens.
 *
 * ```c
 * g_autoptr(OA2AuthorizationResponse) response =
 *   oa2_authorization_request_validate_callback (request, redirected_uri, &error);
 * g_autoptr(OA2BearerToken) token = NULL;
 *
 * if (response != NULL)
 *   token = oa2_client_exchange_authorization_response (client, response, NULL, NULL, &error);
 * ```
 *
 * ```python
 * response = request.validate_callback(redirected_uri)
 * token = client.exchange_authorization_response(response, None, None)
 * ```
 *
 * The code and the verifier are secrets: they are wiped from memory when
 * the object is finalized.
 */

#include "config.h"

#include "oa2-authorization-response-private.h"
#include "oa2-secret-private.h"

struct _OA2AuthorizationResponse
{
  GObject     parent_instance;

  GHashTable *params;          /* every parameter as received */
  char       *redirect_uri;
  char       *code_verifier;   /* secret */
  char       *nonce;
  gint64      max_age;         /* -1: none */
  char       *scope;           /* the request's */
};

G_DEFINE_FINAL_TYPE (OA2AuthorizationResponse, oa2_authorization_response, G_TYPE_OBJECT)

static void
oa2_authorization_response_finalize (GObject *object)
{
  OA2AuthorizationResponse *self = OA2_AUTHORIZATION_RESPONSE (object);

  g_clear_pointer (&self->params, g_hash_table_unref);
  g_free (self->redirect_uri);
  oa2_secret_free (self->code_verifier);
  g_free (self->nonce);
  g_free (self->scope);

  G_OBJECT_CLASS (oa2_authorization_response_parent_class)->finalize (object);
}

static void
oa2_authorization_response_class_init (OA2AuthorizationResponseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = oa2_authorization_response_finalize;
}

static void
oa2_authorization_response_init (OA2AuthorizationResponse *self)
{
  self->max_age = -1;
}

OA2AuthorizationResponse *
oa2_authorization_response_new (GHashTable *params,
                                const char *redirect_uri,
                                const char *code_verifier,
                                const char *nonce,
                                gint64      max_age,
                                const char *scope)
{
  OA2AuthorizationResponse *self = g_object_new (OA2_TYPE_AUTHORIZATION_RESPONSE, NULL);

  self->params = params;
  self->redirect_uri = g_strdup (redirect_uri);
  self->code_verifier = g_strdup (code_verifier);
  self->nonce = g_strdup (nonce);
  self->max_age = max_age;
  self->scope = g_strdup (scope);
  return self;
}

/**
 * oa2_authorization_response_get_code:
 * @self: a response
 *
 * Gets the authorization code. It is a secret, good for one token request.
 *
 * Returns: the code
 */
const char *
oa2_authorization_response_get_code (OA2AuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return g_hash_table_lookup (self->params, "code");
}

/**
 * oa2_authorization_response_get_state:
 * @self: a response
 *
 * Gets the `state`, the same as the request's.
 *
 * Returns: the state
 */
const char *
oa2_authorization_response_get_state (OA2AuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return g_hash_table_lookup (self->params, "state");
}

/**
 * oa2_authorization_response_get_issuer:
 * @self: a response
 *
 * Gets the `iss` parameter (RFC 9207), when the server sent one.
 *
 * Returns: (nullable): the issuer
 */
const char *
oa2_authorization_response_get_issuer (OA2AuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return g_hash_table_lookup (self->params, "iss");
}

/**
 * oa2_authorization_response_get_redirect_uri:
 * @self: a response
 *
 * Gets the redirect URI of the request, which the token request repeats
 * (RFC 6749 §4.1.3).
 *
 * Returns: (nullable): the redirect URI, or %NULL when the request had none
 */
const char *
oa2_authorization_response_get_redirect_uri (OA2AuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return self->redirect_uri;
}

/**
 * oa2_authorization_response_get_code_verifier:
 * @self: a response
 *
 * Gets the PKCE verifier of the request (RFC 7636), a secret.
 *
 * Returns: (nullable): the verifier, or %NULL without PKCE
 */
const char *
oa2_authorization_response_get_code_verifier (OA2AuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return self->code_verifier;
}

/**
 * oa2_authorization_response_get_nonce:
 * @self: a response
 *
 * Gets the nonce of the request, which the ID token must carry.
 *
 * Returns: (nullable): the nonce, or %NULL when the request sent none
 */
const char *
oa2_authorization_response_get_nonce (OA2AuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return self->nonce;
}

/**
 * oa2_authorization_response_get_scope:
 * @self: a response
 *
 * Gets the scope the request asked for. With `openid` in it, the token
 * response must carry an ID token.
 *
 * Returns: (nullable): the space-separated scope, or %NULL when the request
 *   had none
 */
const char *
oa2_authorization_response_get_scope (OA2AuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_RESPONSE (self), NULL);
  return self->scope;
}

/**
 * oa2_authorization_response_get_max_age:
 * @self: a response
 *
 * Gets the `max_age` of the request, which bounds the ID token's
 * `auth_time`.
 *
 * Returns: the maximum authentication age in seconds, or -1 for none
 */
gint64
oa2_authorization_response_get_max_age (OA2AuthorizationResponse *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_RESPONSE (self), -1);
  return self->max_age;
}

/**
 * oa2_authorization_response_get_parameter:
 * @self: a response
 * @name: a parameter name
 *
 * Gets any parameter of the response by name, such as a server's own
 * `session_state`.
 *
 * Returns: (nullable): the value, or %NULL when the response has no such
 *   parameter
 */
const char *
oa2_authorization_response_get_parameter (OA2AuthorizationResponse *self,
                                          const char               *name)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  return g_hash_table_lookup (self->params, name);
}
