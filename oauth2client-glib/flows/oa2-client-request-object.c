/* oa2-client-request-object.c: request objects (JAR, RFC 9101) encrypted
 * to a key from the server's set
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "oa2-client-endpoint-private.h"
#include "oa2-client-id-token-private.h"
#include "oa2-client-private.h"
#include "oa2-client-request-object.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-jwks-check-private.h"
#include "oa2-server-metadata.h"

/* Request objects encrypted to the server (RFC 9101 §6.1). */

typedef struct {
  OA2AuthorizationRequest *request;
  char                    *alg;
  char                    *enc;
  char                   **algs;   /* the candidates */
  OA2Jwks                 *server_jwks;
  char                    *jwks_uri;
  OA2TransportConfig       config;
} Encryption;

static void
encryption_free (gpointer data)
{
  Encryption *e = data;

  g_clear_object (&e->request);
  g_free (e->alg);
  g_free (e->enc);
  g_strfreev (e->algs);
  g_clear_object (&e->server_jwks);
  g_free (e->jwks_uri);
  g_clear_object (&e->config.session);
  g_free (e);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Encryption, encryption_free)

static Encryption *
encryption_new (OA2Client                *self,
                OA2AuthorizationRequest  *request,
                const char               *alg,
                const char               *enc,
                GError                  **error)
{
  g_autoptr(Encryption) e = g_new0 (Encryption, 1);
  OA2ServerMetadata *metadata = oa2_client_get_server_metadata (self);
  const char * const *supported = NULL;
  const char * const *supported_encs = NULL;

  if (oa2_authorization_request_get_request_object_alg (request) == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("Only a signed request object is encrypted: set the request-object key first"));
      return NULL;
    }
  e->request = g_object_ref (request);
  if (metadata != NULL)
    {
      supported = oa2_server_metadata_get_request_object_encryption_alg_values_supported (metadata);
      supported_encs = oa2_server_metadata_get_request_object_encryption_enc_values_supported (metadata);
    }
  /* The algorithm asked for, else those the server lists, in its order,
   * else whatever suits the key. The content encryption: the one asked
   * for, else the server's first, else the default. */
  if (alg != NULL)
    e->algs = g_strdupv ((char *[]) { (char *) alg, NULL });
  else if (supported != NULL && supported[0] != NULL)
    e->algs = g_strdupv ((char **) supported);
  else
    e->algs = g_new0 (char *, 1);
  e->enc = g_strdup (enc != NULL ? enc : supported_encs != NULL ? supported_encs[0] : NULL);
  e->server_jwks = oa2_client_dup_server_jwks (self);
  e->jwks_uri = g_strdup (oa2_client_get_jwks_uri (self));
  e->config = oa2_client_get_transport_config (self);
  if (e->config.session != NULL)
    g_object_ref (e->config.session);
  if (e->jwks_uri == NULL && e->server_jwks == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("Encrypting a request object needs the server’s keys or JWKS URI"));
      return NULL;
    }
  return g_steal_pointer (&e);
}

/* Picks the first key meant for encryption that takes one of the
 * candidate algorithms. Returns @e itself on success, as a result for
 * oa2_jwks_cache_check(); NULL with %OA2_ERROR_NO_MATCHING_KEY when
 * the set has none, which fetches the set once more. */
static gpointer
choose_key (OA2Jwks  *jwks,
            gpointer  data,
            GError  **error)
{
  Encryption *e = data;
  guint n = jwks != NULL ? oa2_jwks_get_n_keys (jwks) : 0;

  for (guint i = 0; i < n; i++)
    {
      OA2Jwk *key = oa2_jwks_get_key (jwks, i);

      if (g_strcmp0 (oa2_jwk_get_use (key), "sig") == 0 || g_strcmp0 (oa2_jwk_get_kty (key), "oct") == 0)
        continue;
      if (e->algs[0] == NULL)
        {
          if (oa2_authorization_request_set_request_object_encryption (e->request, key, NULL, e->enc, NULL))
            return e;
          continue;
        }
      for (guint a = 0; e->algs[a] != NULL; a++)
        if (oa2_authorization_request_set_request_object_encryption (e->request, key, e->algs[a], e->enc, NULL))
          return e;
    }
  g_set_error_literal (error, OA2_ERROR, OA2_ERROR_NO_MATCHING_KEY,
                       _("The server has no encryption key for request objects that the client can use"));
  return NULL;
}

/**
 * oa2_client_encrypt_request_object:
 * @self: a client with [property@OA2.Client:jwks-uri] or
 *   [property@OA2.Client:server-jwks]
 * @request: a request with a request-object key
 *   ([method@OA2.AuthorizationRequest.set_request_object_key])
 * @alg: (nullable): the JWE key management algorithm, or %NULL for the
 *   first of the server's `request_object_encryption_alg_values_supported`
 *   that one of its keys takes (or what suits the key)
 * @enc: (nullable): the JWE content encryption, or %NULL for the first of
 *   `request_object_encryption_enc_values_supported` (or `A128CBC-HS256`)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Makes @request's request objects encrypted to the server: picks an
 * encryption key (not `use` `sig`) from the server's key set (fetched
 * and cached like the ID-token keys) and calls
 * [method@OA2.AuthorizationRequest.set_request_object_encryption] with it.
 *
 * This call blocks when it fetches the server's keys;
 * [method@OA2.Client.encrypt_request_object_async] is its asynchronous
 * twin.
 *
 * Returns: %TRUE, or %FALSE with @error set: %OA2_ERROR_INVALID_ARGUMENT
 *   (no request-object key; no server keys), %OA2_ERROR_NO_MATCHING_KEY
 *   when the server has no usable encryption key, or the errors of
 *   fetching the keys
 */
gboolean
oa2_client_encrypt_request_object (OA2Client                *self,
                                   OA2AuthorizationRequest  *request,
                                   const char               *alg,
                                   const char               *enc,
                                   GCancellable             *cancellable,
                                   GError                  **error)
{
  g_autoptr(Encryption) e = NULL;

  g_return_val_if_fail (OA2_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (OA2_IS_AUTHORIZATION_REQUEST (request), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  e = encryption_new (self, request, alg, enc, error);
  if (e == NULL)
    return FALSE;
  if (e->jwks_uri == NULL)
    return choose_key (e->server_jwks, e, error) != NULL;
  return oa2_jwks_cache_check (oa2_client_id_token_get_jwks_cache (self), e->jwks_uri, &e->config,
                               choose_key, e, cancellable, error) != NULL;
}

static void
on_key_chosen (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (oa2_jwks_cache_check_finish (result, &error) == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * oa2_client_encrypt_request_object_async:
 * @self: a client
 * @request: a request with a request-object key
 * @alg: (nullable): the JWE key management algorithm, or %NULL
 * @enc: (nullable): the JWE content encryption, or %NULL
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the key is chosen
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of
 * [method@OA2.Client.encrypt_request_object]. Finish with
 * [method@OA2.Client.encrypt_request_object_finish].
 */
void
oa2_client_encrypt_request_object_async (OA2Client                *self,
                                         OA2AuthorizationRequest  *request,
                                         const char               *alg,
                                         const char               *enc,
                                         GCancellable             *cancellable,
                                         GAsyncReadyCallback       callback,
                                         gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Encryption *e;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (OA2_IS_AUTHORIZATION_REQUEST (request));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, oa2_client_encrypt_request_object_async);
  e = encryption_new (self, request, alg, enc, &error);
  if (e == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, e, encryption_free);
  if (e->jwks_uri == NULL)
    {
      if (choose_key (e->server_jwks, e, &error) == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      return;
    }
  /* The result is e itself, owned by the task: nothing to free. */
  oa2_jwks_cache_check_async (oa2_client_id_token_get_jwks_cache (self), e->jwks_uri, &e->config, choose_key, e,
                              NULL, cancellable, on_key_chosen, g_steal_pointer (&task));
}

/**
 * oa2_client_encrypt_request_object_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.encrypt_request_object_async].
 *
 * Returns: %TRUE, or %FALSE with @error set
 */
gboolean
oa2_client_encrypt_request_object_finish (OA2Client     *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (OA2_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == oa2_client_encrypt_request_object_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
