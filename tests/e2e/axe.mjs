// axe-core for the browser tests: the WCAG 2.1 A/AA violations of a page,
// evaluated through the DevTools protocol so that the page's CSP (no inline
// script) stays on. Used by specs/15_accessibility and the specs that check
// a page with many rows (specs/17_analysis_readable).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 A/AA violations on the page as "rule (impact): targets — help" lines. */
export async function violations(page) {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} — ${v.help}`);
  });
  return found;
}
