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

/* Each character's six bits, or -1 for a character outside the alphabet
 * (padding, whitespace and the standard alphabet's '+' and '/' included). */
static const gint8 values[256] = {
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 62, -1, -1,
  52, 53, 54, 55, 56, 57, 58, 59, 60, 61, -1, -1, -1, -1, -1, -1,
  -1,  0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14,
  15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, -1, -1, -1, -1, 63,
  -1, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
  41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
  -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
};

/* Strict: the URL-safe alphabet only, no padding, no whitespace, and the
 * unused low bits of the last character zero, so that every value has
 * exactly one encoding (a signature cannot be altered without notice). */
GBytes *
oa2_base64url_decode (const char *text,
                      gssize      len)
{
  gsize n = len < 0 ? strlen (text) : (gsize) len;
  guint8 *out;
  gsize i, o = 0;

  if (n % 4 == 1)
    return NULL;

  out = g_malloc (n * 3 / 4 + 1);
  /* Four characters make three bytes; the table lookups are combined so
   * that one test finds any character outside the alphabet. */
  for (i = 0; i + 4 <= n; i += 4)
    {
      int a = values[(guchar) text[i]], b = values[(guchar) text[i + 1]];
      int c = values[(guchar) text[i + 2]], d = values[(guchar) text[i + 3]];
      guint32 v;

      if ((a | b | c | d) < 0)
        goto invalid;
      v = ((guint32) a << 18) | ((guint32) b << 12) | ((guint32) c << 6) | (guint32) d;
      out[o++] = (guint8) (v >> 16);
      out[o++] = (guint8) (v >> 8);
      out[o++] = (guint8) v;
    }
  /* Two or three characters left make one or two bytes, and the bits
   * they carry beyond those bytes must be zero. */
  if (n - i >= 2)
    {
      int a = values[(guchar) text[i]], b = values[(guchar) text[i + 1]];
      int c = n - i == 3 ? values[(guchar) text[i + 2]] : 0;

      if ((a | b | c) < 0)
        goto invalid;
      out[o++] = (guint8) ((a << 2) | (b >> 4));
      if (n - i == 2)
        {
          if ((b & 0x0f) != 0)
            goto invalid;
        }
      else
        {
          out[o++] = (guint8) (((b & 0x0f) << 4) | (c >> 2));
          if ((c & 0x03) != 0)
            goto invalid;
        }
    }

  /* What is decoded here may be a private key or a content key. */
  return oa2_secret_bytes_new_take (out, o);

invalid:
  oa2_secret_wipe (out, o);
  g_free (out);
  return NULL;
}
