// Bundles the reference web app into one ES module and copies its page and styles: run by Maven
// (npm run build -- <out dir>) so the WAR serves the app at / without any download at run time.
import { build } from 'esbuild'
import { copyFile, mkdir } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const out = resolve(process.argv[2] || join(here, '../../../target/frontend'))

await mkdir(join(out, 'app'), { recursive: true })
await build({
  entryPoints: { app: join(here, 'src/main.js'), admin: join(here, 'src/admin.js') },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  legalComments: 'linked',
  outdir: join(out, 'app'),
  logLevel: 'warning'
})
await copyFile(join(here, 'index.html'), join(out, 'index.html'))
await mkdir(join(out, 'admin'), { recursive: true })
await copyFile(join(here, 'admin.html'), join(out, 'admin/index.html'))
await copyFile(join(here, 'src/app.css'), join(out, 'app/app.css'))
console.log(`web app built into ${out}`)
