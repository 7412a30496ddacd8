/* SPDX-License-Identifier: GPL-3.0-or-later */
/* WordPress HTML back to the Markdown of doc/markdown.md: each element, what Markdown cannot
 * say (kept as raw HTML), broken markup, and the round trip through the block renderer. */
#include "config.h"

#include <string.h>

#include "feuillet-html-import.h"
#include "feuillet-render.h"

#define NBSP  "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

static void
assert_imports (const char *html,
                const char *expected)
{
  g_autofree char *markdown = feuillet_html_to_markdown (html, -1, NULL);

  g_assert_cmpstr (markdown, ==, expected);
}

static char *
read_test_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_empty (void)
{
  assert_imports ("", "");
  assert_imports (" \n\t ", "");
  assert_imports ("<p></p><p> </p>", "");
  assert_imports ("<!-- wp:paragraph -->\n<p></p>\n<!-- /wp:paragraph -->", "");
  {
    g_autofree char *markdown = feuillet_html_to_markdown (NULL, 0, NULL);

    g_assert_cmpstr (markdown, ==, "");
  }
}

static void
test_paragraphs (void)
{
  assert_imports ("<p>Un</p><p>Deux</p>", "Un\n\nDeux\n");
  /* In block markup, white space collapses as in a browser and goes at the block's edges (a
   * classic post is another story: see test_classic_editor). */
  assert_imports ("<!-- wp:paragraph -->\n<p>\n  Un   texte\n\tsur  deux lignes  </p>\n<!-- /wp:paragraph -->",
                  "Un texte sur deux lignes\n");
  assert_imports ("<p>Un <b> mot </b> ici</p>", "Un **mot** ici\n");
}

static void
test_headings (void)
{
  assert_imports ("<h1>Un</h1><h2>Deux</h2><h3>Trois</h3><h4>Quatre</h4><h5>Cinq</h5><h6>Six</h6>",
                  "# Un\n\n## Deux\n\n### Trois\n\n#### Quatre\n\n##### Cinq\n\n###### Six\n");
  assert_imports ("<h2 class=\"wp-block-heading\">Le <em>mot</em></h2>", "## Le *mot*\n");
  /* A closing # would be read as the heading's closing sequence; C# is not one. */
  assert_imports ("<h2>Numéro #</h2><h2>C#</h2>", "## Numéro \\#\n\n## C#\n");
  /* A heading on two lines has no Markdown form. */
  assert_imports ("<h2>Un<br>deux</h2>", "<h2>Un<br>deux</h2>\n");
}

static void
test_emphasis (void)
{
  assert_imports ("<p><strong>gras</strong> <b>gras</b> <em>italique</em> <i>italique</i></p>",
                  "**gras** **gras** *italique* *italique*\n");
  assert_imports ("<p><s>barré</s> <del>barré</del> <strike>barré</strike></p>", "~~barré~~ ~~barré~~ ~~barré~~\n");
  assert_imports ("<p><strong><em>les deux</em></strong></p>", "***les deux***\n");
  /* Nested twice the same adds nothing; empty adds nothing. */
  assert_imports ("<p><em>a <i>b</i> c</em><strong></strong><em> </em>d</p>", "*a b c* d\n");
  /* Spaces move outside, where Markdown needs them. */
  assert_imports ("<p>un<strong> mot </strong>ici</p>", "un **mot** ici\n");
  /* Punctuation inside touching a letter outside: * would not be read as emphasis. */
  assert_imports ("<p>l’<em>«Hum»</em>s a<strong>.</strong>b <em>(1)</em>, <em>«" NBSP "Oui" NBSP "»</em></p>",
                  "l’<em>«Hum»</em>s a<strong>.</strong>b *(1)*, *«" NBSP "Oui" NBSP "»*\n");
  assert_imports ("<p><em>" NBSP "x</em></p>", "<em>" NBSP "x</em>\n");
  /* Emphasis across a line break closes before it. */
  assert_imports ("<p><strong>a<br></strong>b</p>", "**a**\\\nb\n");
}

static void
test_code_span (void)
{
  assert_imports ("<p><code>x = 1</code></p>", "`x = 1`\n");
  assert_imports ("<p><code>a `b` c</code></p>", "``a `b` c``\n");
  assert_imports ("<p><code>`</code></p>", "`` ` ``\n");
  /* Markdown is not read inside code: nothing to escape. */
  assert_imports ("<p><code>*a* &lt;b&gt; [c]</code></p>", "`*a* <b> [c]`\n");
  assert_imports ("<p><code> a </code></p>", "`  a  `\n");
}

static void
test_links (void)
{
  assert_imports ("<p>Un <a href=\"https://exemple.fr/page\">lien</a>.</p>",
                  "Un [lien](https://exemple.fr/page).\n");
  assert_imports ("<p><a href=\"https://exemple.fr\" title=\"Le &quot;titre&quot;\">lien</a></p>",
                  "[lien](https://exemple.fr \"Le \\\"titre\\\"\")\n");
  assert_imports ("<p><a href=\"a b(1).html\">x</a></p>", "[x](a%20b\\(1\\).html)\n");
  assert_imports ("<p><a href=\"https://exemple.fr\">https://exemple.fr</a></p>", "<https://exemple.fr>\n");
  assert_imports ("<p><a href=\"x.html\"><strong>gras</strong> lien</a></p>", "[**gras** lien](x.html)\n");
  /* An address the site showed as text stays text: md4c would make it a link. */
  assert_imports ("<p>Voir https://exemple.fr</p>", "Voir https\\://exemple.fr\n");
  /* An anchor without address is HTML. */
  assert_imports ("<p><a id=\"ici\"></a>Texte</p>", "<a id=\"ici\"></a>Texte\n");
}

static void
test_line_breaks (void)
{
  assert_imports ("<p>Ligne<br>suite<br/>fin</p>", "Ligne\\\nsuite\\\nfin\n");
  assert_imports ("<p>Un<br><br>deux</p>", "Un\\\n\\\ndeux\n");
  /* At a paragraph's edges a break shows nothing. */
  assert_imports ("<p><br>Ligne <br></p>", "Ligne\n");
}

static void
test_entities (void)
{
  assert_imports ("<p>R&amp;D &eacute;t&eacute; l&#8217;ami a&nbsp;b &lt;tag&gt; &#x41;</p>",
                  "R&D été l’ami a" NBSP "b \\<tag> A\n");
  /* Text that reads as an entity in Markdown keeps its & escaped. */
  assert_imports ("<p>&amp;eacute; &amp;#233; &amp; ;</p>", "\\&eacute; \\&#233; & ;\n");
}

static void
test_no_break_spaces (void)
{
  /* Kept as the characters, never collapsed or trimmed like spaces. */
  assert_imports ("<p>«" NBSP "Oui" NBSP "» Quoi" NNBSP "? 1" NNBSP "500</p>",
                  "«" NBSP "Oui" NBSP "» Quoi" NNBSP "? 1" NNBSP "500\n");
  assert_imports ("<p>&nbsp;a&nbsp;&nbsp;</p>", NBSP "a" NBSP NBSP "\n");
}

static void
test_escapes (void)
{
  assert_imports ("<p>\\ * _ [ ] ` &lt; ~ | # &gt; - + 1. !</p>",
                  "\\\\ \\* \\_ \\[ \\] \\` \\< \\~ | # > - + 1. !\n");
  /* What would start a block at the start of a line. */
  assert_imports ("<p># a</p><p>&gt; b</p><p>- c</p><p>+ d</p><p>1. e</p><p>2024) f</p><p>---</p><p>===</p>",
                  "\\# a\n\n\\> b\n\n\\- c\n\n\\+ d\n\n1\\. e\n\n2024\\) f\n\n\\---\n\n\\===\n");
  assert_imports ("<p>Un<br>- deux<br>3. trois</p>", "Un\\\n\\- deux\\\n3\\. trois\n");
  /* Not where they cannot: 1.5, -5, #tag. */
  assert_imports ("<p>1.5 million</p><p>-5 °C</p><p>#tag</p>", "1.5 million\n\n-5 °C\n\n\\#tag\n");
}

static void
test_lists (void)
{
  assert_imports ("<ul><li>un</li><li>deux</li></ul>", "- un\n- deux\n");
  assert_imports ("<ol><li>un</li><li>deux</li></ol>", "1. un\n2. deux\n");
  assert_imports ("<ol start=\"9\"><li>neuf</li><li>dix</li></ol>", "9. neuf\n10. dix\n");
  /* WordPress's list items hold text, or paragraphs. */
  assert_imports ("<ul><li><p>un</p></li><li><p>deux</p><p>suite</p></li></ul>",
                  "- un\n\n- deux\n\n  suite\n");
  assert_imports ("<ul><li>un<br>suite</li></ul>", "- un\\\n  suite\n");
  assert_imports ("<ul><li>un<ul><li>a<ol><li>i</li></ol></li></ul></li><li>deux</li></ul>",
                  "- un\n  - a\n    1. i\n- deux\n");
  /* Only an ordered list starting at 1 may follow text on the next line. */
  assert_imports ("<ul><li>un<ol start=\"3\"><li>c</li></ol></li></ul>", "- un\n\n  3. c\n");
  assert_imports ("<ul><li></li><li>deux</li></ul>", "-\n- deux\n");
  /* Lists in a row keep apart with another marker. */
  assert_imports ("<ul><li>a</li></ul><ul><li>b</li></ul><ul><li>c</li></ul><ol><li>d</li></ol><ol><li>e</li></ol>",
                  "- a\n\n* b\n\n- c\n\n1. d\n\n1) e\n");
  /* Counting down or lettered: no Markdown for it. */
  assert_imports ("<ol reversed><li>x</li></ol>", "<ol reversed><li>x</li></ol>\n");
  assert_imports ("<ol type=\"a\"><li>x</li></ol>", "<ol type=\"a\"><li>x</li></ol>\n");
}

static void
test_quote (void)
{
  assert_imports ("<blockquote><p>Un</p><p>Deux</p></blockquote>", "> Un\n>\n> Deux\n");
  assert_imports ("<blockquote class=\"wp-block-quote\"><p>Cité</p><cite>Jean <em>Dupont</em></cite></blockquote>",
                  "> Cité\n>\n> — Jean *Dupont*\n");
  assert_imports ("<blockquote>Texte seul</blockquote>", "> Texte seul\n");
  assert_imports ("<blockquote><ul><li>a</li></ul><blockquote><p>b</p></blockquote></blockquote>",
                  "> - a\n>\n> > b\n");
  assert_imports ("<blockquote><p>Cité</p><cite></cite></blockquote>", "> Cité\n");
  /* A last paragraph starting with a dash is not an author: the renderer must not read it so. */
  assert_imports ("<blockquote><p>Un</p><p>— Pas un auteur</p></blockquote>", "> Un\n>\n> &#8212; Pas un auteur\n");
  assert_imports ("<blockquote><p>-- Non plus</p></blockquote>", "> &#45;- Non plus\n");
  assert_imports ("<blockquote><p>— Pas un auteur</p><cite>Auteur</cite></blockquote>",
                  "> — Pas un auteur\n>\n> — Auteur\n");
}

static void
test_images (void)
{
  g_autoptr(GHashTable) media_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *markdown = NULL;

  markdown = feuillet_html_to_markdown ("<figure class=\"wp-block-image size-large\">"
                                        "<img src=\"https://site.fr/wp-content/uploads/mairie.jpg\" alt=\"La mairie\" class=\"wp-image-42\"/>"
                                        "<figcaption class=\"wp-element-caption\">La mairie de \"Remiremont\". "
                                        "<span class=\"feuillet-credit\">© Photo J. D.</span></figcaption></figure>",
                                        -1, media_ids);
  g_assert_cmpstr (markdown, ==,
                   "![La mairie](https://site.fr/wp-content/uploads/mairie.jpg "
                   "\"La mairie de \\\"Remiremont\\\". © Photo J. D.\")\n");
  g_assert_cmpuint (g_hash_table_size (media_ids), ==, 1);
  g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (media_ids, "https://site.fr/wp-content/uploads/mairie.jpg")), ==, 42);

  assert_imports ("<figure class=\"wp-block-image\"><img src=\"a.jpg\" alt=\"\"></figure>", "![](a.jpg)\n");
  assert_imports ("<p><img src=\"a b.jpg\" alt=\"[un] *x*\" title=\"Titre\"></p>", "![\\[un\\] \\*x\\*](a%20b.jpg \"Titre\")\n");
  assert_imports ("<p>Voir <img src=\"a.jpg\" alt=\"x\"> ici</p>", "Voir ![x](a.jpg) ici\n");
  /* WordPress 5's aligned image sits in a div. */
  assert_imports ("<div class=\"wp-block-image\"><figure class=\"aligncenter\"><img src=\"a.jpg\" alt=\"x\">"
                  "<figcaption>Légende</figcaption></figure></div>",
                  "![x](a.jpg \"Légende\")\n");
  /* An image linked to its full size has no Markdown form in doc/markdown.md: kept as HTML. */
  assert_imports ("<figure class=\"wp-block-image\"><a href=\"grande.jpg\"><img src=\"a.jpg\" alt=\"\"></a></figure>",
                  "<figure class=\"wp-block-image\"><a href=\"grande.jpg\"><img src=\"a.jpg\" alt=\"\"></a></figure>\n");
}

static void
test_media_ids (void)
{
  g_autoptr(GHashTable) media_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *markdown = NULL;

  /* Every image with an id counts, wherever it is; an image without one does not. */
  markdown = feuillet_html_to_markdown ("<p><img src=\"a.jpg\" class=\"alignleft wp-image-7 size-full\"></p>"
                                        "<div class=\"x\"><img src=\"b.jpg\" class=\"wp-image-8\"></div>"
                                        "<p><img src=\"c.jpg\" class=\"wp-image-x\"><img src=\"d.jpg\"></p>",
                                        -1, media_ids);
  g_assert_cmpuint (g_hash_table_size (media_ids), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (media_ids, "a.jpg")), ==, 7);
  g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (media_ids, "b.jpg")), ==, 8);
}

static void
test_separator (void)
{
  assert_imports ("<p>a</p><hr class=\"wp-block-separator has-alpha-channel-opacity\"/><p>b</p>", "a\n\n---\n\nb\n");
}

static void
test_tables (void)
{
  assert_imports ("<figure class=\"wp-block-table\"><table><thead><tr><th>A</th><th>B</th></tr></thead>"
                  "<tbody><tr><td>1</td><td>2</td></tr><tr><td><em>x</em></td><td>a|b</td></tr></tbody></table></figure>",
                  "| A | B |\n| --- | --- |\n| 1 | 2 |\n| *x* | a\\|b |\n");
  assert_imports ("<table><thead><tr><th class=\"has-text-align-center\" data-align=\"center\">A</th>"
                  "<th align=\"right\">B</th><th style=\"\">C</th><th data-align=\"left\">D</th></tr></thead>"
                  "<tbody><tr><td>1<br>2</td><td></td><td>3</td><td>4</td></tr></tbody></table>",
                  "| A | B | C | D |\n| :---: | ---: | --- | :--- |\n| 1<br>2 |  | 3 | 4 |\n");
  /* What a GFM table cannot hold: the table stays HTML. */
  assert_imports ("<table><tbody><tr><td>sans en-tête</td></tr></tbody></table>",
                  "<table><tbody><tr><td>sans en-tête</td></tr></tbody></table>\n");
  assert_imports ("<table><thead><tr><th colspan=\"2\">A</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>",
                  "<table><thead><tr><th colspan=\"2\">A</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>\n");
  assert_imports ("<table><thead><tr><th>A</th></tr></thead><tbody><tr><td><p>1</p></td></tr></tbody></table>",
                  "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td><p>1</p></td></tr></tbody></table>\n");
  assert_imports ("<table><thead><tr><th>A</th></tr></thead><tbody><tr><td><code>a|b</code></td></tr></tbody></table>",
                  "<table><thead><tr><th>A</th></tr></thead><tbody><tr><td><code>a|b</code></td></tr></tbody></table>\n");
  assert_imports ("<figure class=\"wp-block-table\"><table><thead><tr><th>A</th></tr></thead></table>"
                  "<figcaption>Source</figcaption></figure>",
                  "<figure class=\"wp-block-table\"><table><thead><tr><th>A</th></tr></thead></table>"
                  "<figcaption>Source</figcaption></figure>\n");
}

static void
test_code_blocks (void)
{
  assert_imports ("<pre class=\"wp-block-code\"><code>int a = 1;\n  if (a &lt; 2)\n\n    b();</code></pre>",
                  "```\nint a = 1;\n  if (a < 2)\n\n    b();\n```\n");
  /* The fence is longer than any run of backticks inside. */
  assert_imports ("<pre><code>```\nx\n````</code></pre>", "`````\n```\nx\n````\n`````\n");
  assert_imports ("<pre><code class=\"language-python\">print(1)\n</code></pre>", "```python\nprint(1)\n```\n");
  /* As in a browser, the newline right after <pre> is not content. */
  assert_imports ("<pre>\ntexte *brut*</pre>", "```\ntexte *brut*\n```\n");
  assert_imports ("<pre><code></code></pre>", "```\n```\n");
  /* Preformatted text with markup stays HTML. */
  assert_imports ("<pre class=\"wp-block-preformatted\">a<br><strong>b</strong>\n\nc</pre>",
                  "<pre class=\"wp-block-preformatted\">a<br><strong>b</strong>\n\nc</pre>\n");
}

static void
test_raw_blocks (void)
{
  assert_imports ("<p>a</p><iframe src=\"https://www.youtube.com/embed/x\" width=\"560\"></iframe><p>b</p>",
                  "a\n\n<iframe src=\"https://www.youtube.com/embed/x\" width=\"560\"></iframe>\n\nb\n");
  /* One HTML block for CommonMark: no blank line inside. */
  assert_imports ("<div class=\"encadre\">\n<p>Un</p>\n\n<p>Deux</p>\n</div>",
                  "<div class=\"encadre\">\n<p>Un</p>\n<p>Deux</p>\n</div>\n");
  /* An element CommonMark does not know as a block starts alone on its line. */
  assert_imports ("<video controls src=\"v.mp4\"></video>", "<video controls src=\"v.mp4\">\n</video>\n");
  /* Scripts and styles are kept too, exactly; the preview, not the importer, refuses to run them. */
  assert_imports ("<script>if (a < b && c) x = \"*y*\";\n\nz();</script><style>p { color: red }</style><p>après</p>",
                  "<script>if (a < b && c) x = \"*y*\";\n\nz();</script>\n\n<style>p { color: red }</style>\n\naprès\n");
  /* WordPress's own comments: the "more" break, a block without HTML. */
  assert_imports ("<p>a</p><!--more--><p>b</p>\n<!-- wp:latest-posts {\"postsToShow\":3} /-->",
                  "a\n\n<!--more-->\n\nb\n\n<!-- wp:latest-posts {\"postsToShow\":3} /-->\n");
  /* A custom HTML block keeps its HTML as written, even what could be Markdown. */
  assert_imports ("<!-- wp:html -->\n<p class=\"x\">Un</p>\n\n<p>Deux</p>\n<!-- /wp:html -->\n\n"
                  "<!-- wp:paragraph -->\n<p>Trois</p>\n<!-- /wp:paragraph -->",
                  "<p class=\"x\">Un</p>\n<p>Deux</p>\n\nTrois\n");
}

static void
test_inline_html (void)
{
  assert_imports ("<p>Le 1<sup>er</sup> H<sub>2</sub>O <mark>vu</mark> <u>souligné</u> <span style=\"color:red\">rouge</span></p>",
                  "Le 1<sup>er</sup> H<sub>2</sub>O <mark>vu</mark> <u>souligné</u> <span style=\"color:red\">rouge</span>\n");
  /* Inside, still Markdown. */
  assert_imports ("<p><span class=\"x\">a *b* <em>c</em></span></p>", "<span class=\"x\">a \\*b\\* *c*</span>\n");
  assert_imports ("<p>a<span></span>b <abbr title=\"Petites &amp; &quot;moyennes&quot;\">PME</abbr></p>",
                  "a<span></span>b <abbr title=\"Petites &amp; &quot;moyennes&quot;\">PME</abbr>\n");
}

static void
test_garbage (void)
{
  /* Repaired as a browser would; no word lost. */
  assert_imports ("<p>non fermé <b>gras <i>italique</p><ul><li>a<li>b</ul></div></span>texte",
                  "non fermé **gras *italique***\n\n- a\n- b\n\ntexte\n");
  assert_imports ("<p>a < b <3 c></b></i></p>&", "a \\< b \\<3 c>\n\n&\n");
  assert_imports ("<p>a <!-- commentaire --> b</p>", "a <!-- commentaire --> b\n");
  assert_imports ("Texte sans balise", "Texte sans balise\n");
  /* Bytes that are not UTF-8, and a nul byte, within the given length. */
  {
    g_autofree char *markdown = feuillet_html_to_markdown ("<p>a\xff" "b\0c</p>", 12, NULL);

    g_assert_true (g_utf8_validate (markdown, -1, NULL));
    g_assert_true (g_str_has_prefix (markdown, "a\xef\xbf\xbd" "b"));
  }
  /* Deep nesting: libxml2 keeps 256 levels, then stops reading; nothing crashes. */
  for (guint depth = 60; depth <= 6000; depth *= 100)
    {
      g_autoptr(GString) html = g_string_new (NULL);
      g_autofree char *markdown = NULL;

      for (guint i = 0; i < depth; i++)
        g_string_append (html, "<blockquote><div><b><span>");
      g_string_append (html, "fond");
      markdown = feuillet_html_to_markdown (html->str, html->len, NULL);
      g_assert_true (g_utf8_validate (markdown, -1, NULL));
      if (depth < 64)
        g_assert_nonnull (strstr (markdown, "fond"));
    }
}

static void
test_classic_editor (void)
{
  /* No block comments: WordPress adds paragraphs and line breaks where the text has newlines. */
  assert_imports ("Premier paragraphe\nsur deux lignes.\n\nSecond <b>en gras\n\nsuite</b>.\n\n<h2>Titre</h2>\nFin.",
                  "Premier paragraphe\\\nsur deux lignes.\n\nSecond **en gras**\n\n**suite**.\n\n## Titre\n\nFin.\n");
}

/* WORDPRESS.md's "Block markup" (what WordPress 6.1's editor saves), and a post as 6.8 saves it
 * with the classes later versions add, blocks Markdown has no form for, and no-break spaces. */
static void
test_wordpress_blocks (void)
{
  static const struct
  {
    const char *name;
    const char *image;
    gsize       media_id;
  } posts[] = {
    { "wordpress-6.1", "URL", 42 },
    { "wordpress-6.8", "https://journal.example/wp-content/uploads/2024/03/astana-1024x683.jpg", 128 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (posts); i++)
    {
      g_autoptr(GHashTable) media_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autofree char *html_name = g_strconcat ("html/", posts[i].name, ".html", NULL);
      g_autofree char *markdown_name = g_strconcat ("html/", posts[i].name, ".md", NULL);
      g_autofree char *html = read_test_file (html_name);
      g_autofree char *expected = read_test_file (markdown_name);
      g_autofree char *markdown = feuillet_html_to_markdown (html, -1, media_ids);

      g_assert_cmpstr (markdown, ==, expected);
      g_assert_cmpuint (g_hash_table_size (media_ids), ==, 1);
      g_assert_cmpuint (GPOINTER_TO_SIZE (g_hash_table_lookup (media_ids, posts[i].image)), ==, posts[i].media_id);
    }
}

/* Markdown → block markup → Markdown gives Markdown that then survives the trip unchanged,
 * with the typography a push sets and without. */
static void
assert_round_trip (const char *markdown)
{
  static const FeuilletTypography typographies[] = {
    FEUILLET_TYPOGRAPHY_NONE, FEUILLET_TYPOGRAPHY_FRENCH, FEUILLET_TYPOGRAPHY_ENGLISH,
  };

  for (guint i = 0; i < G_N_ELEMENTS (typographies); i++)
    {
      FeuilletRenderOptions options = { typographies[i], NULL, NULL };
      g_autofree char *blocks = feuillet_render_markdown (markdown, strlen (markdown), FEUILLET_RENDER_BLOCKS, &options);
      g_autofree char *first = feuillet_html_to_markdown (blocks, -1, NULL);
      g_autofree char *blocks_again = feuillet_render_markdown (first, strlen (first), FEUILLET_RENDER_BLOCKS, &options);
      g_autofree char *second = feuillet_html_to_markdown (blocks_again, -1, NULL);

      g_assert_cmpstr (second, ==, first);
    }
}

/* A block Markdown has no form for (an embed, a group with inner blocks) comes back to the
 * site as it was, delimiters and settings included. */
static void
test_unconverted_blocks (void)
{
  static const char html[] =
    "<!-- wp:paragraph -->\n<p>Avant</p>\n<!-- /wp:paragraph -->\n\n"
    "<!-- wp:embed {\"url\":\"https://video.example/v/1\",\"type\":\"video\"} -->\n"
    "<figure class=\"wp-block-embed is-type-video\"><div class=\"wp-block-embed__wrapper\">\n"
    "https://video.example/v/1\n</div></figure>\n<!-- /wp:embed -->\n\n"
    "<!-- wp:group {\"layout\":{\"type\":\"constrained\"}} -->\n<div class=\"wp-block-group\">"
    "<!-- wp:paragraph -->\n<p>Dedans</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:group -->\n\n"
    "<!-- wp:latest-posts {\"postsToShow\":3} /-->\n\n"
    "<!-- wp:paragraph -->\n<p>Après</p>\n<!-- /wp:paragraph -->";
  g_autofree char *markdown = feuillet_html_to_markdown (html, -1, NULL);
  g_autofree char *blocks = feuillet_render_markdown (markdown, strlen (markdown), FEUILLET_RENDER_BLOCKS, NULL);
  g_autofree char *again = feuillet_html_to_markdown (blocks, -1, NULL);

  g_assert_true (g_str_has_prefix (markdown, "Avant\n\n<!-- wp:embed {\"url\":\"https://video.example/v/1\""));
  g_assert_nonnull (strstr (markdown, "\nAprès\n"));
  g_assert_nonnull (strstr (blocks, "<!-- wp:embed {\"url\":\"https://video.example/v/1\",\"type\":\"video\"} -->"));
  g_assert_nonnull (strstr (blocks, "https://video.example/v/1\n</div></figure>\n<!-- /wp:embed -->"));
  g_assert_nonnull (strstr (blocks, "<!-- wp:group {\"layout\":{\"type\":\"constrained\"}} -->"));
  g_assert_nonnull (strstr (blocks, "<p>Dedans</p>\n<!-- /wp:paragraph --></div>\n<!-- /wp:group -->"));
  g_assert_nonnull (strstr (blocks, "\n<!-- wp:latest-posts {\"postsToShow\":3} /-->\n"));
  g_assert_null (strstr (blocks, "wp:html"));
  g_assert_cmpstr (again, ==, markdown);
}

static const char *
skip_front_matter (const char *text)
{
  const char *end = g_str_has_prefix (text, "---\n") ? strstr (text, "\n---\n") : NULL;

  return end != NULL ? end + strlen ("\n---\n") : text;
}

static void
test_round_trip (void)
{
  static const char * const files[] = {
    "samples/kazakhstan-vosges.md",
    "articles/edge-cases.md",
    "articles/features-fr.md",
    "articles/english.md",
    "html/round-trip.md",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *text = read_test_file (files[i]);

      g_test_message ("%s", files[i]);
      assert_round_trip (skip_front_matter (text));
    }
}

/* What Feuillet writes comes back exactly as written. */
static void
test_round_trip_exact (void)
{
  g_autofree char *markdown = read_test_file ("html/round-trip.md");
  g_autofree char *blocks = feuillet_render_markdown (markdown, strlen (markdown), FEUILLET_RENDER_BLOCKS, NULL);
  g_autofree char *back = feuillet_html_to_markdown (blocks, -1, NULL);

  g_assert_cmpstr (back, ==, markdown);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html-import/empty", test_empty);
  g_test_add_func ("/html-import/paragraphs", test_paragraphs);
  g_test_add_func ("/html-import/headings", test_headings);
  g_test_add_func ("/html-import/emphasis", test_emphasis);
  g_test_add_func ("/html-import/code-span", test_code_span);
  g_test_add_func ("/html-import/links", test_links);
  g_test_add_func ("/html-import/line-breaks", test_line_breaks);
  g_test_add_func ("/html-import/entities", test_entities);
  g_test_add_func ("/html-import/no-break-spaces", test_no_break_spaces);
  g_test_add_func ("/html-import/escapes", test_escapes);
  g_test_add_func ("/html-import/lists", test_lists);
  g_test_add_func ("/html-import/quote", test_quote);
  g_test_add_func ("/html-import/images", test_images);
  g_test_add_func ("/html-import/media-ids", test_media_ids);
  g_test_add_func ("/html-import/separator", test_separator);
  g_test_add_func ("/html-import/tables", test_tables);
  g_test_add_func ("/html-import/code-blocks", test_code_blocks);
  g_test_add_func ("/html-import/raw-blocks", test_raw_blocks);
  g_test_add_func ("/html-import/inline-html", test_inline_html);
  g_test_add_func ("/html-import/garbage", test_garbage);
  g_test_add_func ("/html-import/classic-editor", test_classic_editor);
  g_test_add_func ("/html-import/wordpress-blocks", test_wordpress_blocks);
  g_test_add_func ("/html-import/unconverted-blocks", test_unconverted_blocks);
  g_test_add_func ("/html-import/round-trip", test_round_trip);
  g_test_add_func ("/html-import/round-trip-exact", test_round_trip_exact);

  return g_test_run ();
}
