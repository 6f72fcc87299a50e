import Handlebars from 'handlebars';
import { Problem } from '../../../platform/http/problem';
import type { MessageKey } from '../../../platform/i18n';
import { VARIABLE_NAMES, type Variables } from './variables';

/**
 * Template expressions are a small, checked subset of Handlebars: `{{variable}}` from the fixed
 * registry and `{{#if variable}}…{{else}}…{{/if}}` (and `unless`). Everything else — other
 * helpers, paths (`a.b`, `../x`, `@root`, `this`), partials, decorators, raw `{{{…}}}` in HTML —
 * is refused when the template is saved, so rendering never meets a name it does not know.
 */

const BLOCK_HELPERS = new Set(['if', 'unless']);

/** `content.tr.text` → `/content/tr/text`, the platform's field-error path. */
const pointer = (field: string) => `/${field.replace(/\./g, '/')}`;

function templateError(code: string, key: MessageKey, field: string, params: Record<string, string | number>): Problem {
  return new Problem(
    400,
    code,
    key,
    { ...params, field },
    {
      field,
      ...params,
      fieldErrors: [{ field: pointer(field), code, key, params: { ...params, field } }],
    },
  );
}

type Node = hbs.AST.Node;
type Expression = hbs.AST.Expression;

/** The single registry name a path expression may be; null for anything more. */
function simpleName(e: Expression): string | null {
  if (e.type !== 'PathExpression') return null;
  const p = e as hbs.AST.PathExpression;
  return !p.data && p.depth === 0 && p.parts.length === 1 && p.original === p.parts[0] ? p.parts[0] : null;
}

function checkVariable(e: Expression, field: string) {
  const name = simpleName(e);
  const shown = (e as hbs.AST.PathExpression).original ?? (e as hbs.AST.StringLiteral).original ?? e.type;
  if (!name || !VARIABLE_NAMES.has(name)) {
    throw templateError('template_unknown_variable', 'messaging.template_unknown_variable', field, { name: String(shown) });
  }
}

function walk(node: Node, field: string, html: boolean) {
  switch (node.type) {
    case 'Program':
      for (const s of (node as hbs.AST.Program).body) walk(s, field, html);
      return;
    case 'ContentStatement':
    case 'CommentStatement':
      return;
    case 'MustacheStatement': {
      const m = node as hbs.AST.MustacheStatement;
      if (m.params.length > 0 || m.hash) {
        const name = (m.path as hbs.AST.PathExpression).original ?? m.path.type;
        throw templateError('template_unknown_variable', 'messaging.template_unknown_helper', field, { name: String(name) });
      }
      checkVariable(m.path, field);
      if (html && !m.escaped) {
        throw templateError('template_unsupported', 'messaging.template_raw_html', field, { name: simpleName(m.path)! });
      }
      return;
    }
    case 'BlockStatement': {
      const b = node as hbs.AST.BlockStatement;
      const helper = simpleName(b.path);
      if (!helper || !BLOCK_HELPERS.has(helper) || b.hash) {
        const name = (b.path as hbs.AST.PathExpression).original ?? b.path.type;
        throw templateError('template_unknown_variable', 'messaging.template_unknown_helper', field, { name: String(name) });
      }
      if (b.params.length !== 1) throw templateError('template_syntax', 'messaging.template_condition', field, { line: b.loc.start.line });
      checkVariable(b.params[0], field);
      walk(b.program, field, html);
      if (b.inverse) walk(b.inverse, field, html);
      return;
    }
    default:
      // Partials, partial blocks and decorators: templates never load other templates or code.
      throw templateError('template_unsupported', 'messaging.template_unsupported', field, { line: node.loc?.start.line ?? 1 });
  }
}

function parse(source: string, field: string): hbs.AST.Program {
  try {
    return Handlebars.parse(source);
  } catch (e) {
    const err = e as Error & { lineNumber?: number };
    const line = err.lineNumber ?? Number(/line (\d+)/.exec(err.message)?.[1] ?? 1);
    throw templateError('template_syntax', 'messaging.template_syntax', field, { line });
  }
}

/** Throws a 400 naming the field when `source` uses anything outside the checked subset. */
export function checkExpression(source: string, field: string, options: { html: boolean }) {
  walk(parse(source, field), field, options.html);
}

// A private environment: no helpers or partials registered anywhere else can leak in.
const env = Handlebars.create();
const compiled = new Map<string, HandlebarsTemplateDelegate<Variables>>();

/**
 * Compiles a checked expression. HTML output escapes values; SMS, text and WhatsApp parameters
 * do not (a customer named "Ali & Veli" stays so). Prototype access stays off (the Handlebars default).
 */
export function compileExpression(source: string, options: { html: boolean }): (values: Variables) => string {
  const key = `${options.html ? 'h' : 't'}:${source}`;
  let template = compiled.get(key);
  if (!template) {
    template = env.compile<Variables>(source, {
      noEscape: !options.html,
      knownHelpers: { if: true, unless: true },
      knownHelpersOnly: true,
      strict: false,
      data: false,
    });
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, template);
  }
  const run = template;
  return (values) => run(values, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
}
