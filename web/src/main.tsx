// The page's entry: renders the page (page/App.tsx) and gives it the one way
// to start the kernel worker. The worker is web/src/kernel/kernel-worker.ts
// (the wasm runtime); the page talks to it only through protocol.ts.
import { createRoot } from "react-dom/client";
import { App } from "./page/App";
import "./page/page.css";

const makeWorker = () => new Worker(new URL("./kernel/kernel-worker.ts", import.meta.url), { type: "module" });

createRoot(document.getElementById("root")!).render(<App makeWorker={makeWorker} />);
