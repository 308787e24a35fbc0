import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

// DOSSIER_OUT lets test runs build into their own folder, so parallel runs never share out/.
const out = resolve(__dirname, process.env['DOSSIER_OUT'] ?? 'out')

export default defineConfig({
  main: {
    build: {
      outDir: `${out}/main`,
      // ESM-only and small: bundle them so the app does not depend on their module format.
      // MiniSearch is small too, and the search worker imports it: bundled, the worker needs no node_modules.
      externalizeDeps: { exclude: ['lowdb', 'steno', 'minisearch'] },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/dossier.ts'),
          // The search index runs in this worker thread; service/search.ts finds it beside the entry that loads it.
          'search-worker': resolve(__dirname, 'src/main/core/search/worker.ts'),
          // Imports parse in this worker thread, with time and memory limits; core/import/pool.ts finds it beside its chunk.
          'import-worker': resolve(__dirname, 'src/main/core/import/worker.ts'),
        },
        // Shared chunks sit beside the entries, so a chunk's import.meta.url finds search-worker.js next to it.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: `${out}/preload`,
      // A sandboxed preload cannot load ES modules or require other files: one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      // electron-vite leaves the renderer unminified by default: 2.4 MB of first-load script.
      minify: true,
      outDir: `${out}/renderer`,
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
      // Fonts stay files, never data: URLs, so both modes serve one CSP with font-src 'self'.
      assetsInlineLimit: (file: string) => (/\.(woff2?|ttf|otf)$/i.test(file) ? false : undefined),
    },
  },
})
