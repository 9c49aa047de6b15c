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
