/**
 * Services, StatefulSet specs, PodDisruptionBudgets, NetworkPolicies and label selectors as the
 * kube-apiserver's Go validation judges them, where the 1.28 OpenAPI schema is silent (it has no
 * enumerations): pkg/apis/core/validation ValidateService and validateServicePort,
 * pkg/apis/apps/validation ValidateStatefulSetSpec, pkg/apis/policy/validation
 * ValidatePodDisruptionBudgetSpec, pkg/apis/networking/validation ValidateNetworkPolicySpec,
 * and apimachinery's ValidateLabelSelector. Fields the apiserver defaults before it validates
 * (a Service's type and protocol, a StatefulSet's podManagementPolicy) are judged only when set.
 */
import { isIPv4, isIPv6 } from 'net';
import type { FieldProblem } from './pod-fields';
import { isDnsLabel, isLabelValue, isPortName, isQualifiedName } from './names';
import { isCidr, isInteger, NETWORK_PROTOCOLS, UNHEALTHY_POD_EVICTION_POLICIES } from './values';

/** Untyped manifest JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read field by field, defensively
type Any = any;

const present = (v: unknown): boolean => v !== undefined && v !== null;
const listOf = (v: unknown): Any[] => (Array.isArray(v) ? v : []);
const quoted = (values: readonly string[]): string => values.map((v) => `'${v}'`).join(', ');
/** A problem when `value` is set and not one of `allowed`. */
export const notOneOf = (field: string, value: unknown, allowed: readonly string[]): FieldProblem[] =>
  present(value) && !allowed.includes(value as string) ? [{ field, value, message: `must be one of ${quoted(allowed)}` }] : [];
const isPortNumber = (v: unknown): boolean => isInteger(v) && v >= 1 && v <= 65535;
const negative = (field: string, value: unknown): FieldProblem[] =>
  typeof value === 'number' && value < 0 ? [{ field, value, message: 'must be greater than or equal to 0' }] : [];

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** A metav1.LabelSelector (ValidateLabelSelector): label keys and values, operators and their values. */
export function labelSelectorProblems(field: string, selector: Any): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    if (!isQualifiedName(key)) problems.push({ field: `${field}.matchLabels`, value: key, message: 'must be a label key' });
    if (!isLabelValue(value)) problems.push({ field: `${field}.matchLabels.${key}`, value, message: 'must be a label value' });
  }
  listOf(selector?.matchExpressions).forEach((e, i) => {
    const at = `${field}.matchExpressions[${i}]`;
    const values = listOf(e?.values);
    if (!SELECTOR_OPERATORS.includes(e?.operator))
      problems.push({ field: `${at}.operator`, value: e?.operator, message: `must be one of ${quoted(SELECTOR_OPERATORS)}` });
    else if (e.operator.endsWith('In') && values.length === 0)
      problems.push({ field: `${at}.values`, value: e.values, message: 'must be specified when operator is In or NotIn' });
    else if (!e.operator.endsWith('In') && values.length > 0)
      problems.push({ field: `${at}.values`, value: e.values, message: 'must be empty when operator is Exists or DoesNotExist' });
    if (typeof e?.key !== 'string' || !isQualifiedName(e.key)) problems.push({ field: `${at}.key`, value: e?.key, message: 'must be a label key' });
    values.filter((v) => !isLabelValue(v)).forEach((v) => problems.push({ field: `${at}.values`, value: v, message: 'must be a label value' }));
  });
  return problems;
}

const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'];
const EXTERNAL_TYPES = ['NodePort', 'LoadBalancer'];

/** A Service's spec (ValidateService, validateServicePort, validateServiceExternalTrafficPolicy). */
export function serviceProblems(spec: Any): FieldProblem[] {
  const type = spec?.type ?? 'ClusterIP';
  const lb = type === 'LoadBalancer';
  const headless = (spec?.clusterIP ?? listOf(spec?.clusterIPs)[0]) === 'None';
  const ports = listOf(spec?.ports);
  const problems = notOneOf('type', spec?.type, SERVICE_TYPES);
  if (ports.length === 0 && !headless && type !== 'ExternalName') problems.push({ field: 'ports', value: spec?.ports, message: 'is required' });
  if (headless && EXTERNAL_TYPES.includes(type)) problems.push({ field: 'clusterIP', value: 'None', message: `may not be 'None' for ${type} services` });
  const names = new Set<unknown>();
  const pairs = new Set<string>();
  ports.forEach((p, i) => {
    const at = `ports[${i}]`;
    if (!present(p?.name) && ports.length > 1) problems.push({ field: `${at}.name`, value: p?.name, message: 'is required when there is more than one port' });
    if (present(p?.name) && !isDnsLabel(p.name)) problems.push({ field: `${at}.name`, value: p.name, message: 'must be a DNS-1123 label' });
    if (present(p?.name) && names.has(p.name)) problems.push({ field: `${at}.name`, value: p.name, message: 'must be unique' });
    names.add(p?.name);
    if (!isPortNumber(p?.port)) problems.push({ field: `${at}.port`, value: p?.port, message: 'must be between 1 and 65535, inclusive' });
    problems.push(...notOneOf(`${at}.protocol`, p?.protocol, NETWORK_PROTOCOLS));
    const target = p?.targetPort;
    if (present(target) && !(typeof target === 'string' ? isPortName(target) : isPortNumber(target))) {
      problems.push({ field: `${at}.targetPort`, value: target, message: 'must be a port number from 1 to 65535 or an IANA service name' });
    }
    if (present(p?.nodePort) && type === 'ClusterIP')
      problems.push({ field: `${at}.nodePort`, value: p.nodePort, message: "may not be used when type is 'ClusterIP'" });
    const pair = `${p?.protocol ?? 'TCP'}/${p?.port}`;
    if (pairs.has(pair)) problems.push({ field: at, value: pair, message: 'duplicates the protocol and port of another port' });
    pairs.add(pair);
  });
  problems.push(...notOneOf('sessionAffinity', spec?.sessionAffinity, ['ClientIP', 'None']));
  const timeout = spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds;
  if (present(spec?.sessionAffinityConfig) && spec.sessionAffinity !== 'ClientIP') {
    problems.push({ field: 'sessionAffinityConfig', value: spec.sessionAffinityConfig, message: "may only be set when sessionAffinity is 'ClientIP'" });
  } else if (present(timeout) && !(timeout > 0 && timeout <= 86400)) {
    problems.push({ field: 'sessionAffinityConfig.clientIP.timeoutSeconds', value: timeout, message: 'must be greater than 0 and at most 86400' });
  }
  for (const f of ['loadBalancerSourceRanges', 'allocateLoadBalancerNodePorts', 'loadBalancerClass'].filter((k) => present(spec?.[k]) && !lb)) {
    problems.push({ field: f, value: spec[f], message: "may only be used when type is 'LoadBalancer'" });
  }
  listOf(spec?.loadBalancerSourceRanges).forEach((r, i) => {
    if (!isCidr(String(r).trim())) problems.push({ field: `loadBalancerSourceRanges[${i}]`, value: r, message: 'must be a CIDR' });
  });
  listOf(spec?.externalIPs).forEach((ip, i) => {
    if (!isIPv4(ip) && !isIPv6(ip)) problems.push({ field: `externalIPs[${i}]`, value: ip, message: 'must be a valid IP address' });
  });
  const external = EXTERNAL_TYPES.includes(type) || listOf(spec?.externalIPs).length > 0;
  if (present(spec?.externalTrafficPolicy) && !external) {
    problems.push({ field: 'externalTrafficPolicy', value: spec.externalTrafficPolicy, message: 'may only be set for externally-accessible services' });
  }
  problems.push(...notOneOf('externalTrafficPolicy', spec?.externalTrafficPolicy, ['Cluster', 'Local']));
  problems.push(...notOneOf('internalTrafficPolicy', spec?.internalTrafficPolicy, ['Cluster', 'Local']));
  if (present(spec?.healthCheckNodePort) && !(lb && spec.externalTrafficPolicy === 'Local')) {
    problems.push({
      field: 'healthCheckNodePort',
      value: spec.healthCheckNodePort,
      message: "may only be set when type is 'LoadBalancer' and externalTrafficPolicy is 'Local'",
    });
  }
  return problems;
}

/** A StatefulSet's spec (ValidateStatefulSetSpec), beyond its template's pods and selector matching. */
export function statefulSetProblems(spec: Any): FieldProblem[] {
  const strategy = spec?.updateStrategy;
  const problems = [
    ...notOneOf('podManagementPolicy', spec?.podManagementPolicy, ['OrderedReady', 'Parallel']),
    ...notOneOf('updateStrategy.type', strategy?.type, ['RollingUpdate', 'OnDelete']),
    ...negative('replicas', spec?.replicas),
    ...negative('minReadySeconds', spec?.minReadySeconds),
    ...negative('updateStrategy.rollingUpdate.partition', strategy?.rollingUpdate?.partition),
    ...notOneOf('persistentVolumeClaimRetentionPolicy.whenDeleted', spec?.persistentVolumeClaimRetentionPolicy?.whenDeleted, ['Retain', 'Delete']),
    ...notOneOf('persistentVolumeClaimRetentionPolicy.whenScaled', spec?.persistentVolumeClaimRetentionPolicy?.whenScaled, ['Retain', 'Delete']),
    ...labelSelectorProblems('selector', spec?.selector),
    ...notOneOf('template.spec.restartPolicy', spec?.template?.spec?.restartPolicy, ['Always']),
  ];
  if (strategy?.type === 'OnDelete' && present(strategy.rollingUpdate)) {
    problems.push({ field: 'updateStrategy.rollingUpdate', value: strategy.rollingUpdate, message: "is only allowed for updateStrategy 'RollingUpdate'" });
  }
  const deadline = spec?.template?.spec?.activeDeadlineSeconds;
  if (present(deadline)) problems.push({ field: 'template.spec.activeDeadlineSeconds', value: deadline, message: 'must not be specified' });
  return problems;
}

/** minAvailable or maxUnavailable: a non-negative integer or a percentage of at most 100% (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent). */
function intOrPercentProblems(field: string, v: unknown): FieldProblem[] {
  if (typeof v === 'number') return negative(field, v);
  const m = /^([0-9]+)%$/.exec(String(v));
  if (m === null) return [{ field, value: v, message: "must be an integer or a percentage such as '50%'" }];
  return Number(m[1]) > 100 ? [{ field, value: v, message: 'must not be greater than 100%' }] : [];
}

/** A PodDisruptionBudget's spec (ValidatePodDisruptionBudgetSpec). */
export function pdbProblems(spec: Any): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (present(spec?.minAvailable) && present(spec.maxUnavailable)) {
    problems.push({ field: 'maxUnavailable', value: spec.maxUnavailable, message: 'cannot be set together with minAvailable' });
  }
  for (const f of ['minAvailable', 'maxUnavailable'].filter((k) => present(spec?.[k]))) problems.push(...intOrPercentProblems(f, spec[f]));
  problems.push(...notOneOf('unhealthyPodEvictionPolicy', spec?.unhealthyPodEvictionPolicy, UNHEALTHY_POD_EVICTION_POLICIES));
  return [...problems, ...labelSelectorProblems('selector', spec?.selector)];
}

/** An address range as a bigint network and prefix length, or undefined. */
function cidrRange(cidr: string): { readonly v6: boolean; readonly base: bigint; readonly bits: number } | undefined {
  if (!isCidr(cidr)) return undefined;
  const [ip, bits] = cidr.split('/') as [string, string];
  const v6 = isIPv6(ip);
  const width = v6 ? 128 : 32;
  const value = v6 ? ipv6Value(ip) : ip.split('.').reduce((acc, o) => (acc << 8n) + BigInt(o), 0n);
  const prefix = Number(bits);
  return { v6, bits: prefix, base: (value >> BigInt(width - prefix)) << BigInt(width - prefix) };
}

function ipv6Value(ip: string): bigint {
  const [head, tail] = ip.split('::') as [string, string?];
  const groups = (s: string | undefined): string[] => (s ? s.split(':') : []);
  // A dotted IPv4 tail (`::ffff:10.0.0.1`) is two groups.
  const v4 = (g: string[]): string[] =>
    g.flatMap((x) => {
      if (!x.includes('.')) return [x];
      const n = x.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
      return [(n >>> 16).toString(16), (n & 0xffff).toString(16)];
    });
  const h = v4(groups(head));
  const t = v4(groups(tail));
  // Without `::` the address has all 8 groups and nothing is filled in.
  const all = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return all.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/** Whether `inner` is a strict subset of `outer` (ValidateIPBlock's except). */
function strictSubset(inner: string, outer: string): boolean {
  const a = cidrRange(inner);
  const b = cidrRange(outer)!;
  if (a === undefined || a.v6 !== b.v6 || a.bits <= b.bits) return false;
  const width = BigInt((a.v6 ? 128 : 32) - b.bits);
  return a.base >> width === b.base >> width;
}

/** A NetworkPolicy port (ValidateNetworkPolicyPort). */
function policyPortProblems(at: string, p: Any): FieldProblem[] {
  const problems = notOneOf(`${at}.protocol`, p?.protocol, NETWORK_PROTOCOLS);
  const port = p?.port;
  const end = p?.endPort;
  if (typeof port === 'string' && !isPortName(port)) problems.push({ field: `${at}.port`, value: port, message: 'must be an IANA service name' });
  if (typeof port === 'number' && !isPortNumber(port)) problems.push({ field: `${at}.port`, value: port, message: 'must be between 1 and 65535, inclusive' });
  if (present(end) && typeof port !== 'number') problems.push({ field: `${at}.endPort`, value: end, message: 'may only be specified with a numeric port' });
  else if (present(end) && !(isPortNumber(end) && end >= port))
    problems.push({ field: `${at}.endPort`, value: end, message: 'must be a port number of at least port' });
  return problems;
}

/** A NetworkPolicy peer (ValidateNetworkPolicyPeer, ValidateIPBlock). */
function peerProblems(at: string, peer: Any): FieldProblem[] {
  const kinds = ['podSelector', 'namespaceSelector', 'ipBlock'].filter((k) => present(peer?.[k]));
  const problems = [
    ...labelSelectorProblems(`${at}.podSelector`, peer?.podSelector),
    ...labelSelectorProblems(`${at}.namespaceSelector`, peer?.namespaceSelector),
  ];
  if (kinds.length === 0) problems.push({ field: at, value: peer, message: 'must specify a peer' });
  if (kinds.length > 1 && kinds.includes('ipBlock')) problems.push({ field: at, value: kinds, message: 'may not specify both ipBlock and another peer' });
  const block = peer?.ipBlock;
  if (!present(block)) return problems;
  if (typeof block.cidr !== 'string' || !isCidr(block.cidr))
    return [...problems, { field: `${at}.ipBlock.cidr`, value: block.cidr, message: 'must be a CIDR' }];
  listOf(block.except).forEach((e, i) => {
    if (!strictSubset(String(e), block.cidr))
      problems.push({ field: `${at}.ipBlock.except[${i}]`, value: e, message: `must be a CIDR strictly inside ${block.cidr}` });
  });
  return problems;
}

/** A NetworkPolicy's spec (ValidateNetworkPolicySpec). */
export function networkPolicyProblems(spec: Any): FieldProblem[] {
  const problems = labelSelectorProblems('podSelector', spec?.podSelector);
  for (const [dir, peers] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    listOf(spec?.[dir]).forEach((rule, i) => {
      listOf(rule?.ports).forEach((p, j) => problems.push(...policyPortProblems(`${dir}[${i}].ports[${j}]`, p)));
      listOf(rule?.[peers]).forEach((p, j) => problems.push(...peerProblems(`${dir}[${i}].${peers}[${j}]`, p)));
    });
  }
  listOf(spec?.policyTypes).forEach((t, i) => problems.push(...notOneOf(`policyTypes[${i}]`, t, ['Ingress', 'Egress'])));
  return problems;
}
