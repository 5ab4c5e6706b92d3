/**
 * The metrics endpoint of a cluster: its options, their checks, the
 * NetworkPolicy rule for the scrapers.
 */
import type { Duration } from 'cdk8s';
import * as k8s from '../../../imports/k8s';
import { peerOf, policyPort } from '../../kubernetes/network-policy';
import { ConfigError } from '../../core/errors';
import { checkDnsLabel, checkLabels, checkPort } from '../../checks';

/** Who may scrape the metrics port. */
export interface MetricsScrapers {
  /**
   * The scraper's namespace.
   * @default 'monitoring' (kube-prometheus, kube-prometheus-stack's docs)
   */
  readonly namespace?: string;
  /**
   * Labels of the scraper's pods in that namespace. The synth checks that they
   * select pods of these manifests, so leave them out for a Prometheus deployed elsewhere.
   * @default - every pod of the namespace
   */
  readonly podLabels?: Record<string, string>;
}

/** A Prometheus Operator PodMonitor for the metrics port. */
export interface PodMonitorOptions {
  /**
   * Scrape interval, e.g. `Duration.seconds(30)`; written as Prometheus writes durations ('30s', '1500ms').
   * @default - Prometheus' global scrape interval
   */
  readonly interval?: Duration;
  /**
   * Labels of the PodMonitor object, e.g. `{ release: 'kube-prometheus-stack' }` to
   * match that Prometheus' podMonitorSelector.
   * @default - the cluster's selector labels
   */
  readonly labels?: Record<string, string>;
}

/** A Prometheus endpoint served by the node (prometheus.ex, PromEx, prometheus_httpd). */
export interface MetricsOptions {
  /**
   * The container port, named `metrics`.
   * @default 9568 (the usual port of TelemetryMetricsPrometheus, the Elixir exporter)
   */
  readonly port?: number;
  /**
   * The HTTP path the exporter serves.
   * @default '/metrics'
   */
  readonly path?: string;
  /**
   * Who the NetworkPolicy admits on the metrics port.
   * @default - every pod of namespace 'monitoring'
   */
  readonly scrapers?: MetricsScrapers;
  /**
   * Emit a PodMonitor (monitoring.coreos.com/v1).
   * @default - none
   */
  readonly podMonitor?: PodMonitorOptions;
}

/** The container and Service port name. */
export const METRICS_PORT_NAME = 'metrics';
/** PromEx's and prometheus_telemetry's default port. */
export const DEFAULT_METRICS_PORT = 9568;
/** The path that prometheus.ex, PromEx and prometheus_httpd serve. */
export const DEFAULT_METRICS_PATH = '/metrics';
/** kube-prometheus installs Prometheus in this namespace. */
export const DEFAULT_SCRAPER_NAMESPACE = 'monitoring';
// A Prometheus duration (model.Duration), as the PodMonitor CRD validates it.
const PROMETHEUS_DURATION = /^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;

/** A Duration as Prometheus writes it ('90s', '1500ms'). */
export function prometheusDuration(interval: Duration | undefined): string | undefined {
  if (interval === undefined) return undefined;
  const ms = interval.toMilliseconds({ integral: false });
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** The defaults of the metrics options, in one place. */
const METRICS_DEFAULTS = { port: DEFAULT_METRICS_PORT, scraperNamespace: DEFAULT_SCRAPER_NAMESPACE } as const;

/** Checks the metrics options; returns the port. (The path's default, which is valid, is applied where the cluster resolves it.) */
export function checkMetrics(where: string, m: MetricsOptions): number {
  const port = checkPort(where, 'metrics.port', m.port ?? METRICS_DEFAULTS.port);
  const path = m.path;
  if (path !== undefined && (typeof path !== 'string' || !/^\/[\x21-\x7e]*$/.test(path))) {
    throw new ConfigError(where, 'metrics.path', path, "must be an HTTP path starting with '/', such as '/metrics', without spaces");
  }
  if (m.scrapers?.namespace !== undefined) checkDnsLabel(where, 'metrics.scrapers.namespace', m.scrapers.namespace);
  if (m.scrapers?.podLabels !== undefined) checkLabels(where, 'metrics.scrapers.podLabels', m.scrapers.podLabels, { nonEmpty: true });
  const interval = prometheusDuration(m.podMonitor?.interval);
  if (interval !== undefined && !PROMETHEUS_DURATION.test(interval)) {
    throw new ConfigError(where, 'metrics.podMonitor.interval', interval, 'must be a whole number of milliseconds, e.g. Duration.seconds(30)');
  }
  if (m.podMonitor?.labels !== undefined) checkLabels(where, 'metrics.podMonitor.labels', m.podMonitor.labels);
  return port;
}

/** The ingress rule that admits the scrapers on the metrics port only. */
export function metricsIngressRule(m: MetricsOptions, port: number, policyNamespace: string): k8s.NetworkPolicyIngressRule {
  const scrapers = m.scrapers ?? {};
  return { from: [peerOf(scrapers.namespace ?? METRICS_DEFAULTS.scraperNamespace, scrapers.podLabels, policyNamespace)], ports: [policyPort(port)] };
}
