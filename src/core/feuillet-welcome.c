/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-welcome"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "feuillet-welcome.h"

/*
 * The article a new library starts with: it teaches Feuillet by being an article, counted,
 * searchable and editable like any other. The text is cut into paragraphs so that each is
 * one message for translators, and the Markdown that makes a block an intertitre, an item or
 * a quote is added here, out of their way.
 */

/* About 2,000 signes in English; a translation may run longer and should stay within 2,500. */
#define WELCOME_TARGET 2000

typedef enum
{
  BLOCK_INTERTITRE,
  BLOCK_PARAGRAPH,
  BLOCK_ITEM,
  BLOCK_QUOTE,
} BlockKind;

typedef struct
{
  BlockKind   kind;
  const char *text;
} Block;

/* Translators: the title of the article a new library starts with. It is shown in the list
   of articles and searched like any other title. The welcome article, title, chapeau and
   body together, is ordered at 2,000 signes: keep the translation between 1,800 and 2,500. */
static const char welcome_title[] = N_("Welcome to Feuillet");

/* Translators: the chapeau (lede) of the welcome article, the paragraph under its title. */
static const char welcome_chapeau[] = N_("Feuillet is where your articles are written, kept "
                                         "and counted, online or off. This first one shows the "
                                         "essentials: read it, try things out in it, then send "
                                         "it to the trash.");

static const Block welcome_body[] = {
  /* Translators: an intertitre (sub-heading) of the welcome article, about autosave. */
  { BLOCK_INTERTITRE, N_("Nothing to save") },
  /* Translators: a paragraph of the welcome article, about autosave and the library. */
  { BLOCK_PARAGRAPH, N_("Every article lives in a library on this computer. Feuillet saves as "
                        "you type, within a second of the last keystroke, and needs no network: "
                        "there is no Save button, and a flat battery costs you nothing. Open "
                        "Feuillet again and you are back in the article you left.") },
  /* Translators: a paragraph of the welcome article. Keep the Markdown: **…** is bold. The
     keys are those of the keyboard shortcuts; “Enter” is the key of that name. */
  { BLOCK_PARAGRAPH, N_("Press **Ctrl+N** for a new article. Type its title, press Enter for "
                        "the chapeau, the paragraph that makes the reader want more, and Enter "
                        "again for the body. **Ctrl+F** searches the whole library, accents or "
                        "not.") },

  /* Translators: an intertitre of the welcome article, about counting the length of copy in
     signes (characters, spaces included) and feuillets (1,500 signes). */
  { BLOCK_INTERTITRE, N_("Signes and feuillets") },
  /* Translators: a paragraph of the welcome article. The article is given an ordered length
     of 2,000 signes: keep that number. */
  { BLOCK_PARAGRAPH, N_("Length is counted the way the desk orders it: in signes, spaces "
                        "included, and in feuillets of 1,500 signes. The counter below the text "
                        "follows every keystroke. This article was ordered at 2,000 signes, so a "
                        "bar also shows how close it is to the ordered length.") },

  /* Translators: an intertitre of the welcome article, about writing in Markdown. */
  { BLOCK_INTERTITRE, N_("Markdown, and nothing more") },
  /* Translators: a paragraph of the welcome article, followed by a list. */
  { BLOCK_PARAGRAPH, N_("The body is written in Markdown, plain text that any site "
                        "understands:") },
  /* Translators: an item of a list in the welcome article. Keep the Markdown between
     backquotes as it is: it shows what to type. */
  { BLOCK_ITEM, N_("a line that starts with `## ` is an intertitre, like the ones in this "
                   "article;") },
  /* Translators: an item of a list in the welcome article. Keep the Markdown as it is:
     between backquotes it shows what to type, outside them it shows the result. You may
     translate the words between the asterisks. */
  { BLOCK_ITEM, N_("`**two asterisks**` make **bold** and `*one*` makes *italic*;") },
  /* Translators: an item of a list in the welcome article, followed by a quote. Keep the
     Markdown between backquotes as it is. */
  { BLOCK_ITEM, N_("a paragraph that starts with `>` is a quote, written between « and »:") },
  /* Translators: a quote in the welcome article, as a desk editor would say it. Keep the
     guillemets « »; in French, with a no-break space inside each. */
  { BLOCK_QUOTE, N_("« Two feuillets, and not one signe more. »") },

  /* Translators: an intertitre of the welcome article, about revisions and the trash. */
  { BLOCK_INTERTITRE, N_("Nothing is lost") },
  /* Translators: a paragraph of the welcome article. Keep the Markdown: **…** is bold and
     `feuillet-cli restore` is a command, not to be translated. “Delete” is the key of that
     name and “Undo” the button of the notification that follows. */
  { BLOCK_PARAGRAPH, N_("**Ctrl+H** shows the history of an article: its earlier versions are "
                        "kept and any of them can be brought back. In the list of articles, "
                        "the Delete key moves the selected one to the trash; Undo brings it "
                        "back at once, and `feuillet-cli restore` later.") },

  /* Translators: an intertitre of the welcome article, about feuillet-cli. */
  { BLOCK_INTERTITRE, N_("From a terminal") },
  /* Translators: a paragraph of the welcome article. The words between backquotes are
     commands: do not translate them. */
  { BLOCK_PARAGRAPH, N_("`feuillet-cli` works on the same library: `feuillet-cli list`, "
                        "`search`, `show`, or `export` to Markdown or HTML, in your own scripts "
                        "too. `feuillet-cli --help` lists every command.") },

  /* Translators: an intertitre of the welcome article, about what the next versions bring. */
  { BLOCK_INTERTITRE, N_("Coming next") },
  /* Translators: the last paragraph of the welcome article. */
  { BLOCK_PARAGRAPH, N_("Publishing to your newsroom’s WordPress site: the article will arrive "
                        "there as a clean draft, with its category, tags and chapeau, and stay "
                        "in step both ways.") },
};

static char *
build_body (void)
{
  GString *body = g_string_new (NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (welcome_body); i++)
    {
      const Block *block = &welcome_body[i];

      /* Items of one list follow each other line by line; any other block is a paragraph. */
      if (i > 0)
        g_string_append (body, block->kind == BLOCK_ITEM && welcome_body[i - 1].kind == BLOCK_ITEM ? "\n" : "\n\n");

      switch (block->kind)
        {
        case BLOCK_INTERTITRE:
          g_string_append (body, "## ");
          break;
        case BLOCK_ITEM:
          g_string_append (body, "- ");
          break;
        case BLOCK_QUOTE:
          g_string_append (body, "> ");
          break;
        case BLOCK_PARAGRAPH:
        default:
          break;
        }
      g_string_append (body, _(block->text));
    }

  /* No final newline: the body as the editor keeps it. */
  return g_string_free (body, FALSE);
}

/*
 * The language the text came out in. English, the language of the source, unless gettext
 * found a translation: then the user's first language, which g_get_language_names() reads
 * from LANGUAGE, LC_ALL, LC_MESSAGES and LANG as gettext does, reduced to its primary subtag
 * ("fr_FR.UTF-8" gives "fr"). A French locale without the French catalogue installed gets
 * the English text, and so "en": the tag picks the spelling dictionary, which must match.
 */
static char *
welcome_language (const char *title)
{
  const char * const *names = g_get_language_names ();

  if (strcmp (title, welcome_title) == 0)
    return g_strdup ("en");

  for (guint i = 0; names[i] != NULL; i++)
    {
      gsize len = strcspn (names[i], "_.@");
      gboolean alpha = len >= 2 && len <= 3;

      for (gsize j = 0; alpha && j < len; j++)
        alpha = g_ascii_isalpha (names[i][j]);
      if (alpha)
        return g_ascii_strdown (names[i], len);
    }

  return g_strdup ("en");
}

/**
 * feuillet_welcome_article_new:
 *
 * Creates the article a new library starts with, in the user's language when a translation
 * is installed and in English otherwise. It is not saved: the caller creates it in the store.
 *
 * Returns: (transfer full): a new article
 */
FeuilletArticle *
feuillet_welcome_article_new (void)
{
  const char *title = _(welcome_title);
  /* Translators: a tag of the welcome article, as a journalist would tag an article that
     shows how to use a tool. */
  const char *tags[] = { "Feuillet", _("getting started"), NULL };
  g_autofree char *body = build_body ();
  g_autofree char *language = welcome_language (title);

  return g_object_new (FEUILLET_TYPE_ARTICLE,
                       "title", title,
                       "chapeau", _(welcome_chapeau),
                       "body", body,
                       /* The product's name, not translated. */
                       "category", "Feuillet",
                       "tags", tags,
                       "status", FEUILLET_ARTICLE_STATUS_IDEA,
                       "language", language,
                       "target", WELCOME_TARGET,
                       NULL);
}
