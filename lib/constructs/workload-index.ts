/**
 * The pods of each ErlangStatefulCluster in an app, indexed by namespace and
 * pod label, so that a Service construct can find the clusters it selects at
 * synth time without a scan of the whole app (linear at thousands of clusters).
 */
import { IConstruct } from 'constructs';
import { serviceSelectorMatches } from '../kubernetes/label-selector';
import { appRegistry } from './app-registry';

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

/** One app's index, shared by every copy of this package in it: the workloads by namespace, label and value. */
const index = (owner: IConstruct) => appRegistry<IndexedWorkload[]>(owner, 'workloads');
const key = (namespace: string, label: string, value: string) => `${namespace}\0${label}\0${value}`;

/** Adds `workload` to the index of `owner`'s app. */
export function indexWorkload(owner: IConstruct, workload: IndexedWorkload): void {
  const entries = index(owner);
  for (const [label, value] of Object.entries(workload.podLabels)) {
    const k = key(workload.namespace, label, value);
    // Push, not copy: a label that thousands of clusters share would make indexing quadratic.
    const list = entries[k];
    if (list === undefined) entries[k] = [workload];
    else list.push(workload);
  }
}

/** The indexed workloads of `owner`'s app whose pods `selector` (non-empty matchLabels) selects in `namespace`. */
export function workloadsSelectedBy(owner: IConstruct, namespace: string, selector: Readonly<Record<string, string>>): IndexedWorkload[] {
  // The Service constructs refuse an empty selector before they get here.
  const [label, value] = Object.entries(selector)[0]!;
  const candidates = index(owner)[key(namespace, label, value)];
  return candidates?.filter((w) => serviceSelectorMatches(selector, w.podLabels)) ?? [];
}
