/** Checks of paths: absolute mount paths, paths safe in Erlang flags, subPaths, and their normal form. */
import * as posix from 'path/posix';
import { ConfigError } from '../core/errors';

/** `/data/`, `/data/.` and `//data` are all `/data`: paths are compared in this form. */
export function normalizePath(path: string): string {
  const normal = posix.normalize(path);
  return normal.length > 1 && normal.endsWith('/') ? normal.slice(0, -1) : normal;
}

/** An absolute path other than '/' (a mount or a local volume at '/' would be the whole filesystem). */
export function checkAbsolutePath(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.includes('\0') || value.split('/').includes('..') || normalizePath(value) === '/') {
    throw new ConfigError(where, prop, value, "must be an absolute path such as '/var/lib/app', other than '/' and without '..'");
  }
  return value;
}

/** A path that can be written unquoted into ERL_AFLAGS (split on white space) and into an Erlang string. */
export function checkFlagSafePath(where: string, prop: string, value: unknown): string {
  checkAbsolutePath(where, prop, value);
  if (!/^[A-Za-z0-9._/+@=,:-]+$/.test(value as string)) {
    throw new ConfigError(
      where,
      prop,
      value,
      "must be a path of letters, digits and '._/+@=,:-' only: it is written into ERL_AFLAGS, which erl splits on white space, and into the ssl_dist optfile as an Erlang string",
    );
  }
  return value as string;
}

/** A volume mount's subPath: relative, without '..' (the kubelet refuses both). */
export function checkSubPath(where: string, prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.startsWith('/') || value.split('/').includes('..')) {
    throw new ConfigError(where, prop, value, "must be a relative path inside the volume, without '..'");
  }
  return value;
}
