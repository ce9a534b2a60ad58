/* test-auth.vala: the auth handlers through the generated VAPI, against
 * mock-token-server (OA2_MOCK_SERVER, which meson sets)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A GLib test program (TAP with --tap).
 */

static Subprocess server;
static string base_uri;

static void fail (string what, Error e) {
    GLib.error ("%s: unexpected error %s/%d: %s", what, e.domain.to_string (), e.code, e.message);
}

static OA2.Client make_client () {
    return new OA2.Client.with_secret (base_uri + "/token", "py-client", "s3cr:t %");
}

static OA2.BearerToken expired_token (string refresh_token) {
    var token = (OA2.BearerToken) Object.@new (typeof (OA2.BearerToken), access_token: "old-at",
                                               refresh_token: refresh_token,
                                               expires_at: new DateTime.from_unix_utc (1000000000));
    try {
        token.init ();
    } catch (Error e) {
        fail ("expired token", e);
    }
    return token;
}

static Json.Object echoed (Bytes body) {
    var parser = new Json.Parser ();
    try {
        parser.load_from_data ((string) body.get_data (), (ssize_t) body.get_size ());
    } catch (Error e) {
        fail ("resource response", e);
    }
    return parser.get_root ().get_object ();
}

static void test_client_credentials () {
    try {
        var auth = new OA2.ClientCredentialsAuth (make_client (), "read");
        var changes = 0;
        auth.token_changed.connect ((token) => { changes++; });
        assert_cmpuint (auth.leeway, CompareOperator.EQ, 20);
        var token = auth.ensure_token ();
        assert_true (auth.ensure_token () == token);
        assert_true (auth.token == token);
        assert_cmpint (changes, CompareOperator.EQ, 1);

        var msg = new Soup.Message ("GET", base_uri + "/resource");
        assert_true (auth.authorize_message (msg));
        var body = new Soup.Session ().send_and_read (msg);
        assert_false (auth.retry_message (msg));
        assert_cmpstr (echoed (body).get_string_member ("authorization"), CompareOperator.EQ,
                       "Bearer " + token.access_token);
    } catch (Error e) {
        fail ("client credentials", e);
    }
}

static async void refresh_async () {
    try {
        var auth = new OA2.AccessTokenAuth (make_client (), expired_token ("rt-1"));
        OA2.BearerToken? changed = null;
        auth.token_changed.connect ((token) => { changed = token; });
        var token = yield auth.ensure_token_async (null);
        assert_cmpstr (token.refresh_token, CompareOperator.EQ, "rt-2");
        assert_true (changed == token);
        assert_true (auth.get_client () != null);
    } catch (Error e) {
        fail ("refresh", e);
    }
}

static void test_refresh () {
    var loop = new MainLoop ();
    refresh_async.begin ((obj, res) => {
        refresh_async.end (res);
        loop.quit ();
    });
    loop.run ();
}

static void test_sign_in_required () {
    var auth = new OA2.AccessTokenAuth (make_client (), expired_token ("revoked"));
    try {
        auth.ensure_token ();
        assert_not_reached ();
    } catch (Error e) {
        assert_true (e.matches (OA2.Error.quark (), OA2.Error.SIGN_IN_REQUIRED));
        assert_true (OA2.Error.requires_interaction (e));
    }
    assert_null (auth.token);
}

static void test_dpop_nonce () {
    try {
        var key = OA2.DPoPKey.generate (null);
        var auth = new OA2.ClientCredentialsAuth.full (make_client (), null, null, null, key);
        var msg = new Soup.Message ("GET", base_uri + "/resource-dpop-nonce");
        var session = new Soup.Session ();
        assert_true (auth.authorize_message (msg));
        session.send_and_read (msg);
        assert_cmpuint (msg.get_status (), CompareOperator.EQ, 401);
        assert_true (auth.retry_message (msg));
        var body = session.send_and_read (msg);
        assert_cmpuint (msg.get_status (), CompareOperator.EQ, 200);
        assert_true (echoed (body).get_string_member ("authorization").has_prefix ("DPoP "));
        assert_true (auth.token is OA2.DPoPToken);
    } catch (Error e) {
        fail ("DPoP nonce", e);
    }
}

static void test_token_exchange () {
    try {
        var user = new OA2.ClientCredentialsAuth (make_client (), null);
        var backend = new OA2.TokenExchangeAuth (make_client (), user, "backend", null);
        var token = backend.ensure_token ();
        assert_true (token.access_token.has_prefix ("at-tx"));
        assert_true (backend.subject == user);
        assert_cmpstr (backend.audience, CompareOperator.EQ, "backend");
    } catch (Error e) {
        fail ("token exchange", e);
    }
}

static void test_api_client () {
    try {
        var auth = new OA2.ClientCredentialsAuth (make_client (), null);
        var api = new OA2.ApiClient (base_uri, auth);
        var query = new HashTable<string, string> (str_hash, str_equal);
        query.insert ("q", "1");
        var response = api.get ("resource", query);
        assert_cmpuint (response.get_status (), CompareOperator.EQ, 200);
        assert_true (response.get_uri ().has_suffix ("/resource?q=1"));
        assert_cmpstr (echoed (response.get_body ()).get_string_member ("authorization"), CompareOperator.EQ,
                       "Bearer " + auth.token.access_token);
        assert_cmpstr (OA2.ApiClient.build_path ({ "a b", "c" }), CompareOperator.EQ, "a%20b/c");
        /* Redirects: followed on the origin, with the token; or not at all. */
        assert_true (api.follow_redirects);
        response = api.get ("resource-moved", null);
        assert_cmpuint (response.get_status (), CompareOperator.EQ, 200);
        assert_cmpstr (response.get_uri (), CompareOperator.EQ, base_uri + "/resource");
        assert_cmpstr (echoed (response.get_body ()).get_string_member ("authorization"), CompareOperator.EQ,
                       "Bearer " + auth.token.access_token);
        response = api.request ("GET", "resource-moved", null, null, null, OA2.ApiRequestFlags.NO_FOLLOW_REDIRECTS);
        assert_cmpuint (response.get_status (), CompareOperator.EQ, 302);
        api.follow_redirects = false;
        assert_false (api.get_follow_redirects ());
        assert_cmpuint (api.get ("resource-moved", null).get_status (), CompareOperator.EQ, 302);
        /* a client secret presents no certificate (RFC 8705 §3 is for
         * clients that authenticate with one) */
        assert_true (api.tls_client_certificate == null);
        api.tls_client_certificate = null;
        assert_true (api.dup_tls_client_certificate () == null);
        try {
            api.get ("//evil.example/", null);
            assert_not_reached ();
        } catch (Error e) {
            assert_true (e.matches (OA2.Error.quark (), OA2.Error.OUTSIDE_BASE_URL));
        }
    } catch (Error e) {
        fail ("API client", e);
    }
}

/* Streamed bodies: an upload from a stream (chunked), a download read from
 * one. */
static void test_api_client_stream () {
    try {
        var api = new OA2.ApiClient (base_uri, new OA2.ClientCredentialsAuth (make_client (), null));
        var upload = new MemoryInputStream.from_bytes (new Bytes ("streamed from vala".data));
        var response = api.request_stream ("POST", "resource-strict", null, upload, -1, "text/plain",
                                           OA2.ApiRequestFlags.STREAM_RESPONSE);
        assert_cmpuint (response.get_status (), CompareOperator.EQ, 200);
        assert_true (response.get_body ().get_size () == 0);
        var text = new ByteArray ();
        uint8 buffer[1000];
        ssize_t n;
        while ((n = response.get_stream ().read (buffer)) > 0)
            text.append (buffer[0:n]);
        assert_cmpstr (echoed (ByteArray.free_to_bytes (text)).get_string_member ("body"), CompareOperator.EQ,
                       "streamed from vala");
    } catch (Error e) {
        fail ("API client streams", e);
    }
}

/* The SoupAuth drop-in: a stale token renewed after the 401, the POST
 * body sent again; asynchronous sends on a loop of our own. */
static void test_soup_auth () {
    try {
        var auth = new OA2.ClientCredentialsAuth (make_client (), null);
        auth.token = new OA2.BearerToken ("stale", new DateTime.now_utc ().add_hours (1));
        var session = new Soup.Session ();
        OA2.soup_auth_install (session, auth, base_uri + "/resource-strict/");
        assert_true (session.has_feature (typeof (OA2.SoupAuthBearer)));
        var msg = new Soup.Message ("POST", base_uri + "/resource-strict/items");
        OA2.soup_auth_set_request_body (msg, "text/plain", new Bytes ("from vala".data));
        var loop = new MainLoop ();
        Bytes? body = null;
        Error? failure = null;
        session.send_and_read_async.begin (msg, Priority.DEFAULT, null, (obj, res) => {
            try {
                body = session.send_and_read_async.end (res);
            } catch (Error e) {
                failure = e;
            }
            loop.quit ();
        });
        loop.run ();
        if (failure != null)
            fail ("drop-in send", failure);
        assert_cmpuint (msg.get_status (), CompareOperator.EQ, 200);
        var echo = echoed (body);
        assert_cmpstr (echo.get_string_member ("body"), CompareOperator.EQ, "from vala");
        assert_cmpstr (echo.get_string_member ("authorization"), CompareOperator.EQ,
                       "Bearer " + auth.token.access_token);
        assert_cmpstr (auth.token.access_token, CompareOperator.NE, "stale");
        try {
            OA2.soup_auth_install (session, auth, "http://example.com/");
            assert_not_reached ();
        } catch (Error e) {
            assert_true (e.matches (OA2.Error.quark (), OA2.Error.INSECURE_TRANSPORT));
        }
    } catch (Error e) {
        fail ("SoupAuth drop-in", e);
    }
}

/* OA2.AuthorizationCodeAuth: the mock's "good-code" redeemed once. */
static void test_authorization_code_auth () {
    try {
        var client = (OA2.Client) Object.@new (typeof (OA2.Client), token_endpoint: base_uri + "/token",
                                               client_auth: new OA2.PublicApp ("py-public"));
        var request = new OA2.AuthorizationRequest ("https://as.example/authorize", "py-public",
                                                    "http://127.0.0.1:8400/callback", "api");
        var response = request.validate_callback ("http://127.0.0.1:8400/callback?code=good-code&state="
                                                  + request.get_state ());
        var auth = new OA2.AuthorizationCodeAuth (client, response, null);
        var token = auth.ensure_token ();
        assert_true (token.access_token.has_prefix ("at-ac"));
        assert_true (auth.ensure_token () == token);
        assert_true (auth.get_response () == response);
    } catch (Error e) {
        fail ("authorization code auth", e);
    }
}

static void test_providers () {
    try {
        var secret = new OA2.ClientSecretPost ("c1", "s1");
        assert_cmpstr (OA2.auth0_tenant_url ("mytenant.eu"), CompareOperator.EQ, "https://mytenant.eu.auth0.com");
        var client = OA2.keycloak_client_new ("https://sso.example.com", "acme", secret);
        assert_cmpstr (client.token_endpoint, CompareOperator.EQ,
                       "https://sso.example.com/realms/acme/protocol/openid-connect/token");
        var entra = OA2.entra_id_client_new ("00000000-1111-2222-3333-444444444444", secret);
        assert_cmpstr (entra.issuer, CompareOperator.EQ,
                       "https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/v2.0");
        try {
            OA2.ping_federate_client_new ("http://sso.example.com", secret);
            assert_not_reached ();
        } catch (Error e) {
            assert_true (e.matches (OA2.Error.quark (), OA2.Error.INSECURE_TRANSPORT));
        }
    } catch (Error e) {
        fail ("vendor presets", e);
    }
}

static int main (string[] args) {
    Test.init (ref args);
    var path = Environment.get_variable ("OA2_MOCK_SERVER");
    if (path == null)
        GLib.error ("OA2_MOCK_SERVER is not set: run this test through meson");
    try {
        server = new Subprocess.newv ({ path }, SubprocessFlags.STDIN_PIPE | SubprocessFlags.STDOUT_PIPE);
        var line = new DataInputStream (server.get_stdout_pipe ()).read_line_utf8 ();
        if (line == null || !line.has_prefix ("PORT "))
            GLib.error ("unexpected mock-token-server output: %s", line ?? "(EOF)");
        base_uri = "http://127.0.0.1:%s".printf (line.substring (5));
    } catch (Error e) {
        GLib.error ("cannot start mock-token-server: %s", e.message);
    }

    Test.add_func ("/oa2/vala/auth/client-credentials", test_client_credentials);
    Test.add_func ("/oa2/vala/auth/refresh-async", test_refresh);
    Test.add_func ("/oa2/vala/auth/sign-in-required", test_sign_in_required);
    Test.add_func ("/oa2/vala/auth/dpop-nonce", test_dpop_nonce);
    Test.add_func ("/oa2/vala/auth/api-client", test_api_client);
    Test.add_func ("/oa2/vala/auth/api-client-stream", test_api_client_stream);
    Test.add_func ("/oa2/vala/auth/soup-auth", test_soup_auth);
    Test.add_func ("/oa2/vala/auth/authorization-code", test_authorization_code_auth);
    Test.add_func ("/oa2/vala/auth/providers", test_providers);
    Test.add_func ("/oa2/vala/auth/token-exchange", test_token_exchange);
    var status = Test.run ();

    try {
        server.get_stdin_pipe ().close ();
        server.wait ();
    } catch (Error e) {
        warning ("stopping mock-token-server: %s", e.message);
    }
    return status;
}
