/* oa2-dpop-nonces-private.h: the DPoP nonces servers asked for (RFC 9449 §8, §9)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The latest DPoP-Nonce each origin sent, shared by whatever talks to that
 * origin through one SoupSession: the token endpoint path of OA2Client and
 * the DPoP tokens it issues. Thread-safe. */
typedef struct _OA2DPoPNonces OA2DPoPNonces;

OA2DPoPNonces *oa2_dpop_nonces_new          (void);
OA2DPoPNonces *oa2_dpop_nonces_ref          (OA2DPoPNonces      *self);
void           oa2_dpop_nonces_unref        (OA2DPoPNonces      *self);
OA2DPoPNonces *oa2_dpop_nonces_for_session  (SoupSession        *session);

char          *oa2_dpop_nonces_dup          (OA2DPoPNonces      *self,
                                             GUri               *uri);
gboolean       oa2_dpop_nonces_remember     (OA2DPoPNonces      *self,
                                             GUri               *uri,
                                             SoupMessageHeaders *response_headers);

gboolean       oa2_dpop_nonce_is_valid      (const char         *nonce);
gboolean       oa2_dpop_challenge_wants_nonce (const char       *www_authenticate);
char          *oa2_www_authenticate_dup_param (const char       *www_authenticate,
                                               const char       *scheme,
                                               const char       *param);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OA2DPoPNonces, oa2_dpop_nonces_unref)

G_END_DECLS
