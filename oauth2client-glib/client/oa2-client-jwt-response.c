/* oa2-client-jwt-response.c: the last step of every JWT the server sends
 * an OA2Client (ID tokens, UserInfo and JARM responses): the signature
 * check with the keys at hand or the client's JWKS cache
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-client-id-token-private.h"
#include "oa2-client-jwt-response-private.h"

gpointer
oa2_client_check_signed (OA2Client                 *self,
                         gboolean                   fetch,
                         const char                *jwks_uri,
                         const OA2TransportConfig  *config,
                         OA2Jwks                   *jwks,
                         OA2JwksCheckFunc           check,
                         gpointer                   data,
                         GCancellable              *cancellable,
                         GError                   **error)
{
  if (!fetch)
    return check (jwks, data, error);
  return oa2_jwks_cache_check (oa2_client_id_token_get_jwks_cache (self), jwks_uri, config, check, data,
                               cancellable, error);
}

static void
return_object (GTask    *task,
               gpointer  object,
               GError   *error)
{
  if (object == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, object, g_object_unref);
}

static void
on_checked (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gpointer object = oa2_jwks_cache_check_finish (result, &error);

  return_object (task, object, error);
}

void
oa2_client_check_signed_async (OA2Client                 *self,
                               GTask                     *task,
                               gboolean                   fetch,
                               const char                *jwks_uri,
                               const OA2TransportConfig  *config,
                               OA2Jwks                   *jwks,
                               OA2JwksCheckFunc           check,
                               gpointer                   data)
{
  if (!fetch)
    {
      GError *error = NULL;
      gpointer object = check (jwks, data, &error);

      return_object (task, object, error);
      g_object_unref (task);
      return;
    }
  /* The cancellable is read before the task is handed on. */
  oa2_jwks_cache_check_async (oa2_client_id_token_get_jwks_cache (self), jwks_uri, config, check, data,
                              g_object_unref, g_task_get_cancellable (task), on_checked, task);
}
