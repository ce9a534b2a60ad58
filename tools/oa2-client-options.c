/* oa2-client-options.c: the client options shared by the commands that
 * call a token endpoint (oa2 token, authorize, device, ciba, exchange,
 * revoke, introspect, api): their option entries, and the client
 * authentication and DPoP key built from them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "oa2-client-options.h"

void
tool_client_options_clear (ToolClientOptions *opts)
{
  g_free (opts->token_endpoint);
  g_free (opts->issuer);
  g_free (opts->preset);
  g_free (opts->client_id);
  g_free (opts->client_secret_env);
  g_free (opts->client_secret_file);
  g_free (opts->auth);
  g_free (opts->key_file);
  tool_token_key_options_clear (&opts->token_key);
  g_free (opts->alg);
  g_free (opts->cert_file);
  g_free (opts->ca_file);
  g_free (opts->dpop_alg);
  g_free (opts->dpop_key_file);
  g_free (opts->dpop_key_out);
  g_free (opts->argv_client_secret);
}

/* ------------------------------------------------------------------------ */
/* Option tables */

void
tool_client_options_add_server_entries (GArray            *entries,
                                        ToolClientOptions *opts)
{
  ADD ("token-endpoint", G_OPTION_ARG_STRING, &opts->token_endpoint,
       N_("The token endpoint (https, or http to a loopback address); or give --issuer"), N_("URI"));
  ADD ("issuer", G_OPTION_ARG_STRING, &opts->issuer,
       N_("Discover the server’s endpoints from the metadata of this issuer instead (OpenID Connect)"),
       N_("ISSUER"));
  ADD ("rfc8414", G_OPTION_ARG_NONE, &opts->rfc8414,
       N_("With --issuer, fetch the RFC 8414 metadata document instead"), NULL);
  ADD ("preset", G_OPTION_ARG_STRING, &opts->preset,
       N_("A vendor’s fixed endpoints instead: auth0:TENANT, ping-federate:URL, keycloak:REALM:URL or "
          "entra-id:TENANT"), N_("VENDOR:ARG"));
}

void
tool_client_options_add_auth_entries (GArray            *entries,
                                      ToolClientOptions *opts)
{
  ADD ("client-id", G_OPTION_ARG_STRING, &opts->client_id,
       N_("The client identifier"), N_("ID"));
  ADD ("client-secret-env", G_OPTION_ARG_STRING, &opts->client_secret_env,
       N_("Read the client secret from this environment variable"), N_("VAR"));
  ADD ("client-secret-file", G_OPTION_ARG_FILENAME, &opts->client_secret_file,
       N_("Read the client secret from this file (“-”: standard input)"), N_("PATH"));
  ADD_REFUSED ("client-secret", G_OPTION_ARG_STRING, &opts->argv_client_secret);
  ADD ("auth", G_OPTION_ARG_STRING, &opts->auth,
       N_("Client authentication: basic (client_secret_basic), post (client_secret_post), client_secret_jwt, private_key_jwt, tls_client_auth, self_signed_tls_client_auth or none"),
       N_("METHOD"));
  ADD ("key", G_OPTION_ARG_FILENAME, &opts->key_file,
       N_("With --auth private_key_jwt, the private key: a JWK or PEM file (“-”: standard input), or a pkcs11: URI of a key in a token; with the TLS methods, the PEM private key of --cert"),
       N_("PATH|URI"));
  ADD ("pin-env", G_OPTION_ARG_STRING, &opts->token_key.pin_env,
       N_("With --key pkcs11:…, read the token’s PIN from this environment variable"), N_("VAR"));
  ADD ("pin-file", G_OPTION_ARG_FILENAME, &opts->token_key.pin_file,
       N_("With --key pkcs11:…, read the token’s PIN from this file (“-”: standard input)"), N_("PATH"));
  ADD ("pkcs11-module", G_OPTION_ARG_FILENAME, &opts->token_key.module,
       N_("With --key pkcs11:…, the PKCS#11 module to load instead of p11-kit’s configured ones"), N_("PATH"));
  ADD ("cert", G_OPTION_ARG_FILENAME, &opts->cert_file,
       N_("With --auth tls_client_auth or self_signed_tls_client_auth, the client certificate: a PEM file, then any intermediate certificates (and the key, without --key)"),
       N_("PATH"));
  ADD ("ca-file", G_OPTION_ARG_FILENAME, &opts->ca_file,
       N_("Trust only the CA certificates of this PEM file for the server’s certificate"), N_("PATH"));
  ADD ("alg", G_OPTION_ARG_STRING, &opts->alg,
       N_("With --auth client_secret_jwt or private_key_jwt, the assertions’ algorithm (default: HS256, or the key’s)"),
       N_("ALG"));
  ADD ("raw-basic", G_OPTION_ARG_NONE, &opts->raw_basic,
       N_("With --auth basic, send id and secret without form-encoding them first (for servers that skip RFC 6749 §2.3.1)"),
       NULL);
}

void
tool_client_options_add_dpop_entries (GArray            *entries,
                                      ToolClientOptions *opts,
                                      gboolean           key_out)
{
  ADD ("dpop", G_OPTION_ARG_NONE, &opts->dpop,
       N_("Ask for a DPoP-bound token (RFC 9449), with a new key unless --dpop-key gives one"), NULL);
  ADD ("dpop-alg", G_OPTION_ARG_STRING, &opts->dpop_alg,
       N_("With --dpop, the algorithm of the new key (default: ES256), or of the --dpop-key (default: the key’s)"),
       N_("ALG"));
  ADD ("dpop-key", G_OPTION_ARG_FILENAME, &opts->dpop_key_file,
       N_("With --dpop, the private key to bind the token to: a JWK or PEM file (“-”: standard input)"),
       N_("PATH"));
  if (key_out)
    ADD ("dpop-key-out", G_OPTION_ARG_FILENAME, &opts->dpop_key_out,
         N_("With --dpop, save the key the token is bound to as a private JWK (mode 0600), for --dpop-key and “oa2 dpop proof --key”"),
         N_("PATH"));
}


/* ------------------------------------------------------------------------ */
/* Client authentication and DPoP key */

/* private_key_jwt: the key comes from a file or a token, never from the
 * command line; the library checks at construction that it can sign. */
static OA2ClientAuth *
build_private_key_jwt (ToolClientOptions *opts,
                       const char        *command,
                       int               *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = NULL;
  OA2PrivateKeyJwt *auth;

  if (opts->client_id == NULL || *opts->client_id == '\0')
    {
      /* Translators: %s is a client authentication method: basic, post, client_secret_jwt or private_key_jwt */
      *out_status = tool_usage_error (command, _("--auth %s needs --client-id"), "private_key_jwt");
      return NULL;
    }
  if (opts->client_secret_env != NULL || opts->client_secret_file != NULL)
    {
      *out_status = tool_usage_error (command, _("--auth private_key_jwt signs with --key and sends no secret; drop --client-secret-env/--client-secret-file"));
      return NULL;
    }
  if (opts->key_file == NULL)
    {
      *out_status = tool_usage_error (command, _("--auth private_key_jwt needs --key PATH"));
      return NULL;
    }
  if (tool_is_token_uri (opts->key_file))
    key = tool_load_token_key (&opts->token_key, command, opts->key_file, out_status);
  else
    key = tool_load_jwk (command, opts->key_file, out_status);
  if (key == NULL)
    return NULL;
  auth = oa2_private_key_jwt_new (opts->client_id, key, opts->alg, &error);
  if (auth == NULL)
    {
      *out_status = tool_report_error (error);
      return NULL;
    }
  return OA2_CLIENT_AUTH (auth);
}

/* Reads a PEM file of the TLS methods; a private key that other users can
 * read is refused, as for private_key_jwt. The result may hold a private
 * key: wipe it. */
static char *
read_pem_file (const char  *command,
               const char  *path,
               gsize       *out_len,
               int         *out_status)
{
  g_autoptr(GError) error = NULL;
  guint shared_mode = 0;
  char *text;

  text = tool_read_input (path, out_len, &shared_mode, &error);
  if (text == NULL)
    {
      *out_status = tool_usage_error (command, "%s", error->message);
      return NULL;
    }
  if (shared_mode != 0 && strstr (text, "PRIVATE KEY-----") != NULL)
    {
      *out_status = tool_usage_error (command,
                                      /* Translators: %s is a file name, %04o its permission bits in octal; “chmod 600” is a command */
                                      _("%s holds a private key and is accessible to other users (mode %04o); "
                                        "chmod 600 it first"),
                                      tool_input_name (path), shared_mode);
      tool_secret_wipe (text, *out_len);
      g_free (text);
      return NULL;
    }
  return text;
}

/* tls_client_auth and self_signed_tls_client_auth (RFC 8705): a
 * certificate and its key from PEM files; the library checks at
 * construction that the key belongs to the certificate. */
static OA2ClientAuth *
build_tls_client_auth (ToolClientOptions *opts,
                       const char        *method,
                       const char        *command,
                       int               *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *certificate = NULL;
  char *key = NULL;
  char *pem;
  gsize certificate_len = 0, key_len = 0;
  OA2TlsClientAuth *auth;

  if (opts->client_id == NULL || *opts->client_id == '\0')
    {
      /* Translators: %s is a client authentication method: basic, post, client_secret_jwt or private_key_jwt */
      *out_status = tool_usage_error (command, _("--auth %s needs --client-id"), method);
      return NULL;
    }
  if (opts->client_secret_env != NULL || opts->client_secret_file != NULL)
    {
      /* Translators: %s is a client authentication method: tls_client_auth or self_signed_tls_client_auth */
      *out_status = tool_usage_error (command, _("--auth %s authenticates with --cert and sends no secret; drop --client-secret-env/--client-secret-file"),
                                      method);
      return NULL;
    }
  if (opts->cert_file == NULL)
    {
      /* Translators: %s is a client authentication method: tls_client_auth or self_signed_tls_client_auth */
      *out_status = tool_usage_error (command, _("--auth %s needs --cert PATH"), method);
      return NULL;
    }
  if (g_strcmp0 (opts->cert_file, "-") == 0 && g_strcmp0 (opts->key_file, "-") == 0)
    {
      *out_status = tool_usage_error (command, _("Only one of --cert and --key can be standard input"));
      return NULL;
    }
  /* The TLS handshake signs with a key it reads from a file; a key held in
   * a token signs assertions and proofs only. */
  if (tool_is_token_uri (opts->key_file))
    {
      *out_status = tool_usage_error (command, _("A key held in a PKCS#11 token works with --auth private_key_jwt and --dpop-key, not with the TLS methods"));
      return NULL;
    }

  certificate = read_pem_file (command, opts->cert_file, &certificate_len, out_status);
  if (certificate == NULL)
    return NULL;
  if (opts->key_file != NULL)
    {
      key = read_pem_file (command, opts->key_file, &key_len, out_status);
      if (key == NULL)
        {
          tool_secret_wipe (certificate, certificate_len);
          return NULL;
        }
    }

  pem = g_strconcat (certificate, "\n", key != NULL ? key : "", NULL);
  auth = oa2_tls_client_auth_new_from_pem (opts->client_id,
                                           strcmp (method, "self_signed_tls_client_auth") == 0
                                             ? OA2_TLS_CLIENT_AUTH_METHOD_SELF_SIGNED
                                             : OA2_TLS_CLIENT_AUTH_METHOD_PKI,
                                           pem, -1, &error);
  tool_secret_wipe (pem, strlen (pem));
  g_free (pem);
  tool_secret_wipe (certificate, certificate_len);
  if (key != NULL)
    {
      tool_secret_wipe (key, key_len);
      g_free (key);
    }
  if (auth == NULL)
    {
      *out_status = tool_report_error (error);
      return NULL;
    }
  return OA2_CLIENT_AUTH (auth);
}

/* The DPoP key of --dpop: from --dpop-key, or new for --dpop-alg (ES256
 * by default). NULL with *out_status set when it cannot be had: a usage
 * error for a file that cannot be read, the library's error for a key or
 * algorithm it refuses, as with --key. */
OA2DPoPKey *
tool_client_options_load_dpop_key (ToolClientOptions *opts,
                                   const char        *command,
                                   int               *out_status)
{
  g_autoptr(GError) error = NULL;
  OA2DPoPKey *key;

  if (opts->dpop_key_file != NULL)
    {
      g_autoptr(OA2Jwk) jwk = tool_is_token_uri (opts->dpop_key_file)
                              ? tool_load_token_key (&opts->token_key, command, opts->dpop_key_file, out_status)
                              : tool_load_jwk (command, opts->dpop_key_file, out_status);

      if (jwk == NULL)
        return NULL;
      key = oa2_dpop_key_new (jwk, opts->dpop_alg, &error);
    }
  else
    key = oa2_dpop_key_generate (opts->dpop_alg, &error);

  if (key == NULL)
    *out_status = tool_report_error (error);
  return key;
}

/* --dpop-key-out: the private JWK, with its algorithm, which --dpop-key
 * and “oa2 dpop proof --key” read back. */
gboolean
tool_save_dpop_key (OA2DPoPKey  *key,
                    const char  *path,
                    GError     **error)
{
  char *stored = oa2_dpop_key_to_json (key);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  JsonObject *jwk;
  char *text;
  gboolean saved;

  saved = json_parser_load_from_data (parser, stored, -1, error);
  tool_secret_free (stored);
  if (!saved)
    return FALSE;
  jwk = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "jwk");
  if (!json_object_has_member (jwk, "alg"))
    json_object_set_string_member (jwk, "alg", oa2_dpop_key_get_alg (key));
  generator = json_generator_new ();
  json_generator_set_root (generator, json_object_get_member (json_node_get_object (json_parser_get_root (parser)),
                                                              "jwk"));
  text = json_generator_to_data (generator, NULL);
  saved = g_file_set_contents_full (path, text, -1,
                                    G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, error);
  tool_secret_free (text);
  return saved;
}

/* Builds the client authentication from the options; NULL with
 * *out_status set on a usage error, NULL with *out_status 0 for a client
 * without authentication. */
OA2ClientAuth *
tool_client_options_build_auth (ToolClientOptions *opts,
                                const char        *command,
                                int               *out_status)
{
  g_autoptr(GError) error = NULL;
  const char *method;
  char *secret = NULL;
  OA2ClientAuth *auth = NULL;
  gboolean is_tls;

  *out_status = TOOL_EXIT_OK;

  if (opts->client_secret_env != NULL && opts->client_secret_file != NULL)
    {
      *out_status = tool_usage_error (command, _("Give the client secret either with --client-secret-env or with --client-secret-file"));
      return NULL;
    }

  if (opts->auth != NULL)
    method = opts->auth;
  else if (opts->client_secret_env != NULL || opts->client_secret_file != NULL)
    method = "post";
  else
    method = "none";

  if (!g_strv_contains ((const char * const []) { "basic", "post", "none", "client_secret_jwt", "private_key_jwt",
                                                  "tls_client_auth", "self_signed_tls_client_auth", NULL },
                        method))
    {
      /* Translators: %s is the argument the user gave to --auth; the others are its valid values */
      *out_status = tool_usage_error (command, _("--auth is basic, post, client_secret_jwt, private_key_jwt, tls_client_auth, self_signed_tls_client_auth or none, not “%s”"),
                                      method);
      return NULL;
    }
  is_tls = g_str_has_suffix (method, "tls_client_auth");
  if (opts->raw_basic && strcmp (method, "basic") != 0)
    {
      *out_status = tool_usage_error (command, _("--raw-basic goes with --auth basic"));
      return NULL;
    }
  if (opts->key_file != NULL && strcmp (method, "private_key_jwt") != 0 && !is_tls)
    {
      *out_status = tool_usage_error (command, _("--key goes with --auth private_key_jwt, tls_client_auth or self_signed_tls_client_auth"));
      return NULL;
    }
  if (opts->cert_file != NULL && !is_tls)
    {
      *out_status = tool_usage_error (command, _("--cert goes with --auth tls_client_auth or self_signed_tls_client_auth"));
      return NULL;
    }
  if (opts->alg != NULL && !g_str_has_suffix (method, "_jwt"))
    {
      *out_status = tool_usage_error (command, _("--alg goes with --auth client_secret_jwt or private_key_jwt"));
      return NULL;
    }
  if (strcmp (method, "private_key_jwt") == 0)
    return build_private_key_jwt (opts, command, out_status);
  if (is_tls)
    return build_tls_client_auth (opts, method, command, out_status);

  if (strcmp (method, "none") == 0)
    {
      if (opts->client_secret_env != NULL || opts->client_secret_file != NULL)
        {
          *out_status = tool_usage_error (command, _("--auth none sends no secret; drop --client-secret-env/--client-secret-file"));
          return NULL;
        }
      if (opts->client_id == NULL)
        return NULL;   /* no client authentication at all */
      return OA2_CLIENT_AUTH (oa2_public_app_new (opts->client_id));
    }

  if (opts->client_id == NULL || *opts->client_id == '\0')
    {
      /* Translators: %s is a client authentication method: basic, post, client_secret_jwt or private_key_jwt */
      *out_status = tool_usage_error (command, _("--auth %s needs --client-id"), method);
      return NULL;
    }
  if (opts->client_secret_env == NULL && opts->client_secret_file == NULL)
    {
      /* Translators: %s is a client authentication method: basic, post, client_secret_jwt or private_key_jwt */
      *out_status = tool_usage_error (command, _("--auth %s needs --client-secret-env VAR or --client-secret-file PATH"), method);
      return NULL;
    }

  secret = tool_read_secret (opts->client_secret_env, opts->client_secret_file, _("the client secret"), &error);
  if (secret == NULL)
    {
      *out_status = tool_usage_error (command, "%s", error->message);
      return NULL;
    }

  if (strcmp (method, "basic") == 0)
    {
      OA2ClientSecretBasic *basic = oa2_client_secret_basic_new (opts->client_id, secret);

      oa2_client_secret_basic_set_encode_credentials (basic, !opts->raw_basic);
      auth = OA2_CLIENT_AUTH (basic);
    }
  else if (strcmp (method, "client_secret_jwt") == 0)
    {
      auth = OA2_CLIENT_AUTH (oa2_client_secret_jwt_new (opts->client_id, secret, opts->alg, &error));
      if (auth == NULL)
        *out_status = tool_report_error (error);
    }
  else
    auth = OA2_CLIENT_AUTH (oa2_client_secret_post_new (opts->client_id, secret));

  tool_secret_free (secret);
  return auth;
}

/* ------------------------------------------------------------------------ */
/* Vendor presets */

/* --preset VENDOR:ARG: a vendor preset's endpoints, as if given with
 * --token-endpoint (and --device-authorization-endpoint,
 * --backchannel-endpoint when those are not given). The issuer is not
 * taken: --issuer means discovery here. */
gboolean
tool_client_options_apply_preset (ToolClientOptions  *opts,
                                  char              **device_authorization_endpoint,
                                  char              **backchannel_endpoint,
                                  GError            **error)
{
  g_autoptr(OA2PublicApp) placeholder = oa2_public_app_new ("preset");
  OA2ClientAuth *auth = OA2_CLIENT_AUTH (placeholder);
  g_autoptr(OA2Client) client = NULL;
  const char *colon = strchr (opts->preset, ':');
  g_autofree char *vendor = colon != NULL ? g_strndup (opts->preset, colon - opts->preset) : NULL;
  const char *arg = colon != NULL ? colon + 1 : NULL;

  if (g_strcmp0 (vendor, "auth0") == 0)
    client = oa2_auth0_client_new (arg, auth, error);
  else if (g_strcmp0 (vendor, "ping-federate") == 0)
    client = oa2_ping_federate_client_new (arg, auth, error);
  else if (g_strcmp0 (vendor, "entra-id") == 0)
    client = oa2_entra_id_client_new (arg, auth, error);
  else if (g_strcmp0 (vendor, "keycloak") == 0 && strchr (arg, ':') != NULL)
    {
      g_autofree char *realm = g_strndup (arg, strchr (arg, ':') - arg);

      client = oa2_keycloak_client_new (strchr (arg, ':') + 1, realm, auth, error);
    }
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("Unknown --preset “%s”: give auth0:TENANT, ping-federate:URL, keycloak:REALM:URL or "
                     "entra-id:TENANT"), opts->preset);
      return FALSE;
    }
  if (client == NULL)
    return FALSE;
  opts->token_endpoint = g_strdup (oa2_client_get_token_endpoint (client));
  if (device_authorization_endpoint != NULL && *device_authorization_endpoint == NULL)
    *device_authorization_endpoint = g_strdup (oa2_client_get_device_authorization_endpoint (client));
  if (backchannel_endpoint != NULL && *backchannel_endpoint == NULL)
    *backchannel_endpoint = g_strdup (oa2_client_get_backchannel_authentication_endpoint (client));
  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* Checks, and the client */

int
tool_client_options_check (ToolClientOptions *opts,
                           const char        *command,
                           char             **device_authorization_endpoint,
                           char             **backchannel_endpoint)
{
  if (opts->argv_client_secret != NULL)
    return tool_usage_error (command,
                             /* Translators: the first %s is an option such as --client-secret, the second says what its value is, e.g. "the client secret"; the last two are options that read it from an environment variable VAR or a file PATH */
                             _("%s would put %s on the command line, where other users of this machine can read it; give it with %s VAR or %s PATH"),
                             "--client-secret", _("the client secret"), "--client-secret-env", "--client-secret-file");
  if (opts->preset != NULL)
    {
      g_autoptr(GError) preset_error = NULL;

      if (opts->token_endpoint != NULL || opts->issuer != NULL)
        return tool_usage_error (command, _("Give only one of --token-endpoint, --issuer and --preset"));
      if (!tool_client_options_apply_preset (opts, device_authorization_endpoint, backchannel_endpoint,
                                             &preset_error))
        return tool_usage_error (command, "%s", preset_error->message);
    }
  if (opts->rfc8414 && opts->issuer == NULL)
    return tool_usage_error (command, _("--rfc8414 goes with --issuer"));
  if (!opts->dpop && (opts->dpop_alg != NULL || opts->dpop_key_file != NULL || opts->dpop_key_out != NULL))
    return tool_usage_error (command, _("--dpop-alg, --dpop-key and --dpop-key-out go with --dpop"));
  if (tool_token_key_options_given (&opts->token_key) &&
      !(tool_is_token_uri (opts->key_file) && g_strcmp0 (opts->auth, "private_key_jwt") == 0) &&
      !tool_is_token_uri (opts->dpop_key_file))
    return tool_usage_error (command, _("--pin-env, --pin-file and --pkcs11-module go with --key pkcs11:… or --dpop-key pkcs11:…"));
  return TOOL_EXIT_OK;
}

guint
tool_client_options_count_stdin (ToolClientOptions *opts)
{
  const char *paths[] = { opts->client_secret_file, opts->key_file, opts->dpop_key_file, opts->token_key.pin_file };
  guint count = 0;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    count += g_strcmp0 (paths[i], "-") == 0;
  return count;
}

/* A CA of one's own, for a server whose certificate the system does not
 * trust: a test or company CA. */
gboolean
tool_client_options_new_session (ToolClientOptions  *opts,
                                 const char         *command,
                                 SoupSession       **out_session,
                                 int                *out_status)
{
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  *out_session = NULL;
  if (opts->ca_file == NULL)
    return TRUE;
  database = g_tls_file_database_new (opts->ca_file, &error);
  if (database == NULL)
    {
      /* Translators: the first %s is a file name, the second an error message */
      *out_status = tool_usage_error (command, _("Cannot read the CA certificates of %s: %s"), opts->ca_file,
                                      error->message);
      return FALSE;
    }
  *out_session = soup_session_new_with_options ("tls-database", database, NULL);
  return TRUE;
}

OA2Client *
tool_client_options_new_client (ToolClientOptions *opts,
                                OA2ClientAuth     *auth,
                                SoupSession       *session,
                                int               *out_status)
{
  g_autoptr(GError) error = NULL;
  OA2Client *client;

  if (opts->issuer == NULL)
    return g_object_new (OA2_TYPE_CLIENT, "token-endpoint", opts->token_endpoint, "client-auth", auth,
                         "session", session, NULL);
  /* The metadata names every endpoint, the issuer (the audience of
   * client assertions) and the mutual-TLS aliases. */
  client = oa2_client_new_from_issuer (opts->issuer,
                                       opts->rfc8414 ? OA2_DISCOVERY_KIND_RFC8414 : OA2_DISCOVERY_KIND_OPENID,
                                       auth, session, NULL, &error);
  if (client == NULL)
    *out_status = tool_report_error (error);
  return client;
}

/* ------------------------------------------------------------------------ */
/* The token request's own parameters */

void
tool_request_param_options_clear (ToolRequestParamOptions *opts)
{
  g_clear_pointer (&opts->resources, g_strfreev);
  g_clear_pointer (&opts->param_envs, g_strfreev);
  g_clear_pointer (&opts->param_files, g_strfreev);
  g_clear_pointer (&opts->argv_params, g_strfreev);
}

void
tool_request_param_options_add_entries (GArray                  *entries,
                                        ToolRequestParamOptions *opts)
{
  ADD ("resource", G_OPTION_ARG_STRING_ARRAY, &opts->resources,
       N_("A resource indicator (RFC 8707); repeatable"), N_("URI"));
  ADD ("param-env", G_OPTION_ARG_STRING_ARRAY, &opts->param_envs,
       N_("Another request parameter, its value read from environment variable VAR; repeatable"),
       N_("NAME=VAR"));
  ADD ("param-file", G_OPTION_ARG_STRING_ARRAY, &opts->param_files,
       N_("Another request parameter, its value read from a file (“-”: standard input); repeatable"),
       N_("NAME=PATH"));
  ADD_REFUSED ("param", G_OPTION_ARG_STRING_ARRAY, &opts->argv_params);
}

int
tool_request_param_options_refuse_argv (ToolRequestParamOptions *opts,
                                        const char              *command)
{
  if (opts->argv_params != NULL)
    {
      const char *item = opts->argv_params[0];
      const char *eq = strchr (item, '=');
      g_autofree char *name = eq != NULL && eq != item ? g_strndup (item, eq - item) : g_strdup ("NAME");

      return tool_usage_error (command,
                               /* Translators: %s is the name of a request parameter, three times; keep the options as they are */
                               _("--param would put the value of “%s” on the command line, where other users of this machine can read it; give it with --param-env %s=VAR or --param-file %s=PATH"),
                               name, name, name);
    }
  return TOOL_EXIT_OK;
}

guint
tool_request_param_options_count_stdin (ToolRequestParamOptions *opts)
{
  guint count = 0;

  for (guint i = 0; opts->param_files != NULL && opts->param_files[i] != NULL; i++)
    {
      const char *eq = strchr (opts->param_files[i], '=');

      count += eq != NULL && strcmp (eq + 1, "-") == 0;
    }
  return count;
}

/* Reads the request parameters of --param-env NAME=VAR and --param-file
 * NAME=PATH into @params (values are wiped when freed); FALSE with
 * *out_status set on a usage error. */
static gboolean
read_params (char       **items,
             gboolean     from_env,
             GHashTable  *params,
             const char  *command,
             int         *out_status)
{
  const char *option = from_env ? "--param-env" : "--param-file";

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *what = NULL;
      const char *eq = strchr (items[i], '=');
      char *value;

      if (eq == NULL || eq == items[i] || eq[1] == '\0')
        {
          /* Translators: the first %s is an option, the second what it wants (NAME=VAR or NAME=PATH), the third the argument the user gave */
          *out_status = tool_usage_error (command, _("%s wants %s, not “%s”"), option,
                                          from_env ? "NAME=VAR" : "NAME=PATH", items[i]);
          return FALSE;
        }
      name = g_strndup (items[i], eq - items[i]);
      if (g_hash_table_contains (params, name))
        {
          /* Translators: %s is the name of a request parameter */
          *out_status = tool_usage_error (command, _("The parameter %s is given twice; each parameter is sent once"),
                                          name);
          return FALSE;
        }
      /* Translators: %s is the name of a request parameter; this names what a variable or file should hold */
      what = g_strdup_printf (_("the value of “%s”"), name);
      value = tool_read_secret (from_env ? eq + 1 : NULL, from_env ? NULL : eq + 1, what, &error);
      if (value == NULL)
        {
          *out_status = tool_usage_error (command, "%s", error->message);
          return FALSE;
        }
      g_hash_table_insert (params, g_steal_pointer (&name), value);
    }
  return TRUE;
}

GHashTable *
tool_request_param_options_read (ToolRequestParamOptions *opts,
                                 const char              *command,
                                 int                     *out_status)
{
  g_autoptr(GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) tool_secret_free);

  if (!read_params (opts->param_envs, TRUE, params, command, out_status) ||
      !read_params (opts->param_files, FALSE, params, command, out_status))
    return NULL;
  return g_steal_pointer (&params);
}
