export default function RequestPage() {
  return <p>RequestPage</p>;
}
