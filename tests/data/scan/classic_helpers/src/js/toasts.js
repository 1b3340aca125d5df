import $app from './appGlobals'

// `kind` here is a toast's look, not a message type of any socket.
export function showToast ($t, messages) {
  for (const m of messages) {
    const kind = m.level === 'error' ? 'negative' : m.level === 'warning' ? 'warning' : 'info'
    $app.toasts[m.id] = { text: $t('server.' + m.code), kind: kind }
  }
}

export function dismissToast (id) {
  delete $app.toasts[id]
}
