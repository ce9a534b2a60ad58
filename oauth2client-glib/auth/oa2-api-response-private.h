/* oa2-api-response-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-api-response.h"

G_BEGIN_DECLS

OA2ApiResponse *oa2_api_response_new (guint               status,
                                      const char         *uri,
                                      SoupMessageHeaders *headers,
                                      GBytes             *body);
OA2ApiResponse *oa2_api_response_new_streamed (guint               status,
                                               const char         *uri,
                                               SoupMessageHeaders *headers,
                                               GInputStream       *stream);

G_END_DECLS
