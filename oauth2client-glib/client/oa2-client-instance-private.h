/* oa2-client-instance-private.h: the instance data of OA2Client, for the
 * files that hold one concern of the object itself (oa2-client.c and the
 * oa2-client-*.c split off it); the endpoints and grants in files of
 * their own go through oa2-client-private.h and
 * oa2-client-endpoint-private.h instead
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-client.h"
#include "oa2-client-id-token-private.h"
#include "oa2-client-jarm-private.h"
#include "oa2-client-userinfo-private.h"

G_BEGIN_DECLS

/* RFC 9449 §5's example, and what every DPoP server supports. */
#define OA2_CLIENT_DEFAULT_DPOP_ALG "ES256"

typedef struct KeyGenerator KeyGenerator;

typedef struct
{
  char          *token_endpoint;
  char          *authorization_endpoint;
  char          *revocation_endpoint;
  char          *introspection_endpoint;
  char          *userinfo_endpoint;
  char          *pushed_authorization_request_endpoint;
  char          *device_authorization_endpoint;
  char          *backchannel_authentication_endpoint;
  char          *jwks_uri;
  char          *end_session_endpoint;
  char          *issuer;
  OA2ClientAuth *client_auth;
  SoupSession   *session;
  guint          timeout;             /* atomic */
  guint          max_response_size;   /* atomic */
  gboolean       allow_missing_token_type;   /* atomic */
  gboolean       iss_parameter_supported;    /* atomic */

  /* DPoP: the booleans are atomic, the rest is under dpop_lock. */
  gboolean             dpop_bound_access_tokens;
  gboolean             allow_dpop_downgrade;
  GMutex               dpop_lock;
  char                *dpop_alg;
  struct KeyGenerator *dpop_key_generator;

  OA2ServerMetadata   *server_metadata;   /* NULL: not discovered */

  GMutex               lock;                    /* guards what follows */
  GHashTable          *mtls_endpoint_aliases;   /* immutable once set; NULL: none */

  OA2ClientIdToken    *id_token_state;          /* oa2-client-id-token.c */
  OA2ClientUserinfo   *userinfo_state;          /* oa2-client-userinfo.c */
  OA2ClientJarm       *jarm_state;              /* oa2-client-jarm.c */
} OA2ClientPrivate;

/* The properties oa2-client.c installs; those of oa2-client-id-token.c,
 * -userinfo.c and -jarm.c follow from N_PROPS on. */
enum {
  PROP_0,
  PROP_TOKEN_ENDPOINT,
  PROP_AUTHORIZATION_ENDPOINT,
  PROP_REVOCATION_ENDPOINT,
  PROP_INTROSPECTION_ENDPOINT,
  PROP_USERINFO_ENDPOINT,
  PROP_PUSHED_AUTHORIZATION_REQUEST_ENDPOINT,
  PROP_DEVICE_AUTHORIZATION_ENDPOINT,
  PROP_BACKCHANNEL_AUTHENTICATION_ENDPOINT,
  PROP_JWKS_URI,
  PROP_END_SESSION_ENDPOINT,
  PROP_ISSUER,
  PROP_CLIENT_AUTH,
  PROP_SESSION,
  PROP_TIMEOUT,
  PROP_MAX_RESPONSE_SIZE,
  PROP_ALLOW_MISSING_TOKEN_TYPE,
  PROP_DPOP_BOUND_ACCESS_TOKENS,
  PROP_DPOP_ALG,
  PROP_ALLOW_DPOP_DOWNGRADE,
  PROP_MTLS_ENDPOINT_ALIASES,
  PROP_SERVER_METADATA,
  PROP_AUTHORIZATION_RESPONSE_ISS_PARAMETER_SUPPORTED,
  N_PROPS
};

/* The instance data of @self (G_DEFINE_TYPE_WITH_PRIVATE's accessor is
 * static to oa2-client.c). */
OA2ClientPrivate *oa2_client_get_private (OA2Client *self);

/* Stores @value in one of the client's atomically read settings and
 * notifies @prop when that changed it; each setter of such a property
 * goes through here (oa2-client.c). */
void              oa2_client_store_setting   (OA2Client *self,
                                              int       *field,
                                              int        value,
                                              guint      prop);
/* Notifies the property @prop of those above. */
void              oa2_client_notify_property (OA2Client *self,
                                              guint      prop);

/* Drops a reference to a DPoP key generator (oa2-client-dpop.c). */
void              oa2_client_key_generator_unref (KeyGenerator *generator);

/* A reference to the client's mutual-TLS endpoint aliases, or NULL when
 * it has none (oa2-client-mtls.c). */
GHashTable       *oa2_client_ref_mtls_endpoint_aliases (OA2Client *self);

/* The key of one token request: @given, or a new one when the client
 * asks for bound tokens, or none (oa2-client-dpop.c). */
gboolean          oa2_client_resolve_dpop_key (OA2Client   *self,
                                               OA2DPoPKey  *given,
                                               OA2DPoPKey **out_key,
                                               GError     **error);

/* The class's default parse_token_response and on_token_error
 * (oa2-client-token-request.c). */
OA2BearerToken   *oa2_client_real_parse_token_response (OA2Client   *self,
                                                        JsonObject  *response,
                                                        GError     **error);
GError           *oa2_client_real_on_token_error       (OA2Client  *self,
                                                        guint       http_status,
                                                        JsonObject *response);

G_END_DECLS
