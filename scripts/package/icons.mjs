// Renders every platform's icon from resources/icon.svg into build/ (package-time output, not in git):
// PNGs for Linux and the window, icon.png (1024) that electron-builder turns into macOS's .icns, icon.ico for Windows.

import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pngToIco from 'png-to-ico'
import sharp from 'sharp'

export const ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

/** Writes the icon set into `outDir` and returns the files written. */
export async function renderIcons(svgPath, outDir) {
  const svg = await readFile(svgPath)
  await mkdir(join(outDir, 'icons'), { recursive: true })
  const pngs = new Map()
  for (const size of ICON_SIZES) {
    pngs.set(size, await sharp(svg, { density: Math.max(72, (72 * size) / 1024 * 4) }).resize(size, size).png().toBuffer())
  }
  const written = []
  const put = async (path, data) => {
    await writeFile(path, data)
    written.push(path)
  }
  for (const [size, png] of pngs) await put(join(outDir, 'icons', `${size}x${size}.png`), png)
  await put(join(outDir, 'icon.png'), pngs.get(1024))
  await put(join(outDir, 'icon.ico'), await pngToIco(ICO_SIZES.map((size) => pngs.get(size))))
  return written
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
  const files = await renderIcons(join(root, 'resources/icon.svg'), join(root, 'build'))
  console.log(`icons: ${files.length} files in build/`)
}
