/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-article-list-model"

#include "config.h"

#include "feuillet-article-list-model.h"

/* Articles read at once, and how many pages are kept: memory stays flat. */
#define PAGE_SIZE 100
#define MAX_PAGES 40

typedef struct
{
  GPtrArray *summaries;
  /* which reload it was read for: older pages are shown until they are read again */
  guint generation;
} Page;

struct _FeuilletArticleListModel
{
  GObject parent_instance;

  /* owned */
  FeuilletStore *store;
  /* status, tag, trash: which articles */
  FeuilletQuery *filters;
  GCancellable *cancellable;
  /* page number → Page */
  GHashTable *pages;
  /* page numbers being read */
  GHashTable *loading;
  /* page numbers, the most recently used first */
  GQueue recent;
  guint n_items;
  guint generation;
};

static void feuillet_article_list_model_iface_init (GListModelInterface *iface);

enum {
  FAILED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (FeuilletArticleListModel, feuillet_article_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, feuillet_article_list_model_iface_init))

typedef struct
{
  FeuilletArticleListModel *self;
  guint                     page;
  guint                     generation;
} PageRequest;

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->summaries);
  g_free (page);
}

static void
touch_page (FeuilletArticleListModel *self,
            guint                     number)
{
  GList *link = g_queue_find (&self->recent, GUINT_TO_POINTER (number));

  if (link != NULL)
    g_queue_unlink (&self->recent, link), g_list_free (link);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (number));

  while (g_queue_get_length (&self->recent) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));
}

static void
on_page_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree PageRequest *request = user_data;
  g_autoptr(FeuilletArticleListModel) self = request->self;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autoptr(GError) error = NULL;
  guint start = request->page * PAGE_SIZE;
  Page *page;
  guint changed;

  g_hash_table_remove (self->loading, GUINT_TO_POINTER (request->page));
  summaries = feuillet_store_list_finish (FEUILLET_STORE (source), result, &error);
  if (summaries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }
  if (request->generation != self->generation || start >= self->n_items)
    return;

  page = g_new0 (Page, 1);
  page->summaries = g_steal_pointer (&summaries);
  page->generation = request->generation;
  g_hash_table_replace (self->pages, GUINT_TO_POINTER (request->page), page);
  touch_page (self, request->page);

  changed = MIN (PAGE_SIZE, self->n_items - start);
  g_list_model_items_changed (G_LIST_MODEL (self), start, changed, changed);
}

static void
read_page (FeuilletArticleListModel *self,
           guint                     number)
{
  g_autoptr(FeuilletQuery) query = NULL;
  PageRequest *request;

  if (!g_hash_table_add (self->loading, GUINT_TO_POINTER (number)))
    return;

  query = feuillet_query_copy (self->filters);
  query->offset = number * PAGE_SIZE;
  query->limit = PAGE_SIZE;

  request = g_new0 (PageRequest, 1);
  request->self = g_object_ref (self);
  request->page = number;
  request->generation = self->generation;
  feuillet_store_list_async (self->store, query, self->cancellable, on_page_read_cb, request);
}

static GType
feuillet_article_list_model_get_item_type (GListModel *model)
{
  return FEUILLET_TYPE_ARTICLE_SUMMARY;
}

static guint
feuillet_article_list_model_get_n_items (GListModel *model)
{
  return FEUILLET_ARTICLE_LIST_MODEL (model)->n_items;
}

/* An article not read yet is a placeholder (id 0) until its page arrives. */
static gpointer
feuillet_article_list_model_get_item (GListModel *model,
                                      guint       position)
{
  FeuilletArticleListModel *self = FEUILLET_ARTICLE_LIST_MODEL (model);
  guint number = position / PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (number));
  if (page == NULL || page->generation != self->generation)
    read_page (self, number);
  if (page != NULL && position % PAGE_SIZE < page->summaries->len)
    {
      touch_page (self, number);
      return g_object_ref (page->summaries->pdata[position % PAGE_SIZE]);
    }

  /* A list view needs an object of its own for each row. */
  return feuillet_article_summary_new (0, "", FEUILLET_ARTICLE_STATUS_DRAFT, "", NULL, 0, 0, NULL, NULL);
}

static void
feuillet_article_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = feuillet_article_list_model_get_item_type;
  iface->get_n_items = feuillet_article_list_model_get_n_items;
  iface->get_item = feuillet_article_list_model_get_item;
}

static void
on_counted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FeuilletArticleListModel) self = user_data;
  g_autoptr(GError) error = NULL;
  guint previous = self->n_items;
  guint count;

  if (!feuillet_store_count_finish (FEUILLET_STORE (source), result, &count, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  self->n_items = count;
  /* Rows rebind; the pages they show are read again, shown as they were until then. */
  g_list_model_items_changed (G_LIST_MODEL (self), 0, previous, count);
}

static void
feuillet_article_list_model_dispose (GObject *object)
{
  FeuilletArticleListModel *self = (FeuilletArticleListModel *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (feuillet_article_list_model_parent_class)->dispose (object);
}

static void
feuillet_article_list_model_finalize (GObject *object)
{
  FeuilletArticleListModel *self = (FeuilletArticleListModel *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->filters, feuillet_query_free);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->loading, g_hash_table_unref);
  g_queue_clear (&self->recent);

  G_OBJECT_CLASS (feuillet_article_list_model_parent_class)->finalize (object);
}

static void
feuillet_article_list_model_class_init (FeuilletArticleListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = feuillet_article_list_model_dispose;
  object_class->finalize = feuillet_article_list_model_finalize;

  /**
   * FeuilletArticleListModel::failed:
   * @error: why the library could not be read
   *
   * Articles could not be read; the list shows what it had.
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
feuillet_article_list_model_init (FeuilletArticleListModel *self)
{
  self->cancellable = g_cancellable_new ();
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_free);
  self->loading = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->recent);
  self->filters = feuillet_query_new ();
}

FeuilletArticleListModel *
feuillet_article_list_model_new (FeuilletStore *store)
{
  FeuilletArticleListModel *self;

  g_return_val_if_fail (FEUILLET_IS_STORE (store), NULL);

  self = g_object_new (FEUILLET_TYPE_ARTICLE_LIST_MODEL, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * feuillet_article_list_model_reload:
 *
 * Reads the list again (after a save, or a change by another program).
 */
void
feuillet_article_list_model_reload (FeuilletArticleListModel *self)
{
  g_return_if_fail (FEUILLET_IS_ARTICLE_LIST_MODEL (self));

  self->generation++;
  g_hash_table_remove_all (self->loading);
  feuillet_store_count_async (self->store, self->filters, self->cancellable, on_counted_cb, g_object_ref (self));
}

/**
 * feuillet_article_list_model_set_filters:
 * @filters: the status, tag and trash to list; its text, offset and limit are not used
 *
 * Lists other articles: call feuillet_article_list_model_reload() next.
 */
void
feuillet_article_list_model_set_filters (FeuilletArticleListModel *self,
                                         const FeuilletQuery      *filters)
{
  g_return_if_fail (FEUILLET_IS_ARTICLE_LIST_MODEL (self));
  g_return_if_fail (filters != NULL);

  g_clear_pointer (&self->filters, feuillet_query_free);
  self->filters = feuillet_query_copy (filters);
  g_clear_pointer (&self->filters->text, g_free);
  self->filters->offset = 0;
  self->filters->limit = 0;
}
