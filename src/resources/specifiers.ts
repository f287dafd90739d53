/**
 * Type or value specifiers: how options name a type or a function to leave alone (`allow`), in the shape
 * typescript-eslint uses for its `TypeOrValueSpecifier`:
 *
 * ```js
 * allow: [
 *   'Transaction',                                        // any type or function of that name
 *   { from: 'package', package: 'pg', name: 'PoolClient' }, // declared in, or imported from, a package
 *   { from: 'file', name: 'openDb', path: 'src/db.ts' },    // declared in a file of the project (path from the cwd)
 *   { from: 'lib', name: 'DisposableStack' },               // TypeScript's default library, or a global
 * ]
 * ```
 */
import path from 'node:path';

import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

export type Specifier =
  | string
  | { readonly from: 'file'; readonly name: string | readonly string[]; readonly path?: string }
  | { readonly from: 'lib'; readonly name: string | readonly string[] }
  | { readonly from: 'package'; readonly name: string | readonly string[]; readonly package: string };

/** What a value or type is called and where it comes from, to be matched against specifiers. */
export interface Provenance {
  readonly name: string;
  /** The package or module it comes from (`fs/promises`, `pg`); null for the project's own code or unknown. */
  readonly module: string | null;
  /** A global or part of TypeScript's default library. */
  readonly lib: boolean;
  /** The file that declares it, when known. */
  readonly file: string | null;
}

const nameSchema: JSONSchema4 = {
  description: 'The name of the type, class or function; a list matches any of its names.',
  oneOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
  ],
};

/** `allow`: type or value specifiers to leave alone (shared by the rules that take it). */
export const allowOption: { readonly allow: JSONSchema4 } = {
  allow: {
    type: 'array',
    description:
      'Types and functions whose values are never reported: a name, or `{ from: "package", package, name }`, `{ from: "file", name, path? }`, `{ from: "lib", name }`.',
    uniqueItems: true,
    items: {
      oneOf: [
        { type: 'string', minLength: 1, description: 'A type or function name, wherever it is declared.' },
        {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'name', 'package'],
          properties: {
            from: { type: 'string', enum: ['package'], description: 'Declared in, or imported from, a package.' },
            name: nameSchema,
            package: {
              type: 'string',
              minLength: 1,
              description: 'The package (`pg`, `fs/promises`; a `node:` prefix is ignored).',
            },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'name'],
          properties: {
            from: { type: 'string', enum: ['file'], description: 'Declared in a file of the project.' },
            name: nameSchema,
            path: {
              type: 'string',
              minLength: 1,
              description:
                'The declaring file, relative to the current working directory; any project file when absent.',
            },
          },
        },
        {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'name'],
          properties: {
            from: {
              type: 'string',
              enum: ['lib'],
              description: "A global, or a type of TypeScript's default library.",
            },
            name: nameSchema,
          },
        },
      ],
    },
  },
};

function names(specifier: Exclude<Specifier, string>): readonly string[] {
  return typeof specifier.name === 'string' ? [specifier.name] : specifier.name;
}

function withoutExtension(file: string): string {
  return file.replace(/(?:\.d)?\.[cm]?[jt]sx?$/u, '');
}

/** Does `provenance` match any of `specifiers`? `cwd` resolves the `path` of file specifiers. */
export function matchesSomeSpecifier(specifiers: readonly Specifier[], provenance: Provenance, cwd: string): boolean {
  return specifiers.some((specifier) => matchesSpecifier(specifier, provenance, cwd));
}

function matchesSpecifier(specifier: Specifier, provenance: Provenance, cwd: string): boolean {
  if (typeof specifier === 'string') return specifier === provenance.name;
  if (!names(specifier).includes(provenance.name)) return false;
  switch (specifier.from) {
    case 'lib':
      return provenance.lib;
    case 'package':
      return provenance.module !== null && provenance.module === normalize(specifier.package);
    case 'file': {
      if (provenance.module !== null || provenance.lib) return false;
      if (specifier.path === undefined) return true;
      return (
        provenance.file !== null &&
        withoutExtension(path.resolve(cwd, specifier.path)) === withoutExtension(path.resolve(provenance.file))
      );
    }
  }
}

function normalize(module: string): string {
  return module.startsWith('node:') ? module.slice(5) : module;
}
