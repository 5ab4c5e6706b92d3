/** Every cross-object rule, by topic; the engine in ../manifests.ts runs them in this order. */
import { APISERVER_POD_RULES } from './apiserver-pods';
import { CERTIFICATE_AND_MONITOR_RULES } from './certificates-and-monitors';
import { CONTAINER_RULES } from './containers';
import { ManifestRule } from './context';
import { ERLANG_DISTRIBUTION_RULES } from './erlang-distribution';
import { NAME_RULES } from './names';
import { NETWORK_POLICY_RULES } from './network-policies';
import { RBAC_RULES } from './rbac';
import { SELECTOR_RULES } from './selectors';
import { SERVICE_RULES } from './services';
import { STATEFUL_SET_RULES } from './statefulsets';
import { STORAGE_RULES } from './storage';

export const MANIFEST_RULES: readonly ManifestRule[] = [
  ...NAME_RULES,
  ...SELECTOR_RULES,
  ...SERVICE_RULES,
  ...STATEFUL_SET_RULES,
  ...ERLANG_DISTRIBUTION_RULES,
  ...CERTIFICATE_AND_MONITOR_RULES,
  ...NETWORK_POLICY_RULES,
  ...CONTAINER_RULES,
  ...STORAGE_RULES,
  ...RBAC_RULES,
  ...APISERVER_POD_RULES,
];
