// Every page loads under the server's Content-Security-Policy without a
// violation, without script errors and without requests to other hosts.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, apiCall, newPage, QM, shot, signIn, useEnv } from '../harness.mjs';

const env = useEnv(before, after);

/** Every control has a label, ids are unique, and there are header/nav/main landmarks. */
async function checkA11y(page, where) {
  const problems = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (el.type === 'hidden') continue;
      const named = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      if (!named) out.push(`unlabelled ${el.tagName.toLowerCase()}#${el.id}`);
    }
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    for (const [id, n] of seen) if (n > 1) out.push(`duplicate id ${id}`);
    for (const sel of ['header', 'nav', 'main']) if (!document.querySelector(sel)) out.push(`no <${sel}>`);
    for (const b of document.querySelectorAll('button, a[href]')) {
      if (!(b.textContent || '').trim() && !b.getAttribute('aria-label')) out.push(`unnamed ${b.tagName.toLowerCase()}`);
    }
    return out;
  });
  assert.deepEqual(problems, [], where);
}

test('the server sends a Content-Security-Policy for the UI', async () => {
  const res = await fetch(`${env.server.baseUrl}/customers`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'/);
  const html = await res.text();
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, 'no inline <script> in index.html');
  assert.doesNotMatch(html, /\sstyle=/i, 'no inline style attribute in index.html');
});

test('no page violates the Content-Security-Policy', async () => {
  const { page, problems, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await page.goto('/signin');
    await page.getByLabel('E-mail').waitFor();
    await shot(page, 'signin');
    await signIn(page, ADMIN);

    const seg = await apiCall(page, 'POST', '/api/v1/segments', {
      name: 'Retail',
      description: 'Walk-in and online shoppers',
      needs: [
        { description: 'Friendly staff', class: 'performance', importance: 4 },
        { description: 'Surprise gift', class: 'delighter', importance: 2 },
      ],
    });
    assert.equal(seg.status, 201, JSON.stringify(seg.body));
    const cust = await apiCall(page, 'POST', '/api/v1/customers', {
      kind: 'person',
      name: 'Jo Example',
      email: 'jo@example.com',
      segment_id: seg.body.id,
      tags: ['vip'],
      consent_survey: true,
    });
    assert.equal(cust.status, 201, JSON.stringify(cust.body));
    const req = await apiCall(page, 'POST', '/api/v1/requirements', {
      scope: 'segment',
      segment_id: seg.body.id,
      kind: 'implied',
      text: 'Receipts are available by e-mail.',
      source_ref: '',
    });
    assert.equal(req.status, 201, JSON.stringify(req.body));
    const comm = await apiCall(page, 'POST', '/api/v1/communications', {
      customer_id: cust.body.id,
      channel: 'phone',
      direction: 'inbound',
      subject: 'Asked about opening hours',
      body: 'Called to ask whether the shop opens on Sundays.',
      occurred_at: new Date().toISOString(),
    });
    assert.equal(comm.status, 201, JSON.stringify(comm.body));

    const pages = [
      ['/customers', 'Customers', 'customers'],
      ['/customers/new', 'New customer', 'customer-new'],
      [`/customers/${cust.body.id}`, 'Jo Example', 'customer'],
      ['/segments', 'Segments', 'segments-list'],
      ['/requirements', 'Requirements register', 'requirements'],
      [`/requirements/${req.body.id}`, `Requirement #${req.body.id}`, 'requirement-segment'],
      ['/communications', 'Communications', 'communications'],
      ['/audit', 'Audit trail', 'audit'],
      ['/users', 'Users', 'users'],
      ['/settings', 'Settings', 'settings'],
      ['/tokens', 'API tokens', 'tokens'],
    ];
    for (const [url, heading, name] of pages) {
      await page.goto(url);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      await checkA11y(page, url);
      await shot(page, name);
    }

    // Interactions that render more UI.
    await page.goto(`/customers/${cust.body.id}`);
    await page.getByRole('tab', { name: 'Communications' }).click();
    await page.getByText('Asked about opening hours').waitFor();
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('table.audit tbody tr').first().waitFor();
    await page.goto('/audit');
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/Chain intact/).waitFor();
    await shot(page, 'audit-verified');
    await page.goto('/requirements');
    await page.getByRole('button', { name: 'New requirement' }).click();
    await page.getByLabel('Applies to').selectOption('all');
    await page.getByLabel('Requirement text').fill('Invoices state the VAT rate.');
    await page.getByRole('button', { name: 'Add requirement' }).click();
    await page.getByRole('link', { name: 'Invoices state the VAT rate.' }).waitFor();

    // An API token: shown once, works as a bearer token, can be revoked.
    await page.goto('/tokens');
    await page.getByLabel('What it is for').fill('nightly export');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.locator('code.token').innerText()).trim();
    assert.ok(token.length >= 20);
    const withToken = await fetch(`${env.server.baseUrl}/api/v1/customers`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(withToken.status, 200);
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Yes, revoke' }).click();
    await page.locator('.badge-revoked').waitFor();
    const revoked = await fetch(`${env.server.baseUrl}/api/v1/customers`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(revoked.status, 401);

    assert.deepEqual(problems, []);
    assertClean();
  } finally {
    await close();
  }
});

test('a quality manager can verify the chain and create segments but not see Users', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, QM);
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'Users' }).count(), 0);
    await nav.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('button', { name: 'New segment' }).waitFor();
    await nav.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/Chain intact/).waitFor();
    assertClean();
  } finally {
    await close();
  }
});
