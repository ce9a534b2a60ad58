/* oa2-dpop-token.c: an access token bound to a DPoP key (RFC 9449)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2DPoPToken:
 *
 * An access token bound to a key (RFC 9449): the server issued it with
 * `token_type` `DPoP` to a token request that carried a proof of that key,
 * and a resource server accepts it only with a fresh proof of the same
 * key, so a stolen token is of no use without the key.
 *
 * [class@OA2.Client] returns one when a token request carries a DPoP key
 * (a per-call key, or [property@OA2.Client:dpop-bound-access-tokens]). It
 * is an [class@OA2.BearerToken] in every other way: expiry, refresh token,
 * scope and the other members of the response.
 *
 * [method@OA2.BearerToken.authorize_message] stamps a message with
 * `Authorization: DPoP <token>` and a new `DPoP` proof for the message's
 * method and URL, with `ath` (the hash of the token) and, once the
 * resource server has sent one, its nonce. Each attempt gets its own
 * proof: when libsoup sends the message again (a redirect to the same
 * origin), the token stamps a new one; a redirect to another origin loses
 * both headers, so that neither the token nor the proof travel there.
 *
 * A resource server that wants a nonce answers 401 with
 * `WWW-Authenticate: DPoP error="use_dpop_nonce"` and a `DPoP-Nonce`.
 * [method@OA2.DPoPToken.retry_with_nonce] tells whether that happened, and
 * then stamps the message again with a proof carrying the nonce; send it
 * once more. It says so only once per message, so a server that keeps
 * asking cannot make the application loop:
 *
 * ```c
 * if (!oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (token), msg, &error))
 *   return FALSE;
 * body = soup_session_send_and_read (session, msg, cancellable, &error);
 * if (body != NULL && oa2_dpop_token_retry_with_nonce (token, msg, &error))
 *   {
 *     g_bytes_unref (body);
 *     body = soup_session_send_and_read (session, msg, cancellable, &error);
 *   }
 * ```
 *
 * ```python
 * token.authorize_message(msg)
 * body = session.send_and_read(msg, None)
 * if token.retry_with_nonce(msg):
 *     body = session.send_and_read(msg, None)
 * ```
 *
 * The nonces are remembered per origin. A token that [class@OA2.Client]
 * issued shares them with the client's [class@Soup.Session], where the
 * client keeps the authorization server's nonce too; a token made or
 * restored otherwise keeps its own. The nonce a resource server sends on
 * any response the token stamped is remembered for the next proof.
 *
 * [method@OA2.BearerToken.to_json] stores the token together with its
 * private key, and [ctor@OA2.DPoPToken.new_from_json] (or
 * [ctor@OA2.BearerToken.new_from_json]) restores both.
 */

#include "config.h"

#include <string.h>

#include "oa2-bearer-token-private.h"
#include "oa2-dpop-token-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-secret-private.h"
#include "oa2-uri-private.h"

struct _OA2DPoPToken
{
  OA2BearerToken  parent_instance;

  OA2DPoPKey     *dpop_key;
  OA2DPoPNonces  *nonces;   /* set once, before the token is handed out */
};

G_DEFINE_FINAL_TYPE (OA2DPoPToken, oa2_dpop_token, OA2_TYPE_BEARER_TOKEN)

enum {
  PROP_0,
  PROP_DPOP_KEY,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* What a token keeps on a message it stamped, to stamp it again when
 * libsoup restarts it and to remember the nonces its responses carry. */
typedef struct {
  OA2DPoPToken *token;
  GUri         *stamped_uri;     /* for its origin */
  gboolean      nonce_retried;
  gulong        got_headers_id;
  gulong        restarted_id;
} Watch;

#define WATCH_KEY "oa2-dpop-token-watch"

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  g_object_unref (watch->token);
  g_uri_unref (watch->stamped_uri);
  g_free (watch);
}

static void
strip_credentials (OA2DPoPToken *self,
                   SoupMessage  *msg)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_remove (headers, oa2_dpop_key_get_token_header (self->dpop_key));
  soup_message_headers_remove (headers, oa2_dpop_key_get_proof_header (self->dpop_key));
}

static void
on_got_headers (SoupMessage *msg,
                gpointer     user_data)
{
  Watch *watch = user_data;

  oa2_dpop_nonces_remember (watch->token->nonces, soup_message_get_uri (msg),
                            soup_message_get_response_headers (msg));
}

/* A proof is good for one request: a message that libsoup sends again
 * gets a new one. Another origin gets neither token nor proof. */
static void
on_restarted (SoupMessage *msg,
              gpointer     user_data)
{
  Watch *watch = user_data;
  OA2DPoPToken *self = watch->token;
  g_autoptr(GError) error = NULL;

  if (!oa2_uri_same_origin (watch->stamped_uri, soup_message_get_uri (msg)))
    {
      strip_credentials (self, msg);
      return;
    }
  if (!oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (self), msg, &error))
    {
      g_debug ("Not sending the DPoP token again: %s", error->message);
      strip_credentials (self, msg);
    }
}

static Watch *
watch_message (OA2DPoPToken *self,
               SoupMessage  *msg)
{
  Watch *watch = g_object_get_data (G_OBJECT (msg), WATCH_KEY);

  if (watch != NULL && watch->token == self)
    return watch;
  if (watch != NULL)
    {
      g_signal_handler_disconnect (msg, watch->got_headers_id);
      g_signal_handler_disconnect (msg, watch->restarted_id);
    }

  watch = g_new0 (Watch, 1);
  watch->token = g_object_ref (self);
  watch->stamped_uri = g_uri_ref (soup_message_get_uri (msg));
  watch->got_headers_id = g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers), watch);
  watch->restarted_id = g_signal_connect (msg, "restarted", G_CALLBACK (on_restarted), watch);
  /* Replacing the old watch frees it. */
  g_object_set_data_full (G_OBJECT (msg), WATCH_KEY, watch, watch_free);
  return watch;
}

static char *
make_proof (OA2DPoPToken  *self,
            const char    *method,
            GUri          *uri,
            GError       **error)
{
  g_autofree char *text = g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO);
  g_autofree char *nonce = oa2_dpop_nonces_dup (self->nonces, uri);

  return oa2_dpop_key_make_proof (self->dpop_key, method, text,
                                  oa2_bearer_token_get_access_token (OA2_BEARER_TOKEN (self)),
                                  nonce, error);
}

gboolean
oa2_bearer_token_stamp_attempt (OA2BearerToken  *token,
                                OA2HttpAttempt  *attempt,
                                GError         **error)
{
  g_autoptr(OA2SecretText) authorization = NULL;
  const char *token_header = "Authorization";

  if (OA2_IS_DPOP_TOKEN (token))
    {
      OA2DPoPToken *self = OA2_DPOP_TOKEN (token);
      g_autoptr(OA2SecretText) proof = NULL;

      if (!g_initable_init (G_INITABLE (self), NULL, error))
        return FALSE;
      proof = make_proof (self, attempt->method, attempt->endpoint, error);
      if (proof == NULL)
        return FALSE;
      soup_message_headers_replace (attempt->headers, oa2_dpop_key_get_proof_header (self->dpop_key), proof);
      token_header = oa2_dpop_key_get_token_header (self->dpop_key);
    }
  authorization = oa2_bearer_token_dup_authorization_header (token);
  soup_message_headers_replace (attempt->headers, token_header, authorization);
  return TRUE;
}

static gboolean
oa2_dpop_token_authorize_message (OA2BearerToken  *token,
                                  SoupMessage     *msg,
                                  GError         **error)
{
  OA2DPoPToken *self = OA2_DPOP_TOKEN (token);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  const char *token_header = oa2_dpop_key_get_token_header (self->dpop_key);
  g_autoptr(OA2SecretText) proof = NULL;

  /* The proof first: if it cannot be made, @msg is left as it was. */
  proof = make_proof (self, soup_message_get_method (msg), soup_message_get_uri (msg), error);
  if (proof == NULL)
    return FALSE;
  if (!OA2_BEARER_TOKEN_CLASS (oa2_dpop_token_parent_class)->authorize_message (token, msg, error))
    return FALSE;

  if (g_ascii_strcasecmp (token_header, "Authorization") != 0)
    {
      g_autoptr(OA2SecretText) value = g_strdup (soup_message_headers_get_one (headers, "Authorization"));

      soup_message_headers_remove (headers, "Authorization");
      soup_message_headers_replace (headers, token_header, value);
    }
  soup_message_headers_replace (headers, oa2_dpop_key_get_proof_header (self->dpop_key), proof);
  watch_message (self, msg);
  return TRUE;
}

static void
oa2_dpop_token_constructed (GObject *object)
{
  OA2DPoPToken *self = OA2_DPOP_TOKEN (object);

  G_OBJECT_CLASS (oa2_dpop_token_parent_class)->constructed (object);

  if (self->dpop_key == NULL)
    oa2_bearer_token_invalidate (OA2_BEARER_TOKEN (self),
                                 g_error_new_literal (OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                                                      _("A DPoP-bound token needs the key it is bound to")));
}

static void
oa2_dpop_token_finalize (GObject *object)
{
  OA2DPoPToken *self = OA2_DPOP_TOKEN (object);

  g_clear_object (&self->dpop_key);
  g_clear_pointer (&self->nonces, oa2_dpop_nonces_unref);

  G_OBJECT_CLASS (oa2_dpop_token_parent_class)->finalize (object);
}

static void
oa2_dpop_token_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OA2DPoPToken *self = OA2_DPOP_TOKEN (object);

  switch (prop_id)
    {
    case PROP_DPOP_KEY:
      g_value_set_object (value, self->dpop_key);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_dpop_token_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  OA2DPoPToken *self = OA2_DPOP_TOKEN (object);

  switch (prop_id)
    {
    case PROP_DPOP_KEY:
      self->dpop_key = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_dpop_token_class_init (OA2DPoPTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OA2BearerTokenClass *token_class = OA2_BEARER_TOKEN_CLASS (klass);

  object_class->constructed = oa2_dpop_token_constructed;
  object_class->finalize = oa2_dpop_token_finalize;
  object_class->get_property = oa2_dpop_token_get_property;
  object_class->set_property = oa2_dpop_token_set_property;
  token_class->authorize_message = oa2_dpop_token_authorize_message;

  /**
   * OA2DPoPToken:dpop-key: (getter get_dpop_key)
   *
   * The key the token is bound to. A token without one is invalid.
   */
  properties[PROP_DPOP_KEY] =
    g_param_spec_object ("dpop-key", NULL, NULL, OA2_TYPE_DPOP_KEY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_dpop_token_init (OA2DPoPToken *self)
{
  self->nonces = oa2_dpop_nonces_new ();
}

/**
 * oa2_dpop_token_new:
 * @access_token: the access token
 * @expires_at: (nullable): when it expires, or %NULL if unknown
 * @dpop_key: the key the token is bound to
 * @error: return location for a #GError
 *
 * Wraps a DPoP-bound access token obtained elsewhere, with the same checks
 * as [ctor@OA2.BearerToken.new].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2DPoPToken *
oa2_dpop_token_new (const char  *access_token,
                    GDateTime   *expires_at,
                    OA2DPoPKey  *dpop_key,
                    GError     **error)
{
  g_return_val_if_fail (access_token != NULL, NULL);
  g_return_val_if_fail (OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (OA2_TYPE_DPOP_TOKEN, NULL, error,
                         "access-token", access_token, "expires-at", expires_at,
                         "dpop-key", dpop_key, NULL);
}

/**
 * oa2_dpop_token_new_from_response:
 * @response: a token response
 * @dpop_key: the key whose proof the token request carried
 * @error: return location for a #GError
 *
 * Validates a token response to a request with a DPoP proof, as
 * [ctor@OA2.BearerToken.new_from_response] does, except that `token_type`
 * must be `DPoP` in any case: `Bearer`, another type or none fails with
 * %OA2_ERROR_TOKEN_TYPE_MISMATCH (a missing one with
 * %OA2_ERROR_MISSING_MEMBER).
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2DPoPToken *
oa2_dpop_token_new_from_response (JsonObject  *response,
                                  OA2DPoPKey  *dpop_key,
                                  GError     **error)
{
  g_return_val_if_fail (response != NULL, NULL);
  g_return_val_if_fail (OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (OA2_TYPE_DPOP_TOKEN, NULL, error,
                         "response", response, "dpop-key", dpop_key, NULL);
}

/* @response is what a stored token holds besides its expiry; its key
 * member is taken out of it, and wiped. */
OA2DPoPToken *
oa2_dpop_token_new_from_stored (JsonObject  *response,
                                GDateTime   *expires_at,
                                GError     **error)
{
  JsonNode *node = json_object_get_member (response, OA2_DPOP_TOKEN_STORED_KEY);
  g_autoptr(OA2SecretText) key_json = NULL;
  g_autoptr(OA2DPoPKey) key = NULL;

  if (node == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_MISSING_MEMBER,
                           _("The stored DPoP token has no key (“dpop_key”)"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                           _("The stored DPoP token’s key (“dpop_key”) is not a JSON object"));
      return NULL;
    }

  key_json = oa2_json_to_string (node);
  oa2_json_wipe_strings (node);
  json_object_remove_member (response, OA2_DPOP_TOKEN_STORED_KEY);
  key = oa2_dpop_key_new_from_json (key_json, error);
  if (key == NULL)
    return NULL;

  return g_initable_new (OA2_TYPE_DPOP_TOKEN, NULL, error,
                         "response", response, "expires-at", expires_at, "dpop-key", key, NULL);
}

/**
 * oa2_dpop_token_new_from_json:
 * @json: a token as [method@OA2.BearerToken.to_json] wrote it
 * @error: return location for a #GError
 *
 * Restores a stored DPoP-bound token and its key. Besides the checks of
 * [ctor@OA2.BearerToken.new_from_json] and [ctor@OA2.DPoPKey.new_from_json],
 * a stored token without its key (`dpop_key`) fails with
 * %OA2_ERROR_MISSING_MEMBER, and a stored `Bearer` token with
 * %OA2_ERROR_TOKEN_TYPE_MISMATCH.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2DPoPToken *
oa2_dpop_token_new_from_json (const char  *json,
                              GError     **error)
{
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(GDateTime) expires_at = NULL;

  g_return_val_if_fail (json != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!oa2_bearer_token_parse_stored (json, &response, &expires_at, error))
    return NULL;
  return oa2_dpop_token_new_from_stored (response, expires_at, error);
}

void
oa2_dpop_token_store_key (OA2DPoPToken *self,
                          JsonObject   *stored)
{
  g_autoptr(OA2SecretText) key_json = oa2_dpop_key_to_json (self->dpop_key);
  JsonObject *key_object = oa2_json_parse_object (key_json, strlen (key_json), NULL);

  /* The library wrote it: it parses. */
  g_return_if_fail (key_object != NULL);
  json_object_set_object_member (stored, OA2_DPOP_TOKEN_STORED_KEY, key_object);
}

void
oa2_dpop_token_set_nonces (OA2DPoPToken  *self,
                           OA2DPoPNonces *nonces)
{
  g_clear_pointer (&self->nonces, oa2_dpop_nonces_unref);
  self->nonces = oa2_dpop_nonces_ref (nonces);
}

gboolean
oa2_dpop_token_remember_nonce (OA2DPoPToken       *self,
                               GUri               *uri,
                               SoupMessageHeaders *response_headers)
{
  return oa2_dpop_nonces_remember (self->nonces, uri, response_headers);
}

/**
 * oa2_dpop_token_get_dpop_key: (get-property dpop-key)
 * @self: a token
 *
 * Gets the key the token is bound to: use it again to refresh the token,
 * for a server binds the refresh token of a public client to the same key.
 *
 * Returns: (transfer none): the key
 */
OA2DPoPKey *
oa2_dpop_token_get_dpop_key (OA2DPoPToken *self)
{
  g_return_val_if_fail (OA2_IS_DPOP_TOKEN (self), NULL);

  return self->dpop_key;
}

/**
 * oa2_dpop_token_make_proof:
 * @self: a token
 * @method: the HTTP method of the request
 * @uri: the URL of the request
 * @error: return location for a #GError
 *
 * Makes a proof for one request to a resource server, with `ath` for this
 * token and the nonce that @uri's origin sent last, if any; for requests
 * that are not a [class@Soup.Message]. Send it in the header
 * [property@OA2.DPoPKey:proof-header] names, beside the token as
 * [method@OA2.BearerToken.dup_authorization_header] gives it.
 *
 * Returns: (transfer full): the proof, or %NULL with @error set as
 *   [method@OA2.DPoPKey.make_proof] sets it
 */
char *
oa2_dpop_token_make_proof (OA2DPoPToken  *self,
                           const char    *method,
                           const char    *uri,
                           GError       **error)
{
  g_autoptr(GUri) parsed = NULL;

  g_return_val_if_fail (OA2_IS_DPOP_TOKEN (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_initable_init (G_INITABLE (self), NULL, error))
    return NULL;
  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  if (parsed == NULL)
    {
      /* The key's own check says what is wrong with it. */
      return oa2_dpop_key_make_proof (self->dpop_key, method, uri,
                                      oa2_bearer_token_get_access_token (OA2_BEARER_TOKEN (self)),
                                      NULL, error);
    }
  return make_proof (self, method, parsed, error);
}

/**
 * oa2_dpop_token_retry_with_nonce:
 * @self: the token that stamped @msg
 * @msg: a message that was sent and answered
 * @error: return location for a #GError
 *
 * Handles a resource server's request for a nonce (RFC 9449 §9): when @msg
 * was answered with 401, a `WWW-Authenticate` challenge `DPoP` with
 * `error="use_dpop_nonce"` and a `DPoP-Nonce` header, the nonce is
 * remembered and @msg is stamped again with a new proof that carries it.
 * Send @msg once more then.
 *
 * It returns %TRUE only once for a message, so that a server that keeps
 * asking cannot make the application loop, and never for a 401 without a
 * nonce: that answer is the caller's to handle as the 401 it is. Nor does
 * it for a message this token did not stamp, or one that a redirect took
 * to another origin.
 *
 * Returns: %TRUE if @msg is ready to be sent again; %FALSE if not, with
 *   @error set only when stamping it failed
 */
gboolean
oa2_dpop_token_retry_with_nonce (OA2DPoPToken  *self,
                                 SoupMessage   *msg,
                                 GError       **error)
{
  SoupMessageHeaders *response_headers;
  g_autofree char *challenges = NULL;
  Watch *watch;

  g_return_val_if_fail (OA2_IS_DPOP_TOKEN (self), FALSE);
  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (soup_message_get_status (msg) != SOUP_STATUS_UNAUTHORIZED)
    return FALSE;
  response_headers = soup_message_get_response_headers (msg);
  challenges = g_strdup (soup_message_headers_get_list (response_headers, "WWW-Authenticate"));
  if (!oa2_dpop_challenge_wants_nonce (challenges) ||
      !oa2_dpop_nonces_remember (self->nonces, soup_message_get_uri (msg), response_headers))
    return FALSE;

  /* Only a message this token stamped, still at the origin it was
   * stamped for: after a redirect elsewhere the token goes nowhere. */
  watch = g_object_get_data (G_OBJECT (msg), WATCH_KEY);
  if (watch == NULL || watch->token != self || watch->nonce_retried ||
      !oa2_uri_same_origin (watch->stamped_uri, soup_message_get_uri (msg)))
    return FALSE;
  if (!oa2_bearer_token_authorize_message (OA2_BEARER_TOKEN (self), msg, error))
    return FALSE;
  watch = g_object_get_data (G_OBJECT (msg), WATCH_KEY);
  watch->nonce_retried = TRUE;
  return TRUE;
}
