// Loaded in <head> without defer: the theme is set before the first paint, so no flash.
// Pages work without this script; it adds the theme toggle and keyboard shortcuts.
(() => {
  const root = document.documentElement;
  const stored = (() => {
    try {
      return localStorage.getItem("theme");
    } catch {
      return null;
    }
  })();
  if (stored === "dark" || stored === "light") root.dataset.theme = stored;
  root.classList.add("js");

  const isDark = () =>
    root.dataset.theme ? root.dataset.theme === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;

  function toggleTheme(button) {
    const next = isDark() ? "light" : "dark";
    root.dataset.theme = next;
    button.setAttribute("aria-pressed", String(next === "dark"));
    try {
      localStorage.setItem("theme", next);
    } catch {}
  }

  let current = -1;
  const cards = () => [...document.querySelectorAll("main .card")];

  function move(step) {
    const list = cards();
    if (list.length === 0) return;
    list[current]?.classList.remove("is-current");
    current = Math.min(list.length - 1, Math.max(0, current + step));
    const card = list[current];
    card.classList.add("is-current");
    card.querySelector(".card-title a")?.focus();
    card.scrollIntoView({ block: "nearest" });
  }

  const typing = (target) =>
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    const card = cards()[current];
    if (event.key === "j") move(1);
    else if (event.key === "k") move(-1);
    else if (event.key === "o" && card) card.querySelector(".card-title a")?.click();
    else if (event.key === "u" && card) card.querySelector(".vote-button")?.click();
    else if (event.key === "/") document.getElementById("site-search")?.focus();
    else return;
    event.preventDefault();
  });

  document.addEventListener("DOMContentLoaded", () => {
    const button = document.querySelector(".theme-toggle");
    if (!button) return;
    button.setAttribute("aria-pressed", String(isDark()));
    button.addEventListener("click", () => toggleTheme(button));
  });
})();
