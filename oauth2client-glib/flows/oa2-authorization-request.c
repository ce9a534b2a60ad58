/* oa2-authorization-request.c: an authorization request (RFC 6749 §4.1.1,
 * OpenID Connect Core §3.1.2.1) and its PKCE secret
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2AuthorizationRequest:
 *
 * The request a browser takes to the authorization endpoint to sign the
 * user in (RFC 6749 §4.1.1, OpenID Connect Core §3.1.2.1), and the secrets
 * that check the answer.
 *
 * It is correct by default: a `state` and a `nonce` of 256 bits from the
 * system's secure random generator, and PKCE (RFC 7636) with `S256`. Every
 * other parameter of OAuth 2.x and OpenID Connect has a setter, and
 * [method@OA2.AuthorizationRequest.set_parameter] adds a server's own.
 * [method@OA2.Client.new_authorization_request] makes one with the
 * client's endpoint, `client_id` and issuer.
 *
 * ```c
 * g_autoptr(OA2AuthorizationRequest) request =
 *   oa2_client_new_authorization_request (client, "http://127.0.0.1:8400/cb", "openid email", &error);
 * g_autofree char *uri = oa2_authorization_request_dup_uri (request, &error);
 * // … the browser comes back to the redirect URI …
 * g_autoptr(OA2AuthorizationResponse) response =
 *   oa2_authorization_request_validate_callback (request, redirected_uri, &error);
 * ```
 *
 * ```python
 * request = client.new_authorization_request('http://127.0.0.1:8400/cb', 'openid email')
 * uri = request.dup_uri()
 * # … the browser comes back to the redirect URI …
 * response = request.validate_callback(redirected_uri)
 * ```
 *
 * The redirect comes back to the application with
 * [method@OA2.AuthorizationRequest.validate_callback], which checks the
 * `state` first, then the issuer (RFC 9207), then reports an error the
 * server sent, and returns the [class@OA2.AuthorizationResponse] that
 * [method@OA2.Client.exchange_authorization_response] turns into tokens.
 *
 * A request that must outlive the process (the user signs in while the
 * application restarts) is saved with
 * [method@OA2.AuthorizationRequest.to_json]. That text holds the PKCE
 * verifier, the `state` and the `nonce`: keep it where the application
 * keeps its tokens, and delete it once the response is validated. The
 * object itself wipes those secrets from memory when it is finalized.
 *
 * Its parameters can travel in a signed (and encrypted) request object
 * (JAR, RFC 9101): see
 * [method@OA2.AuthorizationRequest.set_request_object_key]. A response
 * that the server signs (JARM: `response_mode` `jwt`, `query.jwt`,
 * `fragment.jwt`, `form_post.jwt`) is validated by
 * [method@OA2.Client.validate_authorization_callback], which has the
 * server's keys.
 */

#include "config.h"

#include <string.h>

#include "oa2-authorization-request-private.h"
#include "oa2-base64url-private.h"
#include "oa2-crypto-private.h"
#include "oa2-error.h"
#include "oa2-error-private.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-secret-private.h"
#include "oa2-uri-private.h"

/* 256 bits: well above the 128 bits that RFC 6749 §10.10 asks a guess to
 * be harder than, and what RFC 7636 §4.1 recommends for the verifier
 * (43 characters once encoded). */
#define RANDOM_BYTES 32


G_DEFINE_FINAL_TYPE (OA2AuthorizationRequest, oa2_authorization_request, G_TYPE_OBJECT)

/* The names that have a setter of their own, or that the library sends
 * itself: set_parameter() refuses them, and so does an authorization
 * endpoint whose own query carries one. */
static const char * const reserved_names[] = {
  "response_type", "client_id", "redirect_uri", "scope", "state", "nonce",
  "code_challenge", "code_challenge_method", "code_verifier", "prompt", "max_age",
  "login_hint", "id_token_hint", "ui_locales", "acr_values", "claims",
  "authorization_details", "response_mode", "dpop_jkt", "resource", "request",
  "request_uri",
};

static gboolean
is_reserved (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (reserved_names); i++)
    if (g_str_equal (name, reserved_names[i]))
      return TRUE;
  return FALSE;
}

static char *
random_token (void)
{
  guint8 bytes[RANDOM_BYTES];
  char *token;

  oa2_crypto_random (bytes, sizeof bytes);
  token = oa2_base64url_encode (bytes, sizeof bytes);
  oa2_secret_wipe (bytes, sizeof bytes);
  return token;
}

static void
replace_secret (char       **field,
                const char  *value)
{
  char *old = *field;

  *field = g_strdup (value);
  oa2_secret_free (old);
}

void
oa2_authorization_request_replace (char       **field,
                                   const char  *value)
{
  char *old = *field;

  *field = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
  g_free (old);
}

gboolean
oa2_authorization_request_is_jarm (OA2AuthorizationRequest *self)
{
  const char *mode = self->response_mode;

  return mode != NULL && (g_str_equal (mode, "jwt") || g_str_has_suffix (mode, ".jwt"));
}

static void
oa2_authorization_request_finalize (GObject *object)
{
  OA2AuthorizationRequest *self = OA2_AUTHORIZATION_REQUEST (object);

  g_free (self->authorization_endpoint);
  g_free (self->client_id);
  g_free (self->redirect_uri);
  g_free (self->scope);
  g_free (self->response_type);
  oa2_secret_free (self->state);
  oa2_secret_free (self->nonce);
  oa2_secret_free (self->code_verifier);
  g_free (self->prompt);
  g_free (self->login_hint);
  g_free (self->id_token_hint);
  g_free (self->ui_locales);
  g_free (self->acr_values);
  g_free (self->claims);
  g_free (self->authorization_details);
  g_free (self->response_mode);
  g_free (self->dpop_jkt);
  g_clear_pointer (&self->resources, g_ptr_array_unref);
  g_clear_pointer (&self->custom, g_ptr_array_unref);
  g_free (self->issuer);
  g_free (self->request_uri);
  g_clear_pointer (&self->request_uri_expires_at, g_date_time_unref);
  oa2_authorization_request_jar_clear (self);

  G_OBJECT_CLASS (oa2_authorization_request_parent_class)->finalize (object);
}

static void
oa2_authorization_request_class_init (OA2AuthorizationRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = oa2_authorization_request_finalize;
  oa2_authorization_request_install_properties (G_OBJECT_CLASS (klass));
}

static void
oa2_authorization_request_init (OA2AuthorizationRequest *self)
{
  self->response_type = g_strdup ("code");
  self->state = random_token ();
  self->nonce = random_token ();
  self->pkce_method = OA2_PKCE_METHOD_S256;
  self->code_verifier = random_token ();
  self->max_age = -1;
  self->resources = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->resources, NULL);
  self->custom = g_ptr_array_new_with_free_func (g_free);
}

static gboolean
check_endpoint (const char  *authorization_endpoint,
                GError     **error)
{
  g_autoptr(GUri) uri = oa2_uri_parse_endpoint (authorization_endpoint, error);
  GUriParamsIter iter;
  const char *query;
  char *name = NULL;
  char *value = NULL;
  g_autoptr(GError) local_error = NULL;

  if (uri == NULL)
    return FALSE;
  query = g_uri_get_query (uri);
  if (query == NULL)
    return TRUE;

  /* RFC 6749 §3.1: the endpoint's own query stays, but it must not hold
   * a parameter that the request sets, or the server would see it twice. */
  g_uri_params_iter_init (&iter, query, -1, "&", G_URI_PARAMS_WWW_FORM);
  while (g_uri_params_iter_next (&iter, &name, &value, &local_error))
    {
      gboolean reserved = is_reserved (name);
      g_autofree char *shown = reserved ? oa2_error_sanitize_name (name) : NULL;

      g_free (name);
      g_free (value);
      if (reserved)
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                       /* Translators: %s is a parameter name such as "scope" */
                       _("The authorization endpoint’s URI must not carry the parameter “%s” itself"), shown);
          return FALSE;
        }
    }
  if (local_error != NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The authorization endpoint’s URI has a malformed query"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_redirect_uri (const char  *redirect_uri,
                    GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  if (redirect_uri == NULL)
    return TRUE;
  /* RFC 6749 §3.1.2: absolute, no fragment. Private-use schemes of native
   * apps (RFC 8252 §7.1) are absolute URIs too. */
  uri = g_uri_parse (redirect_uri, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL || g_uri_get_fragment (uri) != NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The redirect URI must be an absolute URI without a fragment"));
      return FALSE;
    }
  return TRUE;
}

/**
 * oa2_authorization_request_new:
 * @authorization_endpoint: the server's authorization endpoint: `https`, or
 *   `http` on a loopback address; its own query parameters are kept
 * @client_id: the client identifier
 * @redirect_uri: (nullable): where the server sends the browser back, or
 *   %NULL to let the server use the one registered
 * @scope: (nullable): the space-separated scope, such as `openid email`
 * @error: return location for a #GError
 *
 * Makes an authorization request with a new `state`, `nonce` and PKCE
 * verifier. [method@OA2.Client.new_authorization_request] is the usual way
 * to make one.
 *
 * Returns: (transfer full): the request, or %NULL with @error set
 *   (%OA2_ERROR_INVALID_ARGUMENT or %OA2_ERROR_INSECURE_TRANSPORT)
 */
OA2AuthorizationRequest *
oa2_authorization_request_new (const char  *authorization_endpoint,
                               const char  *client_id,
                               const char  *redirect_uri,
                               const char  *scope,
                               GError     **error)
{
  OA2AuthorizationRequest *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  oa2_i18n_init ();

  if (!check_endpoint (authorization_endpoint, error))
    return NULL;
  if (client_id == NULL || *client_id == '\0')
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("An authorization request needs a client identifier"));
      return NULL;
    }
  if (!check_redirect_uri (redirect_uri, error))
    return NULL;

  self = g_object_new (OA2_TYPE_AUTHORIZATION_REQUEST, NULL);
  self->authorization_endpoint = g_strdup (authorization_endpoint);
  self->client_id = g_strdup (client_id);
  oa2_authorization_request_replace (&self->redirect_uri, redirect_uri);
  oa2_authorization_request_replace (&self->scope, scope);
  return self;
}

/* The parameters, in a fixed order so that URIs are predictable. */
static void
add_if_set (OA2Form    *form,
            const char *name,
            const char *value)
{
  if (value != NULL)
    oa2_form_add (form, name, value);
}

static OA2Form *
plain_form (OA2AuthorizationRequest *self)
{
  OA2Form *form;

  form = oa2_form_new ();
  oa2_form_add (form, "response_type", self->response_type);
  oa2_form_add (form, "client_id", self->client_id);
  add_if_set (form, "redirect_uri", self->redirect_uri);
  add_if_set (form, "scope", self->scope);
  oa2_form_add (form, "state", self->state);
  add_if_set (form, "nonce", self->nonce);
  if (self->pkce_method != OA2_PKCE_METHOD_NONE)
    {
      g_autofree char *challenge = oa2_authorization_request_dup_code_challenge (self);

      oa2_form_add (form, "code_challenge", challenge);
      oa2_form_add (form, "code_challenge_method", self->pkce_method == OA2_PKCE_METHOD_S256 ? "S256" : "plain");
    }
  add_if_set (form, "prompt", self->prompt);
  if (self->max_age >= 0)
    {
      char text[24];

      g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, self->max_age);
      oa2_form_add (form, "max_age", text);
    }
  add_if_set (form, "login_hint", self->login_hint);
  add_if_set (form, "id_token_hint", self->id_token_hint);
  add_if_set (form, "ui_locales", self->ui_locales);
  add_if_set (form, "acr_values", self->acr_values);
  add_if_set (form, "claims", self->claims);
  add_if_set (form, "authorization_details", self->authorization_details);
  add_if_set (form, "response_mode", self->response_mode);
  add_if_set (form, "dpop_jkt", self->dpop_jkt);
  for (guint i = 0; self->resources->pdata[i] != NULL; i++)
    oa2_form_add (form, "resource", self->resources->pdata[i]);
  for (guint i = 0; i + 1 < self->custom->len; i += 2)
    oa2_form_add (form, self->custom->pdata[i], self->custom->pdata[i + 1]);
  return form;
}

OA2Form *
oa2_authorization_request_to_form (OA2AuthorizationRequest  *self,
                                   gboolean                  pushed,
                                   GError                  **error)
{
  g_autoptr(OA2Form) form = plain_form (self);

  if (!oa2_authorization_request_uses_request_object (self))
    return g_steal_pointer (&form);
  return oa2_authorization_request_jar_form (self, form, pushed, error);
}

void
oa2_authorization_request_set_pushed (OA2AuthorizationRequest *self,
                                      const char              *request_uri,
                                      gint64                   expires_at)
{
  oa2_authorization_request_replace (&self->request_uri, request_uri);
  g_clear_pointer (&self->request_uri_expires_at, g_date_time_unref);
  if (expires_at > 0)
    self->request_uri_expires_at = g_date_time_new_from_unix_utc (expires_at);
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_URI);
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_REQUEST_URI_EXPIRES_AT);
}

/**
 * oa2_authorization_request_dup_uri:
 * @self: a request
 * @error: return location for a #GError
 *
 * Builds the URI to open in the browser: the authorization endpoint, its
 * own query kept, and the request's parameters. After
 * [method@OA2.Client.pushed_authorization_request], it carries only
 * `client_id` and the `request_uri` the server gave (RFC 9126 §4). With a
 * request-object key
 * ([method@OA2.AuthorizationRequest.set_request_object_key]), the
 * parameters travel in a new signed request object.
 *
 * Returns: (transfer full): the URI, or %NULL with @error set
 *   (%OA2_ERROR_INVALID_ARGUMENT when a request object cannot be made:
 *   no issuer for its audience, or a restored request without its key;
 *   or the errors of signing and encrypting it)
 */
char *
oa2_authorization_request_dup_uri (OA2AuthorizationRequest  *self,
                                   GError                  **error)
{
  g_autoptr(OA2Form) form = NULL;
  g_autoptr(GBytes) query = NULL;
  GString *uri;
  gsize len;
  const char *data;

  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->request_uri != NULL)
    {
      form = oa2_form_new ();
      oa2_form_add (form, "client_id", self->client_id);
      oa2_form_add (form, "request_uri", self->request_uri);
    }
  else
    {
      form = oa2_authorization_request_to_form (self, FALSE, error);
      if (form == NULL)
        return NULL;
    }

  query = oa2_form_encode (form);
  data = g_bytes_get_data (query, &len);
  uri = g_string_new (self->authorization_endpoint);
  g_string_append_c (uri, strchr (self->authorization_endpoint, '?') != NULL ? '&' : '?');
  g_string_append_len (uri, data, len);
  return g_string_free (uri, FALSE);
}

/**
 * oa2_authorization_request_get_authorization_endpoint: (get-property authorization-endpoint)
 * @self: a request
 *
 * Gets the authorization endpoint the request goes to.
 *
 * Returns: the endpoint's URI
 */
const char *
oa2_authorization_request_get_authorization_endpoint (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->authorization_endpoint;
}

/**
 * oa2_authorization_request_get_client_id: (get-property client-id)
 * @self: a request
 *
 * Gets the client identifier.
 *
 * Returns: the `client_id`
 */
const char *
oa2_authorization_request_get_client_id (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->client_id;
}

/**
 * oa2_authorization_request_get_redirect_uri: (get-property redirect-uri)
 * @self: a request
 *
 * Gets the redirect URI.
 *
 * Returns: (nullable): the `redirect_uri`, or %NULL when the request has none
 */
const char *
oa2_authorization_request_get_redirect_uri (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->redirect_uri;
}

/**
 * oa2_authorization_request_get_scope: (get-property scope)
 * @self: a request
 *
 * Gets the scope.
 *
 * Returns: (nullable): the space-separated `scope`, or %NULL for none
 */
const char *
oa2_authorization_request_get_scope (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->scope;
}

/**
 * oa2_authorization_request_set_scope:
 * @self: a request
 * @scope: (nullable): the space-separated scope, or %NULL for none
 *
 * Sets the scope.
 */
void
oa2_authorization_request_set_scope (OA2AuthorizationRequest *self,
                                     const char              *scope)
{
  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self));
  oa2_authorization_request_replace (&self->scope, scope);
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_SCOPE);
}

/**
 * oa2_authorization_request_get_response_type: (get-property response-type)
 * @self: a request
 *
 * Gets the response type.
 *
 * Returns: the `response_type`, `code` unless set
 */
const char *
oa2_authorization_request_get_response_type (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->response_type;
}

/**
 * oa2_authorization_request_set_response_type:
 * @self: a request
 * @response_type: (nullable): the response type, or %NULL for `code`
 *
 * Sets the response type. The library validates responses that carry a
 * `code`; other types are for servers with extensions.
 */
void
oa2_authorization_request_set_response_type (OA2AuthorizationRequest *self,
                                             const char              *response_type)
{
  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self));
  oa2_authorization_request_replace (&self->response_type,
                                     response_type != NULL && *response_type != '\0' ? response_type : "code");
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_RESPONSE_TYPE);
}

/**
 * oa2_authorization_request_get_state: (get-property state)
 * @self: a request
 *
 * Gets the `state`, which the response must repeat.
 *
 * Returns: the state
 */
const char *
oa2_authorization_request_get_state (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->state;
}

/* A value the caller chooses for state or a verifier goes into URIs and
 * comparisons: printable ASCII, no spaces. */
static gboolean
is_token_text (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (*p <= 0x20 || *p >= 0x7f)
      return FALSE;
  return TRUE;
}

/**
 * oa2_authorization_request_set_state:
 * @self: a request
 * @state: the state: printable ASCII without spaces
 * @error: return location for a #GError
 *
 * Replaces the generated `state` with the caller's, for an application
 * that keeps its own. It protects the sign-in against cross-site request
 * forgery only if it is unguessable: keep it at 128 random bits or more.
 *
 * Returns: %TRUE, or %FALSE with @error set (%OA2_ERROR_INVALID_ARGUMENT)
 */
gboolean
oa2_authorization_request_set_state (OA2AuthorizationRequest  *self,
                                     const char               *state,
                                     GError                  **error)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), FALSE);

  if (!is_token_text (state))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The state must be printable ASCII text without spaces"));
      return FALSE;
    }
  replace_secret (&self->state, state);
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_STATE);
  return TRUE;
}

/**
 * oa2_authorization_request_get_nonce: (get-property nonce)
 * @self: a request
 *
 * Gets the `nonce`, which the ID token must carry (OpenID Connect Core
 * §3.1.2.1).
 *
 * Returns: (nullable): the nonce, or %NULL when the request sends none
 */
const char *
oa2_authorization_request_get_nonce (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->nonce;
}

/**
 * oa2_authorization_request_set_nonce:
 * @self: a request
 * @nonce: (nullable): the nonce, or %NULL to send none
 *
 * Replaces the generated `nonce`. Without one, a stolen ID token can be
 * replayed into this sign-in; keep the generated one unless the server
 * refuses it.
 */
void
oa2_authorization_request_set_nonce (OA2AuthorizationRequest *self,
                                     const char              *nonce)
{
  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self));
  replace_secret (&self->nonce, nonce != NULL && *nonce != '\0' ? nonce : NULL);
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_NONCE);
}

/**
 * oa2_authorization_request_get_pkce_method: (get-property pkce-method)
 * @self: a request
 *
 * Gets the PKCE method.
 *
 * Returns: the method, %OA2_PKCE_METHOD_S256 unless set
 */
OA2PkceMethod
oa2_authorization_request_get_pkce_method (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), OA2_PKCE_METHOD_S256);
  return self->pkce_method;
}

/**
 * oa2_authorization_request_set_pkce_method:
 * @self: a request
 * @method: the method
 *
 * Sets the PKCE method. %OA2_PKCE_METHOD_NONE drops the verifier; the other
 * methods make one when the request has none.
 */
void
oa2_authorization_request_set_pkce_method (OA2AuthorizationRequest *self,
                                           OA2PkceMethod            method)
{
  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self));
  g_return_if_fail (method <= OA2_PKCE_METHOD_NONE);

  self->pkce_method = method;
  if (method == OA2_PKCE_METHOD_NONE)
    g_clear_pointer (&self->code_verifier, oa2_secret_free);
  else if (self->code_verifier == NULL)
    self->code_verifier = random_token ();
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_PKCE_METHOD);
}

/**
 * oa2_authorization_request_get_code_verifier:
 * @self: a request
 *
 * Gets the PKCE verifier (RFC 7636 §4.1), a secret that only the token
 * request may carry.
 *
 * Returns: (nullable): the verifier, or %NULL without PKCE
 */
const char *
oa2_authorization_request_get_code_verifier (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->code_verifier;
}

/* RFC 7636 §4.1: 43 to 128 unreserved characters. */
static gboolean
is_code_verifier (const char *verifier)
{
  gsize len = strlen (verifier);

  if (len < 43 || len > 128)
    return FALSE;
  for (const char *p = verifier; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("-._~", *p) == NULL)
      return FALSE;
  return TRUE;
}

/**
 * oa2_authorization_request_set_code_verifier:
 * @self: a request
 * @code_verifier: (nullable): the verifier, or %NULL for a new random one
 * @error: return location for a #GError
 *
 * Replaces the generated PKCE verifier, which must follow RFC 7636 §4.1:
 * 43 to 128 characters among `A`–`Z`, `a`–`z`, `0`–`9`, `-`, `.`, `_` and
 * `~`. A request without PKCE (%OA2_PKCE_METHOD_NONE) takes none.
 *
 * Returns: %TRUE, or %FALSE with @error set (%OA2_ERROR_INVALID_ARGUMENT)
 */
gboolean
oa2_authorization_request_set_code_verifier (OA2AuthorizationRequest  *self,
                                             const char               *code_verifier,
                                             GError                  **error)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), FALSE);

  if (self->pkce_method == OA2_PKCE_METHOD_NONE)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("A request without PKCE takes no code verifier"));
      return FALSE;
    }
  if (code_verifier == NULL)
    {
      oa2_secret_free (self->code_verifier);
      self->code_verifier = random_token ();
      return TRUE;
    }
  if (!is_code_verifier (code_verifier))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("A PKCE code verifier has 43 to 128 letters, digits, “-”, “.”, “_” or “~”"));
      return FALSE;
    }
  replace_secret (&self->code_verifier, code_verifier);
  return TRUE;
}

/**
 * oa2_authorization_request_dup_code_challenge:
 * @self: a request
 *
 * Computes the PKCE `code_challenge` the URI carries: for `S256`, the
 * base64url SHA-256 hash of the verifier.
 *
 * Returns: (transfer full) (nullable): the challenge, or %NULL without PKCE
 */
char *
oa2_authorization_request_dup_code_challenge (OA2AuthorizationRequest *self)
{
  guint8 digest[32];

  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);

  switch (self->pkce_method)
    {
    case OA2_PKCE_METHOD_S256:
      oa2_crypto_digest (OA2_DIGEST_SHA256, (const guint8 *) self->code_verifier, strlen (self->code_verifier),
                         digest);
      return oa2_base64url_encode (digest, sizeof digest);
    case OA2_PKCE_METHOD_PLAIN:
      return g_strdup (self->code_verifier);
    case OA2_PKCE_METHOD_NONE:
    default:
      return NULL;
    }
}

#define STRING_ACCESSORS(field, PROP)                                     \
const char *                                                              \
oa2_authorization_request_get_##field (OA2AuthorizationRequest *self)    \
{                                                                         \
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);      \
  return self->field;                                                     \
}                                                                         \
                                                                          \
void                                                                      \
oa2_authorization_request_set_##field (OA2AuthorizationRequest *self,    \
                                       const char              *field)   \
{                                                                         \
  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self));                \
  oa2_authorization_request_replace (&self->field, field);               \
  oa2_authorization_request_notify (self,                                 \
                                    OA2_AUTHORIZATION_REQUEST_PROP_##PROP); \
}


/**
 * oa2_authorization_request_get_prompt: (get-property prompt)
 * @self: a request
 *
 * Gets `prompt` (OpenID Connect Core §3.1.2.1).
 *
 * Returns: (nullable): the value, or %NULL when unset
 */
/**
 * oa2_authorization_request_set_prompt:
 * @self: a request
 * @prompt: (nullable): space-separated `none`, `login`, `consent` or
 *   `select_account`, or %NULL to send none
 *
 * Sets `prompt` (OpenID Connect Core §3.1.2.1).
 */
STRING_ACCESSORS (prompt, PROMPT)

/**
 * oa2_authorization_request_get_login_hint: (get-property login-hint)
 * @self: a request
 *
 * Gets `login_hint`.
 *
 * Returns: (nullable): the value, or %NULL when unset
 */
/**
 * oa2_authorization_request_set_login_hint:
 * @self: a request
 * @login_hint: (nullable): who is expected to sign in, such as an email
 *   address, or %NULL
 *
 * Sets `login_hint` (OpenID Connect Core §3.1.2.1).
 */
STRING_ACCESSORS (login_hint, LOGIN_HINT)

/**
 * oa2_authorization_request_get_id_token_hint: (get-property id-token-hint)
 * @self: a request
 *
 * Gets `id_token_hint`.
 *
 * Returns: (nullable): the value, or %NULL when unset
 */
/**
 * oa2_authorization_request_set_id_token_hint:
 * @self: a request
 * @id_token_hint: (nullable): an ID token the server issued earlier, or %NULL
 *
 * Sets `id_token_hint` (OpenID Connect Core §3.1.2.1).
 */
STRING_ACCESSORS (id_token_hint, ID_TOKEN_HINT)

/**
 * oa2_authorization_request_get_ui_locales: (get-property ui-locales)
 * @self: a request
 *
 * Gets `ui_locales`.
 *
 * Returns: (nullable): the value, or %NULL when unset
 */
/**
 * oa2_authorization_request_set_ui_locales:
 * @self: a request
 * @ui_locales: (nullable): space-separated BCP 47 language tags, or %NULL
 *
 * Sets `ui_locales` (OpenID Connect Core §3.1.2.1).
 */
STRING_ACCESSORS (ui_locales, UI_LOCALES)

/**
 * oa2_authorization_request_get_acr_values: (get-property acr-values)
 * @self: a request
 *
 * Gets `acr_values`.
 *
 * Returns: (nullable): the value, or %NULL when unset
 */
/**
 * oa2_authorization_request_set_acr_values:
 * @self: a request
 * @acr_values: (nullable): space-separated authentication context classes,
 *   or %NULL
 *
 * Sets `acr_values` (OpenID Connect Core §3.1.2.1).
 */
STRING_ACCESSORS (acr_values, ACR_VALUES)

/**
 * oa2_authorization_request_get_response_mode: (get-property response-mode)
 * @self: a request
 *
 * Gets `response_mode`.
 *
 * Returns: (nullable): the value, or %NULL when unset (the query)
 */
/**
 * oa2_authorization_request_set_response_mode:
 * @self: a request
 * @response_mode: (nullable): `query`, `fragment` or `form_post`, or %NULL
 *   for the response type's default
 *
 * Sets `response_mode` (OAuth 2.0 Multiple Response Type Encoding
 * Practices, Form Post Response Mode). A `form_post` response is validated
 * with [method@OA2.AuthorizationRequest.validate_callback_params]. The JARM
 * modes (`jwt`, `query.jwt`…) are not supported yet.
 */
STRING_ACCESSORS (response_mode, RESPONSE_MODE)

/**
 * oa2_authorization_request_get_dpop_jkt: (get-property dpop-jkt)
 * @self: a request
 *
 * Gets `dpop_jkt`.
 *
 * Returns: (nullable): the thumbprint, or %NULL when unset
 */
/**
 * oa2_authorization_request_set_dpop_jkt:
 * @self: a request
 * @dpop_jkt: (nullable): a JWK SHA-256 thumbprint (RFC 7638), or %NULL
 *
 * Sets `dpop_jkt` (RFC 9449 §10): the server binds the authorization code
 * to that key, so that only a token request with a proof of it redeems the
 * code. [method@OA2.AuthorizationRequest.set_dpop_key] sets it from a key.
 */
STRING_ACCESSORS (dpop_jkt, DPOP_JKT)

/**
 * oa2_authorization_request_set_dpop_key:
 * @self: a request
 * @dpop_key: (nullable): the DPoP key the code will be redeemed with, or
 *   %NULL to send no `dpop_jkt`
 *
 * Sets `dpop_jkt` to the thumbprint of @dpop_key. Give the same key to
 * [method@OA2.Client.exchange_authorization_response].
 */
void
oa2_authorization_request_set_dpop_key (OA2AuthorizationRequest *self,
                                        OA2DPoPKey              *dpop_key)
{
  g_autofree char *thumbprint = NULL;

  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));

  if (dpop_key != NULL)
    thumbprint = oa2_dpop_key_dup_thumbprint (dpop_key);
  oa2_authorization_request_replace (&self->dpop_jkt, thumbprint);
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_DPOP_JKT);
}

/**
 * oa2_authorization_request_get_max_age: (get-property max-age)
 * @self: a request
 *
 * Gets `max_age`.
 *
 * Returns: the maximum authentication age in seconds, or -1 when unset
 */
gint64
oa2_authorization_request_get_max_age (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), -1);
  return self->max_age;
}

/**
 * oa2_authorization_request_set_max_age:
 * @self: a request
 * @max_age: seconds, or -1 to send none
 *
 * Sets `max_age` (OpenID Connect Core §3.1.2.1): the user must have
 * authenticated within that many seconds; the ID token's `auth_time` is
 * then checked against it.
 */
void
oa2_authorization_request_set_max_age (OA2AuthorizationRequest *self,
                                       gint64                   max_age)
{
  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self));
  g_return_if_fail (max_age >= -1);
  self->max_age = max_age;
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_MAX_AGE);
}

gboolean
oa2_authorization_request_set_json (char       **field,
                                    const char  *text,
                                    gboolean     want_array,
                                    const char  *name,
                                    GError     **error)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL)
    {
      g_clear_pointer (field, g_free);
      return TRUE;
    }
  node = oa2_json_parse (text, strlen (text));
  if (node == NULL || (want_array ? !JSON_NODE_HOLDS_ARRAY (node) : !JSON_NODE_HOLDS_OBJECT (node)))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                   want_array ?
                   /* Translators: %s is a parameter name such as "authorization_details" */
                   _("“%s” must be a JSON array") :
                   /* Translators: %s is a parameter name such as "claims" */
                   _("“%s” must be a JSON object"), name);
      return FALSE;
    }
  /* Sent compact, as the server will parse it, whatever the caller's
   * layout was. */
  g_free (*field);
  *field = oa2_json_to_string (node);
  return TRUE;
}

/**
 * oa2_authorization_request_get_claims: (get-property claims)
 * @self: a request
 *
 * Gets `claims`.
 *
 * Returns: (nullable): the JSON object as sent, or %NULL when unset
 */
const char *
oa2_authorization_request_get_claims (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->claims;
}

/**
 * oa2_authorization_request_set_claims:
 * @self: a request
 * @claims: (nullable): a JSON object (OpenID Connect Core §5.5), or %NULL
 * @error: return location for a #GError
 *
 * Sets `claims`, the individual claims asked for in the ID token and from
 * the UserInfo endpoint.
 *
 * Returns: %TRUE, or %FALSE with @error set (%OA2_ERROR_INVALID_ARGUMENT
 *   when @claims is not a JSON object)
 */
gboolean
oa2_authorization_request_set_claims (OA2AuthorizationRequest  *self,
                                      const char               *claims,
                                      GError                  **error)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), FALSE);
  if (!oa2_authorization_request_set_json (&self->claims, claims, FALSE, "claims", error))
    return FALSE;
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_CLAIMS);
  return TRUE;
}

/**
 * oa2_authorization_request_get_authorization_details: (get-property authorization-details)
 * @self: a request
 *
 * Gets `authorization_details`.
 *
 * Returns: (nullable): the JSON array as sent, or %NULL when unset
 */
const char *
oa2_authorization_request_get_authorization_details (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->authorization_details;
}

/**
 * oa2_authorization_request_set_authorization_details:
 * @self: a request
 * @authorization_details: (nullable): a JSON array of objects (RFC 9396
 *   §2), or %NULL
 * @error: return location for a #GError
 *
 * Sets `authorization_details` (Rich Authorization Requests).
 *
 * Returns: %TRUE, or %FALSE with @error set (%OA2_ERROR_INVALID_ARGUMENT
 *   when the text is not a JSON array)
 */
gboolean
oa2_authorization_request_set_authorization_details (OA2AuthorizationRequest  *self,
                                                     const char               *authorization_details,
                                                     GError                  **error)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), FALSE);
  if (!oa2_authorization_request_set_json (&self->authorization_details, authorization_details, TRUE,
                                           "authorization_details", error))
    return FALSE;
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_AUTHORIZATION_DETAILS);
  return TRUE;
}

/**
 * oa2_authorization_request_get_resources: (get-property resources)
 * @self: a request
 *
 * Gets the resource indicators.
 *
 * Returns: (array zero-terminated=1) (transfer none): the `resource` values,
 *   possibly none
 */
const char * const *
oa2_authorization_request_get_resources (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return (const char * const *) self->resources->pdata;
}

/**
 * oa2_authorization_request_add_resource:
 * @self: a request
 * @resource: an absolute URI without a fragment
 *
 * Adds a resource indicator (RFC 8707 §2), sent as one more `resource`
 * parameter.
 */
void
oa2_authorization_request_add_resource (OA2AuthorizationRequest *self,
                                        const char              *resource)
{
  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self));
  g_return_if_fail (resource != NULL && *resource != '\0');

  g_ptr_array_insert (self->resources, self->resources->len - 1, g_strdup (resource));
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_RESOURCES);
}

/**
 * oa2_authorization_request_get_parameter:
 * @self: a request
 * @name: a parameter name
 *
 * Gets a parameter added with
 * [method@OA2.AuthorizationRequest.set_parameter].
 *
 * Returns: (nullable): the value, or %NULL when unset
 */
const char *
oa2_authorization_request_get_parameter (OA2AuthorizationRequest *self,
                                         const char              *name)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i + 1 < self->custom->len; i += 2)
    if (g_str_equal (self->custom->pdata[i], name))
      return self->custom->pdata[i + 1];
  return NULL;
}

/**
 * oa2_authorization_request_set_parameter:
 * @self: a request
 * @name: a parameter name the library does not set itself
 * @value: (nullable): the value, or %NULL to remove the parameter
 * @error: return location for a #GError
 *
 * Sets a parameter that has no setter of its own, such as a server's
 * extension. Parameters are sent in the order they were first set.
 *
 * Returns: %TRUE, or %FALSE with @error set (%OA2_ERROR_INVALID_ARGUMENT
 *   for a parameter that has a setter, or that the library sends itself,
 *   such as `state` or `code_challenge`)
 */
gboolean
oa2_authorization_request_set_parameter (OA2AuthorizationRequest  *self,
                                         const char               *name,
                                         const char               *value,
                                         GError                  **error)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), FALSE);

  if (name == NULL || *name == '\0' || is_reserved (name))
    {
      g_autofree char *shown = oa2_error_sanitize_name (name != NULL ? name : "");

      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is a parameter name such as "state" */
                   _("The parameter “%s” cannot be set as an extra parameter"), shown);
      return FALSE;
    }

  for (guint i = 0; i + 1 < self->custom->len; i += 2)
    if (g_str_equal (self->custom->pdata[i], name))
      {
        if (value == NULL)
          g_ptr_array_remove_range (self->custom, i, 2);
        else
          {
            g_free (self->custom->pdata[i + 1]);
            self->custom->pdata[i + 1] = g_strdup (value);
          }
        return TRUE;
      }
  if (value != NULL)
    {
      g_ptr_array_add (self->custom, g_strdup (name));
      g_ptr_array_add (self->custom, g_strdup (value));
    }
  return TRUE;
}

/**
 * oa2_authorization_request_get_issuer: (get-property issuer)
 * @self: a request
 *
 * Gets the issuer that an `iss` in the response must name.
 *
 * Returns: (nullable): the issuer, or %NULL when unknown
 */
const char *
oa2_authorization_request_get_issuer (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->issuer;
}

/**
 * oa2_authorization_request_set_issuer:
 * @self: a request
 * @issuer: (nullable): the server's issuer identifier, or %NULL
 *
 * Sets the issuer that the response's `iss` (RFC 9207) must equal.
 * [method@OA2.Client.new_authorization_request] sets the client's.
 */
void
oa2_authorization_request_set_issuer (OA2AuthorizationRequest *self,
                                      const char              *issuer)
{
  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self));
  oa2_authorization_request_replace (&self->issuer, issuer);
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_ISSUER);
}

/**
 * oa2_authorization_request_get_require_issuer: (get-property require-issuer)
 * @self: a request
 *
 * Gets whether the response must carry `iss`.
 *
 * Returns: %TRUE when a response without `iss` is refused
 */
gboolean
oa2_authorization_request_get_require_issuer (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), FALSE);
  return self->require_issuer;
}

/**
 * oa2_authorization_request_set_require_issuer:
 * @self: a request
 * @require: whether the response must carry `iss`
 *
 * Sets whether a response without `iss` is refused, as it must be when the
 * server advertises `authorization_response_iss_parameter_supported`
 * (RFC 9207 §3). [method@OA2.Client.new_authorization_request] copies
 * [property@OA2.Client:authorization-response-iss-parameter-supported].
 */
void
oa2_authorization_request_set_require_issuer (OA2AuthorizationRequest *self,
                                              gboolean                 require)
{
  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self));
  self->require_issuer = !!require;
  oa2_authorization_request_notify (self, OA2_AUTHORIZATION_REQUEST_PROP_REQUIRE_ISSUER);
}

/**
 * oa2_authorization_request_get_request_uri: (get-property request-uri)
 * @self: a request
 *
 * Gets the `request_uri` that the server gave for the pushed request
 * (RFC 9126 §2.2), or the one set with
 * [method@OA2.AuthorizationRequest.set_request_uri].
 *
 * Returns: (nullable): the request URI, or %NULL when the request was not
 *   pushed
 */
const char *
oa2_authorization_request_get_request_uri (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->request_uri;
}

/**
 * oa2_authorization_request_get_request_uri_expires_at: (get-property request-uri-expires-at)
 * @self: a request
 *
 * Gets when the pushed request's `request_uri` expires.
 *
 * Returns: (nullable) (transfer none): the time, or %NULL when the request
 *   was not pushed
 */
GDateTime *
oa2_authorization_request_get_request_uri_expires_at (OA2AuthorizationRequest *self)
{
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (self), NULL);
  return self->request_uri_expires_at;
}
