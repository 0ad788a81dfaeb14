// Staff work on complaints in the web UI: a phone complaint entered at the
// desk and taken through acknowledgement, assessment with a category, the
// five whys, the response and closure; the queues and filters (overdue,
// unassigned, mine, search); a corrective action raised on one complaint and
// linked to a second; the analysis page's counts; the case page on a phone.
// (The complainant's side, public form to rating, is 10_complaint_journey.)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, VIEWER, apiCall, newPage, shot, signIn, tableRows, uniq, useEnv } from '../harness.mjs';

const env = useEnv(before, after);

async function me(page) {
  const r = await apiCall(page, 'GET', '/api/v1/auth/me');
  return r.body.user;
}

async function createComplaint(page, fields) {
  const r = await apiCall(page, 'POST', '/api/v1/complaints', {
    channel: 'phone',
    description: 'Entered by the e2e test.',
    ...fields,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

/** Every control labelled, ids unique, buttons and links named (as 06_csp_pages checks). */
async function checkLabels(page, where) {
  const problems = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (el.type === 'hidden') continue;
      const named = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
      if (!named) out.push(`unlabelled ${el.tagName.toLowerCase()}#${el.id}`);
    }
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    for (const [id, n] of seen) if (n > 1) out.push(`duplicate id ${id}`);
    for (const b of document.querySelectorAll('button, a[href]')) {
      if (!(b.textContent || '').trim() && !b.getAttribute('aria-label')) out.push(`unnamed ${b.tagName.toLowerCase()}`);
    }
    return out;
  });
  assert.deepEqual(problems, [], where);
}

/** The complaints table's rows without the first column (its checkboxes select rows for bulk actions). */
async function complaintRows(page) {
  return (await tableRows(page, 'table.complaints-table tbody tr')).map((r) => r.slice(1));
}

/** Waits until the state badge in the page head reads `text`. */
async function stateIs(page, text) {
  await page.locator('.page-head .badge', { hasText: new RegExp(`^${text}$`) }).waitFor();
}

test('a phone complaint is entered, acknowledged, assessed, investigated, answered and closed', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    const u = uniq();
    await signIn(page, ADMIN);
    const top = await apiCall(page, 'POST', '/api/v1/complaint-categories', { name: `Delivery ${u}` });
    assert.equal(top.status, 201, JSON.stringify(top.body));
    const child = await apiCall(page, 'POST', '/api/v1/complaint-categories', { name: 'Late', parent_id: top.body.id });
    assert.equal(child.status, 201, JSON.stringify(child.body));

    // Staff entry of a phone call.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Complaints', exact: true }).click();
    await page.getByRole('heading', { name: 'Complaints', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New complaint' }).click();
    await page.getByLabel('Received by', { exact: true }).selectOption('phone');
    await page.getByLabel('Summary', { exact: true }).fill(`Parcel two weeks late ${u}`);
    await page.getByLabel('What happened', { exact: true }).fill('Ordered on the 2nd, promised for the 4th, arrived on the 18th.');
    await page.getByLabel('Product or service', { exact: true }).fill('Express delivery');
    await page.getByLabel('What the complainant asks for', { exact: true }).fill('Refund of the express fee.');
    await page.getByLabel('Name', { exact: true }).fill('Petra Caller');
    await page.getByLabel('E-mail', { exact: true }).fill(`petra-${u}@example.com`);
    await page.getByLabel('Phone', { exact: true }).fill('+49 30 555 0101');
    await page.getByLabel('Agrees to be contacted about this complaint', { exact: true }).check();
    await page.getByRole('button', { name: 'Record complaint' }).click();
    await page.waitForURL(/\/complaints\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const reference = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
    assert.match(reference, /^C-\d{4}-\d{6,}$/);
    await stateIs(page, 'Received');
    await page.getByText(`Parcel two weeks late ${u}`).first().waitFor();

    // Acknowledge: the only forward step offered, next to withdraw.
    const steps = page.getByRole('region', { name: 'Next steps' });
    const offered = await steps.locator('.steps-buttons button').allInnerTexts();
    assert.deepEqual(offered.sort(), ['Acknowledge', 'Withdraw']);
    await steps.getByRole('button', { name: 'Acknowledge' }).click();
    await stateIs(page, 'Acknowledged');

    // Assessment with a category from the taxonomy (shown as its path).
    const assess = page.getByRole('form', { name: 'Assessment' });
    await assess.getByLabel('Severity').selectOption('2');
    await assess.getByLabel('Priority').selectOption('high');
    await assess.getByLabel('Category').selectOption({ label: `Delivery ${u} / Late` });
    await assess.getByLabel('Immediate action taken').check();
    await assess.getByLabel('Immediate action', { exact: true }).fill('Express fee refund approved on the call.');
    await assess.getByRole('button', { name: 'Save assessment' }).click();
    await stateIs(page, 'Assessed');
    await page.getByRole('region', { name: 'Complaint', exact: true }).getByText(`Delivery ${u} / Late`).waitFor();

    // Investigation: five whys, a cause category, root cause and evidence.
    const inv = page.getByRole('form', { name: 'Investigation' });
    const whys = [
      'The parcel left the warehouse twelve days late.',
      'It waited for a missing item of the same order.',
      'The order was not split although one item was back-ordered.',
      'The split rule only applies to orders under 30 kg.',
      'The rule was written for pallets and never reviewed for parcels.',
    ];
    for (let i = 0; i < whys.length; i++) {
      if (i > 0) await inv.getByRole('button', { name: 'Add why' }).click();
      await inv.getByLabel(`Why ${i + 1}`, { exact: true }).fill(whys[i]);
    }
    // Remove and re-add the last one: the chain stays numbered.
    await inv.getByRole('button', { name: 'Remove why 5' }).click();
    assert.equal(await inv.getByLabel('Why 5', { exact: true }).count(), 0);
    await inv.getByRole('button', { name: 'Add why' }).click();
    await inv.getByLabel('Why 5', { exact: true }).fill(whys[4]);
    await inv.getByLabel('Cause category').selectOption('process');
    await inv.getByLabel('Root cause').fill('Order split rule excludes parcels under 30 kg.');
    await inv.getByLabel('Evidence').fill('Warehouse log WL-4411; rule sheet v3.');
    await inv.getByRole('button', { name: 'Save investigation' }).click();
    await stateIs(page, 'Investigating');
    const saved = await apiCall(page, 'GET', `/api/v1/complaints/${id}`);
    assert.deepEqual(saved.body.whys, whys);
    assert.equal(saved.body.cause_category, 'process');

    // Response: decision and remedies; the decision goes to the complainant.
    const resp = page.getByRole('form', { name: 'Response' });
    await resp.getByLabel('Decision').fill('We refund the express fee and have changed how we split orders.');
    await resp.getByLabel('Apology').check();
    await resp.getByLabel('Refund').check();
    await resp.getByLabel('Remedy detail').fill('EUR 12.90 express fee');
    await resp.getByRole('button', { name: 'Record response' }).click();
    await stateIs(page, 'Responded');
    const corr = page.getByRole('region', { name: 'Correspondence with the complainant' });
    await corr.getByText('We refund the express fee and have changed how we split orders.').waitFor();

    // An internal note stays apart from the correspondence.
    const note = page.getByRole('form', { name: 'Internal note' });
    await note.getByLabel('Note').fill(`Checked with the warehouse lead ${u}.`);
    await note.getByRole('button', { name: 'Add internal note' }).click();
    await page.getByRole('region', { name: 'Internal notes' }).getByText(`Checked with the warehouse lead ${u}.`).waitFor();
    assert.equal(await corr.getByText(`Checked with the warehouse lead ${u}.`).count(), 0);

    // Close as accepted.
    await steps.getByRole('button', { name: 'Close', exact: true }).click();
    const closeForm = steps.getByRole('form', { name: 'Close' });
    await closeForm.getByLabel('How it was closed').selectOption('accepted');
    await closeForm.getByRole('button', { name: /Confirm/ }).click();
    await stateIs(page, 'Closed');
    await page.getByRole('region', { name: 'Next steps' }).getByRole('button', { name: 'Reopen' }).waitFor();

    // The timeline lists each step.
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.locator('.tl-item').nth(5).waitFor();
    const text = await timeline.innerText();
    for (const word of [/create/i, /assess/i, /investigat/i, /respon/i, /transition|closed/i]) assert.match(text, word);
    await shot(page, 'complaint-closed');
    assertClean();
  } finally {
    await close();
  }
});

test('the queues and filters find overdue, unassigned, mine and searched complaints', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    const u = uniq();
    await signIn(page, ADMIN);
    const user = await me(page);
    const old = new Date(Date.now() - 30 * 24 * 3600 * 1000).toISOString();
    const overdue = await createComplaint(page, { summary: `Old letter ${u}`, channel: 'letter', received_at: old });
    const mine = await createComplaint(page, { summary: `Assigned call ${u}`, channel: 'phone' });
    const other = await createComplaint(page, { summary: `Counter visit ${u} zebracrossing`, channel: 'meeting', site: `Branch ${u}` });
    const assigned = await apiCall(page, 'PUT', `/api/v1/complaints/${mine.id}/assignee`, { assignee_id: user.id });
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));

    await page.goto('/complaints');
    const queues = page.getByRole('navigation', { name: 'Queues' });

    await queues.getByRole('link', { name: 'Overdue' }).click();
    await page.waitForURL(/queue=overdue/);
    await page.getByRole('link', { name: overdue.reference }).waitFor();
    let rows = await complaintRows(page);
    assert.ok(!rows.some((r) => r[0] === mine.reference), `mine is not overdue: ${JSON.stringify(rows)}`);
    assert.ok(rows.every((r) => /Overdue/.test(r[6])), JSON.stringify(rows));

    await queues.getByRole('link', { name: 'Mine' }).click();
    await page.waitForURL(/queue=mine/);
    await page.getByRole('link', { name: mine.reference }).waitFor();
    rows = await complaintRows(page);
    assert.ok(rows.every((r) => r[5] !== 'Unassigned'), JSON.stringify(rows));
    assert.ok(!rows.some((r) => r[0] === other.reference));

    await queues.getByRole('link', { name: 'Unassigned' }).click();
    await page.waitForURL(/queue=unassigned/);
    await page.getByRole('link', { name: other.reference }).waitFor();
    rows = await complaintRows(page);
    assert.ok(!rows.some((r) => r[0] === mine.reference), JSON.stringify(rows));
    assert.ok(rows.every((r) => r[5] === 'Unassigned'), JSON.stringify(rows));
    assert.equal(await queues.getByRole('link', { name: 'Unassigned' }).getAttribute('aria-current'), 'page');

    // Full-text search over all complaints.
    await queues.getByRole('link', { name: 'All' }).click();
    await page.getByLabel('Search', { exact: true }).fill('zebracrossing');
    await page.getByText('1–1 of 1').waitFor();
    await page.getByRole('link', { name: other.reference }).waitFor();

    // Filters live in the address; channel and site narrow the list.
    await page.getByLabel('Search', { exact: true }).fill('');
    await page.getByLabel('Channel', { exact: true }).selectOption('letter');
    await page.getByRole('link', { name: overdue.reference }).waitFor();
    rows = await complaintRows(page);
    assert.ok(!rows.some((r) => r[0] === other.reference || r[0] === mine.reference), JSON.stringify(rows));
    await page.getByLabel('Channel', { exact: true }).selectOption('');
    await page.getByLabel('Site', { exact: true }).fill(`Branch ${u}`);
    await page.getByText('1–1 of 1').waitFor();
    await page.reload();
    await page.getByText('1–1 of 1').waitFor();
    await page.getByRole('link', { name: other.reference }).waitFor();

    // The overdue case warns on its page.
    await page.goto(`/complaints/${overdue.id}`);
    await page.getByText('This complaint is past its SLA due time.').waitFor();
    await page.getByRole('region', { name: 'Service level' }).getByText('Overdue').first().waitFor();
    assertClean();
  } finally {
    await close();
  }
});

test('a corrective action raised on one complaint is linked to a second', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    const u = uniq();
    await signIn(page, ADMIN);
    const a = await createComplaint(page, { summary: `Wrong size shipped ${u}` });
    const b = await createComplaint(page, { summary: `Wrong colour shipped ${u}` });
    const title = `Check picking labels ${u}`;

    await page.goto(`/complaints/${a.id}`);
    const ca = page.getByRole('region', { name: 'Corrective actions' });
    await ca.getByRole('button', { name: 'Raise corrective action' }).click();
    const raise = ca.getByRole('form', { name: 'Raise corrective action' });
    await raise.getByLabel('Title').fill(title);
    await raise.getByLabel('Owner').selectOption({ label: 'Ada Admin' });
    await raise.getByLabel('Due date').fill('2027-01-31');
    await raise.getByRole('button', { name: 'Raise action' }).click();
    await ca.getByRole('link', { name: title }).waitFor();

    await page.goto(`/complaints/${b.id}`);
    const ca2 = page.getByRole('region', { name: 'Corrective actions' });
    await ca2.getByText('None linked.').waitFor();
    await ca2.getByRole('button', { name: 'Link existing' }).click();
    const link = ca2.getByRole('form', { name: 'Link existing corrective action' });
    await link.getByLabel('Corrective action').selectOption({ label: `${title} (Open)` });
    await link.getByRole('button', { name: 'Link action' }).click();
    await ca2.getByRole('link', { name: title }).waitFor();

    // The list shows both complaints on the action, by reference.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Corrective actions' }).click();
    const card = page.locator('article.ca-card').filter({ has: page.getByRole('heading', { name: title }) });
    await card.getByRole('link', { name: a.reference }).waitFor();
    await card.getByRole('link', { name: b.reference }).waitFor();
    await card.getByText('31 Jan 2027').waitFor();
    const listed = await apiCall(page, 'GET', `/api/v1/corrective-actions?complaint_id=${b.id}`);
    assert.equal(listed.status, 200);
    const action = listed.body.items.find((x) => x.title === title);
    assert.deepEqual(action.complaint_ids, [a.id, b.id].sort((x, y) => x - y));

    // Status change from the list.
    await card.getByRole('button', { name: `Edit ${title}` }).click();
    const edit = page.getByRole('form', { name: `Edit: ${title}` });
    await edit.getByLabel('Status').selectOption('in_progress');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await page.locator('article.ca-card').filter({ has: page.getByRole('heading', { name: title }) }).locator('.badge-in_progress').waitFor();
    await page.getByLabel('Status').selectOption('in_progress');
    await page.getByRole('heading', { name: title }).waitFor();
    assertClean();
  } finally {
    await close();
  }
});

test('the analysis page shows the counts with their tables', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    const u = uniq();
    await signIn(page, ADMIN);
    await createComplaint(page, { summary: `Analysis letter ${u}`, channel: 'letter' });
    await createComplaint(page, { summary: `Analysis e-mail ${u}`, channel: 'email' });
    const all = await apiCall(page, 'GET', '/api/v1/complaints?limit=1');
    const byChannel = {};
    const list = await apiCall(page, 'GET', '/api/v1/complaints?limit=100');
    for (const c of list.body.items) byChannel[c.channel] = (byChannel[c.channel] ?? 0) + 1;

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Complaint analysis' }).click();
    await page.getByRole('heading', { name: 'Complaint analysis', level: 1 }).waitFor();
    const figures = page.getByRole('region', { name: 'Key figures' });
    await figures.getByText('Complaints', { exact: true }).waitFor();
    const total = await figures.locator('dt', { hasText: /^Complaints$/ }).locator('xpath=following-sibling::dd').innerText();
    assert.equal(Number(total), all.body.total);

    const channels = page.getByRole('region', { name: 'By channel' });
    const rows = await tableRows(page, 'section[aria-labelledby="by-chan-title"] table tbody tr');
    const seen = Object.fromEntries(rows.map((r) => [r[0], Number(r[1])]));
    assert.equal(seen.Letter, byChannel.letter, JSON.stringify(rows));
    assert.equal(seen.Email, byChannel.email, JSON.stringify(rows));
    await channels.locator('.chart canvas').first().waitFor();
    const periods = await tableRows(page, 'section[aria-labelledby="per-title"] table tbody tr');
    assert.equal(
      periods.reduce((s, r) => s + Number(r[1]), 0),
      all.body.total,
    );

    // Grouping by week keeps the same total; the export links carry the filters.
    await page.getByLabel('Group by', { exact: true }).selectOption('week');
    await page.waitForURL(/period=week/);
    await page.locator('section[aria-labelledby="per-title"] table tbody tr th', { hasText: /W\d\d/ }).first().waitFor();
    await page.getByLabel('Channel', { exact: true }).selectOption('letter');
    const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    assert.match(href, /\/api\/v1\/complaints\/export\.csv\?.*channel=letter/);
    const csv = await apiCall(page, 'GET', href);
    assert.equal(csv.status, 200);
    await shot(page, 'complaint-analysis');
    assertClean();
  } finally {
    await close();
  }
});

test('the complaint pages fit a phone screen and label every control', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { viewport: { width: 375, height: 740 }, isMobile: true });
  try {
    await signIn(page, ADMIN);
    const c = await createComplaint(page, { summary: 'A rather long summary that has to wrap on a narrow phone screen without scrolling sideways' });
    for (const url of ['/complaints', `/complaints/${c.id}`, '/complaints/new', '/corrective-actions', '/complaints/analysis', '/complaint-settings']) {
      await page.goto(url);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 375, `${url} scrolls sideways (${wide} px)`);
      await checkLabels(page, url);
    }
    assertClean();
  } finally {
    await close();
  }
});

test('settings show field errors, the taxonomy is edited, files are attached, viewers only read', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { allowHttp: [/^422 PUT \/api\/v1\/complaint-settings$/, /^409 POST \/api\/v1\/complaint-categories$/, /^422 POST \/api\/v1\/complaints$/, /^422 POST \/api\/v1\/complaints\/\d+\/attachments$/] });
  try {
    const u = uniq();
    await signIn(page, ADMIN);

    // Settings: a bad time zone is named next to its field; a good one saves.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Complaint settings' }).click();
    await page.getByRole('heading', { name: 'Complaint settings', level: 1 }).waitFor();
    await page.getByLabel('Time zone', { exact: true }).fill('Mars/Olympus_Mons');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#cs-tz-error').waitFor();
    assert.equal(await page.getByLabel('Time zone', { exact: true }).getAttribute('aria-invalid'), 'true');
    await page.getByLabel('Time zone', { exact: true }).fill('Europe/Berlin');
    await page.getByLabel('Saturday', { exact: true }).check();
    await page.getByLabel('Saturday opens', { exact: true }).fill('10:00');
    await page.getByLabel('Saturday closes', { exact: true }).fill('14:00');
    await page.getByLabel('Resolve within').nth(2).fill('3');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    const settings = await apiCall(page, 'GET', '/api/v1/complaint-settings');
    assert.equal(settings.body.calendar.time_zone, 'Europe/Berlin');
    assert.deepEqual(settings.body.calendar.week.saturday, { open: '10:00', close: '14:00' });
    assert.equal(settings.body.sla.severity['2'].resolve.amount, 3);
    await shot(page, 'complaint-settings');

    // Taxonomy: add, add a child, rename, deactivate.
    await page.getByRole('textbox', { name: 'New top-level category' }).fill(`Billing ${u}`);
    await page.getByRole('button', { name: 'Add category' }).click();
    await page.locator('.cat-name', { hasText: `Billing ${u}` }).waitFor();
    await page.getByRole('button', { name: `Add child under Billing ${u}` }).click();
    await page.getByRole('textbox', { name: `New category under Billing ${u}` }).fill('Overcharge');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('.cat-name', { hasText: /^Overcharge$/ }).waitFor();
    await page.getByRole('button', { name: `Rename Billing ${u} / Overcharge` }).click();
    await page.getByRole('textbox', { name: 'New name for Overcharge' }).fill('Charged twice');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.locator('.cat-name', { hasText: /^Charged twice$/ }).waitFor();
    await page.getByRole('button', { name: `Deactivate Billing ${u} / Charged twice` }).click();
    await page.locator('.cat-inactive .cat-name', { hasText: /^Charged twice$/ }).waitFor();
    // A sibling with the same name is refused next to the name field.
    await page.getByRole('textbox', { name: 'New top-level category' }).fill(`billing ${u}`);
    await page.getByRole('button', { name: 'Add category' }).click();
    await page.locator('#cat-new-top-error').waitFor();

    // Staff entry without the required fields: messages next to them.
    await page.goto('/complaints/new');
    await page.getByRole('button', { name: 'Record complaint' }).click();
    await page.locator('#nc-summary-error').waitFor();
    await page.locator('#nc-description-error').waitFor();

    // An attachment is uploaded and downloads again.
    const c = await createComplaint(page, { summary: `With a file ${u}` });
    await page.goto(`/complaints/${c.id}`);
    const files = page.getByRole('region', { name: 'Attachments' });
    await files.getByLabel('File', { exact: true }).setInputFiles({ name: 'delivery-note.txt', mimeType: 'text/plain', buffer: Buffer.from('Signed by J. Doe at 14:02.\n') });
    await files.getByRole('button', { name: 'Upload' }).click();
    const link = files.getByRole('link', { name: 'delivery-note.txt' });
    await link.waitFor();
    const href = await link.getAttribute('href');
    const body = await page.evaluate(async (u) => (await fetch(u, { credentials: 'same-origin' })).text(), href);
    assert.equal(body, 'Signed by J. Doe at 14:02.\n');
    // A refused type is named next to the file field.
    await files.getByLabel('File', { exact: true }).setInputFiles({ name: 'page.html', mimeType: 'text/html', buffer: Buffer.from('<html><script>x()</script></html>') });
    await files.getByRole('button', { name: 'Upload' }).click();
    await page.locator('#att-file-error').waitFor();
    assertClean();
    await close();

    // A viewer reads the case but is offered no work on it.
    const v = await newPage(env.browser, env.server.baseUrl);
    try {
      await signIn(v.page, VIEWER);
      await v.page.goto(`/complaints/${c.id}`);
      await v.page.getByRole('heading', { name: c.reference, level: 1 }).waitFor();
      await v.page.getByRole('region', { name: 'Attachments' }).getByRole('link', { name: 'delivery-note.txt' }).waitFor();
      assert.equal(await v.page.getByRole('region', { name: 'Next steps' }).count(), 0);
      assert.equal(await v.page.getByRole('button', { name: 'Raise corrective action' }).count(), 0);
      assert.equal(await v.page.getByRole('form', { name: 'Internal note' }).count(), 0);
      await v.page.goto('/complaints');
      assert.equal(await v.page.getByRole('link', { name: 'New complaint' }).count(), 0);
      v.assertClean();
    } finally {
      await v.close();
    }
  } finally {
    await close().catch(() => {});
  }
});
