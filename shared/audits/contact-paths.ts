import { defineAudit } from './types.ts';

const UIStrings = {
  title: 'Gives a way to reach a person',
  failureTitle: 'Gives no way to reach a person',
  description:
    'A prospect ready to buy often wants to ask someone first. A link to a contact page, a phone number, an e-mail address, a live chat or a booking link — found on the page, not guessed — is that way.',
  none: 'No contact page link, phone number, e-mail address, live chat or booking link on this page.',
  lookedFor: 'a contact page link, tel: and mailto: links, a labelled phone number or e-mail address, a live-chat widget, a booking link',
  hoursOnly: 'Opening hours are given, but no phone, e-mail, chat, booking or contact page to use them.',
};

/** What lets a visitor reach a person (opening hours alone do not). */
export const CONTACT_KINDS = new Set(['contact-page', 'phone', 'email', 'chat', 'booking']);

export default defineAudit({
  meta: { id: 'contact-paths', title: UIStrings.title, failureTitle: UIStrings.failureTitle, description: UIStrings.description, group: 'people', requires: ['humanSignals'] },
  run(a) {
    const contacts = a.humanSignals.contacts;
    const items = contacts.map((c) => ({ kind: c.kind, value: c.value, source: c.source }));
    const usable = contacts.filter((c) => CONTACT_KINDS.has(c.kind));
    if (!usable.length) return { score: 0, explanation: contacts.length ? UIStrings.hoursOnly : UIStrings.none, items: items.length ? items : [{ problem: 'no contact path', lookedFor: UIStrings.lookedFor }] };
    const kinds = [...new Set(usable.map((c) => c.kind))];
    return { score: 1, displayValue: kinds.join(', '), items };
  },
});
