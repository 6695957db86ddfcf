// A shared link (#q=<the request as JSON>): read it, or say in the page's words why it
// cannot be read. Never a blank form that looks as if nothing had happened.

// {request} | {problem: "encoding" | "empty" | "json" | "not_object"} | null (no link).
export function readLink(hash) {
  if (hash === "#q") return { problem: "empty" };   // the link lost its "=" and all after it
  if (!hash.startsWith("#q=")) return null;
  let text;
  try {
    text = decodeURIComponent(hash.slice(3));
  } catch (error) {
    return { problem: "encoding" };
  }
  if (text.trim() === "") return { problem: "empty" };
  let request;
  try {
    request = JSON.parse(text);
  } catch (error) {   // bad JSON, or nested too deep for the parser
    return { problem: "json" };
  }
  if (!request || typeof request !== "object" || Array.isArray(request)) return { problem: "not_object" };
  return { request };
}

// Show `problem` in the alert box (its words are data-* attributes of the box).
export function sayLinkProblem(box, fill, problem, values) {
  const key = problem.replace(/_(\w)/g, (_, letter) => letter.toUpperCase());
  box.querySelector(".link-problem-text").textContent = fill(box.dataset[key], values || {});
  box.hidden = false;
  box.scrollIntoView({ block: "start" });
  box.focus({ preventScroll: true });
}
