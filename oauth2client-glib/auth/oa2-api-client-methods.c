/* oa2-api-client-methods.c: the request methods of OA2ApiClient: any
 * method with a body of bytes, a stream, JSON or a form, and GET, DELETE,
 * HEAD, OPTIONS, POST, PUT and PATCH, each blocking and as an
 * _async/_finish pair
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each hands its request to the one call pipeline (oa2-api-client-call.c).
 */

#include "config.h"

#include <string.h>

#include "oa2-api-client.h"
#include "oa2-api-client-private.h"
#include "oa2-json-private.h"

static GBytes *
json_body (JsonNode *json)
{
  char *text;

  if (json == NULL)
    return NULL;
  text = oa2_json_to_string (json);
  return g_bytes_new_take (text, strlen (text));
}

static OA2ApiResponse *
request_json_sync (OA2ApiClient        *self,
                   const char          *method,
                   const char          *path,
                   GHashTable          *query,
                   JsonNode            *json,
                   OA2ApiRequestFlags   flags,
                   GCancellable        *cancellable,
                   GError             **error)
{
  g_autoptr(GBytes) body = json_body (json);

  return oa2_api_call_request (self, method, path, query, body, "application/json", NULL, flags, cancellable, error);
}

static void
request_json_async (OA2ApiClient        *self,
                    const char          *method,
                    const char          *path,
                    GHashTable          *query,
                    JsonNode            *json,
                    OA2ApiRequestFlags   flags,
                    GCancellable        *cancellable,
                    gpointer             source_tag,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GBytes) body = json_body (json);

  oa2_api_call_request_async (self, method, path, query, body, "application/json", NULL, flags, cancellable,
                              source_tag, callback, user_data);
}

/* ---------------------------------------------------------------------- */
/* Requests */
/**
 * oa2_api_client_request:
 * @self: a client
 * @method: the HTTP method
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @body: (nullable): the request body, or %NULL for none
 * @content_type: (nullable): its media type, `application/octet-stream` if %NULL
 * @flags: per-request options
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends any request with a raw body (a #GBytes). Failures: %OA2_ERROR_OUTSIDE_BASE_URL for a path that leaves the base URL, the auth handler's errors (%OA2_ERROR_SIGN_IN_REQUIRED…), transport errors, and with raise-for-status the failure statuses (see [class@OA2.ApiClient]). This call blocks;
 * [method@OA2.ApiClient.request_async] is its asynchronous twin.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_request (OA2ApiClient *self,
                        const char * method,
                        const char * path,
                        GHashTable * query,
                        GBytes * body,
                        const char * content_type,
                        OA2ApiRequestFlags flags,
                        GCancellable *cancellable,
                        GError **error)
{
  return oa2_api_call_request (self, method, path, query, body, content_type, NULL, flags, cancellable, error);
}

/**
 * oa2_api_client_request_async:
 * @self: a client
 * @method: the HTTP method
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @body: (nullable): the request body, or %NULL for none
 * @content_type: (nullable): its media type, `application/octet-stream` if %NULL
 * @flags: per-request options
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the response or the error
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.ApiClient.request].
 * @callback runs in the thread-default main context of this call.
 */
void
oa2_api_client_request_async (OA2ApiClient *self,
                              const char * method,
                              const char * path,
                              GHashTable * query,
                              GBytes * body,
                              const char * content_type,
                              OA2ApiRequestFlags flags,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  oa2_api_call_request_async (self, method, path, query, body, content_type, NULL, flags, cancellable, oa2_api_client_request_async, callback, user_data);
}

/**
 * oa2_api_client_request_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.ApiClient.request_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_request_finish (OA2ApiClient  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return oa2_api_call_request_finish (self, result, oa2_api_client_request_async, error);
}

/**
 * oa2_api_client_request_stream:
 * @self: a client
 * @method: the HTTP method
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @body: the request body, read as it is sent
 * @content_length: the length of @body in bytes, or -1 when unknown: the
 *   body is then sent chunked
 * @content_type: (nullable): its media type, `application/octet-stream` if %NULL
 * @flags: per-request options
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends any request with a body read from a stream, for uploads too
 * large to hold in memory; the request reads @body to its end (or to
 * @content_length bytes) and does not close it. Fails as
 * [method@OA2.ApiClient.request] does.
 *
 * The body cannot be sent twice, so this request is never retried: a
 * 401 `invalid_token` renews the token for the next request and is
 * reported (with raise-for-status as %OA2_OAUTH_ERROR_INVALID_TOKEN), and
 * so is a DPoP `use_dpop_nonce`, whose nonce the next request carries;
 * see [class@OA2.ApiClient]. This call blocks;
 * [method@OA2.ApiClient.request_stream_async] is its asynchronous twin.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_request_stream (OA2ApiClient        *self,
                               const char          *method,
                               const char          *path,
                               GHashTable          *query,
                               GInputStream        *body,
                               goffset              content_length,
                               const char          *content_type,
                               OA2ApiRequestFlags   flags,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autoptr(OA2ApiCall) call = NULL;

  g_return_val_if_fail (OA2_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (G_IS_INPUT_STREAM (body), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  call = oa2_api_call_new_streamed (self, method, path, query, body, content_length, content_type, flags, error);
  return call != NULL ? oa2_api_call_run (call, cancellable, error) : NULL;
}

/**
 * oa2_api_client_request_stream_async:
 * @self: a client
 * @method: the HTTP method
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @body: the request body, read as it is sent
 * @content_length: the length of @body in bytes, or -1 when unknown: the
 *   body is then sent chunked
 * @content_type: (nullable): its media type, `application/octet-stream` if %NULL
 * @flags: per-request options
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the response or the error
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.ApiClient.request_stream].
 * @callback runs in the thread-default main context of this call.
 */
void
oa2_api_client_request_stream_async (OA2ApiClient        *self,
                                     const char          *method,
                                     const char          *path,
                                     GHashTable          *query,
                                     GInputStream        *body,
                                     goffset              content_length,
                                     const char          *content_type,
                                     OA2ApiRequestFlags   flags,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  OA2ApiCall *call;
  GError *error = NULL;

  g_return_if_fail (OA2_IS_API_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (G_IS_INPUT_STREAM (body));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  call = oa2_api_call_new_streamed (self, method, path, query, body, content_length, content_type, flags, &error);
  oa2_api_call_start_async (self, call, error, cancellable, oa2_api_client_request_stream_async, callback, user_data);
}

/**
 * oa2_api_client_request_stream_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.ApiClient.request_stream_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_request_stream_finish (OA2ApiClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return oa2_api_call_request_finish (self, result, oa2_api_client_request_stream_async, error);
}

/**
 * oa2_api_client_request_json:
 * @self: a client
 * @method: the HTTP method
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @json: (nullable): the request body, sent as `application/json`
 * @flags: per-request options
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a request with a JSON body, as [method@OA2.ApiClient.request] does. This call blocks;
 * [method@OA2.ApiClient.request_json_async] is its asynchronous twin.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_request_json (OA2ApiClient *self,
                             const char * method,
                             const char * path,
                             GHashTable * query,
                             JsonNode * json,
                             OA2ApiRequestFlags flags,
                             GCancellable *cancellable,
                             GError **error)
{
  return request_json_sync (self, method, path, query, json, flags, cancellable, error);
}

/**
 * oa2_api_client_request_json_async:
 * @self: a client
 * @method: the HTTP method
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @json: (nullable): the request body, sent as `application/json`
 * @flags: per-request options
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the response or the error
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.ApiClient.request_json].
 * @callback runs in the thread-default main context of this call.
 */
void
oa2_api_client_request_json_async (OA2ApiClient *self,
                                   const char * method,
                                   const char * path,
                                   GHashTable * query,
                                   JsonNode * json,
                                   OA2ApiRequestFlags flags,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  request_json_async (self, method, path, query, json, flags, cancellable, oa2_api_client_request_json_async, callback, user_data);
}

/**
 * oa2_api_client_request_json_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.ApiClient.request_json_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_request_json_finish (OA2ApiClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return oa2_api_call_request_finish (self, result, oa2_api_client_request_json_async, error);
}

/**
 * oa2_api_client_request_form:
 * @self: a client
 * @method: the HTTP method
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @form: (element-type utf8 utf8): the fields of an `application/x-www-form-urlencoded` body
 * @flags: per-request options
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a request with a form body, as [method@OA2.ApiClient.request] does. This call blocks;
 * [method@OA2.ApiClient.request_form_async] is its asynchronous twin.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_request_form (OA2ApiClient *self,
                             const char * method,
                             const char * path,
                             GHashTable * query,
                             GHashTable * form,
                             OA2ApiRequestFlags flags,
                             GCancellable *cancellable,
                             GError **error)
{
  return oa2_api_call_request (self, method, path, query, NULL, NULL, form, flags, cancellable, error);
}

/**
 * oa2_api_client_request_form_async:
 * @self: a client
 * @method: the HTTP method
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @form: (element-type utf8 utf8): the fields of an `application/x-www-form-urlencoded` body
 * @flags: per-request options
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the response or the error
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.ApiClient.request_form].
 * @callback runs in the thread-default main context of this call.
 */
void
oa2_api_client_request_form_async (OA2ApiClient *self,
                                   const char * method,
                                   const char * path,
                                   GHashTable * query,
                                   GHashTable * form,
                                   OA2ApiRequestFlags flags,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data)
{
  oa2_api_call_request_async (self, method, path, query, NULL, NULL, form, flags, cancellable, oa2_api_client_request_form_async, callback, user_data);
}

/**
 * oa2_api_client_request_form_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.ApiClient.request_form_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_request_form_finish (OA2ApiClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return oa2_api_call_request_finish (self, result, oa2_api_client_request_form_async, error);
}

/**
 * oa2_api_client_get:
 * @self: a client
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a GET request, as [method@OA2.ApiClient.request] does. This call blocks;
 * [method@OA2.ApiClient.get_async] is its asynchronous twin.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_get (OA2ApiClient *self,
                    const char * path,
                    GHashTable * query,
                    GCancellable *cancellable,
                    GError **error)
{
  return oa2_api_call_request (self, "GET", path, query, NULL, NULL, NULL, OA2_API_REQUEST_DEFAULT, cancellable, error);
}

/**
 * oa2_api_client_get_async:
 * @self: a client
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the response or the error
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.ApiClient.get].
 * @callback runs in the thread-default main context of this call.
 */
void
oa2_api_client_get_async (OA2ApiClient *self,
                          const char * path,
                          GHashTable * query,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  oa2_api_call_request_async (self, "GET", path, query, NULL, NULL, NULL, OA2_API_REQUEST_DEFAULT, cancellable, oa2_api_client_get_async, callback, user_data);
}

/**
 * oa2_api_client_get_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.ApiClient.get_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_get_finish (OA2ApiClient  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return oa2_api_call_request_finish (self, result, oa2_api_client_get_async, error);
}

/**
 * oa2_api_client_delete:
 * @self: a client
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a DELETE request, as [method@OA2.ApiClient.request] does. This call blocks;
 * [method@OA2.ApiClient.delete_async] is its asynchronous twin.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_delete (OA2ApiClient *self,
                       const char * path,
                       GHashTable * query,
                       GCancellable *cancellable,
                       GError **error)
{
  return oa2_api_call_request (self, "DELETE", path, query, NULL, NULL, NULL, OA2_API_REQUEST_DEFAULT, cancellable, error);
}

/**
 * oa2_api_client_delete_async:
 * @self: a client
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the response or the error
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.ApiClient.delete].
 * @callback runs in the thread-default main context of this call.
 */
void
oa2_api_client_delete_async (OA2ApiClient *self,
                             const char * path,
                             GHashTable * query,
                             GCancellable *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer user_data)
{
  oa2_api_call_request_async (self, "DELETE", path, query, NULL, NULL, NULL, OA2_API_REQUEST_DEFAULT, cancellable, oa2_api_client_delete_async, callback, user_data);
}

/**
 * oa2_api_client_delete_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.ApiClient.delete_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_delete_finish (OA2ApiClient  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return oa2_api_call_request_finish (self, result, oa2_api_client_delete_async, error);
}

/**
 * oa2_api_client_head:
 * @self: a client
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a HEAD request, as [method@OA2.ApiClient.request] does. This call blocks;
 * [method@OA2.ApiClient.head_async] is its asynchronous twin.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_head (OA2ApiClient *self,
                     const char * path,
                     GHashTable * query,
                     GCancellable *cancellable,
                     GError **error)
{
  return oa2_api_call_request (self, "HEAD", path, query, NULL, NULL, NULL, OA2_API_REQUEST_DEFAULT, cancellable, error);
}

/**
 * oa2_api_client_head_async:
 * @self: a client
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the response or the error
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.ApiClient.head].
 * @callback runs in the thread-default main context of this call.
 */
void
oa2_api_client_head_async (OA2ApiClient *self,
                           const char * path,
                           GHashTable * query,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  oa2_api_call_request_async (self, "HEAD", path, query, NULL, NULL, NULL, OA2_API_REQUEST_DEFAULT, cancellable, oa2_api_client_head_async, callback, user_data);
}

/**
 * oa2_api_client_head_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.ApiClient.head_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_head_finish (OA2ApiClient  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return oa2_api_call_request_finish (self, result, oa2_api_client_head_async, error);
}

/**
 * oa2_api_client_options:
 * @self: a client
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a OPTIONS request, as [method@OA2.ApiClient.request] does. This call blocks;
 * [method@OA2.ApiClient.options_async] is its asynchronous twin.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_options (OA2ApiClient *self,
                        const char * path,
                        GHashTable * query,
                        GCancellable *cancellable,
                        GError **error)
{
  return oa2_api_call_request (self, "OPTIONS", path, query, NULL, NULL, NULL, OA2_API_REQUEST_DEFAULT, cancellable, error);
}

/**
 * oa2_api_client_options_async:
 * @self: a client
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the response or the error
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.ApiClient.options].
 * @callback runs in the thread-default main context of this call.
 */
void
oa2_api_client_options_async (OA2ApiClient *self,
                              const char * path,
                              GHashTable * query,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  oa2_api_call_request_async (self, "OPTIONS", path, query, NULL, NULL, NULL, OA2_API_REQUEST_DEFAULT, cancellable, oa2_api_client_options_async, callback, user_data);
}

/**
 * oa2_api_client_options_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.ApiClient.options_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_options_finish (OA2ApiClient  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return oa2_api_call_request_finish (self, result, oa2_api_client_options_async, error);
}

/**
 * oa2_api_client_post:
 * @self: a client
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @json: (nullable): the body, sent as `application/json`, or %NULL for none
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a POST request with a JSON body, as [method@OA2.ApiClient.request] does. This call blocks;
 * [method@OA2.ApiClient.post_async] is its asynchronous twin.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_post (OA2ApiClient *self,
                     const char * path,
                     GHashTable * query,
                     JsonNode * json,
                     GCancellable *cancellable,
                     GError **error)
{
  return request_json_sync (self, "POST", path, query, json, OA2_API_REQUEST_DEFAULT, cancellable, error);
}

/**
 * oa2_api_client_post_async:
 * @self: a client
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @json: (nullable): the body, sent as `application/json`, or %NULL for none
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the response or the error
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.ApiClient.post].
 * @callback runs in the thread-default main context of this call.
 */
void
oa2_api_client_post_async (OA2ApiClient *self,
                           const char * path,
                           GHashTable * query,
                           JsonNode * json,
                           GCancellable *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer user_data)
{
  request_json_async (self, "POST", path, query, json, OA2_API_REQUEST_DEFAULT, cancellable, oa2_api_client_post_async, callback, user_data);
}

/**
 * oa2_api_client_post_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.ApiClient.post_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_post_finish (OA2ApiClient  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return oa2_api_call_request_finish (self, result, oa2_api_client_post_async, error);
}

/**
 * oa2_api_client_put:
 * @self: a client
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @json: (nullable): the body, sent as `application/json`, or %NULL for none
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a PUT request with a JSON body, as [method@OA2.ApiClient.request] does. This call blocks;
 * [method@OA2.ApiClient.put_async] is its asynchronous twin.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_put (OA2ApiClient *self,
                    const char * path,
                    GHashTable * query,
                    JsonNode * json,
                    GCancellable *cancellable,
                    GError **error)
{
  return request_json_sync (self, "PUT", path, query, json, OA2_API_REQUEST_DEFAULT, cancellable, error);
}

/**
 * oa2_api_client_put_async:
 * @self: a client
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @json: (nullable): the body, sent as `application/json`, or %NULL for none
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the response or the error
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.ApiClient.put].
 * @callback runs in the thread-default main context of this call.
 */
void
oa2_api_client_put_async (OA2ApiClient *self,
                          const char * path,
                          GHashTable * query,
                          JsonNode * json,
                          GCancellable *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer user_data)
{
  request_json_async (self, "PUT", path, query, json, OA2_API_REQUEST_DEFAULT, cancellable, oa2_api_client_put_async, callback, user_data);
}

/**
 * oa2_api_client_put_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.ApiClient.put_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_put_finish (OA2ApiClient  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return oa2_api_call_request_finish (self, result, oa2_api_client_put_async, error);
}

/**
 * oa2_api_client_patch:
 * @self: a client
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @json: (nullable): the body, sent as `application/json`, or %NULL for none
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a PATCH request with a JSON body, as [method@OA2.ApiClient.request] does. This call blocks;
 * [method@OA2.ApiClient.patch_async] is its asynchronous twin.
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_patch (OA2ApiClient *self,
                      const char * path,
                      GHashTable * query,
                      JsonNode * json,
                      GCancellable *cancellable,
                      GError **error)
{
  return request_json_sync (self, "PATCH", path, query, json, OA2_API_REQUEST_DEFAULT, cancellable, error);
}

/**
 * oa2_api_client_patch_async:
 * @self: a client
 * @path: (nullable): the path under the base URL; see [class@OA2.ApiClient]
 * @query: (nullable) (element-type utf8 utf8): query parameters, encoded
 * @json: (nullable): the body, sent as `application/json`, or %NULL for none
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the response or the error
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.ApiClient.patch].
 * @callback runs in the thread-default main context of this call.
 */
void
oa2_api_client_patch_async (OA2ApiClient *self,
                            const char * path,
                            GHashTable * query,
                            JsonNode * json,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  request_json_async (self, "PATCH", path, query, json, OA2_API_REQUEST_DEFAULT, cancellable, oa2_api_client_patch_async, callback, user_data);
}

/**
 * oa2_api_client_patch_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.ApiClient.patch_async].
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
OA2ApiResponse *
oa2_api_client_patch_finish (OA2ApiClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return oa2_api_call_request_finish (self, result, oa2_api_client_patch_async, error);
}
