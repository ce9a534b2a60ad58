/* oa2-client-auth-secret.c: the client secret of the methods that hold
 * one, as a key for HMAC ID tokens
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "oa2-base64url-private.h"
#include "oa2-client-auth-secret-private.h"
#include "oa2-client-secret-basic.h"
#include "oa2-client-secret-jwt.h"
#include "oa2-client-secret-post.h"
#include "oa2-json-private.h"
#include "oa2-secret-private.h"

/* The secret becomes an oct JWK, so that HMAC goes through the JOSE
 * layer's checks; the copy in the JSON is wiped. */
OA2Jwk *
oa2_client_auth_key_from_secret (const char  *secret,
                                 GError     **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(OA2SecretText) k = oa2_base64url_encode ((const guint8 *) secret, strlen (secret));
  OA2Jwk *key;

  json_object_set_string_member (object, "kty", "oct");
  json_object_set_string_member (object, "k", k);
  key = oa2_jwk_new_from_json_object (object, error);
  node = json_node_init_object (json_node_alloc (), object);
  oa2_json_wipe_strings (node);
  return key;
}

OA2Jwk *
oa2_client_auth_dup_secret_key (OA2ClientAuth  *auth,
                                GError        **error)
{
  const char *secret = NULL;

  if (auth == NULL)
    return NULL;
  if (OA2_IS_CLIENT_SECRET_JWT (auth))
    {
      OA2Jwk *key = oa2_client_secret_jwt_peek_key (auth);

      return key != NULL ? g_object_ref (key) : NULL;
    }
  if (OA2_IS_CLIENT_SECRET_POST (auth))
    secret = oa2_client_secret_post_peek_secret (auth);
  else if (OA2_IS_CLIENT_SECRET_BASIC (auth))
    secret = oa2_client_secret_basic_peek_secret (auth);
  if (secret == NULL || *secret == '\0')
    return NULL;
  return oa2_client_auth_key_from_secret (secret, error);
}
