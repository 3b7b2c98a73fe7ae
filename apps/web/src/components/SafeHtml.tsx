import { Typography } from '@mantine/core';

/** Rich text the server sanitised (sanitize-html allowlist) before storing it; the only place the UI renders HTML. */
export function SafeHtml({ html, size }: { html: string; size?: string }) {
  return (
    <Typography fz={size}>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server before storage */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
