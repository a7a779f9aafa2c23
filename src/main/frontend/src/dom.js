/** A small element builder: h('button', {onclick, 'data-testid': 'x'}, 'text', child...). */
export function h (tag, attributes = {}, ...children) {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value)
    else if (name === 'className') element.className = value
    else element.setAttribute(name, value === true ? '' : value)
  }
  append(element, children)
  return element
}

function append (element, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    element.append(child instanceof Node ? child : String(child))
  }
}

/** Replaces what an element holds. */
export function fill (element, ...children) {
  element.replaceChildren()
  append(element, children)
  return element
}

export function timeAgo (iso) {
  if (!iso) return ''
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000)
  if (seconds < 60) return 'just now'
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`
  return new Date(iso).toLocaleDateString()
}

/** Shows an error for a few seconds. */
export function report (error) {
  console.error(error)
  const toast = h('div', { className: 'toast', role: 'alert', 'data-testid': 'toast' }, error.message || String(error))
  document.body.append(toast)
  setTimeout(() => toast.remove(), 6000)
}
