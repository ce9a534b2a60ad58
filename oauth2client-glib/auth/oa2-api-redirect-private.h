/* oa2-api-redirect-private.h: where an API redirect may lead, and with what
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

#include "oa2-http-private.h"

G_BEGIN_DECLS

/* Redirects one request may follow; the next one fails. */
#define OA2_API_MAX_REDIRECTS 10

typedef enum {
  OA2_API_BODY_NONE,
  OA2_API_BODY_BYTES,   /* held in memory: sent again as often as needed */
  OA2_API_BODY_STREAM,  /* read from a stream once: never sent again */
} OA2ApiBodyKind;

typedef enum {
  OA2_API_REDIRECT_RETURN,  /* not a redirect to follow: the response is the answer */
  OA2_API_REDIRECT_FOLLOW,  /* send the next request OA2ApiRedirect describes */
  OA2_API_REDIRECT_REFUSE,  /* a redirect that must not be followed: the error says why */
} OA2ApiRedirectVerdict;

/* The next request of a chain. */
typedef struct {
  GUri     *uri;          /* resolved, without user information or fragment */
  char     *method;
  gboolean  keep_body;    /* FALSE: the body and its type are dropped */
  gboolean  credentials;  /* token, DPoP proof and default headers go along */
} OA2ApiRedirect;

/* Decides what a response to a request for @current does. @asked is the
 * URL the application asked for (its origin is the one credentials belong
 * to), @credentials whether the request that got this response carried
 * them, @hops how many redirects the chain has followed so far. Pure: no
 * I/O, no state. */
OA2ApiRedirectVerdict oa2_api_redirect_decide (GUri            *asked,
                                               GUri            *current,
                                               const char      *method,
                                               OA2ApiBodyKind   body,
                                               gboolean         credentials,
                                               guint            hops,
                                               guint            status,
                                               const char      *location,
                                               OA2ApiRedirect  *next,
                                               GError         **error);
void                  oa2_api_redirect_clear  (OA2ApiRedirect  *next);
/* The next request of the chain, made from @request (which stays as it
 * is: the transport may still hold it): URL, method, body; without
 * credentials, none of the headers the client added go along. The
 * caller sets its endpoint. */
OA2HttpRequest       *oa2_api_redirect_next_request (const OA2ApiRedirect *next,
                                                     const OA2HttpRequest *request);

G_END_DECLS
