// Starts the moderator console (a separate module file: the console's CSP allows no inline script).
import init from "/console/tryggve_console.js";
await init({ module_or_path: "/console/tryggve_console_bg.wasm" });
