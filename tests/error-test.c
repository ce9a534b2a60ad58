/* error-test.c: the error domains and their details
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"

#include "oa2-error-private.h"

static void
test_quarks (void)
{
  g_assert_cmpstr (g_quark_to_string (OA2_ERROR), ==, "oa2-error-quark");
  g_assert_cmpstr (g_quark_to_string (OA2_OAUTH_ERROR), ==, "oa2-oauth-error-quark");
  g_assert_true (G_TYPE_IS_ENUM (oa2_error_get_type ()));
  g_assert_true (G_TYPE_IS_ENUM (oa2_oauth_error_get_type ()));
}

/* Codes are appended, never renumbered: the last ones, by name. */
static void
test_local_codes (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (oa2_error_get_type ());
  GEnumValue *outside = g_enum_get_value (klass, OA2_ERROR_OUTSIDE_BASE_URL);
  GEnumValue *redirects = g_enum_get_value (klass, OA2_ERROR_TOO_MANY_REDIRECTS);

  g_assert_cmpint (OA2_ERROR_TOO_MANY_REDIRECTS, ==, OA2_ERROR_OUTSIDE_BASE_URL + 1);
  g_assert_cmpstr (outside->value_nick, ==, "outside-base-url");
  g_assert_cmpstr (redirects->value_name, ==, "OA2_ERROR_TOO_MANY_REDIRECTS");
  g_assert_cmpstr (redirects->value_nick, ==, "too-many-redirects");
  g_assert_cmpint (klass->maximum, ==, OA2_ERROR_TOO_MANY_REDIRECTS);
}

/* Every standard code maps to its own enum value, and back through the
 * enum's registered nick. */
static void
test_codes_round_trip (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (oa2_oauth_error_get_type ());

  for (guint i = 0; i < klass->n_values; i++)
    {
      GEnumValue *value = &klass->values[i];
      g_autofree char *code = g_strdelimit (g_strdup (value->value_nick), "-", '_');

      if (value->value == OA2_OAUTH_ERROR_OTHER)
        continue;
      g_assert_cmpint (oa2_oauth_error_from_string (code), ==, value->value);
    }
  g_assert_cmpint (oa2_oauth_error_from_string ("INVALID_GRANT"), ==, OA2_OAUTH_ERROR_OTHER);
  g_assert_cmpint (oa2_oauth_error_from_string ("made_up"), ==, OA2_OAUTH_ERROR_OTHER);
  g_assert_cmpint (oa2_oauth_error_from_string (NULL), ==, OA2_OAUTH_ERROR_OTHER);
}

static void
test_oauth_error_details (void)
{
  g_autoptr(GError) error = oa2_oauth_error_new ("invalid_grant", "The code was used",
                                                 "https://as.example/errors#grant", 400);
  g_autoptr(GError) copy = NULL;

  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_INVALID_GRANT);
  g_assert_cmpstr (error->message, ==,
                   "The server refused the request [HTTP 400; error=\"invalid_grant\"; "
                   "error_description=\"The code was used\"; error_uri=\"https://as.example/errors#grant\"]");
  g_assert_cmpstr (oa2_error_get_server_code (error), ==, "invalid_grant");
  g_assert_cmpstr (oa2_error_get_description (error), ==, "The code was used");
  g_assert_cmpstr (oa2_error_get_uri (error), ==, "https://as.example/errors#grant");
  g_assert_cmpuint (oa2_error_get_http_status (error), ==, 400);

  /* The details travel with copies. */
  copy = g_error_copy (error);
  g_assert_cmpstr (oa2_error_get_server_code (copy), ==, "invalid_grant");
  g_assert_cmpstr (oa2_error_get_description (copy), ==, "The code was used");
  g_assert_cmpuint (oa2_error_get_http_status (copy), ==, 400);
}

static void
test_unknown_code_kept (void)
{
  g_autoptr(GError) error = oa2_oauth_error_new ("vendor_quota_exceeded", NULL, NULL, 429);

  g_assert_error (error, OA2_OAUTH_ERROR, OA2_OAUTH_ERROR_OTHER);
  g_assert_cmpstr (oa2_error_get_server_code (error), ==, "vendor_quota_exceeded");
  g_assert_cmpstr (error->message, ==, "The server refused the request [HTTP 429; "
                                       "error=\"vendor_quota_exceeded\"]");
  g_assert_null (oa2_error_get_description (error));
  g_assert_null (oa2_error_get_uri (error));
}

/* Server text cannot forge lines or flood the message; the accessor keeps
 * the exact text for programs. */
static void
test_server_text_sanitized (void)
{
  g_autofree char *flood = g_strnfill (5000, 'x');
  g_autoptr(GError) error = oa2_oauth_error_new ("invalid_request\n[fake]", "line1\nline2\r\x1b[31m", NULL, 400);
  g_autoptr(GError) long_error = oa2_oauth_error_new ("invalid_request", flood, NULL, 400);

  g_assert_null (strchr (error->message, '\n'));
  g_assert_null (strchr (error->message, '\r'));
  g_assert_null (strchr (error->message, '\x1b'));
  g_assert_cmpstr (oa2_error_get_description (error), ==, "line1\nline2\r\x1b[31m");
  g_assert_cmpuint (strlen (long_error->message), <, 700);
  g_assert_true (g_str_has_suffix (long_error->message, "…\"]"));
}

/* The details end the message in one format that programs can read, as
 * Python must: PyGObject keeps only the domain, code and message. A
 * quote or backslash in server text cannot end a value early, and an
 * authorization redirect, which has no HTTP status, shows none. */
static void
test_message_format (void)
{
  g_autoptr(GError) quoted = oa2_oauth_error_new ("invalid_client", "say \"hi\"; error=\"x\" \\", NULL, 401);
  g_autoptr(GError) redirect = oa2_oauth_error_new ("access_denied", "The user said no", NULL, 0);
  g_autoptr(GError) unknown_status = oa2_oauth_error_new ("server_error", NULL, NULL, 599);

  g_assert_cmpstr (quoted->message, ==,
                   "The server refused the request [HTTP 401; error=\"invalid_client\"; "
                   "error_description=\"say \\\"hi\\\"; error=\\\"x\\\" \\\\\"]");
  g_assert_cmpstr (redirect->message, ==,
                   "The server refused the request [error=\"access_denied\"; "
                   "error_description=\"The user said no\"]");
  g_assert_cmpstr (unknown_status->message, ==,
                   "The server refused the request [HTTP 599; error=\"server_error\"]");
}

static void
test_other_domains (void)
{
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
  g_autoptr(GError) status = oa2_error_new_unexpected_status (502, "token endpoint");

  g_assert_null (oa2_error_get_server_code (io));
  g_assert_null (oa2_error_get_description (NULL));
  g_assert_cmpuint (oa2_error_get_http_status (io), ==, 0);
  g_assert_error (status, OA2_ERROR, OA2_ERROR_UNEXPECTED_STATUS);
  g_assert_cmpuint (oa2_error_get_http_status (status), ==, 502);
  g_assert_cmpstr (status->message, ==,
                   "The token endpoint answered with an HTTP status that carries no OAuth error [HTTP 502]");
}

static void
test_requires_interaction (void)
{
  g_autoptr(GError) grant = oa2_oauth_error_new ("invalid_grant", NULL, NULL, 400);
  g_autoptr(GError) login = oa2_oauth_error_new ("login_required", NULL, NULL, 0);
  g_autoptr(GError) busy = oa2_oauth_error_new ("temporarily_unavailable", NULL, NULL, 503);
  g_autoptr(GError) no_refresh = g_error_new_literal (OA2_ERROR, OA2_ERROR_NO_REFRESH_TOKEN, "x");
  g_autoptr(GError) io = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "x");

  g_assert_true (oa2_error_requires_interaction (grant));
  g_assert_true (oa2_error_requires_interaction (login));
  g_assert_true (oa2_error_requires_interaction (no_refresh));
  g_assert_false (oa2_error_requires_interaction (busy));
  g_assert_false (oa2_error_requires_interaction (io));
  g_assert_false (oa2_error_requires_interaction (NULL));
}

static void
test_runtime_version (void)
{
  g_assert_cmpuint (oa2_get_major_version (), ==, OA2_MAJOR_VERSION);
  g_assert_cmpuint (oa2_get_minor_version (), ==, OA2_MINOR_VERSION);
  g_assert_cmpuint (oa2_get_micro_version (), ==, OA2_MICRO_VERSION);
  g_assert_true (OA2_CHECK_VERSION (0, 1, 0));
  g_assert_false (OA2_CHECK_VERSION (OA2_MAJOR_VERSION + 1, 0, 0));
}

int
main (int argc, char **argv)
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/error/quarks", test_quarks);
  g_test_add_func ("/oa2/error/local-codes", test_local_codes);
  g_test_add_func ("/oa2/error/codes-round-trip", test_codes_round_trip);
  g_test_add_func ("/oa2/error/oauth-details", test_oauth_error_details);
  g_test_add_func ("/oa2/error/unknown-code-kept", test_unknown_code_kept);
  g_test_add_func ("/oa2/error/server-text-sanitized", test_server_text_sanitized);
  g_test_add_func ("/oa2/error/message-format", test_message_format);
  g_test_add_func ("/oa2/error/other-domains", test_other_domains);
  g_test_add_func ("/oa2/error/requires-interaction", test_requires_interaction);
  g_test_add_func ("/oa2/version/runtime", test_runtime_version);

  return g_test_run ();
}
