// Server-side validation messages appear next to the field they concern.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, newPage, signIn, uniq, useEnv } from '../harness.mjs';

const env = useEnv(before, after);

async function fieldError(page, label) {
  const input = page.getByLabel(label, { exact: true });
  await page.waitForFunction(
    (el) => el.getAttribute('aria-invalid') === 'true',
    await input.elementHandle(),
  );
  const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
  const ids = describedBy.split(/\s+/).filter((id) => id.endsWith('-error'));
  assert.equal(ids.length, 1, `aria-describedby of ${label} names its error: "${describedBy}"`);
  return page.locator(`[id="${ids[0]}"]`).innerText();
}

test('a bad e-mail shows the server message next to the e-mail field', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { allowHttp: [/^422 POST \/api\/v1\/customers$/] });
  try {
    await signIn(page, ADMIN);
    await page.goto('/customers/new');
    await page.getByLabel('Name', { exact: true }).fill('Bad Mail GmbH');
    await page.getByLabel('E-mail').fill('not-an-e-mail');
    await page.getByRole('button', { name: 'Create customer' }).click();
    const message = await fieldError(page, 'E-mail');
    assert.match(message, /e-?mail/i);
    await page.getByRole('alert').first().waitFor();
    assert.match(page.url(), /\/customers\/new$/, 'stays on the form');
    // The name had no problem.
    assert.equal(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid'), null);
    assertClean();
  } finally {
    await close();
  }
});

test('a missing name is flagged on the name field', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { allowHttp: [/^422 POST \/api\/v1\/customers$/] });
  try {
    await signIn(page, ADMIN);
    await page.goto('/customers/new');
    await page.getByRole('button', { name: 'Create customer' }).click();
    const message = await fieldError(page, 'Name');
    assert.ok(message.length > 0);
    assertClean();
  } finally {
    await close();
  }
});

test('a duplicate e-mail shows a conflict next to the e-mail field', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { allowHttp: [/^409 POST \/api\/v1\/customers$/] });
  try {
    const email = `dup-${uniq()}@example.net`;
    await signIn(page, ADMIN);
    await page.goto('/customers/new');
    await page.getByLabel('Name', { exact: true }).fill('First Holder');
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.waitForURL(/\/customers\/\d+$/);

    await page.goto('/customers/new');
    await page.getByLabel('Name', { exact: true }).fill('Second Holder');
    await page.getByLabel('E-mail').fill(email.toUpperCase());
    await page.getByRole('button', { name: 'Create customer' }).click();
    const message = await fieldError(page, 'E-mail');
    assert.match(message, /already|exists|duplicate|in use|taken|another|conflict|unique/i);
    assertClean();
  } finally {
    await close();
  }
});
