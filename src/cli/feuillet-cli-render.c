/* SPDX-License-Identifier: GPL-3.0-or-later */
/* feuillet-cli render: the article as the site or the preview will show it. */
#define G_LOG_DOMAIN "feuillet-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-cli-private.h"
#include "feuillet-render.h"

static gboolean
render (FeuilletArticle  *article,
        const char       *format,
        char            **contents)
{
  if (g_str_equal (format, "html"))
    *contents = feuillet_render_article_body (article, FEUILLET_RENDER_HTML);
  else if (g_str_equal (format, "blocks"))
    *contents = feuillet_render_article_body (article, FEUILLET_RENDER_BLOCKS);
  else if (g_str_equal (format, "page"))
    *contents = feuillet_render_page (article, NULL, FEUILLET_PAGE_STANDALONE);
  else
    return FALSE;
  return TRUE;
}

int
feuillet_cli_render (FeuilletCli  *cli,
                     char        **args)
{
  g_autofree char *format = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("html (the article’s HTML), blocks (WordPress block markup) or page (the preview’s page)"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gint64 id;
  int status;

  if (!feuillet_cli_parse (cli, "render", N_("ID --format html|blocks|page"), entries, &args, &status))
    return status;
  if (g_strv_length (args) != 2 || !feuillet_cli_parse_id (args[1], &id))
    return feuillet_cli_usage_error (_("Which article? “feuillet-cli render ID --format html|blocks|page”"));
  if (format == NULL)
    return feuillet_cli_usage_error (_("--format must be html, blocks or page"));

  article = feuillet_cli_load_article (cli, id, &error);
  if (article == NULL)
    return feuillet_cli_error (error);
  if (!render (article, format, &contents))
    return feuillet_cli_usage_error (_("--format must be html, blocks or page"));

  if (cli->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "format");
      json_builder_add_string_value (builder, format);
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, contents);
      json_builder_end_object (builder);
      node = json_builder_get_root (builder);
      feuillet_cli_print_json (node);
    }
  else
    g_print ("%s", contents);

  return FEUILLET_CLI_EXIT_OK;
}
