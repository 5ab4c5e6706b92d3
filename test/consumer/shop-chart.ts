// A consumer's chart, as a new user writes it against the published package:
// all four constructs, and a mesh of two clusters in two namespaces.
// The smoke test (./smoke.sh) compiles it in a project made from cdk8s-cli's
// typescript-app template, and in this repository, and compares the output.
import { Chart, ChartProps, Size } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import {
  ErlangCookie,
  ErlangProbes,
  ErlangStatefulCluster,
  HeadlessService,
  LoadBalancedServiceType,
  LoadBalancedService,
  LocalStorageClass,
  ErlangRelease,
} from 'cdk8s-erlang-cluster';

export class ShopChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const cookie = ErlangCookie.fromSecretName('shop-cookie');
    const disks = new LocalStorageClass(this, 'Disks', { name: 'shop-local' });
    ['node-1', 'node-2', 'node-3'].forEach((node, i) =>
      disks.addVolume(`Cart${i}`, { name: `shop-cart-${i}`, nodeName: node, path: `/srv/shop/cart-${i}`, size: Size.gibibytes(2) }),
    );

    const cart = new ErlangStatefulCluster(this, 'Cart', {
      basename: 'cart',
      release: ErlangRelease.relx(),
      namespace: 'shop',
      image: 'registry.example.com/shop/cart:2.3.1',
      cookie,
      appPorts: [{ name: 'http', port: 4000 }],
      storage: { mountPath: '/var/lib/cart', size: Size.gibibytes(2), storageClass: disks },
      probes: ErlangProbes.httpGet('/health', k8s.IntOrString.fromString('http')),
    });
    const billing = new ErlangStatefulCluster(this, 'Billing', {
      basename: 'billing',
      release: ErlangRelease.relx(),
      namespace: 'billing',
      image: 'registry.example.com/shop/billing:1.0.4',
      cookie,
      replicas: 2,
      appPorts: [{ name: 'http', port: 4001 }],
    });
    ErlangStatefulCluster.mesh(cart, billing);

    const web = new LoadBalancedService(this, 'Web', {
      name: 'cart-web',
      namespace: 'shop',
      type: LoadBalancedServiceType.NODE_PORT,
      selector: cart.selectorLabels,
      ports: [{ name: 'http', port: 80, targetPort: k8s.IntOrString.fromString('http'), nodePort: 30400 }],
    });
    // A second headless Service, e.g. for a metrics scraper that lists every billing pod.
    const billingPods = new HeadlessService(this, 'BillingPods', {
      name: 'billing-pods',
      namespace: 'billing',
      selector: billing.selectorLabels,
      ports: [{ name: 'http', port: 4001, targetPort: k8s.IntOrString.fromString('http') }],
    });
    cart.addServiceDomain('WEB_SERVICE_DOMAIN', web.name, web.namespace);
    cart.addServiceDomain('BILLING_PODS_DOMAIN', billingPods.name, billingPods.namespace);
  }
}
