/* oa2-pkcs11.c: private keys held in PKCS#11 tokens
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-crypto-pkcs11-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-jwk-private.h"
#include "oa2-pkcs11.h"
#include "oa2-secret-private.h"

/* The application's PIN callback, as the crypto layer calls it. While an
 * asynchronous open runs in a worker thread, @context is the caller's
 * thread-default context and the callback runs there (a GJS or GTK
 * callback must not run elsewhere); afterwards it runs where it is asked. */
typedef struct {
  OA2PinCallback func;
  gpointer data;
  GDestroyNotify destroy;
  GMainContext *context;
} PinClosure;

typedef struct {
  PinClosure *closure;
  const char *token_label;
  guint attempt;
  OA2PinFlags flags;
  char *answer;
  gboolean done;
  GMutex lock;
  GCond cond;
} PinRequest;

static void
pin_closure_free (gpointer data)
{
  PinClosure *closure = data;

  if (closure->destroy != NULL)
    closure->destroy (closure->data);
  g_clear_pointer (&closure->context, g_main_context_unref);
  g_free (closure);
}

static OA2PinFlags
pin_flags_from_crypto (OA2CryptoPinFlags flags)
{
  OA2PinFlags result = OA2_PIN_FLAGS_NONE;

  if ((flags & OA2_CRYPTO_PIN_RETRY) != 0)
    result |= OA2_PIN_FLAGS_RETRY;
  if ((flags & OA2_CRYPTO_PIN_COUNT_LOW) != 0)
    result |= OA2_PIN_FLAGS_COUNT_LOW;
  if ((flags & OA2_CRYPTO_PIN_FINAL_TRY) != 0)
    result |= OA2_PIN_FLAGS_FINAL_TRY;
  return result;
}

static gboolean
run_pin_request (gpointer data)
{
  PinRequest *request = data;
  PinClosure *closure = request->closure;
  char *answer = closure->func (request->token_label, request->attempt, request->flags, closure->data);

  g_mutex_lock (&request->lock);
  request->answer = answer;
  request->done = TRUE;
  g_cond_signal (&request->cond);
  g_mutex_unlock (&request->lock);
  return G_SOURCE_REMOVE;
}

static char *
ask_pin (const char        *token_label,
         guint              attempt,
         OA2CryptoPinFlags  flags,
         gpointer           user_data)
{
  PinClosure *closure = user_data;
  PinRequest request = { closure, token_label, attempt, pin_flags_from_crypto (flags), NULL, FALSE };
  GSource *source;

  if (closure->context == NULL || g_main_context_is_owner (closure->context))
    return closure->func (token_label, attempt, request.flags, closure->data);

  /* From the worker thread of an asynchronous open: run the callback in
   * the caller's context and wait for its answer. */
  g_mutex_init (&request.lock);
  g_cond_init (&request.cond);
  /* A source, not g_main_context_invoke(), which would run the callback
   * right here if no thread happened to be iterating the context. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, run_pin_request, &request, NULL);
  g_source_set_static_name (source, "[oa2] PIN request");
  g_source_attach (source, closure->context);
  g_source_unref (source);
  g_mutex_lock (&request.lock);
  while (!request.done)
    g_cond_wait (&request.cond, &request.lock);
  g_mutex_unlock (&request.lock);
  g_mutex_clear (&request.lock);
  g_cond_clear (&request.cond);
  return request.answer;
}

/* ES* follows from the curve (RFC 7518 §3.4), so an EC key names its alg;
 * an RSA key could be RS* or PS* with any hash, and names none. */
static const char *
alg_for_key (OA2CryptoKey *key)
{
  if (oa2_crypto_key_get_kty (key) != OA2_KTY_EC)
    return NULL;
  switch (oa2_crypto_key_get_curve (key))
    {
    case OA2_CURVE_P256: return "ES256";
    case OA2_CURVE_P384: return "ES384";
    case OA2_CURVE_P521: return "ES512";
    default: return NULL;
    }
}

static OA2Jwk *
open_key (const char  *uri,
          PinClosure  *closure,
          GError     **error)
{
  OA2CryptoKey *key;

  if (closure != NULL)
    key = oa2_crypto_key_new_from_pkcs11 (uri, ask_pin, closure, pin_closure_free, error);
  else
    key = oa2_crypto_key_new_from_pkcs11 (uri, NULL, NULL, NULL, error);
  if (key == NULL)
    return NULL;
  return oa2_jwk_new_for_crypto_key (key, alg_for_key (key));
}

static PinClosure *
pin_closure_new (OA2PinCallback func,
                 gpointer       data,
                 GDestroyNotify destroy)
{
  PinClosure *closure;

  if (func == NULL)
    {
      if (destroy != NULL)
        destroy (data);
      return NULL;
    }
  closure = g_new0 (PinClosure, 1);
  closure->func = func;
  closure->data = data;
  closure->destroy = destroy;
  return closure;
}

/**
 * oa2_jwk_new_from_pkcs11_uri:
 * @uri: a `pkcs11:` URI (RFC 7512) naming a private key, such as
 *   `pkcs11:token=My%20Card;object=client-key;type=private`
 * @pin_callback: (nullable) (scope notified) (closure pin_data) (destroy pin_destroy):
 *   gives the token's PIN when it asks, or %NULL
 * @pin_data: data for @pin_callback
 * @pin_destroy: (nullable): frees @pin_data when the key is finalized
 * @cancellable: (nullable): a #GCancellable, checked before the token is
 *   opened (a login cannot be interrupted)
 * @error: return location for a #GError
 *
 * Opens a private key held in a PKCS#11 token (a smart card, a TPM through
 * tpm2-pkcs11, SoftHSM…). The key signs wherever a private [class@OA2.Jwk]
 * does, in client assertions ([class@OA2.PrivateKeyJwt]), DPoP proofs
 * ([class@OA2.DPoPKey]) and JWT bearer assertions, but its private half
 * never leaves the token: signatures are made there, through GnuTLS. Its
 * public members and thumbprint come from the token's public key, and its
 * `kid` is that thumbprint. An EC key names its `alg` (`ES256`, `ES384`
 * or `ES512`, from its curve); an RSA key names none, so give one where
 * the key is used (`RS256`…`PS512`). EdDSA keys cannot sign in a token
 * with this version of GnuTLS, and are refused.
 *
 * The token's PIN comes from the URI's `pin-value` or `pin-source` (a file
 * holding the PIN) when it has one, else from @pin_callback; the callback
 * is kept with the key, for tokens that ask again. The library never logs
 * a PIN nor puts it in a message.
 *
 * Tokens are found through the PKCS#11 modules that p11-kit is configured
 * to load, or those given to [func@OA2.pkcs11_add_module].
 *
 * This call blocks while the token answers, which for a card that asks a
 * person for its PIN can be long;
 * [func@OA2.Jwk.new_from_pkcs11_uri_async] does not.
 *
 * Returns: (transfer full): the key, or %NULL with @error set:
 *   %OA2_ERROR_KEY_NOT_FOUND when no token holds such a private key,
 *   %OA2_ERROR_TOKEN_LOGIN_FAILED when the PIN is missing or wrong,
 *   %OA2_ERROR_INVALID_KEY when @uri is not a `pkcs11:` URI,
 *   %OA2_ERROR_UNSUPPORTED_ALGORITHM for a key that cannot sign in a token
 */
OA2Jwk *
oa2_jwk_new_from_pkcs11_uri (const char      *uri,
                             OA2PinCallback   pin_callback,
                             gpointer         pin_data,
                             GDestroyNotify   pin_destroy,
                             GCancellable    *cancellable,
                             GError         **error)
{
  PinClosure *closure;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  closure = pin_closure_new (pin_callback, pin_data, pin_destroy);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_clear_pointer (&closure, pin_closure_free);
      return NULL;
    }
  return open_key (uri, closure, error);
}

typedef struct {
  char *uri;
  PinClosure *closure;
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *open = data;

  /* The URI may hold a pin-value. */
  oa2_secret_free (open->uri);
  g_clear_pointer (&open->closure, pin_closure_free);
  g_free (open);
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpenData *open = task_data;
  PinClosure *closure = g_steal_pointer (&open->closure);
  GError *error = NULL;
  OA2Jwk *key;

  key = open_key (open->uri, closure, &error);
  /* From now on the key's PIN callback runs in whatever thread signs. */
  if (key != NULL && closure != NULL)
    g_clear_pointer (&closure->context, g_main_context_unref);
  if (key == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key, g_object_unref);
}

/**
 * oa2_jwk_new_from_pkcs11_uri_async:
 * @uri: a `pkcs11:` URI (RFC 7512) naming a private key
 * @pin_callback: (nullable) (scope notified) (closure pin_data) (destroy pin_destroy):
 *   gives the token's PIN when it asks, or %NULL; while the key opens, it
 *   runs in the thread-default main context of this call
 * @pin_data: data for @pin_callback
 * @pin_destroy: (nullable): frees @pin_data when the key is finalized
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (closure user_data): called when the key is open
 * @user_data: data for @callback
 *
 * Opens a private key held in a PKCS#11 token without blocking; see
 * [ctor@OA2.Jwk.new_from_pkcs11_uri]. The token is opened in a worker
 * thread; @callback runs in the thread-default main context of this call.
 * Cancelling returns %G_IO_ERROR_CANCELLED at once, though a login already
 * under way goes on to its end in the worker thread.
 */
void
oa2_jwk_new_from_pkcs11_uri_async (const char          *uri,
                                   OA2PinCallback       pin_callback,
                                   gpointer             pin_data,
                                   GDestroyNotify       pin_destroy,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *open;

  g_return_if_fail (uri != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_jwk_new_from_pkcs11_uri_async);
  g_task_set_name (task, "oa2_jwk_new_from_pkcs11_uri_async");
  g_task_set_return_on_cancel (task, TRUE);

  open = g_new0 (OpenData, 1);
  open->uri = g_strdup (uri);
  open->closure = pin_closure_new (pin_callback, pin_data, pin_destroy);
  if (open->closure != NULL)
    open->closure->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, open, open_data_free);
  g_task_run_in_thread (task, open_in_thread);
}

/**
 * oa2_jwk_new_from_pkcs11_uri_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@OA2.Jwk.new_from_pkcs11_uri_async].
 *
 * Returns: (transfer full): the key, or %NULL with @error set as
 *   [ctor@OA2.Jwk.new_from_pkcs11_uri] sets it, or to
 *   %G_IO_ERROR_CANCELLED
 */
OA2Jwk *
oa2_jwk_new_from_pkcs11_uri_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_jwk_new_from_pkcs11_uri_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * oa2_jwk_is_in_token:
 * @self: a key
 *
 * Tells whether the key's private half is held in a PKCS#11 token
 * ([ctor@OA2.Jwk.new_from_pkcs11_uri]). Such a key signs, but its private
 * members cannot be exported.
 *
 * Returns: %TRUE for a token-held key
 */
gboolean
oa2_jwk_is_in_token (OA2Jwk *self)
{
  g_return_val_if_fail (OA2_IS_JWK (self), FALSE);

  return oa2_crypto_key_is_in_token (oa2_jwk_get_crypto_key (self));
}

/**
 * oa2_pkcs11_add_module:
 * @path: (type filename): the file of a PKCS#11 module, such as
 *   `/usr/lib/softhsm/libsofthsm2.so`
 * @error: return location for a #GError
 *
 * Loads a PKCS#11 module for the keys opened afterwards.
 *
 * Without this call, tokens are found through the modules that p11-kit is
 * configured to load (`/usr/share/p11-kit/modules/`, and inside Flatpak
 * the host's, through p11-kit's server). When it is called before the
 * first key is opened, the modules added this way are the only ones
 * used; later, they join p11-kit's. This setting is for the whole process.
 *
 * Returns: %TRUE on success, or %FALSE with @error set to
 *   %OA2_ERROR_INVALID_ARGUMENT when the module cannot be loaded
 */
gboolean
oa2_pkcs11_add_module (const char  *path,
                       GError     **error)
{
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return oa2_crypto_pkcs11_add_module (path, error);
}
