/**
 * The e2e check's kubelet model against the kubelet's documented and coded
 * behaviour, case by case: resolv.conf from dnsPolicy/dnsConfig, the request
 * a probe sends and whether it can succeed, and the termination timeline. The
 * live run and the static judgments trust these, so they are tested here on
 * their own, without root.
 */
import { Container, PodRuntimeSpec, Probe } from '../../e2e/kube';
import {
  clusterNamesUnresolvable,
  KubeletDnsSettings,
  MAX_NAMESERVERS,
  MAX_SEARCH_DOMAINS,
  MAX_SEARCH_LINE_CHARS,
  podDnsConfig,
  renderResolvConf,
} from '../../e2e/kubelet-dns';
import { execVerdict, ExecImage, headerValue, HealthyPod, httpProbeSucceeds, KUBE_PROBE_HEADERS, probeRequest, probeVerdict } from '../../e2e/probes';
import { graceTimeline, MIN_STOP_WINDOW_MS, terminate } from '../../e2e/termination';

const kubelet: KubeletDnsSettings = {
  clusterDns: ['10.96.0.10'],
  clusterDomain: 'cluster.local',
  node: { nameservers: ['10.0.0.2'], searches: ['corp.example'], options: ['timeout:2'] },
};

describe('resolv.conf from dnsPolicy and dnsConfig', () => {
  test('ClusterFirst (the default): cluster DNS only, the cluster search path then the node one, ndots:5 alone', () => {
    const c = podDnsConfig(undefined, 'prod', kubelet);
    expect(c).toEqual({
      nameservers: ['10.96.0.10'],
      searches: ['prod.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example'],
      options: ['ndots:5'],
    });
    expect(renderResolvConf(c)).toBe('search prod.svc.cluster.local svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\noptions ndots:5\n');
    expect(clusterNamesUnresolvable(c, undefined, kubelet)).toBeUndefined();
  });

  test('the node search domains that repeat the cluster ones are dropped', () => {
    const c = podDnsConfig({}, 'prod', { ...kubelet, node: { ...kubelet.node, searches: ['cluster.local', 'corp.example'] } });
    expect(c.searches).toEqual(['prod.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example']);
  });

  test('Default: the node resolver as it is, so cluster names do not resolve', () => {
    const spec: PodRuntimeSpec = { dnsPolicy: 'Default' };
    const c = podDnsConfig(spec, 'prod', kubelet);
    expect(c).toEqual(kubelet.node);
    expect(clusterNamesUnresolvable(c, spec, kubelet)).toMatch(/^dnsPolicy Default gives the pod the node resolver: its nameservers \[10\.0\.0\.2\]/);
  });

  test('ClusterFirst on hostNetwork falls back to the node; ClusterFirstWithHostNet does not', () => {
    const host: PodRuntimeSpec = { hostNetwork: true };
    expect(podDnsConfig(host, 'prod', kubelet)).toEqual(kubelet.node);
    expect(clusterNamesUnresolvable(podDnsConfig(host, 'prod', kubelet), host, kubelet)).toMatch(/hostNetwork pod falls back/);
    expect(podDnsConfig({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' }, 'prod', kubelet).nameservers).toEqual(['10.96.0.10']);
    // Without hostNetwork, ClusterFirstWithHostNet is ClusterFirst.
    expect(podDnsConfig({ dnsPolicy: 'ClusterFirstWithHostNet' }, 'prod', kubelet)).toEqual(podDnsConfig(undefined, 'prod', kubelet));
  });

  test('None: only dnsConfig', () => {
    const c = podDnsConfig(
      { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['a.example'], options: [{ name: 'edns0' }] } },
      'prod',
      kubelet,
    );
    expect(c).toEqual({ nameservers: ['1.1.1.1'], searches: ['a.example'], options: ['edns0'] });
    expect(renderResolvConf(podDnsConfig({ dnsPolicy: 'None' }, 'prod', kubelet))).toBe('');
  });

  test('dnsConfig merges: nameservers and searches appended without duplicates, options override by name', () => {
    const c = podDnsConfig(
      {
        dnsConfig: {
          nameservers: ['10.96.0.10', '8.8.8.8'],
          searches: ['cluster.local', 'x.example'],
          options: [{ name: 'ndots', value: '2' }, { name: 'single-request-reopen' }],
        },
      },
      'prod',
      kubelet,
    );
    expect(c.nameservers).toEqual(['10.96.0.10', '8.8.8.8']);
    expect(c.searches).toEqual(['prod.svc.cluster.local', 'svc.cluster.local', 'cluster.local', 'corp.example', 'x.example']);
    expect(c.options).toEqual(['ndots:2', 'single-request-reopen']);
  });

  test('the kubelet keeps at most 3 nameservers, 32 search domains, none over 253 characters, 2048 on the line', () => {
    const many = Array.from({ length: 40 }, (_, i) => `d${i}.example`);
    const c = podDnsConfig({ dnsConfig: { nameservers: ['1.1.1.1', '2.2.2.2', '3.3.3.3'], searches: many } }, 'prod', kubelet);
    expect(c.nameservers).toEqual(['10.96.0.10', '1.1.1.1', '2.2.2.2']);
    expect(c.nameservers).toHaveLength(MAX_NAMESERVERS);
    expect(c.searches).toHaveLength(MAX_SEARCH_DOMAINS);
    const long = 'a'.repeat(254);
    expect(podDnsConfig({ dnsPolicy: 'None', dnsConfig: { searches: [long, 'ok.example'] } }, 'prod', kubelet).searches).toEqual(['ok.example']);
    const wide = Array.from({ length: 10 }, (_, i) => `${String(i).repeat(250)}`);
    const fitted = podDnsConfig({ dnsPolicy: 'None', dnsConfig: { searches: wide } }, 'prod', kubelet).searches;
    expect(fitted.join(' ').length).toBeLessThanOrEqual(MAX_SEARCH_LINE_CHARS);
    expect(fitted).toEqual(wide.slice(0, fitted.length));
    expect(fitted.length).toBe(8);
  });
});

const container: Container = {
  name: 'app',
  ports: [
    { name: 'http', containerPort: 8080 },
    { name: 'dist', containerPort: 9100 },
  ],
};
const pod = { ip: '10.244.0.10', container };
const image: ExecImage = { workingDir: '/opt/app', tool: '/opt/app/bin/app', succeeds: ['ping', 'pid'] };
const healthy: HealthyPod = { ip: pod.ip, http: new Map([[8080, ['/ping']]]), tcp: [8080, 9100], image };

describe('probe requests', () => {
  test('httpGet defaults: HTTP, the pod IP, path /, the kubelet headers', () => {
    expect(probeRequest({ httpGet: { port: 8080 } }, pod)).toEqual({
      kind: 'http',
      scheme: 'http',
      host: pod.ip,
      port: 8080,
      path: '/',
      headers: KUBE_PROBE_HEADERS,
    });
  });

  test('scheme, host, named port and path are honoured', () => {
    const r = probeRequest({ httpGet: { scheme: 'HTTPS', host: '10.1.2.3', port: 'http', path: 'ping' } }, pod);
    expect(r).toMatchObject({ kind: 'http', scheme: 'https', host: '10.1.2.3', port: 8080, path: '/ping' });
  });

  test('httpHeaders override the kubelet headers by name, case-insensitively, and may set Host', () => {
    const r = probeRequest(
      {
        httpGet: {
          port: 8080,
          httpHeaders: [
            { name: 'user-agent', value: 'mine' },
            { name: 'Host', value: 'app.example' },
          ],
        },
      },
      pod,
    );
    if (r.kind !== 'http') throw new Error(r.kind);
    expect(headerValue(r.headers, 'User-Agent')).toBe('mine');
    expect(Object.keys(r.headers).filter((k) => k.toLowerCase() === 'user-agent')).toHaveLength(1);
    expect(headerValue(r.headers, 'host')).toBe('app.example');
    expect(headerValue(r.headers, 'Accept')).toBe('*/*');
  });

  test('a port name the container lacks, or an unknown scheme, cannot be sent', () => {
    expect(probeRequest({ httpGet: { port: 'nope' } }, pod)).toMatchObject({ kind: 'broken', why: expect.stringMatching(/"nope" is not a port/) });
    expect(probeRequest({ httpGet: { port: 8080, scheme: 'FTP' } }, pod)).toMatchObject({ kind: 'broken' });
    expect(probeRequest({}, pod)).toMatchObject({ kind: 'broken', why: expect.stringMatching(/no handler/) });
  });

  test('tcpSocket and exec', () => {
    expect(probeRequest({ tcpSocket: { port: 'dist' } }, pod)).toEqual({ kind: 'tcp', host: pod.ip, port: 9100 });
    expect(probeRequest({ exec: { command: ['bin/app', 'ping'] } }, pod)).toEqual({ kind: 'exec', command: ['bin/app', 'ping'] });
  });

  test('success is 200 to 399', () => {
    expect([199, 200, 302, 399, 400, 500, undefined].map(httpProbeSucceeds)).toEqual([false, true, true, true, false, false, false]);
  });
});

describe('probe verdicts on a healthy pod', () => {
  const verdict = (p: Probe) => probeVerdict(probeRequest(p, pod), healthy);

  test('GET /ping on the app port, a listening TCP port, the release ping succeed', () => {
    expect(verdict({ httpGet: { path: '/ping', port: 'http' } })).toBeUndefined();
    expect(verdict({ httpGet: { path: '/ping', port: 8080, httpHeaders: [{ name: 'Host', value: 'x' }] } })).toBeUndefined();
    expect(verdict({ tcpSocket: { port: 'dist' } })).toBeUndefined();
    expect(verdict({ exec: { command: ['bin/app', 'ping'] } })).toBeUndefined();
    expect(verdict({ exec: { command: ['/opt/app/bin/app', 'pid'] } })).toBeUndefined();
  });

  test('HTTPS to the plain port, another host, another path, a closed port fail', () => {
    expect(verdict({ httpGet: { path: '/ping', port: 8080, scheme: 'HTTPS' } })).toMatch(/speaks HTTPS to port 8080, which serves plain HTTP/);
    expect(verdict({ httpGet: { path: '/ping', port: 8080, host: '127.0.0.1' } })).toMatch(/127\.0\.0\.1, not to the pod .*node's own loopback/);
    expect(verdict({ httpGet: { path: '/ping', port: 8080, host: 'app-svc' } })).toMatch(/a name the node cannot resolve/);
    expect(verdict({ httpGet: { path: '/health', port: 8080 } })).toMatch(/GET \/health on port 8080 is not answered/);
    expect(verdict({ tcpSocket: { port: 4000 } })).toMatch(/nothing listens on port 4000/);
  });

  test('exec: a command the image lacks, or a subcommand that exits non-zero, fails', () => {
    expect(execVerdict([], image)).toMatch(/no command/);
    expect(execVerdict(['app', 'ping'], image)).toMatch(/looked up on PATH/);
    expect(execVerdict(['/bin/app', 'ping'], image)).toMatch(/\/bin\/app does not exist in the image/);
    expect(execVerdict(['bin/app', 'health'], image)).toMatch(/exits non-zero on a running node/);
    expect(execVerdict(['bin/app', 'ping', 'extra'], image)).toMatch(/exits non-zero/);
  });
});

describe('termination timeline', () => {
  test('the grace period is counted from the deletion; SIGTERM at once without a hook', () => {
    expect(graceTimeline({ terminationGracePeriodSeconds: 60 }, undefined)).toEqual({ graceMs: 60_000, preStopBudgetMs: 0, termAtMs: 0, killAtMs: 60_000 });
    // The API default is 30 s.
    expect(graceTimeline(undefined, undefined).killAtMs).toBe(30_000);
  });

  test('a preStop hook runs within the grace period, and its time counts', () => {
    expect(graceTimeline({ terminationGracePeriodSeconds: 60 }, 10_000)).toEqual({
      graceMs: 60_000,
      preStopBudgetMs: 60_000,
      termAtMs: 10_000,
      killAtMs: 60_000,
    });
    // A hook that overruns is cut at the grace period; the container still gets the minimum window.
    expect(graceTimeline({ terminationGracePeriodSeconds: 5 }, 9_000)).toMatchObject({ termAtMs: 5_000, killAtMs: 5_000 + MIN_STOP_WINDOW_MS });
  });

  test('0 becomes 1 s, and SIGTERM → SIGKILL is never under 2 s', () => {
    expect(graceTimeline({ terminationGracePeriodSeconds: 0 }, undefined)).toMatchObject({ graceMs: 1_000, killAtMs: 2_000 });
    expect(graceTimeline({ terminationGracePeriodSeconds: 1 }, 500)).toMatchObject({ termAtMs: 500, killAtMs: 2_500 });
  });

  test('scaled for the live run: 60 s → 6 s, the 2 s window kept', () => {
    expect(graceTimeline({ terminationGracePeriodSeconds: 60 }, undefined, 10).killAtMs).toBe(6_000);
    expect(graceTimeline({ terminationGracePeriodSeconds: 10 }, undefined, 10).killAtMs).toBe(2_000);
  });

  test('terminate: preStop, then SIGTERM; SIGKILL only when the container outlives the grace period', async () => {
    const signals: string[] = [];
    let exit: (e: { code: number | null; signal: string | null }) => void = () => undefined;
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) => {
      exit = r;
    });
    const clean = await terminate(
      {
        spec: { terminationGracePeriodSeconds: 60 },
        preStop: async () => {
          signals.push('preStop');
        },
        signal: (s) => {
          signals.push(s);
          if (s === 'SIGTERM') setTimeout(() => exit({ code: 0, signal: null }), 20);
        },
        exited,
      },
      10,
    );
    expect(signals).toEqual(['preStop', 'SIGTERM']);
    expect(clean).toMatchObject({ killed: false, exitCode: 0, killAtMs: 6_000 });

    const stubborn: string[] = [];
    let die: (e: { code: number | null; signal: string | null }) => void = () => undefined;
    const t = Date.now();
    const killed = await terminate(
      {
        spec: { terminationGracePeriodSeconds: 0 },
        signal: (s) => {
          stubborn.push(s);
          if (s === 'SIGKILL') die({ code: null, signal: 'SIGKILL' });
        },
        exited: new Promise((r) => {
          die = r;
        }),
      },
      10,
    );
    expect(stubborn).toEqual(['SIGTERM', 'SIGKILL']);
    expect(killed).toMatchObject({ killed: true, signal: 'SIGKILL', killAtMs: MIN_STOP_WINDOW_MS });
    expect(Date.now() - t).toBeGreaterThanOrEqual(MIN_STOP_WINDOW_MS - 50);
  });
});
