/* oa2-secret-token-store.c: tokens kept in the Secret Service (libsecret)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2SecretTokenStore:
 *
 * A [iface@OA2.TokenStore] that keeps tokens in the user's keyring through
 * libsecret: GNOME Keyring, KeePassXC or any other Secret Service on the
 * desktop, which encrypts them at rest and unlocks them with the session.
 *
 * Inside a Flatpak sandbox libsecret (0.20 and later) uses the Secret
 * portal by itself: the app's tokens go to an encrypted file in its own
 * data directory, with a key the portal hands to that app alone; no
 * `--talk-name=org.freedesktop.secrets` hole is needed, and apps cannot
 * read each other's tokens.
 *
 * Items use the schema `io.github.oauth2client-glib.Token` with the string
 * attributes `issuer`, `client_id` and `account`, and hold the token as
 * [method@OA2.BearerToken.to_json] writes it (a DPoP token with its private
 * key). They go to the default collection (normally "Login").
 *
 * libsecret is an optional dependency (the `libsecret` build option).
 * Without it, [func@OA2.SecretTokenStore.is_supported] returns %FALSE and
 * every operation fails with %G_IO_ERROR_NOT_SUPPORTED.
 *
 * ```c
 * g_autoptr(OA2SecretTokenStore) store = oa2_secret_token_store_new ();
 * oa2_token_store_load_async (OA2_TOKEN_STORE (store), issuer, client_id, "alice@example.com",
 *                             cancellable, on_token_loaded, self);
 * ```
 *
 * ```python
 * store = OA2.SecretTokenStore.new()
 * token = store.load(issuer, client_id, 'alice@example.com', None)
 * ```
 */

#include "config.h"

#ifdef HAVE_LIBSECRET
#include <libsecret/secret.h>
#endif

#include "oa2-bearer-token.h"
#include "oa2-i18n-private.h"
#include "oa2-secret-token-store.h"
#include "oa2-token-store-private.h"

struct _OA2SecretTokenStore
{
  GObject parent_instance;
};

static void oa2_secret_token_store_iface_init (OA2TokenStoreInterface *iface);
static void secret_save_async (OA2TokenStore       *store,
                               const char          *issuer,
                               const char          *client_id,
                               const char          *account,
                               OA2BearerToken      *token,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);

G_DEFINE_FINAL_TYPE_WITH_CODE (OA2SecretTokenStore, oa2_secret_token_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (OA2_TYPE_TOKEN_STORE, oa2_secret_token_store_iface_init))

static void
oa2_secret_token_store_class_init (OA2SecretTokenStoreClass *klass)
{
}

static void
oa2_secret_token_store_init (OA2SecretTokenStore *self)
{
}

#ifdef HAVE_LIBSECRET
static const SecretSchema *
token_schema (void)
{
  static const SecretSchema schema = {
    "io.github.oauth2client-glib.Token", SECRET_SCHEMA_NONE,
    {
      { "issuer", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "client_id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

static GHashTable *
attributes_for (const char *issuer,
                const char *client_id,
                const char *account)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  /* Copies: libsecret keeps a reference to the table (not to a copy of
   * it) while the operation runs, after the caller's strings are gone. */
  g_hash_table_insert (attributes, (char *) "issuer", g_strdup (issuer));
  g_hash_table_insert (attributes, (char *) "client_id", g_strdup (client_id));
  g_hash_table_insert (attributes, (char *) "account", g_strdup (account));
  return attributes;
}

static void
lookup_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *json = secret_password_lookup_finish (result, &error);
  OA2BearerToken *token;

  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (json == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  token = oa2_bearer_token_new_from_json (json, &error);
  /* secret_password_free() wipes the text before freeing it. */
  secret_password_free (json);
  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_object_unref);
}

static void
boolean_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gpointer tag = g_task_get_source_tag (task);
  gboolean ok;

  if (tag == secret_save_async)
    ok = secret_password_store_finish (result, &error);
  else
    {
      /* Clearing an item that is not there is not an error. */
      secret_password_clear_finish (result, &error);
      ok = error == NULL;
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}
#endif

static gboolean
report_unsupported (GTask *task)
{
#ifdef HAVE_LIBSECRET
  return FALSE;
#else
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("This build of oauth2client-glib has no libsecret support"));
  return TRUE;
#endif
}

static void
secret_load_async (OA2TokenStore       *store,
                   const char          *issuer,
                   const char          *client_id,
                   const char          *account,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, secret_load_async);
  if (report_unsupported (task))
    return;
#ifdef HAVE_LIBSECRET
  {
    g_autoptr(GHashTable) attributes = attributes_for (issuer, client_id, account);

    secret_password_lookupv (token_schema (), attributes, cancellable, lookup_done, g_steal_pointer (&task));
  }
#endif
}

static OA2BearerToken *
secret_load_finish (OA2TokenStore  *store,
                    GAsyncResult   *result,
                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
secret_save_async (OA2TokenStore       *store,
                   const char          *issuer,
                   const char          *client_id,
                   const char          *account,
                   OA2BearerToken      *token,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, secret_save_async);
  if (report_unsupported (task))
    return;
#ifdef HAVE_LIBSECRET
  {
    g_autoptr(GHashTable) attributes = attributes_for (issuer, client_id, account);
    g_autofree char *label = NULL;
    char *json = oa2_bearer_token_to_json (token);

    /* Translators: the label of a keyring item; %s are the account name
     * and the issuer's URL */
    label = g_strdup_printf (_("OAuth 2 token for %s at %s"), account, issuer);
    secret_password_storev (token_schema (), attributes, SECRET_COLLECTION_DEFAULT, label, json,
                            cancellable, boolean_done, g_steal_pointer (&task));
    secret_password_free (json);
  }
#endif
}

static void
secret_clear_async (OA2TokenStore       *store,
                    const char          *issuer,
                    const char          *client_id,
                    const char          *account,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, secret_clear_async);
  if (report_unsupported (task))
    return;
#ifdef HAVE_LIBSECRET
  {
    g_autoptr(GHashTable) attributes = attributes_for (issuer, client_id, account);

    secret_password_clearv (token_schema (), attributes, cancellable, boolean_done, g_steal_pointer (&task));
  }
#endif
}

static gboolean
secret_boolean_finish (OA2TokenStore  *store,
                       GAsyncResult   *result,
                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
oa2_secret_token_store_iface_init (OA2TokenStoreInterface *iface)
{
  iface->load_async = secret_load_async;
  iface->load_finish = secret_load_finish;
  iface->save_async = secret_save_async;
  iface->save_finish = secret_boolean_finish;
  iface->clear_async = secret_clear_async;
  iface->clear_finish = secret_boolean_finish;
}

/**
 * oa2_secret_token_store_new:
 *
 * Creates a store on the user's Secret Service (or, inside Flatpak, the
 * Secret portal). Connecting happens on the first operation.
 *
 * Returns: (transfer full): the store
 */
OA2SecretTokenStore *
oa2_secret_token_store_new (void)
{
  return g_object_new (OA2_TYPE_SECRET_TOKEN_STORE, NULL);
}

/**
 * oa2_secret_token_store_is_supported:
 *
 * Tells whether this build of the library has libsecret support; without
 * it, every operation of a [class@OA2.SecretTokenStore] fails with
 * %G_IO_ERROR_NOT_SUPPORTED. It says nothing of whether a Secret Service
 * is running.
 *
 * Returns: %TRUE if the library was built with libsecret
 */
gboolean
oa2_secret_token_store_is_supported (void)
{
#ifdef HAVE_LIBSECRET
  return TRUE;
#else
  return FALSE;
#endif
}
