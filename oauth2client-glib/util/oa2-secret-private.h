/* oa2-secret-private.h: wiping secrets from memory
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void oa2_secret_wipe (gpointer data,
                      gsize    len);
void oa2_secret_free (char    *secret);

GBytes *oa2_secret_bytes_new_take (gpointer data,
                                   gsize    len);


G_END_DECLS
