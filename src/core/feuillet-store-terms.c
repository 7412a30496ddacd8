/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-store-terms"

#include "config.h"

#include "feuillet-store-private.h"
#include "feuillet-store-terms.h"

/*
 * The site_terms table (schema 6), through feuillet_store_run_sql_async(): each call's SQL
 * runs on the database thread in one transaction, so a refresh replaces a site's terms all
 * at once or not at all.
 */

static const char *
taxonomy_name (FeuilletTaxonomy taxonomy)
{
  return taxonomy == FEUILLET_TAXONOMY_CATEGORY ? "category" : "post_tag";
}

typedef struct
{
  char             *site;
  FeuilletTaxonomy  taxonomy;
  GPtrArray        *categories;
  GPtrArray        *tags;
  FeuilletWpTerm   *term;
} TermsCall;

static void
terms_call_free (TermsCall *call)
{
  g_free (call->site);
  g_clear_pointer (&call->categories, g_ptr_array_unref);
  g_clear_pointer (&call->tags, g_ptr_array_unref);
  g_clear_pointer (&call->term, feuillet_wp_term_free);
  g_free (call);
}

static TermsCall *
terms_call_new (const char       *site,
                FeuilletTaxonomy  taxonomy)
{
  TermsCall *call = g_new0 (TermsCall, 1);

  call->site = g_strdup (site);
  call->taxonomy = taxonomy;
  return call;
}

static gboolean
insert_term (FeuilletSqlite        *db,
             const char            *site,
             FeuilletTaxonomy       taxonomy,
             const FeuilletWpTerm  *term,
             GError               **error)
{
  sqlite3_stmt *stmt = feuillet_sqlite_prepare (db,
                                                "INSERT OR REPLACE INTO site_terms (site, taxonomy, remote_id, name, slug) "
                                                "VALUES (:site, :taxonomy, :remote_id, :name, :slug)",
                                                error);

  if (stmt == NULL)
    return FALSE;
  /* A term without a sensible id could never be sent: leave it out. */
  if (term->id <= 0 || term->name == NULL)
    return TRUE;

  feuillet_sqlite_bind_text (stmt, ":site", site);
  feuillet_sqlite_bind_text (stmt, ":taxonomy", taxonomy_name (taxonomy));
  feuillet_sqlite_bind_int64 (stmt, ":remote_id", term->id);
  feuillet_sqlite_bind_text (stmt, ":name", term->name);
  feuillet_sqlite_bind_text (stmt, ":slug", term->slug != NULL ? term->slug : "");
  return feuillet_sqlite_step_done (db, stmt, error);
}

static gboolean
replace_terms_sql (FeuilletSqlite  *db,
                   gpointer         data,
                   gpointer        *result,
                   GError         **error)
{
  TermsCall *call = data;
  sqlite3_stmt *stmt;

  GPtrArray *lists[] = { call->categories, call->tags };
  FeuilletTaxonomy taxonomies[] = { FEUILLET_TAXONOMY_CATEGORY, FEUILLET_TAXONOMY_TAG };

  for (guint t = 0; t < G_N_ELEMENTS (lists); t++)
    {
      if (lists[t] == NULL)
        continue;

      stmt = feuillet_sqlite_prepare (db, "DELETE FROM site_terms WHERE site = :site AND taxonomy = :taxonomy", error);
      if (stmt == NULL)
        return FALSE;
      feuillet_sqlite_bind_text (stmt, ":site", call->site);
      feuillet_sqlite_bind_text (stmt, ":taxonomy", taxonomy_name (taxonomies[t]));
      if (!feuillet_sqlite_step_done (db, stmt, error))
        return FALSE;

      for (guint i = 0; i < lists[t]->len; i++)
        if (!insert_term (db, call->site, taxonomies[t], lists[t]->pdata[i], error))
          return FALSE;
    }

  /* The time says when the whole copy was fetched. */
  if (call->categories == NULL || call->tags == NULL)
    return TRUE;
  stmt = feuillet_sqlite_prepare (db, "UPDATE sites SET terms_fetched = :now WHERE name = :site", error);
  if (stmt == NULL)
    return FALSE;
  feuillet_sqlite_bind_text (stmt, ":site", call->site);
  feuillet_sqlite_bind_int64 (stmt, ":now", g_get_real_time ());
  return feuillet_sqlite_step_done (db, stmt, error);
}

void
feuillet_store_replace_site_terms_async (FeuilletStore       *self,
                                         const char          *site,
                                         GPtrArray           *categories,
                                         GPtrArray           *tags,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  TermsCall *call;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (site != NULL && (categories != NULL || tags != NULL));

  call = terms_call_new (site, FEUILLET_TAXONOMY_CATEGORY);
  call->categories = categories != NULL ? g_ptr_array_ref (categories) : NULL;
  call->tags = tags != NULL ? g_ptr_array_ref (tags) : NULL;
  feuillet_store_run_sql_async (self, feuillet_store_replace_site_terms_async, replace_terms_sql,
                                call, (GDestroyNotify) terms_call_free, NULL, cancellable, callback, user_data);
}

static gboolean
finish_boolean (FeuilletStore  *self,
                GAsyncResult   *result,
                gpointer        source_tag,
                GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  feuillet_store_run_sql_finish (self, result, source_tag, &local_error);
  if (local_error == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

gboolean
feuillet_store_replace_site_terms_finish (FeuilletStore  *self,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  return finish_boolean (self, result, feuillet_store_replace_site_terms_async, error);
}

static gboolean
add_term_sql (FeuilletSqlite  *db,
              gpointer         data,
              gpointer        *result,
              GError         **error)
{
  TermsCall *call = data;

  return insert_term (db, call->site, call->taxonomy, call->term, error);
}

void
feuillet_store_add_site_term_async (FeuilletStore        *self,
                                    const char           *site,
                                    FeuilletTaxonomy      taxonomy,
                                    const FeuilletWpTerm *term,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  TermsCall *call;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (site != NULL && term != NULL);

  call = terms_call_new (site, taxonomy);
  call->term = feuillet_wp_term_copy (term);
  feuillet_store_run_sql_async (self, feuillet_store_add_site_term_async, add_term_sql,
                                call, (GDestroyNotify) terms_call_free, NULL, cancellable, callback, user_data);
}

gboolean
feuillet_store_add_site_term_finish (FeuilletStore  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  return finish_boolean (self, result, feuillet_store_add_site_term_async, error);
}

static gboolean
list_terms_sql (FeuilletSqlite  *db,
                gpointer         data,
                gpointer        *result,
                GError         **error)
{
  TermsCall *call = data;
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func ((GDestroyNotify) feuillet_wp_term_free);
  sqlite3_stmt *stmt;
  gboolean has_row;

  stmt = feuillet_sqlite_prepare (db,
                                  "SELECT remote_id, name, slug FROM site_terms "
                                  "WHERE site = :site AND taxonomy = :taxonomy ORDER BY name COLLATE NOCASE",
                                  error);
  if (stmt == NULL)
    return FALSE;
  feuillet_sqlite_bind_text (stmt, ":site", call->site);
  feuillet_sqlite_bind_text (stmt, ":taxonomy", taxonomy_name (call->taxonomy));

  for (;;)
    {
      FeuilletWpTerm *term;

      if (!feuillet_sqlite_step (db, stmt, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      term = g_new0 (FeuilletWpTerm, 1);
      term->id = sqlite3_column_int64 (stmt, 0);
      term->name = g_strdup (feuillet_sqlite_column_text (stmt, 1));
      term->slug = g_strdup (feuillet_sqlite_column_text (stmt, 2));
      g_ptr_array_add (terms, term);
    }
  sqlite3_reset (stmt);

  *result = g_steal_pointer (&terms);
  return TRUE;
}

void
feuillet_store_list_site_terms_async (FeuilletStore       *self,
                                      const char          *site,
                                      FeuilletTaxonomy     taxonomy,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (site != NULL);

  feuillet_store_run_sql_async (self, feuillet_store_list_site_terms_async, list_terms_sql,
                                terms_call_new (site, taxonomy), (GDestroyNotify) terms_call_free,
                                (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * feuillet_store_list_site_terms_finish:
 *
 * Returns: (transfer full) (element-type FeuilletWpTerm): the terms, by name
 */
GPtrArray *
feuillet_store_list_site_terms_finish (FeuilletStore  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  return feuillet_store_run_sql_finish (self, result, feuillet_store_list_site_terms_async, error);
}
