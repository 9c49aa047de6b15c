/**
 * Python escapism's `escape()` as the seed calls it for container names:
 * every character outside `safe` becomes `_` followed by the uppercase hex of
 * each of its UTF-8 bytes, unpadded (`\t` -> `_9`), exactly like the library.
 */
const NAME_SAFE = /^[A-Za-z0-9.-]$/;
const encoder = new TextEncoder();

export function escapeForName(value: string): string {
  let out = '';
  for (const char of value) {
    if (NAME_SAFE.test(char)) {
      out += char;
      continue;
    }
    for (const byte of encoder.encode(char)) out += `_${byte.toString(16).toUpperCase()}`;
  }
  return out;
}
