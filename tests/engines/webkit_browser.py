"""A bare WebKitGTK window for WebKitWebDriver: Safari's engine at any width, and printing.

WebKitGTK's MiniBrowser keeps a window at least 447 px wide (its toolbar), so a phone's 320 or
390 px cannot be tried in it. This is the same engine in a window holding nothing but the page.
It runs with Debian's /usr/bin/python3 (python3-gi, gir1.2-webkit2-4.1), not the project's venv:
WebKitWebDriver starts it as `python3 webkit_browser.py --automation`.

- Console messages go to standard output (tests/test_engines.py reads them for errors).
- Printing: WebKitWebDriver has no print command, and window.print() under automation opens
  nothing, so a test writes $APP_PRINT_DIR/print-N.request and this window prints the page
  through WebKit's own print operation to print-N.pdf (A4), then writes print-N.done.
"""

import os
import sys

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("WebKit2", "4.1")
from gi.repository import GLib, Gtk, WebKit2  # noqa: E402

PRINT_DIR = os.environ.get("APP_PRINT_DIR", "/tmp")
context = WebKit2.WebContext.get_default()
context.set_automation_allowed("--automation" in sys.argv)


views = []


def print_view(view, path):
    operation = WebKit2.PrintOperation.new(view)
    settings = Gtk.PrintSettings()
    settings.set_printer("Print to File")
    settings.set(Gtk.PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf")
    settings.set(Gtk.PRINT_SETTINGS_OUTPUT_URI, "file://" + path)
    setup = Gtk.PageSetup()
    setup.set_paper_size(Gtk.PaperSize.new(Gtk.PAPER_NAME_A4))
    operation.set_print_settings(settings)
    operation.set_page_setup(setup)
    operation.connect("finished", lambda op: open(path[:-4] + ".done", "w").close())
    operation.connect("failed", lambda op, error: open(path[:-4] + ".done", "w").write(str(error)))
    operation.print_()  # no dialog


def look_for_requests():
    for name in sorted(os.listdir(PRINT_DIR)):
        if name.endswith(".request") and views:
            os.remove(os.path.join(PRINT_DIR, name))
            print_view(views[-1], os.path.join(PRINT_DIR, name[:-8] + ".pdf"))
    return True


def user_content():
    """The suite's clock (tests/clock.js, set to TODAY by tests/conftest.py), before the page's scripts."""
    manager = WebKit2.UserContentManager()
    clock = os.environ.get("APP_CLOCK_SCRIPT")
    if clock:
        manager.add_script(WebKit2.UserScript.new(
            clock, WebKit2.UserContentInjectedFrames.ALL_FRAMES, WebKit2.UserScriptInjectionTime.START, None, None))
    return manager


def new_view(session=None):
    settings = WebKit2.Settings(enable_write_console_messages_to_stdout=True, enable_developer_extras=False)
    view = WebKit2.WebView(web_context=context, settings=settings, user_content_manager=user_content(),
                           is_controlled_by_automation=session is not None)
    window = Gtk.Window()
    window.set_default_size(390, 844)
    window.add(view)
    view.connect("close", lambda v: (views.remove(v), window.destroy()))
    views.append(view)
    window.show_all()
    return view


def on_automation(context, session):
    info = WebKit2.ApplicationInfo()
    info.set_name("early-years-webkit")
    info.set_version(1, 0, 0)
    session.set_application_info(info)
    session.connect("create-web-view", new_view)


context.connect("automation-started", on_automation)
GLib.timeout_add(100, look_for_requests)
if "--automation" not in sys.argv:
    new_view().load_uri(sys.argv[-1])
Gtk.main()
