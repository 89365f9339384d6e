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
  const label = button.textContent;
  const done = () => {
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = label; }, 2000);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(source.value).then(done, () => { source.select(); });
  } else {
    source.select();
    document.execCommand("copy");
    done();
  }
});

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
