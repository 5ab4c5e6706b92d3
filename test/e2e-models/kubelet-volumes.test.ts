/**
 * The kubelet's volume ownership under an fsGroup (SetVolumeOwnership in
 * pkg/volume/volume_linux.go): a Secret's file is never owner-only, which is
 * why the cookie as a file needs its copy step.
 */
import { ownershipMode } from '../../e2e/kubelet-volumes';

test.each([
  ['a Secret file with defaultMode 0400', 0o400, false, true, 0o440],
  ['a Secret file with the API default 0644', 0o644, false, true, 0o644],
  ['a Secret volume directory', 0o755, true, true, 0o2755],
  ['an emptyDir directory', 0o777, true, false, 0o2777],
  ['a file in an emptyDir, 0600', 0o600, false, false, 0o660],
])('%s', (_, mode, isDir, readOnly, expected) => {
  expect(ownershipMode(mode, isDir, readOnly).toString(8)).toBe(expected.toString(8));
});

test('the VM refuses what the kubelet makes of an owner-only Secret file: group bits are set', () => {
  expect(ownershipMode(0o400, false, true) & 0o077).not.toBe(0);
});
