/* oa2-test-request-log.h: what arrived at a test's own server handler
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* One request as it arrived: its method, path, query (NULL when none),
 * body (flattened, "" when none) and a copy of its headers. An entry does
 * not change once recorded. */
typedef struct {
  char               *method;
  char               *path;
  char               *query;
  char               *body;
  SoupMessageHeaders *headers;
} OA2TestRequest;

/* The requests a handler recorded, in order of arrival. Handlers record
 * from the server thread while the test reads from its own: the log locks
 * for itself, and an entry stays valid until the log is freed. */
typedef struct _OA2TestRequestLog OA2TestRequestLog;

OA2TestRequestLog    *oa2_test_request_log_new       (void);
void                  oa2_test_request_log_free      (OA2TestRequestLog *log);
/* Records @msg's request; returns the entry. */
const OA2TestRequest *oa2_test_request_log_add       (OA2TestRequestLog *log,
                                                      SoupServerMessage *msg);
guint                 oa2_test_request_log_get_count (OA2TestRequestLog *log);
/* Request @index (from 0), which must have arrived. */
const OA2TestRequest *oa2_test_request_log_get       (OA2TestRequestLog *log,
                                                      guint              index);
/* The value of request header @name, or NULL. */
const char           *oa2_test_request_header        (const OA2TestRequest *request,
                                                      const char           *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OA2TestRequestLog, oa2_test_request_log_free)

G_END_DECLS
