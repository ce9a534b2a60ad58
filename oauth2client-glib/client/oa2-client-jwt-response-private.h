/* oa2-client-jwt-response-private.h: a signed answer checked with the
 * server's keys at hand or with the client's JWKS cache (one refetch for
 * an unknown key); the steps before it are in oa2-jwt-response-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-client.h"
#include "oa2-jwks-check-private.h"
#include "oa2-jwks.h"
#include "oa2-jwt-response-private.h"

G_BEGIN_DECLS

/* Runs @check on a signed answer: with @jwks (the keys at hand, maybe
 * NULL) unless @fetch, else with the client's JWKS cache of @jwks_uri and
 * its one refetch for an unknown key (oa2_jwks_cache_check()). */
gpointer oa2_client_check_signed       (OA2Client                 *self,
                                        gboolean                   fetch,
                                        const char                *jwks_uri,
                                        const OA2TransportConfig  *config,
                                        OA2Jwks                   *jwks,
                                        OA2JwksCheckFunc           check,
                                        gpointer                   data,
                                        GCancellable              *cancellable,
                                        GError                   **error);
/* The same, returning the check's result, a GObject, or its error in
 * @task (taken, with its cancellable); @data must live as long as @task. */
void     oa2_client_check_signed_async (OA2Client                 *self,
                                        GTask                     *task,
                                        gboolean                   fetch,
                                        const char                *jwks_uri,
                                        const OA2TransportConfig  *config,
                                        OA2Jwks                   *jwks,
                                        OA2JwksCheckFunc           check,
                                        gpointer                   data);

G_END_DECLS
