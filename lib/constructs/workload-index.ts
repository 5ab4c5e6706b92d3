/**
 * The pods of each ErlangStatefulCluster in an app, indexed by namespace and
 * pod label, so that a Service construct can find the clusters it selects at
 * synth time without a scan of the whole app (linear at thousands of clusters).
 */
import { IConstruct } from 'constructs';
import { serviceSelectorMatches } from '../kubernetes/label-selector';

/** What a Service needs to know of the pods it may select. */
export interface IndexedWorkload {
  /** The construct path, for messages. */
  readonly path: string;
  readonly namespace: string;
  readonly podLabels: Readonly<Record<string, string>>;
  /** The container ports, by name and number. */
  readonly ports: readonly { readonly name: string; readonly port: number }[];
  /** epmd (unless epmd-less) and the distribution port. */
  readonly distributionPorts: readonly number[];
}

const indexes = new WeakMap<IConstruct, Map<string, IndexedWorkload[]>>();
const key = (namespace: string, label: string, value: string) => `${namespace}\0${label}\0${value}`;

/** Adds `workload` to the index of `owner`'s app. */
export function indexWorkload(owner: IConstruct, workload: IndexedWorkload): void {
  const root = owner.node.root;
  const index = indexes.get(root) ?? new Map<string, IndexedWorkload[]>();
  indexes.set(root, index);
  for (const [label, value] of Object.entries(workload.podLabels)) {
    const k = key(workload.namespace, label, value);
    // Push, not copy: a label that thousands of clusters share would make indexing quadratic.
    const list = index.get(k);
    if (list === undefined) index.set(k, [workload]);
    else list.push(workload);
  }
}

/** The indexed workloads of `owner`'s app whose pods `selector` (non-empty matchLabels) selects in `namespace`. */
export function workloadsSelectedBy(owner: IConstruct, namespace: string, selector: Readonly<Record<string, string>>): IndexedWorkload[] {
  // The Service constructs refuse an empty selector before they get here.
  const [label, value] = Object.entries(selector)[0]!;
  const candidates = indexes.get(owner.node.root)?.get(key(namespace, label, value));
  return candidates?.filter((w) => serviceSelectorMatches(selector, w.podLabels)) ?? [];
}
