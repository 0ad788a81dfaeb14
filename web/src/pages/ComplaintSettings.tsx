// Placeholder, filled in by issue 3.
export function ComplaintSettingsPage() {
  return <h1>Coming soon</h1>;
}
