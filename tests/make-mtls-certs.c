/* make-mtls-certs.c: the certificates of a mutual-TLS test, for test
 * scripts that cannot make them (the oa2 tool's tests, the examples')
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   make-mtls-certs DIR
 *
 * Writes the files oa2_test_tls_write_mtls_dir() describes into DIR.
 */

#include "oa2-test-tls.h"

int
main (int   argc,
      char *argv[])
{
  if (argc != 2)
    {
      g_printerr ("usage: make-mtls-certs DIR\n");
      return 2;
    }
  oa2_test_tls_write_mtls_dir (argv[1]);
  return 0;
}
