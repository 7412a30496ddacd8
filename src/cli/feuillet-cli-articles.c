/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-cli-articles"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-cli-private.h"
#include "feuillet-error.h"
#include "feuillet-text.h"

/* new, show, edit, delete: one article at a time. */

/* The options new and edit share. */
typedef struct
{
  char  *title;
  char  *chapeau;
  char  *category;
  char **tags;
  char **remove_tags;
  char  *byline;
  char  *status;
  char  *language;
  char  *slug;
  char  *target;
  char  *typography;
  char  *body_file;
  /* what body_file holds, once read */
  char  *body;
} ArticleOptions;

static void
article_options_clear (ArticleOptions *options)
{
  g_free (options->title);
  g_free (options->chapeau);
  g_free (options->category);
  g_strfreev (options->tags);
  g_strfreev (options->remove_tags);
  g_free (options->byline);
  g_free (options->status);
  g_free (options->language);
  g_free (options->slug);
  g_free (options->target);
  g_free (options->typography);
  g_free (options->body_file);
  g_free (options->body);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ArticleOptions, article_options_clear)

static gboolean
check_option_text (const char  *option,
                   const char  *value,
                   GError     **error)
{
  g_autofree char *name = g_strdup_printf ("--%s", option);

  return value == NULL || feuillet_text_check_utf8 (value, strlen (value), name, error);
}

/* Reads --body-file, before the library is touched. */
static gboolean
read_body_file (ArticleOptions  *options,
                GError         **error)
{
  g_autofree char *display = NULL;
  gsize length;

  if (options->body_file == NULL)
    return TRUE;

  display = g_str_equal (options->body_file, "-") ? g_strdup (_("standard input"))
                                                  : g_filename_display_name (options->body_file);
  return feuillet_cli_read_input (options->body_file, &options->body, &length, error) &&
         feuillet_text_check_utf8 (options->body, length, display, error);
}

/* Applies the options given to @article; what is not given stays as it is. With edit, this
 * runs on the store's thread, in the transaction that saves the article (FeuilletArticleEditFunc). */
static gboolean
apply_options (FeuilletArticle  *article,
               gpointer          user_data,
               GError          **error)
{
  ArticleOptions *options = user_data;
  const struct { const char *option; const char *property; const char *value; } texts[] = {
    { "title", "title", options->title },
    { "chapeau", "chapeau", options->chapeau },
    { "category", "category", options->category },
    { "byline", "byline", options->byline },
    { "lang", "language", options->language },
    { "slug", "slug", options->slug },
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (texts[i].value == NULL)
        continue;
      if (!check_option_text (texts[i].option, texts[i].value, error))
        return FALSE;
      g_object_set (article, texts[i].property, texts[i].value, NULL);
    }

  for (guint i = 0; options->tags != NULL && options->tags[i] != NULL; i++)
    {
      if (!check_option_text ("tag", options->tags[i], error))
        return FALSE;
      feuillet_article_add_tag (article, options->tags[i]);
    }
  for (guint i = 0; options->remove_tags != NULL && options->remove_tags[i] != NULL; i++)
    {
      if (!check_option_text ("remove-tag", options->remove_tags[i], error))
        return FALSE;
      if (!feuillet_article_remove_tag (article, options->remove_tags[i]))
        {
          g_set_error (error, FEUILLET_ARTICLE_ERROR, FEUILLET_ARTICLE_ERROR_INVALID,
                       _("The article has no tag “%s”"), options->remove_tags[i]);
          return FALSE;
        }
    }

  if (options->status != NULL)
    {
      FeuilletArticleStatus status;

      if (!feuillet_article_status_from_string (options->status, &status))
        {
          g_autofree char *choices = feuillet_article_status_choices ();

          g_set_error (error, FEUILLET_ARTICLE_ERROR, FEUILLET_ARTICLE_ERROR_INVALID,
                       _("“%s” is not a status; use one of: %s"), options->status, choices);
          return FALSE;
        }
      feuillet_article_set_status (article, status);
    }

  if (options->target != NULL)
    {
      guint64 target;

      if (!g_ascii_string_to_unsigned (options->target, 10, 0, G_MAXINT, &target, NULL))
        {
          g_set_error (error, FEUILLET_ARTICLE_ERROR, FEUILLET_ARTICLE_ERROR_INVALID,
                       _("--target takes a length in signes, such as 4000, not “%s”"), options->target);
          return FALSE;
        }
      feuillet_article_set_target (article, target);
    }

  if (options->typography != NULL)
    {
      if (g_str_equal (options->typography, "on"))
        feuillet_article_set_typography (article, TRUE);
      else if (g_str_equal (options->typography, "off"))
        feuillet_article_set_typography (article, FALSE);
      else
        {
          g_set_error (error, FEUILLET_ARTICLE_ERROR, FEUILLET_ARTICLE_ERROR_INVALID,
                       _("--typography takes on or off, not “%s”"), options->typography);
          return FALSE;
        }
    }

  if (options->body != NULL)
    feuillet_article_set_body (article, options->body);

  return feuillet_article_validate (article, error);
}

#define ARTICLE_OPTION_ENTRIES(options)                                                           \
  { "title", 0, 0, G_OPTION_ARG_STRING, &(options).title, N_("The title"), N_("TEXT") },         \
  { "chapeau", 0, 0, G_OPTION_ARG_STRING, &(options).chapeau, N_("The chapeau (lede)"), N_("TEXT") }, \
  { "category", 0, 0, G_OPTION_ARG_STRING, &(options).category, N_("The category, shown as the kicker"), N_("NAME") }, \
  { "byline", 0, 0, G_OPTION_ARG_STRING, &(options).byline, N_("The signature"), N_("NAME") },   \
  { "status", 0, 0, G_OPTION_ARG_STRING, &(options).status,                                       \
    N_("The status: idea, draft, ready, submitted, scheduled or published"), N_("STATUS") },      \
  { "lang", 0, 0, G_OPTION_ARG_STRING, &(options).language, N_("The language, such as fr"), N_("LANG") }, \
  { "slug", 0, 0, G_OPTION_ARG_STRING, &(options).slug, N_("The last part of the article’s address on the site"), N_("SLUG") }, \
  { "target", 0, 0, G_OPTION_ARG_STRING, &(options).target, N_("The ordered length in signes"), N_("SIGNES") }, \
  { "typography", 0, 0, G_OPTION_ARG_STRING, &(options).typography,                              \
    N_("Set the language’s typography when rendering (« », no-break spaces): on or off"), N_("on|off") }, \
  { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &(options).body_file,                                \
    N_("Read the body (Markdown) from FILE, or - for standard input"), N_("FILE") }

/**
 * feuillet_cli_load_article:
 *
 * Opens the library and loads an article.
 */
FeuilletArticle *
feuillet_cli_load_article (FeuilletCli  *cli,
                           gint64        id,
                           GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (!feuillet_cli_open (cli, error))
    return NULL;

  feuillet_store_load_async (cli->store, id, NULL, feuillet_cli_store_result, &result);
  return feuillet_store_load_finish (cli->store, feuillet_cli_wait (&result), error);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          GDateTime   *date)
{
  json_builder_set_member_name (builder, name);
  if (date == NULL)
    {
      json_builder_add_null_value (builder);
    }
  else
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (date);
      g_autofree char *text = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      json_builder_add_string_value (builder, text);
    }
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, value);
}

/**
 * feuillet_cli_article_to_json:
 *
 * Returns: (transfer full): the article as `show --json` prints it (DESIGN.md)
 */
JsonNode *
feuillet_cli_article_to_json (FeuilletArticle *article)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char * const *tags = feuillet_article_get_tags (article);
  FeuilletCounts counts;

  feuillet_text_count (feuillet_article_get_title (article), feuillet_article_get_chapeau (article),
                       feuillet_article_get_body (article), &counts);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, feuillet_article_get_id (article));
  add_string (builder, "uuid", feuillet_article_get_uuid (article));
  add_string (builder, "title", feuillet_article_get_title (article));
  add_string (builder, "chapeau", feuillet_article_get_chapeau (article));
  add_string (builder, "body", feuillet_article_get_body (article));
  add_string (builder, "category", feuillet_article_get_category (article));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  add_string (builder, "byline", feuillet_article_get_byline (article));
  add_string (builder, "status", feuillet_article_status_to_string (feuillet_article_get_status (article)));
  add_string (builder, "slug", feuillet_article_get_slug (article));
  add_string (builder, "lang", feuillet_article_get_language (article));
  json_builder_set_member_name (builder, "target");
  json_builder_add_int_value (builder, feuillet_article_get_target (article));
  json_builder_set_member_name (builder, "typography");
  json_builder_add_boolean_value (builder, feuillet_article_get_typography (article));
  json_builder_set_member_name (builder, "signes");
  json_builder_add_int_value (builder, counts.signes);
  json_builder_set_member_name (builder, "words");
  json_builder_add_int_value (builder, counts.words);
  json_builder_set_member_name (builder, "feuillets");
  json_builder_add_double_value (builder, counts.feuillets);
  json_builder_set_member_name (builder, "reading_minutes");
  json_builder_add_int_value (builder, counts.reading_minutes);
  add_string (builder, "featured_image", feuillet_article_get_featured_image (article));
  add_date (builder, "schedule", feuillet_article_get_schedule_date (article));
  add_date (builder, "created", feuillet_article_get_created (article));
  add_date (builder, "updated", feuillet_article_get_updated (article));
  add_date (builder, "trashed", feuillet_article_get_trashed (article));

  json_builder_set_member_name (builder, "remote");
  json_builder_begin_object (builder);
  add_string (builder, "site", feuillet_article_get_remote_site (article));
  json_builder_set_member_name (builder, "id");
  if (feuillet_article_get_remote_id (article) > 0)
    json_builder_add_int_value (builder, feuillet_article_get_remote_id (article));
  else
    json_builder_add_null_value (builder);
  add_string (builder, "link", feuillet_article_get_remote_link (article));
  add_string (builder, "status", feuillet_article_get_remote_status (article));
  add_string (builder, "modified", feuillet_article_get_remote_modified (article));
  json_builder_end_object (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_article (FeuilletArticle *article)
{
  g_autofree char *tags = g_strjoinv (", ", (char **)feuillet_article_get_tags (article));
  g_autofree char *updated = feuillet_cli_format_date (feuillet_article_get_updated (article));
  g_autofree char *counts_text = NULL;
  FeuilletCounts counts;

  feuillet_text_count (feuillet_article_get_title (article), feuillet_article_get_chapeau (article),
                       feuillet_article_get_body (article), &counts);
  counts_text = feuillet_text_format_counts (&counts);

  g_print ("%s\n", feuillet_article_get_title (article));
  g_print ("%s · %s · %s", feuillet_article_status_get_label (feuillet_article_get_status (article)),
           feuillet_article_get_language (article), updated);
  if (feuillet_article_get_category (article)[0] != '\0')
    g_print (" · %s", feuillet_article_get_category (article));
  if (feuillet_article_get_byline (article)[0] != '\0')
    g_print (" · %s", feuillet_article_get_byline (article));
  g_print ("\n");
  if (tags[0] != '\0')
    /* Translators: before the list of an article's tags */
    g_print (_("Tags: %s\n"), tags);
  g_print ("%s", counts_text);
  if (feuillet_article_get_target (article) > 0)
    {
      g_print (" · ");
      /* Translators: the length the desk ordered, in signes */
      g_print (_("ordered: %'u signes"), feuillet_article_get_target (article));
    }
  g_print ("\n");
  if (feuillet_article_get_trashed (article) != NULL)
    g_print ("%s\n", _("In the trash"));
  if (feuillet_article_get_chapeau (article)[0] != '\0')
    g_print ("\n%s\n", feuillet_article_get_chapeau (article));
  if (feuillet_article_get_body (article)[0] != '\0')
    g_print ("\n%s%s", feuillet_article_get_body (article),
             g_str_has_suffix (feuillet_article_get_body (article), "\n") ? "" : "\n");
}

static gboolean
take_id (char   **args,
         gint64  *id,
         int     *status)
{
  guint count = g_strv_length (args);

  if (count < 2)
    {
      *status = feuillet_cli_usage_error (_("Which article? Give its id (see “feuillet-cli list”)"));
      return FALSE;
    }
  if (count > 2)
    {
      *status = feuillet_cli_usage_error (_("Unexpected argument “%s”"), args[2]);
      return FALSE;
    }
  if (!feuillet_cli_parse_id (args[1], id))
    {
      *status = feuillet_cli_usage_error (_("“%s” is not an article id (a number, see “feuillet-cli list”)"),
                                          args[1]);
      return FALSE;
    }

  return TRUE;
}

int
feuillet_cli_new (FeuilletCli  *cli,
                  char        **args)
{
  g_auto(ArticleOptions) options = { 0 };
  const GOptionEntry entries[] = {
    ARTICLE_OPTION_ENTRIES (options),
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.tags, N_("A tag (repeat for more)"), N_("TAG") },
    { NULL }
  };
  g_autoptr(FeuilletArticle) article = feuillet_article_new ();
  g_autoptr(FeuilletArticle) created = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!feuillet_cli_parse (cli, "new", N_("[OPTION…]"), entries, &args, &status))
    return status;
  if (g_strv_length (args) > 1)
    return feuillet_cli_usage_error (_("Unexpected argument “%s”"), args[1]);

  if (!read_body_file (&options, &error) || !apply_options (article, &options, &error) ||
      !feuillet_cli_open (cli, &error))
    return feuillet_cli_error (error);

  feuillet_store_create_async (cli->store, article, NULL, feuillet_cli_store_result, &result);
  created = feuillet_store_create_finish (cli->store, feuillet_cli_wait (&result), &error);
  if (created == NULL)
    return feuillet_cli_error (error);

  if (cli->json)
    {
      g_autoptr(JsonNode) node = feuillet_cli_article_to_json (created);

      feuillet_cli_print_json (node);
    }
  else
    {
      g_print ("%" G_GINT64_FORMAT "\n", feuillet_article_get_id (created));
    }

  return FEUILLET_CLI_EXIT_OK;
}

int
feuillet_cli_show (FeuilletCli  *cli,
                   char        **args)
{
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if (!feuillet_cli_parse (cli, "show", N_("ID"), NULL, &args, &status) || !take_id (args, &id, &status))
    return status;

  article = feuillet_cli_load_article (cli, id, &error);
  if (article == NULL)
    return feuillet_cli_error (error);

  if (cli->json)
    {
      g_autoptr(JsonNode) node = feuillet_cli_article_to_json (article);

      feuillet_cli_print_json (node);
    }
  else
    {
      print_article (article);
    }

  return FEUILLET_CLI_EXIT_OK;
}

int
feuillet_cli_edit (FeuilletCli  *cli,
                   char        **args)
{
  g_auto(ArticleOptions) options = { 0 };
  const GOptionEntry entries[] = {
    ARTICLE_OPTION_ENTRIES (options),
    { "add-tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.tags, N_("Add a tag (repeat for more)"), N_("TAG") },
    { "remove-tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.remove_tags,
      N_("Remove a tag (repeat for more)"), N_("TAG") },
    { NULL }
  };
  g_autoptr(FeuilletArticle) saved = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if (!feuillet_cli_parse (cli, "edit", N_("ID [OPTION…]"), entries, &args, &status) ||
      !take_id (args, &id, &status))
    return status;

  if (!read_body_file (&options, &error) || !feuillet_cli_open (cli, &error))
    return feuillet_cli_error (error);

  /* Read, change and save at once: another program may be editing the same article. */
  feuillet_store_edit_async (cli->store, id, apply_options, &options, NULL, NULL,
                             feuillet_cli_store_result, &result);
  saved = feuillet_store_edit_finish (cli->store, feuillet_cli_wait (&result), &error);
  if (saved == NULL)
    return feuillet_cli_error (error);

  if (cli->json)
    {
      g_autoptr(JsonNode) node = feuillet_cli_article_to_json (saved);

      feuillet_cli_print_json (node);
    }

  return FEUILLET_CLI_EXIT_OK;
}

int
feuillet_cli_delete (FeuilletCli  *cli,
                     char        **args)
{
  gboolean purge = FALSE;
  const GOptionEntry entries[] = {
    { "purge", 0, 0, G_OPTION_ARG_NONE, &purge, N_("Delete for good, without the trash"), NULL },
    { NULL }
  };
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  gint64 id;
  int status;

  if (!feuillet_cli_parse (cli, "delete", N_("ID"), entries, &args, &status) || !take_id (args, &id, &status))
    return status;

  /* Loading first gives an unknown id its message. */
  article = feuillet_cli_load_article (cli, id, &error);
  if (article == NULL)
    return feuillet_cli_error (error);

  if (purge)
    {
      feuillet_store_purge_async (cli->store, id, NULL, feuillet_cli_store_result, &result);
      ok = feuillet_store_purge_finish (cli->store, feuillet_cli_wait (&result), &error);
    }
  else
    {
      feuillet_store_trash_async (cli->store, id, NULL, feuillet_cli_store_result, &result);
      ok = feuillet_store_trash_finish (cli->store, feuillet_cli_wait (&result), &error);
    }
  if (!ok)
    return feuillet_cli_error (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, purge ? "purged" : "trashed");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      feuillet_cli_print_json (node);
    }
  else if (purge)
    {
      g_print (_("Article %lld deleted for good\n"), (long long) id);
    }
  else
    {
      g_print (_("Article %lld moved to the trash (“feuillet-cli restore %lld” brings it back)\n"),
               (long long) id, (long long) id);
    }

  return FEUILLET_CLI_EXIT_OK;
}
