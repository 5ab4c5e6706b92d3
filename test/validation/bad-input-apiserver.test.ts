/**
 * What the kube-apiserver's own Go validation refuses (or only warns about, although it cannot
 * work) beyond the 1.28 schema, caught at construction where a prop reaches it: each case a
 * one-line ConfigError naming the construct path, the prop, the value and what is allowed,
 * and valid neighbours that must still synthesize and validate clean. The manifest side of the
 * same checks is in manifest-rules.test.ts (rules env-value-from-valid, volume-items-valid,
 * resources-valid, tolerations-valid, probes-valid).
 */
import { Chart, Size, Testing } from 'cdk8s';
import { ConfigMap, Cpu, EnvFieldPaths, EnvValue, ResourceFieldPaths, Secret } from 'cdk8s-plus-28';
import { ErlangCookie, ErlangProbes, ErlangStatefulClusterProps } from 'cdk8s-erlang-cluster';
import { validateManifests } from '../../lib/validation/validate';
import * as k8s from '../../imports/k8s';
import {
  checkByteQuantity,
  envVarProblems,
  isFractionalBytes,
  probeProblems,
  quantityText,
  resourceProblems,
  tolerationProblems,
  volumeProblems,
} from '../../lib/checks';
import { BASE_HTTP as BASE, buildCluster } from '../fixtures/constructs';
import { run } from '../fixtures/manifests';
import { BadCase, configErrorOf, synthApp } from '../helpers';

/** Builds cluster `test/c` from BASE and `props`, untyped as a JavaScript caller would, and synthesizes its app. */
const cluster = (props: Record<string, unknown>) => {
  const chart = new Chart(Testing.app(), 'test');
  buildCluster(props as Partial<ErlangStatefulClusterProps>, BASE, chart);
  return synthApp(chart.node.root as any);
};
const secretEnv = (name: string, key: string, value?: string): k8s.EnvVar => ({ name, value, valueFrom: { secretKeyRef: { name: 's', key } } }) as k8s.EnvVar;
/** A Secret by name: a reference only, in a chart of its own that is never synthesized. */
const secretNamed = (name: string) => Secret.fromSecretName(Testing.chart(), name, name);
const tcp = (port: number) => ({ tcpSocket: { port: k8s.IntOrString.fromNumber(port) } });
const APISERVER = 'as the Kubernetes apiserver requires';

const CASES: BadCase[] = [
  {
    name: 'a sidecar env with both value and valueFrom (an EnvValue has one or the other)',
    build: () => cluster({ sidecars: [{ name: 'side', image: 'busybox:1', env: [secretEnv('A', 'k', 'x')] }] }),
    where: 'test/c',
    prop: 'sidecars[0].env[0].valueFrom',
    value: { secretKeyRef: { name: 's', key: 'k' } },
    allowed: `may not be specified when value is not empty, ${APISERVER}`,
  },
  {
    name: "envVariables Secret key starting with '..'",
    build: () => cluster({ envVariables: { A: EnvValue.fromValue('a'), B: EnvValue.fromSecretValue({ secret: secretNamed('s'), key: '..data' }) } }),
    where: 'test/c',
    prop: 'envVariables.B.valueFrom.secretKeyRef.key',
    value: '..data',
    allowed: "must not start with '..'",
  },
  {
    name: 'a sidecar env valueFrom without a source',
    build: () => cluster({ sidecars: [{ name: 'side', image: 'busybox:1', env: [{ name: 'A', valueFrom: {} }] }] }),
    where: 'test/c',
    prop: 'sidecars[0].env[0].valueFrom',
    value: {},
    allowed: 'must specify one of: fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef',
  },
  {
    name: "cookie Secret key '..cookie'",
    build: () => ErlangCookie.fromSecretName('app-cookie', '..cookie'),
    where: 'ErlangCookie.fromSecretName',
    prop: 'key',
    value: '..cookie',
    allowed: "not starting with '..'",
  },
  {
    name: "cookie Secret key '.'",
    build: () => ErlangCookie.fromSecretName('app-cookie', '.'),
    where: 'ErlangCookie.fromSecretName',
    prop: 'key',
    value: '.',
    allowed: "not '.' or '..'",
  },
  {
    name: 'memory limit of half a byte',
    build: () => cluster({ resources: { memory: { request: Size.mebibytes(256), limit: Size.kibibytes(1 / 2048) } } }),
    where: 'test/c',
    prop: 'resources.memory.limit',
    value: '0.00048828125Ki',
    allowed: 'must be a whole number of bytes',
  },
  {
    name: 'ephemeral-storage request of a tenth of a kibibyte',
    build: () => cluster({ resources: { ephemeralStorage: { request: Size.kibibytes(0.1) } } }),
    where: 'test/c',
    prop: 'resources.ephemeralStorage.request',
    value: '0.1Ki',
    allowed: 'must be a whole number of bytes',
  },
  {
    name: "storage size '1.1Gi'",
    build: () => cluster({ storage: { mountPath: '/data', size: Size.gibibytes(1.1) } }),
    where: 'test/c',
    prop: 'storage.size',
    value: '1.1Gi',
    allowed: 'must be a whole number of bytes',
  },
  {
    name: 'a toleration with Exists and a value',
    build: () => cluster({ tolerations: [{ key: 'dedicated', operator: 'Exists', value: 'erlang' }] }),
    where: 'test/c',
    prop: 'tolerations[0].value',
    value: 'erlang',
    allowed: `must be empty when operator is 'Exists', ${APISERVER}`,
  },
  {
    name: 'a toleration with tolerationSeconds and NoSchedule',
    build: () => cluster({ tolerations: [{ operator: 'Exists' }, { key: 'k', tolerationSeconds: 60, effect: 'NoSchedule' }] }),
    where: 'test/c',
    prop: 'tolerations[1].effect',
    value: 'NoSchedule',
    allowed: "must be 'NoExecute' when tolerationSeconds is set",
  },
  {
    name: "an extra Secret volume item path with '..'",
    build: () => cluster({ extraVolumes: [{ name: 'cfg', secret: { secretName: 's', items: [{ key: 'k', path: '../etc/passwd' }] } }] }),
    where: 'test/c',
    prop: 'extraVolumes[0].secret.items[0].path',
    value: '../etc/passwd',
    allowed: "must not contain '..'",
  },
  {
    name: 'a liveness probe with successThreshold 2',
    build: () => cluster({ probes: new ErlangProbes({ liveness: { ...tcp(8080), successThreshold: 2 } }) }),
    where: 'test/c',
    prop: 'probes.liveness.successThreshold',
    value: 2,
    allowed: `must be 1, ${APISERVER}`,
  },
  {
    name: 'a readiness probe with terminationGracePeriodSeconds',
    build: () => cluster({ probes: new ErlangProbes({ readiness: { ...tcp(8080), terminationGracePeriodSeconds: 5 } }) }),
    where: 'test/c',
    prop: 'probes.readiness.terminationGracePeriodSeconds',
    value: 5,
    allowed: 'must not be set for readinessProbes',
  },
  {
    name: 'a sidecar env entry with value and valueFrom',
    build: () => cluster({ sidecars: [{ name: 'side', image: 'busybox:1', env: [{ name: 'A', value: 'a' }, secretEnv('B', 'k', 'x')] }] }),
    where: 'test/c',
    prop: 'sidecars[0].env[1].valueFrom',
    value: { secretKeyRef: { name: 's', key: 'k' } },
    allowed: 'may not be specified when value is not empty',
  },
  {
    name: "a sidecar memory request of '64m'",
    build: () => cluster({ sidecars: [{ name: 'side', image: 'busybox:1', resources: { requests: { memory: k8s.Quantity.fromString('64m') } } }] }),
    where: 'test/c',
    prop: 'sidecars[0].resources.requests.memory',
    value: k8s.Quantity.fromString('64m'),
    allowed: 'fractional byte value "64m" is invalid, must be an integer',
  },
  {
    name: 'an init container with a readiness probe',
    build: () => cluster({ initContainers: [{ name: 'init', image: 'busybox:1', readinessProbe: tcp(1234) }] }),
    where: 'test/c',
    prop: 'initContainers[0].readinessProbe',
    value: { tcpSocket: { port: k8s.IntOrString.fromNumber(1234) } },
    allowed: 'may not be set for init containers without restartPolicy=Always',
  },
  {
    name: 'envVariables reading metadata.generation, which the downward API does not offer',
    build: () => cluster({ envVariables: { A: EnvValue.fromFieldRef('metadata.generation' as EnvFieldPaths) } }),
    where: 'test/c',
    prop: 'envVariables.A.valueFrom.fieldRef.fieldPath',
    value: 'metadata.generation',
    allowed: "metadata.labels['<key>']",
  },
  {
    name: 'a sidecar env reading a resource with a cpu divisor of 1Mi',
    build: () =>
      cluster({
        sidecars: [
          {
            name: 'side',
            image: 'busybox:1',
            env: [{ name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: k8s.Quantity.fromString('1Mi') } } }],
          },
        ],
      }),
    where: 'test/c',
    prop: 'sidecars[0].env[0].valueFrom.resourceFieldRef.divisor',
    value: k8s.Quantity.fromString('1Mi'),
    allowed: 'must be one of 1m and 1 for limits.cpu',
  },
  {
    name: 'an extended resource requested below its limit, in a sidecar',
    build: () =>
      cluster({
        sidecars: [
          {
            name: 'side',
            image: 'busybox:1',
            resources: { requests: { 'example.com/gpu': k8s.Quantity.fromString('1') }, limits: { 'example.com/gpu': k8s.Quantity.fromString('2') } },
          },
        ],
      }),
    where: 'test/c',
    prop: 'sidecars[0].resources.requests.example.com/gpu',
    value: k8s.Quantity.fromString('1'),
    allowed: 'must be equal to example.com/gpu limit of 2',
  },
];

describe('what the apiserver refuses is a ConfigError at construction', () => {
  test.each(CASES)('$name', ({ build, where, prop, value, allowed }) => {
    const err = configErrorOf(build);
    expect([err.where, err.prop]).toEqual([where, prop]);
    expect(err.value).toEqual(value);
    expect(err.allowed).toContain(allowed);
    expect(err.message).toBe(`${where}: invalid ${prop} ${JSON.stringify(value)}: ${err.allowed}`);
  });

  test('valid neighbours synthesize and validate clean', () => {
    const objects = cluster({
      envVariables: {
        A: EnvValue.fromSecretValue({ secret: secretNamed('s'), key: '.key' }),
        B: EnvValue.fromConfigMap(ConfigMap.fromConfigMapName(Testing.chart(), 'c', 'c'), 'k..'),
        C: EnvValue.fromFieldRef(EnvFieldPaths.POD_NAME),
        D: EnvValue.fromFieldRef(EnvFieldPaths.POD_LABEL, { key: 'app' }),
        E: EnvValue.fromResource(ResourceFieldPaths.MEMORY_LIMIT, { divisor: '1Mi' }),
      },
      resources: {
        cpu: { request: Cpu.millis(250) },
        memory: { request: Size.kibibytes(0.5), limit: Size.gibibytes(1) },
        ephemeralStorage: { request: Size.kibibytes(1.5) },
      },
      storage: { mountPath: '/data', size: Size.mebibytes(1.5) },
      tolerations: [{ operator: 'Exists' }, { key: 'k', value: 'v', effect: 'NoExecute', tolerationSeconds: 60 }],
      extraVolumes: [{ name: 'cfg', secret: { secretName: 's', defaultMode: 0o440, items: [{ key: '..k', path: 'a..b/c', mode: 0o400 }] } }],
      extraVolumeMounts: [{ name: 'cfg', mountPath: '/cfg' }],
      probes: new ErlangProbes({
        liveness: { ...tcp(8080), successThreshold: 1, terminationGracePeriodSeconds: 5 },
        readiness: { ...tcp(8080), successThreshold: 2 },
      }),
      sidecars: [
        {
          name: 'side',
          image: 'busybox:1',
          env: [{ name: 'A', value: '', valueFrom: { secretKeyRef: { name: 's', key: '.key' } } }],
          resources: { requests: { memory: k8s.Quantity.fromString('64Mi') }, limits: { memory: k8s.Quantity.fromString('64Mi') } },
        },
      ],
      initContainers: [{ name: 'init', image: 'busybox:1', restartPolicy: 'Always', startupProbe: tcp(1234), ports: [{ containerPort: 1234 }] }],
    });
    expect(ErlangCookie.fromSecretName('app-cookie', '.cookie').key).toBe('.cookie');
    const report = validateManifests(objects);
    expect(report).toEqual({ schema: [], invariants: [] });
  });
});

describe('the judgments behind them (lib/checks/pod-fields.ts)', () => {
  test('isFractionalBytes: the milli-value, rounded up, is not a whole number of thousands', () => {
    for (const q of ['512m', '1.5', '1.1Gi', '0.1Ki', '100n', '1500m', '2e-3', '1.0001', '1u', '1.0001e3', '1e-10'])
      expect([q, isFractionalBytes(q)]).toEqual([q, true]);
    for (const q of ['512Mi', '0.5Ki', '1e3', '1.5e3', '1000m', '1', '+1', '.5k', '5.', '0', '1E', '1.5Mi', '1.9999999', 'x', '-1.5', '1Qi', '1e-1.5']) {
      expect([q, isFractionalBytes(q)]).toEqual([q, false]);
    }
  });

  test('checkByteQuantity: a positive quantity of whole bytes', () => {
    expect(checkByteQuantity('w', 'p', '1Gi')).toBe('1Gi');
    expect(() => checkByteQuantity('w', 'p', '0')).toThrow('positive Kubernetes quantity');
    expect(() => checkByteQuantity('w', 'p', '1.5')).toThrow('whole number of bytes');
  });

  test('resourceProblems reads requests and limits that are absent, numbers or Quantities', () => {
    expect(resourceProblems(undefined)).toEqual([]);
    expect(resourceProblems({ limits: { memory: 0.5 } })).toEqual([
      { field: 'limits.memory', value: 0.5, message: 'fractional byte value "0.5" is invalid, must be an integer' },
    ]);
    expect(resourceProblems({ requests: { storage: '1.5' } })).toEqual([]);
    expect(resourceProblems({ requests: { storage: '1.5' } }, true)).toHaveLength(1);
    expect(resourceProblems({ limits: { cpu: '1' } })).toEqual([]);
    expect(resourceProblems({ requests: { cpu: '1' }, limits: { cpu: '1' } })).toEqual([]);
    expect(resourceProblems({ requests: { cpu: '1001m' }, limits: { cpu: k8s.Quantity.fromNumber(1) } })).toEqual([
      { field: 'requests.cpu', value: '1001m', message: 'must be less than or equal to cpu limit of 1' },
    ]);
    expect(resourceProblems({ requests: { cpu: k8s.Quantity.fromString('2') }, limits: { cpu: k8s.Quantity.fromString('2') } })).toEqual([]);
  });

  test('volumeProblems and tolerationProblems read absent and null fields as empty', () => {
    expect(volumeProblems(undefined)).toEqual([]);
    expect(volumeProblems({ secret: null, configMap: { items: null } })).toEqual([]);
    expect(volumeProblems({ projected: { sources: [{ secret: { items: [{ key: 'k', path: 'p', mode: null }] } }] } })).toEqual([]);
    expect(tolerationProblems(undefined)).toEqual([
      { field: 'operator', value: '', message: 'must be Exists when key is empty, which means "match all values and all keys"' },
    ]);
    expect(tolerationProblems({ key: 'k', tolerationSeconds: null })).toEqual([]);
    expect(tolerationProblems({ key: 'k', value: 'x'.repeat(64) })).toHaveLength(1);
    expect(tolerationProblems({ key: 'k', value: 'x'.repeat(63) })).toEqual([]);
  });

  test('probeProblems: every probe kind, null probes, and sidecars', () => {
    expect(probeProblems(undefined, false)).toEqual([]);
    expect(probeProblems({ livenessProbe: null, lifecycle: null }, true)).toEqual([]);
    expect(probeProblems({ readinessProbe: { exec: {}, successThreshold: 5 } }, false)).toEqual([]);
    expect(probeProblems({ startupProbe: { exec: {}, successThreshold: null, terminationGracePeriodSeconds: null } }, false)).toEqual([]);
    expect(probeProblems({ startupProbe: { exec: {}, terminationGracePeriodSeconds: -1 } }, false)).toHaveLength(1);
    expect(probeProblems({ livenessProbe: { grpc: { port: 1 }, httpGet: null } }, false)).toEqual([]);
    expect(probeProblems({ restartPolicy: 'Always', lifecycle: {}, livenessProbe: { exec: {} } }, true)).toEqual([]);
  });

  test('null entries and non-number counts are not problems, and do not throw', () => {
    expect(envVarProblems(null)).toEqual([]);
    expect(quantityText(null)).toBe('null');
    expect(quantityText({ value: '1Gi' })).toBe('1Gi');
    expect(resourceProblems({ requests: { cpu: null }, limits: { cpu: '1' } })).toEqual([]);
    expect(probeProblems(null, true)).toEqual([]);
    // A string count is the schema's business (it refuses it); only negative numbers are judged here.
    expect(probeProblems({ livenessProbe: { exec: {}, initialDelaySeconds: '-1', periodSeconds: -1 } }, false)).toEqual([
      { field: 'livenessProbe.periodSeconds', value: -1, message: 'must be greater than or equal to 0' },
    ]);
  });

  test('volumeProblems names each projected source and item, and requires a key and a non-empty path', () => {
    const mode = 'must be a number between 0 and 0777 (octal), both inclusive';
    const sources = [null, { secret: { items: [{ key: 'k', path: '/p' }] } }, { configMap: { defaultMode: 0o1000 } }, { configMap: { defaultMode: 0o777 } }];
    expect(volumeProblems({ projected: { sources } })).toEqual([
      { field: 'projected.sources[1].secret.items[0].path', value: '/p', message: 'must be a relative path' },
      { field: 'projected.sources[2].configMap.defaultMode', value: 0o1000, message: mode },
    ]);
    expect(volumeProblems({ secret: { items: [null, { key: 'k', path: '' }, { key: '', path: 'p', mode: -1 }] } })).toEqual([
      { field: 'secret.items[0].key', value: undefined, message: 'is required' },
      { field: 'secret.items[0].path', value: undefined, message: 'is required' },
      { field: 'secret.items[1].path', value: '', message: 'is required' },
      { field: 'secret.items[2].key', value: '', message: 'is required' },
      { field: 'secret.items[2].mode', value: -1, message: mode },
    ]);
  });

  test('the apiserver rules read workloads, templates, claim templates, env entries and volumes that are absent or null', () => {
    const sts = (name: string, spec?: unknown) => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name }, ...(spec === undefined ? {} : { spec }) });
    const objects = [
      sts('a'),
      sts('b', {}),
      sts('c', { template: {}, volumeClaimTemplates: [null, {}] }),
      sts('d', { template: { spec: { containers: [{ name: 'x', env: [null] }], volumes: [null] } } }),
      { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'p' } },
    ];
    const ids = [
      'env-value-from-valid',
      'volume-items-valid',
      'resources-valid',
      'tolerations-valid',
      'probes-valid',
      'statefulset-spec-valid',
      'persistent-volume-claim-valid',
    ];
    const claim = 'claim template undefined: spec.';
    const claims = 'the apiserver refuses the claims made from it';
    expect(run(objects, ...ids)).toEqual([
      `statefulset-spec-valid StatefulSet/c: ${claim}accessModes (missing): must list at least one access mode; ${claims}`,
      `statefulset-spec-valid StatefulSet/c: ${claim}resources.requests.storage (missing): is required; ${claims}`,
      `statefulset-spec-valid StatefulSet/c: ${claim}accessModes (missing): must list at least one access mode; ${claims}`,
      `statefulset-spec-valid StatefulSet/c: ${claim}resources.requests.storage (missing): is required; ${claims}`,
      'persistent-volume-claim-valid PersistentVolumeClaim/p: spec.accessModes (missing): must list at least one access mode; the apiserver refuses it',
      'persistent-volume-claim-valid PersistentVolumeClaim/p: spec.resources.requests.storage (missing): is required; the apiserver refuses it',
    ]);
  });
});
