/* oa2-test-utils.h: shared helpers for the C tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <oauth2client-glib/oauth2client-glib.h>

G_BEGIN_DECLS

void          oa2_test_init            (int           *argc,
                                        char        ***argv);
void          oa2_test_freeze_clock    (gint64         now_seconds);
void          oa2_test_thaw_clock      (void);
GAsyncResult *oa2_test_wait_result     (GAsyncResult **slot);
void          oa2_test_store_result    (GObject       *source,
                                        GAsyncResult  *result,
                                        gpointer       user_data);
GHashTable   *oa2_test_params          (const char    *first_name,
                                        ...) G_GNUC_NULL_TERMINATED;

/* The library's trace: its messages in the "OA2" log domain, kept between
 * oa2_test_trace_begin() and oa2_test_trace_end(). oa2_test_trace_install()
 * makes it the process's log writer, which GLib allows once: call it from
 * main(). */
void          oa2_test_trace_install   (void);
void          oa2_test_trace_begin     (void);
const char   *oa2_test_trace_text      (void);
void          oa2_test_trace_end       (void);

G_END_DECLS
