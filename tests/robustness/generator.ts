/**
 * A random program generator for the fuzz test: ES modules (valid JavaScript, `ecmaVersion: 'latest'`) built around
 * the resource APIs the plugin knows — pg pools and clients, async-mutex, async-sema, proper-lockfile, mysql2,
 * `fs.openSync`, `fs/promises` `open`, timers, workers, event listeners, `DisposableStack`, `using` / `await using`
 * — acquired, used, released, leaked, handed off and released twice, inside `try`/`catch`/`finally`, `if`, loops,
 * labels, `switch`, closures, callbacks, generators and classes, with comments sprinkled in.
 *
 * The TypeScript flavour (`{ typescript: true }`) adds type annotations, `as` / `!` / `satisfies`, and top-level items
 * built from TypeScript's declaration shapes around the same resources: classes with overloaded `start`/`stop`
 * methods and constructors, abstract classes with abstract teardown members, `declare` / `accessor` / definite (`!:`)
 * / optional fields, index signatures, parameter properties holding resources, decorators, `this` parameters,
 * optional methods, getters and setters, static blocks and `#private` members; overloaded and `declare` functions;
 * enums; namespaces (nested, and `declare namespace`); `declare class`, `declare module` (with `export =`),
 * `declare global`; `import x = require()` and namespace aliases; interfaces and type aliases. Every shape a program
 * holds is recorded in {@link ProgramGenerator.shapes} (see {@link TS_SHAPES}).
 *
 * Deterministic: the same seed gives the same program (mulberry32 PRNG). Syntax rules are kept by construction
 * (`await` only in async code, `yield` only in generators, `break`/`continue` only where they have a target,
 * `return` only in functions, unique names per scope); the fuzz test checks that every program parses.
 */

/** mulberry32: a small, fast, seedable PRNG. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/** How a resource kind is acquired, released and used; `name` is the binding. */
interface ResourceKind {
  readonly kind: string;
  /** The acquisition needs `await`. */
  readonly async: boolean;
  readonly acquire: readonly string[];
  readonly release: readonly ((name: string, async: boolean) => string)[];
  /** `fresh` is an unused identifier, for declarations. */
  readonly use: readonly ((name: string, async: boolean, fresh: string) => string)[];
  /** The acquisition as an expression statement (a floating resource). */
  readonly floating?: readonly string[];
}

const awaitIf = (async: boolean, expression: string): string => (async ? `await ${expression}` : `void ${expression}`);

const KINDS: readonly ResourceKind[] = [
  {
    kind: 'client',
    async: true,
    acquire: ['await pool.connect()', 'await this.pool.connect()', 'await (pool).connect()', 'await db.connect()'],
    release: [
      (n) => `${n}.release();`,
      (n) => `${n}?.release();`,
      (n) => `${n}.release(true);`,
      (n) => `if (${n}) ${n}.release();`,
    ],
    use: [
      (n, a) => `${awaitIf(a, `${n}.query('select 1')`)};`,
      (n, a, v) => `const { rows: ${v} } = ${a ? 'await ' : ''}${n}.query('select $1', [input]);`,
      (n) => `${n}.on('error', onError);`,
    ],
    floating: ['await pool.connect();'],
  },
  {
    kind: 'lock',
    async: true,
    acquire: ['await mutex.acquire()', 'await this.mutex.acquire()', 'await semaphore.acquire()'],
    release: [(n) => `${n}();`, (n) => `${n}?.();`, () => 'mutex.release();'],
    use: [(n) => `log(${n});`],
    floating: ['await mutex.acquire();', 'await this.lock.acquire();'],
  },
  {
    kind: 'sema',
    async: true,
    acquire: ['await sema.acquire()'],
    release: [() => 'sema.release();'],
    use: [(n) => `log(${n});`],
    floating: ['await sema.acquire();'],
  },
  {
    kind: 'lockfile',
    async: true,
    acquire: ['await lockfile.lock(path)', 'await lock(path, { retries: 3 })'],
    release: [(n, a) => `${awaitIf(a, `${n}()`)};`, (_n, a) => `${awaitIf(a, 'unlock(path)')};`],
    use: [(n) => `log(${n});`],
  },
  {
    kind: 'fd',
    async: false,
    acquire: ["fs.openSync(path, 'r')", "openSync(path, 'w')", 'fs.openSync(path)'],
    release: [(n) => `fs.closeSync(${n});`, (n) => `closeSync(${n});`],
    use: [
      (n) => `fs.readSync(${n}, buffer);`,
      (n, _a, v) => `const ${v} = fs.fstatSync(${n}).size;`,
      (n) => `fs.writeSync(${n}, 'x');`,
    ],
    floating: ["fs.openSync(path, 'r');", 'openSync(path);'],
  },
  {
    kind: 'fh',
    async: true,
    acquire: ["await open(path, 'r')", 'await fsp.open(path)', 'await open(path)'],
    release: [
      (n, a) => `${awaitIf(a, `${n}.close()`)};`,
      (n, a) => `${awaitIf(a, `${n}[Symbol.asyncDispose]()`)};`,
      (n) => `${n}?.close();`,
    ],
    use: [
      (n, a) => `${awaitIf(a, `${n}.read(buffer, 0, 16, 0)`)};`,
      (n, a, v) => `const ${v} = ${a ? 'await ' : ''}${n}.readFile('utf8');`,
    ],
    floating: ['await open(path);'],
  },
  {
    kind: 'timer',
    async: false,
    acquire: [
      'setInterval(tick, 1000)',
      'setInterval(() => tick(input), 10)',
      'setTimeout(tick, 5)',
      'globalThis.setInterval(tick, 100)',
    ],
    release: [(n) => `clearInterval(${n});`, (n) => `clearTimeout(${n});`, (n) => `${n}.unref();`],
    use: [(n) => `${n}.refresh?.();`, (n) => `log(${n});`],
    floating: ['setInterval(tick, 1000);', 'setTimeout(tick, 10);', 'setInterval(() => {}, 50).unref();'],
  },
  {
    kind: 'conn',
    async: true,
    acquire: [
      'await mysql.createConnection(url)',
      'await pool.getConnection()',
      'await dataSource.createQueryRunner()',
    ],
    release: [(n, a) => `${awaitIf(a, `${n}.end()`)};`, (n) => `${n}.release();`, (n) => `${n}.destroy();`],
    use: [
      (n, a) => `${awaitIf(a, `${n}.query('select 1')`)};`,
      (n, a) => `${awaitIf(a, `${n}.beginTransaction()`)};`,
      (n, a) => `${awaitIf(a, `${n}.commit()`)};`,
    ],
  },
  {
    kind: 'worker',
    async: false,
    acquire: ['new Worker(file)', "new Worker(new URL('./w.js', import.meta.url), { workerData: input })"],
    release: [(n, a) => `${awaitIf(a, `${n}.terminate()`)};`, (n) => `${n}.unref();`],
    use: [(n) => `${n}.postMessage(input);`, (n) => `${n}.on('message', onMessage);`],
    floating: ['new Worker(file);'],
  },
  {
    kind: 'stack',
    async: false,
    acquire: ['new DisposableStack()', 'makeDisposable()', 'new AsyncDisposableStack()'],
    release: [
      (n) => `${n}.dispose();`,
      (n) => `${n}[Symbol.dispose]();`,
      (n, a) => `${awaitIf(a, `${n}.disposeAsync?.()`)};`,
    ],
    use: [(n) => `${n}.defer(() => log('done'));`, (n, _a, v) => `const ${v} = ${n}.move();`],
    floating: ['new DisposableStack();'],
  },
];

interface Local {
  readonly name: string;
  readonly kind: ResourceKind;
}

interface Context {
  readonly async: boolean;
  readonly generator: boolean;
  /** Inside a function body (so `return` is valid). */
  readonly inFunction: boolean;
  /** Inside a class method (so `this` fields make sense). */
  readonly inMethod: boolean;
  readonly loopLabels: readonly string[];
  readonly blockLabels: readonly string[];
  readonly inLoop: boolean;
  readonly inSwitch: boolean;
  readonly locals: readonly Local[];
  readonly depth: number;
}

const COMMENTS = ['// note', '/* keep */', '// eslint-disable-next-line no-console', '/** doc */', '// TODO: release'];

export interface GeneratorOptions {
  /**
   * TypeScript: type annotations on declarations and parameters, and `as`, `!` and `satisfies` around acquisitions
   * and around the resources that are used and released (for @typescript-eslint/parser).
   */
  readonly typescript?: boolean;
}

/** The TypeScript declaration shapes the TypeScript flavour emits (recorded per program in `shapes`). */
export const TS_SHAPES = [
  'overloaded-function',
  'overloaded-method',
  'overloaded-constructor',
  'abstract-class',
  'abstract-member',
  'declare-field',
  'declare-function',
  'declare-class',
  'declare-module',
  'declare-global',
  'declare-namespace',
  'export-assignment',
  'import-require',
  'import-alias',
  'accessor-field',
  'index-signature',
  'parameter-property',
  'decorator',
  'enum',
  'namespace',
  'nested-namespace',
  'interface',
  'type-alias',
  'this-parameter',
  'definite-assignment',
  'optional-method',
  'getter-setter',
  'static-block',
  'private-member',
] as const;

export type TsShape = (typeof TS_SHAPES)[number];

const TS_TYPES = ['PoolClient', 'FileHandle', 'number', 'any', 'Disposable', 'NodeJS.Timeout', 'Release | undefined'];

export class ProgramGenerator {
  readonly #random: Random;
  readonly #typescript: boolean;
  readonly #shapes = new Set<TsShape>();
  #counter = 0;

  constructor(seed: number, options: GeneratorOptions = {}) {
    this.#random = new Random(seed);
    this.#typescript = options.typescript === true;
  }

  /** The TypeScript declaration shapes the last `program()` holds. */
  get shapes(): ReadonlySet<TsShape> {
    return this.#shapes;
  }

  #shape(...shapes: TsShape[]): void {
    for (const shape of shapes) this.#shapes.add(shape);
  }

  /** An acquisition expression, in TypeScript sometimes under `as`, `!` or `satisfies`. */
  #wrap(expression: string): string {
    const r = this.#random;
    if (!this.#typescript || !r.chance(0.3)) return expression;
    return r.pick([
      `${expression} as ${r.pick(TS_TYPES)}`,
      `(${expression})!`,
      `${expression} satisfies unknown`,
      `(${expression} as unknown as Client)`,
    ]);
  }

  /** A reference to a resource, in TypeScript sometimes as `name!` or `(name as any)`. */
  #ref(name: string): string {
    const r = this.#random;
    if (!this.#typescript || !r.chance(0.25)) return name;
    return r.pick([`${name}!`, `(${name} as any)`, `(${name} satisfies unknown)`]);
  }

  /** In TypeScript, sometimes a type annotation for a declared name. */
  #annotation(): string {
    const r = this.#random;
    return this.#typescript && r.chance(0.3) ? `: ${r.pick(TS_TYPES)}` : '';
  }

  /** A fresh identifier (unique in the program, so no redeclaration can happen). */
  #name(base: string): string {
    return `${base}${++this.#counter}`;
  }

  program(): string {
    const r = this.#random;
    const lines: string[] = [
      "import fs, { openSync, closeSync } from 'node:fs';",
      "import * as fsp from 'node:fs/promises';",
      "import { open } from 'node:fs/promises';",
      "import { Worker } from 'node:worker_threads';",
      "import { Mutex, Semaphore } from 'async-mutex';",
      "import { Sema } from 'async-sema';",
      "import lockfile, { lock, unlock } from 'proper-lockfile';",
      "import mysql from 'mysql2/promise';",
      "import pg from 'pg';",
      '',
    ];
    const header = [
      'const pool = new pg.Pool();',
      'const mutex = new Mutex();',
      'const semaphore = new Semaphore(2);',
      'const sema = new Sema(3);',
      'let shared = null;',
      'const db = { connect: () => pool.connect() };',
    ];
    lines.push(...header.filter(() => r.chance(0.8)));
    if (r.chance(0.3)) lines.push('const connection = await mysql.createConnection(url);');
    if (r.chance(0.2)) lines.push('setInterval(tick, 60_000);');
    if (r.chance(0.2)) lines.push("process.on('SIGTERM', () => pool.end());");
    if (this.#typescript) lines.push(...this.#tsHeader());
    const top: Context = {
      async: true, // module top level: top-level await
      generator: false,
      inFunction: false,
      inMethod: false,
      loopLabels: [],
      blockLabels: [],
      inLoop: false,
      inSwitch: false,
      locals: [],
      depth: 0,
    };
    const items = 1 + r.int(5);
    for (let index = 0; index < items; index++) {
      lines.push('');
      // TypeScript: every other item is one of the declaration shapes, mixed in among the others.
      if (this.#typescript && r.chance(0.5)) {
        lines.push(...this.#tsItem());
        continue;
      }
      const choice = r.int(10);
      if (choice < 5) lines.push(...this.#functionDeclaration(r.chance(0.5)));
      else if (choice < 7) lines.push(...this.#classDeclaration());
      else if (choice < 8) lines.push(...this.#arrowExport());
      else if (choice < 9) lines.push(...this.#effectComponent());
      else lines.push(...this.#statements(top, 1 + r.int(3)));
    }
    return `${lines.join('\n')}\n`;
  }

  #functionContext(async: boolean, generator: boolean, inMethod: boolean, depth: number): Context {
    return {
      async,
      generator,
      inFunction: true,
      inMethod,
      loopLabels: [],
      blockLabels: [],
      inLoop: false,
      inSwitch: false,
      locals: [],
      depth,
    };
  }

  #functionDeclaration(exported: boolean): string[] {
    const r = this.#random;
    const async = r.chance(0.7);
    const generator = r.chance(0.1);
    const name = this.#name('task');
    const params = this.#typescript
      ? r.pick([
          '',
          'input: any',
          'input: Input, signal?: AbortSignal',
          'path: string, buffer: Buffer',
          '{ id, signal }: Options = {}',
          '...args: unknown[]',
        ])
      : r.pick(['', 'input', 'input, signal', 'path, buffer', '{ id, signal } = {}', '...args']);
    const head = `${exported ? 'export ' : ''}${async ? 'async ' : ''}function${generator ? '*' : ''} ${name}(${params}) {`;
    return [head, ...indent(this.#statements(this.#functionContext(async, generator, false, 1), 2 + r.int(6))), '}'];
  }

  #arrowExport(): string[] {
    const r = this.#random;
    const async = r.chance(0.8);
    const name = this.#name('handler');
    return [
      `export const ${name} = ${async ? 'async ' : ''}(req, res) => {`,
      ...indent(this.#statements(this.#functionContext(async, false, false, 1), 2 + r.int(5))),
      '};',
    ];
  }

  /** A React-like component with an effect that starts a timer or a listener and may return its cleanup. */
  #effectComponent(): string[] {
    const r = this.#random;
    const id = this.#name('id');
    const start = r.pick([
      `const ${id} = setInterval(tick, 1000);`,
      `window.addEventListener('resize', onResize);`,
      `const ${id} = setTimeout(tick, 10);`,
    ]);
    const cleanup = r.pick([
      `return () => clearInterval(${id});`,
      `return () => window.removeEventListener('resize', onResize);`,
      '',
      `return () => { clearTimeout(${id}); };`,
    ]);
    return [
      `export function ${this.#name('Widget')}(props) {`,
      '  useEffect(() => {',
      `    ${start}`,
      ...(cleanup ? [`    ${cleanup}`] : []),
      `  }, [props.id]);`,
      '  return null;',
      '}',
    ];
  }

  #classDeclaration(): string[] {
    const r = this.#random;
    const name = this.#name('Service');
    const members: string[][] = [];
    if (r.chance(0.5))
      members.push([
        this.#typescript
          ? r.pick(['private timer: NodeJS.Timeout | null = null;', 'timer?: NodeJS.Timeout;', 'declare timer: any;'])
          : 'timer = null;',
      ]);
    members.push([this.#typescript ? '#conn: Connection | null = null;' : '#conn = null;']);
    if (r.chance(0.3)) members.push(['static pool = new pg.Pool();']);
    if (r.chance(0.5)) {
      members.push([
        'constructor(pool) {',
        '  this.pool = pool;',
        '  this.mutex = new Mutex();',
        ...(r.chance(0.4) ? ['  this.timer = setInterval(() => this.tick(), 1000);'] : []),
        '}',
      ]);
    }
    const methods = 1 + r.int(4);
    for (let index = 0; index < methods; index++) {
      const async = r.chance(0.6);
      // Public names may repeat (the last one wins); a private name may not.
      const methodName =
        index === 0 && r.chance(0.2)
          ? '#poll'
          : r.pick([
              'start',
              'stop',
              'close',
              'dispose',
              'destroy',
              'run',
              'handle',
              'tick',
              '[Symbol.dispose]',
              'connect',
            ]);
      const body = this.#statements(this.#functionContext(async, false, true, 1), 1 + r.int(5));
      const fieldLines = r.chance(0.5)
        ? [
            r.pick([
              'this.timer = setInterval(() => this.tick(), 500);',
              'clearInterval(this.timer);',
              'this.timer = null;',
              'this.onMessage = (event) => log(event);',
              "window.addEventListener('message', this.onMessage);",
              "window.removeEventListener('message', this.onMessage);",
              ...(async
                ? [
                    'this.client = await pool.connect();',
                    'this.client?.release();',
                    'this.#conn = await mysql.createConnection(url);',
                  ]
                : []),
            ]),
          ]
        : [];
      members.push([
        `${async ? 'async ' : ''}${methodName}(${r.pick(['', 'input', 'signal'])}) {`,
        ...indent([...fieldLines, ...body]),
        '}',
      ]);
    }
    return [
      `${r.chance(0.6) ? 'export ' : ''}class ${name}${r.chance(0.2) ? ' extends EventTarget' : ''} {`,
      ...indent(members.flatMap((member, index) => (index > 0 ? ['', ...member] : member))),
      '}',
    ];
  }

  // ---- TypeScript declaration shapes -------------------------------------------------------------------------

  /** Header lines of the TypeScript flavour: `import x = require()`, namespace aliases, types next to resources. */
  #tsHeader(): string[] {
    const r = this.#random;
    const lines: string[] = [];
    if (r.chance(0.4)) {
      this.#shape('import-require');
      lines.push(
        r.pick([
          "import legacy = require('legacy-pool');",
          "import Redis = require('ioredis');",
          "export import Locks = require('proper-lockfile');",
        ]),
      );
    }
    if (r.chance(0.4)) {
      this.#shape('interface');
      lines.push(
        `interface ${this.#name('Options')} { signal?: AbortSignal; timer?: NodeJS.Timeout; readonly client: PoolClient; release(): void }`,
      );
    }
    if (r.chance(0.4)) {
      this.#shape('type-alias');
      lines.push(
        r.pick([
          'type Release = () => void;',
          'type Handler<T = unknown> = (value: T) => Promise<void>;',
          'type Held = { [K in "timer" | "worker"]?: Disposable };',
        ]),
      );
    }
    return lines;
  }

  /** One top-level item made of TypeScript declaration shapes. */
  #tsItem(): string[] {
    const r = this.#random;
    switch (r.int(9)) {
      case 0:
      case 1:
      case 2:
        return this.#tsClass();
      case 3:
        return this.#tsOverloadedFunction();
      case 4:
        return this.#tsNamespace(0);
      case 5:
        return this.#tsAmbient();
      case 6:
        return this.#tsEnum();
      case 7:
        return this.#tsAbstractClass();
      default:
        return this.#tsDeclareClass();
    }
  }

  /** A decorator expression, sometimes. */
  #decorator(): string {
    const r = this.#random;
    if (!r.chance(0.3)) return '';
    this.#shape('decorator');
    return `${r.pick(['@logged', '@inject()', "@inject('db')", '@observable', '@(decorate as any)'])} `;
  }

  /** A field holding a resource (or declaring where one goes), in one of the field shapes TypeScript has. */
  #tsResourceField(): string {
    const r = this.#random;
    switch (r.int(12)) {
      case 0:
        return `${this.#decorator()}private timer = setInterval(() => this.tick(), 1000);`;
      case 1:
        return `${this.#decorator()}readonly worker = new Worker(file);`;
      case 2:
        this.#shape('accessor-field');
        return `${this.#decorator()}${r.pick(['', 'static ', 'protected '])}accessor ${this.#name('interval')} = setInterval(tick, 500);`;
      case 3:
        this.#shape('declare-field');
        return r.pick([
          'declare readonly pool: pg.Pool;',
          'declare timer: NodeJS.Timeout;',
          'declare protected worker: Worker;',
        ]);
      case 4:
        this.#shape('definite-assignment');
        return r.pick(['timer!: NodeJS.Timeout;', 'client!: PoolClient;', 'private worker!: Worker;']);
      case 5:
        this.#shape('index-signature');
        return r.pick(['[key: string]: unknown;', 'static [key: string]: any;', 'readonly [index: number]: Worker;']);
      case 6:
        this.#shape('private-member');
        return r.pick([
          '#worker = new Worker(file);',
          '#timer: NodeJS.Timeout | undefined = setInterval(tick, 100);',
          '#fd = fs.openSync(path, "r");',
        ]);
      case 7:
        return 'client?: PoolClient;';
      case 8:
        return `static readonly ${this.#name('pool')} = new pg.Pool();`;
      case 9:
        return 'onMessage = (event: MessageEvent): void => log(event);';
      case 10:
        return 'protected readonly mutex = new Mutex();';
      default:
        return `${this.#decorator()}${this.#name('listener')}: (() => void) | null = null;`;
    }
  }

  /** Releases of the resources that `#tsResourceField` and the overloaded `start` acquire (a random subset). */
  #tsTeardown(): string[] {
    const r = this.#random;
    return [
      'clearInterval(this.timer);',
      'void this.worker?.terminate();',
      'this.client?.release();',
      "window.removeEventListener('message', this.onMessage);",
      'this.timer = undefined as any;',
    ].filter(() => r.chance(0.4));
  }

  /** A method body of statements (reusing the JavaScript generator), plus some field lines. */
  #tsMethodBody(async: boolean, extra: readonly string[]): string[] {
    const r = this.#random;
    return indent([...extra, ...this.#statements(this.#functionContext(async, false, true, 1), r.int(4))]);
  }

  /** `name(): R;`, `name(x: T): R;` then the implementation. */
  #tsOverloads(name: string, async: boolean, extra: readonly string[], modifiers = ''): string[] {
    const r = this.#random;
    this.#shape('overloaded-method');
    const result = async ? 'Promise<void>' : 'void';
    const signatures = [
      `${modifiers}${name}(): ${result};`,
      `${modifiers}${name}(${r.pick(['delay: number', 'force: boolean', 'signal: AbortSignal'])}): ${result};`,
    ];
    if (r.chance(0.3)) {
      this.#shape('this-parameter');
      signatures.push(
        `${modifiers}${name}(this: ${r.pick(['unknown', 'object'])}, input: string, ...rest: unknown[]): ${result};`,
      );
    }
    return [
      ...signatures,
      `${this.#decorator()}${modifiers}${async ? 'async ' : ''}${name}(input?: unknown, ..._rest: unknown[]): ${result} {`,
      ...this.#tsMethodBody(async, extra),
      '}',
    ];
  }

  /** A class with resource fields, overloaded start/stop, and any of the member shapes TypeScript has. */
  #tsClass(): string[] {
    const r = this.#random;
    const name = this.#name('Poller');
    const members: string[][] = [];
    const fields = 1 + r.int(4);
    for (let index = 0; index < fields; index++) members.push([this.#tsResourceField()]);
    if (r.chance(0.6)) members.push(this.#tsConstructor());
    // start: acquires; stop: releases some of it (or nothing); sometimes overloaded, sometimes not.
    const start = r.pick([
      'this.timer = setInterval(() => this.tick(), 1000);',
      "window.addEventListener('message', this.onMessage);",
      'this.worker2 = new Worker(file);',
      'this.client = await pool.connect();',
    ]);
    const startAsync = start.includes('await') || r.chance(0.4);
    members.push(
      r.chance(0.7)
        ? this.#tsOverloads('start', startAsync, [start])
        : [
            `${startAsync ? 'async ' : ''}start(): ${startAsync ? 'Promise<void>' : 'void'} {`,
            ...this.#tsMethodBody(startAsync, [start]),
            '}',
          ],
    );
    const stopName = r.pick(['stop', 'close', 'dispose', 'destroy', '[Symbol.dispose]']);
    const stopAsync = r.chance(0.4);
    if (stopName === '[Symbol.dispose]' || r.chance(0.3))
      members.push([
        `${stopAsync ? 'async ' : ''}${stopName}(): ${stopAsync ? 'Promise<void>' : 'void'} {`,
        ...this.#tsMethodBody(stopAsync, this.#tsTeardown()),
        '}',
      ]);
    else if (r.chance(0.8)) members.push(this.#tsOverloads(stopName, stopAsync, this.#tsTeardown()));
    if (r.chance(0.4)) {
      this.#shape('optional-method');
      members.push([
        `${r.pick(['', 'protected '])}${this.#name('onTick')}?(): void {`,
        ...this.#tsMethodBody(false, []),
        '}',
      ]);
    }
    if (r.chance(0.4)) {
      this.#shape('getter-setter');
      members.push([
        'get running(): boolean {',
        '  return this.timer !== undefined;',
        '}',
        'set running(value: boolean) {',
        ...indent(r.pick([['if (!value) clearInterval(this.timer);'], ['this.timer = setInterval(tick, 10);'], []])),
        '}',
      ]);
    }
    if (r.chance(0.3)) {
      this.#shape('static-block');
      members.push([
        'static {',
        ...indent(
          this.#statements({ ...this.#functionContext(false, false, false, 1), inFunction: false }, 1 + r.int(3)),
        ),
        '}',
      ]);
    }
    if (r.chance(0.3)) {
      this.#shape('private-member');
      members.push([
        `#${this.#name('poll')}(): void {`,
        ...this.#tsMethodBody(false, [r.pick(['this.timer = setInterval(tick, 1);', 'log(this);'])]),
        '}',
      ]);
    }
    if (r.chance(0.3)) {
      this.#shape('this-parameter');
      members.push([`handle(this: ${name}, input: unknown): void {`, ...this.#tsMethodBody(false, []), '}']);
    }
    if (r.chance(0.3))
      members.push([
        'async run(): Promise<void> {',
        `  while (${r.pick(['true', '!this.stopped', 'input'])}) {`,
        '    await this.tick();',
        '  }',
        '}',
      ]);
    members.push(['tick(): void {}']);
    const decorator = this.#decorator();
    const heritage = r.pick(['', ' extends EventTarget', ' implements Disposable', ' implements Options']);
    return [
      `${decorator}${r.chance(0.6) ? 'export ' : ''}class ${name}${r.chance(0.3) ? '<T extends object = {}>' : ''}${heritage} {`,
      ...indent(members.flatMap((member, index) => (index > 0 ? ['', ...member] : member))),
      '}',
    ];
  }

  /** A constructor with parameter properties holding resources, sometimes overloaded. */
  #tsConstructor(): string[] {
    const r = this.#random;
    this.#shape('parameter-property');
    const params = [
      r.pick(['private readonly pool: pg.Pool', 'protected readonly pool = new pg.Pool()', 'public pool?: pg.Pool']),
      ...(r.chance(0.5)
        ? [
            r.pick([
              'private readonly worker: Worker = new Worker(file)',
              'readonly worker2 = new Worker(file)',
              `${this.#decorator()}private readonly client?: PoolClient`,
            ]),
          ]
        : []),
    ];
    const body = r.pick([
      [],
      ['this.timer = setInterval(() => this.tick(), 1000);'],
      ["window.addEventListener('resize', this.onMessage);"],
      ['log(this.pool);'],
    ]);
    const lines: string[] = [];
    if (r.chance(0.3)) {
      this.#shape('overloaded-constructor');
      lines.push('constructor(pool: pg.Pool);', 'constructor(pool: pg.Pool, worker: Worker);');
    }
    return [...lines, `constructor(${params.join(', ')}) {`, ...indent(body), '}'];
  }

  /** An abstract class: abstract teardown members (some overloaded), abstract fields and accessors. */
  #tsAbstractClass(): string[] {
    const r = this.#random;
    this.#shape('abstract-class', 'abstract-member');
    const members: string[][] = [
      [this.#tsResourceField()],
      [
        r.pick([
          'protected abstract readonly pool: pg.Pool;',
          'abstract timer: NodeJS.Timeout | undefined;',
          'protected abstract accessor worker: Worker;',
        ]),
      ],
    ];
    members.push(
      r.pick([
        ['abstract stop(): void;'],
        ['abstract close(): Promise<void>;', 'abstract close(force: boolean): Promise<void>;'],
        ['protected abstract dispose?(): void;'],
        ['abstract get name(): string;', 'abstract set name(value: string);'],
      ]),
    );
    if (r.chance(0.5))
      members.push(
        this.#tsOverloads('start', r.chance(0.5), [
          r.pick(['this.timer = setInterval(() => this.tick(), 1000);', 'this.worker = new Worker(file);']),
        ]),
      );
    if (r.chance(0.4))
      members.push(['async run(): Promise<void> {', '  while (true) {', '    await work();', '  }', '}']);
    members.push(['tick(): void {}']);
    return [
      `${this.#decorator()}${r.chance(0.5) ? 'export ' : ''}abstract class ${this.#name('Base')} {`,
      ...indent(members.flatMap((member, index) => (index > 0 ? ['', ...member] : member))),
      '}',
    ];
  }

  /** `declare class`: fields and overloaded methods without bodies. */
  #tsDeclareClass(): string[] {
    const r = this.#random;
    this.#shape('declare-class', 'overloaded-method');
    return [
      `${r.chance(0.5) ? 'export ' : ''}declare ${r.chance(0.3) ? 'abstract ' : ''}class ${this.#name('Ambient')} {`,
      '  timer: NodeJS.Timeout;',
      '  private readonly worker;',
      '  constructor(pool?: pg.Pool);',
      '  start(): void;',
      '  start(delay: number): void;',
      `  ${r.pick(['stop(): void;', 'close(): Promise<void>;', '[Symbol.dispose](): void;'])}`,
      '  get running(): boolean;',
      '  static create(): Promise<PoolClient>;',
      '}',
    ];
  }

  /** Overloaded function declarations whose implementation acquires resources; sometimes `declare function`s. */
  #tsOverloadedFunction(): string[] {
    const r = this.#random;
    const name = this.#name('acquire');
    const exported = r.chance(0.5) ? 'export ' : '';
    if (r.chance(0.25)) {
      this.#shape('declare-function');
      return [
        `${exported}declare function ${name}(path: string): number;`,
        `${exported}declare function ${name}(path: string, flags: string): number;`,
      ];
    }
    this.#shape('overloaded-function');
    const async = r.chance(0.6);
    const result = async ? 'Promise<unknown>' : 'unknown';
    return [
      `${exported}function ${name}(input: string): ${result};`,
      `${exported}function ${name}(input: string, signal: AbortSignal): ${result};`,
      `${exported}${async ? 'async ' : ''}function ${name}(input: string, signal?: AbortSignal): ${result} {`,
      ...indent(this.#statements(this.#functionContext(async, false, false, 1), 2 + r.int(5))),
      '}',
    ];
  }

  /** A namespace holding a pool, functions that acquire, an enum and an interface; nested namespaces inside. */
  #tsNamespace(depth: number): string[] {
    const r = this.#random;
    this.#shape(depth === 0 ? 'namespace' : 'nested-namespace');
    const members: string[] = [];
    if (r.chance(0.5))
      members.push(
        r.pick([
          'export const pool = new pg.Pool();',
          'const timer = setInterval(tick, 60_000);',
          'export let client: PoolClient | undefined;',
        ]),
      );
    const functions = 1 + r.int(2);
    for (let index = 0; index < functions; index++) {
      const async = r.chance(0.6);
      members.push(
        `${r.chance(0.7) ? 'export ' : ''}${async ? 'async ' : ''}function ${this.#name('job')}(input: unknown): ${async ? 'Promise<unknown>' : 'unknown'} {`,
        ...indent(this.#statements(this.#functionContext(async, false, false, 1), 1 + r.int(4))),
        '}',
      );
    }
    if (r.chance(0.3)) {
      this.#shape('interface');
      members.push('export interface Job { id: string; release(): void }');
    }
    if (r.chance(0.3)) members.push(...this.#tsEnum());
    if (depth < 2 && r.chance(0.4)) members.push(...this.#tsNamespace(depth + 1));
    if (depth === 0 && r.chance(0.3)) {
      this.#shape('import-alias');
      members.push(
        `import Alias${this.#counter} = Inner${this.#counter}.Deep;`,
        `namespace Inner${this.#counter} { export namespace Deep { export const x = 1; } }`,
      );
    }
    // `module N {}` is the legacy spelling (TypeScript 6 reports it, the parser still accepts it: old code has it).
    const keyword =
      depth === 0
        ? `${r.chance(0.5) ? 'export ' : ''}${r.pick(['namespace', 'namespace', 'module'])}`
        : 'export namespace';
    const name = depth === 0 && r.chance(0.3) ? `${this.#name('Outer')}.Jobs` : this.#name('Jobs');
    return [`${keyword} ${name} {`, ...indent(members), '}'];
  }

  /** `declare module`, `declare global`, `declare namespace`. */
  #tsAmbient(): string[] {
    const r = this.#random;
    switch (r.int(3)) {
      case 0: {
        this.#shape('declare-module', 'overloaded-method');
        const exportAssignment = r.chance(0.4);
        if (exportAssignment) this.#shape('export-assignment');
        return [
          `declare module '${this.#name('fake-pool')}' {`,
          '  class Pool {',
          '    connect(): Promise<Client>;',
          '    connect(callback: (error: Error | null, client: Client, done: () => void) => void): void;',
          '    end(): Promise<void>;',
          '  }',
          '  interface Client {',
          '    query(sql: string): Promise<unknown[]>;',
          '    release(destroy?: boolean): void;',
          '  }',
          ...(exportAssignment
            ? ['  export = Pool;']
            : [
                '  export { Pool, type Client };',
                '  export function open(path: string): number;',
                '  export function open(path: string, flags: string): number;',
              ]),
          '}',
        ];
      }
      case 1:
        this.#shape('declare-global');
        return [
          'declare global {',
          '  interface Window {',
          '    cleanupLock?: { acquire(): Promise<() => void> };',
          '  }',
          '  var leakedTimer: NodeJS.Timeout | undefined;',
          '  function acquireGlobal(): Promise<() => void>;',
          '}',
        ];
      default:
        this.#shape('declare-namespace', 'declare-function');
        return [
          `declare namespace ${this.#name('Ambient')}.Nested {`,
          '  function acquire(): () => void;',
          '  function acquire(timeout: number): () => void;',
          '  let counter: number;',
          '  const enum Mode { Read, Write }',
          '}',
        ];
    }
  }

  #tsEnum(): string[] {
    const r = this.#random;
    this.#shape('enum');
    const keyword = r.pick(['enum', 'const enum', 'export enum', 'declare enum', 'export declare const enum']);
    return [
      `${keyword} ${this.#name('State')} {`,
      '  Idle,',
      `  Running = ${r.pick(['1', "'running'", '1 << 2'])},`,
      '}',
    ];
  }

  #statements(context: Context, count: number): string[] {
    const lines: string[] = [];
    let locals = context.locals;
    for (let index = 0; index < count; index++) {
      const produced = this.#statement({ ...context, locals });
      lines.push(...produced.lines);
      locals = produced.locals;
      if (produced.terminal) break;
    }
    return lines;
  }

  /** One statement; `locals` are the resources in scope after it; `terminal` ends the block (nothing after it). */
  #statement(context: Context): { lines: string[]; locals: readonly Local[]; terminal?: boolean } {
    const r = this.#random;
    const same = (lines: string[]): { lines: string[]; locals: readonly Local[] } => ({
      lines,
      locals: context.locals,
    });
    const deep = context.depth >= 4;
    const weights: [number, () => { lines: string[]; locals: readonly Local[]; terminal?: boolean }][] = [
      [8, () => this.#acquire(context)],
      [deep ? 2 : 8, () => this.#resourceBlock(context)],
      [5, () => same(this.#release(context))],
      [5, () => same(this.#use(context))],
      [2, () => same(this.#floating(context))],
      [2, () => same(this.#listener())],
      [2, () => same([r.pick(COMMENTS)])],
      [
        2,
        () =>
          same([
            r.pick([
              'log(input);',
              'input = input ?? {};',
              'check(input?.id);',
              `const ${this.#name('value')} = compute(input);`,
              ...(context.async ? ['await sleep(1);', 'await Promise.all([a(), b()]);'] : []),
            ]),
          ]),
      ],
      [deep ? 0 : 4, () => same(this.#if(context))],
      [deep ? 0 : 5, () => same(this.#try(context))],
      [deep ? 0 : 3, () => same(this.#loop(context))],
      [deep ? 0 : 1, () => same(this.#switch(context))],
      [deep ? 0 : 3, () => same(this.#closure(context))],
      [deep ? 0 : 1, () => same(['{', ...indent(this.#statements(this.#nested(context), 1 + r.int(3))), '}'])],
      [context.inFunction ? 1 : 0, () => ({ ...same(this.#return(context)), terminal: true })],
      [1, () => ({ ...same([r.pick(["throw new Error('failed');", 'throw input;'])]), terminal: true })],
      [context.inLoop || context.inSwitch ? 2 : 0, () => ({ ...same(this.#jump(context)), terminal: true })],
      [context.generator ? 1 : 0, () => same([`yield ${this.#someLocal(context) ?? 'input'};`])],
    ];
    const total = weights.reduce((sum, [weight]) => sum + weight, 0);
    let roll = r.next() * total;
    for (const [weight, make] of weights) {
      roll -= weight;
      if (roll < 0) return make();
    }
    return same(['log(input);']);
  }

  #nested(context: Context): Context {
    return { ...context, depth: context.depth + 1 };
  }

  #someLocal(context: Context): string | undefined {
    return context.locals.length > 0 ? this.#random.pick(context.locals).name : undefined;
  }

  #kind(context: Context): ResourceKind {
    const usable = KINDS.filter((kind) => context.async || !kind.async);
    return this.#random.pick(usable);
  }

  #acquire(context: Context): { lines: string[]; locals: readonly Local[] } {
    const r = this.#random;
    const kind = this.#kind(context);
    const name = this.#name(kind.kind);
    const raw = r.pick(kind.acquire);
    const expression = this.#wrap(raw);
    const local: Local = { name, kind };
    const form = r.int(10);
    let line: string;
    if (form < 5) line = `const ${name}${this.#annotation()} = ${expression};`;
    else if (form < 6) line = `let ${name}${this.#annotation()} = ${expression};`;
    else if (form < 7 && !context.inSwitch) {
      // `using` needs a Disposable at run time, not at parse time; `await using` only where `await` is valid.
      line =
        context.async && r.chance(0.5)
          ? `await using ${name}${this.#annotation()} = ${expression};`
          : `using ${name}${this.#annotation()} = ${this.#wrap(raw.replace(/^await /, ''))};`;
    } else if (form < 8) {
      return {
        lines: [`let ${name}${this.#annotation()};`, ...this.#lateAssign(name, expression)],
        locals: [...context.locals, local],
      };
    } else if (form < 9 && context.inMethod) line = `this.${name} = ${expression};`;
    else if (form < 9) line = `shared = ${expression};`;
    else line = `const ${name} = ${expression}, other${name} = input;`;
    if (r.chance(0.1)) line = `${line} ${r.pick(COMMENTS)}`;
    return {
      lines: [line],
      locals: line.startsWith('shared') || line.startsWith('this.') ? context.locals : [...context.locals, local],
    };
  }

  /** A whole acquire → use → release sequence, in one of the shapes real code has (right or wrong). */
  #resourceBlock(context: Context): { lines: string[]; locals: readonly Local[] } {
    const r = this.#random;
    const kind = this.#kind(context);
    const name = this.#name(kind.kind);
    const local: Local = { name, kind };
    const acquire = `const ${name}${this.#annotation()} = ${this.#wrap(r.pick(kind.acquire))};`;
    const release = r.pick(kind.release)(this.#ref(name), context.async);
    const uses = (count: number): string[] =>
      Array.from({ length: count }, () =>
        r.chance(0.2) ? r.pick(COMMENTS) : r.pick(kind.use)(this.#ref(name), context.async, this.#name('value')),
      );
    const locals = [...context.locals, local];
    let shape = r.int(context.inFunction ? 8 : 7);
    // `using` may not stand directly in a `case` clause.
    if (shape === 3 && context.inSwitch) shape = 0;
    switch (shape) {
      case 0:
        return { lines: [acquire, ...uses(1 + r.int(3)), release], locals };
      case 1:
        return { lines: [acquire, 'try {', ...indent(uses(1 + r.int(3))), '} finally {', `  ${release}`, '}'], locals };
      case 2:
        return {
          lines: [
            acquire,
            'try {',
            ...indent(uses(1 + r.int(2))),
            '} catch (error) {',
            `  ${release}`,
            '  throw error;',
            '}',
          ],
          locals,
        };
      case 3: {
        const keyword = context.async && r.chance(0.6) ? 'await using' : 'using';
        const expression = this.#wrap(r.pick(kind.acquire).replace(keyword === 'using' ? /^await /u : /^$/u, ''));
        return { lines: [`${keyword} ${name}${this.#annotation()} = ${expression};`, ...uses(1 + r.int(2))], locals };
      }
      case 4:
        return {
          lines: [acquire, 'try {', ...indent(uses(1 + r.int(2))), '} finally {', `  ${release}`, '}', ...uses(1)],
          locals,
        };
      case 5:
        return {
          lines: [
            `let ${name}${this.#annotation()};`,
            'try {',
            `  ${name} = ${this.#wrap(r.pick(kind.acquire))};`,
            ...indent(uses(1)),
            '} finally {',
            `  ${release}`,
            '}',
          ],
          locals,
        };
      case 6:
        return { lines: [acquire, ...uses(1), release, ...(r.chance(0.5) ? [release] : uses(1))], locals };
      default:
        return {
          lines: [
            acquire,
            'if (!input) return;',
            'try {',
            ...indent(uses(1 + r.int(2))),
            '} finally {',
            `  ${release}`,
            '}',
          ],
          locals,
        };
    }
  }

  /** `name = expression` inside a `try` whose `finally` releases it, when it was assigned. */
  #lateAssign(name: string, expression: string): string[] {
    const r = this.#random;
    if (r.chance(0.5)) return [`${name} = ${expression};`];
    return [
      `try {`,
      `  ${name} = ${expression};`,
      `  log(${name});`,
      `} finally {`,
      `  if (${name}) log('release', ${name});`,
      `}`,
    ];
  }

  #release(context: Context): string[] {
    const r = this.#random;
    const local = context.locals.length > 0 ? r.pick(context.locals) : undefined;
    if (!local)
      return [r.pick(['clearInterval(this.timer);', 'this.client?.release();', 'mutex.release();', 'release?.();'])];
    return [r.pick(local.kind.release)(this.#ref(local.name), context.async)];
  }

  #use(context: Context): string[] {
    const r = this.#random;
    const local = context.locals.length > 0 ? r.pick(context.locals) : undefined;
    if (!local) return ['log(shared);'];
    if (r.chance(0.2)) {
      // Hand-offs: stored in a field, an outer variable, a collection, or passed along.
      return [
        r.pick([
          context.inMethod ? `this.kept = ${local.name};` : `shared = ${local.name};`,
          `registry.add(${local.name});`,
          `consume(${local.name});`,
          `const ${this.#name('box')} = { ${local.name} };`,
        ]),
      ];
    }
    return [r.pick(local.kind.use)(this.#ref(local.name), context.async, this.#name('value'))];
  }

  #floating(context: Context): string[] {
    const r = this.#random;
    const kinds = KINDS.filter((kind) => kind.floating && (context.async || !kind.async));
    const kind = r.pick(kinds);
    const statement = r.pick(kind.floating!);
    return [r.chance(0.15) ? `void ${statement.replace(/;$/, '')};` : statement];
  }

  #listener(): string[] {
    const r = this.#random;
    const target = r.pick(['window', 'document', 'process', 'emitter', 'this.socket', 'target']);
    const type = r.pick(["'message'", "'resize'", "'data'", "'exit'"]);
    const handler = r.pick(['onMessage', '() => log(input)', 'this.onMessage', 'function (event) { log(event); }']);
    return [
      r.pick([
        `${target}.addEventListener(${type}, ${handler});`,
        `${target}.addEventListener(${type}, ${handler}, { signal });`,
        `${target}.addEventListener(${type}, ${handler}, { once: true });`,
        `${target}.on(${type}, ${handler});`,
        `${target}.once(${type}, ${handler});`,
        `${target}.removeEventListener(${type}, ${handler});`,
        `${target}.off(${type}, ${handler});`,
      ]),
    ];
  }

  #if(context: Context): string[] {
    const r = this.#random;
    const condition = r.pick([
      'input',
      '!input',
      'signal?.aborted',
      'input.length > 2',
      `${this.#someLocal(context) ?? 'shared'} !== null`,
    ]);
    const inner = this.#nested(context);
    const lines = [`if (${condition}) {`, ...indent(this.#statements(inner, 1 + r.int(3)))];
    if (r.chance(0.4)) lines.push('} else {', ...indent(this.#statements(inner, 1 + r.int(2))));
    else if (r.chance(0.2))
      lines.push(`} else if (!${condition.replace(/^!/, '')}) {`, ...indent(this.#statements(inner, 1)));
    lines.push('}');
    // A single-statement body cannot be a declaration: a release or a call.
    if (r.chance(0.15)) return [`if (${condition}) ${r.chance(0.6) ? this.#release(context)[0]! : 'log(input);'}`];
    return lines;
  }

  #try(context: Context): string[] {
    const r = this.#random;
    const inner = this.#nested(context);
    const lines = ['try {', ...indent(this.#statements(inner, 1 + r.int(4)))];
    const shape = r.int(3);
    if (shape !== 1) {
      const parameter = r.pick(['(error) ', '', '({ message }) ']);
      lines.push(`} catch ${parameter}{`, ...indent(this.#statements(inner, r.int(3))));
      if (r.chance(0.3)) lines.push(parameter.includes('error') && r.chance(0.5) ? '  throw error;' : '  log(input);');
    }
    if (shape !== 0) lines.push('} finally {', ...indent(this.#statements(inner, 1 + r.int(3))));
    lines.push('}');
    return lines;
  }

  #loop(context: Context): string[] {
    const r = this.#random;
    const label = r.chance(0.3) ? this.#name('outer') : undefined;
    const inner: Context = {
      ...this.#nested(context),
      inLoop: true,
      loopLabels: label ? [...context.loopLabels, label] : context.loopLabels,
    };
    const item = this.#name('item');
    const heads = [
      `for (let ${item} = 0; ${item} < 3; ${item}++) {`,
      `for (const ${item} of items) {`,
      `for (const ${item} in input) {`,
      'while (!signal?.aborted) {',
      ...(context.async ? [`for await (const ${item} of stream) {`] : []),
    ];
    const body = indent(this.#statements(inner, 1 + r.int(4)));
    const lines = r.chance(0.15) ? ['do {', ...body, '} while (input.next());'] : [r.pick(heads), ...body, '}'];
    if (label) lines[0] = `${label}: ${lines[0]}`;
    return lines;
  }

  #switch(context: Context): string[] {
    const r = this.#random;
    const inner: Context = { ...this.#nested(context), inSwitch: true };
    const lines = [`switch (${r.pick(['input', 'input.type', 'typeof input'])}) {`];
    const cases = 1 + r.int(3);
    for (let index = 0; index < cases; index++) {
      lines.push(`  case ${index}:`, ...indent(indent(this.#statements(inner, 1 + r.int(2)))));
      if (r.chance(0.6)) lines.push('    break;');
    }
    if (r.chance(0.5)) lines.push('  default:', ...indent(indent(this.#statements(inner, 1))));
    lines.push('}');
    return lines;
  }

  #closure(context: Context): string[] {
    const r = this.#random;
    const shape = r.int(context.inFunction ? 7 : 6);
    // A Promise executor is never async; the other callbacks may be.
    const async = shape !== 6 && r.chance(0.5);
    // A closure sees the enclosing locals (it may release them), but `break`/`continue`/labels do not cross it.
    const inner: Context = {
      ...this.#functionContext(async, false, context.inMethod, context.depth + 1),
      locals: context.locals,
    };
    const body = indent(this.#statements(inner, 1 + r.int(3)));
    const name = this.#name('callback');
    const local = this.#someLocal(context);
    const prefix = async ? 'async ' : '';
    switch (shape) {
      case 0:
        return [`const ${name} = ${prefix}() => {`, ...body, '};'];
      case 1:
        return [`items.forEach(${prefix}(item) => {`, ...body, '});'];
      case 2:
        return [`queueMicrotask(${prefix}() => {`, ...body, '});'];
      case 3:
        return [`${prefix}function ${name}() {`, ...body, '}'];
      case 4:
        return [`res.on('finish', () => ${local ? `${local}.release()` : 'log(input)'});`];
      case 5:
        return [`${context.async ? 'await ' : ''}mutex.runExclusive(${prefix}() => {`, ...body, '});'];
      default:
        return ['return new Promise((resolve, reject) => {', ...body, '});'];
    }
  }

  #return(context: Context): string[] {
    const r = this.#random;
    const local = this.#someLocal(context);
    return [
      r.pick([
        'return;',
        `return ${local ?? 'input'};`,
        `return { ${local ?? 'input'} };`,
        `return () => ${local ? `${local}.release()` : 'log(input)'};`,
        'return input ? null : shared;',
        ...(context.async ? ['return await compute(input);'] : []),
      ]),
    ];
  }

  #jump(context: Context): string[] {
    const r = this.#random;
    const options: string[] = [];
    if (context.inLoop || context.inSwitch) options.push('break;');
    if (context.inLoop) options.push('continue;');
    for (const label of context.loopLabels) options.push(`break ${label};`, `continue ${label};`);
    return [r.pick(options)];
  }
}

function indent(lines: readonly string[]): string[] {
  return lines.map((line) => (line === '' ? line : `  ${line}`));
}

/** The `index`-th program of the run seeded with `seed` (each program has its own derived seed, to reproduce it alone). */
export function programSeed(seed: number, index: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

export function generateProgram(seed: number, options: GeneratorOptions = {}): string {
  return new ProgramGenerator(seed, options).program();
}
