/* oa2-secret.c: wiping secrets from memory
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-secret-private.h"

/* A plain memset() before free() may be optimised away; explicit_bzero()
 * and the volatile fallback may not. */
void
oa2_secret_wipe (gpointer data,
                 gsize    len)
{
  if (data == NULL || len == 0)
    return;
#ifdef HAVE_EXPLICIT_BZERO
  explicit_bzero (data, len);
#else
  {
    volatile guchar *p = data;
    while (len--)
      *p++ = 0;
  }
#endif
}

/* Frees a NUL-terminated secret (client secret, token, password) after
 * overwriting it. */
void
oa2_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  oa2_secret_wipe (secret, strlen (secret));
  g_free (secret);
}

typedef struct {
  gpointer data;
  gsize    len;
} SecretBuffer;

static void
secret_buffer_free (gpointer user_data)
{
  SecretBuffer *buffer = user_data;

  oa2_secret_wipe (buffer->data, buffer->len);
  g_free (buffer->data);
  g_free (buffer);
}

/* Wraps a g_malloc()ed buffer that holds secrets (a form body with a client
 * secret, a token response) so that it is wiped when the last reference
 * goes. */
GBytes *
oa2_secret_bytes_new_take (gpointer data,
                           gsize    len)
{
  SecretBuffer *buffer = g_new (SecretBuffer, 1);

  buffer->data = data;
  buffer->len = len;
  return g_bytes_new_with_free_func (data, len, secret_buffer_free, buffer);
}
