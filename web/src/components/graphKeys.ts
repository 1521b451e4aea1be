// The keyboard of a graph drawn with Cytoscape.js (the evidence graph, the
// ecosystem map): the graph is one focusable region; arrow keys step
// through its nodes in a given order, + and - zoom around the middle, 0
// fits, Enter acts on the node stepped to (when the graph has an action).

import type { Core } from "cytoscape";

export interface GraphKeys {
  /** The drawn graph, once there is one. */
  cy: () => Core | null;
  /** The node ids in the order the arrow keys step through. */
  order: () => string[];
  /** Called with the node stepped to (after centring on it). */
  step: (id: string) => void;
  /** Enter on the node stepped to. */
  enter?: (id: string) => void;
  /** The padding of the fit that 0 does. */
  fitPadding: number;
}

export function graphKeys(canvas: HTMLElement, keys: GraphKeys): void {
  let cursor = -1;
  canvas.addEventListener("keydown", (e) => {
    const cy = keys.cy();
    const order = keys.order();
    if (!cy || !order.length) return;
    const middle = { x: canvas.clientWidth / 2, y: canvas.clientHeight / 2 };
    if (e.key === "ArrowRight" || e.key === "ArrowDown") cursor = (cursor + 1) % order.length;
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") cursor = (cursor - 1 + order.length) % order.length;
    else if (e.key === "Enter" && keys.enter && cursor >= 0) keys.enter(order[cursor]);
    else if (e.key === "+" || e.key === "=") cy.zoom({ level: cy.zoom() * 1.2, renderedPosition: middle });
    else if (e.key === "-") cy.zoom({ level: cy.zoom() / 1.2, renderedPosition: middle });
    else if (e.key === "0") cy.fit(undefined, keys.fitPadding);
    else return;
    e.preventDefault();
    if (e.key.startsWith("Arrow")) {
      cy.center(cy.getElementById(order[cursor]));
      keys.step(order[cursor]);
    }
  });
}
