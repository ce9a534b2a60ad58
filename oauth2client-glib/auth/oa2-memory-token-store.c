/* oa2-memory-token-store.c: tokens kept in the memory of the process
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2MemoryTokenStore:
 *
 * A [iface@OA2.TokenStore] that keeps tokens in the memory of the process:
 * for tests, and for apps that only need to share tokens between parts of
 * one run. Tokens are immutable, so the store keeps a reference to each
 * token rather than a copy; they are gone when the store is finalized.
 *
 * ```c
 * g_autoptr(OA2MemoryTokenStore) store = oa2_memory_token_store_new ();
 * oa2_token_store_save (OA2_TOKEN_STORE (store), issuer, client_id, "default", token, NULL, &error);
 * ```
 *
 * ```python
 * store = OA2.MemoryTokenStore.new()
 * store.save(issuer, client_id, 'default', token, None)
 * assert store.load(issuer, client_id, 'default', None) is token
 * ```
 */

#include "config.h"

#include "oa2-memory-token-store.h"
#include "oa2-token-store-private.h"

struct _OA2MemoryTokenStore
{
  GObject parent_instance;

  GMutex lock;
  GHashTable *tokens;   /* key string → OA2BearerToken */
};

static void oa2_memory_token_store_iface_init (OA2TokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OA2MemoryTokenStore, oa2_memory_token_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (OA2_TYPE_TOKEN_STORE, oa2_memory_token_store_iface_init))

static void
oa2_memory_token_store_finalize (GObject *object)
{
  OA2MemoryTokenStore *self = OA2_MEMORY_TOKEN_STORE (object);

  g_hash_table_unref (self->tokens);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (oa2_memory_token_store_parent_class)->finalize (object);
}

static void
oa2_memory_token_store_class_init (OA2MemoryTokenStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = oa2_memory_token_store_finalize;
}

static void
oa2_memory_token_store_init (OA2MemoryTokenStore *self)
{
  g_mutex_init (&self->lock);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

static void
memory_load_async (OA2TokenStore       *store,
                   const char          *issuer,
                   const char          *client_id,
                   const char          *account,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  OA2MemoryTokenStore *self = OA2_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = oa2_token_store_key_string (issuer, client_id, account);
  OA2BearerToken *token;

  g_task_set_source_tag (task, memory_load_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_mutex_lock (&self->lock);
  token = g_hash_table_lookup (self->tokens, key);
  if (token != NULL)
    g_object_ref (token);
  g_mutex_unlock (&self->lock);
  g_task_return_pointer (task, token, g_object_unref);
}

static OA2BearerToken *
memory_load_finish (OA2TokenStore  *store,
                    GAsyncResult   *result,
                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == memory_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
memory_save_async (OA2TokenStore       *store,
                   const char          *issuer,
                   const char          *client_id,
                   const char          *account,
                   OA2BearerToken      *token,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  OA2MemoryTokenStore *self = OA2_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, memory_save_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->tokens, oa2_token_store_key_string (issuer, client_id, account),
                        g_object_ref (token));
  g_mutex_unlock (&self->lock);
  g_task_return_boolean (task, TRUE);
}

static void
memory_clear_async (OA2TokenStore       *store,
                    const char          *issuer,
                    const char          *client_id,
                    const char          *account,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  OA2MemoryTokenStore *self = OA2_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = oa2_token_store_key_string (issuer, client_id, account);

  g_task_set_source_tag (task, memory_clear_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_mutex_lock (&self->lock);
  g_hash_table_remove (self->tokens, key);
  g_mutex_unlock (&self->lock);
  g_task_return_boolean (task, TRUE);
}

static gboolean
memory_boolean_finish (OA2TokenStore  *store,
                       GAsyncResult   *result,
                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
oa2_memory_token_store_iface_init (OA2TokenStoreInterface *iface)
{
  iface->load_async = memory_load_async;
  iface->load_finish = memory_load_finish;
  iface->save_async = memory_save_async;
  iface->save_finish = memory_boolean_finish;
  iface->clear_async = memory_clear_async;
  iface->clear_finish = memory_boolean_finish;
}

/**
 * oa2_memory_token_store_new:
 *
 * Creates an empty store that keeps tokens in memory.
 *
 * Returns: (transfer full): the store
 */
OA2MemoryTokenStore *
oa2_memory_token_store_new (void)
{
  return g_object_new (OA2_TYPE_MEMORY_TOKEN_STORE, NULL);
}
