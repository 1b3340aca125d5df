interface Change {
  type: 'added' | 'updated' | 'deleted';
  payload: { id: number };
  date: string;
}

/** Changes of one kind of resource; the kind of change is handed on as it came. */
export function watchResource(resource: string, onChange: (kind: string, id: number, at: Date) => void) {
  const ws = new WebSocket(`/ws/resources/${resource}`);
  ws.onmessage = (message) => {
    const change: Change = JSON.parse(message.data);
    const kind = change.type === 'added' ? 'created' : change.type;
    onChange(kind, change.payload.id, new Date(change.date));
  };
  return () => ws.close();
}
