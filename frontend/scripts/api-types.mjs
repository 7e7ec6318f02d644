// Generates src/api/schema.gen.ts from docs/openapi.yaml with openapi-typescript.
//   node scripts/api-types.mjs          write the file
//   node scripts/api-types.mjs --check  fail when the file is not what the document generates
// The build and `make lint` run the check, so the web app's wire types cannot
// drift from the documented contract.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
const spec = path.resolve(here, '..', '..', 'docs', 'openapi.yaml');
const out = path.resolve(here, '..', 'src', 'api', 'schema.gen.ts');

const header =
  '// Generated from docs/openapi.yaml by scripts/api-types.mjs (npm run api:types). Do not edit:\n' +
  '// change docs/openapi.yaml and run the script again. src/api/types.ts names these schemas.\n\n';

// defaultNonNullable: false keeps a request field with a default optional, as the server treats it.
const ast = await openapiTS(pathToFileURL(spec), { silent: true, defaultNonNullable: false });
const generated = header + astToString(ast);

if (process.argv.includes('--check')) {
  const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  if (current !== generated) {
    console.error(
      'src/api/schema.gen.ts is not what docs/openapi.yaml generates. Run `npm run api:types` in frontend/ and commit the result.',
    );
    process.exit(1);
  }
} else {
  fs.writeFileSync(out, generated);
}
