/* oauth2client-glib.h: the one header applications include
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#define __OA2_INSIDE__

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "oa2-version.h"
#include "oa2-version-macros.h"
#include "oa2-version-info.h"
#include "oa2-types.h"
#include "oa2-enum-types.h"
#include "oa2-error.h"
#include "oa2-bearer-token.h"
#include "oa2-bearer-token-compact.h"
#include "oa2-client-auth.h"
#include "oa2-client-secret-basic.h"
#include "oa2-client-secret-jwt.h"
#include "oa2-client-secret-post.h"
#include "oa2-jwt-bearer.h"
#include "oa2-private-key-jwt.h"
#include "oa2-public-app.h"
#include "oa2-tls-client-auth.h"
#include "oa2-dpop-key.h"
#include "oa2-dpop-key-compact.h"
#include "oa2-jwk.h"
#include "oa2-jwks.h"
#include "oa2-jwt.h"
#include "oa2-jwe.h"
#include "oa2-pkcs11.h"
#include "oa2-token-store.h"
#include "oa2-memory-token-store.h"
#include "oa2-file-token-store.h"
#include "oa2-secret-token-store.h"
#include "oa2-server-metadata.h"
#include "oa2-id-token.h"
#include "oa2-client.h"
#include "oa2-client-discovery.h"
#include "oa2-authorization-response.h"
#include "oa2-authorization-request.h"
#include "oa2-client-authorization.h"
#include "oa2-client-revocation.h"
#include "oa2-token-exchange-request.h"
#include "oa2-client-token-exchange.h"
#include "oa2-device-authorization-response.h"
#include "oa2-client-device.h"
#include "oa2-client-saml2-bearer.h"
#include "oa2-token-poller.h"
#include "oa2-backchannel-authentication-request.h"
#include "oa2-backchannel-authentication-response.h"
#include "oa2-client-ciba.h"
#include "oa2-token-poller-backchannel.h"
#include "oa2-introspection-response.h"
#include "oa2-client-introspection.h"
#include "oa2-client-id-token.h"
#include "oa2-client-userinfo.h"
#include "oa2-client-jarm.h"
#include "oa2-client-request-object.h"
#include "oa2-dpop-token.h"
#include "oa2-loopback-receiver.h"
#include "oa2-desktop-sign-in.h"
#include "oa2-auth.h"
#include "oa2-access-token-auth.h"
#include "oa2-client-credentials-auth.h"
#include "oa2-authorization-code-auth.h"
#include "oa2-device-code-auth.h"
#include "oa2-token-exchange-auth.h"
#include "oa2-api-response.h"
#include "oa2-api-client.h"
#include "oa2-soup-auth.h"
#include "oa2-auth0.h"
#include "oa2-entra-id.h"
#include "oa2-keycloak.h"
#include "oa2-ping-federate.h"

#include "oa2-token-store-auth.h"

#undef __OA2_INSIDE__
