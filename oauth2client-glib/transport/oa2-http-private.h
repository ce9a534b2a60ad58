/* oa2-http-private.h: plain-data HTTP requests and responses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "oa2-form-private.h"

G_BEGIN_DECLS

/* What a request builder produces and the transport sends: no I/O, no
 * libsoup message yet, so that builders are testable as pure functions and
 * each attempt can be built from it. Reference-counted: the transport
 * keeps one reference while it sends, and a caller that sends the same
 * request again (after renewing a token) keeps its own instead of
 * copying it. Nobody changes a request once it is handed to the
 * transport; what changes per attempt is an OA2HttpAttempt. */
typedef struct {
  char               *method;
  char               *uri;
  GUri               *endpoint;       /* @uri parsed by oa2_uri_parse_endpoint(), or NULL: the transport does it */
  const char         *endpoint_name;  /* for messages: "token endpoint"; a literal or a translation, never freed */
  SoupMessageHeaders *headers;
  OA2Form            *form;           /* NULL: no body, or the raw one below */
  GBytes             *body;           /* a raw body (APIs), when form is NULL */
  char               *content_type;   /* of body or body_stream */
  GInputStream       *body_stream;    /* a streamed body (APIs), sent once: never replayed */
  goffset             body_length;    /* of body_stream, or -1 to send it chunked */
  GTlsCertificate    *tls_certificate; /* presented in the handshake (RFC 8705); NULL: none */
} OA2HttpRequest;

/* One attempt at sending a request: what a per-attempt hook may change.
 * @headers are the request headers of the message about to be sent, so
 * what a hook sets is sent as it is; @form is this attempt's own copy of
 * the request's form (a client assertion is made anew per attempt), or
 * NULL for a request without one. */
typedef struct {
  const char         *method;
  const char         *uri;
  GUri               *endpoint;       /* @uri parsed, checked by the endpoint rule */
  SoupMessageHeaders *headers;
  OA2Form            *form;
} OA2HttpAttempt;

/* What the transport hands to response parsers. */
typedef struct {
  guint               status;
  SoupMessageHeaders *headers;
  GBytes             *body;           /* empty when the body is in stream */
  GInputStream       *stream;         /* the unread body, when the caller asked for it */
} OA2HttpResponse;

OA2HttpRequest  *oa2_http_request_new           (const char             *method,
                                                 const char             *uri,
                                                 const char             *endpoint_name);
void             oa2_http_request_set_endpoint  (OA2HttpRequest         *request,
                                                 GUri                   *endpoint);
OA2HttpRequest  *oa2_http_request_ref           (OA2HttpRequest         *request);
void             oa2_http_request_unref         (OA2HttpRequest         *request);

OA2HttpResponse *oa2_http_response_new          (guint                   status,
                                                 SoupMessageHeaders     *headers,
                                                 GBytes                 *body);
void             oa2_http_response_free         (OA2HttpResponse        *response);
gboolean         oa2_http_response_is_json      (const OA2HttpResponse  *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OA2HttpRequest, oa2_http_request_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OA2HttpResponse, oa2_http_response_free)

G_END_DECLS
