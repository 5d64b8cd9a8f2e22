// The explorer's only way to the data: the hub's GraphQL API at /graphql, with the logged-in credential, so that
// the caller's role, masking, community scope and audit apply exactly as for any other client.

/** Raised for a refused credential (HTTP 401) or GraphQL errors; `code` is extensions.code when there is one. */
export class ApiError extends Error {
  constructor(message, code, status) { super(message); this.code = code; this.status = status; }
}

/**
 * Headers for a credential: a JWT (three dot-separated base64url parts) goes as `Authorization: Bearer`,
 * anything else as `X-API-Key` (docs/security/authentication.md).
 */
export function credentialHeaders(credential, purpose) {
  const headers = /^[\w-]+\.[\w-]+\.[\w-]+$/.test(credential)
    ? { Authorization: `Bearer ${credential}` }
    : { 'X-API-Key': credential };
  if (purpose) headers['X-Purpose-Of-Use'] = purpose; // a role with purposes must state one (docs/security/access-policy.md)
  return headers;
}

/**
 * POSTs one GraphQL document with a credential and the purpose of use the analyst chose (or none); resolves to
 * `data`, rejects with ApiError on 401 or any error in the answer.
 */
export async function gql(credential, query, variables = {}, purpose = null) {
  const r = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json',
      ...credentialHeaders(credential, purpose) },
    body: JSON.stringify({ query, variables }),
  });
  if (r.status === 401) throw new ApiError('unauthenticated', 'UNAUTHENTICATED', 401);
  if (r.status === 403 && !(r.headers.get('Content-Type') ?? '').includes('json')) {
    throw new ApiError((await r.text()).trim() || 'forbidden', 'FORBIDDEN', 403);
  }
  let body;
  try { body = await r.json(); } catch { throw new ApiError(`HTTP ${r.status}`, 'HTTP', r.status); }
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new ApiError(e.message, e.extensions?.code, r.status);
  }
  return body.data;
}

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
// __Type.fields once only: graphql-java refuses introspection that repeats it ("good faith" introspection)
export const INTROSPECTION = `{ __schema {
  queryType { name }
  mutationType { name }
  types { name kind fields { name args { name } type { ${TYPE_REF} } } inputFields { name } }
} }`;

/** @return {name, list} of a field's type with NON_NULL and LIST wrappers removed */
export function unwrap(type) {
  let list = false;
  while (type.kind === 'NON_NULL' || type.kind === 'LIST') {
    if (type.kind === 'LIST') list = true;
    type = type.ofType;
  }
  return { name: type.name, kind: type.kind, list };
}

/**
 * The graph model the explorer needs, read from the schema: for each node type its root field and key argument,
 * its scalar fields, and its relationship fields (to other node types), with their paging arguments.
 */
export function graphModel(schema) {
  const byName = new Map(schema.types.map((t) => [t.name, t]));
  const nodeTypes = new Map();
  for (const f of byName.get(schema.queryType.name).fields) {
    const t = unwrap(f.type);
    const keyArgs = f.args.filter((a) => a.name !== 'asOf');
    if (t.kind === 'OBJECT' && !t.list && keyArgs.length === 1 && f.args.length <= 2 && byName.get(t.name)?.fields?.some((x) => x.name === 'sources')) {
      // a type may have several lookups (person by idNumber, personByEntityId): the one named after the type is its
      // key lookup (SchemaBuilder.rootFieldName); all are kept for the search box
      const lookup = { root: f.name, key: keyArgs[0].name };
      const nt = nodeTypes.get(t.name) ?? { type: t.name, lookups: [] };
      nt.lookups.push(lookup);
      if (!nt.root || f.name === t.name.charAt(0).toLowerCase() + t.name.slice(1)) Object.assign(nt, lookup);
      nodeTypes.set(t.name, nt);
    }
  }
  for (const nt of nodeTypes.values()) {
    const fields = byName.get(nt.type).fields;
    const names = new Set(fields.map((f) => f.name));
    nt.scalars = fields.filter((f) => ['SCALAR', 'ENUM'].includes(unwrap(f.type).kind) && f.args.length === 0 && f.name !== 'ref').map((f) => f.name);
    nt.hasRef = names.has('ref');
    nt.timeline = names.has('timeline');
    nt.geo = ['latitude', 'longitude', 'boundary'].filter((g) => nt.scalars.includes(g));
    nt.label = ['name', 'text', 'title', 'plate', 'caseNumber'].find((n) => nt.scalars.includes(n)) ?? nt.key;
    nt.relations = fields.filter((f) => nodeTypes.has(unwrap(f.type).name) && !f.name.endsWith('Aggregate')).map((f) => {
      const u = unwrap(f.type);
      const args = new Set(f.args.map((a) => a.name));
      return { name: f.name, target: u.name, list: u.list, paged: args.has('first') && args.has('sort') && args.has('where'),
        aggregate: names.has(`${f.name}Aggregate`) ? `${f.name}Aggregate` : null };
    });
  }
  return nodeTypes;
}

/**
 * What this hub's schema offers beyond the node types (older hubs lack some of it), so the page shows only what works.
 *
 * @return {nodeRoot: 'node' when the root field node(ref:) exists, sourceFields: Set of SourceRef fields,
 *          timelineFields: Set of TimelineEvent fields,
 *          searchFields: Set of search hit fields, pathFields: Set of PathNode fields, pathRef: NodeRef takes ref,
 *          views: saved views exist, recordExport: the export mutation exists}
 */
export function capabilities(schema) {
  const byName = new Map(schema.types.map((t) => [t.name, t]));
  const fieldsOf = (name) => new Set((byName.get(name)?.fields ?? []).map((f) => f.name));
  const query = byName.get(schema.queryType.name).fields;
  const mutations = schema.mutationType ? fieldsOf(schema.mutationType.name) : new Set();
  const search = query.find((f) => f.name === 'search');
  const path = query.find((f) => f.name === 'path');
  const node = query.find((f) => f.name === 'node' && f.args.some((a) => a.name === 'ref'));
  return {
    nodeRoot: node ? 'node' : null,
    sourceFields: fieldsOf('SourceRef'),
    timelineFields: fieldsOf('TimelineEvent'),
    searchFields: search ? fieldsOf(unwrap(search.type).name) : new Set(),
    pathFields: path ? fieldsOf('PathNode') : new Set(),
    path: Boolean(path),
    pathRef: (byName.get('NodeRef')?.inputFields ?? []).some((f) => f.name === 'ref'),
    views: query.some((f) => f.name === 'savedViews') && mutations.has('saveView'),
    recordExport: mutations.has('recordExport'),
  };
}

/** Quotes a string as a GraphQL string literal (JSON's escaping is valid GraphQL). */
export const lit = (s) => JSON.stringify(String(s));
