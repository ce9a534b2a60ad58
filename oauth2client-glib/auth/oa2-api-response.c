/* oa2-api-response.c: what an API answered
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2ApiResponse:
 *
 * The answer to a request of [class@OA2.ApiClient]: status, reason phrase,
 * headers and body, read whole (within the client's size limit), or,
 * for a request with %OA2_API_REQUEST_STREAM_RESPONSE, left unread in
 * a stream ([method@OA2.ApiResponse.get_stream]).
 *
 * ```c
 * g_autoptr(OA2ApiResponse) response = oa2_api_client_get (api, "things", NULL, NULL, &error);
 * g_autoptr(JsonNode) things = response != NULL ? oa2_api_response_dup_json (response, &error) : NULL;
 * ```
 *
 * ```python
 * response = api.get('things', None, None)
 * print(response.get_status(), response.dup_text())
 * ```
 */

#include "config.h"

#include "oa2-api-response.h"
#include "oa2-api-response-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"

struct _OA2ApiResponse
{
  GObject             parent_instance;

  guint               status;
  char               *uri;
  SoupMessageHeaders *headers;
  GBytes             *body;
  GInputStream       *stream;   /* the unread body of a streamed response */
};

G_DEFINE_FINAL_TYPE (OA2ApiResponse, oa2_api_response, G_TYPE_OBJECT)

static void
oa2_api_response_finalize (GObject *object)
{
  OA2ApiResponse *self = OA2_API_RESPONSE (object);

  g_free (self->uri);
  soup_message_headers_unref (self->headers);
  g_bytes_unref (self->body);
  g_clear_object (&self->stream);

  G_OBJECT_CLASS (oa2_api_response_parent_class)->finalize (object);
}

static void
oa2_api_response_class_init (OA2ApiResponseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = oa2_api_response_finalize;
}

static void
oa2_api_response_init (OA2ApiResponse *self)
{
}

OA2ApiResponse *
oa2_api_response_new (guint               status,
                      const char         *uri,
                      SoupMessageHeaders *headers,
                      GBytes             *body)
{
  OA2ApiResponse *self = g_object_new (OA2_TYPE_API_RESPONSE, NULL);

  self->status = status;
  self->uri = g_strdup (uri);
  self->headers = soup_message_headers_ref (headers);
  self->body = g_bytes_ref (body);
  return self;
}

OA2ApiResponse *
oa2_api_response_new_streamed (guint               status,
                               const char         *uri,
                               SoupMessageHeaders *headers,
                               GInputStream       *stream)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  OA2ApiResponse *self = oa2_api_response_new (status, uri, headers, empty);

  self->stream = g_object_ref (stream);
  return self;
}

/**
 * oa2_api_response_get_status:
 * @self: a response
 *
 * Gets the HTTP status.
 *
 * Returns: the status, such as 200
 */
guint
oa2_api_response_get_status (OA2ApiResponse *self)
{
  g_return_val_if_fail (OA2_IS_API_RESPONSE (self), 0);

  return self->status;
}

/**
 * oa2_api_response_get_reason:
 * @self: a response
 *
 * Gets the standard reason phrase of the status, such as `Not Found`.
 *
 * Returns: (transfer none): the reason phrase
 */
const char *
oa2_api_response_get_reason (OA2ApiResponse *self)
{
  g_return_val_if_fail (OA2_IS_API_RESPONSE (self), NULL);

  return soup_status_get_phrase (self->status);
}

/**
 * oa2_api_response_get_uri:
 * @self: a response
 *
 * Gets the URL that answered: the one the request went to or, after
 * redirects that [class@OA2.ApiClient] followed, the last one's.
 *
 * Returns: (transfer none): the URL
 */
const char *
oa2_api_response_get_uri (OA2ApiResponse *self)
{
  g_return_val_if_fail (OA2_IS_API_RESPONSE (self), NULL);

  return self->uri;
}

/**
 * oa2_api_response_get_headers:
 * @self: a response
 *
 * Gets the response headers.
 *
 * Returns: (transfer none): the headers
 */
SoupMessageHeaders *
oa2_api_response_get_headers (OA2ApiResponse *self)
{
  g_return_val_if_fail (OA2_IS_API_RESPONSE (self), NULL);

  return self->headers;
}

/**
 * oa2_api_response_get_body:
 * @self: a response
 *
 * Gets the response body, empty when there was none, and empty for a
 * streamed response, whose body is in [method@OA2.ApiResponse.get_stream].
 *
 * Returns: (transfer none): the body
 */
GBytes *
oa2_api_response_get_body (OA2ApiResponse *self)
{
  g_return_val_if_fail (OA2_IS_API_RESPONSE (self), NULL);

  return self->body;
}

/**
 * oa2_api_response_get_stream:
 * @self: a response
 *
 * Gets the unread body of a response to a request made with
 * %OA2_API_REQUEST_STREAM_RESPONSE that succeeded (a status below 400).
 * It is read at the caller's pace, with no size limit and no timeout
 * (the client's timeout ends when the headers arrive); a read can be
 * cancelled with its own #GCancellable. Closing the stream before its
 * end abandons the rest of the body and its connection.
 *
 * libsoup ends a body whose server closed the connection early as if it
 * were complete; a caller that needs the whole body compares what it read
 * with the `Content-Length` header, when there is one.
 *
 * Returns: (transfer none) (nullable): the body stream, or %NULL when the
 *   body was read whole into [method@OA2.ApiResponse.get_body]
 */
GInputStream *
oa2_api_response_get_stream (OA2ApiResponse *self)
{
  g_return_val_if_fail (OA2_IS_API_RESPONSE (self), NULL);

  return self->stream;
}

/**
 * oa2_api_response_dup_text:
 * @self: a response
 *
 * Gets the body as text, with invalid UTF-8 replaced.
 *
 * Returns: (transfer full): the text
 */
char *
oa2_api_response_dup_text (OA2ApiResponse *self)
{
  gsize size;
  const char *data;

  g_return_val_if_fail (OA2_IS_API_RESPONSE (self), NULL);

  data = g_bytes_get_data (self->body, &size);
  return g_utf8_make_valid (data != NULL ? data : "", size);
}

/**
 * oa2_api_response_dup_json:
 * @self: a response
 * @error: return location for a #GError
 *
 * Parses the body as JSON, with the library's strict parser (RFC 8259:
 * duplicate member names, bad UTF-8 and deep nesting are refused).
 *
 * Returns: (transfer full): the JSON value, or %NULL with @error set:
 *   %OA2_ERROR_EMPTY_RESPONSE for an empty body, %OA2_ERROR_INVALID_JSON
 *   for one that is not JSON
 */
JsonNode *
oa2_api_response_dup_json (OA2ApiResponse  *self,
                           GError         **error)
{
  gsize size;
  const char *data;
  JsonNode *node;

  g_return_val_if_fail (OA2_IS_API_RESPONSE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (self->body, &size);
  if (size == 0)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_EMPTY_RESPONSE, _("The API answered with an empty body"));
      return NULL;
    }
  node = oa2_json_parse (data, size);
  if (node == NULL)
    g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_JSON, _("The API response is not valid JSON"));
  return node;
}
