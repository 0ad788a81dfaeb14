// Phone-sized screens and keyboard-only use.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, apiCall, newPage, shot, signIn, useEnv } from '../harness.mjs';

const env = useEnv(before, after);
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true };

async function noHorizontalScroll(page, where) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${where}: page scrolls sideways (${scroll} > ${client})`);
}

test('the sign-in form can be completed with the keyboard alone', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await page.goto('/signin');
    const email = page.getByLabel('E-mail');
    await email.waitFor();
    for (let i = 0; i < 10 && !(await email.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    assert.ok(await email.evaluate((el) => el === document.activeElement), 'Tab reaches the e-mail field');
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press('Tab');
    assert.ok(await page.getByLabel('Password').evaluate((el) => el === document.activeElement), 'Tab moves to password');
    await page.keyboard.type(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    // Focus is visible on keyboard focus (an outline is drawn). The app moves
    // focus to <main> after its redirect to /customers; Tab until a control has it.
    await page.waitForURL('**/customers');
    await page.getByRole('heading', { name: 'Customers', level: 1 }).waitFor();
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab');
      const onControl = await page.evaluate(() => {
        const el = document.activeElement;
        return !!el && ['A', 'BUTTON', 'INPUT', 'SELECT'].includes(el.tagName);
      });
      if (onControl) break;
    }
    const outline = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return 'none';
      return getComputedStyle(el).outlineStyle;
    });
    assert.notEqual(outline, 'none', 'focused element shows an outline');
    assertClean();
  } finally {
    await close();
  }
});

test('on a 375 px phone the navigation opens from the menu and pages do not scroll sideways', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, PHONE);
  try {
    await signIn(page, ADMIN);
    for (let i = 0; i < 12; i++) {
      const r = await apiCall(page, 'POST', '/api/v1/customers', {
        kind: 'organisation',
        name: `Very Long Organisation Name Number ${i} With Many Words GmbH & Co. KG`,
        email: `phone${i}@example.com`,
        site: 'Hamburg',
        tags: ['wholesale', 'north', 'priority'],
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    await page.goto('/customers');
    await page.locator('table tbody tr').first().waitFor();

    const nav = page.getByRole('navigation', { name: 'Main' });
    const menu = page.getByRole('button', { name: 'Menu' });
    assert.equal(await nav.isVisible(), false, 'navigation collapsed on a phone');
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await nav.getByRole('link', { name: 'Segments' }).waitFor({ state: 'visible' });
    await shot(page, 'phone-menu');
    await nav.getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('heading', { name: 'Segments', level: 1 }).waitFor();
    await noHorizontalScroll(page, 'segments');

    await menu.click();
    await nav.getByRole('link', { name: 'Customers' }).click();
    await page.locator('table tbody tr').first().waitFor();
    await noHorizontalScroll(page, 'customers');
    await shot(page, 'phone-customers');

    await page.locator('table tbody tr a').first().click();
    await page.waitForURL(/\/customers\/\d+$/);
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('table.audit tbody tr').first().waitFor();
    await noHorizontalScroll(page, 'customer history');

    await page.goto('/customers/new');
    await page.getByLabel('Name', { exact: true }).waitFor();
    await noHorizontalScroll(page, 'new customer');
    assertClean();
  } finally {
    await close();
  }
});
