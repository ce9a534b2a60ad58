/* fuzz-server-metadata.c: oa2_server_metadata_new_from_json() on arbitrary
 * text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A document that loads has an issuer from which both discovery URIs can
 * be built, and that those URIs belong to; each standard endpoint it
 * names is https or loopback http; and it is written and read again
 * unchanged.
 */

#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static gboolean
is_usable_endpoint (const char *uri)
{
  /* Schemes are case-insensitive (RFC 3986 §3.1). */
  return uri == NULL || g_ascii_strncasecmp (uri, "https://", 8) == 0 || g_ascii_strncasecmp (uri, "http://", 7) == 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *json = fuzz_string (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2ServerMetadata) metadata = NULL;
  g_autoptr(OA2ServerMetadata) again = NULL;
  g_autofree char *written = NULL;
  g_autofree char *rewritten = NULL;
  g_autoptr(GHashTable) aliases = NULL;
  const char *issuer;

  metadata = oa2_server_metadata_new_from_json (json, &error);
  if (metadata == NULL)
    {
      FUZZ_CHECK_OA2_ERROR (error);
      return 0;
    }

  issuer = oa2_server_metadata_get_issuer (metadata);
  FUZZ_CHECK (issuer != NULL);
  for (int kind = OA2_DISCOVERY_KIND_OPENID; kind <= OA2_DISCOVERY_KIND_RFC8414; kind++)
    {
      g_autofree char *uri = oa2_server_metadata_discovery_uri (issuer, kind, &error);

      FUZZ_CHECK (uri != NULL);
      FUZZ_CHECK (oa2_server_metadata_is_discovery_uri_of (uri, issuer));
    }

  FUZZ_CHECK (is_usable_endpoint (oa2_server_metadata_get_token_endpoint (metadata)));
  FUZZ_CHECK (is_usable_endpoint (oa2_server_metadata_get_jwks_uri (metadata)));
  FUZZ_CHECK (is_usable_endpoint (oa2_server_metadata_get_userinfo_endpoint (metadata)));
  aliases = oa2_server_metadata_dup_mtls_endpoint_aliases (metadata);
  FUZZ_CHECK (aliases != NULL);

  written = oa2_server_metadata_to_json (metadata);
  again = oa2_server_metadata_new_from_json (written, &error);
  if (again == NULL)
    {
      fprintf (stderr, "written metadata does not load again: %s\n%s\n", error->message, written);
      abort ();
    }
  rewritten = oa2_server_metadata_to_json (again);
  FUZZ_CHECK (strcmp (written, rewritten) == 0);
  return 0;
}
