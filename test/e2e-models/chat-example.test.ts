/**
 * examples/chat, the release the e2e check runs under README.md's chart, carries
 * exactly the lines the construct lists for it: `chat` for the README's cluster,
 * `chat_epmdless` (templates in rel/epmdless) for the same cluster made epmd-less,
 * `chat_cookie_file` (rel/cookie-file) for it with the cookie as a file.
 * And the e2e check's copy of the README example is the README's own code.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { CookieDelivery, ErlangCookie, ErlangRelease, ErlangStatefulCluster } from 'cdk8s-erlang-cluster';
import { readmeExample, readmeProgram } from '../../e2e/readme-chart';

const CHAT = path.join(__dirname, '..', '..', 'examples', 'chat');

function lines(props: Record<string, unknown>) {
  return new ErlangStatefulCluster(Testing.chart(), 'c', {
    basename: 'chat',
    image: 'chat:1.0',
    cookie: ErlangCookie.fromSecretName('chat-cookie'),
    release: ErlangRelease.mix(),
    ...props,
  }).releaseConfiguration;
}

/** The file's lines that are not comments. */
function fileLines(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

test.each([
  ['chat', {}, 'rel'],
  ['chat_epmdless', { distribution: { epmdless: true } }, 'rel/epmdless'],
  ['chat_cookie_file', { cookieDelivery: CookieDelivery.FILE }, 'rel/cookie-file'],
])('release %s carries the lines of releaseConfiguration', (_release, props, templates) => {
  const wanted = lines(props);
  expect(wanted.length).toBeGreaterThan(0);
  for (const { path: file, line } of wanted) {
    // mix reads rel/<file> from the release's rel_templates_path; mix.exs is the project's.
    const actual = file.startsWith('rel/') ? path.join(CHAT, templates, path.relative('rel', file)) : path.join(CHAT, file);
    expect({ actual: path.relative(CHAT, actual), has: fileLines(actual).includes(line) }).toEqual({ actual: path.relative(CHAT, actual), has: true });
  }
});

test("the pinned release has no remote.vm.args.eex of its own: mix's default starts no listener on the dist port", () => {
  expect(fs.existsSync(path.join(CHAT, 'rel', 'remote.vm.args.eex'))).toBe(false);
});

describe("the e2e check's copy of the README example", () => {
  test('is the code between the markers, importing the package', () => {
    expect(readmeExample()).toContain("from 'cdk8s-erlang-cluster'");
    expect(readmeExample()).toContain('app.synth();');
  });

  test('edits only the import, the namespace and the added props', () => {
    const edited = readmeProgram({ namespace: 'chat-el', props: ['distribution: { epmdless: true }'] });
    expect(edited).not.toContain("from 'cdk8s-erlang-cluster'");
    expect(edited).toContain("namespace: 'chat-el'");
    expect(edited).toMatch(/new ErlangStatefulCluster\(chart, 'Chat', \{\n {2}distribution: \{ epmdless: true \},\n {2}basename: 'chat',/);
    const restored = edited
      .replace(/from "[^"]*lib"/, "from 'cdk8s-erlang-cluster'")
      .replace("namespace: 'chat-el'", "namespace: 'chat'")
      .replace('  distribution: { epmdless: true },\n', '');
    expect(restored).toBe(readmeExample());
  });
});
