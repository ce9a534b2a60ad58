/* oa2-jwks-check-private.h: a check that needs the server's keys, with
 * the keys of the JWKS cache and one refetch when it names a key the
 * cached set lacks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-jwks-cache-private.h"

G_BEGIN_DECLS

/* The check: its result (never NULL on success), or NULL with @error
 * set. %OA2_ERROR_NO_MATCHING_KEY is the error new keys may cure. It may
 * run twice. */
typedef gpointer (*OA2JwksCheckFunc) (OA2Jwks  *jwks,
                                      gpointer  data,
                                      GError  **error);

/* Runs @check with the cached keys of @uri; when it fails for want of a
 * key, and the cache allows a refetch now (its rate limit), once more with
 * keys fetched anew. The one implementation of "unknown kid: one
 * rate-limited refetch" (DESIGN §6) for every signed answer. */
gpointer oa2_jwks_cache_check        (OA2JwksCache              *cache,
                                      const char                *uri,
                                      const OA2TransportConfig  *config,
                                      OA2JwksCheckFunc           check,
                                      gpointer                   data,
                                      GCancellable              *cancellable,
                                      GError                   **error);
/* The same, asynchronously. @data must live until @callback runs;
 * @result_free frees a result nobody finished. */
void     oa2_jwks_cache_check_async  (OA2JwksCache              *cache,
                                      const char                *uri,
                                      const OA2TransportConfig  *config,
                                      OA2JwksCheckFunc           check,
                                      gpointer                   data,
                                      GDestroyNotify             result_free,
                                      GCancellable              *cancellable,
                                      GAsyncReadyCallback        callback,
                                      gpointer                   user_data);
gpointer oa2_jwks_cache_check_finish (GAsyncResult              *result,
                                      GError                   **error);

G_END_DECLS
