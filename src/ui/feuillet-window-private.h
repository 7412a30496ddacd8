/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "feuillet-article-list-model.h"
#include "feuillet-editor.h"
#include "feuillet-outbox-sender.h"
#include "feuillet-preview-module.h"
#include "feuillet-window.h"

G_BEGIN_DECLS

struct _FeuilletWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwBreakpoint *narrow_breakpoint;
  AdwToastOverlay *toast_overlay;
  AdwNavigationSplitView *split_view;
  GtkSearchEntry *search_entry;
  AdwNavigationPage *sidebar_page;
  GtkMenuButton *filter_button;
  GtkDropDown *status_filter;
  GtkDropDown *tag_filter;
  GtkToggleButton *trash_toggle;
  GtkStack *sidebar_stack;
  GtkListView *article_list;
  AdwStatusPage *error_page;
  AdwNavigationPage *content_page;
  GtkStack *content_stack;
  GtkToggleButton *metadata_button;
  GtkStack *title_stack;
  AdwToggleGroup *view_switcher;
  AdwBreakpoint *preview_breakpoint;
  GtkPaned *editor_paned;
  AdwWindowTitle *window_title;
  GtkStack *publish_stack;
  GtkMenuButton *publish_button;
  GMenu *publish_sites;

  /* weak: the toast offering to undo the last move to the trash */
  AdwToast *trash_toast;
  /* weak: what had the focus in the editor before the preview took its place */
  GtkWidget *editor_focus;

  /* borrowed */
  FeuilletStore *store;
  /* made the first time it is shown; the paned holds it */
  /* a FeuilletPreview, from the preview module (feuillet-preview-module.c) */
  GtkWidget *preview;
  /* the preview module could not be loaded: said once, not tried again */
  gboolean preview_unavailable;
  /* the preview is to be made once the window has drawn */
  guint preview_idle;

  /* owned */
  FeuilletEditor *editor;
  /* every article, read as it scrolls into view; or the results of a search */
  FeuilletArticleListModel *recent;
  GListStore *articles;
  GtkSingleSelection *selection;
  GCancellable *cancellable;
  GCancellable *list_cancellable;
  /* "All Tags", then the library's tags, for the tag filter */
  GtkStringList *tags;
  GSettings *settings;
  gboolean closing;
  gint64 last_trashed;
  /* the preview is on (win.preview, kept in the preview-visible setting) */
  gboolean show_preview;
  /* the article has too little room for its preview beside it */
  gboolean preview_narrow;
  /* the library's sites (FeuilletSite), as last read */
  GPtrArray *sites;
  /* the site the open article goes to (publish.site, a radio choice in the menu) */
  GSimpleAction *site_action;
  char *publish_site;
  /* the article publish_site was chosen for */
  gint64 publish_site_article;
  /* while an article is on its way to a site */
  GCancellable *publish_cancellable;
  /* the application's: what it sends from the outbox shows here */
  FeuilletOutboxSender *outbox_sender;
};

/* feuillet-window-preview.c */
void     feuillet_window_class_add_preview_actions (GtkWidgetClass *widget_class);
void     feuillet_window_init_preview              (FeuilletWindow *self);
void     feuillet_window_update_preview            (FeuilletWindow *self);
gboolean feuillet_window_get_show_preview          (FeuilletWindow *self);
void     feuillet_window_set_show_preview          (FeuilletWindow *self,
                                                    gboolean        show_preview);

/* feuillet-window.c */
void     feuillet_window_reload_list               (FeuilletWindow *self);

/* feuillet-window-publish.c */
void     feuillet_window_class_add_publish_actions (GtkWidgetClass *widget_class);
void     feuillet_window_init_publish              (FeuilletWindow *self);
void     feuillet_window_dispose_publish           (FeuilletWindow *self);
void     feuillet_window_refresh_sites             (FeuilletWindow *self);
void     feuillet_window_update_publish            (FeuilletWindow *self);
void     feuillet_window_set_outbox_sender         (FeuilletWindow       *self,
                                                    FeuilletOutboxSender *sender);

G_END_DECLS
