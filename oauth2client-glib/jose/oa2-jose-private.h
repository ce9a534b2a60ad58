/* oa2-jose-private.h: what JWS and JWE parsing share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

gboolean    oa2_jose_malformed          (GError     **error,
                                         const char  *why);
JsonObject *oa2_jose_parse_json         (const char  *data,
                                         gsize        size,
                                         const char  *what,
                                         GError     **error);
JsonObject *oa2_jose_parse_json_part    (const char  *encoded,
                                         gsize        len,
                                         const char  *what,
                                         GError     **error);
gboolean    oa2_jose_check_crit         (JsonObject  *header,
                                         GError     **error);
/* Splits @compact into exactly @n_parts dot-separated parts, within the
 * size cap; the parts point into @compact. */
gboolean    oa2_jose_split_compact      (const char  *compact,
                                         guint        n_parts,
                                         const char **parts,
                                         gsize       *lengths,
                                         GError     **error);

JsonObject *oa2_jose_new_header          (const char          *alg,
                                         const char          *enc,
                                         const char          *kid,
                                         JsonObject          *extra,
                                         const char * const  *reserved);

G_END_DECLS
