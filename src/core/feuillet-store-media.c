/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-store-media"

#include "config.h"

#include "feuillet-store-media.h"

#include "feuillet-store-private.h"

/*
 * The site_media table (schema 6): one row per site and checksum. Its SQL runs on the
 * store's database thread through feuillet_store_run_sql_async().
 */

G_DEFINE_BOXED_TYPE (FeuilletSiteMedium, feuillet_site_medium, feuillet_site_medium_copy, feuillet_site_medium_free)

FeuilletSiteMedium *
feuillet_site_medium_new (const char *site,
                          const char *checksum,
                          gint64      remote_id,
                          const char *url,
                          const char *source)
{
  FeuilletSiteMedium *medium;

  g_return_val_if_fail (site != NULL, NULL);
  g_return_val_if_fail (checksum != NULL, NULL);

  medium = g_new0 (FeuilletSiteMedium, 1);
  medium->site = g_strdup (site);
  medium->checksum = g_strdup (checksum);
  medium->remote_id = remote_id;
  medium->url = g_strdup (url);
  medium->source = g_strdup (source);
  return medium;
}

FeuilletSiteMedium *
feuillet_site_medium_copy (const FeuilletSiteMedium *medium)
{
  FeuilletSiteMedium *copy;

  g_return_val_if_fail (medium != NULL, NULL);

  copy = feuillet_site_medium_new (medium->site, medium->checksum, medium->remote_id, medium->url,
                                   medium->source);
  copy->uploaded = medium->uploaded != NULL ? g_date_time_ref (medium->uploaded) : NULL;
  return copy;
}

void
feuillet_site_medium_free (FeuilletSiteMedium *medium)
{
  if (medium == NULL)
    return;
  g_free (medium->site);
  g_free (medium->checksum);
  g_free (medium->url);
  g_free (medium->source);
  g_clear_pointer (&medium->uploaded, g_date_time_unref);
  g_free (medium);
}

/* -- finding -- */

typedef struct
{
  char  *site;
  GStrv  checksums;
} FindJob;

static void
find_job_free (FindJob *job)
{
  g_free (job->site);
  g_strfreev (job->checksums);
  g_free (job);
}

static gboolean
find_media_sql (FeuilletSqlite  *db,
                gpointer         data,
                gpointer        *result,
                GError         **error)
{
  FindJob *job = data;
  g_autoptr(GPtrArray) media = g_ptr_array_new_with_free_func ((GDestroyNotify) feuillet_site_medium_free);
  sqlite3_stmt *stmt;

  stmt = feuillet_sqlite_prepare (db,
                                  "SELECT site, checksum, remote_id, url, source, uploaded FROM site_media "
                                  "WHERE site = :site AND checksum = :checksum",
                                  error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; job->checksums[i] != NULL; i++)
    {
      FeuilletSiteMedium *medium;
      gboolean has_row;

      feuillet_sqlite_bind_text (stmt, ":site", job->site);
      feuillet_sqlite_bind_text (stmt, ":checksum", job->checksums[i]);
      if (!feuillet_sqlite_step (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        {
          sqlite3_reset (stmt);
          continue;
        }
      medium = feuillet_site_medium_new (feuillet_sqlite_column_text (stmt, 0),
                                         feuillet_sqlite_column_text (stmt, 1),
                                         sqlite3_column_int64 (stmt, 2),
                                         feuillet_sqlite_column_text (stmt, 3),
                                         feuillet_sqlite_column_text (stmt, 4));
      medium->uploaded = feuillet_store_sql_date_time_from_column (stmt, 5);
      g_ptr_array_add (media, medium);
      sqlite3_reset (stmt);
    }

  *result = g_steal_pointer (&media);
  return TRUE;
}

void
feuillet_store_find_media_async (FeuilletStore       *self,
                                 const char          *site,
                                 const char * const  *checksums,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  FindJob *job;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (site != NULL);
  g_return_if_fail (checksums != NULL);

  job = g_new0 (FindJob, 1);
  job->site = g_strdup (site);
  job->checksums = g_strdupv ((char **) checksums);
  feuillet_store_run_sql_async (self, feuillet_store_find_media_async, find_media_sql,
                                job, (GDestroyNotify) find_job_free, (GDestroyNotify) g_ptr_array_unref,
                                cancellable, callback, user_data);
}

/**
 * feuillet_store_find_media_finish:
 *
 * Returns: (transfer container) (element-type FeuilletSiteMedium): the media found, or
 *   %NULL with @error set
 */
GPtrArray *
feuillet_store_find_media_finish (FeuilletStore  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (FEUILLET_IS_STORE (self), NULL);

  return feuillet_store_run_sql_finish (self, result, feuillet_store_find_media_async, error);
}

/* -- recording -- */

static gboolean
record_medium_sql (FeuilletSqlite  *db,
                   gpointer         data,
                   gpointer        *result,
                   GError         **error)
{
  FeuilletSiteMedium *medium = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  sqlite3_stmt *stmt;

  stmt = feuillet_sqlite_prepare (db,
                                  "INSERT OR REPLACE INTO site_media (site, checksum, remote_id, url, source, uploaded) "
                                  "VALUES (:site, :checksum, :remote_id, :url, :source, :uploaded)",
                                  error);
  if (stmt == NULL)
    return FALSE;
  feuillet_sqlite_bind_text (stmt, ":site", medium->site);
  feuillet_sqlite_bind_text (stmt, ":checksum", medium->checksum);
  feuillet_sqlite_bind_int64 (stmt, ":remote_id", medium->remote_id);
  feuillet_sqlite_bind_text (stmt, ":url", medium->url);
  feuillet_sqlite_bind_text (stmt, ":source", medium->source != NULL ? medium->source : "");
  feuillet_sqlite_bind_int64 (stmt, ":uploaded", g_date_time_to_unix_usec (now));
  return feuillet_sqlite_step_done (db, stmt, error);
}

void
feuillet_store_record_medium_async (FeuilletStore            *self,
                                    const FeuilletSiteMedium *medium,
                                    GCancellable             *cancellable,
                                    GAsyncReadyCallback       callback,
                                    gpointer                  user_data)
{
  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (medium != NULL);
  g_return_if_fail (medium->remote_id > 0);
  g_return_if_fail (medium->url != NULL);

  feuillet_store_run_sql_async (self, feuillet_store_record_medium_async, record_medium_sql,
                                feuillet_site_medium_copy (medium), (GDestroyNotify) feuillet_site_medium_free,
                                NULL, cancellable, callback, user_data);
}

gboolean
feuillet_store_record_medium_finish (FeuilletStore  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (FEUILLET_IS_STORE (self), FALSE);

  feuillet_store_run_sql_finish (self, result, feuillet_store_record_medium_async, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
