/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-store-sites"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "feuillet-error.h"
#include "feuillet-store-private.h"

/*
 * The sites table, on the store's database thread. Names are compared without case (the
 * column is COLLATE NOCASE), so "Vosges Matin" and "vosges matin" are one site. The job that
 * calls these opens the transaction.
 */

static gboolean
site_not_found (const char  *name,
                GError     **error)
{
  g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_NOT_FOUND,
               _("There is no site “%s” in the library"), name);
  return FALSE;
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (name[0] != '\0')
    return TRUE;

  g_set_error_literal (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_FAILED,
                       _("A site needs a name"));
  return FALSE;
}

static gboolean
site_exists (FeuilletSqlite  *db,
             const char      *name,
             gboolean        *exists,
             GError         **error)
{
  sqlite3_stmt *stmt = feuillet_sqlite_prepare (db, "SELECT 1 FROM sites WHERE name = :name", error);

  if (stmt == NULL)
    return FALSE;

  feuillet_sqlite_bind_text (stmt, ":name", name);
  if (!feuillet_sqlite_step (db, stmt, exists, error))
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
check_free (FeuilletSqlite  *db,
            const char      *name,
            GError         **error)
{
  gboolean exists;

  if (!check_name (name, error) || !site_exists (db, name, &exists, error))
    return FALSE;
  if (!exists)
    return TRUE;

  g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_EXISTS,
               _("There is already a site “%s” in the library"), name);
  return FALSE;
}

static FeuilletSite *
site_from_row (sqlite3_stmt *stmt)
{
  FeuilletSite *site;

  site = feuillet_site_new (feuillet_sqlite_column_text (stmt, 0),
                            feuillet_sqlite_column_text (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2),
                            feuillet_sqlite_column_text (stmt, 3),
                            (const char *) sqlite3_column_text (stmt, 4));
  site->created = feuillet_store_sql_date_time_from_column (stmt, 5);
  return site;
}

#define SITE_COLUMNS "name, url, rest_root, user, user_name, created"

/* Returns: (transfer full) (element-type FeuilletSite): the sites, by name */
GPtrArray *
feuillet_store_sql_list_sites (FeuilletSqlite  *db,
                               GError         **error)
{
  g_autoptr(GPtrArray) sites = g_ptr_array_new_with_free_func ((GDestroyNotify) feuillet_site_free);
  sqlite3_stmt *stmt;
  gboolean has_row;

  stmt = feuillet_sqlite_prepare (db, "SELECT " SITE_COLUMNS " FROM sites ORDER BY name", error);
  if (stmt == NULL)
    return NULL;

  for (;;)
    {
      if (!feuillet_sqlite_step (db, stmt, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      g_ptr_array_add (sites, site_from_row (stmt));
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&sites);
}

/* Sets @site's created time. */
gboolean
feuillet_store_sql_add_site (FeuilletSqlite  *db,
                             FeuilletSite    *site,
                             GError         **error)
{
  sqlite3_stmt *stmt;

  if (!check_free (db, site->name, error))
    return FALSE;

  stmt = feuillet_sqlite_prepare (db,
                                  "INSERT INTO sites (" SITE_COLUMNS ") "
                                  "VALUES (:name, :url, :rest_root, :user, :user_name, :created)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  g_clear_pointer (&site->created, g_date_time_unref);
  site->created = g_date_time_new_now_utc ();
  feuillet_sqlite_bind_text (stmt, ":name", site->name);
  feuillet_sqlite_bind_text (stmt, ":url", site->url);
  if (site->rest_root != NULL)
    feuillet_sqlite_bind_text (stmt, ":rest_root", site->rest_root);
  else
    feuillet_sqlite_bind_null (stmt, ":rest_root");
  feuillet_sqlite_bind_text (stmt, ":user", site->user);
  if (site->user_name != NULL)
    feuillet_sqlite_bind_text (stmt, ":user_name", site->user_name);
  else
    feuillet_sqlite_bind_null (stmt, ":user_name");
  feuillet_sqlite_bind_int64 (stmt, ":created", g_date_time_to_unix_usec (site->created));

  return feuillet_sqlite_step_done (db, stmt, error);
}

gboolean
feuillet_store_sql_rename_site (FeuilletSqlite  *db,
                                const char      *name,
                                const char      *new_name,
                                GError         **error)
{
  sqlite3_stmt *stmt;
  gboolean exists;

  if (!site_exists (db, name, &exists, error))
    return FALSE;
  if (!exists)
    return site_not_found (name, error);
  /* A change of case only is a rename too. */
  if (sqlite3_stricmp (name, new_name) == 0)
    {
      if (!check_name (new_name, error))
        return FALSE;
    }
  else if (!check_free (db, new_name, error))
    return FALSE;

  stmt = feuillet_sqlite_prepare (db, "UPDATE sites SET name = :new_name WHERE name = :name", error);
  if (stmt == NULL)
    return FALSE;
  feuillet_sqlite_bind_text (stmt, ":name", name);
  feuillet_sqlite_bind_text (stmt, ":new_name", new_name);
  return feuillet_sqlite_step_done (db, stmt, error);
}

/* Returns: (transfer full): the site as it was, or NULL with @error set */
FeuilletSite *
feuillet_store_sql_remove_site (FeuilletSqlite  *db,
                                const char      *name,
                                GError         **error)
{
  g_autoptr(FeuilletSite) site = NULL;
  sqlite3_stmt *stmt;
  gboolean has_row;

  stmt = feuillet_sqlite_prepare (db, "SELECT " SITE_COLUMNS " FROM sites WHERE name = :name", error);
  if (stmt == NULL)
    return NULL;
  feuillet_sqlite_bind_text (stmt, ":name", name);
  if (!feuillet_sqlite_step (db, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      site_not_found (name, error);
      return NULL;
    }
  site = site_from_row (stmt);
  sqlite3_reset (stmt);

  stmt = feuillet_sqlite_prepare (db, "DELETE FROM sites WHERE name = :name", error);
  if (stmt == NULL)
    return NULL;
  feuillet_sqlite_bind_text (stmt, ":name", name);
  if (!feuillet_sqlite_step_done (db, stmt, error))
    return NULL;

  return g_steal_pointer (&site);
}
