/**
 * appRegistry: one entries object per registry name and app, shared under a
 * Symbol.for key; a registry in another layout is refused.
 */
import { Testing } from 'cdk8s';
import { appRegistry } from '../../lib/constructs/app-registry';
import { BASE, buildCluster } from '../fixtures/constructs';
import { configErrorOf } from '../helpers';

describe('appRegistry', () => {
  test('one entries object per name and app, the same on every call', () => {
    const chart = Testing.chart();
    const names = appRegistry<number>(chart, 'names');
    expect(appRegistry<number>(chart, 'names')).toBe(names);
    expect(appRegistry<number>(chart, 'other')).not.toBe(names);
    expect(appRegistry<number>(Testing.chart(), 'names')).not.toBe(names);
    expect(Object.getPrototypeOf(names)).toBeNull();
  });

  test('a registry another copy wrote in another layout is refused, naming the version', () => {
    const chart = Testing.chart();
    Object.defineProperty(chart.node.root, Symbol.for('cdk8s-erlang-cluster.registry.claims'), { value: { version: 2, entries: {} } });
    expect(configErrorOf(() => appRegistry(chart, 'claims')).message).toBe(
      "test: invalid app registry 'claims' version 2: was written by another copy of cdk8s-erlang-cluster, which keeps it in another layout (this copy reads version 1); install one version of the package in the app ('npm ls cdk8s-erlang-cluster' lists the copies)",
    );
  });

  // The names are what every copy of the package reads: another name would not see another copy's entries.
  test.each([
    ['claims', {}],
    ['dist-certificates', { distribution: { tls: { secretName: 'dist-tls', issuer: { name: 'dist-ca' } } } }],
  ])("a cluster reads the registry '%s' that every copy shares", (name, props) => {
    const chart = Testing.chart();
    Object.defineProperty(chart.node.root, Symbol.for(`cdk8s-erlang-cluster.registry.${name}`), { value: { version: 2, entries: {} } });
    expect(configErrorOf(() => buildCluster(props, BASE, chart)).message).toBe(
      `test/c: invalid app registry '${name}' version 2: was written by another copy of cdk8s-erlang-cluster, which keeps it in another layout (this copy reads version 1); install one version of the package in the app ('npm ls cdk8s-erlang-cluster' lists the copies)`,
    );
  });
});
