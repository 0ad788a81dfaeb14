// Survey invitations in the browser (issue 8, "Distribution"): an admin sets
// the mail sender and the contact rules (Settings page); a survey made from
// SurveyJS's NPS example (../shared/data/survey_formats) is opened and its
// Share tab shows the QR code; a customer is invited by e-mail through the
// real local SMTP server; the link in the received mail is opened on a
// phone-sized screen, the answers so far are saved and come back after a
// reload, the survey is answered, and the link then says it has been used;
// the answer counts in the results and the invitation reads "Completed".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { violations } from '../axe.mjs';
import { ADMIN, apiCall, newPage, shot, signIn, uniq, useEnv, waitUntil } from '../harness.mjs';

const env = useEnv(before, after, { smtp: true });
const here = path.dirname(fileURLToPath(import.meta.url));
// ../shared beside the project: /work/shared for /work/main, and for a worktree one level deeper.
const NPS_FILES = ['../../../../shared', '../../../../../shared'].map((up) =>
  path.resolve(here, up, 'data/survey_formats/surveyjs_nps_survey.json'),
);

function npsExample() {
  for (const file of NPS_FILES) {
    try {
      return JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      // the next place
    }
  }
  throw new Error('surveyjs_nps_survey.json not found beside the project (../shared/data/survey_formats)');
}

test('a customer invited by e-mail answers from the mailed link on a phone, once, and is counted', async () => {
  // SurveyJS's icon sprite carries one inline style our CSP refuses (see spec 18).
  const allowCsp = [/Applying inline style violates/];
  const staff = await newPage(env.browser, env.server.baseUrl, { allowCsp });
  const phone = await newPage(env.browser, env.server.baseUrl, { viewport: { width: 390, height: 844 }, isMobile: true, allowCsp });
  try {
    const { page } = staff;
    const u = uniq();
    const email = `nora-${u}@example.com`;
    await signIn(page, ADMIN);

    // The sender and the links' base, then the contact rules on the Settings page.
    const settings = (await apiCall(page, 'GET', '/api/v1/complaint-settings')).body;
    const saved = await apiCall(page, 'PUT', '/api/v1/complaint-settings', {
      ...settings,
      mail_from: 'surveys@example.org',
      public_base_url: env.server.baseUrl,
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Survey contact rules' }).waitFor();
    assert.equal(await page.getByLabel('Days between invitations').inputValue(), '30');
    await page.getByLabel('Days between invitations').fill('0');
    // Whatever the hour the test runs at: quiet hours off (the same time twice).
    await page.getByLabel('Quiet hours from').fill('00:00');
    await page.getByLabel('Quiet hours until').fill('00:00');
    await page.getByRole('button', { name: 'Save contact rules' }).click();
    await page.getByText('Contact rules saved.').waitFor();
    assert.deepEqual(await violations(page), [], 'the settings page meets WCAG 2.1 A/AA');

    const customer = await apiCall(page, 'POST', '/api/v1/customers', { name: `Nora Nilsson ${u}`, email, consent_survey: true });
    assert.equal(customer.status, 201, JSON.stringify(customer.body));
    const name = `Invited NPS ${u}`;
    const created = await apiCall(page, 'POST', '/api/v1/surveys', { name, definition: npsExample(), metric_map: { nps: 'nps' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const survey = created.body;

    await page.goto(`/surveys/${survey.id}`);
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Open for answers' }).click();
    await page.getByRole('status').filter({ hasText: 'The survey is open for answers.' }).waitFor();
    await page.getByRole('tab', { name: 'Share' }).click();
    const qr = page.getByTestId('qr-image');
    await qr.waitFor();
    await waitUntil(() => qr.evaluate((img) => img.complete && img.naturalWidth > 0), { what: 'the QR code drawn' });
    const png = await page.evaluate(async (id) => {
      const r = await fetch(`/api/v1/surveys/${id}/qr.png?target=public`);
      return { status: r.status, type: r.headers.get('content-type') };
    }, survey.id);
    assert.deepEqual(png, { status: 200, type: 'image/png' });

    // Invite the customer.
    await page.getByLabel('Find customer').fill(`Nora Nilsson ${u}`);
    const picker = page.getByLabel('Customer to invite');
    await waitUntil(async () => (await picker.locator('option').count()) > 1, { what: 'the customer offered' });
    await picker.selectOption({ label: `Nora Nilsson ${u} (${email})` });
    await page.getByRole('button', { name: 'Add to the list' }).click();
    await page.getByRole('list', { name: 'Customers to invite' }).getByText(`Nora Nilsson ${u}`).waitFor();
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await page.getByText('1 invitation made, 1 mailed now.').waitFor();
    await page.getByTestId('invitation-status').filter({ hasText: 'Sent' }).waitFor();
    assert.deepEqual(await violations(page), [], 'the Share tab meets WCAG 2.1 A/AA');
    await shot(page, '19-share-invitations');

    // The mail, as received by the SMTP server.
    const mail = await env.server.mail.waitFor((m) => m.rcpt_tos.includes(email), 'the invitation mail');
    assert.match(mail.subject, new RegExp(name));
    const link = mail.body.match(/http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{22}\?t=[A-Za-z0-9_-]{32,}/)?.[0];
    assert.ok(link, `a personal link in the mail:\n${mail.body}`);
    assert.match(mail.body, /\/opt-out\?t=/);
    assert.match(mail.body, new RegExp(`Dear Nora Nilsson ${u},`));

    // The respondent, on a phone: a first answer, saved; a reload brings it back.
    const p = phone.page;
    await p.goto(link.slice(env.server.baseUrl.length));
    await p.getByText('How likely are you to recommend us?').waitFor();
    assert.deepEqual(await violations(p), [], 'the invited survey page meets WCAG 2.1 A/AA');
    await p.getByRole('combobox').click();
    await p.getByRole('option', { name: '6', exact: true }).click();
    await waitUntil(
      async () => (await apiCall(page, 'GET', `/api/v1/surveys/${survey.id}/invitations`)).body.items[0]?.status === 'started',
      { what: 'the answer so far saved' },
    );
    await p.reload();
    await p.getByText('How likely are you to recommend us?').waitFor();
    await p.getByRole('combobox').filter({ hasText: '6' }).waitFor();
    await p.getByRole('button', { name: 'Next' }).click();
    await p.getByText('What went wrong?').waitFor();
    await p.getByRole('textbox').fill('The parcel came a week late.');
    await shot(p, '19-invited-phone');
    await p.getByRole('button', { name: 'Complete' }).click();
    await p.getByText('Your answers have been recorded. Thank you.').waitFor();
    const scrollWidth = await p.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 390, `the page fits the phone (scroll width ${scrollWidth})`);
    // The link has done its work.
    await p.reload();
    await p.getByText('You have already answered this survey with this link. Thank you.').waitFor();
    await shot(p, '19-invited-used');

    // Counted, completed.
    await page.getByRole('tab', { name: 'Results' }).click();
    await page.getByTestId('results-answers').filter({ hasText: /^1$/ }).waitFor();
    assert.match(await page.getByTestId('results-nps').innerText(), /^-100\.0/);
    await page.getByText('The parcel came a week late.').waitFor();
    await page.getByRole('tab', { name: 'Share' }).click();
    await page.getByTestId('invitation-status').filter({ hasText: 'Completed' }).waitFor();
    assert.equal(await page.getByTestId('count-completed').innerText(), '1');
    await shot(page, '19-share-completed');
    const answers = (await apiCall(page, 'GET', `/api/v1/surveys/${survey.id}/answers`)).body.items;
    assert.equal(answers.length, 1);
    assert.equal(answers[0].channel, 'invitation');
    assert.equal(answers[0].customer_id, customer.body.id);
    staff.assertClean();
    phone.assertClean();
  } finally {
    await staff.close();
    await phone.close();
  }
});
