/* SPDX-License-Identifier: GPL-3.0-or-later */
/* feuillet-cli site add|list|rename|signature|remove: the WordPress sites the library
 * publishes to. */
#define G_LOG_DOMAIN "feuillet-cli-sites"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "feuillet-cli-private.h"
#include "feuillet-error.h"
#include "feuillet-site-secret.h"
#include "feuillet-wp-client.h"

/* What a site's connection error means for a script (DESIGN.md, exit codes). */
static int
connection_error (const GError *error)
{
  g_printerr ("feuillet-cli: %s\n", error->message);
  if (g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_AUTHENTICATION))
    return FEUILLET_CLI_EXIT_AUTHENTICATION;
  if (g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_UNREACHABLE) ||
      g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_TIMEOUT))
    return FEUILLET_CLI_EXIT_UNREACHABLE;
  return FEUILLET_CLI_EXIT_ERROR;
}

/* The password from the standard input: its first line, without the line break. */
static char *
read_password (GError **error)
{
  g_autofree char *input = NULL;
  gsize length;

  if (!feuillet_cli_read_input ("-", &input, &length, error))
    return NULL;

  input[strcspn (input, "\r\n")] = '\0';
  if (input[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("No application password on the standard input"));
      return NULL;
    }

  return g_steal_pointer (&input);
}

static gboolean
find_site (FeuilletCli         *cli,
           const char          *name,
           FeuilletSite       **site,
           GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) sites = NULL;

  feuillet_store_list_sites_async (cli->store, NULL, feuillet_cli_store_result, &result);
  sites = feuillet_store_list_sites_finish (cli->store, feuillet_cli_wait (&result), error);
  if (sites == NULL)
    return FALSE;

  *site = NULL;
  for (guint i = 0; i < sites->len; i++)
    {
      FeuilletSite *candidate = sites->pdata[i];

      if (g_ascii_strcasecmp (candidate->name, name) == 0)
        {
          *site = feuillet_site_copy (candidate);
          break;
        }
    }
  return TRUE;
}

static JsonNode *
site_to_json (const FeuilletSite *site)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *created = site->created ? g_date_time_format_iso8601 (site->created) : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, site->name);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, site->url);
  json_builder_set_member_name (builder, "user");
  json_builder_add_string_value (builder, site->user);
  json_builder_set_member_name (builder, "user_name");
  json_builder_add_string_value (builder, site->user_name);
  json_builder_set_member_name (builder, "rest_root");
  json_builder_add_string_value (builder, site->rest_root);
  json_builder_set_member_name (builder, "signature");
  json_builder_add_boolean_value (builder, site->signature);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static int
site_add (FeuilletCli  *cli,
          char        **args)
{
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  gboolean password_stdin = FALSE;
  gboolean signature = FALSE;
  const GOptionEntry entries[] = {
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("The site’s address"), N_("URL") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The WordPress login the application password belongs to"),
      N_("USER") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the application password from the standard input (otherwise from $FEUILLET_APP_PASSWORD)"),
      NULL },
    { "signature", 0, 0, G_OPTION_ARG_NONE, &signature,
      N_("End each article sent to the site with its byline, as a last paragraph"), NULL },
    { NULL }
  };
  g_autoptr(FeuilletWpClient) client = NULL;
  g_autoptr(FeuilletWpUser) wp_user = NULL;
  g_autoptr(FeuilletSite) existing = NULL;
  g_autoptr(FeuilletSite) site = NULL;
  g_autoptr(FeuilletSite) saved = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password = NULL;
  const char *site_name;
  int status;

  if (!feuillet_cli_parse (cli, "site add", N_("NAME --url URL --user USER [--password-stdin] [--signature]"), entries,
                           &args, &status))
    return status;
  if (g_strv_length (args) != 2)
    return feuillet_cli_usage_error (_("Usage: feuillet-cli site add NAME --url URL --user USER [--password-stdin] [--signature]"));
  if (url == NULL || user == NULL)
    return feuillet_cli_usage_error (_("A site needs --url and --user"));

  /* Not worth asking the site if the name is taken. */
  if (!feuillet_cli_open (cli, &error) || !find_site (cli, args[1], &existing, &error))
    return feuillet_cli_error (error);
  if (existing != NULL)
    {
      g_printerr ("feuillet-cli: ");
      g_printerr (_("There is already a site “%s” in the library"), existing->name);
      g_printerr ("\n");
      return FEUILLET_CLI_EXIT_ERROR;
    }

  if (password_stdin)
    {
      password = read_password (&error);
      if (password == NULL)
        return feuillet_cli_error (error);
    }
  else if (feuillet_site_secret_get_override () != NULL)
    password = g_strdup (feuillet_site_secret_get_override ());
  else
    return feuillet_cli_usage_error (_("Give the application password on the standard input with "
                                       "--password-stdin, or in $FEUILLET_APP_PASSWORD"));

  /* Saved only once the site has said yes to these credentials. */
  client = feuillet_wp_client_new (url);
  feuillet_wp_client_set_credentials (client, user, password);
  feuillet_wp_client_check_credentials_async (client, NULL, feuillet_cli_store_result, &result);
  wp_user = feuillet_wp_client_check_credentials_finish (client, feuillet_cli_wait (&result), &error);
  if (wp_user == NULL)
    {
      secret_password_free (password);
      return connection_error (error);
    }

  /* The keyring first: a site in the library without its password would be no use. */
  if (password_stdin)
    {
      feuillet_site_secret_store_async (url, user, password, NULL, feuillet_cli_store_result, &result);
      if (!feuillet_site_secret_store_finish (feuillet_cli_wait (&result), &error))
        {
          secret_password_free (password);
          return feuillet_cli_error (error);
        }
    }
  secret_password_free (password);

  site = feuillet_site_new (args[1], url, feuillet_wp_client_get_rest_root (client), user, wp_user->name);
  site->signature = signature;
  feuillet_store_add_site_async (cli->store, site, NULL, feuillet_cli_store_result, &result);
  saved = feuillet_store_add_site_finish (cli->store, feuillet_cli_wait (&result), &error);
  if (saved == NULL)
    return feuillet_cli_error (error);

  if (cli->json)
    {
      g_autoptr(JsonNode) node = site_to_json (saved);

      feuillet_cli_print_json (node);
      return FEUILLET_CLI_EXIT_OK;
    }

  site_name = feuillet_wp_client_get_site_name (client);
  /* Translators: the site's title (or address), then the user's name as WordPress shows it */
  g_print (_("Connected to %s as %s\n"), site_name && *site_name ? site_name : url,
           wp_user->name && *wp_user->name ? wp_user->name : user);
  return FEUILLET_CLI_EXIT_OK;
}

static int
site_list (FeuilletCli  *cli,
           char        **args)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!feuillet_cli_parse (cli, "site list", "", NULL, &args, &status))
    return status;
  if (g_strv_length (args) != 1)
    return feuillet_cli_usage_error (_("Usage: feuillet-cli site list [--json]"));

  if (!feuillet_cli_open (cli, &error))
    return feuillet_cli_error (error);
  feuillet_store_list_sites_async (cli->store, NULL, feuillet_cli_store_result, &result);
  sites = feuillet_store_list_sites_finish (cli->store, feuillet_cli_wait (&result), &error);
  if (sites == NULL)
    return feuillet_cli_error (error);

  if (cli->json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_sized_new (sites->len);

      for (guint i = 0; i < sites->len; i++)
        json_array_add_element (array, site_to_json (sites->pdata[i]));
      json_node_take_array (node, array);
      feuillet_cli_print_json (node);
      return FEUILLET_CLI_EXIT_OK;
    }

  for (guint i = 0; i < sites->len; i++)
    {
      FeuilletSite *site = sites->pdata[i];

      g_print ("%-16s  %s  %s\n", site->name, site->url, site->user);
    }
  return FEUILLET_CLI_EXIT_OK;
}

static int
site_rename (FeuilletCli  *cli,
             char        **args)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!feuillet_cli_parse (cli, "site rename", N_("NAME NEW-NAME"), NULL, &args, &status))
    return status;
  if (g_strv_length (args) != 3)
    return feuillet_cli_usage_error (_("Usage: feuillet-cli site rename NAME NEW-NAME"));

  if (!feuillet_cli_open (cli, &error))
    return feuillet_cli_error (error);
  feuillet_store_rename_site_async (cli->store, args[1], args[2], NULL, feuillet_cli_store_result, &result);
  if (!feuillet_store_rename_site_finish (cli->store, feuillet_cli_wait (&result), &error))
    return feuillet_cli_error (error);

  if (!cli->json)
    g_print (_("The site “%s” is now called “%s”\n"), args[1], args[2]);
  return FEUILLET_CLI_EXIT_OK;
}

static int
site_signature (FeuilletCli  *cli,
                char        **args)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean signature;
  int status;

  if (!feuillet_cli_parse (cli, "site signature", N_("NAME on|off"), NULL, &args, &status))
    return status;
  if (g_strv_length (args) != 3 || (!g_str_equal (args[2], "on") && !g_str_equal (args[2], "off")))
    return feuillet_cli_usage_error (_("Usage: feuillet-cli site signature NAME on|off"));
  signature = g_str_equal (args[2], "on");

  if (!feuillet_cli_open (cli, &error))
    return feuillet_cli_error (error);
  feuillet_store_set_site_signature_async (cli->store, args[1], signature, NULL, feuillet_cli_store_result, &result);
  if (!feuillet_store_set_site_signature_finish (cli->store, feuillet_cli_wait (&result), &error))
    return feuillet_cli_error (error);

  if (!cli->json)
    g_print (signature ? _("Articles sent to “%s” are signed\n") : _("Articles sent to “%s” are not signed\n"),
             args[1]);
  return FEUILLET_CLI_EXIT_OK;
}

static int
site_remove (FeuilletCli  *cli,
             char        **args)
{
  g_autoptr(FeuilletSite) removed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  gboolean shared = FALSE;
  int status;

  if (!feuillet_cli_parse (cli, "site remove", N_("NAME"), NULL, &args, &status))
    return status;
  if (g_strv_length (args) != 2)
    return feuillet_cli_usage_error (_("Usage: feuillet-cli site remove NAME"));

  if (!feuillet_cli_open (cli, &error))
    return feuillet_cli_error (error);
  feuillet_store_remove_site_async (cli->store, args[1], NULL, feuillet_cli_store_result, &result);
  removed = feuillet_store_remove_site_finish (cli->store, feuillet_cli_wait (&result), &error);
  if (removed == NULL)
    return feuillet_cli_error (error);

  /* The password stays while another site of the library signs in with it. */
  feuillet_store_list_sites_async (cli->store, NULL, feuillet_cli_store_result, &result);
  sites = feuillet_store_list_sites_finish (cli->store, feuillet_cli_wait (&result), &error);
  if (sites == NULL)
    return feuillet_cli_error (error);
  for (guint i = 0; i < sites->len; i++)
    {
      FeuilletSite *site = sites->pdata[i];

      if (g_str_equal (site->url, removed->url) && g_str_equal (site->user, removed->user))
        shared = TRUE;
    }

  if (!shared)
    {
      feuillet_site_secret_clear_async (removed->url, removed->user, NULL, feuillet_cli_store_result, &result);
      if (!feuillet_site_secret_clear_finish (feuillet_cli_wait (&result), &error))
        {
          g_printerr ("feuillet-cli: ");
          g_printerr (_("The site “%s” was removed, but not its password: %s"), removed->name, error->message);
          g_printerr ("\n");
          return FEUILLET_CLI_EXIT_ERROR;
        }
    }

  if (!cli->json)
    g_print (_("The site “%s” was removed\n"), removed->name);
  return FEUILLET_CLI_EXIT_OK;
}

static const struct
{
  const char             *name;
  FeuilletCliCommandFunc  run;
} site_commands[] = {
  { "add", site_add },
  { "list", site_list },
  { "rename", site_rename },
  { "signature", site_signature },
  { "remove", site_remove },
};

/* The subcommand comes first, global options (--library PATH, --json) aside. */
int
feuillet_cli_site (FeuilletCli  *cli,
                   char        **args)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) sub_args = NULL;
  int index = -1;

  for (int i = 1; args[i] != NULL; i++)
    {
      if (g_str_equal (args[i], "--library") && args[i + 1] != NULL)
        i++;
      else if (g_str_equal (args[i], "--help") || g_str_equal (args[i], "-h"))
        break;
      else if (args[i][0] != '-')
        {
          index = i;
          break;
        }
    }

  if (index < 0)
    {
      gboolean help = args[1] != NULL && (g_str_equal (args[1], "--help") || g_str_equal (args[1], "-h"));

      fprintf (help ? stdout : stderr, "%s\n  feuillet-cli site add %s\n  feuillet-cli site list [--json]\n"
               "  feuillet-cli site rename %s\n  feuillet-cli site signature %s\n  feuillet-cli site remove %s\n",
               _("Usage:"), _("NAME --url URL --user USER [--password-stdin] [--signature]"),
               _("NAME NEW-NAME"), _("NAME on|off"), _("NAME"));
      return help ? FEUILLET_CLI_EXIT_OK : FEUILLET_CLI_EXIT_USAGE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (site_commands); i++)
    {
      if (!g_str_equal (site_commands[i].name, args[index]))
        continue;

      builder = g_strv_builder_new ();
      g_strv_builder_take (builder, g_strdup_printf ("feuillet-cli site %s", args[index]));
      for (int j = 1; args[j] != NULL; j++)
        if (j != index)
          g_strv_builder_add (builder, args[j]);
      sub_args = g_strv_builder_end (builder);
      return site_commands[i].run (cli, sub_args);
    }

  return feuillet_cli_usage_error (_("“%s” is not a site command: add, list, rename, signature or remove"), args[index]);
}
