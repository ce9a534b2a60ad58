// Scripted end-user sign-in and consent against provider.mjs.
//
//   node login.mjs '<authorization URL>'
//
// Walks the authorization request through the provider's development
// interaction pages (/interaction/:uid) with node's built-in fetch, following
// redirects by hand and keeping a small cookie jar, signs in as "alice" (the
// development login accepts any password; this script sends LOGIN_PASSWORD)
// and grants consent.  Stops at the first redirect that leaves the provider's
// origin, i.e. the redirect back to the client, and prints that URL on stdout
// as the only line, without fetching it; for a form_post response mode, two
// lines: the form's action and its fields, without posting them.  Exit
// status 0 on success.
//
// Any failure (network error, unexpected page, an error redirect such as
// error=invalid_request, too many steps) goes to stderr and exits 1.

const LOGIN = 'alice';
const LOGIN_PASSWORD = 'alice-password';
const MAX_STEPS = 20;
const REQUEST_TIMEOUT_MS = 10_000;

function fail(message) {
  process.stderr.write(`login.mjs: ${message}\n`);
  process.exit(1);
}

// ---------------------------------------------------------------------------
// Cookie jar: only for the provider's origin, honouring Path and deletion
// (Max-Age <= 0 / Expires in the past / empty value).  Enough for the
// provider's _session, _interaction and _interaction_resume cookies and
// their .sig companions.
class CookieJar {
  #cookies = new Map(); // `${name}\0${path}` -> { name, value, path }

  store(setCookieHeaders, requestUrl) {
    for (const header of setCookieHeaders) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path;
      let expired = value === '';
      for (const attribute of attributes) {
        const [rawKey, ...rest] = attribute.split('=');
        const key = rawKey.trim().toLowerCase();
        const attrValue = rest.join('=').trim();
        if (key === 'path' && attrValue.startsWith('/')) path = attrValue;
        if (key === 'max-age' && Number(attrValue) <= 0) expired = true;
        if (key === 'expires' && Date.parse(attrValue) <= Date.now()) expired = true;
      }
      if (path === undefined) {
        // RFC 6265 §5.1.4 default-path.
        const p = requestUrl.pathname;
        path = p.lastIndexOf('/') > 0 ? p.slice(0, p.lastIndexOf('/')) : '/';
      }
      const key = `${name}\0${path}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { name, value, path });
    }
  }

  headerFor(url) {
    const matches = [...this.#cookies.values()].filter(({ path }) => (
      url.pathname === path
      || (url.pathname.startsWith(path) && (path.endsWith('/') || url.pathname[path.length] === '/'))
    ));
    // Longer paths first, as browsers do.
    matches.sort((a, b) => b.path.length - a.path.length);
    return matches.map(({ name, value }) => `${name}=${value}`).join('; ');
  }
}

// ---------------------------------------------------------------------------
// Minimal HTML helpers for the provider's own pages.
function unescapeHtml(text) {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function pageText(html) {
  return unescapeHtml(html.replace(/<style[\s\S]*?<\/style>/gi, '').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
}

// Returns { action, prompt } for the page's interaction form, or undefined.
// The form of a form_post response page: one whose action leaves the
// provider's origin; its hidden inputs are the response parameters.
function findResponseForm(html, pageUrl, providerOrigin) {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return null;
  const action = /\baction="([^"]*)"/i.exec(form[1]);
  if (!action) return null;
  const target = new URL(unescapeHtml(action[1]), pageUrl);
  if (target.origin === providerOrigin) return null;
  const fields = new URLSearchParams();
  for (const input of form[2].matchAll(/<input\b([^>]*)>/gi)) {
    const name = /\bname="([^"]*)"/i.exec(input[1]);
    const value = /\bvalue="([^"]*)"/i.exec(input[1]);
    if (name) fields.append(unescapeHtml(name[1]), value ? unescapeHtml(value[1]) : '');
  }
  return { action: target, fields };
}

function findInteractionForm(html) {
  const form = /<form\b[^>]*\baction="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const prompt = /<input\b[^>]*\bname="prompt"[^>]*\bvalue="([^"]*)"/i.exec(form[2]);
  return { action: unescapeHtml(form[1]), prompt: prompt ? unescapeHtml(prompt[1]) : undefined };
}

// ---------------------------------------------------------------------------
async function main() {
  const [arg] = process.argv.slice(2);
  if (!arg || process.argv.length > 3) {
    fail('usage: node login.mjs <authorization-url>');
  }

  let url;
  try {
    url = new URL(arg);
  } catch {
    fail(`not a URL: ${arg}`);
  }
  const providerOrigin = url.origin;
  const jar = new CookieJar();

  let method = 'GET';
  let body;

  for (let step = 1; step <= MAX_STEPS; step += 1) {
    const headers = { accept: 'text/html' };
    const cookie = jar.headerFor(url);
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';

    let res;
    try {
      res = await fetch(url, {
        method,
        body,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      fail(`${method} ${url.href} failed: ${err.cause?.message || err.message}`);
    }
    jar.store(res.headers.getSetCookie(), url);

    if (res.status >= 300 && res.status < 400) {
      await res.arrayBuffer(); // drain
      const location = res.headers.get('location');
      if (!location) fail(`${res.status} from ${url.href} without a Location header`);
      const next = new URL(location, url);

      if (next.origin !== providerOrigin) {
        // Back at the client: done.  Report an error response as a failure.
        const params = next.searchParams;
        if (params.has('error')) {
          const description = params.get('error_description');
          fail(`authorization failed: ${params.get('error')}${description ? `: ${description}` : ''} (redirect ${next.href})`);
        }
        // A JARM response (query.jwt) carries its code inside "response".
        if (!params.has('code') && !params.has('response')) {
          fail(`redirect to the client carries no code: ${next.href}`);
        }
        process.stdout.write(`${next.href}\n`);
        return;
      }

      url = next;
      method = 'GET';
      body = undefined;
      continue;
    }

    const html = await res.text();
    if (res.status !== 200) {
      fail(`${method} ${url.href} answered ${res.status}: ${pageText(html)}`);
    }

    // form_post and form_post.jwt: the provider answers with a page whose
    // form posts the response to the client, as a browser would submit
    // it.  Printed as two lines: the form's action, then its fields
    // (application/x-www-form-urlencoded); scripted-browser.mjs posts them.
    const posted = findResponseForm(html, url, providerOrigin);
    if (posted) {
      if (posted.fields.has('error')) {
        fail(`authorization failed: ${posted.fields.get('error')} (form_post to ${posted.action.href})`);
      }
      if (!posted.fields.has('code') && !posted.fields.has('response')) {
        fail(`form_post to the client carries no code: ${posted.action.href}`);
      }
      process.stdout.write(`${posted.action.href}\n${posted.fields.toString()}\n`);
      return;
    }

    const form = findInteractionForm(html);
    if (!form) {
      fail(`no interaction form on ${url.href}: ${pageText(html)}`);
    }

    let fields;
    switch (form.prompt) {
      case 'login':
        fields = { prompt: 'login', login: LOGIN, password: LOGIN_PASSWORD };
        break;
      case 'consent':
        fields = { prompt: 'consent' };
        break;
      default:
        fail(`unexpected interaction prompt ${JSON.stringify(form.prompt)} on ${url.href}`);
    }

    url = new URL(form.action, url);
    if (url.origin !== providerOrigin) fail(`form posts off-origin to ${url.href}`);
    method = 'POST';
    body = new URLSearchParams(fields).toString();
  }

  fail(`gave up after ${MAX_STEPS} requests without reaching the client's redirect URI`);
}

main().catch((err) => fail(err.stack || String(err)));
