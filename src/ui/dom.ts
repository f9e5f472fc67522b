/**
 * Build an element whose content is plain text: the one way renderers and
 * views put strings from kernels, lessons or settings on the page.
 */
export function el(tag: string, text: string, className = ''): HTMLElement {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  node.textContent = text;
  return node;
}
