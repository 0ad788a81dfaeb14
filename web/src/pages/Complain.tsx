// Placeholder, filled in by issue 3.
export function ComplainPage() {
  return <h1>Coming soon</h1>;
}
