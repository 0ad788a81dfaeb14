// People told what needs them (issue 7): a case assigned to a quality
// manager shows in their inbox with the unread count in the header and
// reaches their mailbox (the local SMTP sink) as a digest from the SLA job;
// they read it, the count drops; they turn e-mail off for a kind. A reply from
// the complainant after closure tells the assignee, and the case page offers
// to reopen the case.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN, QM, apiCall, newPage, shot, signIn, uniq, useEnv } from '../harness.mjs';

const env = useEnv(before, after, { smtp: true, slaIntervalSeconds: 1 });

async function setUpMail(page) {
  const settings = await apiCall(page, 'GET', '/api/v1/complaint-settings');
  const updated = { ...settings.body, mail_from: 'complaints@example.org', public_base_url: env.server.baseUrl };
  const saved = await apiCall(page, 'PUT', '/api/v1/complaint-settings', updated);
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
}

test('an assignment reaches the inbox with its count and the mailbox; reading it clears the count', async () => {
  const admin = await newPage(env.browser, env.server.baseUrl);
  const qm = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(admin.page, ADMIN);
    await setUpMail(admin.page);
    await signIn(qm.page, QM);
    const bell = qm.page.getByRole('link', { name: /^Notifications/ });
    assert.equal(await bell.getAttribute('aria-label'), 'Notifications');

    const summary = `Broadband down for a week ${uniq()}`;
    const c = await apiCall(admin.page, 'POST', '/api/v1/complaints', { channel: 'phone', summary, description: 'd' });
    assert.equal(c.status, 201);
    const me = await apiCall(qm.page, 'GET', '/api/v1/auth/me');
    const assigned = await apiCall(admin.page, 'PUT', `/api/v1/complaints/${c.body.id}/assignee`, { assignee_id: me.body.user.id });
    assert.equal(assigned.status, 200);

    // The header counts it (on the next navigation, or within 30 s).
    await qm.page.goto('/customers');
    await qm.page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();
    // The SLA job mails it as the day's digest.
    const mail = await env.server.mail.waitFor(
      (m) => m.rcpt_tos.includes(QM.email) && m.subject === `[${c.body.reference}] assigned to you`,
      'the assignment mail',
    );
    assert.match(mail.body, new RegExp(`/complaints/${c.body.id}`));
    assert.doesNotMatch(mail.body, new RegExp(summary)); // Hearken's words only

    await qm.page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    await qm.page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    const list = qm.page.getByRole('list', { name: 'Notifications' });
    await list.getByText(`${c.body.reference} assigned to you`).waitFor();
    await shot(qm.page, 'notifications-inbox');
    await list.getByRole('link', { name: `${c.body.reference} assigned to you` }).click();
    await qm.page.waitForURL(new RegExp(`/complaints/${c.body.id}$`));
    await qm.page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();

    // E-mail off for assignments: the next one is in the app only.
    await qm.page.goto('/notifications');
    const prefs = qm.page.getByRole('form', { name: 'Notification preferences' });
    await prefs.getByLabel('A case is assigned to me — by e-mail').uncheck();
    await prefs.getByRole('button', { name: 'Save preferences' }).click();
    await qm.page.getByText('Preferences saved.').waitFor();
    const stored = await apiCall(qm.page, 'GET', '/api/v1/notifications/preferences');
    assert.deepEqual(stored.body.items[0], { kind: 'assigned', in_app: true, email: false });
    const second = await apiCall(admin.page, 'POST', '/api/v1/complaints', { channel: 'phone', summary: `Second ${uniq()}`, description: 'd' });
    await apiCall(admin.page, 'PUT', `/api/v1/complaints/${second.body.id}/assignee`, { assignee_id: me.body.user.id });
    await qm.page.goto('/customers');
    await qm.page.getByRole('link', { name: 'Notifications, 1 unread' }).waitFor();
    await new Promise((r) => setTimeout(r, 2500)); // two SLA runs
    assert.equal(env.server.mail.messages().filter((m) => m.subject === `[${second.body.reference}] assigned to you`).length, 0);
    admin.assertClean();
    qm.assertClean();
  } finally {
    await admin.close();
    await qm.close();
  }
});

test('a reply after closure tells the assignee, and the case page offers to reopen it', async () => {
  const admin = await newPage(env.browser, env.server.baseUrl);
  const visitor = await newPage(env.browser, env.server.baseUrl);
  try {
    await signIn(admin.page, ADMIN);
    const me = await apiCall(admin.page, 'GET', '/api/v1/auth/me');
    // Filed by the complainant: the receipt holds their status link.
    await visitor.page.goto('/complain');
    const receipt = await apiCall(visitor.page, 'POST', '/api/v1/public/complaints', { summary: `Billed twice ${uniq()}`, description: 'Two debits in November.' });
    assert.equal(receipt.status, 201, JSON.stringify(receipt.body));
    const c = await apiCall(admin.page, 'GET', `/api/v1/complaints/by-reference/${receipt.body.reference}`);
    const id = c.body.id;
    await apiCall(admin.page, 'PUT', `/api/v1/complaints/${id}/assignee`, { assignee_id: me.body.user.id });
    for (const [path, body] of [
      ['assessment', { severity: 3, priority: 'normal' }],
      ['investigation', { whys: ['why'], cause_category: 'process', root_cause: 'r', evidence: 'e' }],
      ['response', { decision: 'We refund the second debit.', remedies: ['refund'] }],
      ['transitions', { to: 'closed', closure: 'accepted' }],
    ]) {
      const r = await apiCall(admin.page, 'POST', `/api/v1/complaints/${id}/${path}`, body);
      assert.ok(r.status < 300, `${path}: ${JSON.stringify(r.body)}`);
    }
    await apiCall(admin.page, 'POST', '/api/v1/notifications/read', { all: true });

    await visitor.page.goto(receipt.body.status_url);
    await visitor.page.getByLabel('Your message').fill('The second debit is still there.');
    await visitor.page.getByRole('button', { name: 'Send message' }).click();
    await visitor.page.getByText('The second debit is still there.').waitFor();

    await admin.page.goto('/customers');
    await admin.page.getByRole('link', { name: 'Notifications, 1 unread' }).click();
    const list = admin.page.getByRole('list', { name: 'Notifications' });
    const title = `${receipt.body.reference}: the complainant replied after closure`;
    await list.getByText(title).waitFor();
    await list.getByRole('link', { name: title }).click();
    await admin.page.waitForURL(new RegExp(`/complaints/${id}$`));
    await admin.page.getByText('The complainant wrote after the case was closed').waitFor();
    await shot(admin.page, 'notifications-reply-after-closure');
    await admin.page.getByRole('button', { name: 'Reopen the case' }).click();
    await admin.page.getByText('Reopened.').waitFor();
    const after = await apiCall(admin.page, 'GET', `/api/v1/complaints/${id}`);
    assert.equal(after.body.state, 'reopened');
    admin.assertClean();
    visitor.assertClean();
  } finally {
    await admin.close();
    await visitor.close();
  }
});
