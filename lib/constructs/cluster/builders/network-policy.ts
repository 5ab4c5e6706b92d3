/**
 * The NetworkPolicy: epmd and dist only from the mesh's pods, the app ports from
 * anywhere, metrics from the scrapers, and, opted in, egress to the mesh, DNS and
 * declared destinations.
 */
import type * as k8s from '../../../../imports/k8s';
import { defined } from '../../../kubernetes/defined';
import { peerOf, policyPort } from '../../../kubernetes/network-policy';
import { egressRules } from '../egress';
import { metricsIngressRule } from '../metrics';
import type { ClusterSpec } from '../spec';

/** `peers` are the other clusters of the mesh. */
export function networkPolicySpec(spec: ClusterSpec, peers: readonly ClusterSpec[]): k8s.NetworkPolicySpec {
  const members = [spec, ...peers];
  const ingress: k8s.NetworkPolicyIngressRule[] = [
    {
      from: members.map((c) => peerOf(c.namespace, { ...c.selectorLabels }, spec.namespace)),
      ports: spec.erlangPorts.map((port) => policyPort(port.port)),
    },
  ];
  if (spec.appPorts.length > 0) ingress.push({ ports: spec.appPorts.map((port) => policyPort(port.port)) });
  if (spec.metrics) ingress.push(metricsIngressRule(spec.metrics, spec.metrics.port, spec.namespace));
  const egress =
    spec.egress &&
    egressRules(
      spec.egress,
      members.map((c) => ({
        namespace: c.namespace,
        selectorLabels: { ...c.selectorLabels },
        ports: c.erlangPorts.map((p) => p.port),
      })),
      spec.namespace,
    );
  return defined({
    podSelector: { matchLabels: { ...spec.selectorLabels } },
    policyTypes: egress ? ['Ingress', 'Egress'] : ['Ingress'],
    ingress,
    egress,
  });
}
