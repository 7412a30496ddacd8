/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "feuillet-store.h"
#include "test-util.h"

/*
 * Saves one article without pause until killed, the way autosave does while someone types.
 * After each save the library acknowledged, prints its number on a line of its own: what
 * test-kill checks is in the library after the kill.
 *
 * Usage: kill-saver LIBRARY ARTICLE-ID
 */

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FeuilletStore) store = NULL;
  g_autoptr(FeuilletArticle) article = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) filler = g_string_new (NULL);
  gint64 id;

  if (argc != 3)
    {
      g_printerr ("Usage: kill-saver LIBRARY ARTICLE-ID\n");
      return 2;
    }
  id = g_ascii_strtoll (argv[2], NULL, 10);

  /* Enough copy that a save spans several pages of the file. */
  for (guint i = 0; i < 300; i++)
    g_string_append (filler, "Le conseil municipal s’est réuni jeudi soir à Épinal. ");

  store = feuillet_store_new (argv[1]);
  feuillet_store_open_async (store, NULL, store_result_cb, &result);
  if (!feuillet_store_open_finish (store, wait_for (&result), &error))
    g_error ("%s", error->message);

  feuillet_store_load_async (store, id, NULL, store_result_cb, &result);
  article = feuillet_store_load_finish (store, wait_for (&result), &error);
  if (article == NULL)
    g_error ("%s", error->message);

  for (guint64 n = g_ascii_strtoull (feuillet_article_get_title (article), NULL, 10) + 1; ; n++)
    {
      g_autofree char *title = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
      g_autofree char *body = g_strdup_printf ("Sauvegarde %" G_GUINT64_FORMAT ".\n\n%s", n, filler->str);
      g_autoptr(FeuilletArticle) saved = NULL;

      feuillet_article_set_title (article, title);
      feuillet_article_set_body (article, body);
      /* Now and then a status change, which keeps a revision of its own. */
      if (n % 7 == 0)
        feuillet_article_set_status (article, n % 2 ? FEUILLET_ARTICLE_STATUS_READY
                                                    : FEUILLET_ARTICLE_STATUS_DRAFT);

      feuillet_store_save_async (store, article, NULL, store_result_cb, &result);
      saved = feuillet_store_save_finish (store, wait_for (&result), &error);
      if (saved == NULL)
        g_error ("%s", error->message);

      printf ("%" G_GUINT64_FORMAT "\n", n);
      fflush (stdout);
    }
}
