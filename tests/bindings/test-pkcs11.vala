/* test-pkcs11.vala: keys held in a PKCS#11 token, through the VAPI
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A GLib test program (TAP with --tap). OA2_SOFTHSM_SETUP names the helper
 * that makes a SoftHSM2 token with an EC and an RSA key; meson sets it.
 */

static HashTable<string, string> token;
static string token_dir;

static void fail (string what, Error e) {
    GLib.error ("%s: unexpected error %s/%d: %s", what, e.domain.to_string (), e.code, e.message);
}

static OA2.Jwk public_half (OA2.Jwk key) throws Error {
    return new OA2.Jwk.from_json (key.dup_public ().to_json (false));
}

/* An async constructor is called with yield, from an async method. */
static async OA2.Jwk open_async (string uri, owned OA2.PinCallback ask) throws Error {
    return yield new OA2.Jwk.from_pkcs11_uri_async (uri, (owned) ask, null);
}

static void test_async_open_and_sign () {
    var loop = new MainLoop ();
    OA2.Jwk? key = null;
    Error? error = null;
    uint asked = 0;

    OA2.PinCallback ask = (label, attempt, flags) => {
        asked++;
        assert_cmpstr (label, CompareOperator.EQ, "oa2-test");
        return (OA2.PinFlags.RETRY in flags) ? null : token["OA2_TEST_PKCS11_PIN"];
    };
    open_async.begin (token["OA2_TEST_PKCS11_EC_URI"], (owned) ask, (obj, res) => {
        try {
            key = open_async.end (res);
        } catch (Error e) {
            error = e;
        }
        loop.quit ();
    });
    loop.run ();
    if (error != null)
        fail ("open", error);
    assert_cmpuint (asked, CompareOperator.EQ, 1);
    assert_true (key.is_in_token ());

    try {
        var auth = new OA2.PrivateKeyJwt ("vala-hsm", key, null);
        var headers = new Soup.MessageHeaders (Soup.MessageHeadersType.REQUEST);
        var params = auth.authenticate ("POST", "https://as.example/token", headers);
        var jwt = new OA2.Jwt.from_compact (params["client_assertion"]);
        assert_true (jwt.verify (public_half (key), { "ES256" }));

        var dpop = new OA2.DPoPKey (key, null);
        var proof = dpop.make_proof ("GET", "https://rs.example/api", "token-value", null);
        assert_true (new OA2.Jwt.from_compact (proof).verify (public_half (key), { "ES256" }));
    } catch (Error e) {
        fail ("sign", e);
    }
    /* The key keeps ask, whose closure (shared by this function's lambdas)
     * holds key: break the cycle, so that the key closes its session and
     * the next test logs in afresh. */
    key = null;
}

static void test_wrong_pin () {
    try {
        var key = new OA2.Jwk.from_pkcs11_uri (token["OA2_TEST_PKCS11_RSA_URI"], () => "0000");
        GLib.error ("opened %s with a wrong PIN", key.get_kid ());
    } catch (Error e) {
        assert_true (e.matches (OA2.Error.quark (), OA2.Error.TOKEN_LOGIN_FAILED));
        assert_false ("0000" in e.message);
    }
}

public static int main (string[] args) {
    Test.init (ref args);

    var helper = Environment.get_variable ("OA2_SOFTHSM_SETUP");
    if (helper == null)
        GLib.error ("OA2_SOFTHSM_SETUP is not set: run this test through meson");
    string stdout_text = "", stderr_text = "";
    int status = -1;
    try {
        token_dir = DirUtils.make_tmp ("oa2-vala-pkcs11-XXXXXX");
        Process.spawn_sync (null, { helper, token_dir }, null, 0, null, out stdout_text, out stderr_text, out status);
    } catch (Error e) {
        fail ("softhsm-setup", e);
    }
    if (Process.if_exited (status) && Process.exit_status (status) == 77 && Environment.get_variable ("CI") == null) {
        Test.add_func ("/oa2/vala/pkcs11/skipped", () => Test.skip ("SoftHSM2 is not installed"));
        return Test.run ();
    }
    if (!Process.if_exited (status) || Process.exit_status (status) != 0)
        GLib.error ("softhsm-setup failed: %s", stderr_text);

    token = new HashTable<string, string> (str_hash, str_equal);
    foreach (var line in stdout_text.strip ().split ("\n")) {
        var at = line.index_of ("=");
        token[line.substring (0, at)] = line.substring (at + 1);
    }
    /* Before the module is loaded: SoftHSM reads its configuration then. */
    Environment.set_variable ("SOFTHSM2_CONF", token["SOFTHSM2_CONF"], true);
    try {
        OA2.pkcs11_add_module (token["OA2_TEST_SOFTHSM_MODULE"]);
    } catch (Error e) {
        fail ("add module", e);
    }

    Test.add_func ("/oa2/vala/pkcs11/async-open-and-sign", test_async_open_and_sign);
    Test.add_func ("/oa2/vala/pkcs11/wrong-pin", test_wrong_pin);
    var result = Test.run ();
    try {
        Process.spawn_sync (null, { "rm", "-rf", token_dir }, null, SpawnFlags.SEARCH_PATH, null, null, null, null);
    } catch (Error e) {
        fail ("cleanup", e);
    }
    return result;
}
