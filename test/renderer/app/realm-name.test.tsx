import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RealmName } from '../../../renderer/app/realm-name';
import { createAppStore } from '../../../renderer/store/app-store';
import { memoryStorage } from '../store/fixtures';

describe("the header's realm", () => {
  it('names the realm the host said it works on', () => {
    const store = createAppStore(memoryStorage());
    expect(store.getState().realm).toBeNull();
    store.getState().setRealm('lab.2');
    const html = renderToStaticMarkup(<RealmName realm={store.getState().realm} />);
    expect(html.replace(/<[^>]+>/g, '')).toBe('realm lab.2');
    expect(html).toContain('<strong>lab.2</strong>');
  });

  it('shows nothing before the host answered, rather than a realm it may not be', () => {
    expect(renderToStaticMarkup(<RealmName realm={null} />)).toBe('');
  });
});
