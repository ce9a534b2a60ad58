/* oa2-base64url.c: base64url without padding (RFC 7515 §2)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-base64url-private.h"
#include "oa2-secret-private.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

char *
oa2_base64url_encode (const guint8 *data,
                      gsize         len)
{
  /* Written straight into a buffer of the exact size: this runs on every
   * token signed and every key exported. */
  char *out = g_malloc ((len / 3) * 4 + ((len % 3) ? (len % 3) + 1 : 0) + 1);
  char *o = out;
  gsize i;

  for (i = 0; i + 2 < len; i += 3)
    {
      guint32 v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];

      *o++ = alphabet[(v >> 18) & 63];
      *o++ = alphabet[(v >> 12) & 63];
      *o++ = alphabet[(v >> 6) & 63];
      *o++ = alphabet[v & 63];
    }
  if (len - i == 1)
    {
      guint32 v = data[i] << 16;

      *o++ = alphabet[(v >> 18) & 63];
      *o++ = alphabet[(v >> 12) & 63];
    }
  else if (len - i == 2)
    {
      guint32 v = (data[i] << 16) | (data[i + 1] << 8);

      *o++ = alphabet[(v >> 18) & 63];
      *o++ = alphabet[(v >> 12) & 63];
      *o++ = alphabet[(v >> 6) & 63];
    }
  *o = '\0';
  return out;
}

char *
oa2_base64url_encode_bytes (GBytes *bytes)
{
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return oa2_base64url_encode (data, len);
}

static int
value_of (char c)
{
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '-')
    return 62;
  if (c == '_')
    return 63;
  return -1;
}

/* Strict: the URL-safe alphabet only, no padding, no whitespace, and the
 * unused low bits of the last character zero, so that every value has
 * exactly one encoding (a signature cannot be altered without notice). */
GBytes *
oa2_base64url_decode (const char *text,
                      gssize      len)
{
  gsize n = len < 0 ? strlen (text) : (gsize) len;
  guint8 *out;
  gsize o = 0;
  guint32 acc = 0;
  guint bits = 0;

  if (n % 4 == 1)
    return NULL;

  out = g_malloc (n * 3 / 4 + 1);
  for (gsize i = 0; i < n; i++)
    {
      int v = value_of (text[i]);

      if (v < 0)
        goto invalid;
      acc = (acc << 6) | (guint32) v;
      bits += 6;
      if (bits >= 8)
        {
          out[o++] = (acc >> (bits - 8)) & 0xff;
          bits -= 8;
        }
    }
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
    goto invalid;

  /* What is decoded here may be a private key or a content key. */
  return oa2_secret_bytes_new_take (out, o);

invalid:
  oa2_secret_wipe (out, o);
  g_free (out);
  return NULL;
}
