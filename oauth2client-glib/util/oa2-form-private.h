/* oa2-form-private.h: ordered application/x-www-form-urlencoded bodies
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An ordered list of name/value fields. Values may be secrets, so they are
 * wiped when the form is freed. */
typedef struct _OA2Form OA2Form;

OA2Form    *oa2_form_new                  (void);
OA2Form    *oa2_form_copy                 (const OA2Form  *form);
void        oa2_form_free                 (OA2Form        *form);
void        oa2_form_add                  (OA2Form        *form,
                                           const char     *name,
                                           const char     *value);
void        oa2_form_set                  (OA2Form        *form,
                                           const char     *name,
                                           const char     *value);
void        oa2_form_set_all              (OA2Form        *form,
                                           GHashTable     *params);
gboolean    oa2_form_add_extra            (OA2Form        *form,
                                           GHashTable     *extra,
                                           GError        **error);
const char *oa2_form_lookup               (const OA2Form  *form,
                                           const char     *name);
guint       oa2_form_get_n_fields         (const OA2Form  *form);
const char *oa2_form_get_name             (const OA2Form  *form,
                                           guint           index);
const char *oa2_form_get_value            (const OA2Form  *form,
                                           guint           index);
GBytes     *oa2_form_encode               (const OA2Form  *form);
void        oa2_form_append_encoded       (GString        *out,
                                           const char     *text);
gsize       oa2_form_encoded_length       (const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OA2Form, oa2_form_free)

G_END_DECLS
