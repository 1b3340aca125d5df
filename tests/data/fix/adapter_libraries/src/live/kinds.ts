/** Changes of one kind of record; its kind is handed on as it came, with no type declared. */
export function watchKinds(record: string, onChange: (kind: string) => void) {
  const ws = new WebSocket(`/ws/kinds/${record}`);
  ws.onmessage = (message) => {
    const change = JSON.parse(message.data);
    onChange(change.type === 'added' ? 'created' : change.type);
  };
  return () => ws.close();
}
