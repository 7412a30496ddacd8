/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "feuillet-error.h"
#include "feuillet-site-secret.h"
#include "feuillet-store.h"
#include "test-util.h"

/* The sites of the library: add, list, rename, remove; and what the library keeps of them. */

typedef struct
{
  char          *dir;
  char          *path;
  FeuilletStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = make_test_dir ();
  fixture->path = g_build_filename (fixture->dir, "library.db", NULL);
  fixture->store = feuillet_store_new (fixture->path);
  feuillet_store_open_async (fixture->store, NULL, store_result_cb, &result);
  g_assert_true (feuillet_store_open_finish (fixture->store, wait_for (&result), &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static FeuilletSite *
add (FeuilletStore  *store,
     const char     *name,
     const char     *url,
     GError        **error)
{
  g_autoptr(FeuilletSite) site = feuillet_site_new (name, url, "http://127.0.0.1/wp-json/", "redaction",
                                                    "La rédaction");
  g_autoptr(GAsyncResult) result = NULL;

  feuillet_store_add_site_async (store, site, NULL, store_result_cb, &result);
  return feuillet_store_add_site_finish (store, wait_for (&result), error);
}

static GPtrArray *
list (FeuilletStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *sites;

  feuillet_store_list_sites_async (store, NULL, store_result_cb, &result);
  sites = feuillet_store_list_sites_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (sites);
  return sites;
}

static gboolean
rename_site (FeuilletStore  *store,
             const char     *name,
             const char     *new_name,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  feuillet_store_rename_site_async (store, name, new_name, NULL, store_result_cb, &result);
  return feuillet_store_rename_site_finish (store, wait_for (&result), error);
}

static FeuilletSite *
remove_site (FeuilletStore  *store,
             const char     *name,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  feuillet_store_remove_site_async (store, name, NULL, store_result_cb, &result);
  return feuillet_store_remove_site_finish (store, wait_for (&result), error);
}

static void
test_add_list (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(FeuilletSite) site = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;
  FeuilletSite *listed;

  sites = list (fixture->store);
  g_assert_cmpuint (sites->len, ==, 0);
  g_clear_pointer (&sites, g_ptr_array_unref);

  site = add (fixture->store, "Vosges Matin", "http://127.0.0.1:8080", &error);
  g_assert_no_error (error);
  g_assert_nonnull (site->created);
  g_clear_pointer (&site, feuillet_site_free);
  site = add (fixture->store, "Alsace", "https://alsace.example", &error);
  g_assert_no_error (error);

  sites = list (fixture->store);
  g_assert_cmpuint (sites->len, ==, 2);
  g_assert_cmpstr (((FeuilletSite *) sites->pdata[0])->name, ==, "Alsace");
  listed = sites->pdata[1];
  g_assert_cmpstr (listed->name, ==, "Vosges Matin");
  g_assert_cmpstr (listed->url, ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (listed->rest_root, ==, "http://127.0.0.1/wp-json/");
  g_assert_cmpstr (listed->user, ==, "redaction");
  g_assert_cmpstr (listed->user_name, ==, "La rédaction");
  g_assert_nonnull (listed->created);
}

static void
test_names_are_unique (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(FeuilletSite) site = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  site = add (fixture->store, "Vosges Matin", "http://127.0.0.1:8080", &error);
  g_assert_no_error (error);
  g_clear_pointer (&site, feuillet_site_free);

  /* Case aside, as the column's collation says. */
  site = add (fixture->store, "VOSGES MATIN", "https://other.example", &error);
  g_assert_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_EXISTS);
  g_assert_null (site);
  g_assert_nonnull (strstr (error->message, "VOSGES MATIN"));
  g_clear_error (&error);

  site = add (fixture->store, "", "https://other.example", &error);
  g_assert_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_FAILED);
  g_assert_null (site);
  g_clear_error (&error);

  sites = list (fixture->store);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpstr (((FeuilletSite *) sites->pdata[0])->url, ==, "http://127.0.0.1:8080");
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(FeuilletSite) a = add (fixture->store, "Vosges Matin", "http://127.0.0.1:8080", NULL);
  g_autoptr(FeuilletSite) b = add (fixture->store, "Alsace", "https://alsace.example", NULL);
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (rename_site (fixture->store, "vosges matin", "Le Vosgien", &error));
  g_assert_no_error (error);

  g_assert_false (rename_site (fixture->store, "Le Vosgien", "alsace", &error));
  g_assert_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (rename_site (fixture->store, "Vosges Matin", "Autre", &error));
  g_assert_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Only the case changes: the same site, renamed. */
  g_assert_true (rename_site (fixture->store, "Le Vosgien", "LE VOSGIEN", &error));
  g_assert_no_error (error);

  sites = list (fixture->store);
  g_assert_cmpuint (sites->len, ==, 2);
  g_assert_cmpstr (((FeuilletSite *) sites->pdata[0])->name, ==, "Alsace");
  g_assert_cmpstr (((FeuilletSite *) sites->pdata[1])->name, ==, "LE VOSGIEN");
  g_assert_cmpstr (((FeuilletSite *) sites->pdata[1])->url, ==, "http://127.0.0.1:8080");
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(FeuilletSite) a = add (fixture->store, "Vosges Matin", "http://127.0.0.1:8080", NULL);
  g_autoptr(FeuilletSite) removed = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GError) error = NULL;

  removed = remove_site (fixture->store, "VOSGES matin", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (removed->name, ==, "Vosges Matin");
  g_assert_cmpstr (removed->url, ==, "http://127.0.0.1:8080");
  g_assert_cmpstr (removed->user, ==, "redaction");
  g_clear_pointer (&removed, feuillet_site_free);

  removed = remove_site (fixture->store, "Vosges Matin", &error);
  g_assert_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_NOT_FOUND);
  g_assert_null (removed);

  sites = list (fixture->store);
  g_assert_cmpuint (sites->len, ==, 0);
}

static gboolean
mark_pushed_to_vosges (FeuilletArticle  *article,
                       gpointer          user_data,
                       GError          **error)
{
  feuillet_article_set_remote_site (article, "Vosges Matin");
  feuillet_article_set_remote_id (article, 42);
  return TRUE;
}

/* A renamed site keeps what refers to it: the articles pushed to it and the pushes waiting
 * for it. Removing it drops the pushes that could never go out, not the articles' links. */
static void
test_rename_keeps_references (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(FeuilletSite) site = add (fixture->store, "Vosges Matin", "http://127.0.0.1:8080", NULL);
  g_autoptr(FeuilletArticle) article = feuillet_article_new ();
  g_autoptr(FeuilletArticle) created = NULL;
  g_autoptr(FeuilletArticle) edited = NULL;
  g_autoptr(FeuilletArticle) loaded = NULL;
  g_autoptr(FeuilletSite) removed = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  FeuilletOutboxEntry entry = { 0, };

  feuillet_article_set_title (article, "Conseil municipal");
  feuillet_store_create_async (fixture->store, article, NULL, store_result_cb, &result);
  created = feuillet_store_create_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  feuillet_store_edit_async (fixture->store, feuillet_article_get_id (created), mark_pushed_to_vosges, NULL, NULL,
                             NULL, store_result_cb, &result);
  edited = feuillet_store_edit_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);

  entry.article_id = feuillet_article_get_id (created);
  entry.site = (char *) "Vosges Matin";
  entry.action = (char *) "update";
  entry.status = (char *) "draft";
  entry.state = (char *) "queued";
  feuillet_store_put_outbox_async (fixture->store, &entry, NULL, store_result_cb, &result);
  g_assert_true (feuillet_store_put_outbox_finish (fixture->store, wait_for (&result), &error));
  g_assert_no_error (error);

  g_assert_true (rename_site (fixture->store, "vosges matin", "Le Vosgien", &error));
  g_assert_no_error (error);

  feuillet_store_load_async (fixture->store, feuillet_article_get_id (created), NULL, store_result_cb, &result);
  loaded = feuillet_store_load_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (feuillet_article_get_remote_site (loaded), ==, "Le Vosgien");
  g_assert_cmpint (feuillet_article_get_remote_id (loaded), ==, 42);

  feuillet_store_list_outbox_async (fixture->store, 0, NULL, store_result_cb, &result);
  outbox = feuillet_store_list_outbox_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 1);
  g_assert_cmpstr (((FeuilletOutboxEntry *) outbox->pdata[0])->site, ==, "Le Vosgien");
  g_clear_pointer (&outbox, g_ptr_array_unref);

  removed = remove_site (fixture->store, "Le Vosgien", &error);
  g_assert_no_error (error);
  feuillet_store_list_outbox_async (fixture->store, 0, NULL, store_result_cb, &result);
  outbox = feuillet_store_list_outbox_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 0);
  g_clear_object (&loaded);
  feuillet_store_load_async (fixture->store, feuillet_article_get_id (created), NULL, store_result_cb, &result);
  loaded = feuillet_store_load_finish (fixture->store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (feuillet_article_get_remote_id (loaded), ==, 42);
}

/* The signature setting of a site is kept; off for a new site. */
static void
test_signature (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(FeuilletSite) site = add (fixture->store, "Vosges Matin", "http://127.0.0.1:8080", NULL);
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  sites = list (fixture->store);
  g_assert_false (((FeuilletSite *) sites->pdata[0])->signature);
  g_assert_null (((FeuilletSite *) sites->pdata[0])->terms_fetched);
  g_clear_pointer (&sites, g_ptr_array_unref);

  feuillet_store_set_site_signature_async (fixture->store, "VOSGES MATIN", TRUE, NULL, store_result_cb, &result);
  g_assert_true (feuillet_store_set_site_signature_finish (fixture->store, wait_for (&result), &error));
  g_assert_no_error (error);
  sites = list (fixture->store);
  g_assert_true (((FeuilletSite *) sites->pdata[0])->signature);

  feuillet_store_set_site_signature_async (fixture->store, "Autre", TRUE, NULL, store_result_cb, &result);
  g_assert_false (feuillet_store_set_site_signature_finish (fixture->store, wait_for (&result), &error));
  g_assert_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_NOT_FOUND);
}

/* FEUILLET_APP_PASSWORD stands in for the keyring, which is not touched (no Secret Service
 * needed here). */
static void
test_secret_override (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  g_assert_cmpstr (feuillet_site_secret_get_schema ()->name, ==, "io.github.feuillet.Feuillet.Site");

  g_setenv ("FEUILLET_APP_PASSWORD", "abcd efgh ijkl", TRUE);
  g_assert_cmpstr (feuillet_site_secret_get_override (), ==, "abcd efgh ijkl");

  feuillet_site_secret_store_async ("http://127.0.0.1", "redaction", "autre", NULL, store_result_cb, &result);
  g_assert_true (feuillet_site_secret_store_finish (wait_for (&result), &error));
  g_assert_no_error (error);

  feuillet_site_secret_lookup_async ("http://127.0.0.1", "redaction", NULL, store_result_cb, &result);
  password = feuillet_site_secret_lookup_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "abcd efgh ijkl");
  secret_password_free (password);

  feuillet_site_secret_clear_async ("http://127.0.0.1", "redaction", NULL, store_result_cb, &result);
  g_assert_true (feuillet_site_secret_clear_finish (wait_for (&result), &error));
  g_assert_no_error (error);

  g_setenv ("FEUILLET_APP_PASSWORD", "", TRUE);
  g_assert_null (feuillet_site_secret_get_override ());
  g_unsetenv ("FEUILLET_APP_PASSWORD");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sites/add-list", test_add_list);
  ADD ("/sites/names-are-unique", test_names_are_unique);
  ADD ("/sites/rename", test_rename);
  ADD ("/sites/remove", test_remove);
  ADD ("/sites/rename-keeps-references", test_rename_keeps_references);
  ADD ("/sites/signature", test_signature);
#undef ADD
  g_test_add_func ("/sites/secret-override", test_secret_override);

  return g_test_run ();
}
