/* oa2-soup-auth.h: OAuth tokens through libsoup's own authentication
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <libsoup/soup.h>

#include "oa2-auth.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

#define OA2_TYPE_SOUP_AUTH_BEARER (oa2_soup_auth_bearer_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_DERIVABLE_TYPE (OA2SoupAuthBearer, oa2_soup_auth_bearer, OA2, SOUP_AUTH_BEARER, SoupAuth)

/**
 * OA2SoupAuthBearerClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.SoupAuthBearer].
 */
struct _OA2SoupAuthBearerClass
{
  SoupAuthClass parent_class;

  /*< private >*/
  gpointer padding[4];
};

#define OA2_TYPE_SOUP_AUTH_DPOP (oa2_soup_auth_dpop_get_type ())
OA2_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (OA2SoupAuthDPoP, oa2_soup_auth_dpop, OA2, SOUP_AUTH_DPOP, OA2SoupAuthBearer)

/**
 * OA2SoupAuthDPoPClass:
 * @parent_class: the parent class
 *
 * The class of [class@OA2.SoupAuthDPoP].
 */

OA2_AVAILABLE_IN_ALL
OA2Auth  *oa2_soup_auth_bearer_get_auth (OA2SoupAuthBearer *self);

OA2_AVAILABLE_IN_ALL
gboolean  oa2_soup_auth_install         (SoupSession       *session,
                                         OA2Auth           *auth,
                                         const char        *resource_base,
                                         GError           **error);

OA2_AVAILABLE_IN_ALL
void      oa2_soup_auth_set_request_body (SoupMessage      *msg,
                                          const char       *content_type,
                                          GBytes           *body);

G_END_DECLS
