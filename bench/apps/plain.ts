/** The same cluster in plain cdk8s-plus-28: a StatefulSet, its headless Service, and a NodePort Service. */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { BENCH_IMAGE, BENCH_PORT } from './values';

/** Adds cluster `i` to `scope`. */
export function addCluster(scope: Construct, i: number, namespace: string | undefined): void {
  const metadata = (name: string) => ({ name, namespace });
  const headless = new kplus.Service(scope, `Headless-${i}`, {
    metadata: metadata(`app-${i}-hl`),
    clusterIP: 'None',
    publishNotReadyAddresses: true,
    ports: [{ name: 'http', port: BENCH_PORT }],
  });
  const sts = new kplus.StatefulSet(scope, `Cluster-${i}`, {
    metadata: metadata(`app-${i}-sfs`),
    service: headless,
    replicas: 3,
    containers: [{ name: `app-${i}`, image: BENCH_IMAGE, portNumber: BENCH_PORT, securityContext: { ensureNonRoot: false } }],
  });
  new kplus.Service(scope, `Service-${i}`, {
    metadata: metadata(`app-${i}-svc`),
    type: kplus.ServiceType.NODE_PORT,
    selector: sts,
    ports: [{ name: 'http', port: BENCH_PORT }],
  });
}
