/* oa2-client-assertion-private.h: what client_secret_jwt and
 * private_key_jwt share (RFC 7523 §2.2 and §3, OpenID Connect Core §9)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-client-auth.h"
#include "oa2-jwk.h"

G_BEGIN_DECLS

#define OA2_CLIENT_ASSERTION_TYPE "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
#define OA2_CLIENT_ASSERTION_DEFAULT_LIFETIME 60

/* The settings of one assertion-based authentication; both classes hold
 * one and expose it through the same properties. */
typedef struct {
  OA2Jwk   *key;
  char     *alg;        /* as given; the key's own when NULL */
  char    **audience;   /* NULL: the issuer, else the endpoint */
  guint     lifetime;   /* seconds from iat to exp */
  gboolean  not_before; /* whether to send nbf = iat */
  GError   *init_error; /* why the settings cannot sign, checked once */
} OA2ClientAssertion;

enum {
  OA2_CLIENT_ASSERTION_PROP_ALG = 1,
  OA2_CLIENT_ASSERTION_PROP_AUDIENCE,
  OA2_CLIENT_ASSERTION_PROP_LIFETIME,
  OA2_CLIENT_ASSERTION_PROP_NOT_BEFORE,
  OA2_CLIENT_ASSERTION_N_PROPS
};

void        oa2_client_assertion_install_properties (GObjectClass        *object_class);
gboolean    oa2_client_assertion_set_property       (OA2ClientAssertion  *self,
                                                     guint                prop_id,
                                                     const GValue        *value);
gboolean    oa2_client_assertion_get_property       (OA2ClientAssertion  *self,
                                                     guint                prop_id,
                                                     GValue              *value);
/* Registers @self as @auth's assertion settings, for
 * oa2_client_auth_authenticate_for_issuer(). */
void        oa2_client_assertion_attach             (OA2ClientAssertion  *self,
                                                     OA2ClientAuth       *auth);
/* Checks once, at construction, that the key can sign with the algorithm;
 * @asymmetric says whether the key must be a key pair. */
void        oa2_client_assertion_check              (OA2ClientAssertion  *self,
                                                     gboolean             asymmetric);
const char *oa2_client_assertion_get_alg            (OA2ClientAssertion  *self);
void        oa2_client_assertion_clear              (OA2ClientAssertion  *self);

/* The form parameters of one attempt: client_id, client_assertion_type and
 * a freshly signed client_assertion whose audience is the configured one,
 * else @default_audience. */
GHashTable *oa2_client_assertion_params             (OA2ClientAssertion  *self,
                                                     const char          *client_id,
                                                     const char          *default_audience,
                                                     GError             **error);

/* Signs a JWT with iss, sub, aud (a string for one audience, else an
 * array), a fresh jti, iat = now, exp = iat + @lifetime, nbf = iat when
 * @not_before, and the members of @extra_claims, which cannot name those
 * (OA2_ERROR_INVALID_ARGUMENT); the header holds alg and the key's kid.
 * The one claim builder of client assertions (RFC 7523 §2.2) and JWT
 * bearer grants (§2.1). */
char       *oa2_client_assertion_sign               (OA2Jwk              *key,
                                                     const char          *alg,
                                                     const char          *issuer,
                                                     const char          *subject,
                                                     const char * const  *audience,
                                                     guint                lifetime,
                                                     gboolean             not_before,
                                                     JsonObject          *extra_claims,
                                                     GError             **error);

/* The client's credentials for one attempt; an assertion's default
 * audience is @issuer when known, else @uri. */
GHashTable *oa2_client_auth_authenticate_for_issuer (OA2ClientAuth       *auth,
                                                     const char          *method,
                                                     const char          *uri,
                                                     const char          *issuer,
                                                     SoupMessageHeaders  *headers,
                                                     GError             **error);

typedef char *(*OA2JtiFunc) (void);
char       *oa2_client_assertion_new_jti               (void);
void        _oa2_client_assertion_set_jti_func_for_testing (OA2JtiFunc func);

G_END_DECLS
