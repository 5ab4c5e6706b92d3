/**
 * The sabotage table: broken versions of dist/, each with the check that must
 * catch it and the reason it must give. `npm run e2e` runs every one against
 * the seed scenario's static judgments (e2e/static-checks.ts), which the seed
 * scenario runs too before it boots: a mutation caught here fails the seed
 * scenario for that reason. Static, so the whole table costs well under a
 * second. Adding a check to the e2e without a row here that proves it can
 * fail is how checks come to pass everything.
 */
import { distPortFlags } from '../lib/erlang/flags';
import { CheckName, judgeExpectedFailures } from './checks';
import { cloneObjects, KubeObject, statefulSets } from './kube';
import { seedInput } from './scenarios';
import { SEED_DECLARATION, staticChecks } from './static-checks';

/** One broken version of the manifests. */
export interface Sabotage {
  readonly id: string;
  readonly what: string;
  readonly mutate: (objects: KubeObject[]) => void;
  readonly check: CheckName;
  readonly because: RegExp;
}

/** Manifests in wire form, mutated freely: the table breaks them on purpose. */
type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire-form manifests, broken on purpose

const A = 'erlang-docker-a-sfs';
const B = 'erlang-docker-b-sfs';

/** The first container of StatefulSet `name`. */
function container(objects: KubeObject[], name: string): Any {
  const sts = statefulSets(objects).find((s) => s.name === name);
  if (!sts) throw new Error(`no StatefulSet ${name}`);
  return sts.spec.template.spec.containers[0];
}

/** Sets (or with undefined removes) env `name` of StatefulSet `sts`. */
function setEnv(objects: KubeObject[], sts: string, name: string, value: string | undefined): void {
  const c = container(objects, sts);
  const i = c.env.findIndex((e: Any) => e.name === name);
  if (i < 0) throw new Error(`${sts}: no env ${name}`);
  if (value === undefined) c.env.splice(i, 1);
  else c.env[i] = { name, value };
}

function object(objects: KubeObject[], kind: string, name: string): Any {
  const o = objects.find((x) => x.kind === kind && x.metadata?.name === name);
  if (!o) throw new Error(`no ${kind} ${name}`);
  return o as Any;
}

const service = (objects: KubeObject[], name: string) => object(objects, 'Service', name);
const policy = (objects: KubeObject[], name: string) => object(objects, 'NetworkPolicy', name);
const sts = (objects: KubeObject[], name: string) => object(objects, 'StatefulSet', name);
/** `s` as a literal in a RegExp. */
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** What the scheduler says of the control-plane node in a FitError. */
const CONTROL_PLANE = esc('1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }');
/** The scheduler's reasons, as Kubernetes 1.28 words them (pkg/scheduler/framework/plugins). */
const NO_VOLUME = esc("node(s) didn't find available persistent volumes to bind");

/**
 * Every problem of `scheduling` for pods matching `pods` (a RegExp source) that
 * fit nowhere, saying `why` after `0/4 nodes are available: `, or for their
 * claims, still Pending because `claimWhy` (by default: no consumer was placed).
 */
function unscheduled(pods: string, why: string, claimWhy = 'waiting for first consumer to be created before binding'): RegExp {
  const claims = pods.replace(/^erlang-docker-(\[ab\]|[ab])-sfs/, 'erlang-docker-$1-volume-erlang-docker-$1-sfs');
  return new RegExp(`^(?:${pods}: Pending: 0/4 nodes are available: ${why}|claim default/${claims}: Pending: ${esc(claimWhy)})$`);
}

/** The PersistentVolumes (of `node`, by their node affinity); none in a chart that declares no local volumes. */
const volumes = (objects: KubeObject[], node?: string): Any[] =>
  objects.filter((o: Any) => o.kind === 'PersistentVolume' && (node === undefined || JSON.stringify(o.spec.nodeAffinity).includes(`"${node}"`)));

export const SABOTAGE: readonly Sabotage[] = [
  // Identity: the name a node runs under.
  {
    id: 'basename',
    what: `RELEASE_NODE of ${A} is x@$(ERLANG_HOST_NAME)`,
    mutate: (o) => setEnv(o, A, 'RELEASE_NODE', 'x@$(ERLANG_HOST_NAME)'),
    check: 'identity',
    because: /would run as 'x@erlang-docker-a-sfs-\d\..*', expected 'erlang-docker-a@/,
  },
  {
    id: 'envorder',
    what: 'POD_NAME after ERLANG_HOST_NAME',
    mutate: (o) => {
      const env = container(o, A).env as Any[];
      const pod = env.splice(
        env.findIndex((e) => e.name === 'POD_NAME'),
        1,
      )[0];
      env.splice(env.findIndex((e) => e.name === 'ERLANG_HOST_NAME') + 1, 0, pod);
    },
    check: 'identity',
    because: /literal \$\(POD_NAME\): ERLANG_HOST_NAME refers to \$\(POD_NAME\), which is defined later/,
  },
  {
    id: 'hostdomain',
    what: 'ERLANG_HOST_NAME in cluster domain cluster.test',
    mutate: (o) => setEnv(o, A, 'ERLANG_HOST_NAME', '$(POD_NAME).erlang-docker-a-hl.$(NAMESPACE).svc.cluster.test'),
    check: 'identity',
    because: /svc\.cluster\.test', expected '.*svc\.cluster\.local'/,
  },
  {
    id: 'sname',
    what: 'RELEASE_DISTRIBUTION sname',
    mutate: (o) => setEnv(o, B, 'RELEASE_DISTRIBUTION', 'sname'),
    check: 'identity',
    because: /RELEASE_DISTRIBUTION is sname/,
  },
  {
    id: 'relxcookie',
    what: 'RELX_COOKIE not $(RELEASE_COOKIE)',
    mutate: (o) => setEnv(o, B, 'RELX_COOKIE', 'another-cookie'),
    check: 'identity',
    because: /RELX_COOKIE differs from RELEASE_COOKIE/,
  },
  // The kubelet: Secrets as the user created them.
  {
    id: 'secretname',
    what: 'cookie secretKeyRef names Secret erlang-cookie',
    mutate: (o) => {
      container(o, A).env.find((e: Any) => e.name === 'RELEASE_COOKIE').valueFrom.secretKeyRef.name = 'erlang-cookie';
    },
    check: 'kubelet',
    because: /needs Secret default\/erlang-cookie key cookie, which the user did not create; .*CreateContainerConfigError/,
  },
  {
    id: 'secretkey',
    what: 'cookie secretKeyRef key erlang-cookie',
    mutate: (o) => {
      container(o, B).env.find((e: Any) => e.name === 'RELEASE_COOKIE').valueFrom.secretKeyRef.key = 'erlang-cookie';
    },
    check: 'kubelet',
    because: /needs Secret default\/erlang-docker-cookie key erlang-cookie, which the user did not create/,
  },
  // The apiserver: what its own validation refuses, or warns about although it cannot work.
  {
    id: 'envboth',
    what: 'cookie env with a value beside its secretKeyRef',
    mutate: (o) => {
      container(o, A).env.find((e: Any) => e.name === 'RELEASE_COOKIE').value = 'cookie';
    },
    check: 'apiserver',
    because: /env RELEASE_COOKIE has a value and a valueFrom: the apiserver refuses it/,
  },
  {
    id: 'dotkey',
    what: "cookie secretKeyRef key '..cookie'",
    mutate: (o) => {
      container(o, B).env.find((e: Any) => e.name === 'RELEASE_COOKIE').valueFrom.secretKeyRef.key = '..cookie';
    },
    check: 'apiserver',
    because: /env RELEASE_COOKIE reads key '\.\.cookie', which must not start with '\.\.'/,
  },
  {
    id: 'memfrac',
    what: "memory request and limit '512m'",
    mutate: (o) => {
      container(o, A).resources.requests.memory = '512m';
      container(o, A).resources.limits.memory = '512m';
    },
    check: 'apiserver',
    because: /(requests|limits)\.memory 512m is a fraction of a byte/,
  },
  // Discovery: what libcluster's DNSSRV would find.
  {
    id: 'discobase',
    what: 'ERLANG_NODE_BASENAME erlang-docker',
    mutate: (o) => setEnv(o, A, 'ERLANG_NODE_BASENAME', 'erlang-docker'),
    check: 'discovery',
    because: /yields \[erlang-docker@.*\], expected \[erlang-docker-a@/,
  },
  {
    id: 'discosvc',
    what: 'ERLANG_CLUSTER_SERVICE the load-balanced Service',
    mutate: (o) => setEnv(o, A, 'ERLANG_CLUSTER_SERVICE', 'erlang-docker-a-svc'),
    check: 'discovery',
    because: /SRV erlang-docker-a-svc\.default\.svc\.cluster\.local yields \[\]/,
  },
  {
    id: 'discodomain',
    what: 'ERLANG_CLUSTER_DOMAIN cluster.test',
    mutate: (o) => setEnv(o, B, 'ERLANG_CLUSTER_DOMAIN', 'cluster.test'),
    check: 'discovery',
    because: /SRV erlang-docker-b-hl\.default\.svc\.cluster\.test yields \[\]/,
  },
  // Cluster DNS.
  {
    id: 'nothdls',
    what: 'a-hl is not headless',
    mutate: (o) => {
      delete service(o, 'erlang-docker-a-hl').spec.clusterIP;
    },
    check: 'dns',
    because: /resolves to \[\].*is not headless/,
  },
  {
    id: 'notready',
    what: 'b-hl without publishNotReadyAddresses',
    mutate: (o) => {
      delete service(o, 'erlang-docker-b-hl').spec.publishNotReadyAddresses;
    },
    check: 'dns',
    because: /resolves to \[\].*not Ready and Service default\/erlang-docker-b-hl does not set publishNotReadyAddresses/,
  },
  {
    id: 'hlselector',
    what: 'a-hl selects app=erlang-docker',
    mutate: (o) => {
      service(o, 'erlang-docker-a-hl').spec.selector = { app: 'erlang-docker' };
    },
    check: 'dns',
    because: /resolves to \[\].*does not select the pod/,
  },
  {
    id: 'servicename',
    what: `${A} serviceName erlang-docker-a`,
    mutate: (o) => {
      sts(o, A).spec.serviceName = 'erlang-docker-a';
    },
    check: 'dns',
    because: /resolves to \[\].*erlang-docker-a \(the StatefulSet's serviceName\) does not exist/,
  },
  // Ports.
  {
    id: 'nopin',
    what: `${A} without ERL_AFLAGS`,
    mutate: (o) => setEnv(o, A, 'ERL_AFLAGS', undefined),
    check: 'ports',
    because: /pins dist port none, the user declared 9100/,
  },
  {
    id: 'wrongpin',
    what: 'ERL_AFLAGS pins 9101',
    mutate: (o) => setEnv(o, B, 'ERL_AFLAGS', distPortFlags(9101)),
    check: 'ports',
    because: /pins dist port 9101, the user declared 9100/,
  },
  {
    id: 'svcdist',
    what: 'a-hl without the dist port',
    mutate: (o) => {
      const s = service(o, 'erlang-docker-a-hl').spec;
      s.ports = s.ports.filter((p: Any) => p.name !== 'dist');
    },
    check: 'ports',
    because: /governing Service erlang-docker-a-hl does not expose port 9100/,
  },
  {
    id: 'containerport',
    what: 'container port dist 9200',
    mutate: (o) => {
      (container(o, B).ports as Any[]).find((p) => p.name === 'dist').containerPort = 9200;
    },
    check: 'ports',
    because: /does not (declare|expose) port 9100/,
  },
  // NetworkPolicy.
  {
    id: 'nopolicy',
    what: `no NetworkPolicy for ${A}`,
    mutate: (o) => {
      o.splice(o.indexOf(policy(o, A)), 1);
    },
    check: 'network-policy',
    because: /intruder .* → erlang-docker-a-sfs-\d:(4369|9100) is allowed \(no policy selects it/,
  },
  {
    id: 'policyopen',
    what: 'dist and epmd open to every source',
    mutate: (o) => {
      delete policy(o, B).spec.ingress[0].from;
    },
    check: 'network-policy',
    because: /intruder .* → erlang-docker-b-sfs-\d:(4369|9100) is allowed \(.*ingress\[0\]/,
  },
  {
    id: 'policyselector',
    what: 'policy selects app=other',
    mutate: (o) => {
      policy(o, A).spec.podSelector = { matchLabels: { app: 'other' } };
    },
    check: 'network-policy',
    because: /intruder .* → erlang-docker-a-sfs-\d:(4369|9100) is allowed \(no policy selects it/,
  },
  {
    id: 'policypeer',
    what: 'a admits only a',
    mutate: (o) => {
      const from = policy(o, A).spec.ingress[0].from;
      from.splice(1, 1);
    },
    check: 'network-policy',
    because: /peer erlang-docker-b-sfs-\d → erlang-docker-a-sfs-\d:(4369|9100) is dropped/,
  },
  {
    id: 'policyepmd',
    what: 'policy without epmd 4369',
    mutate: (o) => {
      const r = policy(o, B).spec.ingress[0];
      r.ports = r.ports.filter((p: Any) => p.port !== 4369);
    },
    check: 'network-policy',
    because: /peer .* → erlang-docker-b-sfs-\d:4369 is dropped/,
  },
  {
    id: 'policyapp',
    what: 'app ports closed',
    mutate: (o) => {
      policy(o, A).spec.ingress.splice(1, 1);
    },
    check: 'network-policy',
    because: /app port erlang-docker-a-sfs-\d:(8080|9090) is closed/,
  },
  {
    id: 'policyns',
    what: 'peer selectors across all namespaces',
    mutate: (o) => {
      for (const p of policy(o, A).spec.ingress[0].from) p.namespaceSelector = {};
    },
    check: 'network-policy',
    because: /intruder e2e-elsewhere\/intruder-copy-\d → erlang-docker-a-sfs-\d:(4369|9100) is allowed/,
  },
  // kube-proxy: the user's Services.
  {
    id: 'nodeport',
    what: 'a-svc node port 30081',
    mutate: (o) => {
      service(o, 'erlang-docker-a-svc').spec.ports[0].nodePort = 30081;
    },
    check: 'nodeport',
    because: /no port of default\/erlang-docker-a-svc is reachable on node port 30080/,
  },
  {
    id: 'npselector',
    what: 'a-svc selects the b pods',
    mutate: (o) => {
      service(o, 'erlang-docker-a-svc').spec.selector = { app: 'erlang-docker-b' };
    },
    check: 'nodeport',
    because: /node port 30080 leads to \[.*\], not to erlang-docker-a-sfs's/,
  },
  {
    id: 'bexposed',
    what: 'b-svc of type NodePort',
    mutate: (o) => {
      const s = service(o, 'erlang-docker-b-svc').spec;
      s.type = 'NodePort';
      s.ports[0].nodePort = 30085;
    },
    check: 'cluster-ip',
    because: /default\/erlang-docker-b-svc is reachable from outside on node port 30085/,
  },
  {
    id: 'btarget',
    what: 'b-svc targetPort 8081',
    mutate: (o) => {
      service(o, 'erlang-docker-b-svc').spec.ports[0].targetPort = 8081;
    },
    check: 'cluster-ip',
    because: /erlang-docker-b-svc:8080 leads to \[.*:8081.*\], not to/,
  },
  // The pod template.
  {
    id: 'probepath',
    what: 'readiness probe GET /health',
    mutate: (o) => {
      container(o, A).readinessProbe.httpGet.path = '/health';
    },
    check: 'probes',
    because: /the readiness probe .*"\/health".* cannot succeed: GET \/health on port 8080 is not answered with 2xx\/3xx/,
  },
  {
    id: 'probeport',
    what: 'liveness probe on port ws',
    mutate: (o) => {
      container(o, B).livenessProbe.httpGet.port = 'ws';
    },
    check: 'probes',
    because: /the liveness probe .*"ws".* cannot succeed: port 9090 serves no HTTP/,
  },
  {
    id: 'probehttps',
    what: 'readiness probe scheme HTTPS on the plain-HTTP port',
    mutate: (o) => {
      container(o, A).readinessProbe.httpGet.scheme = 'HTTPS';
    },
    check: 'probes',
    because: /the readiness probe .* cannot succeed: it speaks HTTPS to port 8080, which serves plain HTTP/,
  },
  {
    id: 'probehost',
    what: 'readiness probe host 127.0.0.1',
    mutate: (o) => {
      container(o, B).readinessProbe.httpGet.host = '127.0.0.1';
    },
    check: 'probes',
    because: /the readiness probe .* cannot succeed: it connects to 127\.0\.0\.1, not to the pod .*the node's own loopback/,
  },
  {
    id: 'probehostname',
    what: 'startup probe host erlang-docker-a-svc with a Host header',
    mutate: (o) => {
      Object.assign(container(o, A).startupProbe.httpGet, { host: 'erlang-docker-a-svc', httpHeaders: [{ name: 'Host', value: 'erlang-docker-a-svc' }] });
    },
    check: 'probes',
    because: /the startup probe .* cannot succeed: it connects to erlang-docker-a-svc, not to the pod .*a name the node cannot resolve/,
  },
  {
    id: 'probeexec',
    what: 'liveness probe exec bin/erlang_docker health',
    mutate: (o) => {
      container(o, B).livenessProbe = { exec: { command: ['bin/erlang_docker', 'health'] }, periodSeconds: 30 };
    },
    check: 'probes',
    because: /the liveness probe .* cannot succeed: bin\/erlang_docker health exits non-zero on a running node/,
  },
  {
    id: 'probeexecpath',
    what: 'liveness probe exec /bin/erlang_docker ping',
    mutate: (o) => {
      container(o, A).livenessProbe = { exec: { command: ['/bin/erlang_docker', 'ping'] }, periodSeconds: 30 };
    },
    check: 'probes',
    because: /the liveness probe .* cannot succeed: \/bin\/erlang_docker does not exist in the image/,
  },
  // The kubelet: DNS, mounts, termination.
  {
    id: 'dnsdefault',
    what: `${B} dnsPolicy Default`,
    mutate: (o) => {
      sts(o, B).spec.template.spec.dnsPolicy = 'Default';
    },
    check: 'dns',
    because:
      /erlang-docker-b-sfs-\d: dnsPolicy Default gives the pod the node resolver: its nameservers \[10\.0\.0\.2\] do not include the cluster DNS 10\.96\.0\.10, so cluster names do not resolve; its peers do not resolve/,
  },
  {
    id: 'dnsnone',
    what: `${A} dnsPolicy None, dnsConfig with the cluster DNS but no search path`,
    mutate: (o) => {
      Object.assign(sts(o, A).spec.template.spec, { dnsPolicy: 'None', dnsConfig: { nameservers: ['10.96.0.10'], options: [{ name: 'ndots', value: '5' }] } });
    },
    check: 'dns',
    because: /erlang-docker-a-sfs-\d: the search path \[\] lacks default\.svc\.cluster\.local, so the app's short Service names do not resolve/,
  },
  {
    id: 'mnesiaro',
    what: 'the data claim mounted readOnly',
    mutate: (o) => {
      container(o, A).volumeMounts[0].readOnly = true;
    },
    check: 'mnesia',
    because: /the claim at \/mnt\/erlang-docker-a-volume is mounted readOnly: mnesia cannot write/,
  },
  {
    id: 'grace0',
    what: `${A} terminationGracePeriodSeconds 0`,
    mutate: (o) => {
      sts(o, A).spec.template.spec.terminationGracePeriodSeconds = 0;
    },
    check: 'termination',
    because: /terminationGracePeriodSeconds 0 leaves the node 2 s from deletion to SIGKILL; a clean stop needs 10 s/,
  },
  {
    id: 'graceshort',
    what: `${B} terminationGracePeriodSeconds 5`,
    mutate: (o) => {
      sts(o, B).spec.template.spec.terminationGracePeriodSeconds = 5;
    },
    check: 'termination',
    because: /terminationGracePeriodSeconds 5 leaves the node 5 s from deletion to SIGKILL/,
  },
  {
    id: 'ordered',
    what: `${B} OrderedReady`,
    mutate: (o) => {
      sts(o, B).spec.podManagementPolicy = 'OrderedReady';
    },
    check: 'ordered',
    because: /podManagementPolicy OrderedReady: after a full outage pod 0 waits/,
  },
  {
    id: 'volume',
    what: 'claim mounted at /data',
    mutate: (o) => {
      container(o, A).volumeMounts[0].mountPath = '/data';
    },
    check: 'mnesia',
    because: /no volume claim is mounted at \/mnt\/erlang-docker-a-volume/,
  },
  // Scheduling and volume binding (e2e/scheduler.ts), on the reference system's nodes.
  {
    id: 'claimsize',
    what: `${A}'s claims ask 2Gi, the volumes hold 1Gi`,
    mutate: (o) => {
      sts(o, A).spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi';
    },
    check: 'scheduling',
    because: unscheduled('erlang-docker-a-sfs-\\d', `${CONTROL_PLANE}, 3 ${NO_VOLUME}\\.`),
  },
  {
    id: 'pvnode',
    what: "worker1's volumes pinned to worker4, a node that does not exist",
    mutate: (o) => volumes(o, 'worker1').forEach((v) => (v.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values = ['worker4'])),
    check: 'scheduling',
    because: unscheduled('erlang-docker-b-sfs-[12]', `${CONTROL_PLANE}, 3 ${NO_VOLUME}\\.`),
  },
  {
    id: 'accessmode',
    what: 'the volumes offer ReadWriteOnce, the claims ask ReadWriteOncePod',
    mutate: (o) => volumes(o).forEach((v) => (v.spec.accessModes = ['ReadWriteOnce'])),
    check: 'scheduling',
    because: unscheduled('erlang-docker-[ab]-sfs-\\d', `${CONTROL_PLANE}, 3 ${NO_VOLUME}\\.`),
  },
  {
    id: 'claimclass',
    what: `${B}'s claims name no StorageClass (the cluster has no default)`,
    mutate: (o) => {
      delete sts(o, B).spec.volumeClaimTemplates[0].spec.storageClassName;
    },
    check: 'scheduling',
    because: unscheduled(
      'erlang-docker-b-sfs-\\d',
      esc('pod has unbound immediate PersistentVolumeClaims.'),
      'no persistent volumes available for this claim and no storage class is set',
    ),
  },
  {
    id: 'hardspread',
    what: `${A}: 4 replicas, spread over kubernetes.io/hostname with DoNotSchedule`,
    mutate: (o) => {
      const s = sts(o, A).spec;
      s.replicas = 4;
      s.template.spec.topologySpreadConstraints.find((c: Any) => c.topologyKey === 'kubernetes.io/hostname').whenUnsatisfiable = 'DoNotSchedule';
    },
    check: 'scheduling',
    because: unscheduled('erlang-docker-a-sfs-3', `${CONTROL_PLANE}, 3 ${esc("node(s) didn't match pod topology spread constraints")}\\.`),
  },
];

/** One row's verdict. */
export interface SabotageVerdict {
  readonly sabotage: Sabotage;
  readonly caught: boolean;
  readonly line: string;
}

/**
 * Runs the table against `objects` (the seed's). The first verdict is the
 * baseline: the unbroken objects must pass every judgment, or the table
 * proves nothing.
 */
export function runSabotage(objects: readonly KubeObject[]): SabotageVerdict[] {
  const failing = staticChecks(seedInput(cloneObjects(objects)), SEED_DECLARATION).filter((c) => !c.ok);
  const baseline: SabotageVerdict = {
    sabotage: { id: 'baseline', what: 'dist/ as committed passes every judgment', mutate: () => undefined, check: 'identity', because: /^$/ },
    caught: failing.length === 0,
    line: failing.map((c) => `${c.name}: ${c.problems[0]}`).join('; '),
  };
  return [
    baseline,
    ...SABOTAGE.map((s) => {
      const copy = cloneObjects(objects);
      s.mutate(copy);
      const checks = staticChecks(seedInput(copy), SEED_DECLARATION);
      const verdict = judgeExpectedFailures(checks, [{ check: s.check, because: s.because }]);
      return { sabotage: s, caught: verdict.ok, line: verdict.lines[0] };
    }),
  ];
}
