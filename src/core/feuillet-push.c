/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-push"

#include "config.h"

#include "feuillet-push.h"

#include "feuillet-error.h"
#include "feuillet-json.h"
#include "feuillet-push-media.h"
#include "feuillet-push-terms.h"
#include "feuillet-render.h"
#include "feuillet-tags.h"
#include "feuillet-typography.h"

#include <glib/gi18n-lib.h>
#include <string.h>

/*
 * Push (DESIGN.md, data flow "push"; WORDPRESS.md, "Posts"): render, create or update the
 * post, record the remote side. WordPress has no ETag: a change on the server is seen by
 * comparing its modified_gmt, read right before the update, with the one recorded at the
 * last push (invariant 4).
 *
 * The category and tags are resolved to the site's term ids after that check and before the
 * post is sent: both lists are read whole (every page) once per push, missing tags created.
 *
 * A create is never sent twice (invariant 4). When the connection breaks after WordPress
 * has created the post, its answer, and so the post's id, is lost, and a create that was
 * lost cannot be told apart from one that never arrived. So, before the POST that creates
 * the post, a row of the library's outbox says that a create is in flight: when it went out
 * and a checksum ("fingerprint") of the title, excerpt and content sent. The row is removed
 * once the answer is recorded in the article (remote id and all). A push that finds the
 * article without a remote id but with a create in flight looks for that post first:
 *
 *   GET wp/v2/posts?status=any&context=edit&author=ME&modified_after=SENT-12h
 *       &orderby=date&order=desc&per_page=20&search=WORD
 *
 * (ME from users/me, WORD the longest word of the title, SENT the time the create went out;
 * the margin covers the site's time zone and clocks that disagree). A post whose title.raw,
 * excerpt.raw and content.raw have the fingerprint of what was sent then, or of what would
 * be sent now, is the one: it becomes the article's remote post and is updated to what is
 * sent now (status, terms), rather than a second post being created. WordPress keeps no
 * field of ours that could carry a marker (meta needs keys registered by a plugin, the slug
 * is seen by readers), hence this lookup by content.
 *
 * Limits: a post that was edited on the site between the lost answer and the retry, a title
 * changed in between (the search word), or content that WordPress rewrote on save (kses for
 * users without unfiltered_html) are not matched, and the post is created again.
 *
 * When the site cannot be reached, the push is kept in the outbox instead (state "queued":
 * the status and date asked for, one row per article, a later push replacing it) and goes
 * out with a later push or "feuillet-cli sync", through this same code. A create that went
 * out before the site was lost keeps its time and fingerprint when it is queued, so that
 * the lookup above still runs when it is sent again: that lookup is done for any row of a
 * create with a fingerprint, queued or sending.
 *
 * Images (feuillet-push-media.c): the local files are read and checked before anything is
 * sent, and uploaded (those the site does not have yet) once the post is about to go out,
 * after the conflict check and the terms; the content then points to the site's copies, and
 * the featured image becomes featured_media, which WordPress drops silently when it is not
 * valid: the answer is checked. When the site's signature setting is on, the content ends
 * with the byline (feuillet_render_article_post_content()).
 */

static const char * const status_names[] = { "draft", "pending", "publish", "future" };

const char *
feuillet_push_status_to_string (FeuilletPushStatus status)
{
  g_return_val_if_fail (status <= FEUILLET_PUSH_FUTURE, NULL);

  return status_names[status];
}

gboolean
feuillet_push_status_from_string (const char         *string,
                                  FeuilletPushStatus *status)
{
  g_return_val_if_fail (string != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (g_str_equal (string, status_names[i]))
        {
          if (status != NULL)
            *status = (FeuilletPushStatus) i;
          return TRUE;
        }
    }
  return FALSE;
}

static JsonNode *build_post (FeuilletArticle    *article,
                             FeuilletPushStatus  status,
                             GDateTime          *date,
                             const char         *content);

/**
 * feuillet_push_build_post:
 * @date: (nullable): the publication date, sent as date_gmt
 *
 * Returns: (transfer full): the post's fields as WordPress takes them
 */
JsonNode *
feuillet_push_build_post (FeuilletArticle    *article,
                          FeuilletPushStatus  status,
                          GDateTime          *date)
{
  g_autofree char *content = NULL;

  g_return_val_if_fail (FEUILLET_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (status <= FEUILLET_PUSH_FUTURE, NULL);

  content = feuillet_render_article_body (article, FEUILLET_RENDER_BLOCKS);
  return build_post (article, status, date, content);
}

static JsonNode *
build_post (FeuilletArticle    *article,
            FeuilletPushStatus  status,
            GDateTime          *date,
            const char         *content)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  FeuilletTypography typography;
  g_autofree char *title = NULL;
  g_autofree char *excerpt = NULL;
  const char *slug;

  typography = feuillet_render_article_typography (article);
  title = feuillet_typography_apply (typography, feuillet_article_get_title (article));
  excerpt = feuillet_typography_apply (typography, feuillet_article_get_chapeau (article));
  slug = feuillet_article_get_slug (article);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "excerpt");
  json_builder_add_string_value (builder, excerpt);
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, status_names[status]);
  if (slug != NULL && *slug != '\0')
    {
      json_builder_set_member_name (builder, "slug");
      json_builder_add_string_value (builder, slug);
    }
  if (date != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (date);
      g_autofree char *date_gmt = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

      json_builder_set_member_name (builder, "date_gmt");
      json_builder_add_string_value (builder, date_gmt);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

typedef struct
{
  FeuilletStore      *store;
  FeuilletWpClient   *client;
  char               *site_name;
  gint64              id;
  FeuilletPushStatus  status;
  GDateTime          *date;
  FeuilletArticle    *article;
  char               *route;
  gint64              category_id;   /* 0: no category */
  GArray             *tag_ids;       /* gint64 */
  gboolean            terms_refreshed; /* the library's copy of the terms was found stale once */
  gboolean            terms_stale;   /* the site dropped a term sent: fetch them, send again */
  char               *server_modified;    /* a post changed on the site since the last push: */
  char               *server_fingerprint; /* when, and the checksum of what it holds */
  gboolean            creating;      /* the POST creates the post: recorded in the outbox first */
  FeuilletOutboxEntry *in_flight;    /* a create sent earlier whose answer was not recorded */
  gboolean            signature;     /* the site's setting: the byline ends the post */
  FeuilletPushMedia  *media;         /* the article's images, read before anything is sent */
  gboolean            featured_dropped; /* the site did not keep featured_media */
  FeuilletArticle    *pushed;        /* the article as recorded */
} PushData;

static void
push_data_free (PushData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->client);
  g_clear_pointer (&data->site_name, g_free);
  g_clear_pointer (&data->date, g_date_time_unref);
  g_clear_object (&data->article);
  g_clear_pointer (&data->route, g_free);
  g_clear_pointer (&data->server_modified, g_free);
  g_clear_pointer (&data->server_fingerprint, g_free);
  g_clear_pointer (&data->tag_ids, g_array_unref);
  g_clear_pointer (&data->in_flight, feuillet_outbox_entry_free);
  g_clear_pointer (&data->media, feuillet_push_media_unref);
  g_clear_object (&data->pushed);
  g_free (data);
}

static void resolve_terms (GTask *task);

/* What the server says it stored: copied into the library's article. */
typedef struct
{
  char   *site;
  gint64  remote_id;
  char   *link;
  char   *status;
  char   *modified;
  char   *base;
} RemoteData;

static void
remote_data_free (RemoteData *remote)
{
  g_free (remote->site);
  g_free (remote->link);
  g_free (remote->status);
  g_free (remote->modified);
  g_free (remote->base);
  g_free (remote);
}

static GError *
invalid_post_error (FeuilletWpClient *client)
{
  /* Translators: %s is the site's address. */
  return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INVALID_ANSWER,
                      _("The answer of %s is not a WordPress post"), feuillet_wp_client_get_site_url (client));
}

static gboolean
record_remote (FeuilletArticle  *article,
               gpointer          user_data,
               GError          **error)
{
  RemoteData *remote = user_data;

  feuillet_article_set_remote_site (article, remote->site);
  feuillet_article_set_remote_id (article, remote->remote_id);
  feuillet_article_set_remote_link (article, remote->link);
  feuillet_article_set_remote_status (article, remote->status);
  feuillet_article_set_remote_modified (article, remote->modified);
  feuillet_article_set_remote_base (article, remote->base);
  return TRUE;
}

static void
on_outbox_cleared_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!feuillet_store_remove_outbox_finish (FEUILLET_STORE (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (data->terms_stale)
    {
      /* Once: the terms fetched from the site anew, the post (recorded, so updated, never
       * created twice) is sent again with the right ones. */
      g_debug ("The library’s copy of the terms of %s was out of date: fetching them", data->site_name);
      data->terms_stale = FALSE;
      data->terms_refreshed = TRUE;
      data->creating = FALSE;
      g_free (data->route);
      data->route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT, feuillet_article_get_remote_id (data->pushed));
      g_clear_object (&data->pushed);
      resolve_terms (g_steal_pointer (&task));
    }
  else if (data->featured_dropped)
    /* The post is recorded as sent; the next push checks the media again and uploads the
     * picture anew if the site lost it. */
    g_task_return_new_error (task, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INVALID_ANSWER,
                             /* Translators: %lld is a media number on the site, %s the site's name. */
                             _("The post was sent, but %s did not keep its featured image (media %lld)"),
                             data->site_name, (long long) feuillet_push_media_get_featured_id (data->media));
  else
    g_task_return_pointer (task, g_steal_pointer (&data->pushed), g_object_unref);
}

static void
on_recorded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  data->pushed = feuillet_store_edit_finish (FEUILLET_STORE (source), result, &error);
  if (data->pushed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The answer is recorded: nothing is in flight any more. Should this fail, the next push
   * finds a remote id and updates; the row left behind is removed then. */
  cancellable = g_task_get_cancellable (task);
  feuillet_store_remove_outbox_async (data->store, data->id, cancellable, on_outbox_cleared_cb,
                                      g_steal_pointer (&task));
}

static gboolean
array_has_id (JsonObject *post,
              const char *member,
              gint64      id)
{
  JsonNode *node = json_object_get_member (post, member);
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (json_node_get_value_type (element) == G_TYPE_INT64 && json_node_get_int (element) == id)
        return TRUE;
    }
  return FALSE;
}

/* Whether the post WordPress answered with has every term sent. */
static gboolean
post_has_terms (PushData   *data,
                JsonObject *post)
{
  if (data->category_id > 0 && !array_has_id (post, "categories", data->category_id))
    return FALSE;
  for (guint i = 0; data->tag_ids != NULL && i < data->tag_ids->len; i++)
    if (!array_has_id (post, "tags", g_array_index (data->tag_ids, gint64, i)))
      return FALSE;
  return TRUE;
}

static void
on_posted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *post;
  gint64 id;
  RemoteData *remote;
  GCancellable *cancellable;

  answer = feuillet_wp_client_request_finish (FEUILLET_WP_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  post = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  id = feuillet_json_get_id (post, "id");
  if (id == 0 ||
      feuillet_json_get_string (post, "modified_gmt") == NULL ||
      feuillet_json_get_string (feuillet_json_get_object (post, "content"), "raw") == NULL)
    {
      g_task_return_error (task, invalid_post_error (data->client));
      return;
    }

  if (data->media != NULL && feuillet_push_media_get_featured_id (data->media) > 0)
    {
      data->featured_dropped = feuillet_json_get_id (post, "featured_media") !=
                               feuillet_push_media_get_featured_id (data->media);
    }

  /* WordPress drops a term id it does not know without a word: the library's copy of the
   * site's terms was out of date. */
  data->terms_stale = !data->terms_refreshed && !post_has_terms (data, post);

  remote = g_new0 (RemoteData, 1);
  remote->site = g_strdup (data->site_name);
  remote->remote_id = id;
  remote->link = g_strdup (feuillet_json_get_string (post, "link"));
  remote->status = g_strdup (feuillet_json_get_string (post, "status"));
  remote->modified = g_strdup (feuillet_json_get_string (post, "modified_gmt"));
  remote->base = g_strdup (feuillet_json_get_string (feuillet_json_get_object (post, "content"), "raw"));

  /* An edit of the remote side only: the article's text is read again at this moment and
   * kept, and it does not count as a change of the article. */
  cancellable = g_task_get_cancellable (task);
  feuillet_store_edit_async (data->store, data->id, record_remote, remote, (GDestroyNotify) remote_data_free,
                             cancellable, on_recorded_cb, g_steal_pointer (&task));
}

/* The checksum of a post's title, excerpt and content, as sent or as WordPress gives them
 * back raw (context=edit). NULL when one is missing. */
static char *
post_fingerprint (const char *title,
                  const char *excerpt,
                  const char *content)
{
  g_autoptr(GChecksum) checksum = NULL;

  if (title == NULL || excerpt == NULL || content == NULL)
    return NULL;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) title, -1);
  g_checksum_update (checksum, (const guchar *) "", 1);
  g_checksum_update (checksum, (const guchar *) excerpt, -1);
  g_checksum_update (checksum, (const guchar *) "", 1);
  g_checksum_update (checksum, (const guchar *) content, -1);
  return g_strdup (g_checksum_get_string (checksum));
}

static char *
body_fingerprint (JsonNode *body)
{
  JsonObject *post = json_node_get_object (body);

  return post_fingerprint (feuillet_json_get_string (post, "title"), feuillet_json_get_string (post, "excerpt"),
                           feuillet_json_get_string (post, "content"));
}

/* The post as sent: its images point to the site's copies (those known so far), signed
 * when the site wants it, with its terms and featured image. */
static JsonNode *
build_body (PushData *data)
{
  g_autofree char *content = NULL;
  JsonNode *body;
  JsonObject *post;

  content = feuillet_render_article_post_content (data->article,
                                                  data->media != NULL ? feuillet_push_media_lookup : NULL,
                                                  data->media, data->signature);
  body = build_post (data->article, data->status, data->date, content);
  post = json_node_get_object (body);
  /* A featured image taken off the article is taken off the post too (0). */
  json_object_set_int_member (post, "featured_media",
                              data->media != NULL ? feuillet_push_media_get_featured_id (data->media) : 0);

  /* No category: none sent, and WordPress gives a new post its default one ("categories": []
   * would leave the post in none at all). */
  if (data->category_id > 0)
    {
      JsonArray *categories = json_array_new ();

      json_array_add_int_element (categories, data->category_id);
      json_object_set_array_member (post, "categories", categories);
    }
  if (data->tag_ids != NULL)
    {
      JsonArray *tags = json_array_new ();

      for (guint i = 0; i < data->tag_ids->len; i++)
        json_array_add_int_element (tags, g_array_index (data->tag_ids, gint64, i));
      json_object_set_array_member (post, "tags", tags);
    }

  return body;
}

static void
post (GTask *task)
{
  PushData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = build_body (data);

  feuillet_wp_client_request_async (data->client, "POST", data->route, NULL, body,
                                    g_task_get_cancellable (task), on_posted_cb, task);
}

static void
on_in_flight_recorded_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!feuillet_store_put_outbox_finish (FEUILLET_STORE (source), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  post (g_steal_pointer (&task));
}

/* A post goes out only once the library says it is in flight. */
static void
send_post (GTask *task)
{
  PushData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GDateTime) now = NULL;
  FeuilletOutboxEntry entry = { 0, };
  g_autofree char *fingerprint = NULL;

  body = build_body (data);
  fingerprint = body_fingerprint (body);
  now = g_date_time_new_now_utc ();
  entry.article_id = data->id;
  entry.site = data->site_name;
  /* An update is recorded too: should its answer be lost, the next push knows the change
   * it finds on the site for its own (on_update_outbox_listed_cb). */
  entry.action = (char *) (data->creating ? "create" : "update");
  entry.status = (char *) status_names[data->status];
  entry.date = data->date;
  entry.state = (char *) "sending";
  entry.sent = now;
  entry.attempts = 1;
  entry.fingerprint = fingerprint;
  feuillet_store_put_outbox_async (data->store, &entry, g_task_get_cancellable (task),
                                   on_in_flight_recorded_cb, task);
}

/* -- the images -- */

static void
on_media_uploaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!feuillet_push_media_upload_finish (result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  send_post (g_steal_pointer (&task));
}

/* The images the site does not have yet, then the post. */
static void
upload_media (GTask *task)
{
  PushData *data = g_task_get_task_data (task);

  feuillet_push_media_upload_async (data->media, data->client, g_task_get_cancellable (task),
                                    on_media_uploaded_cb, task);
}

/* -- the category and tags -- */

static void
on_terms_resolved_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&data->tag_ids, g_array_unref);
  if (!feuillet_push_terms_resolve_finish (result, &data->category_id, &data->tag_ids, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  upload_media (g_steal_pointer (&task));
}

/* The category and tags (feuillet-push-terms.c), then the images, then the post. */
static void
resolve_terms (GTask *task)
{
  PushData *data = g_task_get_task_data (task);

  feuillet_push_terms_resolve_async (data->store, data->client, data->site_name, data->article,
                                     data->terms_refreshed, g_task_get_cancellable (task),
                                     on_terms_resolved_cb, task);
}

static void
on_update_outbox_listed_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  const FeuilletOutboxEntry *entry;

  entries = feuillet_store_list_outbox_finish (FEUILLET_STORE (source), result, &error);
  if (entries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* An update went out, and what the site holds now is exactly what it carried: the site's
   * change is ours, its answer lost on the way back. Not a conflict: the push goes on. */
  entry = entries->len > 0 ? entries->pdata[0] : NULL;
  if (entry != NULL && g_strcmp0 (entry->action, "update") == 0 && entry->sent != NULL &&
      entry->fingerprint != NULL && g_ascii_strcasecmp (entry->site, data->site_name) == 0 &&
      g_strcmp0 (entry->fingerprint, data->server_fingerprint) == 0)
    {
      g_debug ("Post %" G_GINT64_FORMAT " on %s holds the update of push %s, whose answer was lost",
               feuillet_article_get_remote_id (data->article), data->site_name, entry->marker);
      resolve_terms (g_steal_pointer (&task));
      return;
    }

  g_task_return_new_error (task, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_CONFLICT,
                           /* Translators: %lld is the post's number on the site, the first %s the
                            * site's name, the second a UTC date and time as WordPress gives it. */
                           _("Post %lld on %s was changed on the site (%s UTC) since the last push: "
                             "nothing was sent, so as not to overwrite it"),
                           (long long) feuillet_article_get_remote_id (data->article), data->site_name,
                           data->server_modified);
}

static void
on_current_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  JsonObject *post;
  const char *modified;
  const char *content;
  const char *base;
  GCancellable *cancellable;

  answer = feuillet_wp_client_request_finish (FEUILLET_WP_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  post = JSON_NODE_HOLDS_OBJECT (answer) ? json_node_get_object (answer) : NULL;
  modified = feuillet_json_get_string (post, "modified_gmt");
  content = feuillet_json_get_string (feuillet_json_get_object (post, "content"), "raw");
  if (modified == NULL || content == NULL)
    {
      g_task_return_error (task, invalid_post_error (data->client));
      return;
    }
  base = feuillet_article_get_remote_base (data->article);

  /* modified_gmt counts whole seconds: an edit in the same second as the last push is
   * still seen when it changed the text. The article keeps an empty base as NULL. */
  if (g_strcmp0 (modified, feuillet_article_get_remote_modified (data->article)) == 0 &&
      g_strcmp0 (content, base != NULL ? base : "") == 0)
    {
      resolve_terms (g_steal_pointer (&task));
      return;
    }

  /* Changed on the site: by the desk, or by an update of ours whose answer was lost. */
  data->server_modified = g_strdup (modified);
  data->server_fingerprint = post_fingerprint (feuillet_json_get_string (feuillet_json_get_object (post, "title"), "raw"),
                                               feuillet_json_get_string (feuillet_json_get_object (post, "excerpt"), "raw"),
                                               content);
  cancellable = g_task_get_cancellable (task);
  feuillet_store_list_outbox_async (data->store, data->id, cancellable, on_update_outbox_listed_cb,
                                    g_steal_pointer (&task));
}

/* -- a create whose answer was lost -- */

/* The longest word of @title (letters and digits), for WordPress's search: NULL when none. */
static char *
search_word (const char *title)
{
  const char *best = NULL;
  gsize best_len = 0;

  for (const char *p = title; *p != '\0';)
    {
      const char *start = p;

      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if ((gsize) (p - start) > best_len)
        {
          best = start;
          best_len = p - start;
        }
      if (*p != '\0' && p == start)
        p = g_utf8_next_char (p);
    }
  return best != NULL ? g_strndup (best, best_len) : NULL;
}

static void
on_candidates_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *now = NULL;
  JsonArray *posts;

  answer = feuillet_wp_client_request_finish (FEUILLET_WP_CLIENT (source), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!JSON_NODE_HOLDS_ARRAY (answer))
    {
      g_task_return_error (task, invalid_post_error (data->client));
      return;
    }

  body = build_body (data);
  now = body_fingerprint (body);
  posts = json_node_get_array (answer);
  for (guint i = 0; i < json_array_get_length (posts); i++)
    {
      JsonNode *node = json_array_get_element (posts, i);
      JsonObject *post = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      gint64 id = feuillet_json_get_id (post, "id");
      g_autofree char *fingerprint = NULL;

      if (id == 0)
        continue;
      fingerprint = post_fingerprint (feuillet_json_get_string (feuillet_json_get_object (post, "title"), "raw"),
                                      feuillet_json_get_string (feuillet_json_get_object (post, "excerpt"), "raw"),
                                      feuillet_json_get_string (feuillet_json_get_object (post, "content"), "raw"));
      if (fingerprint == NULL ||
          (g_strcmp0 (fingerprint, data->in_flight->fingerprint) != 0 && g_strcmp0 (fingerprint, now) != 0))
        continue;

      /* The create went through: that post is the article's, brought up to date. */
      g_debug ("Post %" G_GINT64_FORMAT " on %s is the one created by push %s", id,
               data->site_name, data->in_flight->marker);
      g_free (data->route);
      data->route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT, id);
      data->creating = FALSE;
      break;
    }

  resolve_terms (g_steal_pointer (&task));
}

static void
on_user_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(FeuilletWpUser) user = NULL;
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *after_text = NULL;
  g_autofree char *word = NULL;
  g_autoptr(GString) query = NULL;
  GCancellable *cancellable;

  user = feuillet_wp_client_check_credentials_finish (FEUILLET_WP_CLIENT (source), result, &error);
  if (user == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  after = g_date_time_add_hours (data->in_flight->sent, -12);
  after_text = g_date_time_format (after, "%Y-%m-%dT%H:%M:%S");
  query = g_string_new ("status=any&context=edit&per_page=20&orderby=date&order=desc");
  g_string_append_printf (query, "&author=%" G_GINT64_FORMAT "&modified_after=", user->id);
  g_string_append_uri_escaped (query, after_text, NULL, FALSE);
  body = build_body (data);
  word = search_word (feuillet_json_get_string (json_node_get_object (body), "title"));
  if (word != NULL)
    {
      g_string_append (query, "&search=");
      g_string_append_uri_escaped (query, word, NULL, FALSE);
    }

  cancellable = g_task_get_cancellable (task);
  feuillet_wp_client_request_async (data->client, "GET", "wp/v2/posts", query->str, NULL,
                                    cancellable, on_candidates_cb, g_steal_pointer (&task));
}

static void
on_outbox_listed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  FeuilletOutboxEntry *entry;
  GCancellable *cancellable;

  entries = feuillet_store_list_outbox_finish (FEUILLET_STORE (source), result, &error);
  if (entries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  entry = entries->len > 0 ? entries->pdata[0] : NULL;
  if (entry == NULL || g_strcmp0 (entry->action, "create") != 0 ||
      entry->sent == NULL || entry->fingerprint == NULL || g_ascii_strcasecmp (entry->site, data->site_name) != 0)
    {
      resolve_terms (g_steal_pointer (&task));
      return;
    }

  /* A create went out and its answer was never recorded: it may have been carried out. */
  data->in_flight = feuillet_outbox_entry_copy (entry);
  cancellable = g_task_get_cancellable (task);
  feuillet_wp_client_check_credentials_async (data->client, cancellable, on_user_cb, g_steal_pointer (&task));
}

/* Create, or check the post on the site before updating it. */
static void
check_remote (GTask *task)
{
  PushData *data = g_task_get_task_data (task);
  gint64 remote_id = feuillet_article_get_remote_id (data->article);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (remote_id <= 0)
    {
      data->route = g_strdup ("wp/v2/posts");
      data->creating = TRUE;
      feuillet_store_list_outbox_async (data->store, data->id, cancellable, on_outbox_listed_cb, task);
      return;
    }

  data->route = g_strdup_printf ("wp/v2/posts/%" G_GINT64_FORMAT, remote_id);
  feuillet_wp_client_request_async (data->client, "GET", data->route, "context=edit", NULL,
                                    cancellable, on_current_cb, task);
}

static void
on_media_prepared_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->media = feuillet_push_media_prepare_finish (result, &error);
  if (data->media == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  check_remote (g_steal_pointer (&task));
}

static void
on_sites_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  GCancellable *cancellable;

  sites = feuillet_store_list_sites_finish (FEUILLET_STORE (source), result, &error);
  if (sites == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < sites->len; i++)
    {
      const FeuilletSite *site = sites->pdata[i];

      if (g_ascii_strcasecmp (site->name, data->site_name) == 0)
        data->signature = site->signature;
    }

  /* The images are read before anything is sent: a missing one stops the push here. */
  cancellable = g_task_get_cancellable (task);
  feuillet_push_media_prepare_async (data->store, data->site_name, data->article, cancellable,
                                     on_media_prepared_cb, g_steal_pointer (&task));
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PushData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *remote_site;
  gint64 remote_id;
  GCancellable *cancellable;

  data->article = feuillet_store_load_finish (FEUILLET_STORE (source), result, &error);
  if (data->article == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (feuillet_article_get_trashed (data->article) != NULL)
    {
      g_task_return_new_error (task, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_IN_TRASH,
                               _("Article %lld is in the trash; restore it before publishing it"),
                               (long long) data->id);
      return;
    }

  remote_site = feuillet_article_get_remote_site (data->article);
  remote_id = feuillet_article_get_remote_id (data->article);
  if (remote_id > 0 && remote_site != NULL && g_ascii_strcasecmp (remote_site, data->site_name) != 0)
    {
      /* One remote side per article: a second site would lose track of the first post. */
      g_task_return_new_error (task, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_FAILED,
                               /* Translators: %lld is an article's number, %s a site's name. */
                               _("Article %lld is already published on the site “%s”"),
                               (long long) data->id, remote_site);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  feuillet_store_list_sites_async (data->store, cancellable, on_sites_listed_cb, g_steal_pointer (&task));
}

void
feuillet_push_async (FeuilletStore       *store,
                     FeuilletWpClient    *client,
                     const char          *site_name,
                     gint64               id,
                     FeuilletPushStatus   status,
                     GDateTime           *date,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PushData *data;

  g_return_if_fail (FEUILLET_IS_STORE (store));
  g_return_if_fail (FEUILLET_IS_WP_CLIENT (client));
  g_return_if_fail (site_name != NULL);
  g_return_if_fail (status <= FEUILLET_PUSH_FUTURE);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_push_async);

  if (status == FEUILLET_PUSH_FUTURE && date == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                               _("A scheduled post needs a publication date"));
      return;
    }

  data = g_new0 (PushData, 1);
  data->store = g_object_ref (store);
  data->client = g_object_ref (client);
  data->site_name = g_strdup (site_name);
  data->id = id;
  data->status = status;
  data->date = date != NULL ? g_date_time_ref (date) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) push_data_free);

  feuillet_store_load_async (store, id, cancellable, on_loaded_cb, g_steal_pointer (&task));
}

/**
 * feuillet_push_finish:
 *
 * Returns: (transfer full): the article as recorded after the push, its remote side set
 */
FeuilletArticle *
feuillet_push_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_push_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- the queue -- */

typedef struct
{
  FeuilletStore       *store;
  char                *site_name;
  gint64               id;
  FeuilletPushStatus   status;
  GDateTime           *date;
  FeuilletOutboxEntry *previous;  /* the article's row, or NULL */
} QueueData;

static void
queue_data_free (QueueData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->site_name, g_free);
  g_clear_pointer (&data->date, g_date_time_unref);
  g_clear_pointer (&data->previous, feuillet_outbox_entry_free);
  g_free (data);
}

static void
on_queued_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!feuillet_store_put_outbox_finish (FEUILLET_STORE (source), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_queue_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QueueData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(FeuilletArticle) article = NULL;
  FeuilletOutboxEntry *previous = data->previous;
  FeuilletOutboxEntry entry = { 0, };
  GCancellable *cancellable;
  gboolean in_flight;

  article = feuillet_store_load_finish (FEUILLET_STORE (source), result, &error);
  if (article == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A create or an update sent earlier to the same site, whose answer was not recorded:
   * its time and fingerprint stay, so that the push that sends it later knows what it may
   * find on the site (a post it created, a change of its own). */
  entry.action = (char *) (feuillet_article_get_remote_id (article) > 0 ? "update" : "create");
  in_flight = previous != NULL && g_strcmp0 (previous->action, entry.action) == 0 && previous->sent != NULL &&
              previous->fingerprint != NULL && g_ascii_strcasecmp (previous->site, data->site_name) == 0;

  entry.article_id = data->id;
  entry.site = data->site_name;
  entry.status = (char *) status_names[data->status];
  entry.date = data->date;
  entry.state = (char *) "queued";
  entry.sent = in_flight ? previous->sent : NULL;
  entry.attempts = 0;
  entry.fingerprint = in_flight ? previous->fingerprint : NULL;
  cancellable = g_task_get_cancellable (task);
  feuillet_store_put_outbox_async (data->store, &entry, cancellable, on_queued_cb, g_steal_pointer (&task));
}

static void
on_queue_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  QueueData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GCancellable *cancellable;

  entries = feuillet_store_list_outbox_finish (FEUILLET_STORE (source), result, &error);
  if (entries == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (entries->len > 0)
    data->previous = feuillet_outbox_entry_copy (entries->pdata[0]);

  cancellable = g_task_get_cancellable (task);
  feuillet_store_load_async (data->store, data->id, cancellable, on_queue_loaded_cb, g_steal_pointer (&task));
}

void
feuillet_push_queue_async (FeuilletStore       *store,
                           const char          *site_name,
                           gint64               id,
                           FeuilletPushStatus   status,
                           GDateTime           *date,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  QueueData *data;

  g_return_if_fail (FEUILLET_IS_STORE (store));
  g_return_if_fail (site_name != NULL);
  g_return_if_fail (status <= FEUILLET_PUSH_FUTURE);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, feuillet_push_queue_async);

  data = g_new0 (QueueData, 1);
  data->store = g_object_ref (store);
  data->site_name = g_strdup (site_name);
  data->id = id;
  data->status = status;
  data->date = date != NULL ? g_date_time_ref (date) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) queue_data_free);

  feuillet_store_list_outbox_async (store, id, cancellable, on_queue_listed_cb, g_steal_pointer (&task));
}

gboolean
feuillet_push_queue_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == feuillet_push_queue_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
