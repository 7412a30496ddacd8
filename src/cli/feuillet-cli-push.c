/* SPDX-License-Identifier: GPL-3.0-or-later */
/* feuillet-cli push: an article to a WordPress site, as a draft, for review or published;
 * feuillet-cli sync: the pushes kept in the outbox while a site could not be reached. */
#define G_LOG_DOMAIN "feuillet-cli-push"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-cli-private.h"
#include "feuillet-error.h"
#include "feuillet-publisher.h"

/* What a failure to choose the site means here: the hints name the command's own options. */
static int
site_error (const GError *error)
{
  if (g_error_matches (error, FEUILLET_PUBLISHER_ERROR, FEUILLET_PUBLISHER_ERROR_NO_SITE))
    {
      g_printerr ("feuillet-cli: %s\n", _("The library has no site to publish to: add one with “feuillet-cli site add”"));
      return FEUILLET_CLI_EXIT_USAGE;
    }
  if (g_error_matches (error, FEUILLET_PUBLISHER_ERROR, FEUILLET_PUBLISHER_ERROR_SEVERAL_SITES))
    {
      g_printerr ("feuillet-cli: %s\n", _("The library has several sites: say which one with --site NAME"));
      return FEUILLET_CLI_EXIT_USAGE;
    }
  g_printerr ("feuillet-cli: %s\n", error->message);
  return FEUILLET_CLI_EXIT_ERROR;
}

static JsonNode *
push_to_json (FeuilletArticle *article)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, feuillet_article_get_id (article));
  json_builder_set_member_name (builder, "site");
  json_builder_add_string_value (builder, feuillet_article_get_remote_site (article));
  json_builder_set_member_name (builder, "remote_id");
  json_builder_add_int_value (builder, feuillet_article_get_remote_id (article));
  json_builder_set_member_name (builder, "link");
  json_builder_add_string_value (builder, feuillet_article_get_remote_link (article));
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, feuillet_article_get_remote_status (article));
  json_builder_set_member_name (builder, "modified");
  json_builder_add_string_value (builder, feuillet_article_get_remote_modified (article));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* What a failed push means for a script (DESIGN.md, exit codes); a push to an unreachable
 * site is queued by the publisher. */
static int
push_exit_code (const GError *error)
{
  if (g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_CONFLICT))
    return FEUILLET_CLI_EXIT_CONFLICT;
  if (g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_AUTHENTICATION))
    return FEUILLET_CLI_EXIT_AUTHENTICATION;
  if (feuillet_publisher_is_unreachable (error))
    return FEUILLET_CLI_EXIT_UNREACHABLE;
  return FEUILLET_CLI_EXIT_ERROR;
}

static int print_results (FeuilletCli *cli,
                          GPtrArray   *results,
                          gboolean     from_outbox);

int
feuillet_cli_push (FeuilletCli  *cli,
                   char        **args)
{
  g_autofree char *site_name = NULL;
  g_autofree char *as = NULL;
  g_autofree char *date_text = NULL;
  const GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_STRING, &site_name,
      N_("The site to publish to (may be left out when the library has only one)"), N_("NAME") },
    { "as", 0, 0, G_OPTION_ARG_STRING, &as,
      N_("What the post becomes: draft (the default), pending (for review), publish or future"),
      N_("STATUS") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date_text,
      N_("The publication date, such as 2026-03-01T08:00:00+01:00 (needed with --as future)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(FeuilletArticle) pushed = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  FeuilletPushStatus status = FEUILLET_PUSH_DRAFT;
  gboolean queued = FALSE;
  gint64 id;
  int exit_code;

  if (!feuillet_cli_parse (cli, "push", N_("ID… [--site NAME] [--as draft|pending|publish|future] [--date DATE]"),
                           entries, &args, &exit_code))
    return exit_code;
  if (g_strv_length (args) < 2)
    return feuillet_cli_usage_error (_("Which article? “feuillet-cli push ID… [--site NAME] [--as STATUS]”"));
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 1; args[i] != NULL; i++)
    {
      if (!feuillet_cli_parse_id (args[i], &id))
        return feuillet_cli_usage_error (_("“%s” is not an article’s number"), args[i]);
      g_array_append_val (ids, id);
    }
  if (as != NULL && !feuillet_push_status_from_string (as, &status))
    return feuillet_cli_usage_error (_("--as must be draft, pending, publish or future"));
  if (date_text != NULL)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      date = g_date_time_new_from_iso8601 (date_text, local);
      if (date == NULL)
        return feuillet_cli_usage_error (_("“%s” is not a date such as 2026-03-01T08:00:00+01:00"), date_text);
    }
  if (status == FEUILLET_PUSH_FUTURE && date == NULL)
    return feuillet_cli_usage_error (_("--as future needs a publication date: --date DATE"));

  if (!feuillet_cli_open (cli, &error))
    return feuillet_cli_error (error);

  /* Several: together, their writes batched; the answer is one per article, as sync's. */
  if (ids->len > 1)
    {
      g_autoptr(GPtrArray) results = NULL;

      feuillet_publisher_publish_many_async (cli->store, site_name, (const gint64 *) ids->data, ids->len, status, date,
                                             NULL, feuillet_cli_store_result, &result);
      results = feuillet_publisher_publish_many_finish (feuillet_cli_wait (&result), &error);
      if (results == NULL)
        return error->domain == FEUILLET_PUBLISHER_ERROR ? site_error (error) : feuillet_cli_error (error);
      return print_results (cli, results, FALSE);
    }

  feuillet_publisher_publish_async (cli->store, site_name, id, status, date, NULL, feuillet_cli_store_result, &result);
  pushed = feuillet_publisher_publish_finish (feuillet_cli_wait (&result), &queued, &error);
  if (pushed == NULL)
    {
      if (error->domain == FEUILLET_PUBLISHER_ERROR)
        return site_error (error);
      g_printerr ("feuillet-cli: %s\n", error->message);
      if (!queued)
        return push_exit_code (error);
      g_printerr ("feuillet-cli: %s\n",
                  _("The article is queued in the outbox; it will go out with “feuillet-cli sync” once the site can be reached"));
      return FEUILLET_CLI_EXIT_UNREACHABLE;
    }

  if (cli->json)
    {
      g_autoptr(JsonNode) node = push_to_json (pushed);

      feuillet_cli_print_json (node);
    }
  else
    g_print ("%s\n", feuillet_article_get_remote_link (pushed) != NULL ? feuillet_article_get_remote_link (pushed) : "");

  return FEUILLET_CLI_EXIT_OK;
}

/* -- sync -- */

/* Several rows may fail differently: the exit code is the one that most needs a person
 * (a refused password, then a conflict, then any other error, then a site still away). */
static int
worse_exit_code (int a,
                 int b)
{
  static const int order[] = {
    FEUILLET_CLI_EXIT_OK, FEUILLET_CLI_EXIT_UNREACHABLE, FEUILLET_CLI_EXIT_ERROR,
    FEUILLET_CLI_EXIT_CONFLICT, FEUILLET_CLI_EXIT_AUTHENTICATION,
  };
  guint rank_a = 0, rank_b = 0;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (order[i] == a)
        rank_a = i;
      if (order[i] == b)
        rank_b = i;
    }
  return rank_b > rank_a ? b : a;
}

static const char *
sync_result_name (int exit_code)
{
  switch (exit_code)
    {
    case FEUILLET_CLI_EXIT_OK:
      return "sent";
    case FEUILLET_CLI_EXIT_UNREACHABLE:
      return "unreachable";
    case FEUILLET_CLI_EXIT_CONFLICT:
      return "conflict";
    case FEUILLET_CLI_EXIT_AUTHENTICATION:
      return "refused";
    default:
      return "failed";
    }
}

/* Prints what became of each article of a sync or a push of several (FeuilletFlushResult),
 * as text or one JSON array; returns the exit code that most needs a person. */
static int
print_results (FeuilletCli *cli,
               GPtrArray   *results,
               gboolean     from_outbox)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int exit_code = FEUILLET_CLI_EXIT_OK;

  json_builder_begin_array (builder);
  for (guint i = 0; i < results->len; i++)
    {
      const FeuilletFlushResult *row = results->pdata[i];
      int code = row->error != NULL ? push_exit_code (row->error) : FEUILLET_CLI_EXIT_OK;

      exit_code = worse_exit_code (exit_code, code);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, row->article_id);
      json_builder_set_member_name (builder, "site");
      json_builder_add_string_value (builder, row->site);
      json_builder_set_member_name (builder, "result");
      json_builder_add_string_value (builder, sync_result_name (code));
      if (row->pushed != NULL)
        {
          json_builder_set_member_name (builder, "remote_id");
          json_builder_add_int_value (builder, feuillet_article_get_remote_id (row->pushed));
          json_builder_set_member_name (builder, "link");
          json_builder_add_string_value (builder, feuillet_article_get_remote_link (row->pushed));
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, feuillet_article_get_remote_status (row->pushed));
          if (!cli->json)
            {
              const char *link = feuillet_article_get_remote_link (row->pushed);

              /* Translators: %lld is an article's number, then a site's name and the post's address. */
              g_print (_("Article %lld sent to “%s”: %s"), (long long) row->article_id, row->site,
                       link != NULL ? link : "");
              g_print ("\n");
            }
        }
      else
        {
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, row->error->message);
          g_printerr ("feuillet-cli: ");
          if (g_error_matches (row->error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_IN_TRASH))
            /* Translators: %lld is an article's number. */
            g_printerr (_("Article %lld is in the trash: its push was taken out of the outbox"),
                        (long long) row->article_id);
          else if (from_outbox || code == FEUILLET_CLI_EXIT_UNREACHABLE)
            /* Translators: %lld is an article's number, %s why it could not be sent. */
            g_printerr (_("Article %lld stays in the outbox: %s"), (long long) row->article_id, row->error->message);
          else
            /* Translators: %lld is an article's number, %s why it could not be sent. */
            g_printerr (_("Article %lld was not sent: %s"), (long long) row->article_id, row->error->message);
          g_printerr ("\n");
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_builder_get_root (builder);

      feuillet_cli_print_json (node);
    }
  return exit_code;
}

int
feuillet_cli_sync (FeuilletCli  *cli,
                   char        **args)
{
  g_autofree char *site_name = NULL;
  const GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_STRING, &site_name,
      N_("Send only the pushes to this site"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  int exit_code;

  if (!feuillet_cli_parse (cli, "sync", N_("[--site NAME]"), entries, &args, &exit_code))
    return exit_code;
  if (g_strv_length (args) != 1)
    return feuillet_cli_usage_error (_("“feuillet-cli sync” takes no argument besides --site NAME"));

  if (!feuillet_cli_open (cli, &error))
    return feuillet_cli_error (error);

  if (site_name != NULL)
    {
      g_autoptr(FeuilletSite) site = NULL;

      feuillet_publisher_find_site_async (cli->store, site_name, NULL, feuillet_cli_store_result, &result);
      site = feuillet_publisher_find_site_finish (feuillet_cli_wait (&result), &error);
      if (site == NULL)
        return site_error (error);
    }

  /* Oldest first, each through the same push as "feuillet-cli push"; a push that succeeds
   * removes its row. */
  feuillet_publisher_flush_async (cli->store, site_name, NULL, feuillet_cli_store_result, &result);
  results = feuillet_publisher_flush_finish (feuillet_cli_wait (&result), &error);
  if (results == NULL)
    return feuillet_cli_error (error);

  exit_code = print_results (cli, results, TRUE);
  if (!cli->json && results->len == 0)
    g_print ("%s\n", _("Nothing to send: the outbox is empty"));

  return exit_code;
}
