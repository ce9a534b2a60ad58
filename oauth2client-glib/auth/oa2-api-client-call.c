/* oa2-api-client-call.c: one call of OA2ApiClient, from the token to the
 * response: the request made and checked, each attempt stamped, the
 * token renewed once on invalid_token, redirects followed, failure
 * statuses turned into errors; blocking and asynchronous
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-api-client.h"
#include "oa2-api-client-private.h"
#include "oa2-api-path-private.h"
#include "oa2-api-redirect-private.h"
#include "oa2-api-response-private.h"
#include "oa2-auth-private.h"
#include "oa2-bearer-token.h"
#include "oa2-dpop-nonces-private.h"
#include "oa2-dpop-token-private.h"
#include "oa2-error-private.h"
#include "oa2-form-private.h"
#include "oa2-transport-private.h"
#include "oa2-uri-private.h"

#define STATUS_BODY_EXCERPT 200

/* ---------------------------------------------------------------------- */
/* One call: the request, the token that stamps it, and what happened. */

struct _OA2ApiCall
{
  OA2ApiClient       *client;
  OA2HttpRequest     *request;   /* its endpoint parsed and checked */
  OA2TransportConfig  config;
  OA2BearerToken     *token;     /* NULL without an auth handler */
  gboolean            raise_for_status;
  gboolean            renewed;   /* one renewal after invalid_token */
  OA2HttpResponse    *refused;   /* a streamed body's 401, reported after the renewal */
  /* Redirects: see oa2-api-redirect.c */
  gboolean            no_redirects;
  guint               redirects;     /* followed so far */
  GUri               *asked;         /* the URL of the first request, once redirected */
  gboolean            left_origin;   /* no credentials from here on */
};

void
oa2_api_call_free (OA2ApiCall *call)
{
  g_object_unref (call->client);
  oa2_http_request_unref (call->request);
  g_clear_object (&call->config.session);
  g_clear_object (&call->token);
  g_clear_pointer (&call->refused, oa2_http_response_free);
  g_clear_pointer (&call->asked, g_uri_unref);
  g_free (call);
}


/* The URL of @path (and @query) under the base URL, parsed and checked
 * by the endpoint rule here, so that nothing is sent (and no token is
 * fetched) for a URL that may not carry one, and the transport takes it
 * as it is. Apps call the same paths again and again, so the last path
 * without a query is remembered with its URL: the base URL never
 * changes, and a parsed URL is immutable. */
static gboolean
resolve_endpoint (OA2ApiClient  *self,
                  const char    *path,
                  GHashTable    *query,
                  char         **out_uri,
                  GUri         **out_endpoint,
                  GError       **error)
{
  gboolean cacheable = query == NULL || g_hash_table_size (query) == 0;
  g_autofree char *uri = NULL;
  g_autoptr(GUri) endpoint = NULL;

  if (path == NULL)
    path = "";
  if (cacheable)
    {
      g_mutex_lock (&self->lock);
      if (self->last_path != NULL && strcmp (self->last_path, path) == 0)
        {
          *out_uri = g_strdup (self->last_uri);
          *out_endpoint = g_uri_ref (self->last_endpoint);
          g_mutex_unlock (&self->lock);
          return TRUE;
        }
      g_mutex_unlock (&self->lock);
    }

  uri = oa2_api_path_resolve (self->base_url, path, query, error);
  if (uri == NULL)
    return FALSE;
  endpoint = oa2_uri_parse_endpoint (uri, error);
  if (endpoint == NULL)
    return FALSE;

  if (cacheable)
    {
      g_mutex_lock (&self->lock);
      g_free (self->last_path);
      self->last_path = g_strdup (path);
      g_free (self->last_uri);
      self->last_uri = g_strdup (uri);
      g_clear_pointer (&self->last_endpoint, g_uri_unref);
      self->last_endpoint = g_uri_ref (endpoint);
      g_mutex_unlock (&self->lock);
    }
  *out_uri = g_steal_pointer (&uri);
  *out_endpoint = g_steal_pointer (&endpoint);
  return TRUE;
}

static OA2ApiCall *
call_new (OA2ApiClient        *self,
          const char          *method,
          const char          *path,
          GHashTable          *query,
          GBytes              *body,
          const char          *content_type,
          GHashTable          *form,
          OA2ApiRequestFlags   flags,
          GError             **error)
{
  g_autoptr(OA2ApiCall) call = g_new0 (OA2ApiCall, 1);
  g_autofree char *uri = NULL;
  g_autoptr(GUri) endpoint = NULL;
  SoupMessageHeadersIter iter;
  const char *name, *value;

  call->client = g_object_ref (self);
  if (self->init_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->init_error));
      return NULL;
    }
  if (!resolve_endpoint (self, path, query, &uri, &endpoint, error))
    return NULL;

  call->request = oa2_http_request_new (method, uri, self->endpoint_name);
  oa2_http_request_set_endpoint (call->request, endpoint);
  g_mutex_lock (&self->lock);
  soup_message_headers_iter_init (&iter, self->default_headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    soup_message_headers_replace (call->request->headers, name, value);
  call->config.timeout_seconds = self->timeout;
  call->config.max_response_size = self->max_response_size;
  call->config.stream_response = (flags & OA2_API_REQUEST_STREAM_RESPONSE) != 0;
  call->raise_for_status = self->raise_for_status && !(flags & OA2_API_REQUEST_NO_RAISE_FOR_STATUS);
  /* The transport presents it on every attempt, the renewal's retry
   * included, and refuses to over plain http. */
  g_set_object (&call->request->tls_certificate, self->tls_certificate);
  call->no_redirects = !self->follow_redirects || (flags & OA2_API_REQUEST_NO_FOLLOW_REDIRECTS);
  g_mutex_unlock (&self->lock);
  call->config.session = g_object_ref (self->session);

  if (form != NULL)
    {
      call->request->form = oa2_form_new ();
      oa2_form_set_all (call->request->form, form);
    }
  else if (body != NULL)
    {
      call->request->body = g_bytes_ref (body);
      call->request->content_type = g_strdup (content_type != NULL ? content_type : "application/octet-stream");
    }
  return g_steal_pointer (&call);
}

OA2ApiCall *
oa2_api_call_new_streamed (OA2ApiClient        *self,
                           const char          *method,
                           const char          *path,
                           GHashTable          *query,
                           GInputStream        *body,
                           goffset              content_length,
                           const char          *content_type,
                           OA2ApiRequestFlags   flags,
                           GError             **error)
{
  OA2ApiCall *call = call_new (self, method, path, query, NULL, NULL, NULL, flags, error);

  if (call == NULL)
    return NULL;
  call->request->body_stream = g_object_ref (body);
  call->request->body_length = content_length >= 0 ? content_length : -1;
  call->request->content_type = g_strdup (content_type != NULL ? content_type : "application/octet-stream");
  return call;
}

/* Stamps each attempt anew: a DPoP proof is good for one request. The
 * endpoint rule was checked when the request was made. */
static gboolean
prepare_attempt (OA2HttpAttempt  *attempt,
                 guint            attempt_number,
                 gpointer         user_data,
                 GError         **error)
{
  OA2ApiCall *call = user_data;

  return call->token == NULL || oa2_bearer_token_stamp_attempt (call->token, attempt, error);
}

/* Remembers a DPoP server's nonce, and asks for the one retry with it. */
static gboolean
should_retry (const OA2HttpResponse *response,
              guint                  attempt_number,
              gpointer               user_data)
{
  OA2ApiCall *call = user_data;

  if (call->token == NULL || !OA2_IS_DPOP_TOKEN (call->token))
    return FALSE;
  oa2_dpop_token_remember_nonce (OA2_DPOP_TOKEN (call->token), call->request->endpoint, response->headers);
  return response->status == SOUP_STATUS_UNAUTHORIZED &&
         oa2_dpop_challenge_wants_nonce (soup_message_headers_get_list (response->headers, "WWW-Authenticate"));
}

static OA2TransportHooks
call_hooks (OA2ApiCall *call)
{
  return (OA2TransportHooks) { .prepare = prepare_attempt, .should_retry = should_retry, .user_data = call };
}

static gboolean
wants_renewal (OA2ApiCall            *call,
               const OA2HttpResponse *response)
{
  return call->token != NULL && !call->renewed && response->status == SOUP_STATUS_UNAUTHORIZED &&
         oa2_auth_challenge_refuses_token (soup_message_headers_get_list (response->headers, "WWW-Authenticate"));
}

/* RFC 6750 §3: a refused token comes back with the error in the
 * challenge; any other failure status is an unexpected one. */
static GError *
status_error (const OA2HttpResponse *response)
{
  const char *challenges = soup_message_headers_get_list (response->headers, "WWW-Authenticate");
  const char *schemes[] = { "DPoP", "Bearer" };
  g_autofree char *excerpt = NULL;
  gsize size;
  const char *data;

  if (challenges != NULL && (response->status == 401 || response->status == 403))
    for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
      {
        g_autofree char *code = oa2_www_authenticate_dup_param (challenges, schemes[i], "error");
        g_autofree char *description = NULL;
        g_autofree char *uri = NULL;

        if (code == NULL)
          continue;
        description = oa2_www_authenticate_dup_param (challenges, schemes[i], "error_description");
        uri = oa2_www_authenticate_dup_param (challenges, schemes[i], "error_uri");
        return oa2_oauth_error_new (code, description, uri, response->status);
      }
  data = g_bytes_get_data (response->body, &size);
  excerpt = g_strndup (data != NULL ? data : "", MIN (size, STATUS_BODY_EXCERPT * 4));
  return oa2_error_new_api_status (response->status, soup_status_get_phrase (response->status), excerpt);
}

static OA2ApiResponse *
call_finish (OA2ApiCall       *call,
             OA2HttpResponse  *response,
             GError          **error)
{
  if (call->raise_for_status && response->status >= 400)
    {
      g_propagate_error (error, status_error (response));
      return NULL;
    }
  if (response->stream != NULL)
    return oa2_api_response_new_streamed (response->status, call->request->uri, response->headers,
                                          response->stream);
  return oa2_api_response_new (response->status, call->request->uri, response->headers, response->body);
}

/* Turns the call into the next request of a redirect chain, when
 * @response is a redirect to follow; the token goes no further once the
 * chain has left the origin. */
static OA2ApiRedirectVerdict
call_follow_redirect (OA2ApiCall            *call,
                      const OA2HttpResponse *response,
                      GError               **error)
{
  OA2HttpRequest *request = call->request;
  OA2ApiBodyKind body = request->body_stream != NULL ? OA2_API_BODY_STREAM :
                        request->body != NULL || request->form != NULL ? OA2_API_BODY_BYTES : OA2_API_BODY_NONE;
  OA2ApiRedirect next;
  g_autoptr(GUri) endpoint = NULL;
  g_autofree char *uri = NULL;

  if (call->no_redirects)
    return OA2_API_REDIRECT_RETURN;
  switch (oa2_api_redirect_decide (call->asked != NULL ? call->asked : request->endpoint, request->endpoint,
                                   request->method, body, !call->left_origin, call->redirects, response->status,
                                   soup_message_headers_get_one (response->headers, "Location"), &next, error))
    {
    case OA2_API_REDIRECT_FOLLOW:
      break;
    case OA2_API_REDIRECT_REFUSE:
      return OA2_API_REDIRECT_REFUSE;
    case OA2_API_REDIRECT_RETURN:
    default:
      return OA2_API_REDIRECT_RETURN;
    }
  /* The endpoint rule of every request: https, or http to loopback. */
  uri = g_uri_to_string (next.uri);
  endpoint = oa2_uri_parse_endpoint (uri, error);
  if (endpoint == NULL)
    {
      oa2_api_redirect_clear (&next);
      return OA2_API_REDIRECT_REFUSE;
    }
  if (call->asked == NULL)
    call->asked = g_uri_ref (request->endpoint);
  call->request = oa2_api_redirect_next_request (&next, request);
  oa2_http_request_set_endpoint (call->request, endpoint);
  oa2_http_request_unref (request);
  call->redirects++;
  if (!next.credentials)
    {
      call->left_origin = TRUE;
      g_clear_object (&call->token);
    }
  oa2_api_redirect_clear (&next);
  return OA2_API_REDIRECT_FOLLOW;
}

OA2ApiResponse *
oa2_api_call_run (OA2ApiCall    *call,
                  GCancellable  *cancellable,
                  GError       **error)
{
  OA2TransportHooks hooks = call_hooks (call);
  g_autoptr(OA2HttpResponse) response = NULL;
  OA2ApiRedirectVerdict redirect;

  if (call->client->auth != NULL)
    {
      call->token = oa2_auth_ensure_token (call->client->auth, cancellable, error);
      if (call->token == NULL)
        return NULL;
    }

  /* One turn per URL: a redirect followed starts the next. */
  for (;;)
    {
      response = oa2_transport_send (&call->config, oa2_http_request_ref (call->request), &hooks, cancellable,
                                     error);
      if (response == NULL)
        return NULL;
      if (wants_renewal (call, response))
        {
          OA2BearerToken *renewed = oa2_auth_ensure_token_refusing (call->client->auth, call->token, cancellable,
                                                                    error);

          if (renewed == NULL)
            return NULL;
          g_object_unref (call->token);
          call->token = renewed;
          call->renewed = TRUE;
          /* The body stream is consumed: the renewed token is for the
           * caller's next request. */
          if (call->request->body_stream != NULL)
            return call_finish (call, response, error);
          g_clear_pointer (&response, oa2_http_response_free);
          response = oa2_transport_send (&call->config, oa2_http_request_ref (call->request), &hooks, cancellable,
                                         error);
          if (response == NULL)
            return NULL;
        }
      redirect = call_follow_redirect (call, response, error);
      if (redirect == OA2_API_REDIRECT_REFUSE)
        return NULL;
      if (redirect != OA2_API_REDIRECT_FOLLOW)
        return call_finish (call, response, error);
      g_clear_pointer (&response, oa2_http_response_free);
    }
}

static void on_sent (GObject *source, GAsyncResult *result, gpointer user_data);

static void
call_send_async (GTask *task)
{
  OA2ApiCall *call = g_task_get_task_data (task);
  OA2TransportHooks hooks = call_hooks (call);

  /* The transport takes a reference; the call keeps its own, for a second send. */
  oa2_transport_send_async (&call->config, oa2_http_request_ref (call->request), &hooks,
                            g_task_get_cancellable (task), on_sent, task);
}

static void
on_renewed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  OA2ApiCall *call = g_task_get_task_data (task);
  GError *error = NULL;
  OA2BearerToken *renewed = oa2_auth_ensure_token_refusing_finish (OA2_AUTH (source), result, &error);

  if (renewed == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_clear_object (&call->token);
  call->token = renewed;
  if (call->refused != NULL)
    {
      OA2ApiResponse *api_response = call_finish (call, call->refused, &error);

      if (api_response == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, api_response, g_object_unref);
      g_object_unref (task);
      return;
    }
  call_send_async (task);
}

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  OA2ApiCall *call = g_task_get_task_data (task);
  g_autoptr(OA2HttpResponse) response = NULL;
  OA2ApiResponse *api_response;
  GError *error = NULL;

  response = oa2_transport_send_finish (result, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  if (wants_renewal (call, response))
    {
      call->renewed = TRUE;
      if (call->request->body_stream != NULL)
        call->refused = g_steal_pointer (&response);
      oa2_auth_ensure_token_refusing_async (call->client->auth, call->token, g_task_get_cancellable (task),
                                            on_renewed, task);
      return;
    }
  switch (call_follow_redirect (call, response, &error))
    {
    case OA2_API_REDIRECT_FOLLOW:
      call_send_async (task);
      return;
    case OA2_API_REDIRECT_REFUSE:
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    case OA2_API_REDIRECT_RETURN:
    default:
      break;
    }
  api_response = call_finish (call, response, &error);
  if (api_response == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, api_response, g_object_unref);
  g_object_unref (task);
}

static void
on_token (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  OA2ApiCall *call = g_task_get_task_data (task);
  GError *error = NULL;

  call->token = oa2_auth_ensure_token_finish (OA2_AUTH (source), result, &error);
  if (call->token == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  call_send_async (task);
}

OA2ApiResponse *
oa2_api_call_request (OA2ApiClient        *self,
                      const char          *method,
                      const char          *path,
                      GHashTable          *query,
                      GBytes              *body,
                      const char          *content_type,
                      GHashTable          *form,
                      OA2ApiRequestFlags   flags,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_autoptr(OA2ApiCall) call = NULL;

  g_return_val_if_fail (OA2_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  call = call_new (self, method, path, query, body, content_type, form, flags, error);
  return call != NULL ? oa2_api_call_run (call, cancellable, error) : NULL;
}

void
oa2_api_call_request_async (OA2ApiClient        *self,
                            const char          *method,
                            const char          *path,
                            GHashTable          *query,
                            GBytes              *body,
                            const char          *content_type,
                            GHashTable          *form,
                            OA2ApiRequestFlags   flags,
                            GCancellable        *cancellable,
                            gpointer             source_tag,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  OA2ApiCall *call;
  GError *error = NULL;

  g_return_if_fail (OA2_IS_API_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  call = call_new (self, method, path, query, body, content_type, form, flags, &error);
  oa2_api_call_start_async (self, call, error, cancellable, source_tag, callback, user_data);
}

/* Takes @call, or @error when there is none. */
void
oa2_api_call_start_async (OA2ApiClient        *self,
                          OA2ApiCall          *call,
                          GError              *error,
                          GCancellable        *cancellable,
                          gpointer             source_tag,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  if (call == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_task_set_task_data (task, call, (GDestroyNotify) oa2_api_call_free);
  /* A fresh token goes straight to the transport: asking the handler
   * would cost an idle round through the main loop per request. */
  if (self->auth != NULL)
    call->token = oa2_auth_dup_fresh_token (self->auth);
  if (self->auth != NULL && call->token == NULL)
    oa2_auth_ensure_token_async (self->auth, cancellable, on_token, task);
  else
    call_send_async (task);
}

OA2ApiResponse *
oa2_api_call_request_finish (OA2ApiClient  *self,
                             GAsyncResult  *result,
                             gpointer       source_tag,
                             GError       **error)
{
  g_return_val_if_fail (OA2_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
