#!/usr/bin/env python3
# unused-result-check.py: constructors and dup_/to_ functions warn when
# their result is dropped
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   unused-result-check.py LIBRARY_DIR FOLDER…
#
# Reads the public headers (not *-private.h) of each FOLDER of the library
# and fails, naming them, on declarations of constructors (oa2_*_new,
# oa2_*_new_*, oa2_jwk_generate) and of oa2_*_dup_* and oa2_*_to_*
# functions (but not the _async starters of constructors, which return
# nothing) that lack G_GNUC_WARN_UNUSED_RESULT: every one of them returns
# something the caller must free, so dropping it is a leak the compiler can
# report.

import glob
import os
import re
import sys

NAME = re.compile(r'\b(oa2_\w+)\s*\(')
MUST_USE = re.compile(r'_new$|_new_|_dup_|_to_|^oa2_jwk_generate$')


def declarations(text):
    text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
    text = '\n'.join(line for line in text.splitlines() if not line.lstrip().startswith('#'))
    for declaration in text.split(';'):
        match = NAME.search(declaration)
        if match:
            yield match.group(1), declaration


def main():
    if len(sys.argv) < 3:
        sys.exit('usage: unused-result-check.py LIBRARY_DIR FOLDER…')
    libdir, folders = sys.argv[1], sys.argv[2:]
    missing = []
    checked = 0
    for folder in folders:
        for header in sorted(glob.glob(os.path.join(libdir, folder, '*.h'))):
            if header.endswith('-private.h'):
                continue
            with open(header, encoding='utf-8') as f:
                for name, declaration in declarations(f.read()):
                    # An _async starter returns nothing; its _finish does.
                    if not MUST_USE.search(name) or name.endswith('_async'):
                        continue
                    checked += 1
                    if 'G_GNUC_WARN_UNUSED_RESULT' not in declaration:
                        missing.append(f'{os.path.relpath(header, libdir)}: {name}')
    for line in missing:
        print(f'no G_GNUC_WARN_UNUSED_RESULT: {line}')
    print(f'{checked} declarations checked, {len(missing)} without G_GNUC_WARN_UNUSED_RESULT')
    return 1 if missing or checked == 0 else 0


if __name__ == '__main__':
    sys.exit(main())
