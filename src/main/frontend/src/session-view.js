// An agent session: its events in seq order, each once, answers growing as they stream; older
// events load when the list is scrolled to the top; prompts survive reconnects (the SDK).
import { h, fill, report } from './dom.js'

export async function showSession (view, id, { api, client }) {
  const record = await api.get(`sessions/${encodeURIComponent(id)}`)
  const session = await client.session(id)
  const status = h('span', { className: 'status', 'data-testid': 'session-status' })
  const older = h('button', { className: 'link older', 'data-testid': 'load-older', onclick: () => loadOlder() }, 'Load older events')
  const list = h('div', { className: 'events', 'data-testid': 'events' })
  const scroller = h('div', { className: 'scroller' }, older, list)
  const input = h('textarea', { name: 'prompt', 'data-testid': 'prompt-input', rows: 2, placeholder: 'Ask the agent (Enter sends, Shift+Enter breaks the line)' })
  const cancel = h('button', { type: 'button', className: 'secondary', 'data-testid': 'cancel', onclick: () => session.cancel().catch(report) }, 'Stop')
  const elements = new Map() // seq → [event, element]
  let loadingOlder = false

  const loadOlder = async () => {
    if (loadingOlder) return
    loadingOlder = true
    try {
      if (!(await session.loadOlder())) older.hidden = true
    } catch (error) {
      report(error)
    } finally {
      loadingOlder = false
    }
  }

  const render = (events) => {
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40
    const heightBefore = scroller.scrollHeight
    const prepended = events.length > 0 && list.firstElementChild && Number(list.firstElementChild.dataset.seq) > events[0].seq
    events.forEach((event, index) => {
      let held = elements.get(event.seq)
      if (!held || held[0] !== event) {
        const element = eventElement(event)
        if (held) held[1].replaceWith(element)
        held = [event, element]
        elements.set(event.seq, held)
      }
      if (list.children[index] !== held[1]) list.insertBefore(held[1], list.children[index] || null)
    })
    older.hidden = events.length === 0 || events[0].seq <= 1
    const working = isWorking(events)
    status.textContent = working ? 'Working…' : ''
    cancel.hidden = !working
    if (prepended) scroller.scrollTop += scroller.scrollHeight - heightBefore
    else if (atBottom) scroller.scrollTop = scroller.scrollHeight
  }

  const send = async (event) => {
    event.preventDefault()
    const text = input.value.trim()
    if (!text) return
    input.value = ''
    try {
      await session.prompt(text)
    } catch (error) {
      if (error.code) report(error) // offline: the prompt waits and is sent after the reconnect
    }
  }
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) send(event)
  })
  scroller.addEventListener('scroll', () => {
    if (scroller.scrollTop < 20 && !older.hidden) loadOlder()
  })

  fill(view,
    h('div', { className: 'view-head' }, h('h2', { 'data-testid': 'session-title' }, record.title), h('span', { className: 'model' }, record.model), status),
    scroller,
    h('form', { className: 'composer', onsubmit: send }, input, cancel, h('button', { type: 'submit', 'data-testid': 'send' }, 'Send')))
  const stop = session.events.subscribe(render)
  scroller.scrollTop = scroller.scrollHeight
  return stop
}

function isWorking (events) {
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i].type === 'prompt_complete') return false
    if (events[i].type === 'user_prompt') return true
  }
  return false
}

function eventElement (event) {
  const data = event.data || {}
  const attributes = { className: `event ${event.type}${event.partial ? ' partial' : ''}`, 'data-seq': event.seq, 'data-type': event.type, 'data-testid': 'event' }
  switch (event.type) {
    case 'user_prompt':
      return h('div', attributes, h('div', { className: 'bubble' }, data.text))
    case 'agent_message':
      return h('div', attributes, h('div', { className: 'text' }, data.text || ''))
    case 'agent_thought':
      return h('details', attributes, h('summary', {}, 'Thinking'), h('div', { className: 'text' }, data.text || ''))
    case 'tool_call':
      return h('div', attributes, h('span', { className: 'tool' }, '⚙ ', data.name || 'tool'), h('code', {}, JSON.stringify(data.input ?? {})))
    case 'tool_update':
      return h('div', attributes, h('span', { className: 'tool' }, `↳ ${data.status || 'update'}`), data.output !== undefined ? h('code', {}, JSON.stringify(data.output)) : null)
    case 'prompt_complete':
      return h('div', attributes, h('span', {}, data.status && data.status !== 'completed' ? `Ended: ${data.status}` : 'Done'))
    default:
      return h('div', attributes, h('code', {}, `${event.type} ${JSON.stringify(data)}`))
  }
}
