// Adding a statement by hand: the editor selects its evidence in the article text, and
// the form gets the selection's character offsets in the stored text. Each paragraph
// carries its own offset (data-start); the statement numbers shown after highlights
// (.mark-refs) are not article text and are skipped when counting.
(function () {
  const form = document.getElementById("add-statement");
  if (!form) return;
  const startField = document.getElementById("add-start");
  const endField = document.getElementById("add-end");
  const preview = document.getElementById("add-evidence");
  const submit = document.getElementById("add-submit");

  // Characters of article text from the paragraph's start to a selection boundary, which
  // may sit in a text node or between an element's children.
  function offsetIn(paragraph, node, offset) {
    const range = document.createRange();
    range.setStart(paragraph, 0);
    range.setEnd(node, offset);
    const before = range.cloneContents();
    before.querySelectorAll(".mark-refs").forEach((refs) => refs.remove());
    return before.textContent.length;
  }

  function paragraphOf(node) {
    const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    return element && element.closest(".article-text p[data-start]");
  }

  document.addEventListener("selectionchange", () => {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    const first = paragraphOf(range.startContainer);
    const last = paragraphOf(range.endContainer);
    if (!first || !last) return; // a selection outside the article text
    const start = Number(first.dataset.start) + offsetIn(first, range.startContainer, range.startOffset);
    const end = Number(last.dataset.start) + offsetIn(last, range.endContainer, range.endOffset);
    if (end <= start) return;
    startField.value = String(start);
    endField.value = String(end);
    preview.textContent = selection.toString();
    submit.disabled = false;
    form.open = true;
  });
})();
