// The scenario: segment with a need → customer in it → requirement →
// amend review (version 2 current, version 1 still readable) → every step in
// the customer's History.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, newPage, shot, signIn, tableRows, uniq, useEnv } from '../harness.mjs';

const env = useEnv(before, after);

test('segment, customer, requirement, amend review and history', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    const u = uniq();
    const segName = `Key accounts ${u}`;
    const custName = `Acme Logistics ${u}`;
    const text1 = 'Deliveries arrive within 48 hours of the order.';
    const text2 = 'Deliveries arrive within 24 hours of the order.';

    await signIn(page, ADMIN);

    // Segment with one need.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('heading', { name: 'Segments', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New segment' }).click();
    await page.getByLabel('Name').fill(segName);
    await page.getByLabel('Description').fill('Customers with framework contracts.');
    await page.getByRole('button', { name: 'Add need' }).click();
    await page.getByRole('textbox', { name: 'Need 1' }).fill('Fast, predictable delivery');
    await page.getByLabel('Class').selectOption('basic');
    await page.getByLabel('Importance').selectOption('5');
    await page.getByRole('button', { name: 'Create segment' }).click();
    const segCard = page.locator('article').filter({ has: page.getByRole('heading', { name: segName }) });
    await segCard.getByText('Fast, predictable delivery').waitFor();
    await shot(page, 'segments');

    // Customer in that segment.
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('link', { name: 'New customer' }).click();
    await page.getByLabel('Kind').selectOption('organisation');
    await page.getByLabel('Name', { exact: true }).fill(custName);
    await page.getByLabel('E-mail').fill(`orders-${u}@acme.example`);
    await page.getByLabel('Phone').fill('+49 30 1234567');
    await page.getByLabel('Segment').selectOption({ label: segName });
    await page.getByLabel('Site').fill('Berlin');
    await page.getByLabel('Tags').fill('pilot, framework');
    await page.getByLabel('May be contacted for surveys').check();
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.waitForURL(/\/customers\/\d+$/);
    const customerId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { name: custName, level: 1 }).waitFor();
    await page.getByText(segName).first().waitFor();

    // Requirement for the customer.
    const reqForm = page.getByRole('form', { name: 'Add a requirement' });
    await reqForm.getByLabel('Kind').selectOption('customer_stated');
    await reqForm.getByLabel('Requirement text').fill(text1);
    await reqForm.getByLabel('Source reference').fill('Framework contract FC-17');
    await reqForm.getByRole('button', { name: 'Add requirement' }).click();
    const card1 = page.locator('article.req-card').filter({ hasText: text1 });
    await card1.waitFor();
    const reqLink = card1.getByRole('link', { name: /Requirement #\d+/ });
    const requirementId = Number((await reqLink.innerText()).replace(/\D+/g, ''));
    assert.ok(requirementId > 0);

    // Review: amend.
    await card1.getByRole('button', { name: 'Review' }).click();
    await card1.getByLabel('Amend').check();
    await card1.getByLabel('Amended text').fill(text2);
    await card1.getByLabel('Review notes').fill('Customer asked for next-day delivery in the call.');
    await card1.getByRole('button', { name: 'Record review' }).click();
    const card2 = page.locator('article.req-card').filter({ hasText: text2 });
    await card2.getByRole('heading', { name: /· version 2/ }).waitFor();
    await card2.getByText('Versions and reviews').click();
    await card2.getByText('Version 1', { exact: true }).waitFor();
    await card2.getByText(text1).waitFor();
    await card2.getByText('Version 2', { exact: true }).waitFor();
    await shot(page, 'customer-requirements');

    // The requirement page shows both versions and the review.
    await card2.getByRole('link', { name: `Requirement #${requirementId}` }).click();
    await page.waitForURL(new RegExp(`/requirements/${requirementId}$`));
    const versions = page.getByRole('list', { name: 'Versions' });
    await versions.getByText(text1).waitFor();
    await versions.getByText(text2).waitFor();
    await page.getByRole('list', { name: 'Reviews' }).getByText('Amended').waitFor();
    await shot(page, 'requirement');

    // History of the customer: customer create, requirement create, review.
    await page.goto(`/customers/${customerId}`);
    await page.getByRole('tab', { name: 'History' }).click();
    await page.locator('table.audit tbody tr').first().waitFor();
    const rows = await tableRows(page, 'table.audit tbody tr');
    const has = (action, entity) => rows.some((r) => r[3] === action && r[4] === entity);
    assert.ok(has('Create', `Customer #${customerId}`), `customer create in ${JSON.stringify(rows)}`);
    assert.ok(has('Create', `Requirement #${requirementId}`), `requirement create in ${JSON.stringify(rows)}`);
    assert.ok(
      rows.some((r) => r[4] === `Requirement #${requirementId}` && /review|amend/i.test(r[3])),
      `review in ${JSON.stringify(rows)}`,
    );
    assert.ok(rows.every((r) => r[2].length > 0), 'every entry names its actor');
    await shot(page, 'customer-history');
    assertClean();
  } finally {
    await close();
  }
});
