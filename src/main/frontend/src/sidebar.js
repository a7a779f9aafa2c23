// The three lists on the left: chats and agent sessions update live from the user room; notes
// are reloaded when this app changes one (notes have no user-room events yet).
import { h, fill, report, timeAgo } from './dom.js'

export function sidebar (context) {
  const { api, client, notes } = context
  return h('nav', { className: 'sidebar' },
    section('Chats', 'chat', client.chats, async (title) => {
      const chat = await api.post('chats', { title })
      location.hash = `#/chat/${chat.id}`
    }),
    section('Agent sessions', 'session', client.sessionList, async (title) => {
      const session = await api.post('sessions', { title })
      location.hash = `#/session/${session.id}`
    }),
    section('Notes', 'note', notes, async (title) => {
      const note = await api.post('notes', { title })
      await context.reload()
      location.hash = `#/note/${note.id}`
    }))
}

function section (heading, kind, store, create) {
  const list = h('ul', { 'data-testid': `${kind}-list` })
  const title = h('input', { name: 'title', 'data-testid': `new-${kind}-title`, placeholder: `New ${kind} title`, maxlength: 500 })
  const add = async (event) => {
    event.preventDefault()
    try {
      await create(title.value.trim() || undefined)
      title.value = ''
    } catch (error) {
      report(error)
    }
  }
  store.subscribe((items) => {
    const active = location.hash.split('/')[2]
    fill(list, items.map((item) =>
      h('li', { className: item.id === active ? 'active' : null, 'data-id': item.id, 'data-testid': `${kind}-item` },
        h('a', { href: `#/${kind}/${encodeURIComponent(item.id)}` },
          h('span', { className: 'title' }, item.title),
          h('span', { className: 'when' }, timeAgo(item.updated_at))))))
    if (items.length === 0) list.append(h('li', { className: 'none' }, 'None yet'))
  })
  return h('section', {},
    h('h2', {}, heading),
    h('form', { className: 'new', onsubmit: add, 'data-testid': `new-${kind}` }, title, h('button', { type: 'submit', title: `Start a ${kind}` }, '+')),
    list)
}
