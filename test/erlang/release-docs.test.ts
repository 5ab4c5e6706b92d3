/**
 * The docs and the env must not drift apart: every line that a release must carry,
 * as the construct lists it, is printed in the docs that tell users what to write,
 * and every variable that a node container gets is in the env contract's table.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { ClusterDiscovery, CookieDelivery, ErlangCookie, ErlangRelease, ErlangStatefulCluster } from 'cdk8s-erlang-cluster';

const ROOT = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const cookie = ErlangCookie.fromSecretName('c');

function cluster(props: Record<string, unknown>): ErlangStatefulCluster {
  return new ErlangStatefulCluster(Testing.chart(), 'c', { basename: 'chat', image: 'chat:1.0', cookie, release: ErlangRelease.mix(), ...props });
}

describe('the lines a release must carry are the ones the docs print', () => {
  const cases: [string, Record<string, unknown>, string[]][] = [
    ['mix', {}, ['README.md', 'docs/env-contract.md']],
    ['mix, epmd-less', { distribution: { epmdless: true } }, ['docs/env-contract.md']],
    ['mix, the cookie as a file', { cookieDelivery: CookieDelivery.FILE }, ['docs/env-contract.md']],
    ['relx', { release: ErlangRelease.relx() }, ['docs/env-contract.md']],
  ];
  test.each(cases)('%s', (_kind, props, docs) => {
    const lines = cluster(props).releaseConfiguration;
    expect(lines.length).toBeGreaterThan(0);
    for (const doc of docs) {
      const text = read(doc);
      for (const { path: file, line } of lines) {
        expect({ doc, file, line, printed: text.includes(line) }).toEqual({ doc, file, line, printed: true });
      }
    }
  });
});

test("every variable of a node container is in the env contract's table", () => {
  const table = read('docs/env-contract.md');
  const names = new Set<string>();
  const variants: Record<string, unknown>[] = [
    { storage: { mountPath: '/data' } },
    { release: ErlangRelease.relx(), distribution: { epmdless: true } },
    { discovery: ClusterDiscovery.kubernetesApi(), clusterDomain: 'corp.local' },
  ];
  for (const props of variants) {
    const chart = new Chart(Testing.app(), 'c');
    new ErlangStatefulCluster(chart, 'c', { basename: 'chat', image: 'chat:1.0', cookie, release: ErlangRelease.mix(), ...props });
    const sts = Testing.synth(chart).find((o) => o.kind === 'StatefulSet');
    for (const e of sts.spec.template.spec.containers[0].env as { name: string }[]) names.add(e.name);
  }
  expect([...names].filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
});
