/**
 * lib/validation/rules/services.ts: the Service port rules on malformed manifests.
 */
import { cluster, obj, run } from '../../fixtures/manifests';

describe('service-target-port-exists, node-port-range and node-port-unique', () => {
  const SERVICE_RULES = ['service-target-port-exists', 'node-port-range', 'node-port-unique'];
  const service = (name: string, spec: any) => obj('Service', name, spec === undefined ? {} : { spec });

  test('a Service without spec, or without ports: no throw, nothing reported', () => {
    expect(run(cluster(undefined, service('bare', undefined), service('no-ports', { selector: { app: 'app' } })), ...SERVICE_RULES)).toEqual([]);
  });

  test('a named targetPort is checked only against the pods that every selector label matches', () => {
    const web = service('web', { selector: { app: 'app', tier: 'web' }, ports: [{ port: 80, targetPort: 'http' }] });
    expect(run(cluster(undefined, web), ...SERVICE_RULES)).toEqual([]);
    const all = service('all', { selector: { app: 'app' }, ports: [{ port: 80, targetPort: 'http' }] });
    expect(run(cluster(undefined, all), ...SERVICE_RULES)).toEqual([
      'service-target-port-exists Service/prod/all: targetPort http is not a container port name of StatefulSet/prod/app; the Service gets no endpoints there',
    ]);
  });
});
