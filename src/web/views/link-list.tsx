import type { EntityLink } from "../presenters/links.js";

/** Links separated by commas: "Ada Lovelace, Alan Turing". */
export function LinkList({ links }: { links: EntityLink[] }) {
  return (
    <>
      {links.map((link, index) => (
        <>
          {index > 0 && ", "}
          <a href={link.href} title={link.title}>
            {link.text}
          </a>
        </>
      ))}
    </>
  );
}
