/* request-test.c: token request bodies and client authentication, without
 * any network
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"

#include "oa2-form-private.h"
#include "oa2-token-request-private.h"

static char *
encode (OA2Form *form)
{
  g_autoptr(GBytes) body = oa2_form_encode (form);

  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
assert_form (OA2Form    *form,
             const char *expected)
{
  g_autofree char *body = NULL;

  g_assert_nonnull (form);
  body = encode (form);
  g_assert_cmpstr (body, ==, expected);
  oa2_form_free (form);
}

static void
test_form_encoding (void)
{
  OA2Form *form = oa2_form_new ();

  oa2_form_add (form, "a b", "x y+z&=%/é~*-._");
  oa2_form_add (form, "skipped", NULL);
  oa2_form_add (form, "empty", "");
  assert_form (form, "a+b=x+y%2Bz%26%3D%25%2F%C3%A9%7E*-._&empty=");
}

static void
test_form_set_replaces (void)
{
  OA2Form *form = oa2_form_new ();

  oa2_form_add (form, "client_id", "one");
  oa2_form_add (form, "x", "1");
  oa2_form_add (form, "client_id", "two");
  oa2_form_set (form, "client_id", "three");
  assert_form (form, "x=1&client_id=three");
}

static void
test_client_credentials (void)
{
  g_autoptr(GHashTable) extra = oa2_test_params ("audience", "https://api.example", "a_first", "1", NULL);
  const char *resources[] = { "https://rs1.example/", "https://rs2.example/x?y=1", NULL };
  g_autoptr(GError) error = NULL;

  assert_form (oa2_token_form_client_credentials (NULL, NULL, NULL, &error),
               "grant_type=client_credentials");
  assert_form (oa2_token_form_client_credentials ("", NULL, NULL, &error),
               "grant_type=client_credentials");
  assert_form (oa2_token_form_client_credentials ("api:read api:write", resources, extra, &error),
               "grant_type=client_credentials&scope=api%3Aread+api%3Awrite"
               "&resource=https%3A%2F%2Frs1.example%2F&resource=https%3A%2F%2Frs2.example%2Fx%3Fy%3D1"
               "&a_first=1&audience=https%3A%2F%2Fapi.example");
  g_assert_no_error (error);
}

static void
test_authorization_code (void)
{
  const char *verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  g_autoptr(GError) error = NULL;

  assert_form (oa2_token_form_authorization_code ("SplxlOBeZQQYbYS6WxSbIA", "https://client.example/cb",
                                                  verifier, NULL, NULL, &error),
               "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA"
               "&redirect_uri=https%3A%2F%2Fclient.example%2Fcb"
               "&code_verifier=dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  assert_form (oa2_token_form_authorization_code ("c", NULL, NULL, NULL, NULL, &error),
               "grant_type=authorization_code&code=c");
  g_assert_no_error (error);
}

static void
test_refresh_and_password (void)
{
  g_autoptr(GError) error = NULL;

  assert_form (oa2_token_form_refresh_token ("tGzv3JOkF0XG5Qx2TlKWIA", "read", NULL, NULL, &error),
               "grant_type=refresh_token&refresh_token=tGzv3JOkF0XG5Qx2TlKWIA&scope=read");
  assert_form (oa2_token_form_password ("johndoe", "A3ddj3w", NULL, NULL, NULL, &error),
               "grant_type=password&username=johndoe&password=A3ddj3w");
  g_assert_no_error (error);
}

static void
test_any_grant (void)
{
  g_autoptr(GHashTable) params = oa2_test_params ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer",
                                                  "assertion", "eyJ.x.y", NULL);
  g_autoptr(GHashTable) no_grant = oa2_test_params ("assertion", "x", NULL);
  g_autoptr(GError) error = NULL;

  const char *resources[] = { "https://a.example/", "https://b.example/", NULL };

  assert_form (oa2_token_form_from_params (params, NULL, &error),
               "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=eyJ.x.y");
  assert_form (oa2_token_form_from_params (params, resources, &error),
               "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"
               "&resource=https%3A%2F%2Fa.example%2F&resource=https%3A%2F%2Fb.example%2F&assertion=eyJ.x.y");
  g_assert_no_error (error);

  g_assert_null (oa2_token_form_from_params (no_grant, NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
}

typedef struct {
  const char *name;
  OA2Form *(*build) (GError **error);
  OA2Error expected;
} BadInput;

static OA2Form *bad_scope_space (GError **e) { return oa2_token_form_client_credentials ("a  b", NULL, NULL, e); }
static OA2Form *bad_scope_char (GError **e) { return oa2_token_form_client_credentials ("a\"b", NULL, NULL, e); }
static OA2Form *bad_scope_trailing (GError **e) { return oa2_token_form_client_credentials ("a ", NULL, NULL, e); }
static OA2Form *bad_extra_null (GError **e) { g_autoptr(GHashTable) x = oa2_test_params ("x", NULL, NULL); return oa2_token_form_client_credentials (NULL, NULL, x, e); }
static OA2Form *bad_resource_relative (GError **e) { const char *r[] = { "/api", NULL }; return oa2_token_form_client_credentials (NULL, r, NULL, e); }
static OA2Form *bad_resource_fragment (GError **e) { const char *r[] = { "https://rs.example/#x", NULL }; return oa2_token_form_client_credentials (NULL, r, NULL, e); }
static OA2Form *bad_extra_grant_type (GError **e) { g_autoptr(GHashTable) x = oa2_test_params ("grant_type", "password", NULL); return oa2_token_form_client_credentials (NULL, NULL, x, e); }
static OA2Form *bad_extra_client_secret (GError **e) { g_autoptr(GHashTable) x = oa2_test_params ("client_secret", "s", NULL); return oa2_token_form_client_credentials (NULL, NULL, x, e); }
static OA2Form *bad_extra_named (GError **e) { g_autoptr(GHashTable) x = oa2_test_params ("scope", "b", NULL); return oa2_token_form_client_credentials ("a", NULL, x, e); }
static OA2Form *bad_empty_code (GError **e) { return oa2_token_form_authorization_code ("", NULL, NULL, NULL, NULL, e); }
static OA2Form *bad_short_verifier (GError **e) { return oa2_token_form_authorization_code ("c", NULL, "short", NULL, NULL, e); }
static OA2Form *bad_verifier_chars (GError **e) { return oa2_token_form_authorization_code ("c", NULL, "dBjftJeZ4CVP+mB92K27uhbUJU1p1r/wW1gFWFOEjXk", NULL, NULL, e); }
static OA2Form *no_refresh_token (GError **e) { return oa2_token_form_refresh_token (NULL, NULL, NULL, NULL, e); }
static OA2Form *empty_refresh_token (GError **e) { return oa2_token_form_refresh_token ("", NULL, NULL, NULL, e); }
static OA2Form *bad_username (GError **e) { return oa2_token_form_password ("", "p", NULL, NULL, NULL, e); }
static OA2Form *bad_password (GError **e) { return oa2_token_form_password ("u", NULL, NULL, NULL, NULL, e); }

static const BadInput bad_inputs[] = {
  { "scope-double-space", bad_scope_space, OA2_ERROR_INVALID_ARGUMENT },
  { "scope-quote", bad_scope_char, OA2_ERROR_INVALID_ARGUMENT },
  { "scope-trailing-space", bad_scope_trailing, OA2_ERROR_INVALID_ARGUMENT },
  { "extra-without-value", bad_extra_null, OA2_ERROR_INVALID_ARGUMENT },
  { "resource-relative", bad_resource_relative, OA2_ERROR_INVALID_ARGUMENT },
  { "resource-fragment", bad_resource_fragment, OA2_ERROR_INVALID_ARGUMENT },
  { "extra-grant-type", bad_extra_grant_type, OA2_ERROR_INVALID_ARGUMENT },
  { "extra-client-secret", bad_extra_client_secret, OA2_ERROR_INVALID_ARGUMENT },
  { "extra-named-parameter", bad_extra_named, OA2_ERROR_INVALID_ARGUMENT },
  { "empty-code", bad_empty_code, OA2_ERROR_INVALID_ARGUMENT },
  { "short-verifier", bad_short_verifier, OA2_ERROR_INVALID_ARGUMENT },
  { "verifier-characters", bad_verifier_chars, OA2_ERROR_INVALID_ARGUMENT },
  { "no-refresh-token", no_refresh_token, OA2_ERROR_NO_REFRESH_TOKEN },
  { "empty-refresh-token", empty_refresh_token, OA2_ERROR_NO_REFRESH_TOKEN },
  { "empty-username", bad_username, OA2_ERROR_INVALID_ARGUMENT },
  { "no-password", bad_password, OA2_ERROR_INVALID_ARGUMENT },
};

static void
test_bad_input (gconstpointer data)
{
  const BadInput *bad = data;
  g_autoptr(GError) error = NULL;

  g_assert_null (bad->build (&error));
  g_assert_error (error, OA2_ERROR, (gint) bad->expected);
}

static GHashTable *
authenticate (OA2ClientAuth      *auth,
              SoupMessageHeaders *headers)
{
  g_autoptr(GError) error = NULL;
  GHashTable *params = oa2_client_auth_authenticate (auth, "POST", "https://as.example/token", headers, &error);

  g_assert_no_error (error);
  g_assert_nonnull (params);
  return params;
}

/* RFC 6749 §2.3.1: id and secret are form-urlencoded, then joined by ':'
 * and base64-encoded. */
static void
test_client_secret_basic (void)
{
  g_autoptr(OA2ClientSecretBasic) auth = oa2_client_secret_basic_new ("oa2-basic", "basic s3cr:t/+%&");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GHashTable) raw_params = NULL;
  g_autofree char *raw_expected = NULL;
  g_autofree char *raw_b64 = NULL;

  params = authenticate (OA2_CLIENT_AUTH (auth), headers);
  g_assert_cmpuint (g_hash_table_size (params), ==, 0);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Authorization"), ==,
                   "Basic b2EyLWJhc2ljOmJhc2ljK3MzY3IlM0F0JTJGJTJCJTI1JTI2");
  g_assert_cmpstr (oa2_client_auth_get_method_name (OA2_CLIENT_AUTH (auth)), ==, "client_secret_basic");
  g_assert_true (oa2_client_secret_basic_get_encode_credentials (auth));

  /* The escape hatch for servers that do not decode. */
  oa2_client_secret_basic_set_encode_credentials (auth, FALSE);
  raw_params = authenticate (OA2_CLIENT_AUTH (auth), headers);
  raw_b64 = g_base64_encode ((const guchar *) "oa2-basic:basic s3cr:t/+%&", strlen ("oa2-basic:basic s3cr:t/+%&"));
  raw_expected = g_strconcat ("Basic ", raw_b64, NULL);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Authorization"), ==, raw_expected);
}

static void
test_client_secret_post (void)
{
  g_autoptr(OA2ClientSecretPost) auth = oa2_client_secret_post_new ("oa2-post", "s e:c");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GHashTable) params = authenticate (OA2_CLIENT_AUTH (auth), headers);
  g_autoptr(OA2Form) form = oa2_form_new ();
  g_autofree char *body = NULL;

  oa2_form_add (form, "grant_type", "client_credentials");
  oa2_form_set_all (form, params);
  body = encode (form);
  g_assert_cmpstr (body, ==, "grant_type=client_credentials&client_id=oa2-post&client_secret=s+e%3Ac");
  g_assert_null (soup_message_headers_get_one (headers, "Authorization"));
  g_assert_cmpstr (oa2_client_auth_get_method_name (OA2_CLIENT_AUTH (auth)), ==, "client_secret_post");
}

static void
test_public_app (void)
{
  g_autoptr(OA2PublicApp) auth = oa2_public_app_new ("oa2-public");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GHashTable) params = authenticate (OA2_CLIENT_AUTH (auth), headers);

  g_assert_cmpuint (g_hash_table_size (params), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (params, "client_id"), ==, "oa2-public");
  g_assert_cmpstr (oa2_client_auth_get_method_name (OA2_CLIENT_AUTH (auth)), ==, "none");
}

/* A subclass that forgets authenticate() gets an error, not a crash. */
typedef struct { OA2ClientAuth parent_instance; } IncompleteAuth;
typedef struct { OA2ClientAuthClass parent_class; } IncompleteAuthClass;
static GType incomplete_auth_get_type (void);
G_DEFINE_TYPE (IncompleteAuth, incomplete_auth, OA2_TYPE_CLIENT_AUTH)
static void incomplete_auth_class_init (IncompleteAuthClass *klass) { }
static void incomplete_auth_init (IncompleteAuth *self) { }

static void
test_incomplete_subclass (void)
{
  g_autoptr(OA2ClientAuth) auth = g_object_new (incomplete_auth_get_type (), "client-id", "x", NULL);
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_REQUEST);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) params = oa2_client_auth_authenticate (auth, "POST", "https://as.example/token",
                                                               headers, &error);

  g_assert_null (params);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_FAILED);
}

int
main (int argc, char **argv)
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/request/form-encoding", test_form_encoding);
  g_test_add_func ("/oa2/request/form-set-replaces", test_form_set_replaces);
  g_test_add_func ("/oa2/request/client-credentials", test_client_credentials);
  g_test_add_func ("/oa2/request/authorization-code", test_authorization_code);
  g_test_add_func ("/oa2/request/refresh-and-password", test_refresh_and_password);
  g_test_add_func ("/oa2/request/any-grant", test_any_grant);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/oa2/request/bad-input/%s", bad_inputs[i].name);
      g_test_add_data_func (path, &bad_inputs[i], test_bad_input);
    }
  g_test_add_func ("/oa2/request/auth/client-secret-basic", test_client_secret_basic);
  g_test_add_func ("/oa2/request/auth/client-secret-post", test_client_secret_post);
  g_test_add_func ("/oa2/request/auth/public-app", test_public_app);
  g_test_add_func ("/oa2/request/auth/incomplete-subclass", test_incomplete_subclass);

  return g_test_run ();
}
