/* oa2-jwe.h: JSON Web Encryption in compact form
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "oa2-jwk.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

OA2_AVAILABLE_IN_ALL
char   *oa2_jwe_encrypt (GBytes              *plaintext,
                         OA2Jwk              *key,
                         const char          *alg,
                         const char          *enc,
                         JsonObject          *header,
                         GError             **error);
OA2_AVAILABLE_IN_ALL
GBytes *oa2_jwe_decrypt (const char          *compact,
                         OA2Jwk              *key,
                         const char * const  *allowed_algs,
                         const char * const  *allowed_encs,
                         JsonObject         **out_header,
                         GError             **error);

G_END_DECLS
