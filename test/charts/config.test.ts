/**
 * charts/config.ts: erlang-docker.config.yaml and ERLANG_DOCKER_REGISTRY. A
 * malformed file, an unknown key, a wrong type or a bad value is a ConfigError
 * naming the file, the key and the line; never a silent default.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Size, Testing } from 'cdk8s';
import { CONFIG_FILE, DEFAULT_CONFIG, loadChartConfig, parseChartConfig, REGISTRY_ENV } from '../../charts/config';
import { ErlangDockerChart } from '../../charts/erlang-docker-chart';
import { validateManifests } from '../../lib/validation/validate';
import { configErrorOf } from '../helpers';

const FILE = 'erlang-docker.config.yaml';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'erlang-docker-config-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const writeConfig = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

describe('valid config files', () => {
  test("the repository's own config file parses to the defaults", () => {
    const text = fs.readFileSync(path.join(__dirname, '..', '..', CONFIG_FILE), 'utf8');
    expect(parseChartConfig(text, CONFIG_FILE)).toEqual(DEFAULT_CONFIG);
  });

  test('an empty or comment-only file means the defaults', () => {
    expect(parseChartConfig('', FILE)).toEqual(DEFAULT_CONFIG);
    expect(parseChartConfig('# nothing to change\n', FILE)).toEqual(DEFAULT_CONFIG);
  });

  test('every key, block and flow style, quotes, anchors and aliases', () => {
    const text = [
      '# site settings',
      'registry: "10.0.0.1:5000/team"',
      'namespace: erlang',
      "clusterDomain: 'corp.example'",
      'cookieSecret: &secret shared-cookie',
      'localVolumes:',
      '  - { name: w1-0, nodeName: worker1, path: /mnt/disks/erlang-0, size: 1Gi }',
      '  - name: w2-0',
      '    nodeName: worker2',
      '    path: /mnt/disks/erlang-0',
      '    size: 1536Mi',
      // One volume per pod: 3 each for a and b.
      ...[3, 4, 5, 6].map((i) => `  - { name: w${i}-0, nodeName: worker${i}, path: /mnt/disks/erlang-0, size: 1Gi }`),
      'tag: "1.4.2"',
      'digest:',
      `  a: sha256:${'a'.repeat(64)}`,
      `  b: 'sha256:${'b'.repeat(64)}'`,
      '',
    ].join('\n');
    expect(parseChartConfig(text, FILE)).toEqual({
      registry: '10.0.0.1:5000/team',
      namespace: 'erlang',
      clusterDomain: 'corp.example',
      cookieSecret: 'shared-cookie',
      localVolumes: [
        { name: 'w1-0', nodeName: 'worker1', path: '/mnt/disks/erlang-0', size: Size.gibibytes(1) },
        { name: 'w2-0', nodeName: 'worker2', path: '/mnt/disks/erlang-0', size: Size.mebibytes(1536) },
        ...[3, 4, 5, 6].map((i) => ({ name: `w${i}-0`, nodeName: `worker${i}`, path: '/mnt/disks/erlang-0', size: Size.gibibytes(1) })),
      ],
      tag: '1.4.2',
      digest: { a: `sha256:${'a'.repeat(64)}`, b: `sha256:${'b'.repeat(64)}` },
    });
    // An alias is its anchor's value.
    expect(parseChartConfig('cookieSecret: &c my-cookie\nnamespace: *c\n', FILE)).toMatchObject({ cookieSecret: 'my-cookie', namespace: 'my-cookie' });
  });

  test('a parsed config drives the seed chart, and the result validates clean', () => {
    const config = parseChartConfig(
      [
        'registry: registry.example.com:5000',
        'namespace: erlang',
        'localVolumes:',
        ...Array.from({ length: 6 }, (_, i) => `  - { name: v${i}, nodeName: worker${i % 3}, path: /mnt/disks/e-${i}, size: 1Gi }`),
      ].join('\n'),
      FILE,
    );
    const objects = Testing.synth(new ErlangDockerChart(Testing.app(), 'erlang-docker', { config })) as any[];
    expect(validateManifests(objects)).toEqual({ schema: [], invariants: [] });
    const images = objects.filter((o) => o.kind === 'StatefulSet').map((s) => s.spec.template.spec.containers[0].image);
    expect(images).toEqual(['registry.example.com:5000/erlang-docker-a:latest', 'registry.example.com:5000/erlang-docker-b:latest']);
    expect(objects.filter((o) => o.kind === 'PersistentVolume')).toHaveLength(6);
  });

  test('another cluster domain drives the chart too, with DNSSRV discovery told the domain', () => {
    const env = (domain: string) => {
      const config = parseChartConfig(`clusterDomain: ${domain}\n`, FILE);
      const objects = Testing.synth(new ErlangDockerChart(Testing.app(), 'erlang-docker', { config })) as any[];
      expect(validateManifests(objects)).toEqual({ schema: [], invariants: [] });
      const container = objects.find((o) => o.kind === 'StatefulSet').spec.template.spec.containers[0];
      return new Map<string, string>(container.env.map((e: any) => [e.name, e.value]));
    };
    expect(env('k8s.example.com').get('ERLANG_CLUSTER_DISCOVERY')).toBe('dnssrv');
    expect(env('k8s.example.com').get('CLUSTER_DOMAIN')).toBe('k8s.example.com.');
    expect(env('k8s.example.com').get('ERLANG_HOST_NAME')).toBe('$(POD_NAME).erlang-docker-a-hl.$(NAMESPACE).svc.k8s.example.com');
    expect(env('cluster.local').get('ERLANG_CLUSTER_DISCOVERY')).toBe('dnssrv');
  });

  test('tag and digests pin the seed images; pinned, they are pulled IfNotPresent and raise no warning', () => {
    const config = parseChartConfig(`tag: '2024.06'\ndigest: { a: 'sha256:${'1'.repeat(64)}' }\n`, FILE);
    const warnings: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => {
      warnings.push(String(chunk));
      return true;
    });
    let objects: any[];
    try {
      objects = Testing.synth(new ErlangDockerChart(Testing.app(), 'erlang-docker', { config })) as any[];
    } finally {
      spy.mockRestore();
    }
    expect(warnings).toEqual([]);
    const containers = objects.filter((o) => o.kind === 'StatefulSet').map((s) => s.spec.template.spec.containers[0]);
    expect(containers.map((c) => [c.image, c.imagePullPolicy])).toEqual([
      [`localhost:5000/erlang-docker-a:2024.06@sha256:${'1'.repeat(64)}`, 'IfNotPresent'],
      ['localhost:5000/erlang-docker-b:2024.06', 'IfNotPresent'],
    ]);
    expect(validateManifests(objects)).toEqual({ schema: [], invariants: [] });
  });
});

interface BadConfig {
  readonly name: string;
  readonly text: string;
  readonly line: number;
  readonly key: string;
  readonly value: unknown;
  readonly allowed: string;
}

/** `n` flow-style local volumes, on lines of their own, each on its own node and directory. */
function volumeLines(n: number, size: (i: number) => string = () => '1Gi'): string {
  return Array.from({ length: n }, (_, i) => `  - { name: v${i}, nodeName: worker${i}, path: /mnt/disks/e-${i}, size: ${size(i)} }`).join('\n');
}
/** A DNS name of `length` characters, in labels of at most 63. */
function domainOf(length: number): string {
  const labels: string[] = [];
  let left = length;
  while (left > 63) {
    const n = Math.min(63, left - 2); // leaves a dot and at least one character
    labels.push('d'.repeat(n));
    left -= n + 1;
  }
  return [...labels, 'd'.repeat(left)].join('.');
}
/** The longest clusterDomain with which namespace 'erlang' keeps node names within 255 characters. */
const MAX_DOMAIN = 255 - 'erlang-docker-a@erlang-docker-a-sfs-2.erlang-docker-a-hl.erlang.svc.'.length;

const SIZE_ALLOWED =
  "must be a positive whole number with a binary unit (Ki, Mi, Gi, Ti or Pi), such as '1Gi' or '512Mi': no decimal units ('1G', '500M'), no fractions ('1.5Gi')";

const BAD: BadConfig[] = [
  // Malformed YAML
  {
    name: 'malformed: an unclosed flow sequence',
    text: 'registry: localhost:5000\nnamespace: [unclosed\n',
    line: 2,
    key: 'namespace',
    value: 'namespace: [unclosed',
    allowed: 'must be valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  },
  {
    name: 'malformed: an unclosed quote',
    text: '# settings\nregistry: "localhost:5000\nnamespace: x\n',
    line: 2,
    key: 'registry',
    value: 'registry: "localhost:5000',
    allowed: 'must be valid YAML: Missing closing "quote',
  },
  {
    name: 'malformed: a tab as indentation',
    text: 'registry: localhost:5000\n\tnamespace: b\n',
    line: 2,
    key: 'namespace',
    value: 'namespace: b',
    allowed: 'must be valid YAML: Tabs are not allowed as indentation',
  },
  {
    name: 'malformed: a key given twice',
    text: 'namespace: a\nregistry: localhost:5000\nnamespace: b\n',
    line: 3,
    key: 'namespace',
    value: 'namespace: b',
    allowed: 'must be valid YAML: Map keys must be unique',
  },
  {
    name: 'malformed: a value with an unquoted colon',
    text: 'registry: localhost:5000\nnamespace: a: b\n',
    line: 2,
    key: 'namespace',
    value: 'namespace: a: b',
    allowed: 'must be valid YAML: Nested mappings are not allowed in compact mappings',
  },

  // Unknown keys
  {
    name: 'unknown key (a typo)',
    text: 'registry: localhost:5000\n\nregistr: localhost:5001\n',
    line: 3,
    key: 'registr',
    value: 'registr',
    allowed: 'is not a known key; allowed: registry, namespace, clusterDomain, cookieSecret, localVolumes',
  },
  {
    name: 'unknown flavour under digest',
    text: `digest:\n  c: sha256:${'0'.repeat(64)}\n`,
    line: 2,
    key: 'digest.c',
    value: 'c',
    allowed: 'is not a flavour; allowed: a, b',
  },
  { name: 'unknown key with different case', text: 'Namespace: default\n', line: 1, key: 'Namespace', value: 'Namespace', allowed: 'is not a known key' },
  {
    name: 'unknown key in a local volume',
    text: 'localVolumes:\n  - name: v0\n    nodeName: w1\n    path: /mnt/a\n    sise: 1Gi\n',
    line: 5,
    key: 'localVolumes[0].sise',
    value: 'sise',
    allowed: 'is not a known key; allowed: name, nodeName, path, size',
  },

  // Wrong types
  {
    name: 'wrong type: a number for namespace',
    text: 'registry: localhost:5000\nnamespace: 42\n',
    line: 2,
    key: 'namespace',
    value: 42,
    allowed: 'must be a string',
  },
  {
    name: 'wrong type: a boolean for cookieSecret',
    text: '# c\n# c\ncookieSecret: true\n',
    line: 3,
    key: 'cookieSecret',
    value: true,
    allowed: 'must be a string',
  },
  {
    name: 'wrong type: a list for clusterDomain',
    text: 'clusterDomain:\n  - cluster.local\n',
    line: 2,
    key: 'clusterDomain',
    value: ['cluster.local'],
    allowed: 'must be a string',
  },
  { name: 'wrong type: an empty value', text: 'registry: localhost:5000\nnamespace:\n', line: 2, key: 'namespace', value: null, allowed: 'must be a string' },
  {
    name: 'wrong type: localVolumes as a string',
    text: 'localVolumes: worker1\n',
    line: 1,
    key: 'localVolumes',
    value: 'worker1',
    allowed: 'must be a list of {name, nodeName, path, size}',
  },
  {
    name: 'wrong type: a local volume as a string',
    text: 'localVolumes:\n  - worker1\n',
    line: 2,
    key: 'localVolumes[0]',
    value: 'worker1',
    allowed: 'must be a mapping with name, nodeName, path and size',
  },
  {
    name: 'wrong type: a number for a volume size',
    text: 'localVolumes:\n  - { name: v0, nodeName: w1, path: /mnt/a, size: 1024 }\n',
    line: 2,
    key: 'localVolumes[0].size',
    value: 1024,
    allowed: 'must be a string',
  },
  {
    name: 'wrong type: the document is a list',
    text: '- registry\n- namespace\n',
    line: 1,
    key: '(document)',
    value: ['registry', 'namespace'],
    allowed: 'must be a mapping with keys registry, namespace',
  },

  {
    name: 'wrong type: digest as a string',
    text: `digest: sha256:${'0'.repeat(64)}\n`,
    line: 1,
    key: 'digest',
    value: `sha256:${'0'.repeat(64)}`,
    allowed: 'must be a mapping of flavour (a, b) to an image digest',
  },
  { name: 'wrong type: a number for tag', text: 'tag: 1.4\n', line: 1, key: 'tag', value: 1.4, allowed: 'must be a string' },

  // Bad values
  {
    name: 'bad value: a tag with a slash',
    text: 'tag: release/1.0\n',
    line: 1,
    key: 'tag',
    value: 'release/1.0',
    allowed: "must be an image tag such as '1.4.2'",
  },
  {
    name: 'bad value: a short digest',
    text: 'digest:\n  b: sha256:abc\n',
    line: 2,
    key: 'digest.b',
    value: 'sha256:abc',
    allowed: 'a digest of a known algorithm with its exact length in lower-case hex: sha256 (64), sha384 (96), sha512 (128)',
  },
  {
    name: 'bad value: a namespace with upper case',
    text: '# settings\nregistry: localhost:5000\nnamespace: Bad_NS\n',
    line: 3,
    key: 'namespace',
    value: 'Bad_NS',
    allowed: 'must be a DNS-1123 label',
  },
  {
    name: 'bad value: a registry with a scheme',
    text: 'registry: https://registry.example.com\n',
    line: 1,
    key: 'registry',
    value: 'https://registry.example.com',
    allowed: "must be a registry such as 'localhost:5000'",
  },
  {
    name: 'bad value: a cluster domain with an underscore',
    text: 'clusterDomain: cluster_local\n',
    line: 1,
    key: 'clusterDomain',
    value: 'cluster_local',
    allowed: 'must be a DNS name',
  },
  {
    name: 'bad value: a cookie Secret name with a space',
    text: 'cookieSecret: "my cookie"\n',
    line: 1,
    key: 'cookieSecret',
    value: 'my cookie',
    allowed: 'must be a DNS name',
  },
  {
    name: 'bad value: a volume size that is not a quantity',
    text: 'localVolumes:\n  - name: v0\n    nodeName: w1\n    path: /mnt/a\n    size: 1GB\n',
    line: 5,
    key: 'localVolumes[0].size',
    value: '1GB',
    allowed: SIZE_ALLOWED,
  },
  // A cdk8s Size has binary units only, in whole numbers: a decimal unit, a fraction, a bare byte count and zero are refused.
  ...['10G', '500M', '1.5Gi', '1073741824', '0Gi', '01Gi', '1Ei', '99999999999999999999Gi'].map((size) => ({
    name: `bad value: volume size ${size}`,
    text: `localVolumes:\n  - { name: v0, nodeName: w1, path: /mnt/a, size: '${size}' }\n`,
    line: 2,
    key: 'localVolumes[0].size',
    value: size,
    allowed: SIZE_ALLOWED,
  })),
  {
    name: 'bad value: a relative volume path',
    text: 'localVolumes:\n  - { name: v0, nodeName: w1, path: mnt/a, size: 1Gi }\n',
    line: 2,
    key: 'localVolumes[0].path',
    value: 'mnt/a',
    allowed: 'must be an absolute path',
  },
  {
    name: 'bad value: a volume without size',
    text: 'localVolumes:\n  - name: v0\n    nodeName: w1\n    path: /mnt/a\n',
    line: 2,
    key: 'localVolumes[0].size',
    value: undefined,
    allowed: 'is required',
  },
  {
    name: 'bad value: two volumes with one name',
    text: 'localVolumes:\n  - { name: v0, nodeName: w1, path: /mnt/a, size: 1Gi }\n  - { name: v0, nodeName: w2, path: /mnt/a, size: 1Gi }\n',
    line: 3,
    key: 'localVolumes[1].name',
    value: 'v0',
    allowed: 'is already used by localVolumes[0]; each local volume needs its own name',
  },
  {
    name: 'bad value: two volumes on one directory of one node',
    text: 'localVolumes:\n  - { name: v0, nodeName: w1, path: /mnt/a, size: 1Gi }\n  - name: v1\n    nodeName: w1\n    path: /mnt/a\n    size: 1Gi\n',
    line: 5,
    key: 'localVolumes[1].path',
    value: '/mnt/a',
    allowed: 'each local volume needs its own directory',
  },

  // Keys named like what every JavaScript object inherits are unknown keys like any other
  ...['constructor', '__proto__', 'toString'].map((k) => ({
    name: `unknown key: ${k}`,
    text: `namespace: erlang\n${k}: x\n`,
    line: 2,
    key: k,
    value: k,
    allowed: 'is not a known key; allowed: registry, namespace',
  })),
  ...['constructor', '__proto__'].map((k) => ({
    name: `unknown key in a local volume: ${k}`,
    text: `localVolumes:\n  - name: v0\n    ${k}: x\n`,
    line: 3,
    key: `localVolumes[0].${k}`,
    value: k,
    allowed: 'is not a known key; allowed: name, nodeName, path, size',
  })),

  // Values that parse but that the chart cannot use: what its constructs would refuse, in the file's terms
  {
    name: 'chart: fewer local volumes than pods',
    text: `namespace: erlang\nlocalVolumes:\n${volumeLines(4)}\n`,
    line: 2,
    key: 'localVolumes',
    value: 4,
    allowed:
      "must list at least 6 volumes, one per pod (3 of each of erlang-docker-a and erlang-docker-b): add 2 more, or write 'localVolumes: []' so that the claims use the cluster's default StorageClass",
  },
  {
    name: 'chart: local volumes smaller than the claims',
    text: `localVolumes:\n${volumeLines(6, (i) => (i < 2 ? '1Gi' : '500Mi'))}\n`,
    line: 4,
    key: 'localVolumes[2].size',
    value: '500Mi',
    allowed:
      'must be at least 1Gi, what each pod claims: 2 of the 6 volumes are, and the 3 pods of erlang-docker-a need 3; raise size, or add entries under localVolumes',
  },
  {
    name: 'chart: a cluster domain that makes the node names too long',
    text: `namespace: erlang\nclusterDomain: ${domainOf(MAX_DOMAIN + 1)}\n`,
    line: 2,
    key: 'clusterDomain',
    value: domainOf(MAX_DOMAIN + 1),
    allowed: `makes the node name 'erlang-docker-a@erlang-docker-a-sfs-2.erlang-docker-a-hl.erlang.svc.${domainOf(MAX_DOMAIN + 1)}' too long: it must be at most 255 characters with a host part of at most 253 (this one: 256 and 240); shorten namespace or clusterDomain`,
  },
];

describe('a bad config file is a ConfigError naming the file, the key and the line', () => {
  test.each(BAD)('$name', ({ text, line, key, value, allowed }) => {
    const err = configErrorOf(() => parseChartConfig(text, FILE));
    expect(err.where).toBe(`${FILE}:${line}`);
    expect(err.prop).toBe(key);
    expect(err.value).toEqual(value);
    expect(err.allowed).toContain(allowed);
    expect(err.message.startsWith(`${FILE}:${line}: invalid ${key} `)).toBe(true);
    expect(err.message).not.toContain('\n');
    // In the file's terms: no construct path, no construct prop, no method the user does not call.
    expect(err.message).not.toMatch(/erlang-docker\/|addVolume|headlessServiceName|basename/);
  });

  test('near misses: exactly one 1Gi volume per pod, and the longest cluster domain that keeps node names within 255 characters', () => {
    for (const text of [`localVolumes:\n${volumeLines(6)}\n`, `namespace: erlang\nclusterDomain: ${domainOf(MAX_DOMAIN)}\n`]) {
      const config = parseChartConfig(text, FILE);
      const objects = Testing.synth(new ErlangDockerChart(Testing.app(), 'erlang-docker', { config })) as any[];
      expect(validateManifests(objects)).toEqual({ schema: [], invariants: [] });
    }
    expect(domainOf(MAX_DOMAIN)).toHaveLength(MAX_DOMAIN);
  });

  test("without the file, the chart's constructs refuse the same values in their own terms: the file's checks are theirs", () => {
    const chart = (config: Partial<typeof DEFAULT_CONFIG>) => () =>
      Testing.synth(new ErlangDockerChart(Testing.app(), 'erlang-docker', { config: { ...DEFAULT_CONFIG, ...config } }));
    const volumes = (n: number, size: Size) => Array.from({ length: n }, (_, i) => ({ name: `v${i}`, nodeName: `worker${i}`, path: `/mnt/e-${i}`, size }));
    expect(configErrorOf(chart({ localVolumes: volumes(4, Size.gibibytes(1)) })).allowed).toContain('must be at least the 6 claims made on this class');
    expect(configErrorOf(chart({ localVolumes: volumes(6, Size.mebibytes(500)) })).allowed).toContain('Add them with addVolume()');
    expect(configErrorOf(chart({ namespace: 'erlang', clusterDomain: domainOf(MAX_DOMAIN + 1) })).prop).toBe('nodeNames');
  });

  test('loadChartConfig names the file it read', () => {
    const file = writeConfig('bad.yaml', '# settings\nregistry: localhost:5000\nnamespace: Bad_NS\n');
    const err = configErrorOf(() => loadChartConfig(file, {}));
    expect(err.message).toBe(
      `${file}:3: invalid namespace "Bad_NS": must be a DNS-1123 label of at most 63 characters: ` +
        "lower-case letters, digits and '-', starting and ending with a letter or digit",
    );
  });
});

describe(`${REGISTRY_ENV} overrides the registry, and is checked like the file`, () => {
  test('a valid override wins over the file', () => {
    const file = writeConfig('registry.yaml', 'registry: localhost:5000\nnamespace: erlang\n');
    expect(loadChartConfig(file, { [REGISTRY_ENV]: '10.1.2.3:5000' })).toEqual({ ...DEFAULT_CONFIG, namespace: 'erlang', registry: '10.1.2.3:5000' });
  });

  test('without a file, the defaults plus the override', () => {
    expect(loadChartConfig(path.join(dir, 'missing.yaml'), { [REGISTRY_ENV]: 'registry.example.com/team' })).toEqual({
      ...DEFAULT_CONFIG,
      registry: 'registry.example.com/team',
    });
    expect(loadChartConfig(path.join(dir, 'missing.yaml'), {})).toEqual(DEFAULT_CONFIG);
  });

  test.each([
    ['an empty value', ''],
    ['a scheme', 'http://localhost:5000'],
    ['upper case in the path', 'localhost:5000/Team'],
    ['a trailing slash', 'localhost:5000/'],
    ['a space', 'localhost 5000'],
  ])('an override with %s is a ConfigError naming the variable', (_, registry) => {
    const err = configErrorOf(() => loadChartConfig(path.join(dir, 'missing.yaml'), { [REGISTRY_ENV]: registry }));
    expect(err.where).toBe(`environment variable ${REGISTRY_ENV}`);
    expect(err.prop).toBe('registry');
    expect(err.value).toBe(registry);
    expect(err.allowed).toBe("must be a registry such as 'localhost:5000' or '10.0.0.1:5000/team'");
    expect(err.message).not.toContain('\n');
  });

  test('a bad file is reported even when the override is valid', () => {
    const file = writeConfig('both.yaml', 'registry: localhost:5000\nregistri: x\n');
    const err = configErrorOf(() => loadChartConfig(file, { [REGISTRY_ENV]: '10.1.2.3:5000' }));
    expect([err.where, err.prop]).toEqual([`${file}:2`, 'registri']);
  });
});
