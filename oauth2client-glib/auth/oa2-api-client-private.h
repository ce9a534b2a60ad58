/* oa2-api-client-private.h: the instance data of OA2ApiClient, for the
 * files that hold one concern of it (oa2-api-client.c: the object and its
 * settings; oa2-api-client-call.c: the call pipeline;
 * oa2-api-client-methods.c: the public request methods), and the call
 * pipeline that the request methods go through
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-api-client.h"

G_BEGIN_DECLS

struct _OA2ApiClient
{
  GObject             parent_instance;

  char               *base_url;      /* normalized, or NULL: see init_error */
  char               *given_base_url;
  GError             *init_error;
  const char         *endpoint_name; /* "API", translated once */
  OA2Auth            *auth;
  SoupSession        *session;

  GMutex              lock;          /* the settings below, and the last path resolved */
  char               *last_path;
  char               *last_uri;
  GUri               *last_endpoint;
  SoupMessageHeaders *default_headers;
  guint               timeout;
  guint               max_response_size;
  gboolean            raise_for_status;
  gboolean            follow_redirects;
  GTlsCertificate    *tls_certificate; /* presented with every request (RFC 8705 §3), or NULL */
};

/* oa2-api-client-call.c: one call, from the token to the response. */
typedef struct _OA2ApiCall OA2ApiCall;

void            oa2_api_call_free           (OA2ApiCall          *call);
OA2ApiCall     *oa2_api_call_new_streamed   (OA2ApiClient        *self,
                                             const char          *method,
                                             const char          *path,
                                             GHashTable          *query,
                                             GInputStream        *body,
                                             goffset              content_length,
                                             const char          *content_type,
                                             OA2ApiRequestFlags   flags,
                                             GError             **error);
OA2ApiResponse *oa2_api_call_run            (OA2ApiCall          *call,
                                             GCancellable        *cancellable,
                                             GError             **error);
/* Takes @call, or @error when there is none. */
void            oa2_api_call_start_async    (OA2ApiClient        *self,
                                             OA2ApiCall          *call,
                                             GError              *error,
                                             GCancellable        *cancellable,
                                             gpointer             source_tag,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);

/* A request with a body of bytes or a form: made, run and finished. */
OA2ApiResponse *oa2_api_call_request        (OA2ApiClient        *self,
                                             const char          *method,
                                             const char          *path,
                                             GHashTable          *query,
                                             GBytes              *body,
                                             const char          *content_type,
                                             GHashTable          *form,
                                             OA2ApiRequestFlags   flags,
                                             GCancellable        *cancellable,
                                             GError             **error);
void            oa2_api_call_request_async  (OA2ApiClient        *self,
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
                                             gpointer             user_data);
OA2ApiResponse *oa2_api_call_request_finish (OA2ApiClient        *self,
                                             GAsyncResult        *result,
                                             gpointer             source_tag,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OA2ApiCall, oa2_api_call_free)

G_END_DECLS
