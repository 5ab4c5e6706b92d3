/** The governing headless Service: one DNS name per pod, and SRV records of every declared port. */
import * as k8s from '../../../../imports/k8s';
import type { HeadlessServiceProps } from '../../headless-service';
import type { ClusterSpec } from '../spec';

export function headlessServiceProps(spec: ClusterSpec): HeadlessServiceProps {
  return {
    name: spec.headlessServiceName,
    namespace: spec.namespace,
    selector: { ...spec.selectorLabels },
    ports: spec.declaredPorts.map((p) => ({ name: p.name, port: p.port, targetPort: k8s.IntOrString.fromString(p.name) })),
  };
}
