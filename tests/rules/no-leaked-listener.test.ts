import rule from '../../src/rules/no-leaked-listener.js';
import { listeners } from '../fixtures/families/index.js';
import { jsRuleTester, ruleTester } from '../RuleTester.js';

const jsx = { parserOptions: { ecmaFeatures: { jsx: true } } };

ruleTester.run('no-leaked-listener', rule, {
  valid: [
    {
      // a class expression constructed where it is written, at module level, has one instance (issue 16: 8 false
      // findings on the heldout-6 sweep, \`export default new class Main { … }()\`)
      code: `import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
export default new class Main {
  constructor() {
    bus.on('token', (token: string) => this.init(token));
  }
  init(token: string) {
    return token;
  }
}();
`,
    },
    {
      // without `perCall`: a plain function's and an object-literal method's listeners on long-lived targets are not
      // reported (most such functions run once: measured 3 true of 46 on the first repository sweep)
      code: `export function setup() {
  window.addEventListener('resize', () => layout());
}
export const menu = {
  open(): void {
    document.addEventListener('keydown', this.onKey);
  },
  onKey(event: KeyboardEvent): void {
    console.log(event.key);
  },
};
declare function layout(): void;`,
    },
    {
      // the abort listener is the function's stop mechanism: it clears the interval (or closes the server) the
      // function leaves running, so it must stay until the abort
      code: `export function poll(check: () => void, signal: AbortSignal) {
  const timer = setInterval(check, 1000);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
export function serve(server: { close(): void }, { signal }: { signal: AbortSignal }) {
  function onAbort() {
    server.close();
  }
  signal.addEventListener('abort', onAbort);
}`,
    },
    {
      // stores that a module-level root store constructs once: their constructor listeners live as long as the page (issue 16)
      code: `class UiStore {
  width = window.innerWidth;
  constructor(readonly root: RootStore) {
    window.addEventListener('resize', this.onResize);
  }
  onResize = () => {
    this.width = window.innerWidth;
  };
}
class RootStore {
  ui: UiStore;
  constructor() {
    this.ui = new UiStore(this);
  }
}
export const root = new RootStore();`,
    },
    {
      // module top level and main(): app-lifetime registrations
      code: `import { EventEmitter } from 'node:events';
export const bus = new EventEmitter();
window.addEventListener('resize', () => layout());
bus.on('tick', (n: number) => log(n));
function main() {
  process.stdin.on('data', (chunk) => handle(chunk));
}
main();`,
    },
    {
      // process signal and exit handlers are app-level, even inside a class method
      code: `export class Server {
  start() {
    process.on('SIGTERM', () => this.stop());
    process.once('SIGINT', () => this.stop());
    process.on('uncaughtException', (error) => this.fail(error));
  }
  stop() {}
  fail(_error: unknown) {}
}`,
    },
    {
      // the class removes the listener in its teardown, or removes all listeners of the target
      code: `${listeners.emitter.acquisition.import}
export class Widget {
  constructor(private readonly emitter: EventEmitter) {
    window.addEventListener('resize', this.onResize);
    bus.on('tick', this.onTick);
    this.emitter.on('data', this.onData);
  }
  onResize = () => {};
  onTick = () => {};
  onData = () => {};
  destroy() {
    window.removeEventListener('resize', this.onResize);
    bus.off('tick', this.onTick);
    this.emitter.removeAllListeners('data');
  }
}`,
    },
    {
      // signal, once and { once: true } end the listener by themselves
      code: `export class Watcher {
  #controller = new AbortController();
  constructor(target: EventTarget, emitter: NodeJS.EventEmitter) {
    target.addEventListener('change', () => this.refresh(), { signal: this.#controller.signal });
    window.addEventListener('load', () => this.refresh(), { once: true });
    emitter.once('ready', () => this.refresh());
  }
  refresh() {}
  [Symbol.dispose]() {
    this.#controller.abort();
  }
}`,
    },
    {
      // targets the instance owns: itself, a field it creates, a local it creates, a socket it destroys
      code: `import { EventEmitter } from 'node:events';
import net from 'node:net';
export class Connection extends EventEmitter {
  socket = net.connect(5432);
  constructor() {
    super();
    this.on('error', () => this.reset());
    this.socket.on('data', (chunk) => this.emit('data', chunk));
    const parser = new EventEmitter();
    parser.on('message', (message) => this.emit('message', message));
  }
  reset() {}
}
export class Wrapper {
  setSocket(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (chunk) => this.push(chunk));
  }
  socket?: net.Socket;
  push(_chunk: unknown) {}
  close() {
    this.socket?.destroy();
  }
}`,
    },
    {
      // a private helper's parameter is what the class passes in; an element of the class's own collection
      code: `export class Client {
  connection = createConnection();
  streams: NodeJS.EventEmitter[] = [];
  connect() {
    this._attachListeners(this.connection);
    this.streams[0].on('data', (chunk) => this.push(chunk));
  }
  _attachListeners(con: NodeJS.EventEmitter) {
    con.on('readyForQuery', this.onReady.bind(this));
  }
  onReady() {}
  push(_chunk: unknown) {}
}`,
    },
    {
      // a handler adding listeners to its own payload (the request), or to something the enclosing code made
      code: `import http from 'node:http';
import { Transform } from 'node:stream';
export function serve(server: http.Server) {
  server.on('request', (req, res) => {
    req.on('data', (chunk) => res.write(chunk));
    req.on('end', () => res.end());
  });
}
export function pipeStream() {
  const stream = new Transform();
  stream.on('pipe', (source) => {
    stream.on('close', () => source.destroy());
  });
  return stream;
}`,
    },
    {
      // handlers that remove what they add, or add only while none is registered
      code: `${listeners.emitter.acquisition.import}
app.get('/events', (req, res) => {
  const send = (message: string) => res.write(message);
  bus.on('message', send);
  req.on('close', () => bus.off('message', send));
});
export class Pool {
  prepare(connection: NodeJS.EventEmitter) {
    if (connection.listenerCount('error') === 0) {
      connection.on('error', (error) => log(error));
    }
  }
}`,
    },
    {
      // a target being destroyed gets a last error listener
      code: `export class Handler {
  constructor(private opts: { body: NodeJS.ReadableStream & { destroy(): void } }) {}
  onRedirect() {
    util.destroy(this.opts.body.on('error', noop));
  }
}`,
    },
    {
      // no teardown method: the method that removes it is the class's own way to detach
      code: `export class Tracker {
  attach() {
    window.addEventListener('scroll', this.onScroll);
  }
  detach() {
    window.removeEventListener('scroll', this.onScroll);
  }
  onScroll = () => {};
}`,
    },
    {
      // a removal in a callback, such as on the target's own close, counts
      code: `export class Peer {
  constructor(private bus: NodeJS.EventEmitter, private socket: NodeJS.EventEmitter) {
    this.bus.on('broadcast', this.send);
    this.socket.once('close', () => this.bus.off('broadcast', this.send));
  }
  send = () => {};
  close() {}
}`,
    },
    {
      // effects whose cleanup removes the listener; elements of the component itself
      code: `import { useEffect, useRef } from 'react';
export function Panel({ emitter }: { emitter: NodeJS.EventEmitter }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const onResize = () => layout();
    window.addEventListener('resize', onResize);
    emitter.on('update', onResize);
    return () => {
      window.removeEventListener('resize', onResize);
      emitter.off('update', onResize);
    };
  }, [emitter]);
  useEffect(() => {
    const element = ref.current;
    element?.addEventListener('click', () => toggle());
  }, []);
  return <div ref={ref} />;
}`,
      filename: 'react.tsx',
    },
    {
      // static methods are not per instance
      code: `export class Registry {
  static install() {
    window.addEventListener('error', (event) => report(event));
  }
}`,
    },
    {
      // targets the rule cannot see outliving the owner: computed elements, call results, undeclared names, aliases of made values
      code: `export class Hub {
  emitters: NodeJS.EventEmitter[] = [];
  add(index: number) {
    this.emitters[index].on('x', () => this.tick());
    getBus().on('x', () => this.tick());
    undeclaredBus.on('x', () => this.tick());
    const made = createEmitter();
    made.on('x', () => this.tick());
    let swapped = this.emitters[0];
    swapped = this.emitters[1];
    swapped.on('x', () => this.tick());
  }
  tick() {}
}`,
    },
    {
      // fields the class creates (assigned or as a private field) are owned, and a target destroyed with destroy(x) or .destroy()
      code: `import { EventEmitter } from 'node:events';
export class Owner {
  #events = new EventEmitter();
  ['computed'] = 1;
  bus: EventEmitter;
  socket: NodeJS.EventEmitter;
  constructor(socket: NodeJS.EventEmitter) {
    this.bus = new EventEmitter();
    this.socket = socket;
  }
  start() {
    this.#events.on('x', () => this.tick());
    this.bus.on('x', () => this.tick());
    this.socket.on('data', () => this.tick());
    this.socket.on('error', noop).destroy();
  }
  tick() {}
  close() {
    destroy(this.socket, new Error('closed'));
  }
}`,
    },
    {
      // a registration inside an app-lifetime process handler, and handlers of made values awaited by the enclosing code
      code: `export class App {
  run(bus: NodeJS.EventEmitter) {
    process.on('exit', () => {
      bus.on('flush', () => this.flush());
    });
  }
  flush() {}
}
export async function serve(server: NodeJS.EventEmitter) {
  const hub = await connectHub();
  server.on('connection', () => {
    hub.on('message', () => {});
  });
}`,
    },
    {
      // listenerCount guards in several shapes
      code: `export class Guarded {
  constructor(private a: NodeJS.EventEmitter, private b: NodeJS.EventEmitter, private c: NodeJS.EventEmitter) {
    if (!this.a.listeners('error').length) this.a.on('error', () => {});
    this.b.listenerCount?.('error') === 0 && this.b.on('error', () => {});
    const handler = this.c.listenerCount('error') ? null : this.c.on('error', () => {});
  }
}`,
    },
    {
      // a const alias of an element of a collection the class made (undici's decompress interceptor)
      code: `export class Decompressor {
  #streams: NodeJS.EventEmitter[] = [];
  setup() {
    const first = this.#streams[0];
    first.on('end', () => this.done());
  }
  done() {}
}`,
    },
    {
      // default options: objects the class was handed (a parameter property, a constructor parameter, a field set
      // from one) most often share the instance's life, so only `injected: true` reports them
      code: `import { EventEmitter } from 'node:events';
export class View {
  constructor(private readonly store: EventEmitter, parser: EventEmitter) {
    this.store.on('change', () => this.render());
    parser.on('row', this.render);
  }
  render() {}
}
export class Subscriber {
  pool: EventEmitter;
  constructor(pool: EventEmitter) {
    this.pool = pool;
    this.pool.on('+node', () => this.render());
  }
  render() {}
}`,
    },
    {
      // a callback's parameter: the response of a request the method makes lives as long as that request
      code: `import http from 'node:http';
export class Client {
  fetch(url: string) {
    http.get(url, (res) => {
      res.on('data', (chunk) => this.collect(chunk));
      res.on('end', () => this.done());
    });
  }
  collect(chunk: unknown) {}
  done() {}
}`,
    },
    {
      // added by a teardown method itself: it fires once, at the end of the instance's life
      code: `import { EventEmitter } from 'node:events';
const registry = new EventEmitter();
export class Connector {
  disconnect() {
    registry.on('drained', () => this.finish());
    registry.emit('drain', this);
  }
  finish() {}
}`,
    },
    {
      // the program's standard input: a CLI command reads it for as long as the program runs
      code: `export class Cli {
  restart(name: string) {
    if (name === '-') {
      process.stdin.resume();
      process.stdin.setEncoding('utf8');
      process.stdin.on('data', (data) => this.run(JSON.parse(data)));
    }
  }
  run(config: unknown) {}
}`,
    },
  ],
  invalid: [
    {
      // the same class exported for its importers to construct
      code: `import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
export default class Main {
  constructor() {
    bus.on('token', (token: string) => this.init(token));
  }
  init(token: string) {
    return token;
  }
}
`,
      errors: [
        {
          messageId: 'inlineHandler',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 57,
          data: {
            type: 'token',
            target: '`bus`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: 'a teardown method such as `close()` or `[Symbol.dispose]()`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // issue 16 neighbours: a store constructed per call; componentDidMount adds one listener per instance
      code: `class UiStore {
  constructor() {
    window.addEventListener('resize', this.onResize);
  }
  onResize = () => {};
}
export function makeStore() {
  return new UiStore();
}
export class Size extends React.Component {
  componentDidMount() {
    window.addEventListener('resize', this.onResize);
  }
  componentWillUnmount() {}
  onResize = () => {};
}`,
      output: null,
      errors: [
        {
          messageId: 'neverRemoved',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 53,
          data: {
            type: 'resize',
            target: '`window`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: 'a teardown method such as `close()` or `[Symbol.dispose]()`',
            handler: 'this.onResize',
          },
          suggestions: null,
        },
        {
          messageId: 'neverRemoved',
          line: 12,
          column: 5,
          endLine: 12,
          endColumn: 53,
          data: {
            type: 'resize',
            target: '`window`',
            owner: '`componentDidMount()`',
            unit: 'instance',
            teardown: '`componentWillUnmount()`',
            handler: 'this.onResize',
          },
          suggestions: null,
        },
      ],
    },
    {
      // a handler that the teardown merely names (to remove it) is not teardown code: it runs per event
      code: `${listeners.emitter.acquisition.import}
export class Reader {
  socket = new EventEmitter();
  constructor() {
    this.socket.on('data', this.onData);
  }
  onData = () => {
    bus.on('tick', () => this.flush());
  };
  flush() {}
  close() {
    this.socket.off('data', this.onData);
  }
}`,
      errors: [
        {
          messageId: 'inlineHandler',
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 39,
          data: { type: 'tick', target: '`bus`', owner: '`onData()`', unit: 'call', teardown: '`close()`' },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // with injected: true, a callback's parameter counts as handed in: a pooled client outlives this listener's owner
      code: `export class Listener {
  constructor(private readonly pool: { connect(cb: (err: Error | null, client: NodeJS.EventEmitter) => void): void }) {}
  listen() {
    this.pool.connect((err, client) => {
      client.on('notification', this.onNote);
    });
  }
  onNote = () => {};
}`,
      options: [{ injected: true }],
      errors: [
        {
          messageId: 'neverRemoved',
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 45,
          data: {
            type: 'notification',
            target: '`client`',
            owner: '`listen()`',
            unit: 'call',
            teardown: 'a teardown method such as `close()` or `[Symbol.dispose]()`',
            handler: 'this.onNote',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // the program's input read by an effect: one more listener per mount (only a class's CLI commands are exempt)
      code: `import { useEffect } from 'react';
export function Prompt({ onLine }: { onLine: (line: string) => void }) {
  useEffect(() => {
    process.stdin.on('data', (data) => onLine(String(data)));
  }, []);
  return null;
}`,
      errors: [
        {
          messageId: 'inlineHandler',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 61,
          data: {
            type: 'data',
            target: '`process.stdin`',
            owner: 'this `useEffect`',
            unit: 'effect run',
            teardown: 'the cleanup the effect returns',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // a constructor adds a named handler to window and never removes it
      code: listeners.window.leak.code,
      errors: [
        {
          messageId: 'neverRemoved',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 53,
          data: {
            type: 'resize',
            target: '`window`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: '`destroy()`',
            handler: 'this.onResize',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // an inline handler on an injected emitter and on a module-level emitter
      code: `${listeners.emitter.acquisition.import}
export class View {
  constructor(private readonly store: EventEmitter) {
    this.store.on('change', () => this.render());
    bus.on('theme', () => this.render());
  }
  render() {}
}`,
      options: [{ injected: true }],
      errors: [
        {
          messageId: 'inlineHandler',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 49,
          data: {
            type: 'change',
            target: '`this.store`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: 'a teardown method such as `close()` or `[Symbol.dispose]()`',
          },
          suggestions: null,
        },
        {
          messageId: 'inlineHandler',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 41,
          data: {
            type: 'theme',
            target: '`bus`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: 'a teardown method such as `close()` or `[Symbol.dispose]()`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // removed by detach() only, which close() does not call
      code: `export class Tracker {
  attach() {
    document.addEventListener('scroll', this.onScroll);
  }
  detach() {
    document.removeEventListener('scroll', this.onScroll);
  }
  close() {}
  onScroll = () => {};
}`,
      errors: [
        {
          messageId: 'teardownMissesRemoval',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 55,
          data: {
            type: 'scroll',
            target: '`document`',
            owner: '`attach()`',
            unit: 'call',
            teardown: '`close()`',
            handler: 'this.onScroll',
            method: 'detach',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // removed right before it is added again: a re-registration, not a removal
      code: `export class Sync {
  constructor(private source: NodeJS.EventEmitter) {}
  watch() {
    this.source.off('change', this.onChange);
    this.source.on('change', this.onChange);
  }
  onChange = () => {};
}`,
      options: [{ injected: true }],
      errors: [
        {
          messageId: 'neverRemoved',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 44,
          data: {
            type: 'change',
            target: '`this.source`',
            owner: '`watch()`',
            unit: 'call',
            teardown: 'a teardown method such as `close()` or `[Symbol.dispose]()`',
            handler: 'this.onChange',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // a bound handler can never be removed; { once: false } is not once
      code: `export class Button {
  constructor(private element: HTMLElement) {
    this.element.addEventListener('click', this.onClick.bind(this));
    document.addEventListener('keydown', this.onKey, { once: false });
  }
  onClick() {}
  onKey = () => {};
  dispose() {
    this.element.removeEventListener('click', this.onClick.bind(this));
  }
}`,
      options: [{ injected: true }],
      errors: [
        {
          messageId: 'inlineHandler',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 68,
          data: {
            type: 'click',
            target: '`this.element`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: '`dispose()`',
          },
          suggestions: null,
        },
        {
          messageId: 'neverRemoved',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 70,
          data: {
            type: 'keydown',
            target: '`document`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: '`dispose()`',
            handler: 'this.onKey',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // wrappers and optional chaining; a parameter of a method
      code: `export class Bridge {
  bind(emitter?: NodeJS.EventEmitter) {
    emitter?.on('message', this.forward);
    (window as Window).addEventListener('message', this.forward as never);
  }
  forward = () => {};
  [Symbol.dispose]() {}
}`,
      options: [{ injected: true }],
      errors: [
        {
          messageId: 'neverRemoved',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 41,
          data: {
            type: 'message',
            target: '`emitter`',
            owner: '`bind()`',
            unit: 'call',
            teardown: '`[Symbol.dispose]()`',
            handler: 'this.forward',
          },
          suggestions: null,
        },
        {
          messageId: 'neverRemoved',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 74,
          data: {
            type: 'message',
            target: '`window`',
            owner: '`bind()`',
            unit: 'call',
            teardown: '`[Symbol.dispose]()`',
            handler: 'this.forward',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // handlers: a per-request route and a per-connection listener add to long-lived targets
      code: `${listeners.emitter.acquisition.import}
app.get('/events', (req, res) => {
  bus.on('message', (message: string) => res.write(message));
});
export function serve(server: import('node:net').Server, hub: EventEmitter) {
  server.on('connection', (socket) => {
    hub.on('broadcast', send);
    function send(data: string) {
      socket.write(data);
    }
  });
}`,
      errors: [
        {
          messageId: 'inlineHandler',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 61,
          data: {
            type: 'message',
            target: '`bus`',
            owner: 'this handler',
            unit: 'call of the handler',
            teardown: 'the handler once its work is done',
          },
          suggestions: null,
        },
        {
          messageId: 'neverRemoved',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 30,
          data: {
            type: 'broadcast',
            target: '`hub`',
            owner: 'this handler',
            unit: 'call of the handler',
            teardown: 'the handler once its work is done',
            handler: 'send',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // effects without cleanup: a global and a prop
      code: `import { useEffect } from 'react';
export function Panel({ emitter }: { emitter: NodeJS.EventEmitter }) {
  useEffect(() => {
    window.addEventListener('resize', onResize);
    emitter.on('update', () => refresh());
  }, [emitter]);
  return <div />;
}`,
      filename: 'react.tsx',
      errors: [
        {
          messageId: 'neverRemoved',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 48,
          data: {
            type: 'resize',
            target: '`window`',
            owner: 'this `useEffect`',
            unit: 'effect run',
            teardown: 'the cleanup the effect returns',
            handler: 'onResize',
          },
          suggestions: null,
        },
        {
          messageId: 'inlineHandler',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 42,
          data: {
            type: 'update',
            target: '`emitter`',
            owner: 'this `useEffect`',
            unit: 'effect run',
            teardown: 'the cleanup the effect returns',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // custom teardown names and effect hooks
      code: `export class Binder {
  bind() {
    window.addEventListener('focus', this.onFocus);
  }
  onFocus = () => {};
  unbind() {}
}
export function useFocus() {
  useMountEffect(() => {
    window.addEventListener('focus', onFocus);
  });
}`,
      settings: { cleanup: { teardownMethods: ['unbind'], effectHooks: ['useMountEffect'] } },
      errors: [
        {
          messageId: 'neverRemoved',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 51,
          data: {
            type: 'focus',
            target: '`window`',
            owner: '`bind()`',
            unit: 'call',
            teardown: '`unbind()`',
            handler: 'this.onFocus',
          },
          suggestions: null,
        },
        {
          messageId: 'neverRemoved',
          line: 10,
          column: 5,
          endLine: 10,
          endColumn: 46,
          data: {
            type: 'focus',
            target: '`window`',
            owner: 'this `useMountEffect`',
            unit: 'effect run',
            teardown: 'the cleanup the effect returns',
            handler: 'onFocus',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // a one-shot handler and an IIFE run in their method's lifecycle; a constructor is not a private helper
      code: `export class Late {
  constructor(private socket: NodeJS.EventEmitter, _con: NodeJS.EventEmitter) {
    this.socket.once('close', () => {
      window.addEventListener('online', this.reconnect);
    });
    (() => {
      _con.on('data', this.reconnect);
    })();
  }
  reconnect = () => {};
}`,
      options: [{ injected: true }],
      errors: [
        {
          messageId: 'neverRemoved',
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 56,
          data: {
            type: 'online',
            target: '`window`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: 'a teardown method such as `close()` or `[Symbol.dispose]()`',
            handler: 'this.reconnect',
          },
          suggestions: null,
        },
        {
          messageId: 'neverRemoved',
          line: 7,
          column: 7,
          endLine: 7,
          endColumn: 38,
          data: {
            type: 'data',
            target: '`_con`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: 'a teardown method such as `close()` or `[Symbol.dispose]()`',
            handler: 'this.reconnect',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // an imported emitter, a variable of the function around the class, a const alias and an injected option
      code: `import bus from './bus';
export function makeView(store: NodeJS.EventEmitter) {
  const shared = registry.shared;
  return class View {
    options: { target: NodeJS.EventEmitter };
    constructor(options: { target: NodeJS.EventEmitter }) {
      this.options = options;
      bus.on('x', this.render);
      store.on('x', this.render);
      shared.on('x', this.render);
      const target = this.options.target;
      target.on('x', this.render);
    }
    render = () => {};
    #wire() {
      bus.on('y', this.render);
    }
    [Symbol.dispose]() {}
  };
}`,
      options: [{ injected: true }],
      errors: [
        {
          messageId: 'neverRemoved',
          line: 8,
          column: 7,
          endLine: 8,
          endColumn: 31,
          data: {
            type: 'x',
            target: '`bus`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: '`[Symbol.dispose]()`',
            handler: 'this.render',
          },
          suggestions: null,
        },
        {
          messageId: 'neverRemoved',
          line: 9,
          column: 7,
          endLine: 9,
          endColumn: 33,
          data: {
            type: 'x',
            target: '`store`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: '`[Symbol.dispose]()`',
            handler: 'this.render',
          },
          suggestions: null,
        },
        {
          messageId: 'neverRemoved',
          line: 10,
          column: 7,
          endLine: 10,
          endColumn: 34,
          data: {
            type: 'x',
            target: '`shared`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: '`[Symbol.dispose]()`',
            handler: 'this.render',
          },
          suggestions: null,
        },
        {
          messageId: 'neverRemoved',
          line: 12,
          column: 7,
          endLine: 12,
          endColumn: 34,
          data: {
            type: 'x',
            target: '`target`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: '`[Symbol.dispose]()`',
            handler: 'this.render',
          },
          suggestions: null,
        },
        {
          messageId: 'neverRemoved',
          line: 16,
          column: 7,
          endLine: 16,
          endColumn: 31,
          data: {
            type: 'y',
            target: '`bus`',
            owner: '`#wire()`',
            unit: 'call',
            teardown: '`[Symbol.dispose]()`',
            handler: 'this.render',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // a per-event handler in a class adds to the instance and to its fields
      code: `export class Server {
  constructor(private hub: NodeJS.EventEmitter, private net: NodeJS.EventEmitter) {
    this.net.on('connection', (socket: { write(data: string): void }) => {
      this.on('broadcast', (data: string) => socket.write(data));
      this.hub.on('broadcast', (data: string) => socket.write(data));
    });
  }
  on(_event: string, _listener: (data: string) => void) {}
  close() {}
}`,
      options: [{ injected: true }],
      errors: [
        {
          messageId: 'inlineHandler',
          line: 3,
          column: 5,
          endLine: 6,
          endColumn: 7,
          data: {
            type: 'connection',
            target: '`this.net`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: '`close()`',
          },
          suggestions: null,
        },
        {
          messageId: 'inlineHandler',
          line: 4,
          column: 7,
          endLine: 4,
          endColumn: 65,
          data: {
            type: 'broadcast',
            target: '`this`',
            owner: 'this handler',
            unit: 'call of the handler',
            teardown: 'the handler once its work is done',
          },
          suggestions: null,
        },
        {
          messageId: 'inlineHandler',
          line: 5,
          column: 7,
          endLine: 5,
          endColumn: 69,
          data: {
            type: 'broadcast',
            target: '`this.hub`',
            owner: 'this handler',
            unit: 'call of the handler',
            teardown: 'the handler once its work is done',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});

jsRuleTester.run('no-leaked-listener (JavaScript)', rule, {
  valid: [
    {
      // JavaScript: removed in the teardown; app-lifetime module code
      code: `document.addEventListener('DOMContentLoaded', () => start());
export class Widget {
  constructor(emitter) {
    this.emitter = emitter;
    this.emitter.on('data', this.onData);
    window.addEventListener('resize', this.onResize);
  }
  onData() {}
  onResize() {}
  destroy() {
    this.emitter.off('data', this.onData);
    window.removeEventListener('resize', this.onResize);
  }
}`,
    },
    {
      // JSX: an effect that removes its listener in the cleanup
      code: `import { useEffect } from 'react';
export function Panel() {
  useEffect(() => {
    const onResize = () => layout();
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return <div />;
}`,
      filename: 'react.jsx',
      languageOptions: jsx,
    },
  ],
  invalid: [
    {
      // JavaScript: an injected emitter and window, never removed
      code: `export class Widget {
  constructor(emitter) {
    this.emitter = emitter;
    this.emitter.on('data', (data) => this.render(data));
    window.addEventListener('resize', this.onResize);
  }
  render() {}
  onResize() {}
  close() {}
}`,
      options: [{ injected: true }],
      errors: [
        {
          messageId: 'inlineHandler',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 57,
          data: {
            type: 'data',
            target: '`this.emitter`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: '`close()`',
          },
          suggestions: null,
        },
        {
          messageId: 'neverRemoved',
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 53,
          data: {
            type: 'resize',
            target: '`window`',
            owner: 'the constructor',
            unit: 'instance',
            teardown: '`close()`',
            handler: 'this.onResize',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // JSX: an effect without cleanup
      code: `import { useEffect } from 'react';
export function Panel() {
  useEffect(() => {
    document.addEventListener('keydown', onKey);
  }, []);
  return <div />;
}`,
      filename: 'react.jsx',
      languageOptions: jsx,
      errors: [
        {
          messageId: 'neverRemoved',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 48,
          data: {
            type: 'keydown',
            target: '`document`',
            owner: 'this `useEffect`',
            unit: 'effect run',
            teardown: 'the cleanup the effect returns',
            handler: 'onKey',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});

// TypeScript declaration shapes (overload signatures, abstract and `declare` members, `declare class`, `accessor`,
// index signatures, parameter properties, decorators, enums, namespaces): the implementation's body counts, the
// signatures do not, and no rule assumes that a function has a body.
ruleTester.run('no-leaked-listener', rule, {
  valid: [
    {
      // the overloaded `destroy` implementation removes the listener; an abstract `destroy()` is the subclass's to write; a `declare class` adds nothing
      code: `export class Widget {
  declare readonly id: string;
  accessor width = 0;
  constructor(private readonly host: HTMLElement) {}
  mount(): void;
  mount(immediate: boolean): void;
  mount(_immediate?: boolean): void {
    window.addEventListener('resize', this.onResize);
  }
  onResize = (): void => { this.width = window.innerWidth; };
  destroy(): void;
  destroy(reason: string): void;
  destroy(_reason?: string): void { window.removeEventListener('resize', this.onResize); }
}
export abstract class View {
  abstract destroy(): void;
  mount(): void { window.addEventListener('resize', this.layout); }
  protected layout = (): void => {};
}
export declare class Ambient {
  mount(): void;
  destroy(): void;
}
`,
    },
  ],
  invalid: [
    {
      // the implementation of `destroy` removes nothing
      code: `export class Widget {
  declare readonly id: string;
  accessor width = 0;
  constructor(@inject() private readonly host: HTMLElement) {}
  mount(): void;
  mount(immediate: boolean): void;
  mount(_immediate?: boolean): void {
    window.addEventListener('resize', this.onResize);
  }
  onResize = (): void => { this.width = window.innerWidth; };
  destroy(): void;
  destroy(reason: string): void;
  destroy(_reason?: string): void { /* forgets removeEventListener */ }
}
declare function inject(): ParameterDecorator;
`,
      errors: [
        {
          messageId: 'neverRemoved',
          line: 8,
          column: 5,
          endLine: 8,
          endColumn: 53,
          data: {
            type: 'resize',
            target: '`window`',
            owner: '`mount()`',
            unit: 'call',
            teardown: '`destroy()`',
            handler: 'this.onResize',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});

// One teardown set for every rule (issue 13): a protected hook such as `_close()` (which the owner of the object
// calls) is a teardown method here too, as in require-stop-signal and dispose-owned-resources. This rule used to
// report that `close()` misses the release that `_close()` makes, while the other two accepted it.
ruleTester.run('no-leaked-listener', rule, {
  valid: [
    {
      // released in the protected hook `_close()`
      code: `export class Channel {
  #timer = setInterval(() => this.ping(), 1000);
  ping(): void {}
  close(): void {
    this.closed = true;
  }
  closed = false;
  // Called by the transport that owns this channel, after close().
  _close(): void {
    clearInterval(this.#timer);
    window.removeEventListener('online', this.onOnline);
  }
  listen(): void {
    window.addEventListener('online', this.onOnline);
  }
  onOnline = (): void => this.ping();
}
`,
    },
  ],
  invalid: [],
});

// Issue 16: listeners are removed by reference (iterated collections, `off(type)`), compared by binding, and the
// per-call shapes of real leak fixes: a listener on the caller's `AbortSignal`, a `once` listener that loses a race,
// a listener that a plain function or an object-literal method adds to a long-lived target.
ruleTester.run('no-leaked-listener (issue 16)', rule, {
  valid: [
    {
      // handlers kept in an array, removed by iterating over it: the removal is by reference, whatever the names
      code: `export class Shortcuts {
  #handlers: [string, () => void][] = [['keydown', () => this.key()], ['blur', () => this.reset()]];
  mount(): void {
    for (const [type, handler] of this.#handlers) window.addEventListener(type, handler);
  }
  destroy(): void {
    for (const [t, h] of this.#handlers) window.removeEventListener(t, h);
  }
  key(): void {}
  reset(): void {}
}`,
    },
    {
      // handlers kept in an object, removed by `Object.entries(…).forEach(…)`
      code: `export class Panel {
  handlers = { resize: () => this.layout(), scroll: () => this.layout() };
  mount(): void {
    window.addEventListener('resize', this.handlers.resize);
    window.addEventListener('scroll', this.handlers.scroll);
  }
  destroy(): void {
    Object.entries(this.handlers).forEach(([type, handler]) => window.removeEventListener(type, handler));
  }
  layout(): void {}
}`,
    },
    {
      // `off(type)` with no handler and `removeAllListeners(type)` remove every handler of the type
      code: `import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
export class Feed {
  start(): void {
    bus.on('tick', this.onTick);
    bus.on('tock', this.onTock);
  }
  stop(): void {
    bus.off('tick');
    bus.removeAllListeners('tock');
  }
  onTick = (): void => {};
  onTock = (): void => {};
}`,
    },
    {
      // the listener on the caller's signal is removed in `finally`
      code: `export async function fetchWithRetry(url: string, { signal }: { signal?: AbortSignal } = {}) {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await fetch(url, { signal: controller.signal });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}`,
    },
    {
      // the listener on the caller's signal ends with `{ signal }` of a controller this call aborts
      code: `export async function wait(ms: number, options: { signal: AbortSignal }) {
  const done = new AbortController();
  options.signal.addEventListener('abort', () => done.abort(), { signal: done.signal });
  try {
    await new Promise((resolve) => setTimeout(resolve, ms));
  } finally {
    done.abort();
  }
}`,
    },
    {
      // a signal the function makes itself dies with its controller
      code: `export function run(work: (signal: AbortSignal) => Promise<void>) {
  const controller = new AbortController();
  controller.signal.addEventListener('abort', () => console.log('stopped'));
  return work(controller.signal);
}`,
    },
    {
      // each settling listener removes the other one
      code: `export function drain(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => { stream.off('error', onError); resolve(); };
    const onError = (error: Error) => { stream.off('drain', onDrain); reject(error); };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}`,
    },
    {
      // `connect` happens once in a socket's life: the `error` listener left after it does not pile up
      code: `export function connected(socket: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
}`,
    },
    {
      // a plain function's listener removed by another function of the file (enable/disable)
      code: `function onResize(): void {}
export function enable(): void {
  window.addEventListener('resize', onResize);
}
export function disable(): void {
  window.removeEventListener('resize', onResize);
}`,
    },
    {
      // a method that forwards its caller's handler: the caller removes it
      code: `import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
export const events = {
  on(type: string, handler: () => void): void {
    bus.on(type, handler);
  },
  off(type: string, handler: () => void): void {
    bus.off(type, handler);
  },
};`,
    },
    {
      // registered once, behind a module-level flag the function sets
      code: `let installed = false;
export function install(): void {
  if (installed) return;
  installed = true;
  window.addEventListener('error', (event) => report(event));
}
declare function report(event: ErrorEvent): void;`,
    },
    {
      // `process` listeners in plain functions are a daemon's or CLI's own, registered once (measured on the corpus)
      code: `export function startDaemon(): void {
  process.on('SIGTERM', () => stop());
  process.on('message', (message) => handle(message));
}
declare function stop(): void;
declare function handle(message: unknown): void;`,
    },
  ],
  invalid: [
    {
      // a local of the same name removed in another method is another function: the listener stays
      code: `import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
export class Poller {
  start(): void {
    const onTick = (): void => this.poll();
    bus.on('tick', onTick);
  }
  stop(): void {
    const onTick = (): void => this.poll();
    bus.off('tick', onTick);
  }
  poll(): void {}
}`,
      errors: [
        {
          messageId: 'neverRemoved',
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 27,
          data: {
            type: 'tick',
            handler: 'onTick',
            target: '`bus`',
            owner: '`start()`',
            unit: 'call',
            teardown: '`stop()`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // a per-call listener on the caller's signal, never removed
      code: `export async function fetchWithRetry(url: string, { signal }: { signal?: AbortSignal } = {}) {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal!.reason);
  signal?.addEventListener('abort', onAbort);
  return await fetch(url, { signal: controller.signal });
}`,
      errors: [
        {
          messageId: 'signalListener',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 45,
          data: {
            listener: '`abort` listener `onAbort`',
            fn: '`fetchWithRetry()`',
            target: '`signal`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // `{ once: true }` does not save it: the abort may never come (an object-literal method)
      code: `export const client = {
  async get(url: string, options: { signal?: AbortSignal }) {
    const controller = new AbortController();
    options.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    return fetch(url, { signal: controller.signal });
  },
};`,
      errors: [
        {
          messageId: 'signalListener',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 88,
          data: {
            listener: 'inline `abort` listener',
            fn: '`get()`',
            target: '`options.signal`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // the `error` listener stays on the caller's stream each time `drain` wins
      code: `export function drain(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('drain', resolve);
    stream.once('error', reject);
  });
}`,
      errors: [
        {
          messageId: 'lostRace',
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 33,
          data: {
            listener: '`error` listener `reject`',
            fn: '`drain()`',
            target: '`stream`',
            winner: 'drain',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // a plain function adds an inline listener to `window` on each call (with `perCall`, issue 16)
      code: `export function setup() {
  window.addEventListener('resize', () => layout());
}
declare function layout(): void;`,
      options: [{ perCall: true }],
      errors: [
        {
          messageId: 'perCall',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 52,
          data: {
            listener: 'inline `resize` listener',
            fn: '`setup()`',
            target: '`window`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // an object-literal method adds a listener to `document` and nothing removes it
      code: `export const menu = {
  open(): void {
    document.addEventListener('keydown', this.onKey);
  },
  onKey(event: KeyboardEvent): void {
    console.log(event.key);
  },
};`,
      options: [{ perCall: true }],
      errors: [
        {
          messageId: 'perCall',
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 53,
          data: {
            listener: '`keydown` listener `this.onKey`',
            fn: '`open()`',
            target: '`document`',
          },
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});
