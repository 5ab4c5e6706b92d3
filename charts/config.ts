/**
 * Settings of the seed chart that differ between installations (the registry
 * above all), read from an optional YAML file and environment variables. A
 * malformed file, an unknown key or a wrong type is an error naming the file,
 * the key and the line: never a silent default.
 */
import * as fs from 'fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, Node as YamlNode, Pair, Scalar } from 'yaml';
import { ConfigError } from '../lib/validation/errors';
import {
  checkAbsolutePath, checkDnsLabel, checkDnsSubdomain, checkImage, checkQuantity,
} from '../lib/validation/props';

/** A local PersistentVolume to declare (see LocalStorageClass.addVolume). */
export interface LocalVolumeConfig {
  readonly name: string;
  readonly nodeName: string;
  readonly path: string;
  readonly size: string;
}

/** The seed chart's settings. */
export interface ChartConfig {
  /** Image registry, `host[:port][/path]`; images are `<registry>/erlang-docker-{a,b}:latest`. */
  readonly registry: string;
  readonly namespace: string;
  readonly clusterDomain: string;
  /** The Secret (key `cookie`) both flavours share. */
  readonly cookieSecret: string;
  /** Local PersistentVolumes; when given, claims use the `local-storage` class. */
  readonly localVolumes: readonly LocalVolumeConfig[];
}

export const DEFAULT_CONFIG: ChartConfig = {
  registry: 'localhost:5000',
  namespace: 'default',
  clusterDomain: 'cluster.local',
  cookieSecret: 'erlang-docker-cookie',
  localVolumes: [],
};

/** The config file read by main.ts, relative to the working directory. */
export const CONFIG_FILE = 'erlang-docker.config.yaml';
/** Overrides `registry` without editing any file. */
export const REGISTRY_ENV = 'ERLANG_DOCKER_REGISTRY';

type Where = (node: YamlNode | null | undefined) => string;

const STRING_KEYS = {
  registry: (w: string, k: string, v: string) => checkRegistry(w, k, v),
  namespace: (w: string, k: string, v: string) => checkDnsLabel(w, k, v),
  clusterDomain: (w: string, k: string, v: string) => checkDnsSubdomain(w, k, v),
  cookieSecret: (w: string, k: string, v: string) => checkDnsSubdomain(w, k, v),
} as const;
const VOLUME_KEYS = {
  name: (w: string, k: string, v: string) => checkDnsSubdomain(w, k, v),
  nodeName: (w: string, k: string, v: string) => checkDnsSubdomain(w, k, v),
  path: (w: string, k: string, v: string) => checkAbsolutePath(w, k, v),
  size: (w: string, k: string, v: string) => checkQuantity(w, k, v),
} as const;

/** A registry is valid when `<registry>/name:tag` is a valid image reference. */
function checkRegistry(where: string, key: string, value: string): string {
  try {
    checkImage(where, key, `${value}/erlang-docker-a:latest`);
  } catch {
    throw new ConfigError(where, key, value, "must be a registry such as 'localhost:5000' or '10.0.0.1:5000/team'");
  }
  return value;
}

/** Parses the config text; `file` names it in errors. */
export function parseChartConfig(text: string, file: string): ChartConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const where: Where = (node) => {
    const offset = node?.range?.[0];
    return offset === undefined ? file : `${file}:${lineCounter.linePos(offset).line}`;
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new ConfigError(`${file}:${e.linePos?.[0].line ?? '?'}`, 'YAML', e.code, e.message.split('\n')[0]);
  }
  if (doc.contents === null) return DEFAULT_CONFIG;
  if (!isMap(doc.contents)) {
    throw new ConfigError(where(doc.contents), '(document)', doc.contents.toJSON(), `must be a mapping with keys ${allowedKeys()}`);
  }
  const config: Record<string, unknown> = { ...DEFAULT_CONFIG };
  for (const pair of doc.contents.items as Pair<Scalar, YamlNode>[]) {
    const key = String(pair.key?.value);
    if (key === 'localVolumes') {
      config.localVolumes = parseVolumes(pair.value, where);
    } else if (key in STRING_KEYS) {
      const check = STRING_KEYS[key as keyof typeof STRING_KEYS];
      config[key] = check(where(pair.value ?? pair.key), key, stringValue(pair.value, key, where));
    } else {
      throw new ConfigError(where(pair.key), key, key, `is not a known key; allowed: ${allowedKeys()}`);
    }
  }
  return config as unknown as ChartConfig;
}

function allowedKeys(): string {
  return [...Object.keys(STRING_KEYS), 'localVolumes'].join(', ');
}

function stringValue(node: YamlNode | null, key: string, where: Where): string {
  if (!isScalar(node) || typeof node.value !== 'string') {
    throw new ConfigError(where(node), key, isScalar(node) ? node.value : node?.toJSON(), 'must be a string');
  }
  return node.value;
}

function parseVolumes(node: YamlNode | null, where: Where): LocalVolumeConfig[] {
  if (!isSeq(node)) throw new ConfigError(where(node), 'localVolumes', node?.toJSON(), 'must be a list of {name, nodeName, path, size}');
  return node.items.map((item, i) => {
    const key = `localVolumes[${i}]`;
    if (!isMap(item)) throw new ConfigError(where(item as YamlNode), key, (item as YamlNode)?.toJSON?.(), 'must be a mapping with name, nodeName, path and size');
    const volume: Record<string, string> = {};
    for (const pair of item.items as Pair<Scalar, YamlNode>[]) {
      const k = String(pair.key?.value);
      if (!(k in VOLUME_KEYS)) {
        throw new ConfigError(where(pair.key), `${key}.${k}`, k, `is not a known key; allowed: ${Object.keys(VOLUME_KEYS).join(', ')}`);
      }
      volume[k] = VOLUME_KEYS[k as keyof typeof VOLUME_KEYS](where(pair.value), `${key}.${k}`, stringValue(pair.value, `${key}.${k}`, where));
    }
    for (const k of Object.keys(VOLUME_KEYS)) {
      if (!(k in volume)) throw new ConfigError(where(item), `${key}.${k}`, undefined, 'is required');
    }
    return volume as unknown as LocalVolumeConfig;
  });
}

/**
 * The effective config: the file if it exists, then `ERLANG_DOCKER_REGISTRY`
 * (checked like the file's value).
 */
export function loadChartConfig(file: string = CONFIG_FILE, env: NodeJS.ProcessEnv = process.env): ChartConfig {
  const fromFile = fs.existsSync(file) ? parseChartConfig(fs.readFileSync(file, 'utf8'), file) : DEFAULT_CONFIG;
  const registry = env[REGISTRY_ENV];
  if (registry === undefined) return fromFile;
  return { ...fromFile, registry: checkRegistry(`environment variable ${REGISTRY_ENV}`, 'registry', registry) };
}
