/* oa2-test-softhsm.h: a SoftHSM2 token made for one test run
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OA2_TEST_TOKEN_LABEL "oa2-test"
/* Long and unlike anything else, so that tests can look for it in output. */
#define OA2_TEST_TOKEN_PIN "pin-4e7Qk2Wz-oa2"
#define OA2_TEST_TOKEN_SO_PIN "56781234"

typedef struct {
  char *dir;        /* a temporary directory: the configuration and the token */
  char *conf;       /* its softhsm2.conf, also set as SOFTHSM2_CONF */
  char *module;     /* the SoftHSM2 PKCS#11 module */
  char *ec_uri;     /* pkcs11: URIs of the EC P-256 and RSA-2048 private keys */
  char *rsa_uri;
  char *p384_uri;   /* EC P-384 and P-521 keys, for ES384 and ES512 */
  char *p521_uri;
  char *ed_uri;     /* an Ed25519 key imported with softhsm2-util, or NULL
                     * when this SoftHSM cannot hold one */
} OA2TestToken;

/* The SoftHSM2 module and softhsm2-util, or NULL with the reason in @why;
 * $OA2_TEST_SOFTHSM_MODULE names another module. */
char         *oa2_test_softhsm_find_module (char       **why);

/* Makes a token in a new directory under @parent (the system's temporary
 * directory when NULL): sets SOFTHSM2_CONF, initialises the token with
 * softhsm2-util, then, in this process, loads the module with
 * oa2_pkcs11_add_module() (@add_module) and generates EC P-256, P-384 and
 * P-521 and RSA-2048 key pairs inside the token through GnuTLS. An Ed25519 key (RFC
 * 8410's example key, which GnuTLS cannot generate in a token) is imported
 * with softhsm2-util. Call it before the
 * process touches any other PKCS#11 token. */
OA2TestToken *oa2_test_token_new           (const char  *parent,
                                            gboolean     add_module,
                                            GError     **error);
/* Removes the directory. */
void          oa2_test_token_free          (OA2TestToken *token);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OA2TestToken, oa2_test_token_free)

G_END_DECLS
