import { clusterNodeNames, erlangNodeName, podFqdn, podName, serviceAddress, serviceFqdn } from '../lib/erlang/names';

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
});
