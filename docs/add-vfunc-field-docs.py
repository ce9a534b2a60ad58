#!/usr/bin/env python3
# add-vfunc-field-docs.py: a copy of the GIR, for gi-docgen, in which the
# class- and interface-structure members that are virtual methods are
# documented
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   add-vfunc-field-docs.py INPUT.gir OUTPUT.gir
#
# g-ir-scanner 1.74 (Debian 12) writes no documentation for a member of a
# structure that is a function pointer, whatever its comment says, so
# gi-docgen shows "No description available" for every virtual method in a
# class page's "Class structure". This gives each such member of a class
# structure the first paragraph of its virtual method's documentation and a
# link to it. Only the reference is built from the copy; the installed GIR
# is the scanner's own.

import sys
import xml.etree.ElementTree as ET

NAMESPACES = {
    '': 'http://www.gtk.org/introspection/core/1.0',
    'c': 'http://www.gtk.org/introspection/c/1.0',
    'glib': 'http://www.gtk.org/introspection/glib/1.0',
}
CORE = '{%s}' % NAMESPACES['']
GLIB = '{%s}' % NAMESPACES['glib']


def main():
    if len(sys.argv) != 3:
        sys.exit('usage: add-vfunc-field-docs.py INPUT.gir OUTPUT.gir')
    for prefix, uri in NAMESPACES.items():
        ET.register_namespace(prefix, uri)
    tree = ET.parse(sys.argv[1])
    namespace = tree.getroot().find(CORE + 'namespace')
    # Interfaces have a structure of virtual methods too.
    classes = {cls.get('name'): cls
               for cls in namespace.findall(CORE + 'class') + namespace.findall(CORE + 'interface')}

    for record in namespace.findall(CORE + 'record'):
        cls = classes.get(record.get(GLIB + 'is-gtype-struct-for'))
        if cls is None:
            continue
        for field in record.findall(CORE + 'field'):
            vfunc = cls.find(f"{CORE}virtual-method[@name='{field.get('name')}']")
            if field.find(CORE + 'doc') is not None or field.find(CORE + 'callback') is None or vfunc is None:
                continue
            vfunc_doc = vfunc.find(CORE + 'doc')
            if vfunc_doc is None:
                continue
            summary = vfunc_doc.text.split('\n\n')[0].strip()
            # gi-docgen wants to know where the text comes from.
            doc = ET.Element(CORE + 'doc', dict(vfunc_doc.attrib))
            doc.text = f'{summary} See [vfunc@{namespace.get("name")}.{cls.get("name")}.{field.get("name")}].'
            field.insert(0, doc)

    tree.write(sys.argv[2], encoding='UTF-8', xml_declaration=True)


if __name__ == '__main__':
    main()
