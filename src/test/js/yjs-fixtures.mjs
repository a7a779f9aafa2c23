// Documents made with the real yjs, for the Java codec's tests (YjsCodecTest). Prints one JSON
// object: {scenarios: [{name, updates: [base64...], content, full, stateVectors: [base64...]}]}.
// Each update is what a doc emitted for one transaction; content is what yjs shows at the end.
import * as Y from 'yjs'

const b64 = (bytes) => Buffer.from(bytes).toString('base64')
const contentOf = (doc) => ({
  text: doc.getText('text').toDelta(),
  map: doc.getMap('map').toJSON(),
  array: doc.getArray('array').toJSON(),
  xml: doc.getXmlFragment('xml').toString()
})

const record = (doc) => {
  const updates = []
  const partial = []
  doc.on('update', (update) => {
    updates.push(b64(update))
    if (updates.length % 3 === 1) partial.push(b64(Y.encodeStateVector(doc)))
  })
  return { updates, partial }
}

const scenario = (name, build) => {
  const doc = new Y.Doc()
  const log = record(doc)
  const extra = build(doc) || []
  return {
    name,
    updates: [...log.updates, ...extra],
    content: contentOf(doc),
    full: b64(Y.encodeStateAsUpdate(doc)),
    stateVectors: log.partial,
    stateVectorOfFull: b64(Y.encodeStateVectorFromUpdate(Y.encodeStateAsUpdate(doc)))
  }
}

const scenarios = [
  scenario('text inserts and deletes', (doc) => {
    const t = doc.getText('text')
    t.insert(0, 'Hello world')
    t.insert(5, ',')
    t.delete(0, 1)
    t.insert(0, 'J')
    for (const ch of ' and more') t.insert(t.length, ch)
    t.delete(3, 4)
  }),
  scenario('formatting and embeds', (doc) => {
    const t = doc.getText('text')
    t.insert(0, 'bold and plain', { bold: true })
    t.format(5, 3, { bold: null, italic: true })
    t.insertEmbed(4, { image: 'x.png' })
  }),
  scenario('map sets, overwrites and deletes', (doc) => {
    const m = doc.getMap('map')
    m.set('a', 1)
    m.set('b', 'two')
    m.set('a', { nested: [1, 2.5, null, true, 'x'] })
    m.delete('b')
    m.set('big', 2 ** 40)
    m.set('neg', -7)
    m.set('bytes', new Uint8Array([1, 2, 3]))
    const sub = new Y.Map()
    m.set('sub', sub)
    sub.set('k', 'v')
  }),
  scenario('array inserts and deletes', (doc) => {
    const a = doc.getArray('array')
    a.insert(0, [1, 2, 3])
    a.insert(1, ['x', { y: 1 }])
    a.delete(0, 2)
    a.push([new Uint8Array([9])])
    const inner = new Y.Array()
    a.push([inner])
    inner.push(['deep'])
  }),
  scenario('xml like y-prosemirror makes', (doc) => {
    const xml = doc.getXmlFragment('xml')
    const p = new Y.XmlElement('paragraph')
    xml.insert(0, [p])
    const text = new Y.XmlText()
    p.insert(0, [text])
    text.insert(0, 'Some text')
    text.format(0, 4, { strong: {} })
    p.setAttribute('align', 'left')
    const h = new Y.XmlElement('heading')
    h.setAttribute('level', '1')
    xml.insert(0, [h])
    xml.delete(1, 1)
  }),
  scenario('emoji and surrogate pairs', (doc) => {
    const t = doc.getText('text')
    t.insert(0, 'a😀b🎉c')
    t.insert(2, '👍')
    t.delete(1, 2)
    for (const ch of '🙂🙃') t.insert(t.length, ch)
  }),
  (() => {
    // two clients editing at the same time, exchanging updates afterwards
    const a = new Y.Doc()
    const b = new Y.Doc()
    const logA = record(a)
    const logB = record(b)
    a.getText('text').insert(0, 'shared ')
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    a.getText('text').insert(7, 'from a')
    b.getText('text').insert(0, 'from b ')
    b.getArray('array').push(['b1'])
    a.getArray('array').push(['a1'])
    a.getText('text').delete(0, 2)
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    return {
      name: 'concurrent edits from two clients',
      updates: [...logA.updates, ...logB.updates],
      content: contentOf(a),
      full: b64(Y.encodeStateAsUpdate(a)),
      stateVectors: [...logA.partial, ...logB.partial],
      stateVectorOfFull: b64(Y.encodeStateVectorFromUpdate(Y.encodeStateAsUpdate(a)))
    }
  })(),
  scenario('typing ten thousand characters', (doc) => {
    const t = doc.getText('text')
    for (let i = 0; i < 10000; i++) t.insert(t.length, String.fromCharCode(97 + (i % 26)))
    for (let i = 0; i < 100; i++) t.delete(i * 10, 1)
  }),
  (() => {
    // two typists interleaving, each seeing the other's keystrokes
    const a = new Y.Doc()
    const b = new Y.Doc()
    const logA = record(a)
    const logB = record(b)
    a.on('update', (u, origin) => { if (origin !== 'remote') Y.applyUpdate(b, u, 'remote') })
    b.on('update', (u, origin) => { if (origin !== 'remote') Y.applyUpdate(a, u, 'remote') })
    for (let i = 0; i < 2000; i++) {
      const ta = a.getText('text')
      ta.insert(i % 7 === 0 ? 0 : ta.length, 'a')
      const tb = b.getText('text')
      tb.insert(Math.floor(tb.length / 2), 'b')
    }
    const own = (log, doc) => log.updates
    return {
      name: 'two typists interleaving',
      updates: [...own(logA, a), ...own(logB, b)],
      content: contentOf(a),
      full: b64(Y.encodeStateAsUpdate(a)),
      stateVectors: [...logA.partial.slice(0, 3), ...logB.partial.slice(0, 3)],
      stateVectorOfFull: b64(Y.encodeStateVectorFromUpdate(Y.encodeStateAsUpdate(a)))
    }
  })(),
  scenario('a 5 MB paste', (doc) => {
    const t = doc.getText('text')
    t.insert(0, 'start ')
    t.insert(6, 'x'.repeat(5 * 1024 * 1024))
    t.insert(3, '!')
  })
]

process.stdout.write(JSON.stringify({ scenarios }))
