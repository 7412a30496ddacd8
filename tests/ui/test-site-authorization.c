/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The browser sign-in's addresses: what is opened, and which answers are taken. */
#include "config.h"

#include <gio/gio.h>

#include "feuillet-site-authorization.h"

#define STATE "0123456789abcdef0123456789abcdef"

static void
test_state (void)
{
  g_autofree char *a = feuillet_site_authorization_new_state ();
  g_autofree char *b = feuillet_site_authorization_new_state ();

  g_assert_cmpuint (strlen (a), ==, 32);
  for (const char *c = a; *c != '\0'; c++)
    g_assert_true (g_ascii_isxdigit (*c));
  g_assert_cmpstr (a, !=, b);
}

static void
test_url (void)
{
  g_autofree char *url = feuillet_site_authorization_url ("https://site.example/wp-admin/authorize-application.php", STATE);
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GHashTable) params = g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_NONE, NULL);

  g_assert_cmpstr (g_uri_get_path (uri), ==, "/wp-admin/authorize-application.php");
  g_assert_cmpstr (g_hash_table_lookup (params, "app_name"), ==, "Feuillet");
  g_assert_cmpstr (g_hash_table_lookup (params, "app_id"), ==, "02db8ec2-7bc6-4e37-849e-4446a6dc8eef");
  g_assert_cmpstr (g_hash_table_lookup (params, "success_url"), ==, "feuillet://authorized?state=" STATE);
  g_assert_cmpstr (g_hash_table_lookup (params, "reject_url"), ==, "feuillet://rejected?state=" STATE);
}

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;

  /* auth-app.js's encodeURIComponent, then the no-script form's urlencode ("+"). */
  g_assert_true (feuillet_site_authorization_parse ("feuillet://authorized?state=" STATE
                                                    "&site_url=https%3A%2F%2Fsite.example"
                                                    "&user_login=j.martin&password=abcd%20efgh%20ijkl",
                                                    STATE, &user, &password, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (user, ==, "j.martin");
  g_assert_cmpstr (password, ==, "abcd efgh ijkl");
  g_clear_pointer (&user, g_free);
  g_clear_pointer (&password, g_free);

  g_assert_true (feuillet_site_authorization_parse ("feuillet://authorized?state=" STATE
                                                    "&user_login=j.martin&password=abcd+efgh",
                                                    STATE, &user, &password, &error));
  g_assert_cmpstr (password, ==, "abcd efgh");
}

static void
test_refused (void)
{
  const char *forged[] = {
    /* another attempt's state, none, an empty one, a longer one */
    "feuillet://authorized?state=ffffffffffffffffffffffffffffffff&user_login=a&password=b",
    "feuillet://authorized?user_login=a&password=b",
    "feuillet://authorized?state=&user_login=a&password=b",
    "feuillet://authorized?state=" STATE "0&user_login=a&password=b",
    /* not the answer's address */
    "https://authorized?state=" STATE "&user_login=a&password=b",
    "feuillet://other?state=" STATE "&user_login=a&password=b",
    /* a refusal from another attempt does not stop this one */
    "feuillet://rejected?state=ffffffffffffffffffffffffffffffff",
    "feuillet://rejected",
    /* the right state, without the password or the user */
    "feuillet://authorized?state=" STATE "&user_login=a",
    "feuillet://authorized?state=" STATE "&password=b",
    "not an address",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (forged); i++)
    {
      g_autoptr(GError) error = NULL;
      char *user = NULL;
      char *password = NULL;

      g_test_message ("%s", forged[i]);
      g_assert_false (feuillet_site_authorization_parse (forged[i], STATE, &user, &password, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_null (user);
      g_assert_null (password);
    }
}

static void
test_rejected (void)
{
  g_autoptr(GError) error = NULL;
  char *user = NULL;
  char *password = NULL;

  g_assert_false (feuillet_site_authorization_parse ("feuillet://rejected?state=" STATE, STATE,
                                                     &user, &password, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/site-authorization/state", test_state);
  g_test_add_func ("/site-authorization/url", test_url);
  g_test_add_func ("/site-authorization/parse", test_parse);
  g_test_add_func ("/site-authorization/refused", test_refused);
  g_test_add_func ("/site-authorization/rejected", test_rejected);
  return g_test_run ();
}
