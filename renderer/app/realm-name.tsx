/**
 * The realm the window works on, beside the app's name: an operator who runs
 * several realms sees which one these containers and launches belong to.
 */
export function RealmName({ realm }: { realm: string | null }) {
  if (realm === null) return null;
  return (
    <span
      className="realm-name"
      title="Only this realm's containers are listed, launched and stopped here"
    >
      realm <strong>{realm}</strong>
    </span>
  );
}
