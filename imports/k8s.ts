// The Kubernetes 1.28 L1 constructs. `cdk8s import k8s@1.28.0` needs the network, so
// we re-export the identical classes that cdk8s-plus-28 generated from the same
// definitions (see imports/README.md), through its public `k8s` export: a deep import
// would break on any change of its file layout. Everything in lib/ imports k8s from
// here, so a Kubernetes bump is a change to this file and the JSON next to it.
import { k8s } from 'cdk8s-plus-28';

export = k8s;
