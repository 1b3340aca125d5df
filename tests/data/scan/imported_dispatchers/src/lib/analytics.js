// Counts socket traffic by a label of the caller's; the label is compared, not the event.
export function track(label, event) {
  if (label === "error") console.warn("socket error", event);
  window.__traffic = (window.__traffic || 0) + String(event.data || "").length;
}
