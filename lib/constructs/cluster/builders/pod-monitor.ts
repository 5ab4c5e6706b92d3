/** The Prometheus Operator PodMonitor for the metrics port. */
import type { PodMonitorProps } from '../../../../imports/monitoring.coreos.com';
import { defined } from '../../../kubernetes/defined';
import { METRICS_PORT_NAME, prometheusDuration } from '../metrics';
import type { ClusterSpec } from '../spec';

/** None unless metrics.podMonitor is set. */
export function podMonitorProps(spec: ClusterSpec): PodMonitorProps | undefined {
  const m = spec.metrics;
  if (!m?.podMonitor) return undefined;
  return {
    metadata: { name: spec.name, namespace: spec.namespace, labels: { ...(m.podMonitor.labels ?? spec.selectorLabels) } },
    spec: {
      selector: { matchLabels: { ...spec.selectorLabels } },
      podMetricsEndpoints: [defined({ port: METRICS_PORT_NAME, path: m.path, interval: prometheusDuration(m.podMonitor.interval) })],
    },
  };
}
