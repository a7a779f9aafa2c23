// Applies updates that the Java codec produced and prints what yjs makes of them (YjsCodecTest).
// Input on stdin: {checks: [{name, apply: [base64...]}]}; output: {results: [{name, content} or
// {name, error} where yjs threw]}.
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
  try {
    for (const update of apply) Y.applyUpdate(doc, Buffer.from(update, 'base64'))
  } catch (e) {
    return { name, error: String(e) } // yjs cannot apply it
  }
  const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null
  return { name, content: contentOf(doc), pending }
})
process.stdout.write(JSON.stringify({ results }))
