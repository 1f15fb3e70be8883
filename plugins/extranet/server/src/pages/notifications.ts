import { html, layout } from './html';

/** The page behind the one-click unsubscribe link (SPEC §11). */
export const unsubscribedPage = () =>
  layout(
    'Notifications turned off',
    html`<h1>Notifications turned off</h1>
<p>You will no longer receive e-mail notifications from the extranet: neither messages nor the digest of new and changed items.</p>
<p>You can turn them on again in your extranet settings.</p>`,
  );
