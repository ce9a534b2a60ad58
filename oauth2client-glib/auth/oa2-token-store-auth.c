/* oa2-token-store-auth.c: an auth handler that keeps its token in a store
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * oa2_auth_attach_store() loads the stored token into the handler, then
 * follows OA2Auth::token-changed: each new token is saved, and a dropped
 * one (sign-in required) is cleared from the store. The writes run in a
 * thread of their own (a one-thread pool) with the store's blocking calls,
 * because token-changed is emitted wherever the handler runs, blocking
 * callers included, whose main context may never be iterated again; each
 * write takes the latest token under a lock, so that two quick changes
 * cannot leave the older one stored. Pending writes finish before the
 * handler is finalized, and oa2_auth_wait_for_store() waits for them, for
 * programs that exit right after a renewal.
 */

#include "config.h"

#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-token-store-auth.h"

#define BINDING_KEY "oa2-token-store-binding"

typedef struct {
  OA2TokenStore  *store;
  char           *issuer;
  char           *client_id;
  char           *account;

  GMainContext   *context;     /* where the handler emits token-changed */
  GThreadPool    *writer;      /* one thread: writes in order */
  GMutex          lock;
  GCond           idle;
  OA2BearerToken *latest;      /* what the next write stores */
  gboolean        dirty;       /* latest has not been written yet */
  guint           writers;     /* writes queued or running */
} Binding;

static void
binding_free (gpointer data)
{
  Binding *binding = data;

  /* Pending writes finish first. */
  if (binding->writer != NULL)
    g_thread_pool_free (binding->writer, FALSE, TRUE);
  g_main_context_unref (binding->context);
  g_object_unref (binding->store);
  g_free (binding->issuer);
  g_free (binding->client_id);
  g_free (binding->account);
  g_clear_object (&binding->latest);
  g_mutex_clear (&binding->lock);
  g_cond_clear (&binding->idle);
  g_free (binding);
}

static void
write_latest (gpointer data,
              gpointer user_data)
{
  Binding *binding = user_data;
  g_autoptr(OA2BearerToken) token = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dirty;

  g_mutex_lock (&binding->lock);
  dirty = binding->dirty;
  binding->dirty = FALSE;
  if (binding->latest != NULL)
    token = g_object_ref (binding->latest);
  g_mutex_unlock (&binding->lock);

  /* A later change may arrive meanwhile: it queues another write, which
   * takes the token then. */
  if (dirty)
    {
      if (token != NULL)
        oa2_token_store_save (binding->store, binding->issuer, binding->client_id, binding->account, token,
                              NULL, &error);
      else
        oa2_token_store_clear (binding->store, binding->issuer, binding->client_id, binding->account, NULL,
                               &error);
    }
  if (error != NULL)
    g_warning ("Could not keep the token of account “%s” in its store: %s", binding->account, error->message);

  g_mutex_lock (&binding->lock);
  binding->writers--;
  g_cond_broadcast (&binding->idle);
  g_mutex_unlock (&binding->lock);
}

static void
on_token_changed (OA2Auth        *auth,
                  OA2BearerToken *announced,
                  Binding        *binding)
{
  /* The handler's token now, not the one announced: an announcement made
   * from another context arrives later, possibly after a newer change. */
  g_autoptr(OA2BearerToken) token = oa2_auth_dup_token (auth);

  g_mutex_lock (&binding->lock);
  g_set_object (&binding->latest, token);
  binding->dirty = TRUE;
  binding->writers++;
  g_mutex_unlock (&binding->lock);
  /* Any non-NULL pointer: the work item carries nothing. */
  g_thread_pool_push (binding->writer, binding, NULL);
}

typedef struct {
  Binding *binding;
} AttachData;

static void
attach_data_free (gpointer data)
{
  AttachData *attach = data;

  if (attach->binding != NULL)
    binding_free (attach->binding);
  g_free (attach);
}

static void
loaded (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OA2Auth *auth = g_task_get_source_object (task);
  AttachData *attach = g_task_get_task_data (task);
  g_autoptr(OA2BearerToken) token = NULL;
  GError *error = NULL;
  Binding *binding;

  token = oa2_token_store_load_finish (OA2_TOKEN_STORE (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (token != NULL)
    oa2_auth_set_token (auth, token);

  /* Connected after the stored token is in place: it need not be written
   * back. The handler owns the binding from here on. */
  binding = g_steal_pointer (&attach->binding);
  binding->writer = g_thread_pool_new (write_latest, binding, 1, FALSE, NULL);
  g_object_set_data_full (G_OBJECT (auth), BINDING_KEY, binding, binding_free);
  g_signal_connect (auth, "token-changed", G_CALLBACK (on_token_changed), binding);
  g_task_return_boolean (task, TRUE);
}

/**
 * oa2_auth_attach_store_async:
 * @self: an auth handler
 * @store: where to keep its token
 * @issuer: the issuer part of the store key: the server that issues the
 *   handler's tokens
 * @client_id: the client part of the store key
 * @account: the app's name for the account, such as `default`
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once the stored token (if any) is in
 *   the handler
 * @user_data: (closure): data for @callback
 *
 * Makes @store the home of the handler's token: the token stored under the
 * key becomes the handler's current token (it is renewed as usual once it
 * expires), and from then on every [signal@OA2.Auth::token-changed] saves
 * the new token, or clears the key when the handler drops its token
 * because the user must sign in again. A DPoP-bound token is stored with
 * its key.
 *
 * The key is explicit, rather than taken from the handler's client,
 * because a handler need not have one, and an app may keep several
 * accounts of one client. Call this once per handler, before it is used.
 *
 * The writes run in a thread of the library's, in the order of the
 * changes (the latest token wins), and pending ones finish before the
 * handler is finalized; [method@OA2.Auth.wait_for_store] waits for them.
 * A failed write is logged as a warning; the handler keeps working with
 * its token.
 */
void
oa2_auth_attach_store_async (OA2Auth             *self,
                             OA2TokenStore       *store,
                             const char          *issuer,
                             const char          *client_id,
                             const char          *account,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AttachData *attach;
  Binding *binding;

  g_return_if_fail (OA2_IS_AUTH (self));
  g_return_if_fail (OA2_IS_TOKEN_STORE (store));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_auth_attach_store_async);
  if (g_object_get_data (G_OBJECT (self), BINDING_KEY) != NULL)
    {
      g_task_return_new_error (task, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT, "%s",
                               _("This auth handler already keeps its token in a store"));
      return;
    }

  binding = g_new0 (Binding, 1);
  binding->store = g_object_ref (store);
  /* OA2Auth emits token-changed in the thread-default context of the
   * thread that made it, normally this one. */
  binding->context = g_main_context_ref_thread_default ();
  binding->issuer = g_strdup (issuer);
  binding->client_id = g_strdup (client_id);
  binding->account = g_strdup (account);
  g_mutex_init (&binding->lock);
  g_cond_init (&binding->idle);
  attach = g_new0 (AttachData, 1);
  attach->binding = binding;
  g_task_set_task_data (task, attach, attach_data_free);

  /* The store checks the key. */
  oa2_token_store_load_async (store, issuer, client_id, account, cancellable, loaded, g_steal_pointer (&task));
}

/**
 * oa2_auth_attach_store_finish:
 * @self: an auth handler
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Auth.attach_store_async].
 *
 * Returns: %TRUE once the stored token (if any) is the handler's, %FALSE
 *   with @error set (the store could not be read, the key is invalid, or
 *   the handler already has a store)
 */
gboolean
oa2_auth_attach_store_finish (OA2Auth       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_auth_attach_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/**
 * oa2_auth_attach_store:
 * @self: an auth handler
 * @store: where to keep its token
 * @issuer: the issuer part of the store key
 * @client_id: the client part of the store key
 * @account: the app's name for the account
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Blocking version of [method@OA2.Auth.attach_store_async].
 *
 * Returns: %TRUE once the stored token (if any) is the handler's, %FALSE
 *   with @error set
 */
gboolean
oa2_auth_attach_store (OA2Auth        *self,
                       OA2TokenStore  *store,
                       const char     *issuer,
                       const char     *client_id,
                       const char     *account,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  GAsyncResult *result = NULL;
  gboolean attached;

  g_return_val_if_fail (OA2_IS_AUTH (self), FALSE);
  g_return_val_if_fail (OA2_IS_TOKEN_STORE (store), FALSE);

  g_main_context_push_thread_default (context);
  oa2_auth_attach_store_async (self, store, issuer, client_id, account, cancellable, sync_done, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  attached = oa2_auth_attach_store_finish (self, result, error);
  g_object_unref (result);
  return attached;
}

/**
 * oa2_auth_wait_for_store:
 * @self: an auth handler
 *
 * Blocks until the tokens the handler has announced so far are written to
 * its store ([method@OA2.Auth.attach_store_async]); returns at once for a
 * handler without a store. [signal@OA2.Auth::token-changed] is emitted in
 * the handler's main context, so after a blocking call it may still wait
 * there: this dispatches what is pending in that context first, when the
 * calling thread may (it owns the context, or nobody does). For programs
 * without a running main loop, and programs that exit right after a
 * renewal.
 */
void
oa2_auth_wait_for_store (OA2Auth *self)
{
  Binding *binding;

  g_return_if_fail (OA2_IS_AUTH (self));

  binding = g_object_get_data (G_OBJECT (self), BINDING_KEY);
  if (binding == NULL)
    return;
  /* A change announced from a blocking call waits in the handler's main
   * context: dispatch it, when this thread may. */
  if (g_main_context_acquire (binding->context))
    {
      while (g_main_context_iteration (binding->context, FALSE))
        ;
      g_main_context_release (binding->context);
    }
  g_mutex_lock (&binding->lock);
  while (binding->writers > 0)
    g_cond_wait (&binding->idle, &binding->lock);
  g_mutex_unlock (&binding->lock);
}
