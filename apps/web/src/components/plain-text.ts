// Writing rich text as plain text: blank lines part paragraphs, "- " starts a bullet,
// "1. " a numbered step, "## " a heading. The server sanitises the HTML again.

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const inline = (s: string) => escapeText(s).replace(/\*\*(.+?)\*\*/g, '<b>$1</b>');

/** Plain text as the rich text the server stores. */
export function textToHtml(text: string): string {
  return text
    .trim()
    .split(/\n{2,}/)
    .map((block) => {
      const lines = block.split('\n').map((l) => l.trim());
      if (lines.every((l) => /^[-*] /.test(l))) return `<ul>${lines.map((l) => `<li>${inline(l.slice(2))}</li>`).join('')}</ul>`;
      if (lines.every((l) => /^\d+[.)] /.test(l)))
        return `<ol>${lines.map((l) => `<li>${inline(l.replace(/^\d+[.)] /, ''))}</li>`).join('')}</ol>`;
      if (lines.length === 1 && lines[0]?.startsWith('## ')) return `<h3>${inline(lines[0].slice(3))}</h3>`;
      return `<p>${lines.map(inline).join('<br>')}</p>`;
    })
    .join('');
}

/** Stored rich text back as the plain text that writes it. */
export function htmlToPlainText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const blocks: string[] = [];
  const text = (node: Element) => {
    const copy = node.cloneNode(true) as Element;
    for (const b of copy.querySelectorAll('b, strong')) b.replaceWith(`**${b.textContent ?? ''}**`);
    for (const br of copy.querySelectorAll('br')) br.replaceWith('\n');
    return (copy.textContent ?? '').trim();
  };
  for (const node of Array.from(doc.body.children)) {
    const tag = node.tagName.toLowerCase();
    if (tag === 'ul')
      blocks.push(
        Array.from(node.children)
          .map((li) => `- ${text(li)}`)
          .join('\n'),
      );
    else if (tag === 'ol')
      blocks.push(
        Array.from(node.children)
          .map((li, i) => `${i + 1}. ${text(li)}`)
          .join('\n'),
      );
    else if (tag === 'h3' || tag === 'h4') blocks.push(`## ${text(node)}`);
    else blocks.push(text(node));
  }
  if (!doc.body.children.length && doc.body.textContent?.trim()) blocks.push(doc.body.textContent.trim());
  return blocks.filter(Boolean).join('\n\n');
}
