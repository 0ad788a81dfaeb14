// Roles hide what they cannot do; sign-in errors; sign-out ends the session.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, apiCall, newPage, signIn, useEnv, VIEWER } from '../harness.mjs';

const env = useEnv(before, after);

test('a wrong password shows the server message on the sign-in page', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { allowHttp: [/^401 POST \/api\/v1\/auth\/login$/] });
  try {
    await page.goto('/');
    await page.waitForURL(/\/signin/);
    await page.getByLabel('E-mail').fill(ADMIN.email);
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.ok((await alert.innerText()).trim().length > 0);
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
    assertClean();
  } finally {
    await close();
  }
});

test('a viewer sees no write actions; sign-out returns to sign-in and the API answers 401', async () => {
  // An admin records a customer with a requirement for the viewer to look at.
  const admin = await newPage(env.browser, env.server.baseUrl);
  await signIn(admin.page, ADMIN);
  const cust = await apiCall(admin.page, 'POST', '/api/v1/customers', { kind: 'person', name: 'Read Only Example' });
  assert.equal(cust.status, 201);
  const req = await apiCall(admin.page, 'POST', '/api/v1/requirements', {
    scope: 'customer',
    customer_id: cust.body.id,
    kind: 'customer_stated',
    text: 'Quotes within one working day.',
    source_ref: '',
  });
  assert.equal(req.status, 201);
  await admin.close();

  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, VIEWER);
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    await page.locator('table, .empty').first().waitFor();
    assert.equal(await page.getByRole('link', { name: 'New customer' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'New customer' }).count(), 0);
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'Users' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Settings' }).count(), 0);

    await nav.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('heading', { name: 'Segments', level: 1 }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'New segment' }).count(), 0);

    await nav.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Verify chain' }).count(), 0);

    await page.goto(`/customers/${cust.body.id}`);
    await page.getByRole('heading', { name: 'Read Only Example', level: 1 }).waitFor();
    await page.locator('.req-text').getByText('Quotes within one working day.').waitFor();
    for (const name of ['Edit', 'Delete', 'Review', 'Add requirement']) {
      assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, `no ${name} button`);
    }
    // Tabs work with the arrow keys.
    await page.getByRole('tab', { name: 'Requirements' }).focus();
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByRole('tab', { name: 'Complaints' }).getAttribute('aria-selected'), 'true');
    await page.keyboard.press('ArrowRight');
    const commTab = page.getByRole('tab', { name: 'Communications' });
    assert.equal(await commTab.getAttribute('aria-selected'), 'true');
    assert.equal(await page.getByRole('button', { name: 'Record communication' }).count(), 0);
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.getByRole('tab', { name: 'Feedback' }).getAttribute('aria-selected'), 'true');
    await page.keyboard.press('ArrowRight');
    await page.locator('table.audit tbody tr').first().waitFor();

    assert.equal((await page.request.get('/api/v1/auth/me')).status(), 200);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin/);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal((await page.request.get('/api/v1/auth/me')).status(), 401);
    assert.equal((await page.request.get('/api/v1/customers')).status(), 401);

    // Reloading a protected page lands on sign-in again.
    await page.goto('/customers');
    await page.waitForURL(/\/signin/);
    assertClean();
  } finally {
    await close();
  }
});
