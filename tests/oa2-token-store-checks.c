/* oa2-token-store-checks.c: what every OA2TokenStore must do, run by the
 * tests of each store
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-token-store-checks.h"

#include <string.h>

#define ISSUER "https://as.example.com"
#define CLIENT_ID "store-client"
#define DPOP_ACCESS_TOKEN "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU"

static OA2BearerToken *
make_bearer (const char *access_token)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *json = g_strdup_printf ("{\"access_token\":\"%s\",\"token_type\":\"Bearer\","
                                           "\"expires_at\":1893456000,\"refresh_token\":\"rt-%s\","
                                           "\"scope\":\"openid api\",\"extra\":{\"b\":1,\"a\":[true]}}",
                                           access_token, access_token);
  OA2BearerToken *token = oa2_bearer_token_new_from_json (json, &error);

  g_assert_no_error (error);
  return token;
}

static void
assert_same_token (OA2BearerToken *a,
                   OA2BearerToken *b)
{
  g_autofree char *ja = NULL;
  g_autofree char *jb = NULL;

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
  ja = oa2_bearer_token_to_json (a);
  jb = oa2_bearer_token_to_json (b);
  g_assert_cmpstr (ja, ==, jb);
}

static OA2BearerToken *
load_async (OA2TokenStore *store,
            const char    *account,
            GError       **error)
{
  GAsyncResult *result = NULL;
  OA2BearerToken *token;

  oa2_token_store_load_async (store, ISSUER, CLIENT_ID, account, NULL, oa2_test_store_result, &result);
  token = oa2_token_store_load_finish (store, oa2_test_wait_result (&result), error);
  g_object_unref (result);
  return token;
}

static gboolean
save_async (OA2TokenStore  *store,
            const char     *account,
            OA2BearerToken *token,
            GError        **error)
{
  GAsyncResult *result = NULL;
  gboolean saved;

  oa2_token_store_save_async (store, ISSUER, CLIENT_ID, account, token, NULL, oa2_test_store_result, &result);
  saved = oa2_token_store_save_finish (store, oa2_test_wait_result (&result), error);
  g_object_unref (result);
  return saved;
}

static gboolean
clear_async (OA2TokenStore *store,
             const char    *account,
             GError       **error)
{
  GAsyncResult *result = NULL;
  gboolean cleared;

  oa2_token_store_clear_async (store, ISSUER, CLIENT_ID, account, NULL, oa2_test_store_result, &result);
  cleared = oa2_token_store_clear_finish (store, oa2_test_wait_result (&result), error);
  g_object_unref (result);
  return cleared;
}

/* Save, load, replace, clear, for Bearer and DPoP tokens, sync and async;
 * keys are kept apart; a bad key is refused; cancellation is honoured. */
void
oa2_test_token_store_round_trips (OA2TokenStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) first = make_bearer ("first");
  g_autoptr(OA2BearerToken) second = make_bearer ("second");
  g_autoptr(OA2BearerToken) other = make_bearer ("other");
  g_autoptr(OA2BearerToken) loaded = NULL;
  g_autoptr(OA2DPoPKey) key = NULL;
  g_autoptr(OA2DPoPToken) dpop = NULL;
  g_autoptr(GDateTime) expires_at = g_date_time_new_from_unix_utc (1893456000);
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *thumbprint = NULL;
  g_autofree char *loaded_thumbprint = NULL;

  /* Nothing stored: NULL and no error. */
  loaded = oa2_token_store_load (store, ISSUER, CLIENT_ID, "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
  loaded = load_async (store, "alice", &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
  /* Clearing nothing succeeds. */
  {
    gboolean ok = oa2_token_store_clear (store, ISSUER, CLIENT_ID, "alice", NULL, &error);

    g_assert_no_error (error);
    g_assert_true (ok);
  }

  /* Sync round trip. */
  {
    gboolean ok = oa2_token_store_save (store, ISSUER, CLIENT_ID, "alice", first, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (ok);
  }
  loaded = oa2_token_store_load (store, ISSUER, CLIENT_ID, "alice", NULL, &error);
  g_assert_no_error (error);
  assert_same_token (loaded, first);
  g_clear_object (&loaded);

  /* Async replace; another account, client and issuer are other keys. */
  {
    gboolean ok = save_async (store, "alice", second, &error);

    g_assert_no_error (error);
    g_assert_true (ok);
  }
  {
    gboolean ok = oa2_token_store_save (store, ISSUER, CLIENT_ID, "bob", other, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (ok);
  }
  loaded = load_async (store, "alice", &error);
  g_assert_no_error (error);
  assert_same_token (loaded, second);
  g_clear_object (&loaded);
  loaded = oa2_token_store_load (store, ISSUER, CLIENT_ID, "bob", NULL, &error);
  g_assert_no_error (error);
  assert_same_token (loaded, other);
  g_clear_object (&loaded);
  loaded = oa2_token_store_load (store, ISSUER, "another-client", "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
  loaded = oa2_token_store_load (store, ISSUER "/other", CLIENT_ID, "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  /* A DPoP token comes back with its key. */
  key = oa2_dpop_key_generate ("ES256", &error);
  g_assert_no_error (error);
  dpop = oa2_dpop_token_new (DPOP_ACCESS_TOKEN, expires_at, key, &error);
  g_assert_no_error (error);
  {
    gboolean ok = oa2_token_store_save (store, ISSUER, CLIENT_ID, "dpop", OA2_BEARER_TOKEN (dpop), NULL, &error);

    g_assert_no_error (error);
    g_assert_true (ok);
  }
  loaded = load_async (store, "dpop", &error);
  g_assert_no_error (error);
  g_assert_true (OA2_IS_DPOP_TOKEN (loaded));
  thumbprint = oa2_dpop_key_dup_thumbprint (key);
  loaded_thumbprint = oa2_dpop_key_dup_thumbprint (oa2_dpop_token_get_dpop_key (OA2_DPOP_TOKEN (loaded)));
  g_assert_cmpstr (loaded_thumbprint, ==, thumbprint);
  g_clear_object (&loaded);

  /* Clear forgets one key only. */
  {
    gboolean ok = clear_async (store, "alice", &error);

    g_assert_no_error (error);
    g_assert_true (ok);
  }
  loaded = oa2_token_store_load (store, ISSUER, CLIENT_ID, "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
  loaded = oa2_token_store_load (store, ISSUER, CLIENT_ID, "bob", NULL, &error);
  g_assert_no_error (error);
  assert_same_token (loaded, other);
  g_clear_object (&loaded);
  g_assert_true (oa2_token_store_clear (store, ISSUER, CLIENT_ID, "bob", NULL, &error));
  {
    gboolean ok = oa2_token_store_clear (store, ISSUER, CLIENT_ID, "dpop", NULL, &error);

    g_assert_no_error (error);
    g_assert_true (ok);
  }

  /* Bad keys. */
  loaded = oa2_token_store_load (store, "", CLIENT_ID, "alice", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_assert_null (loaded);
  g_clear_error (&error);
  g_assert_false (oa2_token_store_save (store, ISSUER, "", "alice", first, NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (oa2_token_store_clear (store, ISSUER, CLIENT_ID, "\xff", NULL, &error));
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* A cancelled operation reports cancellation and changes nothing. */
  g_cancellable_cancel (cancelled);
  g_assert_false (oa2_token_store_save (store, ISSUER, CLIENT_ID, "alice", first, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  loaded = oa2_token_store_load (store, ISSUER, CLIENT_ID, "alice", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
}
