export default function QueuePage() {
  return <p>QueuePage</p>;
}
