/**
 * `npm run cookie-secret`: writes the cookie Secret of the seed chart to
 * `secrets/<name>.yaml` (gitignored), once. An existing file is never
 * regenerated: a new cookie would split a running cluster ("disallowed node").
 * Apply it with `kubectl apply -f secrets/`.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { stringify } from 'yaml';
import { loadChartConfig } from '../charts/config';
import { reportAndExit } from './report';

/** A Secret manifest holding a fresh 256-bit cookie under key `cookie`. */
export function cookieSecretManifest(name: string, namespace: string, cookie: string = randomBytes(32).toString('hex')): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name, namespace },
    type: 'Opaque',
    stringData: { cookie },
  });
}

/** Writes the Secret file unless it exists; returns its path and whether it was created. */
export function writeCookieSecret(dir: string, name: string, namespace: string): { file: string; created: boolean } {
  const file = path.join(dir, `${name}.yaml`);
  if (fs.existsSync(file)) return { file, created: false };
  fs.mkdirSync(dir, { recursive: true });
  // 'wx' fails if the file appeared meanwhile: never overwrite a cookie.
  fs.writeFileSync(file, cookieSecretManifest(name, namespace), { mode: 0o600, flag: 'wx' });
  return { file, created: true };
}

if (require.main === module) {
  try {
    const config = loadChartConfig();
    const { file, created } = writeCookieSecret('secrets', config.cookieSecret, config.namespace);
    process.stdout.write(
      created
        ? `wrote ${file}; apply it once with: kubectl apply -f ${file}\n`
        : `${file} exists and was left as it is (a new cookie would split a running cluster)\n`,
    );
  } catch (e) {
    reportAndExit(e);
  }
}
