/* oa2-test-tls.h: a test CA and a server certificate, made at test time
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GTlsCertificate *oa2_test_tls_certificate_new (char **ca_file);
void             oa2_test_tls_client_pem      (const char  *common_name,
                                               char       **certificate_pem,
                                               char       **key_pem);
char            *oa2_test_tls_key_pem         (void);
void             oa2_test_tls_write_mtls_dir  (const char  *dir);

G_END_DECLS
