/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "feuillet-cli.h"
#include "feuillet-cli-private.h"
#include "feuillet-error.h"

/*
 * feuillet-cli: the core from a terminal. The commands and their exit codes are a contract
 * scripts depend on (DESIGN.md); each command lives in the file for its area.
 */

static const FeuilletCliCommand commands[] = {
  { "new", feuillet_cli_new, N_("[OPTION…]"), N_("Create an article and print its id") },
  { "import", feuillet_cli_import, N_("FILE…"), N_("Import Markdown files with front matter") },
  { "list", feuillet_cli_list, N_("[OPTION…]"), N_("List articles, most recently changed first") },
  { "show", feuillet_cli_show, N_("ID"), N_("Show an article") },
  { "edit", feuillet_cli_edit, N_("ID [OPTION…]"), N_("Change an article") },
  { "search", feuillet_cli_search, N_("QUERY"), N_("Search the articles’ text") },
  { "history", feuillet_cli_history, N_("ID"), N_("List an article’s revisions") },
  { "restore", feuillet_cli_restore, N_("ID [REVISION]"),
    N_("Bring back a revision, or an article from the trash") },
  { "delete", feuillet_cli_delete, N_("ID"), N_("Move an article to the trash") },
  { "export", feuillet_cli_export, N_("ID --format md|html"), N_("Export an article as Markdown or HTML") },
  { "render", feuillet_cli_render, N_("ID --format html|blocks|page"),
    N_("Show an article as HTML, WordPress block markup or the preview’s page") },
  { "push", feuillet_cli_push, N_("ID… [--site NAME] [--as STATUS]"),
    N_("Send an article to a WordPress site as a draft, for review or published") },
  { "sync", feuillet_cli_sync, N_("[--site NAME]"),
    N_("Send the pushes kept in the outbox while a site could not be reached") },
  { "terms", feuillet_cli_terms, N_("[--site NAME] [--refresh]"),
    N_("List a site’s categories and tags, fetched from the site when asked") },
  { "site", feuillet_cli_site, N_("add|list|rename|signature|remove …"), N_("Manage the WordPress sites to publish to") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n  feuillet-cli [--library PATH] [--json] %s\n\n%s\n",
           _("Usage:"), _("COMMAND [ARGUMENT…]"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“feuillet-cli COMMAND --help” describes a command’s options."));
  fprintf (out, "%s\n", _("The library is $FEUILLET_LIBRARY, or ~/.local/share/feuillet/library.db."));
}

int
feuillet_cli_usage_error (const char *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("feuillet-cli: %s\n", message);
  return FEUILLET_CLI_EXIT_USAGE;
}

/* Prints the message and returns the exit code that goes with the error. */
int
feuillet_cli_error (const GError *error)
{
  g_printerr ("feuillet-cli: %s\n", error->message);
  return FEUILLET_CLI_EXIT_ERROR;
}

/**
 * feuillet_cli_parse:
 *
 * Parses a command's options, with the global ones (--library, --json) accepted anywhere.
 * On failure, @exit_code is set and the message printed.
 */
gboolean
feuillet_cli_parse (FeuilletCli          *cli,
                    const char           *command,
                    const char           *parameters,
                    const GOptionEntry   *entries,
                    char               ***args,
                    int                  *exit_code)
{
  const GOptionEntry global_entries[] = {
    { "library", 0, 0, G_OPTION_ARG_FILENAME, &cli->library,
      N_("The library file (default: $FEUILLET_LIBRARY or ~/.local/share/feuillet/library.db)"),
      N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &cli->json, N_("Print one JSON document"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strdup_printf ("%s %s", command, _(parameters));

  context = g_option_context_new (title);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, global_entries, GETTEXT_PACKAGE);

  /* parse_strv() frees what it removes: *args stays ours to free. */
  if (!g_option_context_parse_strv (context, args, &error))
    {
      if (g_error_matches (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE))
        {
          /* GOption's own message names neither the argument nor the problem. */
          for (guint i = 1; (*args)[i] != NULL; i++)
            {
              if (!g_utf8_validate ((*args)[i], -1, NULL))
                {
                  g_autofree char *shown = g_utf8_make_valid ((*args)[i], -1);

                  g_printerr ("feuillet-cli: ");
                  g_printerr (_("The argument “%s” is not valid UTF-8 text"), shown);
                  g_printerr ("\n");
                  break;
                }
            }
          *exit_code = FEUILLET_CLI_EXIT_ERROR;
          return FALSE;
        }
      *exit_code = feuillet_cli_usage_error ("%s", error->message);
      return FALSE;
    }

  return TRUE;
}

void
feuillet_cli_store_result (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/**
 * feuillet_cli_wait:
 * @slot: where feuillet_cli_store_result() puts the result
 *
 * The command line has nothing else to do while the store works: run the main context
 * until the call is done. Callbacks only run in here, so the slot is emptied first and can
 * serve call after call; it keeps the result.
 *
 * Returns: (transfer none): the result
 */
GAsyncResult *
feuillet_cli_wait (GAsyncResult **slot)
{
  g_clear_object (slot);
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

gboolean
feuillet_cli_open (FeuilletCli  *cli,
                   GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *path = NULL;

  if (cli->store != NULL)
    return TRUE;

  path = cli->library ? g_strdup (cli->library) : feuillet_store_default_path ();
  cli->store = feuillet_store_new (path);
  feuillet_store_open_async (cli->store, NULL, feuillet_cli_store_result, &result);

  return feuillet_store_open_finish (cli->store, feuillet_cli_wait (&result), error);
}

gboolean
feuillet_cli_parse_id (const char *text,
                       gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;

  *id = (gint64) value;
  return TRUE;
}

/**
 * feuillet_cli_read_input:
 * @path: a file, or "-" for standard input
 */
gboolean
feuillet_cli_read_input (const char  *path,
                         char       **contents,
                         gsize       *length,
                         GError     **error)
{
  if (g_str_equal (path, "-"))
    {
      GString *input = g_string_new (NULL);
      char buffer[8192];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (input, buffer, n);
      if (ferror (stdin))
        {
          g_string_free (input, TRUE);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot read the standard input"));
          return FALSE;
        }
      *length = input->len;
      *contents = g_string_free (input, FALSE);
      return TRUE;
    }

  return g_file_get_contents (path, contents, length, error);
}

void
feuillet_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* A date for people: local time, to the minute. */
char *
feuillet_cli_format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (date);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static const FeuilletCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

/* The command is the first argument that is neither an option nor --library's value. */
static int
find_command_index (int    argc,
                    char **argv)
{
  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--library"))
        i++;
      else if (argv[i][0] != '-' || g_str_equal (argv[i], "-"))
        return i;
    }

  return -1;
}

int
feuillet_cli_main (int    argc,
                   char **argv)
{
  FeuilletCli cli = { NULL, FALSE, NULL };
  const FeuilletCliCommand *command;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) args = NULL;
  int index;
  int status;

  setlocale (LC_ALL, "");
  /* FEUILLET_LOCALEDIR: translations from a build tree (build-aux/dev sets it). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("FEUILLET_LOCALEDIR") ? g_getenv ("FEUILLET_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("feuillet-cli");

  for (int i = 1; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return FEUILLET_CLI_EXIT_OK;
        }
      if (g_str_equal (argv[i], "--version"))
        {
          g_print ("feuillet-cli %s\n", PACKAGE_VERSION);
          return FEUILLET_CLI_EXIT_OK;
        }
    }

  index = find_command_index (argc, argv);
  if (index < 0)
    {
      print_usage (stderr);
      return FEUILLET_CLI_EXIT_USAGE;
    }

  command = find_command (argv[index]);
  if (command == NULL)
    {
      status = feuillet_cli_usage_error (_("“%s” is not a command; see “feuillet-cli --help”"), argv[index]);
      return status;
    }

  /* The command sees "feuillet-cli COMMAND" as its name and every other argument. */
  builder = g_strv_builder_new ();
  g_strv_builder_take (builder, g_strdup_printf ("feuillet-cli %s", command->name));
  for (int i = 1; i < argc; i++)
    if (i != index)
      g_strv_builder_add (builder, argv[i]);
  args = g_strv_builder_end (builder);

  status = command->run (&cli, args);

  /* Disposing the store waits for its thread: every write is on disk before we exit. */
  g_clear_object (&cli.store);
  g_free (cli.library);

  return status;
}
