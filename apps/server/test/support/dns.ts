import type { DNSResolver } from 'mailauth';

/**
 * The DNS zone of the mail tests: bank-sentosa.test publishes SPF and DMARC
 * p=reject (its mail servers: 198.51.100.7, and this machine for the SMTP
 * listener); every other domain publishes nothing. Handed to mailauth like any
 * resolver, so no test asks the real DNS.
 */
const ZONE: Record<string, string[][]> = {
  'TXT bank-sentosa.test': [['v=spf1 ip4:198.51.100.7 ip4:127.0.0.1 -all']],
  'TXT _dmarc.bank-sentosa.test': [['v=DMARC1; p=reject; adkim=r; aspf=r']],
};

export const testResolver: DNSResolver = async (name, type) => {
  const records = ZONE[`${type} ${name.toLowerCase()}`];
  if (records) return records;
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};
