/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <X11/Xlib.h>
#include <glib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * Starts a program and prints, in milliseconds, how long until its first window is mapped
 * on the X display (MapNotify on a child of the root window), then the program's resident
 * memory a second later, then kills it. The same measure for Feuillet and for GNOME Text
 * Editor, so that the two can be compared on one display.
 *
 * Usage: window-map-time PROGRAM [ARGUMENT…]
 */

static long
resident_kib (pid_t pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int) pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? strtol (line + 6, NULL, 10) : -1;
}

int
main (int   argc,
      char *argv[])
{
  Display *display;
  gint64 start, mapped = 0;
  pid_t pid;
  int status;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: window-map-time PROGRAM [ARGUMENT…]\n");
      return 2;
    }

  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "window-map-time: no X display\n");
      return 1;
    }
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);
  XSync (display, False);

  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid == 0)
    {
      execvp (argv[1], argv + 1);
      _exit (127);
    }

  while (mapped == 0)
    {
      XEvent event;

      /* Give up after 30 s. */
      if (g_get_monotonic_time () - start > 30 * G_USEC_PER_SEC)
        break;
      if (XPending (display) == 0)
        {
          g_usleep (500);
          continue;
        }
      XNextEvent (display, &event);
      if (event.type == MapNotify && event.xmap.event == DefaultRootWindow (display))
        mapped = g_get_monotonic_time ();
    }

  g_usleep (G_USEC_PER_SEC);
  printf ("%.1f ms %ld KiB\n", mapped ? (mapped - start) / 1000.0 : -1.0, resident_kib (pid));

  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  XCloseDisplay (display);

  return mapped ? 0 : 1;
}
