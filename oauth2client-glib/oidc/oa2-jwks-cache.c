/* oa2-jwks-cache.c: the authorization server's keys, fetched from its
 * jwks_uri and kept for a while
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "oa2-clock-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-jwks-cache-private.h"
#include "oa2-response-private.h"

/* One request for the key set, shared by whoever asked while it ran. */
typedef struct {
  gboolean   blocking;
  gboolean   done;
  OA2Jwks   *jwks;      /* the result, or NULL with error */
  GError    *error;
  GPtrArray *waiters;   /* GTask, asynchronous callers */
} Fetch;

struct _OA2JwksCache {
  GMutex   lock;
  GCond    fetched;
  char    *uri;              /* what jwks was fetched from */
  OA2Jwks *jwks;             /* NULL: nothing cached */
  gint64   expires_at;
  gint64   last_refresh;     /* the last refetch for an unknown kid; 0: none */
  Fetch   *in_flight;
};

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->jwks);
  g_clear_error (&fetch->error);
  g_ptr_array_unref (fetch->waiters);
}

static Fetch *
fetch_new (gboolean blocking)
{
  Fetch *fetch = g_atomic_rc_box_new0 (Fetch);

  fetch->blocking = blocking;
  fetch->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  return fetch;
}

static void
fetch_unref (Fetch *fetch)
{
  g_atomic_rc_box_release_full (fetch, (GDestroyNotify) fetch_free);
}

OA2JwksCache *
oa2_jwks_cache_new (void)
{
  OA2JwksCache *cache = g_new0 (OA2JwksCache, 1);

  g_mutex_init (&cache->lock);
  g_cond_init (&cache->fetched);
  return cache;
}

void
oa2_jwks_cache_free (OA2JwksCache *cache)
{
  if (cache == NULL)
    return;
  /* A fetch under way holds a reference to its Fetch, not to the cache:
   * the client that owns the cache outlives its requests. */
  g_free (cache->uri);
  g_clear_object (&cache->jwks);
  g_mutex_clear (&cache->lock);
  g_cond_clear (&cache->fetched);
  g_free (cache);
}

gboolean
oa2_jwks_cache_may_refresh (OA2JwksCache *cache)
{
  gboolean may;

  g_mutex_lock (&cache->lock);
  may = cache->last_refresh == 0 ||
        oa2_clock_now_seconds () - cache->last_refresh >= OA2_JWKS_CACHE_REFRESH_INTERVAL_SECONDS;
  g_mutex_unlock (&cache->lock);
  return may;
}

/* Cache-Control max-age, bounded; no-store and no-cache keep the set for
 * the minimum, which is still enough to validate one token response. */
static gint64
ttl_of (const OA2HttpResponse *response)
{
  const char *header = soup_message_headers_get_list (response->headers, "Cache-Control");
  g_autoptr(GHashTable) directives = NULL;
  const char *max_age;
  gint64 ttl = OA2_JWKS_CACHE_DEFAULT_TTL_SECONDS;

  if (header == NULL)
    return ttl;
  directives = soup_header_parse_param_list (header);
  max_age = g_hash_table_lookup (directives, "max-age");
  if (g_hash_table_contains (directives, "no-store") || g_hash_table_contains (directives, "no-cache"))
    ttl = 0;
  else if (max_age != NULL)
    {
      char *end = NULL;
      guint64 value = g_ascii_strtoull (max_age, &end, 10);

      if (end != max_age && *end == '\0')
        ttl = (gint64) MIN (value, (guint64) OA2_JWKS_CACHE_MAX_TTL_SECONDS);
    }
  return CLAMP (ttl, OA2_JWKS_CACHE_MIN_TTL_SECONDS, OA2_JWKS_CACHE_MAX_TTL_SECONDS);
}

/* The one parser of a jwks_uri response. */
static OA2Jwks *
parse_response (const OA2HttpResponse  *response,
                GError                **error)
{
  g_autoptr(JsonObject) body = NULL;
  gboolean is_error;

  /* Translators: the name of an endpoint, the subject of sentences such as
   * "The %s did not answer within %u seconds" */
  body = oa2_response_read_json (response, _("key set endpoint (jwks_uri)"), &is_error, error);
  if (body == NULL)
    return NULL;
  if (is_error || !SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_UNEXPECTED_STATUS,
                   /* Translators: %u is an HTTP status code */
                   _("The key set endpoint (jwks_uri) answered with HTTP status %u"), response->status);
      return NULL;
    }
  return oa2_jwks_new_from_json_object (body, error);
}

static OA2HttpRequest *
jwks_request (const char *uri)
{
  OA2HttpRequest *request = oa2_http_request_new ("GET", uri, _("key set endpoint (jwks_uri)"));

  soup_message_headers_replace (request->headers, "Accept", "application/jwk-set+json, application/json");
  return request;
}

/* Under the lock: the fresh cached set, or NULL. */
static OA2Jwks *
cached (OA2JwksCache *cache,
        const char   *uri)
{
  if (cache->jwks == NULL || g_strcmp0 (cache->uri, uri) != 0 ||
      oa2_clock_now_seconds () >= cache->expires_at)
    return NULL;
  return g_object_ref (cache->jwks);
}

/* Records the outcome of @fetch, wakes the blocking waiters and completes
 * the asynchronous ones. Takes @response (NULL with @error). */
static void
finish_fetch (OA2JwksCache    *cache,
              const char      *uri,
              Fetch           *fetch,
              OA2HttpResponse *response,
              GError          *error)
{
  g_autoptr(OA2HttpResponse) owned = response;
  g_autoptr(GPtrArray) waiters = NULL;

  if (response != NULL)
    fetch->jwks = parse_response (response, &error);
  fetch->error = error;

  g_mutex_lock (&cache->lock);
  if (fetch->jwks != NULL)
    {
      g_free (cache->uri);
      cache->uri = g_strdup (uri);
      g_set_object (&cache->jwks, fetch->jwks);
      cache->expires_at = oa2_clock_now_seconds () + ttl_of (response);
    }
  fetch->done = TRUE;
  if (cache->in_flight == fetch)
    {
      cache->in_flight = NULL;
      fetch_unref (fetch);
    }
  waiters = g_steal_pointer (&fetch->waiters);
  fetch->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_cond_broadcast (&cache->fetched);
  g_mutex_unlock (&cache->lock);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = waiters->pdata[i];

      if (fetch->jwks != NULL)
        g_task_return_pointer (task, g_object_ref (fetch->jwks), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (fetch->error));
    }
}

/* Under the lock: whether the cached set answers a request, and whether a
 * refetch is allowed. */
static OA2Jwks *
answer_from_cache (OA2JwksCache *cache,
                   const char   *uri,
                   gboolean      refresh)
{
  OA2Jwks *jwks = cached (cache, uri);

  if (jwks == NULL || !refresh)
    return jwks;
  if (cache->last_refresh != 0 &&
      oa2_clock_now_seconds () - cache->last_refresh < OA2_JWKS_CACHE_REFRESH_INTERVAL_SECONDS)
    return jwks;   /* rate-limited: the keys we have */
  g_object_unref (jwks);
  return NULL;
}

OA2Jwks *
oa2_jwks_cache_get (OA2JwksCache              *cache,
                    const char                *uri,
                    const OA2TransportConfig  *config,
                    gboolean                   refresh,
                    GCancellable              *cancellable,
                    GError                   **error)
{
  OA2Jwks *jwks;
  Fetch *fetch;
  OA2HttpResponse *response;
  GError *local_error = NULL;

  g_mutex_lock (&cache->lock);
  jwks = answer_from_cache (cache, uri, refresh);
  if (jwks != NULL)
    {
      g_mutex_unlock (&cache->lock);
      return jwks;
    }
  if (cache->in_flight != NULL && cache->in_flight->blocking)
    {
      fetch = g_atomic_rc_box_acquire (cache->in_flight);
      while (!fetch->done)
        g_cond_wait (&cache->fetched, &cache->lock);
      g_mutex_unlock (&cache->lock);
      jwks = fetch->jwks != NULL ? g_object_ref (fetch->jwks) : NULL;
      if (jwks == NULL)
        g_propagate_error (error, g_error_copy (fetch->error));
      fetch_unref (fetch);
      return jwks;
    }
  if (refresh)
    cache->last_refresh = oa2_clock_now_seconds ();
  fetch = fetch_new (TRUE);
  if (cache->in_flight == NULL)
    cache->in_flight = g_atomic_rc_box_acquire (fetch);
  g_mutex_unlock (&cache->lock);

  response = oa2_transport_send (config, jwks_request (uri), NULL, cancellable, &local_error);
  finish_fetch (cache, uri, fetch, response, local_error);
  jwks = fetch->jwks != NULL ? g_object_ref (fetch->jwks) : NULL;
  if (jwks == NULL)
    g_propagate_error (error, g_error_copy (fetch->error));
  fetch_unref (fetch);
  return jwks;
}

typedef struct {
  OA2JwksCache *cache;
  char         *uri;
  Fetch        *fetch;
} AsyncFetch;

static void
on_jwks_response (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncFetch *data = user_data;
  GError *error = NULL;
  OA2HttpResponse *response = oa2_transport_send_finish (result, &error);

  finish_fetch (data->cache, data->uri, data->fetch, response, error);
  fetch_unref (data->fetch);
  g_free (data->uri);
  g_free (data);
}

void
oa2_jwks_cache_get_async (OA2JwksCache              *cache,
                          const char                *uri,
                          const OA2TransportConfig  *config,
                          gboolean                   refresh,
                          GCancellable              *cancellable,
                          GAsyncReadyCallback        callback,
                          gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  AsyncFetch *data;
  OA2Jwks *jwks;

  g_task_set_source_tag (task, oa2_jwks_cache_get_async);

  g_mutex_lock (&cache->lock);
  jwks = answer_from_cache (cache, uri, refresh);
  if (jwks != NULL)
    {
      g_mutex_unlock (&cache->lock);
      g_task_return_pointer (task, jwks, g_object_unref);
      return;
    }
  if (cache->in_flight != NULL)
    {
      g_ptr_array_add (cache->in_flight->waiters, g_steal_pointer (&task));
      g_mutex_unlock (&cache->lock);
      return;
    }
  if (refresh)
    cache->last_refresh = oa2_clock_now_seconds ();
  cache->in_flight = fetch_new (FALSE);
  g_ptr_array_add (cache->in_flight->waiters, g_steal_pointer (&task));
  data = g_new0 (AsyncFetch, 1);
  data->cache = cache;
  data->uri = g_strdup (uri);
  data->fetch = g_atomic_rc_box_acquire (cache->in_flight);
  g_mutex_unlock (&cache->lock);

  /* The shared request is not cancelled with one caller's cancellable:
   * the others still wait for it. The timeout bounds it. */
  oa2_transport_send_async (config, jwks_request (uri), NULL, NULL, on_jwks_response, data);
}

OA2Jwks *
oa2_jwks_cache_get_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_jwks_cache_get_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
