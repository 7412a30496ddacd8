/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-cli-history"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-cli-private.h"
#include "feuillet-text.h"

/* history and restore: revisions and the trash. */

int
feuillet_cli_history (FeuilletCli  *cli,
                      char        **args)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int status;

  if (!feuillet_cli_parse (cli, "history", N_("ID"), NULL, &args, &status))
    return status;
  if (g_strv_length (args) != 2 || !feuillet_cli_parse_id (args[1], &id))
    return feuillet_cli_usage_error (_("Which article? “feuillet-cli history ID”"));

  if (!feuillet_cli_open (cli, &error))
    return feuillet_cli_error (error);

  feuillet_store_list_revisions_async (cli->store, id, NULL, feuillet_cli_store_result, &result);
  revisions = feuillet_store_list_revisions_finish (cli->store, feuillet_cli_wait (&result), &error);
  if (revisions == NULL)
    return feuillet_cli_error (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < revisions->len; i++)
        {
          FeuilletRevision *revision = revisions->pdata[i];
          FeuilletArticle *article = feuillet_revision_get_article (revision);
          g_autofree char *created = g_date_time_format_iso8601 (feuillet_revision_get_created (revision));
          g_autofree char *updated = g_date_time_format_iso8601 (feuillet_revision_get_updated (revision));
          FeuilletCounts counts;

          feuillet_text_count (feuillet_article_get_title (article), feuillet_article_get_chapeau (article),
                               feuillet_article_get_body (article), &counts);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "revision");
          json_builder_add_int_value (builder, feuillet_revision_get_number (revision));
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder,
                                         feuillet_revision_reason_to_string (feuillet_revision_get_reason (revision)));
          json_builder_set_member_name (builder, "created");
          json_builder_add_string_value (builder, created);
          json_builder_set_member_name (builder, "updated");
          json_builder_add_string_value (builder, updated);
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder,
                                         feuillet_article_status_to_string (feuillet_article_get_status (article)));
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, feuillet_article_get_title (article));
          json_builder_set_member_name (builder, "signes");
          json_builder_add_int_value (builder, counts.signes);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      node = json_builder_get_root (builder);
      feuillet_cli_print_json (node);
      return FEUILLET_CLI_EXIT_OK;
    }

  for (guint i = 0; i < revisions->len; i++)
    {
      FeuilletRevision *revision = revisions->pdata[i];
      FeuilletArticle *article = feuillet_revision_get_article (revision);
      g_autofree char *updated = feuillet_cli_format_date (feuillet_revision_get_updated (revision));
      FeuilletCounts counts;

      feuillet_text_count (feuillet_article_get_title (article), feuillet_article_get_chapeau (article),
                           feuillet_article_get_body (article), &counts);
      g_print ("%4u  %s  %-16s  %6u  %s\n",
               feuillet_revision_get_number (revision), updated,
               feuillet_revision_reason_get_label (feuillet_revision_get_reason (revision)),
               counts.signes, feuillet_article_get_title (article));
    }

  return FEUILLET_CLI_EXIT_OK;
}

static int
restore_from_trash (FeuilletCli *cli,
                    gint64       id)
{
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  article = feuillet_cli_load_article (cli, id, &error);
  if (article == NULL)
    return feuillet_cli_error (error);

  if (feuillet_article_get_trashed (article) == NULL)
    {
      g_printerr ("feuillet-cli: ");
      g_printerr (_("Article %lld is not in the trash; to go back to a revision, "
                    "give its number (see “feuillet-cli history %lld”)"),
                  (long long) id, (long long) id);
      g_printerr ("\n");
      return FEUILLET_CLI_EXIT_USAGE;
    }

  feuillet_store_untrash_async (cli->store, id, NULL, feuillet_cli_store_result, &result);
  if (!feuillet_store_untrash_finish (cli->store, feuillet_cli_wait (&result), &error))
    return feuillet_cli_error (error);

  if (!cli->json)
    g_print (_("Article %lld is back from the trash\n"), (long long) id);
  return FEUILLET_CLI_EXIT_OK;
}

int
feuillet_cli_restore (FeuilletCli  *cli,
                      char        **args)
{
  g_autoptr(FeuilletArticle) restored = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint64 revision;
  guint count;
  gint64 id;
  int status;

  if (!feuillet_cli_parse (cli, "restore", N_("ID [REVISION]"), NULL, &args, &status))
    return status;

  count = g_strv_length (args);
  if (count < 2 || count > 3 || !feuillet_cli_parse_id (args[1], &id))
    return feuillet_cli_usage_error (_("Usage: feuillet-cli restore ID [REVISION]"));

  if (count == 2)
    status = restore_from_trash (cli, id);
  else if (!g_ascii_string_to_unsigned (args[2], 10, 1, G_MAXUINT, &revision, NULL))
    return feuillet_cli_usage_error (_("“%s” is not a revision number (see “feuillet-cli history %lld”)"),
                                     args[2], (long long) id);
  else
    {
      if (!feuillet_cli_open (cli, &error))
        return feuillet_cli_error (error);

      feuillet_store_restore_async (cli->store, id, revision, NULL, feuillet_cli_store_result, &result);
      restored = feuillet_store_restore_finish (cli->store, feuillet_cli_wait (&result), &error);
      if (restored == NULL)
        return feuillet_cli_error (error);
      if (!cli->json)
        g_print (_("Article %lld is back to revision %u; the text it replaced is kept in its history\n"),
                 (long long) id, (guint) revision);
      status = FEUILLET_CLI_EXIT_OK;
    }

  if (status == FEUILLET_CLI_EXIT_OK && cli->json)
    {
      g_autoptr(FeuilletArticle) article = feuillet_cli_load_article (cli, id, &error);
      g_autoptr(JsonNode) node = NULL;

      if (article == NULL)
        return feuillet_cli_error (error);
      node = feuillet_cli_article_to_json (article);
      feuillet_cli_print_json (node);
    }

  return status;
}
