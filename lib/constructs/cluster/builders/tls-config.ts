/** The ConfigMap with ssl_dist.conf, projected beside the TLS Secret's files. */
import type * as k8s from '../../../../imports/k8s';
import { SSL_DIST_OPTFILE, sslDistOptfile } from '../../../erlang/distribution';
import type { ClusterSpec } from '../spec';
import { objectMeta } from './object-meta';

/** None without TLS distribution. */
export function tlsDistConfigProps(spec: ClusterSpec): k8s.KubeConfigMapProps | undefined {
  const tls = spec.distribution.tls;
  if (!tls) return undefined;
  return { metadata: objectMeta(spec, tls.configMapName), data: { [SSL_DIST_OPTFILE]: sslDistOptfile(tls.mountPath) } };
}
