import ts from 'typescript';

/** Attributes whose text a person reads (or a screen reader says). */
const SHOWN_ATTRIBUTES = new Set(['label', 'hint', 'placeholder', 'title', 'aria-label', 'alt', 'aria-description', 'aria-roledescription']);
/** Two words of letters in a row: a sentence or a label, not a key, a CSS class or a test id. */
const WORDS = /\p{L}{2,}[\s\u00a0]+\p{L}{2,}/u;
const LETTER = /\p{L}/u;
/** Attributes that hold code, not words: classes, ids, test hooks. */
const CODE_ATTRIBUTES = /^(class|className|id|for|key|type|role|data-[\w-]+|aria-(controls|labelledby|describedby))$/;
/** Calls whose arguments are for developers, not people: log labels (`log('page bridge', error)`). */
const DEVELOPER_CALLS = new Set(['log']);
/** A constant named `…_CSS` holds a style sheet, not words. */
const STYLE_SHEET = /_CSS$/;
/** The product's name reads the same in every language. */
const BRAND = new Set(['Dialbar']);

export interface Literal {
  line: number;
  text: string;
}

/**
 * Strings shown to people that bypass the i18n layer, in one source file: in .tsx, JSX text with a
 * letter and string-literal values of shown attributes; in any file, string and template literals of
 * two words or more outside imports, outside calls of `t` / `tw` (whose arguments are keys), log labels,
 * `new Error` messages (developers read those) and `…_CSS` style sheets.
 */
export function bypassingLiterals(fileName: string, source: string): Literal[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Literal[] = [];
  const report = (node: ts.Node, text: string) => found.push({ line: file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1, text: text.trim() });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isLiteralTypeNode(node)) return;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && (node.expression.text === 't' || node.expression.text === 'tw')) return;
    if (ts.isCallExpression(node) && DEVELOPER_CALLS.has(calleeName(node.expression))) return;
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Error') return;
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && STYLE_SHEET.test(node.name.text)) return;
    if (ts.isJsxText(node)) {
      if (LETTER.test(node.text) && !BRAND.has(node.text.trim())) report(node, node.text);
      return;
    }
    if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(file);
      const value = node.initializer;
      if (SHOWN_ATTRIBUTES.has(name) && value && ts.isStringLiteral(value) && LETTER.test(value.text)) report(value, value.text);
      if ((value && ts.isStringLiteral(value)) || CODE_ATTRIBUTES.test(name)) return;
    }
    // A property's name (a lookup key, such as a schema message mapped to its translation) is not shown.
    if (ts.isPropertyAssignment(node)) {
      visit(node.initializer);
      return;
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (WORDS.test(node.text)) report(node, node.text);
      return;
    }
    if (ts.isTemplateExpression(node)) {
      const parts = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
      if (WORDS.test(parts)) report(node, parts);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** `log` for `log(…)`, `deps.log(…)` and `this.log(…)`; "" for anything else. */
function calleeName(callee: ts.Expression): string {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return '';
}
