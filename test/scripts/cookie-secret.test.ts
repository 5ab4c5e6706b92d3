import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { cookieSecretManifest, writeCookieSecret } from '../../scripts/cookie-secret';
import { validateManifests } from '../../lib/validation/validate';

describe('the cookie Secret generator', () => {
  test('writes a valid Secret with a 256-bit hex cookie, readable by the owner only', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-'));
    const { file, created } = writeCookieSecret(dir, 'erlang-docker-cookie', 'default');
    expect(created).toBe(true);
    const secret = parse(fs.readFileSync(file, 'utf8'));
    expect(secret.metadata).toEqual({ name: 'erlang-docker-cookie', namespace: 'default' });
    expect(secret.stringData.cookie).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(validateManifests([secret]).schema).toEqual([]);
  });

  test('never regenerates an existing cookie', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cookie-'));
    const first = writeCookieSecret(dir, 'c', 'ns');
    const before = fs.readFileSync(first.file, 'utf8');
    expect(writeCookieSecret(dir, 'c', 'ns')).toEqual({ file: first.file, created: false });
    expect(fs.readFileSync(first.file, 'utf8')).toBe(before);
  });

  test('two generated cookies differ', () => {
    expect(cookieSecretManifest('c', 'ns')).not.toBe(cookieSecretManifest('c', 'ns'));
  });
});
