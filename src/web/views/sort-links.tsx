/** A choice among a few views of one list (an order, a period): the current one marked, not linked. */
export interface ChoiceLink {
  label: string;
  href: string;
  current: boolean;
}

export function SortLinks({ label, links }: { label: string; links: ChoiceLink[] }) {
  return (
    <nav class="sort-links" aria-label={label}>
      {links.map((link) =>
        link.current ? (
          <strong aria-current="true">{link.label}</strong>
        ) : (
          <a href={link.href}>{link.label}</a>
        ),
      )}
    </nav>
  );
}
