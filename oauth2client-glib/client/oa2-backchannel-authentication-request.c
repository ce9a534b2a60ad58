/* oa2-backchannel-authentication-request.c: what a CIBA authentication
 * request asks for (OpenID CIBA §7.1), and the ping callback's checks
 * (§10.2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-backchannel-authentication-request-private.h"
#include "oa2-client-assertion-private.h"
#include "oa2-clock-private.h"
#include "oa2-crypto-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-jwt.h"
#include "oa2-secret-private.h"

/* The lifetime of a signed request object (CIBA §7.1.1 wants exp, and a
 * short one limits replays). */
#define REQUEST_OBJECT_LIFETIME_SECONDS 300

/**
 * OA2BackchannelAuthenticationRequest:
 *
 * What a Client Initiated Backchannel Authentication request (OpenID
 * CIBA §7.1) asks for: the scope (which must contain `openid`), exactly
 * one hint that names the user (`login_hint`, `login_hint_token` or
 * `id_token_hint`), and optionally a binding message shown on both
 * devices, a user code, a requested expiry, ACR values and, for ping
 * mode, the client notification token. With a signing key it is sent as
 * a signed request object (§7.1.1).
 * [method@OA2.Client.backchannel_authentication_request] sends it.
 *
 * Mistakes (no hint, two hints, no `openid`) are reported when the
 * request is sent.
 *
 * ```c
 * g_autoptr(OA2BackchannelAuthenticationRequest) request =
 *   oa2_backchannel_authentication_request_new ("openid");
 * oa2_backchannel_authentication_request_set_login_hint (request, "alice@example.com");
 * oa2_backchannel_authentication_request_set_binding_message (request, "W4SCT");
 * ```
 *
 * ```python
 * request = OA2.BackchannelAuthenticationRequest.new('openid')
 * request.set_login_hint('alice@example.com')
 * pending = client.backchannel_authentication_request(request, None, None)
 * ```
 */
struct _OA2BackchannelAuthenticationRequest
{
  GObject  parent_instance;

  char    *scope;
  char    *login_hint;
  char    *login_hint_token;          /* may identify the user: wiped */
  char    *id_token_hint;             /* wiped */
  char    *binding_message;
  char    *user_code;                 /* a secret of the user: wiped */
  guint    requested_expiry;          /* seconds; 0: none */
  char    *acr_values;
  char    *client_notification_token; /* a bearer credential: wiped */
  OA2Jwk  *signing_key;
  char    *signing_alg;
};

G_DEFINE_FINAL_TYPE (OA2BackchannelAuthenticationRequest, oa2_backchannel_authentication_request, G_TYPE_OBJECT)

static void
oa2_backchannel_authentication_request_finalize (GObject *object)
{
  OA2BackchannelAuthenticationRequest *self = OA2_BACKCHANNEL_AUTHENTICATION_REQUEST (object);

  g_free (self->scope);
  g_free (self->login_hint);
  oa2_secret_free (self->login_hint_token);
  oa2_secret_free (self->id_token_hint);
  g_free (self->binding_message);
  oa2_secret_free (self->user_code);
  g_free (self->acr_values);
  oa2_secret_free (self->client_notification_token);
  g_clear_object (&self->signing_key);
  g_free (self->signing_alg);
  G_OBJECT_CLASS (oa2_backchannel_authentication_request_parent_class)->finalize (object);
}

static void
oa2_backchannel_authentication_request_class_init (OA2BackchannelAuthenticationRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = oa2_backchannel_authentication_request_finalize;
}

static void
oa2_backchannel_authentication_request_init (OA2BackchannelAuthenticationRequest *self)
{
}

/**
 * oa2_backchannel_authentication_request_new:
 * @scope: the space-separated scope, which must contain `openid`
 *
 * Creates a backchannel authentication request; name the user with one
 * of the hints before sending it.
 *
 * Returns: (transfer full): a new request
 */
OA2BackchannelAuthenticationRequest *
oa2_backchannel_authentication_request_new (const char *scope)
{
  OA2BackchannelAuthenticationRequest *self;

  g_return_val_if_fail (scope != NULL, NULL);

  self = g_object_new (OA2_TYPE_BACKCHANNEL_AUTHENTICATION_REQUEST, NULL);
  self->scope = g_strdup (scope);
  return self;
}

static void
replace (char       **slot,
         const char  *value,
         gboolean     secret)
{
  if (secret)
    oa2_secret_free (*slot);
  else
    g_free (*slot);
  *slot = g_strdup (value);
}

/**
 * oa2_backchannel_authentication_request_set_login_hint:
 * @self: a request
 * @login_hint: (nullable): what identifies the user to the server, such
 *   as an email address or a phone number, or %NULL
 *
 * Sets `login_hint`.
 */
void
oa2_backchannel_authentication_request_set_login_hint (OA2BackchannelAuthenticationRequest *self,
                                                       const char                          *login_hint)
{
  g_return_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_REQUEST (self));
  replace (&self->login_hint, login_hint, FALSE);
}

/**
 * oa2_backchannel_authentication_request_set_login_hint_token:
 * @self: a request
 * @login_hint_token: (nullable): a token that identifies the user, in a
 *   format the server knows, or %NULL
 *
 * Sets `login_hint_token`.
 */
void
oa2_backchannel_authentication_request_set_login_hint_token (OA2BackchannelAuthenticationRequest *self,
                                                             const char                          *login_hint_token)
{
  g_return_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_REQUEST (self));
  replace (&self->login_hint_token, login_hint_token, TRUE);
}

/**
 * oa2_backchannel_authentication_request_set_id_token_hint:
 * @self: a request
 * @id_token_hint: (nullable): an ID token the server issued earlier for
 *   the user, in compact form, or %NULL
 *
 * Sets `id_token_hint`.
 */
void
oa2_backchannel_authentication_request_set_id_token_hint (OA2BackchannelAuthenticationRequest *self,
                                                          const char                          *id_token_hint)
{
  g_return_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_REQUEST (self));
  replace (&self->id_token_hint, id_token_hint, TRUE);
}

/**
 * oa2_backchannel_authentication_request_set_binding_message:
 * @self: a request
 * @binding_message: (nullable): a short text shown on the consumption
 *   device and on the authentication device, so that the user can tell
 *   that both belong to one transaction, or %NULL
 *
 * Sets `binding_message`.
 */
void
oa2_backchannel_authentication_request_set_binding_message (OA2BackchannelAuthenticationRequest *self,
                                                            const char                          *binding_message)
{
  g_return_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_REQUEST (self));
  replace (&self->binding_message, binding_message, FALSE);
}

/**
 * oa2_backchannel_authentication_request_set_user_code:
 * @self: a request
 * @user_code: (nullable): a secret the user knows, for servers that want
 *   one (`backchannel_user_code_parameter_supported`), or %NULL
 *
 * Sets `user_code`.
 */
void
oa2_backchannel_authentication_request_set_user_code (OA2BackchannelAuthenticationRequest *self,
                                                      const char                          *user_code)
{
  g_return_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_REQUEST (self));
  replace (&self->user_code, user_code, TRUE);
}

/**
 * oa2_backchannel_authentication_request_set_requested_expiry:
 * @self: a request
 * @seconds: how long the request may wait for the user, or 0 to leave it
 *   to the server
 *
 * Sets `requested_expiry`.
 */
void
oa2_backchannel_authentication_request_set_requested_expiry (OA2BackchannelAuthenticationRequest *self,
                                                             guint                                seconds)
{
  g_return_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_REQUEST (self));
  self->requested_expiry = seconds;
}

/**
 * oa2_backchannel_authentication_request_set_acr_values:
 * @self: a request
 * @acr_values: (nullable): the space-separated authentication context
 *   class references to ask for, in order of preference, or %NULL
 *
 * Sets `acr_values`.
 */
void
oa2_backchannel_authentication_request_set_acr_values (OA2BackchannelAuthenticationRequest *self,
                                                       const char                          *acr_values)
{
  g_return_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_REQUEST (self));
  replace (&self->acr_values, acr_values, FALSE);
}

/**
 * oa2_backchannel_authentication_request_set_client_notification_token:
 * @self: a request
 * @token: (nullable): the bearer token the server must present when it
 *   notifies the client (ping mode), or %NULL in poll mode
 *
 * Sets `client_notification_token` (CIBA §7.1), required for clients
 * registered for ping mode. Make it unguessable (at least 128 bits from a
 * CSPRNG) and keep it to check the notification with
 * [func@OA2.backchannel_check_notification_token].
 */
void
oa2_backchannel_authentication_request_set_client_notification_token (OA2BackchannelAuthenticationRequest *self,
                                                                      const char                          *token)
{
  g_return_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_REQUEST (self));
  replace (&self->client_notification_token, token, TRUE);
}

/**
 * oa2_backchannel_authentication_request_set_signing_key:
 * @self: a request
 * @key: (nullable): the client's private key, or %NULL to send the
 *   parameters in the clear
 * @alg: (nullable): the signature algorithm, or %NULL for the key's own
 *   `alg`
 *
 * Makes the request a signed request object (CIBA §7.1.1): a JWT signed
 * with @key that carries every parameter, with `iss` the client,
 * `aud` the issuer, `iat`, `nbf`, `exp` (five minutes) and a random
 * `jti`. The client must then have an issuer.
 */
void
oa2_backchannel_authentication_request_set_signing_key (OA2BackchannelAuthenticationRequest *self,
                                                        OA2Jwk                              *key,
                                                        const char                          *alg)
{
  g_return_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_REQUEST (self));
  g_return_if_fail (key == NULL || OA2_IS_JWK (key));

  g_set_object (&self->signing_key, key);
  replace (&self->signing_alg, alg, FALSE);
}

/**
 * oa2_backchannel_authentication_request_get_scope:
 * @self: a request
 *
 * Gets the scope.
 *
 * Returns: the scope
 */
const char *
oa2_backchannel_authentication_request_get_scope (OA2BackchannelAuthenticationRequest *self)
{
  g_return_val_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_REQUEST (self), NULL);
  return self->scope;
}

/**
 * oa2_backchannel_authentication_request_get_binding_message:
 * @self: a request
 *
 * Gets the binding message, to show on the consumption device.
 *
 * Returns: (nullable): the binding message, or %NULL
 */
const char *
oa2_backchannel_authentication_request_get_binding_message (OA2BackchannelAuthenticationRequest *self)
{
  g_return_val_if_fail (OA2_IS_BACKCHANNEL_AUTHENTICATION_REQUEST (self), NULL);
  return self->binding_message;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

static gboolean
check_request (OA2BackchannelAuthenticationRequest  *self,
               GError                              **error)
{
  g_auto(GStrv) scopes = g_strsplit (self->scope, " ", -1);
  const char *strings[] = {
    self->login_hint, self->login_hint_token, self->id_token_hint, self->binding_message, self->user_code,
    self->acr_values, self->client_notification_token,
  };
  guint hints = (self->login_hint != NULL) + (self->login_hint_token != NULL) + (self->id_token_hint != NULL);

  /* CIBA §7.1: an OpenID request, about exactly one user. */
  if (!g_strv_contains ((const char * const *) scopes, "openid"))
    return invalid (error, _("A backchannel authentication request’s scope must contain “openid”"));
  if (hints != 1)
    return invalid (error, _("A backchannel authentication request needs exactly one of login_hint, "
                             "login_hint_token and id_token_hint"));
  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    if (strings[i] != NULL && *strings[i] == '\0')
      return invalid (error, _("A parameter of the backchannel authentication request is empty"));
  return TRUE;
}

static JsonObject *
request_claims (OA2BackchannelAuthenticationRequest *self,
                const char                          *client_id,
                const char                          *issuer,
                GHashTable                          *extra_params)
{
  JsonObject *claims = json_object_new ();
  gint64 now = oa2_clock_now_seconds ();
  g_autofree char *jti = oa2_client_assertion_new_jti ();

  json_object_set_string_member (claims, "iss", client_id);
  json_object_set_string_member (claims, "aud", issuer);
  json_object_set_int_member (claims, "iat", now);
  json_object_set_int_member (claims, "nbf", now);
  json_object_set_int_member (claims, "exp", now + REQUEST_OBJECT_LIFETIME_SECONDS);
  json_object_set_string_member (claims, "jti", jti);
  if (extra_params != NULL)
    {
      GHashTableIter iter;
      gpointer name, value;

      g_hash_table_iter_init (&iter, extra_params);
      while (g_hash_table_iter_next (&iter, &name, &value))
        json_object_set_string_member (claims, name, value);
    }
  json_object_set_string_member (claims, "scope", self->scope);
#define SET(member) if (self->member != NULL) json_object_set_string_member (claims, #member, self->member)
  SET (client_notification_token);
  SET (acr_values);
  SET (login_hint_token);
  SET (id_token_hint);
  SET (login_hint);
  SET (binding_message);
  SET (user_code);
#undef SET
  /* A number in a request object (CIBA §7.1.1). */
  if (self->requested_expiry > 0)
    json_object_set_int_member (claims, "requested_expiry", self->requested_expiry);
  return claims;
}

OA2Form *
oa2_backchannel_authentication_request_to_form (OA2BackchannelAuthenticationRequest  *self,
                                                const char                           *client_id,
                                                const char                           *issuer,
                                                GHashTable                           *extra_params,
                                                GError                              **error)
{
  g_autoptr(OA2Form) form = NULL;

  if (!check_request (self, error))
    return NULL;

  form = oa2_form_new ();
  if (self->signing_key != NULL)
    {
      g_autoptr(JsonObject) claims = NULL;
      char *jwt;

      if (issuer == NULL || client_id == NULL)
        {
          invalid (error, _("A signed backchannel authentication request needs the client’s issuer "
                            "and client identifier"));
          return NULL;
        }
      claims = request_claims (self, client_id, issuer, extra_params);
      jwt = oa2_jwt_sign_claims (claims, self->signing_key, self->signing_alg, NULL, error);
      if (jwt == NULL)
        return NULL;
      oa2_form_add (form, "request", jwt);
      oa2_secret_free (jwt);
      return g_steal_pointer (&form);
    }

  /* CIBA §7.1, in its order. */
  oa2_form_add (form, "scope", self->scope);
  oa2_form_add (form, "client_notification_token", self->client_notification_token);
  oa2_form_add (form, "acr_values", self->acr_values);
  oa2_form_add (form, "login_hint_token", self->login_hint_token);
  oa2_form_add (form, "id_token_hint", self->id_token_hint);
  oa2_form_add (form, "login_hint", self->login_hint);
  oa2_form_add (form, "binding_message", self->binding_message);
  oa2_form_add (form, "user_code", self->user_code);
  if (self->requested_expiry > 0)
    {
      g_autofree char *expiry = g_strdup_printf ("%u", self->requested_expiry);

      oa2_form_add (form, "requested_expiry", expiry);
    }
  if (!oa2_form_add_extra (form, extra_params, error))
    return NULL;
  return g_steal_pointer (&form);
}

/**
 * oa2_backchannel_check_notification_token:
 * @authorization: (nullable): the `Authorization` header of the server's
 *   notification, or %NULL when it had none
 * @expected_token: the client notification token of the request
 *
 * Checks that a ping notification (CIBA §10.2) comes from the server: its
 * `Authorization` header must be `Bearer` with the client notification
 * token the request carried. The comparison takes the same time whatever
 * the tokens hold, so that timing tells an attacker nothing. Answer a
 * notification that fails with 401 and ignore it.
 *
 * Returns: %TRUE when the header carries @expected_token
 */
gboolean
oa2_backchannel_check_notification_token (const char *authorization,
                                          const char *expected_token)
{
  guint8 given_digest[32], expected_digest[32];
  const char *given;
  gboolean equal;

  g_return_val_if_fail (expected_token != NULL, FALSE);

  if (authorization == NULL || *expected_token == '\0' ||
      g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    return FALSE;
  given = authorization + 7;
  while (*given == ' ')
    given++;

  /* Digests of equal length, compared in constant time: neither the
   * tokens' contents nor their lengths show in the time taken. */
  oa2_crypto_digest (OA2_DIGEST_SHA256, (const guint8 *) given, strlen (given), given_digest);
  oa2_crypto_digest (OA2_DIGEST_SHA256, (const guint8 *) expected_token, strlen (expected_token), expected_digest);
  equal = oa2_crypto_equal (given_digest, expected_digest, sizeof given_digest);
  oa2_secret_wipe (given_digest, sizeof given_digest);
  oa2_secret_wipe (expected_digest, sizeof expected_digest);
  return equal;
}

/**
 * oa2_backchannel_parse_ping:
 * @body: the body of the server's ping notification
 * @error: return location for a #GError
 *
 * Reads a ping notification (CIBA §10.2), `{"auth_req_id": "…"}`, after
 * [func@OA2.backchannel_check_notification_token] has accepted it. The
 * token is then ready: ask for it with [method@OA2.Client.ciba].
 *
 * Returns: (transfer full): the `auth_req_id` the notification is about,
 *   or %NULL with @error set: %OA2_ERROR_INVALID_JSON when the body is
 *   not a JSON object (%OA2_ERROR_EMPTY_RESPONSE when it is empty),
 *   %OA2_ERROR_MISSING_MEMBER or
 *   %OA2_ERROR_INVALID_MEMBER for a missing or empty `auth_req_id`
 */
char *
oa2_backchannel_parse_ping (GBytes  *body,
                            GError **error)
{
  g_autoptr(JsonObject) object = NULL;
  const char *auth_req_id = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* An empty GBytes may hold no buffer at all. */
  data = g_bytes_get_data (body, &len);
  if (data == NULL)
    data = "";
  object = oa2_json_parse_object (data, len, error);
  if (object == NULL)
    return NULL;
  if (!oa2_json_get_string (object, "auth_req_id", TRUE, &auth_req_id, error))
    return NULL;
  if (*auth_req_id == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                           _("The ping notification’s “auth_req_id” is empty"));
      return NULL;
    }
  return g_strdup (auth_req_id);
}
