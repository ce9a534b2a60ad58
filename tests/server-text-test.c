/* server-text-test.c: text from servers and tokens is quoted safely
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Names that a token, a key or a response chooses (an algorithm, a key
 * type, a header member, a media type) appear in error messages, which
 * end up in logs and dialogs. Each is quoted on one line, without control
 * characters, and cut short, whatever it holds.
 */

#include "oa2-test-utils.h"
#include "oa2-jose-test-utils.h"

#include "oa2-error-private.h"
#include "oa2-response-private.h"

/* What a hostile name starts with, as JSON text: a terminal escape
 * sequence, a line break, a C1 control (CSI), a Unicode line separator and
 * a right-to-left override. A flood of "A" follows it. */
#define HOSTILE_JSON "\\u001b[31m\\r\\n\\u009b2J\\u2028\\u202e"

/* Messages quote at most OA2_SERVER_NAME_MAX_CHARS characters of a name. */
#define MAX_MESSAGE_BYTES 512

static char *
hostile_json (gsize flood)
{
  g_autofree char *as = g_strnfill (flood, 'A');

  return g_strconcat ("\"" HOSTILE_JSON, as, "\"", NULL);
}

static void
assert_safe_message (const GError *error)
{
  const char *message;

  g_assert_nonnull (error);
  message = error->message;
  g_assert_true (g_utf8_validate (message, -1, NULL));
  for (const char *p = message; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_false (g_unichar_iscntrl (c));
      g_assert_cmpuint (c, !=, 0x2028);
      g_assert_cmpuint (c, !=, 0x2029);
      g_assert_false (c >= 0x202a && c <= 0x202e);
      g_assert_false (c >= 0x2066 && c <= 0x2069);
    }
  /* The name is still quoted, only defused. */
  g_assert_nonnull (strstr (message, "[31m"));
  g_assert_cmpuint (strlen (message), <, MAX_MESSAGE_BYTES);
}

static char *
compact_with_header (const char *header_json,
                     guint       n_parts)
{
  g_autofree char *header = oa2_test_b64u_encode_str (header_json);
  g_autofree char *signature = oa2_test_b64u_encode ("0123456789abcdef0123456789abcdef", 32);

  if (n_parts == 3)
    return g_strconcat (header, ".e30.", signature, NULL);
  return g_strconcat (header, ".AAAA.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA", NULL);
}

/* The HMAC key of RFC 7515 A.1, as the start of a JWK. */
#define OCT_KEY_JSON \
  "{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\""

static OA2Jwk *
oct_key (const char *extra_members)
{
  g_autofree char *json = g_strdup_printf (OCT_KEY_JSON "%s}", extra_members);

  return oa2_test_jwk_parse (json);
}

/* ---------------------------------------------------------------------- */

static void
test_jws_alg (void)
{
  g_autofree char *alg = hostile_json (40 * 1024);
  g_autofree char *header = g_strdup_printf ("{\"alg\":%s}", alg);
  g_autofree char *compact = compact_with_header (header, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = oa2_jwt_new_from_compact (compact, &error);

  g_assert_null (jwt);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_safe_message (error);
}

static void
test_jws_crit (void)
{
  g_autofree char *name = hostile_json (40 * 1024);
  g_autofree char *header = g_strdup_printf ("{\"alg\":\"HS256\",\"crit\":[%s]}", name);
  g_autofree char *compact = compact_with_header (header, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = oa2_jwt_new_from_compact (compact, &error);

  g_assert_null (jwt);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  assert_safe_message (error);
}

static void
test_jws_typ (void)
{
  g_autofree char *typ = hostile_json (40 * 1024);
  g_autofree char *header = g_strdup_printf ("{\"alg\":\"HS256\",\"typ\":%s}", typ);
  g_autofree char *compact = compact_with_header (header, 3);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwt) jwt = oa2_jwt_new_from_compact (compact, &error);

  g_assert_no_error (error);
  g_assert_false (oa2_jwt_check_typ (jwt, "at+jwt", &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_CLAIM);
  assert_safe_message (error);
}

/* In the JSON serialization, member names come from the document too. The
 * name is in both headers, so the flood is smaller to stay within 64 KiB. */
static void
test_jws_json_member_name (void)
{
  g_autofree char *name = hostile_json (20 * 1024);
  g_autofree char *protected_json = g_strdup_printf ("{\"alg\":\"HS256\",%s:1}", name);
  g_autofree char *protected_b64 = oa2_test_b64u_encode_str (protected_json);
  g_autofree char *document = g_strdup_printf ("{\"payload\":\"e30\",\"protected\":\"%s\",\"header\":{%s:2},"
                                               "\"signature\":\"AAAA\"}",
                                               protected_b64, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jwts = oa2_jwt_parse_json_serialization (document, &error);

  g_assert_null (jwts);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_MALFORMED_TOKEN);
  assert_safe_message (error);
}

static void
test_jws_json_alg (void)
{
  g_autofree char *alg = hostile_json (40 * 1024);
  g_autofree char *document = g_strdup_printf ("{\"payload\":\"e30\",\"header\":{\"alg\":%s},\"signature\":\"AAAA\"}", alg);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) jwts = oa2_jwt_parse_json_serialization (document, &error);

  g_assert_null (jwts);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_safe_message (error);
}

/* A JWE's "alg", "enc" and "crit", refused as unknown and as not allowed. */
static void
test_jwe_header (void)
{
  static const char * const allowed_algs[] = { "dir", NULL };
  static const char * const allowed_encs[] = { "A256GCM", NULL };
  static const struct { const char *format; gboolean restricted; gint code; } cases[] = {
    { "{\"alg\":%s,\"enc\":\"A256GCM\"}", FALSE, OA2_ERROR_UNSUPPORTED_ALGORITHM },
    { "{\"alg\":%s,\"enc\":\"A256GCM\"}", TRUE, OA2_ERROR_UNSUPPORTED_ALGORITHM },
    { "{\"alg\":\"dir\",\"enc\":%s}", FALSE, OA2_ERROR_UNSUPPORTED_ALGORITHM },
    { "{\"alg\":\"dir\",\"enc\":%s}", TRUE, OA2_ERROR_UNSUPPORTED_ALGORITHM },
    { "{\"alg\":\"dir\",\"enc\":\"A256GCM\",\"crit\":[%s]}", FALSE, OA2_ERROR_MALFORMED_TOKEN },
  };
  g_autoptr(OA2Jwk) key = oct_key ("");
  g_autofree char *hostile = hostile_json (40 * 1024);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *header = g_strdup_printf (cases[i].format, hostile);
      g_autofree char *compact = compact_with_header (header, 5);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) plaintext = oa2_jwe_decrypt (compact, key, cases[i].restricted ? allowed_algs : NULL,
                                                     cases[i].restricted ? allowed_encs : NULL, NULL, &error);

      g_assert_null (plaintext);
      g_assert_error (error, OA2_ERROR, cases[i].code);
      assert_safe_message (error);
    }
}

static void
test_jwk_kty (void)
{
  g_autofree char *kty = hostile_json (40 * 1024);
  g_autofree char *json = g_strdup_printf ("{\"kty\":%s}", kty);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = oa2_jwk_new_from_json (json, &error);

  g_assert_null (key);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_safe_message (error);
}

static void
test_jwk_alg (void)
{
  g_autofree char *alg = hostile_json (40 * 1024);
  g_autofree char *json = g_strdup_printf (OCT_KEY_JSON ",\"alg\":%s}", alg);
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2Jwk) key = oa2_jwk_new_from_json (json, &error);

  g_assert_null (key);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM);
  assert_safe_message (error);
}

/* A key set's "use" is any string; it is quoted when the key is refused
 * for a use. */
static void
test_jwk_use (void)
{
  g_autoptr(OA2Jwk) signer = oct_key ("");
  g_autofree char *use = hostile_json (40 * 1024);
  g_autofree char *members = g_strdup_printf (",\"use\":%s", use);
  g_autoptr(OA2Jwk) verifier = oct_key (members);
  g_autoptr(JsonObject) claims = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *compact = oa2_jwt_sign_claims (claims, signer, "HS256", NULL, &error);
  g_autoptr(OA2Jwt) jwt = NULL;
  const char * const allowed[] = { "HS256", NULL };

  g_assert_no_error (error);
  jwt = oa2_jwt_new_from_compact (compact, &error);
  g_assert_no_error (error);
  g_assert_false (oa2_jwt_verify (jwt, verifier, allowed, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_KEY_MISMATCH);
  assert_safe_message (error);
}

/* A response's media type. A header value cannot hold CR or LF (libsoup
 * refuses them), but any other control character passes. */
static void
test_response_content_type (void)
{
  g_autofree char *flood = g_strnfill (40 * 1024, 'A');
  g_autofree char *type = g_strconcat ("text/\x1b[31m\x1b]0;title\x07\xC2\x9B" "2J\xE2\x80\xAE", flood, NULL);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GBytes) body = g_bytes_new_static ("<html>", 6);
  g_autoptr(OA2HttpResponse) response = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_error = FALSE;

  soup_message_headers_replace (headers, "Content-Type", type);
  g_assert_nonnull (soup_message_headers_get_content_type (headers, NULL));
  response = oa2_http_response_new (200, headers, body);
  object = oa2_response_read_json (response, "token endpoint", &is_error, &error);
  g_assert_null (object);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_UNEXPECTED_CONTENT_TYPE);
  assert_safe_message (error);
}

/* The sanitizer itself: line breaks, terminal controls and the bidi
 * controls that reorder a line as displayed become spaces. */
static void
test_sanitizer (void)
{
  g_autofree char *text = oa2_error_sanitize_server_text ("a\x1b[1m\r\n\xC2\x9B\xE2\x80\xA8\xE2\x80\xAE"
                                                          "b\xE2\x81\xA6" "c\xE2\x81\xA9\xE2\x80\x8F" "d",
                                                          OA2_SERVER_NAME_MAX_CHARS);
  g_autofree char *flood = g_strnfill (1000, 'x');
  g_autofree char *cut = oa2_error_sanitize_server_text (flood, OA2_SERVER_NAME_MAX_CHARS);

  /* U+200F (a right-to-left mark) is a mark, not a control: it stays. */
  g_assert_cmpstr (text, ==, "a [1m     b c \xE2\x80\x8F" "d");
  g_assert_cmpuint (g_utf8_strlen (cut, -1), ==, OA2_SERVER_NAME_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (cut, "x…"));
}

int
main (int argc, char **argv)
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/server-text/sanitizer", test_sanitizer);
  g_test_add_func ("/oa2/server-text/jws-alg", test_jws_alg);
  g_test_add_func ("/oa2/server-text/jws-crit", test_jws_crit);
  g_test_add_func ("/oa2/server-text/jws-typ", test_jws_typ);
  g_test_add_func ("/oa2/server-text/jws-json-member-name", test_jws_json_member_name);
  g_test_add_func ("/oa2/server-text/jws-json-alg", test_jws_json_alg);
  g_test_add_func ("/oa2/server-text/jwe-header", test_jwe_header);
  g_test_add_func ("/oa2/server-text/jwk-kty", test_jwk_kty);
  g_test_add_func ("/oa2/server-text/jwk-alg", test_jwk_alg);
  g_test_add_func ("/oa2/server-text/jwk-use", test_jwk_use);
  g_test_add_func ("/oa2/server-text/response-content-type", test_response_content_type);

  return g_test_run ();
}
