/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "feuillet-store.h"

G_BEGIN_DECLS

/* Exit codes: a contract with scripts (DESIGN.md). */
typedef enum
{
  FEUILLET_CLI_EXIT_OK = 0,
  FEUILLET_CLI_EXIT_ERROR = 1,
  FEUILLET_CLI_EXIT_USAGE = 2,
  FEUILLET_CLI_EXIT_CONFLICT = 3,
  FEUILLET_CLI_EXIT_AUTHENTICATION = 4,
  FEUILLET_CLI_EXIT_UNREACHABLE = 5,
} FeuilletCliExit;

typedef struct
{
  char          *library;
  gboolean       json;
  FeuilletStore *store;
} FeuilletCli;

/* @args: the arguments, "feuillet-cli COMMAND" first; the command's to parse in place */
typedef int (*FeuilletCliCommandFunc) (FeuilletCli  *cli,
                                       char        **args);

typedef struct
{
  const char             *name;
  FeuilletCliCommandFunc  run;
  /* what follows the command's name, and one line on what it does */
  const char             *parameters;
  const char             *summary;
} FeuilletCliCommand;

/* feuillet-cli.c */
int              feuillet_cli_usage_error       (const char           *format,
                                                 ...) G_GNUC_PRINTF (1, 2);
int              feuillet_cli_error             (const GError         *error);
gboolean         feuillet_cli_parse             (FeuilletCli          *cli,
                                                 const char           *command,
                                                 const char           *parameters,
                                                 const GOptionEntry   *entries,
                                                 char               ***args,
                                                 int                  *exit_code);
gboolean         feuillet_cli_open              (FeuilletCli          *cli,
                                                 GError              **error);
GAsyncResult    *feuillet_cli_wait              (GAsyncResult        **slot);
void             feuillet_cli_store_result      (GObject              *source,
                                                 GAsyncResult         *result,
                                                 gpointer              user_data);
gboolean         feuillet_cli_parse_id          (const char           *text,
                                                 gint64               *id);
gboolean         feuillet_cli_read_input        (const char           *path,
                                                 char                **contents,
                                                 gsize                *length,
                                                 GError              **error);
void             feuillet_cli_print_json        (JsonNode             *node);
char            *feuillet_cli_format_date       (GDateTime            *date);

/* feuillet-cli-articles.c */
int              feuillet_cli_new               (FeuilletCli *cli, char **args);
int              feuillet_cli_show              (FeuilletCli *cli, char **args);
int              feuillet_cli_edit              (FeuilletCli *cli, char **args);
int              feuillet_cli_delete            (FeuilletCli *cli, char **args);
FeuilletArticle *feuillet_cli_load_article      (FeuilletCli          *cli,
                                                 gint64                id,
                                                 GError              **error);
JsonNode        *feuillet_cli_article_to_json   (FeuilletArticle      *article);

/* feuillet-cli-lists.c */
int              feuillet_cli_list              (FeuilletCli *cli, char **args);
int              feuillet_cli_search            (FeuilletCli *cli, char **args);

/* feuillet-cli-files.c */
int              feuillet_cli_import            (FeuilletCli *cli, char **args);
int              feuillet_cli_export            (FeuilletCli *cli, char **args);
int              feuillet_cli_render            (FeuilletCli *cli, char **args);

/* feuillet-cli-history.c */
int              feuillet_cli_history           (FeuilletCli *cli, char **args);
int              feuillet_cli_restore           (FeuilletCli *cli, char **args);

/* feuillet-cli-push.c */
int              feuillet_cli_push              (FeuilletCli *cli, char **args);
int              feuillet_cli_sync              (FeuilletCli *cli, char **args);

/* feuillet-cli-sites.c */
int              feuillet_cli_site              (FeuilletCli *cli, char **args);

/* feuillet-cli-terms.c */
int              feuillet_cli_terms             (FeuilletCli *cli, char **args);

G_END_DECLS
