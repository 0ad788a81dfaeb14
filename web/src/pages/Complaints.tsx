// Placeholder, filled in by issue 3.
export function ComplaintsPage() {
  return <h1>Coming soon</h1>;
}
export function NewComplaintPage() {
  return <h1>Coming soon</h1>;
}
