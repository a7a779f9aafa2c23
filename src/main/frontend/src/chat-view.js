// A chat: its title (renamed live on every device) and messages; a message typed here is appended
// with PATCH and reaches the owner's other devices as chat:updated.
import { h, fill, report } from './dom.js'

export async function showChat (view, id, { api, client }) {
  let chat = await api.get(`chats/${encodeURIComponent(id)}`)
  const title = h('input', { className: 'title-input', 'data-testid': 'chat-title', value: chat.title, maxlength: 500, 'aria-label': 'Title' })
  const messages = h('ol', { className: 'messages', 'data-testid': 'messages' })
  const input = h('input', { name: 'message', 'data-testid': 'message-input', placeholder: 'Write a message', autocomplete: 'off' })
  const render = () => {
    if (document.activeElement !== title) title.value = chat.title
    fill(messages, (chat.messages || []).map((message) =>
      h('li', { className: `message ${message.role || 'user'}`, 'data-testid': 'message' },
        h('span', { className: 'role' }, message.role || 'user'), h('span', { className: 'content' }, String(message.content ?? '')))))
  }
  const rename = async (event) => {
    event.preventDefault()
    if (title.value.trim() && title.value !== chat.title) chat = await api.patch(`chats/${id}`, { title: title.value.trim() })
    render()
  }
  const send = async (event) => {
    event.preventDefault()
    const content = input.value.trim()
    if (!content) return
    const message = { id: crypto.randomUUID(), role: 'user', content, timestamp: Date.now() }
    chat = await api.patch(`chats/${id}`, { messages: [...(chat.messages || []), message] })
    input.value = ''
    render()
  }
  fill(view,
    h('form', { className: 'view-head', onsubmit: (e) => rename(e).catch(report) }, title, h('button', { type: 'submit', 'data-testid': 'rename' }, 'Rename')),
    messages,
    h('form', { className: 'composer', onsubmit: (e) => send(e).catch(report) }, input, h('button', { type: 'submit' }, 'Send')))
  render()
  let seen = chat.updated_at
  const stop = client.chats.subscribe((chats) => {
    const summary = chats.find((c) => c.id === id)
    if (summary && summary.updated_at !== seen) {
      seen = summary.updated_at
      api.get(`chats/${encodeURIComponent(id)}`).then((fresh) => { chat = fresh; render() }).catch(report)
    }
  })
  return stop
}
