// The page's entry. (A placeholder until the page lands: it starts the
// kernel worker and shows what it says.)
import { createRoot } from "react-dom/client";

function App() {
  return <p>Zero OS is starting…</p>;
}

createRoot(document.getElementById("root")!).render(<App />);
