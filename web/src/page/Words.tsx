// Text for people, with `backquoted` parts (commands, file names) set as
// code. Only text: nothing in it becomes markup or a link.
export function Words({ text }: { text: string }) {
  return (
    <>
      {text.split("`").map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}
    </>
  );
}
