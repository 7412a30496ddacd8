/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-cli-lists"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-cli-private.h"

/* list and search: articles many at a time. */

static JsonNode *
summaries_to_json (GPtrArray *summaries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < summaries->len; i++)
    {
      FeuilletArticleSummary *summary = summaries->pdata[i];
      const char * const *tags = feuillet_article_summary_get_tags (summary);
      g_autoptr(GDateTime) updated = g_date_time_to_utc (feuillet_article_summary_get_updated (summary));
      g_autofree char *updated_text = g_date_time_format (updated, "%Y-%m-%dT%H:%M:%SZ");

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, feuillet_article_summary_get_id (summary));
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, feuillet_article_summary_get_title (summary));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder,
                                     feuillet_article_status_to_string (feuillet_article_summary_get_status (summary)));
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, feuillet_article_summary_get_category (summary));
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint j = 0; tags[j] != NULL; j++)
        json_builder_add_string_value (builder, tags[j]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "signes");
      json_builder_add_int_value (builder, feuillet_article_summary_get_signes (summary));
      json_builder_set_member_name (builder, "words");
      json_builder_add_int_value (builder, feuillet_article_summary_get_words (summary));
      json_builder_set_member_name (builder, "updated");
      json_builder_add_string_value (builder, updated_text);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static void
print_summaries (GPtrArray *summaries)
{
  for (guint i = 0; i < summaries->len; i++)
    {
      FeuilletArticleSummary *summary = summaries->pdata[i];
      g_autofree char *updated = feuillet_cli_format_date (feuillet_article_summary_get_updated (summary));
      const char *title = feuillet_article_summary_get_title (summary);

      g_print ("%6" G_GINT64_FORMAT "  %-10s  %s  %6u  %s\n",
               feuillet_article_summary_get_id (summary),
               feuillet_article_status_to_string (feuillet_article_summary_get_status (summary)),
               updated,
               feuillet_article_summary_get_signes (summary),
               title[0] != '\0' ? title : _("(untitled)"));
    }
}

/* The options list and search share: filters and how many. */
typedef struct
{
  char     *status;
  char     *tag;
  int       limit;
  gboolean  trash;
} ListOptions;

static void
list_options_clear (ListOptions *options)
{
  g_free (options->status);
  g_free (options->tag);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListOptions, list_options_clear)

#define LIST_OPTION_ENTRIES(options)                                                    \
  { "status", 0, 0, G_OPTION_ARG_STRING, &(options).status,                             \
    N_("Only articles with this status"), N_("STATUS") },                               \
  { "tag", 0, 0, G_OPTION_ARG_STRING, &(options).tag, N_("Only articles with this tag"), N_("TAG") }, \
  { "limit", 0, 0, G_OPTION_ARG_INT, &(options).limit, N_("At most N articles (0: all)"), N_("N") }

static int
run_query (FeuilletCli  *cli,
           ListOptions  *options,
           const char   *text)
{
  g_autoptr(FeuilletQuery) query = feuillet_query_new ();
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (options->limit < 0)
    return feuillet_cli_usage_error (_("--limit takes a number of articles, 0 for all"));
  if (options->status != NULL && !feuillet_article_status_from_string (options->status, &query->status))
    {
      g_autofree char *choices = feuillet_article_status_choices ();

      return feuillet_cli_usage_error (_("“%s” is not a status; use one of: %s"), options->status, choices);
    }

  query->has_status = options->status != NULL;
  query->tag = g_strdup (options->tag);
  query->trash = options->trash;
  query->text = g_strdup (text);
  query->limit = options->limit;

  if (!feuillet_cli_open (cli, &error))
    return feuillet_cli_error (error);

  feuillet_store_list_async (cli->store, query, NULL, feuillet_cli_store_result, &result);
  summaries = feuillet_store_list_finish (cli->store, feuillet_cli_wait (&result), &error);
  if (summaries == NULL)
    return feuillet_cli_error (error);

  if (cli->json)
    {
      g_autoptr(JsonNode) node = summaries_to_json (summaries);

      feuillet_cli_print_json (node);
    }
  else
    {
      print_summaries (summaries);
      if (options->limit > 0 && summaries->len == (guint) options->limit)
        g_printerr (_("(the first %d; --limit 0 shows all)\n"), options->limit);
    }

  return FEUILLET_CLI_EXIT_OK;
}

int
feuillet_cli_list (FeuilletCli  *cli,
                   char        **args)
{
  g_auto(ListOptions) options = { NULL, NULL, 0, FALSE };
  const GOptionEntry entries[] = {
    LIST_OPTION_ENTRIES (options),
    { "trash", 0, 0, G_OPTION_ARG_NONE, &options.trash, N_("List the trash"), NULL },
    { NULL }
  };
  int status;

  if (!feuillet_cli_parse (cli, "list", N_("[OPTION…]"), entries, &args, &status))
    return status;
  if (g_strv_length (args) > 1)
    return feuillet_cli_usage_error (_("Unexpected argument “%s”"), args[1]);

  return run_query (cli, &options, NULL);
}

int
feuillet_cli_search (FeuilletCli  *cli,
                     char        **args)
{
  g_auto(ListOptions) options = { NULL, NULL, 50, FALSE };
  const GOptionEntry entries[] = {
    LIST_OPTION_ENTRIES (options),
    { NULL }
  };
  g_autofree char *text = NULL;
  int status;

  if (!feuillet_cli_parse (cli, "search", N_("QUERY"), entries, &args, &status))
    return status;
  if (g_strv_length (args) < 2)
    return feuillet_cli_usage_error (_("What to search for? “feuillet-cli search QUERY”"));

  text = g_strjoinv (" ", args + 1);
  if (!g_utf8_validate (text, -1, NULL))
    return feuillet_cli_usage_error (_("The query is not valid UTF-8"));

  return run_query (cli, &options, text);
}
