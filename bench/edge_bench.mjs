#!/usr/bin/env node
// The HTTP edge under load and abuse (issue 6): starts `hearken serve` on a
// fresh SQLite database with the demo data and measures, printing each
// figure on its own line:
//   - /healthz over 64 keep-alive connections (wrk), and the same for a plain
//     Node.js http server on this machine: req/s and the ratio;
//   - /healthz p99 while 2,000 connections are open (spread over 8 client
//     addresses, as many clients are);
//   - /healthz while 500 slow-header (slowloris) connections trickle bytes;
//   - the complaint analysis and sign-in: the sustainable rate (closed loop),
//     then 10 times it for 30 s (open loop): goodput, 503s, timeouts,
//     /healthz p99 during the flood, and how long until the route answers
//     normally again after the flood stops;
//   - the server's peak RSS.
// Usage: node bench/edge_bench.mjs [--bin build/src/app/hearken] [--quick]
// Needs wrk (Debian's, installed by scripts/setup). Run on an idle machine.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const BIN = arg('--bin', 'build/src/app/hearken');
const QUICK = args.includes('--quick');
const FLOOD_SECONDS = QUICK ? 10 : 30;
const PORT = Number(arg('--port', '18431'));
const PEER_PORT = PORT + 1;
const BASE = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), 'hearken-edge-bench-'));
const db = `sqlite:${join(dir, 'bench.db')}`;
const env = { ...process.env, HEARKEN_DB: db, HEARKEN_KEY_DIR: join(dir, 'keys') };
const EMAIL = 'bench@example.org';
const PASSWORD = 'a bench password that is long';

function print(name, value) {
  console.log(`${name.padEnd(58)} ${value}`);
}

function run(cmd, argv, input) {
  return execFileSync(cmd, argv, { env, input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();
}

// wrk's summary: requests/s and latency percentiles (ms).
function wrk(url, { connections = 64, seconds = 10, threads = 2, headers = [] } = {}) {
  const argv = ['-t', String(threads), '-c', String(connections), '-d', `${seconds}s`, '--latency'];
  for (const h of headers) argv.push('-H', h);
  argv.push(url);
  const out = spawnSync('wrk', argv, { encoding: 'utf8' }).stdout;
  const rps = Number((out.match(/Requests\/sec:\s+([\d.]+)/) || [])[1] || 0);
  const ms = (label) => {
    const m = out.match(new RegExp(`\\s${label}%\\s+([\\d.]+)(us|ms|s)`));
    if (!m) return NaN;
    return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  };
  const errors = (out.match(/Socket errors:.*|Non-2xx or 3xx responses: \d+/g) || []).join('; ');
  return { rps, p50: ms('50'), p99: ms('99'), errors, out };
}

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number((status.match(new RegExp(`${key}:\\s+(\\d+)`)) || [])[1] || 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

// One request with its own deadline; the answer's status, or 'timeout' / 'error'.
const agent = new http.Agent({ keepAlive: true, maxSockets: 400 });
function request(path, { method = 'GET', body, headers = {}, timeoutMs = 10000, localAddress } = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(`${BASE}${path}`, { method, headers, agent: localAddress ? undefined : agent, localAddress },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started }));
      });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve({ status: 'timeout', ms: timeoutMs });
    });
    req.on('error', () => resolve({ status: 'error', ms: performance.now() - started }));
    if (body) req.end(body);
    else req.end();
  });
}

function p(values, q) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

// Probes /healthz on one connection of its own every 50 ms until stopped.
function probeHealth() {
  const times = [];
  let stop = false;
  const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const done = (async () => {
    while (!stop) {
      const t = await new Promise((resolve) => {
        const started = performance.now();
        const req = http.get(`${BASE}/healthz`, { agent: probeAgent }, (res) => {
          res.resume();
          res.on('end', () => resolve(performance.now() - started));
        });
        req.setTimeout(10000, () => {
          req.destroy();
          resolve(10000);
        });
        req.on('error', () => resolve(10000));
      });
      times.push(t);
      await sleep(50);
    }
    probeAgent.destroy();
  })();
  return {
    async stop() {
      stop = true;
      await done;
      return { p50: p(times, 0.5), p99: p(times, 0.99), max: Math.max(...times), n: times.length };
    },
  };
}

const scenarios = {
  analysis: (token) => () => () => ({ path: '/api/v1/complaints/analysis', headers: { Authorization: `Bearer ${token}` } }),
  signin: () => {
    let n = 0;
    return () => {
      n++;
      // Wrong passwords from many client addresses, as a credential-stuffing
      // botnet sends them: every one costs an argon2id verification.
      const address = `127.0.${3 + ((n >> 8) % 8)}.${1 + (n % 250)}`;
      return {
        path: '/api/v1/auth/login', method: 'POST', localAddress: address,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: EMAIL, password: `wrong ${n}` }),
      };
    };
  },
};

// Closed loop: `workers` clients back to back for `seconds`: answers per second.
async function sustainable(make, { workers = 4, seconds = 8 } = {}) {
  const next = make();
  const end = performance.now() + seconds * 1000;
  let ok = 0;
  const latencies = [];
  await Promise.all(Array.from({ length: workers }, async () => {
    while (performance.now() < end) {
      const spec = next();
      const r = await request(spec.path, spec);
      if (r.status === 200 || r.status === 401) {
        ok++;
        latencies.push(r.ms);
      }
    }
  }));
  return { rate: ok / seconds, p50: p(latencies, 0.5) };
}

// Open loop at `rate` per second for `seconds`, then waits for what is in flight.
async function flood(make, rate, seconds) {
  const next = make();
  const results = [];
  const pending = [];
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * rate);
    while (sent < due) {
      const spec = next();
      pending.push(request(spec.path, { ...spec, timeoutMs: 10000 }).then((r) => results.push(r)));
      sent++;
    }
    await sleep(5);
  }
  await Promise.all(pending);
  const count = (f) => results.filter(f).length;
  return {
    sent,
    good: count((r) => r.status === 200 || r.status === 401),
    shed: count((r) => r.status === 503 || r.status === 429),
    timeouts: count((r) => r.status === 'timeout'),
    errors: count((r) => r.status === 'error'),
    goodLatencyP99: p(results.filter((r) => r.status === 200 || r.status === 401).map((r) => r.ms), 0.99),
  };
}

// After a flood: seconds until the route answers within 3x its normal time.
async function recovery(make, normalMs) {
  const next = make();
  const started = performance.now();
  while (performance.now() - started < 600000) {
    const spec = next();
    const r = await request(spec.path, { ...spec, timeoutMs: 30000 });
    if ((r.status === 200 || r.status === 401) && r.ms < Math.max(3 * normalMs, 50)) break;
    await sleep(100);
  }
  return (performance.now() - started) / 1000;
}

// Holds `count` connections open over `addresses` client addresses, each
// sending a head a byte a second (slow: true) or a complete request left
// waiting on keep-alive (slow: false).
async function holdConnections(count, addresses, slow) {
  const sockets = [];
  for (let i = 0; i < count; i++) {
    const localAddress = addresses[i % addresses.length];
    const s = net.connect({ port: PORT, host: '127.0.0.1', localAddress });
    s.on('error', () => {});
    s.on('data', () => {});
    sockets.push(s);
    if (i % 100 === 99) await sleep(20);
  }
  await sleep(500);
  const head = 'GET /healthz HTTP/1.1\r\nHost: x\r\n';
  const timers = sockets.map((s, i) => {
    if (!slow) {
      s.write(`${head}\r\n`);
      return null;
    }
    s.write(head);  // and never the blank line: one more header line a second
    return setInterval(() => {
      if (!s.destroyed) s.write(`X-Slow-${i}: ${Date.now()}\r\n`);
    }, 1000 + (i % 100));
  });
  return {
    open: () => sockets.filter((s) => !s.destroyed && s.readyState === 'open').length,
    close: () => {
      timers.forEach((t) => t && clearInterval(t));
      sockets.forEach((s) => s.destroy());
    },
  };
}

async function waitUp(url) {
  for (let i = 0; i < 600; i++) {
    try {
      await new Promise((resolve, reject) => http.get(url, (r) => { r.resume(); r.on('end', resolve); }).on('error', reject));
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${url} did not come up`);
}

async function main() {
  console.log(`edge benchmark: ${BIN}, ${QUICK ? 'quick' : 'full'} run, ${new Date().toISOString()}`);
  run(BIN, ['migrate']);
  run(BIN, ['demo', 'seed']);
  run(BIN, ['user', 'add', '--email', EMAIL, '--role', 'admin', '--password-stdin'], `${PASSWORD}\n`);
  const token = run(BIN, ['token', 'create', '--user', EMAIL, '--name', 'bench']).trim().split(/\s+/).pop();
  const server = spawn(BIN, ['serve', '--listen', `127.0.0.1:${PORT}`], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitUp(`${BASE}/healthz`);

    // 1. The edge itself: /healthz over 64 keep-alive connections, and a peer.
    const ours = wrk(`${BASE}/healthz`, { seconds: QUICK ? 5 : 10 });
    const peer = spawn(process.execPath, ['-e', `require('http').createServer((q, s) => {
      s.writeHead(200, {'Content-Type': 'application/json'}); s.end('{"status":"ok"}');
    }).listen(${PEER_PORT}, '127.0.0.1')`]);
    await waitUp(`http://127.0.0.1:${PEER_PORT}/`);
    const theirs = wrk(`http://127.0.0.1:${PEER_PORT}/healthz`, { seconds: QUICK ? 5 : 10 });
    peer.kill();
    print('healthz, 64 keep-alive connections: hearken req/s', ours.rps.toFixed(0));
    print('healthz, 64 keep-alive connections: node http req/s', theirs.rps.toFixed(0));
    print('ratio hearken / node', (ours.rps / theirs.rps).toFixed(2));
    print('healthz p99 ms (64 connections, saturated)', ours.p99.toFixed(1));
    if (ours.errors) print('  wrk errors', ours.errors);

    // 2. 2,000 open connections (8 client addresses, 250 each), then /healthz.
    const many = await holdConnections(2000, Array.from({ length: 8 }, (_, i) => `127.0.1.${i + 1}`), false);
    const probe2k = probeHealth();
    await sleep(QUICK ? 3000 : 5000);
    const with2k = await probe2k.stop();
    print('connections held open (of 2,000)', many.open());
    print('healthz p99 ms with 2,000 open connections', with2k.p99.toFixed(1));
    many.close();
    await sleep(1000);

    // 3. 500 slow-header connections (10 addresses), then other clients.
    const slow = await holdConnections(500, Array.from({ length: 10 }, (_, i) => `127.0.2.${i + 1}`), true);
    const duringSlow = wrk(`${BASE}/healthz`, { seconds: 5 });
    print('slowloris: slow connections still open after 5 s', slow.open());
    print('slowloris: healthz req/s from others (64 connections)', duringSlow.rps.toFixed(0));
    print('slowloris: healthz p99 ms from others', duringSlow.p99.toFixed(1));
    slow.close();
    await sleep(1000);

    // 4. 10x the sustainable rate on the analysis and on sign-in.
    for (const [name, make] of [['analysis', scenarios.analysis(token)], ['sign-in', scenarios.signin]]) {
      const base = await sustainable(make, { seconds: QUICK ? 5 : 8 });
      const rate = Math.max(1, base.rate * 10);
      print(`${name}: sustainable rate req/s (4 clients back to back)`, `${base.rate.toFixed(1)} (p50 ${base.p50.toFixed(0)} ms)`);
      const probe = probeHealth();
      const f = await flood(make, rate, FLOOD_SECONDS);
      const health = await probe.stop();
      const stoppedAt = performance.now();
      const back = await recovery(make, base.p50);
      print(`${name}: flood at ${rate.toFixed(0)} req/s for ${FLOOD_SECONDS} s: sent`, f.sent);
      print(`${name}: goodput req/s during the flood`, (f.good / FLOOD_SECONDS).toFixed(1));
      print(`${name}: shed (503/429) / timed out (10 s) / errors`, `${f.shed} / ${f.timeouts} / ${f.errors}`);
      print(`${name}: p99 ms of the answered ones`, f.goodLatencyP99.toFixed(0));
      print(`${name}: healthz p99 ms during the flood (max)`, `${health.p99.toFixed(1)} (${health.max.toFixed(0)})`);
      print(`${name}: seconds until normal answers after the flood`, `${back.toFixed(1)} (${((performance.now() - stoppedAt) / 1000).toFixed(1)} incl. drain)`);
      await sleep(1000);
    }
    const { rss, peak } = rssOf(server.pid);
    print('server RSS now / peak MiB', `${rss.toFixed(0)} / ${peak.toFixed(0)}`);
  } finally {
    agent.destroy();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.on('exit', resolve));
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
