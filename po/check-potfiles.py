#!/usr/bin/env python3
# check-potfiles.py: po/POTFILES.in names every file with strings to translate
#
# A file under src/ with _(), N_(), C_() or a g_dngettext () call, a UI file
# under resources/ with translatable="yes", and the desktop, metainfo and
# schema files under data/ must be listed, or its strings never reach the
# translators; a listed file must exist, once, in sorted order. Prints what
# is wrong and exits 1; usage: check-potfiles.py SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

MARK = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|Q_|g_dngettext|g_dpgettext2|g_dcgettext|'
                  r'ngettext)\s*\(')
# Comments, string and character literals, in one pass, so that a marker
# inside a comment ("call _() on it") or a string does not count.
C_TOKENS = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
DATA_SUFFIXES = ('.desktop.in', '.desktop.in.in', '.metainfo.xml.in', '.metainfo.xml.in.in',
                 '.gschema.xml')


def c_code_only(text):
    return C_TOKENS.sub(lambda m: '""' if m.group(0).startswith('"') else ' ', text)


def has_strings(root, path):
    full = os.path.join(root, path)
    if path.endswith(DATA_SUFFIXES):
        return True
    with open(full, encoding='utf-8') as f:
        text = f.read()
    if path.endswith('.ui'):
        return 'translatable="yes"' in text
    return MARK.search(c_code_only(text)) is not None


def candidates(root):
    for top, suffixes in (('src', ('.c', '.h')), ('resources', ('.ui',)), ('data', DATA_SUFFIXES)):
        for folder, dirs, files in os.walk(os.path.join(root, top)):
            dirs.sort()
            for name in sorted(files):
                if name.endswith(suffixes):
                    yield os.path.relpath(os.path.join(folder, name), root)


def main(root):
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        listed = [line.strip() for line in f if line.strip() and not line.startswith('#')]
    problems = []

    for path in listed:
        if not os.path.isfile(os.path.join(root, path)):
            problems.append('po/POTFILES.in names %s, which does not exist' % path)
    for path in sorted({p for p in listed if listed.count(p) > 1}):
        problems.append('po/POTFILES.in names %s more than once' % path)
    if listed != sorted(listed):
        problems.append('po/POTFILES.in is not sorted (LC_ALL=C sort)')
    for path in candidates(root):
        if path not in listed and has_strings(root, path):
            problems.append('%s has strings to translate but is not in po/POTFILES.in' % path)

    for problem in problems:
        print(problem)
    if not problems:
        print('po/POTFILES.in lists all %d files with strings to translate' % len(listed))
    return 1 if problems else 0


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: check-potfiles.py SOURCE_ROOT')
    sys.exit(main(sys.argv[1]))
