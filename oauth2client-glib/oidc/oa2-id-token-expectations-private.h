/* oa2-id-token-expectations-private.h: what the request that led to a token
 * response lets the client expect of the ID token in it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a token request knows beyond the client's own settings (issuer,
 * client_id, algorithms), for OIDC Core §3.1.3.7. A grant with nothing to
 * expect passes NULL; a caller that has something fills one of these
 * after OA2_ID_TOKEN_EXPECTATIONS_INIT, so that members appended later
 * keep their "nothing expected" value in callers written before them.
 * The strings are borrowed for the duration of the call that takes the
 * struct; asynchronous calls copy them. */
typedef struct {
  /* The nonce of the authorization request, or NULL when it sent none:
   * the ID token must then carry exactly this nonce (§3.1.3.7 item 11). */
  const char *nonce;
  /* The max_age of the authorization request in seconds, or -1 when it
   * sent none: auth_time is then required, and must not be older than
   * max_age (item 13). */
  gint64      max_age;
  /* The authorization code being exchanged, or NULL: when the ID token
   * carries c_hash, it must be the hash of this code (§3.3.2.11). */
  const char *code;
  /* Whether the response must carry an ID token: an authorization
   * request with the openid scope (OIDC Core §3.1.3.3). */
  gboolean    id_token_required;
  /* The ID token of the token being refreshed (compact), or NULL: a new
   * ID token must then keep its iss, sub, aud and auth_time (§12.2). */
  const char *previous_id_token;
} OA2IdTokenExpectations;

#define OA2_ID_TOKEN_EXPECTATIONS_INIT \
  { .nonce = NULL, .max_age = -1, .code = NULL, .id_token_required = FALSE, .previous_id_token = NULL }

G_END_DECLS
