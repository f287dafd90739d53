// Intervals started once, from the first repository sweep (bench/repo-classified.jsonl, issue 16): valid cases, and
// the intervals next to them that start again and again: invalid cases.
import rule from '../../src/rules/no-floating-resource.js';
import { jsRuleTester, ruleTester } from '../RuleTester.js';

ruleTester.run('no-floating-resource (precision)', rule, {
  valid: [
    {
      // the callback of a module-level promise runs once, when the database is ready
      code: `import { dbReady } from './sql-init';
dbReady.then(() => {
  setInterval(() => runChecks(), 60 * 60 * 1000);
  if (process.env.SAFE_MODE) return;
  setInterval(() => backup(), 4 * 60 * 60 * 1000);
});
declare function runChecks(): void;
declare function backup(): void;`,
    },
    {
      // a module-level timeout's callback runs once
      code: `setTimeout(() => {
  setInterval(sendPing, 1000);
}, 0);
declare function sendPing(): void;`,
    },
    {
      // a function that only a function called once from the top level calls: it runs once
      code: `function startTraffic(queues: string[]) {
  setInterval(() => enqueue(queues), 1000);
}
async function run() {
  startTraffic(['a', 'b']);
}
run().catch((error) => console.error(error));
declare function enqueue(queues: string[]): void;`,
    },
    {
      // a constructor function the page constructs once at the top level
      code: `function SetupModel(this: unknown) {
  setInterval(checkOutstandingSyncs, 1000);
}
applyBindings(new (SetupModel as any)());
declare function checkOutstandingSyncs(): void;
declare function applyBindings(model: unknown): void;`,
    },
    {
      // a function called only behind a once-only flag that it sets
      code: `let isInit = false;
async function init() {
  setInterval(() => void checkForUpdates(), 30 * 60 * 1000);
  isInit = true;
}
export default function updater() {
  if (!isInit) {
    void init();
  }
}
declare function checkForUpdates(): Promise<void>;`,
    },
    {
      // a page's load listener runs once
      code: `window.addEventListener('load', () => {
  setInterval(refresh, 1000);
});
declare function refresh(): void;`,
    },
    {
      // an exported function that the file never calls: nothing says it runs more than once (it may be a startup
      // function called once from another file), so its interval is not reported
      code: `import { dbReady } from './sql-init';
export function schedule() {
  dbReady.then(() => {
    setInterval(() => runChecks(), 1000);
  });
}
declare function runChecks(): void;`,
    },
    {
      // called once from an exported function, behind a flag that nothing sets: the file does not say it runs twice
      code: `let isInit = false;
async function init() {
  setInterval(() => void checkForUpdates(), 1000);
}
export default function updater() {
  if (!isInit) {
    void init();
  }
}
declare function checkForUpdates(): Promise<void>;`,
    },
  ],
  invalid: [
    {
      // an interval's callback runs again and again: each tick starts one more interval
      code: `setInterval(() => {
  setInterval(sendPing, 1000);
}, 60000);
declare function sendPing(): void;`,
      errors: [
        {
          messageId: 'discardedInterval',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 30,
          data: { label: 'setInterval()' },
          suggestions: null,
        },
      ],
      output: null,
    },
    {
      // called twice by the function that runs once
      code: `function startTraffic(queues: string[]) {
  setInterval(() => enqueue(queues), 1000);
}
async function run() {
  startTraffic(['a']);
}
run().catch((error) => console.error(error));
export function more() {
  startTraffic(['b']);
}
declare function enqueue(queues: string[]): void;`,
      errors: [
        {
          messageId: 'discardedInterval',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 43,
          data: { label: 'setInterval()' },
          suggestions: null,
        },
      ],
      output: null,
    },
  ],
});

jsRuleTester.run('no-floating-resource (precision, JavaScript)', rule, {
  valid: [
    {
      // a promise callback at module level in CommonJS
      code: `require('./becca-loader').loaded.then(() => {
  setInterval(sync, 60000);
});
function sync() {}`,
    },
  ],
  invalid: [],
});
