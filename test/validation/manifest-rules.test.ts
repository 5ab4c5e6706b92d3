/**
 * Every cross-object rule, one by one: manifests that must trip it (and only
 * it, on the object it names) and a near miss, as close as can be, that must
 * not. A rule in MANIFEST_RULES without cases here fails the suite, so no rule
 * can be added, or switched off, untested.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkManifests, KubeObject, MANIFEST_RULES } from '../../lib/validation/manifests';
import {
  certificate,
  cluster,
  container,
  deployment,
  DNS,
  egressPolicy,
  MESH_PORTS,
  NAME_LABEL,
  NS,
  obj,
  PIN,
  podMonitor,
  policy,
  STS,
  setEnv,
  tlsCluster,
} from '../fixtures/manifests';
import { APISERVER_OBJECT_CASES } from '../fixtures/apiserver-object-cases';

const service = (name: string, spec: any, namespace = NS) => obj('Service', name, { spec }, 'v1', namespace);

const pdb = (selector: any) => obj('PodDisruptionBudget', 'pdb', { spec: { maxUnavailable: 1, selector } }, 'policy/v1');

const role = (name: string, verbs: string[], namespace = NS, resources = ['pods']) =>
  obj('Role', name, { rules: [{ apiGroups: [''], resources, verbs }] }, 'rbac.authorization.k8s.io/v1', namespace);

const roleBinding = (roleName: string) =>
  obj(
    'RoleBinding',
    'disco',
    {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName },
      subjects: [{ kind: 'ServiceAccount', name: 'disco', namespace: NS }],
    },
    'rbac.authorization.k8s.io/v1',
  );

const nodePortService = (name: string, ...nodePorts: number[]) =>
  service(name, {
    type: 'NodePort',
    selector: { app: 'app' },
    ports: nodePorts.map((nodePort, i) => ({ name: `p${i}`, port: 80 + i, targetPort: 9100, nodePort })),
  });

/** The cluster with env `entries` after ERL_AFLAGS. */
const withEnv = (...entries: any[]) => cluster((sts) => setEnv(sts, [{ name: 'ERL_AFLAGS', value: PIN }, ...entries]));

/** The cluster with pod `volumes` (none mounted). */
const withVolumes = (...volumes: any[]) =>
  cluster((sts) => {
    sts.spec.template.spec.volumes = volumes;
  });
/** The cluster with node-container `resources`. */
const withResources = (resources: any) =>
  cluster((sts) => {
    container(sts).resources = resources;
  });
/** The cluster with pod `tolerations`. */
const withTolerations = (...tolerations: any[]) =>
  cluster((sts) => {
    sts.spec.template.spec.tolerations = tolerations;
  });
/** The cluster with these probes on the node container. */
const withProbes = (probes: any) => cluster((sts) => Object.assign(container(sts), probes));

const TCP = { tcpSocket: { port: 9100 } };

const REFUSED = 'the apiserver refuses it';

const FRACTIONAL = 'the apiserver refuses a request above its limit and only warns about fractional bytes, which cannot work';

/** Manifests that must trip the rule: the violations (`object: message`) it must report, and no other. */
interface Trip {
  readonly why: string;
  readonly objects: KubeObject[];
  readonly violations: readonly string[];
}

/** A near miss: manifests close to a trip that the rule must pass. */
interface NearMiss {
  readonly why: string;
  readonly objects: KubeObject[];
}

const CASES: Record<string, { trips: Trip[]; nearMisses: NearMiss[] }> = {
  'unique-names': {
    trips: [
      {
        why: 'two Services of one name',
        objects: cluster(undefined, service('app-hl', { clusterIP: 'None', selector: { app: 'app' } })),
        violations: ['Service/prod/app-hl: is defined twice'],
      },
    ],
    nearMisses: [
      { why: 'the same name in another kind', objects: cluster(undefined, obj('ServiceAccount', 'app-hl', {})) },
      {
        why: 'the same name in another namespace',
        objects: cluster(undefined, obj('ServiceAccount', 'app-hl', {}, 'v1', 'dev'), obj('ServiceAccount', 'app-hl', {})),
      },
    ],
  },
  'statefulset-name-length': {
    trips: [
      {
        why: '53 characters',
        objects: cluster((sts) => {
          sts.metadata.name = 'a'.repeat(53);
        }),
        violations: [`StatefulSet/prod/${'a'.repeat(53)}: name is 53 chars; over 52 breaks the pods' controller-revision-hash label`],
      },
    ],
    nearMisses: [
      {
        why: '52 characters',
        objects: cluster((sts) => {
          sts.metadata.name = 'a'.repeat(52);
        }),
      },
    ],
  },
  'selector-matches-pods': {
    trips: [
      {
        why: 'a Service selecting another app',
        objects: cluster(undefined, service('web', { selector: { app: 'other' }, ports: [{ port: 80 }] })),
        violations: ['Service/prod/web: selector {"app":"other"} matches no pod template in namespace prod'],
      },
      {
        why: 'a Service selecting pods of another namespace',
        objects: cluster(undefined, service('web', { selector: { app: 'app' }, ports: [{ port: 80 }] }, 'dev')),
        violations: ['Service/dev/web: selector {"app":"app"} matches no pod template in namespace dev'],
      },
      {
        why: 'a Service with an empty selector',
        objects: cluster(undefined, service('web', { selector: {}, ports: [{ port: 80 }] })),
        violations: ['Service/prod/web: selector {} matches no pod template in namespace prod'],
      },
      {
        why: 'a PDB: In without the value',
        objects: cluster(undefined, pdb({ matchExpressions: [{ key: 'app', operator: 'In', values: ['other'] }] })),
        violations: ['PodDisruptionBudget/prod/pdb: selector {"matchExpressions":[{"key":"app","operator":"In","values":["other"]}]} matches no pod template'],
      },
      {
        why: 'a PDB: NotIn with the value',
        objects: cluster(undefined, pdb({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['app'] }] })),
        violations: ['PodDisruptionBudget/prod/pdb: selector {"matchExpressions":[{"key":"app","operator":"NotIn","values":["app"]}]} matches no pod template'],
      },
      {
        why: 'a PDB: Exists on a missing key',
        objects: cluster(undefined, pdb({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] })),
        violations: ['PodDisruptionBudget/prod/pdb: selector {"matchExpressions":[{"key":"tier","operator":"Exists"}]} matches no pod template'],
      },
      {
        why: 'a PDB: DoesNotExist on a present key',
        objects: cluster(undefined, pdb({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] })),
        violations: ['PodDisruptionBudget/prod/pdb: selector {"matchExpressions":[{"key":"app","operator":"DoesNotExist"}]} matches no pod template'],
      },
      {
        why: 'a PDB: an unknown operator',
        objects: cluster(undefined, pdb({ matchExpressions: [{ key: 'app', operator: 'Equals', values: ['app'] }] })),
        violations: [
          'PodDisruptionBudget/prod/pdb: selector {"matchExpressions":[{"key":"app","operator":"Equals","values":["app"]}]} matches no pod template',
          `pdb-spec-valid PodDisruptionBudget/prod/pdb: spec.selector.matchExpressions[0].operator "Equals": must be one of 'In', 'NotIn', 'Exists', 'DoesNotExist'; ${REFUSED}`,
        ],
      },
      {
        why: 'a PDB: matchLabels hold, an expression does not',
        objects: cluster(undefined, pdb({ matchLabels: { app: 'app' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] })),
        violations: [
          'PodDisruptionBudget/prod/pdb: selector {"matchLabels":{"app":"app"},"matchExpressions":[{"key":"tier","operator":"Exists"}]} matches no pod template',
        ],
      },
      {
        why: "a NetworkPolicy's podSelector selecting no pods",
        objects: cluster(undefined, policy({ podSelector: { matchLabels: { app: 'other' } }, policyTypes: ['Ingress'] })),
        violations: ['NetworkPolicy/prod/np: podSelector {"matchLabels":{"app":"other"}} matches no pod template'],
      },
      {
        why: 'a PodMonitor with an empty selector (selects nothing there)',
        objects: cluster(undefined, podMonitor({ selector: {}, podMetricsEndpoints: [] })),
        violations: ['PodMonitor/prod/pm: selector {} matches no pod template in namespace prod'],
      },
      {
        why: "a StatefulSet's selector that misses its own template",
        objects: cluster((sts) => {
          sts.spec.selector = { matchLabels: { app: 'app', tier: 'db' } };
        }),
        violations: [`${STS}: selector {"matchLabels":{"app":"app","tier":"db"}} does not match its pod template labels {"app":"app"}`],
      },
      {
        why: 'a StatefulSet with an empty selector',
        objects: cluster((sts) => {
          sts.spec.selector = {};
        }),
        violations: [`${STS}: selector {} does not match its pod template labels {"app":"app"}`],
      },
    ],
    nearMisses: [
      {
        why: 'a Service selecting a subset of the labels',
        objects: cluster(
          (sts) => {
            sts.spec.template.metadata.labels.tier = 'db';
          },
          service('web', { selector: { tier: 'db' }, ports: [{ port: 80 }] }),
        ),
      },
      { why: 'a PDB: In with the value', objects: cluster(undefined, pdb({ matchExpressions: [{ key: 'app', operator: 'In', values: ['other', 'app'] }] })) },
      { why: 'a PDB: NotIn on a missing key', objects: cluster(undefined, pdb({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] })) },
      { why: 'a PDB: NotIn without the value', objects: cluster(undefined, pdb({ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['other'] }] })) },
      { why: 'a PDB: Exists on a present key', objects: cluster(undefined, pdb({ matchExpressions: [{ key: 'app', operator: 'Exists' }] })) },
      { why: 'a PDB: DoesNotExist on a missing key', objects: cluster(undefined, pdb({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] })) },
      { why: 'a PDB: empty selector (all pods)', objects: cluster(undefined, pdb({})) },
      { why: "a NetworkPolicy's empty podSelector (all pods)", objects: cluster(undefined, policy({ podSelector: {}, policyTypes: ['Ingress'] })) },
      {
        why: "a NetworkPolicy's podSelector by expression",
        objects: cluster(undefined, policy({ podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['app'] }] }, policyTypes: ['Ingress'] })),
      },
      {
        why: 'a PodMonitor selecting the pods',
        objects: cluster(undefined, podMonitor({ selector: { matchLabels: { app: 'app' } }, podMetricsEndpoints: [] })),
      },
      {
        why: "a StatefulSet's selector by expression",
        objects: cluster((sts) => {
          sts.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: ['app'] }] };
        }),
      },
    ],
  },
  'selector-overlap': {
    trips: [
      {
        why: "a Deployment whose pods carry the cluster's labels",
        objects: cluster(undefined, deployment('side', { app: 'app', role: 'side' })),
        violations: [`${STS}: selector {"matchLabels":{"app":"app"}} also selects the pods of Deployment/prod/side; the controllers would fight over them`],
      },
    ],
    nearMisses: [
      { why: 'the same Deployment in another namespace', objects: cluster(undefined, deployment('side', { app: 'app', role: 'side' }, 'dev')) },
      { why: 'a Deployment with another app label', objects: cluster(undefined, deployment('side', { app: 'side' })) },
    ],
  },
  'service-target-port-exists': {
    trips: [
      {
        why: 'a named targetPort the pods lack',
        objects: cluster(undefined, service('web', { selector: { app: 'app' }, ports: [{ port: 80, targetPort: 'http' }] })),
        violations: ['Service/prod/web: targetPort http is not a container port name of StatefulSet/prod/app; the Service gets no endpoints there'],
      },
    ],
    nearMisses: [
      {
        why: 'a named targetPort the pods declare',
        objects: cluster(undefined, service('web', { selector: { app: 'app' }, ports: [{ port: 80, targetPort: 'dist' }] })),
      },
      { why: 'a numeric targetPort', objects: cluster(undefined, service('web', { selector: { app: 'app' }, ports: [{ port: 80, targetPort: 8080 }] })) },
    ],
  },
  'node-port-range': {
    trips: [
      {
        why: 'one below the range',
        objects: cluster(undefined, nodePortService('web', 29999)),
        violations: ['Service/prod/web: nodePort 29999 is outside 30000-32767'],
      },
      {
        why: 'one above the range',
        objects: cluster(undefined, nodePortService('web', 32768)),
        violations: ['Service/prod/web: nodePort 32768 is outside 30000-32767'],
      },
    ],
    nearMisses: [{ why: 'both ends of the range', objects: cluster(undefined, nodePortService('web', 30000, 32767)) }],
  },
  'node-port-unique': {
    trips: [
      {
        why: 'two Services on one node port',
        objects: cluster(undefined, nodePortService('web', 30001), nodePortService('web2', 30001)),
        violations: ['Service/prod/web2: nodePort 30001 is also used by Service/prod/web'],
      },
    ],
    nearMisses: [{ why: 'neighbouring node ports', objects: cluster(undefined, nodePortService('web', 30001), nodePortService('web2', 30002)) }],
  },
  'governing-service-exists': {
    trips: [
      {
        why: 'serviceName names no Service',
        objects: cluster((sts) => {
          sts.spec.serviceName = 'missing';
        }),
        violations: [`${STS}: serviceName missing names no Service in namespace prod; pods get no DNS names`],
      },
    ],
    nearMisses: [
      {
        why: 'serviceName names a Service',
        objects: cluster((sts) => {
          sts.spec.serviceName = 'app-hl';
        }),
      },
    ],
  },
  'governing-service-headless': {
    trips: [
      {
        why: 'a ClusterIP governing Service',
        objects: cluster((_sts, svc) => {
          svc.spec.clusterIP = '10.0.0.10';
        }),
        violations: [`${STS}: governing Service app-hl is not headless (clusterIP: None); pods get no per-pod DNS names`],
      },
    ],
    nearMisses: [
      {
        why: 'clusterIP: None',
        objects: cluster((_sts, svc) => {
          svc.spec.clusterIP = 'None';
        }),
      },
    ],
  },
  'governing-service-selects-pods': {
    trips: [
      {
        why: 'the governing Service selects only another workload',
        objects: cluster(
          (_sts, svc) => {
            svc.spec.selector = { tier: 'db' };
          },
          deployment('db', { tier: 'db' }),
        ),
        violations: [`${STS}: governing Service app-hl does not select this StatefulSet's pods`],
      },
    ],
    nearMisses: [
      {
        why: 'the governing Service selects by another label of the pods',
        objects: cluster((sts, svc) => {
          sts.spec.template.metadata.labels.tier = 'db';
          svc.spec.selector = { tier: 'db' };
        }),
      },
    ],
  },
  'governing-service-publishes-not-ready': {
    trips: [
      {
        why: 'publishNotReadyAddresses: false',
        objects: cluster((_sts, svc) => {
          svc.spec.publishNotReadyAddresses = false;
        }),
        violations: [`${STS}: governing Service app-hl lacks publishNotReadyAddresses: true; peers cannot resolve each other before Ready`],
      },
    ],
    nearMisses: [{ why: 'publishNotReadyAddresses: true', objects: cluster() }],
  },
  'service-account-exists': {
    trips: [
      {
        why: 'no such ServiceAccount',
        objects: cluster((sts) => {
          sts.spec.template.spec.serviceAccountName = 'disco';
        }),
        violations: [`${STS}: pods use ServiceAccount disco, which is not defined`],
      },
      {
        why: 'the ServiceAccount in another namespace',
        objects: cluster(
          (sts) => {
            sts.spec.template.spec.serviceAccountName = 'disco';
          },
          obj('ServiceAccount', 'disco', {}, 'v1', 'dev'),
        ),
        violations: [`${STS}: pods use ServiceAccount disco, which is not defined`],
      },
    ],
    nearMisses: [
      {
        why: 'the ServiceAccount in the namespace',
        objects: cluster(
          (sts) => {
            sts.spec.template.spec.serviceAccountName = 'disco';
          },
          obj('ServiceAccount', 'disco', {}),
        ),
      },
    ],
  },
  'dist-port-declared': {
    trips: [
      {
        why: 'the pinned port is not a container port',
        objects: cluster((sts) => {
          container(sts).ports = [{ name: 'epmd', containerPort: 4369 }];
        }),
        violations: [`${STS}: container node listens for distribution on 9100 but does not declare that port`],
      },
    ],
    nearMisses: [
      {
        why: 'the pinned port under another name',
        objects: cluster((sts) => {
          container(sts).ports[1].name = 'erlang';
        }),
      },
    ],
  },
  'dist-port-on-headless-service': {
    trips: [
      {
        why: 'the Service forwards another port',
        objects: cluster((_sts, svc) => {
          svc.spec.ports[1] = { name: 'dist', port: 9101, targetPort: 9100 };
        }),
        violations: [`${STS}: headless Service app-hl does not expose the distribution port 9100`],
      },
    ],
    nearMisses: [
      {
        why: 'the Service forwards the port by name',
        objects: cluster((_sts, svc) => {
          svc.spec.ports[1] = { name: 'dist', port: 9100, targetPort: 'dist' };
        }),
      },
    ],
  },
  'epmd-port-on-headless-service': {
    trips: [
      {
        why: 'no epmd on the Service',
        objects: cluster((_sts, svc) => {
          svc.spec.ports = [svc.spec.ports[1]];
        }),
        violations: [`${STS}: headless Service app-hl does not expose epmd (4369)`],
      },
    ],
    nearMisses: [
      {
        why: 'no epmd on the Service, epmd-less (ERL_DIST_PORT)',
        objects: cluster((sts, svc) => {
          setEnv(sts, [{ name: 'ERL_DIST_PORT', value: '9100' }]);
          svc.spec.ports = [svc.spec.ports[1]];
        }),
      },
    ],
  },
  'host-name-governing-service': {
    trips: [
      {
        why: 'a host name under another Service',
        objects: cluster((sts) => {
          container(sts).env.push({ name: 'ERLANG_HOST_NAME', value: 'app-0.other.prod.svc.cluster.local' });
        }),
        violations: [
          `${STS}: container node: ERLANG_HOST_NAME app-0.other.prod.svc.cluster.local is under Service other, but the governing Service is app-hl; only that one gives the pods DNS names`,
        ],
      },
    ],
    nearMisses: [
      {
        why: 'a host name under the governing Service',
        objects: cluster((sts) => {
          container(sts).env.push({ name: 'ERLANG_HOST_NAME', value: 'app-0.app-hl.prod.svc.cluster.local' });
        }),
      },
    ],
  },
  'node-basename-matches-discovery': {
    trips: [
      {
        why: 'RELEASE_NODE with another basename',
        objects: cluster((sts) => {
          container(sts).env.push({ name: 'ERLANG_NODE_BASENAME', value: 'app' }, { name: 'RELEASE_NODE', value: 'web@app-0' });
        }),
        violations: [
          `${STS}: container node: RELEASE_NODE web@app-0 has basename web, but discovery (ERLANG_NODE_BASENAME) looks for app; peers would never connect`,
        ],
      },
    ],
    nearMisses: [
      {
        why: 'RELEASE_NODE with the basename',
        objects: cluster((sts) => {
          container(sts).env.push({ name: 'ERLANG_NODE_BASENAME', value: 'app' }, { name: 'RELEASE_NODE', value: 'app@app-0' });
        }),
      },
    ],
  },
  'no-literal-cookie': {
    trips: [
      {
        why: 'RELEASE_COOKIE as a literal',
        objects: cluster((sts) => {
          container(sts).env.push({ name: 'RELEASE_COOKIE', value: 'secret' });
        }),
        violations: [`${STS}: container node: RELEASE_COOKIE is a literal; take the cookie from a Secret (secretKeyRef)`],
      },
      {
        why: '-setcookie in ERL_AFLAGS',
        objects: cluster((sts) => {
          setEnv(sts, [{ name: 'ERL_AFLAGS', value: `${PIN} -setcookie secret` }]);
        }),
        violations: [`${STS}: container node: ERL_AFLAGS passes -setcookie literally; take the cookie from a Secret`],
      },
    ],
    nearMisses: [
      {
        why: 'RELEASE_COOKIE from a Secret, through a reference',
        objects: cluster((sts) => {
          container(sts).env.push(
            { name: 'COOKIE', valueFrom: { secretKeyRef: { name: 'cookie', key: 'cookie' } } },
            { name: 'RELEASE_COOKIE', value: '$(COOKIE)' },
          );
        }),
      },
    ],
  },
  'certificate-covers-pods': {
    trips: [
      {
        why: 'dnsNames name only the first pod',
        objects: tlsCluster(certificate('dist-tls', ['app-0.app-hl.prod.svc.cluster.local'])),
        violations: [
          'Certificate/prod/dist: dnsNames ["app-0.app-hl.prod.svc.cluster.local"] do not match app-1.app-hl.prod.svc.cluster.local of StatefulSet/prod/app; peers dialling it fail the host name check',
        ],
      },
    ],
    nearMisses: [
      {
        why: 'dnsNames name both pods',
        objects: tlsCluster(certificate('dist-tls', ['app-0.app-hl.prod.svc.cluster.local', 'app-1.app-hl.prod.svc.cluster.local'])),
      },
      { why: 'a wildcard covers both pods', objects: tlsCluster(certificate('dist-tls', ['*.app-hl.prod.svc.cluster.local'])) },
    ],
  },
  'certificate-secret-mounted': {
    trips: [
      {
        why: 'the Certificate writes a Secret the pods do not mount',
        objects: tlsCluster(certificate('dist-tls-v2', ['*.app-hl.prod.svc.cluster.local'])),
        violations: [
          'Certificate/prod/dist: names the pods of StatefulSet/prod/app but writes Secret dist-tls-v2, which they do not mount (they mount dist-tls)',
        ],
      },
    ],
    nearMisses: [{ why: 'an unmounted Certificate for other hosts', objects: tlsCluster(certificate('web-tls', ['web.prod.svc.cluster.local'])) }],
  },
  'pod-monitor-port-declared': {
    trips: [
      {
        why: 'an endpoint port the pods lack',
        objects: cluster(undefined, podMonitor({ selector: { matchLabels: { app: 'app' } }, podMetricsEndpoints: [{ port: 'metrics' }] })),
        violations: ['PodMonitor/prod/pm: endpoint port metrics is not a container port name of StatefulSet/prod/app; nothing is scraped there'],
      },
    ],
    nearMisses: [
      {
        why: 'an endpoint port the pods declare',
        objects: cluster(undefined, podMonitor({ selector: { matchLabels: { app: 'app' } }, podMetricsEndpoints: [{ port: 'dist' }] })),
      },
    ],
  },
  'network-policy-peer-selects-pods': {
    trips: [
      {
        why: 'an ingress peer selecting no pods',
        objects: cluster(undefined, policy({ ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] })),
        violations: ['NetworkPolicy/prod/np: ingress peer {"matchLabels":{"app":"web"}} selects no pods in namespace prod'],
      },
      {
        why: 'an ingress peer in a namespace without those pods',
        objects: cluster(
          undefined,
          policy({ ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'dev' } }, podSelector: { matchLabels: { app: 'app' } } }] }] }),
        ),
        violations: ['NetworkPolicy/prod/np: ingress peer {"matchLabels":{"app":"app"}} selects no pods in namespace dev'],
      },
      {
        why: 'an egress peer by expression selecting no pods',
        objects: cluster(
          undefined,
          // The second rule keeps the mesh open: egress rules without policyTypes restrict egress.
          policy({
            egress: [
              { to: [{ podSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['app'] }] } }] },
              { to: [{ podSelector: { matchLabels: { app: 'app' } } }] },
            ],
          }),
        ),
        violations: [
          'NetworkPolicy/prod/np: egress peer {"matchExpressions":[{"key":"app","operator":"NotIn","values":["app"]}]} selects no pods in namespace prod',
        ],
      },
    ],
    nearMisses: [
      {
        why: 'an ingress peer selecting the pods',
        objects: cluster(undefined, policy({ ingress: [{ from: [{ podSelector: { matchLabels: { app: 'app' } } }] }] })),
      },
      {
        why: 'an ingress peer in the namespace of those pods',
        objects: cluster(
          undefined,
          policy({ ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: NS } }, podSelector: { matchLabels: { app: 'app' } } }] }] }),
        ),
      },
      { why: 'an ingress peer with an empty podSelector', objects: cluster(undefined, policy({ ingress: [{ from: [{ podSelector: {} }] }] })) },
      {
        why: 'a peer in any namespace (namespaceSelector on other labels)',
        objects: cluster(
          undefined,
          policy({ ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'core' } }, podSelector: { matchLabels: { app: 'app' } } }] }] }),
        ),
      },
      {
        why: "a DNS-only egress peer in the cluster's DNS namespace",
        objects: cluster(
          undefined,
          policy({
            egress: [
              {
                to: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
                ports: [{ protocol: 'UDP', port: 53 }],
              },
            ],
          }),
        ),
      },
    ],
  },
  'egress-allows-dns': {
    trips: [
      {
        why: 'egress to the mesh only',
        objects: cluster(undefined, egressPolicy({ to: [{ podSelector: { matchLabels: { app: 'app' } } }], ports: MESH_PORTS })),
        violations: [`${STS}: NetworkPolicy np restricts egress without UDP port 53; the nodes cannot resolve their peers`],
      },
    ],
    nearMisses: [
      {
        why: 'egress to the mesh and UDP 53',
        objects: cluster(undefined, egressPolicy(DNS, { to: [{ podSelector: { matchLabels: { app: 'app' } } }], ports: MESH_PORTS })),
      },
      { why: 'a policy that restricts ingress only', objects: cluster(undefined, policy({ policyTypes: ['Ingress'], egress: [] })) },
      {
        why: "a policy that restricts other pods' egress",
        objects: cluster(
          undefined,
          deployment('web', { app: 'web' }),
          obj('NetworkPolicy', 'np', { spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [] } }, 'networking.k8s.io/v1'),
        ),
      },
    ],
  },
  'egress-allows-mesh': {
    trips: [
      {
        why: 'egress to DNS only',
        objects: cluster(undefined, egressPolicy(DNS)),
        violations: [
          `${STS}: egress is restricted but TCP port 4369 (epmd) to its own pods is not allowed; the nodes cannot connect to each other`,
          `${STS}: egress is restricted but TCP port 9100 (dist) to its own pods is not allowed; the nodes cannot connect to each other`,
        ],
      },
      {
        why: 'the mesh ports to another namespace only',
        objects: cluster(undefined, egressPolicy(DNS, { to: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: 'dev' } } }], ports: MESH_PORTS })),
        violations: [
          `${STS}: egress is restricted but TCP port 4369 (epmd) to its own pods is not allowed; the nodes cannot connect to each other`,
          `${STS}: egress is restricted but TCP port 9100 (dist) to its own pods is not allowed; the nodes cannot connect to each other`,
        ],
      },
      {
        why: 'a port range that stops short of the dist port',
        objects: cluster(undefined, egressPolicy(DNS, { ports: [{ protocol: 'TCP', port: 4369, endPort: 9099 }] })),
        violations: [`${STS}: egress is restricted but TCP port 9100 (dist) to its own pods is not allowed; the nodes cannot connect to each other`],
      },
      {
        why: 'the mesh ports over UDP',
        objects: cluster(
          undefined,
          egressPolicy(DNS, {
            ports: [
              { protocol: 'UDP', port: 4369 },
              { protocol: 'UDP', port: 9100 },
            ],
          }),
        ),
        violations: [
          `${STS}: egress is restricted but TCP port 4369 (epmd) to its own pods is not allowed; the nodes cannot connect to each other`,
          `${STS}: egress is restricted but TCP port 9100 (dist) to its own pods is not allowed; the nodes cannot connect to each other`,
        ],
      },
    ],
    nearMisses: [
      {
        why: 'the mesh ports to the own namespace',
        objects: cluster(undefined, egressPolicy(DNS, { to: [{ namespaceSelector: { matchLabels: { [NAME_LABEL]: NS } } }], ports: MESH_PORTS })),
      },
      { why: 'a port range that covers both', objects: cluster(undefined, egressPolicy(DNS, { ports: [{ protocol: 'TCP', port: 4369, endPort: 9100 }] })) },
      { why: 'an IP block', objects: cluster(undefined, egressPolicy(DNS, { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: MESH_PORTS })) },
      {
        why: 'epmd-less: the dist port only',
        objects: cluster(
          (sts, svc) => {
            setEnv(sts, [{ name: 'ERL_DIST_PORT', value: '9100' }]);
            svc.spec.ports = [svc.spec.ports[1]];
          },
          egressPolicy(DNS, { ports: [{ port: 9100 }] }),
        ),
      },
    ],
  },
  'env-order': {
    trips: [
      {
        why: 'a reference to a later variable',
        objects: cluster((sts) => {
          container(sts).env.push({ name: 'A', value: '$(B)' }, { name: 'B', value: 'b' });
        }),
        violations: [`${STS}: container node: A refers to $(B), which is defined later in the list; the kubelet leaves it literal`],
      },
      {
        why: 'a reference to no variable',
        objects: cluster((sts) => {
          container(sts).env.push({ name: 'A', value: '$(B)' });
        }),
        violations: [`${STS}: container node: A refers to $(B), which is not defined; the kubelet leaves it literal`],
      },
    ],
    nearMisses: [
      {
        why: 'a reference to an earlier variable',
        objects: cluster((sts) => {
          container(sts).env.push({ name: 'B', value: 'b' }, { name: 'A', value: '$(B)' });
        }),
      },
      {
        why: 'a reference that envFrom may define',
        objects: cluster((sts) => {
          container(sts).env.push({ name: 'A', value: '$(B)' });
          container(sts).envFrom = [{ configMapRef: { name: 'cfg' } }];
        }),
      },
      {
        why: 'an escaped reference',
        objects: cluster((sts) => {
          container(sts).env.push({ name: 'A', value: '$$(B)' });
        }),
      },
    ],
  },
  'probe-port-declared': {
    trips: [
      {
        why: 'a probe on an undeclared port name',
        objects: cluster((sts) => {
          container(sts).readinessProbe = { tcpSocket: { port: 'health' } };
        }),
        violations: [`${STS}: container node: readinessProbe uses port health, which the container does not declare; the probe can never succeed`],
      },
    ],
    nearMisses: [
      {
        why: 'a probe on a declared port name',
        objects: cluster((sts) => {
          container(sts).readinessProbe = { tcpSocket: { port: 'dist' } };
        }),
      },
      {
        why: 'a probe on a port number',
        objects: cluster((sts) => {
          container(sts).livenessProbe = { httpGet: { port: 8080 } };
        }),
      },
    ],
  },
  'mount-path-unique': {
    trips: [
      {
        why: 'two volumes at one path',
        objects: cluster((sts) => {
          sts.spec.template.spec.volumes = [
            { name: 'a', emptyDir: {} },
            { name: 'b', emptyDir: {} },
          ];
          container(sts).volumeMounts = [
            { name: 'a', mountPath: '/data' },
            { name: 'b', mountPath: '/data' },
          ];
        }),
        violations: [`${STS}: container node mounts both a and b at /data; the apiserver refuses that`],
      },
    ],
    nearMisses: [
      {
        why: 'two volumes at two paths',
        objects: cluster((sts) => {
          sts.spec.template.spec.volumes = [
            { name: 'a', emptyDir: {} },
            { name: 'b', emptyDir: {} },
          ];
          container(sts).volumeMounts = [
            { name: 'a', mountPath: '/data' },
            { name: 'b', mountPath: '/data2' },
          ];
        }),
      },
    ],
  },
  'volume-mount-exists': {
    trips: [
      {
        why: 'a mount of no volume',
        objects: cluster((sts) => {
          container(sts).volumeMounts = [{ name: 'data', mountPath: '/data' }];
        }),
        violations: [`${STS}: container node mounts data, which is neither a volume nor a claim template`],
      },
    ],
    nearMisses: [
      {
        why: 'a mount of a claim template',
        objects: cluster((sts) => {
          container(sts).volumeMounts = [{ name: 'data', mountPath: '/data' }];
          sts.spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: {} }];
        }),
      },
    ],
  },
  'rbac-namespaced': {
    trips: [
      {
        why: 'a ClusterRole',
        objects: cluster(undefined, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'disco' }, rules: [] }),
        violations: ['ClusterRole/disco: discovery needs only namespaced read access; use a Role and RoleBinding'],
      },
    ],
    nearMisses: [{ why: 'a Role', objects: cluster(undefined, role('disco', ['get', 'list', 'watch'])) }],
  },
  'rbac-least-privilege': {
    trips: [
      {
        why: 'a write verb',
        objects: cluster(undefined, role('disco', ['get', 'create'])),
        violations: ['Role/prod/disco: rule grants create; discovery needs get, list and watch only'],
      },
      {
        why: 'a wildcard resource',
        objects: cluster(undefined, role('disco', ['get'], NS, ['*'])),
        violations: ["Role/prod/disco: rule uses '*' in resources"],
      },
    ],
    nearMisses: [{ why: 'get, list and watch on pods', objects: cluster(undefined, role('disco', ['get', 'list', 'watch'])) }],
  },
  'rbac-role-exists': {
    trips: [
      {
        why: 'no such Role',
        objects: cluster(undefined, roleBinding('disco')),
        violations: ['RoleBinding/prod/disco: refers to Role disco, which is not in namespace prod'],
      },
      {
        why: 'the Role in another namespace',
        objects: cluster(undefined, roleBinding('disco'), role('disco', ['get'], 'dev')),
        violations: ['RoleBinding/prod/disco: refers to Role disco, which is not in namespace prod'],
      },
    ],
    nearMisses: [{ why: 'the Role in the namespace', objects: cluster(undefined, roleBinding('disco'), role('disco', ['get'])) }],
  },
  'env-value-from-valid': {
    trips: [
      {
        why: 'a value and a valueFrom',
        objects: withEnv({ name: 'A', value: 'x', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }),
        violations: [
          `${STS}: container node: env[1] A valueFrom {"secretKeyRef":{"name":"s","key":"k"}}: may not be specified when value is not empty; ${REFUSED}`,
        ],
      },
      {
        why: "a Secret key starting with '..'",
        objects: withEnv({ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: '..k' } } }),
        violations: [`${STS}: container node: env[1] A valueFrom.secretKeyRef.key "..k": must not start with '..'; ${REFUSED}`],
      },
      {
        why: "a ConfigMap key '..' in an init container",
        objects: cluster((sts) => {
          sts.spec.template.spec.initContainers = [
            { name: 'init', image: 'busybox', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'c', key: '..' } } }] },
          ];
        }),
        violations: [`${STS}: container init: env[0] A valueFrom.configMapKeyRef.key "..": must not be '..'; ${REFUSED}`],
      },
      {
        why: "a key '.', a missing key, a key with '/', a key of 254 characters",
        objects: withEnv(
          { name: 'A', valueFrom: { secretKeyRef: { name: 's', key: '.' } } },
          { name: 'B', valueFrom: { secretKeyRef: { name: 's' } } },
          { name: 'C', valueFrom: { secretKeyRef: { name: 's', key: 'a/b' } } },
          { name: 'D', valueFrom: { secretKeyRef: { name: 's', key: 'k'.repeat(254) } } },
        ),
        violations: [
          `${STS}: container node: env[1] A valueFrom.secretKeyRef.key ".": must not be '.'; ${REFUSED}`,
          `${STS}: container node: env[2] B valueFrom.secretKeyRef.key (missing): is required; ${REFUSED}`,
          `${STS}: container node: env[3] C valueFrom.secretKeyRef.key "a/b": must consist of alphanumeric characters, '-', '_' or '.'; ${REFUSED}`,
          `${STS}: container node: env[4] D valueFrom.secretKeyRef.key "${'k'.repeat(254)}": must be no more than 253 characters; ${REFUSED}`,
        ],
      },
      {
        why: 'a Secret name that is not a DNS subdomain',
        objects: withEnv({ name: 'A', valueFrom: { secretKeyRef: { name: 'My_Secret', key: 'k' } } }),
        violations: [`${STS}: container node: env[1] A valueFrom.secretKeyRef.name "My_Secret": must be a DNS-1123 subdomain; ${REFUSED}`],
      },
      {
        why: 'no source, and two sources',
        objects: withEnv(
          { name: 'A', valueFrom: {} },
          { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' }, secretKeyRef: { name: 's', key: 'k' } } },
        ),
        violations: [
          `${STS}: container node: env[1] A valueFrom {}: must specify one of: fieldRef, resourceFieldRef, configMapKeyRef or secretKeyRef; ${REFUSED}`,
          `${STS}: container node: env[2] B valueFrom {"fieldRef":{"fieldPath":"metadata.name"},"secretKeyRef":{"name":"s","key":"k"}}: may not have more than one field specified at a time; ${REFUSED}`,
        ],
      },
      {
        why: 'a downward-API path an env var cannot read, a bad label key, a pod apiVersion other than v1',
        objects: withEnv(
          { name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } },
          { name: 'B', valueFrom: { fieldRef: { fieldPath: "metadata.labels['bad key']" } } },
          { name: 'C', valueFrom: { fieldRef: { apiVersion: 'v2', fieldPath: 'metadata.name' } } },
          { name: 'D', valueFrom: { fieldRef: {} } },
        ),
        violations: [
          `${STS}: container node: env[1] A valueFrom.fieldRef.fieldPath "metadata.labels": must be one of metadata.name, metadata.namespace, metadata.uid, spec.nodeName, spec.serviceAccountName, status.hostIP, status.hostIPs, status.podIP, status.podIPs, metadata.labels['<key>'] or metadata.annotations['<key>']; ${REFUSED}`,
          `${STS}: container node: env[2] B valueFrom.fieldRef.fieldPath "metadata.labels['bad key']": must name a valid label key; ${REFUSED}`,
          `${STS}: container node: env[3] C valueFrom.fieldRef.apiVersion "v2": must be 'v1', the pods' only version; ${REFUSED}`,
          `${STS}: container node: env[4] D valueFrom.fieldRef.fieldPath (missing): is required; ${REFUSED}`,
        ],
      },
      {
        why: 'a resource an env var cannot read, a cpu divisor of 1Ki, a memory divisor of 3, none',
        objects: withEnv(
          { name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.pods' } } },
          { name: 'B', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1Ki' } } },
          { name: 'C', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '3' } } },
          { name: 'D', valueFrom: { resourceFieldRef: {} } },
        ),
        violations: [
          `${STS}: container node: env[1] A valueFrom.resourceFieldRef.resource "limits.pods": must be one of limits.cpu, limits.memory, limits.ephemeral-storage, requests.cpu, requests.memory, requests.ephemeral-storage, or limits.hugepages-<size> or requests.hugepages-<size>; ${REFUSED}`,
          `${STS}: container node: env[2] B valueFrom.resourceFieldRef.divisor "1Ki": must be one of 1m and 1 for requests.cpu; ${REFUSED}`,
          `${STS}: container node: env[3] C valueFrom.resourceFieldRef.divisor "3": must be one of 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi and 1Ei for limits.memory; ${REFUSED}`,
          `${STS}: container node: env[4] D valueFrom.resourceFieldRef.resource (missing): is required; ${REFUSED}`,
        ],
      },
    ],
    nearMisses: [
      {
        why: "an empty value beside valueFrom; keys '.k', 'k..', 253 characters; one fieldRef; a null valueFrom",
        objects: withEnv(
          { name: 'A', value: '', valueFrom: { secretKeyRef: { name: 's', key: '.k' } } },
          { name: 'B', valueFrom: { configMapKeyRef: { name: 'c.d', key: 'k..' } } },
          { name: 'C', valueFrom: { secretKeyRef: { name: 's', key: 'k'.repeat(253) } } },
          { name: 'D', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
          { name: 'E', value: 'x', valueFrom: null },
        ),
      },
      {
        why: 'every env field path, label and annotation keys (an upper-case annotation key), apiVersion v1; cpu divisors 1m and 1000m, memory 1Mi, 1k and 0, huge pages',
        objects: withEnv(
          ...[
            'metadata.name',
            'metadata.namespace',
            'metadata.uid',
            'spec.nodeName',
            'spec.serviceAccountName',
            'status.hostIP',
            'status.hostIPs',
            'status.podIP',
            'status.podIPs',
          ].map((fieldPath, i) => ({ name: `F${i}`, valueFrom: { fieldRef: { fieldPath } } })),
          { name: 'L', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['example.com/tier']" } } },
          { name: 'N', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['Example.com/Note']" } } },
          { name: 'R1', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
          { name: 'R2', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1000m' } } },
          { name: 'R3', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
          { name: 'R4', valueFrom: { resourceFieldRef: { resource: 'requests.ephemeral-storage', divisor: '1k' } } },
          { name: 'R5', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '0' } } },
          { name: 'R6', valueFrom: { resourceFieldRef: { resource: 'limits.hugepages-2Mi', divisor: '1Gi' } } },
        ),
      },
    ],
  },
  'volume-items-valid': {
    trips: [
      {
        why: "a Secret item path with '..', an absolute one, one starting with '..', a missing key and path",
        objects: withVolumes({
          name: 'cfg',
          secret: { secretName: 's', items: [{ key: 'k', path: 'a/../x' }, { key: 'k', path: '/x' }, { key: 'k', path: '..x' }, {}] },
        }),
        violations: [
          `${STS}: volume cfg: secret.items[0].path "a/../x": must not contain '..'; ${REFUSED}`,
          `${STS}: volume cfg: secret.items[1].path "/x": must be a relative path; ${REFUSED}`,
          `${STS}: volume cfg: secret.items[2].path "..x": must not start with '..'; ${REFUSED}`,
          `${STS}: volume cfg: secret.items[3].key (missing): is required; ${REFUSED}`,
          `${STS}: volume cfg: secret.items[3].path (missing): is required; ${REFUSED}`,
        ],
      },
      {
        why: 'modes outside 0 to 0777, and a projected ConfigMap item',
        objects: withVolumes(
          { name: 'a', configMap: { name: 'c', defaultMode: 0o1000, items: [{ key: 'k', path: 'p', mode: -1 }] } },
          { name: 'b', projected: { defaultMode: 1.5, sources: [{ configMap: { name: 'c', items: [{ key: '', path: 'p' }] } }] } },
        ),
        violations: [
          `${STS}: volume a: configMap.defaultMode 512: must be a number between 0 and 0777 (octal), both inclusive; ${REFUSED}`,
          `${STS}: volume a: configMap.items[0].mode -1: must be a number between 0 and 0777 (octal), both inclusive; ${REFUSED}`,
          `${STS}: volume b: projected.defaultMode 1.5: must be a number between 0 and 0777 (octal), both inclusive; ${REFUSED}`,
          `${STS}: volume b: projected.sources[0].configMap.items[0].key "": is required; ${REFUSED}`,
        ],
      },
    ],
    nearMisses: [
      {
        why: "paths 'a..b/c' and '.x', modes 0 and 0777, a projected Secret",
        objects: withVolumes(
          { name: 'a', secret: { secretName: 's', defaultMode: 0, items: [{ key: 'k', path: 'a..b/c', mode: 0o777 }] } },
          { name: 'b', projected: { sources: [{ secret: { name: 's', items: [{ key: '..k', path: '.x' }] } }, {}] } },
          { name: 'c', emptyDir: {} },
        ),
      },
    ],
  },
  'resources-valid': {
    trips: [
      {
        why: "memory '512m' and ephemeral-storage '1.5'",
        objects: withResources({ requests: { memory: '512m' }, limits: { 'ephemeral-storage': '1.5' } }),
        violations: [
          `${STS}: container node: resources.requests.memory "512m": fractional byte value "512m" is invalid, must be an integer; ${FRACTIONAL}`,
          `${STS}: container node: resources.limits.ephemeral-storage "1.5": fractional byte value "1.5" is invalid, must be an integer; ${FRACTIONAL}`,
        ],
      },
      {
        why: 'a request above its limit',
        objects: withResources({ requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '1500m', memory: '1Gi' } }),
        violations: [`${STS}: container node: resources.requests.cpu "2": must be less than or equal to cpu limit of 1500m; ${FRACTIONAL}`],
      },
      {
        why: 'an extended resource and huge pages requested below their limit, and one without a limit',
        objects: withResources({
          requests: { cpu: '1', 'example.com/gpu': '1', 'hugepages-2Mi': '2Mi', 'example.com/fpga': '1' },
          limits: { cpu: '1', 'example.com/gpu': '2', 'hugepages-2Mi': '4Mi' },
        }),
        violations: [
          `${STS}: container node: resources.requests.example.com/gpu "1": must be equal to example.com/gpu limit of 2; ${FRACTIONAL}`,
          `${STS}: container node: resources.requests.hugepages-2Mi "2Mi": must be equal to hugepages-2Mi limit of 4Mi; ${FRACTIONAL}`,
          `${STS}: container node: resources.limits.example.com/fpga (missing): must be set for a resource that cannot be overcommitted; ${FRACTIONAL}`,
        ],
      },
      {
        why: "a claim template of '1.1Gi', a PersistentVolumeClaim limit of 0.5",
        objects: cluster(
          (sts) => {
            sts.spec.volumeClaimTemplates = [
              { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1.1Gi' } } } },
            ];
          },
          obj('PersistentVolumeClaim', 'pvc', {
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: 0.5 }, limits: { storage: 0.5 } } },
          }),
        ),
        violations: [
          `${STS}: claim template data: resources.requests.storage "1.1Gi": fractional byte value "1.1Gi" is invalid, must be an integer; ${FRACTIONAL}`,
          `PersistentVolumeClaim/prod/pvc: resources.requests.storage 0.5: fractional byte value "0.5" is invalid, must be an integer; ${FRACTIONAL}`,
          `PersistentVolumeClaim/prod/pvc: resources.limits.storage 0.5: fractional byte value "0.5" is invalid, must be an integer; ${FRACTIONAL}`,
        ],
      },
    ],
    nearMisses: [
      {
        why: "memory '0.5Ki' and '1e3', cpu '250m', a request equal to its limit, claims of '1Gi'",
        objects: cluster(
          (sts) => {
            container(sts).resources = { requests: { cpu: '250m', memory: '0.5Ki' }, limits: { cpu: '250m', memory: '1e3', 'ephemeral-storage': '1Gi' } };
            sts.spec.volumeClaimTemplates = [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }];
          },
          obj('PersistentVolumeClaim', 'pvc', { spec: { resources: { requests: { storage: '1Gi' }, limits: { storage: '2Gi' } } } }),
        ),
      },
      {
        why: 'an extended resource and huge pages equal to their limits, a kubernetes.io resource below its limit, an extended limit alone',
        objects: withResources({
          requests: { cpu: '500m', 'example.com/gpu': '1', 'hugepages-2Mi': '4Mi', 'kubernetes.io/batch-cpu': '1' },
          limits: { cpu: '1', 'example.com/gpu': '1', 'hugepages-2Mi': '4Mi', 'kubernetes.io/batch-cpu': '2', 'example.com/fpga': '1' },
        }),
      },
    ],
  },
  'tolerations-valid': {
    trips: [
      {
        why: 'a value with Exists, an empty key with Equal, tolerationSeconds without NoExecute',
        objects: withTolerations(
          { key: 'k', operator: 'Exists', value: 'v' },
          { operator: 'Equal' },
          { key: 'k', tolerationSeconds: 30, effect: 'NoSchedule' },
        ),
        violations: [
          `${STS}: tolerations[0].value "v": must be empty when operator is 'Exists'; ${REFUSED}`,
          `${STS}: tolerations[1].operator "Equal": must be Exists when key is empty, which means "match all values and all keys"; ${REFUSED}`,
          `${STS}: tolerations[2].effect "NoSchedule": must be 'NoExecute' when tolerationSeconds is set; ${REFUSED}`,
        ],
      },
      {
        why: 'an unknown operator and effect, a bad key and value',
        objects: withTolerations({ key: 'k', operator: 'In' }, { key: 'k', effect: 'Never' }, { key: 'bad key' }, { key: 'k', value: 'a b' }),
        violations: [
          `${STS}: tolerations[0].operator "In": must be 'Equal' or 'Exists'; ${REFUSED}`,
          `${STS}: tolerations[1].effect "Never": must be one of 'NoSchedule', 'PreferNoSchedule', 'NoExecute'; ${REFUSED}`,
          `${STS}: tolerations[2].key "bad key": must be a qualified name, as a label key; ${REFUSED}`,
          `${STS}: tolerations[3].value "a b": must be a label value; ${REFUSED}`,
        ],
      },
    ],
    nearMisses: [
      {
        why: 'Exists on every key, Equal with NoExecute and tolerationSeconds, a prefixed key',
        objects: withTolerations(
          { operator: 'Exists' },
          { key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 30 },
          { key: 'example.com/k', operator: 'Exists', effect: 'PreferNoSchedule' },
          { key: 'k', value: '' },
        ),
      },
    ],
  },
  'probes-valid': {
    trips: [
      {
        why: 'liveness and startup successThreshold above 1, readiness with terminationGracePeriodSeconds',
        objects: withProbes({
          livenessProbe: { ...TCP, successThreshold: 2 },
          startupProbe: { ...TCP, successThreshold: 3 },
          readinessProbe: { ...TCP, terminationGracePeriodSeconds: 10 },
        }),
        violations: [
          `${STS}: container node: livenessProbe.successThreshold 2: must be 1; ${REFUSED}`,
          `${STS}: container node: readinessProbe.terminationGracePeriodSeconds 10: must not be set for readinessProbes; ${REFUSED}`,
          `${STS}: container node: startupProbe.successThreshold 3: must be 1; ${REFUSED}`,
        ],
      },
      {
        why: 'negative counts',
        objects: withProbes({
          livenessProbe: { ...TCP, initialDelaySeconds: -1, failureThreshold: -3 },
          readinessProbe: { ...TCP, timeoutSeconds: -1, periodSeconds: -10, successThreshold: -1 },
        }),
        violations: [
          `${STS}: container node: livenessProbe.initialDelaySeconds -1: must be greater than or equal to 0; ${REFUSED}`,
          `${STS}: container node: livenessProbe.failureThreshold -3: must be greater than or equal to 0; ${REFUSED}`,
          `${STS}: container node: readinessProbe.timeoutSeconds -1: must be greater than or equal to 0; ${REFUSED}`,
          `${STS}: container node: readinessProbe.periodSeconds -10: must be greater than or equal to 0; ${REFUSED}`,
          `${STS}: container node: readinessProbe.successThreshold -1: must be greater than or equal to 0; ${REFUSED}`,
        ],
      },
      {
        why: 'no handler, two handlers, terminationGracePeriodSeconds 0',
        objects: withProbes({
          livenessProbe: { periodSeconds: 10 },
          readinessProbe: { ...TCP, exec: { command: ['true'] } },
          startupProbe: { ...TCP, terminationGracePeriodSeconds: 0 },
        }),
        violations: [
          `${STS}: container node: livenessProbe []: must specify a handler type; ${REFUSED}`,
          `${STS}: container node: readinessProbe ["exec","tcpSocket"]: may not specify more than 1 handler type; ${REFUSED}`,
          `${STS}: container node: startupProbe.terminationGracePeriodSeconds 0: must be greater than 0; ${REFUSED}`,
        ],
      },
      {
        why: 'an init container with a probe and a lifecycle',
        objects: cluster((sts) => {
          sts.spec.template.spec.initContainers = [
            { name: 'init', image: 'busybox', readinessProbe: TCP, lifecycle: { preStop: { exec: { command: ['true'] } } } },
          ];
        }),
        violations: [
          `${STS}: init container init: readinessProbe {"tcpSocket":{"port":9100}}: may not be set for init containers without restartPolicy=Always; ${REFUSED}`,
          `${STS}: init container init: lifecycle {"preStop":{"exec":{"command":["true"]}}}: may not be set for init containers without restartPolicy=Always; ${REFUSED}`,
        ],
      },
    ],
    nearMisses: [
      {
        why: 'successThreshold 0 (defaulted to 1) on liveness and startup, every count 0',
        objects: withProbes({
          livenessProbe: { ...TCP, successThreshold: 0, initialDelaySeconds: 0, timeoutSeconds: 0, periodSeconds: 0, failureThreshold: 0 },
          startupProbe: { ...TCP, successThreshold: 0 },
        }),
      },
      {
        why: 'successThreshold 1 on liveness, 2 on readiness, a grace period on liveness, a sidecar init container with probes',
        objects: cluster((sts) => {
          Object.assign(container(sts), {
            livenessProbe: { ...TCP, successThreshold: 1, terminationGracePeriodSeconds: 1 },
            readinessProbe: { ...TCP, successThreshold: 2 },
          });
          sts.spec.template.spec.initContainers = [
            { name: 'side', image: 'busybox', restartPolicy: 'Always', startupProbe: { ...TCP, successThreshold: 1 }, lifecycle: {} },
          ];
        }),
      },
    ],
  },
  ...APISERVER_OBJECT_CASES,
};

describe('every manifest rule has a case that trips it and a near miss that does not', () => {
  test('the base cluster is clean', () => {
    expect(checkManifests(cluster())).toEqual([]);
    expect(checkManifests(tlsCluster(certificate('dist-tls', ['*.app-hl.prod.svc.cluster.local'])))).toEqual([]);
  });

  test('every rule in MANIFEST_RULES has trips and near misses here, and every case names a rule', () => {
    const ids = MANIFEST_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(CASES).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(CASES[id]!.trips.length).toBeGreaterThan(0);
      expect(CASES[id]!.nearMisses.length).toBeGreaterThan(0);
    }
  });

  test('docs/validation.md lists exactly the rules of MANIFEST_RULES', () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'validation.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Cross-object rules'), doc.indexOf('## Using the checks'));
    const listed = [...section.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(MANIFEST_RULES.map((r) => r.id).sort());
  });

  for (const rule of MANIFEST_RULES) {
    describe(rule.id, () => {
      const cases = CASES[rule.id] ?? { trips: [], nearMisses: [] };
      test.each(cases.trips.map((t) => [t.why, t] as const))('trips: %s', (_why, trip) => {
        expect(checkManifests(trip.objects).map((v) => `${v.rule} ${v.object}: ${v.message}`)).toEqual(
          // A violation of another rule the same objects break names that rule first.
          trip.violations.map((v) => (/^[a-z][a-z-]+ /.test(v) ? v : `${rule.id} ${v}`)),
        );
      });
      test.each(cases.nearMisses.map((n) => [n.why, n] as const))('near miss: %s', (_why, nearMiss) => {
        expect(checkManifests(nearMiss.objects).filter((v) => v.rule === rule.id)).toEqual([]);
      });
    });
  }
});
