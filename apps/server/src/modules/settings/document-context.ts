import type { Actor } from '../../platform/authz/actor.ts';
import type { Tx } from '../../platform/db/client.ts';
import { dateFormatter } from '../../platform/documents/pdf.ts';
import type { PdfContext } from '../../platform/documents/table-export.ts';
import { t } from '../../platform/i18n/i18n.ts';
import { readSetting } from './settings.store.ts';

/** The reader's calendar: their own time zone, else the organisation's. */
export async function readerTimeZone(tx: Tx, actor: Actor): Promise<string> {
  return actor.timeZone ?? (await readSetting(tx, 'regional')).value.defaultTimeZone;
}

/** Who prints a document, in which language and when: the organisation's name and the reader's clock. */
export async function documentContext(tx: Tx, actor: Actor, now: Date): Promise<PdfContext> {
  const identity = await readSetting(tx, 'identity');
  const L = (key: string, params?: Record<string, string | number>) => t(actor.locale, `documents.${key}`, params);
  const when = dateFormatter(actor.locale, await readerTimeZone(tx, actor), L('none'));
  return {
    organisation: identity.value.organisationName,
    locale: actor.locale,
    printed: L('generated', { date: when(now.toISOString()) }),
    pageLabel: (page, pages) => L('page', { page, pages }),
  };
}
