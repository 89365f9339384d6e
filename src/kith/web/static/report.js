// The report's charts (no inline script: the CSP allows none). Each <figure data-chart> holds
// its data as JSON (web.mesh_pages.charts): labels along x and named series; drawn with the
// vendored uPlot, as bars or lines, redrawn at the figure's width when the window resizes.
"use strict";
(() => {
  const COLOURS = ["#1f5fbf", "#e07b00", "#2a9d5c", "#9b1c1c"];

  function options(chart, width) {
    const bars = chart.kind === "bars";
    const step = Math.ceil(chart.labels.length / 12); // a label at most every twelfth of the width
    const series = [{ label: "" }].concat(chart.series.map((s, k) => {
      const colour = COLOURS[k % COLOURS.length];
      if (s.kind === "bars") {
        return { label: s.label, stroke: colour, fill: colour + "cc", width: 0,
          paths: uPlot.paths.bars({ size: [0.6, 80] }), points: { show: false } };
      }
      return { label: s.label, stroke: colour, width: 2, points: { show: true, size: 6 } };
    }));
    return {
      width: width,
      height: Math.max(180, Math.min(260, width * 0.5)),
      series: series,
      scales: {
        x: { time: false, range: bars ? [-0.5, chart.labels.length - 0.5] : undefined },
        y: chart.log ? { distr: 3, log: 10 } : { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        { values: (u, ticks) => ticks.map((t) => (Number.isInteger(t) && t % step === 0 ? (chart.labels[t] || "") : "")),
          splits: () => chart.labels.map((_, i) => i), rotate: chart.labels.length > 8 ? -45 : 0, size: chart.labels.length > 8 ? 70 : 40 },
        { size: 56 },
      ],
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
    };
  }

  function data(chart) {
    const xs = chart.labels.map((_, i) => i);
    return [xs].concat(chart.series.map((s) => s.values.map((v) => (v === null ? null : Number(v)))));
  }

  function draw(figure) {
    const chart = JSON.parse(figure.dataset.chart);
    const holder = figure.querySelector(".plot");
    const width = () => Math.max(240, holder.clientWidth || figure.clientWidth);
    const plot = new uPlot(options(chart, width()), data(chart), holder);
    window.addEventListener("resize", () => plot.setSize({ width: width(), height: plot.height }));
    figure.classList.add("drawn");
  }

  function start() {
    if (typeof uPlot === "undefined") return; // the figures' sentences stand without charts
    document.querySelectorAll("figure.chart[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
