// Tiny readers for the field-name check in types.test.ts: the top-level
// fields of the interfaces in types.ts, and the property names of the
// schemas in docs/openapi.yaml. Not a general TypeScript or YAML parser:
// they read the plain layouts those two files use.

/** interface name -> its own top-level field names (not those it extends). */
export function interfaceFields(source: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const head = /^export interface (\w+)(?:<[^>]*>)?(?: extends [^{]+)? \{$/gm;
  for (const m of source.matchAll(head)) {
    const start = (m.index ?? 0) + m[0].length;
    const end = source.indexOf('\n}', start);
    const body = source.slice(start, end);
    const fields = [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((f) => f[1]!);
    out.set(m[1]!, fields);
  }
  return out;
}

/**
 * schema name -> property names, from components.schemas: the schema's own
 * properties, those of its allOf parts, and those of schemas its allOf
 * parts $ref. Properties of nested objects are not included.
 */
export function openapiSchemaProperties(yaml: string): Map<string, Set<string>> {
  const lines = yaml.split(/\r?\n/);
  const own = new Map<string, Set<string>>();
  const refs = new Map<string, string[]>();
  const indent = (l: string) => l.length - l.trimStart().length;
  const blank = (l: string) => l.trim() === '' || l.trim().startsWith('#');
  const componentsAt = lines.findIndex((l) => /^components:\s*$/.test(l));
  if (componentsAt < 0) return own;
  const schemasAt = lines.findIndex((l, j) => j > componentsAt && /^\s+schemas:\s*$/.test(l));
  if (schemasAt < 0) return own;
  const schemasIndent = indent(lines[schemasAt]!);
  let current: { name: string; indent: number; line: number } | null = null;

  /** The nearest line above `i` with less indent: the key a line belongs to. */
  const parentOf = (i: number): number => {
    const ind = indent(lines[i]!);
    for (let j = i - 1; j >= 0; j--) if (!blank(lines[j]!) && indent(lines[j]!) < ind) return j;
    return -1;
  };

  for (let i = schemasAt + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (blank(line)) continue;
    const ind = indent(line);
    if (ind <= schemasIndent) break;
    if (current === null || ind <= current.indent) {
      const key = /^\s*([\w.-]+):/.exec(line)?.[1];
      if (key) {
        current = { name: key, indent: ind, line: i };
        own.set(key, new Set());
        refs.set(key, []);
      }
      continue;
    }
    const ref = /^\s*- \$ref:\s*["']?#\/components\/schemas\/([\w.-]+)["']?/.exec(line);
    if (ref && ind === current.indent + 4) refs.get(current.name)!.push(ref[1]!);
    const props = /^(\s*)(- )?properties:\s*$/.exec(line);
    if (!props) continue;
    const parent = parentOf(i);
    const inSchema = parent === current.line;
    const inAllOfItem = !!props[2] || (parent >= 0 && lines[parent]!.trimStart().startsWith('- ') && indent(lines[parent]!) === current.indent + 4);
    if (!inSchema && !inAllOfItem) continue;
    const propsIndent = ind + (props[2] ? 2 : 0);
    let childIndent = -1;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j]!;
      if (blank(l)) continue;
      const li = indent(l);
      if (li <= propsIndent) break;
      if (childIndent < 0) childIndent = li;
      if (li === childIndent) {
        const k = /^\s*["']?([\w-]+)["']?:/.exec(l)?.[1];
        if (k) own.get(current.name)!.add(k);
      }
    }
  }

  const resolved = new Map<string, Set<string>>();
  const resolve = (name: string, seen: Set<string>): Set<string> => {
    const done = resolved.get(name);
    if (done) return done;
    const out = new Set(own.get(name) ?? []);
    for (const r of refs.get(name) ?? []) if (!seen.has(r)) for (const p of resolve(r, new Set([...seen, r]))) out.add(p);
    resolved.set(name, out);
    return out;
  };
  for (const name of own.keys()) resolve(name, new Set([name]));
  return resolved;
}

/** The schema that documents a TS interface: the same name, or with a View/Row suffix. */
export function schemaFor(name: string, schemas: Map<string, Set<string>>): Set<string> | undefined {
  const byLower = new Map([...schemas].map(([k, v]) => [k.toLowerCase(), v]));
  for (const candidate of [name, `${name}View`, `${name}Row`, `${name}Response`]) {
    const s = byLower.get(candidate.toLowerCase());
    if (s && s.size > 0) return s;
  }
  return undefined;
}
