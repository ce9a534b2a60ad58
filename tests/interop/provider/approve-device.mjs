// The user on the other device, for the device-flow tests and the demo.
//
//   node approve-device.mjs ISSUER USER_CODE [approve|deny] [DELAY_MS]
//
// Waits DELAY_MS (default 0), then approves (default) or denies USER_CODE
// through the test-only route of provider.mjs's device-flow block
// (POST ISSUER/test/device-decision). Exit status 0 when the provider
// accepted the decision; otherwise a message on stderr and status 1.

const [issuer, userCode, decision = 'approve', delay = '0'] = process.argv.slice(2);

if (!issuer || !userCode || !['approve', 'deny'].includes(decision)) {
  process.stderr.write('usage: node approve-device.mjs ISSUER USER_CODE [approve|deny] [DELAY_MS]\n');
  process.exit(2);
}

await new Promise((resolve) => { setTimeout(resolve, Number(delay)); });

try {
  const response = await fetch(new URL('/test/device-decision', issuer), {
    method: 'POST',
    body: new URLSearchParams({ user_code: userCode, decision }),
    signal: AbortSignal.timeout(10_000),
  });
  if (response.status !== 204) {
    process.stderr.write(`approve-device.mjs: HTTP ${response.status}: ${await response.text()}\n`);
    process.exit(1);
  }
} catch (err) {
  process.stderr.write(`approve-device.mjs: ${err.message}\n`);
  process.exit(1);
}
