/* response-test.c: reading OAuth endpoint answers, without any network
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"

#include "oa2-response-private.h"

static OA2HttpResponse *
response_new (guint       status,
              const char *content_type,
              const char *body)
{
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

  if (content_type != NULL)
    soup_message_headers_replace (headers, "Content-Type", content_type);
  return oa2_http_response_new (status, headers, bytes);
}

static JsonObject *
read_json (guint        status,
           const char  *content_type,
           const char  *body,
           gboolean    *is_error,
           GError     **error)
{
  g_autoptr(OA2HttpResponse) response = response_new (status, content_type, body);

  return oa2_response_read_json (response, "token endpoint", is_error, error);
}

static void
test_success_types (void)
{
  const char *types[] = { "application/json", "application/json; charset=utf-8", "APPLICATION/JSON",
                          "application/token+json", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean is_error = TRUE;
      g_autoptr(JsonObject) object = read_json (200, types[i], "{\"access_token\":\"x\"}", &is_error, &error);

      g_assert_no_error (error);
      g_assert_nonnull (object);
      g_assert_false (is_error);
    }
}

/* Every RFC 6749 §5.2 code, with its description and URI carried. */
static void
test_rfc6749_errors (void)
{
  const struct { const char *code; OA2OAuthError value; } codes[] = {
    { "invalid_request", OA2_OAUTH_ERROR_INVALID_REQUEST },
    { "invalid_client", OA2_OAUTH_ERROR_INVALID_CLIENT },
    { "invalid_grant", OA2_OAUTH_ERROR_INVALID_GRANT },
    { "unauthorized_client", OA2_OAUTH_ERROR_UNAUTHORIZED_CLIENT },
    { "unsupported_grant_type", OA2_OAUTH_ERROR_UNSUPPORTED_GRANT_TYPE },
    { "invalid_scope", OA2_OAUTH_ERROR_INVALID_SCOPE },
    { "some_vendor_code", OA2_OAUTH_ERROR_OTHER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"error\":\"%s\",\"error_description\":\"why %u\","
                                               "\"error_uri\":\"https://as.example/e/%u\"}",
                                               codes[i].code, i, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) oauth_error = NULL;
      gboolean is_error = FALSE;
      g_autoptr(JsonObject) object = read_json (i == 1 ? 401 : 400, "application/json", body, &is_error, &error);
      g_autofree char *description = g_strdup_printf ("why %u", i);
      g_autofree char *uri = g_strdup_printf ("https://as.example/e/%u", i);

      g_assert_no_error (error);
      g_assert_true (is_error);
      oauth_error = oa2_response_oauth_error_from_json (object, i == 1 ? 401 : 400);
      g_assert_error (oauth_error, OA2_OAUTH_ERROR, (gint) codes[i].value);
      g_assert_cmpstr (oa2_error_get_server_code (oauth_error), ==, codes[i].code);
      g_assert_cmpstr (oa2_error_get_description (oauth_error), ==, description);
      g_assert_cmpstr (oa2_error_get_uri (oauth_error), ==, uri);
      g_assert_cmpuint (oa2_error_get_http_status (oauth_error), ==, i == 1 ? 401 : 400);
      g_assert_nonnull (strstr (oauth_error->message, description));
    }
}

/* Some servers answer errors with 200; an "error" member wins. */
static void
test_error_with_200 (void)
{
  g_autoptr(GError) error = NULL;
  gboolean is_error = FALSE;
  g_autoptr(JsonObject) object = read_json (200, "application/json", "{\"error\":\"invalid_grant\"}", &is_error, &error);

  g_assert_no_error (error);
  g_assert_true (is_error);
}

/* A description of the wrong type is dropped, not fatal. */
static void
test_error_wrong_member_types (void)
{
  g_autoptr(GError) error = NULL;
  gboolean is_error = FALSE;
  g_autoptr(JsonObject) object = read_json (400, "application/json",
                                            "{\"error\":\"invalid_scope\",\"error_description\":7,\"error_uri\":[]}",
                                            &is_error, &error);
  g_autoptr(GError) oauth_error = oa2_response_oauth_error_from_json (object, 400);

  g_assert_error (oauth_error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_SCOPE);
  g_assert_null (oa2_error_get_description (oauth_error));
  g_assert_null (oa2_error_get_uri (oauth_error));
}

typedef struct {
  const char *name;
  guint       status;
  const char *content_type;
  const char *body;
  OA2Error    code;
} Bad;

static const Bad bad_answers[] = {
  { "html-200", 200, "text/html", "<html><body>Login</body></html>", OA2_ERROR_UNEXPECTED_CONTENT_TYPE },
  { "html-500", 500, "text/html", "<html>Internal Server Error</html>", OA2_ERROR_UNEXPECTED_STATUS },
  { "plain-text-200", 200, "text/plain", "access_token=x", OA2_ERROR_UNEXPECTED_CONTENT_TYPE },
  { "empty-200", 200, "application/json", "", OA2_ERROR_EMPTY_RESPONSE },
  { "blank-200", 200, "application/json", " \r\n\t", OA2_ERROR_EMPTY_RESPONSE },
  { "empty-400", 400, "application/json", "", OA2_ERROR_UNEXPECTED_STATUS },
  { "not-json", 200, "application/json", "{access_token: x}", OA2_ERROR_INVALID_JSON },
  { "truncated-json", 200, "application/json", "{\"access_token\":\"x\"", OA2_ERROR_INVALID_JSON },
  { "json-array", 200, "application/json", "[\"access_token\"]", OA2_ERROR_INVALID_JSON },
  { "json-string", 200, "application/json", "\"token\"", OA2_ERROR_INVALID_JSON },
  { "error-not-string", 400, "application/json", "{\"error\":42}", OA2_ERROR_UNEXPECTED_STATUS },
  { "json-without-error-401", 401, "application/json", "{\"message\":\"nope\"}", OA2_ERROR_UNEXPECTED_STATUS },
  { "redirect", 302, NULL, "", OA2_ERROR_UNEXPECTED_STATUS },
  { "no-content-type-garbage", 200, NULL, "garbage", OA2_ERROR_INVALID_JSON },
  /* json-glib accepts these; JSON does not (found by fuzzing). */
  { "octal-escape", 200, "application/json", "{\"access_token\":\"a\\256\"}", OA2_ERROR_INVALID_JSON },
  { "unknown-escape", 200, "application/json", "{\"access_token\":\"\\q\"}", OA2_ERROR_INVALID_JSON },
  { "trailing-value", 200, "application/json", "{\"access_token\":\"a\"}{\"b\":[1,2]}", OA2_ERROR_INVALID_JSON },
  { "single-quotes", 200, "application/json", "{'access_token':'a'}", OA2_ERROR_INVALID_JSON },
  { "comment", 200, "application/json", "{/* c */\"access_token\":\"a\"}", OA2_ERROR_INVALID_JSON },
  { "invalid-utf8", 200, "application/json", "{\"access_token\":\"\xae\"}", OA2_ERROR_INVALID_JSON },
  { "escaped-nul", 200, "application/json", "{\"access_token\":\"a\\u0000b\"}", OA2_ERROR_INVALID_JSON },
  { "lone-surrogate", 200, "application/json", "{\"access_token\":\"\\ud800\"}", OA2_ERROR_INVALID_JSON },
  { "leading-zero", 200, "application/json", "{\"expires_in\":0123}", OA2_ERROR_INVALID_JSON },
  { "trailing-comma", 200, "application/json", "{\"access_token\":\"a\",}", OA2_ERROR_INVALID_JSON },
};

static void
test_bad_answer (gconstpointer data)
{
  const Bad *bad = data;
  g_autoptr(GError) error = NULL;
  gboolean is_error = FALSE;
  g_autoptr(JsonObject) object = read_json (bad->status, bad->content_type, bad->body, &is_error, &error);

  g_assert_null (object);
  g_assert_error (error, OA2_ERROR, (gint) bad->code);
  if (bad->code == OA2_ERROR_UNEXPECTED_STATUS)
    g_assert_cmpuint (oa2_error_get_http_status (error), ==, bad->status);
}

static void
test_deep_nesting (void)
{
  GString *deep = g_string_new ("{\"a\":");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  gboolean is_error;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  object = read_json (200, "application/json", deep->str, &is_error, &error);
  g_assert_null (object);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_JSON);
  g_string_free (deep, TRUE);
}

/* What must still pass the strict check. */
static void
test_strict_accepts (void)
{
  const char *good[] = {
    "{}", " {\"a\" : [1, -2.5e+3, 0, true, false, null, \"\\u00e9\\ud83d\\ude00\\n\\/\"]} ",
    "{\"é\":\"ü\"}", "{\"a\":{\"b\":{\"c\":[[]]}}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean is_error;
      g_autoptr(JsonObject) object = read_json (200, "application/json", good[i], &is_error, &error);

      g_assert_no_error (error);
      g_assert_nonnull (object);
    }
}

int
main (int argc, char **argv)
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/response/success-types", test_success_types);
  g_test_add_func ("/oa2/response/rfc6749-errors", test_rfc6749_errors);
  g_test_add_func ("/oa2/response/error-with-200", test_error_with_200);
  g_test_add_func ("/oa2/response/error-wrong-member-types", test_error_wrong_member_types);
  for (guint i = 0; i < G_N_ELEMENTS (bad_answers); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oa2/response/bad/%s", bad_answers[i].name);
      g_test_add_data_func (path, &bad_answers[i], test_bad_answer);
    }
  g_test_add_func ("/oa2/response/deep-nesting", test_deep_nesting);
  g_test_add_func ("/oa2/response/strict-accepts", test_strict_accepts);

  return g_test_run ();
}
