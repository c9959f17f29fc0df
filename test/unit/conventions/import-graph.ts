/**
 * The pure part of the conventions test: given the source tree as a map path → text (paths
 * relative to the repo root, with forward slashes), return the violations of each rule.
 * No file system access here, so the real tree and the synthetic self-test trees go through the
 * very same code. TypeScript's own parser reads the files: comments and strings are never
 * mistaken for imports or identifiers, and type-only imports are told apart from value imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import ts from 'typescript';

export type SourceTree = Readonly<Record<string, string>>;

export interface Violation {
  rule: string;
  file: string;
  message: string;
}

export interface ImportRef {
  specifier: string;
  /** Erased at build time (`import type`, `export type`, `import('x').T` in a type). */
  typeOnly: boolean;
  line: number;
  /** Repo-relative path without extension guessing, for relative and `@/` specifiers; null for packages. */
  target: string | null;
  /** The file in the tree it resolves to (.ts/.tsx/index), or null when not in the tree. */
  resolved: string | null;
}

export interface ParsedFile {
  path: string;
  text: string;
  source: ts.SourceFile;
  imports: ImportRef[];
}

export interface Project {
  files: SourceTree;
  /** Only the script files (.ts, .tsx, .js, .mjs, ...), parsed. */
  parsed: ReadonlyMap<string, ParsedFile>;
}

export interface Rule {
  id: string;
  description: string;
  check(project: Project): Violation[];
}

const SCRIPT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const ALIAS = /^(@|~|@@|~~)(\/|$)/;

function scriptKind(path: string): ts.ScriptKind {
  if (path.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (path.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.(js|mjs|cjs)$/.test(path)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Where a specifier points inside the repo (no extension added), or null for a package. */
export function importTarget(from: string, specifier: string): string | null {
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    return posix.normalize(posix.join(posix.dirname(from), specifier));
  }
  // The wxt aliases all map to the repo root (see .wxt/tsconfig.json paths).
  if (ALIAS.test(specifier)) return posix.normalize(specifier.replace(ALIAS, '')) || '.';
  return null;
}

function resolveInTree(target: string, files: SourceTree): string | null {
  const candidates = [target, `${target}.ts`, `${target}.tsx`, `${target}/index.ts`, `${target}/index.tsx`];
  // `./x.js` written for a `.ts` file (TS's node16 style) resolves to the .ts source.
  if (/\.jsx?$/.test(target)) candidates.push(target.replace(/\.js(x?)$/, '.ts$1'));
  return candidates.find((candidate) => candidate in files && SCRIPT.test(candidate)) ?? null;
}

function lineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

function allTypeOnly(elements: readonly (ts.ImportSpecifier | ts.ExportSpecifier)[]): boolean {
  return elements.length > 0 && elements.every((element) => element.isTypeOnly);
}

function collectImports(path: string, source: ts.SourceFile, files: SourceTree): ImportRef[] {
  const found: ImportRef[] = [];
  const add = (literal: ts.Node, typeOnly: boolean) => {
    if (!ts.isStringLiteralLike(literal)) return;
    const target = importTarget(path, literal.text);
    found.push({
      specifier: literal.text,
      typeOnly,
      line: lineOf(source, literal),
      target,
      resolved: target === null ? null : resolveInTree(target, files),
    });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined && named !== undefined && ts.isNamedImports(named) && allTypeOnly(named.elements)));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const clause = node.exportClause;
      const typeOnly = node.isTypeOnly || (clause !== undefined && ts.isNamedExports(clause) && allTypeOnly(clause.elements));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const first = node.arguments[0];
      if ((isImport || isRequire) && first) add(first, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function parseProject(files: SourceTree): Project {
  const parsed = new Map<string, ParsedFile>();
  for (const [path, text] of Object.entries(files)) {
    if (!SCRIPT.test(path)) continue;
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKind(path));
    parsed.set(path, { path, text, source, imports: collectImports(path, source, files) });
  }
  return { files, parsed };
}

export function inDir(path: string | null, dir: string): boolean {
  return path !== null && (path === dir || path.startsWith(`${dir}/`));
}

function inAny(path: string, dirs: readonly string[]): boolean {
  return dirs.some((dir) => inDir(path, dir));
}

function isPackage(specifier: string, name: string): boolean {
  return specifier === name || specifier.startsWith(`${name}/`);
}

/**
 * True when an identifier names a binding (a global, when nothing declares it) rather than
 * a property: `document.body` counts `document`, `x.document` and `{ document: 1 }` do not.
 */
function isReference(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isQualifiedName(parent) && parent.right === node) return false;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return false;
  if (ts.isBindingElement(parent) && parent.propertyName === node) return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent)) return false;
  if (ts.isJsxAttribute(parent) || ts.isLabeledStatement(parent)) return false;
  if (
    (ts.isPropertyDeclaration(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isMethodSignature(parent) ||
      ts.isGetAccessorDeclaration(parent) ||
      ts.isSetAccessorDeclaration(parent) ||
      ts.isEnumMember(parent)) &&
    parent.name === node
  ) {
    return false;
  }
  return true;
}

const GLOBAL_OBJECTS = new Set(['globalThis', 'self', 'window']);

/** Uses of the given global names in code (comments and strings never match: the parser skips them). */
export function globalUses(file: ParsedFile, names: ReadonlySet<string>): { name: string; line: number }[] {
  const uses: { name: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && names.has(node.text) && isReference(node)) {
      uses.push({ name: node.text, line: lineOf(file.source, node) });
    } else if (
      // globalThis.chrome, self['browser']: the same global reached through the global object.
      (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      GLOBAL_OBJECTS.has(node.expression.text)
    ) {
      const key = ts.isPropertyAccessExpression(node)
        ? node.name.text
        : ts.isStringLiteralLike(node.argumentExpression)
          ? node.argumentExpression.text
          : null;
      if (key !== null && names.has(key)) uses.push({ name: `${node.expression.text}.${key}`, line: lineOf(file.source, node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file.source);
  return uses;
}

function filesIn(project: Project, dirs: readonly string[]): ParsedFile[] {
  return [...project.parsed.values()].filter((file) => inAny(file.path, dirs)).sort((a, b) => a.path.localeCompare(b.path));
}

function describeImport(ref: ImportRef): string {
  return `'${ref.specifier}'${ref.typeOnly ? ' (type-only)' : ''} at line ${ref.line}`;
}

// ---------------------------------------------------------------------------------------------
// Rule builders: each returns a Rule; the table at the bottom lists the project's rules.

/** Only `owners` may import `pkg` (or its subpaths); every other file in `scope` may not. */
function onlyOwnersImport(id: string, pkg: string, owners: readonly string[], scope: readonly string[]): Rule {
  return {
    id,
    description: `only ${owners.join(', ')} may import ${pkg}`,
    check(project) {
      const violations: Violation[] = [];
      for (const file of filesIn(project, scope)) {
        if (owners.includes(file.path)) continue;
        for (const ref of file.imports) {
          if (isPackage(ref.specifier, pkg)) {
            violations.push({ rule: id, file: file.path, message: `imports ${describeImport(ref)}; only ${owners.join(', ')} may` });
          }
        }
      }
      return violations;
    },
  };
}

/** Files in `from` may not import anything in `forbidden` (type-only imports count too). */
function noImportsInto(
  id: string,
  from: readonly string[],
  forbidden: readonly string[],
  /** Files of a forbidden folder that are its public face and may be imported (e.g. an index). */
  publicFiles: readonly string[] = [],
): Rule {
  const through = publicFiles.length > 0 ? ` (except through ${publicFiles.join(', ')})` : '';
  return {
    id,
    description: `${from.join(', ')} must not import ${forbidden.join(', ')}${through}`,
    check(project) {
      const violations: Violation[] = [];
      for (const file of filesIn(project, from)) {
        for (const ref of file.imports) {
          const resolved = ref.resolved ?? ref.target;
          if (resolved !== null && publicFiles.includes(resolved)) continue;
          const hit = forbidden.find((dir) => inDir(resolved, dir));
          if (hit) violations.push({ rule: id, file: file.path, message: `imports ${hit}/ via ${describeImport(ref)}${through}` });
        }
      }
      return violations;
    },
  };
}

const DETECT_BROWSER_GLOBALS = new Set(['document', 'window', 'navigator', 'chrome', 'browser', 'indexedDB', 'localStorage']);

/** src/detect/ is plain computation: it runs in any context (page, worker, node tests). */
function detectIsPure(id: string, dir: string, allowedPackages: readonly string[]): Rule {
  return {
    id,
    description: `${dir}/ imports only itself and ${allowedPackages.join(', ')}, and uses no browser API`,
    check(project) {
      const violations: Violation[] = [];
      for (const file of filesIn(project, [dir])) {
        for (const ref of file.imports) {
          const ok = ref.target === null ? allowedPackages.some((pkg) => isPackage(ref.specifier, pkg)) : inDir(ref.target, dir);
          if (!ok) violations.push({ rule: id, file: file.path, message: `imports ${describeImport(ref)} from outside ${dir}/` });
        }
        for (const use of globalUses(file, DETECT_BROWSER_GLOBALS)) {
          violations.push({ rule: id, file: file.path, message: `uses the browser API \`${use.name}\` at line ${use.line}` });
        }
      }
      return violations;
    },
  };
}

const EXTENSION_GLOBALS = new Set(['chrome', 'browser']);
const EXTENSION_API_PACKAGES = ['wxt/browser', 'webextension-polyfill', '@wxt-dev/browser'];

/** Extension APIs are reached only through entrypoints/ (which hand them in) and src/platform/. */
function extensionApiOnlyAt(id: string, scope: readonly string[], allowed: readonly string[]): Rule {
  return {
    id,
    description: `only ${allowed.join(', ')} touch chrome.* / browser.* or import ${EXTENSION_API_PACKAGES.join(', ')}`,
    check(project) {
      const violations: Violation[] = [];
      for (const file of filesIn(project, scope)) {
        if (inAny(file.path, allowed)) continue;
        for (const ref of file.imports) {
          if (EXTENSION_API_PACKAGES.some((pkg) => isPackage(ref.specifier, pkg))) {
            violations.push({ rule: id, file: file.path, message: `imports ${describeImport(ref)}` });
          }
        }
        for (const use of globalUses(file, EXTENSION_GLOBALS)) {
          violations.push({ rule: id, file: file.path, message: `touches \`${use.name}\` at line ${use.line}` });
        }
      }
      return violations;
    },
  };
}

/** Lines holding code: not blank, not only comment, not part of an import/re-export statement. */
export function codeLines(file: ParsedFile): number {
  const importRanges = file.source.statements
    .filter((statement) => ts.isImportDeclaration(statement) || (ts.isExportDeclaration(statement) && statement.moduleSpecifier))
    .map((statement) => [statement.getStart(file.source), statement.end] as const);
  const lines = new Set<number>();
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, file.source.languageVariant, file.text);
  // Every non-trivia token marks its line (a multi-line template literal marks its first line).
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    const start = scanner.getTokenStart();
    if (importRanges.some(([from, to]) => start >= from && start < to)) continue;
    lines.add(file.source.getLineAndCharacterOfPosition(start).line);
  }
  return lines.size;
}

function isDefineCall(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && /^define[A-Z]/.test(node.expression.text);
}

/** `main` of `defineX({ main() {} })` / `defineX({ main: () => {} })`, or a top-level `function main`. */
function isMainFunction(node: ts.Node, source: ts.SourceFile): boolean {
  if (node === source) return false;
  if (ts.isFunctionDeclaration(node)) return node.name?.text === 'main' && node.parent === source;
  const holder = ts.isMethodDeclaration(node) ? node : ts.isPropertyAssignment(node.parent) ? node.parent : null;
  if (!holder || !ts.isIdentifier(holder.name) || holder.name.text !== 'main') return false;
  if (holder !== node && !(ts.isArrowFunction(node) || ts.isFunctionExpression(node))) return false;
  const literal = holder.parent;
  return ts.isObjectLiteralExpression(literal) && isDefineCall(literal.parent);
}

function functionName(node: ts.Node): string {
  const named =
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isClassDeclaration(node) ||
    ts.isClassExpression(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node);
  if (named && node.name && ts.isIdentifier(node.name)) return node.name.text;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
}

/**
 * Functions that are neither `main` nor inline inside it. Named function declarations and
 * classes are reported even inside `main`: a named helper is logic with a name, and belongs in src/.
 */
export function helperFunctions(file: ParsedFile): { kind: string; name: string; line: number }[] {
  const found: { kind: string; name: string; line: number }[] = [];
  const visit = (node: ts.Node, insideMain: boolean) => {
    if (isMainFunction(node, file.source)) {
      ts.forEachChild(node, (child) => visit(child, true));
      return;
    }
    const isClass = ts.isClassDeclaration(node) || ts.isClassExpression(node);
    const isNamedFunction = ts.isFunctionDeclaration(node);
    const isInlineFunction =
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node);
    if (isClass || isNamedFunction || (isInlineFunction && !insideMain)) {
      const name = functionName(node);
      const kind = isClass ? 'class' : isNamedFunction ? 'function' : 'function outside main';
      found.push({ kind, name, line: lineOf(file.source, node) });
      return; // its body is part of the same finding
    }
    ts.forEachChild(node, (child) => visit(child, insideMain));
  };
  visit(file.source, false);
  return found;
}

/**
 * An entry file only wires: it imports the parts, builds them with the browser's globals and
 * hands them to each other. Measured as (a) at most `maxCodeLines` lines of code not counting
 * imports, comments and blank lines, and (b) no functions besides `main` (a top-level
 * `function main` or the `main` of a WXT `define*({...})` call) and the inline callbacks inside
 * it; no named function declarations or classes at all. Logic with a name belongs in src/,
 * where it is unit-tested.
 */
function entryFilesOnlyWire(id: string, dir: string, maxCodeLines: number): Rule {
  return {
    id,
    description: `every ${dir}/**/*.ts(x) only wires: <= ${maxCodeLines} code lines, no functions but main and its inline callbacks`,
    check(project) {
      const violations: Violation[] = [];
      for (const file of filesIn(project, [dir])) {
        if (!/\.tsx?$/.test(file.path)) continue;
        const lines = codeLines(file);
        if (lines > maxCodeLines) {
          violations.push({ rule: id, file: file.path, message: `${lines} code lines (imports, comments, blanks not counted); at most ${maxCodeLines}` });
        }
        for (const helper of helperFunctions(file)) {
          violations.push({ rule: id, file: file.path, message: `declares ${helper.kind} ${helper.name} at line ${helper.line}; only main and its inline callbacks belong here` });
        }
      }
      return violations;
    },
  };
}

/**
 * Strongly connected components of the import graph (Tarjan); every component with more than
 * one file, or a file importing itself, holds a cycle. Reported once per component as one
 * shortest cycle through its first file, plus the component's files.
 */
export function importCycles(project: Project, scope: readonly string[]): string[][] {
  const nodes = filesIn(project, scope).map((file) => file.path);
  const inScope = new Set(nodes);
  const edges = new Map<string, string[]>();
  for (const path of nodes) {
    const targets = (project.parsed.get(path)?.imports ?? [])
      .map((ref) => ref.resolved)
      .filter((target): target is string => target !== null && inScope.has(target));
    edges.set(path, [...new Set(targets)].sort());
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  const strongConnect = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        strongConnect(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfLoop = component.length === 1 && (edges.get(node) ?? []).includes(node);
      if (component.length > 1 || selfLoop) components.push(component.sort());
    }
  };
  for (const node of nodes) if (!index.has(node)) strongConnect(node);

  return components
    .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''))
    .map((component) => {
      const members = new Set(component);
      const start = component[0] ?? '';
      // Breadth-first from start, inside the component, back to start: the shortest chain.
      const previous = new Map<string, string>();
      const queue = [start];
      let last: string | null = null;
      while (queue.length > 0 && last === null) {
        const node = queue.shift() ?? '';
        for (const next of edges.get(node) ?? []) {
          if (!members.has(next)) continue;
          if (next === start) {
            last = node;
            break;
          }
          if (!previous.has(next)) {
            previous.set(next, node);
            queue.push(next);
          }
        }
      }
      const chain = [start];
      for (let node = last; node !== null && node !== start; node = previous.get(node) ?? null) chain.splice(1, 0, node);
      chain.push(start);
      return chain.length - 1 < component.length ? [...chain, `(component of ${component.length} files: ${component.join(', ')})`] : chain;
    });
}

function noImportCycles(id: string, scope: readonly string[]): Rule {
  return {
    id,
    description: `no import cycle among files in ${scope.join(', ')} (type-only imports count)`,
    check(project) {
      return importCycles(project, scope).map((chain) => ({
        rule: id,
        file: chain[0] ?? '',
        message: `import cycle: ${chain.join(' -> ')}`,
      }));
    },
  };
}

function relativeImportsOnly(id: string, scope: readonly string[]): Rule {
  return {
    id,
    description: `one import style in ${scope.join(', ')}: relative paths, no @/ ~/ @@/ ~~/ aliases`,
    check(project) {
      const violations: Violation[] = [];
      for (const file of filesIn(project, scope)) {
        for (const ref of file.imports) {
          if (ALIAS.test(ref.specifier)) violations.push({ rule: id, file: file.path, message: `alias import ${describeImport(ref)}; use a relative path` });
        }
      }
      return violations;
    },
  };
}

const KEBAB_FILE = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z]+)+$/;
// Folders may carry WXT's entrypoint suffix (`page.content`), so the dotted part is optional.
const KEBAB_DIR = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z]+)*$/;

export function lineCount(text: string): number {
  if (text === '') return 0;
  const lines = text.split('\n').length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

function kebabCaseAndShort(id: string, scope: readonly string[], maxLines: number): Rule {
  return {
    id,
    description: `files and folders in ${scope.join(', ')} are kebab-case; files have at most ${maxLines} lines`,
    check(project) {
      const violations: Violation[] = [];
      const badDirs = new Set<string>();
      for (const path of Object.keys(project.files).sort()) {
        if (!inAny(path, scope)) continue;
        const parts = path.split('/');
        const name = parts.at(-1) ?? '';
        // The top folder (src, entrypoints) is the scope itself; check the folders below it.
        for (let depth = 1; depth < parts.length - 1; depth++) {
          const dir = parts.slice(0, depth + 1).join('/');
          if (!KEBAB_DIR.test(parts[depth] ?? '') && !badDirs.has(dir)) {
            badDirs.add(dir);
            violations.push({ rule: id, file: dir, message: 'folder name is not kebab-case' });
          }
        }
        if (!KEBAB_FILE.test(name)) violations.push({ rule: id, file: path, message: 'file name is not kebab-case' });
        const lines = lineCount(project.files[path] ?? '');
        if (lines > maxLines) violations.push({ rule: id, file: path, message: `${lines} lines; at most ${maxLines}` });
      }
      return violations;
    },
  };
}

/** Files over `lines` lines in scope: not a failure, a note that they approach the limit. */
export function longFiles(files: SourceTree, scope: readonly string[], lines: number): { file: string; lines: number }[] {
  return Object.entries(files)
    .filter(([path]) => inAny(path, scope))
    .map(([file, text]) => ({ file, lines: lineCount(text) }))
    .filter((entry) => entry.lines > lines)
    .sort((a, b) => b.lines - a.lines);
}

// ---------------------------------------------------------------------------------------------
// The rules of this project. Numbers follow the list (point 7).

const SHIPPED = ['src', 'entrypoints'];

export const RULES: readonly Rule[] = [
  // The lab's customer phone in test/ is a second SIP client on purpose; shipped code has one stack.
  onlyOwnersImport('1a-jssip-in-one-file', 'jssip', ['src/engine/jssip-stack.ts'], SHIPPED),
  onlyOwnersImport('1b-socket-io-in-one-file', 'socket.io-client', ['src/cti/socket-io-link.ts'], SHIPPED),
  detectIsPure('2-detect-is-pure', 'src/detect', ['libphonenumber-js']),
  noImportsInto('3-views-not-into-engine', ['src/content', 'src/ui'], ['src/engine']),
  extensionApiOnlyAt('4-extension-api-at-the-edge', ['src'], ['src/platform']),
  entryFilesOnlyWire('5-entry-files-only-wire', 'entrypoints', 40),
  noImportCycles('6-no-import-cycles', SHIPPED),
  relativeImportsOnly('7-relative-imports-only', ['src', 'entrypoints', 'test']),
  // The worker's logic programs against the platform's ports, reached only through its one public file.
  noImportsInto('8a-background-not-into-platform-or-content', ['src/background'], ['src/platform', 'src/content'], ['src/platform/index.ts']),
  noImportsInto('8b-platform-not-into-background', ['src/platform'], ['src/background']),
  kebabCaseAndShort('9-kebab-case-and-short', SHIPPED, 400),
];

export function checkConventions(files: SourceTree, rules: readonly Rule[] = RULES): Violation[] {
  const project = parseProject(files);
  return rules.flatMap((rule) => rule.check(project));
}

export function formatViolation(violation: Violation): string {
  return `[${violation.rule}] ${violation.file}: ${violation.message}`;
}

// ---------------------------------------------------------------------------------------------
// Reading the real tree (the only part that touches the disk).

const SKIP_DIRS = new Set(['node_modules', '.output', '.wxt', '.git']);
const TEXT = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|json|css|html|md|tpl|cfg|sh|txt)$/;

/** Every file under `dirs` of `root`, keyed by repo-relative path; non-text files map to "". */
export function readTree(root: string, dirs: readonly string[]): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(root, relative), { withFileTypes: true })) {
      const path = `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile()) {
        files[path] = TEXT.test(entry.name) ? readFileSync(join(root, path), 'utf8') : '';
      }
    }
  };
  for (const dir of dirs) walk(dir);
  return files;
}
