/* oa2-client-jarm-private.h: what oa2-client.c and the validation of
 * JARM responses (oa2-client-authorization-callback.c) need of the JARM
 * settings
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-client-jarm.h"

G_BEGIN_DECLS

#define OA2_CLIENT_JARM_N_PROPS 3

/* The authorization-response settings of one client. */
typedef struct _OA2ClientJarm OA2ClientJarm;

OA2ClientJarm *oa2_client_jarm_state_new  (void);
void           oa2_client_jarm_state_free (OA2ClientJarm *state);

/* Its properties, installed by OA2Client's class_init with ids from
 * @first_prop_id on; get/set return FALSE for an id that is not theirs. */
void     oa2_client_jarm_install_properties (GObjectClass *object_class,
                                             guint         first_prop_id);
gboolean oa2_client_jarm_get_property       (GObject      *object,
                                             guint         prop_id,
                                             GValue       *value);
gboolean oa2_client_jarm_set_property       (GObject      *object,
                                             guint         prop_id,
                                             const GValue *value);

/* Owned by OA2Client (oa2-client.c). */
OA2ClientJarm *oa2_client_get_jarm_state (OA2Client *self);

/* The three settings copied under one lock, so that one validation never
 * mixes two configurations; the encryption ones may be NULL. */
void           oa2_client_jarm_dup_settings (OA2Client  *self,
                                             char      **out_signed_alg,
                                             char      **out_encrypted_alg,
                                             char      **out_encrypted_enc);

G_END_DECLS
