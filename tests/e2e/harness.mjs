// Test harness: starts a real `hearken serve` on a fresh SQLite database in a
// temporary directory (with an admin and a viewer user), launches Debian's
// Chromium through playwright-core, and gives each test a fresh browser
// context whose page fails the test on any dialog or CSP violation.
//
// Opt-in per spec file, `useEnv(before, after, { smtp: true })` also starts a
// real SMTP server (aiosmtpd with the project's sink, src/mail/testing) and
// points `hearken serve --smtp-url` at it; env.server.mail then reads what
// arrived.
//
// Environment: HEARKEN_BIN (default ../../build/src/app/hearken), WEB_DIST
// (default ../../web/dist), CHROMIUM (default /usr/bin/chromium), PYTHON
// (default /usr/bin/python3, needs aiosmtpd; only for { smtp: true }),
// E2E_KEEP=1 keeps the temporary directory, E2E_SHOTS=DIR saves screenshots.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const HEARKEN_BIN = path.resolve(here, process.env.HEARKEN_BIN || '../../build/src/app/hearken');
export const WEB_DIST = path.resolve(here, process.env.WEB_DIST || '../../web/dist');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SHOTS = process.env.E2E_SHOTS ? path.resolve(process.env.E2E_SHOTS) : '';
export const PYTHON = process.env.PYTHON || '/usr/bin/python3';
const SMTP_SINK_DIR = path.resolve(here, '../../src/mail/testing');

export const ADMIN = { email: 'admin@example.org', password: 'correct horse battery staple' };
export const VIEWER = { email: 'viewer@example.org', password: 'viewer password 1234' };
export const QM = { email: 'qm@example.org', password: 'quality manager 1234' };

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function run(args, input) {
  const r = spawnSync(HEARKEN_BIN, args, { input, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw new Error(`${HEARKEN_BIN} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(`${HEARKEN_BIN} ${args.join(' ')} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` (sync or async) until it returns a truthy value; throws `what` after `timeout` ms. */
export async function waitUntil(probe, { timeout = 15_000, interval = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await sleep(interval);
  }
}

function accepts(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

/**
 * Starts aiosmtpd on 127.0.0.1 with the project's sink (src/mail/testing/
 * smtp_sink.py), which writes N.eml and N.json into `dir` for each message.
 * Returns { port, url, dir, messages(), waitFor(predicate, what), stop() };
 * each message is the sink's JSON record ({mail_from, rcpt_tos, headers,
 * body, ...}) plus `subject` and `file`.
 */
export async function startSmtpSink(dir) {
  mkdirSync(dir, { recursive: true });
  if (!existsSync(PYTHON)) throw new Error(`${PYTHON} not found (the SMTP sink needs python3 with aiosmtpd; set PYTHON)`);
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    let output = '';
    const env = { ...process.env, PYTHONPATH: SMTP_SINK_DIR };
    delete env.PYTHONHOME;
    const child = spawn(PYTHON, ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'smtp_sink.Sink', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let exited = null;
    child.on('exit', (code, signal) => (exited = { code, signal }));
    const deadline = Date.now() + 15_000;
    let up = false;
    while (!exited && Date.now() < deadline) {
      if (await accepts(port)) {
        up = true;
        break;
      }
      await sleep(50);
    }
    if (!up) {
      if (!exited) child.kill('SIGKILL');
      if (attempt === 2) throw new Error(`the SMTP sink did not start (${JSON.stringify(exited)}):\n${output}`);
      continue; // perhaps the port was taken meanwhile: try another
    }
    const messages = () =>
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => {
          const m = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
          const subject = (m.headers ?? []).find(([n]) => n.toLowerCase() === 'subject')?.[1] ?? '';
          return { ...m, subject, file: f };
        });
    return {
      port,
      url: `smtp://127.0.0.1:${port}`,
      dir,
      messages,
      /** The first message for which `predicate(message)` holds, waiting up to `timeout` ms for it. */
      waitFor: (predicate, what = 'a mail', timeout = 15_000) =>
        waitUntil(() => messages().find(predicate), { timeout, what }).catch((e) => {
          const seen = messages().map((m) => `${m.file}: ${m.subject} → ${m.rcpt_tos.join(', ')}`);
          throw new Error(`${e.message}; mails so far:\n${seen.join('\n') || '(none)'}\n${output}`);
        }),
      async stop() {
        if (exited) return;
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await done;
        clearTimeout(timer);
      },
    };
  }
  throw new Error('the SMTP sink did not start');
}

/**
 * Starts a server on a fresh database. Returns { baseUrl, stop(), log() }.
 * Options: `smtp: true` also starts an SMTP sink (returned as `mail`, see
 * startSmtpSink) and passes `--smtp-url` to the server;
 * `slaIntervalSeconds: N` passes `--sla-interval-seconds N`.
 */
export async function startServer(options = {}) {
  if (!existsSync(HEARKEN_BIN)) throw new Error(`hearken binary not found at ${HEARKEN_BIN} (set HEARKEN_BIN)`);
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error(`web UI not built at ${WEB_DIST} (run npm run build in web/, or set WEB_DIST)`);
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'hearken-e2e-'));
  const db = `sqlite:${path.join(tmp, 'h.db')}`;
  run(['migrate', '--db', db]);
  for (const [u, role, name] of [
    [ADMIN, 'admin', 'Ada Admin'],
    [VIEWER, 'viewer', 'Vic Viewer'],
    [QM, 'quality_manager', 'Quinn Quality'],
  ]) {
    run(['user', 'add', '--db', db, '--email', u.email, '--role', role, '--name', name, '--password-stdin'], u.password);
  }
  const mail = options.smtp ? await startSmtpSink(path.join(tmp, 'mail')) : null;
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const args = ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--static-dir', WEB_DIST];
  if (mail) args.push('--smtp-url', mail.url);
  if (options.slaIntervalSeconds) args.push('--sla-interval-seconds', String(options.slaIntervalSeconds));
  const child = spawn(HEARKEN_BIN, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) {
      await mail?.stop();
      throw new Error(`hearken serve exited early (${JSON.stringify(exited)}):\n${output}`);
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await mail?.stop();
      throw new Error(`hearken serve not ready within 30 s:\n${output}`);
    }
    await sleep(100);
  }

  async function stop() {
    if (!exited) {
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
    }
    await mail?.stop();
    // Server errors and warnings are worth seeing whatever the tests said.
    const notable = output.split('\n').filter((l) => / (5\d\d) [0-9.]+ms | (warning|error|critical) /.test(l));
    if (notable.length) process.stderr.write(`hearken serve logged:\n${notable.join('\n')}\n`);
    if (!process.env.E2E_KEEP) rmSync(tmp, { recursive: true, force: true });
  }
  return { baseUrl, tmp, mail, stop, log: () => output };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh context and page. `problems` collects dialogs, CSP violations,
 * page errors, requests to other hosts and every request the UI made that
 * answered 4xx or 5xx (a quiet console: the UI asks nothing it expects to
 * fail); call assertClean() at the end. A test that makes the UI fail on
 * purpose (a wrong password, a form with errors) names what it expects in
 * `options.allowHttp`, regexes matched against "STATUS METHOD /path".
 * apiCall's own requests (header X-Test-Call) are the test's, not the UI's.
 */
export async function newPage(browser, baseUrl, options = {}) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: options.viewport ?? { width: 1280, height: 860 },
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    ...(options.isMobile ? { isMobile: true, hasTouch: true } : {}),
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = [];
  page.on('dialog', async (d) => {
    problems.push(`dialog (${d.type()}): ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('console', (m) => {
    const text = m.text();
    if (/Content[- ]Security[- ]Policy/i.test(text) && !(options.allowCsp ?? []).some((re) => re.test(text))) problems.push(`CSP: ${text}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const allowHttp = options.allowHttp ?? [];
  page.on('response', (r) => {
    if (r.status() < 400 || !r.url().startsWith(baseUrl)) return;
    if (r.request().headers()['x-test-call']) return;
    const what = `${r.status()} ${r.request().method()} ${r.url().slice(baseUrl.length)}`;
    if (!allowHttp.some((re) => re.test(what))) problems.push(`UI request answered ${what}`);
  });
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(baseUrl) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`off-site request: ${u}`);
  });
  return {
    context,
    page,
    problems,
    assertClean() {
      if (problems.length) throw new Error(`browser problems:\n${problems.join('\n')}`);
    },
    async close() {
      await context.close();
    },
  };
}

export async function signIn(page, user) {
  await page.goto('/signin');
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function shot(page, name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/**
 * Per-file fixture for node:test: `const env = useEnv(before, after)`; then
 * env.server, env.browser. `options` go to startServer (e.g. { smtp: true }).
 */
export function useEnv(before, after, options = {}) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer(options);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close().catch(() => {});
    await env.server?.stop();
  });
  return env;
}

/** Unique suffix so tests sharing one server do not collide. */
export function uniq() {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/** Calls the API from inside the signed-in page (cookie + CSRF token), returns { status, body }. */
export async function apiCall(page, method, url, body) {
  return page.evaluate(
    async ({ method, url, body }) => {
      const me = await fetch('/api/v1/auth/me', { credentials: 'same-origin', headers: { 'X-Test-Call': '1' } });
      const csrf = me.ok ? (await me.json()).csrf_token : '';
      const res = await fetch(url, {
        method,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, 'X-Test-Call': '1' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let json = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = text;
      }
      return { status: res.status, body: json };
    },
    { method, url, body },
  );
}

/** The cells' text of every body row of the tables matching `selector`. */
export async function tableRows(page, selector = 'table tbody tr') {
  return page.locator(selector).evaluateAll((trs) => trs.map((tr) => [...tr.cells].map((c) => c.innerText.trim())));
}
