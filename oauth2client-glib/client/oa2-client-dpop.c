/* oa2-client-dpop.c: OA2Client's DPoP settings (RFC 9449) and the key
 * of each token request
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Whether token requests ask for bound tokens, with which algorithm the
 * client makes keys or who makes them for it, and whether a server that
 * answers with a Bearer token is accepted. The token request path
 * (oa2-client-token-request.c) asks oa2_client_resolve_dpop_key() for
 * the key of each request.
 */

#include "config.h"

#include "oa2-client-instance-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"

/* The key generator and its data, reference-counted so that a request can
 * call it outside the lock while another thread replaces it. */
struct KeyGenerator {
  OA2DPoPKeyGenerator func;
  gpointer            user_data;
  GDestroyNotify      destroy;
};

static void
key_generator_clear (gpointer data)
{
  KeyGenerator *generator = data;

  if (generator->destroy != NULL)
    generator->destroy (generator->user_data);
}

void
oa2_client_key_generator_unref (KeyGenerator *generator)
{
  g_atomic_rc_box_release_full (generator, key_generator_clear);
}

/**
 * oa2_client_get_dpop_bound_access_tokens: (get-property dpop-bound-access-tokens)
 * @self: a client
 *
 * Gets whether every token request asks for a DPoP-bound token.
 *
 * Returns: %TRUE if it does
 */
gboolean
oa2_client_get_dpop_bound_access_tokens (OA2Client *self)
{
  OA2ClientPrivate *priv;

  g_return_val_if_fail (OA2_IS_CLIENT (self), FALSE);
  priv = oa2_client_get_private (self);
  return g_atomic_int_get (&priv->dpop_bound_access_tokens);
}

/**
 * oa2_client_set_dpop_bound_access_tokens: (set-property dpop-bound-access-tokens)
 * @self: a client
 * @bound: whether to ask for DPoP-bound tokens
 *
 * Sets [property@OA2.Client:dpop-bound-access-tokens]. Requests already
 * under way are not affected.
 */
void
oa2_client_set_dpop_bound_access_tokens (OA2Client *self,
                                         gboolean   bound)
{
  OA2ClientPrivate *priv;

  g_return_if_fail (OA2_IS_CLIENT (self));
  priv = oa2_client_get_private (self);
  oa2_client_store_setting (self, &priv->dpop_bound_access_tokens, !!bound, PROP_DPOP_BOUND_ACCESS_TOKENS);
}

/**
 * oa2_client_dup_dpop_alg: (get-property dpop-alg)
 * @self: a client
 *
 * Gets the algorithm of the DPoP keys the client generates.
 *
 * Returns: (transfer full): the algorithm, such as `ES256`
 */
char *
oa2_client_dup_dpop_alg (OA2Client *self)
{
  OA2ClientPrivate *priv;
  char *alg;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  priv = oa2_client_get_private (self);

  g_mutex_lock (&priv->dpop_lock);
  alg = g_strdup (priv->dpop_alg);
  g_mutex_unlock (&priv->dpop_lock);
  return alg;
}

/**
 * oa2_client_set_dpop_alg: (set-property dpop-alg)
 * @self: a client
 * @alg: (nullable): a JWS signature algorithm, or %NULL for `ES256`
 *
 * Sets [property@OA2.Client:dpop-alg]. It is checked when a key is
 * generated with it, at the next token request.
 */
void
oa2_client_set_dpop_alg (OA2Client  *self,
                         const char *alg)
{
  OA2ClientPrivate *priv;
  gboolean changed;

  g_return_if_fail (OA2_IS_CLIENT (self));
  priv = oa2_client_get_private (self);

  if (alg == NULL)
    alg = OA2_CLIENT_DEFAULT_DPOP_ALG;
  g_mutex_lock (&priv->dpop_lock);
  changed = g_strcmp0 (priv->dpop_alg, alg) != 0;
  if (changed)
    {
      g_free (priv->dpop_alg);
      priv->dpop_alg = g_strdup (alg);
    }
  g_mutex_unlock (&priv->dpop_lock);
  if (changed)
    oa2_client_notify_property (self, PROP_DPOP_ALG);
}

/**
 * oa2_client_get_allow_dpop_downgrade: (get-property allow-dpop-downgrade)
 * @self: a client
 *
 * Gets whether a `Bearer` answer to a DPoP token request is accepted.
 *
 * Returns: %TRUE if it is
 */
gboolean
oa2_client_get_allow_dpop_downgrade (OA2Client *self)
{
  OA2ClientPrivate *priv;

  g_return_val_if_fail (OA2_IS_CLIENT (self), FALSE);
  priv = oa2_client_get_private (self);
  return g_atomic_int_get (&priv->allow_dpop_downgrade);
}

/**
 * oa2_client_set_allow_dpop_downgrade: (set-property allow-dpop-downgrade)
 * @self: a client
 * @allow: whether to accept a `Bearer` answer to a DPoP token request
 *
 * Sets [property@OA2.Client:allow-dpop-downgrade], for a server known to
 * ignore DPoP proofs, when an unbound token is acceptable.
 */
void
oa2_client_set_allow_dpop_downgrade (OA2Client *self,
                                     gboolean   allow)
{
  OA2ClientPrivate *priv;

  g_return_if_fail (OA2_IS_CLIENT (self));
  priv = oa2_client_get_private (self);
  oa2_client_store_setting (self, &priv->allow_dpop_downgrade, !!allow, PROP_ALLOW_DPOP_DOWNGRADE);
}

/**
 * oa2_client_set_dpop_key_generator:
 * @self: a client
 * @func: (nullable) (scope notified) (closure user_data) (destroy destroy):
 *   makes the key for a token request, or %NULL for the default,
 *   [func@OA2.DPoPKey.generate]
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data when @func is replaced or the
 *   client finalized
 *
 * Sets how the client makes a DPoP key for a token request that brings
 * none while [property@OA2.Client:dpop-bound-access-tokens] is set: for
 * instance, to keep one key per application, or to use a key in a
 * hardware token. @func runs in the thread that starts the request.
 */
void
oa2_client_set_dpop_key_generator (OA2Client           *self,
                                   OA2DPoPKeyGenerator  func,
                                   gpointer             user_data,
                                   GDestroyNotify       destroy)
{
  OA2ClientPrivate *priv;
  KeyGenerator *generator = NULL;
  KeyGenerator *old;

  g_return_if_fail (OA2_IS_CLIENT (self));
  priv = oa2_client_get_private (self);

  if (func != NULL)
    {
      generator = g_atomic_rc_box_new0 (KeyGenerator);
      generator->func = func;
      generator->user_data = user_data;
      generator->destroy = destroy;
    }
  else if (destroy != NULL)
    destroy (user_data);

  g_mutex_lock (&priv->dpop_lock);
  old = priv->dpop_key_generator;
  priv->dpop_key_generator = generator;
  g_mutex_unlock (&priv->dpop_lock);
  if (old != NULL)
    oa2_client_key_generator_unref (old);
}

/* The key of one token request: the caller's, or a new one when the client
 * asks for bound tokens, or none. The generator runs outside the lock, so
 * that it may use the client. */
gboolean
oa2_client_resolve_dpop_key (OA2Client   *self,
                             OA2DPoPKey  *given,
                             OA2DPoPKey **out_key,
                             GError     **error)
{
  OA2ClientPrivate *priv = oa2_client_get_private (self);
  g_autofree char *alg = NULL;
  KeyGenerator *generator;

  *out_key = NULL;
  if (given != NULL)
    {
      *out_key = g_object_ref (given);
      return TRUE;
    }
  if (!oa2_client_get_dpop_bound_access_tokens (self))
    return TRUE;

  g_mutex_lock (&priv->dpop_lock);
  alg = g_strdup (priv->dpop_alg);
  generator = priv->dpop_key_generator != NULL ? g_atomic_rc_box_acquire (priv->dpop_key_generator) : NULL;
  g_mutex_unlock (&priv->dpop_lock);

  if (generator == NULL)
    {
      *out_key = oa2_dpop_key_generate (alg, error);
      return *out_key != NULL;
    }

  *out_key = generator->func (alg, generator->user_data);
  oa2_client_key_generator_unref (generator);
  if (*out_key == NULL)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_FAILED,
                           _("The DPoP key generator returned no key"));
      return FALSE;
    }
  return TRUE;
}
