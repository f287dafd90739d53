/**
 * The editor: `vscode-eslint-language-server` (the server of VS Code's ESLint extension, also what Neovim's
 * nvim-lspconfig `eslint` setup starts), over stdio, on the fixture projects, as an editor drives it. The server
 * resolves ESLint and the plugin from the project (`workingDirectory: { mode: 'location' }`, `nodePath: null`).
 * - squiggles: after `didOpen`, the pulled diagnostics (`textDocument/diagnostic`) are our findings — same rule ids,
 *   ranges and messages as the `eslint` CLI's, with the rule's docs URL;
 * - fix on save: the `source.fixAll.eslint` code action edits the document into what `eslint --fix` writes;
 * - a suggestion of ours shows up as a quick fix, and running it (`workspace/executeCommand`, answered by the
 *   server with `workspace/applyEdit`) edits the document as the suggestion says.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CLI_TIMEOUT,
  childEnv,
  createWorkspace,
  fixtureFiles,
  PROJECTS,
  projectFiles,
  ROOT,
  ruleSources,
  SETUP_TIMEOUT,
  setupIntegration,
  sourceName,
  type Integration,
  type JsonMessage,
  type JsonResult,
  type ProjectName,
  type Workspace,
} from './harness.js';
import {
  applyEdits,
  editsFor,
  LspClient,
  type CodeAction,
  type Diagnostic,
  type Range,
  type WorkspaceEdit,
} from './lsp.js';

const SERVER = path.join(ROOT, 'node_modules', 'vscode-langservers-extracted', 'bin', 'vscode-eslint-language-server');

/** The ESLint extension's settings, as VS Code answers `workspace/configuration` for a flat-config project. */
function settings(ws: Workspace): Record<string, unknown> {
  return {
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    // Not `experimental: { useFlatConfig: true }`: with ESLint 10 the server would then look for the `FlatESLint`
    // class, which ESLint 10 no longer exports, and report nothing.
    useFlatConfig: true,
    experimental: {},
    codeAction: { disableRuleComment: { enable: true, location: 'separateLine' }, showDocumentation: { enable: true } },
    codeActionOnSave: { mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workingDirectory: { mode: 'location' },
    workspaceFolder: { name: path.basename(ws.dir), uri: pathToFileURL(ws.dir).href },
  };
}

interface Editor {
  client: LspClient;
  /** Opens `file` (relative to the workspace) and returns its URI. */
  open(file: string): string;
  text(uri: string): string;
  diagnostics(uri: string): Promise<Diagnostic[]>;
  codeActions(uri: string, range: Range, only: string[], diagnostics: Diagnostic[]): Promise<CodeAction[]>;
  /** Problems the server reported to the "user" (no ESLint library, no config, a crash). */
  problems: string[];
}

async function startEditor(ws: Workspace, overrides: Record<string, unknown> = {}): Promise<Editor> {
  const client = new LspClient(process.execPath, [SERVER, '--stdio'], { cwd: ws.dir, env: childEnv() });
  const documents = new Map<string, { text: string; version: number; languageId: string }>();
  const problems: string[] = [];

  client.onRequest('workspace/configuration', (params) =>
    (params as { items: unknown[] }).items.map(() => ({ ...settings(ws), ...overrides })),
  );
  client.onRequest('workspace/applyEdit', (params) => {
    const { edit } = params as { edit: WorkspaceEdit };
    for (const [uri, document] of documents) {
      const edits = editsFor(edit, uri);
      if (edits.length > 0)
        documents.set(uri, { ...document, text: applyEdits(document.text, edits), version: document.version + 1 });
    }
    return { applied: true };
  });
  for (const method of ['eslint/noLibrary', 'eslint/noConfig', 'eslint/probeFailed']) {
    client.onRequest(method, (params) => {
      problems.push(`${method} ${JSON.stringify(params)}`);
      return {};
    });
  }
  client.onNotification('window/showMessage', (params) => problems.push(`showMessage ${JSON.stringify(params)}`));
  client.onNotification('window/logMessage', (params) => {
    const { type, message } = params as { type: number; message: string };
    // 1 error.
    if (type === 1) problems.push(`logMessage ${message}`);
  });
  client.onNotification('eslint/status', (params) => {
    const { state } = params as { state: number };
    // 1 ok, 2 warn, 3 error.
    if (state !== 1) problems.push(`eslint/status ${JSON.stringify(params)}`);
  });

  await client.request('initialize', {
    processId: process.pid,
    clientInfo: { name: 'cleanup-integration-test' },
    rootUri: pathToFileURL(ws.dir).href,
    workspaceFolders: [{ uri: pathToFileURL(ws.dir).href, name: path.basename(ws.dir) }],
    capabilities: {
      workspace: {
        configuration: true,
        workspaceFolders: true,
        applyEdit: true,
        workspaceEdit: { documentChanges: true },
      },
      textDocument: {
        synchronization: { didSave: true },
        diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
        publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
        // Without codeActionLiteralSupport the server offers no code actions at all.
        codeAction: {
          codeActionLiteralSupport: {
            codeActionKind: {
              valueSet: ['', 'quickfix', 'refactor', 'source', 'source.fixAll', 'source.fixAll.eslint'],
            },
          },
        },
      },
    },
    initializationOptions: {},
  });
  client.notify('initialized', {});

  return {
    client,
    problems,
    open(file) {
      const uri = pathToFileURL(ws.path(file)).href;
      const languageId = file.endsWith('.ts') ? 'typescript' : 'javascript';
      const document = { text: ws.read(file), version: 1, languageId };
      documents.set(uri, document);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: document.text } });
      return uri;
    },
    text: (uri) => documents.get(uri)!.text,
    async diagnostics(uri) {
      const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', {
        textDocument: { uri },
      });
      expect(report.kind).toBe('full');
      return report.items;
    },
    codeActions: (uri, range, only, diagnostics) =>
      client
        .request<CodeAction[] | null>('textDocument/codeAction', {
          textDocument: { uri },
          range,
          context: { diagnostics, only, triggerKind: 1 },
        })
        .then((actions) => actions ?? []),
  };
}

/** `rule@startLine:startCharacter-endLine:endCharacter message`, 0-based, as LSP counts. */
function fromCli(message: JsonMessage): string {
  return `${message.ruleId}@${message.line - 1}:${message.column - 1}-${message.endLine! - 1}:${message.endColumn! - 1} ${message.message}`;
}

function fromLsp(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${diagnostic.code}@${start.line}:${start.character}-${end.line}:${end.character} ${diagnostic.message}`;
}

const editorProjects: ProjectName[] = ['js-eslint10', 'js-eslint9', 'ts-eslint10'];

let integration: Integration;
beforeAll(async () => {
  integration = await setupIntegration();
}, SETUP_TIMEOUT);

describe.each(editorProjects)('vscode-eslint-language-server on %s', (project) => {
  const spec = PROJECTS[project];
  const fixFile = `src/${sourceName(spec, 'input')}`;
  let ws: Workspace;
  let editor: Editor;
  let cli: Record<string, JsonResult>;

  beforeAll(async () => {
    ws = await createWorkspace(integration, project, {
      ...projectFiles(spec),
      ...ruleSources(spec),
      [fixFile]: fixtureFiles('fix')['input.js']!,
    });
    const { results } = await ws.eslintJson(['src']);
    cli = Object.fromEntries(results.map((result) => [path.relative(ws.dir, result.filePath), result]));
    editor = await startEditor(ws);
  }, SETUP_TIMEOUT);

  afterAll(async () => {
    await editor?.client.close();
    ws?.remove();
  });

  it(
    'shows our findings as diagnostics: rule ids, ranges, messages and docs links as the CLI reports them',
    async () => {
      const files = Object.keys(ruleSources(spec)).sort();
      for (const file of files) {
        const uri = editor.open(file);
        const diagnostics = await editor.diagnostics(uri);
        const expected = cli[file]!.messages;
        expect(expected.length, `${file}: the CLI reports findings`).toBeGreaterThan(0);
        expect(diagnostics.map(fromLsp).sort(), `${file}: diagnostics`).toEqual(expected.map(fromCli).sort());
        for (const diagnostic of diagnostics) {
          expect(diagnostic.source).toBe('eslint');
          expect(diagnostic.severity, 'error').toBe(1);
          const name = String(diagnostic.code).replace(/^cleanup\//, '');
          expect(diagnostic.codeDescription?.href).toMatch(new RegExp(`/docs/rules/${name}\\.md$`));
        }
      }
      expect(editor.problems).toEqual([]);
    },
    CLI_TIMEOUT,
  );

  it(
    'fix on save (`source.fixAll.eslint`) writes what `eslint --fix` writes',
    async () => {
      const uri = editor.open(fixFile);
      const diagnostics = await editor.diagnostics(uri);
      expect(diagnostics.length).toBeGreaterThan(0);
      const text = editor.text(uri);
      const lines = text.split('\n');
      const whole = {
        start: { line: 0, character: 0 },
        end: { line: lines.length - 1, character: lines.at(-1)!.length },
      };
      const actions = await editor.codeActions(uri, whole, ['source.fixAll.eslint'], []);
      expect(actions.map((action) => action.kind)).toEqual(['source.fixAll.eslint']);
      const [fixAll] = actions;
      expect(fixAll!.edit, 'the fix-all action carries its edit').toBeDefined();
      expect(applyEdits(text, editsFor(fixAll!.edit!, uri))).toBe(fixtureFiles('fix')['expected.js']);
      expect(editor.problems).toEqual([]);
    },
    CLI_TIMEOUT,
  );

  it(
    'offers our suggestions as quick fixes, and applying one edits the document as the suggestion says',
    async () => {
      // The first finding with a suggestion in the rule fixtures, as the CLI reports it.
      const candidates = Object.entries(cli).flatMap(([file, result]) =>
        result.messages
          .filter((message) => (message.suggestions?.length ?? 0) > 0)
          .map((message) => ({ file, message, source: result.source! })),
      );
      expect(candidates.length, 'some rule fixture has a finding with a suggestion').toBeGreaterThan(0);
      const { file, message, source } = candidates[0]!;
      const suggestion = message.suggestions![0]!;

      const uri = editor.open(file);
      const diagnostics = await editor.diagnostics(uri);
      const diagnostic = diagnostics.find((candidate) => fromLsp(candidate) === fromCli(message));
      expect(diagnostic, `${file}: the diagnostic of ${fromCli(message)}`).toBeDefined();

      const actions = await editor.codeActions(uri, diagnostic!.range, ['quickfix'], [diagnostic!]);
      const titles = actions.map((action) => action.title);
      const quickFix = actions.find((action) => action.title === `${suggestion.desc} (${message.ruleId})`);
      expect(quickFix, `quick fixes offered: ${JSON.stringify(titles)}`).toBeDefined();
      expect(quickFix!.kind).toBe('quickfix');
      // Also offered, as for every rule: disable it for the line, and open its documentation.
      expect(titles).toContain(`Show documentation for ${message.ruleId}`);

      await editor.client.request('workspace/executeCommand', quickFix!.command);
      const expected =
        source.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + source.slice(suggestion.fix.range[1]);
      expect(editor.text(uri)).toBe(expected);
      expect(editor.problems).toEqual([]);
    },
    CLI_TIMEOUT,
  );
});

// The trap README.md warns about: the old `experimental.useFlatConfig` setting (which older nvim-lspconfig versions
// turn on whenever they see an eslint.config.js) makes the server load `FlatESLint`, which ESLint 10 no longer
// exports: no squiggles at all, and only a line in the server's log says why.
describe('vscode-eslint-language-server with `experimental.useFlatConfig` on ESLint 10', () => {
  it(
    'reports nothing',
    async () => {
      const spec = PROJECTS['js-eslint10'];
      const ws = await createWorkspace(integration, spec.name, { ...projectFiles(spec), ...ruleSources(spec) });
      const editor = await startEditor(ws, { experimental: { useFlatConfig: true } });
      try {
        const uri = editor.open('src/release-in-finally.js');
        expect(await editor.diagnostics(uri)).toEqual([]);
        expect(editor.problems.join('\n')).toContain('FlatESLint');
      } finally {
        await editor.client.close();
        ws.remove();
      }
    },
    CLI_TIMEOUT,
  );
});
