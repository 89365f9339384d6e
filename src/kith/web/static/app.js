// Kith's script for every page (the CSP allows no inline script): the current page's link
// scrolled into the nav's one row on a phone, the draft copy buttons, keyboard focus kept on a
// pick that htmx swapped in after done, skip or snooze, and an introduction's move shown.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const nav = document.querySelector("header nav");
  if (!nav) return;
  const current = nav.querySelector("[aria-current=page]");
  if (current && nav.scrollWidth > nav.clientWidth) {
    nav.scrollLeft = current.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
  }
  const edges = () => {  // fade the side where more links wait, so that it reads as scrollable
    nav.classList.toggle("more-left", nav.scrollLeft > 1);
    nav.classList.toggle("more-right", nav.scrollLeft + nav.clientWidth < nav.scrollWidth - 1);
  };
  nav.addEventListener("scroll", edges, { passive: true });
  edges();
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(source.value).then(
      () => said(button, true), () => said(button, copiedByCommand(source)));
  } else {  // plain http off loopback (a phone on the LAN): no clipboard API
    said(button, copiedByCommand(source));
  }
});

// The old way: select the whole text (setSelectionRange as well, as iOS Safari does not select a
// read-only field with select()) and ask for the copy command. True only when the browser says
// it copied and the whole text was selected: a refused or empty copy is not "Copied".
function copiedByCommand(source) {
  source.focus();
  source.select();
  source.setSelectionRange(0, source.value.length);
  const whole = source.selectionStart === 0 && source.selectionEnd === source.value.length;
  try {
    return document.execCommand("copy") && whole;
  } catch {
    return false;
  }
}

// The button says what happened, then its own label again; when nothing was copied the text
// stays selected, for the phone's own Copy (press and hold).
function said(button, copied) {
  if (!button.dataset.label) button.dataset.label = button.textContent;
  button.textContent = copied ? "Copied" : "Selected: press and hold to copy";
  clearTimeout(button.kithUndo);
  button.kithUndo = setTimeout(() => { button.textContent = button.dataset.label; }, copied ? 2000 : 8000);
}

document.addEventListener("htmx:afterSwap", (event) => {
  const target = event.detail && event.detail.target;
  if (target && target.id === "board") {
    // An introduction moved: what it did, and its message to copy, head the board, a screen or
    // more above the card a phone's thumb tapped. Focus brings them into view.
    const moved = document.querySelector("#board .moved");
    if (moved) {
      moved.tabIndex = -1;
      moved.focus();
    }
    return;
  }
  if (!target || !target.id || !target.id.startsWith("pick-")) return;
  const swapped = document.getElementById(target.id);
  const next = swapped && swapped.querySelector("a, button, textarea");
  if (next) next.focus();
});
