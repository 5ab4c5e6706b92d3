/**
 * lib/erlang/env.ts: the env contract of a node container.
 */
import { COOKIE_ENV_NAMES, hostNameTemplate, nodeEnv, podIdentityEnv } from '../../lib/erlang/env';

describe('the node env contract', () => {
  test('nodeEnv: identity, host name, node name, cookie, port, in that order; ERL_DIST_PORT and ERL_AFLAGS only when asked', () => {
    const base = {
      basename: 'app',
      headlessServiceName: 'app-hl',
      clusterDomain: 'corp.local',
      relxCookie: true,
      erlDistPort: true,
      cookieSecretName: 'ck',
      cookieKey: 'k',
      distPort: 9100,
      epmdless: false,
    };
    const field = (fieldPath: string) => ({ fieldRef: { apiVersion: 'v1', fieldPath } });
    const common = [
      { name: 'NAMESPACE', valueFrom: field('metadata.namespace') },
      { name: 'POD_NAME', valueFrom: field('metadata.name') },
      { name: 'LOCAL_IP', valueFrom: field('status.podIP') },
      { name: 'ERLANG_HOST_NAME', value: '$(POD_NAME).app-hl.$(NAMESPACE).svc.corp.local' },
      { name: 'RELEASE_DISTRIBUTION', value: 'name' },
      { name: 'RELEASE_NODE', value: 'app@$(ERLANG_HOST_NAME)' },
      { name: 'RELEASE_COOKIE', valueFrom: { secretKeyRef: { name: 'ck', key: 'k' } } },
      { name: 'RELX_COOKIE', value: '$(RELEASE_COOKIE)' },
      { name: 'ERLANG_DIST_PORT', value: '9100' },
    ];
    expect(nodeEnv(base)).toEqual(common);
    expect(nodeEnv({ ...base, epmdless: true, erlAflags: '+S 1:1' })).toEqual([
      ...common,
      { name: 'ERL_DIST_PORT', value: '9100' },
      { name: 'ERL_AFLAGS', value: '+S 1:1' },
    ]);
    expect(podIdentityEnv()).toEqual(common.slice(0, 3));
    expect(hostNameTemplate('h', 'd')).toBe('$(POD_NAME).h.$(NAMESPACE).svc.d');
    expect(COOKIE_ENV_NAMES).toEqual(['RELEASE_COOKIE', 'RELX_COOKIE', 'ERLANG_COOKIE', 'COOKIE']);
  });
});
