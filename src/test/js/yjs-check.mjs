// Applies updates that the Java codec produced and prints what yjs makes of them (YjsCodecTest).
// Input on stdin: {checks: [{name, apply: [base64...]}]}; output: {results: [{name, content}]}.
import * as Y from 'yjs'

const input = JSON.parse(await new Promise((resolve) => {
  let data = ''
  process.stdin.on('data', (chunk) => { data += chunk })
  process.stdin.on('end', () => resolve(data))
}))
const contentOf = (doc) => ({
  text: doc.getText('text').toDelta(),
  map: doc.getMap('map').toJSON(),
  array: doc.getArray('array').toJSON(),
  xml: doc.getXmlFragment('xml').toString()
})
const results = input.checks.map(({ name, apply }) => {
  const doc = new Y.Doc()
  for (const update of apply) Y.applyUpdate(doc, Buffer.from(update, 'base64'))
  const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null
  return { name, content: contentOf(doc), pending }
})
process.stdout.write(JSON.stringify({ results }))
