// Placeholder, filled in by issue 3.
export function ComplaintStatusPage() {
  return <h1>Coming soon</h1>;
}
