/* oa2-jwks-cache-private.h: the authorization server's keys, fetched from
 * its jwks_uri and kept for a while
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-jwks.h"
#include "oa2-transport-private.h"

G_BEGIN_DECLS

/* How long a key set is kept: the response's Cache-Control max-age,
 * bounded, or the default when it has none. */
#define OA2_JWKS_CACHE_DEFAULT_TTL_SECONDS  300
#define OA2_JWKS_CACHE_MIN_TTL_SECONDS      60
#define OA2_JWKS_CACHE_MAX_TTL_SECONDS      (24 * 3600)
/* An unknown kid refetches the set at most this often, so that tokens
 * naming made-up keys cannot make the client hammer the server. */
#define OA2_JWKS_CACHE_REFRESH_INTERVAL_SECONDS 60

typedef struct _OA2JwksCache OA2JwksCache;

OA2JwksCache *oa2_jwks_cache_new          (void);
void          oa2_jwks_cache_free         (OA2JwksCache              *cache);

/* Whether a refetch for an unknown key may happen now. */
gboolean      oa2_jwks_cache_may_refresh  (OA2JwksCache              *cache);

/* The key set of @uri: the cached one while fresh, unless @refresh asks
 * for a new one (an unknown kid; rate-limited, see above: when refused,
 * the cached set comes back). Callers that ask at the same time share one
 * request: asynchronous callers join any request under way, blocking ones
 * a blocking one (joining an asynchronous request could wait on a main
 * context the caller itself blocks). */
OA2Jwks      *oa2_jwks_cache_get          (OA2JwksCache              *cache,
                                           const char                *uri,
                                           const OA2TransportConfig  *config,
                                           gboolean                   refresh,
                                           GCancellable              *cancellable,
                                           GError                   **error);
void          oa2_jwks_cache_get_async    (OA2JwksCache              *cache,
                                           const char                *uri,
                                           const OA2TransportConfig  *config,
                                           gboolean                   refresh,
                                           GCancellable              *cancellable,
                                           GAsyncReadyCallback        callback,
                                           gpointer                   user_data);
OA2Jwks      *oa2_jwks_cache_get_finish   (GAsyncResult              *result,
                                           GError                   **error);

G_END_DECLS
