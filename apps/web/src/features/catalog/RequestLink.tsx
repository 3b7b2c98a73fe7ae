import { Anchor } from '@mantine/core';
import { Link } from '@tanstack/react-router';

/** A request's number linking to its page; numbers never break across lines. */
export function RequestLink({ number }: { number: string }) {
  return (
    <Anchor renderRoot={(props) => <Link {...props} to="/catalog/requests/$number" params={{ number }} />} style={{ whiteSpace: 'nowrap' }}>
      {number}
    </Anchor>
  );
}
