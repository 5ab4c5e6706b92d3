/**
 * lib/erlang/flags.ts: the one grammar that writes the flags of a node's command line and
 * reads them back, for the constructs, the manifest rules and the e2e check; the emulator-flag
 * grammar where it is easy to get wrong.
 */
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
  flagArgument,
  epmdlessArgs,
  isEpmdless,
} from '../../lib/erlang/flags';
import { checkManifests } from '../../lib/validation/manifests';
import { certificate, container, PIN, setEnv, tlsCluster } from '../fixtures/manifests';

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

test('parseErlFlags: an unset or blank variable has no flags', () => {
  expect(parseErlFlags(undefined)).toEqual([]);
  expect(parseErlFlags('')).toEqual([]);
  expect(parseErlFlags(' \t\n ')).toEqual([]);
  expect(parseErlFlags(' stray -sname  a\t+S 2 ')).toEqual([
    { flag: '-sname', args: ['a'] },
    { flag: '+S', args: ['2'] },
  ]);
});

describe('emulator flags', () => {
  test('an unset variable has no flags; tokens are the runs of non-white space', () => {
    expect(parseErlFlags(undefined)).toEqual([]);
    expect(parseErlFlags('\t-name  a@b \n\n+sbwt\tvery_short  ')).toEqual([
      { flag: '-name', args: ['a@b'] },
      { flag: '+sbwt', args: ['very_short'] },
    ]);
  });

  test('listenPort and flagArgument read the variables that are set and skip the unset ones', () => {
    expect(listenPort({ ERL_FLAGS: '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9100' })).toBe(9100);
    expect(listenPort({ ERL_AFLAGS: '-kernel inet_dist_listen_min 9100', ERL_ZFLAGS: '-kernel inet_dist_listen_max 9100' })).toBe(9100);
    expect(flagArgument({ ERL_ZFLAGS: '-proto_dist inet_tls' }, '-proto_dist')).toBe('inet_tls');
  });

  test('listenPort: only a range of one port of digits is a port; an unset end is no range', () => {
    expect(listenPort({})).toBeUndefined();
    expect(listenPort({ ERL_FLAGS: '-kernel inet_dist_listen_max 9100' })).toBeUndefined();
    expect(listenPort({ ERL_FLAGS: '-kernel inet_dist_listen_min 9100' })).toBeUndefined();
    expect(listenPort({ ERL_FLAGS: '-kernel inet_dist_listen_min 9100 inet_dist_listen_max 9101' })).toBeUndefined();
    expect(listenPort({ ERL_FLAGS: '-kernel inet_dist_listen_min undefined inet_dist_listen_max undefined' })).toBeUndefined();
  });
});

describe('the flag grammar reads what the rules and the e2e read (lib/erlang/flags.ts)', () => {
  test('flagArgument: the last setting across ERL_AFLAGS, ERL_FLAGS and ERL_ZFLAGS wins', () => {
    expect(flagArgument({ ERL_AFLAGS: '-proto_dist inet_tls -ssl_dist_optfile /a.conf' }, '-proto_dist')).toBe('inet_tls');
    expect(flagArgument({ ERL_AFLAGS: '-proto_dist inet_tls', ERL_ZFLAGS: '-proto_dist inet6_tcp' }, '-proto_dist')).toBe('inet6_tcp');
    expect(flagArgument({ ERL_AFLAGS: '-ssl_dist_optfile /a.conf' }, '-proto_dist')).toBeUndefined();
    expect(flagArgument({ OTHER: '-proto_dist inet_tls' }, '-proto_dist')).toBeUndefined();
  });

  test('epmd-less is ERL_DIST_PORT, which the start scripts turn into -erl_epmd_port', () => {
    expect(isEpmdless(['ERL_AFLAGS', 'ERL_DIST_PORT'])).toBe(true);
    expect(isEpmdless(['ERL_AFLAGS', 'ERLANG_DIST_PORT'])).toBe(false);
    expect(epmdlessArgs({ ERL_DIST_PORT: '9100' })).toEqual(['-start_epmd', 'false', '-erl_epmd_port', '9100']);
    expect(epmdlessArgs({ ERL_AFLAGS: PIN })).toEqual([]);
  });

  test('a TLS flag in ERL_ZFLAGS counts for the certificate rules too', () => {
    const objects = tlsCluster(certificate('dist-tls', ['app-0.app-hl.prod.svc.cluster.local']));
    const sts = objects[0] as any;
    setEnv(
      sts,
      container(sts).env.map((e: any) => (e.name === 'ERL_AFLAGS' ? { name: 'ERL_ZFLAGS', value: e.value } : e)),
    );
    expect(checkManifests(objects).map((v) => v.rule)).toEqual(['certificate-covers-pods']);
  });
});
