// Records that link (issue 7): a complaint names its customer and links to
// them; the customer page lists the customer's complaints; the audit trail
// lists newest first and filters by a complaint's reference and by every
// entity type the role may read; the complaints table has a received date,
// fits 1366 px and scrolls inside its frame (not the page) on a phone.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { ADMIN, VIEWER, apiCall, newPage, shot, signIn, tableRows, uniq, useEnv } from '../harness.mjs';

const env = useEnv(before, after);

test('a complaint links to its customer, and the customer page lists their complaints', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, ADMIN);
    const name = `Ines Ortega ${uniq()}`;
    const customer = await apiCall(page, 'POST', '/api/v1/customers', { kind: 'person', name });
    assert.equal(customer.status, 201, JSON.stringify(customer.body));
    const filed = await apiCall(page, 'POST', '/api/v1/complaints', {
      channel: 'phone',
      summary: 'Router replaced twice, still drops',
      description: 'The line drops every evening.',
      customer_id: customer.body.id,
    });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));

    await page.goto(`/complaints/${filed.body.id}`);
    const link = page.locator('dd').getByRole('link', { name, exact: true });
    await link.waitFor();
    await link.click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Complaints' }).click();
    const panel = page.getByRole('tabpanel');
    await panel.getByRole('link', { name: filed.body.reference }).waitFor();
    await shot(page, 'records-customer-complaints');
    await panel.getByRole('link', { name: 'New complaint from this customer' }).click();
    await page.waitForURL(/\/complaints\/new\?customer_id=\d+$/);
    const picked = page.getByLabel('Existing customer');
    await page.waitForFunction((id) => document.querySelector('#nc-customer')?.value === id, String(customer.body.id));
    assert.match(await picked.locator('option:checked').innerText(), new RegExp(name));
    assertClean();
  } finally {
    await close();
  }
});

test('the audit trail lists newest first and filters by a complaint’s reference and by entity type', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, ADMIN);
    const filed = await apiCall(page, 'POST', '/api/v1/complaints', { channel: 'email', summary: `Audited ${uniq()}`, description: 'd' });
    assert.equal(filed.status, 201);
    const note = await apiCall(page, 'POST', `/api/v1/complaints/${filed.body.id}/messages`, { kind: 'internal_note', subject: 'n', body: 'Called back' });
    assert.equal(note.status, 201, JSON.stringify(note.body));
    await apiCall(page, 'POST', '/api/v1/customers', { kind: 'person', name: `Later ${uniq()}` });

    await page.goto('/audit');
    await page.getByRole('table', { name: 'Audit trail' }).waitFor();
    const seqs = (await tableRows(page)).map((r) => Number(r[0]));
    assert.ok(seqs.length > 3);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a), 'newest first');

    // Every entity type the API knows for the role is offered.
    const offered = await page.getByLabel('Entity', { exact: true }).locator('option').allInnerTexts();
    for (const t of ['Complaint', 'Complaint message', 'Corrective action', 'Customer', 'User']) assert.ok(offered.includes(t), `${t} in ${offered}`);
    await page.getByLabel('Entity', { exact: true }).selectOption('complaint_message');
    await page.waitForFunction(() => [...document.querySelectorAll('table tbody tr')].every((tr) => /Complaint message/.test(tr.innerText)));

    await page.getByLabel('Entity', { exact: true }).selectOption('');
    await page.getByLabel('Complaint', { exact: true }).fill(filed.body.reference);
    await page.waitForFunction(
      () => {
        const rows = [...document.querySelectorAll('table tbody tr')];
        return rows.length === 2 && /Complaint message/.test(rows[0].innerText) && /Complaint #/.test(rows[1].innerText);
      },
      undefined,
      { timeout: 10_000 },
    );
    await shot(page, 'records-audit-by-complaint');
    await page.getByLabel('Order').selectOption('seq');
    await page.waitForFunction(() => /Complaint #/.test(document.querySelector('table tbody tr')?.innerText ?? ''));
    assertClean();
  } finally {
    await close();
  }
});

async function complaintsWithData(page) {
  for (let i = 0; i < 3; i++) {
    const r = await apiCall(page, 'POST', '/api/v1/complaints', {
      channel: 'letter',
      summary: `A long summary that a complainant wrote about the broadband installation appointment being missed again ${uniq()}`,
      description: 'd',
    });
    assert.equal(r.status, 201);
  }
  await page.goto('/complaints');
  await page.getByRole('table', { name: 'Complaints' }).waitFor();
}

test('the complaints table has a received date and fits 1366 px', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { viewport: { width: 1366, height: 768 } });
  try {
    await signIn(page, ADMIN);
    await complaintsWithData(page);
    const headers = await page.locator('table thead th').allInnerTexts();
    assert.ok(headers.map((h) => h.toLowerCase()).includes('received'), headers.join(','));
    const fit = await page.evaluate(() => {
      const wrap = document.querySelector('.table-wrap');
      return { page: document.documentElement.scrollWidth, wrap: wrap.scrollWidth, visible: wrap.clientWidth };
    });
    assert.ok(fit.page <= 1366, `page ${fit.page} px wide`);
    assert.ok(fit.wrap <= fit.visible, `table clipped: ${fit.wrap} px in ${fit.visible} px`);
    await shot(page, 'records-complaints-1366');
    assertClean();
  } finally {
    await close();
  }
});

test('on a phone the complaints table scrolls inside its frame, not the page', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { viewport: { width: 375, height: 740 }, isMobile: true });
  try {
    await signIn(page, ADMIN);
    await complaintsWithData(page);
    const fit = await page.evaluate(() => {
      const wrap = document.querySelector('.table-wrap');
      return { page: document.documentElement.scrollWidth, wrap: wrap.scrollWidth, visible: wrap.clientWidth, overflow: getComputedStyle(wrap).overflowX };
    });
    assert.ok(fit.page <= 375, `the page scrolls sideways: ${fit.page} px`);
    assert.ok(fit.wrap > fit.visible, 'the table is wider than a phone and scrolls in its frame');
    assert.equal(fit.overflow, 'auto');
    await shot(page, 'records-complaints-phone');
    assertClean();
  } finally {
    await close();
  }
});

test('a handler lands on My cases, and the complaints list opens on Mine for them', async () => {
  const admin = await newPage(env.browser, env.server.baseUrl);
  const handler = { email: `handler-${uniq()}@example.org`, password: 'handler password 1234' };
  let assignedRef = '';
  try {
    await signIn(admin.page, ADMIN);
    const made = await apiCall(admin.page, 'POST', '/api/v1/users', { ...handler, display_name: 'Hal Handler', role: 'handler' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const c = await apiCall(admin.page, 'POST', '/api/v1/complaints', { channel: 'phone', summary: `For Hal ${uniq()}`, description: 'd' });
    assert.equal((await apiCall(admin.page, 'PUT', `/api/v1/complaints/${c.body.id}/assignee`, { assignee_id: made.body.id })).status, 200);
    assignedRef = c.body.reference;
    // Others still open on all complaints.
    await admin.page.goto('/complaints');
    const adminQueue = admin.page.getByRole('navigation', { name: 'Queues' }).locator('[aria-current="page"]');
    assert.equal((await adminQueue.innerText()).trim(), 'All');
    admin.assertClean();
  } finally {
    await admin.close();
  }
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, handler);
    await page.waitForURL(/\/complaints\?queue=mine$/);
    await page.getByRole('link', { name: assignedRef }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.equal(await nav.getByRole('link', { name: 'My cases' }).getAttribute('aria-current'), 'page');
    assert.equal(await nav.getByRole('link', { name: 'Complaints', exact: true }).getAttribute('aria-current'), null);
    // The plain list address opens on Mine too; All is one click away.
    await page.goto('/complaints');
    const current = page.getByRole('navigation', { name: 'Queues' }).locator('[aria-current="page"]');
    assert.equal((await current.innerText()).trim(), 'Mine');
    await page.getByRole('navigation', { name: 'Queues' }).getByRole('link', { name: 'All' }).click();
    await page.waitForURL(/queue=all/);
    await shot(page, 'records-handler-all');
    assertClean();
  } finally {
    await close();
  }
});

test('the analysis opens on the last 12 months and filters by intake, as the queues do', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, ADMIN);
    const old = await apiCall(page, 'POST', '/api/v1/complaints', {
      channel: 'letter',
      summary: `Two years ago ${uniq()}`,
      description: 'd',
      received_at: new Date(Date.now() - 730 * 86400e3).toISOString(),
    });
    assert.equal(old.status, 201, JSON.stringify(old.body));
    const first = page.waitForRequest((r) => r.url().includes('/api/v1/complaints/analysis'));
    await page.goto('/complaints/analysis');
    const url = new URL((await first).url());
    const zone = (await apiCall(page, 'GET', '/api/v1/settings')).body.time_zone;
    const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number);
    const expected = new Date(Date.UTC(y, m - 1 - 11, 1)).toISOString().slice(0, 10);
    assert.equal(url.searchParams.get('from'), expected);
    assert.equal(await page.getByLabel('From', { exact: true }).inputValue(), expected);
    const analysis = await apiCall(page, 'GET', `/api/v1/complaints/analysis?from=${expected}`);
    assert.ok(!analysis.body.by_period.some((p) => p.period < expected.slice(0, 7)), JSON.stringify(analysis.body.by_period));

    const filtered = page.waitForRequest((r) => r.url().includes('/api/v1/complaints/analysis') && r.url().includes('intake=import'));
    await page.getByLabel('Intake', { exact: true }).selectOption('import');
    await filtered;
    // Emptied, From means all time: the old complaint counts again.
    const all = page.waitForRequest((r) => r.url().includes('/api/v1/complaints/analysis') && !new URL(r.url()).searchParams.has('from'));
    await page.getByLabel('Intake', { exact: true }).selectOption('');
    await page.getByLabel('From', { exact: true }).fill('');
    await all;

    await page.goto('/complaints?queue=all');
    await page.getByLabel('Intake', { exact: true }).selectOption('staff');
    await page.waitForURL(/intake=staff/);
    await page.getByRole('link', { name: old.body.reference }).waitFor();
    assertClean();
  } finally {
    await close();
  }
});

test('a case prints as a report: no navigation, forms or buttons', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, ADMIN);
    const c = await apiCall(page, 'POST', '/api/v1/complaints', { channel: 'phone', summary: `Printed case ${uniq()}`, description: 'The engineer never came.' });
    await page.goto(`/complaints/${c.body.id}`);
    await page.getByRole('button', { name: 'Print case report' }).waitFor();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false);
    assert.equal(await page.locator('form:visible, button:visible, textarea:visible').count(), 0);
    await page.getByText('Case report, printed').waitFor();
    await page.getByText('The engineer never came.').waitFor();
    await page.getByRole('heading', { name: c.body.reference }).waitFor();
    await shot(page, 'records-case-print');
    await page.emulateMedia({ media: 'screen' });
    assert.equal(await page.getByText('Case report, printed').isVisible(), false);
    assertClean();
  } finally {
    await close();
  }
});

test('the complaints list works from the keyboard: / searches, j and k move, a assigns, ? lists the keys', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, ADMIN);
    for (let i = 0; i < 2; i++) await apiCall(page, 'POST', '/api/v1/complaints', { channel: 'phone', summary: `Keyboard ${i} ${uniq()}`, description: 'd' });
    await page.goto('/complaints?queue=all');
    await page.getByRole('table', { name: 'Complaints' }).waitFor();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    for (const what of ['Search', 'Next row', 'Previous row', 'Assign the current row to me']) await help.getByText(what, { exact: true }).waitFor();
    await shot(page, 'records-shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });

    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'cmp-q');
    await page.locator('h1').click();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    const rows = page.locator('table.complaints-table tbody tr');
    assert.equal(await rows.nth(0).getAttribute('aria-current'), 'true');
    assert.equal(await rows.nth(1).getAttribute('aria-current'), null);
    const reference = (await rows.nth(0).locator('td').first().innerText()).trim();
    await page.keyboard.press('a');
    await page.getByText(`${reference} assigned to you.`).waitFor();
    await page.waitForFunction((ref) => [...document.querySelectorAll('table.complaints-table tbody tr')].some((tr) => tr.innerText.includes(ref) && tr.innerText.includes('Ada Admin')), reference);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: reference, level: 1 }).waitFor();
    assertClean();
  } finally {
    await close();
  }
});

test('a viewer exports the customers, the corrective actions and the audit trail from their lists', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, VIEWER);
    for (const [path, header] of [
      ['/customers', 'id,name,kind,email'],
      ['/corrective-actions', 'id,title,description,status'],
      ['/audit', 'seq,at,actor,entity_type'],
      ['/complaints?queue=all', 'reference,received_at'],
    ]) {
      await page.goto(path);
      const link = page.getByRole('link', { name: 'Export CSV' });
      await link.waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const text = readFileSync(await download.path(), 'utf8');
      assert.ok(text.replace(/^\uFEFF/, '').startsWith(header), `${path}: ${text.slice(0, 80)}`);
      assert.equal(await page.getByRole('link', { name: 'Export XLSX' }).count(), 1, path);
    }
    assertClean();
  } finally {
    await close();
  }
});

test('the c-chart draws exactly the periods the server flags as out of control, each in red', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, ADMIN);
    // Twelve months: two complaints in most, fourteen in two of them.
    const now = new Date();
    for (let back = 1; back <= 12; back++) {
      const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 10, 12));
      const n = back === 3 || back === 7 ? 14 : 2;
      for (let i = 0; i < n; i++) {
        const r = await apiCall(page, 'POST', '/api/v1/complaints', { channel: 'phone', summary: `Month ${back} ${i}`, description: 'd', received_at: month.toISOString() });
        assert.equal(r.status, 201, JSON.stringify(r.body));
      }
    }
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1)).toISOString().slice(0, 10);
    const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)).toISOString().slice(0, 10);
    const api = await apiCall(page, 'GET', `/api/v1/complaints/analysis?from=${from}&to=${to}`);
    const flagged = api.body.c_chart.points.filter((p) => p.out_of_control).length;
    assert.ok(flagged >= 2, JSON.stringify(api.body.c_chart));
    await page.goto(`/complaints/analysis?from=${from}&to=${to}`);
    const chart = page.getByRole('img', { name: /^c-chart/ });
    await chart.waitFor();
    await page.waitForFunction(() => document.querySelector('[aria-label^="c-chart"]')?.hearkenChart);
    const drawn = await chart.evaluate((el) => {
      const list = el.hearkenChart.getZr().storage.getDisplayList();
      const red = list.filter((e) => e.style && e.style.fill === '#b3261e' && !e.parent?.parent?.__legend);
      return { red: red.length, hollow: list.filter((e) => e.type !== 'text' && e.style && e.style.fill === '#fff').length };
    });
    // One red mark per flagged period, and one in the legend.
    assert.equal(drawn.red, flagged + 1, JSON.stringify(drawn));
    assert.equal(drawn.hollow, 0, 'no hollow markers');
    const tableFlags = (await tableRows(page, 'table tbody tr.ooc')).length;
    assert.ok(tableFlags >= flagged);
    await shot(page, 'analysis-c-chart');
    assertClean();
  } finally {
    await close();
  }
});

test('a canned response saved in the settings is inserted into a message with the case filled in', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, ADMIN);
    await page.goto('/complaint-settings');
    const section = page.getByRole('region', { name: 'Canned responses' });
    await section.getByRole('button', { name: 'Add a canned response' }).click();
    await section.getByLabel('Name').fill('Engineer booked');
    await section.getByLabel('Subject').fill('Your complaint {{reference}}');
    await section.getByLabel('Text').fill('Dear {{name}}, an engineer will visit about "{{summary}}".');
    const put = page.waitForResponse((r) => r.url().endsWith('/api/v1/complaint-settings') && r.request().method() === 'PUT');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const answer = await put;
    assert.equal(answer.status(), 200, await answer.text());

    const c = await apiCall(page, 'POST', '/api/v1/complaints', { channel: 'phone', summary: 'No dial tone', description: 'd', contact_name: 'Ines' });
    await page.goto(`/complaints/${c.body.id}`);
    const form = page.getByRole('form', { name: 'Message to complainant' });
    await form.getByLabel('Insert a canned response').selectOption({ label: 'Engineer booked' });
    assert.equal(await form.getByLabel('Subject').inputValue(), `Your complaint ${c.body.reference}`);
    assert.equal(await form.getByLabel('Message').inputValue(), 'Dear Ines, an engineer will visit about "No dial tone".');
    assertClean();
  } finally {
    await close();
  }
});
