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

/* Frees a NULL-terminated array of secrets, such as the pieces of a split
 * form body, after overwriting each. */
void
oa2_secret_strfreev (char **secrets)
{
  if (secrets == NULL)
    return;
  for (char **s = secrets; *s != NULL; s++)
    oa2_secret_free (*s);
  g_free (secrets);
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

/* realloc() may move a block and free the old one as it was, with the
 * secret still in it; GByteArray and GString grow that way. This buffer
 * grows by copying into a larger block and wiping the old one.
 *
 * Returns where @room more bytes can be written; the caller adds what it
 * wrote to buffer->len. */
guint8 *
oa2_secret_buffer_reserve (OA2SecretBuffer *buffer,
                           gsize            room)
{
  if (buffer->allocated - buffer->len < room)
    {
      gsize allocated = MAX (buffer->len + room, buffer->allocated * 2);
      guint8 *data = g_malloc (allocated);

      if (buffer->len > 0)
        memcpy (data, buffer->data, buffer->len);
      oa2_secret_wipe (buffer->data, buffer->len);
      g_free (buffer->data);
      buffer->data = data;
      buffer->allocated = allocated;
    }
  return buffer->data + buffer->len;
}

/* Wipes and frees the contents; the buffer is empty again. */
void
oa2_secret_buffer_clear (OA2SecretBuffer *buffer)
{
  oa2_secret_wipe (buffer->data, buffer->len);
  g_free (buffer->data);
  *buffer = (OA2SecretBuffer) { NULL, 0, 0 };
}

/* Hands the contents over as bytes that are wiped when released, leaving
 * the buffer empty. A buffer more than half unused is copied to a block
 * of its size first, so that a short response does not hold a whole read
 * chunk. */
GBytes *
oa2_secret_buffer_steal (OA2SecretBuffer *buffer)
{
  GBytes *bytes;

  if (buffer->allocated - buffer->len > buffer->len)
    {
      guint8 *data = g_memdup2 (buffer->data, buffer->len);

      oa2_secret_wipe (buffer->data, buffer->len);
      g_free (buffer->data);
      buffer->data = data;
    }
  bytes = oa2_secret_bytes_new_take (buffer->data, buffer->len);
  *buffer = (OA2SecretBuffer) { NULL, 0, 0 };
  return bytes;
}
