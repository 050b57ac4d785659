export default function ClientPage() {
  return <p>ClientPage</p>;
}
