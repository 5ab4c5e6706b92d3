/**
 * lib/validation/rules/certificates-and-monitors.ts: what the Certificate and PodMonitor rules
 * report on inputs the cases in manifest-rules.test.ts do not feed, above all malformed manifests.
 */
import { checkManifests, KubeObject } from '../../../lib/validation/manifests';
import { certificate, cluster, container, obj, PIN, podMonitor, run } from '../../fixtures/manifests';

const TLS_FLAGS = `${PIN} -proto_dist inet_tls -ssl_dist_optfile /tls/ssl_dist.conf`;

const WILDCARD = '*.app-hl.prod.svc.cluster.local';

const CERT_RULES = ['certificate-covers-pods', 'certificate-secret-mounted'];

const POD_NAME = { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } };

const TLS = { name: 'ERL_AFLAGS', value: TLS_FLAGS };

/** The cluster over TLS distribution: pods named by the downward API, mounting Secret dist-tls; `env` replaces the container's. */
function tlsCluster(
  env: any[] = [POD_NAME, { name: 'ERLANG_HOST_NAME', value: '$(POD_NAME).app-hl.prod.svc.cluster.local' }, TLS],
  ...extra: any[]
): KubeObject[] {
  return cluster(
    (sts) => {
      container(sts).env = env;
      sts.spec.template.spec.volumes = [{ name: 'tls', secret: { secretName: 'dist-tls' } }];
    },
    ...extra,
  );
}

describe('pod-monitor-port-declared', () => {
  test('an endpoint that gives no port name (portNumber, or the deprecated targetPort) is not reported; a named one still is', () => {
    const pm = podMonitor({
      selector: { matchLabels: { app: 'app' } },
      podMetricsEndpoints: [{ portNumber: 9568 }, { targetPort: 9568 }, { port: 'metrics' }],
    });
    expect(run(cluster(undefined, pm), 'pod-monitor-port-declared')).toEqual([
      'pod-monitor-port-declared PodMonitor/prod/pm: endpoint port metrics is not a container port name of StatefulSet/prod/app; nothing is scraped there',
    ]);
    expect(checkManifests(cluster(undefined, podMonitor({ selector: { matchLabels: { app: 'app' } }, podMetricsEndpoints: [{ portNumber: 9568 }] })))).toEqual(
      [],
    );
  });
});

describe('certificate-covers-pods and certificate-secret-mounted', () => {
  test('only cert-manager Certificates count: a Certificate of another API group is not checked', () => {
    const other = obj('Certificate', 'dist', { spec: { secretName: 'dist-tls', dnsNames: ['web.example.com'] } }, 'acm.services.k8s.aws/v1alpha1');
    expect(checkManifests(tlsCluster(undefined, other))).toEqual([]);
    // The same Certificate from cert-manager is checked.
    expect(run(tlsCluster(undefined, { ...other, apiVersion: 'cert-manager.io/v1' }), ...CERT_RULES)).toEqual([
      'certificate-covers-pods Certificate/prod/dist: dnsNames ["web.example.com"] do not match app-0.app-hl.prod.svc.cluster.local of StatefulSet/prod/app; peers dialling it fail the host name check',
      'certificate-covers-pods Certificate/prod/dist: dnsNames ["web.example.com"] do not match app-1.app-hl.prod.svc.cluster.local of StatefulSet/prod/app; peers dialling it fail the host name check',
    ]);
  });

  test('without TLS distribution, a mounted Certificate that names other hosts is not checked', () => {
    const env = [POD_NAME, { name: 'ERLANG_HOST_NAME', value: '$(POD_NAME).app-hl.prod.svc.cluster.local' }, { name: 'ERL_AFLAGS', value: PIN }];
    expect(checkManifests(tlsCluster(env, certificate('dist-tls', ['web.example.com'])))).toEqual([]);
  });

  test('without ERLANG_HOST_NAME there is no host to check: nothing is reported, whatever the Certificate names or writes', () => {
    const env = [POD_NAME, TLS];
    expect(run(tlsCluster(env, certificate('dist-tls', ['web.example.com'])), ...CERT_RULES)).toEqual([]);
    expect(run(tlsCluster(env, certificate('other-tls', ['web.example.com'])), ...CERT_RULES)).toEqual([]);
  });

  test('host names resolve metadata.name and metadata.namespace; any other valueFrom resolves to nothing', () => {
    const env = [
      POD_NAME,
      { name: 'POD_NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
      { name: 'SUFFIX', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } },
      { name: 'ERLANG_HOST_NAME', value: '$(POD_NAME).app-hl.$(POD_NS).svc.cluster.local$(POD_IP)$(SUFFIX)' },
      TLS,
    ];
    expect(run(tlsCluster(env, certificate('dist-tls', ['app-0.app-hl.prod.svc.cluster.local'])), ...CERT_RULES)).toEqual([
      'certificate-covers-pods Certificate/prod/dist: dnsNames ["app-0.app-hl.prod.svc.cluster.local"] do not match app-1.app-hl.prod.svc.cluster.local of StatefulSet/prod/app; peers dialling it fail the host name check',
    ]);
  });

  test("a StatefulSet without a namespace is in default, and so are its pods' host names", () => {
    const env = [
      POD_NAME,
      { name: 'POD_NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'ERLANG_HOST_NAME', value: '$(POD_NAME).app-hl.$(POD_NS).svc.cluster.local' },
      TLS,
    ];
    const objects = tlsCluster(env, certificate('dist-tls', [WILDCARD], 'default'));
    delete (objects[0] as any).metadata.namespace;
    expect(run(objects, ...CERT_RULES)).toEqual([
      'certificate-covers-pods Certificate/default/dist: dnsNames ["*.app-hl.prod.svc.cluster.local"] do not match app-0.app-hl.default.svc.cluster.local of StatefulSet/app; peers dialling it fail the host name check',
      'certificate-covers-pods Certificate/default/dist: dnsNames ["*.app-hl.prod.svc.cluster.local"] do not match app-1.app-hl.default.svc.cluster.local of StatefulSet/app; peers dialling it fail the host name check',
    ]);
  });

  test('a StatefulSet without metadata: no throw, its pods are named after "undefined" in default', () => {
    const env = [
      POD_NAME,
      { name: 'POD_NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
      { name: 'ERLANG_HOST_NAME', value: '$(POD_NAME).app-hl.$(POD_NS).svc.cluster.local' },
      TLS,
    ];
    const objects = tlsCluster(env, certificate('dist-tls', [WILDCARD], 'default'));
    delete (objects[0] as any).metadata;
    expect(run(objects, ...CERT_RULES)).toEqual([
      'certificate-covers-pods Certificate/default/dist: dnsNames ["*.app-hl.prod.svc.cluster.local"] do not match undefined-0.app-hl.default.svc.cluster.local of StatefulSet/?; peers dialling it fail the host name check',
      'certificate-covers-pods Certificate/default/dist: dnsNames ["*.app-hl.prod.svc.cluster.local"] do not match undefined-1.app-hl.default.svc.cluster.local of StatefulSet/?; peers dialling it fail the host name check',
    ]);
  });

  test('a StatefulSet without replicas has one pod', () => {
    const objects = tlsCluster(undefined, certificate('dist-tls', ['web.example.com']));
    delete (objects[0] as any).spec.replicas;
    expect(run(objects, ...CERT_RULES)).toEqual([
      'certificate-covers-pods Certificate/prod/dist: dnsNames ["web.example.com"] do not match app-0.app-hl.prod.svc.cluster.local of StatefulSet/prod/app; peers dialling it fail the host name check',
    ]);
  });

  test('a mounted Certificate without dnsNames names no pod', () => {
    const cert = obj('Certificate', 'dist', { spec: { secretName: 'dist-tls', issuerRef: { name: 'ca' } } }, 'cert-manager.io/v1');
    expect(run(tlsCluster(undefined, cert), ...CERT_RULES)).toEqual([
      'certificate-covers-pods Certificate/prod/dist: dnsNames [] do not match app-0.app-hl.prod.svc.cluster.local of StatefulSet/prod/app; peers dialling it fail the host name check',
      'certificate-covers-pods Certificate/prod/dist: dnsNames [] do not match app-1.app-hl.prod.svc.cluster.local of StatefulSet/prod/app; peers dialling it fail the host name check',
    ]);
  });

  test('a cert-manager Certificate without spec (or with spec null): no throw, it names no pod and writes no Secret', () => {
    for (const spec of [{}, { spec: null }]) {
      expect(run(tlsCluster(undefined, obj('Certificate', 'dist', spec, 'cert-manager.io/v1')), ...CERT_RULES)).toEqual([]);
    }
  });

  test('the Secrets the pods mount, directly or projected, are listed in order; none is "no Secret"', () => {
    const objects = tlsCluster(undefined, certificate('dist-tls-v2', [WILDCARD]));
    (objects[0] as any).spec.template.spec.volumes = [
      { name: 'data', emptyDir: {} },
      { name: 'tls', secret: { secretName: 'dist-tls' } },
      { name: 'bundle', projected: { sources: [{ configMap: { name: 'cm' } }, { secret: { name: 'ca-bundle' } }] } },
      { name: 'empty', projected: {} },
    ];
    expect(run(objects, ...CERT_RULES)).toEqual([
      'certificate-secret-mounted Certificate/prod/dist: names the pods of StatefulSet/prod/app but writes Secret dist-tls-v2, which they do not mount (they mount dist-tls, ca-bundle)',
    ]);
    delete (objects[0] as any).spec.template.spec.volumes;
    expect(run(objects, ...CERT_RULES)).toEqual([
      'certificate-secret-mounted Certificate/prod/dist: names the pods of StatefulSet/prod/app but writes Secret dist-tls-v2, which they do not mount (they mount no Secret)',
    ]);
  });

  test('a projected Secret counts as mounted', () => {
    const objects = tlsCluster(undefined, certificate('dist-tls', [WILDCARD]));
    (objects[0] as any).spec.template.spec.volumes = [{ name: 'tls', projected: { sources: [{ secret: { name: 'dist-tls' } }] } }];
    expect(run(objects, ...CERT_RULES)).toEqual([]);
  });

  test('a StatefulSet without spec, template or pod spec: no throw, nothing to check', () => {
    for (const edit of [(s: any) => delete s.spec, (s: any) => delete s.spec.template, (s: any) => delete s.spec.template.spec]) {
      const objects = tlsCluster(undefined, certificate('dist-tls', ['web.example.com']));
      edit(objects[0]);
      expect(run(objects, ...CERT_RULES)).toEqual([]);
    }
  });
});

describe('pod-monitor-port-declared on other selectors', () => {
  const pm = (selector: any) => podMonitor({ ...(selector === undefined ? {} : { selector }), podMetricsEndpoints: [{ port: 'metrics' }] });

  test('a PodMonitor without a selector, with an empty one, or with one the pods do not fully match selects nothing', () => {
    for (const selector of [
      undefined,
      null,
      {},
      { matchLabels: { app: 'app', tier: 'web' } },
      { matchLabels: { app: 'app' }, matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
    ]) {
      expect(run(cluster(undefined, pm(selector)), 'pod-monitor-port-declared')).toEqual([]);
    }
  });

  test('a selector by expression alone selects the pods it matches', () => {
    expect(run(cluster(undefined, pm({ matchExpressions: [{ key: 'app', operator: 'In', values: ['app'] }] })), 'pod-monitor-port-declared')).toEqual([
      'pod-monitor-port-declared PodMonitor/prod/pm: endpoint port metrics is not a container port name of StatefulSet/prod/app; nothing is scraped there',
    ]);
  });

  test('a PodMonitor without spec or endpoints: no throw, nothing reported', () => {
    expect(run(cluster(undefined, obj('PodMonitor', 'pm', {}, 'monitoring.coreos.com/v1')), 'pod-monitor-port-declared')).toEqual([]);
    expect(run(cluster(undefined, podMonitor({ selector: { matchLabels: { app: 'app' } } })), 'pod-monitor-port-declared')).toEqual([]);
  });
});
