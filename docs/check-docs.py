#!/usr/bin/env python3
# check-docs.py: every class page has examples, and nothing is undescribed
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   check-docs.py GIR HTML_DIR
#
# Fails, naming them, on classes whose documentation (in the GIR) lacks an
# example in C and one in Python or JavaScript, on generated pages that say
# "No description available" (gi-docgen's text for a symbol, class structure
# or member without documentation), and on an index whose Website or Source
# link is empty.

import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

CORE = '{http://www.gtk.org/introspection/core/1.0}'
MISSING = 'No description available'


def code_languages(text):
    return set(re.findall(r'^```(\w+)', text or '', re.M))


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: check-docs.py GIR HTML_DIR')
    gir, html_dir = sys.argv[1:]
    problems = []

    for cls in ET.parse(gir).iter(CORE + 'class'):
        doc = cls.find(CORE + 'doc')
        languages = code_languages(doc.text if doc is not None else '')
        if 'c' not in languages or not languages & {'python', 'js'}:
            problems.append(f'class {cls.get("name")}: no example in C and in Python or JavaScript '
                            f'(has: {", ".join(sorted(languages)) or "none"})')

    pages = sorted(glob.glob(os.path.join(html_dir, '*.html')))
    if not pages:
        problems.append(f'no pages in {html_dir}')
    for page in pages:
        with open(page, encoding='utf-8') as f:
            count = f.read().count(MISSING)
        if count:
            problems.append(f'{os.path.basename(page)}: "{MISSING}" {count} time(s)')

    index = os.path.join(html_dir, 'index.html')
    if os.path.exists(index):
        with open(index, encoding='utf-8') as f:
            text = f.read()
        for label in ('Website', 'Source'):
            match = re.search(rf'<em>{label}</em></td><td><a href="([^"]*)"', text)
            if match is None or not match.group(1):
                problems.append(f'index.html: no {label} link')

    for problem in problems:
        print(problem)
    print(f'{len(pages)} pages checked, {len(problems)} problem(s)')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
