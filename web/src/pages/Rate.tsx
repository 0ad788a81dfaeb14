// Placeholder, filled in by issue 3.
export function RatePage() {
  return <h1>Coming soon</h1>;
}
