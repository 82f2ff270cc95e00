// Tryggve embed loader. Include with:
//   <script src="https://EDGE/widget/tryggve.js" defer></script>
//   <tryggve-report tenant="demo"></tryggve-report>
//   <tryggve-dialog tenant="demo" dialogue="1"></tryggve-dialog>   (without `dialogue`: a list)
// It defines the custom elements and loads the WebAssembly widget once, from the same place
// this script came from. It adds nothing to the host page but the elements' shadow roots and,
// if the page has a report form and no Leaflet of its own, Leaflet's global `L`.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || !script.src) return;
  const assets = new URL(".", script.src).href;
  const edge = new URL(script.src).origin;

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = () => reject(new Error("could not load " + src));
      document.head.appendChild(tag);
    });
  }

  let widget;
  function loadWidget() {
    if (!widget) {
      widget = (async () => {
        const module = await import(assets + "tryggve_widget.js");
        await module.default({ module_or_path: assets + "tryggve_widget_bg.wasm" });
        return module;
      })();
    }
    return widget;
  }

  let leaflet;
  function loadLeaflet() {
    if (!leaflet) leaflet = window.L ? Promise.resolve() : loadScript(assets + "leaflet.js");
    return leaflet;
  }

  // One element class per widget; `mount` names the WebAssembly function that draws it.
  function defineElement(name, mount, needsMap) {
    if (customElements.get(name)) return;
    customElements.define(name, class extends HTMLElement {
      connectedCallback() {
        if (this.tryggveMounted) return;
        this.tryggveMounted = true;
        Promise.all([loadWidget(), needsMap ? loadLeaflet() : null])
          .then(([module]) => module[mount](this, edge, assets))
          .catch((error) => {
            this.tryggveMounted = false;
            console.error("Tryggve could not start:", error);
          });
      }
    });
  }

  defineElement("tryggve-report", "mount_report", true);
  defineElement("tryggve-dialog", "mount_dialog", false);
})();
