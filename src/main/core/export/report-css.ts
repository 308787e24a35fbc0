// The HTML report's only style sheet, inlined: no fonts or images to fetch.
export const REPORT_CSS = `
body { font: 16px/1.5 Georgia, 'Times New Roman', serif; color: #1d1d1f; background: #fff; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3 { font-family: system-ui, sans-serif; line-height: 1.2; }
h2 { border-top: 1px solid #ccc; padding-top: 1.5rem; margin-top: 2.5rem; }
.meta, .url, .facts, .from, .missing { color: #555; font-size: 0.9rem; }
.annotation { margin: 1.25rem 0; padding-left: 0.75rem; border-left: 4px solid #ccc; break-inside: avoid; }
.color-yellow { border-color: #d4a900; } .color-green { border-color: #3f9142; } .color-blue { border-color: #2f6fb5; }
.color-pink { border-color: #c2457a; } .color-purple { border-color: #7a4fb0; }
blockquote { margin: 0; font-style: italic; white-space: pre-wrap; }
.tag { font-family: system-ui, sans-serif; font-size: 0.8rem; background: #eee; border-radius: 3px; padding: 0 0.3rem; }
.links { padding-left: 1.2rem; } .relation { font-weight: bold; }
a { color: #1a4f8b; }
@media print { nav { display: none; } body { margin: 0; max-width: none; } a { color: inherit; } }
`
