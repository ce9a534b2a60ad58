/* test-oa2.vala: oauth2client-glib through its generated VAPI
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A GLib test program (TAP with --tap). It starts the mock token server
 * named by OA2_MOCK_SERVER, which meson sets.
 */

const string CLIENT_ID = "py-client";
const string CLIENT_SECRET = "s3cr:t %";
const string PUBLIC_CLIENT_ID = "py-public";
const string ISSUED_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
const string CODE_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const string REDIRECT_URI = "http://127.0.0.1:8400/callback";

static Subprocess server;
static string base_uri;
static string token_endpoint;
static string slow_endpoint;

/* ---- helpers ----------------------------------------------------------- */

static void fail (string what, Error e) {
    GLib.error ("%s: unexpected error %s/%d: %s", what, e.domain.to_string (), e.code, e.message);
}

static void assert_gerror (Error? e, Quark domain, int code, string? message_part = null) {
    if (e == null)
        GLib.error ("expected error %s/%d, got none", domain.to_string (), code);
    if (!e.matches (domain, code))
        GLib.error ("expected error %s/%d, got %s/%d: %s",
                    domain.to_string (), code, e.domain.to_string (), e.code, e.message);
    if (message_part != null && !(message_part in e.message))
        GLib.error ("error message \"%s\" lacks \"%s\"", e.message, message_part);
}

static int64 now_unix () {
    return new DateTime.now_utc ().to_unix ();
}

static Json.Object received (OA2.BearerToken token) {
    unowned Json.Node? node = token.get_member ("received");
    assert_nonnull (node);
    return node.get_object ();
}

static void assert_fresh_token (OA2.BearerToken token, string prefix, string? scope, string? refresh_token) {
    assert_true (token.access_token.has_prefix (prefix));
    assert_cmpstr (token.get_access_token (), CompareOperator.EQ, token.access_token);
    assert_cmpstr (token.token_type, CompareOperator.EQ, "Bearer");
    assert_cmpstr (token.scope, CompareOperator.EQ, scope);
    assert_cmpstr (token.get_scope (), CompareOperator.EQ, scope);
    assert_cmpstr (token.refresh_token, CompareOperator.EQ, refresh_token);
    assert_null (token.get_id_token ());
    unowned DateTime? expires_at = token.get_expires_at ();
    assert_nonnull (expires_at);
    assert_true ((expires_at.to_unix () - (now_unix () + 3600)).abs () <= 60);
    var expires_in = token.get_expires_in ();
    assert_true (expires_in >= 3500 && expires_in <= 3600);
    assert_false (token.is_expired (0));
    assert_true (token.is_expired (7200));
    assert_cmpstr (token.get_string_member ("issued_token_type"), CompareOperator.EQ, ISSUED_TOKEN_TYPE);
}

static OA2.Client post_client (string secret = CLIENT_SECRET) {
    return new OA2.Client (token_endpoint, new OA2.ClientSecretPost (CLIENT_ID, secret));
}

static OA2.Client basic_client (string secret = CLIENT_SECRET) {
    return new OA2.Client (token_endpoint, new OA2.ClientSecretBasic (CLIENT_ID, secret));
}

static OA2.Client public_client () {
    return new OA2.Client.@public (token_endpoint, PUBLIC_CLIENT_ID);
}

delegate void AsyncTestBegin (AsyncReadyCallback callback);

/* Runs one async test to completion on a main loop of its own. */
static void run_async (AsyncTestBegin begin) {
    var loop = new MainLoop ();
    var done = false;
    var guard = Timeout.add_seconds (30, () => {
        GLib.error ("the async test never completed");
    });
    begin ((obj, res) => {
        done = true;
        loop.quit ();
    });
    if (!done)
        loop.run ();
    Source.remove (guard);
}

static async void sleep_ms (uint ms) {
    Timeout.add (ms, () => {
        sleep_ms.callback ();
        return Source.REMOVE;
    });
    yield;
}

/* ---- tests ------------------------------------------------------------- */

static void test_authorization_request () {
    try {
        var client = (OA2.Client) Object.@new (typeof (OA2.Client), token_endpoint: token_endpoint,
                                               client_auth: new OA2.PublicApp (PUBLIC_CLIENT_ID),
                                               authorization_endpoint: "https://as.example/authorize",
                                               issuer: "https://as.example");
        var request = client.new_authorization_request (REDIRECT_URI, "profile");
        assert_cmpuint (request.get_state ().length, CompareOperator.EQ, 43);
        request.set_state ("st-1");
        /* The getters are properties too. */
        assert_cmpstr (request.state, CompareOperator.EQ, "st-1");
        request.set_code_verifier (CODE_VERIFIER);
        assert_cmpstr (request.dup_code_challenge (), CompareOperator.EQ,
                       "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert_true (request.get_pkce_method () == OA2.PkceMethod.S256);
        try {
            request.validate_callback (REDIRECT_URI + "?code=c&state=other");
            assert_not_reached ();
        } catch (Error e) {
            assert_gerror (e, OA2.Error.quark (), OA2.Error.STATE_MISMATCH);
        }
        var restored = new OA2.AuthorizationRequest.from_json (request.to_json ());
        var response = restored.validate_callback (REDIRECT_URI + "?code=good-code&state=st-1");
        assert_cmpstr (response.get_code_verifier (), CompareOperator.EQ, CODE_VERIFIER);
        var token = client.exchange_authorization_response (response, null, null);
        assert_cmpstr (received (token).get_string_member ("code"), CompareOperator.EQ, "good-code");
    } catch (Error e) {
        fail ("authorization request", e);
    }
}

static void test_jar_jarm () {
    try {
        var client_key = OA2.Jwk.generate ("ES256");
        var server_key = OA2.Jwk.generate ("ES256");
        var client = (OA2.Client) Object.@new (typeof (OA2.Client), token_endpoint: token_endpoint,
                                               client_auth: new OA2.PublicApp (PUBLIC_CLIENT_ID),
                                               authorization_endpoint: "https://as.example/authorize",
                                               issuer: "https://as.example",
                                               authorization_signed_response_alg: "ES256");
        OA2.Jwk[] server_keys = { server_key.dup_public () };
        client.server_jwks = new OA2.Jwks (server_keys);
        var request = client.new_authorization_request (REDIRECT_URI, "openid");
        request.set_state ("st-vala");
        request.set_request_object_key (client_key, null);
        assert_cmpstr (request.get_request_object_alg (), CompareOperator.EQ, "ES256");
        assert_true (request.dup_uri ().contains ("&request=ey"));

        var claims = new Json.Object ();
        claims.set_string_member ("iss", "https://as.example");
        claims.set_string_member ("aud", PUBLIC_CLIENT_ID);
        claims.set_int_member ("exp", new DateTime.now_utc ().to_unix () + 600);
        claims.set_string_member ("code", "c-vala");
        claims.set_string_member ("state", "st-vala");
        var uri = REDIRECT_URI + "?response=" + OA2.Jwt.sign_claims (claims, server_key, "ES256", null);
        request.set_response_mode ("query.jwt");
        var response = client.validate_authorization_callback (request, uri, null, null);
        assert_cmpstr (response.get_code (), CompareOperator.EQ, "c-vala");
        claims.set_string_member ("state", "st-other");
        uri = REDIRECT_URI + "?response=" + OA2.Jwt.sign_claims (claims, server_key, "ES256", null);
        try {
            client.validate_authorization_callback (request, uri, null, null);
            assert_not_reached ();
        } catch (Error e) {
            assert_gerror (e, OA2.Error.quark (), OA2.Error.STATE_MISMATCH);
        }
    } catch (Error e) {
        fail ("JAR and JARM", e);
    }
}

static void test_types () {
    assert_cmpstr (typeof (OA2.Client).name (), CompareOperator.EQ, "OA2Client");
    assert_cmpstr (typeof (OA2.BearerToken).name (), CompareOperator.EQ, "OA2BearerToken");
    assert_cmpstr (typeof (OA2.ClientAuth).name (), CompareOperator.EQ, "OA2ClientAuth");
    assert_true (typeof (OA2.ClientAuth).is_abstract ());
    assert_true (typeof (OA2.ClientSecretBasic).is_a (typeof (OA2.ClientAuth)));
    assert_true (typeof (OA2.ClientSecretPost).is_a (typeof (OA2.ClientAuth)));
    assert_true (typeof (OA2.PublicApp).is_a (typeof (OA2.ClientAuth)));
    assert_cmpstr (new OA2.ClientSecretBasic ("a", "b").get_method_name (), CompareOperator.EQ, "client_secret_basic");
    assert_cmpstr (new OA2.ClientSecretPost ("a", "b").get_method_name (), CompareOperator.EQ, "client_secret_post");
    assert_cmpstr (new OA2.PublicApp ("a").get_method_name (), CompareOperator.EQ, "none");
    assert_cmpint (OA2.OAuthError.INVALID_CLIENT, CompareOperator.EQ, 2);
    assert_true (OA2.OAuthError.quark () != OA2.Error.quark ());
    assert_cmpuint (OA2.get_major_version (), CompareOperator.EQ, OA2.MAJOR_VERSION);
    assert_cmpuint (OA2.get_minor_version (), CompareOperator.EQ, OA2.MINOR_VERSION);
    assert_cmpuint (OA2.get_micro_version (), CompareOperator.EQ, OA2.MICRO_VERSION);
}

static void test_client_properties () {
    var client = new OA2.Client.with_secret (token_endpoint, CLIENT_ID, CLIENT_SECRET);
    assert_true (client.client_auth is OA2.ClientSecretPost);
    assert_cmpstr (client.get_client_id (), CompareOperator.EQ, CLIENT_ID);
    assert_cmpstr (client.token_endpoint, CompareOperator.EQ, token_endpoint);
    assert_nonnull (client.get_session ());
    assert_null (client.get_revocation_endpoint ());

    var full = (OA2.Client) Object.new (typeof (OA2.Client),
                                        token_endpoint: token_endpoint,
                                        issuer: base_uri,
                                        jwks_uri: base_uri + "/jwks");
    assert_cmpstr (full.issuer, CompareOperator.EQ, base_uri);
    assert_cmpstr (full.get_jwks_uri (), CompareOperator.EQ, base_uri + "/jwks");
    assert_null (full.client_auth);

    uint[] seen = {};
    client.notify["timeout"].connect (() => { seen += client.timeout; });
    client.set_timeout (4);
    client.timeout = 8;
    client.set_timeout (8);
    assert_cmpint (seen.length, CompareOperator.EQ, 2);
    assert_cmpuint (seen[0], CompareOperator.EQ, 4);
    assert_cmpuint (seen[1], CompareOperator.EQ, 8);
    assert_cmpuint (client.get_timeout (), CompareOperator.EQ, 8);
}

static void test_client_credentials_sync_post () {
    try {
        var token = post_client ().client_credentials ("read write", null, null, null);
        assert_fresh_token (token, "at-cc-", "read write", null);
        assert_cmpstr (token.get_string_member ("auth_method"), CompareOperator.EQ, "client_secret_post");
        assert_cmpstr (received (token).get_string_member ("client_id"), CompareOperator.EQ, CLIENT_ID);
    } catch (Error e) {
        fail ("client_credentials", e);
    }
}

static OA2.Jwt check_assertion (OA2.BearerToken token, OA2.Jwk verify_key, string alg, string audience) throws Error {
    assert_cmpstr (token.get_string_member ("auth_method"), CompareOperator.EQ, "client_assertion");
    var sent = received (token);
    assert_cmpstr (sent.get_string_member ("client_assertion_type"), CompareOperator.EQ,
                   "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    var jwt = new OA2.Jwt.from_compact (sent.get_string_member ("client_assertion"));
    assert_true (jwt.verify (verify_key, { alg }));
    assert_cmpstr (jwt.get_string_claim ("iss"), CompareOperator.EQ, CLIENT_ID);
    assert_cmpstr (jwt.get_string_claim ("sub"), CompareOperator.EQ, CLIENT_ID);
    assert_cmpstr (jwt.get_string_claim ("aud"), CompareOperator.EQ, audience);
    int64 iat, exp;
    assert_true (jwt.get_int_claim ("iat", out iat));
    assert_true (jwt.get_int_claim ("exp", out exp));
    assert_true (exp == iat + 60);
    return jwt;
}

static void test_client_assertions () {
    try {
        var key = OA2.Jwk.generate ("ES256");
        var auth = new OA2.PrivateKeyJwt (CLIENT_ID, key, null);
        assert_cmpstr (auth.get_method_name (), CompareOperator.EQ, "private_key_jwt");
        var client = (OA2.Client) Object.new (typeof (OA2.Client), "token-endpoint", token_endpoint,
                                              "client-auth", auth, "issuer", base_uri);
        var first = check_assertion (client.client_credentials (null, null, null, null), key.dup_public (), "ES256", base_uri);
        var second = check_assertion (client.client_credentials (null, null, null, null), key.dup_public (), "ES256", base_uri);
        assert_cmpstr (first.get_string_claim ("jti"), CompareOperator.NE, second.get_string_claim ("jti"));

        var secret_auth = new OA2.ClientSecretJwt (CLIENT_ID, "a client secret of at least 32 bytes", "HS256");
        assert_cmpstr (secret_auth.alg, CompareOperator.EQ, "HS256");
        var token = new OA2.Client (token_endpoint, secret_auth).client_credentials (null, null, null, null);
        assert_cmpstr (received (token).get_string_member ("client_id"), CompareOperator.EQ, CLIENT_ID);
    } catch (Error e) {
        fail ("client assertions", e);
    }

    try {
        new OA2.PrivateKeyJwt (CLIENT_ID, OA2.Jwk.generate ("ES256").dup_public (), null);
        GLib.error ("a public key was accepted");
    } catch (GLib.Error e) {
        assert_gerror (e, OA2.Error.quark (), OA2.Error.KEY_MISMATCH, "needs a private key");
    }
    try {
        new OA2.ClientSecretJwt (CLIENT_ID, "short", null);
        GLib.error ("a short secret was accepted");
    } catch (GLib.Error e) {
        assert_gerror (e, OA2.Error.quark (), OA2.Error.KEY_MISMATCH, "HS256 needs a key of at least 256 bits");
    }
}

static void test_jwt_bearer () {
    try {
        var key = OA2.Jwk.generate ("EdDSA");
        var assertion = OA2.Jwt.sign_bearer_assertion (key, null, CLIENT_ID, "alice", { base_uri }, 0, null);
        var token = new OA2.Client (token_endpoint, null).jwt_bearer (assertion, "read", null, null, null);
        var sent = received (token);
        assert_cmpstr (sent.get_string_member ("grant_type"), CompareOperator.EQ,
                       "urn:ietf:params:oauth:grant-type:jwt-bearer");
        var jwt = new OA2.Jwt.from_compact (sent.get_string_member ("assertion"));
        assert_true (jwt.verify (key.dup_public (), { "EdDSA" }));
        assert_cmpstr (jwt.get_string_claim ("sub"), CompareOperator.EQ, "alice");
    } catch (GLib.Error e) {
        fail ("jwt_bearer", e);
    }
}

/* RFC 7522 §2.1: the XML in, base64url without padding out. */
static void test_saml2_bearer () {
    /* Standard base64 of this would hold '+', '/' and '='. */
    var xml = "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_a1\">" +
              "<saml:Subject>alice?~</saml:Subject></saml:Assertion>\n";
    try {
        var token = basic_client ().saml2_bearer (new Bytes (xml.data), "read", null, null, null);
        var sent = received (token);
        assert_cmpstr (sent.get_string_member ("grant_type"), CompareOperator.EQ,
                       "urn:ietf:params:oauth:grant-type:saml2-bearer");
        var expected = Base64.encode (xml.data).replace ("+", "-").replace ("/", "_").replace ("=", "");
        assert_cmpstr (sent.get_string_member ("assertion"), CompareOperator.EQ, expected);
    } catch (GLib.Error e) {
        fail ("saml2_bearer", e);
    }
    Error? caught = null;
    try {
        basic_client ().saml2_bearer (new Bytes ({}), null, null, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.Error.quark (), OA2.Error.INVALID_ARGUMENT, "No SAML assertion was given");
}

/* RFC 8693: the request object, a type inferred from a token, the
 * issued token type. */
static void test_token_exchange () {
    string urn = "urn:ietf:params:oauth:token-type:";
    try {
        var client = basic_client ();
        var subject = client.client_credentials ("read", null, null, null);
        var request = new OA2.TokenExchangeRequest.for_bearer_token (subject);
        assert_cmpstr (request.get_subject_token_type (), CompareOperator.EQ, "access_token");
        request.set_requested_token_type ("access_token");
        request.set_audience ("backend");
        var token = client.token_exchange (request, "read", { "https://rs.example/" }, null, null);
        assert_true (token.access_token.has_prefix ("at-tx"));
        assert_cmpstr (token.get_issued_token_type (), CompareOperator.EQ, ISSUED_TOKEN_TYPE);
        var sent = received (token);
        assert_cmpstr (sent.get_string_member ("grant_type"), CompareOperator.EQ,
                       "urn:ietf:params:oauth:grant-type:token-exchange");
        assert_cmpstr (sent.get_string_member ("subject_token_type"), CompareOperator.EQ, urn + "access_token");
        assert_cmpstr (sent.get_string_member ("requested_token_type"), CompareOperator.EQ, urn + "access_token");
        assert_cmpstr (sent.get_string_member ("audience"), CompareOperator.EQ, "backend");
        assert_cmpstr (OA2.token_type_urn ("jwt"), CompareOperator.EQ, urn + "jwt");
        assert_null (OA2.token_type_urn ("nope"));
    } catch (Error e) {
        fail ("token_exchange", e);
    }
    try {
        basic_client ().token_exchange (new OA2.TokenExchangeRequest ("at-cc", "nope"), null, null, null, null);
        GLib.error ("an unknown token type was accepted");
    } catch (Error e) {
        assert_gerror (e, OA2.Error.quark (), OA2.Error.INVALID_ARGUMENT, "nope");
    }
}

/* RFC 8693 §2.2.1: a token that is not an access token (N_A). */
static void test_token_exchange_issued () {
    string urn = "urn:ietf:params:oauth:token-type:";
    try {
        var request = new OA2.TokenExchangeRequest ("at-cc-subject", "access_token");
        request.set_requested_token_type ("jwt");
        OA2.IssuedToken issued = basic_client ().token_exchange_issued (request, null, null, null);
        assert_true (issued.token.has_prefix ("at-tx"));
        assert_cmpstr (issued.token_type, CompareOperator.EQ, "N_A");
        assert_cmpstr (issued.issued_token_type, CompareOperator.EQ, urn + "jwt");
        assert_false (issued.is_access_token ());
        assert_nonnull (issued.expires_at);
        unowned Json.Node? node = issued.get_member ("received");
        assert_nonnull (node);
        assert_cmpstr (node.get_object ().get_string_member ("requested_token_type"), CompareOperator.EQ,
                       urn + "jwt");
    } catch (Error e) {
        fail ("token_exchange_issued", e);
    }
}

static async void token_exchange_async () {
    try {
        var request = new OA2.TokenExchangeRequest ("at-cc", "jwt");
        request.set_actor_token ("actor", "id_token");
        var token = yield basic_client ().token_exchange_async (request, null, null, null, null, null);
        assert_cmpstr (received (token).get_string_member ("actor_token_type"), CompareOperator.EQ,
                       "urn:ietf:params:oauth:token-type:id_token");
    } catch (Error e) {
        fail ("token_exchange_async", e);
    }
    try {
        yield basic_client ().token_exchange_async (new OA2.TokenExchangeRequest ("other", "jwt"),
                                                     null, null, null, null, null);
        GLib.error ("an unknown subject token was accepted");
    } catch (Error e) {
        assert_gerror (e, OA2.OAuthError.quark (), OA2.OAuthError.INVALID_GRANT);
    }
}

/* RFC 7009 and RFC 7662: active, revoked, inactive, and the errors. */
static async void revoke_and_introspect () {
    var client = (OA2.Client) Object.new (typeof (OA2.Client), "token-endpoint", token_endpoint,
                                          "revocation-endpoint", base_uri + "/revoke",
                                          "introspection-endpoint", base_uri + "/introspect",
                                          "client-auth", new OA2.ClientSecretBasic (CLIENT_ID, CLIENT_SECRET));
    try {
        var token = client.client_credentials ("read", null, null, null);
        var info = client.introspect_token (token.access_token, "access_token", OA2.IntrospectionFlags.NONE);
        assert_true (info.get_active ());
        assert_cmpstr (info.get_scope (), CompareOperator.EQ, "read");
        assert_true (yield client.revoke_access_token_async (token, null));
        info = yield client.introspect_token_async (token.access_token, null, OA2.IntrospectionFlags.NONE, null);
        assert_false (info.get_active ());
        assert_null (info.get_scope ());
        assert_true (client.revoke_token ("other", null));
    } catch (Error e) {
        fail ("revoke and introspect", e);
    }
    try {
        client.revoke_token ("x", "unsupported");
        GLib.error ("an unsupported token type was accepted");
    } catch (Error e) {
        assert_gerror (e, OA2.OAuthError.quark (), OA2.OAuthError.UNSUPPORTED_TOKEN_TYPE);
    }
    try {
        yield client.revoke_refresh_token_async (new OA2.BearerToken ("at-x", null), null);
        GLib.error ("a token without a refresh token was revoked");
    } catch (Error e) {
        assert_gerror (e, OA2.Error.quark (), OA2.Error.NO_REFRESH_TOKEN);
    }
}

/* OpenID CIBA: the backchannel request, polled to a token, denied, and
 * the ping checks. */
static async void ciba_async () {
    var client = (OA2.Client) Object.new (typeof (OA2.Client), "token-endpoint", token_endpoint,
                                          "backchannel-authentication-endpoint", base_uri + "/bc-authorize",
                                          "client-auth", new OA2.ClientSecretBasic (CLIENT_ID, CLIENT_SECRET));
    var request = new OA2.BackchannelAuthenticationRequest ("openid");
    request.set_login_hint ("alice");
    request.set_binding_message ("W4SCT");
    try {
        var pending = yield client.backchannel_authentication_request_async (request, null, null);
        assert_cmpstr (pending.auth_req_id, CompareOperator.EQ, "ar-alice");
        assert_cmpuint (pending.get_interval (), CompareOperator.EQ, 1);
        var poller = new OA2.TokenPoller.for_backchannel (client, pending, null);
        var token = yield poller.poll_async (null);
        assert_true (token.access_token.has_prefix ("at-ciba"));
        assert_cmpstr (received (token).get_string_member ("auth_req_id"), CompareOperator.EQ, "ar-alice");
    } catch (Error e) {
        fail ("ciba", e);
    }
    try {
        request.set_login_hint ("mallory");
        var pending = client.backchannel_authentication_request (request, null, null);
        yield client.ciba_async (pending.get_auth_req_id (), null, null, null, null);
        GLib.error ("a denied request gave a token");
    } catch (Error e) {
        assert_gerror (e, OA2.OAuthError.quark (), OA2.OAuthError.ACCESS_DENIED);
    }
    try {
        request.set_login_hint ("nobody");
        client.backchannel_authentication_request (request, null, null);
        GLib.error ("an unknown user was accepted");
    } catch (Error e) {
        assert_gerror (e, OA2.OAuthError.quark (), OA2.OAuthError.UNKNOWN_USER_ID);
    }
    assert_true (OA2.backchannel_check_notification_token ("Bearer n-1", "n-1"));
    assert_false (OA2.backchannel_check_notification_token ("Bearer n-2", "n-1"));
    try {
        assert_cmpstr (OA2.backchannel_parse_ping (new Bytes ("{\"auth_req_id\":\"a\"}".data)),
                       CompareOperator.EQ, "a");
    } catch (Error e) {
        fail ("parse ping", e);
    }
}

static void test_client_credentials_sync_basic () {
    try {
        var token = basic_client ().client_credentials (null, null, null, null);
        assert_fresh_token (token, "at-cc-", "default", null);
        assert_cmpstr (token.get_string_member ("auth_method"), CompareOperator.EQ, "client_secret_basic");
        assert_false (received (token).has_member ("client_id"));
    } catch (Error e) {
        fail ("client_credentials", e);
    }
}

static async void client_credentials_async_both () {
    try {
        var token = yield post_client ().client_credentials_async ("read", null, null, null, null);
        assert_fresh_token (token, "at-cc-", "read", null);
        assert_cmpstr (token.get_string_member ("auth_method"), CompareOperator.EQ, "client_secret_post");
        token = yield basic_client ().client_credentials_async ("read", null, null, null, null);
        assert_fresh_token (token, "at-cc-", "read", null);
        assert_cmpstr (token.get_string_member ("auth_method"), CompareOperator.EQ, "client_secret_basic");
    } catch (Error e) {
        fail ("client_credentials_async", e);
    }
}

/* The blocking calls once leaked a connection slot each, and the third one
 * on a client hung forever. */
static async void one_client_many_calls () {
    var client = basic_client ();
    client.timeout = 5;
    try {
        foreach (var step in "sssasass".data) {
            OA2.BearerToken token;
            if (step == 's')
                token = client.client_credentials (null, null, null, null);
            else
                token = yield client.client_credentials_async (null, null, null, null, null);
            assert_cmpstr (token.get_string_member ("auth_method"), CompareOperator.EQ, "client_secret_basic");
        }
    } catch (Error e) {
        fail ("one client, many calls", e);
    }
}

static void test_resources_and_extra_params () {
    string[] resources = { "https://api.example.com/a", "https://api.example.com/b" };
    var extra = new HashTable<string, string> (str_hash, str_equal);
    extra["audience"] = "https://api.example.com";
    extra["tenant"] = "zebra";
    try {
        var token = post_client ().client_credentials ("read", resources, extra, null);
        var sent = received (token);
        var sent_resources = sent.get_array_member ("resource");
        assert_cmpuint (sent_resources.get_length (), CompareOperator.EQ, 2);
        assert_cmpstr (sent_resources.get_string_element (0), CompareOperator.EQ, resources[0]);
        assert_cmpstr (sent_resources.get_string_element (1), CompareOperator.EQ, resources[1]);
        assert_cmpstr (sent.get_string_member ("audience"), CompareOperator.EQ, "https://api.example.com");
        assert_cmpstr (sent.get_string_member ("tenant"), CompareOperator.EQ, "zebra");
    } catch (Error e) {
        fail ("client_credentials", e);
    }
}

static void test_invalid_client_sync () {
    OA2.Client[] clients = { post_client ("wrong"), basic_client ("wrong") };
    foreach (var client in clients) {
        Error? caught = null;
        try {
            client.client_credentials (null, null, null, null);
        } catch (Error e) {
            caught = e;
        }
        assert_gerror (caught, OA2.OAuthError.quark (), OA2.OAuthError.INVALID_CLIENT, "bad secret");
        /* In Vala the GError is the library's own, details included. */
        assert_cmpstr (OA2.Error.get_server_code (caught), CompareOperator.EQ, "invalid_client");
        assert_cmpstr (OA2.Error.get_description (caught), CompareOperator.EQ, "bad secret");
        assert_cmpuint (OA2.Error.get_http_status (caught), CompareOperator.EQ, 401);
        assert_true (OA2.Error.requires_interaction (caught));
    }
}

static void test_invalid_client_typed_catch () {
    try {
        basic_client ("wrong").client_credentials (null, null, null, null);
        assert_not_reached ();
    } catch (OA2.OAuthError e) {
        assert_true (e is OA2.OAuthError.INVALID_CLIENT);
    } catch (Error e) {
        fail ("client_credentials", e);
    }
}

static async void invalid_client_async () {
    Error? caught = null;
    try {
        yield basic_client ("wrong").client_credentials_async (null, null, null, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.OAuthError.quark (), OA2.OAuthError.INVALID_CLIENT, "bad secret");
}

static void test_refresh_token_sync () {
    try {
        var token = new OA2.Client.with_secret (token_endpoint, CLIENT_ID, CLIENT_SECRET)
            .refresh_token ("rt-1", null, null, null, null);
        assert_fresh_token (token, "at-rt-", null, "rt-2");
        assert_cmpstr (received (token).get_string_member ("refresh_token"), CompareOperator.EQ, "rt-1");
    } catch (Error e) {
        fail ("refresh_token", e);
    }

    Error? caught = null;
    try {
        post_client ().refresh_token ("rt-unknown", null, null, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.OAuthError.quark (), OA2.OAuthError.INVALID_GRANT);

    caught = null;
    try {
        post_client ().refresh_token (null, null, null, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.Error.quark (), OA2.Error.NO_REFRESH_TOKEN);
}

static async void refresh_token_async () {
    try {
        var token = yield public_client ().refresh_token_async ("rt-1", "read", null, null, null, null);
        assert_fresh_token (token, "at-rt-", "read", "rt-2");
        assert_cmpstr (token.get_string_member ("auth_method"), CompareOperator.EQ, "none");
    } catch (Error e) {
        fail ("refresh_token_async", e);
    }
}

static void test_password_sync () {
    try {
        var token = basic_client ().resource_owner_password ("alice", "wonderland", "profile", null, null, null);
        assert_fresh_token (token, "at-pw-", "profile", "rt-1");
        assert_cmpstr (received (token).get_string_member ("username"), CompareOperator.EQ, "alice");
        var renewed = basic_client ().refresh_token (token.refresh_token, null, null, null, null);
        assert_cmpstr (renewed.refresh_token, CompareOperator.EQ, "rt-2");
    } catch (Error e) {
        fail ("resource_owner_password", e);
    }

    Error? caught = null;
    try {
        basic_client ().resource_owner_password ("alice", "looking-glass", null, null, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.OAuthError.quark (), OA2.OAuthError.INVALID_GRANT);
}

static async void password_async () {
    try {
        var token = yield post_client ().resource_owner_password_async ("alice", "wonderland",
                                                                         null, null, null, null, null);
        assert_fresh_token (token, "at-pw-", null, "rt-1");
    } catch (Error e) {
        fail ("resource_owner_password_async", e);
    }
}

static void check_authorization_code_token (OA2.BearerToken token) {
    assert_fresh_token (token, "at-ac-", "openid profile", "rt-1");
    assert_cmpstr (token.get_string_member ("auth_method"), CompareOperator.EQ, "none");
    var sent = received (token);
    assert_cmpstr (sent.get_string_member ("client_id"), CompareOperator.EQ, PUBLIC_CLIENT_ID);
    assert_cmpstr (sent.get_string_member ("code"), CompareOperator.EQ, "good-code");
    assert_cmpstr (sent.get_string_member ("redirect_uri"), CompareOperator.EQ, REDIRECT_URI);
    assert_cmpstr (sent.get_string_member ("code_verifier"), CompareOperator.EQ, CODE_VERIFIER);
}

static void test_authorization_code_sync () {
    try {
        check_authorization_code_token (
            public_client ().authorization_code ("good-code", REDIRECT_URI, CODE_VERIFIER, null, null, null));
    } catch (Error e) {
        fail ("authorization_code", e);
    }

    Error? caught = null;
    try {
        public_client ().authorization_code ("bad-code", REDIRECT_URI, CODE_VERIFIER, null, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.OAuthError.quark (), OA2.OAuthError.INVALID_GRANT);

    caught = null;
    try {
        public_client ().authorization_code ("good-code", REDIRECT_URI, "short", null, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.Error.quark (), OA2.Error.INVALID_ARGUMENT);
}

static async void authorization_code_async () {
    try {
        check_authorization_code_token (
            yield public_client ().authorization_code_async ("good-code", REDIRECT_URI, CODE_VERIFIER,
                                                             null, null, null, null));
    } catch (Error e) {
        fail ("authorization_code_async", e);
    }
}

static void test_token_request_sync () {
    var params = new HashTable<string, string> (str_hash, str_equal);
    params["grant_type"] = "client_credentials";
    params["scope"] = "a b";
    params["audience"] = "urn:example:api";
    try {
        var token = post_client ().token_request (params, null, null);
        assert_fresh_token (token, "at-cc-", "a b", null);
        assert_cmpstr (received (token).get_string_member ("audience"), CompareOperator.EQ, "urn:example:api");
    } catch (Error e) {
        fail ("token_request", e);
    }

    var unknown = new HashTable<string, string> (str_hash, str_equal);
    unknown["grant_type"] = "urn:example:params:oauth:grant-type:magic";
    Error? caught = null;
    try {
        post_client ().token_request (unknown, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.OAuthError.quark (), OA2.OAuthError.INVALID_GRANT);

    var no_grant = new HashTable<string, string> (str_hash, str_equal);
    no_grant["scope"] = "x";
    caught = null;
    try {
        post_client ().token_request (no_grant, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.Error.quark (), OA2.Error.INVALID_ARGUMENT);
}

static async void token_request_async () {
    var params = new HashTable<string, string> (str_hash, str_equal);
    params["grant_type"] = "password";
    params["username"] = "alice";
    params["password"] = "wonderland";
    try {
        var token = yield post_client ().token_request_async (params, null, null, null);
        assert_fresh_token (token, "at-pw-", null, "rt-1");
    } catch (Error e) {
        fail ("token_request_async", e);
    }
}

static void test_token_json_round_trip () {
    try {
        var token = post_client ().resource_owner_password ("alice", "wonderland", "profile", null, null, null);
        int64 ignored;
        assert_false (token.get_int_member ("issued_token_type", out ignored));
        assert_null (token.get_string_member ("no_such_member"));
        var names = token.dup_member_names ();
        assert_cmpint (names.length, CompareOperator.EQ, 3);
        assert_true ("issued_token_type" in names);

        var stored = token.to_json ();
        assert_true ("\"expires_at\"" in stored);
        assert_false ("\"expires_in\"" in stored);
        var restored = new OA2.BearerToken.from_json (stored);
        assert_cmpstr (restored.access_token, CompareOperator.EQ, token.access_token);
        assert_cmpstr (restored.token_type, CompareOperator.EQ, token.token_type);
        assert_cmpstr (restored.refresh_token, CompareOperator.EQ, token.refresh_token);
        assert_cmpstr (restored.scope, CompareOperator.EQ, token.scope);
        assert_true (restored.get_expires_at ().equal (token.get_expires_at ()));
        assert_cmpstr (restored.get_string_member ("issued_token_type"), CompareOperator.EQ, ISSUED_TOKEN_TYPE);
        assert_cmpstr (received (restored).get_string_member ("username"), CompareOperator.EQ, "alice");
    } catch (Error e) {
        fail ("JSON round trip", e);
    }

    Error? caught = null;
    try {
        new OA2.BearerToken.from_json ("{\"token_type\": \"Bearer\"}");
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.Error.quark (), OA2.Error.MISSING_MEMBER);
}

static void test_local_tokens () {
    OA2.BearerToken? plain = null, expired = null;
    try {
        plain = new OA2.BearerToken ("opaque", null);
        expired = new OA2.BearerToken ("old", new DateTime.from_unix_utc (now_unix () - 5));
    } catch (Error e) {
        fail ("new", e);
    }
    assert_null (plain.get_expires_at ());
    assert_cmpint ((int) plain.get_expires_in (), CompareOperator.EQ, -1);
    assert_false (plain.is_expired (1000));
    assert_cmpstr (plain.dup_authorization_header (), CompareOperator.EQ, "Bearer opaque");

    assert_true (expired.is_expired (0));
    assert_cmpint ((int) expired.get_expires_in (), CompareOperator.EQ, 0);
    var msg = new Soup.Message ("GET", base_uri + "/resource");
    Error? caught = null;
    try {
        expired.authorize_message (msg);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.Error.quark (), OA2.Error.TOKEN_EXPIRED);
    assert_null (msg.get_request_headers ().get_one ("Authorization"));

    // RFC 6750 §2.1: a line break in an access token is refused.
    caught = null;
    try {
        new OA2.BearerToken ("a\r\nX-Injected: 1", null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.Error.quark (), OA2.Error.MALFORMED_TOKEN);

    // The identity is construct-only properties.
    var built = (OA2.BearerToken) Object.new (typeof (OA2.BearerToken), access_token: "built", scope: "s");
    try {
        assert_true (built.init (null));
    } catch (Error e) {
        fail ("init", e);
    }
    assert_cmpstr (built.access_token, CompareOperator.EQ, "built");
    assert_cmpstr (built.token_type, CompareOperator.EQ, "Bearer");
    assert_cmpstr (built.scope, CompareOperator.EQ, "s");

    try {
        var parser = new Json.Parser ();
        parser.load_from_data ("{\"access_token\":\"abc\",\"token_type\":\"bearer\",\"expires_in\":60,\"n\":7}");
        var token = new OA2.BearerToken.from_response (parser.get_root ().get_object ());
        assert_cmpstr (token.token_type, CompareOperator.EQ, "Bearer");
        int64 n;
        assert_true (token.get_int_member ("n", out n));
        assert_cmpint ((int) n, CompareOperator.EQ, 7);
    } catch (Error e) {
        fail ("new_from_response", e);
    }
}

static Json.Object proof_claims (OA2.DPoPKey key, string proof) throws Error {
    var jwt = new OA2.Jwt.from_compact (proof);
    assert_true (jwt.verify (key.dup_public_jwk (), { key.get_alg () }));
    assert_cmpstr (jwt.get_typ (), CompareOperator.EQ, "dpop+jwt");
    return jwt.get_claims ();
}

static async void dpop_token_and_send () {
    try {
        var key = OA2.DPoPKey.generate (null);
        var bearer = yield post_client ().client_credentials_async ("read", null, null, key, null);
        var token = bearer as OA2.DPoPToken;
        assert_nonnull (token);
        assert_cmpstr (token.token_type, CompareOperator.EQ, "DPoP");
        assert_true (token.dpop_key == key);
        var token_proof = proof_claims (key, token.get_string_member ("dpop_proof"));
        assert_cmpstr (token_proof.get_string_member ("htu"), CompareOperator.EQ, token_endpoint);

        var session = new Soup.Session ();
        var msg = new Soup.Message ("GET", base_uri + "/resource-dpop-nonce");
        assert_true (token.authorize_message (msg));
        yield session.send_and_read_async (msg, Priority.DEFAULT, null);
        assert_cmpuint (msg.get_status (), CompareOperator.EQ, Soup.Status.UNAUTHORIZED);
        assert_true (token.retry_with_nonce (msg));
        var body = yield session.send_and_read_async (msg, Priority.DEFAULT, null);
        assert_cmpuint (msg.get_status (), CompareOperator.EQ, Soup.Status.OK);
        assert_false (token.retry_with_nonce (msg));
        var parser = new Json.Parser ();
        parser.load_from_data ((string) body.get_data (), (ssize_t) body.get_size ());
        var echoed = parser.get_root ().get_object ();
        assert_cmpstr (echoed.get_string_member ("authorization"), CompareOperator.EQ, "DPoP " + token.access_token);
        var claims = proof_claims (key, echoed.get_string_member ("dpop"));
        assert_cmpstr (claims.get_string_member ("nonce"), CompareOperator.EQ, "rs-n1");
        assert_cmpstr (claims.get_string_member ("htm"), CompareOperator.EQ, "GET");

        var again = new OA2.BearerToken.from_json (token.to_json ()) as OA2.DPoPToken;
        assert_nonnull (again);
        assert_cmpstr (again.get_dpop_key ().dup_thumbprint (), CompareOperator.EQ, key.dup_thumbprint ());
    } catch (Error e) {
        fail ("DPoP token", e);
    }
}

static void test_dpop_settings () {
    var client = new OA2.Client.with_secret (base_uri + "/token-dpop-nonce", CLIENT_ID, CLIENT_SECRET);
    var made = 0;
    client.dpop_bound_access_tokens = true;
    client.dpop_alg = "Ed25519";
    client.set_dpop_key_generator ((alg) => {
        made++;
        try {
            return OA2.DPoPKey.generate (alg);
        } catch (Error e) {
            return null;
        }
    });
    try {
        var token = client.client_credentials (null, null, null, null) as OA2.DPoPToken;
        assert_nonnull (token);
        assert_true (made == 1);
        assert_cmpstr (token.get_dpop_key ().get_alg (), CompareOperator.EQ, "Ed25519");
        var claims = proof_claims (token.get_dpop_key (), token.get_string_member ("dpop_proof"));
        assert_cmpstr (claims.get_string_member ("nonce"), CompareOperator.EQ, "as-n1");
    } catch (Error e) {
        fail ("dpop-bound-access-tokens", e);
    }

    var untyped = new OA2.Client.with_secret (base_uri + "/token-untyped", CLIENT_ID, CLIENT_SECRET);
    try {
        untyped.client_credentials (null, null, null, OA2.DPoPKey.generate (null));
        assert_not_reached ();
    } catch (Error e) {
        assert_gerror (e, OA2.Error.quark (), OA2.Error.TOKEN_TYPE_MISMATCH);
    }
}

static async void authorize_message_and_send () {
    try {
        var token = post_client ().client_credentials (null, null, null, null);
        var msg = new Soup.Message ("GET", base_uri + "/resource");
        assert_true (token.authorize_message (msg));
        var expected = "Bearer " + token.access_token;
        assert_cmpstr (msg.get_request_headers ().get_one ("Authorization"), CompareOperator.EQ, expected);

        var session = new Soup.Session ();
        var body = yield session.send_and_read_async (msg, Priority.DEFAULT, null);
        assert_cmpuint (msg.get_status (), CompareOperator.EQ, Soup.Status.OK);
        var parser = new Json.Parser ();
        parser.load_from_data ((string) body.get_data (), (ssize_t) body.get_size ());
        assert_cmpstr (parser.get_root ().get_object ().get_string_member ("authorization"),
                       CompareOperator.EQ, expected);
    } catch (Error e) {
        fail ("authorize_message", e);
    }

    Error? caught = null;
    try {
        new OA2.BearerToken ("abc", null).authorize_message (new Soup.Message ("GET", "http://example.com/"));
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.Error.quark (), OA2.Error.INSECURE_TRANSPORT);
}

static void test_timeout_sync () {
    var client = new OA2.Client.with_secret (slow_endpoint, CLIENT_ID, CLIENT_SECRET);
    client.set_timeout (1);
    var started = get_monotonic_time ();
    Error? caught = null;
    try {
        client.client_credentials (null, null, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, IOError.quark (), IOError.TIMED_OUT);
    assert_true (get_monotonic_time () - started < 5 * TimeSpan.SECOND);
}

static async void timeout_async () {
    var client = new OA2.Client.with_secret (slow_endpoint, CLIENT_ID, CLIENT_SECRET);
    client.timeout = 1;
    var started = get_monotonic_time ();
    Error? caught = null;
    try {
        yield client.client_credentials_async (null, null, null, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, IOError.quark (), IOError.TIMED_OUT);
    assert_true (get_monotonic_time () - started < 5 * TimeSpan.SECOND);
}

static async void cancellation_async () {
    var client = new OA2.Client.with_secret (slow_endpoint, CLIENT_ID, CLIENT_SECRET);
    var cancellable = new Cancellable ();
    var started = get_monotonic_time ();
    Timeout.add (200, () => {
        cancellable.cancel ();
        return Source.REMOVE;
    });
    Error? caught = null;
    try {
        yield client.client_credentials_async (null, null, null, null, cancellable);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, IOError.quark (), IOError.CANCELLED);
    assert_true (get_monotonic_time () - started < 5 * TimeSpan.SECOND);

    /* Already cancelled: the sync call does not even start. */
    caught = null;
    try {
        post_client ().client_credentials (null, null, null, null, cancellable);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, IOError.quark (), IOError.CANCELLED);
    yield sleep_ms (1);
}

/* Derivable types, subclassed in Vala. */

class ValaBasicAuth : OA2.ClientAuth {
    private string secret;
    public int calls = 0;

    public ValaBasicAuth (string client_id, string secret) {
        Object (client_id: client_id);
        this.secret = secret;
    }

    public override HashTable<string, string> authenticate (string method, string uri,
                                                           Soup.MessageHeaders headers) throws Error {
        calls++;
        var pair = "%s:%s".printf (Uri.escape_string (client_id, null, false).replace ("%20", "+"),
                                   Uri.escape_string (secret, null, false).replace ("%20", "+"));
        headers.replace ("Authorization", "Basic " + Base64.encode (pair.data));
        return new HashTable<string, string> (str_hash, str_equal);
    }

    public override unowned string get_method_name () {
        return "client_secret_basic";
    }
}

class ValaErrorMappingClient : OA2.Client {
    public uint[] statuses = {};

    public ValaErrorMappingClient (string endpoint, OA2.ClientAuth auth) {
        Object (token_endpoint: endpoint, client_auth: auth);
    }

    public override GLib.Error? on_token_error (uint http_status, Json.Object response) {
        statuses += http_status;
        if (response.get_string_member ("error") == "invalid_grant")
            return null; /* the default mapping applies */
        return new IOError.PERMISSION_DENIED ("mapped %u: %s", http_status,
                                              response.get_string_member ("error_description"));
    }
}

class ValaScopePatchingClient : OA2.Client {
    public ValaScopePatchingClient (string endpoint, OA2.ClientAuth auth) {
        Object (token_endpoint: endpoint, client_auth: auth);
    }

    public override OA2.BearerToken parse_token_response (Json.Object response) throws Error {
        response.set_string_member ("scope", "patched-by-vala");
        return base.parse_token_response (response);
    }
}

static void test_parse_token_response_override () {
    var client = new ValaScopePatchingClient (token_endpoint, new OA2.ClientSecretPost (CLIENT_ID, CLIENT_SECRET));
    try {
        var token = client.client_credentials ("read", null, null, null);
        assert_cmpstr (token.scope, CompareOperator.EQ, "patched-by-vala");
    } catch (Error e) {
        fail ("parse_token_response override", e);
    }
}

static async void vala_client_auth () {
    var auth = new ValaBasicAuth (CLIENT_ID, CLIENT_SECRET);
    assert_cmpstr (auth.get_method_name (), CompareOperator.EQ, "client_secret_basic");
    var client = new OA2.Client (token_endpoint, auth);
    try {
        var token = client.client_credentials ("read", null, null, null);
        assert_cmpstr (token.get_string_member ("auth_method"), CompareOperator.EQ, "client_secret_basic");
        token = yield client.client_credentials_async ("read", null, null, null, null);
        assert_cmpstr (token.get_string_member ("auth_method"), CompareOperator.EQ, "client_secret_basic");
        assert_cmpint (auth.calls, CompareOperator.EQ, 2);
    } catch (Error e) {
        fail ("Vala ClientAuth", e);
    }

    Error? caught = null;
    try {
        new OA2.Client (token_endpoint, new ValaBasicAuth (CLIENT_ID, "wrong")).client_credentials (null, null, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.OAuthError.quark (), OA2.OAuthError.INVALID_CLIENT, "bad secret");
}

static async void vala_on_token_error () {
    var client = new ValaErrorMappingClient (token_endpoint, new OA2.ClientSecretPost (CLIENT_ID, "wrong"));
    Error? caught = null;
    try {
        client.client_credentials (null, null, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, IOError.quark (), IOError.PERMISSION_DENIED, "mapped 401: bad secret");

    caught = null;
    try {
        yield client.client_credentials_async (null, null, null, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, IOError.quark (), IOError.PERMISSION_DENIED, "mapped 401: bad secret");
    assert_cmpint (client.statuses.length, CompareOperator.EQ, 2);

    var fallback = new ValaErrorMappingClient (token_endpoint, new OA2.ClientSecretPost (CLIENT_ID, CLIENT_SECRET));
    caught = null;
    try {
        fallback.refresh_token ("rt-unknown", null, null, null, null);
    } catch (Error e) {
        caught = e;
    }
    assert_gerror (caught, OA2.OAuthError.quark (), OA2.OAuthError.INVALID_GRANT);
}

/* Mutual TLS (RFC 8705) against the mock server's https mode. */
static void test_tls_client_auth () {
    try {
        var dir = DirUtils.make_tmp ("oa2-mtls-XXXXXX");
        var mtls_server = new Subprocess.newv ({ Environment.get_variable ("OA2_MOCK_SERVER"), "--mtls", dir },
                                               SubprocessFlags.STDIN_PIPE | SubprocessFlags.STDOUT_PIPE);
        var line = new DataInputStream (mtls_server.get_stdout_pipe ()).read_line_utf8 ();
        assert_true (line != null && line.has_prefix ("PORT "));
        var mtls_base = "https://127.0.0.1:%s".printf (line.substring (5));
        var cert_file = Path.build_filename (dir, "client.pem");
        var key_file = Path.build_filename (dir, "client-key.pem");

        var auth = new OA2.TlsClientAuth.from_files ("py-mtls", OA2.TlsClientAuthMethod.PKI, cert_file, key_file);
        assert_cmpstr (auth.get_method_name (), CompareOperator.EQ, "tls_client_auth");
        var session = new Soup.Session ();
        session.tls_database = TlsFileDatabase.new (Path.build_filename (dir, "ca.pem"));
        var client = (OA2.Client) Object.new (typeof (OA2.Client), "token-endpoint", mtls_base + "/token",
                                              "client-auth", auth, "session", session);
        var aliases = new HashTable<string, string> (str_hash, str_equal);
        aliases["token_endpoint"] = mtls_base + "/mtls/token";
        client.set_mtls_endpoint_aliases (aliases);
        var token = client.client_credentials (null, null, null, null);
        assert_cmpstr (token.get_string_member ("auth_method"), CompareOperator.EQ, "tls_client_auth");
        assert_cmpstr (token.get_string_member ("path"), CompareOperator.EQ, "/mtls/token");

        try {
            new OA2.TlsClientAuth ("py-mtls", OA2.TlsClientAuthMethod.PKI, new TlsCertificate.from_file (cert_file));
            assert_not_reached ();
        } catch (OA2.Error e) {
            assert_true (e is OA2.Error.INVALID_KEY);
        }
        try {
            new OA2.TlsClientAuth.from_files ("py-mtls", OA2.TlsClientAuthMethod.PKI, cert_file,
                                             Path.build_filename (dir, "other-key.pem"));
            assert_not_reached ();
        } catch (OA2.Error e) {
            assert_true (e is OA2.Error.KEY_MISMATCH);
        }

        mtls_server.get_stdin_pipe ().close ();
        mtls_server.wait ();
        foreach (var name in new string[] { "ca.pem", "client.pem", "client-key.pem", "other-key.pem" })
            FileUtils.unlink (Path.build_filename (dir, name));
        DirUtils.remove (dir);
    } catch (Error e) {
        fail ("tls_client_auth", e);
    }
}

/* ---- main -------------------------------------------------------------- */

static void check_discovered (OA2.Client client, string issuer) throws Error {
    assert_cmpstr (client.issuer, CompareOperator.EQ, issuer);
    assert_cmpstr (client.token_endpoint, CompareOperator.EQ, token_endpoint);
    assert_cmpstr (client.device_authorization_endpoint, CompareOperator.EQ, "https://as.example/device");
    var metadata = client.server_metadata;
    assert_nonnull (metadata);
    assert_cmpstr (string.joinv (" ", metadata.get_id_token_signing_alg_values_supported ()), CompareOperator.EQ,
                   "ES256 RS256");
    assert_true (metadata.get_authorization_response_iss_parameter_supported ());
    assert_cmpstr (metadata.get_member ("x_mock").get_string (), CompareOperator.EQ, "yes");
    var token = client.client_credentials ("read", null, null, null, null);
    assert_fresh_token (token, "at-cc-", "read", null);
}

static void test_discovery_sync () {
    try {
        assert_cmpstr (OA2.ServerMetadata.discovery_uri ("https://example.com/issuer1", OA2.DiscoveryKind.RFC8414),
                       CompareOperator.EQ, "https://example.com/.well-known/oauth-authorization-server/issuer1");
        var auth = new OA2.ClientSecretPost (CLIENT_ID, CLIENT_SECRET);
        check_discovered (new OA2.Client.from_issuer (base_uri, OA2.DiscoveryKind.OPENID, auth, null), base_uri);
        check_discovered (new OA2.Client.from_discovery (base_uri + "/tenant/.well-known/openid-configuration",
                                                         auth, null), base_uri + "/tenant");
    } catch (Error e) {
        fail ("discovery", e);
    }
    try {
        new OA2.Client.from_issuer (base_uri + "/mismatch", OA2.DiscoveryKind.OPENID, null, null);
        assert_not_reached ();
    } catch (Error e) {
        assert_gerror (e, OA2.Error.quark (), OA2.Error.INVALID_MEMBER, "instead of");
    }
    try {
        new OA2.ServerMetadata.from_json ("{\"issuer\":\"https://as.example\",\"scopes_supported\":[1]}");
        assert_not_reached ();
    } catch (Error e) {
        assert_gerror (e, OA2.Error.quark (), OA2.Error.INVALID_MEMBER, "scopes_supported");
    }
}

static async void discovery_async () {
    try {
        var client = yield new OA2.Client.from_issuer_async (base_uri + "/tenant", OA2.DiscoveryKind.RFC8414,
                                                             new OA2.ClientSecretBasic (CLIENT_ID, CLIENT_SECRET),
                                                             null, null);
        check_discovered (client, base_uri + "/tenant");
    } catch (Error e) {
        fail ("discovery async", e);
    }
}

static void start_server () {
    var path = Environment.get_variable ("OA2_MOCK_SERVER");
    if (path == null)
        GLib.error ("OA2_MOCK_SERVER is not set: run this test through meson");
    try {
        server = new Subprocess.newv ({ path }, SubprocessFlags.STDIN_PIPE | SubprocessFlags.STDOUT_PIPE);
        var stdout_stream = new DataInputStream (server.get_stdout_pipe ());
        var line = stdout_stream.read_line_utf8 ();
        if (line == null || !line.has_prefix ("PORT "))
            GLib.error ("unexpected mock-token-server output: %s", line ?? "(EOF)");
        base_uri = "http://127.0.0.1:%s".printf (line.substring (5));
        token_endpoint = base_uri + "/token";
        slow_endpoint = base_uri + "/slow";
    } catch (Error e) {
        GLib.error ("cannot start mock-token-server: %s", e.message);
    }
}

static void stop_server () {
    try {
        /* EOF on its stdin makes it exit. */
        server.get_stdin_pipe ().close ();
        server.wait ();
    } catch (Error e) {
        warning ("stopping mock-token-server: %s", e.message);
    }
}

/* ---- JOSE -------------------------------------------------------------- */

const string ISSUER = "https://issuer.example";

static Json.Object jose_claims (int64 lifetime) {
    var now = now_unix ();
    var claims = new Json.Object ();
    claims.set_string_member ("iss", ISSUER);
    claims.set_string_member ("sub", "alice");
    var aud = new Json.Array ();
    aud.add_string_element (CLIENT_ID);
    aud.add_string_element ("someone-else");
    claims.set_array_member ("aud", aud);
    claims.set_int_member ("iat", now);
    claims.set_int_member ("exp", now + lifetime);
    return claims;
}

static string b64url (string text) {
    return Base64.encode (text.data).replace ("+", "-").replace ("/", "_").replace ("=", "");
}

static string replace_part (string compact, int index, string text) {
    var parts = compact.split (".");
    parts[index] = text;
    return string.joinv (".", parts);
}

/* Another base64url character at @index (not the last one). */
static string flip_char (string text, int index) {
    return text.splice (index, index + 1, text[index] != 'A' ? "A" : "B");
}

static void test_dpop_key () {
    try {
        var key = OA2.DPoPKey.generate (null);
        assert_cmpstr (key.alg, CompareOperator.EQ, "ES256");
        key.set_jti_func (() => "jti-1");
        key.set_iat_func (() => 1562262616);
        var proof = key.make_proof ("POST", "HTTPS://AS.Example:443/token?x=1#f",
                                    "Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU", null);
        var jwt = new OA2.Jwt.from_compact (proof);
        assert_cmpstr (jwt.get_typ (), CompareOperator.EQ, "dpop+jwt");
        assert_cmpstr (jwt.get_string_claim ("jti"), CompareOperator.EQ, "jti-1");
        assert_cmpstr (jwt.get_string_claim ("htu"), CompareOperator.EQ, "https://as.example/token");
        assert_cmpstr (jwt.get_string_claim ("ath"), CompareOperator.EQ, "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo");
        int64 iat;
        assert_true (jwt.get_int_claim ("iat", out iat));
        assert_true (iat == 1562262616);
        assert_false (jwt.get_header ().get_object_member ("jwk").has_member ("d"));
        assert_true (jwt.verify (key.dup_public_jwk (), { "ES256" }));
        assert_cmpstr (key.dup_thumbprint (), CompareOperator.EQ, key.dup_public_jwk ().dup_thumbprint ());

        key.proof_typ = "jwt";
        var again = new OA2.DPoPKey.from_json (key.to_json ());
        assert_cmpstr (again.proof_typ, CompareOperator.EQ, "jwt");
        assert_cmpstr (again.dup_thumbprint (), CompareOperator.EQ, key.dup_thumbprint ());
        try {
            new OA2.DPoPKey (OA2.Jwk.generate ("ES256").dup_public (), null);
            assert_not_reached ();
        } catch (OA2.Error e) {
            assert_true (e is OA2.Error.KEY_MISMATCH);
        }
        try {
            OA2.DPoPKey.generate ("HS256");
            assert_not_reached ();
        } catch (OA2.Error e) {
            assert_true (e is OA2.Error.UNSUPPORTED_ALGORITHM);
        }
    } catch (Error e) {
        fail ("dpop-key", e);
    }
}

/* RFC 9864: Ed25519 and Ed448 take only a key on their curve, also a key
 * that names no alg. */
static void test_jose_rfc9864_names () {
    try {
        var parser = new Json.Parser ();
        parser.load_from_data (OA2.Jwk.generate ("Ed448").to_json (true));
        var object = parser.get_root ().get_object ();
        object.remove_member ("alg");
        var key = new OA2.Jwk.from_json_object (object);
        assert_true (key.supports_alg ("Ed448"));
        assert_false (key.supports_alg ("Ed25519"));
        try {
            OA2.Jwt.sign_claims (jose_claims (3600), key, "Ed25519", null);
            assert_not_reached ();
        } catch (OA2.Error e) {
            assert_true (e is OA2.Error.KEY_MISMATCH);
        }
        var jwt = new OA2.Jwt.from_compact (OA2.Jwt.sign_claims (jose_claims (3600), key, "Ed448", null));
        assert_cmpstr (jwt.get_alg (), CompareOperator.EQ, "Ed448");
        assert_true (jwt.verify (key.dup_public (), { "Ed448" }));
        try {
            jwt.verify (key.dup_public (), { "EdDSA" });
            assert_not_reached ();
        } catch (OA2.Error e) {
            assert_true (e is OA2.Error.UNSUPPORTED_ALGORITHM);
        }
    } catch (Error e) {
        fail ("rfc9864-names", e);
    }
}

static void test_jose_sign_verify () {
    const string[] ALGS = { "ES256", "EdDSA", "Ed25519", "Ed448" };
    foreach (unowned string alg in ALGS) {
        try {
            var key = OA2.Jwk.generate (alg);
            assert_cmpstr (key.alg, CompareOperator.EQ, alg);
            assert_true (key.is_private ());
            assert_cmpstr (key.get_kid (), CompareOperator.EQ, key.dup_thumbprint ());
            var pub = key.dup_public ();
            assert_false (pub.is_private ());

            var header = new Json.Object ();
            header.set_string_member ("typ", "JWT");
            var token = OA2.Jwt.sign_claims (jose_claims (3600), key, null, header);
            var jwt = new OA2.Jwt.from_compact (token);
            assert_cmpstr (jwt.get_alg (), CompareOperator.EQ, alg);
            assert_cmpstr (jwt.get_kid (), CompareOperator.EQ, key.get_kid ());
            assert_true (jwt.verify (pub, { alg }));
            assert_true (jwt.check_typ ("JWT"));
            assert_true (jwt.validate_claims (ISSUER, CLIENT_ID, 30));
            assert_cmpstr (jwt.get_string_claim ("sub"), CompareOperator.EQ, "alice");
            int64 exp;
            assert_true (jwt.get_int_claim ("exp", out exp));
            assert_true ((exp - (now_unix () + 3600)).abs () <= 60);

            OA2.Jwk[] keys = { pub };
            var jwks = new OA2.Jwks (keys);
            assert_true (jwt.verify_with_jwks (jwks, null, OA2.JwksKeyPolicy.SINGLE));
            assert_cmpuint (jwks.select (null, alg, "sig").length, CompareOperator.EQ, 1);

            /* Other claims under the same signature. */
            var forged = new OA2.Jwt.from_compact (
                replace_part (token, 1, b64url ("{\"iss\":\"%s\",\"sub\":\"mallory\"}".printf (ISSUER))));
            Error? caught = null;
            try {
                forged.verify (pub, { alg });
            } catch (Error e) {
                caught = e;
            }
            assert_gerror (caught, OA2.Error.quark (), OA2.Error.INVALID_SIGNATURE);

            /* The same as a typed catch. */
            try {
                new OA2.Jwt.from_compact (replace_part (token, 2, flip_char (token.split (".")[2], 10))).verify (pub, null);
                assert_not_reached ();
            } catch (OA2.Error e) {
                assert_true (e is OA2.Error.INVALID_SIGNATURE);
            }

            caught = null;
            try {
                new OA2.Jwt.from_compact (OA2.Jwt.sign_claims (jose_claims (-600), key, alg, null))
                    .validate_claims (ISSUER, CLIENT_ID, 30);
            } catch (Error e) {
                caught = e;
            }
            assert_gerror (caught, OA2.Error.quark (), OA2.Error.INVALID_CLAIM);
        } catch (Error e) {
            fail (alg, e);
        }
    }
}

/* The JSON serializations: the array that parsing returns owns its tokens,
 * which Vala sees as weak references. */
static void test_jose_json_serialization () {
    try {
        var es = OA2.Jwk.generate ("ES256");
        var hs = OA2.Jwk.generate ("HS256");
        var payload = new Bytes ("{\"iss\":\"%s\",\"sub\":\"alice\"}".printf (ISSUER).data);
        var unprotected = new Json.Object ();
        unprotected.set_string_member ("kid", hs.get_kid ());
        var flattened = OA2.Jwt.sign_json (payload, es, null, null, null);
        var general = OA2.Jwt.add_json_signature (flattened, hs, null, null, unprotected);

        OA2.Jwt es_jwt;
        {
            var jwts = OA2.Jwt.parse_json_serialization (general);
            assert_cmpuint (jwts.length, CompareOperator.EQ, 2);
            es_jwt = jwts[0];
            unowned OA2.Jwt hs_jwt = jwts[1];
            assert_true (hs_jwt.verify (hs, { "HS256" }));
            assert_cmpstr (hs_jwt.get_kid (), CompareOperator.EQ, hs.get_kid ());
            assert_null (hs_jwt.get_compact ());
            assert_nonnull (hs_jwt.get_unprotected_header ());
            assert_cmpuint (hs_jwt.get_protected_header ().get_size (), CompareOperator.EQ, 1);
        }
        /* A token taken out of the array outlives it. */
        assert_true (es_jwt.verify (es.dup_public (), { "ES256" }));
        assert_true (es_jwt.validate_claims (ISSUER, null, 30));

        Error? caught = null;
        try {
            OA2.Jwt.parse_json_serialization ("{\"payload\":\"e30\"}");
        } catch (Error e) {
            caught = e;
        }
        assert_gerror (caught, OA2.Error.quark (), OA2.Error.MALFORMED_TOKEN);
    } catch (Error e) {
        fail ("JSON serialization", e);
    }
}

static void test_jose_unsigned () {
    try {
        var key = OA2.Jwk.generate ("ES256").dup_public ();
        var jwt = new OA2.Jwt.from_compact (b64url ("{\"alg\":\"none\"}") + "." + b64url ("{\"iss\":\"x\"}") + ".");
        Error? caught = null;
        try {
            jwt.verify (key, null);
        } catch (Error e) {
            caught = e;
        }
        assert_gerror (caught, OA2.Error.quark (), OA2.Error.UNSECURED_TOKEN);
        caught = null;
        try {
            jwt.verify (key, { "ES256" });
        } catch (Error e) {
            caught = e;
        }
        assert_gerror (caught, OA2.Error.quark (), OA2.Error.UNSECURED_TOKEN);
        assert_true (jwt.verify (null, { "none" }));
    } catch (Error e) {
        fail ("unsigned", e);
    }
}

static void test_jose_jwk_round_trip () {
    try {
        var key = OA2.Jwk.generate ("EdDSA");
        var thumbprint = key.dup_thumbprint ();
        assert_cmpstr (key.dup_thumbprint_uri (), CompareOperator.EQ,
                       "urn:ietf:params:oauth:jwk-thumbprint:sha-256:" + thumbprint);
        var again = new OA2.Jwk.from_json (key.to_json (true));
        assert_true (again.is_private ());
        assert_cmpstr (again.dup_thumbprint (), CompareOperator.EQ, thumbprint);
        var public_json = key.to_json (false);
        assert_false ("\"d\"" in public_json);
        var pub = new OA2.Jwk.from_json (public_json);
        assert_false (pub.is_private ());
        assert_cmpstr (pub.dup_thumbprint (), CompareOperator.EQ, thumbprint);
        assert_cmpstr (pub.get_crv (), CompareOperator.EQ, "Ed25519");
    } catch (Error e) {
        fail ("jwk", e);
    }
}

static void test_jose_jwe () {
    const string[] ALGS = { "RSA-OAEP-256", "ECDH-ES" };
    const string[] ENCS = { "A256GCM", "A128GCM" };
    for (var i = 0; i < ALGS.length; i++) {
        try {
            var key = OA2.Jwk.generate (ALGS[i]);
            var plaintext = new Bytes ("Grüße, JWE!".data);
            var token = OA2.jwe_encrypt (plaintext, key.dup_public (), null, ENCS[i], null);
            Json.Object header;
            var decrypted = OA2.jwe_decrypt (token, key, { ALGS[i] }, { ENCS[i] }, out header);
            assert_true (decrypted.compare (plaintext) == 0);
            assert_cmpstr (header.get_string_member ("alg"), CompareOperator.EQ, ALGS[i]);

            var tampered = replace_part (token, 3, flip_char (token.split (".")[3], 2));
            Error? caught = null;
            try {
                OA2.jwe_decrypt (tampered, key, null, null, out header);
            } catch (Error e) {
                caught = e;
            }
            assert_gerror (caught, OA2.Error.quark (), OA2.Error.DECRYPTION_FAILED);
        } catch (Error e) {
            fail (ALGS[i], e);
        }
    }
}

int main (string[] args) {
    Test.init (ref args);
    start_server ();

    Test.add_func ("/oa2/vala/types", test_types);
    Test.add_func ("/oa2/vala/client/properties", test_client_properties);
    Test.add_func ("/oa2/vala/client-credentials/sync-post", test_client_credentials_sync_post);
    Test.add_func ("/oa2/vala/client-credentials/sync-basic", test_client_credentials_sync_basic);
    Test.add_func ("/oa2/vala/client-credentials/client-assertions", test_client_assertions);
    Test.add_func ("/oa2/vala/jwt-bearer", test_jwt_bearer);
    Test.add_func ("/oa2/vala/saml2-bearer", test_saml2_bearer);
    Test.add_func ("/oa2/vala/client-credentials/tls-client-auth", test_tls_client_auth);
    Test.add_func ("/oa2/vala/client-credentials/async", () => {
        run_async ((cb) => client_credentials_async_both.begin (cb));
    });
    Test.add_func ("/oa2/vala/client-credentials/one-client-many-calls", () => {
        run_async ((cb) => one_client_many_calls.begin (cb));
    });
    Test.add_func ("/oa2/vala/client-credentials/extra-params", test_resources_and_extra_params);
    Test.add_func ("/oa2/vala/errors/invalid-client-sync", test_invalid_client_sync);
    Test.add_func ("/oa2/vala/errors/invalid-client-typed-catch", test_invalid_client_typed_catch);
    Test.add_func ("/oa2/vala/errors/invalid-client-async", () => {
        run_async ((cb) => invalid_client_async.begin (cb));
    });
    Test.add_func ("/oa2/vala/refresh-token/sync", test_refresh_token_sync);
    Test.add_func ("/oa2/vala/refresh-token/async", () => {
        run_async ((cb) => refresh_token_async.begin (cb));
    });
    Test.add_func ("/oa2/vala/password/sync", test_password_sync);
    Test.add_func ("/oa2/vala/password/async", () => {
        run_async ((cb) => password_async.begin (cb));
    });
    Test.add_func ("/oa2/vala/authorization-code/sync", test_authorization_code_sync);
    Test.add_func ("/oa2/vala/authorization-code/async", () => {
        run_async ((cb) => authorization_code_async.begin (cb));
    });
    Test.add_func ("/oa2/vala/token-request/sync", test_token_request_sync);
    Test.add_func ("/oa2/vala/token-request/async", () => {
        run_async ((cb) => token_request_async.begin (cb));
    });
    Test.add_func ("/oa2/vala/token/json-round-trip", test_token_json_round_trip);
    Test.add_func ("/oa2/vala/token/local", test_local_tokens);
    Test.add_func ("/oa2/vala/token/authorize-message", () => {
        run_async ((cb) => authorize_message_and_send.begin (cb));
    });
    Test.add_func ("/oa2/vala/dpop-token/send", () => {
        run_async ((cb) => dpop_token_and_send.begin (cb));
    });
    Test.add_func ("/oa2/vala/dpop-token/settings", test_dpop_settings);
    Test.add_func ("/oa2/vala/timeout/sync", test_timeout_sync);
    Test.add_func ("/oa2/vala/timeout/async", () => {
        run_async ((cb) => timeout_async.begin (cb));
    });
    Test.add_func ("/oa2/vala/cancellation/async", () => {
        run_async ((cb) => cancellation_async.begin (cb));
    });
    Test.add_func ("/oa2/vala/subclass/client-auth", () => {
        run_async ((cb) => vala_client_auth.begin (cb));
    });
    Test.add_func ("/oa2/vala/subclass/on-token-error", () => {
        run_async ((cb) => vala_on_token_error.begin (cb));
    });
    Test.add_func ("/oa2/vala/subclass/parse-token-response", () => {
        test_parse_token_response_override ();
    });

    Test.add_func ("/oa2/vala/token-exchange/sync", test_token_exchange);
    Test.add_func ("/oa2/vala/token-exchange/issued", test_token_exchange_issued);
    Test.add_func ("/oa2/vala/token-exchange/async", () => {
        run_async ((cb) => token_exchange_async.begin (cb));
    });
    Test.add_func ("/oa2/vala/ciba", () => {
        run_async ((cb) => ciba_async.begin (cb));
    });
    Test.add_func ("/oa2/vala/revoke-and-introspect", () => {
        run_async ((cb) => revoke_and_introspect.begin (cb));
    });
    Test.add_func ("/oa2/vala/discovery/sync", test_discovery_sync);
    Test.add_func ("/oa2/vala/discovery/async", () => {
        run_async ((cb) => discovery_async.begin (cb));
    });
    Test.add_func ("/oa2/vala/jose/sign-verify", test_jose_sign_verify);
    Test.add_func ("/oa2/vala/jose/rfc9864-names", test_jose_rfc9864_names);
    Test.add_func ("/oa2/vala/dpop-key", test_dpop_key);
    Test.add_func ("/oa2/vala/jose/unsigned", test_jose_unsigned);
    Test.add_func ("/oa2/vala/jose/json-serialization", test_jose_json_serialization);
    Test.add_func ("/oa2/vala/jose/jwk-round-trip", test_jose_jwk_round_trip);
    Test.add_func ("/oa2/vala/jose/jwe", test_jose_jwe);
    Test.add_func ("/oa2/vala/authorization-request", test_authorization_request);
    Test.add_func ("/oa2/vala/jar-jarm", test_jar_jarm);

    var status = Test.run ();
    stop_server ();
    return status;
}
