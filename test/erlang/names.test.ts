/**
 * lib/erlang/names.ts: the naming helpers, with exact values.
 */
import { clusterNodeNames, erlangNodeName, podFqdn, podName, serviceAddress, serviceFqdn, DEFAULT_CLUSTER_DOMAIN } from '../../lib/erlang/names';
import { dnsLabelOf } from '../../lib/erlang/names';

describe('naming helpers', () => {
  test('pod names follow the StatefulSet ordinal scheme', () => {
    expect(podName('erlang-docker-a-sfs', 0)).toBe('erlang-docker-a-sfs-0');
  });

  test('pod FQDN is <pod>.<headless>.<ns>.svc.<domain>', () => {
    expect(podFqdn('erlang-docker-a-sfs', 2, 'erlang-docker-a-hl', 'default')).toBe('erlang-docker-a-sfs-2.erlang-docker-a-hl.default.svc.cluster.local');
    expect(podFqdn('s', 0, 'h', 'prod', 'k8s.example.org')).toBe('s-0.h.prod.svc.k8s.example.org');
  });

  test('service FQDN and node names', () => {
    expect(serviceFqdn('svc', 'ns')).toBe('svc.ns.svc.cluster.local');
    expect(erlangNodeName('app', 'host.example')).toBe('app@host.example');
    expect(clusterNodeNames('app', 'app-sfs', 2, 'app-hl', 'ns')).toEqual([
      'app@app-sfs-0.app-hl.ns.svc.cluster.local',
      'app@app-sfs-1.app-hl.ns.svc.cluster.local',
    ]);
    expect(clusterNodeNames('app', 'app-sfs', 0, 'app-hl', 'ns')).toEqual([]);
  });

  test('service address is short within the namespace and fully qualified across', () => {
    expect(serviceAddress('b-svc', 'default', 'default')).toBe('b-svc');
    expect(serviceAddress('b-svc', 'other', 'default', 'corp.local')).toBe('b-svc.other.svc.corp.local');
  });

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

test('dnsLabelOf lowercases and turns every underscore into a dash', () => {
  expect(dnsLabelOf('my_App_x')).toBe('my-app-x');
});
