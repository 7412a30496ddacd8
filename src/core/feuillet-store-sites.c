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
  site->signature = sqlite3_column_int (stmt, 6) != 0;
  site->terms_fetched = feuillet_store_sql_date_time_from_column (stmt, 7);
  return site;
}

/* The columns that name a site, the sites table's own first. */
static const struct
{
  const char *table;
  const char *column;
} site_references[] = {
  { "sites", "name" },
  { "articles", "remote_site" },
  { "outbox", "site" },
  { "site_terms", "site" },
  { "site_media", "site" },
};

#define SITE_COLUMNS "name, url, rest_root, user, user_name, created, signature, terms_fetched"

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
                                  "VALUES (:name, :url, :rest_root, :user, :user_name, :created, :signature, NULL)",
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
  feuillet_sqlite_bind_int64 (stmt, ":signature", site->signature ? 1 : 0);

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

  /* What refers to the site by name follows it: the articles pushed to it, the pushes
   * waiting for it, its media and terms. */
  for (guint i = 0; i < G_N_ELEMENTS (site_references); i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = :new_name WHERE %s = :name COLLATE NOCASE",
                                              site_references[i].table, site_references[i].column,
                                              site_references[i].column);

      stmt = feuillet_sqlite_prepare (db, sql, error);
      if (stmt == NULL)
        return FALSE;
      feuillet_sqlite_bind_text (stmt, ":name", name);
      feuillet_sqlite_bind_text (stmt, ":new_name", new_name);
      if (!feuillet_sqlite_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
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

  /* The site's cached terms and media go with it, and so do the pushes still waiting for
   * it, which could never go out now; the articles keep their link to the post. */
  for (guint i = 0; i < G_N_ELEMENTS (site_references); i++)
    {
      g_autofree char *sql = NULL;

      if (g_str_equal (site_references[i].table, "articles"))
        continue;
      sql = g_strdup_printf ("DELETE FROM %s WHERE %s = :name COLLATE NOCASE",
                             site_references[i].table, site_references[i].column);
      stmt = feuillet_sqlite_prepare (db, sql, error);
      if (stmt == NULL)
        return NULL;
      feuillet_sqlite_bind_text (stmt, ":name", name);
      if (!feuillet_sqlite_step_done (db, stmt, error))
        return NULL;
    }

  return g_steal_pointer (&site);
}

/* Setting a site's signature, through feuillet_store_run_sql_async(). */

typedef struct
{
  char     *name;
  gboolean  signature;
} SignatureChange;

static void
signature_change_free (SignatureChange *change)
{
  g_free (change->name);
  g_free (change);
}

static gboolean
set_site_signature_sql (FeuilletSqlite  *db,
                        gpointer         data,
                        gpointer        *result,
                        GError         **error)
{
  SignatureChange *change = data;
  sqlite3_stmt *stmt;
  gboolean exists;

  if (!site_exists (db, change->name, &exists, error))
    return FALSE;
  if (!exists)
    return site_not_found (change->name, error);

  stmt = feuillet_sqlite_prepare (db, "UPDATE sites SET signature = :signature WHERE name = :name", error);
  if (stmt == NULL)
    return FALSE;
  feuillet_sqlite_bind_text (stmt, ":name", change->name);
  feuillet_sqlite_bind_int64 (stmt, ":signature", change->signature ? 1 : 0);
  return feuillet_sqlite_step_done (db, stmt, error);
}

/**
 * feuillet_store_set_site_signature_async:
 *
 * Whether the posts pushed to site @name end with the article's byline as a signature
 * paragraph (feuillet-push.c).
 */
void
feuillet_store_set_site_signature_async (FeuilletStore       *self,
                                         const char          *name,
                                         gboolean             signature,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  SignatureChange *change;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (name != NULL);

  change = g_new0 (SignatureChange, 1);
  change->name = g_strdup (name);
  change->signature = !!signature;
  feuillet_store_run_sql_async (self, feuillet_store_set_site_signature_async, set_site_signature_sql,
                                change, (GDestroyNotify) signature_change_free, NULL,
                                cancellable, callback, user_data);
}

gboolean
feuillet_store_set_site_signature_finish (FeuilletStore  *self,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  feuillet_store_run_sql_finish (self, result, feuillet_store_set_site_signature_async, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}
