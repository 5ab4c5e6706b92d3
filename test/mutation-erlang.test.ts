/**
 * The Erlang contract's pure helpers (lib/erlang/flags.ts, names.ts, cookie.ts) and
 * lib/kubernetes/{network-policy,kubelet-env}.ts, with exact values. Written to kill the mutants
 * StrykerJS found surviving (docs/mutation.md).
 */
import { IntOrString } from '../imports/k8s';
import { checkSameCookie, ErlangCookie } from '../lib/erlang/cookie';
import {
  DISTRIBUTION_FLAGS,
  DISTRIBUTION_KERNEL_PARAMS,
  distPortFlags,
  distributionFlagsIn,
  FLAG_ENV,
  kernelParams,
  listenPort,
  parseErlFlags,
  tlsDistFlags,
} from '../lib/erlang/flags';
import { clusterNodeNames, DEFAULT_CLUSTER_DOMAIN, erlangNodeName, podFqdn, podName, serviceAddress, serviceFqdn } from '../lib/erlang/names';
import { COOKIE_ENV_NAMES, hostNameTemplate, nodeEnv, podIdentityEnv } from '../lib/erlang/env';
import { expandReferences, resolveEnv, unresolvedReferences } from '../lib/kubernetes/kubelet-env';
import { NAMESPACE_NAME_LABEL, peerOf, policyPort } from '../lib/kubernetes/network-policy';
import { ConfigError } from '../lib/core/errors';

describe('flags', () => {
  test('parseErlFlags: tokens split on any white space; - and + start flags; a leading argument is dropped', () => {
    expect(parseErlFlags('  stray -name a@b\t+S 2:2\n-kernel  x 1 y 2 ')).toEqual([
      { flag: '-name', args: ['a@b'] },
      { flag: '+S', args: ['2:2'] },
      { flag: '-kernel', args: ['x', '1', 'y', '2'] },
    ]);
    expect(parseErlFlags('')).toEqual([]);
    expect(parseErlFlags('   ')).toEqual([]);
    expect(parseErlFlags('a-b c+d')).toEqual([]);
  });

  test('kernelParams: pairs of every -kernel flag, in order; an odd last argument is dropped', () => {
    expect(kernelParams(parseErlFlags('-kernel a 1 b 2 -other c 3 -kernel d 4 e'))).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['d', '4'],
    ]);
    expect(kernelParams(parseErlFlags('-kernel a'))).toEqual([]);
  });

  test('distributionFlagsIn: the flags, then the -kernel parameters, that ErlangStatefulCluster owns', () => {
    expect(distributionFlagsIn('-sname x +S 1 -kernel inet_dist_listen_min 1 logger_level info -hidden -kernel inet_dist_use_interface {0,0,0,0}')).toEqual([
      '-sname',
      '-hidden',
      '-kernel inet_dist_listen_min',
      '-kernel inet_dist_use_interface',
    ]);
    expect(distributionFlagsIn('-kernel logger_level info +sbwt none')).toEqual([]);
    expect(DISTRIBUTION_FLAGS).toEqual([
      '-name',
      '-sname',
      '-setcookie',
      '-proto_dist',
      '-ssl_dist_optfile',
      '-erl_epmd_port',
      '-start_epmd',
      '-epmd_module',
      '-dist_listen',
      '-connect_all',
      '-hidden',
    ]);
    expect(DISTRIBUTION_KERNEL_PARAMS).toEqual(['inet_dist_listen_min', 'inet_dist_listen_max', 'inet_dist_use_interface']);
    expect(FLAG_ENV).toEqual(['ERL_AFLAGS', 'ERL_FLAGS', 'ERL_ZFLAGS']);
  });

  test('distPortFlags and tlsDistFlags', () => {
    expect(distPortFlags(9100)).toBe('-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100');
    expect(tlsDistFlags('/etc/tls/ssl_dist.conf')).toBe('-proto_dist inet_tls -ssl_dist_optfile /etc/tls/ssl_dist.conf');
  });

  test('listenPort: ERL_DIST_PORT first (digits only), else a one-port range, the last variable winning', () => {
    expect(listenPort({ ERL_DIST_PORT: '9200', ERL_AFLAGS: distPortFlags(9100) })).toBe(9200);
    expect(listenPort({ ERL_DIST_PORT: '92x', ERL_AFLAGS: distPortFlags(9100) })).toBeUndefined();
    expect(listenPort({ ERL_DIST_PORT: ' 9200' })).toBeUndefined();
    expect(listenPort({ ERL_AFLAGS: distPortFlags(9100) })).toBe(9100);
    expect(listenPort({ ERL_AFLAGS: distPortFlags(9100), ERL_ZFLAGS: distPortFlags(9300) })).toBe(9300);
    expect(listenPort({ ERL_ZFLAGS: distPortFlags(9300), ERL_FLAGS: distPortFlags(9200) })).toBe(9300);
    expect(listenPort({ ERL_AFLAGS: '-kernel inet_dist_listen_min 9100', ERL_FLAGS: '-kernel inet_dist_listen_max 9100' })).toBe(9100);
    expect(listenPort({ ERL_AFLAGS: '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9101' })).toBeUndefined();
    expect(listenPort({ ERL_AFLAGS: '-kernel inet_dist_listen_min 9100' })).toBeUndefined();
    expect(listenPort({ ERL_AFLAGS: '-kernel inet_dist_listen_max 9100' })).toBeUndefined();
    expect(listenPort({ ERL_AFLAGS: '-kernel inet_dist_listen_min x9 inet_dist_listen_max x9' })).toBeUndefined();
    expect(listenPort({ ERL_AFLAGS: '-kernel inet_dist_listen_min 9x inet_dist_listen_max 9x' })).toBeUndefined();
    expect(listenPort({ OTHER: distPortFlags(9100) })).toBeUndefined();
    expect(listenPort({})).toBeUndefined();
  });
});

describe('names', () => {
  test('pod names, FQDNs and node names', () => {
    expect(DEFAULT_CLUSTER_DOMAIN).toBe('cluster.local');
    expect(podName('app-sfs', 2)).toBe('app-sfs-2');
    expect(serviceFqdn('hl', 'ns')).toBe('hl.ns.svc.cluster.local');
    expect(serviceFqdn('hl', 'ns', 'corp.local')).toBe('hl.ns.svc.corp.local');
    expect(podFqdn('app-sfs', 0, 'hl', 'ns')).toBe('app-sfs-0.hl.ns.svc.cluster.local');
    expect(podFqdn('app-sfs', 1, 'hl', 'ns', 'corp.local')).toBe('app-sfs-1.hl.ns.svc.corp.local');
    expect(erlangNodeName('app', 'h')).toBe('app@h');
    expect(clusterNodeNames('app', 's', 2, 'hl', 'ns')).toEqual(['app@s-0.hl.ns.svc.cluster.local', 'app@s-1.hl.ns.svc.cluster.local']);
    expect(clusterNodeNames('app', 's', 1, 'hl', 'ns', 'x.local')).toEqual(['app@s-0.hl.ns.svc.x.local']);
    expect(clusterNodeNames('app', 's', 0, 'hl', 'ns')).toEqual([]);
  });

  test('serviceAddress: the short name in its own namespace, the FQDN from another', () => {
    expect(serviceAddress('svc', 'ns', 'ns')).toBe('svc');
    expect(serviceAddress('svc', 'ns', 'other')).toBe('svc.ns.svc.cluster.local');
    expect(serviceAddress('svc', 'ns', 'other', 'corp.local')).toBe('svc.ns.svc.corp.local');
  });
});

describe('ErlangCookie', () => {
  test('fromSecret: the key defaults to cookie; both are checked', () => {
    const c = ErlangCookie.fromSecret('erl-cookie');
    expect([c.secretName, c.key, String(c), ErlangCookie.isErlangCookie(c), ErlangCookie.isErlangCookie({})]).toEqual([
      'erl-cookie',
      'cookie',
      'erl-cookie/cookie',
      true,
      false,
    ]);
    expect(ErlangCookie.fromSecret('s', 'k.1').toString()).toBe('s/k.1');
    const bad = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof ConfigError ? [e.where, e.prop] : e;
      }
      return 'ok';
    };
    expect(bad(() => ErlangCookie.fromSecret('Bad'))).toEqual(['ErlangCookie.fromSecret', 'secretName']);
    expect(bad(() => ErlangCookie.fromSecret('s', 'a/b'))).toEqual(['ErlangCookie.fromSecret', 'key']);
  });

  test('sameAs needs the same Secret and the same key; checkSameCookie says both', () => {
    const a = ErlangCookie.fromSecret('s', 'k');
    expect([a.sameAs(ErlangCookie.fromSecret('s', 'k')), a.sameAs(ErlangCookie.fromSecret('s', 'j')), a.sameAs(ErlangCookie.fromSecret('t', 'k'))]).toEqual([
      true,
      false,
      false,
    ]);
    expect(() => checkSameCookie('w', a, ErlangCookie.fromSecret('s', 'k'), 'peer/p')).not.toThrow();
    let e: ConfigError | undefined;
    try {
      checkSameCookie('w', a, ErlangCookie.fromSecret('t', 'k'), 'peer/p');
    } catch (x) {
      e = x as ConfigError;
    }
    expect([e?.where, e?.prop, e?.value, e?.allowed]).toEqual([
      'w',
      'peer',
      'peer/p',
      'uses cookie t/k but this cluster uses s/k; clusters with different cookies cannot connect ("disallowed node"). Share one ErlangCookie, or do not make them peers',
    ]);
  });
});

describe('network-policy helpers', () => {
  test('peerOf: a namespaceSelector only across namespaces; all pods of another namespace without a podSelector', () => {
    expect(NAMESPACE_NAME_LABEL).toBe('kubernetes.io/metadata.name');
    expect(peerOf('ns', { app: 'a' }, 'ns')).toEqual({ namespaceSelector: undefined, podSelector: { matchLabels: { app: 'a' } } });
    expect(peerOf('ns', undefined, 'ns')).toEqual({ namespaceSelector: undefined, podSelector: { matchLabels: undefined } });
    expect(peerOf('other', { app: 'a' }, 'ns')).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } },
      podSelector: { matchLabels: { app: 'a' } },
    });
    expect(peerOf('other', undefined, 'ns')).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } },
      podSelector: undefined,
    });
  });

  test('policyPort: TCP unless told', () => {
    expect(policyPort(4369)).toEqual({ protocol: 'TCP', port: IntOrString.fromNumber(4369) });
    expect(policyPort(53, 'UDP')).toEqual({ protocol: 'UDP', port: IntOrString.fromNumber(53) });
    expect(policyPort(4369).port?.value).toBe(4369);
  });
});

describe('kubelet env expansion, edge cases', () => {
  const lookup = (vars: Record<string, string>) => (n: string) => vars[n];

  test('a lone $ at the end, $ before other characters, $() and an unclosed $( stay literal', () => {
    expect(expandReferences('a$', lookup({}))).toBe('a$');
    expect(expandReferences('$', lookup({}))).toBe('$');
    expect(expandReferences('$x$(A)', lookup({ A: '1' }))).toBe('$x1');
    expect(expandReferences('$()', lookup({ '': 'empty' }))).toBe('$()');
    expect(expandReferences('x$(A$(B)', lookup({ A: '1', B: '2', 'A$(B': '3' }))).toBe('x3');
    expect(expandReferences('$(A)$(', lookup({ A: '1' }))).toBe('1$(');
    expect(expandReferences('$(A)b$(A)', lookup({ A: '' }))).toBe('b');
    expect(expandReferences('$$$$', lookup({}))).toBe('$$');
    expect(expandReferences('$$$(A)', lookup({ A: '1' }))).toBe('$1');
    expect(expandReferences('', lookup({}))).toBe('');
  });

  test('resolveEnv: a later definition replaces an earlier one; a missing value is empty', () => {
    const resolved = resolveEnv(
      [{ name: 'A', value: '1' }, { name: 'B', value: '$(A)' }, { name: 'A', value: '2' }, { name: 'C' }, { name: 'D', value: '$(A)$(C)' }],
      () => 'x',
    );
    expect([...resolved]).toEqual([
      ['A', '2'],
      ['B', '1'],
      ['C', ''],
      ['D', '2'],
    ]);
  });

  test('unresolvedReferences: every reference of every variable; valueFrom ones define but hold none', () => {
    expect(
      unresolvedReferences([
        { name: 'A', value: '$(B) $(C) $(A)' },
        { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'D', value: '$(B) $$$(B) $()' },
      ]),
    ).toEqual([
      { variable: 'A', reference: 'B', reason: 'defined-later' },
      { variable: 'A', reference: 'C', reason: 'undefined' },
      { variable: 'A', reference: 'A', reason: 'defined-later' },
      { variable: 'D', reference: '', reason: 'undefined' },
    ]);
  });
});

describe('the node env contract', () => {
  test('nodeEnv: identity, host name, node name, cookie, port, in that order; ERL_DIST_PORT and ERL_AFLAGS only when asked', () => {
    const base = {
      basename: 'app',
      headlessServiceName: 'app-hl',
      clusterDomain: 'corp.local',
      relxCookie: true,
      erlDistPort: true,
      cookieSecretName: 'ck',
      cookieKey: 'k',
      distPort: 9100,
      epmdless: false,
    };
    const field = (fieldPath: string) => ({ fieldRef: { apiVersion: 'v1', fieldPath } });
    const common = [
      { name: 'NAMESPACE', valueFrom: field('metadata.namespace') },
      { name: 'POD_NAME', valueFrom: field('metadata.name') },
      { name: 'LOCAL_IP', valueFrom: field('status.podIP') },
      { name: 'ERLANG_HOST_NAME', value: '$(POD_NAME).app-hl.$(NAMESPACE).svc.corp.local' },
      { name: 'RELEASE_DISTRIBUTION', value: 'name' },
      { name: 'RELEASE_NODE', value: 'app@$(ERLANG_HOST_NAME)' },
      { name: 'RELEASE_COOKIE', valueFrom: { secretKeyRef: { name: 'ck', key: 'k' } } },
      { name: 'RELX_COOKIE', value: '$(RELEASE_COOKIE)' },
      { name: 'ERLANG_DIST_PORT', value: '9100' },
    ];
    expect(nodeEnv(base)).toEqual(common);
    expect(nodeEnv({ ...base, epmdless: true, erlAflags: '+S 1:1' })).toEqual([
      ...common,
      { name: 'ERL_DIST_PORT', value: '9100' },
      { name: 'ERL_AFLAGS', value: '+S 1:1' },
    ]);
    expect(podIdentityEnv()).toEqual(common.slice(0, 3));
    expect(hostNameTemplate('h', 'd')).toBe('$(POD_NAME).h.$(NAMESPACE).svc.d');
    expect(COOKIE_ENV_NAMES).toEqual(['RELEASE_COOKIE', 'RELX_COOKIE', 'ERLANG_COOKIE', 'COOKIE']);
  });
});
