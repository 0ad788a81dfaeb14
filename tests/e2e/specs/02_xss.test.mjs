// Markup in data is shown as text: no script runs, no element is created.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, newPage, signIn, useEnv } from '../harness.mjs';

const env = useEnv(before, after);
const PAYLOAD = '<img src=x onerror=alert(1)>';

async function noInjectedImage(page) {
  const count = await page.evaluate(
    () => [...document.querySelectorAll('img')].filter((i) => i.getAttribute('src') === 'x').length,
  );
  assert.equal(count, 0, 'an <img src="x"> element was created from data');
}

test('a customer named like HTML shows as literal text', async () => {
  const { page, problems, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, ADMIN);
    await page.goto('/customers/new');
    await page.getByLabel('Name', { exact: true }).fill(PAYLOAD);
    await page.getByLabel('Tags').fill('<b>bold</b>');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.waitForURL(/\/customers\/\d+$/);

    // Its page: heading text is the literal string.
    const h1 = page.getByRole('heading', { level: 1 });
    await h1.waitFor();
    assert.equal(await h1.innerText(), PAYLOAD);
    await noInjectedImage(page);

    // A communication whose subject and body are markup too.
    await page.getByRole('tab', { name: 'Communications' }).click();
    await page.getByLabel('Subject').fill('<script>alert(2)</script>');
    await page.getByLabel('Body').fill(PAYLOAD);
    await page.getByRole('button', { name: 'Record communication' }).click();
    await page.getByRole('heading', { name: '<script>alert(2)</script>' }).waitFor();
    await noInjectedImage(page);

    // History shows the value as text.
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('table.audit').getByText(PAYLOAD).first().waitFor();
    await noInjectedImage(page);

    // The list: a link whose text is the literal string.
    await page.goto('/customers');
    const link = page.getByRole('link', { name: PAYLOAD });
    await link.waitFor();
    assert.equal(await link.innerText(), PAYLOAD);
    await noInjectedImage(page);

    await page.waitForTimeout(300);
    assert.deepEqual(problems.filter((p) => p.startsWith('dialog')), [], 'a dialog fired');
    assertClean();
  } finally {
    await close();
  }
});
