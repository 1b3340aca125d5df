// reloads the page when the dev server says so
const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
const defaultUrl = `${scheme}//${window.location.host}/dev/reload/`;

// a data-ws-url attribute on our <script> tag overrides the default
const wsUrl = document.currentScript?.dataset?.wsUrl || defaultUrl;

function watch(url: string): void {
  const ws = new WebSocket(url);
  ws.onmessage = (event) => {
    const msg = JSON.parse(event.data);
    if (msg.kind === "reload") window.location.reload();
    else if (msg.kind === "css") document.querySelectorAll("link").forEach((l) => (l.href += ""));
  };
}

watch(wsUrl);
