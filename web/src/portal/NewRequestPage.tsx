export default function NewRequestPage() {
  return <p>NewRequestPage</p>;
}
