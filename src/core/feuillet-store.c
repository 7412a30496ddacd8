/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "feuillet-error.h"
#include "feuillet-store-private.h"

/*
 * The store owns one SQLite connection on one database thread (as Epiphany's history
 * service does). Calls queue a job; the thread runs jobs in order, each write in its own
 * transaction, and returns results through GTask to the caller's main context, so the main
 * loop never waits on the disk. Jobs queued before the store is disposed still run: the
 * last keystrokes are saved before the thread ends.
 */

typedef struct _StoreJob StoreJob;

typedef void (*StoreJobFunc) (FeuilletStore *self,
                              StoreJob      *job);

/*
 * A call to the store. The job function runs on the database thread and leaves its result
 * here; the result is handed to the GTask back on the caller's main context, where the task
 * is also released. So the database thread never holds the last reference to a task, or
 * through it to the store: the store is always disposed on its caller's thread.
 */
struct _StoreJob
{
  GTask          *task;
  StoreJobFunc    func;

  GError         *error;
  gpointer        result;
  GDestroyNotify  result_free;
  gboolean        is_boolean;
};

struct _FeuilletStore
{
  GObject parent_instance;

  char *path;
  GThread *thread;
  /* StoreJob*, or the store itself to stop the thread */
  GAsyncQueue *jobs;

  /* Owned by the database thread alone. */
  FeuilletSqlite *db;
  /* a job changed what search should find: the index is to be brought up to date */
  gboolean index_stale;
  /* PRAGMA data_version when last looked: it moves when another connection commits */
  gint64 data_version;

  /* where ::changed is emitted: the context the store was made on */
  GMainContext *context;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The full-text index is updated once typing pauses this long, and at least this often. */
#define INDEX_IDLE_DELAY (2 * G_USEC_PER_SEC)
#define INDEX_MAX_DELAY (30 * G_USEC_PER_SEC)

/* How often to look for changes other programs made to the library. */
#define WATCH_INTERVAL (G_USEC_PER_SEC / 2)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FeuilletStore, feuillet_store, G_TYPE_OBJECT)

static GParamSpec *properties [N_PROPS];

/* On the caller's main context. */
static gboolean
deliver_job (gpointer data)
{
  StoreJob *job = data;

  if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else if (job->is_boolean)
    g_task_return_boolean (job->task, TRUE);
  else
    g_task_return_pointer (job->task, g_steal_pointer (&job->result), job->result_free);

  g_object_unref (job->task);
  g_free (job);

  return G_SOURCE_REMOVE;
}

static void
job_return_error (StoreJob *job,
                  GError   *error)
{
  job->error = error;
}

static void
job_return_pointer (StoreJob       *job,
                    gpointer        result,
                    GDestroyNotify  result_free)
{
  job->result = result;
  job->result_free = result_free;
}

static void
job_return_true (StoreJob *job)
{
  job->is_boolean = TRUE;
}

static void
deliver_on_caller_context (StoreJob *job)
{
  /* An idle source, never g_main_context_invoke(): that would run deliver_job() right here
   * whenever the caller's context happens to be free. */
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_job, job, NULL);
  g_source_set_static_name (source, "[feuillet-store] deliver");
  g_source_attach (source, g_task_get_context (job->task));
  g_source_unref (source);
}

/* Brings the full-text index up to date; on the database thread. */
static gboolean
index_pending (FeuilletStore  *self,
               GError        **error)
{
  gboolean behind;
  guint indexed = 0;

  self->index_stale = FALSE;
  if (self->db == NULL)
    return TRUE;

  if (!feuillet_store_sql_index_is_behind (self->db, &behind, error))
    return FALSE;
  if (!behind)
    return TRUE;

  if (!feuillet_sqlite_begin (self->db, error))
    return FALSE;
  if (!feuillet_store_sql_index_pending (self->db, &indexed, error))
    {
      feuillet_sqlite_rollback (self->db);
      return FALSE;
    }
  if (indexed > 0)
    g_debug ("Indexed %u articles for search", indexed);

  return feuillet_sqlite_commit (self->db, error);
}

static void
index_when_idle (FeuilletStore *self)
{
  g_autoptr(GError) error = NULL;

  /* Nobody waits on this: the next search tries again, and reports a failure. */
  if (!index_pending (self, &error))
    g_debug ("Could not update the search index yet: %s", error->message);
}

static gboolean
emit_changed (gpointer data)
{
  g_autoptr(FeuilletStore) self = g_weak_ref_get (data);

  if (self != NULL)
    g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Another program (feuillet-cli, another window) wrote to the library: say so. */
static void
watch_other_writers (FeuilletStore *self)
{
  g_autoptr(GError) error = NULL;
  gint64 version;

  if (self->db == NULL || !feuillet_sqlite_query_int (self->db, "PRAGMA data_version", &version, &error))
    return;

  if (self->data_version != 0 && version != self->data_version)
    {
      GSource *source = g_idle_source_new ();
      GWeakRef *store = g_new0 (GWeakRef, 1);

      /* A weak reference: a store dropped meanwhile is not kept alive by this. */
      g_weak_ref_init (store, self);
      g_source_set_callback (source, emit_changed, store, free_weak_ref);
      g_source_set_static_name (source, "[feuillet-store] changed");
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
  self->data_version = version;
}

static gpointer
database_thread (gpointer data)
{
  FeuilletStore *self = data;
  /* when the index fell behind the articles, or 0; when the last job ran */
  gint64 stale_since = 0;
  gint64 last_job = 0;
  gint64 next_watch = 0;

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 deadline = G_MAXINT64;
      gpointer item;
      StoreJob *job;

      if (self->db != NULL)
        deadline = next_watch;
      if (stale_since != 0)
        deadline = MIN (deadline, MIN (last_job + INDEX_IDLE_DELAY, stale_since + INDEX_MAX_DELAY));

      if (deadline == G_MAXINT64)
        item = g_async_queue_pop (self->jobs);
      else if (deadline > now)
        item = g_async_queue_timeout_pop (self->jobs, deadline - now);
      else
        item = g_async_queue_try_pop (self->jobs);

      if (item == NULL)
        {
          now = g_get_monotonic_time ();
          if (stale_since != 0 && (now >= last_job + INDEX_IDLE_DELAY || now >= stale_since + INDEX_MAX_DELAY))
            {
              index_when_idle (self);
              stale_since = 0;
            }
          if (self->db != NULL && now >= next_watch)
            {
              watch_other_writers (self);
              next_watch = now + WATCH_INTERVAL;
            }
          continue;
        }

      if (item == self)
        break;

      job = item;
      if (!g_cancellable_set_error_if_cancelled (g_task_get_cancellable (job->task), &job->error))
        job->func (self, job);
      deliver_on_caller_context (job);
      last_job = g_get_monotonic_time ();

      if (!self->index_stale)
        stale_since = 0;
      else if (stale_since == 0)
        stale_since = last_job;
    }

  /* What was saved last is searchable the next time, even from another program. */
  if (stale_since != 0)
    index_when_idle (self);
  g_clear_pointer (&self->db, feuillet_sqlite_close);
  return NULL;
}

static void
queue_job (FeuilletStore *self,
           GTask         *task,
           StoreJobFunc   func)
{
  StoreJob *job = g_new0 (StoreJob, 1);

  job->task = task;
  job->func = func;
  g_async_queue_push (self->jobs, job);
}

/* Every job but opening needs an open library. */
static gboolean
check_open (FeuilletStore *self,
            StoreJob      *job)
{
  if (self->db != NULL)
    return TRUE;

  job_return_error (job, g_error_new_literal (FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_CLOSED,
                                              _("The library is not open")));
  return FALSE;
}

/* Runs @ok-returning SQL in one transaction; rolls back on failure. */
static gboolean
finish_transaction (FeuilletStore  *self,
                    gboolean        ok,
                    GError        **error)
{
  if (!ok)
    {
      feuillet_sqlite_rollback (self->db);
      return FALSE;
    }

  return feuillet_sqlite_commit (self->db, error);
}

static void
feuillet_store_dispose (GObject *object)
{
  FeuilletStore *self = (FeuilletStore *)object;

  if (self->thread != NULL)
    {
      /* See StoreJob: the last reference is never dropped on the database thread. */
      g_assert (g_thread_self () != self->thread);

      /* Pending jobs (a last save) run before the thread ends. */
      g_async_queue_push (self->jobs, self);
      g_thread_join (g_steal_pointer (&self->thread));
    }

  G_OBJECT_CLASS (feuillet_store_parent_class)->dispose (object);
}

static void
feuillet_store_finalize (GObject *object)
{
  FeuilletStore *self = (FeuilletStore *)object;

  g_clear_pointer (&self->jobs, g_async_queue_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (feuillet_store_parent_class)->finalize (object);
}

static void
feuillet_store_constructed (GObject *object)
{
  FeuilletStore *self = (FeuilletStore *)object;

  G_OBJECT_CLASS (feuillet_store_parent_class)->constructed (object);

  g_assert (self->path != NULL);
  self->thread = g_thread_new ("feuillet-store", database_thread, self);
}

static void
feuillet_store_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FeuilletStore *self = FEUILLET_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
feuillet_store_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FeuilletStore *self = FEUILLET_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
feuillet_store_class_init (FeuilletStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = feuillet_store_constructed;
  object_class->dispose = feuillet_store_dispose;
  object_class->finalize = feuillet_store_finalize;
  object_class->get_property = feuillet_store_get_property;
  object_class->set_property = feuillet_store_set_property;

  /* The library file. */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FeuilletStore::changed:
   *
   * Another program changed the library (within half a second): lists and the open
   * article may need reading again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
feuillet_store_init (FeuilletStore *self)
{
  self->jobs = g_async_queue_new ();
  self->context = g_main_context_ref_thread_default ();
}

/**
 * feuillet_store_default_path:
 *
 * Returns: (transfer full): the library the user works in: `FEUILLET_LIBRARY`, or
 *   `$XDG_DATA_HOME/feuillet/library.db`
 */
char *
feuillet_store_default_path (void)
{
  const char *from_environment = g_getenv ("FEUILLET_LIBRARY");

  if (from_environment != NULL && from_environment[0] != '\0')
    return g_strdup (from_environment);

  return g_build_filename (g_get_user_data_dir (), "feuillet", "library.db", NULL);
}

FeuilletStore *
feuillet_store_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (FEUILLET_TYPE_STORE, "path", path, NULL);
}

const char *
feuillet_store_get_path (FeuilletStore *self)
{
  g_return_val_if_fail (FEUILLET_IS_STORE (self), NULL);
  return self->path;
}

static GTask *
new_task (FeuilletStore       *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

static gboolean
check_result (FeuilletStore *self,
              GAsyncResult  *result,
              gpointer       source_tag)
{
  return g_task_is_valid (result, self) && g_task_get_source_tag (G_TASK (result)) == source_tag;
}

/* Opening */

static void
open_job (FeuilletStore *self,
          StoreJob      *job)
{
  GError *error = NULL;

  if (self->db == NULL)
    self->db = feuillet_store_sql_open (self->path, &error);

  if (self->db == NULL)
    {
      job_return_error (job, error);
      return;
    }

  /* Saves a killed program had not indexed yet are indexed when the library is idle. */
  self->index_stale = TRUE;
  job_return_true (job);
}

/**
 * feuillet_store_open_async:
 *
 * Opens the library, creating it if there is none, and brings it to the current format.
 */
void
feuillet_store_open_async (FeuilletStore       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (FEUILLET_IS_STORE (self));

  queue_job (self, new_task (self, feuillet_store_open_async, cancellable, callback, user_data), open_job);
}

gboolean
feuillet_store_open_finish (FeuilletStore  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_open_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Creating and saving */

static void
create_job (FeuilletStore *self,
            StoreJob      *job)
{
  FeuilletArticle *article = g_task_get_task_data (job->task);
  GError *error = NULL;

  if (!check_open (self, job))
    return;

  if (!feuillet_sqlite_begin (self->db, &error) ||
      !finish_transaction (self, feuillet_store_sql_insert (self->db, article, FEUILLET_REVISION_CREATED, &error),
                           &error))
    job_return_error (job, error);
  else
    job_return_pointer (job, g_object_ref (article), g_object_unref);
}

/**
 * feuillet_store_create_async:
 * @article: the new article; copied, so it may change while the call runs
 *
 * Adds a new article to the library.
 */
void
feuillet_store_create_async (FeuilletStore       *self,
                             FeuilletArticle     *article,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (FEUILLET_IS_ARTICLE (article));

  task = new_task (self, feuillet_store_create_async, cancellable, callback, user_data);
  g_task_set_task_data (task, feuillet_article_copy (article), g_object_unref);
  queue_job (self, g_steal_pointer (&task), create_job);
}

/**
 * feuillet_store_create_finish:
 *
 * Returns: (transfer full): the article as saved, with its id and dates
 */
FeuilletArticle *
feuillet_store_create_finish (FeuilletStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_create_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
import_job (FeuilletStore *self,
            StoreJob      *job)
{
  GPtrArray *articles = g_task_get_task_data (job->task);
  GError *error = NULL;
  gboolean ok = TRUE;

  if (!check_open (self, job))
    return;

  if (!feuillet_sqlite_begin (self->db, &error))
    {
      job_return_error (job, error);
      return;
    }

  for (guint i = 0; ok && i < articles->len; i++)
    ok = feuillet_store_sql_insert (self->db, articles->pdata[i], FEUILLET_REVISION_IMPORTED, &error);

  if (!finish_transaction (self, ok, &error))
    job_return_error (job, error);
  else
    job_return_pointer (job, g_ptr_array_ref (articles), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * feuillet_store_import_async:
 * @articles: (element-type FeuilletArticle): the articles to add
 *
 * Adds several articles at once: all of them, or none if one fails.
 */
void
feuillet_store_import_async (FeuilletStore       *self,
                             GPtrArray           *articles,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *copies;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (articles != NULL);

  copies = g_ptr_array_new_full (articles->len, g_object_unref);
  for (guint i = 0; i < articles->len; i++)
    g_ptr_array_add (copies, feuillet_article_copy (articles->pdata[i]));

  task = new_task (self, feuillet_store_import_async, cancellable, callback, user_data);
  g_task_set_task_data (task, copies, (GDestroyNotify) g_ptr_array_unref);
  queue_job (self, g_steal_pointer (&task), import_job);
}

/**
 * feuillet_store_import_finish:
 *
 * Returns: (transfer container) (element-type FeuilletArticle): the articles as saved
 */
GPtrArray *
feuillet_store_import_finish (FeuilletStore  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_import_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  FeuilletArticle *article;
  guint            revision;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->article);
  g_free (data);
}

static void
save_job (FeuilletStore *self,
          StoreJob      *job)
{
  SaveData *data = g_task_get_task_data (job->task);
  GError *error = NULL;

  if (!check_open (self, job))
    return;

  if (!feuillet_sqlite_begin (self->db, &error) ||
      !finish_transaction (self, feuillet_store_sql_update (self->db, data->article, FALSE, TRUE, &error), &error))
    job_return_error (job, error);
  else
    job_return_pointer (job, g_object_ref (data->article), g_object_unref);
  self->index_stale = TRUE;
}

/**
 * feuillet_store_save_async:
 * @article: the article as it should be saved; copied, so typing may go on meanwhile
 *
 * Saves an article already in the library. Saves made while typing coalesce into one
 * revision for up to five minutes; a status change always keeps a revision.
 */
void
feuillet_store_save_async (FeuilletStore       *self,
                           FeuilletArticle     *article,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (FEUILLET_IS_ARTICLE (article));
  g_return_if_fail (feuillet_article_get_id (article) > 0);

  data = g_new0 (SaveData, 1);
  data->article = feuillet_article_copy (article);

  task = new_task (self, feuillet_store_save_async, cancellable, callback, user_data);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  queue_job (self, g_steal_pointer (&task), save_job);
}

/**
 * feuillet_store_save_finish:
 *
 * Returns: (transfer full): the article as saved, its dates set by the library
 */
FeuilletArticle *
feuillet_store_save_finish (FeuilletStore  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_save_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  gint64                   id;
  FeuilletArticleEditFunc  func;
  gpointer                 func_data;
  GDestroyNotify           func_data_free;
} EditData;

static void
edit_data_free (EditData *data)
{
  if (data->func_data_free != NULL)
    data->func_data_free (data->func_data);
  g_free (data);
}

static FeuilletArticle *
edit_article (FeuilletStore  *self,
              EditData       *data,
              GError        **error)
{
  g_autoptr(FeuilletArticle) article = feuillet_store_sql_load (self->db, data->id, error);

  if (article == NULL)
    return NULL;
  if (feuillet_article_get_trashed (article) != NULL)
    {
      g_set_error (error, FEUILLET_STORE_ERROR, FEUILLET_STORE_ERROR_IN_TRASH,
                   _("Article %lld is in the trash; restore it before editing it"), (long long) data->id);
      return NULL;
    }

  if (!data->func (article, data->func_data, error) ||
      !feuillet_store_sql_update (self->db, article, FALSE, FALSE, error))
    return NULL;

  return g_steal_pointer (&article);
}

static void
edit_job (FeuilletStore *self,
          StoreJob      *job)
{
  EditData *data = g_task_get_task_data (job->task);
  g_autoptr(FeuilletArticle) edited = NULL;
  GError *error = NULL;

  if (!check_open (self, job))
    return;

  if (!feuillet_sqlite_begin (self->db, &error))
    {
      job_return_error (job, error);
      return;
    }
  edited = edit_article (self, data, &error);
  if (!finish_transaction (self, edited != NULL, &error))
    job_return_error (job, error);
  else
    job_return_pointer (job, g_steal_pointer (&edited), g_object_unref);
  self->index_stale = TRUE;
}

/**
 * feuillet_store_edit_async:
 * @func: changes the article; runs on the database thread
 *
 * Changes an article as it is in the library, at the moment of the change: reading,
 * changing and saving happen in one transaction, so that two programs changing the same
 * article at once both have their change kept. A %FALSE from @func saves nothing.
 */
void
feuillet_store_edit_async (FeuilletStore           *self,
                           gint64                   id,
                           FeuilletArticleEditFunc  func,
                           gpointer                 func_data,
                           GDestroyNotify           func_data_free,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  EditData *data;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (func != NULL);

  data = g_new0 (EditData, 1);
  data->id = id;
  data->func = func;
  data->func_data = func_data;
  data->func_data_free = func_data_free;

  task = new_task (self, feuillet_store_edit_async, cancellable, callback, user_data);
  g_task_set_task_data (task, data, (GDestroyNotify) edit_data_free);
  queue_job (self, g_steal_pointer (&task), edit_job);
}

/**
 * feuillet_store_edit_finish:
 *
 * Returns: (transfer full): the article as saved
 */
FeuilletArticle *
feuillet_store_edit_finish (FeuilletStore  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_edit_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Reading */

static void
load_job (FeuilletStore *self,
          StoreJob      *job)
{
  gint64 id = GPOINTER_TO_SIZE (g_task_get_task_data (job->task));
  GError *error = NULL;
  FeuilletArticle *article;

  if (!check_open (self, job))
    return;

  article = feuillet_store_sql_load (self->db, id, &error);
  if (article == NULL)
    job_return_error (job, error);
  else
    job_return_pointer (job, article, g_object_unref);
}

static GTask *
new_id_task (FeuilletStore       *self,
             gint64               id,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = new_task (self, source_tag, cancellable, callback, user_data);

  G_STATIC_ASSERT (sizeof (gsize) >= sizeof (gint64));
  g_task_set_task_data (task, GSIZE_TO_POINTER ((gsize) id), NULL);
  return task;
}

void
feuillet_store_load_async (FeuilletStore       *self,
                           gint64               id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (FEUILLET_IS_STORE (self));

  queue_job (self, new_id_task (self, id, feuillet_store_load_async, cancellable, callback, user_data), load_job);
}

/**
 * feuillet_store_load_finish:
 *
 * Returns: (transfer full): the article, trashed or not
 */
FeuilletArticle *
feuillet_store_load_finish (FeuilletStore  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_load_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_job (FeuilletStore *self,
          StoreJob      *job)
{
  FeuilletQuery *query = g_task_get_task_data (job->task);
  GError *error = NULL;
  GPtrArray *summaries;

  if (!check_open (self, job))
    return;

  /* A search finds what was saved a moment ago, by this program or another. */
  if (query->text != NULL && !index_pending (self, &error))
    {
      job_return_error (job, error);
      return;
    }

  summaries = feuillet_store_sql_list (self->db, query, &error);
  if (summaries == NULL)
    job_return_error (job, error);
  else
    job_return_pointer (job, summaries, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * feuillet_store_list_async:
 * @query: which articles; %NULL for all, most recently changed first
 *
 * Lists articles, or searches them when @query has text: accents and case do not matter,
 * and articles whose title matches come first.
 */
void
feuillet_store_list_async (FeuilletStore       *self,
                           const FeuilletQuery *query,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FEUILLET_IS_STORE (self));

  task = new_task (self, feuillet_store_list_async, cancellable, callback, user_data);
  g_task_set_task_data (task, query ? feuillet_query_copy (query) : feuillet_query_new (),
                        (GDestroyNotify) feuillet_query_free);
  queue_job (self, g_steal_pointer (&task), list_job);
}

/**
 * feuillet_store_list_finish:
 *
 * Returns: (transfer full) (element-type FeuilletArticleSummary): the articles
 */
GPtrArray *
feuillet_store_list_finish (FeuilletStore  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_list_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
count_job (FeuilletStore *self,
           StoreJob      *job)
{
  FeuilletQuery *query = g_task_get_task_data (job->task);
  GError *error = NULL;
  guint count;

  if (!check_open (self, job))
    return;

  if (!feuillet_store_sql_count (self->db, query, &count, &error))
    job_return_error (job, error);
  else
    job_return_pointer (job, GUINT_TO_POINTER (count + 1), NULL);
}

/**
 * feuillet_store_count_async:
 * @query: filters; no text
 *
 * Counts the articles feuillet_store_list_async() would list with @query, all pages.
 */
void
feuillet_store_count_async (FeuilletStore       *self,
                            const FeuilletQuery *query,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (query == NULL || query->text == NULL);

  task = new_task (self, feuillet_store_count_async, cancellable, callback, user_data);
  g_task_set_task_data (task, query ? feuillet_query_copy (query) : feuillet_query_new (),
                        (GDestroyNotify) feuillet_query_free);
  queue_job (self, g_steal_pointer (&task), count_job);
}

gboolean
feuillet_store_count_finish (FeuilletStore  *self,
                             GAsyncResult   *result,
                             guint          *count,
                             GError        **error)
{
  gpointer value;

  g_return_val_if_fail (check_result (self, result, feuillet_store_count_async), FALSE);

  /* The count travels as count + 1: a NULL pointer would read as an error. */
  value = g_task_propagate_pointer (G_TASK (result), error);
  if (value == NULL)
    return FALSE;
  *count = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

static void
list_tags_job (FeuilletStore *self,
               StoreJob      *job)
{
  GError *error = NULL;
  GStrv tags;

  if (!check_open (self, job))
    return;

  tags = feuillet_store_sql_list_tags (self->db, &error);
  if (tags == NULL)
    job_return_error (job, error);
  else
    job_return_pointer (job, tags, (GDestroyNotify) g_strfreev);
}

void
feuillet_store_list_tags_async (FeuilletStore       *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (FEUILLET_IS_STORE (self));

  queue_job (self, new_task (self, feuillet_store_list_tags_async, cancellable, callback, user_data),
             list_tags_job);
}

/**
 * feuillet_store_list_tags_finish:
 *
 * Returns: (transfer full): the tags in use, the most used first
 */
GStrv
feuillet_store_list_tags_finish (FeuilletStore  *self,
                                 GAsyncResult   *result,
                                 GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_list_tags_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The trash */

typedef gboolean (*IdWriteFunc) (FeuilletSqlite  *db,
                                 gint64           id,
                                 GError         **error);

static void
run_id_write (FeuilletStore *self,
              StoreJob      *job,
              IdWriteFunc    func)
{
  gint64 id = GPOINTER_TO_SIZE (g_task_get_task_data (job->task));
  GError *error = NULL;

  if (!check_open (self, job))
    return;

  if (!feuillet_sqlite_begin (self->db, &error) ||
      !finish_transaction (self, func (self->db, id, &error), &error))
    job_return_error (job, error);
  else
    job_return_true (job);
  self->index_stale = TRUE;
}

static void
trash_job (FeuilletStore *self,
           StoreJob      *job)
{
  run_id_write (self, job, feuillet_store_sql_trash);
}

static void
untrash_job (FeuilletStore *self,
             StoreJob      *job)
{
  run_id_write (self, job, feuillet_store_sql_untrash);
}

static void
purge_job (FeuilletStore *self,
           StoreJob      *job)
{
  run_id_write (self, job, feuillet_store_sql_purge);
}

/**
 * feuillet_store_trash_async:
 *
 * Moves an article to the trash, from where feuillet_store_untrash_async() brings it back.
 */
void
feuillet_store_trash_async (FeuilletStore       *self,
                            gint64               id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (FEUILLET_IS_STORE (self));

  queue_job (self, new_id_task (self, id, feuillet_store_trash_async, cancellable, callback, user_data),
             trash_job);
}

gboolean
feuillet_store_trash_finish (FeuilletStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_trash_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
feuillet_store_untrash_async (FeuilletStore       *self,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (FEUILLET_IS_STORE (self));

  queue_job (self, new_id_task (self, id, feuillet_store_untrash_async, cancellable, callback, user_data),
             untrash_job);
}

gboolean
feuillet_store_untrash_finish (FeuilletStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_untrash_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * feuillet_store_purge_async:
 *
 * Deletes an article and its history for good.
 */
void
feuillet_store_purge_async (FeuilletStore       *self,
                            gint64               id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (FEUILLET_IS_STORE (self));

  queue_job (self, new_id_task (self, id, feuillet_store_purge_async, cancellable, callback, user_data),
             purge_job);
}

gboolean
feuillet_store_purge_finish (FeuilletStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_purge_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* History */

static void
list_revisions_job (FeuilletStore *self,
                    StoreJob      *job)
{
  gint64 id = GPOINTER_TO_SIZE (g_task_get_task_data (job->task));
  GError *error = NULL;
  GPtrArray *revisions;

  if (!check_open (self, job))
    return;

  revisions = feuillet_store_sql_revisions (self->db, id, 0, &error);
  if (revisions == NULL)
    job_return_error (job, error);
  else
    job_return_pointer (job, revisions, (GDestroyNotify) g_ptr_array_unref);
}

void
feuillet_store_list_revisions_async (FeuilletStore       *self,
                                     gint64               id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (FEUILLET_IS_STORE (self));

  queue_job (self,
             new_id_task (self, id, feuillet_store_list_revisions_async, cancellable, callback, user_data),
             list_revisions_job);
}

/**
 * feuillet_store_list_revisions_finish:
 *
 * Returns: (transfer full) (element-type FeuilletRevision): the revisions, oldest first
 */
GPtrArray *
feuillet_store_list_revisions_finish (FeuilletStore  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_list_revisions_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
restore_revision (FeuilletStore    *self,
                  gint64            id,
                  guint             number,
                  FeuilletArticle **restored,
                  GError          **error)
{
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(FeuilletArticle) current = NULL;
  FeuilletArticle *old;

  revisions = feuillet_store_sql_revisions (self->db, id, number, error);
  if (revisions == NULL)
    return FALSE;
  current = feuillet_store_sql_load (self->db, id, error);
  if (current == NULL)
    return FALSE;

  /* The copy and metadata come back; the article's identity and remote side stay. */
  old = feuillet_revision_get_article (revisions->pdata[0]);
  g_object_set (current,
                "title", feuillet_article_get_title (old),
                "chapeau", feuillet_article_get_chapeau (old),
                "body", feuillet_article_get_body (old),
                "category", feuillet_article_get_category (old),
                "tags", feuillet_article_get_tags (old),
                "byline", feuillet_article_get_byline (old),
                "status", feuillet_article_get_status (old),
                "slug", feuillet_article_get_slug (old),
                "language", feuillet_article_get_language (old),
                "target", feuillet_article_get_target (old),
                "typography", feuillet_article_get_typography (old),
                "featured-image", feuillet_article_get_featured_image (old),
                "schedule-date", feuillet_article_get_schedule_date (old),
                NULL);

  if (!feuillet_store_sql_update (self->db, current, TRUE, TRUE, error))
    return FALSE;

  *restored = g_steal_pointer (&current);
  return TRUE;
}

static void
restore_job (FeuilletStore *self,
             StoreJob      *job)
{
  SaveData *data = g_task_get_task_data (job->task);
  g_autoptr(FeuilletArticle) restored = NULL;
  GError *error = NULL;

  if (!check_open (self, job))
    return;

  if (!feuillet_sqlite_begin (self->db, &error) ||
      !finish_transaction (self,
                           restore_revision (self, feuillet_article_get_id (data->article), data->revision,
                                             &restored, &error),
                           &error))
    job_return_error (job, error);
  else
    job_return_pointer (job, g_steal_pointer (&restored), g_object_unref);
  self->index_stale = TRUE;
}

/**
 * feuillet_store_restore_async:
 * @revision: the revision's number, as listed by feuillet_store_list_revisions_async()
 *
 * Brings the article back to a revision. The restore is itself a new revision, so the
 * text it replaced can be restored in turn: restoring is undoable.
 */
void
feuillet_store_restore_async (FeuilletStore       *self,
                              gint64               id,
                              guint                revision,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (revision > 0);

  data = g_new0 (SaveData, 1);
  data->article = feuillet_article_new ();
  feuillet_article_set_id (data->article, id);
  data->revision = revision;

  task = new_task (self, feuillet_store_restore_async, cancellable, callback, user_data);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  queue_job (self, g_steal_pointer (&task), restore_job);
}

/**
 * feuillet_store_restore_finish:
 *
 * Returns: (transfer full): the article as restored
 */
FeuilletArticle *
feuillet_store_restore_finish (FeuilletStore  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_restore_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* SQL of other files (feuillet-store-private.h) */

typedef struct
{
  FeuilletStoreSqlFunc func;
  gpointer             data;
  GDestroyNotify       data_free;
  GDestroyNotify       result_free;
} SqlCall;

static void
sql_call_free (SqlCall *call)
{
  if (call->data_free != NULL)
    call->data_free (call->data);
  g_free (call);
}

static void
run_sql_job (FeuilletStore *self,
             StoreJob      *job)
{
  SqlCall *call = g_task_get_task_data (job->task);
  gpointer result = NULL;
  GError *error = NULL;

  if (!check_open (self, job))
    return;

  if (!feuillet_sqlite_begin (self->db, &error) ||
      !finish_transaction (self, call->func (self->db, call->data, &result, &error), &error))
    {
      if (result != NULL && call->result_free != NULL)
        call->result_free (result);
      job_return_error (job, error);
    }
  else
    job_return_pointer (job, result, call->result_free);
}

/**
 * feuillet_store_run_sql_async:
 * @source_tag: the public function this call is for, checked by the finish
 * @func: runs on the database thread, inside a transaction that rolls back when it fails
 * @data: (transfer full): passed to @func, freed with @data_free on the caller's thread
 *
 * How the store's other files (sites' media, terms) run their SQL without a job of their
 * own here; see feuillet-store-private.h.
 */
void
feuillet_store_run_sql_async (FeuilletStore        *self,
                              gpointer              source_tag,
                              FeuilletStoreSqlFunc  func,
                              gpointer              data,
                              GDestroyNotify        data_free,
                              GDestroyNotify        result_free,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  GTask *task;
  SqlCall *call;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (func != NULL);

  call = g_new0 (SqlCall, 1);
  call->func = func;
  call->data = data;
  call->data_free = data_free;
  call->result_free = result_free;

  task = new_task (self, source_tag, cancellable, callback, user_data);
  g_task_set_task_data (task, call, (GDestroyNotify) sql_call_free);
  queue_job (self, task, run_sql_job);
}

/* Returns: (transfer full) (nullable): what the function gave back; NULL with @error set
 * when it failed, NULL without when it gave nothing back. */
gpointer
feuillet_store_run_sql_finish (FeuilletStore  *self,
                               GAsyncResult   *result,
                               gpointer        source_tag,
                               GError        **error)
{
  g_return_val_if_fail (check_result (self, result, source_tag), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Sites */

static void
list_sites_job (FeuilletStore *self,
                StoreJob      *job)
{
  GError *error = NULL;
  GPtrArray *sites;

  if (!check_open (self, job))
    return;

  sites = feuillet_store_sql_list_sites (self->db, &error);
  if (sites == NULL)
    job_return_error (job, error);
  else
    job_return_pointer (job, sites, (GDestroyNotify) g_ptr_array_unref);
}

void
feuillet_store_list_sites_async (FeuilletStore       *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (FEUILLET_IS_STORE (self));

  queue_job (self, new_task (self, feuillet_store_list_sites_async, cancellable, callback, user_data),
             list_sites_job);
}

/**
 * feuillet_store_list_sites_finish:
 *
 * Returns: (transfer full) (element-type FeuilletSite): the sites, by name
 */
GPtrArray *
feuillet_store_list_sites_finish (FeuilletStore  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_list_sites_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
add_site_job (FeuilletStore *self,
              StoreJob      *job)
{
  g_autoptr(FeuilletSite) site = feuillet_site_copy (g_task_get_task_data (job->task));
  GError *error = NULL;

  if (!check_open (self, job))
    return;

  if (!feuillet_sqlite_begin (self->db, &error) ||
      !finish_transaction (self, feuillet_store_sql_add_site (self->db, site, &error), &error))
    job_return_error (job, error);
  else
    job_return_pointer (job, g_steal_pointer (&site), (GDestroyNotify) feuillet_site_free);
}

/**
 * feuillet_store_add_site_async:
 *
 * Saves a site (never its password). Fails with FEUILLET_STORE_ERROR_EXISTS when the
 * library has a site of that name already, case aside.
 */
void
feuillet_store_add_site_async (FeuilletStore       *self,
                               const FeuilletSite  *site,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (site != NULL);

  task = new_task (self, feuillet_store_add_site_async, cancellable, callback, user_data);
  g_task_set_task_data (task, feuillet_site_copy (site), (GDestroyNotify) feuillet_site_free);
  queue_job (self, task, add_site_job);
}

/**
 * feuillet_store_add_site_finish:
 *
 * Returns: (transfer full): the site as saved, with its creation time
 */
FeuilletSite *
feuillet_store_add_site_finish (FeuilletStore  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_add_site_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
rename_site_job (FeuilletStore *self,
                 StoreJob      *job)
{
  GStrv names = g_task_get_task_data (job->task);
  GError *error = NULL;

  if (!check_open (self, job))
    return;

  if (!feuillet_sqlite_begin (self->db, &error) ||
      !finish_transaction (self, feuillet_store_sql_rename_site (self->db, names[0], names[1], &error), &error))
    job_return_error (job, error);
  else
    job_return_true (job);
}

/**
 * feuillet_store_rename_site_async:
 *
 * Fails with FEUILLET_STORE_ERROR_NOT_FOUND when there is no site @name, and with
 * FEUILLET_STORE_ERROR_EXISTS when another site is called @new_name.
 */
void
feuillet_store_rename_site_async (FeuilletStore       *self,
                                  const char          *name,
                                  const char          *new_name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  const char * const names[] = { name, new_name, NULL };
  GTask *task;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (new_name != NULL);

  task = new_task (self, feuillet_store_rename_site_async, cancellable, callback, user_data);
  g_task_set_task_data (task, g_strdupv ((GStrv) names), (GDestroyNotify) g_strfreev);
  queue_job (self, task, rename_site_job);
}

gboolean
feuillet_store_rename_site_finish (FeuilletStore  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_rename_site_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
remove_site_job (FeuilletStore *self,
                 StoreJob      *job)
{
  g_autoptr(FeuilletSite) site = NULL;
  GError *error = NULL;

  if (!check_open (self, job))
    return;

  if (!feuillet_sqlite_begin (self->db, &error))
    {
      job_return_error (job, error);
      return;
    }
  site = feuillet_store_sql_remove_site (self->db, g_task_get_task_data (job->task), &error);
  if (!finish_transaction (self, site != NULL, &error))
    job_return_error (job, error);
  else
    job_return_pointer (job, g_steal_pointer (&site), (GDestroyNotify) feuillet_site_free);
}

/**
 * feuillet_store_remove_site_async:
 *
 * Removes a site from the library; its password, if any, stays in the Secret Service
 * (feuillet_site_secret_clear_async()).
 */
void
feuillet_store_remove_site_async (FeuilletStore       *self,
                                  const char          *name,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (name != NULL);

  task = new_task (self, feuillet_store_remove_site_async, cancellable, callback, user_data);
  g_task_set_task_data (task, g_strdup (name), g_free);
  queue_job (self, task, remove_site_job);
}

/**
 * feuillet_store_remove_site_finish:
 *
 * Returns: (transfer full): the site removed, as it was saved
 */
FeuilletSite *
feuillet_store_remove_site_finish (FeuilletStore  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_remove_site_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The outbox */

static void
list_outbox_job (FeuilletStore *self,
                 StoreJob      *job)
{
  gint64 id = GPOINTER_TO_SIZE (g_task_get_task_data (job->task));
  GError *error = NULL;
  GPtrArray *entries;

  if (!check_open (self, job))
    return;

  entries = feuillet_store_sql_list_outbox (self->db, id, &error);
  if (entries == NULL)
    job_return_error (job, error);
  else
    job_return_pointer (job, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
feuillet_store_list_outbox_async (FeuilletStore       *self,
                                  gint64               article_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (FEUILLET_IS_STORE (self));

  queue_job (self, new_id_task (self, article_id, feuillet_store_list_outbox_async, cancellable, callback, user_data),
             list_outbox_job);
}

/**
 * feuillet_store_list_outbox_finish:
 *
 * Returns: (transfer full) (element-type FeuilletOutboxEntry): the rows, oldest first
 */
GPtrArray *
feuillet_store_list_outbox_finish (FeuilletStore  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_list_outbox_async), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
put_outbox_job (FeuilletStore *self,
                StoreJob      *job)
{
  const FeuilletOutboxEntry *entry = g_task_get_task_data (job->task);
  GError *error = NULL;

  if (!check_open (self, job))
    return;

  if (!feuillet_sqlite_begin (self->db, &error) ||
      !finish_transaction (self, feuillet_store_sql_put_outbox (self->db, entry, &error), &error))
    job_return_error (job, error);
  else
    job_return_true (job);
}

/**
 * feuillet_store_put_outbox_async:
 *
 * Adds the row of @entry's article, or replaces it (keeping its marker and counting its
 * attempts on). Done when it is on disk: a push recorded this way survives a crash.
 */
void
feuillet_store_put_outbox_async (FeuilletStore             *self,
                                 const FeuilletOutboxEntry *entry,
                                 GCancellable              *cancellable,
                                 GAsyncReadyCallback        callback,
                                 gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (entry != NULL && entry->site != NULL && entry->action != NULL);
  g_return_if_fail (entry->status != NULL && entry->state != NULL);

  task = new_task (self, feuillet_store_put_outbox_async, cancellable, callback, user_data);
  g_task_set_task_data (task, feuillet_outbox_entry_copy (entry), (GDestroyNotify) feuillet_outbox_entry_free);
  queue_job (self, g_steal_pointer (&task), put_outbox_job);
}

gboolean
feuillet_store_put_outbox_finish (FeuilletStore  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_put_outbox_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
remove_outbox_job (FeuilletStore *self,
                   StoreJob      *job)
{
  gint64 id = GPOINTER_TO_SIZE (g_task_get_task_data (job->task));
  GError *error = NULL;

  if (!check_open (self, job))
    return;

  if (!feuillet_sqlite_begin (self->db, &error) ||
      !finish_transaction (self, feuillet_store_sql_remove_outbox (self->db, id, &error), &error))
    job_return_error (job, error);
  else
    job_return_true (job);
}

/* Removes the row of article @article_id, if there is one. */
void
feuillet_store_remove_outbox_async (FeuilletStore       *self,
                                    gint64               article_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (FEUILLET_IS_STORE (self));
  g_return_if_fail (article_id > 0);

  queue_job (self, new_id_task (self, article_id, feuillet_store_remove_outbox_async, cancellable, callback, user_data),
             remove_outbox_job);
}

gboolean
feuillet_store_remove_outbox_finish (FeuilletStore  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_remove_outbox_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Closing */

static void
close_job (FeuilletStore *self,
           StoreJob      *job)
{
  g_clear_pointer (&self->db, feuillet_sqlite_close);
  job_return_true (job);
}

/**
 * feuillet_store_close_async:
 *
 * Closes the library once every call made before this one is done: the way to flush the
 * last save before quitting without blocking the main loop.
 */
void
feuillet_store_close_async (FeuilletStore       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (FEUILLET_IS_STORE (self));

  queue_job (self, new_task (self, feuillet_store_close_async, cancellable, callback, user_data), close_job);
}

gboolean
feuillet_store_close_finish (FeuilletStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (check_result (self, result, feuillet_store_close_async), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
