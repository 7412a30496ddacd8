/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "feuillet-wp-client.h"

G_BEGIN_DECLS

/*
 * Requests gathered into POST /batch/v1 (WORDPRESS.md, "Batch"): posts and terms written
 * while a client batches (feuillet_wp_client_set_batching()) go to the site up to 25 at a
 * time, one batch after the other. WordPress runs a batch's requests in order in one PHP
 * process: a site that takes 50 ms to start per request takes it once per batch, and the
 * writes of one client never race each other on the site.
 */
typedef struct _FeuilletWpBatch FeuilletWpBatch;

/* What became of one request: the status and body of its own answer, or why the batch
 * itself failed (@error set, for every request of the batch). */
typedef void (*FeuilletWpBatchDone) (guint         status,
                                     GBytes       *body,
                                     const GError *error,
                                     gpointer      user_data);

FeuilletWpBatch *feuillet_wp_batch_new     (FeuilletWpClient    *client);
void             feuillet_wp_batch_free    (FeuilletWpBatch     *self);

/* Whether WordPress lets @method on @route be part of a batch (posts and terms; not media,
 * not reads). */
gboolean         feuillet_wp_batch_accepts (const char          *method,
                                            const char          *route);

/* @done is called once, on the caller's main context, @destroy after it. */
void             feuillet_wp_batch_add     (FeuilletWpBatch     *self,
                                            const char          *method,
                                            const char          *route,
                                            const char          *query,
                                            JsonNode            *body,
                                            FeuilletWpBatchDone  done,
                                            gpointer             user_data,
                                            GDestroyNotify       destroy);

G_END_DECLS
