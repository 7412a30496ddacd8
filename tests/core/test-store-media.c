/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "feuillet-store-media.h"
#include "test-util.h"

/* The media a site already has, found again by the checksum of a file's bytes. */

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

static void
record (FeuilletStore *store,
        const char    *site,
        const char    *checksum,
        gint64         remote_id,
        const char    *url)
{
  g_autoptr(FeuilletSiteMedium) medium = feuillet_site_medium_new (site, checksum, remote_id, url,
                                                                   "/home/claire/photos/cathédrale.jpg");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  feuillet_store_record_medium_async (store, medium, NULL, store_result_cb, &result);
  g_assert_true (feuillet_store_record_medium_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
}

static GPtrArray *
find (FeuilletStore      *store,
      const char         *site,
      const char * const *checksums)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *media;

  feuillet_store_find_media_async (store, site, checksums, NULL, store_result_cb, &result);
  media = feuillet_store_find_media_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (media);
  return media;
}

static void
test_find_recorded (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *both[] = { "aaaa", "bbbb", NULL };
  g_autoptr(GPtrArray) media = NULL;
  g_autoptr(GPtrArray) none = NULL;
  FeuilletSiteMedium *medium;

  none = find (fixture->store, "Vosges Matin", both);
  g_assert_cmpuint (none->len, ==, 0);

  record (fixture->store, "Vosges Matin", "aaaa", 42, "https://example.org/wp-content/uploads/a.jpg");
  media = find (fixture->store, "vosges matin", both);
  g_assert_cmpuint (media->len, ==, 1);
  medium = media->pdata[0];
  g_assert_cmpstr (medium->checksum, ==, "aaaa");
  g_assert_cmpint (medium->remote_id, ==, 42);
  g_assert_cmpstr (medium->url, ==, "https://example.org/wp-content/uploads/a.jpg");
  g_assert_cmpstr (medium->source, ==, "/home/claire/photos/cathédrale.jpg");
  g_assert_nonnull (medium->uploaded);
}

/* Each site has its own media library: a picture uploaded to one is not on another. */
static void
test_per_site (Fixture       *fixture,
               gconstpointer  data)
{
  const char *one[] = { "aaaa", NULL };
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  record (fixture->store, "Vosges Matin", "aaaa", 42, "https://vosges.example/a.jpg");
  record (fixture->store, "L’Est", "aaaa", 7, "https://est.example/a.jpg");
  first = find (fixture->store, "Vosges Matin", one);
  second = find (fixture->store, "L’Est", one);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpint (((FeuilletSiteMedium *) first->pdata[0])->remote_id, ==, 42);
  g_assert_cmpint (((FeuilletSiteMedium *) second->pdata[0])->remote_id, ==, 7);
}

/* Uploaded again (the site lost it): the new id replaces the old one. */
static void
test_record_replaces (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *one[] = { "aaaa", NULL };
  g_autoptr(GPtrArray) media = NULL;

  record (fixture->store, "Vosges Matin", "aaaa", 42, "https://vosges.example/a.jpg");
  record (fixture->store, "Vosges Matin", "aaaa", 43, "https://vosges.example/a-1.jpg");
  media = find (fixture->store, "Vosges Matin", one);
  g_assert_cmpuint (media->len, ==, 1);
  g_assert_cmpint (((FeuilletSiteMedium *) media->pdata[0])->remote_id, ==, 43);
  g_assert_cmpstr (((FeuilletSiteMedium *) media->pdata[0])->url, ==, "https://vosges.example/a-1.jpg");
}

/* What was recorded is in the file, for the next run. */
static void
test_survives_reopen (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *one[] = { "aaaa", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) media = NULL;

  record (fixture->store, "Vosges Matin", "aaaa", 42, "https://vosges.example/a.jpg");
  g_clear_object (&fixture->store);
  fixture->store = feuillet_store_new (fixture->path);
  feuillet_store_open_async (fixture->store, NULL, store_result_cb, &result);
  g_assert_true (feuillet_store_open_finish (fixture->store, wait_for (&result), &error));
  g_assert_no_error (error);

  media = find (fixture->store, "Vosges Matin", one);
  g_assert_cmpuint (media->len, ==, 1);
  g_assert_cmpint (((FeuilletSiteMedium *) media->pdata[0])->remote_id, ==, 42);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store-media/find-recorded", Fixture, NULL, fixture_set_up, test_find_recorded, fixture_tear_down);
  g_test_add ("/store-media/per-site", Fixture, NULL, fixture_set_up, test_per_site, fixture_tear_down);
  g_test_add ("/store-media/record-replaces", Fixture, NULL, fixture_set_up, test_record_replaces, fixture_tear_down);
  g_test_add ("/store-media/survives-reopen", Fixture, NULL, fixture_set_up, test_survives_reopen, fixture_tear_down);

  return g_test_run ();
}
