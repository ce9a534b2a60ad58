/* oa2-api-client.h: calls to one API with a token that renews itself
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "oa2-api-response.h"
#include "oa2-auth.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

/**
 * OA2ApiRequestFlags:
 * @OA2_API_REQUEST_DEFAULT: as the client is set up
 * @OA2_API_REQUEST_NO_RAISE_FOR_STATUS: return a failure status (400 and
 *   above) as a response, not an error, whatever
 *   [property@OA2.ApiClient:raise-for-status] says
 * @OA2_API_REQUEST_STREAM_RESPONSE: leave the body of a success (a status
 *   below 400) unread, for the caller to read from
 *   [method@OA2.ApiResponse.get_stream], without the size limit; a failure
 *   status is read whole, within the limit, as without the flag
 * @OA2_API_REQUEST_NO_FOLLOW_REDIRECTS: return a redirect (301, 302, 303,
 *   307, 308) as a response, not follow it, whatever
 *   [property@OA2.ApiClient:follow-redirects] says
 *
 * Per-request options of [method@OA2.ApiClient.request].
 */
typedef enum /*< flags,underscore_name=oa2_api_request_flags >*/ {
  OA2_API_REQUEST_DEFAULT = 0,
  OA2_API_REQUEST_NO_RAISE_FOR_STATUS = 1 << 0,
  OA2_API_REQUEST_STREAM_RESPONSE = 1 << 1,
  OA2_API_REQUEST_NO_FOLLOW_REDIRECTS = 1 << 2,
} OA2ApiRequestFlags;

#define OA2_TYPE_API_CLIENT (oa2_api_client_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2ApiClient, oa2_api_client, OA2, API_CLIENT, GObject)

/**
 * OA2ApiClientClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.ApiClient]. The type is final.
 */

OA2_AVAILABLE_IN_ALL
OA2ApiClient   *oa2_api_client_new                 (const char          *base_url,
                                                    OA2Auth             *auth,
                                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2ApiClient   *oa2_api_client_new_with_session    (const char          *base_url,
                                                    OA2Auth             *auth,
                                                    SoupSession         *session,
                                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2ApiClient   *oa2_api_client_new_child           (OA2ApiClient        *self,
                                                    const char          *path,
                                                    GError             **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
char           *oa2_api_client_build_path          (const char * const  *segments) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
const char     *oa2_api_client_get_base_url        (OA2ApiClient        *self);
OA2_AVAILABLE_IN_ALL
OA2Auth        *oa2_api_client_get_auth            (OA2ApiClient        *self);
OA2_AVAILABLE_IN_ALL
SoupSession    *oa2_api_client_get_session         (OA2ApiClient        *self);
OA2_AVAILABLE_IN_ALL
guint           oa2_api_client_get_timeout         (OA2ApiClient        *self);
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_set_timeout         (OA2ApiClient        *self,
                                                    guint                seconds);
OA2_AVAILABLE_IN_ALL
gboolean        oa2_api_client_get_raise_for_status (OA2ApiClient       *self);
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_set_raise_for_status (OA2ApiClient       *self,
                                                     gboolean            raise);
OA2_AVAILABLE_IN_ALL
gboolean        oa2_api_client_get_follow_redirects (OA2ApiClient       *self);
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_set_follow_redirects (OA2ApiClient       *self,
                                                     gboolean            follow);
OA2_AVAILABLE_IN_ALL
guint           oa2_api_client_get_max_response_size (OA2ApiClient      *self);
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_set_max_response_size (OA2ApiClient      *self,
                                                      guint              bytes);
OA2_AVAILABLE_IN_ALL
GTlsCertificate *oa2_api_client_dup_tls_client_certificate (OA2ApiClient   *self) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_set_tls_client_certificate (OA2ApiClient    *self,
                                                           GTlsCertificate *certificate);
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_set_default_header  (OA2ApiClient        *self,
                                                    const char          *name,
                                                    const char          *value);
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_request (OA2ApiClient *self,
                                const char *method,
                                const char *path,
                                GHashTable *query,
                                GBytes *body,
                                const char *content_type,
                                OA2ApiRequestFlags flags,
                                GCancellable *cancellable,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_request_async (OA2ApiClient *self,
                                const char *method,
                                const char *path,
                                GHashTable *query,
                                GBytes *body,
                                const char *content_type,
                                OA2ApiRequestFlags flags,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_request_finish (OA2ApiClient *self,
                                GAsyncResult *result,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_request_stream (OA2ApiClient *self,
                                const char *method,
                                const char *path,
                                GHashTable *query,
                                GInputStream *body,
                                goffset content_length,
                                const char *content_type,
                                OA2ApiRequestFlags flags,
                                GCancellable *cancellable,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_request_stream_async (OA2ApiClient *self,
                                const char *method,
                                const char *path,
                                GHashTable *query,
                                GInputStream *body,
                                goffset content_length,
                                const char *content_type,
                                OA2ApiRequestFlags flags,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_request_stream_finish (OA2ApiClient *self,
                                GAsyncResult *result,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_request_json (OA2ApiClient *self,
                                const char *method,
                                const char *path,
                                GHashTable *query,
                                JsonNode *json,
                                OA2ApiRequestFlags flags,
                                GCancellable *cancellable,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_request_json_async (OA2ApiClient *self,
                                const char *method,
                                const char *path,
                                GHashTable *query,
                                JsonNode *json,
                                OA2ApiRequestFlags flags,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_request_json_finish (OA2ApiClient *self,
                                GAsyncResult *result,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_request_form (OA2ApiClient *self,
                                const char *method,
                                const char *path,
                                GHashTable *query,
                                GHashTable *form,
                                OA2ApiRequestFlags flags,
                                GCancellable *cancellable,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_request_form_async (OA2ApiClient *self,
                                const char *method,
                                const char *path,
                                GHashTable *query,
                                GHashTable *form,
                                OA2ApiRequestFlags flags,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_request_form_finish (OA2ApiClient *self,
                                GAsyncResult *result,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_get (OA2ApiClient *self,
                                const char *path,
                                GHashTable *query,
                                GCancellable *cancellable,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_get_async (OA2ApiClient *self,
                                const char *path,
                                GHashTable *query,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_get_finish (OA2ApiClient *self,
                                GAsyncResult *result,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_delete (OA2ApiClient *self,
                                const char *path,
                                GHashTable *query,
                                GCancellable *cancellable,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_delete_async (OA2ApiClient *self,
                                const char *path,
                                GHashTable *query,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_delete_finish (OA2ApiClient *self,
                                GAsyncResult *result,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_head (OA2ApiClient *self,
                                const char *path,
                                GHashTable *query,
                                GCancellable *cancellable,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_head_async (OA2ApiClient *self,
                                const char *path,
                                GHashTable *query,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_head_finish (OA2ApiClient *self,
                                GAsyncResult *result,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_options (OA2ApiClient *self,
                                const char *path,
                                GHashTable *query,
                                GCancellable *cancellable,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_options_async (OA2ApiClient *self,
                                const char *path,
                                GHashTable *query,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_options_finish (OA2ApiClient *self,
                                GAsyncResult *result,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_post (OA2ApiClient *self,
                                const char *path,
                                GHashTable *query,
                                JsonNode *json,
                                GCancellable *cancellable,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_post_async (OA2ApiClient *self,
                                const char *path,
                                GHashTable *query,
                                JsonNode *json,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_post_finish (OA2ApiClient *self,
                                GAsyncResult *result,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_put (OA2ApiClient *self,
                                const char *path,
                                GHashTable *query,
                                JsonNode *json,
                                GCancellable *cancellable,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_put_async (OA2ApiClient *self,
                                const char *path,
                                GHashTable *query,
                                JsonNode *json,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_put_finish (OA2ApiClient *self,
                                GAsyncResult *result,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_patch (OA2ApiClient *self,
                                const char *path,
                                GHashTable *query,
                                JsonNode *json,
                                GCancellable *cancellable,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void            oa2_api_client_patch_async (OA2ApiClient *self,
                                const char *path,
                                GHashTable *query,
                                JsonNode *json,
                                GCancellable *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer user_data);
OA2_AVAILABLE_IN_ALL
OA2ApiResponse *oa2_api_client_patch_finish (OA2ApiClient *self,
                                GAsyncResult *result,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
