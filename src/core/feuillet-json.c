/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "feuillet-json.h"

/*
 * Members of a WordPress answer read with their type checked: a member missing, null or of
 * another type reads as absent, and the caller says the answer is not what it should be.
 * Each takes a NULL object, so that a path through the answer can be read in one line.
 */

/**
 * feuillet_json_get_string:
 * @object: (nullable): an object of the answer
 *
 * Returns: (nullable): @member's text, or %NULL when it is not a string
 */
const char *
feuillet_json_get_string (JsonObject *object,
                          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/**
 * feuillet_json_get_object:
 * @object: (nullable): an object of the answer
 *
 * Returns: (nullable): @member, or %NULL when it is not an object
 */
JsonObject *
feuillet_json_get_object (JsonObject *object,
                          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

/**
 * feuillet_json_get_id:
 * @object: (nullable): an object of the answer
 *
 * Returns: @member when it is a whole number above 0 (WordPress's ids), else 0
 */
gint64
feuillet_json_get_id (JsonObject *object,
                      const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) <= 0)
    return 0;
  return json_node_get_int (node);
}
