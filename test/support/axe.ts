import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** One rule broken, as a failing test should print it: the rule, how bad, and where. */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** A path the app never serves: the test answers it with axe's source. */
const AXE_PATH = '/__test-axe-core.js';
const routed = new WeakSet<Page>();

/**
 * axe-core's serious and critical violations on the page as it is now. Its
 * source goes in as a script tag of the page's own origin, answered by the
 * test, so that the page's CSP (no inline script) stays as it is.
 */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  if (!routed.has(page)) {
    await page.route(`**${AXE_PATH}`, (route) =>
      route.fulfill({ body: AXE_SOURCE, contentType: 'text/javascript' }),
    );
    routed.add(page);
  }
  if (!(await page.evaluate(() => 'axe' in window)))
    await page.addScriptTag({ url: new URL(AXE_PATH, page.url()).href });
  const violations = await page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: typeof import('axe-core') }).axe.run(
      document,
      { resultTypes: ['violations'] },
    );
    return violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
