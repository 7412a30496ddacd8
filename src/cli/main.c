/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "feuillet-cli.h"

int
main (int   argc,
      char *argv[])
{
  return feuillet_cli_main (argc, argv);
}
