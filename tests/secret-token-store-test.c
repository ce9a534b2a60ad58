/* secret-token-store-test.c: the libsecret token store, against
 * gnome-keyring on a private D-Bus session bus (run through
 * secret-service-session.py, which starts both; the test never skips)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-token-store-checks.h"

#include <string.h>

static void
test_secret_round_trips (void)
{
  g_autoptr(OA2SecretTokenStore) store = oa2_secret_token_store_new ();

  g_assert_true (oa2_secret_token_store_is_supported ());
  /* Never the user's own bus: the wrapper set a private one. */
  g_assert_nonnull (g_strrstr (g_getenv ("DBUS_SESSION_BUS_ADDRESS"), "oa2-secret-"));
  oa2_test_token_store_round_trips (OA2_TOKEN_STORE (store));
}

/* A value in the keyring that is not a stored token is an error, not a
 * crash or an empty result. */
static void
test_secret_damaged_item (void)
{
  g_autoptr(OA2SecretTokenStore) store = oa2_secret_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) loaded = NULL;
  g_autoptr(GSubprocess) tool = NULL;

  /* secret-tool is not installed everywhere; gdbus is, but storing by hand
   * over D-Bus is long: store through the Python binding of libsecret. */
  tool = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "/usr/bin/python3", "-c",
                           "import gi\n"
                           "gi.require_version('Secret', '1')\n"
                           "from gi.repository import Secret\n"
                           "s = Secret.Schema.new('io.github.oauth2client-glib.Token', Secret.SchemaFlags.NONE,\n"
                           "    {'issuer': Secret.SchemaAttributeType.STRING,\n"
                           "     'client_id': Secret.SchemaAttributeType.STRING,\n"
                           "     'account': Secret.SchemaAttributeType.STRING})\n"
                           "assert Secret.password_store_sync(s, {'issuer': 'https://as.example.com',\n"
                           "    'client_id': 'c', 'account': 'damaged'}, Secret.COLLECTION_DEFAULT, 'x',\n"
                           "    '{not json', None)\n",
                           NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_wait_check (tool, NULL, &error));
  g_assert_no_error (error);

  loaded = oa2_token_store_load (OA2_TOKEN_STORE (store), "https://as.example.com", "c", "damaged", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_JSON);
  g_assert_null (loaded);
  g_clear_error (&error);
  g_assert_true (oa2_token_store_clear (OA2_TOKEN_STORE (store), "https://as.example.com", "c", "damaged",
                                        NULL, &error));
  g_assert_no_error (error);
}

/* The key's strings may be freed as soon as the call returns: libsecret
 * still reads the attributes afterwards, so the store keeps copies. */
static void
test_secret_key_strings_freed (void)
{
  g_autoptr(OA2SecretTokenStore) store = oa2_secret_token_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(OA2BearerToken) token = oa2_bearer_token_new ("heap-key", NULL, &error);
  g_autoptr(OA2BearerToken) loaded = NULL;
  GAsyncResult *result = NULL;
  char *issuer = g_strdup ("https://heap.example.com");
  char *client_id = g_strdup ("heap-client");
  char *account = g_strdup ("heap-account");

  g_assert_no_error (error);
  oa2_token_store_save_async (OA2_TOKEN_STORE (store), issuer, client_id, account, token, NULL,
                              oa2_test_store_result, &result);
  memset (issuer, 'x', strlen (issuer));
  memset (account, 'x', strlen (account));
  g_free (issuer);
  g_free (client_id);
  g_free (account);
  g_assert_true (oa2_token_store_save_finish (OA2_TOKEN_STORE (store), oa2_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_object_unref (result);

  loaded = oa2_token_store_load (OA2_TOKEN_STORE (store), "https://heap.example.com", "heap-client",
                                 "heap-account", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (oa2_bearer_token_get_access_token (loaded), ==, "heap-key");
  g_assert_true (oa2_token_store_clear (OA2_TOKEN_STORE (store), "https://heap.example.com", "heap-client",
                                        "heap-account", NULL, &error));
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/token-store/secret/round-trips", test_secret_round_trips);
  g_test_add_func ("/oa2/token-store/secret/damaged-item", test_secret_damaged_item);
  g_test_add_func ("/oa2/token-store/secret/key-strings-freed", test_secret_key_strings_freed);

  return g_test_run ();
}
