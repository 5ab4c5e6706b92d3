/**
 * A long-lived helper inside one namespace (the node, for the kubelet's
 * probes; the outside client, for the user's requests): JSON requests on
 * stdin, one per line, answered on stdout. Spawning curl per probe would cost
 * a process per request on a 2-core machine. Every HTTP request uses a fresh
 * connection, as kube-proxy balances connections, not requests.
 */
import { ChildProcess, spawn } from 'child_process';
import * as http from 'http';
import * as https from 'https';
import * as readline from 'readline';
import { netnsExec, Sandbox } from './netns';
import { TcpOutcome, tryConnect } from './tcp-probe';

export interface HttpRequest {
  readonly op: 'http';
  readonly method: 'GET' | 'POST';
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly timeoutMs: number;
  /** `https` does not verify the certificate, as the kubelet's probes do not. */
  readonly scheme?: 'http' | 'https';
  /** Extra headers; `Host` replaces the request's Host. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The request body, if any. */
  readonly body?: string;
}

export interface TcpRequest {
  readonly op: 'tcp';
  readonly host: string;
  readonly port: number;
  readonly timeoutMs: number;
}

/** An HTTP answer, or why there was none (`timeout`, `ECONNREFUSED`, …). */
export interface HttpAnswer {
  readonly status?: number;
  readonly body?: string;
  readonly error?: string;
}

function httpRequest(r: HttpRequest): Promise<HttpAnswer> {
  return new Promise((resolve) => {
    const request = r.scheme === 'https' ? https.request : http.request;
    const req = request(
      {
        host: r.host,
        port: r.port,
        path: r.path,
        method: r.method,
        agent: false,
        timeout: r.timeoutMs,
        headers: { ...r.headers, connection: 'close' },
        rejectUnauthorized: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode, body }));
        res.on('error', (e) => resolve({ error: e.message }));
      },
    );
    req.on('timeout', () => {
      req.destroy();
      resolve({ error: 'timeout' });
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(r.body);
  });
}

if (require.main === module) {
  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    const { id, request } = JSON.parse(line) as { id: number; request: HttpRequest | TcpRequest };
    const answer: Promise<unknown> = request.op === 'http' ? httpRequest(request) : tryConnect({ ip: request.host, port: request.port }, request.timeoutMs);
    void answer.then((a) => process.stdout.write(`${JSON.stringify({ id, answer: a })}\n`));
  });
  rl.on('close', () => process.exit(0));
}

/** The orchestrator's handle on an agent running in a namespace. */
export class Agent {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, (a: unknown) => void>();
  private next = 0;

  constructor(sandbox: Sandbox, ns: string) {
    this.child = sandbox.track(
      spawn('ip', netnsExec(ns, process.execPath, ['-r', require.resolve('sucrase/register/ts'), __filename]), { stdio: ['pipe', 'pipe', 'inherit'] }),
    );
    readline.createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const { id, answer } = JSON.parse(line) as { id: number; answer: unknown };
      this.pending.get(id)?.(answer);
      this.pending.delete(id);
    });
  }

  private ask<T>(request: HttpRequest | TcpRequest): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve) => {
      // Bounded even if the agent died: the request's own timeout plus a margin.
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ error: 'agent timeout' } as T);
      }, request.timeoutMs + 5_000);
      this.pending.set(id, (a) => {
        clearTimeout(timer);
        resolve(a as T);
      });
      this.child.stdin!.write(`${JSON.stringify({ id, request })}\n`);
    });
  }

  public http(method: 'GET' | 'POST', host: string, port: number, path: string, timeoutMs = 2_000, body?: string): Promise<HttpAnswer> {
    return this.ask<HttpAnswer>({ op: 'http', method, host, port, path, timeoutMs, body });
  }

  /** A GET with a scheme and headers, as a kubelet probe sends it. */
  public get(
    scheme: 'http' | 'https',
    host: string,
    port: number,
    path: string,
    headers: Readonly<Record<string, string>>,
    timeoutMs: number,
  ): Promise<HttpAnswer> {
    return this.ask<HttpAnswer>({ op: 'http', method: 'GET', host, port, path, timeoutMs, scheme, headers });
  }

  public tcp(host: string, port: number, timeoutMs = 1_000): Promise<TcpOutcome> {
    return this.ask<TcpOutcome>({ op: 'tcp', host, port, timeoutMs });
  }
}
