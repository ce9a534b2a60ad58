/* token-store-test.c: the memory and file token stores
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "oa2-test-utils.h"
#include "oa2-token-store-checks.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#define ISSUER "https://as.example.com"
#define CLIENT_ID "store-client"

static OA2BearerToken *
make_token (const char *access_token)
{
  g_autoptr(GError) error = NULL;
  OA2BearerToken *token = oa2_bearer_token_new (access_token, NULL, &error);

  g_assert_no_error (error);
  return token;
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("oa2-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_remove (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

/* The one file a single-key store holds, or NULL. */
static char *
only_file (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  char *found = NULL;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_null (found);
      found = g_build_filename (dir_path, name, NULL);
    }
  return found;
}

static void
test_memory_round_trips (void)
{
  g_autoptr(OA2MemoryTokenStore) store = oa2_memory_token_store_new ();

  oa2_test_token_store_round_trips (OA2_TOKEN_STORE (store));
}

static void
test_file_round_trips (void)
{
  g_autofree char *tmp = make_temp_dir ();
  g_autofree char *dir = g_build_filename (tmp, "a", "b", "tokens", NULL);
  g_autoptr(OA2FileTokenStore) store = oa2_file_token_store_new (dir);

  g_assert_cmpstr (oa2_file_token_store_get_directory (store), ==, dir);
  oa2_test_token_store_round_trips (OA2_TOKEN_STORE (store));
  remove_tree (tmp);
}

/* 0700 for the directory and 0600 for the file, whatever the umask, from
 * creation on; a replace is a rename of a new file (new inode), leaving no
 * temporary file behind; the file holds the key beside the token. */
static void
test_file_permissions_and_replace (void)
{
  g_autofree char *tmp = make_temp_dir ();
  g_autofree char *dir = g_build_filename (tmp, "tokens", NULL);
  g_autoptr(OA2FileTokenStore) store = oa2_file_token_store_new (dir);
  g_autoptr(OA2BearerToken) first = make_token ("first");
  g_autoptr(OA2BearerToken) second = make_token ("second");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *path_again = NULL;
  g_autofree char *contents = NULL;
  struct stat st_dir, st_file, st_file_again;
  mode_t old_umask = umask (0);

  g_assert_true (oa2_token_store_save (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", first, NULL, &error));
  umask (old_umask);
  g_assert_no_error (error);

  g_assert_cmpint (lstat (dir, &st_dir), ==, 0);
  g_assert_cmpint (st_dir.st_mode & 07777, ==, 0700);
  path = only_file (dir);
  g_assert_true (g_str_has_suffix (path, ".json"));
  g_assert_cmpint (lstat (path, &st_file), ==, 0);
  g_assert_true (S_ISREG (st_file.st_mode));
  g_assert_cmpint (st_file.st_mode & 07777, ==, 0600);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "\"issuer\":\"" ISSUER "\""));
  g_assert_nonnull (strstr (contents, "\"account\":\"alice\""));
  g_assert_nonnull (strstr (contents, "\"access_token\":\"first\""));

  g_assert_true (oa2_token_store_save (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", second, NULL, &error));
  g_assert_no_error (error);
  path_again = only_file (dir);   /* no temporary file is left */
  g_assert_cmpstr (path_again, ==, path);
  g_assert_cmpint (lstat (path, &st_file_again), ==, 0);
  g_assert_cmpint (st_file_again.st_mode & 07777, ==, 0600);
  g_assert_true (st_file_again.st_ino != st_file.st_ino);

  remove_tree (tmp);
}

/* Symbolic links: a linked directory is refused; a link planted where a
 * token file goes is neither read through nor written through. */
static void
test_file_symlinks (void)
{
  g_autofree char *tmp = make_temp_dir ();
  g_autofree char *real = g_build_filename (tmp, "real", NULL);
  g_autofree char *link = g_build_filename (tmp, "link", NULL);
  g_autofree char *dir = g_build_filename (tmp, "tokens", NULL);
  g_autofree char *victim = g_build_filename (tmp, "victim", NULL);
  g_autofree char *path = NULL;
  g_autofree char *victim_contents = NULL;
  g_autoptr(OA2BearerToken) token = make_token ("planted");
  g_autoptr(OA2BearerToken) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (real, 0700), ==, 0);
  g_assert_cmpint (symlink (real, link), ==, 0);
  {
    g_autoptr(OA2FileTokenStore) linked = oa2_file_token_store_new (link);

    g_assert_false (oa2_token_store_save (OA2_TOKEN_STORE (linked), ISSUER, CLIENT_ID, "a", token, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    loaded = oa2_token_store_load (OA2_TOKEN_STORE (linked), ISSUER, CLIENT_ID, "a", NULL, &error);
    g_assert_nonnull (error);
    g_assert_null (loaded);
    g_clear_error (&error);
  }

  {
    g_autoptr(OA2FileTokenStore) store = oa2_file_token_store_new (dir);

    g_assert_true (oa2_token_store_save (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "a", token, NULL, &error));
    g_assert_no_error (error);
    path = only_file (dir);
    g_assert_cmpint (g_remove (path), ==, 0);
    g_file_set_contents (victim, "do not touch", -1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (symlink (victim, path), ==, 0);

    loaded = oa2_token_store_load (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "a", NULL, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
    g_assert_null (loaded);
    g_clear_error (&error);

    g_assert_true (oa2_token_store_save (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "a", token, NULL, &error));
    g_assert_no_error (error);
    g_assert_false (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
    g_file_get_contents (victim, &victim_contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (victim_contents, ==, "do not touch");
  }

  remove_tree (tmp);
}

/* A directory others may write to is refused; so is a file that holds
 * another key's token, or that is not JSON, or that is too large. */
static void
test_file_refused (void)
{
  g_autofree char *tmp = make_temp_dir ();
  g_autofree char *dir = g_build_filename (tmp, "tokens", NULL);
  g_autoptr(OA2FileTokenStore) store = oa2_file_token_store_new (dir);
  g_autoptr(OA2BearerToken) token = make_token ("mine");
  g_autoptr(OA2BearerToken) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *swapped = NULL;
  g_autofree char *big = NULL;
  GString *edited;

  g_assert_true (oa2_token_store_save (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", token, NULL, &error));
  g_assert_no_error (error);
  path = only_file (dir);

  /* Another key's file under this key's name. */
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  edited = g_string_new (contents);
  g_string_replace (edited, "\"account\":\"alice\"", "\"account\":\"mallory\"", 1);
  swapped = g_string_free (edited, FALSE);
  g_file_set_contents (path, swapped, -1, &error);
  g_assert_no_error (error);
  loaded = oa2_token_store_load (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER);
  g_assert_null (loaded);
  g_clear_error (&error);

  g_file_set_contents (path, "{not json", -1, &error);
  g_assert_no_error (error);
  loaded = oa2_token_store_load (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_INVALID_JSON);
  g_assert_null (loaded);
  g_clear_error (&error);

  big = g_strnfill (300 * 1024, ' ');
  g_file_set_contents (path, big, -1, &error);
  g_assert_no_error (error);
  loaded = oa2_token_store_load (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", NULL, &error);
  g_assert_error (error, OA2_ERROR, OA2_ERROR_RESPONSE_TOO_LARGE);
  g_assert_null (loaded);
  g_clear_error (&error);

  g_assert_cmpint (g_chmod (dir, 0777), ==, 0);
  loaded = oa2_token_store_load (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_null (loaded);
  g_clear_error (&error);
  g_assert_false (oa2_token_store_save (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", token, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_clear_error (&error);

  remove_tree (tmp);
}

/* The default directory is under the user data directory. */
static void
test_file_default_directory (void)
{
  g_autoptr(OA2FileTokenStore) store = oa2_file_token_store_new (NULL);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "oauth2client-glib", "tokens", NULL);

  g_assert_cmpstr (oa2_file_token_store_get_directory (store), ==, expected);
}

/* Many saves of one key from threads at once: the file always holds one
 * whole token, never a mix. */
static void
test_file_concurrent_saves (void)
{
  g_autofree char *tmp = make_temp_dir ();
  g_autoptr(OA2FileTokenStore) store = oa2_file_token_store_new (tmp);
  GAsyncResult *results[16] = { NULL };
  OA2BearerToken *tokens[16];
  g_autoptr(OA2BearerToken) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const char *access_token;
  gboolean found = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_autofree char *value = g_strdup_printf ("token-%u", i);

      tokens[i] = make_token (value);
      oa2_token_store_save_async (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", tokens[i], NULL,
                                  oa2_test_store_result, &results[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      g_assert_true (oa2_token_store_save_finish (OA2_TOKEN_STORE (store), oa2_test_wait_result (&results[i]),
                                                  &error));
      g_assert_no_error (error);
      g_object_unref (results[i]);
    }
  loaded = oa2_token_store_load (OA2_TOKEN_STORE (store), ISSUER, CLIENT_ID, "alice", NULL, &error);
  g_assert_no_error (error);
  access_token = oa2_bearer_token_get_access_token (loaded);
  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      found = found || strcmp (access_token, oa2_bearer_token_get_access_token (tokens[i])) == 0;
      g_object_unref (tokens[i]);
    }
  g_assert_true (found);
  g_free (only_file (tmp));
  remove_tree (tmp);
}

/* A build without libsecret still has OA2SecretTokenStore, so that
 * bindings see one API, and every operation says it is not supported,
 * without touching D-Bus. A build with it says it is supported (its
 * round trips run in the secret suite, against gnome-keyring). CI builds
 * both ways. */
static void
test_secret_store_support (void)
{
  g_autoptr(OA2SecretTokenStore) secret = oa2_secret_token_store_new ();
  OA2TokenStore *store = OA2_TOKEN_STORE (secret);
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) expires_at = g_date_time_new_from_unix_utc (1893456000);

  if (OA2_TEST_HAVE_LIBSECRET)
    {
      g_assert_true (oa2_secret_token_store_is_supported ());
      return;
    }
  g_assert_false (oa2_secret_token_store_is_supported ());
  token = oa2_bearer_token_new ("at", expires_at, &error);
  g_assert_no_error (error);

  g_assert_null (oa2_token_store_load (store, "https://issuer.example", "client", "alice", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_false (oa2_token_store_save (store, "https://issuer.example", "client", "alice", token, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_false (oa2_token_store_clear (store, "https://issuer.example", "client", "alice", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

int
main (int   argc,
      char *argv[])
{
  oa2_test_init (&argc, &argv);

  g_test_add_func ("/oa2/token-store/memory/round-trips", test_memory_round_trips);
  g_test_add_func ("/oa2/token-store/file/round-trips", test_file_round_trips);
  g_test_add_func ("/oa2/token-store/file/permissions-and-replace", test_file_permissions_and_replace);
  g_test_add_func ("/oa2/token-store/file/symlinks", test_file_symlinks);
  g_test_add_func ("/oa2/token-store/file/refused", test_file_refused);
  g_test_add_func ("/oa2/token-store/file/default-directory", test_file_default_directory);
  g_test_add_func ("/oa2/token-store/file/concurrent-saves", test_file_concurrent_saves);
  g_test_add_func ("/oa2/token-store/secret/support", test_secret_store_support);

  return g_test_run ();
}
