import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes a context the way the docker CLI stores it: meta.json under
 * contexts/meta/<sha256 of the name>/, TLS files under contexts/tls/<sha256>/docker/.
 */
export function writeDockerContext(
  configDir: string,
  name: string,
  docker: { Host: string; SkipTLSVerify?: boolean },
  tls?: { ca: string; cert?: string; key?: string },
): void {
  const digest = createHash('sha256').update(name).digest('hex');
  const meta = join(configDir, 'contexts', 'meta', digest);
  mkdirSync(meta, { recursive: true });
  writeFileSync(
    join(meta, 'meta.json'),
    JSON.stringify({
      Name: name,
      Metadata: { Description: `test context ${name}` },
      Endpoints: { docker: { SkipTLSVerify: false, ...docker } },
    }),
  );
  if (!tls) return;
  const dir = join(configDir, 'contexts', 'tls', digest, 'docker');
  mkdirSync(dir, { recursive: true });
  copyFileSync(tls.ca, join(dir, 'ca.pem'));
  if (tls.cert) copyFileSync(tls.cert, join(dir, 'cert.pem'));
  if (tls.key) copyFileSync(tls.key, join(dir, 'key.pem'));
}
