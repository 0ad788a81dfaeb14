// Dates in an organisation west of UTC (issue 7, "Right dates and times"):
// a calendar date — a corrective action's due date — is shown as that date,
// not the day before (it parsed as UTC midnight and was shown in the
// organisation's zone: 2026-12-31 read "30 Dec 2026" in Los Angeles).
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
