/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

const char *feuillet_json_get_string (JsonObject *object,
                                      const char *member);
JsonObject *feuillet_json_get_object (JsonObject *object,
                                      const char *member);
gint64      feuillet_json_get_id     (JsonObject *object,
                                      const char *member);

G_END_DECLS
