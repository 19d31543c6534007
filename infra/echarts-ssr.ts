import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyTree, generatedCopyDir, packageJsonForCopy, packageRoot, writeIfChanged } from './generated-copy.ts';

/**
 * ECharts and zrender as the report pages' Lambda bundles carry them: copies
 * (infra/generated-copy.ts) with the modules server-side SVG rendering of
 * packages/features/report-pages/charts.ts never runs replaced by the stubs
 * in infra/stubs/echarts-ssr/ (each says why). ECharts reaches them by
 * relative imports at load (a theme and a locale it registers, visuals it
 * installs), so no import of ours can leave them out, and an esbuild alias
 * cannot reach a relative import. test/infra/bundle-echarts.test.ts renders
 * the same charts bundled and not, and wants the same SVG.
 */
const stubsDir = fileURLToPath(new URL('./stubs/echarts-ssr/', import.meta.url));

const replaced: Record<'echarts' | 'zrender', Record<string, string>> = {
  echarts: {
    'lib/theme/dark.js': 'theme-dark.js',
    'lib/i18n/langZH.js': 'lang-zh.js',
    'lib/util/decal.js': 'decal.js',
    'lib/data/helper/transform.js': 'data-transform.js',
    'lib/preprocessor/backwardCompat.js': 'backward-compat.js',
    'lib/loading/default.js': 'loading-default.js',
  },
  zrender: {
    'lib/dom/HandlerProxy.js': 'handler-proxy.js',
    'lib/svg/cssAnimation.js': 'css-animation.js',
  },
};

function writeCopy(pkg: keyof typeof replaced): string {
  const root = packageRoot(pkg);
  const target = generatedCopyDir(pkg);
  const replacements = replaced[pkg];
  for (const original of Object.keys(replacements)) {
    if (!existsSync(path.join(root, original))) throw new Error(`echarts-ssr: ${pkg} has no ${original} any more; review infra/stubs/echarts-ssr/`);
  }
  writeIfChanged(path.join(target, 'package.json'), packageJsonForCopy(root, ['name', 'version', 'type', 'sideEffects']));
  // The entry files at the root (echarts/core.js …), lib/, and the package's own dependencies (its tslib).
  for (const file of readdirSync(root)) {
    if (file.endsWith('.js')) writeIfChanged(path.join(target, file), readFileSync(path.join(root, file)));
  }
  for (const dir of ['lib', 'node_modules'].filter((name) => existsSync(path.join(root, name)))) {
    copyTree(path.join(root, dir), path.join(target, dir), (relative, content) => {
      const stub = replacements[path.posix.join(dir, relative.split(path.sep).join('/'))];
      return stub ? readFileSync(path.join(stubsDir, stub)) : content;
    });
  }
  return target;
}

/** Writes both copies; returns the aliases that send `echarts/…` and `zrender/…` to them. */
export function writeEchartsSsrCopies(): Record<'echarts' | 'zrender', string> {
  return { echarts: writeCopy('echarts'), zrender: writeCopy('zrender') };
}
