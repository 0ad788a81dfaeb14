// Roles hide what they cannot do; sign-in errors; sign-out ends the session.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, newPage, signIn, useEnv, VIEWER } from '../harness.mjs';

const env = useEnv(before, after);

test('a wrong password shows the server message on the sign-in page', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
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
