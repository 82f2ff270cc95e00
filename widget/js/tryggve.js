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
  // The configuration's path, written in by the build from the API's table in core.
  const CONFIG_PATH = "__TRYGGVE_CONFIG_PATH__";

  function loadScript(src) {
    return new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = src;
      tag.onload = resolve;
      tag.onerror = () => reject(new Error("could not load " + src));
      document.head.appendChild(tag);
    });
  }

  // On a slow connection every round trip costs half a second or more. So everything a widget
  // needs is asked for at once, when the first element appears, instead of each piece once the
  // one before it has arrived: the WebAssembly with its JavaScript glue, Leaflet, the
  // stylesheets (the shadow root's links then find them in the cache) and the configuration.
  // Each element has a WebAssembly module of its own (`tryggve_report`, `tryggve_dialog`).
  const modules = new Map();
  function loadModule(name) {
    if (!modules.has(name)) {
      const wasm = fetch(assets + name + "_bg.wasm");
      modules.set(name, import(assets + name + ".js").then(async (module) => {
        await module.default({ module_or_path: wasm });
        return module;
      }));
    }
    return modules.get(name);
  }

  const warmed = new Set();
  function warm(file) {
    if (warmed.has(file)) return;
    warmed.add(file);
    fetch(assets + file).then((r) => r.arrayBuffer()).catch(() => {});
  }

  // The language the widget will speak, chosen as `locale_for` in the widget does: the element's
  // `lang`, else the page's, else the browser's, the first we speak (else Swedish). Only Swedish
  // is compiled into the widget; another language's words are a file of their own.
  const SPOKEN = ["sv", "en", "fi", "ar"];
  function widgetLanguage(element) {
    const tags = [element.getAttribute("lang"), document.documentElement.getAttribute("lang"), navigator.language];
    const primary = tags.map((tag) => (tag || "").split(/[-_]/)[0].trim().toLowerCase());
    return primary.find((tag) => SPOKEN.includes(tag)) || "sv";
  }

  let leaflet;
  function loadLeaflet() {
    if (!leaflet) leaflet = window.L ? Promise.resolve() : loadScript(assets + "leaflet.js");
    return leaflet;
  }

  // One element class per widget; `module` names its WebAssembly module and `mount` the
  // function there that draws it.
  function defineElement(name, module, mount, needsMap) {
    if (customElements.get(name)) return;
    customElements.define(name, class extends HTMLElement {
      connectedCallback() {
        if (this.tryggveMounted) return;
        this.tryggveMounted = true;
        warm("tryggve.css");
        const language = widgetLanguage(this);
        if (language !== "sv") warm("locales/" + language + ".ftl");
        const tenant = this.getAttribute("tenant");
        if (needsMap) {
          warm("leaflet.css");
          // Taken (once) by the report widget instead of asking again.
          if (tenant) this.tryggveConfig = fetch(edge + CONFIG_PATH.replace("{tenant}", encodeURIComponent(tenant)));
        }
        Promise.all([loadModule(module), needsMap ? loadLeaflet() : null])
          .then(([module]) => module[mount](this, edge, assets))
          .catch((error) => {
            this.tryggveMounted = false;
            console.error("Tryggve could not start:", error);
          });
      }
    });
  }

  defineElement("tryggve-report", "tryggve_report", "mount_report", true);
  defineElement("tryggve-dialog", "tryggve_dialog", "mount_dialog", false);
})();
