import type { OpenAPIHono } from '@hono/zod-openapi';

// The reference page, rendered here from the generated spec: no CDN, no script (the network may be closed).

type Json = Record<string, unknown>;
type OpenAPIObject = ReturnType<OpenAPIHono['getOpenAPIDocument']>;

const html = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

/** Escaped text with `code` spans and paragraphs. */
const prose = (s: string | undefined) =>
  (s ?? '')
    .split(/\n{2,}/)
    .map((p) => `<p>${html(p).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('');

const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

/** A schema in one line: its $ref name, type, enum, or shape. */
function typeOf(schema: unknown): string {
  const s = obj(schema);
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop() ?? '';
    return `<a href="#schema-${html(name)}">${html(name)}</a>`;
  }
  if (Array.isArray(s.enum)) return s.enum.map((e) => `<code>${html(String(e))}</code>`).join(' | ');
  if (s.type === 'array') return `${typeOf(s.items)}[]`;
  if (Array.isArray(s.anyOf)) return s.anyOf.map(typeOf).join(' | ');
  const type = typeof s.type === 'string' ? s.type : 'object';
  return `${html(type)}${s.nullable ? ' | null' : ''}`;
}

function propertiesTable(schema: unknown): string {
  const s = obj(schema);
  const props = obj(s.properties);
  const required = new Set(Array.isArray(s.required) ? s.required.map(String) : []);
  const rows = Object.entries(props).map(
    ([name, p]) =>
      `<tr><td><code>${html(name)}</code>${required.has(name) ? '' : ' <small>optional</small>'}</td><td>${typeOf(p)}</td><td>${prose(obj(p).description as string | undefined)}</td></tr>`,
  );
  return rows.length ? `<table>${rows.join('')}</table>` : `<p>${typeOf(schema)}</p>`;
}

function operation(method: string, path: string, op: Json): string {
  const params = (Array.isArray(op.parameters) ? op.parameters : []).map(obj);
  const body = obj(obj(obj(op.requestBody).content)['application/json']).schema;
  const responses = Object.entries(obj(op.responses)).map(([status, r]) => {
    const schema = obj(obj(obj(r).content)['application/json']).schema;
    return `<tr><td>${html(status)}</td><td>${schema ? typeOf(schema) : ''}</td><td>${html(String(obj(r).description ?? ''))}</td></tr>`;
  });
  return `<section class="op" id="${html(`${method}-${path}`)}">
<h3><span class="m ${html(method)}">${html(method.toUpperCase())}</span> <code>${html(path)}</code></h3>
<p><strong>${html(String(op.summary ?? ''))}</strong></p>${prose(op.description as string | undefined)}
${params.length ? `<h4>Parameters</h4><table>${params.map((p) => `<tr><td><code>${html(String(p.name))}</code> <small>${html(String(p.in))}${p.required ? ', required' : ''}</small></td><td>${typeOf(p.schema)}</td><td>${prose(p.description as string | undefined)}</td></tr>`).join('')}</table>` : ''}
${body ? `<h4>Body</h4><p>${typeOf(body)}</p>` : ''}
<h4>Responses</h4><table>${responses.join('')}</table></section>`;
}

export function docsPage(spec: OpenAPIObject): string {
  const byTag = new Map<string, string[]>();
  for (const [path, item] of Object.entries(spec.paths ?? {})) {
    for (const [method, op] of Object.entries(obj(item))) {
      const tag = String((obj(op).tags as string[] | undefined)?.[0] ?? 'Other');
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation(method, path, obj(op))]);
    }
  }
  const schemas = Object.entries(obj(spec.components?.schemas)).map(
    ([name, schema]) =>
      `<section id="schema-${html(name)}"><h3>${html(name)}</h3>${propertiesTable(schema)}</section>`,
  );
  const nav = [...byTag.keys()].map((t) => `<a href="#tag-${html(t)}">${html(t)}</a>`).join(' · ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(spec.info.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2330}
code{background:#f1f3f7;padding:0 .25em;border-radius:3px}table{border-collapse:collapse;width:100%;margin:.5rem 0}
td{border-top:1px solid #e3e6ec;padding:.3rem .5rem;vertical-align:top}.op{border-left:3px solid #d6dbe4;padding-left:1rem;margin:1.5rem 0}
.m{font:bold 12px monospace;padding:.15rem .4rem;border-radius:3px;color:#fff;background:#555}.get{background:#2f6fde}.post{background:#1f9d55}
.put{background:#c77c02}.delete{background:#c0392b}small{color:#667}
</style></head><body>
<h1>${html(spec.info.title)}</h1>${prose(spec.info.description)}
<p>Base URL: <code>${html(String(spec.servers?.[0]?.url ?? '/'))}</code> · machine-readable: <a href="openapi.json">openapi.json</a></p>
<nav>${nav} · <a href="#schemas">Schemas</a></nav>
${[...byTag].map(([tag, ops]) => `<h2 id="tag-${html(tag)}">${html(tag)}</h2>${ops.join('')}`).join('')}
<h2 id="schemas">Schemas</h2>${schemas.join('')}
</body></html>`;
}
