/* wipe-test.c: no secret is left in a block the library frees
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each test plants a secret, arms the allocator hook of oa2-free-scan.c
 * around the library code that handles it, and expects no freed block to
 * hold it. What the test itself or json-glib keeps (the parsed tree, the
 * headers libsoup copies) is freed after the hook is disarmed: the library
 * cannot wipe those (docs/security.md).
 */

#define _GNU_SOURCE   /* memmem() */

#include <string.h>

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"
#include "oa2-test-server.h"
#include "oa2-free-scan.h"

#include "oa2-form-private.h"
#include "oa2-json-private.h"
#include "oa2-secret-private.h"
#include "oa2-transport-private.h"

#define SKIP_UNLESS_HOOKED()                           \
  G_STMT_START {                                       \
    const char *why = oa2_free_scan_unavailable ();    \
    if (why != NULL)                                   \
      {                                                \
        g_test_skip (why);                             \
        return;                                        \
      }                                                \
  } G_STMT_END

/* A secret of @len bytes that starts with @needle and continues with
 * characters that no encoding changes (form, JSON, base64url). */
static char *
long_secret (const char *needle,
             gsize       len)
{
  static const char filler[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  GString *out = g_string_new (needle);

  while (out->len < len)
    g_string_append_c (out, filler[out->len % (sizeof filler - 1)]);
  return g_string_free (out, FALSE);
}

static void
assert_clean (const OA2FreeScanReport *report,
              const char * const      *needles)
{
  for (guint i = 0; needles[i] != NULL; i++)
    {
      if (report->hits[i] != 0)
        g_test_message ("“%s” was left in %u freed block(s), the last of %" G_GSIZE_FORMAT " bytes",
                        needles[i], report->hits[i], report->last_hit_size);
      g_assert_cmpuint (report->hits[i], ==, 0);
    }
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  return memmem (data, len, needle, strlen (needle)) != NULL;
}

/* The encoded body holds the client secret: it must not outgrow a block
 * that is then freed as it was. */
static void
test_form_encoder (void)
{
  static const char * const needles[] = { "FormSecret-7Qw2", NULL };
  g_autofree char *secret = long_secret (needles[0], 600);
  OA2FreeScanReport report;
  OA2Form *form;
  GBytes *body;

  SKIP_UNLESS_HOOKED ();

  oa2_free_scan_arm (needles);
  form = oa2_form_new ();
  oa2_form_add (form, "grant_type", "client_credentials");
  oa2_form_add (form, "client_id", "client");
  oa2_form_add (form, "client_secret", secret);
  body = oa2_form_encode (form);
  g_assert_true (bytes_contain (body, needles[0]));
  g_bytes_unref (body);
  oa2_form_free (form);
  oa2_free_scan_disarm (&report);

  assert_clean (&report, needles);
}

/* client_secret_basic encodes the secret, joins it to the identifier and
 * base64-encodes the pair: no step leaves a copy behind. */
static void
test_client_secret_basic (void)
{
  static const char needle[] = "BasicSecret-4Kp9";
  g_autofree char *secret = long_secret (needle, 600);
  g_autofree char *joined = g_strconcat ("client:", secret, NULL);
  g_autofree char *encoded = g_base64_encode ((const guchar *) joined, strlen (joined));
  /* 24 characters of the base64 text, well inside the secret's part. */
  g_autofree char *encoded_needle = g_strndup (encoded + 40, 24);
  const char * const planted[] = { needle, encoded_needle, NULL };
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("client", secret);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GError) error = NULL;
  OA2FreeScanReport report;
  GHashTable *params;

  SKIP_UNLESS_HOOKED ();

  oa2_free_scan_arm (planted);
  params = oa2_client_auth_authenticate (OA2_CLIENT_AUTH (auth), "POST", "https://as.example/token",
                                         headers, &error);
  g_assert_no_error (error);
  g_hash_table_unref (params);
  oa2_free_scan_disarm (&report);

  g_assert_nonnull (strstr (soup_message_headers_get_one (headers, "Authorization"), encoded_needle));
  assert_clean (&report, planted);
}

/* client_secret_jwt turns the secret into an HMAC key once, through its
 * base64url form in a JWK: from construction to finalization, no copy of
 * either is left behind. */
static void
test_client_secret_jwt (void)
{
  static const char needle[] = "JwtSecret-8Rt3";
  g_autofree char *secret = long_secret (needle, 600);
  g_autofree char *encoded = oa2_test_b64u_encode (secret, strlen (secret));
  /* 24 characters of the base64url text, inside the secret's part. */
  g_autofree char *encoded_needle = g_strndup (encoded + 40, 24);
  const char * const planted[] = { needle, encoded_needle, NULL };
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GError) error = NULL;
  OA2ClientSecretJwt *auth;
  OA2FreeScanReport report;
  GHashTable *params;

  SKIP_UNLESS_HOOKED ();

  oa2_free_scan_arm (planted);
  auth = oa2_client_secret_jwt_new ("client", secret, NULL, &error);
  g_assert_no_error (error);
  params = oa2_client_auth_authenticate (OA2_CLIENT_AUTH (auth), "POST", "https://as.example/token",
                                         headers, &error);
  g_assert_no_error (error);
  g_hash_table_unref (params);
  g_object_unref (auth);
  oa2_free_scan_disarm (&report);

  assert_clean (&report, planted);
}

/* Strings longer than the parser's stack buffer are decoded into a heap
 * copy, with or without escapes, and a string that fails half-way
 * through is dropped: each copy is wiped. */
static void
test_json_parser (void)
{
  static const char * const needles[] = { "JsonPlain-8Tz1", "JsonEscaped-2Rb6", "JsonBroken-5Hn3", NULL };
  g_autofree char *plain = long_secret (needles[0], 1000);
  g_autofree char *escaped = long_secret (needles[1], 1000);
  g_autofree char *broken = long_secret (needles[2], 1000);
  g_autofree char *document = g_strdup_printf ("{\"access_token\":\"%s\",\"refresh_token\":\"%s\\n\\u00e9\"}",
                                               plain, escaped);
  g_autofree char *bad_document = g_strdup_printf ("{\"id_token\":\"%s\\n\\q\"}", broken);
  OA2FreeScanReport report;
  JsonNode *root;
  JsonNode *bad_root;

  SKIP_UNLESS_HOOKED ();

  oa2_free_scan_arm (needles);
  root = oa2_json_parse (document, strlen (document));
  bad_root = oa2_json_parse (bad_document, strlen (bad_document));
  oa2_free_scan_disarm (&report);

  g_assert_nonnull (root);
  g_assert_null (bad_root);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (root), "access_token"), ==, plain);
  json_node_unref (root);
  assert_clean (&report, needles);
}

/* An oct key of @len bytes made from @seed, and its "k". */
static OA2Jwk *
oct_key (guint8   seed,
         gsize    len,
         char   **out_k)
{
  g_autofree guint8 *key = g_malloc (len);
  g_autofree char *json = NULL;
  OA2Jwk *jwk;

  for (gsize i = 0; i < len; i++)
    key[i] = (guint8) (i * seed + 11);
  *out_k = oa2_test_b64u_encode (key, len);
  json = g_strdup_printf ("{\"kty\":\"oct\",\"k\":\"%s\",\"alg\":\"HS512\"}", *out_k);
  jwk = oa2_test_jwk_parse (json);
  return jwk;
}

/* RFC 7638's input for an oct key is the key itself, base64url-encoded. */
static void
test_jwk_thumbprint (void)
{
  g_autofree char *k = NULL;
  g_autoptr(OA2Jwk) jwk = NULL;
  g_autofree char *needle = NULL;
  const char *needles[2] = { NULL, NULL };
  g_autoptr(GChecksum) sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  g_autofree char *input = NULL;
  g_autofree char *expected = NULL;
  OA2FreeScanReport report;
  char *thumbprint;

  SKIP_UNLESS_HOOKED ();

  jwk = oct_key (37, 128, &k);
  needle = g_strndup (k + 30, 24);
  needles[0] = needle;
  /* RFC 7638 §3.2: the required members, in order, without spaces. */
  input = g_strdup_printf ("{\"k\":\"%s\",\"kty\":\"oct\"}", k);
  g_checksum_update (sha256, (const guchar *) input, -1);
  g_checksum_get_digest (sha256, digest, &digest_len);
  expected = oa2_test_b64u_encode (digest, digest_len);

  oa2_free_scan_arm (needles);
  thumbprint = oa2_jwk_dup_thumbprint (jwk);
  oa2_free_scan_disarm (&report);

  g_assert_cmpstr (thumbprint, ==, expected);
  g_free (thumbprint);
  assert_clean (&report, needles);
}

/* Exporting a private key as JWK text leaves no copy of it behind: not
 * the base64url values, nor the JSON object they went through. */
static void
test_jwk_export (void)
{
  g_autofree char *k = NULL;
  g_autofree char *needle = NULL;
  const char *needles[2] = { NULL, NULL };
  g_autoptr(OA2Jwk) jwk = NULL;
  OA2FreeScanReport report;
  char *exported;

  SKIP_UNLESS_HOOKED ();

  jwk = oct_key (53, 96, &k);
  needle = g_strndup (k + 20, 24);
  needles[0] = needle;

  oa2_free_scan_arm (needles);
  exported = oa2_jwk_to_json (jwk, TRUE);
  oa2_free_scan_disarm (&report);

  g_assert_nonnull (strstr (exported, needle));
  oa2_secret_free (exported);
  assert_clean (&report, needles);
}

/* A DPoP token stored with its key, and restored: no copy of the private
 * key is left behind by the stored form, its parsing, or the restored
 * token's finalization. */
static void
test_dpop_token_storage (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2DPoPKey) key = oa2_dpop_key_generate (NULL, &error);
  g_autoptr(OA2DPoPToken) token = NULL;
  g_autoptr(JsonObject) key_object = NULL;
  g_autofree char *needle = NULL;
  const char *needles[2] = { NULL, NULL };
  OA2FreeScanReport report;
  OA2BearerToken *restored;
  char *key_json;
  char *stored;

  SKIP_UNLESS_HOOKED ();

  g_assert_no_error (error);
  token = oa2_dpop_token_new ("an-access-token", NULL, key, &error);
  g_assert_no_error (error);
  key_json = oa2_dpop_key_to_json (key);
  key_object = oa2_test_json_object_parse (key_json);
  oa2_secret_free (key_json);
  needle = g_strndup (json_object_get_string_member (json_object_get_object_member (key_object, "jwk"), "d"), 24);
  oa2_json_wipe_strings (json_object_get_member (key_object, "jwk"));
  needles[0] = needle;

  oa2_free_scan_arm (needles);
  stored = oa2_bearer_token_to_json (OA2_BEARER_TOKEN (token));
  restored = oa2_bearer_token_new_from_json (stored, &error);
  oa2_secret_free (stored);
  g_object_unref (restored);
  oa2_free_scan_disarm (&report);

  g_assert_no_error (error);
  assert_clean (&report, needles);
}

/* The credentials that the token exchange and CIBA objects hold: wiped
 * when each object is finalized, and the form of a token exchange wipes
 * its values too. */
static void
test_exchange_and_ciba_objects (void)
{
  g_autofree char *subject = long_secret ("subject-SECRET-", 64);
  g_autofree char *actor = long_secret ("actor-SECRET-", 64);
  g_autofree char *user_code = long_secret ("usercode-SECRET-", 32);
  g_autofree char *notification = long_secret ("notify-SECRET-", 48);
  g_autofree char *auth_req_id = long_secret ("authreq-SECRET-", 48);
  g_autofree char *response_json = NULL;
  g_autoptr(JsonObject) response = NULL;
  g_autoptr(GError) error = NULL;
  const char *needles[] = { "subject-SECRET-", "actor-SECRET-", "usercode-SECRET-", "notify-SECRET-",
                            "authreq-SECRET-", NULL };
  OA2TokenExchangeRequest *exchange;
  OA2BackchannelAuthenticationRequest *request;
  OA2BackchannelAuthenticationResponse *pending;
  OA2FreeScanReport report;

  SKIP_UNLESS_HOOKED ();

  response_json = g_strdup_printf ("{\"auth_req_id\":\"%s\",\"expires_in\":60}", auth_req_id);
  response = oa2_test_json_object_parse (response_json);

  oa2_free_scan_arm (needles);
  exchange = oa2_token_exchange_request_new (subject, "jwt");
  oa2_token_exchange_request_set_actor_token (exchange, actor, "jwt");
  g_object_unref (exchange);
  request = oa2_backchannel_authentication_request_new ("openid");
  oa2_backchannel_authentication_request_set_user_code (request, user_code);
  oa2_backchannel_authentication_request_set_client_notification_token (request, notification);
  g_object_unref (request);
  pending = oa2_backchannel_authentication_response_new_from_json (response, &error);
  g_object_unref (pending);
  oa2_free_scan_disarm (&report);

  g_assert_no_error (error);
  assert_clean (&report, needles);
  oa2_json_wipe_strings (json_object_get_member (response, "auth_req_id"));
}

/* libsoup reads the start of a response, with its headers, into a buffer
 * of its own (8 KiB) that it frees as it is: the secrets in a response
 * come after this much padding, out of that buffer's reach. */
#define READ_AHEAD_PAD (16 * 1024)

typedef struct {
  OA2TestServer *server;
  SoupSession   *session;
  char          *uri;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->server = oa2_test_server_new ();
  f->session = soup_session_new ();
  f->uri = oa2_test_server_uri (f->server, "/token");
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_free (f->uri);
  g_clear_object (&f->session);
  g_clear_pointer (&f->server, oa2_test_server_free);
}

static OA2HttpRequest *
token_request (const char *uri)
{
  OA2HttpRequest *request = oa2_http_request_new ("POST", uri, "token endpoint");

  request->form = oa2_form_new ();
  oa2_form_add (request->form, "grant_type", "client_credentials");
  return request;
}

static OA2HttpResponse *
send_armed (Fixture            *f,
            gboolean            async,
            const char * const *needles,
            OA2FreeScanReport  *report)
{
  OA2TransportConfig config = { f->session, 30, 1024 * 1024 };
  OA2HttpRequest *request = token_request (f->uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  OA2HttpResponse *response;

  oa2_free_scan_arm (needles);
  if (async)
    {
      oa2_transport_send_async (&config, request, NULL, NULL, oa2_test_store_result, &result);
      oa2_test_wait_result (&result);
      response = oa2_transport_send_finish (result, &error);
    }
  else
    response = oa2_transport_send (&config, request, NULL, NULL, &error);
  oa2_free_scan_disarm (report);

  g_assert_no_error (error);
  return response;
}

/* A token response larger than one 64 KiB read: neither the chunks nor the
 * outgrown body buffers may be freed with the token in them. */
static void
test_transport_read (Fixture *f, gconstpointer data)
{
  static const char * const needles[] = { "ReadToken-3Vc8", NULL };
  g_autofree char *token = long_secret (needles[0], 300);
  g_autofree char *head = g_strnfill (READ_AHEAD_PAD, 'h');
  g_autofree char *tail = g_strnfill (300 * 1024, 't');
  g_autofree char *body = g_strdup_printf ("{\"pad\":\"%s\",\"access_token\":\"%s\",\"token_type\":\"Bearer\","
                                           "\"more\":\"%s\"}", head, token, tail);
  OA2FreeScanReport report;
  OA2HttpResponse *response;

  SKIP_UNLESS_HOOKED ();

  oa2_test_server_respond (f->server, 200, "application/json", body);
  response = send_armed (f, GPOINTER_TO_INT (data), needles, &report);
  g_assert_cmpuint (g_bytes_get_size (response->body), ==, strlen (body));
  g_assert_true (bytes_contain (response->body, needles[0]));
  oa2_http_response_free (response);

  assert_clean (&report, needles);
}

/* With G_MESSAGES_DEBUG=OA2, the trace parses a copy of each body to
 * redact it, as JSON or as a form: each copy is wiped. The environment is
 * set in a subprocess before any thread starts. */
static void
test_trace (void)
{
  static const char * const needles[] = { "TraceJson-6Mf4", "TraceForm-1Ds7", NULL };

  SKIP_UNLESS_HOOKED ();

  if (g_test_subprocess ())
    {
      g_autofree char *json_secret = long_secret (needles[0], 300);
      g_autofree char *form_secret = long_secret (needles[1], 300);
      g_autofree char *pad = g_strnfill (READ_AHEAD_PAD, 'p');
      g_autofree char *json = g_strdup_printf ("{\"pad\":\"%s\",\"access_token\":\"%s\",\"token_type\":\"Bearer\"}",
                                               pad, json_secret);
      g_autofree char *form = g_strdup_printf ("pad=%s&access_token=%s&token_type=bearer", pad, form_secret);
      Fixture f;
      OA2FreeScanReport report;
      OA2HttpResponse *response;

      g_setenv ("G_MESSAGES_DEBUG", "OA2", TRUE);
      fixture_setup (&f, NULL);

      oa2_test_server_respond (f.server, 200, "application/json", json);
      response = send_armed (&f, FALSE, needles, &report);
      oa2_http_response_free (response);
      assert_clean (&report, needles);

      oa2_test_server_respond (f.server, 200, "application/x-www-form-urlencoded", form);
      response = send_armed (&f, FALSE, needles, &report);
      oa2_http_response_free (response);
      assert_clean (&report, needles);

      fixture_teardown (&f, NULL);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* The trace ran, and showed neither secret. */
  g_test_trap_assert_stdout ("*access_token*token_type*access_token*token_type*");
  g_test_trap_assert_stdout_unmatched ("*TraceJson*");
  g_test_trap_assert_stdout_unmatched ("*TraceForm*");
}

/* A pending authorization request: its verifier through the JSON round
 * trip, and the code through the callback's parsing and the response. */
static void
test_authorization_request (void)
{
  static const char * const needles[] = { "VerifierSecret-8Zr3", "CodeSecret-2Lm5", NULL };
  g_autofree char *verifier = long_secret (needles[0], 128);
  g_autofree char *code = long_secret (needles[1], 300);
  g_autofree char *callback = NULL;
  OA2AuthorizationRequest *request;
  OA2AuthorizationRequest *restored;
  OA2AuthorizationResponse *response;
  OA2FreeScanReport report;
  GError *error = NULL;
  char *json;

  SKIP_UNLESS_HOOKED ();

  oa2_free_scan_arm (needles);
  request = oa2_authorization_request_new ("https://as.example/authorize", "c1", "http://127.0.0.1:8400/cb",
                                           "openid", &error);
  g_assert_no_error (error);
  g_assert_true (oa2_authorization_request_set_code_verifier (request, verifier, &error));
  g_assert_true (oa2_authorization_request_set_code_verifier (request, verifier, &error));
  json = oa2_authorization_request_to_json (request);
  restored = oa2_authorization_request_new_from_json (json, &error);
  g_assert_no_error (error);
  oa2_secret_free (json);
  callback = g_strconcat ("http://127.0.0.1:8400/cb?code=", code, "&state=",
                          oa2_authorization_request_get_state (restored), NULL);
  response = oa2_authorization_request_validate_callback (restored, callback, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (oa2_authorization_response_get_code (response), ==, code);
  g_assert_cmpstr (oa2_authorization_response_get_code_verifier (response), ==, verifier);
  g_object_unref (response);
  g_object_unref (restored);
  g_object_unref (request);
  oa2_free_scan_disarm (&report);

  assert_clean (&report, needles);
}

int
main (int argc, char **argv)
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/wipe/form-encoder", test_form_encoder);
  g_test_add_func ("/oa2/wipe/client-secret-basic", test_client_secret_basic);
  g_test_add_func ("/oa2/wipe/client-secret-jwt", test_client_secret_jwt);
  g_test_add_func ("/oa2/wipe/json-parser", test_json_parser);
  g_test_add_func ("/oa2/wipe/jwk-thumbprint", test_jwk_thumbprint);
  g_test_add_func ("/oa2/wipe/jwk-export", test_jwk_export);
  g_test_add_func ("/oa2/wipe/dpop-token-storage", test_dpop_token_storage);
  g_test_add ("/oa2/wipe/transport-read/sync", Fixture, GINT_TO_POINTER (FALSE), fixture_setup,
              test_transport_read, fixture_teardown);
  g_test_add ("/oa2/wipe/transport-read/async", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_transport_read, fixture_teardown);
  g_test_add_func ("/oa2/wipe/trace", test_trace);
  g_test_add_func ("/oa2/wipe/authorization-request", test_authorization_request);
  g_test_add_func ("/oa2/wipe/exchange-and-ciba-objects", test_exchange_and_ciba_objects);

  return g_test_run ();
}
