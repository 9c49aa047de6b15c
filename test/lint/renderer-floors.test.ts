import { describe, expect, it } from 'vitest';
import { restricted } from '../support/lint';

describe('renderer lint floors', () => {
  it('rejects a view importing another view folder', async () => {
    const code =
      "import { LaunchView } from '../launch/launch-view';\nexport const v = LaunchView;\n";
    expect(await restricted('renderer/views/engines/x.tsx', code)).toEqual([
      expect.stringContaining('another view'),
    ]);
  });

  it('rejects a view reaching another view through views/', async () => {
    const code = "export { CatalogView } from '../../views/catalog/catalog-view';\n";
    expect(await restricted('renderer/views/launch/x.tsx', code)).toEqual([
      expect.stringContaining('another view'),
    ]);
  });

  it('rejects a view importing renderer/app', async () => {
    const code = "import { App } from '../../app/app';\nexport const a = App;\n";
    expect(await restricted('renderer/views/containers/x.tsx', code)).toEqual([
      expect.stringContaining('renderer/app'),
    ]);
  });

  it('rejects shared code importing a view', async () => {
    const code = "export { GrantLaunch } from '../views/catalog/grant-launch';\n";
    expect(await restricted('renderer/components/x.tsx', code)).toEqual([
      expect.stringContaining('below the views'),
    ]);
  });

  it('still holds a view to the contract alone in src-core', async () => {
    const code = "export type { Host } from '../../../src-core/host/host';\n";
    expect(await restricted('renderer/views/proxy/x.tsx', code)).toEqual([
      expect.stringContaining('src-core/api'),
    ]);
  });

  it('passes what a view is meant to import: its own folder, components, context, store, the contract', async () => {
    const code = [
      "export { describePolicy } from './policy-form';",
      "export { Field } from '../../components/field';",
      "export { useApp } from '../../context/app-context';",
      "export { stopContainers } from '../../store/actions';",
      "export { errorPayloadOf } from '../../../src-core/api/errors';",
      "export { useCatalogCall } from '../../views/catalog/use-catalog-call';",
      '',
    ].join('\n');
    expect(await restricted('renderer/views/catalog/x.tsx', code)).toEqual([]);
  });
});
