export default function ClientsPage() {
  return <p>ClientsPage</p>;
}
