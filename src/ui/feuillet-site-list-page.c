/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-site-list-page"

#include "config.h"

#include <glib/gi18n.h>

#include "feuillet-site-list-page.h"

#include "feuillet-site-dialog.h"
#include "feuillet-site-row.h"

/* One site in the list's model: the rows are made from it. */
#define FEUILLET_TYPE_SITE_ITEM (feuillet_site_item_get_type ())
G_DECLARE_FINAL_TYPE (FeuilletSiteItem, feuillet_site_item, FEUILLET, SITE_ITEM, GObject)

struct _FeuilletSiteItem
{
  GObject       parent_instance;
  FeuilletSite *site;
};

G_DEFINE_FINAL_TYPE (FeuilletSiteItem, feuillet_site_item, G_TYPE_OBJECT)

static void
feuillet_site_item_finalize (GObject *object)
{
  g_clear_pointer (&FEUILLET_SITE_ITEM (object)->site, feuillet_site_free);
  G_OBJECT_CLASS (feuillet_site_item_parent_class)->finalize (object);
}

static void
feuillet_site_item_class_init (FeuilletSiteItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = feuillet_site_item_finalize;
}

static void
feuillet_site_item_init (FeuilletSiteItem *self)
{
}

/*
 * The "Sites" page of the preferences: the library's WordPress sites, and adding one. It
 * reads the library again after each change made here and when another program (such as
 * feuillet-cli) changes it.
 */
struct _FeuilletSiteListPage
{
  AdwPreferencesPage parent_instance;

  /* template widgets */
  AdwPreferencesGroup *empty_group;
  AdwPreferencesGroup *sites_group;
  GtkListBox          *sites_list;

  /* owned */
  FeuilletStore *store;
  GListStore    *sites;
  GCancellable  *cancellable;
  /* the site opened in the list, kept open when the list is read again */
  char          *expanded;
};

G_DEFINE_FINAL_TYPE (FeuilletSiteListPage, feuillet_site_list_page, ADW_TYPE_PREFERENCES_PAGE)

static void reload (FeuilletSiteListPage *self);

static void
on_sites_listed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FeuilletSiteListPage) self = user_data;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  sites = feuillet_store_list_sites_finish (FEUILLET_STORE (source), result, &error);
  if (sites == NULL)
    {
      GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_DIALOG);

      if (dialog != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (dialog), adw_toast_new (error->message));
      return;
    }

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < sites->len; i++)
    {
      FeuilletSiteItem *item = g_object_new (FEUILLET_TYPE_SITE_ITEM, NULL);

      item->site = feuillet_site_copy (sites->pdata[i]);
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->sites, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sites)),
                       items->pdata, items->len);

  gtk_widget_set_visible (GTK_WIDGET (self->empty_group), sites->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sites_group), sites->len > 0);
}

static void
reload (FeuilletSiteListPage *self)
{
  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  feuillet_store_list_sites_async (self->store, self->cancellable, on_sites_listed_cb, g_object_ref (self));
}

static void
on_store_changed_cb (FeuilletSiteListPage *self)
{
  reload (self);
}

static void
on_row_expanded_cb (FeuilletSiteListPage *self,
                    GParamSpec           *pspec,
                    FeuilletSiteRow      *row)
{
  const char *name = feuillet_site_row_get_site (row)->name;

  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    g_set_str (&self->expanded, name);
  else if (g_strcmp0 (self->expanded, name) == 0)
    g_clear_pointer (&self->expanded, g_free);
}

static void
on_row_changed_cb (FeuilletSiteListPage *self,
                   FeuilletSiteRow      *row)
{
  /* A renamed site stays open under its new name. */
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    g_set_str (&self->expanded, feuillet_site_row_get_site (row)->name);
  reload (self);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  FeuilletSiteListPage *self = user_data;
  FeuilletSite *site = FEUILLET_SITE_ITEM (item)->site;
  GtkWidget *row = feuillet_site_row_new (self->store, site);

  if (self->expanded != NULL && g_str_equal (self->expanded, site->name))
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  g_signal_connect_object (row, "notify::expanded", G_CALLBACK (on_row_expanded_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "changed", G_CALLBACK (on_row_changed_cb), self, G_CONNECT_SWAPPED);
  return row;
}

static void
on_site_added_cb (FeuilletSiteListPage *self,
                  const FeuilletSite   *site)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_PREFERENCES_DIALOG);
  const char *user = site->user_name != NULL && site->user_name[0] != '\0' ? site->user_name : site->user;

  if (dialog != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: the site's name, then the user's name as WordPress shows it */
      message = g_strdup_printf (_("Connected to %s as %s"), site->name, user);
      adw_preferences_dialog_add_toast (ADW_PREFERENCES_DIALOG (dialog), adw_toast_new (message));
    }
  reload (self);
}

static void
on_add_clicked_cb (FeuilletSiteListPage *self)
{
  AdwDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = feuillet_site_dialog_new (self->store);
  g_signal_connect_object (dialog, "site-added", G_CALLBACK (on_site_added_cb), self, G_CONNECT_SWAPPED);
  adw_dialog_present (dialog, GTK_WIDGET (self));
}

static void
feuillet_site_list_page_dispose (GObject *object)
{
  FeuilletSiteListPage *self = (FeuilletSiteListPage *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), FEUILLET_TYPE_SITE_LIST_PAGE);

  G_OBJECT_CLASS (feuillet_site_list_page_parent_class)->dispose (object);
}

static void
feuillet_site_list_page_finalize (GObject *object)
{
  FeuilletSiteListPage *self = (FeuilletSiteListPage *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->sites);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->expanded, g_free);

  G_OBJECT_CLASS (feuillet_site_list_page_parent_class)->finalize (object);
}

static void
feuillet_site_list_page_class_init (FeuilletSiteListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = feuillet_site_list_page_dispose;
  object_class->finalize = feuillet_site_list_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/feuillet-site-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteListPage, empty_group);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteListPage, sites_group);
  gtk_widget_class_bind_template_child (widget_class, FeuilletSiteListPage, sites_list);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);
}

static void
feuillet_site_list_page_init (FeuilletSiteListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sites = g_list_store_new (FEUILLET_TYPE_SITE_ITEM);
  gtk_list_box_bind_model (self->sites_list, G_LIST_MODEL (self->sites), create_row_cb, self, NULL);
}

/**
 * feuillet_site_list_page_set_store:
 * @store: the library whose sites to show
 */
void
feuillet_site_list_page_set_store (FeuilletSiteListPage *self,
                                   FeuilletStore        *store)
{
  g_return_if_fail (FEUILLET_IS_SITE_LIST_PAGE (self));
  g_return_if_fail (FEUILLET_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  /* Another program changed the library: feuillet-cli site add, for one. */
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
}
