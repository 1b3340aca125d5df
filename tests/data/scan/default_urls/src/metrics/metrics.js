// the default is over the first parameter: what the call gives for `host`
export function watchMetrics(host, onSample, url = `wss://${host}/metrics/stream`) {
  const ws = new WebSocket(url);
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.type === "sample") onSample(m.value);
  };
  return ws;
}

watchMetrics(window.location.host, console.log);
