/* oa2-client-auth.h: how a client proves its identity to the server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <libsoup/soup.h>

#include "oa2-types.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_CLIENT_AUTH (oa2_client_auth_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (OA2ClientAuth, oa2_client_auth, OA2, CLIENT_AUTH, GObject)

/**
 * OA2ClientAuthClass:
 * @parent_class: the parent class
 * @authenticate: adds the client's credentials to one request; see
 *   [method@OA2.ClientAuth.authenticate]
 * @get_method_name: returns the method's registered name; see
 *   [method@OA2.ClientAuth.get_method_name]
 * @get_tls_certificate: returns the client certificate to present in the
 *   TLS handshake, if any; see [method@OA2.ClientAuth.get_tls_certificate]
 *
 * The class of [class@OA2.ClientAuth]. Implementations override
 * `authenticate` and `get_method_name`; methods that authenticate with
 * mutual TLS also override `get_tls_certificate`.
 */
struct _OA2ClientAuthClass
{
  GObjectClass parent_class;

  GHashTable * (*authenticate)    (OA2ClientAuth       *self,
                                   const char          *method,
                                   const char          *uri,
                                   SoupMessageHeaders  *headers,
                                   GError             **error);
  const char * (*get_method_name) (OA2ClientAuth       *self);
  GTlsCertificate *
               (*get_tls_certificate) (OA2ClientAuth *self);

  /*< private >*/
  gpointer padding[7];
};

OA2_AVAILABLE_IN_ALL
const char *oa2_client_auth_get_client_id   (OA2ClientAuth       *self);
OA2_AVAILABLE_IN_ALL
const char *oa2_client_auth_get_method_name (OA2ClientAuth       *self);
OA2_AVAILABLE_IN_ALL
GTlsCertificate *oa2_client_auth_get_tls_certificate (OA2ClientAuth *self);
OA2_AVAILABLE_IN_ALL
GHashTable *oa2_client_auth_authenticate    (OA2ClientAuth       *self,
                                             const char          *method,
                                             const char          *uri,
                                             SoupMessageHeaders  *headers,
                                             GError             **error);

G_END_DECLS
