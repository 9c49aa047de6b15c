import { CoreError } from '../api/errors';
import { GRANT_ID, IMAGE_REF, fits } from '../api/ids';

const MAX_USER = 256;
const MAX_IMAGE = 512;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A user name as JupyterHub gives it: any text but control characters. */
export function validateUserName(value: unknown, field = 'user'): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw CoreError.validation(field, 'must be a non-empty name');
  if (value.length > MAX_USER)
    throw CoreError.validation(field, `must be at most ${MAX_USER} characters`);
  if (CONTROL.test(value)) throw CoreError.validation(field, 'must not contain control characters');
  if (value !== value.trim())
    throw CoreError.validation(field, 'must not start or end with spaces');
  return value;
}

export function validateImageName(value: unknown, field = 'image'): string {
  if (typeof value !== 'string' || value === '')
    throw CoreError.validation(field, 'must be a non-empty image name');
  if (value.length > MAX_IMAGE)
    throw CoreError.validation(field, `must be at most ${MAX_IMAGE} characters`);
  if (!fits(IMAGE_REF, value)) throw CoreError.validation(field, `"${value}" ${IMAGE_REF.reason}`);
  return value;
}

/** A grant's id, the mapping id: 32 lowercase hex characters, as remoteappmanager's uuid4().hex. */
export function validateGrantId(value: unknown, field = 'grantId'): string {
  if (!fits(GRANT_ID, value)) throw CoreError.validation(field, GRANT_ID.reason);
  return value;
}
