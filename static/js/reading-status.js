// While the server reads an uploaded SK, ask every few seconds whether it is done. When it is, reload
// so the form shows what was read, unless the admin already started typing: then only say it is ready.
(function () {
  const box = document.querySelector("[data-reading-status]");
  if (!box) return;
  const form = document.querySelector("[data-testid=draft-form]");
  let typed = false;
  if (form) form.addEventListener("input", function () { typed = true; });

  function check() {
    fetch(box.dataset.readingStatus, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.pending) {
          setTimeout(check, 3000);
        } else if (!typed) {
          window.location.reload();
        } else {
          box.classList.replace("alert-info", "alert-success");
          box.querySelector("a").textContent = box.dataset.readyText;
        }
      })
      .catch(function () { setTimeout(check, 10000); });
  }
  setTimeout(check, 3000);
})();
