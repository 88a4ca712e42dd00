// Entry point for the vendored bundle assets/js/sigma-graphology.min.js.
// Built by scripts/vendor/refresh-js.sh; exposes two globals for network-explorer.js.
import Graph from "graphology";
import Sigma from "sigma";

window.graphology = Graph; // Graph, with Graph.UndirectedGraph etc. as in graphology's UMD build
window.Sigma = Sigma;
