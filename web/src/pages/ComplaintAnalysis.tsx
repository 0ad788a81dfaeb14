// Placeholder, filled in by issue 3.
export function ComplaintAnalysisPage() {
  return <h1>Coming soon</h1>;
}
