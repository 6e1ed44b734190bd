/* main.c: the GUI, or a headless subcommand chosen before any GTK call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "perpscope-resources.h"
#include "ps-application.h"
#include "ps-cli.h"
#include "ps-renderer.h"
#include "ps-thread.h"

static void
ps_print_help (gboolean to_stderr)
{
  (to_stderr ? g_printerr : g_print) (_("Usage:\n"
             "  perpscope                 open the chart window\n"
             "  perpscope fetch …         fetch market history into the cache\n"
             "  perpscope export …        draw a report as a PNG image\n"
             "  perpscope import PATH…    import Binance public-data archives into the cache\n"
             "  perpscope record …        record live liquidations and open interest\n"
             "  perpscope analyze …       treadmill phases, hot zones and scores of a market\n"
             "  perpscope COMMAND --help  options of a command\n"
             "  perpscope --version       the version\n"
             "\n"
             "Venue URLs can be overridden with PERPSCOPE_BINANCE_REST and PERPSCOPE_BINANCE_WS.\n"));
}

/* The window takes no arguments of its own, only GApplication's (it
 * parses them itself). Anything else is refused here, before GTK starts:
 * "perpscope frobnicate" is a typo, not a request to open a window. Returns
 * the exit status, or -1 when the window may start. */
static int
ps_check_gui_args (int    argc,
                   char **argv)
{
  static const char * const gapplication_options[] = {
    "--help-all", "--help-gapplication", "--gapplication-service", NULL
  };

  for (int i = 1; i < argc; i++)
    {
      if (argv[i][0] != '-')
        g_printerr (_("perpscope: Unknown command “%s”\n"), argv[i]);
      else if (!g_strv_contains (gapplication_options, argv[i]))
        g_printerr (_("perpscope: Unknown option “%s”\n"), argv[i]);
      else
        continue;

      ps_print_help (TRUE);
      return PS_CLI_USAGE;
    }

  return -1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PsApplication) app = NULL;
  const char *localedir = g_getenv ("PERPSCOPE_LOCALEDIR");
  int status;

  /* Run from the build tree, build-aux/dev points at its catalogues. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  ps_register_resource ();

  if (argc >= 2 && ps_cli_is_subcommand (argv[1]))
    return ps_cli_run (argc, argv);

  if (argc == 2 && (g_strcmp0 (argv[1], "--version") == 0 || g_strcmp0 (argv[1], "-v") == 0))
    {
      g_print ("perpscope %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (argc == 2 && (g_strcmp0 (argv[1], "--help") == 0 || g_strcmp0 (argv[1], "-h") == 0))
    {
      ps_print_help (FALSE);
      return 0;
    }

  if ((status = ps_check_gui_args (argc, argv)) >= 0)
    return status;

  /* This thread runs the window's main loop: it should get a core back at
   * once on a busy machine (a fetch's parsing and writing run beside it). */
  ps_thread_prefer_latency ();
  /* Before GTK starts: it reads the renderer and the GL switch then. */
  if (ps_renderer_prefer_cairo ("/dev", gtk_get_minor_version ()))
    g_debug ("No GPU device: drawing with GTK's cairo renderer, OpenGL not opened");
  app = ps_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
