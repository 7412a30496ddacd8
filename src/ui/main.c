/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "feuillet-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FeuilletApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* FEUILLET_LOCALEDIR: translations from a build tree (build-aux/dev sets it). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("FEUILLET_LOCALEDIR") ? g_getenv ("FEUILLET_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = feuillet_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
