/* redact-test.c: HTTP traces never show a secret
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The table tests go through the real trace: a request sent by the
 * transport to a local server, with G_MESSAGES_DEBUG=OA2 and the log
 * captured, and each planted secret looked for in what was logged.
 */

#include "oa2-test-utils.h"
#include "oa2-test-server.h"

#include "oa2-redact-private.h"
#include "oa2-transport-private.h"

/* Every secret the tests plant contains this, so that one search finds
 * any of them. */
#define PLANTED "PLANTED"

typedef struct {
  OA2TestServer *server;
  SoupSession   *session;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->server = oa2_test_server_new ();
  f->session = soup_session_new ();
  oa2_test_trace_begin ();
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  oa2_test_trace_end ();
  g_assert_finalize_object (f->session);
  g_clear_pointer (&f->server, oa2_test_server_free);
}

/* Sends @request through the transport and returns what it traced. */
static const char *
send_traced (Fixture        *f,
             OA2HttpRequest *request)
{
  OA2TransportConfig config = { f->session, 30, 1024 * 1024 };
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2HttpResponse) response = NULL;

  oa2_test_trace_begin ();
  response = oa2_transport_send (&config, request, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (oa2_test_trace_text (), "> POST"));
  g_assert_nonnull (strstr (oa2_test_trace_text (), "< 200"));
  return oa2_test_trace_text ();
}

static OA2HttpRequest *
token_request (Fixture *f)
{
  g_autofree char *uri = oa2_test_server_uri (f->server, "/token");
  OA2HttpRequest *request = oa2_http_request_new ("POST", uri, "token endpoint");

  request->form = oa2_form_new ();
  oa2_form_add (request->form, "grant_type", "client_credentials");
  return request;
}

typedef struct {
  const char *name;
  const char *content_type;
  const char *body;
} BodyCase;

/* Bodies that carry a secret the redactor must not let through: the ones
 * it could not parse used to be echoed, and names it did not know were
 * printed in clear. */
static const BodyCase response_bodies[] = {
  /* JSON the strict parser refuses */
  { "json-bom", "application/json", "\xEF\xBB\xBF{\"access_token\":\"" PLANTED "\",\"token_type\":\"Bearer\"}" },
  { "json-xssi", "application/json", ")]}'\n{\"access_token\":\"" PLANTED "\",\"token_type\":\"Bearer\"}" },
  { "json-xssi-text", "text/plain", ")]}',\n[\"" PLANTED "\"]" },
  { "json-duplicate", "application/json", "{\"access_token\":\"" PLANTED "\",\"access_token\":\"x\"}" },
  { "json-trailing-comma", "application/json", "[{\"refresh_token\":\"" PLANTED "\"},]" },
  { "json-escaped-nul", "application/json", "{\"id_token\":\"" PLANTED "\",\"x\":\"\\u0000\"}" },
  { "json-truncated", "application/json", "{\"access_token\":\"" PLANTED "\",\"tok" },
  { "json-comment", "application/json", "/* c */ {\"access_token\":\"" PLANTED "\"}" },
  /* JSON with secret-bearing names that no deny-list had */
  { "json-mfa-token", "application/json", "{\"error\":\"mfa_required\",\"mfa_token\":\"" PLANTED "\"}" },
  { "json-registration", "application/json",
    "{\"client_id\":\"c\",\"registration_access_token\":\"" PLANTED "\","
    "\"client_secret_expires_at\":0,\"registration_client_uri\":\"https://as.example/r?t=" PLANTED "\"}" },
  { "json-otp", "application/json", "{\"otp\":\"" PLANTED "\",\"oob_code\":\"" PLANTED "\",\"binding_code\":\"" PLANTED "\"}" },
  { "json-otp-number", "application/json", "{\"otp\":7531592468}" },
  { "json-hints", "application/json", "{\"login_hint_token\":\"" PLANTED "\",\"id_token_hint\":\"" PLANTED "\"}" },
  { "json-camel-case", "application/json",
    "{\"accessToken\":\"" PLANTED "\",\"refreshToken\":\"" PLANTED "\",\"idToken\":\"" PLANTED "\","
    "\"Access_Token\":\"" PLANTED "\",\"tokenType\":\"" PLANTED "\"}" },
  { "json-nested", "application/json",
    "{\"data\":{\"session\":{\"key\":\"" PLANTED "\"}},\"list\":[[\"" PLANTED "\"],{\"v\":\"" PLANTED "\"}]}" },
  { "json-top-level-string", "application/json", "\"" PLANTED "\"" },
  { "json-top-level-array", "application/json", "[\"" PLANTED "\",1,true]" },
  { "json-secret-in-error-body", "application/json",
    "{\"error\":\"invalid_grant\",\"refresh_token\":\"" PLANTED "\",\"session_state\":\"" PLANTED "\"}" },
  { "json-secret-under-shown-name-object", "application/json",
    "{\"scope\":{\"token\":\"" PLANTED "\"},\"error\":[{\"secret\":\"" PLANTED "\"}]}" },
  { "json-device", "application/json",
    "{\"device_code\":\"" PLANTED "\",\"user_code\":\"" PLANTED "\",\"verification_uri\":\"https://as.example/device\","
    "\"verification_uri_complete\":\"https://as.example/device?user_code=" PLANTED "\",\"interval\":5,\"expires_in\":600}" },
  /* form bodies the redactor cannot parse */
  { "form-trailing-newline", "application/x-www-form-urlencoded", "access_token=" PLANTED "&token_type=bearer\n" },
  { "form-raw-space", "application/x-www-form-urlencoded", "access_token=" PLANTED " x&token_type=bearer" },
  { "form-empty-pair", "application/x-www-form-urlencoded", "access_token=" PLANTED "&&token_type=bearer" },
  { "form-trailing-ampersand", "application/x-www-form-urlencoded", "access_token=" PLANTED "&" },
  { "form-leading-ampersand", "application/x-www-form-urlencoded", "&access_token=" PLANTED },
  { "form-pair-without-equals", "application/x-www-form-urlencoded", "token_type&access_token=" PLANTED },
  { "form-bare-token", "application/x-www-form-urlencoded", PLANTED },
  { "form-bad-escape", "application/x-www-form-urlencoded", "access_token=" PLANTED "%zz&token_type=bearer" },
  { "form-cut-escape", "application/x-www-form-urlencoded", "token_type=bearer&access_token=" PLANTED "%4" },
  { "form-two-equals", "application/x-www-form-urlencoded", "access_token=" PLANTED "==&token_type=bearer" },
  { "form-empty-name", "application/x-www-form-urlencoded", "=" PLANTED "&token_type=bearer" },
  { "form-tab", "application/x-www-form-urlencoded", "access_token=" PLANTED "\t&token_type=bearer" },
  { "form-utf8", "application/x-www-form-urlencoded", "access_token=" PLANTED "\xC3\xA9&token_type=bearer" },
  /* form bodies it parses, with names no deny-list had */
  { "form-unknown-names", "application/x-www-form-urlencoded",
    "mfa_token=" PLANTED "&otp=" PLANTED "&refreshToken=" PLANTED "&token_type=bearer" },
  { "form-escaped-name", "application/x-www-form-urlencoded", "%73cope=" PLANTED "&token_type=bearer" },
  /* a form only by its look: shown as an opaque body */
  { "form-as-text", "text/plain", "access_token=" PLANTED "&token_type=bearer&refresh_token=" PLANTED },
  /* no structure at all */
  { "html-page", "text/html", "<html><body>Your token is " PLANTED "</body></html>" },
  { "text-token", "text/plain", PLANTED },
  { "no-content-type", NULL, "token " PLANTED },
};

static void
test_response_body (Fixture *f, gconstpointer data)
{
  const BodyCase *c = data;
  g_autoptr(GBytes) body = g_bytes_new_static (c->body, strlen (c->body));
  const char *logged;

  oa2_test_server_respond_bytes (f->server, 200, c->content_type, body, FALSE);
  logged = send_traced (f, token_request (f));
  g_assert_null (strstr (logged, PLANTED));
  /* the OTP planted as a number */
  g_assert_null (strstr (logged, "753159246"));
}

/* Request parameters are shown through the same allow-list: whatever a
 * caller adds is hidden unless the library knows it to be harmless. */
static void
test_request_form (Fixture *f, gconstpointer data)
{
  static const char * const names[] = {
    "client_secret", "mfa_token", "otp", "oob_code", "binding_code", "login_hint_token", "id_token_hint",
    "refreshToken", "accessToken", "Client_Secret", "state", "nonce", "username", "password", "code",
    "code_verifier", "assertion", "subject_token", "actor_token", "login_hint", "vendor_key",
  };
  OA2HttpRequest *request = token_request (f);
  const char *logged;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    oa2_form_add (request->form, names[i], PLANTED);
  oa2_form_add (request->form, "scope", "openid shown");
  logged = send_traced (f, request);
  g_assert_null (strstr (logged, PLANTED));
  g_assert_nonnull (strstr (logged, "grant_type=client_credentials"));
  g_assert_nonnull (strstr (logged, "scope=openid+shown"));
  g_assert_nonnull (strstr (logged, "mfa_token=[redacted]"));
}

/* Headers are shown only when their name is known to be harmless. */
static void
test_headers (Fixture *f, gconstpointer data)
{
  static const char * const request_headers[] = {
    "Authorization", "Proxy-Authorization", "DPoP", "Cookie", "X-Api-Key", "X-Auth-Token",
    "X-Amz-Security-Token", "Api-Key", "X-Client-Secret",
  };
  static const char * const response_headers[] = {
    "Set-Cookie", "Location", "X-Access-Token", "X-Refresh-Token", "Authentication-Info", "X-Session",
  };
  OA2HttpRequest *request = token_request (f);
  const char *logged;

  for (guint i = 0; i < G_N_ELEMENTS (request_headers); i++)
    soup_message_headers_replace (request->headers, request_headers[i], PLANTED);
  for (guint i = 0; i < G_N_ELEMENTS (response_headers); i++)
    oa2_test_server_add_response_header (f->server, response_headers[i], "x=" PLANTED);
  oa2_test_server_add_response_header (f->server, "Cache-Control", "no-store");
  oa2_test_server_respond (f->server, 200, "application/json", "{\"token_type\":\"Bearer\"}");
  logged = send_traced (f, request);
  g_assert_null (strstr (logged, PLANTED));
  g_assert_nonnull (strstr (logged, "Cache-Control: no-store"));
  g_assert_nonnull (strstr (logged, "Content-Type: application/json"));
  g_assert_nonnull (strstr (logged, "X-Api-Key: [redacted]"));
}

/* The request line hides the query and any user information. */
static void
test_request_uri (Fixture *f, gconstpointer data)
{
  g_autofree char *base = oa2_test_server_uri (f->server, "/token");
  g_autoptr(GUri) parsed = g_uri_parse (base, G_URI_FLAGS_NONE, NULL);
  g_autofree char *uri = g_strdup_printf ("http://user" PLANTED ":" PLANTED "@127.0.0.1:%d/token?access_token=" PLANTED,
                                          g_uri_get_port (parsed));
  OA2HttpRequest *request = oa2_http_request_new ("POST", uri, "token endpoint");
  const char *logged;

  request->form = oa2_form_new ();
  logged = send_traced (f, request);
  g_assert_null (strstr (logged, PLANTED));
  g_assert_nonnull (strstr (logged, "> POST http://127.0.0.1:"));
}

/* Server text in the trace (header values, the media type, member names and
 * shown values) stays on its line, without control characters, and short. */
static void
test_hostile_server_text (Fixture *f, gconstpointer data)
{
  g_autofree char *flood = g_strnfill (40 * 1024, 'A');
  /* libsoup refuses response headers of more than 64 KiB in all */
  g_autofree char *header_flood = g_strnfill (20 * 1024, 'A');
  g_autofree char *challenge = g_strconcat ("Bearer error=\"\x1b[31m\x1b]0;t\x07\xC2\x9B" "2J\xE2\x80\xAE", header_flood,
                                            "\"", NULL);
  g_autofree char *type = g_strconcat ("application/\x1b[31m", header_flood, NULL);
  g_autofree char *body = g_strdup_printf ("{\"\\u001b[31m\\r\\n%s\":1,\"error_description\":\"\\u001b]0;t\\u0007\\r\\n%s\"}",
                                           flood, flood);
  g_autofree char *form_body = g_strdup_printf ("%s=1&error_description=%%1B%s", flood, flood);
  const char *logged;

  oa2_test_server_add_response_header (f->server, "WWW-Authenticate", challenge);
  oa2_test_server_respond (f->server, 200, type, body);
  logged = send_traced (f, token_request (f));
  g_assert_nonnull (strstr (logged, "WWW-Authenticate: Bearer error=\" [31m"));
  g_assert_nonnull (strstr (logged, "bytes, JSON) {\" [31m  AAAA"));
  g_assert_nonnull (strstr (logged, "\"error_description\":\" ]0;t "));
  for (const char *p = logged; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_true (c == '\n' || !g_unichar_iscntrl (c));
      g_assert_false (c >= 0x202a && c <= 0x202e);
    }
  g_assert_cmpuint (strlen (logged), <, 4096);

  oa2_test_server_respond (f->server, 200, "application/x-www-form-urlencoded", form_body);
  logged = send_traced (f, token_request (f));
  g_assert_nonnull (strstr (logged, "bytes, form) AAAA"));
  g_assert_nonnull (strstr (logged, "&error_description=%1BAAAA"));
  g_assert_cmpuint (strlen (logged), <, 4096);
}

/* The functions themselves, on exact outputs. */

static void
test_shown_names (void)
{
  static const char * const shown[] = {
    "token_type", "expires_in", "scope", "error", "error_description", "error_uri", "grant_type",
    "client_id", "interval", "active", "verification_uri", "issued_token_type",
  };
  static const char * const hidden[] = {
    "access_token", "refresh_token", "id_token", "mfa_token", "registration_access_token", "otp",
    "oob_code", "binding_code", "login_hint_token", "id_token_hint", "refreshToken", "Token_Type",
    "SCOPE", "scope ", "", "state", "nonce", "code", "user_code", "verification_uri_complete",
    "client_secret", "username", "sub", "aaa", "zzz",
  };

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    g_assert_true (oa2_redact_is_shown_name (shown[i]));
  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    g_assert_false (oa2_redact_is_shown_name (hidden[i]));
  g_assert_true (oa2_redact_is_shown_header ("content-type"));
  g_assert_true (oa2_redact_is_shown_header ("WWW-Authenticate"));
  g_assert_false (oa2_redact_is_shown_header ("Authorization"));
  g_assert_false (oa2_redact_is_shown_header ("Location"));
  g_assert_false (oa2_redact_is_shown_header ("X-Api-Key"));
}

static char *
redact_text (const char *body,
             const char *content_type)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (body, strlen (body));

  return oa2_redact_body (bytes, content_type);
}

static void
test_body_json (void)
{
  g_autofree char *text = redact_text ("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                                       "\"scope\":[\"x\",\"y\"],\"otp\":123456,\"active\":true,\"n\":null,"
                                       "\"nested\":{\"error\":\"e\",\"k\":\"v\",\"l\":[\"w\",{\"error_uri\":\"u\"}]},"
                                       "\"error_description\":\"line\\u001b[31m\\nnext\"}",
                                       "text/plain");

  g_assert_cmpstr (text, ==, "(216 bytes, JSON) {\"access_token\":\"[redacted]\",\"token_type\":\"Bearer\","
                             "\"expires_in\":3600,\"scope\":[\"x\",\"y\"],\"otp\":\"[redacted]\",\"active\":true,"
                             "\"n\":null,\"nested\":{\"error\":\"e\",\"k\":\"[redacted]\","
                             "\"l\":[\"[redacted]\",{\"error_uri\":\"u\"}]},"
                             "\"error_description\":\"line [31m next\"}");
}

/* Server text in a trace: names and shown values lose their control
 * characters and are cut. */
static void
test_body_json_hostile (void)
{
  g_autofree char *long_name = g_strnfill (40 * 1024, 'n');
  g_autofree char *long_value = g_strnfill (40 * 1024, 'v');
  g_autofree char *body = g_strdup_printf ("{\"%s\":1,\"\\u001b]0;x\\u0007\\r\\n\":2,\"error\":\"%s\"}",
                                           long_name, long_value);
  g_autofree char *text = redact_text (body, "application/json");

  g_assert_null (strchr (text, '\x1b'));
  g_assert_null (strchr (text, '\x07'));
  g_assert_null (strstr (text, "\\u001b"));
  g_assert_null (strstr (text, "\\r"));
  g_assert_cmpuint (strlen (text), <, 1024);
}

static void
test_body_form (void)
{
  g_autofree char *text = redact_text ("access_token=a%2Bb&token_type=bearer&expires_in=3600&scope=a+b%20c"
                                       "&mfa_token=m&x=",
                                       "Application/X-WWW-Form-Urlencoded");

  g_assert_cmpstr (text, ==, "(81 bytes, form) access_token=[redacted]&token_type=bearer&expires_in=3600"
                             "&scope=a+b%20c&mfa_token=[redacted]&x=[redacted]");
}

static void
test_body_not_parsed (void)
{
  static const struct { const char *body; const char *content_type; const char *expected; } cases[] = {
    { "", "application/json", "(empty)" },
    { "\xEF\xBB\xBF{}", "application/json", "(5 bytes of application/json, not parsed: not shown)" },
    { "a=b\n", "application/x-www-form-urlencoded",
      "(4 bytes of application/x-www-form-urlencoded, not parsed: not shown)" },
    { "a=b", "text/plain", "(3 bytes of text/plain, not parsed: not shown)" },
    { "<html>", NULL, "(6 bytes without a media type, not parsed: not shown)" },
    { "<html>", "text/\x1b[2Jhtml\r\n", "(6 bytes of text/ [2Jhtml  , not parsed: not shown)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = redact_text (cases[i].body, cases[i].content_type);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_form (void)
{
  g_autoptr(OA2Form) form = oa2_form_new ();
  g_autofree char *text = NULL;

  oa2_form_add (form, "grant_type", "password");
  oa2_form_add (form, "username", "alice");
  oa2_form_add (form, "password", "p w");
  oa2_form_add (form, "scope", "a b");
  oa2_form_add (form, "otp", "123456");
  oa2_form_add (form, "client_id", "my app");
  text = oa2_redact_form (form);
  g_assert_cmpstr (text, ==, "grant_type=password&username=[redacted]&password=[redacted]&scope=a+b"
                             "&otp=[redacted]&client_id=my+app");
}

static void
test_headers_direct (void)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autofree char *flood = g_strnfill (40 * 1024, 'x');
  g_autofree char *text = NULL;

  soup_message_headers_append (headers, "Content-Type", "application/json");
  soup_message_headers_append (headers, "Authorization", "Bearer secret");
  soup_message_headers_append (headers, "X-Custom", "secret");
  soup_message_headers_append (headers, "WWW-Authenticate", "Bearer error=\"x\x1b[31m\"");
  soup_message_headers_append (headers, "Cache-Control", flood);
  text = oa2_redact_headers (headers);
  g_assert_nonnull (strstr (text, "\n  Content-Type: application/json\n"));
  g_assert_nonnull (strstr (text, "\n  Authorization: [redacted]\n"));
  g_assert_nonnull (strstr (text, "\n  X-Custom: [redacted]"));
  g_assert_nonnull (strstr (text, "\n  WWW-Authenticate: Bearer error=\"x [31m\"\n"));
  g_assert_nonnull (strstr (text, "\n  Cache-Control: xxx"));
  g_assert_null (strstr (text, "secret"));
  g_assert_null (strchr (text, '\x1b'));
  g_assert_cmpuint (strlen (text), <, 512);
}

int
main (int argc, char **argv)
{
  g_setenv ("G_MESSAGES_DEBUG", "OA2", TRUE);
  oa2_test_init (&argc, &argv);
  oa2_test_trace_install ();

  for (guint i = 0; i < G_N_ELEMENTS (response_bodies); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oa2/redact/trace/response/%s", response_bodies[i].name);

      g_test_add (path, Fixture, &response_bodies[i], fixture_setup, test_response_body, fixture_teardown);
    }
  g_test_add ("/oa2/redact/trace/request-form", Fixture, NULL, fixture_setup, test_request_form,
              fixture_teardown);
  g_test_add ("/oa2/redact/trace/headers", Fixture, NULL, fixture_setup, test_headers, fixture_teardown);
  g_test_add ("/oa2/redact/trace/hostile-server-text", Fixture, NULL, fixture_setup, test_hostile_server_text,
              fixture_teardown);
  g_test_add_func ("/oa2/redact/shown-names", test_shown_names);
  g_test_add_func ("/oa2/redact/body/json", test_body_json);
  g_test_add_func ("/oa2/redact/body/json-hostile", test_body_json_hostile);
  g_test_add_func ("/oa2/redact/body/form", test_body_form);
  g_test_add_func ("/oa2/redact/body/not-parsed", test_body_not_parsed);
  g_test_add_func ("/oa2/redact/form", test_form);
  g_test_add_func ("/oa2/redact/headers", test_headers_direct);
  g_test_add ("/oa2/redact/trace/request-uri", Fixture, NULL, fixture_setup, test_request_uri,
              fixture_teardown);

  return g_test_run ();
}
