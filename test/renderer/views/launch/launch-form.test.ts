import { describe, expect, it } from 'vitest';
import {
  checkForm,
  EMPTY_FORM,
  fieldOf,
  launchSettings,
  parseUsers,
} from '../../../../renderer/views/launch/launch-form';

describe('the launch form', () => {
  it('reads users separated by commas, spaces or lines, once each', () => {
    expect(parseUsers(' alice, bob\ncarol;alice  ')).toEqual(['alice', 'bob', 'carol']);
    expect(parseUsers(' , \n')).toEqual([]);
  });

  it('turns the licence and the resolution into the variables the apps read', () => {
    const settings = launchSettings({
      ...EMPTY_FORM,
      image: 'app:1',
      licence: ' site-1 ',
      resolution: '1920x1080',
    });
    expect(settings).toEqual({
      engine: 'any',
      image: 'app:1',
      environment: {
        APP_LICENSE: 'site-1',
        X11_WIDTH: '1920',
        X11_HEIGHT: '1080',
        X11_DEPTH: '24',
      },
    });
    expect(launchSettings({ ...EMPTY_FORM, image: 'app:1' })).toEqual({
      engine: 'any',
      image: 'app:1',
    });
  });

  it('names the field at fault: no user, no application, an empty volume path', () => {
    expect(checkForm(EMPTY_FORM)).toEqual({
      user: 'must name at least one user',
      image: 'choose an application',
    });
    const errors = checkForm({
      ...EMPTY_FORM,
      users: 'alice',
      image: 'app:1',
      volumes: [{ source: '', target: '/data', mode: 'ro' }],
    });
    expect(errors).toEqual({ 'volumes[0].source': 'must not be empty' });
    expect(checkForm({ ...EMPTY_FORM, users: 'alice', image: 'app:1' })).toEqual({});
  });

  it("takes the field of the core's VALIDATION errors, and of no other", () => {
    const details = { field: 'volumes[0].source', reason: 'must be an absolute path' };
    expect(fieldOf({ code: 'VALIDATION', message: 'x', details })).toBe('volumes[0].source');
    expect(fieldOf({ code: 'IMAGE_NOT_FOUND', message: 'x', details })).toBeNull();
  });
});
