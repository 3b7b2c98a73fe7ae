import { Anchor, Code, Image, List, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

// A small Markdown reader for the user guides in docs/guide (our own text):
// headings, paragraphs, bullet and numbered lists, images, **bold**, `code`
// and links. It builds React elements, so nothing is injected as HTML.

/** Inline text: **bold**, `code` and [links](url). */
function inline(text: string): ReactNode[] {
  const parts: ReactNode[] = [];
  const pattern = /\*\*(.+?)\*\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)/g;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    if (m[1]) parts.push(<b key={m.index}>{m[1]}</b>);
    else if (m[2]) parts.push(<Code key={m.index}>{m[2]}</Code>);
    else if (m[3] && m[4])
      parts.push(
        <Anchor key={m.index} href={m[4]}>
          {m[3]}
        </Anchor>,
      );
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

/** Renders `source`; `image(name)` gives the URL of an image the guide names (`![alt](images/name.png)`). */
export function Markdown({ source, image }: { source: string; image: (name: string) => string | undefined }) {
  const blocks = source.replace(/\r\n/g, '\n').split(/\n{2,}/);
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split('\n').filter((l) => l.trim());
        const first = lines[0] ?? '';
        const key = `${i}`;
        const heading = /^(#{1,4}) (.*)$/.exec(first);
        if (heading && lines.length === 1) {
          const level = Math.min(heading[1]?.length ?? 1, 4) as 1 | 2 | 3 | 4;
          return (
            <Title key={key} order={level} mt={level === 1 ? 0 : 'lg'} mb="xs">
              {inline(heading[2] ?? '')}
            </Title>
          );
        }
        const picture = /^!\[([^\]]*)\]\(([^)]+)\)$/.exec(first.trim());
        if (picture && lines.length === 1) {
          const src = image(picture[2]?.replace(/^.*\//, '') ?? '');
          return src ? (
            <figure key={key} style={{ margin: '12px 0' }}>
              <Image
                src={src}
                alt={picture[1]}
                radius="sm"
                style={{ border: '1px solid var(--mantine-color-default-border)', maxWidth: '100%' }}
              />
              {picture[1] && (
                <Text component="figcaption" size="xs" c="dimmed" mt={4}>
                  {picture[1]}
                </Text>
              )}
            </figure>
          ) : null;
        }
        if (lines.every((l) => /^\s*[-*] /.test(l)))
          return (
            <List key={key} spacing={4} mb="sm">
              {lines.map((l) => (
                <List.Item key={l}>{inline(l.replace(/^\s*[-*] /, ''))}</List.Item>
              ))}
            </List>
          );
        if (lines.every((l) => /^\s*\d+\. /.test(l)))
          return (
            <List key={key} type="ordered" spacing={4} mb="sm">
              {lines.map((l) => (
                <List.Item key={l}>{inline(l.replace(/^\s*\d+\. /, ''))}</List.Item>
              ))}
            </List>
          );
        return (
          <Text key={key} mb="sm">
            {inline(lines.join(' '))}
          </Text>
        );
      })}
    </>
  );
}
