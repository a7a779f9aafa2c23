// A note: CodeMirror 6 bound to the note's Y.Doc through y-codemirror.next; the SDK carries the
// document and the cursors (awareness) over /ws. Readers get a read-only editor.
import { EditorView, basicSetup } from 'codemirror'
import { EditorState } from '@codemirror/state'
import { yCollab } from 'y-codemirror.next'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { h, fill, report } from './dom.js'

const COLORS = ['#d1495b', '#00798c', '#edae49', '#66a182', '#8d96a3', '#6a4c93', '#2e4057', '#e07a5f']

export async function showNote (view, id, context) {
  const { api, client } = context
  const note = await api.get(`notes/${encodeURIComponent(id)}`)
  const doc = new Y.Doc()
  const text = doc.getText('content')
  const awareness = new awarenessProtocol.Awareness(doc)
  const user = client.user.get() || {}
  const color = COLORS[hash(user.id || '') % COLORS.length]
  awareness.setLocalStateField('user', { name: user.name || user.id || 'someone', color, colorLight: `${color}33` })
  const binding = await client.note(id, doc, Y, { awareness, awarenessProtocol, contentOf: () => text.toString() })

  const members = h('ul', { className: 'members', 'data-testid': 'note-members', 'aria-label': 'In this note' })
  const renderMembers = (list) => fill(members, list.map((member) =>
    h('li', { title: member.user_id, style: `--c: ${COLORS[hash(member.user_id || '') % COLORS.length]}` }, member.name || member.user_id)))
  const stopMembers = binding.members.subscribe(renderMembers)

  const editorHost = h('div', { className: 'editor', 'data-testid': 'editor' })
  const editor = new EditorView({
    parent: editorHost,
    state: EditorState.create({
      doc: text.toString(),
      extensions: [
        basicSetup,
        EditorView.lineWrapping,
        EditorState.readOnly.of(binding.readOnly),
        EditorView.editable.of(!binding.readOnly),
        yCollab(text, awareness)
      ]
    })
  })

  fill(view,
    h('div', { className: 'view-head' },
      h('h2', { 'data-testid': 'note-title' }, note.title),
      binding.readOnly ? h('span', { className: 'badge', 'data-testid': 'read-only' }, 'Read only') : null,
      members),
    note.permission === 'owner' || note.access ? shareForm(api, id, note) : null,
    editorHost)
  view.dataset.permission = binding.readOnly ? 'read' : note.permission

  return () => {
    stopMembers()
    editor.destroy()
    binding.leave().catch(() => {})
    awareness.destroy()
    doc.destroy()
    context.reload().catch(() => {}) // the list shows the new excerpt
  }
}

function shareForm (api, id, note) {
  const who = h('input', { name: 'user', 'data-testid': 'share-user', placeholder: 'user id', required: true, maxlength: 255 })
  const level = h('select', { name: 'level', 'data-testid': 'share-level' }, h('option', { value: 'write' }, 'can edit'), h('option', { value: 'read' }, 'can read'))
  const done = h('span', { className: 'hint', 'data-testid': 'share-done' })
  const share = async (event) => {
    event.preventDefault()
    const current = (await api.get(`notes/${encodeURIComponent(id)}`)).access || {}
    const grants = {
      read: { user_ids: [...(current.read?.user_ids || [])], group_ids: [...(current.read?.group_ids || [])] },
      write: { user_ids: [...(current.write?.user_ids || [])], group_ids: [...(current.write?.group_ids || [])] }
    }
    const user = who.value.trim()
    grants.read.user_ids = grants.read.user_ids.filter((u) => u !== user)
    grants.write.user_ids = grants.write.user_ids.filter((u) => u !== user)
    grants[level.value].user_ids.push(user)
    await api.put(`notes/${encodeURIComponent(id)}/access`, grants)
    done.textContent = `${user} ${level.value === 'write' ? 'can edit' : 'can read'}`
    who.value = ''
  }
  return h('form', { className: 'share', onsubmit: (e) => share(e).catch(report), 'data-testid': 'share' },
    h('span', {}, 'Share with'), who, level, h('button', { type: 'submit' }, 'Share'), done)
}

function hash (text) {
  let value = 0
  for (const char of text) value = (value * 31 + char.codePointAt(0)) >>> 0
  return value
}
