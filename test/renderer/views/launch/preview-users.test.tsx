import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { containerPreview, PREVIEW_RANDOM } from '../../../../src-core/api/containers';
import { enginesOf, PreviewUsers } from '../../../../renderer/views/launch/preview-users';

/** A preview entry parsed by the contract's own schema, as the core sends one. */
function entry(user: string, engine: string, extra: Record<string, unknown> = {}) {
  return containerPreview.parse({
    ...extra,
    user,
    engine,
    namePrefix: `remoteexec-${user}-app`,
    nameSuffix: PREVIEW_RANDOM.nameSuffix,
    image: 'remoteapp-test/labeled-app:1',
    mappingId: 'app',
    labels: {},
    environment: {},
    binds: [],
    resources: { cpus: null, memoryBytes: null },
    service: null,
    publishIp: '127.0.0.1',
    replaces: null,
  });
}

/** The table's cells, row by row, as text. */
function cells(html: string): string[][] {
  const rows = [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) => m[1]!);
  return rows.map((row) =>
    [...row.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '')),
  );
}

describe('the launch preview table', () => {
  it('names the engine once when every user goes to the same one', () => {
    const containers = [entry('ann', 'local'), entry('ben', 'local')];
    expect(enginesOf(containers)).toEqual(['local']);
    expect(
      cells(renderToStaticMarkup(<PreviewUsers containers={containers} granted={null} />)),
    ).toEqual([
      ['User', 'Container name'],
      ['ann', 'remoteexec-ann-app-{random}'],
      ['ben', 'remoteexec-ben-app-{random}'],
    ]);
  });

  it("shows each user's engine when the users go to several", () => {
    const containers = [entry('ann', 'local'), entry('ben', 'second'), entry('cid', 'local')];
    expect(enginesOf(containers)).toEqual(['local', 'second']);
    expect(
      cells(renderToStaticMarkup(<PreviewUsers containers={containers} granted={['ben']} />)),
    ).toEqual([
      ['User', 'Container name', 'Engine', 'Catalog'],
      ['ann', 'remoteexec-ann-app-{random}', 'local', 'no grant'],
      ['ben', 'remoteexec-ben-app-{random}', 'second', 'granted'],
      ['cid', 'remoteexec-cid-app-{random}', 'local', 'no grant'],
    ]);
  });

  it('notes in the row another engine that has the app, and why a launch would be refused', () => {
    const refusal = {
      code: 'ENGINE_UNREACHABLE',
      message: 'ben has a container of "app" on engine "second", which is reconnecting.',
      details: { engineId: 'second' },
    };
    const containers = [
      entry('ann', 'local', { alsoOn: ['second'] }),
      entry('ben', 'second', { error: refusal }),
    ];
    expect(
      cells(renderToStaticMarkup(<PreviewUsers containers={containers} granted={null} />)),
    ).toEqual([
      ['User', 'Container name', 'Engine'],
      ['ann', 'remoteexec-ann-app-{random}also has this app on second', 'local'],
      [
        'ben',
        'remoteexec-ben-app-{random}ben has a container of &quot;app&quot; on engine &quot;second&quot;, which is reconnecting.',
        'second',
      ],
    ]);
  });
});
