// Placeholder, filled in by issue 3.
export function CorrectiveActionsPage() {
  return <h1>Coming soon</h1>;
}
