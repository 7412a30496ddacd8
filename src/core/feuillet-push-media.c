/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-push-media"

#include "config.h"

#include "feuillet-push-media.h"

#include "feuillet-image-fetch.h"
#include "feuillet-json.h"
#include "feuillet-store-media.h"
#include "feuillet-typography.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/*
 * A picture goes to a site once (doc/markdown.md, "Images"): the library remembers each
 * upload by the site and the SHA-256 of the file's bytes (site_media), so pushing again, or
 * another article with the same picture under another name, uploads nothing. Every local
 * file is read (asynchronously) at each push to know its checksum; a remembered upload is
 * checked to be still on the site (one GET for them all) before its id is used, since
 * WordPress silently drops a featured_media that does not exist (WORDPRESS.md, "Posts").
 *
 * The attachment's alt text and caption are those of the first body image showing the
 * file: the caption with its credit, as the figure shows them. A featured image the body
 * does not show gets the article's title as alt text.
 *
 * A body image on the web is shown from where it is. A featured image on the web is fetched
 * and uploaded like a file (feuillet-image-fetch.c): a post's featured image can only be one
 * of the site's media.
 */

/* How many remembered media are checked on the site; an article rarely has more. */
#define MAX_CHECKED_MEDIA 100

/* One file, whatever the names it is reached by. */
typedef struct
{
  char   *checksum;
  char   *path;       /* the first path it was read from, or the name it is uploaded under */
  char   *source;     /* as the article wrote it, for the library and messages */
  char   *content_type; /* as the web server gave it, or NULL: told by the name */
  GBytes *contents;
  char   *alt_text;
  char   *caption;
  gint64  id;         /* on the site; 0 until known */
  char   *url;
} Medium;

static void
medium_free (Medium *medium)
{
  g_free (medium->checksum);
  g_free (medium->path);
  g_free (medium->source);
  g_free (medium->content_type);
  g_clear_pointer (&medium->contents, g_bytes_unref);
  g_free (medium->alt_text);
  g_free (medium->caption);
  g_free (medium->url);
  g_free (medium);
}

struct _FeuilletPushMedia
{
  /* owned */
  FeuilletStore *store;
  char          *site_name;
  GPtrArray     *media;      /* Medium, one per checksum, in the article's order */
  GHashTable    *by_source;  /* char * (as written) → Medium (borrowed from media) */
  Medium        *featured;   /* borrowed, or NULL */
};

static void
push_media_clear (FeuilletPushMedia *self)
{
  g_clear_object (&self->store);
  g_clear_pointer (&self->site_name, g_free);
  g_clear_pointer (&self->by_source, g_hash_table_unref);
  g_clear_pointer (&self->media, g_ptr_array_unref);
}

FeuilletPushMedia *
feuillet_push_media_ref (FeuilletPushMedia *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
feuillet_push_media_unref (FeuilletPushMedia *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) push_media_clear);
}

/* -- finding the files -- */

/* An image to read: where the article points, and what it says of it. */
typedef struct
{
  char                *source;
  char                *path;
  FeuilletRenderImage *image;     /* a body image, or NULL for the featured one */
  gboolean             on_the_web;
  char                *content_type;
  char                *checksum;  /* once read */
  GBytes              *contents;
} Wanted;

static void
wanted_free (Wanted *wanted)
{
  g_free (wanted->source);
  g_free (wanted->path);
  g_clear_pointer (&wanted->image, feuillet_render_image_free);
  g_free (wanted->content_type);
  g_free (wanted->checksum);
  g_clear_pointer (&wanted->contents, g_bytes_unref);
  g_free (wanted);
}

typedef struct
{
  FeuilletPushMedia *media;
  char              *title;
  GPtrArray         *wanted;    /* Wanted, the featured image first */
  guint              next;
  GHashTable        *read;      /* path → Wanted that read it (borrowed) */
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  g_clear_pointer (&data->media, feuillet_push_media_unref);
  g_free (data->title);
  g_clear_pointer (&data->read, g_hash_table_unref);
  g_clear_pointer (&data->wanted, g_ptr_array_unref);
  g_free (data);
}

typedef enum
{
  SOURCE_LOCAL,
  SOURCE_REMOTE,
  SOURCE_INVALID,
} SourceKind;

/* Where @source is: a local file (its path), the web, or nowhere Feuillet can tell. */
static SourceKind
classify_source (const char  *source,
                 char       **path)
{
  g_autofree char *scheme = g_uri_parse_scheme (source);

  *path = NULL;
  if (scheme == NULL)
    {
      if (!g_path_is_absolute (source))
        return SOURCE_INVALID;
      *path = g_strdup (source);
      return SOURCE_LOCAL;
    }
  if (g_ascii_strcasecmp (scheme, "file") == 0)
    {
      *path = g_filename_from_uri (source, NULL, NULL);
      return *path != NULL ? SOURCE_LOCAL : SOURCE_INVALID;
    }
  /* http, https, and any other address. */
  return SOURCE_REMOTE;
}

static gboolean
add_wanted (PrepareData          *data,
            const char           *source,
            FeuilletRenderImage  *image,
            GError              **error)
{
  Wanted *wanted;
  char *path;

  switch (classify_source (source, &path))
    {
    case SOURCE_REMOTE:
      /* A body image: the page shows it from where it is. */
      if (image != NULL)
        {
          feuillet_render_image_free (image);
          return TRUE;
        }
      wanted = g_new0 (Wanted, 1);
      wanted->source = g_strdup (source);
      wanted->on_the_web = TRUE;
      g_ptr_array_add (data->wanted, wanted);
      return TRUE;
    case SOURCE_INVALID:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   /* Translators: %s is an image's address as the article writes it. */
                   _("The image “%s” is neither a full path (such as /home/claire/photo.jpg) nor a web "
                     "address: nothing was sent"), source);
      /* @source may be @image's. */
      feuillet_render_image_free (image);
      return FALSE;
    case SOURCE_LOCAL:
    default:
      break;
    }

  wanted = g_new0 (Wanted, 1);
  wanted->source = g_strdup (source);
  wanted->path = path;
  wanted->image = image;
  g_ptr_array_add (data->wanted, wanted);
  return TRUE;
}

static void read_next (GTask *task);

/* A picture that cannot be had stops the push before anything is sent: said with @message. */
static void
return_unavailable (GTask  *task,
                    GError *error,
                    char   *message)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_new_error_literal (task, error->domain, error->code, message);
  g_free (message);
}

/* @wanted's bytes are in: on to the next picture. */
static void
keep_contents (GTask  *task,
               Wanted *wanted,
               GBytes *contents)
{
  PrepareData *data = g_task_get_task_data (task);

  wanted->contents = contents;
  wanted->checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, wanted->contents);
  data->next++;
  read_next (task);
}

static void
on_fetched_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PrepareData *data = g_task_get_task_data (task);
  Wanted *wanted = data->wanted->pdata[data->next];
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = NULL;
  g_autoptr(GBytes) contents = feuillet_image_fetch_finish (result, &content_type, &error);

  if (contents == NULL)
    {
      /* Translators: the first %s is the featured image's web address, the second why it could
       * not be fetched. */
      return_unavailable (task, error, g_strdup_printf (_("The featured image “%s” cannot be fetched (%s): nothing was sent"),
                                                        wanted->source, error->message));
      return;
    }

  wanted->path = feuillet_image_fetch_file_name (wanted->source, content_type);
  wanted->content_type = g_steal_pointer (&content_type);
  keep_contents (g_steal_pointer (&task), wanted, g_steal_pointer (&contents));
}

/* The upload's caption: the figure's, its credit after it. */
static char *
image_caption (const FeuilletRenderImage *image)
{
  if (image->credit == NULL)
    return image->caption[0] != '\0' ? g_strdup (image->caption) : NULL;
  if (image->caption[0] == '\0')
    return g_strdup (image->credit);
  return g_strconcat (image->caption, " ", image->credit, NULL);
}

static void
on_found_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PrepareData *data = g_task_get_task_data (task);
  FeuilletPushMedia *self = data->media;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;

  found = feuillet_store_find_media_finish (FEUILLET_STORE (source), result, &error);
  if (found == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < found->len; i++)
    {
      FeuilletSiteMedium *known = found->pdata[i];

      for (guint j = 0; j < self->media->len; j++)
        {
          Medium *medium = self->media->pdata[j];

          if (g_str_equal (medium->checksum, known->checksum))
            {
              medium->id = known->remote_id;
              g_set_str (&medium->url, known->url);
            }
        }
    }

  g_task_return_pointer (task, feuillet_push_media_ref (self), (GDestroyNotify) feuillet_push_media_unref);
}

/* Every file read: one Medium per checksum, then what the library knows of them. */
static void
collect_media (GTask *task)
{
  PrepareData *data = g_task_get_task_data (task);
  FeuilletPushMedia *self = data->media;
  g_autoptr(GHashTable) by_checksum = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) checksums = g_ptr_array_new ();

  for (guint i = 0; i < data->wanted->len; i++)
    {
      Wanted *wanted = data->wanted->pdata[i];
      Medium *medium = g_hash_table_lookup (by_checksum, wanted->checksum);

      if (medium == NULL)
        {
          medium = g_new0 (Medium, 1);
          medium->checksum = g_strdup (wanted->checksum);
          medium->path = g_strdup (wanted->path);
          medium->source = g_strdup (wanted->source);
          medium->content_type = g_strdup (wanted->content_type);
          medium->contents = g_bytes_ref (wanted->contents);
          g_ptr_array_add (self->media, medium);
          g_hash_table_insert (by_checksum, medium->checksum, medium);
          g_ptr_array_add (checksums, medium->checksum);
        }
      /* The first body image that shows the file describes it. */
      if (wanted->image != NULL && medium->alt_text == NULL)
        {
          medium->alt_text = g_strdup (wanted->image->alt);
          medium->caption = image_caption (wanted->image);
        }
      if (wanted->image == NULL)
        self->featured = medium;
      else
        g_hash_table_insert (self->by_source, g_strdup (wanted->source), medium);
    }
  if (self->featured != NULL && self->featured->alt_text == NULL)
    self->featured->alt_text = g_strdup (data->title);

  if (checksums->len == 0)
    {
      g_task_return_pointer (task, feuillet_push_media_ref (self), (GDestroyNotify) feuillet_push_media_unref);
      g_object_unref (task);
      return;
    }
  g_ptr_array_add (checksums, NULL);
  feuillet_store_find_media_async (self->store, self->site_name, (const char * const *) checksums->pdata,
                                   g_task_get_cancellable (task), on_found_cb, task);
}

static void
on_read_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PrepareData *data = g_task_get_task_data (task);
  Wanted *wanted = data->wanted->pdata[data->next];
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;

  contents = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  if (contents == NULL)
    {
      /* Translators: the first %s is an image's path as the article writes it, the second the
       * system's explanation. */
      return_unavailable (task, error, g_strdup_printf (_("The image “%s” cannot be read (%s): nothing was sent"),
                                                        wanted->source, error->message));
      return;
    }

  g_hash_table_insert (data->read, wanted->path, wanted);
  keep_contents (g_steal_pointer (&task), wanted, g_steal_pointer (&contents));
}

/* One file at a time, each once. */
static void
read_next (GTask *task)
{
  PrepareData *data = g_task_get_task_data (task);

  for (; data->next < data->wanted->len; data->next++)
    {
      Wanted *wanted = data->wanted->pdata[data->next];
      Wanted *earlier;
      g_autoptr(GFile) file = NULL;

      if (wanted->on_the_web)
        {
          feuillet_image_fetch_async (wanted->source, g_task_get_cancellable (task), on_fetched_cb, task);
          return;
        }

      earlier = g_hash_table_lookup (data->read, wanted->path);
      if (earlier != NULL)
        {
          wanted->contents = g_bytes_ref (earlier->contents);
          wanted->checksum = g_strdup (earlier->checksum);
          continue;
        }

      file = g_file_new_for_path (wanted->path);
      g_file_load_bytes_async (file, g_task_get_cancellable (task), on_read_cb, task);
      return;
    }

  collect_media (task);
}

void
feuillet_push_media_prepare_async (FeuilletStore       *store,
                                   const char          *site_name,
                                   FeuilletArticle     *article,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;
  FeuilletPushMedia *self;
  PrepareData *data;
  const char *featured;
  const char *body;

  g_return_if_fail (FEUILLET_IS_STORE (store));
  g_return_if_fail (site_name != NULL);
  g_return_if_fail (FEUILLET_IS_ARTICLE (article));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_push_media_prepare_async);

  self = g_atomic_rc_box_new0 (FeuilletPushMedia);
  self->store = g_object_ref (store);
  self->site_name = g_strdup (site_name);
  self->media = g_ptr_array_new_with_free_func ((GDestroyNotify) medium_free);
  self->by_source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  data = g_new0 (PrepareData, 1);
  data->media = self;
  data->title = g_strdup (feuillet_article_get_title (article));
  data->wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) wanted_free);
  data->read = g_hash_table_new (g_str_hash, g_str_equal);
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);

  featured = feuillet_article_get_featured_image (article);
  if (featured != NULL && featured[0] != '\0' && !add_wanted (data, featured, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  body = feuillet_article_get_body (article);
  images = feuillet_render_list_images (body, strlen (body), feuillet_render_article_typography (article));
  for (guint i = 0; i < images->len; i++)
    {
      FeuilletRenderImage *image = images->pdata[i];

      /* An address the renderer refused (a script) is written empty: nothing to send. */
      if (image->source[0] == '\0')
        continue;
      if (!add_wanted (data, image->source, g_steal_pointer (&images->pdata[i]), &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  read_next (g_steal_pointer (&task));
}

/**
 * feuillet_push_media_prepare_finish:
 *
 * Returns: (transfer full): the article's media, or %NULL with @error set
 */
FeuilletPushMedia *
feuillet_push_media_prepare_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_push_media_prepare_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- uploading -- */

typedef struct
{
  FeuilletPushMedia *media;
  FeuilletWpClient  *client;
  guint              next;
} UploadData;

static void
upload_data_free (UploadData *data)
{
  g_clear_pointer (&data->media, feuillet_push_media_unref);
  g_clear_object (&data->client);
  g_free (data);
}

static void upload_next (GTask *task);

static void
on_recorded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!feuillet_store_record_medium_finish (FEUILLET_STORE (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->next++;
  upload_next (g_steal_pointer (&task));
}

static void
on_uploaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  FeuilletPushMedia *self = data->media;
  Medium *medium = self->media->pdata[data->next];
  g_autoptr(GError) error = NULL;
  g_autoptr(FeuilletWpMedium) uploaded = NULL;
  g_autoptr(FeuilletSiteMedium) record = NULL;
  GCancellable *cancellable;

  uploaded = feuillet_wp_client_upload_media_finish (FEUILLET_WP_CLIENT (source), result, &error);
  if (uploaded == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  medium->id = uploaded->id;
  g_set_str (&medium->url, uploaded->source_url);
  g_debug ("Uploaded %s to %s as media %" G_GINT64_FORMAT, medium->path, self->site_name, medium->id);

  /* Recorded at once: should the push fail later, the next one does not upload it again. */
  record = feuillet_site_medium_new (self->site_name, medium->checksum, medium->id, medium->url, medium->source);
  cancellable = g_task_get_cancellable (task);
  feuillet_store_record_medium_async (self->store, record, cancellable, on_recorded_cb, g_steal_pointer (&task));
}

static void
upload_next (GTask *task)
{
  UploadData *data = g_task_get_task_data (task);
  FeuilletPushMedia *self = data->media;

  for (; data->next < self->media->len; data->next++)
    {
      Medium *medium = self->media->pdata[data->next];

      if (medium->id > 0)
        continue;
      feuillet_wp_client_upload_media_async (data->client, medium->contents, medium->path, medium->content_type,
                                             medium->alt_text, medium->caption,
                                             g_task_get_cancellable (task), on_uploaded_cb, task);
      return;
    }

  /* Every file is on the site now: its bytes are not needed any more. */
  for (guint i = 0; i < self->media->len; i++)
    g_clear_pointer (&((Medium *) self->media->pdata[i])->contents, g_bytes_unref);

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* The remembered media the site no longer has are uploaded again. */
static void
on_checked_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  FeuilletPushMedia *self = data->media;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GHashTable) present = NULL;
  JsonArray *items;
  guint checked = 0;

  answer = feuillet_wp_client_request_finish (FEUILLET_WP_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (answer))
    {
      g_task_return_new_error (task, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INVALID_ANSWER,
                               /* Translators: %s is the site's address. */
                               _("The answer of %s is not a list of media"),
                               feuillet_wp_client_get_site_url (data->client));
      return;
    }

  present = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  items = json_node_get_array (answer);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gint64 id = feuillet_json_get_id (item, "id");

      if (id > 0)
        g_hash_table_add (present, g_memdup2 (&id, sizeof id));
    }

  for (guint i = 0; i < self->media->len && checked < MAX_CHECKED_MEDIA; i++)
    {
      Medium *medium = self->media->pdata[i];

      if (medium->id <= 0)
        continue;
      checked++;
      if (!g_hash_table_contains (present, &medium->id))
        {
          g_debug ("Media %" G_GINT64_FORMAT " is no longer on %s: %s is uploaded again",
                   medium->id, self->site_name, medium->path);
          medium->id = 0;
        }
    }

  upload_next (g_steal_pointer (&task));
}

void
feuillet_push_media_upload_async (FeuilletPushMedia   *self,
                                  FeuilletWpClient    *client,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GString) query = NULL;
  UploadData *data;
  guint known = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (FEUILLET_IS_WP_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_push_media_upload_async);

  data = g_new0 (UploadData, 1);
  data->media = feuillet_push_media_ref (self);
  data->client = g_object_ref (client);
  g_task_set_task_data (task, data, (GDestroyNotify) upload_data_free);

  query = g_string_new (NULL);
  for (guint i = 0; i < self->media->len && known < MAX_CHECKED_MEDIA; i++)
    {
      Medium *medium = self->media->pdata[i];

      if (medium->id <= 0)
        continue;
      g_string_append_printf (query, "%s%" G_GINT64_FORMAT, known == 0 ? "" : ",", medium->id);
      known++;
    }
  if (known == 0)
    {
      upload_next (g_steal_pointer (&task));
      return;
    }

  g_string_prepend (query, "_fields=id&per_page=100&include=");
  feuillet_wp_client_request_async (client, "GET", "wp/v2/media", query->str, NULL, cancellable,
                                    on_checked_cb, g_steal_pointer (&task));
}

gboolean
feuillet_push_media_upload_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_push_media_upload_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* -- the post -- */

/**
 * feuillet_push_media_lookup:
 * @self: (type FeuilletPushMedia): the media of the article being pushed
 *
 * Returns: whether the site has @image
 */
gboolean
feuillet_push_media_lookup (const FeuilletRenderImage  *image,
                            guint64                    *id,
                            const char                **url,
                            gpointer                    self)
{
  FeuilletPushMedia *media = self;
  Medium *medium;

  g_return_val_if_fail (image != NULL, FALSE);
  g_return_val_if_fail (media != NULL, FALSE);

  medium = g_hash_table_lookup (media->by_source, image->source);
  if (medium == NULL || medium->id <= 0 || medium->url == NULL)
    return FALSE;
  *id = (guint64) medium->id;
  *url = medium->url;
  return TRUE;
}

gint64
feuillet_push_media_get_featured_id (FeuilletPushMedia *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->featured != NULL ? self->featured->id : 0;
}
