/* oa2-authorization-request-properties.c: the GObject properties of
 * OA2AuthorizationRequest
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One read-only property for each parameter the request has a getter
 * for, so that bindings and g_object_bind_property() see them. They are
 * read-only because the request is made by its constructors, which check
 * the endpoint and the redirect URI, and changed by its setters, which
 * check each value and notify the property. The PKCE verifier has no
 * property: it is a secret that only the token request may carry, and
 * properties are listed and printed by generic tools.
 */

#include "config.h"

#include "oa2-authorization-request-private.h"
#include "oa2-enum-types.h"

static GParamSpec *properties[OA2_AUTHORIZATION_REQUEST_N_PROPS];

static void
oa2_authorization_request_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  OA2AuthorizationRequest *self = OA2_AUTHORIZATION_REQUEST (object);

  switch ((OA2AuthorizationRequestProperty) prop_id)
    {
    case OA2_AUTHORIZATION_REQUEST_PROP_AUTHORIZATION_ENDPOINT:
      g_value_set_string (value, oa2_authorization_request_get_authorization_endpoint (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_CLIENT_ID:
      g_value_set_string (value, oa2_authorization_request_get_client_id (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_REDIRECT_URI:
      g_value_set_string (value, oa2_authorization_request_get_redirect_uri (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_SCOPE:
      g_value_set_string (value, oa2_authorization_request_get_scope (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_RESPONSE_TYPE:
      g_value_set_string (value, oa2_authorization_request_get_response_type (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_STATE:
      g_value_set_string (value, oa2_authorization_request_get_state (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_NONCE:
      g_value_set_string (value, oa2_authorization_request_get_nonce (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_PKCE_METHOD:
      g_value_set_enum (value, oa2_authorization_request_get_pkce_method (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_PROMPT:
      g_value_set_string (value, oa2_authorization_request_get_prompt (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_MAX_AGE:
      g_value_set_int64 (value, oa2_authorization_request_get_max_age (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_LOGIN_HINT:
      g_value_set_string (value, oa2_authorization_request_get_login_hint (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_ID_TOKEN_HINT:
      g_value_set_string (value, oa2_authorization_request_get_id_token_hint (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_UI_LOCALES:
      g_value_set_string (value, oa2_authorization_request_get_ui_locales (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_ACR_VALUES:
      g_value_set_string (value, oa2_authorization_request_get_acr_values (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_CLAIMS:
      g_value_set_string (value, oa2_authorization_request_get_claims (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_AUTHORIZATION_DETAILS:
      g_value_set_string (value, oa2_authorization_request_get_authorization_details (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_RESPONSE_MODE:
      g_value_set_string (value, oa2_authorization_request_get_response_mode (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_DPOP_JKT:
      g_value_set_string (value, oa2_authorization_request_get_dpop_jkt (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_RESOURCES:
      g_value_set_boxed (value, oa2_authorization_request_get_resources (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_ISSUER:
      g_value_set_string (value, oa2_authorization_request_get_issuer (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_REQUIRE_ISSUER:
      g_value_set_boolean (value, oa2_authorization_request_get_require_issuer (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_URI:
      g_value_set_string (value, oa2_authorization_request_get_request_uri (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_URI_EXPIRES_AT:
      g_value_set_boxed (value, oa2_authorization_request_get_request_uri_expires_at (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_OBJECT_ALG:
      g_value_set_string (value, oa2_authorization_request_get_request_object_alg (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_OBJECT_ENCRYPTION_ALG:
      g_value_set_string (value, oa2_authorization_request_get_request_object_encryption_alg (self));
      break;
    case OA2_AUTHORIZATION_REQUEST_PROP_0:
    case OA2_AUTHORIZATION_REQUEST_N_PROPS:
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

void
oa2_authorization_request_install_properties (GObjectClass *object_class)
{
  object_class->get_property = oa2_authorization_request_get_property;

  /**
   * OA2AuthorizationRequest:authorization-endpoint: (getter get_authorization_endpoint)
   *
   * The authorization endpoint the request goes to, as given to
   * [ctor@OA2.AuthorizationRequest.new].
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_AUTHORIZATION_ENDPOINT] =
    g_param_spec_string ("authorization-endpoint", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:client-id: (getter get_client_id)
   *
   * The `client_id` the request carries.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_CLIENT_ID] =
    g_param_spec_string ("client-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:redirect-uri: (getter get_redirect_uri)
   *
   * The `redirect_uri` the response comes back to, or %NULL when the request
   * has none.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_REDIRECT_URI] =
    g_param_spec_string ("redirect-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:scope: (getter get_scope)
   *
   * The space-separated `scope`, or %NULL for none; see
   * [method@OA2.AuthorizationRequest.set_scope].
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_SCOPE] =
    g_param_spec_string ("scope", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:response-type: (getter get_response_type)
   *
   * The `response_type`, `code` unless set with
   * [method@OA2.AuthorizationRequest.set_response_type].
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_RESPONSE_TYPE] =
    g_param_spec_string ("response-type", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:state: (getter get_state)
   *
   * The `state`, which the response must repeat: a random one unless set
   * with [method@OA2.AuthorizationRequest.set_state].
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:nonce: (getter get_nonce)
   *
   * The `nonce` the ID token must carry, or %NULL when the request sends
   * none; see [method@OA2.AuthorizationRequest.set_nonce].
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_NONCE] =
    g_param_spec_string ("nonce", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:pkce-method: (getter get_pkce_method)
   *
   * The PKCE method (RFC 7636), which the URI sends as
   * `code_challenge_method`; see
   * [method@OA2.AuthorizationRequest.set_pkce_method].
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_PKCE_METHOD] =
    g_param_spec_enum ("pkce-method", NULL, NULL, OA2_TYPE_PKCE_METHOD, OA2_PKCE_METHOD_S256,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:prompt: (getter get_prompt)
   *
   * The `prompt` (OpenID Connect Core §3.1.2.1), or %NULL when unset.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_PROMPT] =
    g_param_spec_string ("prompt", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:max-age: (getter get_max_age)
   *
   * The `max_age` in seconds (OpenID Connect Core §3.1.2.1), or -1 when
   * unset.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_MAX_AGE] =
    g_param_spec_int64 ("max-age", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:login-hint: (getter get_login_hint)
   *
   * The `login_hint`, or %NULL when unset.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_LOGIN_HINT] =
    g_param_spec_string ("login-hint", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:id-token-hint: (getter get_id_token_hint)
   *
   * The `id_token_hint`, or %NULL when unset.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_ID_TOKEN_HINT] =
    g_param_spec_string ("id-token-hint", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:ui-locales: (getter get_ui_locales)
   *
   * The `ui_locales`, or %NULL when unset.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_UI_LOCALES] =
    g_param_spec_string ("ui-locales", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:acr-values: (getter get_acr_values)
   *
   * The `acr_values`, or %NULL when unset.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_ACR_VALUES] =
    g_param_spec_string ("acr-values", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:claims: (getter get_claims)
   *
   * The `claims` request (OpenID Connect Core §5.5) as compact JSON text,
   * or %NULL when unset.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_CLAIMS] =
    g_param_spec_string ("claims", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:authorization-details: (getter get_authorization_details)
   *
   * The `authorization_details` (RFC 9396) as compact JSON text, or %NULL
   * when unset.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_AUTHORIZATION_DETAILS] =
    g_param_spec_string ("authorization-details", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:response-mode: (getter get_response_mode)
   *
   * The `response_mode`, or %NULL for the response type's default.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_RESPONSE_MODE] =
    g_param_spec_string ("response-mode", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:dpop-jkt: (getter get_dpop_jkt)
   *
   * The `dpop_jkt` (RFC 9449 §10), the thumbprint of the key the code will
   * be redeemed with, or %NULL when unset.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_DPOP_JKT] =
    g_param_spec_string ("dpop-jkt", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:resources: (getter get_resources)
   *
   * The resource indicators (RFC 8707) the request sends, possibly none;
   * see [method@OA2.AuthorizationRequest.add_resource].
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_RESOURCES] =
    g_param_spec_boxed ("resources", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:issuer: (getter get_issuer)
   *
   * The issuer the response's `iss` must equal (RFC 9207), or %NULL when
   * unknown.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_ISSUER] =
    g_param_spec_string ("issuer", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:require-issuer: (getter get_require_issuer)
   *
   * Whether a response without `iss` is refused; see
   * [method@OA2.AuthorizationRequest.set_require_issuer].
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_REQUIRE_ISSUER] =
    g_param_spec_boolean ("require-issuer", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:request-uri: (getter get_request_uri)
   *
   * The `request_uri` the URI carries after a pushed authorization request
   * (RFC 9126) or [method@OA2.AuthorizationRequest.set_request_uri], or
   * %NULL.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_URI] =
    g_param_spec_string ("request-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:request-uri-expires-at: (getter get_request_uri_expires_at)
   *
   * When the pushed request's `request_uri` expires, or %NULL when the
   * request was not pushed or the server did not say.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_URI_EXPIRES_AT] =
    g_param_spec_boxed ("request-uri-expires-at", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:request-object-alg: (getter get_request_object_alg)
   *
   * The algorithm request objects (RFC 9101) are signed with, or %NULL when
   * the parameters go in the URI.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_OBJECT_ALG] =
    g_param_spec_string ("request-object-alg", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2AuthorizationRequest:request-object-encryption-alg: (getter get_request_object_encryption_alg)
   *
   * The key management algorithm request objects are encrypted with, or
   * %NULL when they are not encrypted.
   */
  properties[OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_OBJECT_ENCRYPTION_ALG] =
    g_param_spec_string ("request-object-encryption-alg", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, OA2_AUTHORIZATION_REQUEST_N_PROPS, properties);
}

void
oa2_authorization_request_notify (OA2AuthorizationRequest         *self,
                                  OA2AuthorizationRequestProperty  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}
