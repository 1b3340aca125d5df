import LogSocket from './LogSocket';

export function tailLogs(view) {
  const logs = new LogSocket('/api/cluster/logs');
  logs.connect((m) => {
    if (m.kind === 'line') view.append(m.text);
    else if (m.kind === 'eof') view.done();
  });
  return logs;
}
