/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The article as a page of a news site: site name, kicker, title, chapeau, byline and date,
 * featured image, body, tags. The preview shows it, and export writes it to a file.
 *
 * The page runs nothing and fetches nothing from the network: its Content-Security-Policy
 * allows no script, no connection and only local images (DESIGN.md, invariant 6). An exported
 * page may show images from the web, as the site would, but still runs no script.
 */
#define G_LOG_DOMAIN "feuillet-render"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "feuillet-core-resources.h"
#include "feuillet-render.h"

#define PREVIEW_POLICY \
  "default-src 'none'; img-src file: data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
#define EXPORT_POLICY \
  "default-src 'none'; img-src file: data: http: https:; style-src 'unsafe-inline'; base-uri 'none'; " \
  "form-action 'none'"

static void
append_text (GString    *out,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (out, escaped);
}

static void
append_set_text (GString            *out,
                 FeuilletTypography  typography,
                 const char         *text)
{
  g_autofree char *set = feuillet_typography_apply (typography, text);

  append_text (out, set);
}

/* The date the page shows: when it is to be published if scheduled, else the last change. */
static char *
format_date (FeuilletArticle *article,
             char           **iso_date)
{
  GDateTime *date = feuillet_article_get_schedule_date (article);
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    date = feuillet_article_get_updated (article);
  if (date == NULL)
    {
      *iso_date = g_strdup ("");
      return g_strdup ("");
    }
  local = g_date_time_to_local (date);
  *iso_date = g_date_time_format_iso8601 (date);
  /* Translators: the date under an article's byline, as g_date_time_format() writes it */
  return g_date_time_format (local, _("%-d %B %Y"));
}

/* A featured image given as a path is shown from the disk. */
static char *
featured_image_uri (const char *featured_image)
{
  g_autofree char *scheme = g_uri_parse_scheme (featured_image);

  if (scheme != NULL)
    return g_ascii_strcasecmp (scheme, "javascript") == 0 ? NULL : g_strdup (featured_image);
  if (g_path_is_absolute (featured_image))
    return g_filename_to_uri (featured_image, NULL, NULL);
  return g_strdup (featured_image);
}

static char *
stylesheet (void)
{
  g_autoptr(GBytes) css = g_resource_lookup_data (feuillet_core_get_resource (),
                                                  "/io/github/feuillet/Feuillet/core/preview.css",
                                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert (css != NULL);
  return g_strndup (g_bytes_get_data (css, NULL), g_bytes_get_size (css));
}

/**
 * feuillet_render_page:
 * @article: the article
 * @site_name: (nullable): the site's name for the page's header
 * @flags: standalone (for export) or with the body left for the preview to fill
 *
 * Returns: (transfer full): the article as a complete HTML page, its stylesheet inlined
 */
char *
feuillet_render_page (FeuilletArticle   *article,
                      const char        *site_name,
                      FeuilletPageFlags  flags)
{
  g_autoptr(GString) out = g_string_sized_new (16384);
  FeuilletTypography typography;
  const char *category;
  const char *byline;
  const char *featured;
  const char * const *tags;
  g_autofree char *css = stylesheet ();
  g_autofree char *iso_date = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (FEUILLET_IS_ARTICLE (article), NULL);

  typography = feuillet_render_article_typography (article);
  date = format_date (article, &iso_date);

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"");
  append_text (out, feuillet_article_get_language (article));
  g_string_append (out, "\">\n<head>\n<meta charset=\"utf-8\">\n");
  g_string_append_printf (out, "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\">\n",
                          (flags & FEUILLET_PAGE_STANDALONE) ? EXPORT_POLICY : PREVIEW_POLICY);
  g_string_append (out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                        "<meta name=\"generator\" content=\"Feuillet " PACKAGE_VERSION "\">\n<title>");
  append_set_text (out, typography, feuillet_article_get_title (article));
  g_string_append (out, "</title>\n<style>\n");
  g_string_append (out, css);
  g_string_append (out, "</style>\n</head>\n<body>\n<header class=\"site-header\"><div class=\"site-name\">");
  append_text (out, site_name != NULL && site_name[0] != '\0' ? site_name : "Feuillet");
  g_string_append (out, "</div></header>\n<main>\n<article class=\"article\">\n");

  category = feuillet_article_get_category (article);
  g_string_append (out, "<p class=\"kicker\" id=\"feuillet-kicker\">");
  append_set_text (out, typography, category);
  g_string_append (out, "</p>\n<h1 id=\"feuillet-title\">");
  append_set_text (out, typography, feuillet_article_get_title (article));
  g_string_append (out, "</h1>\n<p class=\"chapeau\" id=\"feuillet-chapeau\">");
  append_set_text (out, typography, feuillet_article_get_chapeau (article));
  g_string_append (out, "</p>\n<p class=\"meta\">");

  byline = feuillet_article_get_byline (article);
  g_string_append (out, "<span class=\"byline\" id=\"feuillet-byline\">");
  if (byline[0] != '\0')
    {
      /* Translators: the signature above an article */
      g_autofree char *signed_by = g_strdup_printf (_("By %s"), byline);

      append_set_text (out, typography, signed_by);
    }
  g_string_append (out, "</span><span class=\"separator\" aria-hidden=\"true\">·</span>"
                        "<time id=\"feuillet-date\" datetime=\"");
  append_text (out, iso_date);
  g_string_append (out, "\">");
  append_text (out, date);
  g_string_append (out, "</time></p>\n<figure class=\"featured\" id=\"feuillet-featured\">");

  featured = feuillet_article_get_featured_image (article);
  if (featured != NULL && featured[0] != '\0')
    {
      g_autofree char *uri = featured_image_uri (featured);

      if (uri != NULL)
        {
          g_string_append (out, "<img src=\"");
          append_text (out, uri);
          g_string_append (out, "\" alt=\"\">");
        }
    }
  g_string_append (out, "</figure>\n<div class=\"article-body\" id=\"feuillet-body\">\n");

  if (!(flags & FEUILLET_PAGE_EMPTY_BODY))
    {
      g_autofree char *body = feuillet_render_article_body (article, FEUILLET_RENDER_HTML);

      g_string_append (out, body);
    }

  g_string_append (out, "</div>\n<ul class=\"tags\" id=\"feuillet-tags\">");
  tags = (const char * const *) feuillet_article_get_tags (article);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_string_append (out, "<li>");
      append_text (out, tags[i]);
      g_string_append (out, "</li>");
    }
  g_string_append (out, "</ul>\n</article>\n</main>\n</body>\n</html>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
