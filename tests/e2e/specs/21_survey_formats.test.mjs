// Survey import and export in the browser (issue 8): a quality manager
// imports SurveyJS's counterpart of a LimeSurvey file (.lss, Estonian and
// English) and sees both languages in the editor's preview, imports a
// Qualtrics response export and sees its answer counted, then downloads the
// answers in every format from the survey's Export menu and checks each
// file: the CSV header, the XLSX zip, the JSON rows, the .sav magic "$FL2"
// and the SurveyJS definition.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { QM, apiCall, newPage, shot, signIn, uniq, useEnv } from '../harness.mjs';

const env = useEnv(before, after);
const testdata = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src/ingest/survey_import/testdata');
const LSS = path.join(testdata, 'limesurvey6_export_one_question_two_languages.lss');
const QUALTRICS = path.join(testdata, 'qualtrics_export_sample.csv');
// SurveyJS's SVG sprite carries one inline style our CSP refuses (see spec 18).
const allowCsp = [/Applying inline style violates/];

async function importFile(page, format, file, name) {
  await page.goto('/surveys');
  await page.getByRole('heading', { name: 'Surveys', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Import survey' }).click();
  await page.getByLabel('File', { exact: true }).selectOption(format);
  await page.getByLabel('File to import').setInputFiles(file);
  await page.getByLabel(/^Name/).fill(name);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const report = page.getByTestId('import-report');
  await report.waitFor();
  return report;
}

test('a LimeSurvey file is imported with both its languages', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { allowCsp });
  try {
    await signIn(page, QM);
    const name = `LimeSurvey ${uniq()}`;
    const report = await importFile(page, 'lss', LSS, name);
    await report.getByText('1 question mapped, languages en, et.').waitFor();
    await report.getByRole('cell', { name: 'LimeSurvey T (long free text) Q1' }).waitFor();
    await shot(page, '21-import-lss');
    await report.getByRole('link', { name }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Design' }).click();
    const preview = page.getByRole('region', { name: 'Preview' });
    await preview.getByText('test-survey-1').first().waitFor();
    const language = page.getByLabel('Language');
    await language.waitFor();
    const options = await language.locator('option').allInnerTexts();
    assert.deepEqual(options, ['default', 'et']);
    await language.selectOption('et');
    await preview.getByText('G1').first().waitFor();
    await preview.getByText('Q1').first().waitFor();
    await shot(page, '21-import-lss-preview-et');
    assertClean();
  } finally {
    await close();
  }
});

test('a Qualtrics export is imported with its answer, and every export format downloads', async () => {
  const { page, assertClean, close } = await newPage(env.browser, env.server.baseUrl, { allowCsp });
  try {
    await signIn(page, QM);
    const name = `Qualtrics ${uniq()}`;
    const report = await importFile(page, 'qualtrics', QUALTRICS, name);
    await report.getByText('2 questions mapped, languages de, 1 of 1 answers imported.').waitFor();
    await report.getByTestId('import-skipped').getByText('personal data: never imported', { exact: false }).first().waitFor();
    await shot(page, '21-import-qualtrics');
    await report.getByRole('link', { name }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByTestId('survey-state').filter({ hasText: '1 answer ·' }).waitFor();
    await page.getByTestId('results-answers').filter({ hasText: /^1$/ }).waitFor();

    const download = async (format) => {
      const menu = page.getByTestId('survey-export');
      if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
      const link = page.locator(`[data-format="${format}"]`);
      const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
      return { bytes: readFileSync(await file.path()), name: file.suggestedFilename() };
    };
    const csv = await download('csv');
    assert.match(csv.name, /^survey-\d+-answers-\d{4}-\d\d-\d\d\.csv$/);
    const text = csv.bytes.toString('utf8').replace(/^\uFEFF/, '');
    assert.ok(text.startsWith('answer_id,submitted_at,channel,language,version,customer_id,Q1,Q2\r\n'), text);
    assert.match(text, /,import,de,1,,2,Hello World!\r\n$/);
    const xlsx = await download('xlsx');
    assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK');
    assert.ok(xlsx.bytes.includes(Buffer.from('xl/worksheets/sheet1.xml')));
    const json = JSON.parse((await download('json')).bytes.toString('utf8'));
    assert.equal(json.answers.length, 1);
    assert.equal(json.answers[0].Q2, 'Hello World!');
    const sav = await download('sav');
    assert.match(sav.name, /\.sav$/);
    assert.equal(sav.bytes.subarray(0, 4).toString('latin1'), '$FL2');
    assert.ok(sav.bytes.includes(Buffer.from('This is a free text question.')), 'the variable label is in the file');
    const definition = JSON.parse((await download('definition')).bytes.toString('utf8'));
    assert.equal(definition.pages[0].elements[1].title, 'This is a free text question.');
    assert.equal(definition.hearken.version, 1);

    const surveys = (await apiCall(page, 'GET', '/api/v1/surveys?limit=200')).body.items;
    const survey = surveys.find((s) => s.name === name);
    const answers = (await apiCall(page, 'GET', `/api/v1/surveys/${survey.id}/answers`)).body.items;
    assert.equal(answers[0].channel, 'import');
    assert.equal(answers[0].anonymous, true);
    await shot(page, '21-survey-export');
    assertClean();
  } finally {
    await close();
  }
});
