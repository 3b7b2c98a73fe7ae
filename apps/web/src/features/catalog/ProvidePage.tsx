import { ItemListPage } from './ItemListPage.tsx';

/** A provider's own division's items in every state. */
export const ProvidePage = () => <ItemListPage view="mine" />;

/** The Catalog Manager's queue of versions waiting for a decision. */
export const ReviewPage = () => <ItemListPage view="review" />;
