/**
 * lib/validation/rules/storage.ts: volume-mount-exists and mount-path-unique on malformed manifests.
 */
import { cluster, container, obj, run } from '../../fixtures/manifests';

const STORAGE_RULES = ['mount-path-unique', 'volume-mount-exists'];

const deployment = (name: string, spec: any) => obj('Deployment', name, spec === undefined ? {} : { spec }, 'apps/v1');

describe('volume-mount-exists and mount-path-unique', () => {
  test('a claim template without metadata names no volume: the mount of it is reported', () => {
    const objects = cluster((sts) => {
      sts.spec.volumeClaimTemplates = [{ spec: { accessModes: ['ReadWriteOnce'] } }];
      container(sts).volumeMounts = [{ name: 'data', mountPath: '/data' }];
    });
    expect(run(objects, ...STORAGE_RULES)).toEqual([
      'volume-mount-exists StatefulSet/prod/app: container node mounts data, which is neither a volume nor a claim template',
    ]);
  });

  test('a mount without a name is reported, with neither volumes nor claim templates, and with both', () => {
    const objects = cluster((sts) => {
      container(sts).volumeMounts = [{ mountPath: '/data' }];
    });
    const report = ['volume-mount-exists StatefulSet/prod/app: container node mounts undefined, which is neither a volume nor a claim template'];
    expect(run(objects, ...STORAGE_RULES)).toEqual(report);
    (objects[0] as any).spec.volumeClaimTemplates = [{ metadata: { name: 'data' } }];
    (objects[0] as any).spec.template.spec.volumes = [{ name: 'tls', secret: { secretName: 'dist-tls' } }];
    expect(run(objects, ...STORAGE_RULES)).toEqual(report);
  });

  test('init containers mount too: a volume, a claim template, and one that is neither', () => {
    const objects = cluster((sts) => {
      sts.spec.volumeClaimTemplates = [{ metadata: { name: 'data' } }];
      sts.spec.template.spec.volumes = [{ name: 'tls', secret: { secretName: 'dist-tls' } }];
      sts.spec.template.spec.initContainers = [
        {
          name: 'init',
          image: 'busybox',
          volumeMounts: [
            { name: 'data', mountPath: '/data' },
            { name: 'tls', mountPath: '/data' },
            { name: 'cache', mountPath: '/cache' },
          ],
        },
      ];
    });
    expect(run(objects, ...STORAGE_RULES)).toEqual([
      'mount-path-unique StatefulSet/prod/app: container init mounts both data and tls at /data; the apiserver refuses that',
      'volume-mount-exists StatefulSet/prod/app: container init mounts cache, which is neither a volume nor a claim template',
    ]);
  });

  test('a workload without spec, template or pod spec: no throw, nothing mounted', () => {
    const objects = [
      deployment('no-spec', undefined),
      deployment('no-template', {}),
      deployment('no-pod-spec', { template: { metadata: { labels: { app: 'web' } } } }),
      deployment('no-containers', { template: { spec: {} } }),
    ];
    expect(run(objects, ...STORAGE_RULES)).toEqual([]);
    expect(run(objects, 'unique-names', 'statefulset-name-length', 'service-target-port-exists', 'node-port-range', 'node-port-unique')).toEqual([]);
  });
});
