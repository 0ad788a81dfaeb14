// Placeholder, filled in by issue 3.
export function ComplaintPage() {
  return <h1>Coming soon</h1>;
}
