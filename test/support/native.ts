import * as NodeModule from 'node:module';
import { join } from 'node:path';

/**
 * Nest 12 ships ES modules only. Node 20 can require() them, but jest's module loader cannot,
 * so the application under test is loaded by Node's own loader (TypeScript compiled on the fly
 * by ts-node, aliases by tsconfig-paths), outside jest's registry. Tests talk to it over HTTP
 * and to its database with pg, as a client would.
 */
const root = process.cwd();

// jest replaces require and createRequire, but Module._load is Node's own loader.
interface NodeModuleInternals {
  Module: new (id: string) => { filename: string; paths: string[] };
  _load(request: string, parent: unknown, isMain: boolean): unknown;
  _nodeModulePaths(from: string): string[];
}
const internals = NodeModule as unknown as NodeModuleInternals;
const parent = new internals.Module(join(root, 'package.json'));
parent.filename = join(root, 'package.json');
parent.paths = internals._nodeModulePaths(root);
const nodeRequire = (request: string): any => internals._load(request, parent, false);
let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  nodeRequire('ts-node').register({
    transpileOnly: true,
    project: join(root, 'tsconfig.json'),
  });
  const tsconfigPaths = nodeRequire('tsconfig-paths');
  const { absoluteBaseUrl, paths } = tsconfigPaths.loadConfig(root);
  tsconfigPaths.register({ baseUrl: absoluteBaseUrl, paths });
}

/** Loads a module of the project (path relative to the repository root, or an @souk alias). */
export function loadNative<T>(specifier: string): T {
  register();
  return nodeRequire(specifier.startsWith('@') ? specifier : join(root, specifier)) as T;
}
