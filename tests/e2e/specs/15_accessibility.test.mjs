// Accessible controls (issue 7): axe-core checks every page of the app and
// the complainant's pages against WCAG 2.1 A and AA, on a desktop and on a
// phone, with data on them (a case, a customer, a category tree, charts).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { violations } from '../axe.mjs';
import { ADMIN, apiCall, newPage, signIn, uniq, useEnv } from '../harness.mjs';

const env = useEnv(before, after);
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true };

async function seed(page) {
  const top = await apiCall(page, 'POST', '/api/v1/complaint-categories', { name: `Billing ${uniq()}` });
  await apiCall(page, 'POST', '/api/v1/complaint-categories', { name: 'Charged twice', parent_id: top.body.id });
  const customer = await apiCall(page, 'POST', '/api/v1/customers', { kind: 'person', name: 'Ada Lovelace', tags: ['vip'] });
  const c = await apiCall(page, 'POST', '/api/v1/complaints', { channel: 'phone', summary: 'No signal at home', description: 'd', customer_id: customer.body.id, category_id: top.body.id });
  await apiCall(page, 'POST', '/api/v1/corrective-actions', { title: 'Check the mast', due_date: '2026-12-31', complaint_ids: [c.body.id] });
  return { customer: customer.body.id, complaint: c.body.id };
}

test('no page of the app violates WCAG 2.1 A/AA (axe-core), on a desktop and on a phone', async () => {
  const desk = await newPage(env.browser, env.server.baseUrl);
  const phone = await newPage(env.browser, env.server.baseUrl, PHONE);
  const problems = [];
  try {
    await signIn(desk.page, ADMIN);
    await signIn(phone.page, ADMIN);
    const ids = await seed(desk.page);
    const pages = [
      '/complaints', '/complaints/new', '/complaints/analysis', `/complaints/${ids.complaint}`, '/corrective-actions',
      '/customers', '/customers/new', `/customers/${ids.customer}`, '/segments', '/requirements', '/communications',
      '/audit', '/users', '/settings', '/complaint-settings', '/tokens', '/notifications',
    ];
    for (const { page } of [desk, phone]) {
      for (const path of pages) {
        await page.goto(path);
        await page.locator('h1').first().waitFor();
        await page.waitForLoadState('networkidle');
        for (const v of await violations(page)) problems.push(`${page === desk.page ? 'desk' : 'phone'} ${path}: ${v}`);
      }
    }
    assert.deepEqual(problems, []);
    desk.assertClean();
    phone.assertClean();
  } finally {
    await desk.close();
    await phone.close();
  }
});

test('the complainant’s pages violate no WCAG 2.1 A/AA rule, on a phone and a desktop', async () => {
  const problems = [];
  for (const options of [PHONE, {}]) {
    const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, options);
    try {
      await page.goto('/complain');
      await page.locator('h1').waitFor();
      for (const v of await violations(page)) problems.push(`/complain: ${v}`);
      // The consent box sits beside its label, on a phone too.
      const box = await page.getByRole('checkbox', { name: 'You may contact me about this complaint' }).boundingBox();
      const text = await page.locator('label', { hasText: 'You may contact me about this complaint' }).boundingBox();
      assert.ok(text.x > box.x + box.width && text.y < box.y + box.height, `label ${JSON.stringify(text)} apart from its box ${JSON.stringify(box)}`);
      const receipt = await apiCall(page, 'POST', '/api/v1/public/complaints', { summary: `Axe ${uniq()}`, description: 'd' });
      await page.goto(receipt.body.status_url);
      await page.locator('h1').waitFor();
      for (const v of await violations(page)) problems.push(`/status: ${v}`);
      assertClean();
    } finally {
      await close();
    }
  }
  assert.deepEqual(problems, []);
});
