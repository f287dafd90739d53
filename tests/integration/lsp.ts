/**
 * A tiny Language Server Protocol client over stdio (Content-Length framed JSON-RPC 2.0), enough to drive
 * `vscode-eslint-language-server` as an editor does: requests and notifications both ways, and text edits applied to
 * a document.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Diagnostic {
  range: Range;
  severity?: number;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
  data?: unknown;
}

export interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
}

export interface Command {
  title: string;
  command: string;
  arguments?: unknown[];
}

export interface CodeAction {
  title: string;
  kind?: string;
  diagnostics?: Diagnostic[];
  edit?: WorkspaceEdit;
  command?: Command;
}

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

type Handler = (params: unknown) => unknown;

export class LspClient {
  readonly #child: ChildProcessWithoutNullStreams;
  #buffer = Buffer.alloc(0);
  #nextId = 1;
  readonly #pending = new Map<
    number | string,
    { resolve: (value: unknown) => void; reject: (error: Error) => void; method: string }
  >();
  readonly #requestHandlers = new Map<string, Handler>();
  readonly #notificationHandlers = new Map<string, Handler>();
  /** Every message from the server, for failure reports. */
  readonly log: string[] = [];
  stderr = '';

  constructor(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }) {
    this.#child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.#child.stdout.on('data', (chunk: Buffer) => this.#receive(chunk));
    this.#child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.#child.on('exit', (code, signal) => {
      for (const { reject, method } of this.#pending.values()) {
        reject(new Error(`the server exited (${code ?? signal}) before answering ${method}\n${this.stderr}`));
      }
      this.#pending.clear();
    });
  }

  /** Answers the server's requests of `method` (default: `null`, and the request is logged). */
  onRequest(method: string, handler: Handler): void {
    this.#requestHandlers.set(method, handler);
  }

  onNotification(method: string, handler: Handler): void {
    this.#notificationHandlers.set(method, handler);
  }

  request<T>(method: string, params: unknown, timeoutMs = 60_000): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(
          new Error(`no answer to ${method} in ${timeoutMs} ms; server log:\n${this.log.join('\n')}\n${this.stderr}`),
        );
      }, timeoutMs);
      this.#pending.set(id, {
        method,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.#send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.#send({ jsonrpc: '2.0', method, params });
  }

  /** `shutdown`, `exit`, and waits for the process (killed after a grace period). */
  async close(): Promise<void> {
    if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    try {
      await this.request('shutdown', null, 5_000);
      this.notify('exit', null);
    } catch {
      // Killed below.
    }
    const timer = setTimeout(() => this.#child.kill(), 5_000);
    await exited;
    clearTimeout(timer);
  }

  #send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.#child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  #receive(chunk: Buffer): void {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    for (;;) {
      const headerEnd = this.#buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.#buffer.subarray(0, headerEnd).toString('ascii');
      const length = /Content-Length: (\d+)/i.exec(header);
      if (!length) throw new Error(`bad LSP header: ${header}`);
      const start = headerEnd + 4;
      const end = start + Number(length[1]);
      if (this.#buffer.length < end) return;
      const message = JSON.parse(this.#buffer.subarray(start, end).toString('utf8')) as Message;
      this.#buffer = this.#buffer.subarray(end);
      this.#dispatch(message);
    }
  }

  #dispatch(message: Message): void {
    if (message.method === undefined) {
      // A response to one of our requests.
      const pending = this.#pending.get(message.id!);
      if (!pending) return;
      this.#pending.delete(message.id!);
      if (message.error) pending.reject(new Error(`${pending.method} failed: ${message.error.message}`));
      else pending.resolve(message.result);
      return;
    }
    this.log.push(`${message.method} ${JSON.stringify(message.params)}`.slice(0, 2000));
    if (message.id === undefined) {
      this.#notificationHandlers.get(message.method)?.(message.params);
      return;
    }
    const handler = this.#requestHandlers.get(message.method);
    Promise.resolve()
      .then(() => (handler ? handler(message.params) : null))
      .then(
        (result) => this.#send({ jsonrpc: '2.0', id: message.id!, result: result ?? null }),
        (error: unknown) =>
          this.#send({ jsonrpc: '2.0', id: message.id!, error: { code: -32603, message: String(error) } }),
      );
  }
}

/** Offset of `position` in `text` (UTF-16 code units, as LSP counts by default). */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + position.character, text.length);
}

/** `text` with `edits` applied (LSP edits of one request never overlap and refer to the original text). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = edits
    .map((edit) => ({
      start: offsetAt(text, edit.range.start),
      end: offsetAt(text, edit.range.end),
      newText: edit.newText,
    }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** The edits of `edit` for the document `uri`, from `documentChanges` or `changes`. */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const fromDocumentChanges = (edit.documentChanges ?? [])
    .filter((change) => change.textDocument.uri === uri)
    .flatMap((change) => change.edits);
  return [...fromDocumentChanges, ...(edit.changes?.[uri] ?? [])];
}
