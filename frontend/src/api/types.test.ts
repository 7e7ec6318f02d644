/// <reference types="node" />
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { interfaceFields, openapiSchemaProperties, schemaFor } from './openapiFields';

const typesSource = fs.readFileSync(path.resolve(__dirname, 'types.ts'), 'utf8');
const openapiPath = path.resolve(__dirname, '../../../docs/openapi.yaml');
const hasOpenapi = fs.existsSync(openapiPath);

/** Interfaces whose schema has another name in docs/openapi.yaml. */
const ALIASES: Record<string, string> = {
  ChangePasswordRequest: 'PasswordChange',
  ErrorBody: 'Error',
  ListResponse: 'ListEnvelope',
  ManufacturerInput: 'ManufacturerCreate',
  SiteInput: 'SiteCreate',
  DecisionResponse: 'DecisionResult',
  InspectionInput: 'InspectionCreate',
  FindingInput: 'FindingCreate',
  CertificationInput: 'CertificationCreate',
  ImportRowError: 'ImportProblem',
};

/** The records the SPA reads; each must be documented in docs/openapi.yaml. */
const CORE = ['Manufacturer', 'Site', 'Inspection', 'Finding', 'Certification', 'User'];

describe('field-name readers', () => {
  it('read interfaces and OpenAPI schemas', () => {
    const fields = interfaceFields('export interface A extends B {\n  id: number;\n  name?: string;\n  nested: { x: number };\n}\n');
    expect(fields.get('A')).toEqual(['id', 'name', 'nested']);
    const yaml = [
      'openapi: 3.1.0',
      'components:',
      '  schemas:',
      '    Site:',
      '      type: object',
      '      properties:',
      '        id: { type: integer }',
      '        open_findings:',
      '          type: object',
      '          properties:',
      '            critical: { type: integer }',
      '    SiteView:',
      '      allOf:',
      "        - $ref: '#/components/schemas/Site'",
      '        - type: object',
      '          properties:',
      '            overdue: { type: boolean }',
      'paths: {}',
    ].join('\n');
    const schemas = openapiSchemaProperties(yaml);
    expect([...schemas.get('Site')!]).toEqual(['id', 'open_findings']);
    expect([...schemas.get('SiteView')!].sort()).toEqual(['id', 'open_findings', 'overdue']);
    expect(schemaFor('site', schemas)).toBe(schemas.get('Site'));
  });
});

describe.skipIf(!hasOpenapi)('types.ts matches docs/openapi.yaml', () => {
  const schemas = hasOpenapi ? openapiSchemaProperties(fs.readFileSync(openapiPath, 'utf8')) : new Map<string, Set<string>>();
  const interfaces = interfaceFields(typesSource);

  it('documents every core record', () => {
    for (const name of CORE) expect(schemaFor(name, schemas), `schema for ${name}`).toBeDefined();
  });

  it('uses only field names the API documents', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [name, fields] of interfaces) {
      const schema = schemaFor(ALIASES[name] ?? name, schemas);
      if (!schema) {
        problems.push(`${name} (no schema)`);
        continue;
      }
      for (const f of fields) {
        checked++;
        if (!schema.has(f)) problems.push(`${name}.${f}`);
      }
    }
    expect(problems, 'fields in types.ts that docs/openapi.yaml does not list').toEqual([]);
    expect(checked).toBeGreaterThan(150);
  });
});
