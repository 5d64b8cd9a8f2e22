// Runs the graphql-http server audit (GraphQL over HTTP conformance) against a running GraphQL endpoint and
// prints the results as one JSON array on stdout: [{"id", "name", "status": "ok"|"warn"|"notice"|"error", "reason"}].
// "error" is a failed MUST, "warn" a failed SHOULD, "notice" a failed MAY. Exit code 0 unless the audit itself crashed.
// Usage: node audit.mjs http://127.0.0.1:8080/graphql
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql endpoint url>');
  process.exit(2);
}
const results = [];
for (const audit of serverAudits({ url })) {
  const r = await audit.fn();
  results.push({ id: r.id, name: r.name, status: r.status, reason: r.reason ?? null });
}
console.log(JSON.stringify(results));
