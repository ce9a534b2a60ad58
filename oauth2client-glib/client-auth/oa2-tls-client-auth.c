/* oa2-tls-client-auth.c: mutual-TLS client authentication (RFC 8705)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/**
 * OA2TlsClientAuth:
 *
 * Authenticates with a client certificate in the TLS handshake (RFC 8705
 * §2): `tls_client_auth`, where the server validates the certificate
 * against its trust anchors and matches its subject to the client, or
 * `self_signed_tls_client_auth`, where the server matches the certificate
 * against the client's registered JWK Set. The request body carries only
 * `client_id`; the proof of possession is the handshake itself, so
 * nothing secret travels in the request.
 *
 * Access tokens the server issues to such a client are usually bound to
 * the certificate (RFC 8705 §3, `cnf` `x5t#S256`): a resource server
 * accepts them only over a connection that presents the same certificate.
 *
 * A [class@OA2.Client] with this authentication sends its requests to the
 * server's mTLS endpoint aliases ([property@OA2.Client:mtls-endpoint-aliases])
 * when it has them, each on a new connection that presents the certificate
 * and is closed after the response, so that no request without the
 * certificate ever shares it.
 *
 * A certificate without a private key, and a private key that does not
 * belong to the certificate, are errors at construction.
 *
 * ```c
 * g_autoptr(OA2TlsClientAuth) auth =
 *   oa2_tls_client_auth_new_from_files ("my-client", OA2_TLS_CLIENT_AUTH_METHOD_PKI,
 *                                       "client.crt", "client.key", &error);
 * g_autoptr(OA2Client) client =
 *   oa2_client_new ("https://as.example.com/token", OA2_CLIENT_AUTH (auth));
 * ```
 *
 * ```python
 * auth = OA2.TlsClientAuth.new_from_files('my-client', OA2.TlsClientAuthMethod.PKI,
 *                                         'client.crt', 'client.key')
 * client = OA2.Client.new('https://as.example.com/token', auth)
 * ```
 */

#include "config.h"

#include <string.h>

#include "oa2-crypto-x509-private.h"
#include "oa2-enum-types.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-secret-private.h"
#include "oa2-tls-client-auth.h"

struct _OA2TlsClientAuth
{
  OA2ClientAuth parent_instance;

  GTlsCertificate        *certificate;
  OA2TlsClientAuthMethod  method;
  GError                 *init_error;   /* why the certificate cannot be used */
};

static void initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OA2TlsClientAuth, oa2_tls_client_auth, OA2_TYPE_CLIENT_AUTH,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init))

enum {
  PROP_0,
  PROP_CERTIFICATE,
  PROP_METHOD,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static GHashTable *
oa2_tls_client_auth_authenticate (OA2ClientAuth       *auth,
                                  const char          *method,
                                  const char          *uri,
                                  SoupMessageHeaders  *headers,
                                  GError             **error)
{
  OA2TlsClientAuth *self = OA2_TLS_CLIENT_AUTH (auth);
  GHashTable *params;

  /* A client that could not be built must not send a request that the
   * server would answer with a less precise invalid_client. */
  if (self->init_error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->init_error));
      return NULL;
    }

  params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (params, g_strdup ("client_id"), g_strdup (oa2_client_auth_get_client_id (auth)));
  return params;
}

static const char *
oa2_tls_client_auth_get_method_name (OA2ClientAuth *auth)
{
  OA2TlsClientAuth *self = OA2_TLS_CLIENT_AUTH (auth);

  return self->method == OA2_TLS_CLIENT_AUTH_METHOD_SELF_SIGNED ? "self_signed_tls_client_auth"
                                                                : "tls_client_auth";
}

static GTlsCertificate *
oa2_tls_client_auth_get_tls_certificate (OA2ClientAuth *auth)
{
  OA2TlsClientAuth *self = OA2_TLS_CLIENT_AUTH (auth);

  return self->init_error == NULL ? self->certificate : NULL;
}

/* A certificate is only usable with its private key: without one the
 * handshake cannot prove possession, and with the wrong one it fails in
 * a way that names neither. A key in a PKCS#11 token cannot be read, so
 * only its presence is checked. */
static GError *
check_certificate (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  GByteArray *key = NULL;
  g_autofree char *key_uri = NULL;
  GError *error = NULL;

  if (certificate == NULL)
    return g_error_new_literal (OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT, _("No client certificate was given"));

  g_object_get (certificate, "certificate", &der, "private-key", &key, "private-key-pkcs11-uri", &key_uri, NULL);
  if (key == NULL && key_uri == NULL)
    return g_error_new_literal (OA2_ERROR, OA2_ERROR_INVALID_KEY,
                                _("The client certificate has no private key; give the key with the "
                                  "certificate, in the same PEM data or in a key file"));
  if (key != NULL)
    {
      if (der != NULL)
        oa2_crypto_x509_key_matches (der->data, der->len, key->data, key->len, &error);
      oa2_secret_wipe (key->data, key->len);
      g_byte_array_unref (key);
    }
  return error;
}

/* Checked in constructed(), because bindings construct with properties
 * and never call g_initable_init(); authenticate() and init() report it. */
static void
oa2_tls_client_auth_constructed (GObject *object)
{
  OA2TlsClientAuth *self = OA2_TLS_CLIENT_AUTH (object);

  G_OBJECT_CLASS (oa2_tls_client_auth_parent_class)->constructed (object);

  self->init_error = check_certificate (self->certificate);
}

static gboolean
oa2_tls_client_auth_initable_init (GInitable     *initable,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  OA2TlsClientAuth *self = OA2_TLS_CLIENT_AUTH (initable);

  if (self->init_error == NULL)
    return TRUE;
  g_propagate_error (error, g_error_copy (self->init_error));
  return FALSE;
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = oa2_tls_client_auth_initable_init;
}

static void
oa2_tls_client_auth_finalize (GObject *object)
{
  OA2TlsClientAuth *self = OA2_TLS_CLIENT_AUTH (object);

  g_clear_object (&self->certificate);
  g_clear_error (&self->init_error);

  G_OBJECT_CLASS (oa2_tls_client_auth_parent_class)->finalize (object);
}

static void
oa2_tls_client_auth_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  OA2TlsClientAuth *self = OA2_TLS_CLIENT_AUTH (object);

  switch (prop_id)
    {
    case PROP_CERTIFICATE:
      g_value_set_object (value, self->certificate);
      break;
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_tls_client_auth_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  OA2TlsClientAuth *self = OA2_TLS_CLIENT_AUTH (object);

  switch (prop_id)
    {
    case PROP_CERTIFICATE:
      self->certificate = g_value_dup_object (value);
      break;
    case PROP_METHOD:
      self->method = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
oa2_tls_client_auth_class_init (OA2TlsClientAuthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OA2ClientAuthClass *auth_class = OA2_CLIENT_AUTH_CLASS (klass);

  oa2_i18n_init ();

  object_class->constructed = oa2_tls_client_auth_constructed;
  object_class->finalize = oa2_tls_client_auth_finalize;
  object_class->get_property = oa2_tls_client_auth_get_property;
  object_class->set_property = oa2_tls_client_auth_set_property;
  auth_class->authenticate = oa2_tls_client_auth_authenticate;
  auth_class->get_method_name = oa2_tls_client_auth_get_method_name;
  auth_class->get_tls_certificate = oa2_tls_client_auth_get_tls_certificate;

  /**
   * OA2TlsClientAuth:certificate: (getter get_certificate)
   *
   * The client certificate, with its private key, presented in the TLS
   * handshake of every request. Its chain, if the server needs one, goes
   * with it ([property@Gio.TlsCertificate:issuer]).
   */
  properties[PROP_CERTIFICATE] =
    g_param_spec_object ("certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * OA2TlsClientAuth:method: (getter get_method)
   *
   * Which of the two RFC 8705 methods the client is registered for.
   */
  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL, OA2_TYPE_TLS_CLIENT_AUTH_METHOD,
                       OA2_TLS_CLIENT_AUTH_METHOD_PKI,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
oa2_tls_client_auth_init (OA2TlsClientAuth *self)
{
}

/**
 * oa2_tls_client_auth_new:
 * @client_id: the client identifier
 * @method: how the server recognizes the certificate
 * @certificate: the client certificate, with its private key
 * @error: return location for a #GError
 *
 * Creates a mutual-TLS client authentication.
 *
 * Returns: (transfer full): a new client authentication, or %NULL with
 *   @error set when @certificate has no private key
 *   (%OA2_ERROR_INVALID_KEY) or its private key does not belong to it
 *   (%OA2_ERROR_KEY_MISMATCH)
 */
OA2TlsClientAuth *
oa2_tls_client_auth_new (const char              *client_id,
                         OA2TlsClientAuthMethod   method,
                         GTlsCertificate         *certificate,
                         GError                 **error)
{
  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);
  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (OA2_TYPE_TLS_CLIENT_AUTH, NULL, error,
                         "client-id", client_id, "method", method, "certificate", certificate, NULL);
}

/**
 * oa2_tls_client_auth_new_from_files:
 * @client_id: the client identifier
 * @method: how the server recognizes the certificate
 * @certificate_file: (type filename): a PEM file with the client
 *   certificate, then any intermediate certificates
 * @key_file: (type filename) (nullable): a PEM file with the private key,
 *   or %NULL when @certificate_file holds it too
 * @error: return location for a #GError
 *
 * Creates a mutual-TLS client authentication from PEM files, as
 * g_tls_certificate_new_from_files() reads them.
 *
 * Returns: (transfer full): a new client authentication, or %NULL with
 *   @error set: a file that cannot be read keeps its `G_FILE_ERROR`, PEM
 *   data without a certificate or a key its `G_TLS_ERROR`; a private key
 *   that does not belong to the certificate is %OA2_ERROR_KEY_MISMATCH
 */
OA2TlsClientAuth *
oa2_tls_client_auth_new_from_files (const char              *client_id,
                                    OA2TlsClientAuthMethod   method,
                                    const char              *certificate_file,
                                    const char              *key_file,
                                    GError                 **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;

  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);
  g_return_val_if_fail (certificate_file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (key_file != NULL)
    certificate = g_tls_certificate_new_from_files (certificate_file, key_file, error);
  else
    certificate = g_tls_certificate_new_from_file (certificate_file, error);
  if (certificate == NULL)
    return NULL;
  return oa2_tls_client_auth_new (client_id, method, certificate, error);
}

/**
 * oa2_tls_client_auth_new_from_pem:
 * @client_id: the client identifier
 * @method: how the server recognizes the certificate
 * @pem: PEM data with the client certificate, any intermediate
 *   certificates and the private key
 * @length: the length of @pem, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Creates a mutual-TLS client authentication from PEM data, as
 * g_tls_certificate_new_from_pem() reads it.
 *
 * Returns: (transfer full): a new client authentication, or %NULL with
 *   @error set: PEM data without a certificate keeps its `G_TLS_ERROR`;
 *   data without a private key is %OA2_ERROR_INVALID_KEY, a private key
 *   that does not belong to the certificate %OA2_ERROR_KEY_MISMATCH
 */
OA2TlsClientAuth *
oa2_tls_client_auth_new_from_pem (const char              *client_id,
                                  OA2TlsClientAuthMethod   method,
                                  const char              *pem,
                                  gssize                   length,
                                  GError                 **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;

  g_return_val_if_fail (client_id != NULL && *client_id != '\0', NULL);
  g_return_val_if_fail (pem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  certificate = g_tls_certificate_new_from_pem (pem, length, error);
  if (certificate == NULL)
    return NULL;
  return oa2_tls_client_auth_new (client_id, method, certificate, error);
}

/**
 * oa2_tls_client_auth_get_certificate: (get-property certificate)
 * @self: a mutual-TLS client authentication
 *
 * Gets the client certificate.
 *
 * Returns: (transfer none) (nullable): the certificate, %NULL only if
 *   none was given at construction
 */
GTlsCertificate *
oa2_tls_client_auth_get_certificate (OA2TlsClientAuth *self)
{
  g_return_val_if_fail (OA2_IS_TLS_CLIENT_AUTH (self), NULL);

  return self->certificate;
}

/**
 * oa2_tls_client_auth_get_method: (get-property method)
 * @self: a mutual-TLS client authentication
 *
 * Gets which RFC 8705 method the client uses.
 *
 * Returns: the method
 */
OA2TlsClientAuthMethod
oa2_tls_client_auth_get_method (OA2TlsClientAuth *self)
{
  g_return_val_if_fail (OA2_IS_TLS_CLIENT_AUTH (self), OA2_TLS_CLIENT_AUTH_METHOD_PKI);

  return self->method;
}
