// The daily-work essentials of issue 7 in the browser: selecting cases in the
// complaints list and assigning or moving them together (all or none, the
// case that cannot follow named); merging a duplicate into the case that
// carries on from the case page; saved views kept private or shared.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, QM, apiCall, newPage, shot, signIn, uniq, useEnv } from '../harness.mjs';

const env = useEnv(before, after);

async function createComplaint(page, summary) {
  const r = await apiCall(page, 'POST', '/api/v1/complaints', { channel: 'phone', summary, description: 'Entered by the e2e test.' });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

async function stateOf(page, id) {
  return (await apiCall(page, 'GET', `/api/v1/complaints/${id}`)).body;
}

test('selected cases are assigned and moved together, and a move one case cannot make moves none', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { allowHttp: [/^409 POST \/api\/v1\/complaints\/bulk\/transitions$/] });
  try {
    const u = uniq();
    await signIn(page, ADMIN);
    const a = await createComplaint(page, `Bulkword${u} invoice wrong`);
    const b = await createComplaint(page, `Bulkword${u} invoice late`);
    const me = (await apiCall(page, 'GET', '/api/v1/auth/me')).body.user;

    await page.goto(`/complaints?queue=all&q=Bulkword${u}`);
    await page.getByRole('link', { name: a.reference }).waitFor();
    await page.getByRole('checkbox', { name: `Select ${a.reference}` }).check();
    await page.getByRole('checkbox', { name: `Select ${b.reference}` }).check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByText('2 complaints selected').waitFor();
    await bar.getByLabel('Assign to').selectOption(String(me.id));
    await bar.getByRole('button', { name: 'Assign' }).click();
    await page.getByRole('status').filter({ hasText: `2 complaints assigned to ${me.display_name}.` }).waitFor();
    assert.equal((await stateOf(page, a.id)).assignee_id, me.id);
    assert.equal((await stateOf(page, b.id)).assignee_id, me.id);
    assert.equal(await bar.count(), 0, 'the selection is cleared after the action');

    // Acknowledge both at once.
    await page.getByRole('checkbox', { name: 'Select every complaint on this page' }).check();
    await bar.getByLabel('Move to').selectOption('acknowledged');
    await bar.getByRole('button', { name: 'Move' }).click();
    await page.getByRole('status').filter({ hasText: '2 complaints moved to acknowledged.' }).waitFor();
    assert.equal((await stateOf(page, a.id)).state, 'acknowledged');

    // An acknowledged case cannot be closed: the case is named and neither moves.
    await page.getByRole('checkbox', { name: 'Select every complaint on this page' }).check();
    await bar.getByLabel('Move to').selectOption('closed');
    await bar.getByRole('button', { name: 'Move' }).click();
    const alert = bar.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), new RegExp(`${b.reference}|${a.reference}`));
    await shot(page, '16-bulk-refused');
    assert.equal((await stateOf(page, a.id)).state, 'acknowledged');
    assert.equal((await stateOf(page, b.id)).state, 'acknowledged');
    assertClean();
  } finally {
    await close();
  }
});

test('a duplicate is merged into the case that carries on, which lists it with its messages', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    const u = uniq();
    await signIn(page, ADMIN);
    const keep = await createComplaint(page, `No signal in the street ${u}`);
    const dup = await createComplaint(page, `Still no signal ${u}`);
    const note = await apiCall(page, 'POST', `/api/v1/complaints/${dup.id}/messages`, { kind: 'internal_note', body: `Neighbour of the first caller ${u}` });
    assert.equal(note.status, 201);

    await page.goto(`/complaints/${dup.id}`);
    await page.getByRole('button', { name: 'Merge into another case…' }).click();
    await page.getByLabel('Reference of the case that carries on').fill(keep.reference.toLowerCase());
    await page.getByLabel('Why they are the same').fill('same street, same outage');
    await page.getByRole('button', { name: 'Merge as duplicate' }).click();
    const banner = page.getByRole('status').filter({ hasText: 'Merged as a duplicate into' });
    await banner.waitFor();
    await page.locator('.page-head .badge', { hasText: /^Closed$/ }).waitFor();
    await shot(page, '16-merged-duplicate');

    await banner.getByRole('link', { name: keep.reference }).click();
    await page.waitForURL(new RegExp(`/complaints/${keep.id}$`));
    await page.locator('.merged-in').getByRole('link', { name: dup.reference }).waitFor();
    assert.equal(await page.getByRole('status').filter({ hasText: /^Merged into C-/ }).count(), 0, 'the notice stayed with the duplicate');
    const notes = page.locator('.notes-panel');
    await notes.getByText(`Neighbour of the first caller ${u}`).waitFor();
    await notes.getByRole('link', { name: dup.reference }).waitFor();
    await shot(page, '16-survivor');
    assertClean();
  } finally {
    await close();
  }
});

test('a saved view keeps the filters, privately or shared with colleagues', async () => {
  const mine = await newPage(env.browser, env.server.baseUrl);
  const theirs = await newPage(env.browser, env.server.baseUrl);
  try {
    const u = uniq();
    const { page } = mine;
    await signIn(page, ADMIN);
    await page.goto('/complaints?queue=open');
    await page.getByLabel('Severity').selectOption('4');
    await page.getByLabel('Channel').selectOption('phone');
    await page.getByRole('button', { name: 'Save view…' }).click();
    await page.getByLabel('View name').fill(`Severe phone ${u}`);
    await page.getByLabel('Share with all staff').check();
    await page.getByRole('button', { name: 'Save view', exact: true }).click();
    await page.getByRole('status').filter({ hasText: `View “Severe phone ${u}” saved and shared.` }).waitFor();
    // Once the list of views is read again, the new view is the one shown.
    await page.waitForFunction((name) => document.querySelector('#saved-view option:checked')?.textContent?.startsWith(name), `Severe phone ${u}`);

    await page.goto('/complaints?queue=all');
    await page.getByLabel('Saved view').selectOption({ label: `Severe phone ${u} (shared)` });
    await page.waitForURL(/severity=4/);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('queue'), 'open');
    assert.equal(url.searchParams.get('channel'), 'phone');
    assert.equal(await page.getByLabel('Severity').inputValue(), '4');
    await shot(page, '16-saved-view');

    // A colleague sees it under "Shared by colleagues" and opens it.
    await signIn(theirs.page, QM);
    await theirs.page.goto('/complaints?queue=all');
    const option = theirs.page.locator('#saved-view optgroup[label="Shared by colleagues"] option', { hasText: `Severe phone ${u}` });
    await option.waitFor({ state: 'attached' });
    await theirs.page.getByLabel('Saved view').selectOption(await option.getAttribute('value'));
    await theirs.page.waitForURL(/severity=4/);
    assert.equal(await theirs.page.getByRole('button', { name: 'Delete view' }).count(), 0, 'only the owner deletes it');

    // The owner deletes it.
    await page.getByRole('button', { name: 'Delete view' }).click();
    await page.getByRole('group', { name: `Delete the view Severe phone ${u}?` }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('status').filter({ hasText: `View “Severe phone ${u}” deleted.` }).waitFor();
    const left = await apiCall(page, 'GET', '/api/v1/saved-views?list=complaints');
    assert.equal(left.body.items.some((v) => v.name === `Severe phone ${u}`), false);
    mine.assertClean();
    theirs.assertClean();
  } finally {
    await mine.close();
    await theirs.close();
  }
});
