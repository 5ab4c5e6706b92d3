/**
 * The scenarios: the seed's synthesized manifests, charts built here from the
 * public API, and mutated copies of the seed that must fail for a stated
 * reason. Inputs only; e2e/run.ts runs them.
 */
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { ClusterDiscovery, ErlangCookie, ErlangStatefulCluster, ErlangRelease } from '../lib';
import { loadChartConfig } from '../charts/config';
import { ErlangDockerChart } from '../charts/erlang-docker-chart';
import { ExpectedFailure } from './checks';
import { SEED_DECLARATION, StaticDeclaration } from './static-checks';
import { cloneObjects, KubeObject, readManifestDir, services, StatefulSetSpec, statefulSets } from './kube';
import { ClusterInput, ExtraPod, Pod, SecretData, secretKey } from './simulate';
import { meshWildcards, Pki, tlsSecretData } from './tls';

/** What a scenario's build gets from the run. */
export interface BuildContext {
  /** A private directory (mode 0700) of this scenario for keys and certificates; removed at exit. */
  readonly pkiDir: string;
  /** Where the e2e charts mount volumes: every volume mountPath must lie under it (see e2e/erlang.ts). */
  readonly mountRoot: string;
}

/** One run of the simulation. */
export interface Scenario {
  /** Short and unique: part of the namespace names. */
  readonly id: string;
  readonly title: string;
  readonly build: (ctx: BuildContext) => ClusterInput;
  /** `tls`: needs Erlang's ssl application (inet_tls_dist) and openssl; reported as skipped without them. */
  readonly needs?: 'tls';
  /** `mesh`: every check must hold. Otherwise: the checks that must fail, and why. */
  readonly expect: 'mesh' | readonly ExpectedFailure[];
  /** What the user declared (basenames, cluster domain, dist port, open app ports): expected values come from here, not from the manifests. */
  readonly declared: StaticDeclaration;
}

const DIST_DIR = path.join(__dirname, '..', 'dist');

/** The seed's manifests, as `npm run synth` wrote them (E2E_SEED_DIR: another synth's output folder, for debugging). */
export function seedObjects(): KubeObject[] {
  return readManifestDir(process.env.E2E_SEED_DIR || DIST_DIR);
}

/**
 * A Secret as the user creates it, e.g. `kubectl create secret generic
 * erlang-docker-cookie -n default --from-literal=cookie=…`. Test Secrets are
 * never derived from what the manifests reference: a manifest that refers to
 * another name or key must fail to start its pod, as on a real cluster.
 */
export function userSecret(namespace: string, name: string, key: string, value: string): SecretData {
  return { [secretKey(namespace, name, key)]: value };
}

/** The seed's cookie Secret, as its README tells the user to create it. */
export function seedSecret(value: string): SecretData {
  return userSecret('default', 'erlang-docker-cookie', 'cookie', value);
}

/** The cookie Secret `e2e-cookie` (key `cookie`) in each namespace. */
function cookieIn(namespaces: readonly string[], value: string): SecretData {
  return Object.assign({}, ...namespaces.map((ns) => userSecret(ns, 'e2e-cookie', 'cookie', value)));
}

/**
 * Pods that must not reach the nodes: in every namespace that runs a
 * StatefulSet, one with labels no peer selector matches; and for every
 * StatefulSet, one in another namespace that copies its pod labels (peer
 * selectors are namespace-scoped).
 */
export function intruders(objects: readonly KubeObject[]): ExtraPod[] {
  const sets = statefulSets(objects);
  const namespaces = [...new Set(sets.map((s) => s.namespace))];
  return [
    ...namespaces.map((namespace, i) => ({ name: `intruder-${i}`, namespace, labels: { app: 'e2e-intruder' } })),
    ...sets.map((sts, i) => ({ name: `intruder-copy-${i}`, namespace: 'e2e-elsewhere', labels: { ...sts.spec.template.metadata?.labels } })),
  ];
}

/** A cluster of `objects` with the user's Secrets and the intruders. */
function cluster(objects: KubeObject[], clusterDomain: string, secrets: SecretData): ClusterInput {
  return { objects, clusterDomain, secretsFor: () => secrets, extraPods: intruders(objects) };
}

/** One cookie value for every scenario that needs no other. */
const COOKIE = 'e2e-cookie-3f9a1c';

/** The seed's manifests (or a mutation of them) in the user's cluster: domain cluster.local, the README's Secret, the intruders. */
export function seedInput(objects: KubeObject[] = seedObjects()): ClusterInput {
  return cluster(objects, SEED_DECLARATION.clusterDomain, seedSecret(COOKIE));
}

/** Two flavours with 2 and 1 replicas in their own namespace and cluster domain, on dist port 9200. */
export function meshChart(): KubeObject[] {
  const chart = new Chart(Testing.app(), 'e2e-mesh', { namespace: 'e2e-mesh' });
  const common = {
    cookie: ErlangCookie.fromSecretName('e2e-cookie'),
    clusterDomain: 'k8s.local',
    // libcluster's Kubernetes strategy (DNSSRV has its own scenarios: journey, srv-domain): it needs
    // a '<name>.local' domain, and sets the same discovery env (basename, headless Service, domain) the e2e reads.
    discovery: ClusterDiscovery.kubernetesApi(),
    release: ErlangRelease.relx(),
    distribution: { port: 9200 },
    appPorts: [{ name: 'http', port: 8080 }],
  };
  const billing = new ErlangStatefulCluster(chart, 'Billing', {
    ...common,
    basename: 'billing',
    image: 'registry.example.test/billing:1.0',
    replicas: 2,
  });
  const ledger = new ErlangStatefulCluster(chart, 'Ledger', {
    ...common,
    basename: 'ledger',
    image: 'registry.example.test/ledger:1.0',
    replicas: 1,
  });
  ErlangStatefulCluster.mesh(billing, ledger);
  return Testing.synth(chart) as KubeObject[];
}

/** Epmd-less distribution on port 9300, meshed across two namespaces (NetworkPolicy namespaceSelectors). */
export function epmdlessChart(): KubeObject[] {
  const chart = new Chart(Testing.app(), 'e2e-epmdless');
  // relx's start script turns ERL_DIST_PORT into the epmd-less flags; bare erl nodes read the same env.
  const common = { cookie: ErlangCookie.fromSecretName('e2e-cookie'), release: ErlangRelease.relx(), distribution: { port: 9300, epmdless: true } };
  const left = new ErlangStatefulCluster(chart, 'Left', {
    ...common,
    basename: 'left',
    namespace: 'e2e-left',
    image: 'registry.example.test/left:1.0',
    replicas: 2,
  });
  const right = new ErlangStatefulCluster(chart, 'Right', {
    ...common,
    basename: 'right',
    namespace: 'e2e-right',
    image: 'registry.example.test/right:1.0',
    replicas: 1,
  });
  ErlangStatefulCluster.mesh(left, right);
  return Testing.synth(chart) as KubeObject[];
}

/** The Secret that holds the distribution certificate, in every namespace of the TLS charts. */
export const TLS_SECRET = 'e2e-dist-tls';

/**
 * TLS distribution (`distribution.tls`), 2 + 1 replicas, dist port 9400,
 * cluster domain k8s.local. Billing runs in namespace e2e-tls, ledger in
 * `ledgerNamespace`. `mountPath` is where the pods mount the Secret and the
 * generated ssl_dist.conf: a per-run directory, because the optfile path in
 * ERL_AFLAGS is absolute and must name real files on this machine.
 */
export function tlsChart(mountPath: string, ledgerNamespace = 'e2e-tls'): KubeObject[] {
  const chart = new Chart(Testing.app(), 'e2e-tls');
  const common = {
    cookie: ErlangCookie.fromSecretName('e2e-cookie'),
    clusterDomain: 'k8s.local',
    discovery: ClusterDiscovery.kubernetesApi(),
    release: ErlangRelease.relx(),
    distribution: { port: 9400, tls: { secretName: TLS_SECRET, mountPath } },
  };
  const billing = new ErlangStatefulCluster(chart, 'Billing', {
    ...common,
    basename: 'billing',
    namespace: 'e2e-tls',
    image: 'registry.example.test/billing:1.0',
    replicas: 2,
  });
  const ledger = new ErlangStatefulCluster(chart, 'Ledger', {
    ...common,
    basename: 'ledger',
    namespace: ledgerNamespace,
    image: 'registry.example.test/ledger:1.0',
    replicas: 1,
  });
  ErlangStatefulCluster.mesh(billing, ledger);
  return Testing.synth(chart) as KubeObject[];
}

/**
 * A TLS cluster: the cookie, and in every namespace a Secret TLS_SECRET whose
 * certificate carries `*.<headless>.<namespace>.svc.<domain>` of every
 * StatefulSet of the mesh (one certificate for all pods, as the
 * TlsDistributionOptions docs ask for), made with openssl now. `caPerNamespace`:
 * each namespace's certificate comes from its own CA (a namespaced Issuer
 * each) instead of one shared CA.
 */
function tlsCluster(ctx: BuildContext, objects: KubeObject[], clusterDomain: string, caPerNamespace: boolean): ClusterInput {
  const base = cluster(objects, clusterDomain, cookieIn([...new Set(statefulSets(objects).map((s) => s.namespace))], COOKIE));
  const pki = new Pki(ctx.pkiDir);
  const dnsNames = meshWildcards(objects, clusterDomain);
  const shared = caPerNamespace ? undefined : pki.ca('e2e-ca');
  const namespaces = [...new Set(statefulSets(objects).map((s) => s.namespace))];
  const tls: SecretData = Object.assign(
    {},
    ...namespaces.map((ns) => tlsSecretData(ns, TLS_SECRET, pki.issue(shared ?? pki.ca(`e2e-ca-${ns}`), `${ns}-${TLS_SECRET}`, dnsNames))),
  );
  return { ...base, secretsFor: (pod: Pod) => ({ ...base.secretsFor(pod), ...tls }) };
}

/** The mountPath of the TLS charts, under the run's mount root. */
function tlsMountPath(ctx: BuildContext): string {
  return path.join(ctx.mountRoot, 'erlang-dist-tls');
}

/** A copy in which env `name` comes right after `after` in every StatefulSet container. */
export function moveEnvAfter(objects: readonly KubeObject[], name: string, after: string): KubeObject[] {
  const copy = cloneObjects(objects);
  for (const sts of statefulSets(copy)) {
    for (const c of (sts.spec as StatefulSetSpec).template.spec.containers) {
      const env = [...(c.env ?? [])];
      const moved = env.find((e) => e.name === name);
      if (!moved) throw new Error(`${sts.name}: no env ${name} to move`);
      const rest = env.filter((e) => e !== moved);
      rest.splice(rest.findIndex((e) => e.name === after) + 1, 0, moved);
      (c as { env?: unknown }).env = rest;
    }
  }
  return copy;
}

/** A copy in which Service `name` is an ordinary ClusterIP Service (no `clusterIP: None`). */
export function withoutHeadless(objects: readonly KubeObject[], name: string): KubeObject[] {
  const copy = cloneObjects(objects);
  const svc = services(copy).find((s) => s.name === name);
  if (!svc) throw new Error(`no Service ${name}`);
  delete (svc.spec as { clusterIP?: string }).clusterIP;
  return copy;
}

/** A copy in which Service `name` publishes DNS records for Ready pods only. */
export function withoutNotReadyAddresses(objects: readonly KubeObject[], name: string): KubeObject[] {
  const copy = cloneObjects(objects);
  const svc = services(copy).find((s) => s.name === name);
  if (!svc) throw new Error(`no Service ${name}`);
  delete (svc.spec as { publishNotReadyAddresses?: boolean }).publishNotReadyAddresses;
  return copy;
}

/**
 * The reference chart with the library's opt-in egress policy on both clusters
 * (`egress: {}`: DNS, the mesh's epmd and dist ports, nothing else).
 */
export function egressSeedObjects(): KubeObject[] {
  return Testing.synth(new ErlangDockerChart(Testing.app(), 'erlang-docker', { config: loadChartConfig(), egress: {} })) as KubeObject[];
}

/** The reference chart with `localVolumes: []`: its claims name no StorageClass and are left to the cluster's default class. */
export function noLocalVolumeSeedObjects(): KubeObject[] {
  const config = { ...loadChartConfig(), localVolumes: [] };
  return Testing.synth(new ErlangDockerChart(Testing.app(), 'erlang-docker', { config })) as KubeObject[];
}

/** The governing Service of the first StatefulSet. */
function firstGoverningService(objects: readonly KubeObject[]): string {
  return statefulSets(objects)[0].spec.serviceName ?? '';
}

/** Everything `npm run e2e` runs, in order. */
export function scenarios(): Scenario[] {
  const seedDomain = SEED_DECLARATION.clusterDomain;
  const seed = { declared: SEED_DECLARATION };
  const billingLedger = (distPort: number, openAppPorts: number[]): StaticDeclaration => ({
    basenames: { 'billing-sfs': 'billing', 'ledger-sfs': 'ledger' },
    clusterDomain: 'k8s.local',
    distPort,
    epmd: true,
    openAppPorts,
  });
  return [
    {
      id: 'seed',
      title: `seed: dist/*.yaml (cluster domain ${seedDomain})`,
      build: () => seedInput(),
      expect: 'mesh',
      ...seed,
    },
    {
      id: 'mesh',
      title: 'e2e chart: namespace e2e-mesh, cluster domain k8s.local, 2 + 1 replicas, dist port 9200',
      build: () => cluster(meshChart(), 'k8s.local', cookieIn(['e2e-mesh'], COOKIE)),
      expect: 'mesh',
      declared: billingLedger(9200, [8080]),
    },
    {
      id: 'epmdless',
      title: 'e2e chart: epmd-less on port 9300, meshed across namespaces e2e-left and e2e-right',
      build: () => cluster(epmdlessChart(), 'cluster.local', cookieIn(['e2e-left', 'e2e-right'], COOKIE)),
      expect: 'mesh',
      declared: { basenames: { 'left-sfs': 'left', 'right-sfs': 'right' }, clusterDomain: 'cluster.local', distPort: 9300, epmd: false, openAppPorts: [] },
    },
    {
      id: 'tls',
      title: 'e2e chart: TLS distribution, namespace e2e-tls, 2 + 1 replicas, one certificate for *.<headless>.e2e-tls.svc.k8s.local of both',
      needs: 'tls',
      build: (ctx) => tlsCluster(ctx, tlsChart(tlsMountPath(ctx)), 'k8s.local', false),
      expect: 'mesh',
      declared: billingLedger(9400, []),
    },
    {
      id: 'egress',
      title: 'seed with the opt-in egress NetworkPolicy (egress: {}): nodes reach DNS and their peers only',
      build: () => seedInput(egressSeedObjects()),
      expect: 'mesh',
      declared: { ...SEED_DECLARATION, egressFenced: true },
    },
    {
      id: 'envorder',
      title: 'negative: seed with POD_NAME moved after ERLANG_HOST_NAME',
      build: () => seedInput(moveEnvAfter(seedObjects(), 'POD_NAME', 'ERLANG_HOST_NAME')),
      ...seed,
      expect: [
        { check: 'identity', because: /literal \$\(POD_NAME\): ERLANG_HOST_NAME refers to \$\(POD_NAME\), which is defined later/ },
        { check: 'full-mesh', because: /missing/ },
      ],
    },
    {
      id: 'nothdls',
      title: 'negative: seed whose first governing Service is not headless',
      build: () => {
        const objects = seedObjects();
        return seedInput(withoutHeadless(objects, firstGoverningService(objects)));
      },
      ...seed,
      expect: [
        { check: 'dns', because: /cannot resolve \S+ \(nxdomain\): Service \S+ is not headless/ },
        { check: 'full-mesh', because: /missing/ },
      ],
    },
    {
      id: 'notready',
      title: 'negative: seed whose first governing Service does not publish not-ready addresses',
      build: () => {
        const objects = seedObjects();
        return seedInput(withoutNotReadyAddresses(objects, firstGoverningService(objects)));
      },
      ...seed,
      expect: [
        { check: 'dns', because: /cannot resolve \S+ \(nxdomain\): the pod is not Ready and Service \S+ does not set publishNotReadyAddresses/ },
        { check: 'full-mesh', because: /missing/ },
      ],
    },
    {
      id: 'cookie',
      title: 'negative: seed with the cookie Secret rotated between the rollouts of the two StatefulSets',
      build: () => {
        const objects = seedObjects();
        const first = statefulSets(objects)[0].name;
        const before = seedSecret('e2e-cookie-before-rotation');
        const after = seedSecret('e2e-cookie-after-rotation');
        return { ...seedInput(objects), secretsFor: (pod: Pod) => (pod.statefulSet === first ? before : after) };
      },
      ...seed,
      expect: [
        { check: 'ping', because: /cookie mismatch: the handshake was refused .*their RELEASE_COOKIE values differ/ },
        { check: 'full-mesh', because: /missing/ },
      ],
    },
    {
      id: 'tlsca',
      title: 'negative: TLS mesh across namespaces e2e-tls and e2e-tls-other whose certificates come from different CAs (a namespaced Issuer each)',
      needs: 'tls',
      build: (ctx) => tlsCluster(ctx, tlsChart(tlsMountPath(ctx), 'e2e-tls-other'), 'k8s.local', true),
      declared: billingLedger(9400, []),
      expect: [
        { check: 'ping', because: /TLS handshake failed: .*Unknown CA.*; the two pods mount different ca\.crt/ },
        { check: 'full-mesh', because: /missing/ },
      ],
    },
  ];
}
