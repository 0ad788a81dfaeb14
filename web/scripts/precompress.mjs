// Precompresses the built web UI: beside every text asset in dist/ of 1 kB
// or more, NAME.br (Brotli, quality 11) and NAME.gz (gzip -9), written once
// at build time so the server sends them as they are (Content-Encoding)
// to browsers that accept them. Run by `npm run build` after `vite build`.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = new URL('../dist/', import.meta.url).pathname;
const compressible = /\.(html|js|mjs|css|svg|json|map|txt|webmanifest)$/;
let before = 0;
let after = 0;

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path);
      continue;
    }
    if (!compressible.test(name)) continue;
    const data = readFileSync(path);
    if (data.length < 1024) continue;
    const br = brotliCompressSync(data, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
    });
    writeFileSync(`${path}.br`, br);
    writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
    before += data.length;
    after += br.length;
  }
}

walk(root);
console.log(`precompressed ${(before / 1024).toFixed(0)} kB of text assets to ${(after / 1024).toFixed(0)} kB (Brotli)`);
