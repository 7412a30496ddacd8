/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-stall-probe"

#include "config.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "feuillet-stall-probe.h"

/*
 * A trace switch for the benchmarks: with FEUILLET_TRACE_STALLS=FILE, a timeout wakes every
 * 4 ms on the main loop and records how late it ran; on quit, FILE gets the distribution. A
 * late wake-up is a main-loop stall: the window could not draw a frame meanwhile. SIGUSR1
 * forgets what was recorded so far: a benchmark sends it when the part it measures starts.
 */

#define PROBE_INTERVAL_MS 4

static char *report_path;
static GArray *gaps;
static gint64 last_wake;
static guint probe_source;

static gboolean
on_probe_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (last_wake != 0)
    {
      double late_ms = (now - last_wake) / 1000.0 - PROBE_INTERVAL_MS;

      g_array_append_val (gaps, late_ms);
    }
  last_wake = now;

  return G_SOURCE_CONTINUE;
}

static gboolean
on_restart_cb (gpointer user_data)
{
  g_array_set_size (gaps, 0);
  last_wake = 0;
  return G_SOURCE_CONTINUE;
}

void
feuillet_stall_probe_start_from_environment (void)
{
  const char *path = g_getenv ("FEUILLET_TRACE_STALLS");

  if (path == NULL || path[0] == '\0' || probe_source != 0)
    return;

  report_path = g_strdup (path);
  gaps = g_array_new (FALSE, FALSE, sizeof (double));
  probe_source = g_timeout_add_full (G_PRIORITY_HIGH, PROBE_INTERVAL_MS, on_probe_cb, NULL, NULL);
  g_unix_signal_add (SIGUSR1, on_restart_cb, NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

void
feuillet_stall_probe_stop (void)
{
  FILE *report;
  guint over = 0;

  if (probe_source == 0)
    return;
  g_clear_handle_id (&probe_source, g_source_remove);

  g_array_sort (gaps, compare_doubles);
  for (guint i = 0; i < gaps->len; i++)
    if (g_array_index (gaps, double, i) > 16.0)
      over++;

  report = fopen (report_path, "w");
  if (report != NULL && gaps->len > 0)
    {
      fprintf (report, "samples %u\np50 %.2f\np99 %.2f\nmax %.2f\nover16 %u\n", gaps->len,
               g_array_index (gaps, double, gaps->len / 2),
               g_array_index (gaps, double, MIN (gaps->len - 1, gaps->len * 99 / 100)),
               g_array_index (gaps, double, gaps->len - 1), over);
    }
  if (report != NULL)
    fclose (report);

  g_clear_pointer (&gaps, g_array_unref);
  g_clear_pointer (&report_path, g_free);
}
