// The composer's macro button asks the ticket page's "Apply macro" to open its picker: a tiny
// channel, so neither imports the other's state.
type Listener = () => void;
const listeners = new Set<Listener>();

/** Opens the macro picker of the ticket page shown (if any). */
export function requestMacroPicker(): void {
  for (const listener of listeners) listener();
}

/** Listens for requests; answers the function that stops listening. */
export function onMacroPickerRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
