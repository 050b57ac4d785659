export default function RequestsPage() {
  return <p>RequestsPage</p>;
}
