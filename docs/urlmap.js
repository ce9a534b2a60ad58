// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Where the reference pages of other namespaces live, so that gi-docgen's
// links to GLib, GObject, Gio, libsoup and json-glib types resolve.
baseURLs = [
    [ 'GLib', 'https://docs.gtk.org/glib/' ],
    [ 'GObject', 'https://docs.gtk.org/gobject/' ],
    [ 'Gio', 'https://docs.gtk.org/gio/' ],
    [ 'Soup', 'https://libsoup.gnome.org/libsoup-3.0/' ],
    [ 'Json', 'https://gnome.pages.gitlab.gnome.org/json-glib/' ],
]
