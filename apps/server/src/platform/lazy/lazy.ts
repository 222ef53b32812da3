// Heavy npm packages that only some requests use (ECharts and resvg for the Word reports' charts, exceljs for the
// Excel files) are loaded on first use instead of at start: together they are ≈ 80 MB of the server's resident
// memory that a server answering only the desk and phone pages never needs (bench `memory`, issue 14 point 4).
// `require` (not `await import`) keeps their call sites synchronous; all three ship CommonJS builds.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/** A function that loads the package on its first call and returns the same module afterwards. */
export function lazyPackage<T>(id: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= load(id) as T);
}

/** exceljs: the Excel files read (imports) and written (ledgers, exports) */
export const exceljs = lazyPackage<typeof import('exceljs')>('exceljs');
/** ECharts (its server-side SVG renderer) and resvg (SVG → PNG): the charts of the Word reports */
export const echartsLib = lazyPackage<typeof import('echarts')>('echarts');
export const resvgLib = lazyPackage<typeof import('@resvg/resvg-js')>('@resvg/resvg-js');
