import { readFileSync } from 'node:fs';
import { CoreError } from '../api/errors';

// Node's messages repeat the path ("ENOENT: no such file or directory, open '/x'"):
// the reason is said once, in words.
const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
};

/** A file an engine profile names (a certificate, a key, a context's metadata), or VALIDATION on its field. */
export function readProfileFile(path: string, field: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const reason = (code && REASONS[code]) ?? message;
    throw CoreError.validation(field, `cannot read "${path}": ${reason}`);
  }
}
