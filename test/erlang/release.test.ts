/**
 * ErlangRelease and the cluster's `release` prop: the env each kind's start
 * script reads, where each pins the dist port, and the lines each release must
 * carry.
 */
import { Chart, Testing } from 'cdk8s';
import { ClusterDiscovery, DistPortPin, ErlangCookie, ErlangRelease, ErlangStatefulCluster, ReleaseKind } from 'cdk8s-erlang-cluster';
import { configErrorOf } from '../helpers';

const cookie = ErlangCookie.fromSecretName('chat-cookie');

function envOf(props: Record<string, unknown>): Map<string, string | undefined> {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'chat' });
  new ErlangStatefulCluster(chart, 'Chat', { basename: 'chat', image: 'chat:1.0', cookie, release: ErlangRelease.mix(), ...props });
  const sts = Testing.synth(chart).find((o) => o.kind === 'StatefulSet');
  return new Map(sts.spec.template.spec.containers[0].env.map((e: { name: string; value?: string }) => [e.name, e.value]));
}

function cluster(props: Record<string, unknown>): ErlangStatefulCluster {
  return new ErlangStatefulCluster(Testing.chart(), 'Chat', { basename: 'chat', image: 'chat:1.0', cookie, release: ErlangRelease.mix(), ...props });
}

describe('ErlangRelease', () => {
  test('two kinds, branded across copies, printed as their kind', () => {
    expect([ErlangRelease.mix().kind, ErlangRelease.relx().kind]).toEqual([ReleaseKind.MIX, ReleaseKind.RELX]);
    expect([String(ErlangRelease.mix()), `${ErlangRelease.relx()}`]).toEqual(['mix', 'relx']);
    expect(ErlangRelease.isErlangRelease(ErlangRelease.mix())).toBe(true);
    expect(ErlangRelease.isErlangRelease({ kind: 'mix' })).toBe(false);
  });

  test('mix pins the port in the release, relx through ERL_AFLAGS', () => {
    expect([ErlangRelease.mix()._defaultPin, ErlangRelease.relx()._defaultPin]).toEqual([DistPortPin.RELEASE, DistPortPin.ERL_AFLAGS]);
  });

  test("mix's lines: the pin in rel/vm.args.eex; epmd-less, no epmd in vm.args.eex and remote VMs that do not listen", () => {
    const mix = ErlangRelease.mix();
    expect(mix._configLines({ port: 9200, epmdless: false, pin: DistPortPin.RELEASE })).toEqual([
      { path: 'rel/vm.args.eex', line: '-kernel inet_dist_listen_min 9200 inet_dist_listen_max 9200', reason: expect.any(String) },
    ]);
    expect(mix._configLines({ port: 9300, epmdless: true, pin: DistPortPin.RELEASE }).map((l) => [l.path, l.line])).toEqual([
      ['rel/vm.args.eex', '-start_epmd false -erl_epmd_port 9300'],
      ['rel/remote.vm.args.eex', '-start_epmd false -erl_epmd_port 9300 -dist_listen false'],
    ]);
  });

  test("relx's lines: the name and cookie in config/vm.args.src, and the pin there only when the release pins it", () => {
    const relx = ErlangRelease.relx();
    // relx substitutes ${VAR} in vm.args.src at boot.
    const nameAndCookie = [
      ['config/vm.args.src', '-name $' + '{RELEASE_NODE}'],
      ['config/vm.args.src', '-setcookie $' + '{RELX_COOKIE}'],
    ];
    const lines = (epmdless: boolean, pin: DistPortPin) => relx._configLines({ port: 9100, epmdless, pin }).map((l) => [l.path, l.line]);
    expect(lines(false, DistPortPin.ERL_AFLAGS)).toEqual(nameAndCookie);
    expect(lines(true, DistPortPin.ERL_AFLAGS)).toEqual(nameAndCookie);
    expect(lines(true, DistPortPin.RELEASE)).toEqual(nameAndCookie);
    expect(lines(false, DistPortPin.RELEASE)).toEqual([
      ...nameAndCookie,
      ['config/vm.args.src', '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100'],
    ]);
  });
  test('each line with its reason, exactly; mix pinned through ERL_AFLAGS carries no line', () => {
    expect(ErlangRelease.mix()._configLines({ port: 9200, epmdless: false, pin: DistPortPin.ERL_AFLAGS })).toEqual([]);
    expect(ErlangRelease.mix()._configLines({ port: 9200, epmdless: false, pin: DistPortPin.RELEASE })).toEqual([
      {
        path: 'rel/vm.args.eex',
        line: '-kernel inet_dist_listen_min 9200 inet_dist_listen_max 9200',
        reason: 'the node, and only the node, listens on the dist port',
      },
    ]);
    expect(ErlangRelease.mix()._configLines({ port: 9300, epmdless: true, pin: DistPortPin.RELEASE })).toEqual([
      { path: 'rel/vm.args.eex', line: '-start_epmd false -erl_epmd_port 9300', reason: 'the node runs without epmd and listens on the dist port' },
      {
        path: 'rel/remote.vm.args.eex',
        line: '-start_epmd false -erl_epmd_port 9300 -dist_listen false',
        reason: 'rpc, remote, stop and pid reach the node on the dist port without epmd, and do not listen themselves',
      },
    ]);
    expect(ErlangRelease.relx()._configLines({ port: 9100, epmdless: false, pin: DistPortPin.RELEASE })).toEqual([
      { path: 'config/vm.args.src', line: '-name $' + '{RELEASE_NODE}', reason: 'the long node name, from the pod DNS name' },
      { path: 'config/vm.args.src', line: '-setcookie $' + '{RELX_COOKIE}', reason: 'the cookie, from the Secret' },
      { path: 'config/vm.args.src', line: '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100', reason: 'the node listens on the dist port' },
    ]);
  });
  test('the cookie as a file: each line with its reason, exactly (mix ignores the cookie its script passes; relx passes none)', () => {
    const ignores = 'the VM ignores the -setcookie that the start script passes and reads $HOME/.erlang.cookie';
    expect(ErlangRelease.mix()._configLines({ port: 9200, epmdless: false, pin: DistPortPin.RELEASE, cookieFile: true })).toEqual([
      {
        path: 'rel/vm.args.eex',
        line: '-kernel inet_dist_listen_min 9200 inet_dist_listen_max 9200',
        reason: 'the node, and only the node, listens on the dist port',
      },
      { path: 'rel/vm.args.eex', line: '-setcookie', reason: ignores },
      { path: 'rel/remote.vm.args.eex', line: '-setcookie', reason: `${ignores} (rpc, remote, stop, pid)` },
      {
        path: 'mix.exs',
        line: 'cookie: ""',
        reason:
          'in the release\'s options under releases: an empty releases/COOKIE, so the start script exports RELEASE_COOKIE empty and passes -setcookie "": no VM holds a cookie in its env or arguments',
      },
    ]);
    expect(ErlangRelease.relx()._configLines({ port: 9100, epmdless: false, pin: DistPortPin.RELEASE, cookieFile: true })).toEqual([
      { path: 'config/vm.args.src', line: '-name $' + '{RELEASE_NODE}', reason: 'the long node name, from the pod DNS name' },
      { path: 'config/vm.args.src', line: '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100', reason: 'the node listens on the dist port' },
    ]);
  });
});

describe('the release prop', () => {
  test('mix: RELEASE_* only, no RELX_COOKIE, no port pin in ERL_AFLAGS (only the schedulers)', () => {
    const env = envOf({});
    expect(env.get('RELEASE_DISTRIBUTION')).toBe('name');
    expect(env.get('RELEASE_NODE')).toBe('chat@$(ERLANG_HOST_NAME)');
    expect(env.has('RELEASE_COOKIE')).toBe(true);
    expect(env.has('RELX_COOKIE')).toBe(false);
    expect(env.get('ERL_AFLAGS')).toBe('+S 1:1');
    expect(env.get('ERLANG_DIST_PORT')).toBe('9100');
  });

  test('mix epmd-less: no ERL_DIST_PORT, which its start script does not read', () => {
    const env = envOf({ distribution: { epmdless: true } });
    expect(env.has('ERL_DIST_PORT')).toBe(false);
    expect(env.get('ERL_AFLAGS')).toBe('+S 1:1');
  });

  test('relx: RELX_COOKIE, the pin in ERL_AFLAGS, ERL_DIST_PORT when epmd-less', () => {
    expect(envOf({ release: ErlangRelease.relx() }).get('RELX_COOKIE')).toBe('$(RELEASE_COOKIE)');
    expect(envOf({ release: ErlangRelease.relx() }).get('ERL_AFLAGS')).toBe('-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100 +S 1:1');
    expect(envOf({ release: ErlangRelease.relx(), distribution: { epmdless: true } }).get('ERL_DIST_PORT')).toBe('9100');
  });

  test('the construct lists the lines its release must carry', () => {
    expect(cluster({ distribution: { port: 9400 } }).releaseConfiguration.map((l) => l.line)).toEqual([
      '-kernel inet_dist_listen_min 9400 inet_dist_listen_max 9400',
    ]);
    expect(cluster({}).release.kind).toBe(ReleaseKind.MIX);
  });

  test('required, and mix with the ERL_AFLAGS pin is refused: it breaks rpc, remote, stop and pid', () => {
    expect(configErrorOf(() => cluster({ release: undefined })).message).toBe(
      'test/Chat: invalid release (missing): is required: ErlangRelease.mix() for an Elixir mix release, or ErlangRelease.relx() for rebar3',
    );
    expect(configErrorOf(() => cluster({ release: 'mix' })).prop).toBe('release');
    expect(configErrorOf(() => cluster({ distribution: { pin: DistPortPin.ERL_AFLAGS } })).message).toBe(
      'test/Chat: invalid distribution.pin "erl-aflags": must be DistPortPin.RELEASE with ErlangRelease.mix(): mix\'s rpc, remote, stop and pid start a second VM that reads ERL_AFLAGS and fails with eaddrinuse',
    );
    // Epmd-less mode puts no pin in ERL_AFLAGS, so the pin prop does not matter there.
    expect(() => cluster({ distribution: { pin: DistPortPin.ERL_AFLAGS, epmdless: true } })).not.toThrow();
  });
});

describe('DNS SRV discovery in any cluster domain', () => {
  test("the pods get CLUSTER_DOMAIN, absolute, as libcluster's Kubernetes.DNSSRV reads it", () => {
    expect(envOf({ clusterDomain: 'corp.example' }).get('CLUSTER_DOMAIN')).toBe('corp.example.');
    expect(envOf({}).get('CLUSTER_DOMAIN')).toBe('cluster.local.');
    // Only DNSSRV reads it the way we set it: the Kubernetes strategy derives its own from kubernetes_cluster_name.
    expect(envOf({ clusterDomain: 'corp.local', discovery: ClusterDiscovery.kubernetesApi() }).has('CLUSTER_DOMAIN')).toBe(false);
    expect(envOf({ discovery: ClusterDiscovery.none() }).has('CLUSTER_DOMAIN')).toBe(false);
  });

  test('the data volume is named to the app as ERLANG_DATA_DIR', () => {
    expect(envOf({ storage: { mountPath: '/var/lib/chat' } }).get('ERLANG_DATA_DIR')).toBe('/var/lib/chat');
    expect(envOf({}).has('ERLANG_DATA_DIR')).toBe(false);
  });
});
