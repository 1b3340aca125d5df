export function showToast(text: string, level: "info" | "error" = "info"): void {
  const el = document.createElement("div");
  el.className = `toast toast-${level}`;
  el.textContent = text;
  document.body.appendChild(el);
  setTimeout(() => el.remove(), 4000);
}
