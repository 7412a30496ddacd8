/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-image-fetch"

#include "config.h"

#include "feuillet-image-fetch.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

/*
 * A picture on the web, fetched to be uploaded to a site: a featured image must be in the
 * site's media library, where WordPress cannot put it from an address by itself. Only an
 * http(s) answer 200 that says it is an image is taken, up to FEUILLET_IMAGE_FETCH_MAX_BYTES,
 * read a piece at a time so that a larger one is refused without being held whole.
 */

#define FETCH_TIMEOUT_SECONDS 60
#define READ_SIZE (64 * 1024)

typedef struct
{
  SoupSession  *session;
  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *bytes;
  char         *content_type;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_clear_object (&fetch->session);
  g_clear_object (&fetch->message);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->bytes, g_byte_array_unref);
  g_free (fetch->content_type);
  g_free (fetch);
}

static void read_more (GTask *task);

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);

  if (chunk == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      g_task_return_pointer (task, g_byte_array_free_to_bytes (g_steal_pointer (&fetch->bytes)),
                             (GDestroyNotify) g_bytes_unref);
      return;
    }
  if (fetch->bytes->len + g_bytes_get_size (chunk) > FEUILLET_IMAGE_FETCH_MAX_BYTES)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                               _("it is larger than %d MB"), FEUILLET_IMAGE_FETCH_MAX_BYTES / (1024 * 1024));
      return;
    }
  g_byte_array_append (fetch->bytes, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  read_more (g_steal_pointer (&task));
}

static void
read_more (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);

  g_input_stream_read_bytes_async (fetch->stream, READ_SIZE, G_PRIORITY_DEFAULT,
                                   g_task_get_cancellable (task), on_read_cb, task);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *content_type;
  goffset length;
  guint status;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (fetch->stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (fetch->message);
  if (status != SOUP_STATUS_OK)
    {
      /* Translators: the server's answer, such as "404 Not Found" */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("the server answered %u %s"),
                               status, soup_message_get_reason_phrase (fetch->message));
      return;
    }

  headers = soup_message_get_response_headers (fetch->message);
  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (content_type == NULL || !g_str_has_prefix (content_type, "image/"))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               /* Translators: %s is a type such as text/html */
                               _("it is not an image but %s"), content_type ? content_type : _("an unnamed type"));
      return;
    }
  length = soup_message_headers_get_content_length (headers);
  if (length > FEUILLET_IMAGE_FETCH_MAX_BYTES)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                               _("it is larger than %d MB"), FEUILLET_IMAGE_FETCH_MAX_BYTES / (1024 * 1024));
      return;
    }

  fetch->content_type = g_strdup (content_type);
  fetch->bytes = g_byte_array_sized_new (length > 0 ? (guint) length : READ_SIZE);
  read_more (g_steal_pointer (&task));
}

/**
 * feuillet_image_fetch_async:
 * @uri: an http or https address
 */
void
feuillet_image_fetch_async (const char          *uri,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *scheme = NULL;
  Fetch *fetch;

  g_return_if_fail (uri != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_image_fetch_async);
  fetch = g_new0 (Fetch, 1);
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  scheme = g_uri_parse_scheme (uri);
  if (scheme != NULL && (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0))
    fetch->message = soup_message_new (SOUP_METHOD_GET, uri);
  if (fetch->message == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("only http and https addresses can be fetched"));
      return;
    }

  /* TLS certificates are checked by default and never accepted otherwise. */
  fetch->session = soup_session_new_with_options ("user-agent", PACKAGE_NAME "/" PACKAGE_VERSION,
                                                  "timeout", FETCH_TIMEOUT_SECONDS,
                                                  NULL);
  soup_session_send_async (fetch->session, fetch->message, G_PRIORITY_DEFAULT, cancellable, on_sent_cb,
                           g_steal_pointer (&task));
}

/**
 * feuillet_image_fetch_finish:
 * @content_type: (out): the type the server gave, such as image/jpeg
 *
 * Returns: (transfer full): the picture's bytes, or %NULL with @error set
 */
GBytes *
feuillet_image_fetch_finish (GAsyncResult  *result,
                             char         **content_type,
                             GError       **error)
{
  GTask *task = G_TASK (result);
  GBytes *bytes;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (task) == feuillet_image_fetch_async, NULL);

  bytes = g_task_propagate_pointer (task, error);
  if (bytes != NULL && content_type != NULL)
    *content_type = g_strdup (((Fetch *) g_task_get_task_data (task))->content_type);
  return bytes;
}

/**
 * feuillet_image_fetch_file_name:
 *
 * The name the picture is uploaded under: the last part of its address, with the extension
 * of its type when the address has none (WordPress accepts a file by its extension).
 *
 * Returns: (transfer full): a file name
 */
char *
feuillet_image_fetch_file_name (const char *uri,
                                const char *content_type)
{
  static const struct { const char *type; const char *extension; } extensions[] = {
    { "image/jpeg", ".jpg" }, { "image/png", ".png" }, { "image/gif", ".gif" },
    { "image/webp", ".webp" }, { "image/avif", ".avif" }, { "image/heic", ".heic" },
  };
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *unescaped = NULL;
  g_autofree char *base = NULL;

  if (parsed != NULL)
    unescaped = g_uri_unescape_string (g_uri_get_path (parsed), NULL);
  base = unescaped != NULL ? g_path_get_basename (unescaped) : NULL;
  if (base == NULL || base[0] == '\0' || g_str_equal (base, "/") || g_str_equal (base, "."))
    g_set_str (&base, "image");
  if (strchr (base, '.') != NULL || content_type == NULL)
    return g_steal_pointer (&base);

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_str_equal (content_type, extensions[i].type))
      return g_strconcat (base, extensions[i].extension, NULL);
  return g_steal_pointer (&base);
}
