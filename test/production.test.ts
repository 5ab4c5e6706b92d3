/**
 * Issue 10: production defaults and operator features. The pure helpers first;
 * the constructs' output is in constructs.test.ts and erlang-docker-chart.test.ts.
 */
import { imageParts, quantityValue } from '../lib/validation/props';
import { schedulerFlags } from '../lib/erlang-distribution';

describe('helpers', () => {
  test('quantityValue reads Kubernetes quantities', () => {
    expect(quantityValue('250m')).toBe(0.25);
    expect(quantityValue('2')).toBe(2);
    expect(quantityValue('1.5')).toBe(1.5);
    expect(quantityValue('512Mi')).toBe(512 * 2 ** 20);
    expect(quantityValue('1G')).toBe(1e9);
    expect(quantityValue('1e3')).toBe(1000);
    expect(quantityValue('1Xi')).toBeNaN();
  });

  test('imageParts tells a tag from a registry port, and finds the digest', () => {
    expect(imageParts('localhost:5000/app')).toEqual({ tag: undefined, digest: undefined });
    expect(imageParts('localhost:5000/app:1.2')).toEqual({ tag: '1.2', digest: undefined });
    expect(imageParts('app:latest@sha256:abc')).toEqual({ tag: 'latest', digest: 'sha256:abc' });
    expect(imageParts('app@sha256:abc')).toEqual({ tag: undefined, digest: 'sha256:abc' });
  });

  test('scheduler flags', () => {
    expect(schedulerFlags({ online: 2 })).toBe('+S 2:2');
    expect(schedulerFlags({ dirtyIo: 4 })).toBe('+SDio 4');
    expect(schedulerFlags({ online: 1, dirtyIo: 4 })).toBe('+S 1:1 +SDio 4');
  });
});
