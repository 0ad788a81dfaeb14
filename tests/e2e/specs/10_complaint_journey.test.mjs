// The complainant's journey, issue 3's acceptance test, against a real SMTP
// server (aiosmtpd with the project's sink): an admin sets the sender and the
// public base URL and adds a category; a customer without an account files a
// complaint on a phone with a PNG attached, gets the reference and the status
// link on screen and by mail, and sees "Acknowledged" behind the link; a
// handler takes the case from the queue through assessment, five whys,
// response and closure; the closure mail's rating link takes a 4 with a
// comment once and then says it was used; the analysis page counts the case.
// Also: the form's messages next to its fields, a refused file type, the bot
// trap, and unknown links. (Staff work in depth: 11_complaint_work.)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, apiCall, newPage, shot, signIn, tableRows, uniq, useEnv } from '../harness.mjs';

const env = useEnv(before, after, { smtp: true });

const HANDLER = { email: 'handler@example.org', password: 'handler password 1234', name: 'Hana Handler' };
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true };
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function noSidewaysScroll(page, what) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 375, `${what} scrolls sideways (${wide} px)`);
}

/** Every control has a label, ids are unique, buttons and links have names, header and main exist. */
async function checkA11y(page, where) {
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
    for (const sel of ['header', 'main', 'h1']) if (!document.querySelector(sel)) out.push(`no <${sel}>`);
    for (const b of document.querySelectorAll('button, a[href]')) {
      if (!(b.textContent || '').trim() && !b.getAttribute('aria-label')) out.push(`unnamed ${b.tagName.toLowerCase()}`);
    }
    return out;
  });
  assert.deepEqual(problems, [], where);
}

/** The first link in a mail body that starts with `prefix`. */
function linkIn(body, prefix) {
  const m = new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s<>"]+`).exec(body);
  assert.ok(m, `no link starting ${prefix} in:\n${body}`);
  return m[0];
}

/** Waits until the case page's state badge reads `text`. */
async function stateIs(page, text) {
  await page.locator('.page-head .badge', { hasText: new RegExp(`^${text}$`) }).waitFor();
}

async function countComplaints(page) {
  const r = await apiCall(page, 'GET', '/api/v1/complaints?limit=1');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.total;
}

test('a complainant files a complaint, follows it by the mailed link, and rates the handling once', async () => {
  const baseUrl = env.server.baseUrl;
  const mail = env.server.mail;
  const u = uniq();
  const category = `Delivery ${u}`;
  const email = `kim-${u}@example.com`;

  // The admin names the sender and the public address, adds a category and a handler.
  const admin = await newPage(env.browser, baseUrl);
  try {
    await signIn(admin.page, ADMIN);
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Complaint settings' }).click();
    await admin.page.getByRole('heading', { name: 'Complaint settings', level: 1 }).waitFor();
    await admin.page.getByLabel('Sender address').fill('complaints@example.org');
    await admin.page.getByLabel('Public base URL').fill(baseUrl);
    await admin.page.getByRole('button', { name: 'Save settings' }).click();
    await admin.page.getByText('Settings saved.').waitFor();
    const saved = await apiCall(admin.page, 'GET', '/api/v1/complaint-settings');
    assert.equal(saved.body.mail_from, 'complaints@example.org');
    assert.equal(saved.body.public_base_url, baseUrl);

    await admin.page.getByRole('textbox', { name: 'New top-level category' }).fill(category);
    await admin.page.getByRole('button', { name: 'Add category' }).click();
    await admin.page.getByText(`${category} added.`).waitFor();

    const h = await apiCall(admin.page, 'POST', '/api/v1/users', {
      email: HANDLER.email,
      display_name: HANDLER.name,
      role: 'handler',
      password: HANDLER.password,
    });
    assert.equal(h.status, 201, JSON.stringify(h.body));
    admin.assertClean();
  } finally {
    await admin.close();
  }

  // The customer, on a phone and without an account, files the complaint.
  const customer = await newPage(env.browser, baseUrl, PHONE);
  const { page } = customer;
  let reference;
  let statusLink;
  try {
    await page.goto('/complain');
    await page.getByRole('heading', { name: 'Make a complaint', level: 1 }).waitFor();
    await page.getByLabel('Summary').fill(`Fridge arrived dented ${u}`);
    await page.getByLabel('What happened').fill('The fridge was delivered on Monday with a large dent in the door.\nThe driver left before I could open the box.');
    await page.getByLabel('Product or service').fill('Fridge FX-200');
    const when = new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    await page.getByLabel('When did it happen?').fill(when);
    await page.getByLabel('What would you like us to do?').fill('Replace the door or the fridge.');
    await page.getByLabel('Name').fill('Kim Complainant');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Phone').fill('+49 30 555 0199');
    await page.getByLabel('You may contact me about this complaint').check();
    await page.getByText('Accepted types: PDF, PNG, JPEG, GIF, WebP and plain text.', { exact: false }).waitFor();
    await page.getByLabel('Attach files').setInputFiles({ name: 'dent.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('list', { name: 'Attached files' }).getByText('dent.png').waitFor();
    await noSidewaysScroll(page, '/complain');
    await checkA11y(page, '/complain');
    await shot(page, 'complaint-form');
    await page.getByRole('button', { name: 'Send complaint' }).click();

    await page.getByRole('heading', { name: 'Thank you — we have received your complaint', level: 1 }).waitFor();
    reference = (await page.locator('.receipt-ref').innerText()).trim();
    assert.match(reference, /^C-\d{4}-\d{6,}$/);
    const href = await page.locator('.receipt-link a').getAttribute('href');
    // The link is the case id and its keyed MAC (keys/link_signer.h).
    assert.match(href, /^\/status\/\d+\.[A-Za-z0-9_-]{20,}$/);
    statusLink = `${baseUrl}${href}`;
    assert.equal((await page.locator('.receipt-link a').innerText()).trim(), statusLink);
    await page.getByRole('heading', { name: 'Keep this link' }).waitFor();
    await noSidewaysScroll(page, 'the receipt');
    await checkA11y(page, 'the receipt');
    await shot(page, 'complaint-receipt');

    // The acknowledgement mail carries the reference and the same status link.
    const ack = await mail.waitFor(
      (m) => m.subject.includes(`[${reference}]`) && m.body.includes(statusLink),
      `the acknowledgement of ${reference} with ${statusLink}`,
    );
    assert.deepEqual(ack.rcpt_tos, [email]);
    assert.equal(ack.mail_from, 'complaints@example.org');
    assert.deepEqual(ack.defects, []);

    // Behind the link: the complaint acknowledged, the acknowledgement among the messages.
    await page.goto(linkIn(ack.body, `${baseUrl}/status/`));
    await page.getByRole('heading', { name: `Your complaint ${reference}`, level: 1 }).waitFor();
    await page.locator('.public-stage-now').getByText('Acknowledged', { exact: true }).waitFor();
    const current = page.getByRole('list', { name: 'Progress' }).locator('[aria-current="step"]');
    assert.match(await current.innerText(), /Acknowledged/);
    await page.locator('.public-summary').getByText(`Fridge arrived dented ${u}`).waitFor();
    const messages = page.getByRole('region', { name: 'Messages' });
    await messages.getByText('Complaints team').first().waitFor();
    await noSidewaysScroll(page, 'the status page');
    await checkA11y(page, 'the status page');

    // The complainant writes to the team from the status page.
    await page.getByLabel('Your message').fill(`The serial number is FX-200-${u}.`);
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByText('Your reply was sent.').waitFor();
    await messages.getByText(`The serial number is FX-200-${u}.`).waitFor();
    await shot(page, 'complaint-status');
    customer.assertClean();
  } finally {
    await customer.close();
  }

  // A handler takes the case from the queue to closure.
  const staff = await newPage(env.browser, baseUrl);
  try {
    const s = staff.page;
    await signIn(s, HANDLER);
    // A handler lands on their own cases; the new one waits in Unassigned.
    await s.waitForURL(/\/complaints\?queue=mine$/);
    await s.getByRole('heading', { name: 'Complaints', level: 1 }).waitFor();
    await s.getByRole('navigation', { name: 'Queues' }).getByRole('link', { name: 'Unassigned' }).click();
    await s.getByRole('link', { name: reference }).click();
    await s.waitForURL(/\/complaints\/\d+$/);
    const id = Number(new URL(s.url()).pathname.split('/').pop());
    await stateIs(s, 'Acknowledged');
    await s.getByRole('region', { name: 'Attachments' }).getByRole('link', { name: 'dent.png' }).waitFor();
    const corr = s.getByRole('region', { name: 'Correspondence with the complainant' });
    await corr.getByText(`The serial number is FX-200-${u}.`).waitFor();
    // Staff read the acknowledgement with the link as a placeholder, never the link itself.
    await corr.getByText(/\[status link\]/).first().waitFor();
    const statusToken = statusLink.split('/status/')[1];
    assert.ok(!(await s.content()).includes(statusToken), 'the status token is not on the case page');
    const kept = await apiCall(s, 'GET', `/api/v1/complaints/${id}/messages`);
    assert.ok(!JSON.stringify(kept.body).includes(statusToken), 'the status token is in no message');

    const assess = s.getByRole('form', { name: 'Assessment' });
    await assess.getByLabel('Severity').selectOption('3');
    await assess.getByLabel('Category').selectOption({ label: category });
    await assess.getByRole('button', { name: 'Save assessment' }).click();
    await stateIs(s, 'Assessed');

    const inv = s.getByRole('form', { name: 'Investigation' });
    const whys = [
      'The door was dented in the van.',
      'The fridge was not strapped to the wall.',
      'The straps of that van were missing.',
      'Nobody checks the straps before a tour.',
      'The van checklist has no item for straps.',
    ];
    for (let i = 0; i < whys.length; i++) {
      if (i > 0) await inv.getByRole('button', { name: 'Add why' }).click();
      await inv.getByLabel(`Why ${i + 1}`, { exact: true }).fill(whys[i]);
    }
    await inv.getByLabel('Cause category').selectOption('equipment');
    await inv.getByLabel('Root cause').fill('The van checklist misses the load straps.');
    await inv.getByRole('button', { name: 'Save investigation' }).click();
    await stateIs(s, 'Investigating');

    const decision = `We replace the door of your fridge free of charge ${u}.`;
    const resp = s.getByRole('form', { name: 'Response' });
    await resp.getByLabel('Decision').fill(decision);
    await resp.getByLabel('Replacement').check();
    await resp.getByLabel('Remedy detail').fill('New door FX-200-D, fitted at home.');
    await resp.getByRole('button', { name: 'Record response' }).click();
    await stateIs(s, 'Responded');
    await mail.waitFor((m) => m.subject.includes(`[${reference}]`) && m.body.includes(decision), `the decision mail of ${reference}`);

    const steps = s.getByRole('region', { name: 'Next steps' });
    await steps.getByRole('button', { name: 'Close', exact: true }).click();
    const closeForm = steps.getByRole('form', { name: 'Close' });
    await closeForm.getByLabel('How it was closed').selectOption('accepted');
    await closeForm.getByRole('button', { name: /Confirm/ }).click();
    await stateIs(s, 'Closed');

    const c = await apiCall(s, 'GET', `/api/v1/complaints/${id}`);
    assert.equal(c.body.category_path, category);
    assert.deepEqual(c.body.whys, whys);
    assert.equal(c.body.closure, 'accepted');
    staff.assertClean();
  } finally {
    await staff.close();
  }

  // The closure mail brings the rating link; the customer rates 4, once.
  const closure = await mail.waitFor(
    (m) => m.subject.includes(`[${reference}]`) && m.body.includes(`${baseUrl}/rate/`),
    `the closure mail of ${reference} with a rating link`,
  );
  assert.deepEqual(closure.rcpt_tos, [email]);
  const rateLink = linkIn(closure.body, `${baseUrl}/rate/`);

  const again = await newPage(env.browser, baseUrl, PHONE);
  try {
    const p = again.page;
    await p.goto(statusLink);
    await p.locator('.public-stage-now').getByText('Closed', { exact: true }).waitFor();
    await p.getByRole('region', { name: 'Messages' }).getByText(`We replace the door of your fridge free of charge ${u}.`).waitFor();

    await p.goto(rateLink);
    await p.getByRole('heading', { name: 'Rate how we handled your complaint', level: 1 }).waitFor();
    await p.getByText(reference).waitFor();
    await noSidewaysScroll(p, 'the rating page');
    await checkA11y(p, 'the rating page');
    // Sending without a score says what is missing, next to the choices.
    await p.getByRole('button', { name: 'Send rating' }).click();
    await p.getByText('Please choose how satisfied you are.').waitFor();
    await p.getByRole('radio', { name: '4 – Satisfied' }).check();
    assert.equal(await p.getByText('Please choose how satisfied you are.').count(), 0);
    await p.getByLabel('Comment (optional)').fill('Quick and friendly, thank you.');
    await shot(p, 'complaint-rate');
    await p.getByRole('button', { name: 'Send rating' }).click();
    await p.getByRole('heading', { name: 'Thank you for your rating', level: 1 }).waitFor();

    await p.goto(rateLink);
    await p.getByRole('heading', { name: 'This rating link has been used', level: 1 }).waitFor();
    assert.equal(await p.getByRole('button', { name: 'Send rating' }).count(), 0);
    const second = await p.evaluate(async (url) => {
      const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Test-Call': '1' }, body: JSON.stringify({ score: 1 }) });
      return r.status;
    }, rateLink.replace(`${baseUrl}/rate/`, '/api/v1/public/ratings/'));
    assert.equal(second, 409);
    again.assertClean();
  } finally {
    await again.close();
  }

  // The analysis counts the case, its category and the rating.
  const analyst = await newPage(env.browser, baseUrl);
  try {
    const a = analyst.page;
    await signIn(a, HANDLER);
    const all = await apiCall(a, 'GET', '/api/v1/complaints?limit=1');
    assert.equal(all.body.total, 1);
    await a.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Complaint analysis' }).click();
    await a.getByRole('heading', { name: 'Complaint analysis', level: 1 }).waitFor();
    const figures = a.getByRole('region', { name: 'Key figures' });
    const figure = (name) => figures.locator('dt', { hasText: new RegExp(`^${name}$`) }).locator('xpath=following-sibling::dd');
    await figure('Complaints').waitFor();
    assert.equal((await figure('Complaints').innerText()).trim(), '1');
    assert.match(await figure('Satisfaction with handling').innerText(), /^4(\.0+)? of 5 \(n = 1\)$/);
    const byCategory = await tableRows(a, 'section[aria-labelledby="by-cat-title"] table tbody tr');
    assert.deepEqual(
      byCategory.map((r) => [r[0], Number(r[1])]),
      [[category, 1]],
      JSON.stringify(byCategory),
    );
    await a.getByRole('region', { name: 'Satisfaction with complaint handling' }).waitFor();
    await shot(a, 'complaint-journey-analysis');
    analyst.assertClean();
  } finally {
    await analyst.close();
  }
});

test('the public form shows the server’s messages next to its fields and refuses other file types', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { allowHttp: [/^422 POST \/api\/v1\/public\/complaints$/] });
  try {
    await page.goto('/complain');
    await page.getByRole('button', { name: 'Send complaint' }).click();
    const summary = page.getByLabel('Summary');
    await summary.and(page.locator('[aria-invalid="true"]')).waitFor();
    const summaryError = await summary.getAttribute('aria-describedby');
    assert.match(await page.locator(`[id="${summaryError.split(' ').pop()}"]`).innerText(), /required/i);
    await page.getByLabel('What happened').and(page.locator('[aria-invalid="true"]')).waitFor();
    await page.getByRole('alert').first().waitFor();

    // Consent without any way to contact; a bad e-mail address; a file that is not an accepted type.
    await page.getByLabel('Summary').fill('Wrong invoice');
    await page.getByLabel('What happened').fill('The invoice shows <b>twice</b> the price.');
    await page.getByLabel('E-mail').fill('not-an-address');
    await page.getByLabel('Attach files').setInputFiles({
      name: 'tool.exe',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00]),
    });
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.locator('#complain-files-error').getByText(/tool\.exe.*not an accepted type/).waitFor();
    assert.equal(await page.getByLabel('Attach files').getAttribute('aria-invalid'), 'true');
    await page.getByRole('button', { name: 'Remove tool.exe' }).click();
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.locator('#complain-email-error').getByText(/e-mail/i).waitFor();
    assert.equal(await page.getByRole('heading', { name: /Thank you/ }).count(), 0);
    assertClean();
  } finally {
    await close();
  }
});

test('the bot trap is hidden from people, and a filled one stores nothing', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(page, ADMIN);
    const before = await countComplaints(page);
    await page.goto('/complain');
    const trap = page.locator('input[name="website"]');
    assert.equal(await trap.getAttribute('tabindex'), '-1');
    assert.equal(await trap.getAttribute('autocomplete'), 'off');
    assert.equal(await page.locator('.public-trap').getAttribute('aria-hidden'), 'true');
    assert.equal(await page.getByRole('textbox', { name: 'Website' }).count(), 0);
    // Tabbing from the last attachment control reaches the submit button, not the trap.
    await page.getByLabel('Attach files').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Send complaint');

    await page.getByLabel('Summary').fill('Cheap watches');
    await page.getByLabel('What happened').fill('Buy cheap watches here.');
    await trap.fill('https://spam.example', { force: true });
    await page.getByRole('button', { name: 'Send complaint' }).click();
    await page.getByRole('heading', { name: /Thank you/ }).waitFor();
    assert.equal(await countComplaints(page), before);
    assertClean();
  } finally {
    await close();
  }
});

test('unknown status and rating links say so', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { allowHttp: [/^404 GET \/api\/v1\/public\/(status|ratings)\/no-such-token/] });
  try {
    await page.goto('/status/no-such-token-0123456789abcdef');
    await page.getByRole('heading', { name: 'We cannot find this complaint', level: 1 }).waitFor();
    await page.getByRole('alert').getByText(/whole link/).waitFor();
    await page.goto('/rate/no-such-token-0123456789abcdef');
    await page.getByRole('heading', { name: 'We cannot find this rating link', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Make a new complaint' }).click();
    await page.getByRole('heading', { name: 'Make a complaint', level: 1 }).waitFor();
    assertClean();
  } finally {
    await close();
  }
});
