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
void oa2_secret_strfreev (char **secrets);

GBytes *oa2_secret_bytes_new_take (gpointer data,
                                   gsize    len);

/* A string, and a string array, that hold secrets, for g_autoptr() and
 * g_auto(): wiped when freed. */
typedef char OA2SecretText;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OA2SecretText, oa2_secret_free)
typedef char **OA2SecretStrv;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (OA2SecretStrv, oa2_secret_strfreev, NULL)

/* A byte buffer for secrets that grows without leaving copies behind. */
typedef struct {
  guint8 *data;
  gsize   len;
  gsize   allocated;
} OA2SecretBuffer;

guint8 *oa2_secret_buffer_reserve (OA2SecretBuffer *buffer,
                                   gsize            room);
void    oa2_secret_buffer_clear   (OA2SecretBuffer *buffer);
GBytes *oa2_secret_buffer_steal   (OA2SecretBuffer *buffer);

G_END_DECLS
