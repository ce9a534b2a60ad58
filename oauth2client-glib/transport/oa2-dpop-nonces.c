/* oa2-dpop-nonces.c: the DPoP nonces servers asked for (RFC 9449 §8, §9)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A server that wants fresh proofs sends a nonce in a DPoP-Nonce header,
 * on any response, and the next proof to that server carries it. A nonce
 * belongs to a server, so it is kept per origin (scheme, host, port). The
 * memory is attached to the SoupSession: the requests that share a
 * session share the server's nonce, and two sessions — say two
 * accounts — never mix theirs up.
 */

#include "config.h"

#include <string.h>

#include "oa2-dpop-nonces-private.h"
#include "oa2-uri-private.h"

/* A bound against a hostile or confused set of servers: a client talks to
 * a handful of origins, and a forgotten nonce only costs one retry. */
#define MAX_ORIGINS 64
/* RFC 9449 sets no limit; this is far beyond any real nonce. */
#define MAX_NONCE_LENGTH 1024

struct _OA2DPoPNonces {
  gatomicrefcount  ref_count;
  GMutex           mutex;
  GHashTable      *by_origin;   /* origin → nonce, both owned */
};

OA2DPoPNonces *
oa2_dpop_nonces_new (void)
{
  OA2DPoPNonces *self = g_new0 (OA2DPoPNonces, 1);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->mutex);
  self->by_origin = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

OA2DPoPNonces *
oa2_dpop_nonces_ref (OA2DPoPNonces *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
oa2_dpop_nonces_unref (OA2DPoPNonces *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_hash_table_unref (self->by_origin);
  g_mutex_clear (&self->mutex);
  g_free (self);
}

/* The session's memory, made when first asked for; it lives as long as
 * the session. */
OA2DPoPNonces *
oa2_dpop_nonces_for_session (SoupSession *session)
{
  static GMutex lock;
  static GQuark quark;
  OA2DPoPNonces *nonces;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  g_mutex_lock (&lock);
  if (quark == 0)
    quark = g_quark_from_static_string ("oa2-dpop-nonces");
  nonces = g_object_get_qdata (G_OBJECT (session), quark);
  if (nonces == NULL)
    {
      nonces = oa2_dpop_nonces_new ();
      g_object_set_qdata_full (G_OBJECT (session), quark, nonces, (GDestroyNotify) oa2_dpop_nonces_unref);
    }
  oa2_dpop_nonces_ref (nonces);
  g_mutex_unlock (&lock);
  return nonces;
}

/* scheme://host:port in lower case, with the port made explicit, so that
 * https://AS.example and https://as.example:443 are one origin. */
static char *
origin_of (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);
  int port;
  g_autofree char *lower_scheme = NULL;
  g_autofree char *lower_host = NULL;

  if (scheme == NULL || host == NULL)
    return NULL;
  lower_scheme = g_ascii_strdown (scheme, -1);
  lower_host = g_ascii_strdown (host, -1);
  port = oa2_uri_get_port_or_default (uri);
  return g_strdup_printf ("%s://%s:%d", lower_scheme, lower_host, port);
}

char *
oa2_dpop_nonces_dup (OA2DPoPNonces *self,
                     GUri          *uri)
{
  g_autofree char *origin = origin_of (uri);
  char *nonce;

  if (origin == NULL)
    return NULL;
  g_mutex_lock (&self->mutex);
  nonce = g_strdup (g_hash_table_lookup (self->by_origin, origin));
  g_mutex_unlock (&self->mutex);
  return nonce;
}

/* Keeps the nonce of a response from @uri's origin, if it has one that a
 * proof can carry. Returns whether it had. */
gboolean
oa2_dpop_nonces_remember (OA2DPoPNonces      *self,
                          GUri               *uri,
                          SoupMessageHeaders *response_headers)
{
  const char *nonce = soup_message_headers_get_one (response_headers, "DPoP-Nonce");
  g_autofree char *origin = NULL;

  /* A nonce a proof cannot carry would make every later proof fail. */
  if (nonce == NULL || !oa2_dpop_nonce_is_valid (nonce))
    return FALSE;
  origin = origin_of (uri);
  if (origin == NULL)
    return FALSE;

  g_mutex_lock (&self->mutex);
  if (!g_hash_table_contains (self->by_origin, origin) &&
      g_hash_table_size (self->by_origin) >= MAX_ORIGINS)
    g_hash_table_remove_all (self->by_origin);
  g_hash_table_replace (self->by_origin, g_steal_pointer (&origin), g_strdup (nonce));
  g_mutex_unlock (&self->mutex);
  return TRUE;
}

/* RFC 9449 §8.1: nonce = 1*NQCHAR, NQCHAR = %x21 / %x23-5B / %x5D-7E. */
gboolean
oa2_dpop_nonce_is_valid (const char *nonce)
{
  const char *p;

  if (nonce == NULL || *nonce == '\0')
    return FALSE;
  for (p = nonce; *p != '\0'; p++)
    if ((guchar) *p < 0x21 || (guchar) *p > 0x7e || *p == '"' || *p == '\\')
      return FALSE;
  return p - nonce <= MAX_NONCE_LENGTH;
}

/* A small reader of RFC 9110 §11.6.1 challenges:
 *
 *   challenge  = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
 *   auth-param = token BWS "=" BWS ( token / quoted-string )
 *
 * Challenges and their parameters are both separated by commas, so a name
 * followed by "=" continues the current challenge, and anything else
 * starts the next one. The reader never allocates for what it skips, and
 * stops at the first malformed byte: what came before it still counts. */
typedef struct {
  const char *p;
} Reader;

static gboolean
is_tchar (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

static gboolean
is_token68_char (char c)
{
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("-._~+/", c) != NULL);
}

static void
skip_ows (Reader *r)
{
  while (*r->p == ' ' || *r->p == '\t')
    r->p++;
}

static gsize
read_token (Reader      *r,
            const char **out_start)
{
  const char *start = r->p;

  while (is_tchar (*r->p))
    r->p++;
  *out_start = start;
  return r->p - start;
}

/* A quoted-string, unescaped into @out (when not NULL). */
static gboolean
read_quoted (Reader  *r,
             GString *out)
{
  if (*r->p != '"')
    return FALSE;
  r->p++;
  while (*r->p != '"')
    {
      if (*r->p == '\0')
        return FALSE;
      if (*r->p == '\\')
        {
          r->p++;
          if (*r->p == '\0')
            return FALSE;
        }
      if (out != NULL)
        g_string_append_c (out, *r->p);
      r->p++;
    }
  r->p++;
  return TRUE;
}

/* Whether a parameter (name BWS "=") starts at the reader's position. */
static gboolean
param_follows (Reader r)
{
  const char *name;

  skip_ows (&r);
  if (read_token (&r, &name) == 0)
    return FALSE;
  skip_ows (&r);
  return *r.p == '=';
}

char *
oa2_www_authenticate_dup_param (const char *www_authenticate,
                                const char *scheme,
                                const char *param)
{
  Reader r = { www_authenticate };

  g_return_val_if_fail (scheme != NULL && param != NULL, NULL);
  if (www_authenticate == NULL)
    return NULL;

  for (;;)
    {
      const char *scheme_start;
      gsize scheme_len;
      gboolean wanted;

      while (*r.p == ',' || *r.p == ' ' || *r.p == '\t')
        r.p++;
      if (*r.p == '\0')
        return NULL;
      scheme_len = read_token (&r, &scheme_start);
      if (scheme_len == 0)
        return NULL;
      wanted = scheme_len == strlen (scheme) && g_ascii_strncasecmp (scheme_start, scheme, scheme_len) == 0;
      if (*r.p != ' ' && *r.p != '\t' && *r.p != ',' && *r.p != '\0')
        return NULL;
      skip_ows (&r);

      /* The challenge's parameters, or its token68. */
      for (;;)
        {
          const char *name;
          gsize name_len;
          g_autoptr(GString) value = NULL;

          if (*r.p == '\0')
            return NULL;
          if (*r.p == ',')
            {
              r.p++;
              if (!param_follows (r))
                break;
              skip_ows (&r);
              continue;
            }
          name_len = read_token (&r, &name);
          if (name_len > 0 && *r.p != '/')
            {
              skip_ows (&r);
              if (*r.p == '=')
                {
                  r.p++;
                  skip_ows (&r);
                  /* "name=" with nothing after it is a token68's padding. */
                  if (*r.p != '=' && *r.p != ',' && *r.p != '\0')
                    goto param_value;
                }
            }
          /* A token68: nothing to find in it. */
          while (is_token68_char (*r.p))
            r.p++;
          while (*r.p == '=')
            r.p++;
          skip_ows (&r);
          if (*r.p != ',' && *r.p != '\0')
            return NULL;
          continue;

        param_value:
          value = g_string_new (NULL);
          if (*r.p == '"')
            {
              if (!read_quoted (&r, value))
                return NULL;
            }
          else
            {
              const char *start;
              gsize len = read_token (&r, &start);

              if (len == 0)
                return NULL;
              g_string_append_len (value, start, len);
            }
          skip_ows (&r);
          if (*r.p != ',' && *r.p != '\0')
            return NULL;
          if (wanted && name_len == strlen (param) && g_ascii_strncasecmp (name, param, name_len) == 0)
            return g_string_free (g_steal_pointer (&value), FALSE);
        }
    }
}

/* RFC 9449 §9: a resource server asks for a nonce with a DPoP challenge
 * whose error is use_dpop_nonce. */
gboolean
oa2_dpop_challenge_wants_nonce (const char *www_authenticate)
{
  g_autofree char *error = oa2_www_authenticate_dup_param (www_authenticate, "DPoP", "error");

  return error != NULL && strcmp (error, "use_dpop_nonce") == 0;
}
