// The network page's graph: fetches the page's JSON twin (the layout was made on the server)
// and only draws it with sigma.js over graphology. Colours come from the legend's swatches
// (app.css), so the palette lives in one place. Clicking a person opens them.
"use strict";
(() => {
  const box = document.getElementById("network");
  if (!box || !window.Sigma || !window.graphology) return;
  const KNOWN = "#4c566a";
  const INFERRED = "#b8bfca";

  const colours = {};
  document.querySelectorAll(".legend [data-circle]").forEach((item) => {
    const swatch = item.querySelector(".swatch");
    colours[item.dataset.circle] = getComputedStyle(swatch).backgroundColor;
  });

  const params = new URLSearchParams(window.location.search);
  params.set("format", "json");
  fetch("/network?" + params.toString(), { headers: { Accept: "application/json" } })
    .then((response) => response.json())
    .then(draw)
    .catch(() => { box.dataset.state = "failed"; });

  function draw(page) {
    const graph = new graphology.Graph({ type: "undirected" });
    const strongest = page.nodes.reduce((top, node) => Math.max(top, node.strength), 1e-9);
    for (const node of page.nodes) {
      graph.addNode(String(node.id), {
        x: node.x,
        y: node.y,
        size: 2 + 9 * Math.sqrt(node.strength / strongest),
        label: node.name,
        color: colours[node.circle === null ? "" : String(node.circle)] || colours[""],
        shape: node.bridge ? "diamond" : "circle",
      });
    }
    for (const edge of page.edges) {
      // Known links dark and thicker, inferred ones light and thin. (sigma's layerDashed, with
      // a transparent plain layer under it, drew no inferred link at all when tried.)
      graph.mergeEdge(String(edge.source), String(edge.target), {
        size: edge.known ? 1.2 : 0.6,
        color: edge.known ? KNOWN : INFERRED,
      });
    }
    const { DEFAULT_STYLES, rendering } = Sigma;
    const renderer = new Sigma(graph, box, {
      primitives: {
        nodes: { shapes: [rendering.sdfCircle(), rendering.sdfDiamond()], layers: [rendering.layerFill()] },
      },
      styles: {
        nodes: [DEFAULT_STYLES.nodes, { shape: { attribute: "shape" } }],
        edges: [DEFAULT_STYLES.edges],
      },
      settings: { itemSizesReference: "screen", labelRenderedSizeThreshold: 9 },
    });
    renderer.on("clickNode", ({ node }) => { window.location.assign("/people/" + node); });
    renderer.on("enterNode", () => box.classList.add("pointing"));
    renderer.on("leaveNode", () => box.classList.remove("pointing"));
    box.kithSigma = renderer;  // for the end-to-end tests: where a node is drawn
    renderer.once("afterRender", () => {
      box.dataset.nodes = String(graph.order);
      box.dataset.edges = String(graph.size);
      box.dataset.ms = String(Math.round(performance.now()));  // since navigation (bench)
      box.dataset.state = "drawn";
    });
    renderer.refresh();
  }
})();
