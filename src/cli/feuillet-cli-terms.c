/* SPDX-License-Identifier: GPL-3.0-or-later */
/* feuillet-cli terms: a site's categories and tags, as the library keeps them. */
#define G_LOG_DOMAIN "feuillet-cli-terms"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-cli-private.h"
#include "feuillet-publisher.h"
#include "feuillet-site-terms.h"
#include "feuillet-store-terms.h"

static int
terms_exit_code (const GError *error)
{
  if (g_error_matches (error, FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_AUTHENTICATION))
    return FEUILLET_CLI_EXIT_AUTHENTICATION;
  if (feuillet_publisher_is_unreachable (error))
    return FEUILLET_CLI_EXIT_UNREACHABLE;
  if (g_error_matches (error, FEUILLET_PUBLISHER_ERROR, FEUILLET_PUBLISHER_ERROR_NO_SITE) ||
      g_error_matches (error, FEUILLET_PUBLISHER_ERROR, FEUILLET_PUBLISHER_ERROR_SEVERAL_SITES))
    return FEUILLET_CLI_EXIT_USAGE;
  return FEUILLET_CLI_EXIT_ERROR;
}

/* Fetches the site's terms into the library. */
static gboolean
refresh (FeuilletCli         *cli,
         const FeuilletSite  *site,
         GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FeuilletWpClient) client = NULL;

  feuillet_publisher_connect_async (site, NULL, feuillet_cli_store_result, &result);
  client = feuillet_publisher_connect_finish (feuillet_cli_wait (&result), error);
  if (client == NULL)
    return FALSE;

  feuillet_site_terms_refresh_async (cli->store, client, site->name, NULL, feuillet_cli_store_result, &result);
  return feuillet_site_terms_refresh_finish (feuillet_cli_wait (&result), NULL, NULL, error);
}

static GPtrArray *
list_terms (FeuilletCli       *cli,
            const char        *site_name,
            FeuilletTaxonomy   taxonomy,
            GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  feuillet_store_list_site_terms_async (cli->store, site_name, taxonomy, NULL, feuillet_cli_store_result, &result);
  return feuillet_store_list_site_terms_finish (cli->store, feuillet_cli_wait (&result), error);
}

static void
add_terms_json (JsonBuilder *builder,
                const char  *member,
                GPtrArray   *terms)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < terms->len; i++)
    {
      const FeuilletWpTerm *term = terms->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, term->id);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, term->name);
      json_builder_set_member_name (builder, "slug");
      json_builder_add_string_value (builder, term->slug);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_terms (const char *heading,
             GPtrArray  *terms)
{
  g_print ("%s\n", heading);
  for (guint i = 0; i < terms->len; i++)
    {
      const FeuilletWpTerm *term = terms->pdata[i];

      g_print ("  %s\n", term->name);
    }
}

int
feuillet_cli_terms (FeuilletCli  *cli,
                    char        **args)
{
  g_autofree char *site_name = NULL;
  gboolean force_refresh = FALSE;
  const GOptionEntry entries[] = {
    { "site", 0, 0, G_OPTION_ARG_STRING, &site_name,
      N_("The site (may be left out when the library has only one)"), N_("NAME") },
    { "refresh", 0, 0, G_OPTION_ARG_NONE, &force_refresh,
      N_("Fetch them from the site first"), NULL },
    { NULL }
  };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FeuilletSite) site = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GDateTime) fetched = NULL;
  int exit_code;

  if (!feuillet_cli_parse (cli, "terms", N_("[--site NAME] [--refresh]"), entries, &args, &exit_code))
    return exit_code;
  if (g_strv_length (args) != 1)
    return feuillet_cli_usage_error (_("“feuillet-cli terms” takes no argument besides --site NAME and --refresh"));

  if (!feuillet_cli_open (cli, &error))
    return feuillet_cli_error (error);

  feuillet_publisher_find_site_async (cli->store, site_name, NULL, feuillet_cli_store_result, &result);
  site = feuillet_publisher_find_site_finish (feuillet_cli_wait (&result), &error);
  if (site == NULL)
    {
      g_printerr ("feuillet-cli: %s\n", error->message);
      return terms_exit_code (error);
    }

  /* Never fetched: there is nothing to show yet, so fetch them. */
  if (force_refresh || site->terms_fetched == NULL)
    {
      g_autofree char *name = g_strdup (site->name);

      if (!refresh (cli, site, &error))
        {
          g_printerr ("feuillet-cli: %s\n", error->message);
          return terms_exit_code (error);
        }
      /* Read again for the time the library noted. */
      g_clear_pointer (&site, feuillet_site_free);
      feuillet_publisher_find_site_async (cli->store, name, NULL, feuillet_cli_store_result, &result);
      site = feuillet_publisher_find_site_finish (feuillet_cli_wait (&result), &error);
      if (site == NULL)
        return feuillet_cli_error (error);
    }
  fetched = g_date_time_ref (site->terms_fetched);

  categories = list_terms (cli, site->name, FEUILLET_TAXONOMY_CATEGORY, &error);
  if (categories != NULL)
    tags = list_terms (cli, site->name, FEUILLET_TAXONOMY_TAG, &error);
  if (tags == NULL)
    return feuillet_cli_error (error);

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *fetched_text = g_date_time_format_iso8601 (fetched);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "site");
      json_builder_add_string_value (builder, site->name);
      json_builder_set_member_name (builder, "fetched");
      json_builder_add_string_value (builder, fetched_text);
      add_terms_json (builder, "categories", categories);
      add_terms_json (builder, "tags", tags);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      feuillet_cli_print_json (node);
    }
  else
    {
      g_autofree char *categories_heading = NULL;
      g_autofree char *tags_heading = NULL;

      /* Translators: %s is a site's name, %u how many categories it has. */
      categories_heading = g_strdup_printf (_("Categories of “%s” (%u):"), site->name, categories->len);
      /* Translators: %s is a site's name, %u how many tags it has. */
      tags_heading = g_strdup_printf (_("Tags of “%s” (%u):"), site->name, tags->len);
      print_terms (categories_heading, categories);
      print_terms (tags_heading, tags);
    }

  return FEUILLET_CLI_EXIT_OK;
}
