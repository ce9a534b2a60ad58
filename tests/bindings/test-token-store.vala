/* test-token-store.vala: token stores and the compact form through the
 * generated VAPI
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A GLib test program (TAP with --tap), run through
 * tests/secret-service-session.py like the Python and GJS tests: the
 * memory, file and libsecret stores, async (yield) and sync, and the
 * compact form against the fixtures (OA2_COMPACT_FIXTURES).
 */

const string ISSUER = "https://as.example.com";
const string CLIENT_ID = "vala-store-client";

static string fixture (string name) {
    try {
        string text;
        FileUtils.get_contents (Path.build_filename (Environment.get_variable ("OA2_COMPACT_FIXTURES"), name),
                                out text);
        return text.strip ();
    } catch (Error e) {
        GLib.error ("fixture %s: %s", name, e.message);
    }
}

static OA2.BearerToken make_token (string access_token) {
    try {
        return new OA2.BearerToken.from_json (
            "{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_at\":1893456000}".printf (access_token));
    } catch (Error e) {
        GLib.error ("token: %s", e.message);
    }
}

static async void round_trip_async (OA2.TokenStore store) throws Error {
    OA2.BearerToken? none = yield store.load_async (ISSUER, CLIENT_ID, "alice", null);
    assert (none == null);
    var token = make_token ("vala-alice");
    assert (yield store.save_async (ISSUER, CLIENT_ID, "alice", token, null));
    var loaded = yield store.load_async (ISSUER, CLIENT_ID, "alice", null);
    assert (loaded != null && loaded.get_access_token () == "vala-alice");
    assert (store.load (ISSUER, CLIENT_ID, "alice", null).get_access_token () == "vala-alice");

    var key = OA2.DPoPKey.generate ("ES256");
    store.save (ISSUER, CLIENT_ID, "dpop", new OA2.DPoPToken ("vala-dpop", null, key), null);
    var dpop = yield store.load_async (ISSUER, CLIENT_ID, "dpop", null);
    assert (dpop is OA2.DPoPToken);
    assert (((OA2.DPoPToken) dpop).get_dpop_key ().dup_thumbprint () == key.dup_thumbprint ());

    assert (yield store.clear_async (ISSUER, CLIENT_ID, "alice", null));
    assert (store.load (ISSUER, CLIENT_ID, "alice", null) == null);
    store.clear (ISSUER, CLIENT_ID, "dpop", null);
    try {
        store.load ("", CLIENT_ID, "alice", null);
        assert_not_reached ();
    } catch (OA2.Error e) {
        assert (e is OA2.Error.INVALID_ARGUMENT);
    }
}

static void run_round_trip (OA2.TokenStore store) {
    var loop = new MainLoop ();
    Error? failure = null;
    round_trip_async.begin (store, (obj, res) => {
        try {
            round_trip_async.end (res);
        } catch (Error e) {
            failure = e;
        }
        loop.quit ();
    });
    loop.run ();
    if (failure != null)
        GLib.error ("round trip: %s", failure.message);
}

static void test_compact () {
    try {
        var token = new OA2.BearerToken.from_compact (fixture ("bearer.txt"));
        assert (token.to_compact () == fixture ("bearer.txt"));
        var key = new OA2.DPoPKey.from_compact (fixture ("dpop-key.txt"));
        assert (key.to_compact () == fixture ("dpop-key.txt"));
        var reference = new OA2.BearerToken.from_compact (fixture ("dpop-token-reference.txt"));
        assert (reference is OA2.DPoPToken);
        var dpop = new OA2.BearerToken.from_compact (fixture ("dpop-token.txt"));
        assert (dpop.to_compact () == fixture ("dpop-token.txt"));
    } catch (Error e) {
        GLib.error ("compact: %s", e.message);
    }
    try {
        new OA2.BearerToken.from_compact ("!!");
        assert_not_reached ();
    } catch (Error e) {
        assert (e is OA2.Error.MALFORMED_TOKEN);
    }
}

static void test_memory () {
    run_round_trip (new OA2.MemoryTokenStore ());
}

static void test_file () {
    try {
        var tmp = DirUtils.make_tmp ("oa2-vala-XXXXXX");
        var store = new OA2.FileTokenStore (Path.build_filename (tmp, "tokens"));
        assert (store.directory == Path.build_filename (tmp, "tokens"));
        run_round_trip (store);
        DirUtils.remove (store.directory);
        DirUtils.remove (tmp);
    } catch (Error e) {
        GLib.error ("file: %s", e.message);
    }
}

static void test_secret () {
    assert (OA2.SecretTokenStore.is_supported ());
    assert ("oa2-secret-" in Environment.get_variable ("DBUS_SESSION_BUS_ADDRESS"));
    run_round_trip (new OA2.SecretTokenStore ());
}

static async void auth_store_async () throws Error {
    var store = new OA2.MemoryTokenStore ();
    store.save (ISSUER, CLIENT_ID, "auth", make_token ("stored-for-auth"), null);
    var auth = new OA2.AccessTokenAuth (new OA2.Client.public ("https://as.example.com/token", CLIENT_ID), null);
    assert (yield auth.attach_store_async (store, ISSUER, CLIENT_ID, "auth", null));
    assert (auth.ensure_token (null).get_access_token () == "stored-for-auth");
    auth.set_token (make_token ("newer"));
    auth.wait_for_store ();
    assert (store.load (ISSUER, CLIENT_ID, "auth", null).get_access_token () == "newer");
}

static void test_auth_store () {
    var loop = new MainLoop ();
    auth_store_async.begin ((obj, res) => {
        try {
            auth_store_async.end (res);
        } catch (Error e) {
            GLib.error ("auth store: %s", e.message);
        }
        loop.quit ();
    });
    loop.run ();
}

int main (string[] args) {
    Test.init (ref args);
    Test.add_func ("/oa2/vala/token-store/compact", test_compact);
    Test.add_func ("/oa2/vala/token-store/memory", test_memory);
    Test.add_func ("/oa2/vala/token-store/file", test_file);
    Test.add_func ("/oa2/vala/token-store/secret", test_secret);
    Test.add_func ("/oa2/vala/token-store/auth", test_auth_store);
    return Test.run ();
}
