// After a rejected submission, move focus to the first field with an error so keyboard and
// screen-reader users land on it (the error text is linked through aria-describedby).
function focusFirstError() {
  const invalid = document.querySelector("main :is(input, select, textarea)[aria-invalid='true'], main :is(input, select, textarea).is-invalid");
  if (invalid) invalid.focus();
}
// Also after a page is replaced in place (upload.js writes the server's answer into the document).
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", focusFirstError);
else focusFirstError();
