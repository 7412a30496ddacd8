/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-preview-trace"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "feuillet-preview-trace.h"

/*
 * Trace switches for the benchmark and the UI tests, off unless asked for.
 *
 * FEUILLET_TRACE_PREVIEW=FILE: for each preview update that a change of the text started,
 * the time from that change (the oldest one the update carries, when keystrokes were
 * coalesced) to the end of the page's update, DOM patched and laid out. FILE gets one
 * "update MS" line each and, at exit, the distribution: samples, p50, p95, max, and how many
 * took more than 50 ms. The lines go through stdio's buffer: no disk wait per keystroke.
 *
 * FEUILLET_DUMP_PREVIEW=FILE: after each update, the page's title, address and text as a
 * reader sees them (document.body.innerText) replace FILE's contents. Only the UI tests use
 * it: reading the text back costs a layout of the whole page.
 */

#define BUDGET_MS 50.0

static gboolean initialized;
static FILE *trace;
static GArray *samples;
static char *dump_path;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static void
write_summary (void)
{
  guint over = 0;

  if (trace == NULL)
    return;

  if (samples->len > 0)
    {
      g_array_sort (samples, compare_doubles);
      for (guint i = 0; i < samples->len; i++)
        if (g_array_index (samples, double, i) > BUDGET_MS)
          over++;
      fprintf (trace, "samples %u\np50 %.2f\np95 %.2f\nmax %.2f\nover50 %u\n", samples->len,
               g_array_index (samples, double, samples->len / 2),
               g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100)),
               g_array_index (samples, double, samples->len - 1), over);
    }
  else
    {
      fprintf (trace, "samples 0\n");
    }
  fclose (trace);
  trace = NULL;
}

static void
initialize (void)
{
  const char *path;

  if (initialized)
    return;
  initialized = TRUE;

  path = g_getenv ("FEUILLET_TRACE_PREVIEW");
  if (path != NULL && path[0] != '\0')
    {
      trace = fopen (path, "w");
      if (trace == NULL)
        g_warning ("Cannot write the preview trace to %s", path);
      samples = g_array_new (FALSE, FALSE, sizeof (double));
      /* The distribution is complete only once the window is gone. */
      atexit (write_summary);
    }

  path = g_getenv ("FEUILLET_DUMP_PREVIEW");
  if (path != NULL && path[0] != '\0')
    dump_path = g_strdup (path);
}

gboolean
feuillet_preview_trace_enabled (void)
{
  initialize ();
  return trace != NULL;
}

void
feuillet_preview_trace_record (gint64 changed_at,
                               gint64 updated_at)
{
  double ms = (updated_at - changed_at) / 1000.0;

  if (!feuillet_preview_trace_enabled ())
    return;

  g_array_append_val (samples, ms);
  fprintf (trace, "update %.2f\n", ms);
}

gboolean
feuillet_preview_trace_dumping (void)
{
  initialize ();
  return dump_path != NULL;
}

void
feuillet_preview_trace_dump (const char *text)
{
  g_autoptr(GError) error = NULL;

  if (!feuillet_preview_trace_dumping ())
    return;

  /* Written whole, then renamed: the test never reads half a page. No fsync: a test's /tmp. */
  if (!g_file_set_contents_full (dump_path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &error))
    g_warning ("Cannot write the preview's text to %s: %s", dump_path, error->message);
}
