/**
 * Settings of the seed chart that differ between installations (the registry
 * above all), read from an optional YAML file and environment variables. A
 * malformed file, an unknown key or a wrong type is an error naming the file,
 * the key and the line: never a silent default.
 */
import * as fs from 'fs';
import { Size } from 'cdk8s';
import { Document, isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, Node as YamlNode, Pair, Scalar, visit, YAMLMap } from 'yaml';
import { ConfigError } from '../lib/core/errors';
import { checkConfigFitsChart } from './chart-shape';
import { checkAbsolutePath, checkDigest, checkDnsLabel, checkDnsSubdomain, checkImage, normalizePath } from '../lib/checks';

/** A local PersistentVolume to declare (see LocalStorageClass.addVolume). */
export interface LocalVolumeConfig {
  readonly name: string;
  readonly nodeName: string;
  readonly path: string;
  readonly size: Size;
}

/** The seed chart's settings. */
export interface ChartConfig {
  /** Image registry, `host[:port][/path]`; images are `<registry>/erlang-docker-{a,b}:<tag>`. */
  readonly registry: string;
  /** The image tag of both flavours; the seed's `latest` by default (a warning at synth). */
  readonly tag: string;
  /** Per flavour, a digest that pins its image (`sha256:...`). */
  readonly digest: { readonly a?: string; readonly b?: string };
  readonly namespace: string;
  readonly clusterDomain: string;
  /** The Secret (key `cookie`) both flavours share. */
  readonly cookieSecret: string;
  /**
   * Local PersistentVolumes of the `local-storage` class, which the claims use; an
   * empty list leaves the claims to the cluster's default StorageClass.
   */
  readonly localVolumes: readonly LocalVolumeConfig[];
}

/**
 * The reference system's volumes: its kubeadm cluster has no default StorageClass
 * and three workers, worker1..worker3, so two directories on each hold the six claims.
 */
const REFERENCE_VOLUMES: readonly LocalVolumeConfig[] = ['worker1', 'worker2', 'worker3'].flatMap((nodeName) =>
  [0, 1].map((i) => ({ name: `erlang-docker-${nodeName}-${i}`, nodeName, path: `/mnt/disks/erlang-docker-${i}`, size: Size.gibibytes(1) })),
);

export const DEFAULT_CONFIG: ChartConfig = {
  registry: 'localhost:5000',
  tag: 'latest',
  digest: {},
  namespace: 'default',
  clusterDomain: 'cluster.local',
  cookieSecret: 'erlang-docker-cookie',
  localVolumes: REFERENCE_VOLUMES,
};

/** The config file read by main.ts, relative to the working directory. */
export const CONFIG_FILE = 'erlang-docker.config.yaml';
/** Overrides `registry` without editing any file. */
export const REGISTRY_ENV = 'ERLANG_DOCKER_REGISTRY';

/** `file:line` of a node (else of `fallback`, e.g. the key of an empty value). */
type Where = (node: YamlNode | null | undefined, fallback?: YamlNode | null) => string;
/** A node with aliases (`*anchor`) resolved. */
type Deref = (node: YamlNode | null | undefined) => YamlNode | null;

const STRING_KEYS = {
  registry: (w: string, k: string, v: string) => checkRegistry(w, k, v),
  namespace: (w: string, k: string, v: string) => checkDnsLabel(w, k, v),
  clusterDomain: (w: string, k: string, v: string) => checkDnsSubdomain(w, k, v),
  cookieSecret: (w: string, k: string, v: string) => checkDnsSubdomain(w, k, v),
} as const;
// After localVolumes in the list of allowed keys: they came later.
const IMAGE_KEYS = {
  tag: (w: string, k: string, v: string) => checkTag(w, k, v),
} as const;
const DIGEST_KEYS = ['a', 'b'] as const;
const VOLUME_KEYS = {
  name: (w: string, k: string, v: string) => checkDnsSubdomain(w, k, v),
  nodeName: (w: string, k: string, v: string) => checkDnsSubdomain(w, k, v),
  path: (w: string, k: string, v: string) => checkAbsolutePath(w, k, v),
  size: (w: string, k: string, v: string) => parseSize(w, k, v),
} as const;

/** cdk8s `Size` by its unit: it has binary units only, each a factor of 1024 above the last. */
const SIZE_UNITS: Record<string, (amount: number) => Size> = {
  Ki: Size.kibibytes,
  Mi: Size.mebibytes,
  Gi: Size.gibibytes,
  Ti: Size.tebibytes,
  Pi: Size.pebibyte,
};

/** A size such as '10Gi' as the cdk8s `Size` that renders it back exactly. */
function parseSize(where: string, key: string, value: string): Size {
  const [, amount, unit] = /^([1-9][0-9]*)(Ki|Mi|Gi|Ti|Pi)$/.exec(value) ?? [];
  if (amount === undefined || !Number.isSafeInteger(Number(amount))) {
    throw new ConfigError(
      where,
      key,
      value,
      "must be a positive whole number with a binary unit (Ki, Mi, Gi, Ti or Pi), such as '1Gi' or '512Mi': no decimal units ('1G', '500M'), no fractions ('1.5Gi')",
    );
  }
  return SIZE_UNITS[unit!]!(Number(amount));
}

/** Whether `key` is one of `keys`' own: a key such as 'constructor' or '__proto__' in the file is no known key. */
function isOwnKey(keys: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(keys, key);
}

/** A registry is valid when `<registry>/name:tag` is a valid image reference. */
function checkRegistry(where: string, key: string, value: string): string {
  try {
    checkImage(where, key, `${value}/erlang-docker-a:latest`);
  } catch (e) {
    const port = ConfigError.isConfigError(e) && e.allowed.includes('registry port') ? ` (${e.allowed.replace(/^must have a /, '')})` : '';
    throw new ConfigError(where, key, value, `must be a registry such as 'localhost:5000' or '10.0.0.1:5000/team'${port}`);
  }
  return value;
}

/** A tag is valid when `name:<tag>` is a valid image reference. */
function checkTag(where: string, key: string, value: string): string {
  try {
    checkImage(where, key, `erlang-docker-a:${value}`);
  } catch {
    throw new ConfigError(
      where,
      key,
      value,
      "must be an image tag such as '1.4.2': letters, digits, '_', '.' and '-', at most 128, not starting with '.' or '-'",
    );
  }
  return value;
}

/** Parses the config text; `file` names it in errors. */
export function parseChartConfig(text: string, file: string): ChartConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const line = (offset: number) => lineCounter.linePos(offset).line;
  const where: Where = (node, fallback) => {
    const offset = node?.range?.[0] ?? fallback?.range?.[0];
    return offset === undefined ? file : `${file}:${line(offset)}`;
  };
  const deref: Deref = (node) => (isAlias(node) ? ((node.resolve(doc) as YamlNode | undefined) ?? null) : (node ?? null));
  const second = doc.errors.find((e) => /multiple documents/.test(e.message));
  if (second) {
    throw new ConfigError(
      `${file}:${line(second.pos[0])}`,
      '(document)',
      '---',
      'must be a single YAML document: a second one starts here; merge them into one mapping',
    );
  }
  if (doc.errors.length > 0) throw yamlError(doc, text, file, line);
  if (doc.contents === null) return DEFAULT_CONFIG;
  if (!isMap(doc.contents)) {
    throw new ConfigError(where(doc.contents), '(document)', doc.contents.toJSON(), `must be a mapping with keys ${allowedKeys()}`);
  }
  const config: Record<string, unknown> = { ...DEFAULT_CONFIG };
  for (const pair of doc.contents.items as Pair<YamlNode, YamlNode>[]) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string') {
      const shown = isAlias(pair.key) ? `*${pair.key.source}` : ((pair.key as YamlNode | null)?.toJSON() ?? null);
      throw new ConfigError(where(pair.key, pair.value), '(key)', shown, `must be a plain string key; allowed: ${allowedKeys()}`);
    }
    const key = pair.key.value;
    if (key === 'localVolumes') {
      config.localVolumes = parseVolumes(deref(pair.value), where, deref, pair.key);
    } else if (key === 'digest') {
      config.digest = parseDigests(deref(pair.value), where, deref, pair.key);
    } else if (isOwnKey(STRING_KEYS, key) || isOwnKey(IMAGE_KEYS, key)) {
      const check = { ...STRING_KEYS, ...IMAGE_KEYS }[key as keyof typeof STRING_KEYS | keyof typeof IMAGE_KEYS];
      config[key] = check(where(pair.value, pair.key), key, stringValue(deref(pair.value), key, where, pair.key));
    } else {
      throw new ConfigError(where(pair.key), key, key, `is not a known key; allowed: ${allowedKeys()}`);
    }
  }
  const keyNode = (key: string | number) => (doc.contents as YAMLMap<YamlNode, YamlNode>).items.find((p) => isScalar(p.key) && p.key.value === key)?.key;
  // What the chart's constructs would refuse, on the line of the key that causes it.
  checkConfigFitsChart(config as unknown as ChartConfig, (path) =>
    path.length === 1 ? where(keyNode(path[0]!)) : where(doc.getIn(path, true) as YamlNode | undefined, keyNode(path[0]!)),
  );
  return config as unknown as ChartConfig;
}

/**
 * A YAML syntax error as a ConfigError: the line, the key there (else the
 * nearest key before it) and that line's text. Errors found only at the end of
 * the file (an unclosed quote or bracket) point at the last key read.
 */
function yamlError(doc: Document.Parsed, text: string, file: string, line: (offset: number) => number): ConfigError {
  const e = doc.errors[0];
  const end = text.trimEnd().length;
  let offset = Math.min(e.pos[0], end);
  let key = '(document)';
  let keyOffset = -1;
  visit(doc, {
    Pair(_, pair) {
      const [start, stop] = (pair.key as YamlNode | null)?.range ?? [];
      if (isScalar(pair.key) && start !== undefined && stop !== undefined && stop <= offset && start > keyOffset) {
        key = String(pair.key.value);
        keyOffset = start;
      }
    },
  });
  if (e.pos[0] >= end && keyOffset >= 0) offset = keyOffset;
  const n = line(offset);
  const lineText = text.split('\n')[n - 1] ?? '';
  const keyOnLine = /^\s*(?:-\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*:/.exec(lineText)?.[1];
  return new ConfigError(`${file}:${n}`, keyOnLine ?? key, lineText.trim(), `must be valid YAML: ${e.message.split('\n')[0]}`);
}

function allowedKeys(): string {
  return [...Object.keys(STRING_KEYS), 'localVolumes', ...Object.keys(IMAGE_KEYS), 'digest'].join(', ');
}

function stringValue(node: YamlNode | null, key: string, where: Where, keyNode: YamlNode | null): string {
  if (!isScalar(node) || typeof node.value !== 'string') {
    throw new ConfigError(where(node, keyNode), key, isScalar(node) ? node.value : node?.toJSON(), 'must be a string');
  }
  return node.value;
}

/** `digest: { a: sha256:..., b: sha256:... }`: each flavour is its own image, so each has its own digest. */
function parseDigests(node: YamlNode | null, where: Where, deref: Deref, keyNode: YamlNode | null): ChartConfig['digest'] {
  if (!isMap(node))
    throw new ConfigError(where(node, keyNode), 'digest', node?.toJSON(), `must be a mapping of flavour (${DIGEST_KEYS.join(', ')}) to an image digest`);
  const digests: Record<string, string> = {};
  for (const pair of node.items as Pair<Scalar, YamlNode>[]) {
    const k = String(pair.key?.value);
    if (!(DIGEST_KEYS as readonly string[]).includes(k)) {
      throw new ConfigError(where(pair.key), `digest.${k}`, k, `is not a flavour; allowed: ${DIGEST_KEYS.join(', ')}`);
    }
    digests[k] = checkDigest(where(pair.value, pair.key), `digest.${k}`, stringValue(deref(pair.value), `digest.${k}`, where, pair.key));
  }
  return digests;
}

function parseVolumes(node: YamlNode | null, where: Where, deref: Deref, keyNode: YamlNode | null): LocalVolumeConfig[] {
  if (!isSeq(node)) throw new ConfigError(where(node, keyNode), 'localVolumes', node?.toJSON(), 'must be a list of {name, nodeName, path, size}');
  const firstUse = new Map<string, string>();
  return node.items.map((raw, i) => {
    const key = `localVolumes[${i}]`;
    const item = deref(raw as YamlNode);
    if (!isMap(item)) throw new ConfigError(where(item, raw as YamlNode), key, item?.toJSON(), 'must be a mapping with name, nodeName, path and size');
    const volume: Record<string, string | Size> = {};
    for (const pair of item.items as Pair<Scalar, YamlNode>[]) {
      const k = String(pair.key?.value);
      if (!isOwnKey(VOLUME_KEYS, k)) {
        throw new ConfigError(where(pair.key), `${key}.${k}`, k, `is not a known key; allowed: ${Object.keys(VOLUME_KEYS).join(', ')}`);
      }
      const value = stringValue(deref(pair.value), `${key}.${k}`, where, pair.key);
      volume[k] = VOLUME_KEYS[k as keyof typeof VOLUME_KEYS](where(pair.value, pair.key), `${key}.${k}`, value);
    }
    for (const k of Object.keys(VOLUME_KEYS)) {
      if (!(k in volume)) throw new ConfigError(where(item), `${key}.${k}`, undefined, 'is required');
    }
    // PersistentVolumes are cluster-wide, and two on one directory would share its data.
    for (const [k, id] of [
      ['name', volume.name as string],
      ['path', `${volume.nodeName as string}:${normalizePath(volume.path as string)}`],
    ]) {
      const first = firstUse.get(`${k}\0${id}`);
      const valueNode = item.get(k, true) as YamlNode;
      if (first !== undefined)
        throw new ConfigError(
          where(valueNode),
          `${key}.${k}`,
          volume[k],
          `is already used by ${first}; each local volume needs its own ${k === 'name' ? 'name' : 'directory'}`,
        );
      firstUse.set(`${k}\0${id}`, key);
    }
    return volume as unknown as LocalVolumeConfig;
  });
}

/**
 * The effective config: the file if it exists, then `ERLANG_DOCKER_REGISTRY`
 * (checked like the file's value).
 */
export function loadChartConfig(file: string = CONFIG_FILE, env: NodeJS.ProcessEnv = process.env): ChartConfig {
  if (fs.existsSync(file) && !fs.statSync(file).isFile()) {
    throw new ConfigError(file, '(file)', file, 'must be a YAML file (or absent, for the defaults), not a directory or a device');
  }
  const fromFile = fs.existsSync(file) ? parseChartConfig(fs.readFileSync(file, 'utf8'), file) : DEFAULT_CONFIG;
  const registry = env[REGISTRY_ENV];
  if (registry === undefined) return fromFile;
  return { ...fromFile, registry: checkRegistry(`environment variable ${REGISTRY_ENV}`, 'registry', registry) };
}
