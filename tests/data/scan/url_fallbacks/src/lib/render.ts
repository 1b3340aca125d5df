export function render(text: string): void {
  const el = document.getElementById("status");
  if (el) el.textContent = text;
}
