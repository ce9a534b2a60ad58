/* oa2-crypto-pkcs11.c: signing with keys that stay in a PKCS#11 token
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * GnuTLS's abstract key API does the PKCS#11 work: gnutls_privkey_import_url()
 * finds the object (logging in when the token wants it), and
 * gnutls_privkey_sign_data2() hashes here and signs in the token, so the
 * private key never enters this process. Modules come from p11-kit's
 * configuration, as GnuTLS loads them on first use, unless the application
 * adds its own first.
 *
 * PINs: GnuTLS tries the URI's pin-value or pin-source first, then the
 * per-key PIN function below. A PIN passes through this file in a buffer
 * GnuTLS owns and in the string the application's function returns, which
 * is wiped here; it is never logged, and messages show the URI without its
 * query, where pin-value lives.
 */

#include "config.h"

#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/pkcs11.h>

#include "oa2-crypto-pkcs11-private.h"
#include "oa2-error.h"
#include "oa2-i18n-private.h"
#include "oa2-secret-private.h"

struct _OA2CryptoToken {
  gnutls_privkey_t privkey;
  /* A PKCS#11 session does one operation at a time. */
  GMutex lock;

  OA2CryptoPinFunc pin_func;
  gpointer pin_data;
  GDestroyNotify pin_destroy;
  /* SHA-256 of the last PIN the function gave, to stop at once when it
   * gives the same wrong one again instead of spending the card's tries.
   * Kept only while GnuTLS logs in: a short PIN's hash is as good as the
   * PIN. */
  guint8 last_pin_digest[32];
  gboolean have_last_pin;
};

/* Whether the application chose its modules (oa2_crypto_pkcs11_add_module)
 * and whether GnuTLS may already have loaded p11-kit's. */
static GMutex modules_lock;
static gboolean modules_chosen;
static gboolean keys_opened;

static void
forget_last_pin (OA2CryptoToken *token)
{
  oa2_secret_wipe (token->last_pin_digest, sizeof token->last_pin_digest);
  token->have_last_pin = FALSE;
}

void
oa2_crypto_token_free (OA2CryptoToken *token)
{
  if (token == NULL)
    return;
  if (token->privkey != NULL)
    gnutls_privkey_deinit (token->privkey);
  if (token->pin_destroy != NULL)
    token->pin_destroy (token->pin_data);
  forget_last_pin (token);
  g_mutex_clear (&token->lock);
  g_free (token);
}

/* GnuTLS's gnutls_pin_callback_t. It may run while the key is opened and,
 * when the token logs out or asks for a PIN per signature, while it signs. */
static int
pin_callback (void         *userdata,
              int           attempt,
              const char   *token_url,
              const char   *token_label,
              unsigned int  flags,
              char         *pin,
              size_t        pin_max)
{
  OA2CryptoToken *token = userdata;
  OA2CryptoPinFlags pin_flags = 0;
  guint8 digest[32];
  char *answer;
  gsize len;

  /* Only the user PIN: the security officer's is never asked for here. */
  if (token->pin_func == NULL || (flags & GNUTLS_PIN_SO) != 0 ||
      attempt < 0 || attempt >= OA2_CRYPTO_PIN_MAX_ATTEMPTS)
    return GNUTLS_E_PKCS11_PIN_ERROR;

  if ((flags & GNUTLS_PIN_WRONG) != 0)
    pin_flags |= OA2_CRYPTO_PIN_RETRY;
  if ((flags & GNUTLS_PIN_COUNT_LOW) != 0)
    pin_flags |= OA2_CRYPTO_PIN_COUNT_LOW;
  if ((flags & GNUTLS_PIN_FINAL_TRY) != 0)
    pin_flags |= OA2_CRYPTO_PIN_FINAL_TRY;

  answer = token->pin_func (token_label != NULL ? token_label : "", (guint) attempt, pin_flags,
                            token->pin_data);
  if (answer == NULL)
    return GNUTLS_E_PKCS11_PIN_ERROR;
  len = strlen (answer);

  oa2_crypto_digest (OA2_DIGEST_SHA256, (const guint8 *) answer, len, digest);
  if (len + 1 > pin_max ||
      ((pin_flags & OA2_CRYPTO_PIN_RETRY) != 0 && token->have_last_pin &&
       oa2_crypto_equal (digest, token->last_pin_digest, sizeof digest)))
    {
      oa2_secret_wipe (digest, sizeof digest);
      oa2_secret_free (answer);
      return GNUTLS_E_PKCS11_PIN_ERROR;
    }
  memcpy (token->last_pin_digest, digest, sizeof digest);
  token->have_last_pin = TRUE;
  oa2_secret_wipe (digest, sizeof digest);

  memcpy (pin, answer, len + 1);
  oa2_secret_free (answer);
  return 0;
}

char *
oa2_crypto_pkcs11_uri_for_display (const char *uri)
{
  g_autofree char *path = g_strndup (uri, strcspn (uri, "?"));
  g_auto(GStrv) attributes = g_strsplit (path, ";", -1);
  g_autoptr(GString) shown = g_string_new (NULL);

  for (guint i = 0; attributes[i] != NULL; i++)
    {
      /* pin-value and pin-source belong in the query; one misplaced in
       * the path is dropped too. */
      if (g_ascii_strncasecmp (attributes[i], "pin-", 4) == 0 ||
          g_ascii_strncasecmp (attributes[i], "pkcs11:pin-", 11) == 0)
        continue;
      if (shown->len > 0)
        g_string_append_c (shown, ';');
      g_string_append (shown, attributes[i]);
    }
  return g_utf8_make_valid (shown->str, shown->len);
}

/* RFC 7512 §2.3 writes pin-source as a URI ("file:/etc/pin"); GnuTLS reads
 * it as a path. The rewritten URI may hold a pin-value: the caller wipes it. */
static char *
normalize_uri (const char *uri)
{
  GString *normal = g_string_new (NULL);
  const char *query = strchr (uri, '?');
  g_auto(GStrv) parameters = NULL;

  if (query == NULL)
    {
      g_string_append (normal, uri);
      return g_string_free (normal, FALSE);
    }
  g_string_append_len (normal, uri, query - uri + 1);
  parameters = g_strsplit (query + 1, "&", -1);
  for (guint i = 0; parameters[i] != NULL; i++)
    {
      const char *value = parameters[i];

      if (i > 0)
        g_string_append_c (normal, '&');
      if (g_ascii_strncasecmp (value, "pin-source=file:", 16) == 0)
        {
          const char *path = value + 16;

          /* file:///etc/pin and file:/etc/pin both name /etc/pin. */
          if (g_str_has_prefix (path, "//"))
            path += 2;
          g_string_append (normal, "pin-source=");
          g_string_append (normal, path);
        }
      else
        g_string_append (normal, value);
      oa2_secret_wipe (parameters[i], strlen (parameters[i]));
    }
  return g_string_free (normal, FALSE);
}

static void
set_token_error (GError     **error,
                 int          ret,
                 const char  *uri)
{
  g_autofree char *shown = oa2_crypto_pkcs11_uri_for_display (uri);

  switch (ret)
    {
    case GNUTLS_E_PKCS11_PIN_ERROR:
    case GNUTLS_E_PKCS11_USER_ERROR:
      g_set_error (error, OA2_ERROR, OA2_ERROR_TOKEN_LOGIN_FAILED,
                   /* Translators: %s is a pkcs11: URI (RFC 7512) without its PIN */
                   _("Cannot log in to the token of “%s”: the PIN is missing or wrong"), shown);
      break;
    case GNUTLS_E_PKCS11_PIN_EXPIRED:
      g_set_error (error, OA2_ERROR, OA2_ERROR_TOKEN_LOGIN_FAILED,
                   /* Translators: %s is a pkcs11: URI (RFC 7512) without its PIN */
                   _("Cannot log in to the token of “%s”: its PIN has expired"), shown);
      break;
    case GNUTLS_E_PKCS11_PIN_LOCKED:
      g_set_error (error, OA2_ERROR, OA2_ERROR_TOKEN_LOGIN_FAILED,
                   /* Translators: %s is a pkcs11: URI (RFC 7512) without its PIN */
                   _("Cannot log in to the token of “%s”: its PIN is locked"), shown);
      break;
    case GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE:
    case GNUTLS_E_PKCS11_REQUESTED_OBJECT_NOT_AVAILBLE:
    case GNUTLS_E_PKCS11_SLOT_ERROR:
    case GNUTLS_E_PKCS11_TOKEN_ERROR:
      g_set_error (error, OA2_ERROR, OA2_ERROR_KEY_NOT_FOUND,
                   /* Translators: %s is a pkcs11: URI (RFC 7512) without its PIN */
                   _("No PKCS#11 token holds a private key that matches “%s”"), shown);
      break;
    case GNUTLS_E_PARSING_ERROR:
    case GNUTLS_E_INVALID_REQUEST:
      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %s is the text given as a pkcs11: URI (RFC 7512) */
                   _("“%s” is not a valid PKCS#11 URI"), shown);
      break;
    default:
      g_set_error (error, OA2_ERROR, OA2_ERROR_FAILED,
                   /* Translators: the first %s is a pkcs11: URI (RFC 7512), the second GnuTLS's explanation */
                   _("The PKCS#11 key “%s” cannot be used: %s"), shown, gnutls_strerror (ret));
      break;
    }
}

static gboolean
check_token_pk_algorithm (int          algorithm,
                          const char  *uri,
                          GError     **error)
{
  g_autofree char *shown = NULL;

  if (algorithm == GNUTLS_PK_RSA || algorithm == GNUTLS_PK_ECDSA)
    return TRUE;

  shown = oa2_crypto_pkcs11_uri_for_display (uri);
  if (algorithm == GNUTLS_PK_EDDSA_ED25519 || algorithm == GNUTLS_PK_EDDSA_ED448)
    /* GnuTLS 3.7 has no EdDSA mechanism for PKCS#11 keys; failing here is
     * clearer than failing at the first signature. */
    g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                 /* Translators: %s is a pkcs11: URI (RFC 7512) without its PIN */
                 _("The key “%s” is an EdDSA key; GnuTLS cannot sign with EdDSA keys held in a PKCS#11 token, use an RSA or EC key"),
                 shown);
  else
    g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                 /* Translators: the first %s is a pkcs11: URI (RFC 7512), the second a key type such as "DSA" */
                 _("The key “%s” is of type %s; only RSA and EC keys in a token can sign"),
                 shown, algorithm > 0 && gnutls_pk_algorithm_get_name (algorithm) != NULL
                          ? gnutls_pk_algorithm_get_name (algorithm) : "?");
  return FALSE;
}

OA2CryptoKey *
oa2_crypto_key_new_from_pkcs11 (const char        *uri,
                                OA2CryptoPinFunc   pin_func,
                                gpointer           pin_data,
                                GDestroyNotify     pin_destroy,
                                GError           **error)
{
  OA2CryptoToken *token;
  g_autoptr(OA2CryptoKey) key = NULL;
  gnutls_pubkey_t pubkey = NULL;
  char *normal_uri;
  int ret;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  token = g_new0 (OA2CryptoToken, 1);
  g_mutex_init (&token->lock);
  token->pin_func = pin_func;
  token->pin_data = pin_data;
  token->pin_destroy = pin_destroy;

  /* GnuTLS also opens tpmkey: and system: URLs; this opens tokens only. */
  if (g_ascii_strncasecmp (uri, "pkcs11:", 7) != 0)
    {
      g_autofree char *shown = oa2_crypto_pkcs11_uri_for_display (uri);

      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: %s is the text given as a pkcs11: URI (RFC 7512) */
                   _("“%s” is not a PKCS#11 URI: it must begin with “pkcs11:”"), shown);
      oa2_crypto_token_free (token);
      return NULL;
    }

  g_mutex_lock (&modules_lock);
  keys_opened = TRUE;
  g_mutex_unlock (&modules_lock);

  ret = gnutls_privkey_init (&token->privkey);
  if (ret >= 0)
    {
      gnutls_privkey_set_pin_function (token->privkey, pin_callback, token);
      normal_uri = normalize_uri (uri);
      ret = gnutls_privkey_import_url (token->privkey, normal_uri, 0);
      oa2_secret_free (normal_uri);
      forget_last_pin (token);
    }
  if (ret < 0)
    {
      set_token_error (error, ret, uri);
      oa2_crypto_token_free (token);
      return NULL;
    }

  if (!check_token_pk_algorithm (gnutls_privkey_get_pk_algorithm (token->privkey, NULL), uri, error))
    {
      oa2_crypto_token_free (token);
      return NULL;
    }

  /* The public half comes from the token (the private key object's public
   * attributes, or its public key object), never from the private key. */
  ret = gnutls_pubkey_init (&pubkey);
  if (ret >= 0)
    ret = gnutls_pubkey_import_privkey (pubkey, token->privkey, 0, 0);
  if (ret < 0)
    {
      g_autofree char *shown = oa2_crypto_pkcs11_uri_for_display (uri);

      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_KEY,
                   /* Translators: the first %s is a pkcs11: URI (RFC 7512), the second GnuTLS's explanation */
                   _("Cannot read the public key of “%s” from its token: %s"), shown, gnutls_strerror (ret));
      gnutls_pubkey_deinit (pubkey);
      oa2_crypto_token_free (token);
      return NULL;
    }
  key = oa2_crypto_key_new_from_gnutls_pubkey (pubkey, error);
  gnutls_pubkey_deinit (pubkey);
  if (key == NULL)
    {
      oa2_crypto_token_free (token);
      return NULL;
    }

  oa2_crypto_key_set_token (key, token);
  return g_steal_pointer (&key);
}

gboolean
oa2_crypto_pkcs11_add_module (const char  *path,
                              GError     **error)
{
  int ret = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&modules_lock);
  /* Before anything loaded p11-kit's modules, ask GnuTLS for manual mode,
   * so that the modules added are the only ones. */
  if (!modules_chosen && !keys_opened)
    ret = gnutls_pkcs11_init (GNUTLS_PKCS11_FLAG_MANUAL, NULL);
  if (ret >= 0)
    ret = gnutls_pkcs11_add_provider (path, NULL);
  if (ret >= 0)
    modules_chosen = TRUE;
  g_mutex_unlock (&modules_lock);

  if (ret < 0)
    {
      g_autofree char *shown = g_filename_display_name (path);

      g_set_error (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                   /* Translators: the first %s is a file name, the second GnuTLS's explanation */
                   _("Cannot load the PKCS#11 module “%s”: %s"), shown, gnutls_strerror (ret));
      return FALSE;
    }
  return TRUE;
}

static gnutls_sign_algorithm_t
token_sign_algorithm (OA2SigAlg alg)
{
  switch (alg)
    {
    case OA2_SIG_RS256: return GNUTLS_SIGN_RSA_SHA256;
    case OA2_SIG_RS384: return GNUTLS_SIGN_RSA_SHA384;
    case OA2_SIG_RS512: return GNUTLS_SIGN_RSA_SHA512;
    /* PSS over a plain RSA key, salt as long as the hash (RFC 7518 §3.5),
     * which is what GnuTLS uses. */
    case OA2_SIG_PS256: return GNUTLS_SIGN_RSA_PSS_SHA256;
    case OA2_SIG_PS384: return GNUTLS_SIGN_RSA_PSS_SHA384;
    case OA2_SIG_PS512: return GNUTLS_SIGN_RSA_PSS_SHA512;
    case OA2_SIG_ES256: return GNUTLS_SIGN_ECDSA_SHA256;
    case OA2_SIG_ES384: return GNUTLS_SIGN_ECDSA_SHA384;
    case OA2_SIG_ES512: return GNUTLS_SIGN_ECDSA_SHA512;
    default: return GNUTLS_SIGN_UNKNOWN;
    }
}

/* Left-pads or trims leading zeros of @datum to exactly @size bytes, then
 * frees it; NULL if it does not fit. */
static GBytes *
fixed_size (gnutls_datum_t *datum,
            gsize           size)
{
  const guint8 *data = datum->data;
  gsize len = datum->size;
  GBytes *bytes = NULL;

  while (len > size && *data == 0)
    {
      data++;
      len--;
    }
  if (len <= size)
    {
      guint8 *buffer = g_malloc0 (MAX (size, 1));

      if (len > 0)
        memcpy (buffer + size - len, data, len);
      bytes = g_bytes_new_take (buffer, size);
    }
  gnutls_free (datum->data);
  datum->data = NULL;
  datum->size = 0;
  return bytes;
}

GBytes *
oa2_crypto_token_sign (OA2CryptoKey  *key,
                       OA2SigAlg      alg,
                       const guint8  *data,
                       gsize          len,
                       GError       **error)
{
  OA2CryptoToken *token = oa2_crypto_key_get_token (key);
  gnutls_sign_algorithm_t sign_algorithm = token_sign_algorithm (alg);
  gnutls_datum_t input = { (unsigned char *) data, (unsigned int) len };
  gnutls_datum_t signature = { NULL, 0 };
  gsize size = (oa2_crypto_key_get_bits (key) + 7) / 8;
  GBytes *result;
  int ret;

  g_return_val_if_fail (token != NULL, NULL);

  /* GnuTLS takes the input's length as an unsigned int. */
  if (len > G_MAXUINT)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_INVALID_ARGUMENT,
                           _("The data to sign in the PKCS#11 token is too long"));
      return NULL;
    }
  if (sign_algorithm == GNUTLS_SIGN_UNKNOWN)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_UNSUPPORTED_ALGORITHM,
                   /* Translators: %s is a JWS algorithm such as "EdDSA" */
                   _("A key held in a PKCS#11 token cannot sign with %s"), oa2_sig_alg_to_string (alg));
      return NULL;
    }

  g_mutex_lock (&token->lock);
  ret = gnutls_privkey_sign_data2 (token->privkey, sign_algorithm, 0, &input, &signature);
  forget_last_pin (token);
  g_mutex_unlock (&token->lock);

  if (ret == GNUTLS_E_PKCS11_PIN_ERROR || ret == GNUTLS_E_PKCS11_USER_ERROR ||
      ret == GNUTLS_E_PKCS11_PIN_EXPIRED || ret == GNUTLS_E_PKCS11_PIN_LOCKED)
    {
      g_set_error_literal (error, OA2_ERROR, OA2_ERROR_TOKEN_LOGIN_FAILED,
                           _("The PKCS#11 token asked for its PIN again, and did not get a right one"));
      return NULL;
    }
  if (ret < 0)
    {
      g_set_error (error, OA2_ERROR, OA2_ERROR_FAILED,
                   /* Translators: the first %s is a JWS algorithm such as "ES256", the second GnuTLS's explanation */
                   _("The PKCS#11 token could not sign with %s: %s"), oa2_sig_alg_to_string (alg),
                   gnutls_strerror (ret));
      return NULL;
    }

  if (alg == OA2_SIG_ES256 || alg == OA2_SIG_ES384 || alg == OA2_SIG_ES512)
    {
      /* GnuTLS gives ECDSA signatures in DER; JOSE wants r‖s, each at the
       * curve's size (RFC 7518 §3.4). */
      gnutls_datum_t r = { NULL, 0 }, s = { NULL, 0 };
      g_autoptr(GBytes) rb = NULL, sb = NULL;

      ret = gnutls_decode_rs_value (&signature, &r, &s);
      gnutls_free (signature.data);
      if (ret >= 0)
        {
          rb = fixed_size (&r, size);
          sb = fixed_size (&s, size);
        }
      if (rb == NULL || sb == NULL)
        {
          gnutls_free (r.data);
          gnutls_free (s.data);
          g_set_error_literal (error, OA2_ERROR, OA2_ERROR_FAILED,
                               _("The PKCS#11 token gave a malformed ECDSA signature"));
          return NULL;
        }
      {
        guint8 *joined = g_malloc (2 * size);

        memcpy (joined, g_bytes_get_data (rb, NULL), size);
        memcpy (joined + size, g_bytes_get_data (sb, NULL), size);
        return g_bytes_new_take (joined, 2 * size);
      }
    }

  /* RSA: exactly the modulus size (RFC 8017 §8.2.1). */
  result = fixed_size (&signature, size);
  if (result == NULL)
    g_set_error_literal (error, OA2_ERROR, OA2_ERROR_FAILED,
                         _("The PKCS#11 token gave an RSA signature longer than its modulus"));
  return result;
}
