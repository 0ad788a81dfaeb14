// Too many failed sign-ins: the 429 answer is shown on the sign-in page.
// (Own server: the throttle also counts per client address.) Failures count
// per (account, address): the same account still signs in from elsewhere.
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { newPage, useEnv, VIEWER } from '../harness.mjs';

const env = useEnv(before, after);

// POST /api/v1/auth/login from the local address `from` (127.0.0.0/8 is all loopback).
function signInFrom(from, email, password) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${env.server.baseUrl}/api/v1/auth/login`, {
      method: 'POST', localAddress: from, headers: { 'Content-Type': 'application/json' },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ email, password }));
  });
}

test('after repeated wrong passwords the sign-in page says to wait', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { allowHttp: [/^40[19] POST \/api\/v1\/auth\/login$/, /^429 POST \/api\/v1\/auth\/login$/] });
  try {
    await page.goto('/signin');
    const alert = page.getByRole('alert');
    let last = '';
    for (let i = 0; i < 12; i++) {
      await page.getByLabel('E-mail').fill(VIEWER.email);
      await page.getByLabel('Password').fill(`wrong password ${i}`);
      const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      const res = await answer;
      await alert.waitFor();
      last = await alert.innerText();
      if (res.status() === 429) break;
      assert.equal(res.status(), 401);
    }
    assert.match(last, /too many|try again|wait/i);
    // Even the right password is refused while throttled, and the page says so.
    await page.getByLabel('Password').fill(VIEWER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText(/too many|try again/i).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
    // The browser's address is throttled, the account is not: from another
    // client address the right password signs in.
    const elsewhere = await signInFrom('127.0.0.2', VIEWER.email, VIEWER.password);
    assert.equal(elsewhere, 200);
    assertClean();
  } finally {
    await close();
  }
});
