import type * as k8s from '../../../imports/k8s';
import { intOrString } from '../../kubernetes/int-or-string';
import { brand, hasBrand } from '../../core/brand';
import { ERLANG_PROBES_PROPS, INT_OR_STRING } from '../../validation/prop-shapes';
import { checkProps, checkShape } from '../../validation/shapes';

/**
 * Probes for a BEAM node. A node that is merely busy (a long GC, a mnesia table
 * load, a full scheduler) must not be killed, so liveness is generous, in line
 * with Bitnami RabbitMQ (period 30 s, timeout 20 s, 6 failures) and the EMQX
 * operator; a startup probe gives boot (mnesia table loads) five minutes before
 * liveness starts.
 */
export interface ErlangProbesProps {
  /**
   * An L1 `k8s.Probe`, an escape hatch: cdk8s-plus's `Probe` renders only through its internal `_toKube()`.
   * @default - no readiness probe
   */
  readonly readiness?: k8s.Probe;
  /**
   * An L1 `k8s.Probe`, an escape hatch: cdk8s-plus's `Probe` renders only through its internal `_toKube()`.
   * @default - no liveness probe
   */
  readonly liveness?: k8s.Probe;
  /**
   * An L1 `k8s.Probe`, an escape hatch: cdk8s-plus's `Probe` renders only through its internal `_toKube()`.
   * @default - no startup probe
   */
  readonly startup?: k8s.Probe;
}

/** The three probes of the node container. */
export class ErlangProbes {
  /** Whether `x` is an ErlangProbes, from this or any other copy of this package. */
  public static isErlangProbes(x: unknown): x is ErlangProbes {
    return hasBrand(x, 'ErlangProbes');
  }

  /**
   * HTTP GET `path` on `port` for all three probes, with BEAM-friendly thresholds:
   * startup every 10 s for up to 5 min; readiness every 10 s, 3 failures;
   * liveness every 30 s, timeout 20 s, 6 failures (3 min of silence).
   * `port` is a container port by number or name: `IntOrString.fromNumber(4000)`, `IntOrString.fromString('http')`.
   */
  public static httpGet(path: string, port: k8s.IntOrString): ErlangProbes {
    const action = { httpGet: { path, port: portOf('ErlangProbes.httpGet', port) } };
    return ErlangProbes.ofAction(action);
  }

  /** TCP connect on `port` (by number or name) for all three probes, with the thresholds of {@link httpGet}. */
  public static tcpSocket(port: k8s.IntOrString): ErlangProbes {
    return ErlangProbes.ofAction({ tcpSocket: { port: portOf('ErlangProbes.tcpSocket', port) } });
  }

  /** No probes at all. */
  public static none(): ErlangProbes {
    return new ErlangProbes({});
  }

  private static ofAction(action: Pick<k8s.Probe, 'httpGet' | 'tcpSocket'>): ErlangProbes {
    return new ErlangProbes({
      startup: { ...action, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 30 },
      readiness: { ...action, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
      liveness: { ...action, periodSeconds: 30, timeoutSeconds: 20, failureThreshold: 6 },
    });
  }

  public readonly readiness?: k8s.Probe | undefined;
  public readonly liveness?: k8s.Probe | undefined;
  public readonly startup?: k8s.Probe | undefined;

  constructor(props: ErlangProbesProps) {
    brand(this, 'ErlangProbes');
    checkProps('ErlangProbes', 'ErlangProbesProps', props, ERLANG_PROBES_PROPS);
    this.readiness = props.readiness;
    this.liveness = props.liveness;
    this.startup = props.startup;
  }
}

/** The probe's port, after refusing what is no IntOrString (a JavaScript caller's bare 4000 or 'http'). */
function portOf(where: string, port: k8s.IntOrString): k8s.IntOrString {
  checkShape(where, 'port', port, INT_OR_STRING);
  return intOrString(port.value);
}
