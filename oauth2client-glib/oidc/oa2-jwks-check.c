/* oa2-jwks-check.c: a check that needs the server's keys, with one
 * refetch for an unknown key
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-error.h"
#include "oa2-jwks-check-private.h"

/* Whether new keys may cure @error: a key the cached set lacks, once, and
 * only as often as the cache's rate limit allows, so that tokens naming
 * made-up keys cannot make the client hammer the server. */
static gboolean
worth_refetching (OA2JwksCache *cache,
                  gboolean      refreshed,
                  GError       *error)
{
  return !refreshed && g_error_matches (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY) &&
         oa2_jwks_cache_may_refresh (cache);
}

gpointer
oa2_jwks_cache_check (OA2JwksCache              *cache,
                      const char                *uri,
                      const OA2TransportConfig  *config,
                      OA2JwksCheckFunc           check,
                      gpointer                   data,
                      GCancellable              *cancellable,
                      GError                   **error)
{
  g_autoptr(OA2Jwks) jwks = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer result;

  jwks = oa2_jwks_cache_get (cache, uri, config, FALSE, cancellable, error);
  if (jwks == NULL)
    return NULL;
  result = check (jwks, data, &local_error);
  if (result != NULL)
    return result;
  if (!worth_refetching (cache, FALSE, local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_clear_object (&jwks);
  jwks = oa2_jwks_cache_get (cache, uri, config, TRUE, cancellable, error);
  if (jwks == NULL)
    return NULL;
  return check (jwks, data, error);
}

typedef struct {
  OA2JwksCache       *cache;
  char               *uri;
  OA2TransportConfig  config;
  OA2JwksCheckFunc    check;
  gpointer            data;
  GDestroyNotify      result_free;
  gboolean            refreshed;
} Check;

static void
check_free (gpointer p)
{
  Check *c = p;

  g_free (c->uri);
  g_clear_object (&c->config.session);
  g_free (c);
}

static void
on_keys (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Check *c = g_task_get_task_data (task);
  g_autoptr(OA2Jwks) jwks = NULL;
  GCancellable *cancellable;
  GError *error = NULL;
  gpointer checked;

  jwks = oa2_jwks_cache_get_finish (result, &error);
  if (jwks == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  checked = c->check (jwks, c->data, &error);
  if (checked != NULL)
    {
      g_task_return_pointer (task, checked, c->result_free);
      return;
    }
  if (!worth_refetching (c->cache, c->refreshed, error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_clear_error (&error);
  c->refreshed = TRUE;
  /* The cancellable is read before the task is handed on (argument
   * order is unspecified). */
  cancellable = g_task_get_cancellable (task);
  oa2_jwks_cache_get_async (c->cache, c->uri, &c->config, TRUE, cancellable, on_keys, g_steal_pointer (&task));
}

void
oa2_jwks_cache_check_async (OA2JwksCache              *cache,
                            const char                *uri,
                            const OA2TransportConfig  *config,
                            OA2JwksCheckFunc           check,
                            gpointer                   data,
                            GDestroyNotify             result_free,
                            GCancellable              *cancellable,
                            GAsyncReadyCallback        callback,
                            gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Check *c = g_new0 (Check, 1);

  g_task_set_source_tag (task, oa2_jwks_cache_check_async);
  c->cache = cache;
  c->uri = g_strdup (uri);
  c->config = *config;
  if (c->config.session != NULL)
    g_object_ref (c->config.session);
  c->check = check;
  c->data = data;
  c->result_free = result_free;
  g_task_set_task_data (task, c, check_free);
  oa2_jwks_cache_get_async (cache, c->uri, &c->config, FALSE, cancellable, on_keys, g_steal_pointer (&task));
}

gpointer
oa2_jwks_cache_check_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
