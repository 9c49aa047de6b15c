const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

function customSize(size: number, base: number, units: string[], precision: number): string {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return `${Number(size.toPrecision(precision))}${units[i]}`;
}

/** Memory as `docker stats` writes it (go-units BytesSize): `32.77MiB`. */
export function binarySize(bytes: number): string {
  return customSize(bytes, 1024, BINARY, 4);
}

/** Network and block I/O as `docker stats` writes them (go-units HumanSize, 3 digits): `586B`, `1.2MB`. */
export function decimalSize(bytes: number): string {
  return customSize(bytes, 1000, DECIMAL, 3);
}

const RAM = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i;

/**
 * A size as `docker run --memory` reads it (go-units RAMInBytes): binary
 * units, any case, `b` and `i` optional (`512m`, `2g`, `1.5G`, `64MiB`,
 * plain bytes); a fraction of a byte is dropped. Null when it is not one.
 */
export function ramInBytes(text: string): number | null {
  const match = RAM.exec(text);
  if (!match) return null;
  const power = match[2] ? 'kmgtp'.indexOf(match[2].toLowerCase()) + 1 : 0;
  return Math.trunc(Number(match[1]) * 1024 ** power);
}
