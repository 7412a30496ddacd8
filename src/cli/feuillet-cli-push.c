/* SPDX-License-Identifier: GPL-3.0-or-later */
/* feuillet-cli push: an article to a WordPress site, as a draft, for review or published. */
#define G_LOG_DOMAIN "feuillet-cli-push"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "feuillet-cli-private.h"
#include "feuillet-push.h"
#include "feuillet-site-secret.h"
#include "feuillet-wp-client.h"

/* The site named @name, or the library's only site when @name is NULL. */
static FeuilletSite *
choose_site (FeuilletCli  *cli,
             const char   *name,
             int          *exit_code,
             GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) sites = NULL;

  *exit_code = FEUILLET_CLI_EXIT_ERROR;
  feuillet_store_list_sites_async (cli->store, NULL, feuillet_cli_store_result, &result);
  sites = feuillet_store_list_sites_finish (cli->store, feuillet_cli_wait (&result), error);
  if (sites == NULL)
    return NULL;

  if (name == NULL)
    {
      if (sites->len == 1)
        return feuillet_site_copy (sites->pdata[0]);
      *exit_code = FEUILLET_CLI_EXIT_USAGE;
      if (sites->len == 0)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("The library has no site to publish to: add one with “feuillet-cli site add”"));
      else
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                             _("The library has several sites: say which one with --site NAME"));
      return NULL;
    }

  for (guint i = 0; i < sites->len; i++)
    {
      FeuilletSite *site = sites->pdata[i];

      if (g_ascii_strcasecmp (site->name, name) == 0)
        return feuillet_site_copy (site);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no site “%s” in the library"), name);
  return NULL;
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

/* What a failed push means for a script (DESIGN.md, exit codes). */
static int
push_error (const GError *error)
{
  g_printerr ("feuillet-cli: %s\n", error->message);
  if (g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_CONFLICT))
    return FEUILLET_CLI_EXIT_CONFLICT;
  if (g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_AUTHENTICATION))
    return FEUILLET_CLI_EXIT_AUTHENTICATION;
  if (g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_UNREACHABLE) ||
      g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_TIMEOUT))
    {
      /* There is no outbox yet: say plainly that nothing went out. */
      g_printerr ("feuillet-cli: %s\n", _("The article was not sent; push it again once the site can be reached"));
      return FEUILLET_CLI_EXIT_UNREACHABLE;
    }
  return FEUILLET_CLI_EXIT_ERROR;
}

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
  g_autoptr(FeuilletSite) site = NULL;
  g_autoptr(FeuilletWpClient) client = NULL;
  g_autoptr(FeuilletArticle) pushed = NULL;
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FeuilletPushStatus status = FEUILLET_PUSH_DRAFT;
  char *password;
  gint64 id;
  int exit_code;

  if (!feuillet_cli_parse (cli, "push", N_("ID [--site NAME] [--as draft|pending|publish|future] [--date DATE]"),
                           entries, &args, &exit_code))
    return exit_code;
  if (g_strv_length (args) != 2 || !feuillet_cli_parse_id (args[1], &id))
    return feuillet_cli_usage_error (_("Which article? “feuillet-cli push ID [--site NAME] [--as STATUS]”"));
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
  site = choose_site (cli, site_name, &exit_code, &error);
  if (site == NULL)
    {
      g_printerr ("feuillet-cli: %s\n", error->message);
      return exit_code;
    }

  feuillet_site_secret_lookup_async (site->url, site->user, NULL, feuillet_cli_store_result, &result);
  password = feuillet_site_secret_lookup_finish (feuillet_cli_wait (&result), &error);
  if (password == NULL)
    {
      if (error != NULL)
        return feuillet_cli_error (error);
      g_printerr ("feuillet-cli: ");
      g_printerr (_("No application password for the site “%s”: add the site again, or set $FEUILLET_APP_PASSWORD"),
                  site->name);
      g_printerr ("\n");
      return FEUILLET_CLI_EXIT_AUTHENTICATION;
    }

  client = feuillet_wp_client_new (site->url);
  feuillet_wp_client_set_credentials (client, site->user, password);
  secret_password_free (password);

  if (site->rest_root != NULL)
    feuillet_wp_client_set_rest_root (client, site->rest_root);
  else
    {
      feuillet_wp_client_discover_async (client, NULL, feuillet_cli_store_result, &result);
      if (!feuillet_wp_client_discover_finish (client, feuillet_cli_wait (&result), &error))
        return push_error (error);
    }

  feuillet_push_async (cli->store, client, site->name, id, status, date, NULL, feuillet_cli_store_result, &result);
  pushed = feuillet_push_finish (feuillet_cli_wait (&result), &error);
  if (pushed == NULL)
    return push_error (error);

  if (cli->json)
    {
      g_autoptr(JsonNode) node = push_to_json (pushed);

      feuillet_cli_print_json (node);
    }
  else
    g_print ("%s\n", feuillet_article_get_remote_link (pushed) != NULL ? feuillet_article_get_remote_link (pushed) : "");

  return FEUILLET_CLI_EXIT_OK;
}
