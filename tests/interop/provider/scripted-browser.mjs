// A scripted browser for OA2_BROWSER: signs in through login.mjs, then
// follows the redirect back to the application (a GET of the redirect URI,
// as a browser does, or for form_post modes the POST that the provider's
// page makes), so that a loopback receiver gets it.
//
//   OA2_BROWSER="node tests/interop/provider/scripted-browser.mjs" …
//   node scripted-browser.mjs '<authorization URL>'
//
// Exit status 0 when the application answered the redirect with 200; any
// failure goes to stderr and exits 1 (which the library reports as a failed
// browser command).

import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const REQUEST_TIMEOUT_MS = 10_000;

function fail(message) {
  process.stderr.write(`scripted-browser.mjs: ${message}\n`);
  process.exit(1);
}

const [url] = process.argv.slice(2);
if (!url || process.argv.length > 3) fail('usage: node scripted-browser.mjs <authorization-url>');

let callback;
try {
  const login = fileURLToPath(new URL('login.mjs', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [login, url], { timeout: 30_000 });
  callback = stdout.trim();
} catch (err) {
  fail(`login failed: ${(err.stderr || err.message).trim()}`);
}

// A form_post response: login.mjs printed the form's action and fields,
// which the provider's page would have a browser post.
const [target, form] = callback.split('\n');
let res;
try {
  res = await fetch(target, {
    redirect: 'manual',
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    ...(form !== undefined ? {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    } : {}),
  });
  await res.arrayBuffer();
} catch (err) {
  fail(`${form !== undefined ? 'POST' : 'GET'} of the redirect failed: ${err.cause?.message || err.message}`);
}
if (res.status !== 200) fail(`the application answered the redirect with ${res.status}`);
