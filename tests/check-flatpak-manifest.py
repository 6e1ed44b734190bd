#!/usr/bin/env python3
# check-flatpak-manifest.py: the Flatpak manifest as flathub's reviewers read it
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# These machines cannot download a runtime, so flatpak-builder never runs
# here.  This checks what can be checked without it: the manifest parses,
# names the app the desktop file, metainfo and schema name, runs on the
# GNOME runtime with its own SDK, builds this tree with meson, and asks for
# no more than the app needs: network, ipc, Wayland with X11 as fallback,
# the GPU.  No filesystem, no session or system bus names, no devices
# beyond dri: files go through the portals (GtkFileChooserNative and
# GtkFileDialog use them).
#
# Usage: check-flatpak-manifest.py MANIFEST APP_ID DESKTOP METAINFO SCHEMA

import json
import re
import sys
import xml.etree.ElementTree as ET

ALLOWED_FINISH_ARGS = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
}
REQUIRED_FINISH_ARGS = ALLOWED_FINISH_ARGS

failures = []


def fail(message):
    failures.append(message)


def main(argv):
    if len(argv) != 6:
        print(__doc__ or "usage: MANIFEST APP_ID DESKTOP METAINFO SCHEMA", file=sys.stderr)
        return 2
    manifest_path, app_id, desktop_path, metainfo_path, schema_path = argv[1:]

    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        print(f"FAIL: {manifest_path}: not valid JSON: {e}")
        return 1

    # The app id, everywhere the same.
    manifest_id = manifest.get("id", manifest.get("app-id"))
    if manifest_id != app_id:
        fail(f"manifest id {manifest_id!r} is not the meson app id {app_id!r}")
    if "id" in manifest and "app-id" in manifest:
        fail("manifest has both 'id' and 'app-id'")

    with open(desktop_path, encoding="utf-8") as f:
        desktop = f.read()
    if not re.search(r"^Icon=(@app_id@|" + re.escape(app_id) + r")$", desktop, re.M):
        fail("the desktop file's Icon= is not the app id")
    if not re.search(r"^Exec=" + re.escape(manifest.get("command", "")) + r"(\s|$)", desktop, re.M):
        fail(f"the desktop file's Exec= does not run the manifest's command {manifest.get('command')!r}")

    metainfo = ET.parse(metainfo_path).getroot()
    component_id = metainfo.findtext("id")
    if component_id not in (app_id, "@app_id@"):
        fail(f"metainfo <id> {component_id!r} is not the app id")
    launchable = metainfo.find("launchable")
    if launchable is None or launchable.text not in (app_id + ".desktop", "@app_id@.desktop"):
        fail("metainfo <launchable> does not name the desktop file")
    if metainfo.find("content_rating") is None:
        fail("metainfo has no <content_rating>")
    if metainfo.find("releases") is None or len(metainfo.find("releases")) == 0:
        fail("metainfo has no <releases>")

    schema = ET.parse(schema_path).getroot()
    schema_ids = [s.get("id") for s in schema.findall("schema")]
    if app_id not in schema_ids:
        fail(f"no schema with id {app_id!r} in {schema_path}")
    for s in schema.findall("schema"):
        path = s.get("path")
        if path is not None and path != "/" + app_id.replace(".", "/").lower() + "/" \
                and path != "/" + app_id.replace(".", "/") + "/":
            fail(f"schema {s.get('id')} has path {path!r}, not one under the app id")

    # The GNOME runtime and its SDK, a numbered branch (not 'master').
    if manifest.get("runtime") != "org.gnome.Platform":
        fail(f"runtime {manifest.get('runtime')!r} is not org.gnome.Platform")
    if manifest.get("sdk") != "org.gnome.Sdk":
        fail(f"sdk {manifest.get('sdk')!r} is not org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    if not re.fullmatch(r"[0-9]+", version) or int(version) < 47:
        fail(f"runtime-version {version!r} is not a current GNOME release (47 or later)")

    # Permissions: exactly what the app uses.
    finish_args = manifest.get("finish-args", [])
    for arg in finish_args:
        if arg not in ALLOWED_FINISH_ARGS:
            fail(f"finish-arg {arg!r} is broader than the app needs")
    for arg in REQUIRED_FINISH_ARGS:
        if arg not in finish_args:
            fail(f"finish-arg {arg!r} is missing: the app needs it")

    # The app module: meson, from this tree, the last module.
    modules = manifest.get("modules", [])
    if not modules:
        fail("no modules")
    else:
        app = modules[-1]
        if not isinstance(app, dict) or app.get("name") != "perpscope":
            fail("the last module is not perpscope")
        elif app.get("buildsystem") != "meson":
            fail("perpscope is not built with meson")
        else:
            sources = app.get("sources", [])
            if not any(s.get("type") == "dir" and s.get("path") == ".." for s in sources):
                fail("perpscope does not build from the local tree (a 'dir' source at '..')")
        for module in modules:
            if isinstance(module, dict) and not module.get("sources"):
                fail(f"module {module.get('name')!r} has no sources")
            for source in (module.get("sources", []) if isinstance(module, dict) else []):
                if source.get("type") in ("archive", "file") and "url" in source \
                        and "sha256" not in source:
                    fail(f"module {module.get('name')!r}: {source['url']} has no sha256")
                if source.get("type") == "git" and "commit" not in source and "tag" not in source:
                    fail(f"module {module.get('name')!r}: git source pinned to no commit or tag")

    if failures:
        for message in failures:
            print("FAIL: " + message)
        return 1
    print(f"ok: {manifest_path}: {app_id} on org.gnome.Platform {version}, "
          f"{len(finish_args)} permissions, {len(modules)} module(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
