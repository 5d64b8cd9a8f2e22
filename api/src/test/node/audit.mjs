// Runs the graphql-http server audit (GraphQL over HTTP conformance) against a running GraphQL endpoint and
// prints the results as one JSON array on stdout: [{"id", "name", "status": "ok"|"warn"|"notice"|"error", "reason"}].
// "error" is a failed MUST, "warn" a failed SHOULD, "notice" a failed MAY. Exit code 0 unless the audit itself crashed.
// Every request carries the API key given as the second argument (header X-API-Key), as the API requires one.
// Usage: node audit.mjs http://127.0.0.1:8080/graphql <api key>
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
const apiKey = process.argv[3];
if (!url || !apiKey) {
  console.error('usage: node audit.mjs <graphql endpoint url> <api key>');
  process.exit(2);
}
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('X-API-Key', apiKey);
  return fetch(input, { ...init, headers });
};
const results = [];
for (const audit of serverAudits({ url, fetchFn })) {
  const r = await audit.fn();
  results.push({ id: r.id, name: r.name, status: r.status, reason: r.reason ?? null });
}
console.log(JSON.stringify(results));
