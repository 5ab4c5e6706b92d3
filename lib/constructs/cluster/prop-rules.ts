/**
 * The construct-time rules of ErlangStatefulCluster that span several props, as
 * data (after aws-rds's validate-database-cluster-props). Each runs on the
 * resolved spec and throws a one-line ConfigError naming the prop it blames.
 */
import { COOKIE_COPY_CONTAINER } from './cookie-file';
import { checkEgress } from './egress';
import { PodSpread } from './options';
import type { ErlangStatefulClusterProps } from './props';
import { SecurityProfile } from './security-profile';
import { Capability } from 'cdk8s-plus-28';
import type { ClusterSpec } from './spec';
import { EPMD_PORT, TLS_VOLUME } from '../../erlang/distribution';
import { ENV } from '../../erlang/env';
import { podFqdn } from '../../erlang/names';
import { checkDiscoveryDomain, checkMountPaths, checkNoCollision, checkPlacement, checkProbes, checkUserEnv } from './prop-checks';
import { ConfigError } from '../../core/errors';
import {
  checkDnsLabel,
  checkImage,
  checkInteger,
  checkNodeName,
  checkOneOf,
  checkUnique,
  envVarProblems,
  MAX_INT32,
  probeProblems,
  resourceProblems,
  throwFirst,
} from '../../checks';

/** The capabilities one may add back: cdk8s-plus's `Capability`, each but ALL. */
const ADDABLE_CAPABILITIES = Object.values(Capability).filter((c) => c !== Capability.ALL);

/** A rule over the resolved cluster; `props` only to name what the user wrote. */
export interface ClusterRule {
  readonly id: string;
  readonly description: string;
  check(spec: ClusterSpec, props: ErlangStatefulClusterProps): void;
}

export const CLUSTER_RULES: readonly ClusterRule[] = [
  {
    id: 'dist-port-not-epmd',
    description: "With epmd, the dist port differs from epmd's 4369.",
    check: (s) => {
      if (!s.distribution.epmdless && s.distribution.port === EPMD_PORT) {
        throw new ConfigError(s.path, 'distribution.port', s.distribution.port, `must differ from epmd's port ${EPMD_PORT}`);
      }
    },
  },
  {
    id: 'ports-distinct',
    description: 'The metrics port and the app ports differ from epmd, dist and each other, in name and number.',
    check: (s) => {
      const clash = s.metrics && s.erlangPorts.find((p) => p.port === s.metrics!.port);
      if (clash) throw new ConfigError(s.path, 'metrics.port', clash.port, `clashes with the ${clash.name} port; choose another port`);
      const reserved = s.declaredPorts.filter((p) => !s.appPorts.includes(p));
      s.appPorts.forEach((p, i) => {
        const r = reserved.find((x) => x.port === p.port || x.name === p.name);
        if (r) {
          throw new ConfigError(
            s.path,
            `appPorts[${i}]`,
            p,
            `clashes with the ${r.name} port ${r.port}; app ports must differ from epmd and the distribution port in name and number, and from the metrics port`,
          );
        }
      });
      checkUnique(s.path, 'appPorts', s.appPorts, (p) => p.name, 'port name');
      checkUnique(s.path, 'appPorts', s.appPorts, (p) => p.port, 'port number');
    },
  },
  {
    id: 'identity-matches-profile',
    description: 'runAsUser/runAsGroup only with the hardened profile (1 to 2^31-1); addCapabilities only with the root-compatible one, known and unique.',
    check: (s, props) => {
      const hardened = s.security === SecurityProfile.HARDENED;
      for (const prop of ['runAsUser', 'runAsGroup'] as const) {
        if (props[prop] === undefined) continue;
        if (!hardened)
          throw new ConfigError(s.path, prop, props[prop], "is only used by SecurityProfile.HARDENED; the root-compatible profile runs as the image's user");
        // 0 would be root; the apiserver caps IDs at 2^31-1.
        checkInteger(s.path, prop, props[prop], 1, MAX_INT32);
      }
      const add = props.addCapabilities;
      if (add === undefined) return;
      if (hardened)
        throw new ConfigError(
          s.path,
          'addCapabilities',
          add,
          'is only allowed with SecurityProfile.ROOT_COMPATIBLE: a non-root process gets no capabilities from it',
        );
      add.forEach((c, i) => {
        // containerd and CRI-O apply an added ALL, then the profile's dropped ALL: it would add nothing.
        if (c === Capability.ALL)
          throw new ConfigError(s.path, `addCapabilities[${i}]`, c, 'must name one capability: the profile drops ALL, which removes an added ALL again');
        checkOneOf(s.path, `addCapabilities[${i}]`, c, ADDABLE_CAPABILITIES);
      });
      checkUnique(s.path, 'addCapabilities', add, (c) => c, 'capability');
    },
  },
  {
    id: 'user-env-contract',
    description: "envVariables keeps the construct's env, the cookie out of git, and the dist port, epmd and name mode as set.",
    check: (s) =>
      checkUserEnv(
        s.path,
        s.pod.extraEnv,
        new Set<string>([...Object.values(ENV), ...s.parts.security.env.map((e) => e.name), ...s.parts.cookie.env.map((e) => e.name)]),
      ),
  },
  {
    id: 'egress-possible',
    description: 'Egress rules need the NetworkPolicy, valid destinations, and the API server for kubernetesApi discovery.',
    check: (s) => {
      if (s.egress) checkEgress(s.path, s.egress, s.networkPolicy, s.discovery._needsApiAccess);
    },
  },
  {
    id: 'node-name-fits',
    description: "The last pod's node name fits an atom (255) and its host a DNS name (253).",
    check: (s) => {
      checkNodeName(s.path, 'nodeNames', s.basename, podFqdn(s.name, Math.max(s.replicas - 1, 0), s.headlessServiceName, s.namespace, s.clusterDomain));
    },
  },
  {
    id: 'discovery-matches-domain',
    description: 'The discovery strategy can build node names in this cluster domain.',
    check: (s) => checkDiscoveryDomain(s.path, s.discovery, s.clusterDomain),
  },
  {
    id: 'placement-possible',
    description: 'Hard spread is not pinned to one node.',
    check: (s) => checkPlacement(s.path, s.spread === PodSpread.HARD, s.pod.nodeSelector, s.replicas),
  },
  {
    id: 'mount-paths-unique',
    description: "Mount paths are unique in normal form; the construct's own come first, so the user's prop is blamed.",
    check: (s) =>
      checkMountPaths(
        s.path,
        [
          ...s.parts.security.volumeMounts.map((m) => ({ prop: `securityProfile '${s.security}'`, key: m.mountPath })),
          ...s.parts.cookie.volumeMounts.map((m) => ({ prop: `cookieDelivery '${s.cookieDelivery}'`, key: m.mountPath })),
          ...(s.distribution.tls ? [{ prop: 'distribution.tls.mountPath', key: s.distribution.tls.mountPath }] : []),
          ...(s.storage ? [{ prop: 'storage.mountPath', key: s.storage.mountPath }] : []),
          ...s.pod.extraVolumeMounts.map((m, i) => ({ prop: `extraVolumeMounts[${i}].mountPath`, key: m.mountPath })),
        ],
        s.pod.extraVolumeMounts,
      ),
  },
  {
    id: 'volume-names-unique',
    description: 'Volume names are unique in the pod.',
    check: (s) =>
      checkNoCollision(
        s.path,
        [
          ...s.parts.security.volumes.map((v) => ({ prop: `securityProfile '${s.security}'`, key: v.name })),
          ...s.parts.cookie.volumes.map((v) => ({ prop: `cookieDelivery '${s.cookieDelivery}'`, key: v.name })),
          ...(s.distribution.tls ? [{ prop: 'distribution.tls', key: TLS_VOLUME }] : []),
          ...(s.storage ? [{ prop: 'storage.name', key: s.storage.name }] : []),
          ...s.pod.extraVolumes.map((v, i) => ({ prop: `extraVolumes[${i}].name`, key: v.name })),
        ],
        'volume name',
      ),
  },
  {
    id: 'probes-on-declared-ports',
    description: 'Each probe has one handler, in-range numbers, and a port the container declares.',
    check: (s) => checkProbes(s.path, { readiness: s.pod.probes.readiness, liveness: s.pod.probes.liveness, startup: s.pod.probes.startup }, s.declaredPorts),
  },
  {
    id: 'extra-containers-fit',
    description:
      'Init containers and sidecars are named and unique in the pod, have an image, env, resources and probes the apiserver accepts, and no container that runs beside the node listens on one of its ports.',
    check: (s) => {
      const containers = [
        ...s.pod.initContainers.map((c, i) => ({ prop: `initContainers[${i}]`, c, beside: c.restartPolicy === 'Always' })),
        ...s.pod.sidecars.map((c, i) => ({ prop: `sidecars[${i}]`, c, beside: true })),
      ];
      containers.forEach(({ prop, c, beside }) => {
        checkDnsLabel(s.path, `${prop}.name`, c.name);
        checkImage(s.path, `${prop}.image`, c.image);
        // What the apiserver refuses (or only warns about) in the container's own fields.
        c.env?.forEach((e, j) => throwFirst(s.path, `${prop}.env[${j}]`, envVarProblems(e)));
        throwFirst(s.path, `${prop}.resources`, resourceProblems(c.resources));
        throwFirst(s.path, prop, probeProblems(c, prop.startsWith('initContainers')));
        // Containers of a pod share its network: a second listener on epmd or dist breaks the node.
        const clash = beside && c.ports?.find((p) => s.declaredPorts.some((d) => d.port === p.containerPort));
        if (clash) {
          throw new ConfigError(
            s.path,
            `${prop}.ports`,
            clash.containerPort,
            `is a port of the node container (${s.declaredPorts.map((d) => `${d.name} ${d.port}`).join(', ')}); containers beside it share the pod's network, so each needs its own port`,
          );
        }
      });
      checkNoCollision(
        s.path,
        [
          { prop: 'containerName', key: s.pod.containerName },
          ...(s.cookieDelivery.isFile ? [{ prop: `cookieDelivery '${s.cookieDelivery}'`, key: COOKIE_COPY_CONTAINER }] : []),
          ...containers.map((x) => ({ prop: `${x.prop}.name`, key: x.c.name })),
        ],
        'container name',
      );
    },
  },
];
