// Saves a long form in this browser while it is filled in (progressive enhancement; the form works without
// it). A form opts in with data-autosave="<storage key>", one key per survey round. On load the saved
// values come back into an untouched form, together with the form's idempotency key, so sending again
// after a lost answer (timeout, closed tab) is recognised as the same submission and stored once. A page
// with data-autosave-done="<storage key>" (the thank-you page, reached only after a successful send)
// forgets that form. Nothing leaves the browser.
(() => {
  const done = document.querySelector("[data-autosave-done]");
  if (done) {
    try {
      localStorage.removeItem(done.getAttribute("data-autosave-done"));
    } catch {
      // Storage disabled: nothing was saved.
    }
  }
  const form = document.querySelector("form[data-autosave]");
  if (!form) return;
  const key = form.getAttribute("data-autosave");
  const skip = new Set(["_csrf", "idempotencyKey", "versionId", "step"]);
  const fields = () => [...form.elements].filter((el) => el.name && !skip.has(el.name));
  const idempotency = form.elements.namedItem("idempotencyKey");
  const version = form.elements.namedItem("versionId");
  const save = () => {
    const values = {};
    for (const el of fields()) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) values[el.name] = [...(values[el.name] ?? []), el.value];
      } else values[el.name] = [el.value];
    }
    try {
      localStorage.setItem(
        key,
        JSON.stringify({ idempotencyKey: idempotency?.value, versionId: version?.value, values }),
      );
    } catch {
      // Storage full or disabled: the form still works.
    }
  };
  let saved;
  try {
    saved = JSON.parse(localStorage.getItem(key) ?? "null");
  } catch {
    saved = null;
  }
  // Restore only into an untouched form (what the server sent back after an error wins), and only what
  // was saved for the same survey version: another version has other questions.
  const untouched = fields().every((el) =>
    el.type === "checkbox" || el.type === "radio" ? !el.checked : el.tagName === "SELECT" || el.value === "",
  );
  if (saved?.values && untouched && saved.versionId === version?.value) {
    for (const el of fields()) {
      const values = saved.values[el.name];
      if (!values) continue;
      if (el.type === "checkbox" || el.type === "radio") el.checked = values.includes(el.value);
      else el.value = values[0] ?? "";
    }
    if (idempotency && typeof saved.idempotencyKey === "string") idempotency.value = saved.idempotencyKey;
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  const hint = form.querySelector(".lots-autosave-hint");
  if (hint) hint.hidden = false;
})();
