/* oa2-redact-private.h: HTTP traces with every secret removed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "oa2-form-private.h"

G_BEGIN_DECLS

#define OA2_REDACTED "[redacted]"

gboolean oa2_redact_is_shown_name   (const char          *name);
gboolean oa2_redact_is_shown_header (const char          *name);
char    *oa2_redact_form            (const OA2Form       *form);
char    *oa2_redact_headers         (SoupMessageHeaders  *headers);
char    *oa2_redact_body            (GBytes              *body,
                                     const char          *content_type);

G_END_DECLS
