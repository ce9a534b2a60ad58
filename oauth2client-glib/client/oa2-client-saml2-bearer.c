/* oa2-client-saml2-bearer.c: the SAML 2.0 bearer assertion grant
 * (RFC 7522 §2.1), blocking and as an _async/_finish pair
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The twin of the JWT bearer grant (oa2-client-grants.c): only the form
 * differs. The library carries the assertion; it does not parse, sign or
 * check SAML.
 */

#include "config.h"

#include "oa2-client-private.h"
#include "oa2-client-saml2-bearer.h"
#include "oa2-token-request-private.h"

/**
 * oa2_client_saml2_bearer:
 * @self: a client
 * @assertion: the SAML 2.0 assertion to present: its XML text, as the
 *   issuer made and signed it; the library base64url-encodes it
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none (a new key, with
 *   [property@OA2.Client:dpop-bound-access-tokens]); see the [DPoP
 *   page](dpop.html)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a token with the SAML 2.0 bearer assertion grant (RFC 7522 §2.1):
 * the assertion, issued by an identity provider the authorization server
 * trusts, stands for the grant. It is sent as the `assertion` parameter,
 * base64url-encoded without padding. The library does not parse, sign or
 * validate SAML: the server does. The client authenticates as well when it
 * has a [property@OA2.Client:client-auth].
 *
 * An empty @assertion fails with %OA2_ERROR_INVALID_ARGUMENT before any
 * request is sent.
 *
 * This call blocks; [method@OA2.Client.saml2_bearer_async] is its
 * asynchronous twin.
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_saml2_bearer (OA2Client           *self,
                         GBytes              *assertion,
                         const char          *scope,
                         const char * const  *resources,
                         GHashTable          *extra_params,
                         OA2DPoPKey          *dpop_key,
                         GCancellable        *cancellable,
                         GError             **error)
{
  OA2Form *form;

  g_return_val_if_fail (OA2_IS_CLIENT (self), NULL);
  g_return_val_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form = oa2_token_form_saml2_bearer (assertion, scope, resources, extra_params, error);
  if (form == NULL)
    return NULL;
  return oa2_client_send_token_request_full (self, form, NULL, dpop_key, NULL, cancellable, error);
}

/**
 * oa2_client_saml2_bearer_async:
 * @self: a client
 * @assertion: the SAML 2.0 assertion's XML text
 * @scope: (nullable): the space-separated scope to ask for
 * @resources: (nullable) (array zero-terminated=1): resource indicators
 *   (RFC 8707)
 * @extra_params: (nullable) (element-type utf8 utf8): more parameters
 * @dpop_key: (nullable) (transfer none): a DPoP key (RFC 9449) to bind the
 *   token to, or %NULL for none
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the token arrives or the request fails
 * @user_data: data for @callback
 *
 * Starts the asynchronous version of [method@OA2.Client.saml2_bearer]. The
 * assertion is encoded before this returns and the other arguments are
 * copied; @callback runs in the thread-default main context of this call.
 * Finish with [method@OA2.Client.saml2_bearer_finish].
 */
void
oa2_client_saml2_bearer_async (OA2Client           *self,
                               GBytes              *assertion,
                               const char          *scope,
                               const char * const  *resources,
                               GHashTable          *extra_params,
                               OA2DPoPKey          *dpop_key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  OA2Form *form;

  g_return_if_fail (OA2_IS_CLIENT (self));
  g_return_if_fail (dpop_key == NULL || OA2_IS_DPOP_KEY (dpop_key));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  form = oa2_token_form_saml2_bearer (assertion, scope, resources, extra_params, &error);
  oa2_client_send_token_request_full_async (self, form, g_steal_pointer (&error), NULL,
                                            oa2_client_saml2_bearer_async, G_STRFUNC,
                                            dpop_key, NULL, cancellable, callback, user_data);
}

/**
 * oa2_client_saml2_bearer_finish:
 * @self: a client
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@OA2.Client.saml2_bearer_async].
 *
 * Returns: (transfer full): the token, or %NULL with @error set
 */
OA2BearerToken *
oa2_client_saml2_bearer_finish (OA2Client     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return oa2_client_send_token_request_finish (self, result, oa2_client_saml2_bearer_async, error);
}
