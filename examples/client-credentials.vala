/* client-credentials.vala: get a token for the client itself, asynchronously
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The client credentials grant (RFC 6749 §4.4) from Vala: an async method
 * that waits for the token with `yield`, on a GLib main loop. The secret
 * comes from the environment only (a command line is visible to every user
 * through ps), and the token itself is never printed.
 *
 *   valac --pkg oauth2client-glib-1 client-credentials.vala
 *   export OA2_EXAMPLE_TOKEN_ENDPOINT=https://as.example.com/token
 *   export OA2_EXAMPLE_CLIENT_ID=my-client
 *   export OA2_EXAMPLE_CLIENT_SECRET=...      # never on the command line
 *   export OA2_EXAMPLE_AUTH=basic             # or post (the default)
 *   ./client-credentials --scope "api:read"   # or OA2_EXAMPLE_SCOPE
 *
 * meson builds it as examples/client-credentials-vala when the VAPI is
 * built. G_MESSAGES_DEBUG=OA2 shows the HTTP exchange with secrets redacted.
 *
 * With `using OA2;`, a bare `Error` would be ambiguous: OA2.Error is the
 * library's error domain. Errors are caught as GLib.Error.
 */

using OA2;

static string? scope = null;

const OptionEntry[] OPTIONS = {
    { "scope", 0, 0, OptionArg.STRING, ref scope, "The scope to ask for (or OA2_EXAMPLE_SCOPE)", "SCOPE" },
    { null }
};

/* The error domain and code, by name when the library defines it. */
static string describe_error (GLib.Error error) {
    var details = "error domain %s, code %d".printf (error.domain.to_string (), error.code);
    Type enum_type = Type.INVALID;

    if (error.domain == OAuthError.quark ())
        enum_type = typeof (OAuthError);
    else if (error.domain == OA2.Error.quark ())
        enum_type = typeof (OA2.Error);
    if (enum_type != Type.INVALID) {
        unowned EnumValue? value = ((EnumClass) enum_type.class_ref ()).get_value (error.code);
        if (value != null)
            details += " (%s)".printf (value.value_name);
    }

    unowned string? server_code = OA2.Error.get_server_code (error);
    if (server_code != null)
        details += ", server error “%s”, HTTP status %u".printf (server_code, OA2.Error.get_http_status (error));
    return details;
}

static void print_token (BearerToken token) {
    // Never print token.access_token.
    print ("token type:     %s\n", token.token_type);
    print ("scope:          %s\n", token.scope ?? "(as requested)");
    unowned DateTime? expires_at = token.get_expires_at ();
    if (expires_at != null) {
        print ("expires at:     %s\n", expires_at.to_local ().format_iso8601 ());
        print ("remaining:      %" + int64.FORMAT + " s\n", token.get_expires_in ());
    } else {
        print ("expires at:     unknown (the server sent no expires_in)\n");
    }
    print ("refresh token:  %s\n", token.refresh_token != null ? "yes" : "no");
}

/* Runs the grant and returns the exit status. */
static async int get_token (Client client) {
    try {
        var token = yield client.client_credentials_async (scope, null, null, null, null);
        print_token (token);
        return 0;
    } catch (GLib.Error error) {
        printerr ("client-credentials: %s\n", error.message);
        printerr ("  (%s)\n", describe_error (error));
        return 1;
    }
}

int main (string[] args) {
    try {
        var context = new OptionContext (null);
        context.set_summary ("Get a token with the client credentials grant.\n" +
                             "The client secret is read from OA2_EXAMPLE_CLIENT_SECRET only.");
        context.add_main_entries (OPTIONS, null);
        context.parse (ref args);
    } catch (OptionError error) {
        printerr ("client-credentials: %s\n", error.message);
        return 2;
    }

    var endpoint = Environment.get_variable ("OA2_EXAMPLE_TOKEN_ENDPOINT");
    var client_id = Environment.get_variable ("OA2_EXAMPLE_CLIENT_ID");
    var secret = Environment.get_variable ("OA2_EXAMPLE_CLIENT_SECRET");
    var method = Environment.get_variable ("OA2_EXAMPLE_AUTH") ?? "post";
    if (scope == null)
        scope = Environment.get_variable ("OA2_EXAMPLE_SCOPE");

    if (endpoint == null || client_id == null || secret == null) {
        printerr ("client-credentials: set OA2_EXAMPLE_TOKEN_ENDPOINT, OA2_EXAMPLE_CLIENT_ID " +
                  "and OA2_EXAMPLE_CLIENT_SECRET\n");
        return 2;
    }

    ClientAuth auth;
    if (method == "basic") {
        auth = new ClientSecretBasic (client_id, secret);
    } else if (method == "post") {
        auth = new ClientSecretPost (client_id, secret);
    } else {
        printerr ("client-credentials: the authentication method is basic or post, not “%s”\n", method);
        return 2;
    }

    // Keep standard output for results; debug traces go to standard error.
    Log.writer_default_set_use_stderr (true);

    var loop = new MainLoop ();
    int status = 1;
    get_token.begin (new Client (endpoint, auth), (source, result) => {
        status = get_token.end (result);
        loop.quit ();
    });
    loop.run ();
    return status;
}
