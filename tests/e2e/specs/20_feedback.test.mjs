// Feedback in the browser (issue 8): the feedback widget, embedded as the
// staff Feedback page's snippet says (an iframe of /f?widget=1 on another
// page), is filled on a phone — three stars and a comment — and sent; a
// quality manager finds it in the Feedback list by its site, opens it,
// turns it into a complaint and follows the link to the complaint. Every
// page is axe-clean.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { violations } from '../axe.mjs';
import { QM, apiCall, newPage, shot, signIn, uniq, useEnv } from '../harness.mjs';

const env = useEnv(before, after);

test('the embedded feedback widget is sent from a phone, listed for staff and turned into a complaint', async () => {
  const phone = await newPage(env.browser, env.server.baseUrl, { viewport: { width: 390, height: 844 }, isMobile: true });
  const staff = await newPage(env.browser, env.server.baseUrl);
  try {
    const site = `E2E branch ${uniq()}`;
    const comment = 'The card reader at till 3 charged me twice for one coffee.';

    // The widget on its own (what the iframe shows) meets WCAG 2.1 A/AA.
    const p = phone.page;
    await p.goto(`/f?widget=1&site=${encodeURIComponent(site)}&touchpoint=checkout`);
    await p.getByRole('heading', { name: 'How was your experience?' }).waitFor();
    assert.deepEqual(await violations(p), [], 'the widget meets WCAG 2.1 A/AA');

    // Embedded in another page, as the snippet does: the frame is allowed.
    const widgetUrl = `${env.server.baseUrl}/f?widget=1&site=${encodeURIComponent(site)}&touchpoint=checkout`;
    await p.setContent(
      `<!doctype html><html lang="en"><head><title>Our shop</title></head><body><main><h1>Our shop</h1>` +
        `<iframe src="${widgetUrl}" title="Feedback" width="360" height="520"></iframe></main></body></html>`,
    );
    const frame = p.frameLocator('iframe[title="Feedback"]');
    await frame.getByRole('heading', { name: 'How was your experience?' }).waitFor();
    await frame.locator('label[for="fb-star-3"]').click();
    await frame.getByText('3 of 5: Fair').waitFor();
    await frame.getByLabel('Comment (optional)').fill(comment);
    await shot(p, '20-feedback-widget-phone');
    // A person takes longer than the bot trap's minimum fill time (3 s).
    await p.waitForTimeout(3200);
    await frame.getByRole('button', { name: 'Send feedback' }).click();
    await frame.getByRole('heading', { name: 'Thank you for your feedback' }).waitFor();
    await shot(p, '20-feedback-widget-sent');

    // Staff see it in the Feedback list, filtered by the site.
    const { page } = staff;
    await signIn(page, QM);
    await page.getByRole('link', { name: 'Feedback', exact: true }).click();
    await page.getByRole('heading', { name: 'Feedback', level: 1 }).waitFor();
    await page.getByLabel('Site').fill(site);
    const row = page.getByRole('row').filter({ hasText: comment });
    await row.waitFor();
    assert.match(await row.innerText(), /Widget/);
    assert.match(await row.innerText(), /3\/5/);
    assert.deepEqual(await violations(page), [], 'the Feedback page meets WCAG 2.1 A/AA');
    await shot(page, '20-feedback-list');

    // The snippet and the public form link are on the page.
    await page.getByRole('tab', { name: 'Form and widget' }).click();
    const snippet = await page.getByLabel('Embed on your web site').inputValue();
    assert.match(snippet, /^<iframe src="http:\/\/[^"]+\/f\?widget=1" title="Feedback"/);
    await shot(page, '20-feedback-snippet');
    await page.getByRole('tab', { name: 'Items' }).click();

    // The item, then a complaint made from it, followed by its link.
    await page.getByRole('link', { name: comment }).click();
    await page.getByRole('heading', { name: comment, level: 1 }).waitFor();
    await page.getByText('checkout', { exact: true }).waitFor();
    assert.deepEqual(await violations(page), [], 'the item page meets WCAG 2.1 A/AA');
    await page.getByRole('button', { name: 'Turn into complaint' }).click();
    const link = page.getByRole('link', { name: 'a complaint now' });
    await link.waitFor();
    await shot(page, '20-feedback-item');
    await link.click();
    await page.waitForURL(/\/complaints\/\d+$/);
    await page.getByRole('heading', { name: /^C-\d{4}-\d{6}$/, level: 1 }).waitFor();
    await page.getByText(comment).first().waitFor();
    await shot(page, '20-feedback-complaint');

    const items = (await apiCall(page, 'GET', `/api/v1/feedback?site=${encodeURIComponent(site)}`)).body.items;
    assert.equal(items.length, 1);
    assert.equal(items[0].source, 'widget');
    assert.equal(items[0].rating, 3);
    assert.ok(items[0].complaint_id > 0);
    const again = await apiCall(page, 'POST', `/api/v1/feedback/${items[0].id}/complaint`, {});
    assert.equal(again.status, 409);
    assert.equal(again.body.complaint_id, items[0].complaint_id);
    phone.assertClean();
    staff.assertClean();
  } finally {
    await phone.close();
    await staff.close();
  }
});
