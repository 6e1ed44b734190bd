#!/usr/bin/env python3
# check-potfiles.py: po/POTFILES.in names every file with marked strings, and only files that exist
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A file left out of POTFILES.in is a file whose strings never reach the
# translators: the app shows them in English whatever the language.
#
# Usage: check-potfiles.py SOURCE_ROOT

import os
import re
import sys

C_MARK = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|g_dngettext|ngettext|g_dpgettext2)\s*\(')
UI_MARK = re.compile(r'translatable="yes"')


def marked(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if path.endswith(".c"):
        return bool(C_MARK.search(text))
    if path.endswith(".ui"):
        return bool(UI_MARK.search(text))
    return False


def main(root):
    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        listed = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    failures = []
    for name in listed:
        if not os.path.exists(os.path.join(root, name)):
            failures.append(f"POTFILES.in names {name}, which does not exist")
    if len(set(listed)) != len(listed):
        failures.append("POTFILES.in names a file twice")

    wanted = []
    for top in ("src", "resources"):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for file in files:
                path = os.path.join(dirpath, file)
                if marked(path):
                    wanted.append(os.path.relpath(path, root))
    for file in os.listdir(os.path.join(root, "data")):
        if file.endswith((".desktop.in.in", ".metainfo.xml.in.in", ".gschema.xml")):
            wanted.append(os.path.join("data", file))
    for name in sorted(wanted):
        if name not in listed:
            failures.append(f"{name} has marked strings but is not in po/POTFILES.in")

    for message in failures:
        print("FAIL: " + message)
    if not failures:
        print(f"ok: {len(listed)} files in POTFILES.in, every file with marked strings among them")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
