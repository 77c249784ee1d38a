// Upvote without a page reload: the vote forms keep working without this script.
document.addEventListener("submit", async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains("vote-form")) return;
  event.preventDefault();
  const button = form.querySelector("button");
  const action = form.elements.namedItem("action");
  const csrf = form.elements.namedItem("_csrf");
  const adding = action.value === "add";
  button.disabled = true;
  try {
    const response = await fetch(`/api/papers/${form.dataset.paperId}/vote`, {
      method: adding ? "POST" : "DELETE",
      headers: { "x-csrf-token": csrf.value },
      credentials: "same-origin",
    });
    if (!response.ok) {
      form.submit();
      return;
    }
    const result = await response.json();
    form.querySelector(".vote-count").textContent = String(result.upvotes);
    form.querySelector(".vote-noun").textContent = result.upvotes === 1 ? " upvote" : " upvotes";
    button.setAttribute("aria-pressed", String(result.voted));
    button.title = result.voted ? "Remove your upvote" : "Upvote";
    action.value = result.voted ? "remove" : "add";
  } finally {
    button.disabled = false;
  }
});
