// Kith's only script of its own (the CSP allows no inline script): the draft copy buttons.
"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  const done = () => { button.textContent = "Copied"; };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(source.value).then(done, () => { source.select(); });
  } else {
    source.select();
    document.execCommand("copy");
    done();
  }
});
