/* oa2-tls-client-auth.h: mutual-TLS client authentication (RFC 8705)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "oa2-client-auth.h"

G_BEGIN_DECLS

/**
 * OA2TlsClientAuthMethod:
 * @OA2_TLS_CLIENT_AUTH_METHOD_PKI: `tls_client_auth` (RFC 8705 §2.1): the
 *   server validates the certificate chain against its trust anchors and
 *   matches a registered subject (DN, SAN) to the client
 * @OA2_TLS_CLIENT_AUTH_METHOD_SELF_SIGNED: `self_signed_tls_client_auth`
 *   (RFC 8705 §2.2): the server matches the certificate itself against
 *   the client's registered JWK Set (`jwks` or `jwks_uri`)
 *
 * How the server recognizes the client's certificate.
 */
typedef enum /*< underscore_name=oa2_tls_client_auth_method >*/ {
  OA2_TLS_CLIENT_AUTH_METHOD_PKI,
  OA2_TLS_CLIENT_AUTH_METHOD_SELF_SIGNED,
} OA2TlsClientAuthMethod;

#define OA2_TYPE_TLS_CLIENT_AUTH (oa2_tls_client_auth_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2TlsClientAuth, oa2_tls_client_auth, OA2, TLS_CLIENT_AUTH, OA2ClientAuth)

/**
 * OA2TlsClientAuthClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.TlsClientAuth]. The type is final: it has nothing
 * to override.
 */

OA2_AVAILABLE_IN_ALL
OA2TlsClientAuth       *oa2_tls_client_auth_new            (const char              *client_id,
                                                            OA2TlsClientAuthMethod   method,
                                                            GTlsCertificate         *certificate,
                                                            GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2TlsClientAuth       *oa2_tls_client_auth_new_from_files (const char              *client_id,
                                                            OA2TlsClientAuthMethod   method,
                                                            const char              *certificate_file,
                                                            const char              *key_file,
                                                            GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
OA2TlsClientAuth       *oa2_tls_client_auth_new_from_pem   (const char              *client_id,
                                                            OA2TlsClientAuthMethod   method,
                                                            const char              *pem,
                                                            gssize                   length,
                                                            GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
GTlsCertificate        *oa2_tls_client_auth_get_certificate (OA2TlsClientAuth       *self);
OA2_AVAILABLE_IN_ALL
OA2TlsClientAuthMethod  oa2_tls_client_auth_get_method     (OA2TlsClientAuth        *self);

G_END_DECLS
