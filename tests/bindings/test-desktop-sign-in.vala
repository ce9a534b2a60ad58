/* test-desktop-sign-in.vala: the loopback receiver and the desktop sign-in
 * through the generated VAPI
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A GLib test program (TAP with --tap) that the Vala compiler checks
 * against the VAPI: OA2.LoopbackReceiver (listen, redirect_uri, a receive
 * that a request from this process answers) and OA2.DesktopSignIn
 * (construct, properties, the prepare_request signal, run_async with
 * `yield`, cancelled). The whole sign-in against a provider runs in the
 * interop, Python and GJS tests.
 */

static void test_receiver () {
    var receiver = new OA2.LoopbackReceiver ();
    assert_null (receiver.redirect_uri);
    receiver.timeout = 30;
    try {
        receiver.listen ();
    } catch (Error e) {
        GLib.error ("listen: %s", e.message);
    }
    assert_cmpstr (receiver.redirect_uri, CompareOperator.EQ,
                   "http://127.0.0.1:%u/callback".printf (receiver.port));

    OA2.AuthorizationRequest request;
    try {
        request = new OA2.AuthorizationRequest ("https://as.example/authorize", "app",
                                                receiver.redirect_uri, "openid");
    } catch (Error e) {
        GLib.error ("request: %s", e.message);
    }
    var loop = new MainLoop ();
    OA2.AuthorizationResponse? response = null;
    receiver.receive_async.begin (request, null, (obj, res) => {
        try {
            response = receiver.receive_async.end (res);
        } catch (Error e) {
            GLib.error ("receive: %s", e.message);
        }
        loop.quit ();
    });

    /* The browser, coming back with the code. */
    var session = new Soup.Session ();
    var message = new Soup.Message ("GET", "%s?code=vala-code&state=%s".printf (
        receiver.redirect_uri, Uri.escape_string (request.get_state (), null, true)));
    session.send_and_read_async.begin (message, Priority.DEFAULT, null, (obj, res) => {
        try {
            session.send_and_read_async.end (res);
        } catch (Error e) {
            GLib.error ("GET: %s", e.message);
        }
    });
    loop.run ();
    assert_nonnull (response);
    assert_cmpstr (response.get_code (), CompareOperator.EQ, "vala-code");
    assert_cmpuint (message.get_status (), CompareOperator.EQ, Soup.Status.OK);
}

static void test_sign_in_cancelled () {
    var client = (OA2.Client) Object.new (typeof (OA2.Client),
                                          "token-endpoint", "https://as.example/token",
                                          "authorization-endpoint", "https://as.example/authorize",
                                          "issuer", "https://as.example",
                                          "client-auth", new OA2.PublicApp ("app"));
    var sign_in = new OA2.DesktopSignIn (client, "openid email");
    assert_cmpstr (sign_in.scope, CompareOperator.EQ, "openid email");
    sign_in.open_browser = false;
    sign_in.receiver.timeout = 30;
    int prepared = 0;
    sign_in.prepare_request.connect ((request) => {
        request.set_prompt ("login");
        prepared++;
    });

    var loop = new MainLoop ();
    var cancellable = new Cancellable ();
    Error? error = null;
    sign_in.run_async.begin (cancellable, (obj, res) => {
        try {
            sign_in.run_async.end (res);
        } catch (Error e) {
            error = e;
        }
        loop.quit ();
    });
    Idle.add (() => {
        cancellable.cancel ();
        return Source.REMOVE;
    });
    loop.run ();
    assert_cmpint (prepared, CompareOperator.EQ, 1);
    assert_true (sign_in.authorization_uri.has_prefix ("https://as.example/authorize?"));
    assert_true ("prompt=login" in sign_in.authorization_uri);
    assert_true (error is IOError.CANCELLED);
    /* The run gave the receiver its client, which validates JARM. */
    assert_true (sign_in.receiver.client == client);
}

/* JARM and JAR through the VAPI: the receiver's client, the sign-in's
 * encrypt_request_object, and a fragment mode refused at once. */
static void test_jarm_jar_api () {
    var client = (OA2.Client) Object.new (typeof (OA2.Client),
                                          "token-endpoint", "https://as.example/token",
                                          "authorization-endpoint", "https://as.example/authorize",
                                          "issuer", "https://as.example",
                                          "client-auth", new OA2.PublicApp ("app"));
    var sign_in = new OA2.DesktopSignIn (client, "openid");
    assert_false (sign_in.encrypt_request_object);
    sign_in.encrypt_request_object = true;
    assert_true (sign_in.get_encrypt_request_object ());
    sign_in.encrypt_request_object = false;
    sign_in.open_browser = false;
    sign_in.prepare_request.connect ((request) => {
        request.set_response_mode ("fragment.jwt");
    });
    var loop = new MainLoop ();
    Error? error = null;
    sign_in.run_async.begin (null, (obj, res) => {
        try {
            sign_in.run_async.end (res);
        } catch (Error e) {
            error = e;
        }
        loop.quit ();
    });
    loop.run ();
    assert_true (error is OA2.Error.INVALID_ARGUMENT);

    var receiver = new OA2.LoopbackReceiver ();
    assert_null (receiver.client);
    receiver.set_client (client);
    assert_true (receiver.get_client () == client);
}

public static int main (string[] args) {
    Test.init (ref args);
    Test.add_func ("/oa2/vala/loopback-receiver", test_receiver);
    Test.add_func ("/oa2/vala/desktop-sign-in/cancelled", test_sign_in_cancelled);
    Test.add_func ("/oa2/vala/desktop-sign-in/jarm-jar-api", test_jarm_jar_api);
    return Test.run ();
}
