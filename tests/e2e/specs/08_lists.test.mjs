// Customer list: search, filters, sort and paging against the real API;
// the communication log with its filters.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, apiCall, newPage, signIn, tableRows, useEnv } from '../harness.mjs';

const env = useEnv(before, after);

test('customers can be searched, filtered, sorted and paged', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, ADMIN);
    const seg = await apiCall(page, 'POST', '/api/v1/segments', { name: 'Schools', description: '', needs: [] });
    assert.equal(seg.status, 201);
    for (let i = 0; i < 30; i++) {
      const n = String(i).padStart(2, '0');
      const r = await apiCall(page, 'POST', '/api/v1/customers', {
        kind: i % 3 === 0 ? 'person' : 'organisation',
        name: i % 10 === 7 ? `Zebra School ${n}` : `Customer ${n}`,
        email: `c${n}@example.edu`,
        ...(i < 5 ? { segment_id: seg.body.id } : {}),
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    await page.goto('/customers');
    await page.getByText('1–25 of 30').waitFor();
    await page.locator('.table-wrap[aria-busy="false"]').waitFor();
    let rows = await tableRows(page);
    assert.equal(rows.length, 25);
    assert.equal(rows[0][0], 'Customer 00');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText('26–30 of 30').waitFor();
    await page.locator('.table-wrap[aria-busy="false"]').waitFor();
    rows = await tableRows(page);
    assert.equal(rows.length, 5);

    await page.getByLabel('Sort by').selectOption('-name');
    await page.locator('table tbody tr').first().getByText(/^Zebra School/).waitFor();
    await page.getByText('1–25 of 30').waitFor();

    // The Name column header toggles the order back.
    await page.getByRole('button', { name: 'Name', exact: true }).click();
    await page.locator('table tbody tr').first().getByText('Customer 00').waitFor();
    assert.equal(await page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort'), 'ascending');

    await page.getByLabel('Search').fill('zebra');
    await page.getByText('1–3 of 3').waitFor();

    await page.getByLabel('Search').fill('');
    await page.getByLabel('Segment').selectOption({ label: 'Schools' });
    await page.getByText('1–5 of 5').waitFor();
    await page.locator('.table-wrap[aria-busy="false"]').waitFor();
    rows = await tableRows(page);
    assert.ok(rows.every((r) => r[3] === 'Schools'), JSON.stringify(rows));

    await page.getByLabel('Kind').selectOption('person');
    await page.getByText('1–2 of 2').waitFor();
    // Filters live in the address, so a reload keeps them.
    await page.reload();
    await page.getByText('1–2 of 2').waitFor();
    assertClean();
  } finally {
    await close();
  }
});

test('the communication log lists entries from the customer page and filters them', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { timezoneId: 'Asia/Tokyo' });
  try {
    await signIn(page, ADMIN);
    const cust = await apiCall(page, 'POST', '/api/v1/customers', { kind: 'person', name: 'Lena Caller' });
    assert.equal(cust.status, 201);
    await page.goto(`/customers/${cust.body.id}`);
    await page.getByRole('tab', { name: 'Communications' }).click();
    const form = page.getByRole('form', { name: 'Record a communication' });
    await form.getByLabel('Channel').selectOption('phone');
    await form.getByLabel('Direction').selectOption('inbound');
    await form.getByLabel('Subject').fill('Late delivery');
    await form.getByLabel('Body').fill('Parcel arrived two days late.');
    await form.getByLabel('Occurred at').fill('2026-03-04T09:30');
    await form.getByRole('button', { name: 'Record communication' }).click();
    await page.getByRole('heading', { name: 'Late delivery' }).waitFor();
    await form.getByLabel('Channel').selectOption('email');
    await form.getByLabel('Direction').selectOption('outbound');
    await form.getByLabel('Subject').fill('Apology sent');
    await form.getByRole('button', { name: 'Record communication' }).click();
    await page.getByRole('heading', { name: 'Apology sent' }).waitFor();

    // occurred_at was sent as the instant of that wall time in the
    // organisation's zone (the zone every time is shown in), not the browser's.
    const list = await apiCall(page, 'GET', `/api/v1/communications?customer_id=${cust.body.id}`);
    const late = list.body.items.find((c) => c.subject === 'Late delivery');
    const zone = (await apiCall(page, 'GET', '/api/v1/settings')).body.time_zone;
    const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(late.occurred_at));
    assert.equal(wall, '2026-03-04 09:30');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Communications' }).click();
    await page.getByRole('heading', { name: 'Late delivery' }).waitFor();
    await page.getByRole('heading', { name: 'Apology sent' }).waitFor();
    await page.getByLabel('Direction').selectOption('outbound');
    await page.getByRole('heading', { name: 'Late delivery' }).waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Apology sent' }).waitFor();
    await page.getByRole('link', { name: 'Lena Caller' }).first().waitFor();
    assertClean();
  } finally {
    await close();
  }
});
