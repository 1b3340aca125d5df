export function showMessage(text: string, timeout = 6000, kind: "info" | "error" = "info"): string {
  const id = String(Date.now());
  const el = document.createElement("div");
  el.id = id;
  el.className = `message message--${kind}`;
  el.textContent = text;
  document.getElementById("message")?.appendChild(el);
  if (timeout > 0) setTimeout(() => hideMessage(id), timeout);
  return id;
}

export function hideMessage(id: string): void {
  document.getElementById(id)?.remove();
}
