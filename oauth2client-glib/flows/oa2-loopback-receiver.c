/* oa2-loopback-receiver.c: the redirect receiver of a native app on a
 * loopback address (RFC 8252 §7.3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2LoopbackReceiver:
 *
 * Receives the authorization response of a native app (RFC 8252 §7.3):
 * a small HTTP server on the loopback interface, on a port the system
 * picks, whose address is the redirect URI of the
 * [class@OA2.AuthorizationRequest].
 *
 * [method@OA2.LoopbackReceiver.listen] opens the port; then
 * [property@OA2.LoopbackReceiver:redirect-uri] is, for example,
 * `http://127.0.0.1:49152/callback`. Build the request with it, send the
 * browser to the request's URI, and call
 * [method@OA2.LoopbackReceiver.receive_async]: it completes with the
 * [class@OA2.AuthorizationResponse] once the browser comes back, checked
 * by [method@OA2.AuthorizationRequest.validate_callback] (state, `iss`,
 * error responses), or, when [property@OA2.LoopbackReceiver:client] is
 * set, by [method@OA2.Client.validate_authorization_callback_async], which
 * also takes the signed responses of JARM (`query.jwt`, `form_post.jwt`,
 * `jwt`). [class@OA2.DesktopSignIn] does all of this in one call.
 *
 * ```c
 * g_autoptr(OA2LoopbackReceiver) receiver = oa2_loopback_receiver_new ();
 * g_autoptr(OA2AuthorizationRequest) request = NULL;
 *
 * if (!oa2_loopback_receiver_listen (receiver, &error))
 *   return;
 * request = oa2_client_new_authorization_request (client,
 *                                                 oa2_loopback_receiver_get_redirect_uri (receiver),
 *                                                 "openid", &error);
 * oa2_loopback_receiver_receive_async (receiver, request, cancellable, on_response, self);
 * // then open the browser on oa2_authorization_request_dup_uri (request, &error)
 * ```
 *
 * ```python
 * receiver = OA2.LoopbackReceiver.new()
 * receiver.listen()
 * request = client.new_authorization_request(receiver.props.redirect_uri, "openid")
 * receiver.receive_async(request, None, on_response)
 * ```
 *
 * What the receiver answers the browser is a small fixed page, one for
 * success and one for failure; it never repeats anything the request
 * carried. Requests for another path (such as `/favicon.ico`) get a 404,
 * other methods a 405, and a response whose `state` is not the request's
 * (an old tab, or another page knocking on the port) a failure page: none
 * of them ends the wait. In a JARM mode, a response whose signature (or
 * encryption) does not check out, or that carries neither `response` nor
 * `error`, cannot be told from such a page, and does not end it either;
 * if nothing else comes, the timeout's message says why it was refused.
 * The fragment modes (`fragment`, `fragment.jwt`, and the default of
 * response types that return a token) are refused at once: a browser
 * never sends a fragment to a server. Any other bad response (an error from the server,
 * a wrong `iss`, no code) ends it with that error. The wait ends with
 * %G_IO_ERROR_TIMED_OUT after [property@OA2.LoopbackReceiver:timeout]
 * seconds, or %G_IO_ERROR_CANCELLED when the #GCancellable fires. Once the
 * wait is over the receiver stops listening.
 *
 * The server listens on `127.0.0.1` (or `::1` with
 * [property@OA2.LoopbackReceiver:ipv6]) only, never on other interfaces,
 * and is driven by the thread-default main context of the
 * [method@OA2.LoopbackReceiver.listen] call.
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "oa2-authorization-request-private.h"
#include "oa2-client-authorization.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-loopback-receiver-private.h"

struct _OA2LoopbackReceiver
{
  GObject     parent_instance;

  char       *path;
  gboolean    ipv6;
  guint       timeout;
  OA2Client  *client;          /* validates, JARM included, when set */

  SoupServer *server;          /* while listening */
  char       *redirect_uri;
  guint       port;

  /* The pending receive, and its result while the last page is on its
   * way to the browser. */
  GTask      *task;
  gboolean    answered;
  OA2AuthorizationResponse *response;
  GError     *error;
  GSource    *timeout_source;
  GSource    *cancel_source;
  /* The last JARM response that did not verify, for the timeout's
   * message: it did not end the wait, but may tell why nothing did. */
  GError     *refused;
};

G_DEFINE_FINAL_TYPE (OA2LoopbackReceiver, oa2_loopback_receiver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_IPV6,
  PROP_TIMEOUT,
  PROP_REDIRECT_URI,
  PROP_PORT,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DEFAULT_PATH "/callback"
/* RFC 3986 pchar and "/", less percent-encoding. */
#define PATH_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/"

/* Pages */

typedef enum {
  PAGE_SUCCESS,
  PAGE_FAILURE,
  PAGE_NOT_FOUND,
  PAGE_NOT_WAITING,
} Page;

/* The browser sees only fixed text: nothing from the request, so a
 * crafted redirect cannot put markup or script into the page. */
static char *
page_html (Page page)
{
  const char *title, *text;
  g_autofree char *title_escaped = NULL;
  g_autofree char *text_escaped = NULL;

  switch (page)
    {
    case PAGE_SUCCESS:
      title = _("Signed in");
      text = _("The browser’s part of the sign-in is done. You can close this tab and go back to the application.");
      break;
    case PAGE_FAILURE:
      title = _("Sign-in failed");
      text = _("This is not a valid answer to the application’s sign-in request. Go back to the application for details.");
      break;
    case PAGE_NOT_WAITING:
      title = _("No sign-in in progress");
      text = _("The application is not waiting for a sign-in on this address. Go back to the application.");
      break;
    case PAGE_NOT_FOUND:
    default:
      title = _("Not found");
      text = _("There is nothing here.");
      break;
    }
  title_escaped = g_markup_escape_text (title, -1);
  text_escaped = g_markup_escape_text (text, -1);
  return g_strdup_printf ("<!DOCTYPE html>\n"
                          "<html><head><meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-width\">"
                          "<title>%s</title>"
                          "<style>body{font-family:sans-serif;max-width:36em;margin:4em auto;padding:0 1em}</style>"
                          "</head><body><h1>%s</h1><p>%s</p></body></html>\n",
                          title_escaped, title_escaped, text_escaped);
}

static void
answer (SoupServerMessage *msg,
        guint              status,
        Page               page)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  char *html = page_html (page);

  /* The address holds the code: no cache keeps it, no Referer carries it
   * elsewhere, and the page loads nothing at all. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Content-Security-Policy",
                                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  /* One request per connection: libsoup 3.2's server drops, without
   * freeing, the kept-alive connections it still has when it stops. */
  soup_message_headers_replace (headers, "Connection", "close");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, html, strlen (html));
}

/* The pending receive */

static void
clear_pending (OA2LoopbackReceiver *self)
{
  if (self->timeout_source != NULL)
    {
      g_source_destroy (self->timeout_source);
      g_clear_pointer (&self->timeout_source, g_source_unref);
    }
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
}

/* Ends the pending receive: with the response (transfer full) or the
 * error (taken); with @stop_now, closes the port too. */
static void
finish_pending (OA2LoopbackReceiver      *self,
                OA2AuthorizationResponse *response,
                GError                   *error,
                gboolean                  stop_now)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  self->answered = FALSE;
  g_clear_object (&self->response);
  g_clear_error (&self->error);
  g_clear_error (&self->refused);
  clear_pending (self);
  if (stop_now)
    oa2_loopback_receiver_stop (self);
  if (task == NULL)
    {
      g_clear_object (&response);
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, response, g_object_unref);
}

static gboolean
on_answered_idle (gpointer user_data)
{
  OA2LoopbackReceiver *self = user_data;

  if (self->answered)
    finish_pending (self, g_steal_pointer (&self->response), g_steal_pointer (&self->error), TRUE);
  return G_SOURCE_REMOVE;
}

/* The last page reached the browser (or the browser went away): now the
 * receive ends, so that an application that quits at once does not cut
 * the page short, and the port closes, from an idle so that libsoup is
 * done with the connection. */
static void
on_last_page_finished (SoupServerMessage *msg,
                       gpointer           user_data)
{
  OA2LoopbackReceiver *self = user_data;
  g_autoptr(GSource) idle = g_idle_source_new ();

  g_source_set_callback (idle, on_answered_idle, g_object_ref (self), g_object_unref);
  g_source_set_static_name (idle, "[oauth2client-glib] loopback receiver answered");
  g_source_attach (idle, g_main_context_get_thread_default ());
}

static gboolean
on_timeout (gpointer user_data)
{
  OA2LoopbackReceiver *self = user_data;

  g_clear_pointer (&self->timeout_source, g_source_unref);
  if (self->refused != NULL)
    finish_pending (self, NULL,
                    g_error_new (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                 /* Translators: %s is why a signed response was refused */
                                 _("The browser did not come back to the application in time; "
                                   "a response that could not be verified was refused: %s"),
                                 self->refused->message),
                    TRUE);
  else
    finish_pending (self, NULL,
                    g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                         _("The browser did not come back to the application in time")),
                    TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  OA2LoopbackReceiver *self = user_data;
  GError *error = NULL;

  g_clear_pointer (&self->cancel_source, g_source_unref);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  finish_pending (self, NULL, error, TRUE);
  return G_SOURCE_REMOVE;
}

static GHashTable *
form_params (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  GHashTable *params = soup_form_decode (text);

  /* The body holds the code. */
  memset (text, 0, strlen (text));
  return params;
}

/* In a JARM mode, the parts of a response that tell it came from the
 * server are its signature and encryption: a response that fails there
 * may come from any page, as one with a wrong state may. */
static gboolean
is_unproven (OA2LoopbackReceiver     *self,
             OA2AuthorizationRequest *request,
             const GError            *error)
{
  static const OA2Error unproven[] = {
    OA2_ERROR_MALFORMED_TOKEN, OA2_ERROR_UNSECURED_TOKEN,
    OA2_ERROR_INVALID_SIGNATURE, OA2_ERROR_NO_MATCHING_KEY, OA2_ERROR_DECRYPTION_FAILED,
    OA2_ERROR_UNSUPPORTED_ALGORITHM,
  };

  if (error == NULL || error->domain != OA2_ERROR)
    return FALSE;
  if (error->code == OA2_ERROR_STATE_MISMATCH)
    return TRUE;
  if (!oa2_authorization_request_is_jarm (request))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (unproven); i++)
    if (error->code == (int) unproven[i])
      return TRUE;
  return FALSE;
}

/* The answer to a redirect once it is validated: @response and @error
 * are taken. */
static void
conclude (OA2LoopbackReceiver      *self,
          SoupServerMessage        *msg,
          OA2AuthorizationResponse *response,
          GError                   *error)
{
  OA2AuthorizationRequest *request;

  /* The wait ended, or another redirect ended it, while this one was
   * being validated. */
  if (self->task == NULL || self->answered)
    {
      g_clear_object (&response);
      g_clear_error (&error);
      answer (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, PAGE_NOT_WAITING);
      return;
    }
  request = g_task_get_task_data (self->task);

  /* Not an answer to this request: someone else's, or stale, or (JARM)
   * one that does not verify. It must not end the wait, or any page
   * could cut the sign-in short. */
  if (is_unproven (self, request, error))
    {
      g_debug ("Loopback receiver: ignored a response to another request: %s", error->message);
      if (!g_error_matches (error, OA2_ERROR, OA2_ERROR_STATE_MISMATCH))
        {
          g_clear_error (&self->refused);
          self->refused = g_steal_pointer (&error);
        }
      g_clear_error (&error);
      answer (msg, SOUP_STATUS_BAD_REQUEST, PAGE_FAILURE);
      return;
    }

  answer (msg, response != NULL ? SOUP_STATUS_OK : SOUP_STATUS_BAD_REQUEST,
          response != NULL ? PAGE_SUCCESS : PAGE_FAILURE);
  self->answered = TRUE;
  self->response = response;
  self->error = error;
  /* Not a strong reference: the pending task holds one. */
  g_signal_connect_object (msg, "finished", G_CALLBACK (on_last_page_finished), self, 0);
}

/* In a JARM mode, whether the redirect carries neither a signed `response`
 * nor an `error`: nothing the server sent, whatever its state. */
static gboolean
is_jarm_knock (OA2AuthorizationRequest *request,
               GHashTable              *params,
               const char              *uri)
{
  g_autoptr(GHashTable) parsed = NULL;

  if (!oa2_authorization_request_is_jarm (request))
    return FALSE;
  if (params == NULL)
    {
      parsed = oa2_authorization_request_parse_callback (request, uri, NULL);
      params = parsed;
    }
  return params == NULL ||
         (g_hash_table_lookup (params, "response") == NULL && g_hash_table_lookup (params, "error") == NULL);
}

typedef struct {
  OA2LoopbackReceiver *receiver;
  SoupServer          *server;
  SoupServerMessage   *msg;
} Validation;

static void
on_validated (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Validation *v = user_data;
  GError *error = NULL;
  OA2AuthorizationResponse *response;

  response = oa2_client_validate_authorization_callback_finish (OA2_CLIENT (source), result, &error);
  /* A stopped receiver closed the connection along with its server. */
  if (v->receiver->server == v->server)
    {
      conclude (v->receiver, v->msg, response, error);
      soup_server_message_unpause (v->msg);
    }
  else
    {
      g_clear_object (&response);
      g_clear_error (&error);
    }
  g_object_unref (v->msg);
  g_object_unref (v->server);
  g_object_unref (v->receiver);
  g_free (v);
}

static void
handle_request (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           user_data)
{
  OA2LoopbackReceiver *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  OA2AuthorizationRequest *request;
  const char *response_mode;
  gboolean form_post;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *uri = NULL;
  OA2AuthorizationResponse *response = NULL;
  GError *error = NULL;

  if (g_strcmp0 (path, self->path) != 0)
    {
      answer (msg, SOUP_STATUS_NOT_FOUND, PAGE_NOT_FOUND);
      return;
    }
  if (self->task == NULL || self->answered)
    {
      answer (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, PAGE_NOT_WAITING);
      return;
    }

  request = g_task_get_task_data (self->task);
  response_mode = oa2_authorization_request_get_response_mode (request);
  form_post = response_mode != NULL && g_str_has_prefix (response_mode, "form_post");
  if (!g_str_equal (method, form_post ? "POST" : "GET"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    form_post ? "POST" : "GET");
      answer (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, PAGE_NOT_FOUND);
      return;
    }

  if (form_post)
    params = form_params (msg);
  else
    uri = g_uri_to_string (soup_server_message_get_uri (msg));

  if (is_jarm_knock (request, params, uri))
    conclude (self, msg, NULL,
              g_error_new_literal (OA2_ERROR, OA2_ERROR_STATE_MISMATCH,
                                   _("The redirect carries neither a signed response nor an error")));
  else if (self->client == NULL)
    {
      if (params != NULL)
        response = oa2_authorization_request_validate_callback_params (request, params, &error);
      else
        response = oa2_authorization_request_validate_callback (request, uri, &error);
      conclude (self, msg, g_steal_pointer (&response), g_steal_pointer (&error));
    }
  else
    {
      Validation *v = g_new0 (Validation, 1);

      /* The client may fetch the server's keys: the browser waits for its
       * page meanwhile. */
      v->receiver = g_object_ref (self);
      v->server = g_object_ref (server);
      v->msg = g_object_ref (msg);
      soup_server_message_pause (msg);
      oa2_client_validate_authorization_callback_async (self->client, request, uri, params,
                                                        g_task_get_cancellable (self->task),
                                                        on_validated, v);
    }
  if (uri != NULL)
    memset (uri, 0, strlen (uri));
}

/* GObject */

static void
oa2_loopback_receiver_dispose (GObject *object)
{
  OA2LoopbackReceiver *self = OA2_LOOPBACK_RECEIVER (object);

  clear_pending (self);
  g_assert (self->task == NULL);   /* the task holds a reference */
  oa2_loopback_receiver_stop (self);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (oa2_loopback_receiver_parent_class)->dispose (object);
}

static void
oa2_loopback_receiver_finalize (GObject *object)
{
  OA2LoopbackReceiver *self = OA2_LOOPBACK_RECEIVER (object);

  g_free (self->path);
  g_free (self->redirect_uri);

  G_OBJECT_CLASS (oa2_loopback_receiver_parent_class)->finalize (object);
}

static void
oa2_loopback_receiver_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  OA2LoopbackReceiver *self = OA2_LOOPBACK_RECEIVER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_IPV6:
      g_value_set_boolean (value, self->ipv6);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_REDIRECT_URI:
      g_value_set_string (value, self->redirect_uri);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_loopback_receiver_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  OA2LoopbackReceiver *self = OA2_LOOPBACK_RECEIVER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      {
        g_autoptr(GError) error = NULL;

        if (!oa2_loopback_receiver_set_path (self, g_value_get_string (value), &error))
          g_critical ("%s", error->message);
      }
      break;
    case PROP_IPV6:
      oa2_loopback_receiver_set_ipv6 (self, g_value_get_boolean (value));
      break;
    case PROP_TIMEOUT:
      oa2_loopback_receiver_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_CLIENT:
      oa2_loopback_receiver_set_client (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_loopback_receiver_class_init (OA2LoopbackReceiverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  oa2_i18n_init ();

  object_class->dispose = oa2_loopback_receiver_dispose;
  object_class->finalize = oa2_loopback_receiver_finalize;
  object_class->get_property = oa2_loopback_receiver_get_property;
  object_class->set_property = oa2_loopback_receiver_set_property;

  /**
   * OA2LoopbackReceiver:path:
   *
   * The path of the redirect URI, `/callback` by default; it must start
   * with `/` and match the one registered with the server (RFC 8252 §7.3
   * lets the port vary, not the path). Set it before listening.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, DEFAULT_PATH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2LoopbackReceiver:ipv6:
   *
   * Whether to listen on the IPv6 loopback address `::1` instead of
   * `127.0.0.1`. Set it before listening.
   */
  properties[PROP_IPV6] =
    g_param_spec_boolean ("ipv6", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2LoopbackReceiver:timeout:
   *
   * How many seconds [method@OA2.LoopbackReceiver.receive_async] waits for
   * the browser, or 0 for no limit. The default is
   * %OA2_LOOPBACK_RECEIVER_DEFAULT_TIMEOUT.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, OA2_LOOPBACK_RECEIVER_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2LoopbackReceiver:redirect-uri:
   *
   * The redirect URI, such as `http://127.0.0.1:49152/callback`, once
   * listening; %NULL before.
   */
  properties[PROP_REDIRECT_URI] =
    g_param_spec_string ("redirect-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2LoopbackReceiver:port:
   *
   * The port the system gave the receiver, once listening; 0 before.
   */
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 0, G_MAXUINT16, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2LoopbackReceiver:client:
   *
   * The client whose [method@OA2.Client.validate_authorization_callback_async]
   * checks each response, or %NULL for the request's own
   * [method@OA2.AuthorizationRequest.validate_callback]. The client has the
   * server's keys, so only with one does the receiver take signed
   * responses (JARM: `query.jwt`, `form_post.jwt`, `jwt`).
   * [class@OA2.DesktopSignIn] sets its own.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, OA2_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_loopback_receiver_init (OA2LoopbackReceiver *self)
{
  self->path = g_strdup (DEFAULT_PATH);
  self->timeout = OA2_LOOPBACK_RECEIVER_DEFAULT_TIMEOUT;
}

/**
 * oa2_loopback_receiver_new:
 *
 * Creates a receiver that is not listening yet.
 *
 * Returns: (transfer full): the receiver
 */
OA2LoopbackReceiver *
oa2_loopback_receiver_new (void)
{
  return g_object_new (OA2_TYPE_LOOPBACK_RECEIVER, NULL);
}

/**
 * oa2_loopback_receiver_listen:
 * @self: a receiver
 * @error: return location for a #GError
 *
 * Opens a port that the system picks on the loopback address, and sets
 * [property@OA2.LoopbackReceiver:redirect-uri]. Requests are served by the
 * thread-default main context of this call. Listening again while
 * listening does nothing.
 *
 * Returns: %TRUE, or %FALSE with @error set (a #GIOError from the socket)
 */
gboolean
oa2_loopback_receiver_listen (OA2LoopbackReceiver  *self,
                              GError              **error)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GSocketAddress) bind_address = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) socket = NULL;

  g_return_val_if_fail (OA2_IS_LOOPBACK_RECEIVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->server != NULL)
    return TRUE;

  /* No Server header: nothing tells a port scanner what listens here. */
  server = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (server, NULL, handle_request, self, NULL);
  /* The loopback address only (RFC 8252 §8.3), never every interface;
   * a socket of our own, as soup_server_listen_local() of libsoup 3.2
   * leaks an address per call. */
  bind_address = g_inet_socket_address_new_from_string (self->ipv6 ? "::1" : "127.0.0.1", 0);
  socket = g_socket_new (self->ipv6 ? G_SOCKET_FAMILY_IPV6 : G_SOCKET_FAMILY_IPV4,
                         G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL ||
      !g_socket_bind (socket, bind_address, FALSE, error) ||
      !g_socket_listen (socket, error) ||
      !soup_server_listen_socket (server, socket, 0, error))
    return FALSE;
  address = g_socket_get_local_address (socket, error);
  if (address == NULL)
    {
      soup_server_disconnect (server);
      return FALSE;
    }

  self->server = g_steal_pointer (&server);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (address));
  g_free (self->redirect_uri);
  self->redirect_uri = g_strdup_printf (self->ipv6 ? "http://[::1]:%u%s" : "http://127.0.0.1:%u%s",
                                        self->port, self->path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDIRECT_URI]);
  return TRUE;
}

/**
 * oa2_loopback_receiver_stop:
 * @self: a receiver
 *
 * Closes the port. A pending receive ends with %G_IO_ERROR_CLOSED. The
 * receiver stops by itself when a receive ends; stopping twice is fine.
 */
void
oa2_loopback_receiver_stop (OA2LoopbackReceiver *self)
{
  g_return_if_fail (OA2_IS_LOOPBACK_RECEIVER (self));

  if (self->task != NULL)
    finish_pending (self, NULL,
                    g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED,
                                         _("The loopback receiver was stopped")),
                    FALSE);
  if (self->server == NULL)
    return;
  soup_server_remove_handler (self->server, NULL);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
}

/**
 * oa2_loopback_receiver_get_redirect_uri:
 * @self: a receiver
 *
 * Gets [property@OA2.LoopbackReceiver:redirect-uri].
 *
 * Returns: (nullable): the redirect URI, or %NULL before listening
 */
const char *
oa2_loopback_receiver_get_redirect_uri (OA2LoopbackReceiver *self)
{
  g_return_val_if_fail (OA2_IS_LOOPBACK_RECEIVER (self), NULL);
  return self->redirect_uri;
}

/**
 * oa2_loopback_receiver_get_port:
 * @self: a receiver
 *
 * Gets [property@OA2.LoopbackReceiver:port].
 *
 * Returns: the port, or 0 before listening
 */
guint
oa2_loopback_receiver_get_port (OA2LoopbackReceiver *self)
{
  g_return_val_if_fail (OA2_IS_LOOPBACK_RECEIVER (self), 0);
  return self->port;
}

/**
 * oa2_loopback_receiver_get_path:
 * @self: a receiver
 *
 * Gets [property@OA2.LoopbackReceiver:path].
 *
 * Returns: the path of the redirect URI
 */
const char *
oa2_loopback_receiver_get_path (OA2LoopbackReceiver *self)
{
  g_return_val_if_fail (OA2_IS_LOOPBACK_RECEIVER (self), NULL);
  return self->path;
}

/**
 * oa2_loopback_receiver_set_path:
 * @self: a receiver that is not listening yet
 * @path: the path, starting with `/`, without query or fragment
 * @error: return location for a #GError
 *
 * Sets [property@OA2.LoopbackReceiver:path].
 *
 * Returns: %TRUE, or %FALSE with @error set (%OA2_ERROR_INVALID_ARGUMENT)
 */
gboolean
oa2_loopback_receiver_set_path (OA2LoopbackReceiver  *self,
                                const char           *path,
                                GError              **error)
{
  g_return_val_if_fail (OA2_IS_LOOPBACK_RECEIVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->server != NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The loopback receiver is already listening: set its path before"));
      return FALSE;
    }
  /* The path is put into the redirect URI as it is, so it must be one
   * that needs no escaping, and it is compared with the decoded path of
   * each request. */
  if (path == NULL || path[0] != '/' || strspn (path, PATH_CHARS) != strlen (path))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The redirect path must start with “/” and hold no query, fragment or escapes"));
      return FALSE;
    }
  if (g_strcmp0 (self->path, path) == 0)
    return TRUE;
  g_free (self->path);
  self->path = g_strdup (path);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PATH]);
  return TRUE;
}

/**
 * oa2_loopback_receiver_get_ipv6:
 * @self: a receiver
 *
 * Gets [property@OA2.LoopbackReceiver:ipv6].
 *
 * Returns: whether the receiver uses `::1`
 */
gboolean
oa2_loopback_receiver_get_ipv6 (OA2LoopbackReceiver *self)
{
  g_return_val_if_fail (OA2_IS_LOOPBACK_RECEIVER (self), FALSE);
  return self->ipv6;
}

/**
 * oa2_loopback_receiver_set_ipv6:
 * @self: a receiver that is not listening yet
 * @ipv6: %TRUE for `::1`, %FALSE for `127.0.0.1`
 *
 * Sets [property@OA2.LoopbackReceiver:ipv6]. Changing it while listening
 * takes effect at the next [method@OA2.LoopbackReceiver.listen] after a
 * stop.
 */
void
oa2_loopback_receiver_set_ipv6 (OA2LoopbackReceiver *self,
                                gboolean             ipv6)
{
  g_return_if_fail (OA2_IS_LOOPBACK_RECEIVER (self));

  ipv6 = !!ipv6;
  if (self->ipv6 == ipv6)
    return;
  self->ipv6 = ipv6;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IPV6]);
}

/**
 * oa2_loopback_receiver_get_timeout:
 * @self: a receiver
 *
 * Gets [property@OA2.LoopbackReceiver:timeout].
 *
 * Returns: the timeout in seconds, 0 for none
 */
guint
oa2_loopback_receiver_get_timeout (OA2LoopbackReceiver *self)
{
  g_return_val_if_fail (OA2_IS_LOOPBACK_RECEIVER (self), 0);
  return self->timeout;
}

/**
 * oa2_loopback_receiver_set_timeout:
 * @self: a receiver
 * @timeout: seconds, or 0 for no limit
 *
 * Sets [property@OA2.LoopbackReceiver:timeout], for the next receive.
 */
void
oa2_loopback_receiver_set_timeout (OA2LoopbackReceiver *self,
                                   guint                timeout)
{
  g_return_if_fail (OA2_IS_LOOPBACK_RECEIVER (self));

  if (self->timeout == timeout)
    return;
  self->timeout = timeout;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * oa2_loopback_receiver_get_client:
 * @self: a receiver
 *
 * Gets [property@OA2.LoopbackReceiver:client].
 *
 * Returns: (transfer none) (nullable): the client that validates
 *   responses, or %NULL
 */
OA2Client *
oa2_loopback_receiver_get_client (OA2LoopbackReceiver *self)
{
  g_return_val_if_fail (OA2_IS_LOOPBACK_RECEIVER (self), NULL);
  return self->client;
}

/**
 * oa2_loopback_receiver_set_client:
 * @self: a receiver
 * @client: (nullable): the client that validates responses, or %NULL
 *
 * Sets [property@OA2.LoopbackReceiver:client], for the next receive.
 */
void
oa2_loopback_receiver_set_client (OA2LoopbackReceiver *self,
                                  OA2Client           *client)
{
  g_return_if_fail (OA2_IS_LOOPBACK_RECEIVER (self));
  g_return_if_fail (client == NULL || OA2_IS_CLIENT (client));

  if (g_set_object (&self->client, client))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT]);
}

/* Whether the browser gets the response in the fragment, which it keeps
 * to itself: the fragment modes, and the default of a response type
 * that returns a token (OAuth 2.0 Multiple Response Types §5; JARM §2.3.4
 * for `jwt`). */
static gboolean
delivers_in_fragment (OA2AuthorizationRequest *request)
{
  const char *mode = oa2_authorization_request_get_response_mode (request);
  const char *type = oa2_authorization_request_get_response_type (request);
  g_auto(GStrv) types = NULL;

  if (mode != NULL && (g_str_equal (mode, "fragment") || g_str_equal (mode, "fragment.jwt")))
    return TRUE;
  if (mode != NULL && !g_str_equal (mode, "jwt"))
    return FALSE;
  types = g_strsplit (type != NULL ? type : "code", " ", -1);
  return g_strv_contains ((const char * const *) types, "token") ||
         g_strv_contains ((const char * const *) types, "id_token");
}

/* Whether the receiver can take the response to @request at all: not in a
 * fragment, and JARM only with a client. Also for OA2DesktopSignIn, before
 * it opens the browser. */
gboolean
oa2_loopback_receiver_check_request (OA2LoopbackReceiver      *self,
                                     OA2AuthorizationRequest  *request,
                                     GError                  **error)
{
  if (delivers_in_fragment (request))
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("A browser never sends the fragment of an address to a server: a loopback "
                             "receiver cannot receive a response in a fragment response mode; use "
                             "“query”, “query.jwt”, “form_post” or “form_post.jwt”"));
      return FALSE;
    }
  if (oa2_authorization_request_is_jarm (request) && self->client == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("A signed response (JARM) needs the server’s keys: set the loopback "
                             "receiver’s client"));
      return FALSE;
    }
  return TRUE;
}

/**
 * oa2_loopback_receiver_receive_async:
 * @self: a listening receiver
 * @request: the request whose response to wait for; its redirect URI must
 *   be [property@OA2.LoopbackReceiver:redirect-uri]
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the response arrived or the wait
 *   ended
 * @user_data: data for @callback
 *
 * Waits for the browser to come back with the response to @request. Send
 * the browser to the request's URI after this call, so that no answer
 * can arrive before the receiver waits for it. @callback runs in the
 * thread-default main context of this call, which should be the one of
 * [method@OA2.LoopbackReceiver.listen]. Finish with
 * [method@OA2.LoopbackReceiver.receive_finish].
 */
void
oa2_loopback_receiver_receive_async (OA2LoopbackReceiver      *self,
                                     OA2AuthorizationRequest  *request,
                                     GCancellable             *cancellable,
                                     GAsyncReadyCallback       callback,
                                     gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;

  g_return_if_fail (OA2_IS_LOOPBACK_RECEIVER (self));
  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_loopback_receiver_receive_async);
  g_task_set_name (task, "[oauth2client-glib] loopback receive");
  g_task_set_task_data (task, g_object_ref (request), g_object_unref);

  if (self->task != NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The loopback receiver is already waiting for a response"));
      return;
    }
  if (self->server == NULL)
    {
      g_task_return_new_error (task, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                               _("The loopback receiver is not listening"));
      return;
    }
  if (g_strcmp0 (oa2_authorization_request_get_redirect_uri (request), self->redirect_uri) != 0)
    {
      g_task_return_new_error (task, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                               _("The request’s redirect URI is not the loopback receiver’s"));
      return;
    }
  if (!oa2_loopback_receiver_check_request (self, request, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      oa2_loopback_receiver_stop (self);
      return;
    }

  self->task = g_steal_pointer (&task);
  if (self->timeout > 0)
    {
      self->timeout_source = g_timeout_source_new ((guint) MIN (self->timeout, G_MAXUINT / 1000) * 1000);
      g_source_set_callback (self->timeout_source, on_timeout, self, NULL);
      g_source_set_static_name (self->timeout_source, "[oauth2client-glib] loopback receive timeout");
      g_source_attach (self->timeout_source, g_task_get_context (self->task));
    }
  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (on_cancelled), self, NULL);
      g_source_attach (self->cancel_source, g_task_get_context (self->task));
    }
}

/**
 * oa2_loopback_receiver_receive_finish:
 * @self: a receiver
 * @result: the #GAsyncResult passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.LoopbackReceiver.receive_async].
 *
 * Returns: (transfer full): the validated response, or %NULL with @error
 *   set: what [method@OA2.AuthorizationRequest.validate_callback] reports
 *   (an %OA2_OAUTH_ERROR for an error response), or, with a
 *   [property@OA2.LoopbackReceiver:client],
 *   [method@OA2.Client.validate_authorization_callback_async];
 *   %OA2_ERROR_INVALID_ARGUMENT for a fragment response mode, or a JARM
 *   mode without a client; %G_IO_ERROR_TIMED_OUT,
 *   %G_IO_ERROR_CANCELLED, %G_IO_ERROR_CLOSED when stopped,
 *   %G_IO_ERROR_PENDING when another receive waits already
 */
OA2AuthorizationResponse *
oa2_loopback_receiver_receive_finish (OA2LoopbackReceiver  *self,
                                      GAsyncResult         *result,
                                      GError              **error)
{
  g_return_val_if_fail (OA2_IS_LOOPBACK_RECEIVER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_loopback_receiver_receive_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
