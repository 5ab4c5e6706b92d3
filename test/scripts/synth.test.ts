/**
 * Nothing half-written reaches dist/: scripts/synth.ts synthesizes into a
 * staging folder, validates it, and only then swaps it into place. A failed
 * build or a failed validation leaves the previous output byte for byte as it
 * was, and no staging folder behind.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, Lazy } from 'cdk8s';
import { ConfigError, ErlangCookie, ErlangStatefulCluster, ErlangRelease } from 'cdk8s-erlang-cluster';
import { formatReport, isClean, validateManifests } from '../../lib/validation/validate';
import { readManifests, synthToDir } from '../../scripts/synth';
import { configErrorOf } from '../helpers';

/** Every file and folder under `dir`: path, kind, inode, mtime and bytes. */
function snapshot(dir: string): Record<string, { ino: number; mtimeMs: number; bytes?: string }> {
  const out: Record<string, { ino: number; mtimeMs: number; bytes?: string }> = {};
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      // lstat: a link is recorded as itself and not followed (a link to the project must not snapshot the project).
      const st = fs.lstatSync(p);
      out[path.relative(dir, p)] = { ino: st.ino, mtimeMs: st.mtimeMs, bytes: st.isFile() ? fs.readFileSync(p).toString('base64') : undefined };
      if (st.isDirectory()) walk(p);
    }
  };
  const st = fs.statSync(dir);
  out['.'] = { ino: st.ino, mtimeMs: st.mtimeMs };
  walk(dir);
  return out;
}

let parent: string;
let target: string;
/** An earlier synth's output: manifests (also in a folder per chart) and cdk8s synth's metadata file. */
const PREVIOUS = {
  'erlang-docker.k8s.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: previous-output\n',
  'construct-metadata.json': '{"version":"1.0.0","resources":{}}\n',
  'nested/ConfigMap.kept.k8s.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept-byte-for-byte-\u00e9\n',
};

beforeEach(() => {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-atomic-'));
  target = path.join(parent, 'dist');
  for (const [file, text] of Object.entries(PREVIOUS)) {
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    fs.writeFileSync(path.join(target, file), text);
  }
});
afterEach(() => fs.rmSync(parent, { recursive: true, force: true }));

/** An app with one valid cluster, plus whatever `extra` adds to its chart. */
const appWith =
  (extra: (chart: Chart) => void = () => undefined) =>
  (props: AppProps = {}): App => {
    const app = new App(props);
    const chart = new Chart(app, 'erlang', { namespace: 'default' });
    new ErlangStatefulCluster(chart, 'Cluster', {
      basename: 'app',
      release: ErlangRelease.relx(),
      image: 'registry:5000/app:1.0',
      cookie: ErlangCookie.fromSecretName('app-cookie'),
      appPorts: [{ name: 'http', port: 8080 }],
    });
    extra(chart);
    return app;
  };

/** The error `synthToDir` throws. */
function synthError(build: (props?: AppProps) => App): Error {
  try {
    synthToDir(target, build);
  } catch (e) {
    return e as Error;
  }
  throw new Error('synthToDir succeeded');
}

/** What must hold after any failed synth. */
function expectUntouched(before: ReturnType<typeof snapshot>): void {
  expect(snapshot(target)).toEqual(before);
  // No staging folder, no half-swapped tree: only dist/ itself.
  expect(fs.readdirSync(parent)).toEqual(['dist']);
}

describe('a failed synth leaves the previous output untouched', () => {
  test('a build that throws a ConfigError', () => {
    const before = snapshot(target);
    const err = synthError((props) => {
      const app = appWith()(props);
      new ErlangStatefulCluster(app.charts[0], 'Bad', {
        basename: 'bad',
        release: ErlangRelease.relx(),
        image: 'registry:5000/bad:1.0',
        cookie: ErlangCookie.fromSecretName('app-cookie'),
        replicas: -1,
      });
      return app;
    });
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toBe('erlang/Bad: invalid replicas -1: must be an integer from 0 to 2147483647');
    expectUntouched(before);
  });

  test('a ConfigError thrown while synthesizing, after the first chart was written to staging', () => {
    const before = snapshot(target);
    let halfWritten: string[] = [];
    const err = synthError((props) => {
      const app = appWith()(props);
      // A second chart, written after the first, whose object fails lazily.
      const late = new Chart(app, 'late');
      new ApiObject(late, 'cm', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'late' },
        data: Lazy.any({
          produce: () => {
            halfWritten = fs.readdirSync(props!.outdir!);
            throw new ConfigError('late/cm', 'data', 'x', 'fails at synth time');
          },
        }),
      });
      return app;
    });
    // The staging folder held a half-written output when the synth failed...
    expect(halfWritten).toEqual(['erlang.k8s.yaml']);
    // ...cdk8s wraps errors thrown while serializing (the ConfigError's text survives)...
    expect(err.message).toBe("Failed serializing construct at path 'late/cm' with name 'late': ConfigError: late/cm: invalid data \"x\": fails at synth time");
    // ...and none of it reached the target.
    expectUntouched(before);
  });

  test('output that breaks an invariant: a StatefulSet governed by a Service that is not headless', () => {
    const before = snapshot(target);
    const err = synthError(
      appWith((chart) => {
        new ApiObject(chart, 'svc', {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web' },
          spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80 }] },
        });
        new ApiObject(chart, 'sts', {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: 'web' },
          spec: {
            serviceName: 'web',
            selector: { matchLabels: { app: 'web' } },
            template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } },
          },
        });
      }),
    );
    expect(err).not.toBeInstanceOf(ConfigError);
    expect(err.message.split('\n')).toEqual([
      `validation failed; ${target}/ was left as it was:`,
      '  governing-service-headless StatefulSet/default/web: governing Service web is not headless (clusterIP: None); pods get no per-pod DNS names',
      '  governing-service-publishes-not-ready StatefulSet/default/web: governing Service web lacks publishNotReadyAddresses: true; peers cannot resolve each other before Ready',
    ]);
    expectUntouched(before);
  });

  test('output that breaks the strict schema: a misspelled field in a hand-written object', () => {
    const before = snapshot(target);
    const err = synthError(
      appWith((chart) => {
        new ApiObject(chart, 'svc', {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'app-lb' },
          spec: { selector: { app: 'app' }, ports: [{ name: 'http', port: 80, targetPorts: 8080 }] },
        });
      }),
    );
    expect(err.message).toBe(
      `validation failed; ${target}/ was left as it was:\n` + "  schema     Service/default/app-lb at /spec/ports/0: unknown field 'targetPorts'",
    );
    expectUntouched(before);
  });

  test('a failure when there was no previous output creates nothing', () => {
    fs.rmSync(target, { recursive: true });
    expect(
      synthError(
        appWith((chart) => {
          new ApiObject(chart, 'x', { apiVersion: 'v1', kind: 'Servise', metadata: { name: 'x' } });
        }),
      ).message,
    ).toContain('unknown apiVersion/kind v1/Servise in Kubernetes 1.28');
    expect(fs.readdirSync(parent)).toEqual([]);
  });
});

describe('a successful synth replaces the previous output', () => {
  test('the new output replaces the old tree entirely, validates clean, and leaves no staging behind', () => {
    synthToDir(target, appWith());
    expect(fs.readdirSync(parent)).toEqual(['dist']);
    expect(fs.existsSync(path.join(target, 'nested'))).toBe(false);
    expect(fs.readdirSync(target).sort()).toEqual(['erlang.k8s.yaml']);
    const objects = readManifests(target);
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`).sort()).toEqual([
      'NetworkPolicy/app-sfs',
      'PodDisruptionBudget/app-sfs',
      'Service/app-hl',
      'StatefulSet/app-sfs',
    ]);
    const report = validateManifests(objects);
    expect(isClean(report)).toBe(true);
    expect(formatReport(report)).toBe('');
    expect(fs.readFileSync(path.join(target, 'erlang.k8s.yaml'), 'utf8')).not.toContain('previous-output');
    // The staging folder comes from mkdtemp (0700); the output must be readable like any other.
    expect(fs.statSync(target).mode & 0o777).toBe(0o755);
  });

  test('the default build (main.ts, the seed a/b chart) synthesizes clean into a fresh folder', () => {
    const fresh = path.join(parent, 'out', 'dist');
    synthToDir(fresh);
    const objects = readManifests(fresh);
    expect(isClean(validateManifests(objects))).toBe(true);
    expect(objects.filter((o) => o.kind === 'StatefulSet').map((o) => o.metadata?.name)).toEqual(['erlang-docker-a-sfs', 'erlang-docker-b-sfs']);
    expect(fs.readdirSync(path.join(parent, 'out'))).toEqual(['dist']);
  });

  test('a failed synth after a successful one keeps the successful output', () => {
    synthToDir(target, appWith());
    const good = snapshot(target);
    synthError(
      appWith((chart) => {
        new ApiObject(chart, 'pdb', {
          apiVersion: 'policy/v1',
          kind: 'PodDisruptionBudget',
          metadata: { name: 'nobody' },
          spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'nobody' } } },
        });
      }),
    );
    expectUntouched(good);
  });
});

describe('an output folder that the swap would wrongly destroy is refused before anything moves', () => {
  const ROOT = path.resolve(__dirname, '..', '..');
  /** Each bad target, and a fragment of the one-line error. */
  const refused: [string, () => string, string][] = [
    ['the project folder', () => ROOT, 'must not be the project folder'],
    ['the project folder with a trailing slash', () => `${ROOT}/`, 'must not be the project folder'],
    ['the project folder spelled with ..', () => path.join(ROOT, 'lib', '..'), 'must not be the project folder'],
    ['a parent of the project folder', () => path.dirname(ROOT), 'or a folder that contains it'],
    ['/', () => '/', "must not be '/' or the home folder"],
    ['the home folder', () => os.homedir(), "must not be '/' or the home folder"],
    [
      'a folder holding a non-manifest file',
      () => {
        fs.writeFileSync(path.join(target, 'notes.txt'), 'mine');
        return target;
      },
      'but holds notes.txt',
    ],
    [
      'a folder holding source code deeper down',
      () => {
        fs.writeFileSync(path.join(target, 'nested', 'main.ts'), '');
        return target;
      },
      'but holds nested/main.ts',
    ],
    [
      'a link to the project folder',
      () => {
        const l = path.join(parent, 'link');
        fs.symlinkSync(ROOT, l);
        return l;
      },
      'must not be the project folder',
    ],
    [
      'a file',
      () => {
        const f = path.join(parent, 'file');
        fs.writeFileSync(f, 'x');
        return f;
      },
      'must be a folder',
    ],
  ];
  test.each(refused)('%s', (_name, make, allowed) => {
    const bad = make();
    const before = snapshot(parent);
    const e = configErrorOf(() => synthToDir(bad, appWith()));
    expect(ConfigError.isConfigError(e)).toBe(true);
    expect(e.where).toBe('npm run synth');
    expect(e.prop).toBe('output folder (CDK8S_OUTDIR)');
    expect(e.value).toBe(bad);
    expect(e.allowed).toContain(allowed);
    expect(e.message).not.toContain('\n');
    expect(snapshot(parent)).toEqual(before);
  });

  test('valid neighbours: a new folder, an empty one, one with manifests in chart folders', () => {
    synthToDir(path.join(parent, 'fresh', 'out'), appWith());
    fs.mkdirSync(path.join(parent, 'empty'));
    synthToDir(path.join(parent, 'empty'), appWith());
    synthToDir(target, appWith()); // holds *.yaml, nested/*.yaml and construct-metadata.json
    expect(fs.readdirSync(target)).toEqual(['erlang.k8s.yaml']);
  });
});
