/* oa2-discover.c: "oa2 discover": a server's metadata (RFC 8414, OpenID
 * Connect Discovery)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "oa2-tool.h"

/* An argument with a well-known path segment is a discovery URI; anything
 * else is an issuer. */
static gboolean
is_discovery_uri (const char *argument)
{
  return strstr (argument, "/.well-known/") != NULL;
}

static void
print_value (const char *name,
             const char *value)
{
  if (value == NULL)
    return;
  g_print ("%-46s ", name);
  tool_fput_untrusted (stdout, value);
  g_print ("\n");
}

static void
print_list (const char         *name,
            const char * const *values)
{
  g_autofree char *joined = NULL;

  if (values == NULL)
    return;
  joined = g_strjoinv (" ", (char **) values);
  print_value (name, joined);
}

static int
compare_names (const char **a,
               const char **b,
               gpointer     user_data)
{
  return strcmp (*a, *b);
}

static void
print_summary (OA2ServerMetadata *m)
{
  g_autoptr(GHashTable) aliases = oa2_server_metadata_dup_mtls_endpoint_aliases (m);
  g_autofree const char **alias_names = NULL;

#define VALUE(member) print_value (#member, oa2_server_metadata_get_##member (m))
#define LIST(member) print_list (#member, oa2_server_metadata_get_##member (m))
#define FLAG(member) print_value (#member, oa2_server_metadata_get_##member (m) ? "true" : "false")
  VALUE (issuer);
  VALUE (authorization_endpoint);
  VALUE (token_endpoint);
  VALUE (userinfo_endpoint);
  VALUE (jwks_uri);
  VALUE (registration_endpoint);
  VALUE (revocation_endpoint);
  VALUE (introspection_endpoint);
  VALUE (pushed_authorization_request_endpoint);
  VALUE (device_authorization_endpoint);
  VALUE (backchannel_authentication_endpoint);
  VALUE (end_session_endpoint);
  alias_names = (const char **) g_hash_table_get_keys_as_array (aliases, NULL);
  /* In a stable order, for people comparing two runs. */
  g_qsort_with_data (alias_names, g_hash_table_size (aliases), sizeof (char *),
                     (GCompareDataFunc) compare_names, NULL);
  for (guint i = 0; alias_names[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat ("mtls_endpoint_aliases.", alias_names[i], NULL);

      print_value (name, g_hash_table_lookup (aliases, alias_names[i]));
    }
  LIST (scopes_supported);
  LIST (response_types_supported);
  LIST (response_modes_supported);
  LIST (grant_types_supported);
  LIST (code_challenge_methods_supported);
  LIST (token_endpoint_auth_methods_supported);
  LIST (token_endpoint_auth_signing_alg_values_supported);
  LIST (id_token_signing_alg_values_supported);
  LIST (id_token_encryption_alg_values_supported);
  LIST (id_token_encryption_enc_values_supported);
  LIST (userinfo_signing_alg_values_supported);
  LIST (request_object_signing_alg_values_supported);
  LIST (authorization_signing_alg_values_supported);
  LIST (dpop_signing_alg_values_supported);
  LIST (revocation_endpoint_auth_methods_supported);
  LIST (introspection_endpoint_auth_methods_supported);
  LIST (backchannel_token_delivery_modes_supported);
  LIST (subject_types_supported);
  LIST (claims_supported);
  FLAG (authorization_response_iss_parameter_supported);
  FLAG (require_pushed_authorization_requests);
  FLAG (request_parameter_supported);
  FLAG (request_uri_parameter_supported);
  FLAG (tls_client_certificate_bound_access_tokens);
#undef VALUE
#undef LIST
#undef FLAG
}

int
tool_discover_main (int    argc,
                    char **argv)
{
  const char *command = "oa2 discover";
  gboolean rfc8414 = FALSE;
  gboolean json = FALSE;
  g_autofree char *ca_file = NULL;
  const GOptionEntry entries[] = {
    { "rfc8414", 0, 0, G_OPTION_ARG_NONE, &rfc8414,
      N_("Fetch the issuer’s RFC 8414 document (/.well-known/oauth-authorization-server inserted before its "
         "path) instead of its OpenID Connect one"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print the whole document as JSON instead of a summary"), NULL },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
      N_("Trust the CA certificates in this PEM file instead of the system’s"), N_("FILE") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(OA2Client) client = NULL;
  OA2ServerMetadata *metadata;
  const char *target;

  context = tool_option_context_new (command, _("ISSUER|URL"),
                                     _("Fetch an authorization server’s metadata and print its endpoints and\n"
                                       "what it supports."),
                                     _("With an issuer, the document comes from the OpenID Connect URI (the\n"
                                       "issuer followed by /.well-known/openid-configuration), or with\n"
                                       "--rfc8414 from the RFC 8414 one, and must name that issuer exactly.\n"
                                       "With a URL holding /.well-known/, the document must name an issuer\n"
                                       "whose metadata lives at that URL. No credentials are sent.\n"
                                       "\n"
                                       "Exit status: 0 on success; 1 when the server, the network or the\n"
                                       "document fails (the error follows on standard error); 2 on a usage\n"
                                       "error."),
                                     entries);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return tool_usage_error (command, "%s", error->message);
  if (argc != 2)
    return tool_usage_error (command, "%s", _("Give one issuer or discovery URL"));
  target = argv[1];
  if (rfc8414 && is_discovery_uri (target))
    return tool_usage_error (command, "%s", _("--rfc8414 goes with an issuer, not a discovery URL"));

  if (ca_file != NULL)
    {
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca_file, &error);

      if (database == NULL)
        /* Translators: the first %s is a file name, the second an error message */
        return tool_usage_error (command, _("Cannot read the CA certificates of %s: %s"), ca_file, error->message);
      session = soup_session_new_with_options ("tls-database", database, NULL);
    }

  if (is_discovery_uri (target))
    client = oa2_client_new_from_discovery (target, NULL, session, NULL, &error);
  else
    client = oa2_client_new_from_issuer (target, rfc8414 ? OA2_DISCOVERY_KIND_RFC8414 : OA2_DISCOVERY_KIND_OPENID,
                                         NULL, session, NULL, &error);
  if (client == NULL)
    return tool_report_error (error);

  metadata = oa2_client_get_server_metadata (client);
  if (json)
    {
      g_autofree char *text = oa2_server_metadata_to_json (metadata);

      g_print ("%s\n", text);
    }
  else
    print_summary (metadata);
  return TOOL_EXIT_OK;
}
