/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "feuillet-wp-error"

#include "config.h"

#include "feuillet-wp-error.h"

#include "feuillet-json.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

/* A hostile or broken server must not fill the user's screen. */
#define MAX_SERVER_MESSAGE 300
#define MAX_SERVER_CODE 64

G_DEFINE_QUARK (feuillet-wp-error-quark, feuillet_wp_error)

/*
 * The server's message as one line of plain text: valid UTF-8, markup removed (WordPress
 * sometimes puts <strong> or links in it), no control characters, white space collapsed,
 * cut at a reasonable length.
 */
static char *
clean_server_text (const char *text,
                   gsize       max_chars)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean in_tag = FALSE;
  gboolean space = FALSE;
  gsize chars = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '<')
        {
          in_tag = TRUE;
          continue;
        }
      if (in_tag)
        {
          if (c == '>')
            in_tag = FALSE;
          continue;
        }
      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          space = out->len > 0;
          continue;
        }
      if (chars >= max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      if (space)
        {
          g_string_append_c (out, ' ');
          chars++;
          space = FALSE;
        }
      g_string_append_unichar (out, c);
      chars++;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A WordPress error code is an identifier; anything else in it is dropped. */
static char *
clean_server_code (const char *code)
{
  GString *out = g_string_new (NULL);

  for (const char *p = code; *p != '\0' && out->len < MAX_SERVER_CODE; p++)
    if (g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '.')
      g_string_append_c (out, *p);

  return g_string_free (out, FALSE);
}

/* Reads {code, message, data: {status}}; FALSE when the body is not a WordPress error. */
static gboolean
parse_wordpress_error (GBytes  *body,
                       char   **code,
                       char   **message)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *data;
  gsize size;
  JsonNode *root;
  JsonObject *object;
  const char *server_code;
  const char *server_message;

  if (body == NULL)
    return FALSE;
  data = g_bytes_get_data (body, &size);
  if (size == 0 || !json_parser_load_from_data (parser, data, size, NULL))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;
  object = json_node_get_object (root);
  server_code = feuillet_json_get_string (object, "code");
  server_message = feuillet_json_get_string (object, "message");
  if (server_code == NULL || server_message == NULL)
    return FALSE;

  *code = clean_server_code (server_code);
  *message = clean_server_text (server_message, MAX_SERVER_MESSAGE);
  return TRUE;
}

/**
 * feuillet_wp_error_new_from_response:
 * @status: the HTTP status, 4xx or 5xx
 * @body: (nullable): the body of the answer
 *
 * Names the problem in plain words, then quotes the server's code and message when the
 * body is a WordPress error, or the HTTP status when it is not.
 */
GError *
feuillet_wp_error_new_from_response (guint   status,
                                     GBytes *body)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  gboolean is_wordpress = parse_wordpress_error (body, &code, &message);
  FeuilletWpError error_code;
  const char *problem;

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      error_code = FEUILLET_WP_ERROR_AUTHENTICATION;
      problem = _("WordPress refused the user name or application password");
      break;

    case SOUP_STATUS_FORBIDDEN:
      error_code = FEUILLET_WP_ERROR_PERMISSION;
      problem = _("WordPress refused: this account is not allowed to do that");
      break;

    case SOUP_STATUS_NOT_FOUND:
      if (is_wordpress && g_strcmp0 (code, "rest_no_route") != 0)
        {
          error_code = FEUILLET_WP_ERROR_NOT_FOUND;
          problem = _("WordPress could not find what was asked for");
        }
      else
        {
          error_code = FEUILLET_WP_ERROR_NO_REST_API;
          problem = _("The site does not offer the WordPress REST API at this address");
        }
      break;

    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
      error_code = FEUILLET_WP_ERROR_TOO_LARGE;
      problem = _("The site refused the request as too large");
      break;

    default:
      if (status >= 500 && status < 600)
        {
          error_code = FEUILLET_WP_ERROR_SERVER;
          problem = _("The WordPress site failed with a server error");
        }
      else
        {
          error_code = FEUILLET_WP_ERROR_FAILED;
          problem = _("The WordPress site refused the request");
        }
      break;
    }

  if (is_wordpress)
    /* Translators: the first %s names the problem, the second is WordPress's error code
     * (such as incorrect_password, kept as is), the third the server's own message. */
    return g_error_new (FEUILLET_WP_ERROR, error_code, _("%s (%s: “%s”)"), problem, code, message);

  /* Translators: %s names the problem, %u is an HTTP status code such as 500. */
  return g_error_new (FEUILLET_WP_ERROR, error_code, _("%s (HTTP error %u)"), problem, status);
}

/**
 * feuillet_wp_error_new_from_upload:
 * @status: the HTTP status, 4xx or 5xx
 * @body: (nullable): the body of the answer
 * @file_name: the file that was being uploaded, for the message
 *
 * Names the file and the problem, then quotes the server. PHP drops a body larger than its
 * post_max_size before WordPress sees it, so a file too large for the site arrives as "no
 * data" (rest_upload_no_data) rather than as a 413 (WORDPRESS.md, "Media").
 */
GError *
feuillet_wp_error_new_from_upload (guint       status,
                                   GBytes     *body,
                                   const char *file_name)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) plain = NULL;
  gboolean is_wordpress;

  g_return_val_if_fail (file_name != NULL, NULL);

  is_wordpress = parse_wordpress_error (body, &code, &message);
  if (status == SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE ||
      (is_wordpress && g_str_equal (code, "rest_upload_no_data")))
    {
      if (is_wordpress)
        /* Translators: the first %s is a file name, the second WordPress's error code (kept as
         * is), the third the server's own message. */
        return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_TOO_LARGE,
                            _("The file “%s” is too large for the site (%s: “%s”)"),
                            file_name, code, message);
      /* Translators: %s is a file name, %u an HTTP status code such as 413. */
      return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_TOO_LARGE,
                          _("The file “%s” is too large for the site (HTTP error %u)"),
                          file_name, status);
    }

  /* What wp_handle_sideload() refused: the type above all ("Sorry, you are not allowed to
   * upload this file type."), the server's message says which. */
  if (is_wordpress && (g_str_equal (code, "rest_upload_sideload_error") ||
                       g_str_equal (code, "rest_upload_unknown_error")))
    /* Translators: the first %s is a file name, the second WordPress's error code (kept as
     * is), the third the server's own message. */
    return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_UNSUPPORTED_MEDIA,
                        _("The site does not accept the file “%s” (%s: “%s”)"),
                        file_name, code, message);

  plain = feuillet_wp_error_new_from_response (status, body);
  /* Translators: the first %s is a file name, the second what went wrong, as a sentence. */
  return g_error_new (FEUILLET_WP_ERROR, plain->code, _("Could not upload the file “%s”: %s"),
                      file_name, plain->message);
}

/**
 * feuillet_wp_error_new_from_transport:
 * @error: what GIO or libsoup reported
 * @host: the host the request went to, for the message
 *
 * Maps a network, name resolution, TLS or HTTP parsing failure to FEUILLET_WP_ERROR;
 * a cancellation stays G_IO_ERROR_CANCELLED.
 */
GError *
feuillet_wp_error_new_from_transport (const GError *error,
                                      const char   *host)
{
  g_return_val_if_fail (error != NULL, NULL);

  if (host == NULL)
    host = "?";

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    /* Translators: %s is a host name such as redaction.example.com. */
    return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_TIMEOUT,
                        _("%s did not answer in time"), host);

  if (error->domain == G_RESOLVER_ERROR)
    /* Translators: the first %s is a host name, the second the system's explanation. */
    return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_UNREACHABLE,
                        _("Could not find the server %s (%s)"), host, error->message);

  if (error->domain == G_TLS_ERROR)
    /* Translators: the first %s is a host name, the second the system's explanation. */
    return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_TLS,
                        _("The secure connection to %s failed: its certificate is not valid or not trusted (%s)"),
                        host, error->message);

  if (error->domain == SOUP_SESSION_ERROR &&
      (error->code == SOUP_SESSION_ERROR_PARSING || error->code == SOUP_SESSION_ERROR_ENCODING))
    /* Translators: the first %s is a host name, the second the explanation. */
    return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_INVALID_ANSWER,
                        _("The answer of %s could not be read (%s)"), host, error->message);

  if (error->domain == G_IO_ERROR)
    /* Connection refused or reset, host or network unreachable, broken pipe, proxy... */
    /* Translators: the first %s is a host name, the second the system's explanation. */
    return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_UNREACHABLE,
                        _("Could not connect to %s (%s)"), host, error->message);

  /* Translators: the first %s is a host name, the second the explanation. */
  return g_error_new (FEUILLET_WP_ERROR, FEUILLET_WP_ERROR_FAILED,
                      _("The connection to %s failed (%s)"), host, error->message);
}
