/* oa2-pkcs11.h: private keys held in PKCS#11 tokens
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__OA2_INSIDE__) && !defined(OA2_COMPILATION)
# error "Only <oauth2client-glib/oauth2client-glib.h> can be included directly."
#endif

#include <gio/gio.h>

#include "oa2-jwk.h"
#include "oa2-version-macros.h"

G_BEGIN_DECLS

/**
 * OA2PinFlags:
 * @OA2_PIN_FLAGS_NONE: nothing special: the first request
 * @OA2_PIN_FLAGS_RETRY: the previous PIN was wrong
 * @OA2_PIN_FLAGS_COUNT_LOW: the token says few attempts remain before it
 *   locks its PIN
 * @OA2_PIN_FLAGS_FINAL_TRY: the token says one attempt remains
 *
 * What a token said when it asked for its PIN; see [callback@OA2.PinCallback].
 */
typedef enum /*< flags,underscore_name=oa2_pin_flags >*/
{
  OA2_PIN_FLAGS_NONE = 0,
  OA2_PIN_FLAGS_RETRY = 1 << 0,
  OA2_PIN_FLAGS_COUNT_LOW = 1 << 1,
  OA2_PIN_FLAGS_FINAL_TRY = 1 << 2,
} OA2PinFlags;

/**
 * OA2PinCallback:
 * @token_label: the label of the token that asks
 * @attempt: 0 for the first request of a login, then 1, 2 after a wrong PIN
 * @flags: what the token said
 * @user_data: (closure): the data given with the callback
 *
 * Gives the user PIN of a PKCS#11 token when it asks for one to log in.
 *
 * It runs in the thread that opens the key: for
 * [func@OA2.Jwk.new_from_pkcs11_uri_async], in the thread-default main
 * context of the call, so that it may show a dialog. It may run again
 * later, in the thread that signs, if the token logs out or asks for its
 * PIN before each signature.
 *
 * A callback that cannot ask a person should return %NULL when @flags has
 * %OA2_PIN_FLAGS_RETRY: another try with the same PIN only brings the
 * token closer to locking it. The library gives up after three PINs in one
 * login, and at once when the callback repeats a wrong one.
 *
 * Returns: (transfer full) (nullable): the PIN, which the library wipes
 *   after use, or %NULL to give up
 */
typedef char * (*OA2PinCallback) (const char  *token_label,
                                  guint        attempt,
                                  OA2PinFlags  flags,
                                  gpointer     user_data);

OA2_AVAILABLE_IN_ALL
OA2Jwk     *oa2_jwk_new_from_pkcs11_uri        (const char           *uri,
                                                OA2PinCallback        pin_callback,
                                                gpointer              pin_data,
                                                GDestroyNotify        pin_destroy,
                                                GCancellable         *cancellable,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;
OA2_AVAILABLE_IN_ALL
void        oa2_jwk_new_from_pkcs11_uri_async  (const char           *uri,
                                                OA2PinCallback        pin_callback,
                                                gpointer              pin_data,
                                                GDestroyNotify        pin_destroy,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
OA2_AVAILABLE_IN_ALL
OA2Jwk     *oa2_jwk_new_from_pkcs11_uri_finish (GAsyncResult         *result,
                                                GError              **error) G_GNUC_WARN_UNUSED_RESULT;

OA2_AVAILABLE_IN_ALL
gboolean    oa2_jwk_is_in_token                (OA2Jwk               *self);

OA2_AVAILABLE_IN_ALL
gboolean    oa2_pkcs11_add_module              (const char           *path,
                                                GError              **error);

G_END_DECLS
