import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TlsCerts {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A CA that signed neither: the daemon's certificate does not verify against it. */
  otherCa: string;
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

function selfSigned(dir: string, name: string): void {
  openssl([
    'req',
    '-x509',
    ...EC,
    '-days',
    '2',
    '-subj',
    `/CN=${name}`,
    '-keyout',
    join(dir, `${name}-key.pem`),
    '-out',
    join(dir, `${name}.pem`),
  ]);
}

function signed(dir: string, name: string, extensions: string): void {
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, extensions);
  openssl([
    'req',
    ...EC,
    '-subj',
    `/CN=${name}`,
    '-keyout',
    join(dir, `${name}-key.pem`),
    '-out',
    join(dir, `${name}.csr`),
  ]);
  openssl([
    'x509',
    '-req',
    '-days',
    '2',
    '-in',
    join(dir, `${name}.csr`),
    '-CA',
    join(dir, 'ca.pem'),
    '-CAkey',
    join(dir, 'ca-key.pem'),
    '-CAcreateserial',
    '-extfile',
    ext,
    '-out',
    join(dir, `${name}.pem`),
  ]);
}

/**
 * A CA, a server certificate for 127.0.0.1 and localhost, a client
 * certificate, and an unrelated CA: what `dockerd --tlsverify` and its clients need.
 */
export function makeTlsCerts(dir: string): TlsCerts {
  mkdirSync(dir, { recursive: true });
  selfSigned(dir, 'ca');
  selfSigned(dir, 'other-ca');
  signed(dir, 'server', 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
  signed(dir, 'client', 'extendedKeyUsage=clientAuth\n');
  return {
    ca: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server.pem'),
    serverKey: join(dir, 'server-key.pem'),
    clientCert: join(dir, 'client.pem'),
    clientKey: join(dir, 'client-key.pem'),
    otherCa: join(dir, 'other-ca.pem'),
  };
}
