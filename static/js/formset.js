// "Tambah baris" on a formset page. Without JavaScript the button submits and the server answers with
// more empty rows; with it, the button clones the formset's empty form in place and counts it in
// TOTAL_FORMS, so nothing is sent until the user saves.
document.querySelectorAll("button[data-add-row]").forEach((button) => {
  const prefix = button.dataset.prefix;
  const rows = document.getElementById(button.dataset.target);
  const template = document.getElementById(button.dataset.template);
  const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
  const max = document.getElementById(`id_${prefix}-MAX_NUM_FORMS`);
  const status = document.querySelector("[data-add-row-status]");
  if (!rows || !template || !total) return;
  button.addEventListener("click", (event) => {
    event.preventDefault();
    const index = Number(total.value);
    if (max && index >= Number(max.value)) {
      if (status) status.textContent = button.dataset.fullText;
      return;
    }
    const html = template.innerHTML.replaceAll("__prefix__", String(index)).replaceAll("__number__", String(index + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    const added = rows.lastElementChild;
    const first = added && added.querySelector("select, input:not([type=hidden])");
    if (first) first.focus();
  });
});
