/* oa2-client-introspection.h: token introspection (RFC 7662), with JWT
 * responses (RFC 9701)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "oa2-client.h"
#include "oa2-introspection-response.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

/**
 * OA2IntrospectionFlags:
 * @OA2_INTROSPECTION_FLAGS_NONE: a plain JSON response (RFC 7662)
 * @OA2_INTROSPECTION_FLAGS_JWT_RESPONSE: ask for a signed JWT response
 *   (RFC 9701) and accept nothing else
 *
 * How to introspect a token.
 */
typedef enum /*< flags,underscore_name=oa2_introspection_flags >*/
{
  OA2_INTROSPECTION_FLAGS_NONE         = 0,
  OA2_INTROSPECTION_FLAGS_JWT_RESPONSE = 1 << 0,
} OA2IntrospectionFlags;

OA2_AVAILABLE_IN_ALL
OA2IntrospectionResponse *oa2_client_introspect_token        (OA2Client              *self,
                                                              const char             *token,
                                                              const char             *token_type_hint,
                                                              OA2IntrospectionFlags   flags,
                                                              GCancellable           *cancellable,
                                                              GError                **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void                      oa2_client_introspect_token_async  (OA2Client              *self,
                                                              const char             *token,
                                                              const char             *token_type_hint,
                                                              OA2IntrospectionFlags   flags,
                                                              GCancellable           *cancellable,
                                                              GAsyncReadyCallback     callback,
                                                              gpointer                user_data);
OA2_AVAILABLE_IN_ALL
OA2IntrospectionResponse *oa2_client_introspect_token_finish (OA2Client              *self,
                                                              GAsyncResult           *result,
                                                              GError                **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
