// The person page's chart: strength and warmth over time, drawn with the vendored uPlot from
// the points the chart element's data-src gives as JSON (the CSP allows no inline script).
"use strict";
(() => {
  const element = document.getElementById("tie-chart");
  if (!element || typeof uPlot === "undefined") return;
  const size = () => ({ width: Math.max(element.clientWidth, 240), height: 220 });
  const draw = (data) => {
    const options = {
      ...size(),
      scales: { y: { range: [0, 1] } },
      axes: [{}, { values: (_, ticks) => ticks.map((v) => v.toFixed(1)) }],
      series: [
        {},
        { label: "Strength", stroke: "#1f5fbf", width: 2 },
        { label: "Warmth", stroke: "#c2410c", width: 2, dash: [6, 4] },
      ],
    };
    const chart = new uPlot(options, [data.t, data.strength, data.warmth], element);
    let pending = 0;
    window.addEventListener("resize", () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => chart.setSize(size()));
    });
  };
  fetch(element.dataset.src, { headers: { Accept: "application/json" }, credentials: "same-origin" })
    .then((answer) => (answer.ok ? answer.json() : Promise.reject(answer.status)))
    .then((page) => draw(page.chart))
    .catch(() => { element.textContent = "The chart could not be loaded."; });
})();
