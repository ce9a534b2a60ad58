/* oa2-file-token-store.c: tokens kept in files readable by their owner alone
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2FileTokenStore:
 *
 * A [iface@OA2.TokenStore] that keeps each token in a JSON file of its
 * own, for systems without a Secret Service (servers, containers, command
 * line tools). Desktop apps should prefer [class@OA2.SecretTokenStore],
 * which encrypts tokens at rest; this store relies on file permissions.
 *
 * Layout and guarantees:
 *
 * - One file per key (issuer, client ID, account), named by the SHA-256 of
 *   the key, so that saving one account never rewrites another's token and
 *   two processes saving different accounts cannot lose each other's
 *   writes. The file holds the key itself beside the token, and a file
 *   whose key does not match is refused.
 * - The directory is created with mode 0700. An existing directory must be
 *   owned by the user and writable by nobody else.
 * - A file is created with mode 0600 from the start (never readable by
 *   others, not even for a moment) under a temporary name in the same
 *   directory, written, flushed to disk, then renamed over the old one:
 *   a reader sees the old token or the new one, never half of either.
 * - Symbolic links are not followed for the directory itself or the files
 *   in it, so a link planted there cannot redirect a token elsewhere.
 *
 * ```c
 * g_autoptr(OA2FileTokenStore) store = oa2_file_token_store_new (NULL);
 * g_autoptr(OA2BearerToken) token =
 *   oa2_token_store_load (OA2_TOKEN_STORE (store), issuer, client_id, "default", NULL, &error);
 * ```
 *
 * ```python
 * store = OA2.FileTokenStore.new(None)   # $XDG_DATA_HOME/oauth2client-glib/tokens
 * ```
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "oa2-bearer-token.h"
#include "oa2-error.h"
#include "oa2-file-token-store.h"
#include "oa2-i18n-private.h"
#include "oa2-json-private.h"
#include "oa2-secret-private.h"
#include "oa2-token-store-private.h"

struct _OA2FileTokenStore
{
  GObject parent_instance;

  char *directory;
};

enum {
  PROP_0,
  PROP_DIRECTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void oa2_file_token_store_iface_init (OA2TokenStoreInterface *iface);
static void file_load_async (OA2TokenStore       *store,
                             const char          *issuer,
                             const char          *client_id,
                             const char          *account,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);

G_DEFINE_FINAL_TYPE_WITH_CODE (OA2FileTokenStore, oa2_file_token_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (OA2_TYPE_TOKEN_STORE, oa2_file_token_store_iface_init))

static void
oa2_file_token_store_constructed (GObject *object)
{
  OA2FileTokenStore *self = OA2_FILE_TOKEN_STORE (object);

  G_OBJECT_CLASS (oa2_file_token_store_parent_class)->constructed (object);

  if (self->directory == NULL)
    self->directory = g_build_filename (g_get_user_data_dir (), "oauth2client-glib", "tokens", NULL);
}

static void
oa2_file_token_store_finalize (GObject *object)
{
  OA2FileTokenStore *self = OA2_FILE_TOKEN_STORE (object);

  g_free (self->directory);

  G_OBJECT_CLASS (oa2_file_token_store_parent_class)->finalize (object);
}

static void
oa2_file_token_store_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OA2FileTokenStore *self = OA2_FILE_TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_file_token_store_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  OA2FileTokenStore *self = OA2_FILE_TOKEN_STORE (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_free (self->directory);
      self->directory = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_file_token_store_class_init (OA2FileTokenStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = oa2_file_token_store_constructed;
  object_class->finalize = oa2_file_token_store_finalize;
  object_class->get_property = oa2_file_token_store_get_property;
  object_class->set_property = oa2_file_token_store_set_property;

  /**
   * OA2FileTokenStore:directory: (getter get_directory)
   *
   * The directory that holds the token files; %NULL when constructing
   * means `$XDG_DATA_HOME/oauth2client-glib/tokens` (inside Flatpak, the
   * app's own data directory).
   */
  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                         G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_file_token_store_init (OA2FileTokenStore *self)
{
}

typedef struct {
  char *directory;
  char *issuer;
  char *client_id;
  char *account;
  OA2BearerToken *token;
} Op;

static void
op_free (Op *op)
{
  g_free (op->directory);
  g_free (op->issuer);
  g_free (op->client_id);
  g_free (op->account);
  g_clear_object (&op->token);
  g_free (op);
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *format,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), format, path, g_strerror (saved_errno));
}

/* Opens the token directory without following a symbolic link at its
 * end, and checks that nobody else can put files in it. With @create, a
 * missing directory is made 0700; without, a missing one gives -1 and no
 * error, since it holds no token. */
static int
open_directory (const char  *path,
                gboolean     create,
                GError     **error)
{
  struct stat st;
  int fd;

  if (create && g_mkdir_with_parents (path, 0700) != 0)
    {
      set_errno_error (error, errno, _("Cannot create the token directory “%s”: %s"), path);
      return -1;
    }
  fd = open (path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    {
      if (errno != ENOENT || create)
        set_errno_error (error, errno, _("Cannot open the token directory “%s”: %s"), path);
      return -1;
    }
  if (fstat (fd, &st) != 0 || st.st_uid != getuid () || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The token directory “%s” must belong to you and be writable by you alone"), path);
      close (fd);
      return -1;
    }
  return fd;
}

static char *
file_name_for (Op *op)
{
  g_autofree char *key = oa2_token_store_key_string (op->issuer, op->client_id, op->account);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);

  return g_strconcat (hash, ".json", NULL);
}

static gboolean
member_is (JsonObject *object,
           const char *name,
           const char *expected)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
         g_strcmp0 (json_node_get_string (node), expected) == 0;
}

static OA2BearerToken *
parse_file (Op          *op,
            const char  *path,
            const char  *data,
            gsize        len,
            GError     **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(OA2SecretText) token_json = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *token;

  object = oa2_json_parse_object (data, len, error);
  if (object == NULL)
    {
      g_prefix_error (error, _("The token file “%s” is damaged: "), path);
      return NULL;
    }
  root = json_node_init_object (json_node_alloc (), object);
  token = json_object_get_member (object, "token");
  if (!member_is (object, "issuer", op->issuer) || !member_is (object, "client_id", op->client_id) ||
      !member_is (object, "account", op->account) || token == NULL || !JSON_NODE_HOLDS_OBJECT (token))
    {
      oa2_json_wipe_strings (root);
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_MEMBER,
                   _("The token file “%s” does not hold a token for this issuer, client and account"), path);
      return NULL;
    }
  token_json = oa2_json_to_string (token);
  oa2_json_wipe_strings (root);
  return oa2_bearer_token_new_from_json (token_json, error);
}

static OA2BearerToken *
load_sync (Op      *op,
           GError **error)
{
  g_autofree char *name = file_name_for (op);
  g_autofree char *path = g_build_filename (op->directory, name, NULL);
  OA2SecretBuffer buffer = { 0 };
  OA2BearerToken *token = NULL;
  GError *local_error = NULL;
  struct stat st;
  int dir_fd, fd;

  dir_fd = open_directory (op->directory, FALSE, &local_error);
  if (dir_fd < 0)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return NULL;
    }
  fd = openat (dir_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
  close (dir_fd);
  if (fd < 0)
    {
      if (errno != ENOENT)
        set_errno_error (error, errno, _("Cannot open the token file “%s”: %s"), path);
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > OA2_TOKEN_STORE_MAX_SIZE)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_RESPONSE_TOO_LARGE,
                   _("The token file “%s” is not a regular file of at most 256 KiB"), path);
      close (fd);
      return NULL;
    }
  for (;;)
    {
      guint8 *room = oa2_secret_buffer_reserve (&buffer, 4096);
      gssize n = read (fd, room, 4096);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno, _("Cannot read the token file “%s”: %s"), path);
          break;
        }
      buffer.len += n;
      if (buffer.len > OA2_TOKEN_STORE_MAX_SIZE)
        {
          g_set_error (error, OA2_ERROR, OA2_ERROR_RESPONSE_TOO_LARGE,
                       _("The token file “%s” is not a regular file of at most 256 KiB"), path);
          break;
        }
      if (n == 0)
        {
          token = parse_file (op, path, (const char *) buffer.data, buffer.len, error);
          break;
        }
    }
  close (fd);
  oa2_secret_buffer_clear (&buffer);
  return token;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

static gboolean
save_sync (Op      *op,
           GError **error)
{
  g_autofree char *name = file_name_for (op);
  g_autofree char *path = g_build_filename (op->directory, name, NULL);
  g_autofree char *temp_name = NULL;
  g_autoptr(OA2SecretText) token_json = oa2_bearer_token_to_json (op->token);
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(OA2SecretText) contents = NULL;
  gboolean written;
  int dir_fd, fd, saved_errno;

  json_object_set_string_member (object, "issuer", op->issuer);
  json_object_set_string_member (object, "client_id", op->client_id);
  json_object_set_string_member (object, "account", op->account);
  json_object_set_object_member (object, "token", oa2_json_parse_object (token_json, strlen (token_json), NULL));
  root = json_node_init_object (json_node_alloc (), object);
  contents = oa2_json_to_string (root);
  oa2_json_wipe_strings (root);

  dir_fd = open_directory (op->directory, TRUE, error);
  if (dir_fd < 0)
    return FALSE;

  /* O_EXCL with a fresh name: never an existing file, never a link; the
   * mode is 0600 from creation (a umask can only take bits away). */
  do
    {
      g_free (temp_name);
      temp_name = g_strdup_printf (".%s.%08x.tmp", name, g_random_int ());
      fd = openat (dir_fd, temp_name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY, 0600);
    }
  while (fd < 0 && errno == EEXIST);
  if (fd < 0)
    {
      set_errno_error (error, errno, _("Cannot create a token file in “%s”: %s"), op->directory);
      close (dir_fd);
      return FALSE;
    }

  written = write_all (fd, contents, strlen (contents)) && fsync (fd) == 0;
  saved_errno = errno;
  if (close (fd) != 0 && written)
    {
      written = FALSE;
      saved_errno = errno;
    }
  if (written && renameat (dir_fd, temp_name, dir_fd, name) != 0)
    {
      written = FALSE;
      saved_errno = errno;
    }
  if (!written)
    {
      unlinkat (dir_fd, temp_name, 0);
      close (dir_fd);
      set_errno_error (error, saved_errno, _("Cannot write the token file “%s”: %s"), path);
      return FALSE;
    }
  /* The rename itself reaches the disk with the directory. */
  fsync (dir_fd);
  close (dir_fd);
  return TRUE;
}

static gboolean
clear_sync (Op      *op,
            GError **error)
{
  g_autofree char *name = file_name_for (op);
  g_autofree char *path = g_build_filename (op->directory, name, NULL);
  GError *local_error = NULL;
  int dir_fd;

  dir_fd = open_directory (op->directory, FALSE, &local_error);
  if (dir_fd < 0)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (unlinkat (dir_fd, name, 0) != 0 && errno != ENOENT)
    {
      set_errno_error (error, errno, _("Cannot remove the token file “%s”: %s"), path);
      close (dir_fd);
      return FALSE;
    }
  close (dir_fd);
  return TRUE;
}

static void
run_op (GTask        *task,
        gpointer      source_object,
        gpointer      task_data,
        GCancellable *cancellable)
{
  Op *op = task_data;
  GError *error = NULL;
  gpointer tag = g_task_get_source_tag (task);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (tag == file_load_async)
    {
      OA2BearerToken *token = load_sync (op, &error);

      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, token, g_object_unref);
    }
  else
    {
      gboolean done = op->token != NULL ? save_sync (op, &error) : clear_sync (op, &error);

      if (done)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
    }
}

static void
start_op (OA2FileTokenStore   *self,
          gpointer             tag,
          const char          *issuer,
          const char          *client_id,
          const char          *account,
          OA2BearerToken      *token,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  op->directory = g_strdup (self->directory);
  op->issuer = g_strdup (issuer);
  op->client_id = g_strdup (client_id);
  op->account = g_strdup (account);
  op->token = token != NULL ? g_object_ref (token) : NULL;
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  /* File I/O blocks; it runs in GLib's worker threads. */
  g_task_run_in_thread (task, run_op);
}

static void
file_load_async (OA2TokenStore       *store,
                 const char          *issuer,
                 const char          *client_id,
                 const char          *account,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  start_op (OA2_FILE_TOKEN_STORE (store), file_load_async, issuer, client_id, account, NULL,
            cancellable, callback, user_data);
}

static OA2BearerToken *
file_load_finish (OA2TokenStore  *store,
                  GAsyncResult   *result,
                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
file_save_async (OA2TokenStore       *store,
                 const char          *issuer,
                 const char          *client_id,
                 const char          *account,
                 OA2BearerToken      *token,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  start_op (OA2_FILE_TOKEN_STORE (store), file_save_async, issuer, client_id, account, token,
            cancellable, callback, user_data);
}

static void
file_clear_async (OA2TokenStore       *store,
                  const char          *issuer,
                  const char          *client_id,
                  const char          *account,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  start_op (OA2_FILE_TOKEN_STORE (store), file_clear_async, issuer, client_id, account, NULL,
            cancellable, callback, user_data);
}

static gboolean
file_boolean_finish (OA2TokenStore  *store,
                     GAsyncResult   *result,
                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
oa2_file_token_store_iface_init (OA2TokenStoreInterface *iface)
{
  iface->load_async = file_load_async;
  iface->load_finish = file_load_finish;
  iface->save_async = file_save_async;
  iface->save_finish = file_boolean_finish;
  iface->clear_async = file_clear_async;
  iface->clear_finish = file_boolean_finish;
}

/**
 * oa2_file_token_store_new:
 * @directory: (nullable) (type filename): the directory for the token
 *   files, or %NULL for `$XDG_DATA_HOME/oauth2client-glib/tokens`
 *
 * Creates a store that keeps each token in a file of its own in
 * @directory. Nothing is created until the first token is saved.
 *
 * Returns: (transfer full): the store
 */
OA2FileTokenStore *
oa2_file_token_store_new (const char *directory)
{
  return g_object_new (OA2_TYPE_FILE_TOKEN_STORE, "directory", directory, NULL);
}

/**
 * oa2_file_token_store_get_directory: (get-property directory)
 * @self: a store
 *
 * Gets the directory that holds the token files.
 *
 * Returns: (transfer none) (type filename): the directory
 */
const char *
oa2_file_token_store_get_directory (OA2FileTokenStore *self)
{
  g_return_val_if_fail (OA2_IS_FILE_TOKEN_STORE (self), NULL);

  return self->directory;
}
