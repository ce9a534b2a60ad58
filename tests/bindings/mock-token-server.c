/* mock-token-server.c: a tiny OAuth 2.0 token endpoint for the binding tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A standalone program (libsoup-3 and json-glib only; it does not link the
 * library under test). It listens on 127.0.0.1 on an ephemeral port, prints
 * "PORT <n>" on stdout once it is listening, and exits when its stdin reaches
 * end-of-file (the test that spawned it closed the pipe, or died) or on
 * SIGTERM / SIGINT.
 *
 * Endpoints:
 *
 *   POST /token     a token endpoint that knows a few fixed credentials:
 *     confidential client  "py-client" / "s3cr:t %"   (client_secret_post or
 *                          client_secret_basic, the latter decoded as
 *                          RFC 6749 §2.3.1 says: form-urlencoded id and
 *                          secret, then base64)
 *     public client        "py-public"                (client_id in the body)
 *     assertion client     "py-client" with a client_assertion of type
 *                          jwt-bearer, whose signature the tests verify
 *                          themselves from "received"
 *     grants
 *       client_credentials  confidential client only
 *       password            alice / wonderland
 *       refresh_token       "rt-1" (answers with the new refresh token "rt-2")
 *       authorization_code  "good-code", with redirect_uri and code_verifier
 *       jwt-bearer          any non-empty assertion (RFC 7523 §2.1)
 *       saml2-bearer        any non-empty assertion (RFC 7522 §2.1), from
 *                           an authenticated client
 *       token-exchange      a subject token "at-cc…" (RFC 8693), any types
 *       CIBA                auth_req_id "ar-" + a login hint from /bc-authorize;
 *                           "ar-mallory" is 403 access_denied (the user said no)
 *     Anything else is 400 invalid_grant; bad client credentials are
 *     401 invalid_client "bad secret".
 *
 *   Every successful token response carries, besides the standard members,
 *   "issued_token_type", "auth_method" (the client authentication the server
 *   saw) and "received" (every request parameter but the secrets, so that
 *   tests can check what the client sent).
 *
 *   POST /token-untyped  the same token endpoint, for a server that leaves
 *                   "token_type" out of its token responses (RFC 6749 §5.1
 *                   requires it).
 *
 *   ANY  /unavailable  503 with an HTML page: a status without an OAuth error.
 *
 *   ANY  /slow      never answers within 5 seconds: the message is paused and
 *                   only resumed (with a 503) after SLOW_DELAY_SECONDS.
 *
 *   ANY  /resource  echoes the Authorization and DPoP headers it received
 *                   as JSON {"authorization": "...", "dpop": "..."} (null
 *                   when absent), and "x5t#S256", the thumbprint of the
 *                   certificate the connection presented (null for none).
 *
 *   ANY  /resource-strict  (the SoupAuth drop-in's tests) /resource for a
 *                   server that refuses the token "stale" and requests
 *                   without one (401 with a Bearer invalid_token
 *                   challenge); it also echoes the request body as "body".
 *
 *   ANY  /resource-moved  302 to /resource (the same origin); ANY
 *                   /resource-moved-away  307 to /resource on
 *                   http://localhost and the same port: another origin.
 *
 *   DPoP (RFC 9449): a token request with a DPoP header gets a token of
 *   type "DPoP", and the proof back in "dpop_proof" for the tests to
 *   verify. POST /token-dpop-nonce is the token endpoint of a server that
 *   wants the nonce "as-n1" in the proof (400 use_dpop_nonce and a
 *   DPoP-Nonce otherwise); ANY /resource-dpop-nonce is /resource for a
 *   server that wants "rs-n1" (401 with a DPoP use_dpop_nonce challenge
 *   otherwise). The proofs' signatures are not checked here.
 *
 *   GET  /.well-known/openid-configuration, /tenant/.well-known/openid-configuration,
 *        /.well-known/oauth-authorization-server[/tenant]
 *                   server metadata (RFC 8414, OpenID Connect Discovery) whose
 *                   issuer is the origin followed by the path the URI was
 *                   derived from, and whose token endpoint is /token.
 *                   /mismatch/.well-known/openid-configuration names the
 *                   origin alone as its issuer.
 *
 * With `--mtls DIR` it serves the same endpoints over https, asks every
 * client for a certificate (RFC 8705), and first writes into DIR a CA that
 * signed its server certificate (ca.pem) and a self-signed client
 * certificate with its key (client.pem, client-key.pem), and a key of
 * no certificate (other-key.pem). The client
 * "py-mtls" then authenticates with that certificate alone
 * ("auth_method": "tls_client_auth"); its token responses also carry
 * "x5t#S256" (RFC 8705 §3.1) of the certificate the connection presented
 * and "path", the path the request went to, so that tests can check the
 * mTLS endpoint aliases. The token endpoint also answers at /mtls/token.
 */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "oa2-test-tls.h"

#define CONFIDENTIAL_CLIENT_ID     "py-client"
#define CONFIDENTIAL_CLIENT_SECRET "s3cr:t %"
#define PUBLIC_CLIENT_ID           "py-public"
#define MTLS_CLIENT_ID             "py-mtls"
#define SLOW_DELAY_SECONDS         10

static GMainLoop *main_loop;
static guint token_counter;
static GTlsCertificate *mtls_client_certificate;   /* --mtls only */

/* ---- helpers --------------------------------------------------------- */

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* application/x-www-form-urlencoded decoding of one name or value: '+' is
 * a space, %XX a byte. Returns NULL on a malformed escape or on a result
 * that is not UTF-8. */
static char *
form_unescape (const char *text,
               gssize      len)
{
  GString *out = g_string_new (NULL);
  const char *end;

  if (len < 0)
    len = (gssize) strlen (text);
  end = text + len;

  for (const char *p = text; p < end; p++)
    {
      if (*p == '+')
        g_string_append_c (out, ' ');
      else if (*p == '%')
        {
          int hi, lo;

          if (end - p < 3 || (hi = hex_value (p[1])) < 0 || (lo = hex_value (p[2])) < 0)
            {
              g_string_free (out, TRUE);
              return NULL;
            }
          g_string_append_c (out, (char) ((hi << 4) | lo));
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }

  if (!g_utf8_validate_len (out->str, out->len, NULL) || strlen (out->str) != out->len)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* Parses a form body into name → GPtrArray of values (in order). */
static GHashTable *
parse_form (const char *body,
            gsize       len)
{
  GHashTable *form = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) g_ptr_array_unref);
  g_autofree char *copy = g_strndup (body, len);
  g_auto(GStrv) pairs = NULL;

  if (*copy == '\0')
    return form;

  pairs = g_strsplit (copy, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;
      GPtrArray *values;

      if (eq == NULL)
        goto malformed;
      name = form_unescape (pairs[i], eq - pairs[i]);
      value = form_unescape (eq + 1, -1);
      if (name == NULL || value == NULL || *name == '\0')
        goto malformed;

      values = g_hash_table_lookup (form, name);
      if (values == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (form, g_strdup (name), values);
        }
      g_ptr_array_add (values, g_steal_pointer (&value));
    }
  return form;

malformed:
  g_hash_table_unref (form);
  return NULL;
}

static const char *
form_get (GHashTable *form,
          const char *name)
{
  GPtrArray *values = g_hash_table_lookup (form, name);

  return values != NULL && values->len > 0 ? g_ptr_array_index (values, 0) : NULL;
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonObject        *object)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  json_node_set_object (root, object);
  text = json_to_string (root, FALSE);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Pragma", "no-cache");
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, text, strlen (text));
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *description)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "error", code);
  if (description != NULL)
    json_object_set_string_member (object, "error_description", description);
  respond_json (msg, status, object);
}

/* ---- client authentication -------------------------------------------- */

typedef enum {
  AUTH_NONE,        /* no credentials at all */
  AUTH_PUBLIC,      /* client_id only, in the body */
  AUTH_POST,        /* client_id + client_secret in the body */
  AUTH_BASIC,       /* Authorization: Basic */
  AUTH_ASSERTION,   /* client_assertion in the body (RFC 7523 §2.2) */
  AUTH_TLS,         /* client_id in the body, certificate in the handshake */
} AuthMethod;

static const char *
auth_method_name (AuthMethod method)
{
  switch (method)
    {
    case AUTH_PUBLIC:
      return "none";
    case AUTH_POST:
      return "client_secret_post";
    case AUTH_BASIC:
      return "client_secret_basic";
    case AUTH_ASSERTION:
      return "client_assertion";
    case AUTH_TLS:
      return "tls_client_auth";
    case AUTH_NONE:
    default:
      return "anonymous";
    }
}

typedef struct {
  AuthMethod  method;
  char       *client_id;
  gboolean    authenticated;   /* credentials checked and right */
} ClientInfo;

static void
client_info_clear (ClientInfo *info)
{
  g_clear_pointer (&info->client_id, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClientInfo, client_info_clear)

/* Works out who the client is. Returns FALSE after answering the message
 * when the request is malformed or the credentials are wrong. */
static gboolean
identify_client (SoupServerMessage *msg,
                 GHashTable        *form,
                 ClientInfo        *info)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *body_id = form_get (form, "client_id");
  const char *body_secret = form_get (form, "client_secret");

  memset (info, 0, sizeof *info);

  if (authorization != NULL)
    {
      g_autofree guchar *decoded = NULL;
      g_autofree char *text = NULL;
      g_autofree char *id = NULL;
      g_autofree char *secret = NULL;
      gsize len = 0;
      const char *colon;

      if (g_ascii_strncasecmp (authorization, "Basic ", 6) != 0)
        {
          respond_error (msg, 400, "invalid_request", "unsupported Authorization scheme");
          return FALSE;
        }
      if (body_secret != NULL)
        {
          respond_error (msg, 400, "invalid_request", "more than one client authentication method");
          return FALSE;
        }

      decoded = g_base64_decode (authorization + 6, &len);
      text = g_strndup ((const char *) decoded, len);
      colon = strchr (text, ':');
      if (colon == NULL || strlen (text) != len)
        {
          respond_error (msg, 400, "invalid_request", "malformed Basic credentials");
          return FALSE;
        }
      /* RFC 6749 §2.3.1: both parts are form-urlencoded before base64, so
       * neither contains a raw ':' and the first one splits them. */
      id = form_unescape (text, colon - text);
      secret = form_unescape (colon + 1, -1);
      if (id == NULL || secret == NULL)
        {
          respond_error (msg, 400, "invalid_request", "malformed Basic credentials");
          return FALSE;
        }
      if (body_id != NULL && strcmp (body_id, id) != 0)
        {
          respond_error (msg, 400, "invalid_request", "client_id in the body differs from Basic");
          return FALSE;
        }

      info->method = AUTH_BASIC;
      info->client_id = g_strdup (id);
      if (strcmp (id, CONFIDENTIAL_CLIENT_ID) != 0 || strcmp (secret, CONFIDENTIAL_CLIENT_SECRET) != 0)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                        "WWW-Authenticate", "Basic realm=\"mock\"");
          respond_error (msg, 401, "invalid_client", "bad secret");
          client_info_clear (info);
          return FALSE;
        }
      info->authenticated = TRUE;
      return TRUE;
    }

  if (body_secret != NULL)
    {
      info->method = AUTH_POST;
      info->client_id = g_strdup (body_id);
      if (body_id == NULL || strcmp (body_id, CONFIDENTIAL_CLIENT_ID) != 0 ||
          strcmp (body_secret, CONFIDENTIAL_CLIENT_SECRET) != 0)
        {
          respond_error (msg, 401, "invalid_client", "bad secret");
          client_info_clear (info);
          return FALSE;
        }
      info->authenticated = TRUE;
      return TRUE;
    }

  if (form_get (form, "client_assertion") != NULL)
    {
      info->method = AUTH_ASSERTION;
      info->client_id = g_strdup (body_id);
      if (g_strcmp0 (body_id, CONFIDENTIAL_CLIENT_ID) != 0 ||
          g_strcmp0 (form_get (form, "client_assertion_type"),
                     "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") != 0)
        {
          respond_error (msg, 401, "invalid_client", "bad client assertion");
          client_info_clear (info);
          return FALSE;
        }
      info->authenticated = TRUE;
      return TRUE;
    }

  if (g_strcmp0 (body_id, MTLS_CLIENT_ID) == 0)
    {
      GTlsCertificate *presented = soup_server_message_get_tls_peer_certificate (msg);

      info->method = AUTH_TLS;
      info->client_id = g_strdup (body_id);
      if (presented == NULL || mtls_client_certificate == NULL ||
          !g_tls_certificate_is_same (presented, mtls_client_certificate))
        {
          respond_error (msg, 401, "invalid_client", "no or unknown client certificate");
          client_info_clear (info);
          return FALSE;
        }
      info->authenticated = TRUE;
      return TRUE;
    }

  if (body_id != NULL)
    {
      info->method = AUTH_PUBLIC;
      info->client_id = g_strdup (body_id);
      if (strcmp (body_id, PUBLIC_CLIENT_ID) != 0)
        {
          respond_error (msg, 401, "invalid_client", "unknown public client");
          client_info_clear (info);
          return FALSE;
        }
      info->authenticated = TRUE;
      return TRUE;
    }

  info->method = AUTH_NONE;
  return TRUE;
}

/* ---- DPoP ------------------------------------------------------------- */

enum {
  TOKEN_PLAIN,
  TOKEN_UNTYPED,
  TOKEN_DPOP_NONCE,
};

/* The "nonce" claim of a DPoP proof, read without verifying it. */
static char *
proof_nonce (const char *proof)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) b64 = NULL;
  g_autofree guchar *decoded = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  JsonNode *root;

  if (proof == NULL)
    return NULL;
  parts = g_strsplit (proof, ".", -1);
  if (g_strv_length (parts) != 3)
    return NULL;
  b64 = g_string_new (parts[1]);
  g_strdelimit (b64->str, "-", '+');
  g_strdelimit (b64->str, "_", '/');
  while (b64->len % 4 != 0)
    g_string_append_c (b64, '=');
  decoded = g_base64_decode (b64->str, &len);
  if (!json_parser_load_from_data (parser, (const char *) decoded, len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !json_object_has_member (json_node_get_object (root), "nonce"))
    return NULL;
  return g_strdup (json_object_get_string_member (json_node_get_object (root), "nonce"));
}

/* RFC 8705 §3.1: the base64url SHA-256 of the certificate the request's
 * connection presented, or NULL when it presented none. */
static char *
peer_thumbprint (SoupServerMessage *msg)
{
  GTlsCertificate *presented = soup_server_message_get_tls_peer_certificate (msg);
  g_autoptr(GByteArray) der = NULL;
  GChecksum *checksum;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  char *thumbprint;

  if (presented == NULL)
    return NULL;
  g_object_get (presented, "certificate", &der, NULL);
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &digest_len);
  g_checksum_free (checksum);
  thumbprint = g_base64_encode (digest, digest_len);
  /* base64url without padding */
  g_strdelimit (thumbprint, "+", '-');
  g_strdelimit (thumbprint, "/", '_');
  if (strchr (thumbprint, '=') != NULL)
    *strchr (thumbprint, '=') = '\0';
  return thumbprint;
}

/* ---- /token ----------------------------------------------------------- */

static JsonObject *
new_token_response (const char *prefix,
                    const char *scope,
                    const char *refresh_token,
                    AuthMethod  method,
                    GHashTable *form)
{
  JsonObject *object = json_object_new ();
  g_autoptr(JsonObject) received = json_object_new ();
  g_autofree char *access_token = g_strdup_printf ("%s-%u", prefix, ++token_counter);
  GHashTableIter iter;
  gpointer key, value;

  json_object_set_string_member (object, "access_token", access_token);
  json_object_set_string_member (object, "token_type", "Bearer");
  json_object_set_int_member (object, "expires_in", 3600);
  if (scope != NULL)
    json_object_set_string_member (object, "scope", scope);
  if (refresh_token != NULL)
    json_object_set_string_member (object, "refresh_token", refresh_token);
  json_object_set_string_member (object, "issued_token_type",
                                 "urn:ietf:params:oauth:token-type:access_token");
  json_object_set_string_member (object, "auth_method", auth_method_name (method));

  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *values = value;

      if (strcmp (key, "client_secret") == 0 || strcmp (key, "password") == 0)
        continue;
      if (values->len == 1)
        json_object_set_string_member (received, key, g_ptr_array_index (values, 0));
      else
        {
          JsonArray *array = json_array_new ();

          for (guint i = 0; i < values->len; i++)
            json_array_add_string_element (array, g_ptr_array_index (values, i));
          json_object_set_array_member (received, key, array);
        }
    }
  json_object_set_object_member (object, "received", g_steal_pointer (&received));

  return object;
}

static void
handle_token (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_auto(ClientInfo) client = { 0 };
  const char *content_type;
  const char *grant_type;
  GHashTableIter iter;
  gpointer key, value;

  if (strcmp (soup_server_message_get_method (msg), "POST") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "POST");
      respond_error (msg, 405, "invalid_request", "the token endpoint only accepts POST");
      return;
    }

  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (content_type == NULL || g_ascii_strcasecmp (content_type, "application/x-www-form-urlencoded") != 0)
    {
      respond_error (msg, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
      return;
    }

  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  form = parse_form (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  if (form == NULL)
    {
      respond_error (msg, 400, "invalid_request", "malformed form body");
      return;
    }

  /* RFC 6749 §3.2: parameters must not be repeated (RFC 8707 resource may). */
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (((GPtrArray *) value)->len > 1 && strcmp (key, "resource") != 0)
      {
        g_autofree char *description = g_strdup_printf ("parameter %s is repeated", (char *) key);
        respond_error (msg, 400, "invalid_request", description);
        return;
      }

  if (!identify_client (msg, form, &client))
    return;

  if (GPOINTER_TO_INT (user_data) == TOKEN_DPOP_NONCE)
    {
      g_autofree char *nonce = proof_nonce (soup_message_headers_get_one (headers, "DPoP"));

      if (g_strcmp0 (nonce, "as-n1") != 0)
        {
          soup_message_headers_replace (soup_server_message_get_response_headers (msg), "DPoP-Nonce", "as-n1");
          respond_error (msg, 400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof");
          return;
        }
    }

  grant_type = form_get (form, "grant_type");
  if (grant_type == NULL)
    {
      respond_error (msg, 400, "invalid_request", "missing grant_type");
      return;
    }

  if (strcmp (grant_type, "client_credentials") == 0)
    {
      const char *scope = form_get (form, "scope");

      if (client.method != AUTH_POST && client.method != AUTH_BASIC && client.method != AUTH_ASSERTION &&
          client.method != AUTH_TLS)
        {
          respond_error (msg, 401, "invalid_client", "client authentication required");
          return;
        }
      response = new_token_response ("at-cc", scope != NULL ? scope : "default", NULL,
                                     client.method, form);
    }
  else if (strcmp (grant_type, "refresh_token") == 0)
    {
      const char *refresh_token = form_get (form, "refresh_token");

      if (client.authenticated && g_strcmp0 (refresh_token, "rt-1") == 0)
        response = new_token_response ("at-rt", form_get (form, "scope"), "rt-2", client.method, form);
    }
  else if (strcmp (grant_type, "password") == 0)
    {
      if (client.authenticated &&
          g_strcmp0 (form_get (form, "username"), "alice") == 0 &&
          g_strcmp0 (form_get (form, "password"), "wonderland") == 0)
        response = new_token_response ("at-pw", form_get (form, "scope"), "rt-1", client.method, form);
    }
  else if (strcmp (grant_type, "urn:ietf:params:oauth:grant-type:jwt-bearer") == 0)
    {
      /* Any assertion, which "received" echoes for the test to verify. */
      if (form_get (form, "assertion") != NULL && *form_get (form, "assertion") != '\0')
        response = new_token_response ("at-jb", form_get (form, "scope"), NULL, client.method, form);
    }
  else if (strcmp (grant_type, "urn:ietf:params:oauth:grant-type:saml2-bearer") == 0)
    {
      /* Any assertion, which "received" echoes for the test to decode. */
      if (client.authenticated && form_get (form, "assertion") != NULL && *form_get (form, "assertion") != '\0')
        response = new_token_response ("at-saml", form_get (form, "scope"), NULL, client.method, form);
    }
  else if (strcmp (grant_type, "urn:openid:params:grant-type:ciba") == 0)
    {
      const char *auth_req_id = form_get (form, "auth_req_id");

      if (g_strcmp0 (auth_req_id, "ar-mallory") == 0)
        {
          respond_error (msg, 403, "access_denied", "the user denied the request");
          return;
        }
      if (client.authenticated && auth_req_id != NULL && g_str_has_prefix (auth_req_id, "ar-"))
        response = new_token_response ("at-ciba", form_get (form, "scope"), NULL, client.method, form);
    }
  else if (strcmp (grant_type, "urn:ietf:params:oauth:grant-type:token-exchange") == 0)
    {
      /* The client-credentials token, which "received" echoes with its
       * type and the rest of the request. */
      if (client.authenticated && form_get (form, "subject_token") != NULL &&
          g_str_has_prefix (form_get (form, "subject_token"), "at-cc") &&
          form_get (form, "subject_token_type") != NULL)
        response = new_token_response ("at-tx", form_get (form, "scope"), NULL, client.method, form);
      /* RFC 8693 §2.2.1: a token that is not an access token, such as a
       * JWT for another party, comes back as token_type N_A. */
      if (response != NULL &&
          g_strcmp0 (form_get (form, "requested_token_type"), "urn:ietf:params:oauth:token-type:jwt") == 0)
        {
          json_object_set_string_member (response, "token_type", "N_A");
          json_object_set_string_member (response, "issued_token_type", "urn:ietf:params:oauth:token-type:jwt");
        }
    }
  else if (strcmp (grant_type, "authorization_code") == 0)
    {
      if (client.authenticated && client.method == AUTH_PUBLIC &&
          g_strcmp0 (form_get (form, "code"), "good-code") == 0 &&
          form_get (form, "redirect_uri") != NULL && *form_get (form, "redirect_uri") != '\0' &&
          form_get (form, "code_verifier") != NULL && *form_get (form, "code_verifier") != '\0')
        response = new_token_response ("at-ac", "openid profile", "rt-1", client.method, form);
    }

  if (response == NULL)
    {
      respond_error (msg, 400, "invalid_grant", NULL);
      return;
    }

  if (client.method == AUTH_TLS)
    {
      g_autofree char *thumbprint = peer_thumbprint (msg);

      json_object_set_string_member (response, "x5t#S256", thumbprint);
      json_object_set_string_member (response, "path", path);
    }
  if (soup_message_headers_get_one (headers, "DPoP") != NULL)
    {
      json_object_set_string_member (response, "token_type", "DPoP");
      json_object_set_string_member (response, "dpop_proof", soup_message_headers_get_one (headers, "DPoP"));
    }
  if (GPOINTER_TO_INT (user_data) == TOKEN_UNTYPED)
    json_object_remove_member (response, "token_type");
  respond_json (msg, 200, response);
}

/* ---- /unavailable ----------------------------------------------------- */

/* ---- revocation and introspection (RFC 7009, RFC 7662) ----------------- */

/* The tokens revoked so far: introspection reports them inactive. */
static GHashTable *revoked_tokens;

static void
handle_revocation (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  gboolean introspect = GPOINTER_TO_INT (user_data);
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(GHashTable) form = parse_form (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr(JsonObject) response = json_object_new ();
  const char *token = form != NULL ? form_get (form, "token") : NULL;
  const char *hint = form != NULL ? form_get (form, "token_type_hint") : NULL;

  if (token == NULL)
    {
      respond_error (msg, 400, "invalid_request", "no token");
      return;
    }
  if (g_strcmp0 (hint, "unsupported") == 0)
    {
      respond_error (msg, 400, "unsupported_token_type", "the hint names no type this server has");
      return;
    }
  if (!introspect)
    {
      g_hash_table_add (revoked_tokens, g_strdup (token));
      soup_server_message_set_status (msg, 200, NULL);
      return;
    }
  json_object_set_boolean_member (response, "active", !g_hash_table_contains (revoked_tokens, token));
  if (!g_hash_table_contains (revoked_tokens, token))
    {
      g_autoptr(JsonArray) aud = json_array_new ();

      json_object_set_string_member (response, "scope", "read");
      json_object_set_string_member (response, "sub", "mock-user");
      json_array_add_string_element (aud, "https://rs.example");
      json_object_set_array_member (response, "aud", g_steal_pointer (&aud));
    }
  respond_json (msg, 200, response);
}

/* CIBA §7.1/§7.3: any user but "nobody"; the auth_req_id names the login
 * hint, for the grant above, and "received" echoes the request. */
static void
handle_backchannel (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(GHashTable) form = parse_form (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_autoptr(JsonObject) response = json_object_new ();
  g_autoptr(JsonObject) received = json_object_new ();
  const char *login_hint = form != NULL ? form_get (form, "login_hint") : NULL;
  g_autofree char *auth_req_id = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (login_hint == NULL || strcmp (login_hint, "nobody") == 0)
    {
      respond_error (msg, 400, "unknown_user_id", "no such user");
      return;
    }
  auth_req_id = g_strconcat ("ar-", login_hint, NULL);
  json_object_set_string_member (response, "auth_req_id", auth_req_id);
  json_object_set_int_member (response, "expires_in", 60);
  json_object_set_int_member (response, "interval", 1);
  g_hash_table_iter_init (&iter, form);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_string_member (received, key, g_ptr_array_index ((GPtrArray *) value, 0));
  json_object_set_object_member (response, "received", g_steal_pointer (&received));
  respond_json (msg, 200, response);
}

static void
handle_unavailable (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  static const char page[] = "<html><body>Down for maintenance</body></html>";

  soup_server_message_set_status (msg, 503, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
}


/* ---- /slow ------------------------------------------------------------ */

typedef struct {
  SoupServerMessage *msg;
  guint              timeout_id;
  gulong             disconnected_id;
  gulong             finished_id;
} SlowRequest;

static void
slow_request_free (SlowRequest *slow)
{
  if (slow->timeout_id != 0)
    g_source_remove (slow->timeout_id);
  g_clear_signal_handler (&slow->disconnected_id, slow->msg);
  g_clear_signal_handler (&slow->finished_id, slow->msg);
  g_object_unref (slow->msg);
  g_free (slow);
}

static gboolean
on_slow_timeout (gpointer user_data)
{
  SlowRequest *slow = user_data;
  SoupServerMessage *msg = slow->msg;

  slow->timeout_id = 0;
  g_clear_signal_handler (&slow->disconnected_id, slow->msg);
  g_clear_signal_handler (&slow->finished_id, slow->msg);
  respond_error (msg, 503, "temporarily_unavailable", "too late");
  soup_server_message_unpause (msg);
  slow_request_free (slow);
  return G_SOURCE_REMOVE;
}

/* The client went away first: forget the message. */
static void
on_slow_gone (SoupServerMessage *msg,
              SlowRequest       *slow)
{
  slow_request_free (slow);
}

static void
handle_slow (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  SlowRequest *slow = g_new0 (SlowRequest, 1);

  slow->msg = g_object_ref (msg);
  soup_server_message_pause (msg);
  slow->timeout_id = g_timeout_add_seconds (SLOW_DELAY_SECONDS, on_slow_timeout, slow);
  slow->disconnected_id = g_signal_connect (msg, "disconnected", G_CALLBACK (on_slow_gone), slow);
  slow->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (on_slow_gone), slow);
}

/* ---- /resource -------------------------------------------------------- */

static void
handle_resource (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(JsonObject) object = json_object_new ();
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *dpop = soup_message_headers_get_one (headers, "DPoP");

  if (GPOINTER_TO_INT (user_data))
    {
      g_autofree char *nonce = proof_nonce (dpop);

      if (g_strcmp0 (nonce, "rs-n1") != 0)
        {
          SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);

          soup_message_headers_append (response_headers, "WWW-Authenticate",
                                       "DPoP error=\"use_dpop_nonce\", "
                                       "error_description=\"Resource server requires nonce in DPoP proof\"");
          soup_message_headers_append (response_headers, "DPoP-Nonce", "rs-n1");
          respond_error (msg, 401, "use_dpop_nonce", NULL);
          return;
        }
    }

  if (authorization != NULL)
    json_object_set_string_member (object, "authorization", authorization);
  else
    json_object_set_null_member (object, "authorization");
  if (dpop != NULL)
    json_object_set_string_member (object, "dpop", dpop);
  else
    json_object_set_null_member (object, "dpop");
  /* --mtls: the certificate the connection presented (certificate-bound
   * tokens, RFC 8705 §3) */
  {
    g_autofree char *thumbprint = peer_thumbprint (msg);

    if (thumbprint != NULL)
      json_object_set_string_member (object, "x5t#S256", thumbprint);
    else
      json_object_set_null_member (object, "x5t#S256");
  }
  respond_json (msg, 200, object);
}

/* OA2ApiClient's redirects: @user_data is TRUE for another origin. */
static void
handle_resource_moved (SoupServer        *server,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       gpointer           user_data)
{
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  g_autofree char *away = NULL;

  if (GPOINTER_TO_INT (user_data))
    away = g_strdup_printf ("http://localhost:%d/resource", g_uri_get_port (soup_server_message_get_uri (msg)));
  soup_server_message_set_status (msg, GPOINTER_TO_INT (user_data) ? 307 : 302, NULL);
  soup_message_headers_replace (response_headers, "Location", away != NULL ? away : "/resource");
}

/* The SoupAuth drop-in's tests: a token the server no longer takes. */
static void
handle_resource_strict (SoupServer        *server,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  if (authorization == NULL || strcmp (authorization, "Bearer stale") == 0)
    {
      soup_message_headers_append (soup_server_message_get_response_headers (msg), "WWW-Authenticate",
                                   "Bearer error=\"invalid_token\"");
      respond_error (msg, 401, "invalid_token", NULL);
      return;
    }
  json_object_set_string_member (object, "authorization", authorization);
  json_object_set_string_member (object, "body", text);
  respond_json (msg, 200, object);
}

/* ---- discovery ---------------------------------------------------------- */

#define OPENID_SUFFIX "/.well-known/openid-configuration"
#define RFC8414_PREFIX "/.well-known/oauth-authorization-server"

static void
handle_metadata (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *origin = g_strdup_printf ("%s://127.0.0.1:%d", g_uri_get_scheme (uri), g_uri_get_port (uri));
  g_autoptr(JsonObject) object = json_object_new ();
  g_autofree char *issuer_path = NULL;
  g_autofree char *issuer = NULL;
  g_autofree char *token = NULL;
  JsonArray *algs;

  if (g_str_has_suffix (path, OPENID_SUFFIX))
    issuer_path = g_strndup (path, strlen (path) - strlen (OPENID_SUFFIX));
  else if (g_str_has_prefix (path, RFC8414_PREFIX))
    issuer_path = g_strdup (path + strlen (RFC8414_PREFIX));
  else
    {
      respond_error (msg, 404, "not_found", NULL);
      return;
    }
  if (g_str_equal (issuer_path, "/mismatch"))
    g_clear_pointer (&issuer_path, g_free);

  issuer = g_strconcat (origin, issuer_path, NULL);
  token = g_strconcat (origin, "/token", NULL);
  json_object_set_string_member (object, "issuer", issuer);
  json_object_set_string_member (object, "token_endpoint", token);
  json_object_set_string_member (object, "authorization_endpoint", "https://as.example/authorize");
  json_object_set_string_member (object, "device_authorization_endpoint", "https://as.example/device");
  algs = json_array_new ();
  json_array_add_string_element (algs, "ES256");
  json_array_add_string_element (algs, "RS256");
  json_object_set_array_member (object, "id_token_signing_alg_values_supported", algs);
  json_object_set_boolean_member (object, "authorization_response_iss_parameter_supported", TRUE);
  json_object_set_string_member (object, "x_mock", "yes");
  respond_json (msg, 200, object);
}

/* ---- main ------------------------------------------------------------- */

static gboolean
on_stdin (int          fd,
          GIOCondition condition,
          gpointer     user_data)
{
  char buffer[256];
  ssize_t n;

  do
    n = read (fd, buffer, sizeof buffer);
  while (n < 0 && errno == EINTR);

  if (n > 0)
    return G_SOURCE_CONTINUE;   /* input is ignored; only EOF matters */

  g_main_loop_quit (main_loop);
  return G_SOURCE_REMOVE;
}

/* ---- --mtls ------------------------------------------------------------ */

static gboolean
accept_any_certificate (SoupServerMessage    *msg,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors)
{
  return TRUE;
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg)
{
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, contents, -1, &error))
    g_error ("mock-token-server: %s", error->message);
}

/* Makes the certificates, writes what clients need into @dir, and sets
 * the server up for https with client certificates. */
static void
setup_mtls (SoupServer *server,
            const char *dir)
{
  g_autofree char *ca_file = NULL;
  g_autofree char *ca_pem = NULL;
  g_autofree char *client_pem = NULL;
  g_autofree char *client_key_pem = NULL;
  g_autofree char *client_chain = NULL;
  g_autofree char *other_key_pem = oa2_test_tls_key_pem ();
  g_autoptr(GTlsCertificate) certificate = oa2_test_tls_certificate_new (&ca_file);
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (ca_file, &ca_pem, NULL, &error))
    g_error ("mock-token-server: %s", error->message);
  g_unlink (ca_file);
  oa2_test_tls_client_pem (MTLS_CLIENT_ID, &client_pem, &client_key_pem);
  write_file (dir, "ca.pem", ca_pem);
  write_file (dir, "client.pem", client_pem);
  write_file (dir, "client-key.pem", client_key_pem);
  write_file (dir, "other-key.pem", other_key_pem);
  client_chain = g_strconcat (client_pem, client_key_pem, NULL);
  mtls_client_certificate = g_tls_certificate_new_from_pem (client_chain, -1, &error);
  if (mtls_client_certificate == NULL)
    g_error ("mock-token-server: %s", error->message);

  soup_server_set_tls_certificate (server, certificate);
  soup_server_set_tls_auth_mode (server, G_TLS_AUTHENTICATION_REQUESTED);
  g_signal_connect (server, "request-started", G_CALLBACK (on_request_started), NULL);
}

static gboolean
on_quit_signal (gpointer user_data)
{
  g_main_loop_quit (main_loop);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;
  guint port = 0;
  const char *mtls_dir = NULL;

  signal (SIGPIPE, SIG_IGN);
  if (argc == 3 && strcmp (argv[1], "--mtls") == 0)
    mtls_dir = argv[2];
  else if (argc != 1)
    {
      g_printerr ("usage: mock-token-server [--mtls DIR]\n");
      return 2;
    }

  main_loop = g_main_loop_new (NULL, FALSE);
  server = soup_server_new ("server-header", "oa2-mock-token-server ", NULL);

  soup_server_add_handler (server, "/token", handle_token, GINT_TO_POINTER (TOKEN_PLAIN), NULL);
  soup_server_add_handler (server, "/token-untyped", handle_token, GINT_TO_POINTER (TOKEN_UNTYPED), NULL);
  soup_server_add_handler (server, "/token-dpop-nonce", handle_token, GINT_TO_POINTER (TOKEN_DPOP_NONCE), NULL);
  soup_server_add_handler (server, "/.well-known", handle_metadata, NULL, NULL);
  soup_server_add_handler (server, "/tenant", handle_metadata, NULL, NULL);
  soup_server_add_handler (server, "/mismatch", handle_metadata, NULL, NULL);
  soup_server_add_handler (server, "/unavailable", handle_unavailable, NULL, NULL);
  revoked_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  soup_server_add_handler (server, "/revoke", handle_revocation, GINT_TO_POINTER (FALSE), NULL);
  soup_server_add_handler (server, "/bc-authorize", handle_backchannel, NULL, NULL);
  soup_server_add_handler (server, "/introspect", handle_revocation, GINT_TO_POINTER (TRUE), NULL);
  soup_server_add_handler (server, "/slow", handle_slow, NULL, NULL);
  soup_server_add_handler (server, "/resource", handle_resource, GINT_TO_POINTER (FALSE), NULL);
  soup_server_add_handler (server, "/resource-dpop-nonce", handle_resource, GINT_TO_POINTER (TRUE), NULL);
  soup_server_add_handler (server, "/resource-strict", handle_resource_strict, NULL, NULL);
  soup_server_add_handler (server, "/resource-moved", handle_resource_moved, GINT_TO_POINTER (FALSE), NULL);
  soup_server_add_handler (server, "/resource-moved-away", handle_resource_moved, GINT_TO_POINTER (TRUE), NULL);
  if (mtls_dir != NULL)
    {
      soup_server_add_handler (server, "/mtls/token", handle_token, GINT_TO_POINTER (TOKEN_PLAIN), NULL);
      setup_mtls (server, mtls_dir);
    }

  if (!soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY |
                                            (mtls_dir != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0), &error))
    {
      g_printerr ("mock-token-server: cannot listen: %s\n", error->message);
      return 1;
    }

  uris = soup_server_get_uris (server);
  if (uris != NULL)
    port = (guint) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  if (port == 0)
    {
      g_printerr ("mock-token-server: no listening port\n");
      return 1;
    }

  g_unix_signal_add (SIGTERM, on_quit_signal, NULL);
  g_unix_signal_add (SIGINT, on_quit_signal, NULL);
  g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR, on_stdin, NULL);

  printf ("PORT %u\n", port);
  fflush (stdout);

  g_main_loop_run (main_loop);

  soup_server_disconnect (server);
  g_clear_object (&mtls_client_certificate);
  g_main_loop_unref (main_loop);
  return 0;
}
