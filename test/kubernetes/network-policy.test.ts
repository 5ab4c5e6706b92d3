/**
 * lib/kubernetes/network-policy.ts: the NetworkPolicy helpers, with exact values.
 */
import { IntOrString } from '../../imports/k8s';
import { NAMESPACE_NAME_LABEL, peerOf, policyPort } from '../../lib/kubernetes/network-policy';

describe('network-policy helpers', () => {
  test('peerOf: a namespaceSelector only across namespaces; all pods of another namespace without a podSelector', () => {
    expect(NAMESPACE_NAME_LABEL).toBe('kubernetes.io/metadata.name');
    expect(peerOf('ns', { app: 'a' }, 'ns')).toEqual({ namespaceSelector: undefined, podSelector: { matchLabels: { app: 'a' } } });
    expect(peerOf('ns', undefined, 'ns')).toEqual({ namespaceSelector: undefined, podSelector: { matchLabels: undefined } });
    expect(peerOf('other', { app: 'a' }, 'ns')).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } },
      podSelector: { matchLabels: { app: 'a' } },
    });
    expect(peerOf('other', undefined, 'ns')).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } },
      podSelector: undefined,
    });
  });

  test('policyPort: TCP unless told', () => {
    expect(policyPort(4369)).toEqual({ protocol: 'TCP', port: IntOrString.fromNumber(4369) });
    expect(policyPort(53, 'UDP')).toEqual({ protocol: 'UDP', port: IntOrString.fromNumber(53) });
    expect(policyPort(4369).port?.value).toBe(4369);
  });
});
