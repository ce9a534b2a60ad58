/* token-store-auth-test.c: an OA2Auth that keeps its token in a store:
 * loaded when attached, saved on every token-changed, cleared when the
 * user must sign in again
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"

#define ISSUER "https://as.example.com"
#define CLIENT_ID "auth-store-client"

/* A handler whose renewal makes "renewed-N" tokens, or fails with the
 * error it is given, without any server. */
#define TEST_TYPE_AUTH (test_auth_get_type ())
G_DECLARE_FINAL_TYPE (TestAuth, test_auth, TEST, AUTH, OA2Auth)

struct _TestAuth
{
  OA2Auth parent_instance;
  guint renewals;
  int fail_code;   /* an OA2_ERROR code, or -1 */
};

G_DEFINE_FINAL_TYPE (TestAuth, test_auth, OA2_TYPE_AUTH)

static OA2BearerToken *
test_auth_renew (OA2Auth         *auth,
                 OA2BearerToken  *current,
                 GCancellable    *cancellable,
                 GError         **error)
{
  TestAuth *self = TEST_AUTH (auth);
  g_autoptr(GDateTime) expires_at = g_date_time_new_from_unix_utc (g_get_real_time () / G_USEC_PER_SEC + 3600);
  g_autofree char *value = NULL;

  if (self->fail_code >= 0)
    {
      g_set_error_literal (error, OA2_ERROR, self->fail_code, "refused");
      return NULL;
    }
  value = g_strdup_printf ("renewed-%u", ++self->renewals);
  return oa2_bearer_token_new (value, expires_at, error);
}

static void
test_auth_class_init (TestAuthClass *klass)
{
  OA2_AUTH_CLASS (klass)->renew = test_auth_renew;
}

static void
test_auth_init (TestAuth *self)
{
  self->fail_code = -1;
}

static OA2BearerToken *
make_token (const char *access_token,
            gint64      expires_at_unix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expires_at = g_date_time_new_from_unix_utc (expires_at_unix);
  OA2BearerToken *token = oa2_bearer_token_new (access_token, expires_at, &error);

  g_assert_no_error (error);
  return token;
}

static OA2BearerToken *
stored (OA2TokenStore *store)
{
  g_autoptr(GError) error = NULL;
  OA2BearerToken *token = oa2_token_store_load (store, ISSUER, CLIENT_ID, "alice", NULL, &error);

  g_assert_no_error (error);
  return token;
}

/* A valid stored token is used as it is; an expired one is renewed and
 * the new one saved; the next handler starts from it. */
static void
test_load_and_save (void)
{
  g_autoptr(OA2MemoryTokenStore) store = oa2_memory_token_store_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(OA2BearerToken) valid = make_token ("stored-valid", now + 3600);
  g_autoptr(OA2BearerToken) expired = make_token ("stored-expired", now - 10);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(TestAuth) auth = g_object_new (TEST_TYPE_AUTH, NULL);
    g_autoptr(OA2BearerToken) token = NULL;

    /* Nothing stored: the handler starts without a token. */
    g_assert_true (oa2_auth_attach_store (OA2_AUTH (auth), OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice",
                                          NULL, &error));
    g_assert_no_error (error);
    g_assert_null (oa2_auth_dup_token (OA2_AUTH (auth)));
    token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "renewed-1");
    oa2_auth_wait_for_store (OA2_AUTH (auth));
    g_clear_object (&token);
    token = stored (OA2_TOKEN_STORE (store));
    g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "renewed-1");

    /* A second store is refused. */
    g_assert_false (oa2_auth_attach_store (OA2_AUTH (auth), OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "bob",
                                           NULL, &error));
    g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }

  g_assert_true (oa2_token_store_save (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", valid, NULL, &error));
  {
    g_autoptr(TestAuth) auth = g_object_new (TEST_TYPE_AUTH, NULL);
    g_autoptr(OA2BearerToken) token = NULL;

    g_assert_true (oa2_auth_attach_store (OA2_AUTH (auth), OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice",
                                          NULL, &error));
    g_assert_no_error (error);
    token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "stored-valid");
    g_assert_cmpuint (auth->renewals, ==, 0);
  }

  g_assert_true (oa2_token_store_save (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", expired, NULL, &error));
  {
    g_autoptr(TestAuth) auth = g_object_new (TEST_TYPE_AUTH, NULL);
    g_autoptr(OA2BearerToken) token = NULL;
    g_autoptr(OA2BearerToken) kept = NULL;

    g_assert_true (oa2_auth_attach_store (OA2_AUTH (auth), OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice",
                                          NULL, &error));
    token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "renewed-1");
    /* Without oa2_auth_wait_for_store(): once the change is announced
     * (in the handler's main context), finalizing the handler lets the
     * pending write finish. */
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_clear_object (&auth);
    kept = stored (OA2_TOKEN_STORE (store));
    g_assert_cmpstr (oa2_bearer_token_get_access_token (kept), ==, "renewed-1");
  }
}

/* Sign-in required: the handler drops its token, and the store forgets it. */
static void
test_sign_in_required_clears (void)
{
  g_autoptr(OA2MemoryTokenStore) store = oa2_memory_token_store_new ();
  g_autoptr(OA2BearerToken) expired = make_token ("stale", g_get_real_time () / G_USEC_PER_SEC - 10);
  g_autoptr(TestAuth) auth = g_object_new (TEST_TYPE_AUTH, NULL);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(OA2BearerToken) left = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (oa2_token_store_save (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", expired, NULL, &error));
  g_assert_true (oa2_auth_attach_store (OA2_AUTH (auth), OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice",
                                        NULL, &error));
  g_assert_no_error (error);
  auth->fail_code = OA2_ERROR_SIGN_IN_REQUIRED;
  token = oa2_auth_ensure_token (OA2_AUTH (auth), NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_SIGN_IN_REQUIRED);
  g_assert_null (token);
  oa2_auth_wait_for_store (OA2_AUTH (auth));
  left = stored (OA2_TOKEN_STORE (store));
  g_assert_null (left);
}

/* Async attach, and a bad key. */
static void
test_attach_async (void)
{
  g_autoptr(OA2MemoryTokenStore) store = oa2_memory_token_store_new ();
  g_autoptr(TestAuth) auth = g_object_new (TEST_TYPE_AUTH, NULL);
  g_autoptr(OA2BearerToken) valid = make_token ("async-stored", g_get_real_time () / G_USEC_PER_SEC + 3600);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  g_assert_false (oa2_auth_attach_store (OA2_AUTH (auth), OA2_TOKEN_STORE (store), ISSUER, "", "alice",
                                         NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  g_assert_true (oa2_token_store_save (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", valid, NULL, &error));
  oa2_auth_attach_store_async (OA2_AUTH (auth), OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", NULL,
                               oa2_test_store_result, &result);
  g_assert_true (oa2_auth_attach_store_finish (OA2_AUTH (auth), oa2_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_object_unref (result);
  token = oa2_auth_dup_token (OA2_AUTH (auth));
  g_assert_cmpstr (oa2_bearer_token_get_access_token (token), ==, "async-stored");
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/token-store-auth/load-and-save", test_load_and_save);
  g_test_add_func ("/oa2/token-store-auth/sign-in-required-clears", test_sign_in_required_clears);
  g_test_add_func ("/oa2/token-store-auth/attach-async", test_attach_async);

  return g_test_run ();
}
