/**
 * lib/erlang/distribution.ts: certificate name matching and the optfile of TLS distribution.
 */
import { dnsNameMatches, sslDistOptfile } from '../../lib/erlang/distribution';

describe('dnsNameMatches', () => {
  test('a trailing dot on either side is the same name', () => {
    expect(dnsNameMatches('*.hl.ns.svc.cluster.local.', 'app-0.hl.ns.svc.cluster.local')).toBe(true);
    expect(dnsNameMatches('*.hl.ns.svc.cluster.local', 'app-0.hl.ns.svc.cluster.local.')).toBe(true);
    expect(dnsNameMatches('App-0.HL.ns', 'app-0.hl.ns.')).toBe(true);
  });

  test('the wildcard is one non-empty label, and only the leftmost', () => {
    expect(dnsNameMatches('*.svc', 'a.svc.local')).toBe(false);
    expect(dnsNameMatches('*.svc.local', 'svc.local')).toBe(false);
    expect(dnsNameMatches('*.hl.ns', '.hl.ns')).toBe(false);
    expect(dnsNameMatches('a.*.ns', 'a.hl.ns')).toBe(false);
    expect(dnsNameMatches('*.hl.ns', 'x.hl.ns')).toBe(true);
  });
});

test('sslDistOptfile: the server and client options, one per line, ending in a newline', () => {
  const files = '{certfile, "/m/tls.crt"}, {keyfile, "/m/tls.key"}, {cacertfile, "/m/ca.crt"}';
  expect(sslDistOptfile('/m')).toBe(
    `[{server, [${files}, {verify, verify_peer}, {fail_if_no_peer_cert, true}, {secure_renegotiate, true}]},\n` +
      ` {client, [${files}, {verify, verify_peer}, {secure_renegotiate, true}, {customize_hostname_check, [{match_fun, public_key:pkix_verify_hostname_match_fun(https)}]}]}].\n`,
  );
});
