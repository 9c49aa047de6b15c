import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { containerPreview } from '../../../../src-core/api/containers';
import { PreviewBinds } from '../../../../renderer/views/launch/preview-binds';

/** Binds parsed by the contract's own schema, as the core sends them. */
function binds(...exists: Array<boolean | null>) {
  return containerPreview.shape.binds.parse(
    exists.map((e, i) => ({ source: `/srv/d${i}`, target: `/d${i}`, mode: 'ro', exists: e })),
  );
}

/** Each bind's line as text, tags dropped. */
function lines(html: string): string[] {
  return [...html.matchAll(/<li[^>]*>(.*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}

describe("the launch preview's binds", () => {
  it('flags a missing host path as skipped, and claims nothing for a remote engine', () => {
    const html = renderToStaticMarkup(<PreviewBinds binds={binds(true, false, null)} />);
    expect(lines(html)).toEqual([
      '/srv/d0 → /d0 (ro)',
      '/srv/d1 → /d1 (ro)missing: skipped',
      '/srv/d2 → /d2 (ro) checked by the engine at launch',
    ]);
    expect(
      [...html.matchAll(/class="([^"]+)" data-exists="(\w+)"/g)].map((m) => m.slice(1)),
    ).toEqual([
      ['bind', 'true'],
      ['bind missing', 'false'],
      ['bind unchecked', 'null'],
    ]);
  });

  it('says none when there is no bind', () => {
    expect(renderToStaticMarkup(<PreviewBinds binds={[]} />)).toContain('none');
  });
});
