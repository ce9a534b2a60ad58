/* oa2-token-store.c: where tokens are kept between runs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2TokenStore:
 *
 * Keeps tokens between runs of an app, so that a user signs in once.
 *
 * A token is kept under a key of three strings: the issuer and the client
 * ID it was issued by and to, and an account name the app chooses (such as
 * the user's e-mail address, or `default` for an app with one account).
 * Loading a key that holds nothing gives %NULL without an error, so an
 * app tells "never signed in" from "the store failed".
 *
 * The library comes with three stores: [class@OA2.MemoryTokenStore] (for
 * tests, and the lifetime of a process), [class@OA2.FileTokenStore] (a
 * JSON file per key, readable by its owner alone) and
 * [class@OA2.SecretTokenStore] (the desktop's Secret Service through
 * libsecret, or the Secret portal inside Flatpak): the one to use in a
 * desktop app. Apps may implement their own.
 *
 * DPoP-bound tokens ([class@OA2.DPoPToken]) are stored with their private
 * key, which is as secret as the token.
 *
 * ```c
 * g_autoptr(OA2SecretTokenStore) store = oa2_secret_token_store_new ();
 * g_autoptr(OA2BearerToken) token = oa2_token_store_load (OA2_TOKEN_STORE (store), issuer, client_id,
 *                                                         "default", NULL, &error);
 * ```
 *
 * ```python
 * store = OA2.SecretTokenStore.new()
 * token = store.load(issuer, client_id, 'default', None)   # None if nothing is stored
 * store.save(issuer, client_id, 'default', new_token, None)
 * ```
 *
 * ```js
 * const store = OA2.SecretTokenStore.new();
 * const token = await store.load_async(issuer, clientId, 'default', null);
 * ```
 *
 * ```vala
 * var store = new OA2.SecretTokenStore ();
 * var token = yield store.load_async (issuer, client_id, "default", null);
 * ```
 */

#include "config.h"

#include <string.h>

#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-token-store.h"
#include "oa2-token-store-private.h"

G_DEFINE_INTERFACE (OA2TokenStore, oa2_token_store, G_TYPE_OBJECT)

static void
oa2_token_store_default_init (OA2TokenStoreInterface *iface)
{
}

/* Parts of the key are separated by their lengths, so that no choice of
 * strings makes two keys equal. */
char *
oa2_token_store_key_string (const char *issuer,
                            const char *client_id,
                            const char *account)
{
  return g_strdup_printf ("%" G_GSIZE_FORMAT ":%s%" G_GSIZE_FORMAT ":%s%" G_GSIZE_FORMAT ":%s",
                          strlen (issuer), issuer, strlen (client_id), client_id, strlen (account), account);
}

static gboolean
check_part (const char  *value,
            const char  *what,
            GError     **error)
{
  if (value == NULL || *value == '\0' || strlen (value) > 2048 || !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                   /* Translators: %s is "issuer", "client ID" or "account" */
                   _("A token store key needs a non-empty %s of at most 2048 bytes of UTF-8"), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_key (const char  *issuer,
           const char  *client_id,
           const char  *account,
           GError     **error)
{
  return check_part (issuer, _("issuer"), error) &&
         check_part (client_id, _("client ID"), error) &&
         check_part (account, _("account"), error);
}

/**
 * oa2_token_store_load_async:
 * @self: a store
 * @issuer: the issuer that issued the token
 * @client_id: the client the token was issued to
 * @account: the app's name for the account, such as `default`
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token is read
 * @user_data: (closure): data for @callback
 *
 * Reads the token kept under the key, with its absolute expiry (it may
 * have expired since). Every part of the key must be non-empty UTF-8.
 */
void
oa2_token_store_load_async (OA2TokenStore       *self,
                            const char          *issuer,
                            const char          *client_id,
                            const char          *account,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (OA2_IS_TOKEN_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (!check_key (issuer, client_id, account, &error))
    {
      g_task_report_error (self, callback, user_data, oa2_token_store_load_async, error);
      return;
    }
  OA2_TOKEN_STORE_GET_IFACE (self)->load_async (self, issuer, client_id, account, cancellable,
                                                callback, user_data);
}

/**
 * oa2_token_store_load_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.TokenStore.load_async].
 *
 * Returns: (transfer full) (nullable): the token; %NULL without an error
 *   when the key holds none, %NULL with @error set when reading failed
 */
OA2BearerToken *
oa2_token_store_load_finish (OA2TokenStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (OA2_IS_TOKEN_STORE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_async_result_is_tagged (result, oa2_token_store_load_async))
    return g_task_propagate_pointer (G_TASK (result), error);
  return OA2_TOKEN_STORE_GET_IFACE (self)->load_finish (self, result, error);
}

/**
 * oa2_token_store_save_async:
 * @self: a store
 * @issuer: the issuer that issued the token
 * @client_id: the client the token was issued to
 * @account: the app's name for the account
 * @token: the token to keep, replacing the one kept under the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token is kept
 * @user_data: (closure): data for @callback
 *
 * Keeps @token (with a DPoP token's private key) under the key.
 */
void
oa2_token_store_save_async (OA2TokenStore       *self,
                            const char          *issuer,
                            const char          *client_id,
                            const char          *account,
                            OA2BearerToken      *token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (OA2_IS_TOKEN_STORE (self));
  g_return_if_fail (OA2_IS_BEARER_TOKEN (token));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (!check_key (issuer, client_id, account, &error))
    {
      g_task_report_error (self, callback, user_data, oa2_token_store_save_async, error);
      return;
    }
  OA2_TOKEN_STORE_GET_IFACE (self)->save_async (self, issuer, client_id, account, token, cancellable,
                                                callback, user_data);
}

/**
 * oa2_token_store_save_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.TokenStore.save_async].
 *
 * Returns: %TRUE once the token is kept, %FALSE with @error set
 */
gboolean
oa2_token_store_save_finish (OA2TokenStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (OA2_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_async_result_is_tagged (result, oa2_token_store_save_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  return OA2_TOKEN_STORE_GET_IFACE (self)->save_finish (self, result, error);
}

/**
 * oa2_token_store_clear_async:
 * @self: a store
 * @issuer: the issuer that issued the token
 * @client_id: the client the token was issued to
 * @account: the app's name for the account
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token is forgotten
 * @user_data: (closure): data for @callback
 *
 * Forgets the token kept under the key, as when the user signs out.
 * Clearing a key that holds nothing succeeds.
 */
void
oa2_token_store_clear_async (OA2TokenStore       *self,
                             const char          *issuer,
                             const char          *client_id,
                             const char          *account,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GError *error = NULL;

  g_return_if_fail (OA2_IS_TOKEN_STORE (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  if (!check_key (issuer, client_id, account, &error))
    {
      g_task_report_error (self, callback, user_data, oa2_token_store_clear_async, error);
      return;
    }
  OA2_TOKEN_STORE_GET_IFACE (self)->clear_async (self, issuer, client_id, account, cancellable,
                                                 callback, user_data);
}

/**
 * oa2_token_store_clear_finish:
 * @self: a store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.TokenStore.clear_async].
 *
 * Returns: %TRUE once the key holds nothing, %FALSE with @error set
 */
gboolean
oa2_token_store_clear_finish (OA2TokenStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (OA2_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_async_result_is_tagged (result, oa2_token_store_clear_async))
    return g_task_propagate_boolean (G_TASK (result), error);
  return OA2_TOKEN_STORE_GET_IFACE (self)->clear_finish (self, result, error);
}

/* The synchronous calls run the asynchronous ones on a private main
 * context, so that every store implements one path only, and the caller's
 * main context is not iterated under its feet. */
typedef struct {
  GAsyncResult *result;
} SyncData;

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SyncData *data = user_data;

  data->result = g_object_ref (result);
}

static GMainContext *
sync_begin (void)
{
  GMainContext *context = g_main_context_new ();

  g_main_context_push_thread_default (context);
  return context;
}

static void
sync_wait (GMainContext *context,
           SyncData     *data)
{
  while (data->result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
}

/**
 * oa2_token_store_load:
 * @self: a store
 * @issuer: the issuer that issued the token
 * @client_id: the client the token was issued to
 * @account: the app's name for the account
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads the token kept under the key, blocking the calling thread; see
 * [method@OA2.TokenStore.load_async].
 *
 * Returns: (transfer full) (nullable): the token; %NULL without an error
 *   when the key holds none, %NULL with @error set when reading failed
 */
OA2BearerToken *
oa2_token_store_load (OA2TokenStore  *self,
                      const char     *issuer,
                      const char     *client_id,
                      const char     *account,
                      GCancellable   *cancellable,
                      GError        **error)
{
  SyncData data = { NULL };
  GMainContext *context;
  OA2BearerToken *token;

  g_return_val_if_fail (OA2_IS_TOKEN_STORE (self), NULL);

  context = sync_begin ();
  oa2_token_store_load_async (self, issuer, client_id, account, cancellable, sync_done, &data);
  sync_wait (context, &data);
  token = oa2_token_store_load_finish (self, data.result, error);
  g_object_unref (data.result);
  return token;
}

/**
 * oa2_token_store_save:
 * @self: a store
 * @issuer: the issuer that issued the token
 * @client_id: the client the token was issued to
 * @account: the app's name for the account
 * @token: the token to keep
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Keeps @token under the key, blocking the calling thread; see
 * [method@OA2.TokenStore.save_async].
 *
 * Returns: %TRUE once the token is kept, %FALSE with @error set
 */
gboolean
oa2_token_store_save (OA2TokenStore   *self,
                      const char      *issuer,
                      const char      *client_id,
                      const char      *account,
                      OA2BearerToken  *token,
                      GCancellable    *cancellable,
                      GError         **error)
{
  SyncData data = { NULL };
  GMainContext *context;
  gboolean saved;

  g_return_val_if_fail (OA2_IS_TOKEN_STORE (self), FALSE);
  g_return_val_if_fail (OA2_IS_BEARER_TOKEN (token), FALSE);

  context = sync_begin ();
  oa2_token_store_save_async (self, issuer, client_id, account, token, cancellable, sync_done, &data);
  sync_wait (context, &data);
  saved = oa2_token_store_save_finish (self, data.result, error);
  g_object_unref (data.result);
  return saved;
}

/**
 * oa2_token_store_clear:
 * @self: a store
 * @issuer: the issuer that issued the token
 * @client_id: the client the token was issued to
 * @account: the app's name for the account
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Forgets the token kept under the key, blocking the calling thread; see
 * [method@OA2.TokenStore.clear_async].
 *
 * Returns: %TRUE once the key holds nothing, %FALSE with @error set
 */
gboolean
oa2_token_store_clear (OA2TokenStore  *self,
                       const char     *issuer,
                       const char     *client_id,
                       const char     *account,
                       GCancellable   *cancellable,
                       GError        **error)
{
  SyncData data = { NULL };
  GMainContext *context;
  gboolean cleared;

  g_return_val_if_fail (OA2_IS_TOKEN_STORE (self), FALSE);

  context = sync_begin ();
  oa2_token_store_clear_async (self, issuer, client_id, account, cancellable, sync_done, &data);
  sync_wait (context, &data);
  cleared = oa2_token_store_clear_finish (self, data.result, error);
  g_object_unref (data.result);
  return cleared;
}
