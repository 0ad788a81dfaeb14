// Analysis that can be read (issue 7): with a thousand categories over a
// thousand weeks (one CFPB-layout import), the analysis page counts at a
// chosen level of the category tree, shows the top 10 with the rest as one
// "Other" row, pages its long tables, zooms the per-period chart, and stays
// a bounded length; the c-chart takes a chosen baseline and shades it. The
// page passes axe-core with all of that on it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { violations } from '../axe.mjs';
import { ADMIN, apiCall, newPage, shot, signIn, tableRows, useEnv } from '../harness.mjs';

const env = useEnv(before, after);
const DESKTOP = { viewport: { width: 1366, height: 900 } };
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true };
const WEEKS = 1000;
// The page's length (px, 1366 wide) with the top 10 groups, and with every
// group: then the tables and their charts page 25 rows at a time, so the
// length no longer grows with the number of groups.
const MAX_PAGE_HEIGHT = 6000;
const MAX_PAGE_HEIGHT_ALL = 8000;

/** YYYY-MM-DD of the Monday `weeks` weeks after the Monday 1000 weeks before this one. */
function mondayOf(weeks) {
  const now = new Date();
  const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - ((now.getUTCDay() + 6) % 7) * 86400e3;
  return new Date(monday - (WEEKS - weeks) * 7 * 86400e3).toISOString().slice(0, 10);
}

/**
 * The data set, as one CFPB-layout CSV (product / sub-product / issue make
 * the category path): Alpha 30 (A1 20, A2 10), Beta 15 (B1) and products
 * P0001..P1000 with one complaint each — 1,002 top-level categories — one
 * or more complaints in each of 1,000 consecutive weeks. Importing it again
 * skips every row (same Complaint IDs), so each test may call it.
 */
function datasetCsv() {
  const rows = ['Date received,Product,Sub-product,Issue,Company,Submitted via,Date sent to company,Company response to consumer,Timely response?,Complaint ID'];
  const add = (product, sub, week) => {
    const day = mondayOf(week);
    rows.push(`${day},${product},${sub},Billing,ACME,Web,${day},Closed with explanation,Yes,${9_000_000 + rows.length}`);
  };
  for (let i = 0; i < 20; i++) add('Alpha', 'A1', i * 7);
  for (let i = 0; i < 10; i++) add('Alpha', 'A2', i * 11 + 3);
  for (let i = 0; i < 15; i++) add('Beta', 'B1', i * 13 + 5);
  for (let p = 1; p <= WEEKS; p++) add(`P${String(p).padStart(4, '0')}`, '', p - 1);
  return `${rows.join('\r\n')}\r\n`;
}

async function seed(page) {
  const result = await page.evaluate(async (csv) => {
    const me = await fetch('/api/v1/auth/me', { headers: { 'X-Test-Call': '1' } });
    const { csrf_token: csrf } = await me.json();
    const res = await fetch('/api/v1/complaints/import?format=cfpb', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv', 'X-CSRF-Token': csrf, 'X-Test-Call': '1' },
      body: csv,
    });
    return { status: res.status, body: await res.text() };
  }, datasetCsv());
  assert.equal(result.status, 200, result.body);
}

/** The category labels drawn on the By-category bar chart. */
async function barLabels(page) {
  const chart = page.locator('section[aria-labelledby="by-cat-title"] [role="img"]');
  await chart.waitFor();
  return chart.evaluate((el) => {
    const option = el.hearkenChart?.getOption();
    return option ? option.yAxis[0].data : null;
  });
}

const pageHeight = (page) => page.evaluate(() => document.documentElement.scrollHeight);

test('a thousand categories and weeks: level, top 10 and Other, paged tables, a page of bounded length', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, DESKTOP);
  try {
    await signIn(page, ADMIN);
    await seed(page);
    await page.goto('/complaints/analysis?from=&period=week');
    const byCategory = 'section[aria-labelledby="by-cat-title"] table tbody tr';
    await page.locator(byCategory).first().waitFor();

    // The top level by default: the ten largest, then "Other" with the rest.
    let rows = await tableRows(page, byCategory);
    assert.equal(rows.length, 11, JSON.stringify(rows));
    assert.deepEqual(rows[0].slice(0, 2), ['Alpha', '30']);
    assert.deepEqual(rows[1].slice(0, 2), ['Beta', '15']);
    assert.deepEqual(rows[10].slice(0, 2), ['Other (992 categories)', '992']);
    await page.getByText('Top 10 of 1,002 categories, the rest as “Other”, at the top level.').first().waitFor();
    const pareto = await tableRows(page, 'section[aria-labelledby="par-title"] table tbody tr');
    assert.equal(pareto.at(-1)[0], 'Other (992 categories)');
    assert.equal(pareto.at(-1)[3], '100.0%');
    await page.waitForFunction(() => document.querySelector('section[aria-labelledby="by-cat-title"] [role="img"]')?.hearkenChart);
    const topBars = await barLabels(page);
    assert.equal(topBars[0], 'Alpha');
    assert.equal(topBars.at(-1), 'Other (992 categories)');

    // 1,000 weeks: a zoom slider on the chart, 12 rows a page in the table.
    const periods = page.locator('section[aria-labelledby="per-title"]');
    await periods.getByText('Rows 1–12 of 1,000').waitFor();
    const zoom = await periods.locator('[role="img"]').evaluate((el) => el.hearkenChart.getOption().dataZoom?.length ?? 0);
    assert.equal(zoom, 1);
    assert.equal((await tableRows(page, 'section[aria-labelledby="per-title"] table tbody tr')).length, 12);
    await periods.getByRole('button', { name: 'Next' }).click();
    await periods.getByText('Rows 13–24 of 1,000').waitFor();
    const height = await pageHeight(page);
    assert.ok(height < MAX_PAGE_HEIGHT, `page height ${height}px with 1,000 weeks and 1,002 categories`);
    await shot(page, 'analysis-1000-weeks-top-level');

    // Level 2 changes the bars: Alpha splits into A1 and A2.
    await page.getByLabel('Category level', { exact: true }).selectOption('2');
    await page.waitForURL(/category_level=2/);
    await page.locator(byCategory).first().filter({ hasText: 'Alpha / A1' }).waitFor();
    rows = await tableRows(page, byCategory);
    assert.deepEqual(rows.slice(0, 3).map((r) => [r[0], r[1]]), [['Alpha / A1', '20'], ['Beta / B1', '15'], ['Alpha / A2', '10']]);
    await page.waitForFunction(() => document.querySelector('section[aria-labelledby="by-cat-title"] [role="img"]')?.hearkenChart?.getOption().yAxis[0].data[0] === 'Alpha / A1');
    assert.deepEqual((await barLabels(page)).slice(0, 3), ['Alpha / A1', 'Beta / B1', 'Alpha / A2']);

    // Every group: the table and its chart page through them 25 at a time.
    await page.getByLabel('Groups shown', { exact: true }).selectOption('all');
    await page.waitForURL(/top=all/);
    const categories = page.locator('section[aria-labelledby="by-cat-title"]');
    await categories.getByText('Rows 1–25 of 1,003').waitFor();
    assert.equal((await tableRows(page, byCategory)).length, 25);
    await categories.getByRole('button', { name: 'Next' }).click();
    await categories.getByText('Rows 26–50 of 1,003').waitFor();
    assert.equal((await barLabels(page)).length, 25);
    const allHeight = await pageHeight(page);
    assert.ok(allHeight < MAX_PAGE_HEIGHT_ALL, `page height ${allHeight}px with every one of 1,003 categories`);
    assert.deepEqual(await violations(page), []);
    await shot(page, 'analysis-1000-categories-all');
    assertClean();
  } finally {
    await close();
  }
});

test('the c-chart takes a chosen baseline, shades it and says which periods set the limits', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, DESKTOP);
  try {
    await signIn(page, ADMIN);
    await seed(page);
    await page.goto('/complaints/analysis?from=');
    const chart = page.locator('section[aria-labelledby="c-title"] [role="img"]');
    await chart.waitFor();
    const months = (await apiCall(page, 'GET', '/api/v1/complaints/analysis?from=')).body.by_period.map((p) => p.period);
    const [from, to] = [months.at(-24), months.at(-13)];  // twelve months inside the chart's opening window
    await page.getByLabel('Baseline from', { exact: true }).selectOption(from);
    await page.waitForURL(new RegExp(`baseline_from=${from}`));
    await page.getByLabel('Baseline to', { exact: true }).selectOption(to);
    await page.waitForURL(new RegExp(`baseline_to=${to}`));
    await page.getByText(`Limits from 12 periods, ${from} to ${to} (the shaded baseline).`).waitFor();

    // The chart's band is the baseline the server used.
    await page.waitForFunction(
      (f) => document.querySelector('section[aria-labelledby="c-title"] [role="img"]')?.hearkenChart?.getOption().series[0].markArea?.data?.[0]?.[0]?.xAxis === f,
      from,
    );
    const area = await chart.evaluate((el) => {
      const s = el.hearkenChart.getOption().series[0].markArea;
      return { from: s.data[0][0].xAxis, to: s.data[0][1].xAxis, label: s.label.formatter };
    });
    assert.deepEqual(area, { from, to, label: 'Baseline' });
    const api = await apiCall(page, 'GET', `/api/v1/complaints/analysis?from=&baseline_from=${from}&baseline_to=${to}`);
    assert.deepEqual(api.body.c_chart.baseline, { from, to, periods: 12 });
    const marked = api.body.c_chart.points.filter((p) => p.used_for_limits).map((p) => p.period);
    assert.deepEqual(marked, months.slice(-24, -12));
    // The table says which periods set the limits.
    const table = await tableRows(page, 'section[aria-labelledby="c-title"] table tbody tr');
    assert.equal(table.find((r) => r[0] === months[0])[2], 'No');
    await shot(page, 'analysis-c-chart-baseline');

    // Changing the range clears the baseline (it must lie inside the range).
    await page.getByLabel('Group by', { exact: true }).selectOption('week');
    await page.waitForURL((u) => !u.searchParams.has('baseline_from') && u.searchParams.get('period') === 'week');
    await page.getByText(/Limits from 1,000 periods, .* \(every period\)\./).waitFor();
    assertClean();
  } finally {
    await close();
  }
});

test('on a phone the analysis of a thousand categories fits the width', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, PHONE);
  try {
    await signIn(page, ADMIN);
    await seed(page);
    await page.goto('/complaints/analysis?from=&period=week');
    await page.locator('section[aria-labelledby="by-cat-title"] table tbody tr').first().waitFor();
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    assert.deepEqual(await violations(page), []);
    await shot(page, 'analysis-phone');
    assertClean();
  } finally {
    await close();
  }
});
