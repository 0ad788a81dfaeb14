// Dates in an organisation west of UTC (issue 7, "Right dates and times"):
// a calendar date — a corrective action's due date — is shown as that date,
// not the day before (it parsed as UTC midnight and was shown in the
// organisation's zone: 2026-12-31 read "30 Dec 2026" in Los Angeles); the
// day a complaint happened is a date too; every time is shown in the
// organisation's zone with the zone named, the complainant's pages included,
// whatever the browser's zone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, apiCall, newPage, shot, signIn, uniq, useEnv } from '../harness.mjs';

const env = useEnv(before, after);

test('a due date reads as the same calendar date in a zone west of UTC', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, ADMIN);
    const current = await apiCall(page, 'GET', '/api/v1/settings');
    assert.equal(current.status, 200, JSON.stringify(current.body));
    const zoned = await apiCall(page, 'PUT', '/api/v1/settings', { name: current.body.name, time_zone: 'America/Los_Angeles' });
    assert.equal(zoned.status, 200, JSON.stringify(zoned.body));
    const title = `Check the depot scales ${uniq()}`;
    const made = await apiCall(page, 'POST', '/api/v1/corrective-actions', { title, due_date: '2026-12-31' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal(made.body.due_date, '2026-12-31');

    await page.goto('/corrective-actions');
    const row = page.locator('li, tr, article').filter({ hasText: title }).first();
    await row.waitFor();
    const text = await row.innerText();
    assert.match(text, /31 Dec 2026/, text);
    assert.doesNotMatch(text, /30 Dec 2026/, text);
    await shot(page, 'dates-due-west-of-utc');
    assertClean();
  } finally {
    await close();
  }
});

/** `iso` as the pages show a time: in `zone`, with the zone named. */
function shownIn(iso, zone) {
  return new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
    timeZone: zone,
  }).format(new Date(iso));
}

// Both browsers run in Tokyo, so a time in the browser's zone would show.
test('when it happened is a calendar date, and every time is in the organisation’s zone, named — the complainant’s pages included', async () => {
  const zone = 'America/Los_Angeles';
  const name = `Pacific Telecom ${uniq()}`;
  const staff = await newPage(env.browser, env.server.baseUrl, { timezoneId: 'Asia/Tokyo' });
  const visitor = await newPage(env.browser, env.server.baseUrl, { timezoneId: 'Asia/Tokyo', viewport: { width: 375, height: 740 }, isMobile: true });
  try {
    await signIn(staff.page, ADMIN);
    const zoned = await apiCall(staff.page, 'PUT', '/api/v1/settings', { name, time_zone: zone });
    assert.equal(zoned.status, 200, JSON.stringify(zoned.body));

    // The complainant's form names the organisation and asks for a date.
    const page = visitor.page;
    await page.goto('/complain');
    await page.locator('.public-top').getByText(name, { exact: true }).waitFor();
    assert.doesNotMatch(await page.locator('.public-top').innerText(), /^C\b/);
    const summary = `Line dead since the storm ${uniq()}`;
    await page.getByLabel('Summary').fill(summary);
    await page.getByLabel('What happened').fill('No dial tone on the landline since the storm on the 20th.');
    await page.getByLabel('When did it happen?').fill('2026-11-20');
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.getByRole('heading', { name: 'Thank you — we have received your complaint', level: 1 }).waitFor();
    const reference = (await page.locator('.receipt-ref').innerText()).trim();
    const href = await page.locator('.receipt-link a').getAttribute('href');

    const filed = await apiCall(staff.page, 'GET', `/api/v1/complaints/by-reference/${reference}`);
    assert.equal(filed.status, 200, JSON.stringify(filed.body));
    assert.equal(filed.body.occurred_on, '2026-11-20');

    // Behind the status link: the received time in Los Angeles, named, not Tokyo's.
    await page.goto(href);
    await page.getByRole('heading', { name: `Your complaint ${reference}`, level: 1 }).waitFor();
    await page.locator('.public-top').getByText(name, { exact: true }).waitFor();
    const statusText = await page.locator('main').innerText();
    const received = shownIn(filed.body.received_at, zone);
    assert.ok(statusText.includes(received), `status page shows ${received}:\n${statusText}`);
    assert.ok(!statusText.includes(shownIn(filed.body.received_at, 'Asia/Tokyo')), statusText);
    assert.match(received, /GMT-[78]/);
    await shot(page, 'dates-status-page-org-zone');

    // The case page: the day it happened as that day, times named in the zone.
    await staff.page.goto(`/complaints/${filed.body.id}`);
    await staff.page.getByRole('heading', { name: reference, level: 1 }).waitFor();
    const detail = await staff.page.locator('main').innerText();
    assert.match(detail, /Happened on\s+20 Nov 2026/i, detail);
    assert.ok(detail.includes(received), `case page shows ${received}:\n${detail}`);
    await shot(staff.page, 'dates-case-page-org-zone');

    // Staff entry takes a date too, and a time typed in is a Los Angeles time.
    await staff.page.goto('/complaints/new');
    await staff.page.getByLabel('Received by', { exact: true }).selectOption('phone');
    await staff.page.getByLabel('Summary', { exact: true }).fill(`Engineer missed the slot ${uniq()}`);
    await staff.page.getByLabel('What happened', { exact: true }).fill('Nobody came between 8 and 12.');
    await staff.page.getByLabel('When it happened', { exact: true }).fill('2026-11-19');
    await staff.page.getByLabel('Received at', { exact: true }).fill('2026-11-19T17:30');
    await staff.page.getByRole('button', { name: 'Record complaint' }).click();
    await staff.page.waitForURL(/\/complaints\/\d+$/);
    const id = Number(new URL(staff.page.url()).pathname.split('/').pop());
    const entered = await apiCall(staff.page, 'GET', `/api/v1/complaints/${id}`);
    assert.equal(entered.body.occurred_on, '2026-11-19');
    assert.equal(entered.body.received_at.slice(0, 16), '2026-11-20T01:30'); // 17:30 PST
    assert.match(await staff.page.locator('main').innerText(), /Happened on\s+19 Nov 2026/i);

    staff.assertClean();
    visitor.assertClean();
  } finally {
    await staff.close();
    await visitor.close();
  }
});
