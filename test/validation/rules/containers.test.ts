/**
 * lib/validation/rules/containers.ts (probe-port-declared) on the edges the case table of
 * manifest-rules.test.ts leaves open.
 */
import { cluster, container, STS, violations } from '../../fixtures/manifests';

describe('probe-port-declared (containers.ts)', () => {
  const probes = (edit: (c: any) => void) =>
    violations(
      cluster((sts) => {
        edit(container(sts));
      }),
      'probe-port-declared',
    );

  test('a container without ports declares no port name', () => {
    expect(
      probes((c) => {
        delete c.ports;
        c.startupProbe = { httpGet: { path: '/', port: 'health' } };
      }),
    ).toEqual([`${STS}: container node: startupProbe uses port health, which the container does not declare; the probe can never succeed`]);
    expect(
      probes((c) => {
        delete c.ports;
      }),
    ).toEqual([]);
  });

  test('an unnamed container port does not declare a name', () => {
    expect(
      probes((c) => {
        c.ports = [{ containerPort: 8080 }];
        c.livenessProbe = { tcpSocket: { port: 'http' } };
      }),
    ).toEqual([`${STS}: container node: livenessProbe uses port http, which the container does not declare; the probe can never succeed`]);
  });

  test('an exec or grpc probe names no port to check', () => {
    expect(
      probes((c) => {
        c.readinessProbe = { exec: { command: ['true'] } };
        c.livenessProbe = { grpc: { port: 9000 } };
      }),
    ).toEqual([]);
  });
});
