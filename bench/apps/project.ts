/**
 * A benchmark cluster built with this project's constructs: an
 * ErlangStatefulCluster (StatefulSet, headless Service, PodDisruptionBudget,
 * NetworkPolicy) and its NodePort LoadBalancedService, with the defaults.
 */
import { Construct } from 'constructs';
import { ErlangCookie, ErlangStatefulCluster, LoadBalancedServiceType, LoadBalancedService, ErlangRelease } from '../../lib';
import { BENCH_IMAGE, BENCH_PORT } from './values';

const cookie = ErlangCookie.fromSecretName('bench-cookie');

/** Adds cluster `i` to `scope`. */
export function addCluster(scope: Construct, i: number, namespace: string | undefined): void {
  const cluster = new ErlangStatefulCluster(scope, `Cluster-${i}`, {
    basename: `app-${i}`,
    release: ErlangRelease.relx(),
    image: BENCH_IMAGE,
    cookie,
    namespace,
    appPorts: [{ name: 'http', port: BENCH_PORT }],
  });
  new LoadBalancedService(scope, `Service-${i}`, {
    name: `app-${i}-svc`,
    namespace,
    type: LoadBalancedServiceType.NODE_PORT,
    selector: cluster.selectorLabels,
    ports: [{ name: 'http', port: BENCH_PORT }],
  });
}
