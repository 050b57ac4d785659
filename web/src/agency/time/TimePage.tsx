export default function TimePage() {
  return <p>TimePage</p>;
}
