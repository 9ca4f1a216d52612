// Keyboard shortcuts of the review panel: a key clicks the control marked data-key="<key>".
// Keys typed into a field are the field's (Escape too: it closes a suggestion list, and
// must not throw away the edit), and modified keys (Ctrl+R ...) the browser's.
document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const typing = event.target.closest("input, textarea, select, [contenteditable]");
  if (typing) return;
  const control = document.querySelector(`#statement-page [data-key="${CSS.escape(event.key)}"]`);
  if (!control) return;
  event.preventDefault();
  control.click();
});
