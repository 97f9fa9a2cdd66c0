// Saves a long form in this browser while it is filled in (progressive enhancement; the form works without
// it). A form opts in with data-autosave="<storage key>". On load the saved values come back into empty
// fields; a button with data-clear-autosave (the final "Send") forgets them. Nothing leaves the browser.
(() => {
  const form = document.querySelector("form[data-autosave]");
  const clear = document.querySelector("[data-clear-autosave]");
  if (clear) {
    clear.form?.addEventListener("submit", () => {
      for (let i = localStorage.length - 1; i >= 0; i--) {
        const key = localStorage.key(i);
        if (key?.startsWith("lots-needs:")) localStorage.removeItem(key);
      }
    });
  }
  if (!form) return;
  const key = form.getAttribute("data-autosave");
  const skip = new Set(["_csrf", "idempotencyKey", "versionId", "step"]);
  const fields = () => [...form.elements].filter((el) => el.name && !skip.has(el.name));
  const save = () => {
    const data = {};
    for (const el of fields()) {
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) data[el.name] = [...(data[el.name] ?? []), el.value];
      } else data[el.name] = [el.value];
    }
    try {
      localStorage.setItem(key, JSON.stringify(data));
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
  // Restore only into an untouched form: what the server sent back (after an error) wins.
  const untouched = fields().every((el) =>
    el.type === "checkbox" || el.type === "radio" ? !el.checked : el.tagName === "SELECT" || el.value === "",
  );
  if (saved && untouched) {
    for (const el of fields()) {
      const values = saved[el.name];
      if (!values) continue;
      if (el.type === "checkbox" || el.type === "radio") el.checked = values.includes(el.value);
      else el.value = values[0] ?? "";
    }
  }
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  const hint = form.querySelector(".lots-autosave-hint");
  if (hint) hint.hidden = false;
})();
