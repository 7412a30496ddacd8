/* SPDX-License-Identifier: GPL-3.0-or-later */
/* feuillet-cli push: an article to a WordPress site, as a draft, for review or published;
 * feuillet-cli sync: the pushes kept in the outbox while a site could not be reached. */
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

static gboolean
is_unreachable (const GError *error)
{
  return g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_UNREACHABLE) ||
         g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_TIMEOUT);
}

/* What a failed push means for a script (DESIGN.md, exit codes); an unreachable site is
 * handled before (queue_push). */
static int
push_exit_code (const GError *error)
{
  if (g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_CONFLICT))
    return FEUILLET_CLI_EXIT_CONFLICT;
  if (g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_AUTHENTICATION))
    return FEUILLET_CLI_EXIT_AUTHENTICATION;
  if (is_unreachable (error))
    return FEUILLET_CLI_EXIT_UNREACHABLE;
  return FEUILLET_CLI_EXIT_ERROR;
}

/* A client for @site, its password looked up and its REST root known. A missing password is
 * FEUILLET_WP_ERROR_AUTHENTICATION. */
static FeuilletWpClient *
connect_site (const FeuilletSite  *site,
              GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FeuilletWpClient) client = NULL;
  GError *local_error = NULL;
  char *password;

  feuillet_site_secret_lookup_async (site->url, site->user, NULL, feuillet_cli_store_result, &result);
  password = feuillet_site_secret_lookup_finish (feuillet_cli_wait (&result), &local_error);
  if (password == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      else
        g_set_error (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_AUTHENTICATION,
                     _("No application password for the site “%s”: add the site again, or set $FEUILLET_APP_PASSWORD"),
                     site->name);
      return NULL;
    }

  client = feuillet_wp_client_new (site->url);
  feuillet_wp_client_set_credentials (client, site->user, password);
  secret_password_free (password);

  if (site->rest_root != NULL)
    feuillet_wp_client_set_rest_root (client, site->rest_root);
  else
    {
      feuillet_wp_client_discover_async (client, NULL, feuillet_cli_store_result, &result);
      if (!feuillet_wp_client_discover_finish (client, feuillet_cli_wait (&result), error))
        return NULL;
    }

  return g_steal_pointer (&client);
}

/* The site could not be reached (@error): the push is kept in the outbox. */
static int
queue_push (FeuilletCli        *cli,
            const char         *site_name,
            gint64              id,
            FeuilletPushStatus  status,
            GDateTime          *date,
            const GError       *error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) queue_error = NULL;

  g_printerr ("feuillet-cli: %s\n", error->message);
  feuillet_push_queue_async (cli->store, site_name, id, status, date, NULL, feuillet_cli_store_result, &result);
  if (!feuillet_push_queue_finish (feuillet_cli_wait (&result), &queue_error))
    {
      g_printerr ("feuillet-cli: %s\n", _("The article was not sent; push it again once the site can be reached"));
      return feuillet_cli_error (queue_error);
    }

  g_printerr ("feuillet-cli: %s\n",
              _("The article is queued in the outbox; it will go out with “feuillet-cli sync” once the site can be reached"));
  return FEUILLET_CLI_EXIT_UNREACHABLE;
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

  client = connect_site (site, &error);
  if (client != NULL)
    {
      feuillet_push_async (cli->store, client, site->name, id, status, date, NULL, feuillet_cli_store_result, &result);
      pushed = feuillet_push_finish (feuillet_cli_wait (&result), &error);
    }
  if (pushed == NULL)
    {
      if (is_unreachable (error))
        return queue_push (cli, site->name, id, status, date, error);
      g_printerr ("feuillet-cli: %s\n", error->message);
      return push_exit_code (error);
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

/* A site of the outbox, connected once per run; once it failed (unreachable, password
 * refused), its other rows are kept without being tried. */
typedef struct
{
  FeuilletWpClient *client;
  GError           *error;
} SyncSite;

static void
sync_site_free (SyncSite *sync_site)
{
  g_clear_object (&sync_site->client);
  g_clear_error (&sync_site->error);
  g_free (sync_site);
}

static SyncSite *
sync_site_for (GHashTable *sync_sites,
               GPtrArray  *sites,
               const char *name)
{
  g_autofree char *key = g_ascii_strdown (name, -1);
  SyncSite *sync_site = g_hash_table_lookup (sync_sites, key);
  const FeuilletSite *site = NULL;

  if (sync_site != NULL)
    return sync_site;

  sync_site = g_new0 (SyncSite, 1);
  for (guint i = 0; i < sites->len && site == NULL; i++)
    if (g_ascii_strcasecmp (((FeuilletSite *) sites->pdata[i])->name, name) == 0)
      site = sites->pdata[i];
  if (site == NULL)
    g_set_error (&sync_site->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("There is no site “%s” in the library"), name);
  else
    sync_site->client = connect_site (site, &sync_site->error);
  g_hash_table_insert (sync_sites, g_steal_pointer (&key), sync_site);
  return sync_site;
}

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
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GHashTable) sync_sites = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint tried = 0;
  int exit_code;

  if (!feuillet_cli_parse (cli, "sync", N_("[--site NAME]"), entries, &args, &exit_code))
    return exit_code;
  if (g_strv_length (args) != 1)
    return feuillet_cli_usage_error (_("“feuillet-cli sync” takes no argument besides --site NAME"));

  if (!feuillet_cli_open (cli, &error))
    return feuillet_cli_error (error);

  feuillet_store_list_sites_async (cli->store, NULL, feuillet_cli_store_result, &result);
  sites = feuillet_store_list_sites_finish (cli->store, feuillet_cli_wait (&result), &error);
  if (sites == NULL)
    return feuillet_cli_error (error);
  if (site_name != NULL)
    {
      g_autoptr(FeuilletSite) site = choose_site (cli, site_name, &exit_code, &error);

      if (site == NULL)
        {
          g_printerr ("feuillet-cli: %s\n", error->message);
          return exit_code;
        }
    }

  feuillet_store_list_outbox_async (cli->store, 0, NULL, feuillet_cli_store_result, &result);
  outbox = feuillet_store_list_outbox_finish (cli->store, feuillet_cli_wait (&result), &error);
  if (outbox == NULL)
    return feuillet_cli_error (error);

  sync_sites = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sync_site_free);
  exit_code = FEUILLET_CLI_EXIT_OK;
  json_builder_begin_array (builder);

  /* Oldest first, each through the same push as "feuillet-cli push"; a push that succeeds
   * removes its row. */
  for (guint i = 0; i < outbox->len; i++)
    {
      const FeuilletOutboxEntry *entry = outbox->pdata[i];
      g_autoptr(FeuilletArticle) pushed = NULL;
      g_autoptr(GError) push_error = NULL;
      FeuilletPushStatus status;
      SyncSite *sync_site;
      int code;

      if (site_name != NULL && g_ascii_strcasecmp (entry->site, site_name) != 0)
        continue;
      tried++;

      sync_site = sync_site_for (sync_sites, sites, entry->site);
      if (sync_site->error != NULL)
        push_error = g_error_copy (sync_site->error);
      else if (!feuillet_push_status_from_string (entry->status, &status))
        push_error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                  /* Translators: %s is what a post is to become, such as “draft”. */
                                  _("“%s” is not a post status"), entry->status);
      else
        {
          feuillet_push_async (cli->store, sync_site->client, entry->site, entry->article_id, status, entry->date,
                               NULL, feuillet_cli_store_result, &result);
          pushed = feuillet_push_finish (feuillet_cli_wait (&result), &push_error);
          if (push_error != NULL && is_unreachable (push_error))
            {
              g_autoptr(GError) queue_error = NULL;

              /* Queued again (the push may have marked it as sending); the site's other
               * rows wait too. */
              feuillet_push_queue_async (cli->store, entry->site, entry->article_id, status, entry->date, NULL,
                                         feuillet_cli_store_result, &result);
              if (!feuillet_push_queue_finish (feuillet_cli_wait (&result), &queue_error))
                g_printerr ("feuillet-cli: %s\n", queue_error->message);
            }
          if (push_error != NULL &&
              (is_unreachable (push_error) ||
               g_error_matches (push_error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_AUTHENTICATION)))
            sync_site->error = g_error_copy (push_error);
        }

      code = push_error != NULL ? push_exit_code (push_error) : FEUILLET_CLI_EXIT_OK;
      exit_code = worse_exit_code (exit_code, code);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, entry->article_id);
      json_builder_set_member_name (builder, "site");
      json_builder_add_string_value (builder, entry->site);
      json_builder_set_member_name (builder, "result");
      json_builder_add_string_value (builder, sync_result_name (code));
      if (pushed != NULL)
        {
          json_builder_set_member_name (builder, "remote_id");
          json_builder_add_int_value (builder, feuillet_article_get_remote_id (pushed));
          json_builder_set_member_name (builder, "link");
          json_builder_add_string_value (builder, feuillet_article_get_remote_link (pushed));
          json_builder_set_member_name (builder, "status");
          json_builder_add_string_value (builder, feuillet_article_get_remote_status (pushed));
          if (!cli->json)
            {
              const char *link = feuillet_article_get_remote_link (pushed);

              /* Translators: %lld is an article's number, then a site's name and the post's address. */
              g_print (_("Article %lld sent to “%s”: %s"), (long long) entry->article_id, entry->site,
                       link != NULL ? link : "");
              g_print ("\n");
            }
        }
      else
        {
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, push_error->message);
          g_printerr ("feuillet-cli: ");
          /* Translators: %lld is an article's number, %s why it could not be sent. */
          g_printerr (_("Article %lld stays in the outbox: %s"), (long long) entry->article_id, push_error->message);
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
  else if (tried == 0)
    g_print ("%s\n", _("Nothing to send: the outbox is empty"));

  return exit_code;
}
