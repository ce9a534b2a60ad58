/* oa2-soup-auth.c: OAuth tokens through libsoup's own authentication
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2SoupAuthBearer:
 *
 * The drop-in for code that owns its [class@Soup.Session] and sends
 * messages itself: once [func@OA2.soup_auth_install] has run, every
 * message the session sends under the resource base URL carries the
 * token of an [class@OA2.Auth], and libsoup's [class@Soup.AuthManager]
 * renews it when the resource server refuses it, without any code at the
 * call sites:
 *
 * ```c
 * oa2_soup_auth_install (session, OA2_AUTH (auth), "https://api.example.com/v1/", &error);
 * msg = soup_message_new ("POST", "https://api.example.com/v1/items");
 * oa2_soup_auth_set_request_body (msg, "application/json", body);
 * soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_items, NULL);
 * ```
 *
 * ```python
 * OA2.soup_auth_install(session, auth, 'https://api.example.com/v1/')
 * ```
 *
 * What happens on the wire:
 *
 * - Each attempt libsoup makes is stamped with `Authorization` and, for a
 *   [class@OA2.DPoPToken], a new `DPoP` proof for that attempt's method
 *   and URL, with the nonce the server sent last.
 * - A 401 whose challenge says `error="invalid_token"` renews the token
 *   once, through the handler's single-flight renewal, and libsoup sends
 *   the message again, with the request body set by
 *   [func@OA2.soup_auth_set_request_body] (libsoup itself drops the body
 *   of a message it sends again).
 * - A 401 with `DPoP error="use_dpop_nonce"` and a `DPoP-Nonce` sends the
 *   message again once, with a proof carrying the nonce.
 * - A message outside the resource base (another origin, or another path
 *   on the same one), including one a redirect took there, carries
 *   neither the token nor a proof.
 * - A message whose token cannot be renewed (the user must sign in again,
 *   or the token endpoint failed) completes with the server's 401.
 *
 * The cost of this layer: libsoup asks for credentials only after a 401.
 * A token that the handler knows to be expired (or no token yet) is not
 * sent; the request goes out bare once, and its 401 starts the renewal.
 * [class@OA2.ApiClient], which renews before it sends, avoids that round
 * trip and is the better choice for new code. Request bodies set from a
 * [class@Gio.InputStream] cannot be sent twice: set bodies with
 * [func@OA2.soup_auth_set_request_body].
 *
 * With the asynchronous [class@Soup.Session] calls, the renewal is
 * asynchronous too and libsoup waits for it. A blocking send renews with
 * a blocking call, which works from a thread whose main context nobody
 * is running (a script, a worker thread); from inside a running main
 * loop, send asynchronously.
 *
 * [class@OA2.SoupAuthDPoP] is the same for the `DPoP` scheme: a server's
 * `WWW-Authenticate: DPoP …` challenge reaches it. Both are installed
 * together; which one libsoup asks depends only on the challenge.
 */

/**
 * OA2SoupAuthDPoP:
 *
 * The `DPoP` twin of [class@OA2.SoupAuthBearer] (RFC 9449 §7.1): libsoup
 * hands it the challenges of the `DPoP` scheme, such as
 * `error="use_dpop_nonce"`. [func@OA2.soup_auth_install] registers it;
 * the handler's DPoP key makes the tokens DPoP tokens:
 *
 * ```c
 * auth = oa2_client_credentials_auth_new_full (client, NULL, NULL, NULL, dpop_key);
 * oa2_soup_auth_install (session, OA2_AUTH (auth), "https://api.example.com/", &error);
 * ```
 *
 * ```python
 * auth = OA2.ClientCredentialsAuth.new_full(client, None, None, None, dpop_key)
 * OA2.soup_auth_install(session, auth, 'https://api.example.com/')
 * ```
 */

#include "config.h"

#include <string.h>

#include "oa2-soup-auth.h"
#include "oa2-auth-private.h"
#include "oa2-dpop-token-private.h"
#include "oa2-dpop-token.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-uri-private.h"

/* What one install shares among the SoupAuth objects libsoup makes for it
 * (it makes new ones from challenges) and the messages it stamps. */
typedef struct
{
  gatomicrefcount  ref;
  OA2Auth         *auth;
  GUri            *base;       /* scheme, host, port and path prefix */
  GMutex           lock;
  OA2BearerToken  *refused;    /* the token a server refused, until renewed */
} Binding;

/* What a message under the resource base carries. */
typedef struct
{
  Binding        *binding;
  OA2BearerToken *stamped;        /* the token of the last attempt */
  char           *proof_header;   /* the header a DPoP proof went in */
  gboolean        nonce_retried;
  gboolean        renewed;
  gboolean        failed;         /* no more attempts with credentials */
} MsgState;

#define MSG_STATE_KEY "oa2-soup-auth-state"
#define BODY_KEY "oa2-soup-auth-body"

/* A request body libsoup can be given again. */
typedef struct
{
  char   *content_type;
  GBytes *bytes;
} Body;

typedef struct
{
  Binding *binding;
} OA2SoupAuthBearerPrivate;

struct _OA2SoupAuthDPoP
{
  OA2SoupAuthBearer parent_instance;
};

G_DEFINE_TYPE_WITH_PRIVATE (OA2SoupAuthBearer, oa2_soup_auth_bearer, SOUP_TYPE_AUTH)
G_DEFINE_FINAL_TYPE (OA2SoupAuthDPoP, oa2_soup_auth_dpop, OA2_TYPE_SOUP_AUTH_BEARER)

/* ---------------------------------------------------------------------- */
/* The binding */

static Binding *
binding_ref (Binding *binding)
{
  g_atomic_ref_count_inc (&binding->ref);
  return binding;
}

static void
binding_unref (gpointer data)
{
  Binding *binding = data;

  if (!g_atomic_ref_count_dec (&binding->ref))
    return;
  g_object_unref (binding->auth);
  g_uri_unref (binding->base);
  g_clear_object (&binding->refused);
  g_mutex_clear (&binding->lock);
  g_free (binding);
}

/* Same origin and under the base path: nothing else gets the token. */
static gboolean
binding_covers (Binding *binding,
                GUri    *uri)
{
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;
  const char *path;

  if (host == NULL || !oa2_uri_same_origin (uri, binding->base))
    return FALSE;
  path = g_uri_get_path (uri);
  if (path == NULL || *path == '\0')
    path = "/";
  return g_str_has_prefix (path, g_uri_get_path (binding->base));
}

/* The token to send, unless there is none, it expires within the
 * handler's leeway, or a server refused it. */
static OA2BearerToken *
binding_dup_usable_token (Binding *binding)
{
  g_autoptr(OA2BearerToken) token = oa2_auth_dup_token (binding->auth);
  gboolean refused;

  if (token == NULL || oa2_bearer_token_is_expired (token, oa2_auth_get_leeway (binding->auth)))
    return NULL;
  g_mutex_lock (&binding->lock);
  refused = binding->refused == token;
  g_mutex_unlock (&binding->lock);
  return refused ? NULL : g_steal_pointer (&token);
}

static void
msg_state_free (gpointer data)
{
  MsgState *state = data;

  binding_unref (state->binding);
  g_clear_object (&state->stamped);
  g_free (state->proof_header);
  g_free (state);
}

/* The state of @msg if it belongs to @binding's install (or to any, for
 * @binding %NULL) and is still under its base. */
static MsgState *
msg_state_covered (SoupMessage *msg,
                   Binding     *binding)
{
  MsgState *state = g_object_get_data (G_OBJECT (msg), MSG_STATE_KEY);

  if (state == NULL || (binding != NULL && state->binding != binding) ||
      !binding_covers (state->binding, soup_message_get_uri (msg)))
    return NULL;
  return state;
}

/* ---------------------------------------------------------------------- */
/* SoupAuth */

static Binding *
binding_of (SoupAuth *auth)
{
  OA2SoupAuthBearerPrivate *priv = oa2_soup_auth_bearer_get_instance_private (OA2_SOUP_AUTH_BEARER (auth));

  return priv->binding;
}

/* Whether the response challenges with @scheme: libsoup also calls
 * update() with no parameters when the response has no challenge of the
 * scheme, which says nothing about the token. */
static gboolean
has_challenge (SoupMessage *msg,
               const char  *scheme)
{
  const char *header = soup_message_headers_get_list (soup_message_get_response_headers (msg), "WWW-Authenticate");
  gsize length = strlen (scheme);
  GSList *items;
  gboolean found = FALSE;

  if (header == NULL)
    return FALSE;
  items = soup_header_parse_list (header);
  for (GSList *l = items; l != NULL && !found; l = l->next)
    {
      const char *item = l->data;

      found = g_ascii_strncasecmp (item, scheme, length) == 0 &&
              (item[length] == '\0' || g_ascii_isspace (item[length]));
    }
  soup_header_free_list (items);
  return found;
}

/* libsoup makes an object of its own from a challenge: it joins the
 * install of the message whose challenge it was made for. Messages of no
 * install, or outside its base, leave it unbound, and libsoup then has
 * no credentials to offer. */
static gboolean
oa2_soup_auth_bearer_update (SoupAuth    *auth,
                             SoupMessage *msg,
                             GHashTable  *params)
{
  OA2SoupAuthBearerPrivate *priv = oa2_soup_auth_bearer_get_instance_private (OA2_SOUP_AUTH_BEARER (auth));
  MsgState *state = msg_state_covered (msg, priv->binding);
  const char *code;

  if (state == NULL || !has_challenge (msg, soup_auth_get_scheme_name (auth)))
    return FALSE;
  if (priv->binding == NULL)
    priv->binding = binding_ref (state->binding);

  code = g_hash_table_lookup (params, "error");
  if (state->stamped == NULL ||
      soup_message_headers_get_one (soup_message_get_request_headers (msg), "Authorization") == NULL)
    return TRUE;   /* sent bare: the authenticate signal gets a token */

  if (g_strcmp0 (code, "use_dpop_nonce") == 0 && OA2_IS_DPOP_TOKEN (state->stamped))
    {
      /* RFC 9449 §9: the token is good, the proof lacked the nonce. */
      if (state->nonce_retried ||
          !oa2_dpop_token_remember_nonce (OA2_DPOP_TOKEN (state->stamped), soup_message_get_uri (msg),
                                          soup_message_get_response_headers (msg)))
        state->failed = TRUE;
      state->nonce_retried = TRUE;
      return TRUE;
    }

  if (g_strcmp0 (code, "invalid_token") != 0 || state->renewed)
    {
      /* Some other refusal, or the renewed token refused too: the
       * caller gets the 401 as it is. */
      state->failed = TRUE;
      return TRUE;
    }

  g_mutex_lock (&priv->binding->lock);
  g_set_object (&priv->binding->refused, state->stamped);
  g_mutex_unlock (&priv->binding->lock);
  return TRUE;
}

static GSList *
oa2_soup_auth_bearer_get_protection_space (SoupAuth *auth,
                                           GUri     *source_uri)
{
  Binding *binding = binding_of (auth);

  if (binding != NULL)
    return g_slist_prepend (NULL, g_strdup (g_uri_get_path (binding->base)));
  return g_slist_prepend (NULL, g_strdup (g_uri_get_path (source_uri)));
}

/* Usernames and passwords mean nothing here. */
static void
oa2_soup_auth_bearer_authenticate (SoupAuth   *auth,
                                   const char *username,
                                   const char *password)
{
}

static gboolean
oa2_soup_auth_bearer_is_authenticated (SoupAuth *auth)
{
  Binding *binding = binding_of (auth);
  g_autoptr(OA2BearerToken) token = NULL;

  if (binding == NULL)
    return FALSE;
  token = binding_dup_usable_token (binding);
  return token != NULL;
}

static gboolean
oa2_soup_auth_bearer_is_ready (SoupAuth    *auth,
                               SoupMessage *msg)
{
  Binding *binding = binding_of (auth);
  MsgState *state;
  g_autoptr(OA2BearerToken) token = NULL;

  if (binding == NULL)
    return FALSE;
  state = msg_state_covered (msg, binding);
  if (state == NULL || state->failed)
    return FALSE;
  token = binding_dup_usable_token (binding);
  return token != NULL;
}

static gboolean
oa2_soup_auth_bearer_can_authenticate (SoupAuth *auth)
{
  return binding_of (auth) != NULL;
}

/* Called for every attempt: a DPoP token gets a new proof each time, as a
 * side effect, since libsoup sets only the Authorization header. */
static char *
oa2_soup_auth_bearer_get_authorization (SoupAuth    *auth,
                                        SoupMessage *msg)
{
  Binding *binding = binding_of (auth);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  MsgState *state;

  if (binding == NULL || (state = msg_state_covered (msg, binding)) == NULL ||
      (token = binding_dup_usable_token (binding)) == NULL)
    return NULL;

  if (OA2_IS_DPOP_TOKEN (token))
    {
      OA2DPoPKey *key = oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (token));
      g_autofree char *uri = g_uri_to_string_partial (soup_message_get_uri (msg), G_URI_HIDE_USERINFO);
      g_autofree char *proof = oa2_dpop_token_make_proof (OA2_DPOP_TOKEN (token),
                                                          soup_message_get_method (msg), uri, &error);

      if (proof == NULL)
        {
          g_debug ("Not sending the DPoP token: %s", error->message);
          return NULL;
        }
      g_free (state->proof_header);
      state->proof_header = g_strdup (oa2_dpop_key_get_proof_header (key));
      soup_message_headers_replace (soup_message_get_request_headers (msg), state->proof_header, proof);
    }
  g_set_object (&state->stamped, token);
  return oa2_bearer_token_dup_authorization_header (token);
}

static void
oa2_soup_auth_bearer_finalize (GObject *object)
{
  OA2SoupAuthBearerPrivate *priv = oa2_soup_auth_bearer_get_instance_private (OA2_SOUP_AUTH_BEARER (object));

  g_clear_pointer (&priv->binding, binding_unref);
  G_OBJECT_CLASS (oa2_soup_auth_bearer_parent_class)->finalize (object);
}

static void
oa2_soup_auth_bearer_class_init (OA2SoupAuthBearerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  SoupAuthClass *auth_class = SOUP_AUTH_CLASS (klass);

  object_class->finalize = oa2_soup_auth_bearer_finalize;
  auth_class->scheme_name = "Bearer";
  /* Above Basic and Digest, below Negotiate. */
  auth_class->strength = 6;
  auth_class->update = oa2_soup_auth_bearer_update;
  auth_class->get_protection_space = oa2_soup_auth_bearer_get_protection_space;
  auth_class->authenticate = oa2_soup_auth_bearer_authenticate;
  auth_class->is_authenticated = oa2_soup_auth_bearer_is_authenticated;
  auth_class->get_authorization = oa2_soup_auth_bearer_get_authorization;
  auth_class->is_ready = oa2_soup_auth_bearer_is_ready;
  auth_class->can_authenticate = oa2_soup_auth_bearer_can_authenticate;
}

static void
oa2_soup_auth_bearer_init (OA2SoupAuthBearer *self)
{
}

static void
oa2_soup_auth_dpop_class_init (OA2SoupAuthDPoPClass *klass)
{
  SoupAuthClass *auth_class = SOUP_AUTH_CLASS (klass);

  auth_class->scheme_name = "DPoP";
  auth_class->strength = 7;
}

static void
oa2_soup_auth_dpop_init (OA2SoupAuthDPoP *self)
{
}

/**
 * oa2_soup_auth_bearer_get_auth:
 * @self: a SoupAuth of this library
 *
 * Gets the auth handler whose token @self sends.
 *
 * Returns: (transfer none) (nullable): the handler, or %NULL for an
 *   object libsoup made for a message of no install
 */
OA2Auth *
oa2_soup_auth_bearer_get_auth (OA2SoupAuthBearer *self)
{
  Binding *binding;

  g_return_val_if_fail (OA2_IS_SOUP_AUTH_BEARER (self), NULL);

  binding = binding_of (SOUP_AUTH (self));
  return binding != NULL ? binding->auth : NULL;
}

/* ---------------------------------------------------------------------- */
/* The session side: per message state, the asynchronous renewal */

typedef struct
{
  SoupMessage *msg;
  SoupAuth    *auth;
  OA2Auth     *handler;
  OA2BearerToken *refused;
} Renewal;

static void
renewal_free (Renewal *renewal)
{
  g_object_unref (renewal->msg);
  g_object_unref (renewal->auth);
  g_object_unref (renewal->handler);
  g_clear_object (&renewal->refused);
  g_free (renewal);
}

static void
on_renewed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Renewal *renewal = user_data;
  MsgState *state = g_object_get_data (G_OBJECT (renewal->msg), MSG_STATE_KEY);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;

  if (renewal->refused != NULL)
    token = oa2_auth_ensure_token_refusing_finish (renewal->handler, result, &error);
  else
    token = oa2_auth_ensure_token_finish (renewal->handler, result, &error);

  if (token == NULL)
    {
      g_debug ("Could not renew the token of a message: %s", error->message);
      state->failed = TRUE;
    }
  else
    {
      g_mutex_lock (&state->binding->lock);
      if (state->binding->refused != NULL && state->binding->refused != token)
        g_clear_object (&state->binding->refused);
      g_mutex_unlock (&state->binding->lock);
    }
  /* libsoup paused the message until this notification, whatever the
   * outcome: is_ready() then tells it whether to send it again. */
  g_object_notify (G_OBJECT (renewal->auth), "is-authenticated");
  renewal_free (renewal);
}

/* SoupMessage::authenticate: libsoup asks for credentials after a 401. */
static gboolean
on_authenticate (SoupMessage *msg,
                 SoupAuth    *auth,
                 gboolean     retrying,
                 gpointer     user_data)
{
  MsgState *state = msg_state_covered (msg, NULL);
  Renewal *renewal;

  if (state == NULL || !OA2_IS_SOUP_AUTH_BEARER (auth) || binding_of (auth) != state->binding ||
      state->failed)
    return FALSE;
  if (state->renewed)
    {
      /* One renewal per message, so that a server that refuses every
       * token cannot make it loop. */
      state->failed = TRUE;
      return FALSE;
    }
  state->renewed = TRUE;

  /* libsoup can only wait (pause the message) for asynchronous sends,
   * which run in a main context someone iterates. A blocking send from a
   * thread whose context nobody runs (a script, a worker thread) gets a
   * blocking renewal instead, after which libsoup sends the message
   * again by itself. */
  {
    g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

    if (!g_main_context_is_owner (context))
      {
        g_autoptr(OA2BearerToken) refused = NULL;
        g_autoptr(OA2BearerToken) token = NULL;
        g_autoptr(GError) error = NULL;

        g_mutex_lock (&state->binding->lock);
        refused = state->binding->refused != NULL ? g_object_ref (state->binding->refused) : NULL;
        g_mutex_unlock (&state->binding->lock);
        token = refused != NULL
                ? oa2_auth_ensure_token_refusing (state->binding->auth, refused, NULL, &error)
                : oa2_auth_ensure_token (state->binding->auth, NULL, &error);
        if (token == NULL)
          {
            g_debug ("Could not renew the token of a message: %s", error->message);
            state->failed = TRUE;
            return FALSE;
          }
        g_mutex_lock (&state->binding->lock);
        if (state->binding->refused != NULL && state->binding->refused != token)
          g_clear_object (&state->binding->refused);
        g_mutex_unlock (&state->binding->lock);
        return FALSE;
      }
  }

  renewal = g_new0 (Renewal, 1);
  renewal->msg = g_object_ref (msg);
  renewal->auth = g_object_ref (auth);
  renewal->handler = g_object_ref (state->binding->auth);
  g_mutex_lock (&state->binding->lock);
  renewal->refused = state->binding->refused != NULL ? g_object_ref (state->binding->refused) : NULL;
  g_mutex_unlock (&state->binding->lock);

  if (renewal->refused != NULL)
    oa2_auth_ensure_token_refusing_async (renewal->handler, renewal->refused, NULL, on_renewed, renewal);
  else
    oa2_auth_ensure_token_async (renewal->handler, NULL, on_renewed, renewal);
  return TRUE;
}

/* Every response may carry the next DPoP nonce (RFC 9449 §8.2). */
static void
on_got_headers (SoupMessage *msg,
                gpointer     user_data)
{
  MsgState *state = msg_state_covered (msg, NULL);

  if (state != NULL && state->stamped != NULL && OA2_IS_DPOP_TOKEN (state->stamped))
    oa2_dpop_token_remember_nonce (OA2_DPOP_TOKEN (state->stamped), soup_message_get_uri (msg),
                                   soup_message_get_response_headers (msg));
}

/* libsoup drops Authorization when an attempt goes without the token
 * (it left the base, or the token is being renewed); the proof is ours to
 * drop. This runs after the auth manager's own handler. */
static void
on_starting (SoupMessage *msg,
             gpointer     user_data)
{
  MsgState *state = g_object_get_data (G_OBJECT (msg), MSG_STATE_KEY);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (state != NULL && state->proof_header != NULL &&
      (soup_message_headers_get_one (headers, "Authorization") == NULL ||
       !binding_covers (state->binding, soup_message_get_uri (msg))))
    soup_message_headers_remove (headers, state->proof_header);
}

static void
body_free (gpointer data)
{
  Body *body = data;

  g_free (body->content_type);
  g_bytes_unref (body->bytes);
  g_free (body);
}

/* libsoup drops the request body when it restarts a message; a retry
 * after a 401 (or a 307 or 308 redirect, which keep the method) sends it
 * again. Other redirects turn the request into a GET without a body. */
static void
on_restarted (SoupMessage *msg,
              gpointer     user_data)
{
  Body *body = g_object_get_data (G_OBJECT (msg), BODY_KEY);
  guint status = soup_message_get_status (msg);

  if (body != NULL && (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
                       status == SOUP_STATUS_PERMANENT_REDIRECT))
    soup_message_set_request_body_from_bytes (msg, body->content_type, body->bytes);
}

/**
 * oa2_soup_auth_set_request_body:
 * @msg: a message
 * @content_type: (nullable): the media type of @body, %NULL for none
 * @body: the request body
 *
 * Sets the request body of @msg so that it is sent again when libsoup
 * sends @msg again after a 401 (the renewal of [class@OA2.SoupAuthBearer])
 * or a 307 or 308 redirect. libsoup 3 drops a body set with
 * [method@Soup.Message.set_request_body_from_bytes] when it restarts a
 * message, so set the bodies of messages that go through
 * [func@OA2.soup_auth_install] with this function instead.
 */
void
oa2_soup_auth_set_request_body (SoupMessage *msg,
                                const char  *content_type,
                                GBytes      *body)
{
  Body *kept;

  g_return_if_fail (SOUP_IS_MESSAGE (msg));
  g_return_if_fail (body != NULL);

  kept = g_new0 (Body, 1);
  kept->content_type = g_strdup (content_type);
  kept->bytes = g_bytes_ref (body);
  soup_message_set_request_body_from_bytes (msg, content_type, body);
  if (g_object_get_data (G_OBJECT (msg), BODY_KEY) == NULL)
    g_signal_connect (msg, "restarted", G_CALLBACK (on_restarted), NULL);
  g_object_set_data_full (G_OBJECT (msg), BODY_KEY, kept, body_free);
}

static void
on_request_queued (SoupSession *session,
                   SoupMessage *msg,
                   gpointer     user_data)
{
  Binding *binding = user_data;
  MsgState *state;

  if (!binding_covers (binding, soup_message_get_uri (msg)) ||
      g_object_get_data (G_OBJECT (msg), MSG_STATE_KEY) != NULL)
    return;

  state = g_new0 (MsgState, 1);
  state->binding = binding_ref (binding);
  g_object_set_data_full (G_OBJECT (msg), MSG_STATE_KEY, state, msg_state_free);
  g_signal_connect (msg, "authenticate", G_CALLBACK (on_authenticate), NULL);
  g_signal_connect (msg, "got-headers", G_CALLBACK (on_got_headers), NULL);
  g_signal_connect (msg, "starting", G_CALLBACK (on_starting), NULL);
}

static void
binding_closure_notify (gpointer  data,
                        GClosure *closure)
{
  binding_unref (data);
}

static void
add_auth_type (SoupSession *session,
               GType        type)
{
  if (!soup_session_has_feature (session, type))
    soup_session_add_feature_by_type (session, type);
}

/**
 * oa2_soup_auth_install:
 * @session: a session the application sends its messages through
 * @auth: the auth handler whose token the messages carry
 * @resource_base: the URL of the API: its origin and path prefix; https,
 *   or http to a loopback host
 * @error: return location for a #GError
 *
 * Makes @session send @auth's token with every message under
 * @resource_base, renewing it when a resource server refuses it, through
 * libsoup's own authentication: see [class@OA2.SoupAuthBearer]. It adds
 * [class@OA2.SoupAuthBearer] and [class@OA2.SoupAuthDPoP] to the
 * session's [class@Soup.AuthManager] (and the manager itself if the
 * session had none), and gives the manager an [class@OA2.SoupAuthBearer]
 * for the base URL.
 *
 * Call it from the thread that made @session, before sending. Install
 * each API once per session; several APIs (several bases) may share a
 * session.
 *
 * Returns: %TRUE on success; %FALSE with @error set:
 *   %OA2_ERROR_INSECURE_TRANSPORT for plain http to a host that is not a
 *   loopback address, %OA2_ERROR_INVALID_ARGUMENT for a URL that is not
 *   absolute or has a fragment
 */
gboolean
oa2_soup_auth_install (SoupSession  *session,
                       OA2Auth      *auth,
                       const char   *resource_base,
                       GError      **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(SoupAuth) preloaded = NULL;
  g_autofree char *authority = NULL;
  g_autofree char *realm = NULL;
  OA2SoupAuthBearerPrivate *priv;
  SoupSessionFeature *manager;
  Binding *binding;
  const char *path;

  g_return_val_if_fail (SOUP_IS_SESSION (session), FALSE);
  g_return_val_if_fail (OA2_IS_AUTH (auth), FALSE);
  g_return_val_if_fail (resource_base != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  parsed = oa2_uri_parse_endpoint (resource_base, error);
  if (parsed == NULL)
    return FALSE;
  if (g_uri_get_query (parsed) != NULL)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is a URL */
                   _("The resource base URL “%s” must not have a query"), resource_base);
      return FALSE;
    }

  binding = g_new0 (Binding, 1);
  g_atomic_ref_count_init (&binding->ref);
  binding->auth = g_object_ref (auth);
  g_mutex_init (&binding->lock);
  /* A base path ends in '/', so that /api does not cover /apix. */
  path = g_uri_get_path (parsed);
  if (!g_str_has_suffix (path, "/"))
    {
      g_autofree char *with_slash = g_strconcat (path, "/", NULL);

      binding->base = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (parsed), NULL,
                                   g_uri_get_host (parsed), g_uri_get_port (parsed), with_slash, NULL, NULL);
    }
  else
    {
      binding->base = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (parsed), NULL,
                                   g_uri_get_host (parsed), g_uri_get_port (parsed), path, NULL, NULL);
    }

  if (soup_session_get_feature (session, SOUP_TYPE_AUTH_MANAGER) == NULL)
    soup_session_add_feature_by_type (session, SOUP_TYPE_AUTH_MANAGER);
  manager = soup_session_get_feature (session, SOUP_TYPE_AUTH_MANAGER);
  add_auth_type (session, OA2_TYPE_SOUP_AUTH_BEARER);
  add_auth_type (session, OA2_TYPE_SOUP_AUTH_DPOP);

  authority = g_strdup_printf ("%s:%d", g_uri_get_host (binding->base), oa2_uri_get_port_or_default (binding->base));
  /* The realm names the install; a challenge with another realm makes
   * libsoup create an object of its own, which joins the install through
   * the message. */
  realm = g_uri_to_string (binding->base);
  preloaded = g_object_new (OA2_TYPE_SOUP_AUTH_BEARER, "authority", authority, "realm", realm, NULL);
  priv = oa2_soup_auth_bearer_get_instance_private (OA2_SOUP_AUTH_BEARER (preloaded));
  priv->binding = binding_ref (binding);
  soup_auth_manager_use_auth (SOUP_AUTH_MANAGER (manager), binding->base, preloaded);

  g_signal_connect_data (session, "request-queued", G_CALLBACK (on_request_queued),
                         binding, binding_closure_notify, 0);
  return TRUE;
}
