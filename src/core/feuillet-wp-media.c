/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-wp-media"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "feuillet-json.h"
#include "feuillet-wp-client.h"
#include "feuillet-wp-client-private.h"
#include "feuillet-wp-error.h"

/*
 * Uploading to the site's media library (WORDPRESS.md, "Media"): the file's bytes as the
 * body, its type, an ASCII file name, the alt text and caption as query parameters.
 */

G_DEFINE_BOXED_TYPE (FeuilletWpMedium, feuillet_wp_medium, feuillet_wp_medium_copy, feuillet_wp_medium_free)

FeuilletWpMedium *
feuillet_wp_medium_copy (const FeuilletWpMedium *medium)
{
  FeuilletWpMedium *copy;

  g_return_val_if_fail (medium != NULL, NULL);

  copy = g_new0 (FeuilletWpMedium, 1);
  copy->id = medium->id;
  copy->source_url = g_strdup (medium->source_url);
  return copy;
}

void
feuillet_wp_medium_free (FeuilletWpMedium *medium)
{
  if (medium == NULL)
    return;
  g_free (medium->source_url);
  g_free (medium);
}

/**
 * feuillet_wp_media_file_name:
 * @file_name: a file's name or path, in any script
 *
 * WordPress takes the name from the header's quoted filename, which cannot carry more than
 * ASCII safely; it makes the attachment's name and address from it.
 *
 * Returns: (transfer full): a name such as "Cathedrale-d-Epinal.jpg", never empty
 */
char *
feuillet_wp_media_file_name (const char *file_name)
{
  g_autofree char *base = NULL;
  g_autofree char *ascii = NULL;
  const char *dot;
  GString *out;

  g_return_val_if_fail (file_name != NULL, NULL);

  base = g_path_get_basename (file_name);
  ascii = g_str_to_ascii (base, "C");
  dot = strrchr (ascii, '.');
  if (dot == ascii)
    dot = NULL;

  /* The name: letters, digits, "_", and single dashes for anything else, none at the ends. */
  out = g_string_new (NULL);
  for (const char *p = ascii; *p != '\0' && p != dot; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '_')
        g_string_append_c (out, *p);
      else if (out->len > 0 && out->str[out->len - 1] != '-')
        g_string_append_c (out, '-');
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append (out, "image");

  /* The extension, which WordPress checks against the type. */
  if (dot != NULL)
    {
      gsize before = out->len;

      g_string_append_c (out, '.');
      for (const char *p = dot + 1; *p != '\0'; p++)
        if (g_ascii_isalnum (*p))
          g_string_append_c (out, *p);
      if (out->len == before + 1)
        g_string_truncate (out, before);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  SoupMessage *message;
  char        *file_name;  /* as the user named it, for messages */
} UploadData;

static void
upload_data_free (UploadData *data)
{
  g_clear_object (&data->message);
  g_free (data->file_name);
  g_free (data);
}

static void
on_media_uploaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  FeuilletWpClient *self = FEUILLET_WP_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonObject) attachment = NULL;
  FeuilletWpMedium *medium;
  gint64 id;
  const char *source_url;
  guint status;

  body = feuillet_wp_client_send_message_finish (self, result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (data->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status) && !SOUP_STATUS_IS_REDIRECTION (status))
    {
      g_task_return_error (task, feuillet_wp_error_new_from_upload (status, body, data->file_name));
      return;
    }

  attachment = feuillet_wp_client_answer_object (data->message, body, &error);
  if (attachment == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  id = feuillet_json_get_id (attachment, "id");
  source_url = feuillet_json_get_string (attachment, "source_url");
  if (id == 0 || source_url == NULL || *source_url == '\0')
    {
      g_task_return_error (task, feuillet_wp_client_invalid_answer_error (data->message));
      return;
    }

  medium = g_new0 (FeuilletWpMedium, 1);
  medium->id = id;
  medium->source_url = g_strdup (source_url);
  g_task_return_pointer (task, medium, (GDestroyNotify) feuillet_wp_medium_free);
}

static void
append_query_parameter (GString    *query,
                        const char *name,
                        const char *value)
{
  if (value == NULL)
    return;
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append_printf (query, "%s=", name);
  g_string_append_uri_escaped (query, value, NULL, FALSE);
}

/**
 * feuillet_wp_client_upload_media_async:
 * @contents: the file's bytes, read beforehand (off the main loop)
 * @file_name: the file's name or path
 * @content_type: (nullable): its MIME type; guessed when %NULL
 * @alt_text: (nullable): the image's text alternative
 * @caption: (nullable): its caption, credit included
 *
 * One POST /wp/v2/media with the bytes as the body. The alt text and caption go as query
 * parameters of the same request, so the attachment never exists without them.
 */
void
feuillet_wp_client_upload_media_async (FeuilletWpClient    *self,
                                       GBytes              *contents,
                                       const char          *file_name,
                                       const char          *content_type,
                                       const char          *alt_text,
                                       const char          *caption,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  g_autofree char *guessed = NULL;
  g_autofree char *mime_type = NULL;
  g_autofree char *ascii_name = NULL;
  g_autofree char *disposition = NULL;
  UploadData *data;
  SoupMessageHeaders *headers;
  const guchar *bytes;
  gsize size;

  g_return_if_fail (FEUILLET_IS_WP_CLIENT (self));
  g_return_if_fail (contents != NULL);
  g_return_if_fail (file_name != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  g_return_if_fail (feuillet_wp_client_has_credentials (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_wp_client_upload_media_async);

  if (content_type == NULL)
    {
      bytes = g_bytes_get_data (contents, &size);
      guessed = g_content_type_guess (file_name, bytes, MIN (size, 4096), NULL);
      content_type = guessed;
    }
  mime_type = g_content_type_get_mime_type (content_type);
  if (mime_type == NULL)
    mime_type = g_strdup ("application/octet-stream");

  append_query_parameter (query, "_fields", "id,source_url");
  append_query_parameter (query, "alt_text", alt_text);
  append_query_parameter (query, "caption", caption);

  data = g_new0 (UploadData, 1);
  data->file_name = g_path_get_basename (file_name);
  data->message = feuillet_wp_client_build_message (self, "POST", "wp/v2/media", query->str, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) upload_data_free);
  if (data->message == NULL)
    {
      g_task_return_error (task, feuillet_wp_client_no_rest_api_error (self));
      return;
    }

  ascii_name = feuillet_wp_media_file_name (file_name);
  disposition = g_strdup_printf ("attachment; filename=\"%s\"", ascii_name);
  headers = soup_message_get_request_headers (data->message);
  soup_message_headers_replace (headers, "Content-Disposition", disposition);
  soup_message_set_request_body_from_bytes (data->message, mime_type, contents);

  feuillet_wp_client_send_message_async (self, data->message, cancellable, on_media_uploaded_cb, g_steal_pointer (&task));
}

/**
 * feuillet_wp_client_upload_media_finish:
 *
 * Returns: (transfer full): the attachment created, or %NULL with @error set
 */
FeuilletWpMedium *
feuillet_wp_client_upload_media_finish (FeuilletWpClient  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (FEUILLET_IS_WP_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_wp_client_upload_media_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

