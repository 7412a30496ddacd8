/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* One paragraph's (heading's, table cell's) text being written. White space, line breaks and
 * opening markup wait until visible text follows, so that they collapse like a browser's and
 * emphasis never starts or ends on a space, which Markdown would not read as emphasis. */
typedef struct
{
  GString  *out;
  GString  *pending_open;
  GArray   *spans; /* of Span, innermost last */
  gboolean  pending_space;
  guint     pending_breaks;
  gboolean  pending_paragraph;
  /* A classic post (no block comments): WordPress's wpautop turns its blank lines into
   * paragraphs and its other newlines into line breaks. */
  gboolean  autop;
  gboolean  in_table;
  /* Met what Markdown text cannot hold (a script, a block in a table cell): the block it is in
   * stays HTML. */
  gboolean  failed;
} FeuilletHtmlImportInline;

/* feuillet-html-import-nodes.c: tags and node helpers for the block walk and the inline writer. */
extern const char * const feuillet_html_import_raw_text_tags[];
extern const char * const feuillet_html_import_void_tags[];

gboolean  feuillet_html_import_is_html_space      (char        c);
gboolean  feuillet_html_import_is_element         (xmlNode    *node,
                                                   const char *name);
gboolean  feuillet_html_import_is_inline          (xmlNode    *node);
char     *feuillet_html_import_get_attribute      (xmlNode    *node,
                                                   const char *name);
char     *feuillet_html_import_get_text           (xmlNode    *node);
gboolean  feuillet_html_import_is_block_delimiter (xmlNode    *node,
                                                   const char *name);
gboolean  feuillet_html_import_is_blank           (const char *text);
char     *feuillet_html_import_collapse_spaces    (const char *text,
                                                   gboolean    trim);
void      feuillet_html_import_append_start_tag   (GString    *out,
                                                   xmlNode    *element);
void      feuillet_html_import_dump_node          (GString    *out,
                                                   xmlNode    *node);
void      feuillet_html_import_append_html        (GString    *out,
                                                   xmlNode    *node);

/* feuillet-html-import-inline.c: inline content and the escaping of text. */
FeuilletHtmlImportInline *feuillet_html_import_inline_new      (gboolean                  autop,
                                                                gboolean                  in_table);
void                      feuillet_html_import_inline_free     (FeuilletHtmlImportInline *self);
void                      feuillet_html_import_inline_children (FeuilletHtmlImportInline *self,
                                                                xmlNode                  *element);
void                      feuillet_html_import_inline_node     (FeuilletHtmlImportInline *self,
                                                                xmlNode                  *node);
void                      feuillet_html_import_append_image    (GString                  *out,
                                                                xmlNode                  *img,
                                                                const char               *title);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FeuilletHtmlImportInline, feuillet_html_import_inline_free)

G_END_DECLS
