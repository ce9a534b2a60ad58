/* oa2-client-userinfo-private.h: what oa2-client.c needs of the UserInfo
 * half of OA2Client
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "oa2-client-userinfo.h"

G_BEGIN_DECLS

#define OA2_CLIENT_USERINFO_N_PROPS 3

/* The UserInfo response settings of one client. */
typedef struct _OA2ClientUserinfo OA2ClientUserinfo;

OA2ClientUserinfo *oa2_client_userinfo_state_new  (void);
void               oa2_client_userinfo_state_free (OA2ClientUserinfo *state);

/* Its properties, installed by OA2Client's class_init with ids from
 * @first_prop_id on; get/set return FALSE for an id that is not theirs. */
void     oa2_client_userinfo_install_properties (GObjectClass *object_class,
                                                 guint         first_prop_id);
gboolean oa2_client_userinfo_get_property       (GObject      *object,
                                                 guint         prop_id,
                                                 GValue       *value);
gboolean oa2_client_userinfo_set_property       (GObject      *object,
                                                 guint         prop_id,
                                                 const GValue *value);

/* Owned by OA2Client (oa2-client.c). */
OA2ClientUserinfo *oa2_client_get_userinfo_state (OA2Client *self);

G_END_DECLS
