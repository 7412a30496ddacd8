/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The renderer: article HTML, WordPress block markup (as WordPress 6.1's editor saves it),
 * the preview's HTML, and where typography may and may not go. */
#include <glib.h>
#include <string.h>

#include "feuillet-render.h"

#define NBSP  "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

static char *
render (const char           *markdown,
        FeuilletRenderFormat  format,
        FeuilletTypography    typography)
{
  FeuilletRenderOptions options = { typography, NULL, NULL };

  return feuillet_render_markdown (markdown, strlen (markdown), format, &options);
}

static void
assert_renders (const char           *markdown,
                FeuilletRenderFormat  format,
                const char           *expected)
{
  g_autofree char *out = render (markdown, format, FEUILLET_TYPOGRAPHY_NONE);

  g_assert_cmpstr (out, ==, expected);
}

static void
test_html (void)
{
  assert_renders ("", FEUILLET_RENDER_HTML, "");
  assert_renders ("Un *mot* **fort** ~~barré~~ `code`.", FEUILLET_RENDER_HTML,
                  "<p>Un <em>mot</em> <strong>fort</strong> <s>barré</s> <code>code</code>.</p>\n");
  assert_renders ("## Intertitre\n\nTexte", FEUILLET_RENDER_HTML, "<h2>Intertitre</h2>\n<p>Texte</p>\n");
  assert_renders ("a < b & c", FEUILLET_RENDER_HTML, "<p>a &lt; b &amp; c</p>\n");
  assert_renders ("ligne\\\nsuite", FEUILLET_RENDER_HTML, "<p>ligne<br>\nsuite</p>\n");
  assert_renders ("[lien](https://x.fr \"titre\")", FEUILLET_RENDER_HTML,
                  "<p><a href=\"https://x.fr\" title=\"titre\">lien</a></p>\n");
  assert_renders ("> Cité\n>\n> — Jean", FEUILLET_RENDER_HTML,
                  "<blockquote><p>Cité</p><cite>Jean</cite></blockquote>\n");
  /* A "— " paragraph followed by more is not a citation. */
  assert_renders ("> — Jean\n>\n> Suite", FEUILLET_RENDER_HTML,
                  "<blockquote><p>— Jean</p>\n<p>Suite</p></blockquote>\n");
  assert_renders ("![Alt](a.jpg \"Légende. © Crédit\")", FEUILLET_RENDER_HTML,
                  "<figure class=\"feuillet-image\"><img src=\"a.jpg\" alt=\"Alt\"><figcaption>Légende. "
                  "<span class=\"feuillet-credit\">© Crédit</span></figcaption></figure>\n");
  /* An image among words stays inline. */
  assert_renders ("Voir ![x](a.jpg) ici", FEUILLET_RENDER_HTML, "<p>Voir <img src=\"a.jpg\" alt=\"x\"> ici</p>\n");
  /* A BOM is not text. */
  assert_renders ("\xef\xbb\xbfTexte", FEUILLET_RENDER_HTML, "<p>Texte</p>\n");
}

static void
test_blocks (void)
{
  assert_renders ("Texte", FEUILLET_RENDER_BLOCKS, "<!-- wp:paragraph -->\n<p>Texte</p>\n<!-- /wp:paragraph -->\n");
  assert_renders ("## Inter\n\n### Sous", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:heading -->\n<h2>Inter</h2>\n<!-- /wp:heading -->\n\n"
                  "<!-- wp:heading {\"level\":3} -->\n<h3>Sous</h3>\n<!-- /wp:heading -->\n");
  assert_renders ("> Quoted\n>\n> — Who", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\"><!-- wp:paragraph -->\n<p>Quoted</p>\n"
                  "<!-- /wp:paragraph --><cite>Who</cite></blockquote>\n<!-- /wp:quote -->\n");
  assert_renders ("- A\n- B", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:list -->\n<ul><!-- wp:list-item -->\n<li>A</li>\n<!-- /wp:list-item -->\n\n"
                  "<!-- wp:list-item -->\n<li>B</li>\n<!-- /wp:list-item --></ul>\n<!-- /wp:list -->\n");
  assert_renders ("3. trois", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:list {\"ordered\":true,\"start\":3} -->\n<ol start=\"3\"><!-- wp:list-item -->\n"
                  "<li>trois</li>\n<!-- /wp:list-item --></ol>\n<!-- /wp:list -->\n");
  assert_renders ("---", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:separator -->\n<hr class=\"wp-block-separator has-alpha-channel-opacity\"/>\n"
                  "<!-- /wp:separator -->\n");
  assert_renders ("![ALT](URL \"Caption\")", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:image {\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n"
                  "<figure class=\"wp-block-image size-large\"><img src=\"URL\" alt=\"ALT\"/>"
                  "<figcaption class=\"wp-element-caption\">Caption</figcaption></figure>\n<!-- /wp:image -->\n");
  assert_renders ("| A | B |\n|---|:-:|\n| 1 | 2 |", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table><thead><tr><th>A</th>"
                  "<th class=\"has-text-align-center\" data-align=\"center\">B</th></tr></thead><tbody><tr>"
                  "<td>1</td><td class=\"has-text-align-center\" data-align=\"center\">2</td></tr></tbody>"
                  "</table></figure>\n<!-- /wp:table -->\n");
  assert_renders ("```\nx < y\n```", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:code -->\n<pre class=\"wp-block-code\"><code>x &lt; y\n</code></pre>\n<!-- /wp:code -->\n");
  assert_renders ("<div>brut</div>", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:html -->\n<div>brut</div>\n<!-- /wp:html -->\n");
}

static gboolean
lookup_media (const FeuilletRenderImage  *image,
              guint64                    *id,
              const char                **url,
              gpointer                    user_data)
{
  if (!g_str_equal (image->source, "/home/claire/photo.jpg"))
    return FALSE;
  *id = 42;
  *url = "https://site/wp-content/uploads/photo.jpg";
  return TRUE;
}

/* An image already in the site's media library is referenced by its id and the site's
 * address; the local path goes nowhere. */
static void
test_media_id (void)
{
  FeuilletRenderOptions options = { FEUILLET_TYPOGRAPHY_NONE, lookup_media, NULL };
  const char *markdown = "![A](/home/claire/photo.jpg)\n\nTexte ![B](/home/claire/photo.jpg) et ![C](/tmp/autre.jpg).";
  g_autofree char *out = feuillet_render_markdown (markdown, strlen (markdown), FEUILLET_RENDER_BLOCKS, &options);
  g_autofree char *preview = feuillet_render_markdown (markdown, strlen (markdown), FEUILLET_RENDER_HTML, NULL);

  g_assert_cmpstr (out, ==,
                   "<!-- wp:image {\"id\":42,\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n"
                   "<figure class=\"wp-block-image size-large\"><img src=\"https://site/wp-content/uploads/photo.jpg\" alt=\"A\" "
                   "class=\"wp-image-42\"/></figure>\n<!-- /wp:image -->\n\n"
                   "<!-- wp:paragraph -->\n<p>Texte <img src=\"https://site/wp-content/uploads/photo.jpg\" alt=\"B\" "
                   "class=\"wp-image-42\"/> et <img src=\"/tmp/autre.jpg\" alt=\"C\"/>.</p>\n<!-- /wp:paragraph -->\n");
  /* Without a lookup (the preview, an export), the images stay where they are. */
  g_assert_nonnull (strstr (preview, "<img src=\"/home/claire/photo.jpg\" alt=\"A\">"));
}

/* The images the push uploads: each once per place, alone or inline, caption and credit
 * apart and set like the text. */
static void
test_list_images (void)
{
  const char *markdown = "# Titre\n\n![La cathédrale](/img/a.jpg \"Vue du parvis : l'aube © Claire Martin\")\n\n"
                         "Un texte ![icône](b.png) et `![pas une image](c.jpg)`.\n\n"
                         "![Encore](/img/a.jpg)\n\n![](https://example.org/d.jpg \"© AFP\")\n";
  g_autoptr(GPtrArray) images = feuillet_render_list_images (markdown, strlen (markdown), FEUILLET_TYPOGRAPHY_FRENCH);
  FeuilletRenderImage *image;

  g_assert_cmpuint (images->len, ==, 4);
  image = images->pdata[0];
  g_assert_cmpstr (image->source, ==, "/img/a.jpg");
  g_assert_cmpstr (image->alt, ==, "La cathédrale");
  g_assert_cmpstr (image->caption, ==, "Vue du parvis" NBSP ": l’aube");
  g_assert_cmpstr (image->credit, ==, "© Claire Martin");
  g_assert_true (image->figure);
  image = images->pdata[1];
  g_assert_cmpstr (image->source, ==, "b.png");
  g_assert_cmpstr (image->caption, ==, "");
  g_assert_null (image->credit);
  g_assert_false (image->figure);
  image = images->pdata[2];
  g_assert_cmpstr (image->source, ==, "/img/a.jpg");
  g_assert_cmpstr (image->alt, ==, "Encore");
  image = images->pdata[3];
  g_assert_cmpstr (image->source, ==, "https://example.org/d.jpg");
  g_assert_cmpstr (image->caption, ==, "");
  g_assert_cmpstr (image->credit, ==, "© AFP");
}

/* The site's signature setting: the byline as the post's last paragraph, set like the text. */
static void
test_signature (void)
{
  g_autoptr(FeuilletArticle) article = feuillet_article_new ();
  g_autofree char *signed_content = NULL;
  g_autofree char *unsigned_content = NULL;
  g_autofree char *no_byline = NULL;

  feuillet_article_set_body (article, "Le texte.");
  feuillet_article_set_language (article, "fr");
  no_byline = feuillet_render_article_post_content (article, NULL, NULL, TRUE);
  g_assert_cmpstr (no_byline, ==, "<!-- wp:paragraph -->\n<p>Le texte.</p>\n<!-- /wp:paragraph -->\n");

  feuillet_article_set_byline (article, "Claire Martin, à Épinal : <correspondante>");
  signed_content = feuillet_render_article_post_content (article, NULL, NULL, TRUE);
  unsigned_content = feuillet_render_article_post_content (article, NULL, NULL, FALSE);
  g_assert_cmpstr (signed_content, ==,
                   "<!-- wp:paragraph -->\n<p>Le texte.</p>\n<!-- /wp:paragraph -->\n\n"
                   "<!-- wp:paragraph {\"className\":\"signature\"} -->\n"
                   "<p class=\"signature\">Claire Martin, à Épinal" NBSP ": &lt;correspondante&gt;</p>\n"
                   "<!-- /wp:paragraph -->\n");
  g_assert_cmpstr (unsigned_content, ==, no_byline);
}

/* Typography sets prose, and leaves code, URLs, attributes and raw HTML as typed. */
static void
test_typography_on_text_only (void)
{
  g_autofree char *out = render ("Il dit \"oui\" : `\"code\" ...` [\"lien\"](https://x.fr/a--b \"l'attr\") "
                                 "https://y.fr/?q=1 <span title=\"a...b\">x</span>\n\n"
                                 "![l'alt](i.jpg)\n\n```\n\"bloc\"\n```",
                                 FEUILLET_RENDER_HTML, FEUILLET_TYPOGRAPHY_FRENCH);

  g_assert_cmpstr (out, ==,
                   "<p>Il dit «" NBSP "oui" NBSP "»" NBSP ": <code>\"code\" ...</code> "
                   "<a href=\"https://x.fr/a--b\" title=\"l'attr\">«" NBSP "lien" NBSP "»</a> "
                   "<a href=\"https://y.fr/?q=1\">https://y.fr/?q=1</a> <span title=\"a...b\">x</span></p>\n"
                   "<figure class=\"feuillet-image\"><img src=\"i.jpg\" alt=\"l'alt\"></figure>\n"
                   "<pre><code>\"bloc\"\n</code></pre>\n");
}

/* Quotes around emphasis still open and close. */
static void
test_typography_across_markup (void)
{
  g_autofree char *out = render ("\"*Bonjour*\", 1 500 **euros** !", FEUILLET_RENDER_HTML, FEUILLET_TYPOGRAPHY_FRENCH);

  g_assert_cmpstr (out, ==, "<p>«" NBSP "<em>Bonjour</em>" NBSP "», 1" NNBSP "500 <strong>euros</strong>" NNBSP "!</p>\n");
}

/* A link or image that would run code loses its target. */
static void
test_unsafe_urls (void)
{
  assert_renders ("[clic](javascript:alert(1))", FEUILLET_RENDER_HTML, "<p><a>clic</a></p>\n");
  assert_renders ("[clic](JavaScript:alert(1))", FEUILLET_RENDER_HTML, "<p><a>clic</a></p>\n");
  assert_renders ("![x](data:text/html,evil)", FEUILLET_RENDER_HTML,
                  "<figure class=\"feuillet-image\"><img src=\"\" alt=\"x\"></figure>\n");
}

/* The preview's blocks say where they start in the Markdown. */
static void
test_preview_sources (void)
{
  const char *markdown = "Premier\n\n## Deux\n\n- trois";
  g_autofree char *out = render (markdown, FEUILLET_RENDER_PREVIEW, FEUILLET_TYPOGRAPHY_NONE);

  g_assert_cmpstr (out, ==,
                   "<p data-source=\"0000000000\">Premier</p>\n"
                   "<h2 data-source=\"0000000012\">Deux</h2>\n"
                   "<ul data-source=\"0000000020\"><li>trois</li></ul>\n");
  g_assert_cmpint (strstr (markdown, "Deux") - markdown, ==, 12);
  g_assert_cmpint (strstr (markdown, "trois") - markdown, ==, 20);
}

/* Whatever the text, the renderer answers and its block markup stays balanced. */
static void
test_broken_markdown (void)
{
  static const char *const inputs[] = {
    "> > > - - - [a](", "```", "<div>", "![", "| a |\n|", "*a **b* c**", "\"\"\"\"", "> — ",
    "- > — x", "1. ![a](b \"c ©\")", "\xff\xfe\xc3",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *out = render (inputs[i], FEUILLET_RENDER_BLOCKS, FEUILLET_TYPOGRAPHY_FRENCH);
      guint opened = 0, closed = 0;

      for (const char *p = out; (p = strstr (p, "<!-- wp:")) != NULL; p++)
        opened++;
      for (const char *p = out; (p = strstr (p, "<!-- /wp:")) != NULL; p++)
        closed++;
      g_assert_cmpuint (opened, ==, closed);
    }
}

/* Raw HTML cannot open or close a WordPress block of its own: the parser would split the
 * article there. */
static void
test_raw_html_delimiters (void)
{
  assert_renders ("<div title=\"<!-- /wp:html -->\"><!-- wp:paragraph --></div>", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:html -->\n<div title=\"<!--- /wp:html -->\"><!--- wp:paragraph --></div>\n"
                  "<!-- /wp:html -->\n");
  assert_renders ("Texte <!-- wp:x --> et <!--commentaire-->", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:paragraph -->\n<p>Texte <!--- wp:x --> et <!--commentaire--></p>\n<!-- /wp:paragraph -->\n");
  /* WordPress blocks Feuillet does not write, pulled with an article, go back as they came. */
  assert_renders ("<!-- wp:latest-posts {\"postsToShow\":3} /-->", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:latest-posts {\"postsToShow\":3} /-->\n");
  assert_renders ("<!-- wp:embed {\"url\":\"https://v/x\"} -->\n<figure class=\"wp-block-embed\"><div>\n"
                  "https://v/x\n</div></figure>\n<!-- /wp:embed -->", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:embed {\"url\":\"https://v/x\"} -->\n\n<figure class=\"wp-block-embed\"><div>\n"
                  "https://v/x\n</div></figure>\n<!-- /wp:embed -->\n");
  assert_renders ("<!-- wp:group -->\n<!-- wp:spacer /-->\n\nTexte", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:html -->\n<!--- wp:group -->\n\n<!--- wp:spacer /-->\n<!-- /wp:html -->\n\n"
                  "<!-- wp:paragraph -->\n<p>Texte</p>\n<!-- /wp:paragraph -->\n");
  /* Unbalanced, or with anything around: an HTML block, its delimiters disarmed. */
  assert_renders ("<!-- wp:group -->\n<div>x</div>", FEUILLET_RENDER_BLOCKS,
                  "<!-- wp:html -->\n<!--- wp:group -->\n\n<div>x</div>\n<!-- /wp:html -->\n");
  /* In the article's HTML the comment is kept as written. */
  assert_renders ("<!-- wp:x -->", FEUILLET_RENDER_HTML, "<!-- wp:x -->\n");
}

static void
test_article (void)
{
  g_autoptr(FeuilletArticle) article = feuillet_article_new ();
  g_autofree char *set = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *page = NULL;

  feuillet_article_set_title (article, "Le \"titre\"");
  feuillet_article_set_body (article, "Il dit \"oui\".");
  feuillet_article_set_language (article, "fr");
  set = feuillet_render_article_body (article, FEUILLET_RENDER_HTML);
  g_assert_cmpstr (set, ==, "<p>Il dit «" NBSP "oui" NBSP "».</p>\n");

  /* Turned off for this article: as typed. */
  feuillet_article_set_typography (article, FALSE);
  plain = feuillet_render_article_body (article, FEUILLET_RENDER_HTML);
  g_assert_cmpstr (plain, ==, "<p>Il dit \"oui\".</p>\n");

  feuillet_article_set_typography (article, TRUE);
  page = feuillet_render_page (article, "Vosges Matin", FEUILLET_PAGE_STANDALONE);
  g_assert_nonnull (strstr (page, "<h1 id=\"feuillet-title\">Le «" NBSP "titre" NBSP "»</h1>"));
  g_assert_nonnull (strstr (page, "Vosges Matin"));
  g_assert_nonnull (strstr (page, "Content-Security-Policy"));
  /* No script may run in the page: the policy allows none. */
  g_assert_nonnull (strstr (page, "default-src 'none'"));
  g_assert_null (strstr (page, "script-src"));
  g_assert_nonnull (strstr (page, "<p>Il dit «"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render/html", test_html);
  g_test_add_func ("/render/blocks", test_blocks);
  g_test_add_func ("/render/media-id", test_media_id);
  g_test_add_func ("/render/list-images", test_list_images);
  g_test_add_func ("/render/signature", test_signature);
  g_test_add_func ("/render/typography-on-text-only", test_typography_on_text_only);
  g_test_add_func ("/render/typography-across-markup", test_typography_across_markup);
  g_test_add_func ("/render/unsafe-urls", test_unsafe_urls);
  g_test_add_func ("/render/preview-sources", test_preview_sources);
  g_test_add_func ("/render/broken-markdown", test_broken_markdown);
  g_test_add_func ("/render/raw-html-delimiters", test_raw_html_delimiters);
  g_test_add_func ("/render/article", test_article);

  return g_test_run ();
}
