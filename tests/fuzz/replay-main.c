/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Replays a fuzzing corpus through a harness without libFuzzer: the test suite runs every
 * input found so far (seeds and past findings) with the normal build, in seconds.
 *
 *   replay-render CORPUS-DIRECTORY
 */
#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
main (int    argc,
      char **argv)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint replayed = 0;

  if (argc != 2)
    {
      g_printerr ("usage: %s CORPUS-DIRECTORY\n", argv[0]);
      return 2;
    }
  dir = g_dir_open (argv[1], 0, &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (argv[1], name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      replayed++;
    }
  g_print ("replayed %u inputs from %s\n", replayed, argv[1]);
  return replayed > 0 ? 0 : 1;
}
